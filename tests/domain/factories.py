"""Small hand-built workshops for the domain tests: only the records a test is about."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from okr_workshop.domain.model import Ballot, Vote


def make_vote(
    method: str,
    ballots: Sequence[Mapping[str, int | float]],
    items: Sequence[str] | None = None,
    budget: int | None = None,
    vote_id: str = "v1",
    secret: bool = True,
) -> Vote:
    """A vote over ``items`` (default: every item any ballot scores, in first-seen order)."""
    if items is None:
        items = list(dict.fromkeys(item for b in ballots for item in b))
    records = [Ballot(f"b{i}", vote_id, dict(b)) for i, b in enumerate(ballots)]
    return Vote(vote_id, "A vote", method, budget, secret, 1, list(items), records)


def rank_ballot(order: Sequence[str]) -> dict[str, int]:
    """A rank ballot from a best-first list of items."""
    return {item: position for position, item in enumerate(order, start=1)}
