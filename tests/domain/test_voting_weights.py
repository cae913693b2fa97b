"""Weights and abstentions in the tally, on random votes of every method."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okr_workshop.domain.model import Ballot
from okr_workshop.domain.voting import tally

from .factories import make_vote
from .test_voting_properties import any_vote

MODEST = settings(max_examples=150, deadline=None)
WEIGHTS = st.sampled_from([0.5, 1, 1.25, 1.5, 2, 3])


def with_weights(vote, weights):
    ballots = [dataclasses.replace(b, weight=w) for b, w in zip(vote.ballots, weights, strict=False)]
    return dataclasses.replace(vote, ballots=ballots + vote.ballots[len(ballots):])


def same_result(a, b) -> None:
    assert a.ranking == b.ranking
    assert a.turnout == b.turnout and a.abstentions == b.abstentions
    assert a.mean == b.mean
    assert a.stdev == pytest.approx(b.stdev, abs=1e-12)
    assert a.condorcet_winner == b.condorcet_winner and a.kendall_w == b.kendall_w
    assert a.pairwise == b.pairwise


@MODEST
@given(any_vote)
def test_a_weight_of_one_for_everyone_gives_the_unweighted_results(vote):
    """Weight 1 on every ballot, set explicitly, changes nothing (scores, ranks, spread, metrics)."""
    unweighted = dataclasses.replace(vote, ballots=[dataclasses.replace(b, weight=1) for b in vote.ballots])
    weighted = with_weights(vote, [1.0] * len(vote.ballots))
    same_result(tally(weighted), tally(unweighted))
    assert not tally(weighted).weighted


@MODEST
@given(any_vote, st.data())
def test_doubling_every_weight_changes_no_rank(vote, data):
    """Any weights, then all of them doubled: the same ranks, means, agreement and winner. (Without
    a show of hands: raised hands are counted by the facilitator, one each, outside the ballots.)"""
    vote = dataclasses.replace(vote, hands={})
    weights = data.draw(st.lists(WEIGHTS, min_size=len(vote.ballots), max_size=len(vote.ballots)))
    once = tally(with_weights(vote, weights))
    twice = tally(with_weights(vote, [2 * w for w in weights]))
    assert [(r["item"], r["rank"]) for r in once.ranking] == [(r["item"], r["rank"]) for r in twice.ranking]
    assert once.mean == twice.mean
    assert once.kendall_w == twice.kendall_w and once.condorcet_winner == twice.condorcet_winner
    if vote.method != "scale":  # sums double; a rating's weighted mean stays put
        assert all(b["score"] == 2 * a["score"] for a, b in zip(once.ranking, twice.ranking, strict=True))


def test_a_weight_of_two_counts_as_two_identical_ballots():
    """One executive speaking for a merged unit (weight 2) moves the result as two would."""
    a = {"x": 3, "y": 0}
    b = {"x": 0, "y": 2}
    weighted = make_vote("dots", [a, b], budget=3)
    weighted = dataclasses.replace(weighted, ballots=[dataclasses.replace(weighted.ballots[0], weight=2),
                                                      weighted.ballots[1]])
    doubled = make_vote("dots", [a, a, b], budget=3)
    w, d = tally(weighted), tally(doubled)
    assert w.ranking == d.ranking and w.mean == d.mean
    assert w.turnout == 2 and d.turnout == 3 and w.weight == 3 and w.weighted


@MODEST
@given(any_vote, st.integers(1, 4))
def test_abstentions_are_counted_apart_and_change_nothing_else(vote, abstaining):
    """Adding explicit abstentions leaves scores and ranks as they were; they show as their own count."""
    before = tally(vote)
    ballots = vote.ballots + [Ballot(f"abs{k}", vote.id, {}) for k in range(abstaining)]
    after = tally(dataclasses.replace(vote, ballots=ballots))
    assert after.ranking == before.ranking and after.mean == before.mean
    assert after.turnout == before.turnout
    assert after.abstentions == before.abstentions + abstaining
