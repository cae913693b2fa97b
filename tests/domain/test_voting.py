"""Tallies on small votes whose answers can be checked by hand."""

from __future__ import annotations

import pytest

from okr_workshop.domain.model import Ballot, Vote
from okr_workshop.domain.voting import competition_ranks, round_shift, tally

from .factories import make_vote, rank_ballot


def test_competition_ranks_share_a_rank_and_skip_the_next():
    """Equal scores share a rank and the following rank skips: 1, 2, 2, 4."""
    ranking = competition_ranks({"a": 9, "b": 5, "c": 5, "d": 1})
    assert [(r["item"], r["rank"]) for r in ranking] == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_competition_ranks_keep_the_given_order_within_a_tie():
    """Tied items stay in the order they were given, not alphabetical or random."""
    ranking = competition_ranks({"z": 3, "m": 3, "a": 3})
    assert [r["item"] for r in ranking] == ["z", "m", "a"]
    assert {r["rank"] for r in ranking} == {1}


def test_competition_ranks_of_nothing_is_empty():
    """No items gives an empty ranking rather than an error."""
    assert competition_ranks({}) == []


def test_dots_score_is_the_total_allocated_and_missing_counts_as_zero():
    """Dots: the score is the sum; an item a ballot skipped counts as zero in the spread."""
    vote = make_vote("dots", [{"a": 3, "b": 2}, {"b": 5}], items=["a", "b", "c"], budget=5)
    result = tally(vote)
    rows = [(r["item"], r["score"], r["rank"]) for r in result.ranking]
    assert rows == [("b", 7, 1), ("a", 3, 2), ("c", 0, 3)]
    assert result.mean == {"a": 1.5, "b": 3.5, "c": 0.0}
    assert result.stdev["a"] == pytest.approx(1.5)
    assert result.stdev["c"] == 0.0
    assert result.condorcet_winner is None and result.kendall_w is None


def test_points_rank_by_total():
    """Points: the score is the total of points given."""
    vote = make_vote("points", [{"a": 60, "b": 40}, {"a": 30, "b": 70}], budget=100)
    assert [(r["item"], r["score"]) for r in tally(vote).ranking] == [("b", 110), ("a", 90)]


def test_rank_scores_are_borda_points():
    """Rank: first place earns m-1 points, last earns 0."""
    vote = make_vote("rank", [rank_ballot("abc"), rank_ballot("bac"), rank_ballot("abc")])
    ranking = tally(vote).ranking
    assert [(r["item"], r["score"], r["rank"]) for r in ranking] == [("a", 5, 1), ("b", 4, 2), ("c", 0, 3)]


def test_rank_vote_finds_the_condorcet_winner():
    """The item that beats every other head to head is the Condorcet winner."""
    vote = make_vote("rank", [rank_ballot("abc"), rank_ballot("bca"), rank_ballot("acb")])
    result = tally(vote)
    assert result.condorcet_winner == "a"
    assert result.pairwise["a"]["b"] == 2 and result.pairwise["b"]["a"] == 1


def test_a_cycle_of_preferences_has_no_condorcet_winner():
    """Rock-paper-scissors preferences leave no item beating all others."""
    vote = make_vote("rank", [rank_ballot("abc"), rank_ballot("bca"), rank_ballot("cab")])
    assert tally(vote).condorcet_winner is None


def test_a_pairwise_tie_is_not_a_win():
    """A 1-1 split between two items is no majority, so there is no winner."""
    vote = make_vote("rank", [rank_ballot("ab"), rank_ballot("ba")])
    assert tally(vote).condorcet_winner is None


def test_kendall_w_is_one_for_unanimous_rankings():
    """Everyone ranking the same way is perfect agreement."""
    vote = make_vote("rank", [rank_ballot("abcd")] * 4)
    assert tally(vote).kendall_w == 1.0


def test_kendall_w_needs_two_ballots_and_two_items():
    """W is undefined for a single ballot or a single item."""
    assert tally(make_vote("rank", [rank_ballot("abc")])).kendall_w is None
    assert tally(make_vote("rank", [rank_ballot("a"), rank_ballot("a")])).kendall_w is None


def test_kendall_w_of_a_known_example():
    """Three judges and three items give the hand-computed W = 7/9."""
    vote = make_vote("rank", [rank_ballot("abc"), rank_ballot("abc"), rank_ballot("bac")])
    # rank sums a=4, b=5, c=9; mean 6; S = 4 + 1 + 9 = 14; W = 12*14 / (9 * 24) = 7/9
    assert tally(vote).kendall_w == pytest.approx(7 / 9)


def test_scale_score_is_the_mean_rating_with_population_stdev():
    """Scale: score = mean rating; stdev is the population standard deviation."""
    vote = make_vote("scale", [{"a": 5, "b": 1}, {"a": 1, "b": 1}])
    result = tally(vote)
    assert [(r["item"], r["score"]) for r in result.ranking] == [("a", 3.0), ("b", 1.0)]
    assert result.stdev == {"a": 2.0, "b": 0.0}


def test_scale_item_without_ratings_scores_zero():
    """An item nobody rated scores 0 and shows no spread instead of failing."""
    vote = make_vote("scale", [{"a": 4}], items=["a", "b"])
    result = tally(vote)
    assert result.ranking[-1] == {"item": "b", "score": 0.0, "rank": 2}
    assert result.stdev["b"] == 0.0


def test_most_disputed_lists_the_widest_spread_first():
    """Items are ordered by disagreement so the screen can highlight the contested ones."""
    vote = make_vote("scale", [{"a": 3, "b": 1, "c": 5}, {"a": 3, "b": 5, "c": 4}])
    assert tally(vote).most_disputed == ["b", "c", "a"]


def test_an_empty_vote_tallies_to_zeros():
    """A vote nobody has cast yet still shows every item, tied at zero."""
    result = tally(make_vote("rank", [], items=["a", "b"]))
    assert result.turnout == 0
    assert [r["rank"] for r in result.ranking] == [1, 1]
    assert result.condorcet_winner is None and result.kendall_w is None


def test_tally_ignores_who_cast_a_ballot():
    """Open and secret ballots with the same scores give the same result."""
    scores = [rank_ballot("ab"), rank_ballot("ba"), rank_ballot("ab")]
    named = Vote("v", "t", "rank", secret=False, items=["a", "b"],
                 ballots=[Ballot(f"b{i}", "v", s, f"p{i}") for i, s in enumerate(scores)])
    anonymous = make_vote("rank", scores, vote_id="v")
    assert tally(named) == tally(anonymous)


def test_round_shift_reports_movement_up_as_positive():
    """Between rounds, an item that climbs gets a positive shift; items not in both are left out."""
    first = make_vote("dots", [{"a": 3, "b": 1, "c": 1}], items=["a", "b", "c", "d"], budget=5)
    second = make_vote("rank", [rank_ballot("bca")], items=["a", "b", "c"], vote_id="v2")
    assert round_shift(first, second) == {"a": -2, "b": 1, "c": 0}


