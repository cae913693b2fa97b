"""Decision-rights frameworks: their letters, who the single final decider is, and the
problems to fix before pressure hits (no decider, two deciders, no forum, one overloaded role).
Also how letters carry over when the room switches framework, and the four situations that
every leadership team meets, as templates.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import FRAMEWORK_LETTERS, Decision, Workshop, free_ids

LETTERS = FRAMEWORK_LETTERS

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
    """A situation that will happen, with the usual owner, response and escalation path, and
    the cadence of the forum where it is usually taken, to pre-fill the matrix."""

    situation: str
    owner: str
    response: str
    escalation: str = ""
    cadence: str = ""


GOVERNANCE_TEMPLATES: tuple[GovernanceTemplate, ...] = (
    GovernanceTemplate("Priority conflict between functions", "Named executive sponsor",
                       "Decide within the review cycle",
                       "Not settled within one review cycle: the CEO decides at the next monthly review",
                       "monthly"),
    GovernanceTemplate("A shared dependency slips", "Cross-functional initiative owner",
                       "Escalate with the impact and the options",
                       "Within 48 hours to the weekly review, with the impact and two options; "
                       "still blocked a week later: the monthly review",
                       "weekly"),
    GovernanceTemplate("A team misses a key result", "Functional leader and KR owner",
                       "Recovery plan with explicit next steps",
                       "Missed twice in a row: the monthly review resets the target or the plan",
                       "monthly"),
    GovernanceTemplate("A new initiative arrives mid-cycle", "Senior leadership forum",
                       "Approve, defer or reject",
                       "Disputed: it waits for the quarterly reset; nothing starts before",
                       "monthly"),
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


# ----- the matrix as the room sees it -------------------------------------------------------

SEVERITY: dict[str, str] = {"no_decider": "problem", "multiple_deciders": "problem",
                            "no_forum": "warning", "bottleneck": "warning"}

CHECK_LABEL: dict[str, str] = {
    "no_decider": "No decider",
    "multiple_deciders": "Several deciders",
    "no_forum": "No forum",
    "bottleneck": "Bottleneck",
}


@dataclass(frozen=True)
class Finding:
    """One problem or warning, located in the matrix: a row (``decision``) or a column (``role``)."""

    code: str
    text: str
    decision: str | None = None
    role: str | None = None

    @property
    def severity(self) -> str:
        return SEVERITY[self.code]


@dataclass(frozen=True)
class MatrixCheck:
    """Everything the matrix marks: findings in reading order, and the same findings by row and by role."""

    findings: tuple[Finding, ...]
    by_decision: Mapping[str, tuple[str, ...]]  # decision id -> codes
    bottlenecks: Mapping[str, int]  # role id -> how many rows it decides


def check(ws: Workshop) -> MatrixCheck:
    """Problems first (each decision in order), then warnings, with sentences that name the place."""
    situations = {d.id: d.situation for d in ws.decisions}
    labels = {r.id: r.label for r in ws.roles}
    found: list[Finding] = [
        Finding(p["problem"], f"{situations[p['decision']]}: {PROBLEM_TEXT[p['problem']]}", decision=p["decision"])
        for p in problems(ws)
    ]
    bottlenecks: dict[str, int] = {}
    for w in warnings(ws):
        if w["warning"] == "bottleneck":
            bottlenecks[w["role"]] = w["decisions"]
            label = labels.get(w["role"], w["role"])
            text = (f"{label} is the final decider for {w['decisions']} of {len(ws.decisions)} decisions, far more "
                    "than anyone else: under pressure everything queues there.")
            found.append(Finding("bottleneck", text, role=w["role"]))
        else:
            found.append(Finding(w["warning"], f"{situations[w['decision']]}: {WARNING_TEXT[w['warning']]}",
                                 decision=w["decision"]))
    by_decision: dict[str, list[str]] = {}
    for f in found:
        if f.decision:
            by_decision.setdefault(f.decision, []).append(f.code)
    return MatrixCheck(tuple(found), {k: tuple(v) for k, v in by_decision.items()}, bottlenecks)


# ----- switching framework --------------------------------------------------------------------

# Letters with an obvious counterpart in another framework. The final decider always maps to the
# final decider; the rest by what the role does (RAPID's Perform does the work like RACI's
# Responsible; RAPID's Input is RACI's Consulted and DACI's Contributor; RAPID's Recommend drives
# the decision like DACI's Driver). A letter missing here has no obvious counterpart: ask.
LETTER_MAP: dict[tuple[str, str], dict[str, str]] = {
    ("RAPID", "RACI"): {"D": "A", "P": "R", "I": "C"},
    ("RAPID", "DACI"): {"D": "A", "R": "D", "I": "C"},
    ("RACI", "RAPID"): {"A": "D", "R": "P", "C": "I"},
    ("RACI", "DACI"): {"A": "A", "C": "C", "I": "I"},
    ("DACI", "RAPID"): {"A": "D", "D": "R", "C": "I"},
    ("DACI", "RACI"): {"A": "A", "C": "C", "I": "I"},
}

# What the question proposes for a letter without an obvious counterpart ("" leaves the cell empty).
SUGGESTED: dict[tuple[str, str], dict[str, str]] = {
    ("RAPID", "RACI"): {"R": "R", "A": "C"},  # Recommend prepares the work; Agree loses its veto
    ("RAPID", "DACI"): {"P": "I", "A": "C"},  # DACI has no one who carries out; Agree loses its veto
    ("RACI", "RAPID"): {"I": ""},  # RAPID's I gives input before; nobody is merely told afterwards
    ("RACI", "DACI"): {"R": "D"},  # the one doing the work usually drives the decision too
    ("DACI", "RAPID"): {"I": ""},
    ("DACI", "RACI"): {"D": "R"},
}


def counterpart(source: str, target: str, letter: str) -> str | None:
    """The obvious letter in ``target`` for ``letter`` of ``source``, or None when there is none."""
    if source == target:
        return letter if letter in LETTERS[target] else None
    return LETTER_MAP[(source, target)].get(letter)


def suggestion(source: str, target: str, letter: str) -> str:
    """The proposed answer for a letter without an obvious counterpart ("" = leave empty)."""
    return SUGGESTED.get((source, target), {}).get(letter, "")


def letters_to_ask(ws: Workshop, target: str) -> list[str]:
    """Letters used in the matrix that have no obvious counterpart in ``target``, in the
    source framework's order (stray letters that belong to no framework last)."""
    used = {letter for d in ws.decisions for letter in d.assignments.values()}
    missing = {letter for letter in used if counterpart(ws.framework, target, letter) is None}
    order = list(LETTERS[ws.framework])
    return sorted(missing, key=lambda letter: (order.index(letter) if letter in order else len(order), letter))


def remap(ws: Workshop, target: str, answers: Mapping[str, str] | None = None) -> list[tuple[Decision, Decision]]:
    """The decisions whose letters change when the matrix moves to ``target``, as (before, after).

    Obvious counterparts are taken as they are; ``answers`` gives the letter for each one in
    ``letters_to_ask`` ("" empties those cells). Raises ValueError when an answer is missing or
    not a letter of ``target``.
    """
    answers = dict(answers or {})
    for letter in letters_to_ask(ws, target):
        if letter not in answers:
            raise ValueError(f"{ws.framework} {letter!r} has no obvious counterpart in {target}: say what it becomes")
        if answers[letter] not in ("", *LETTERS[target]):
            raise ValueError(f"{answers[letter]!r} is not a {target} letter")
    changes: list[tuple[Decision, Decision]] = []
    for d in ws.decisions:
        mapped = {}
        for role, letter in d.assignments.items():
            new = counterpart(ws.framework, target, letter)
            new = answers[letter] if new is None else new
            if new:
                mapped[role] = new
        if mapped != d.assignments:
            changes.append((d, dataclasses.replace(d, assignments=mapped)))
    return changes


# ----- starting from the templates -----------------------------------------------------------


def from_templates(ws: Workshop, picks: Sequence[tuple[GovernanceTemplate, str | None]]) -> list[Decision]:
    """New decisions for the chosen templates, each with its response and escalation path, the
    first forum of the template's cadence, and the chosen role (or nobody yet) as the decider."""
    ids = free_ids("d", (d.id for d in ws.decisions))
    roles = {r.id for r in ws.roles}
    made = []
    for template, role in picks:
        forum = next((f.id for f in ws.forums if f.cadence == template.cadence), None)
        assignments = {role: DECIDER[ws.framework]} if role in roles else {}
        made.append(Decision(next(ids), template.situation, assignments, forum, template.response,
                             template.escalation))
    return made


def unused_templates(ws: Workshop) -> list[GovernanceTemplate]:
    """The templates whose situation is not in the matrix yet (compared without case)."""
    present = _folded(d.situation for d in ws.decisions)
    return [t for t in GOVERNANCE_TEMPLATES if t.situation.strip().casefold() not in present]


def _folded(texts: Iterable[str]) -> set[str]:
    return {t.strip().casefold() for t in texts}
