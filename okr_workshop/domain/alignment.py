"""The alignment check and the diagnosis: how far the leaders' private answers agree, and
whether the warning signs point at execution design rather than effort.

Low agreement is the finding, not a failure of the exercise: leaders who name different
priorities in private will steer their teams in different directions in public.
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

from .model import NOBODY, QUESTIONS, SIGNALS, Workshop
from .themes import counted_as, normalise, themes_of

QUESTION_LABELS: dict[str, str] = {
    "top_priorities": "What are our top priorities this quarter?",
    "stop_or_wait": "What should stop, or wait, so that those can happen?",
    "dependencies": "Which cross-functional dependencies could derail delivery?",
}

# The same questions in a few words, for tabs, buttons and chart titles.
QUESTION_SHORT: dict[str, str] = {
    "top_priorities": "Top priorities",
    "stop_or_wait": "Stop or wait",
    "dependencies": "Dependencies",
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
# What each accountability question asks about, to say plainly when nobody owns it.
ACCOUNTABILITY_SUBJECTS: tuple[str, ...] = (
    "the customer outcome",
    "the call when priorities conflict",
    "the escalation of blocked dependencies",
    "closing the loop on decisions",
)

# Agreement (mean pairwise Jaccard) below this is wide variation: the leaders tell different
# stories. Three-item answers sharing one item score 0.2; sharing two, 0.5; all three, 1.0.
NARRATIVE_PROBLEM_BELOW = 0.35
# From here on the leaders broadly name the same things.
SHARED_STORY_FROM = 0.6

AGREEMENT_VERDICTS: dict[str, str] = {
    "narrative_problem": "Wide variation: a leadership narrative problem, not an alignment success.",
    "partial": "Partial overlap: the leaders share part of the story, not all of it.",
    "shared": "The leaders broadly name the same things: a shared story to build on.",
}

# How many of the answering people named one answer: the reveal groups and colours by this.
ANSWER_KINDS: dict[str, str] = {
    "everyone": "everyone named it",
    "several": "several named it",
    "one": "only one named it",
}


class AnswerGroup(NamedTuple):
    """One answer as the room sees it on the reveal screen. ``participants`` is for the
    facilitator's eyes only; the projector shows the item and the count."""

    item: str
    count: int
    participants: list[str]


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


def _answer_sets(ws: Workshop, question: str, role: str | None, raw: bool) -> list[set[str]]:
    key = normalise if raw or not themes_of(ws, question) else counted_as(ws, question)
    return [{key(i) for i in items if i.strip()} for _, items in _answers(ws, question, role)]


def _mean_pairwise(sets: list[set[str]]) -> float | None:
    if len(sets) < 2:
        return None
    pairs = [jaccard(a, b) for a, b in combinations(sets, 2)]
    return sum(pairs) / len(pairs)


def agreement(ws: Workshop, question: str, role: str | None = "executive", raw: bool = False) -> float | None:
    """Mean pairwise Jaccard similarity of the answer sets; None when under two people answered.

    Answers the facilitator grouped count as their theme (an ungrouped one as itself, trimmed and
    case-folded); ``raw`` compares the wording only, as before themes. ``role`` defaults to the
    executives, the group the check is designed for; "participant" is the department heads (the
    level-lower check), None everyone.
    """
    return _mean_pairwise(_answer_sets(ws, question, role, raw))


def levels(ws: Workshop, question: str) -> dict[str, float | None]:
    """The check a level lower: agreement among executives, among department heads, and "across",
    the mean Jaccard over every executive and department-head pair (None without one of each)."""
    leaders = _answer_sets(ws, question, "executive", False)
    heads = _answer_sets(ws, question, "participant", False)
    across = [jaccard(a, b) for a in leaders for b in heads]
    return {"executive": _mean_pairwise(leaders), "participant": _mean_pairwise(heads),
            "across": sum(across) / len(across) if across else None}


def answer_groups(ws: Workshop, question: str, role: str | None = "executive") -> list[AnswerGroup]:
    """The distinct answers, grouped answers as their theme, most named first (ties in order of
    first mention).

    Each is shown as its theme's label or in the spelling first given (trimmed); a person naming
    the same thing twice counts once.
    """
    key = counted_as(ws, question)
    labels = {f"theme:{t.id}": t.label for t in themes_of(ws, question)}
    display: dict[str, str] = {}
    who: dict[str, list[str]] = {}
    for participant, items in _answers(ws, question, role):
        for item in items:
            k = key(item)
            if not k:
                continue
            display.setdefault(k, labels.get(k, item.strip()))
            names = who.setdefault(k, [])
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



def agreement_level(score: float | None) -> str | None:
    """"narrative_problem", "partial" or "shared" for an agreement score; None without a score.

    A low score is the finding the check exists for, so it gets its own name rather than a grade.
    """
    if score is None:
        return None
    if score < NARRATIVE_PROBLEM_BELOW:
        return "narrative_problem"
    if score < SHARED_STORY_FROM:
        return "partial"
    return "shared"


def agreement_verdict(score: float | None) -> str:
    """What the room is told about an agreement score, in plain words."""
    level = agreement_level(score)
    if level is None:
        return "Not enough answers yet: agreement needs at least two executives."
    return AGREEMENT_VERDICTS[level]


def agreement_percent(score: float | None) -> int | None:
    """The score as a whole percentage, the way the screens show it (0.2197 -> 22)."""
    return None if score is None else round(score * 100)


def answer_kind(count: int, responses: int) -> str:
    """"everyone", "several" or "one": how widely an answer named by ``count`` of ``responses``
    people was shared. One person alone is "one", even when nobody else answered."""
    if count <= 1:
        return "one"
    return "everyone" if count >= responses else "several"


def responses(ws: Workshop, question: str, role: str | None = "executive") -> int:
    """How many people (of ``role``) answered ``question``."""
    return len({participant for participant, _ in _answers(ws, question, role)})


def spread_summary(people: int, distinct: int, who: str = "executive") -> str:
    """How scattered the answers are, in one sentence: "8 executives gave 17 different answers"."""
    if people == 0:
        return f"No {who} has answered yet."
    answers = "1 answer" if distinct == 1 else f"{distinct} different answers"
    return f"{people} {who}{'s' if people != 1 else ''} gave {answers}."


def spread_breakdown(counts: list[int], people: int) -> str:
    """Which answers were shared: "none named by everyone, 5 by several people, 8 by only one person"."""
    kinds = [answer_kind(c, people) for c in counts]
    everyone, several, one = (kinds.count(k) for k in ("everyone", "several", "one"))
    return (f"{everyone or 'none'} named by everyone, {several or 'none'} by several people, "
            f"{one or 'none'} by only one person")


def finished(ws: Workshop, role: str = "executive") -> list[str]:
    """The people (of ``role``, in the workshop's order) who have answered all three questions."""
    answered: dict[str, set[str]] = {}
    for a in ws.alignment_answers:
        answered.setdefault(a.participant, set()).add(a.question)
    return [p.id for p in ws.participants if p.role == role and answered.get(p.id, set()) >= set(QUESTIONS)]


def waiting(ws: Workshop, role: str = "executive") -> list[str]:
    """The people (of ``role``) who still have a question to answer."""
    done = set(finished(ws, role))
    return [p.id for p in ws.participants if p.role == role and p.id not in done]


def accountability_finding(index: int) -> str:
    """The sentence the room sees when it names nobody for accountability question ``index``."""
    return f"Nobody owns {ACCOUNTABILITY_SUBJECTS[index]}: that is itself a finding."


def nobody_owns(ws: Workshop) -> list[int]:
    """The accountability questions (indexes) for which the room named nobody."""
    owners = ws.diagnosis.accountability
    return [i for i in range(len(ACCOUNTABILITY_QUESTIONS)) if owners.get(str(i)) == NOBODY]
