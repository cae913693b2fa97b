"""Tallies for the four vote methods, and the measures of agreement the room debates.

Everything here works on a ``Vote`` and nothing else, so the projector, the PDF and
``okr-workshop report`` show the same numbers. Ballots carry no names that matter: a tally
never looks at ``Ballot.participant``, which keeps secret votes secret by construction.
Pure Python on purpose: 40 voters x 20 items tally in about a millisecond, faster than
importing numpy would take.

Abstentions (ballots with no scores) are counted apart and weigh nothing. Weights count in
whole hundredths, so sums stay exact integers until one final division: equal tallies tie
exactly, a weight of 1 for everyone gives the unweighted numbers, and doubling every weight
changes no rank.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import Ballot, Vote

HUNDREDTHS = 100  # the unit weights count in


def competition_ranks(scores: Mapping[str, float]) -> list[dict[str, Any]]:
    """Best first; equal scores share a rank and the next rank skips ("1224").

    Ties keep the order the items were given in, so the facilitator's order decides who is
    listed first, never chance. Equality is exact: callers compute scores so that equal
    tallies are equal numbers (sums of integers, or one division of them).
    """
    ordered = sorted(scores.items(), key=lambda kv: -kv[1])
    ranking: list[dict[str, Any]] = []
    for position, (item, score) in enumerate(ordered, start=1):
        tied = bool(ranking) and ranking[-1]["score"] == score
        rank = ranking[-1]["rank"] if tied else position
        ranking.append({"item": item, "score": score, "rank": rank})
    return ranking


@dataclass(frozen=True)
class VoteResult:
    """One vote, counted. ``mean`` and ``stdev`` are in the ballot's own units
    (dots, points, rank position with 1 = top, or rating)."""

    vote: str
    method: str
    turnout: int
    ranking: list[dict[str, Any]]
    mean: dict[str, float]
    stdev: dict[str, float]
    most_disputed: list[str]
    condorcet_winner: str | None = None
    kendall_w: float | None = None
    # pairwise[a][b]: ballots (weighted) that put a above b (rank votes only; empty otherwise).
    pairwise: dict[str, dict[str, float]] = field(default_factory=dict)
    abstentions: int = 0
    weight: float = 0  # the ballots' total weight; equals turnout when every weight is 1
    weighted: bool = False  # some ballot weighs other than 1

    def rank_of(self, item: str) -> int | None:
        for row in self.ranking:
            if row["item"] == item:
                return row["rank"]
        return None


def hundredths(weight: float) -> int:
    return round(weight * HUNDREDTHS)


def _spread(values: list[tuple[float, int]]) -> tuple[float, float]:
    """Weighted (mean, population stdev) of (value, weight in hundredths) pairs; (0, 0) for
    none, so an unrated item shows as quiet.

    The mean is one correctly rounded division of an exact sum, so two items whose ratings
    add up the same tie exactly in the ranking.
    """
    total = sum(w for _, w in values)
    if not total:
        return 0.0, 0.0
    mean = sum(v * w for v, w in values) / total
    return mean, math.sqrt(math.fsum(w * (v - mean) ** 2 for v, w in values) / total)


def counted(vote: Vote) -> list[Ballot]:
    """The ballots that count: every one but the abstentions."""
    return [b for b in vote.ballots if not b.abstains]


def _values_per_item(vote: Vote, ballots: list[Ballot]) -> dict[str, list[tuple[float, int]]]:
    """What each ballot gave each item, with the ballot's weight. Dots and points treat a
    missing item as a deliberate zero; ranks and ratings are complete by the ballot rules, so
    a gap is simply skipped."""
    per_item: dict[str, list[tuple[float, int]]] = {item: [] for item in vote.items}
    fill_zero = vote.method in ("dots", "points")
    for ballot in ballots:
        scores, weight = ballot.scores, hundredths(ballot.weight)
        for item, values in per_item.items():
            value = scores.get(item)
            if value is not None:
                values.append((value, weight))
            elif fill_zero:
                values.append((0, weight))
    return per_item


def _exact(total: int) -> int | float:
    """A sum in hundredths back in the ballot's units: an int when it is whole."""
    whole, rest = divmod(total, HUNDREDTHS)
    return whole if rest == 0 else total / HUNDREDTHS


def _pairwise(vote: Vote, ballots: list[Ballot]) -> dict[str, dict[str, float]]:
    items = vote.items
    wins = {a: dict.fromkeys(items, 0) for a in items}
    for ballot in ballots:
        pos, weight = ballot.scores, hundredths(ballot.weight)
        for i, a in enumerate(items):
            pa = pos.get(a)
            if pa is None:
                continue
            row = wins[a]
            for b in items[i + 1:]:
                pb = pos.get(b)
                if pb is None:
                    continue
                if pa < pb:
                    row[b] += weight
                elif pb < pa:
                    wins[b][a] += weight
    return {a: {b: _exact(n) for b, n in row.items()} for a, row in wins.items()}


def _condorcet(items: list[str], wins: dict[str, dict[str, float]], turnout: int) -> str | None:
    if turnout == 0:
        return None
    for a in items:
        if all(wins[a][b] > wins[b][a] for b in items if b != a):
            return a
    return None


def _kendall_w(vote: Vote, ballots: list[Ballot]) -> float | None:
    """W = 12 S / (n^2 (m^3 - m)), computed in integers until the final division so that
    identical rankings give exactly 1.0 and balanced ones exactly 0.0. Weighted, n is the
    total weight (a ballot of weight 2 counts as two identical ballots)."""
    m = len(vote.items)
    if len(ballots) < 2 or m < 2:
        return None
    n = sum(hundredths(b.weight) for b in ballots)
    totals = dict.fromkeys(vote.items, 0)
    for ballot in ballots:
        weight = hundredths(ballot.weight)
        for item in vote.items:
            position = ballot.scores.get(item)
            if position is None:
                return None  # not a full ranking: W is undefined
            totals[item] += weight * int(position)
    # S = sum (R - n(m+1)/2)^2 = sum (2R - n(m+1))^2 / 4, so 12 S = 3 sum (2R - n(m+1))^2.
    twelve_s = 3 * sum((2 * r - n * (m + 1)) ** 2 for r in totals.values())
    return twelve_s / (n * n * (m ** 3 - m))


def _scores(vote: Vote, per_item: dict[str, list[tuple[float, int]]], means: dict[str, float]
            ) -> dict[str, float]:
    if vote.method == "scale":
        return means
    if vote.method == "rank":
        m = len(vote.items)
        # Borda: position 1 earns m-1 points, position m earns 0.
        return {item: _exact(sum((m - int(p)) * w for p, w in values)) for item, values in per_item.items()}
    # A show of hands adds one dot or point per raised hand (of weight 1).
    return {item: _exact(sum(int(v) * w for v, w in values) + HUNDREDTHS * vote.hands.get(item, 0))
            for item, values in per_item.items()}


def tally(vote: Vote) -> VoteResult:
    """Count a vote: the ranking the contract defines, plus spread and consensus measures."""
    ballots = counted(vote)
    per_item = _values_per_item(vote, ballots)
    spread = {item: _spread(values) for item, values in per_item.items()}
    means = {item: s[0] for item, s in spread.items()}
    stdevs = {item: s[1] for item, s in spread.items()}
    ranking = competition_ranks(_scores(vote, per_item, means))
    disputed = [item for item, _ in sorted(stdevs.items(), key=lambda kv: -kv[1])]
    turnout = len(ballots)
    extra = {"abstentions": len(vote.ballots) - turnout,
             "weight": _exact(sum(hundredths(b.weight) for b in ballots)),
             "weighted": any(hundredths(b.weight) != HUNDREDTHS for b in ballots)}
    if vote.method != "rank":
        return VoteResult(vote.id, vote.method, turnout, ranking, means, stdevs, disputed, **extra)
    wins = _pairwise(vote, ballots)
    return VoteResult(
        vote.id, vote.method, turnout, ranking, means, stdevs, disputed,
        condorcet_winner=_condorcet(vote.items, wins, turnout),
        kendall_w=_kendall_w(vote, ballots),
        pairwise=wins, **extra,
    )


def round_shift(earlier: Vote, later: Vote) -> dict[str, int]:
    """How far each item moved between two rounds (positive = moved up), for items on both.

    Rounds often use different methods (dots to shortlist, then rank), so the comparison is
    by rank, never by score.
    """
    before = {row["item"]: row["rank"] for row in tally(earlier).ranking}
    after = {row["item"]: row["rank"] for row in tally(later).ranking}
    return {item: before[item] - after[item] for item in later.items if item in before}
