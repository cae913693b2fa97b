"""The retrospective: how last quarter's key results scored, and whether the OKRs are working.

The usual 0.0-1.0 grading: a key result scores the share of the way from its baseline to its
target that it travelled, clipped to 0..1; without a baseline, actual / target. A "reduce" key
result (target below baseline) scores the same way: the formula's signs carry it. The flags
are the seeds' two warnings about grading plus a decision the room owes itself: everything at
1.0 means the targets were safe (sandbagging), a mean under 0.3 means they were out of reach
(overreach), and a not-now entry whose revisit fell due before this offsite.
"""

from __future__ import annotations

from .model import PastKeyResult, Workshop

SANDBAGGING_FROM = 3  # scored key results, all at 1.0 or more: the targets were too safe
OVERREACH_BELOW = 0.3  # a mean score under this: the targets were out of reach
FLAGS = ("sandbagging", "overreach", "revisit_due")
FLAG_WORDS: dict[str, str] = {
    "sandbagging": "Every scored key result reached its target: the targets were probably too safe.",
    "overreach": "The key results scored under 0.3 on average: the targets were out of reach, or too many.",
    "revisit_due": "A not-now entry's revisit date has come: decide it again, before anything new is added.",
}
QUESTIONS: dict[str, str] = {
    "working": "Are the OKRs working: do they change what people do on Monday?",
    "differently": "What would we do differently this quarter?",
}
CONFIDENCE = (1, 5)  # how sure the room is of an actual figure: 1 a guess, 5 measured


def raw_score(kr: PastKeyResult) -> float | None:
    """The score before clipping; None without an actual, a target, or with target = baseline."""
    if kr.actual is None or kr.target is None:
        return None
    if kr.baseline is None:
        return kr.actual / kr.target if kr.target else None
    span = kr.target - kr.baseline
    return (kr.actual - kr.baseline) / span if span else None


def score(kr: PastKeyResult) -> float | None:
    """The 0.0-1.0 score (see the module docstring); None when it cannot be scored."""
    value = raw_score(kr)
    return None if value is None else min(1.0, max(0.0, value))


def score_text(value: float | None) -> str:
    """A score as the room reads it: one decimal, 0.0 to 1.0 ("0.7"); "—" when it cannot be scored."""
    return "—" if value is None else f"{value:.1f}"


def scores(ws: Workshop) -> dict[str, float | None]:
    return {kr.id: score(kr) for kr in ws.past_key_results}


def mean_score(ws: Workshop) -> float | None:
    """The mean of the scored key results; None while none is scored."""
    found = [s for s in scores(ws).values() if s is not None]
    return sum(found) / len(found) if found else None


def flags(ws: Workshop) -> list[str]:
    """The codes of ``FLAGS`` that hold, in that order."""
    found = [s for s in scores(ws).values() if s is not None]
    mean = mean_score(ws)
    out = []
    if len(found) >= SANDBAGGING_FROM and all(s >= 1.0 for s in found):
        out.append("sandbagging")
    if mean is not None and mean < OVERREACH_BELOW:
        out.append("overreach")
    if any(n.revisit_due for n in ws.not_now):
        out.append("revisit_due")
    return out


def report(ws: Workshop) -> dict:
    """The report's ``retrospective`` key."""
    mean = mean_score(ws)
    return {
        "key_results": {kr.id: {"title": kr.title, "objective": kr.objective, "actual": kr.actual,
                                "score": None if (s := score(kr)) is None else round(s, 4),
                                "confidence": kr.confidence, "learned": kr.learned}
                        for kr in ws.past_key_results},
        "mean_score": None if mean is None else round(mean, 4),
        "flags": flags(ws),
        "working": ws.history.working,
        "differently": ws.history.differently,
    }
