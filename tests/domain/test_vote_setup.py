"""Vote settings the facilitator can and cannot choose, and the next round of a vote."""

from __future__ import annotations

import dataclasses

import pytest

from okr_workshop.domain.model import Ballot, Vote
from okr_workshop.domain.vote_setup import next_round, setup_problem

GOOD = Vote("v1", "What matters most?", "dots", 5, True, 1, ["a", "b", "c"])


def test_sensible_settings_pass():
    assert setup_problem(GOOD) is None
    assert setup_problem(dataclasses.replace(GOOD, cap=5)) is None
    assert setup_problem(dataclasses.replace(GOOD, method="rank", budget=None)) is None
    assert setup_problem(dataclasses.replace(GOOD, method="points", budget=None)) is None  # 100 by default


@pytest.mark.parametrize(("change", "words"), [
    ({"title": "  "}, "Write the question"),
    ({"items": ["a"]}, "at least 2"),
    ({"items": ["a", "a"]}, "only once"),
    ({"budget": 0}, "at least 1 dot"),
    ({"method": "points", "budget": 0}, "at least 1 point"),
    ({"method": "rank"}, "has no budget"),
    ({"cap": 6}, "more than the 5 dots"),
    ({"cap": 0}, "at least 1 dot per item"),
    ({"method": "points", "budget": 100, "cap": 10}, "Only a dot vote"),
    ({"method": "scale", "budget": None, "hands": {"a": 2}}, "show of hands"),
    ({"method": "vote"}, "Choose a method"),
    ({"round": 0}, "numbered from 1"),
])
def test_settings_that_cannot_work_are_refused_in_words(change, words):
    problem = setup_problem(dataclasses.replace(GOOD, **change))
    assert problem is not None and words in problem


def test_next_round_repeats_the_vote_without_its_ballots():
    earlier = dataclasses.replace(GOOD, cap=2, round=1, hands={"a": 3}, voted=["p1"],
                                  ballots=[Ballot("b1", "v1", {"a": 2})], closed=True, revealed=True,
                                  weights={"p1": 2, "p2": 2}, opted_out=["p3"])
    later = next_round(earlier, "v7")
    # A closed, revealed round 1 gives a round 2 that takes ballots, hidden until revealed, same voters.
    assert (later.closed, later.revealed, later.weights, later.opted_out) == (False, False, earlier.weights, ["p3"])
    assert (later.id, later.round, later.follows) == ("v7", 2, "v1")
    assert (later.title, later.method, later.budget, later.cap, later.secret, later.items) == (
        earlier.title, earlier.method, earlier.budget, earlier.cap, earlier.secret, earlier.items)
    assert (later.ballots, later.voted, later.hands) == ([], [], {})
    assert later.items is not earlier.items
    assert setup_problem(later) is None
