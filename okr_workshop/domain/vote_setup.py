"""Setting a vote up: which settings make sense, and the next round of an earlier vote.

The ballot rules (domain.ballots) judge one ballot; these judge the vote itself, before anyone
votes, so the facilitator hears about a cap above the budget now and not from a confused voter.
"""

from __future__ import annotations

import dataclasses

from .model import VOTE_METHODS, Vote

DEFAULT_BUDGET = {"dots": 5, "points": 100}
MIN_ITEMS = 2  # a vote on one item is not a choice
MAX_ROUNDS = 100  # rounds of one vote
MAX_BUDGET = 1000  # dots or points per voter, and a dot vote's cap (the vote dialog's range)


def setup_problem(vote: Vote) -> str | None:
    """Why these settings cannot work, in words for the facilitator; None when they can."""
    if not vote.title.strip():
        return "Write the question the room votes on."
    if vote.method not in VOTE_METHODS:
        return f"Choose a method: {', '.join(VOTE_METHODS)}."
    if not 1 <= vote.round <= MAX_ROUNDS:
        return f"Rounds are numbered from 1 to {MAX_ROUNDS}."
    if len(vote.items) < MIN_ITEMS:
        return f"Tick at least {MIN_ITEMS} priorities to vote on."
    if len(set(vote.items)) != len(vote.items):
        return "Each priority can be on the vote only once."
    if vote.method in DEFAULT_BUDGET:
        unit = "dot" if vote.method == "dots" else "point"
        if vote.budget is not None and vote.budget < 1:
            return f"Give each voter at least 1 {unit}."
        if vote.budget is not None and vote.budget > MAX_BUDGET:
            return f"Give each voter at most {MAX_BUDGET} {unit}s."
    elif vote.budget is not None:
        return f"A {vote.method} vote has no budget."
    if vote.cap is not None:
        if vote.method != "dots":
            return "Only a dot vote has a per-item cap."
        if vote.cap < 1:
            return "A cap must allow at least 1 dot per item."
        if vote.cap > (vote.effective_budget or 0):
            return f"A cap of {vote.cap} is more than the {vote.effective_budget} dots each voter has."
    if vote.hands and vote.method not in ("dots", "points"):
        return "A show of hands counts only in dot or point votes."
    return None


def next_round(earlier: Vote, vote_id: str) -> Vote:
    """The same question asked again after discussion: a fresh vote that follows ``earlier``,
    so the results can show how each item moved. It opens for ballots with its results hidden;
    the voters' weights and who sits out carry over."""
    return dataclasses.replace(
        earlier, id=vote_id, round=earlier.round + 1, follows=earlier.id,
        items=list(earlier.items), ballots=[], voted=[], hands={}, closed=False, revealed=False,
        weights=dict(earlier.weights), opted_out=list(earlier.opted_out),
    )
