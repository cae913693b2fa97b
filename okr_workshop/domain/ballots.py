"""The rules a ballot must follow, by vote method (docs/interchange.md).

One function serves the importer, the ballot screen and the room server, so a ballot that
one of them accepts the others accept too.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Vote

SCALE_MIN, SCALE_MAX = 1, 5


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def ballot_problem(vote: Vote, scores: Mapping[str, object]) -> str | None:
    """Why this ballot breaks its vote's rules, in words for a person; None when it is fine."""
    if not isinstance(scores, Mapping):
        return "scores must be an object of item: number"
    if not scores:
        return None  # an explicit "I abstain", allowed in every method
    on_vote = set(vote.items)  # a set: a rank ballot over m items is then m steps, not m * m
    unknown = [k for k in scores if k not in on_vote]
    if unknown:
        return f"item {unknown[0]!r} is not on this vote"
    for item, value in scores.items():
        if not _is_int(value):
            return f"score for {item!r} must be a whole number"
    values = dict(scores)
    if vote.method in ("dots", "points"):
        negative = [k for k, v in values.items() if v < 0]
        if negative:
            return f"score for {negative[0]!r} must not be negative"
        total = sum(values.values())
        budget = vote.effective_budget or 0
        if vote.method == "dots" and total > budget:
            return f"dots total {total} exceeds budget {budget}"
        over_cap = [k for k, v in values.items() if vote.method == "dots" and vote.cap and v > vote.cap]
        if over_cap:
            return f"{values[over_cap[0]]} dots on {over_cap[0]!r} exceed the cap of {vote.cap} per item"
        if vote.method == "points" and total != budget:
            return f"points total {total} must equal {budget}"
        return None
    missing = [i for i in vote.items if i not in values]
    if missing:
        return f"item {missing[0]!r} has no score; every item must be scored"
    if vote.method == "rank":
        m = len(vote.items)
        if sorted(values.values()) != list(range(1, m + 1)):
            return f"ranks must be 1..{m}, each used once"
        return None
    if vote.method == "scale":
        bad = [k for k, v in values.items() if not SCALE_MIN <= v <= SCALE_MAX]
        if bad:
            return f"rating for {bad[0]!r} must be between {SCALE_MIN} and {SCALE_MAX}"
        return None
    return f"unknown vote method {vote.method!r}"
