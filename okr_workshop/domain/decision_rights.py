"""Decision-rights frameworks: their letters, who the single final decider is, and the
problems to fix before pressure hits (no decider, two deciders, no forum, one overloaded role).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .model import Workshop

LETTERS: dict[str, tuple[str, ...]] = {
    "RAPID": ("R", "A", "P", "I", "D"),
    "RACI": ("R", "A", "C", "I"),
    "DACI": ("D", "A", "C", "I"),
}

# The letter that marks the one final decider in each framework.
DECIDER: dict[str, str] = {"RAPID": "D", "RACI": "A", "DACI": "A"}

# letter -> (name, what the role does), for the matrix legend and the PDF.
LETTER_MEANINGS: dict[str, dict[str, tuple[str, str]]] = {
    "RAPID": {
        "R": ("Recommend", "Proposes the decision and gathers the facts."),
        "A": ("Agree", "Must sign off on the recommendation; can send it back."),
        "P": ("Perform", "Carries the decision out once it is made."),
        "I": ("Input", "Is consulted for facts and views; does not hold a veto."),
        "D": ("Decide", "Makes the final call and commits the organisation."),
    },
    "RACI": {
        "R": ("Responsible", "Does the work."),
        "A": ("Accountable", "Owns the outcome and makes the final call."),
        "C": ("Consulted", "Gives input before the decision."),
        "I": ("Informed", "Is told once the decision is made."),
    },
    "DACI": {
        "D": ("Driver", "Moves the decision along and brings it to a close."),
        "A": ("Approver", "Makes the final call."),
        "C": ("Contributor", "Brings knowledge and a view."),
        "I": ("Informed", "Is told once the decision is made."),
    },
}

PROBLEM_TEXT: dict[str, str] = {
    "no_decider": "Nobody makes the final call, so the decision will drift or escalate by default.",
    "multiple_deciders": "More than one final decider: each can block the other, and nobody owns it.",
}

WARNING_TEXT: dict[str, str] = {
    "no_forum": "No forum takes this decision, so nobody knows where to bring it.",
    "bottleneck": "One role is the final decider for far more situations than anyone else.",
}

# A role is a bottleneck when it decides at least this many rows and twice as many as anyone else.
BOTTLENECK_MINIMUM = 3


@dataclass(frozen=True)
class GovernanceTemplate:
    """A situation that will happen, with the usual owner and response, to pre-fill the matrix."""

    situation: str
    owner: str
    response: str


GOVERNANCE_TEMPLATES: tuple[GovernanceTemplate, ...] = (
    GovernanceTemplate("Priority conflict between functions", "Named executive sponsor",
                       "Decide within the review cycle"),
    GovernanceTemplate("A shared dependency slips", "Cross-functional initiative owner",
                       "Escalate with the impact and the options"),
    GovernanceTemplate("A team misses a key result", "Functional leader and KR owner",
                       "Recovery plan with explicit next steps"),
    GovernanceTemplate("A new initiative arrives mid-cycle", "Senior leadership forum",
                       "Approve, defer or reject"),
)


def deciders(framework: str, assignments: dict[str, str]) -> list[str]:
    """The roles holding the final-decider letter in one row, in the row's order."""
    letter = DECIDER[framework]
    return [role for role, given in assignments.items() if given == letter]


def problems(ws: Workshop) -> list[dict[str, str]]:
    """Rows without exactly one final decider, in decision order."""
    found: list[dict[str, str]] = []
    for d in ws.decisions:
        count = len(deciders(ws.framework, d.assignments))
        if count == 0:
            found.append({"decision": d.id, "problem": "no_decider"})
        elif count > 1:
            found.append({"decision": d.id, "problem": "multiple_deciders"})
    return found


def warnings(ws: Workshop) -> list[dict[str, Any]]:
    """Softer concerns: decisions with no forum (in decision order), then overloaded roles
    (busiest first) as {"role", "warning": "bottleneck", "decisions": n}."""
    found: list[dict[str, Any]] = [
        {"decision": d.id, "warning": "no_forum"} for d in ws.decisions if not d.forum
    ]
    load = Counter(role for d in ws.decisions for role in deciders(ws.framework, d.assignments))
    for role, count in load.most_common():
        others = [c for r, c in load.items() if r != role]
        if count >= BOTTLENECK_MINIMUM and count >= 2 * max(others, default=0):
            found.append({"role": role, "warning": "bottleneck", "decisions": count})
    return found
