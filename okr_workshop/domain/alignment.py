"""The alignment check and the diagnosis: how far the leaders' private answers agree, and
whether the warning signs point at execution design rather than effort.

Low agreement is the finding, not a failure of the exercise: leaders who name different
priorities in private will steer their teams in different directions in public.
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

from .model import SIGNALS, Workshop

QUESTION_LABELS: dict[str, str] = {
    "top_priorities": "What are our top priorities this quarter?",
    "stop_or_wait": "What should stop, or wait, so that those can happen?",
    "dependencies": "Which cross-functional dependencies could derail delivery?",
}

# signal -> (what the room sees, what it usually means)
SIGNAL_MEANINGS: dict[str, tuple[str, str]] = {
    "initiatives_added_mid_quarter": (
        "Teams keep adding initiatives mid-quarter",
        "Priorities are not protected.",
    ),
    "managers_cannot_say_no": (
        "Managers struggle to say no",
        "Leadership has not made the trade-offs explicit.",
    ),
    "green_reports_outcomes_lag": (
        "Every function reports green, yet company outcomes lag",
        "Activity is being tracked instead of impact.",
    ),
    "cross_functional_work_slow": (
        "Cross-functional projects move slowly",
        "Dependencies are not owned end to end.",
    ),
}

EXECUTION_DESIGN_THRESHOLD = 2

# Starting points for the blunt statements that close the diagnosis; the room rewrites them.
EXAMPLE_STATEMENTS: tuple[str, ...] = (
    "We have strong intent but weak alignment across functions.",
    "We carry too many priorities and have no not-now list anyone enforces.",
    "We review progress often, yet nobody owns the outcome.",
    "People are accountable inside their functions, not across them.",
    "We can say what we are doing, but not what we have chosen not to do.",
)

ACCOUNTABILITY_QUESTIONS: tuple[str, ...] = (
    "Who owns the customer outcome, not just the plan?",
    "Who decides when priorities conflict?",
    "Who escalates a blocked dependency, and to whom?",
    "Who closes the loop once a decision is made?",
)


class AnswerGroup(NamedTuple):
    """One answer as the room sees it on the reveal screen. ``participants`` is for the
    facilitator's eyes only; the projector shows the item and the count."""

    item: str
    count: int
    participants: list[str]


def normalise(item: str) -> str:
    """The comparison key: "Cut onboarding " and "cut Onboarding" are the same answer."""
    return item.strip().casefold()


def _answers(ws: Workshop, question: str, role: str | None) -> list[tuple[str, list[str]]]:
    """(participant, items) for the people in ``role`` (None = everyone) who answered."""
    roles = {p.id: p.role for p in ws.participants}
    return [
        (a.participant, list(a.items))
        for a in ws.alignment_answers
        if a.question == question and (role is None or roles.get(a.participant) == role)
    ]


def jaccard(a: set[str], b: set[str]) -> float:
    """Overlap of two answer sets; two empty answers agree completely (on having nothing)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def agreement(ws: Workshop, question: str, role: str | None = "executive") -> float | None:
    """Mean pairwise Jaccard similarity of the answer sets; None when under two people answered.

    ``role`` defaults to the executives, the group the check is designed for; pass
    "participant" to repeat it with department heads, or None for everyone.
    """
    sets = [{normalise(i) for i in items if i.strip()} for _, items in _answers(ws, question, role)]
    if len(sets) < 2:
        return None
    pairs = [jaccard(a, b) for a, b in combinations(sets, 2)]
    return sum(pairs) / len(pairs)


def answer_groups(ws: Workshop, question: str, role: str | None = "executive") -> list[AnswerGroup]:
    """The distinct answers, most named first (ties in order of first mention).

    Each is shown in the spelling first given (trimmed); a person naming the same thing twice
    counts once.
    """
    display: dict[str, str] = {}
    who: dict[str, list[str]] = {}
    for participant, items in _answers(ws, question, role):
        for item in items:
            key = normalise(item)
            if not key:
                continue
            display.setdefault(key, item.strip())
            names = who.setdefault(key, [])
            if participant not in names:
                names.append(participant)
    groups = [AnswerGroup(display[k], len(names), names) for k, names in who.items()]
    return sorted(groups, key=lambda g: -g.count)


def signal_count(ws: Workshop) -> int:
    """How many of the four warning signs the room said are present."""
    return len(set(ws.diagnosis.signals) & set(SIGNALS))


def execution_design_problem(ws: Workshop) -> bool:
    """Two or more signs mean the problem is how execution is designed, not how hard people try."""
    return signal_count(ws) >= EXECUTION_DESIGN_THRESHOLD

