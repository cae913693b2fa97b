"""Every tally and metric checked against a slow, obvious reference written here, on random votes."""

from __future__ import annotations

import dataclasses
import statistics
from fractions import Fraction
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okr_workshop.domain.ballots import ballot_problem
from okr_workshop.domain.model import Vote
from okr_workshop.domain.voting import competition_ranks, round_shift, tally

from .factories import make_vote

MODEST = settings(max_examples=100, deadline=None)
ITEMS = [f"i{k}" for k in range(7)]


# ---- strategies: valid votes of each method ------------------------------------------------

@st.composite
def rank_votes(draw, min_items: int = 1, min_ballots: int = 0) -> Vote:
    m = draw(st.integers(min_items, 6))
    items = ITEMS[:m]
    orders = draw(st.lists(st.permutations(range(1, m + 1)), min_size=min_ballots, max_size=9))
    return make_vote("rank", [dict(zip(items, o, strict=True)) for o in orders], items=items)


@st.composite
def dots_votes(draw) -> Vote:
    m = draw(st.integers(1, 6))
    items = ITEMS[:m]
    budget = 3 * m
    ballots = []
    for values in draw(st.lists(st.lists(st.integers(0, 3), min_size=m, max_size=m), max_size=9)):
        keep_zeros = draw(st.booleans())
        ballots.append({i: v for i, v in zip(items, values, strict=True) if v or keep_zeros})
    vote = make_vote("dots", ballots, items=items, budget=budget)
    return dataclasses.replace(vote, hands=draw(hands(items)))


def hands(items: list[str]):
    """Show-of-hands counts the facilitator keyed in, on some of the items."""
    return st.dictionaries(st.sampled_from(items), st.integers(0, 12), max_size=len(items))


@st.composite
def points_votes(draw) -> Vote:
    m = draw(st.integers(1, 6))
    items = ITEMS[:m]
    budget = draw(st.integers(1, 20))
    ballots = []
    for cuts in draw(st.lists(st.lists(st.integers(0, budget), min_size=m - 1, max_size=m - 1), max_size=9)):
        edges = [0, *sorted(cuts), budget]
        ballots.append({i: edges[k + 1] - edges[k] for k, i in enumerate(items)})
    vote = make_vote("points", ballots, items=items, budget=budget)
    return dataclasses.replace(vote, hands=draw(hands(items)))


@st.composite
def scale_votes(draw) -> Vote:
    m = draw(st.integers(1, 6))
    items = ITEMS[:m]
    rows = draw(st.lists(st.lists(st.integers(1, 5), min_size=m, max_size=m), max_size=9))
    return make_vote("scale", [dict(zip(items, r, strict=True)) for r in rows], items=items)


any_vote = st.one_of(rank_votes(), dots_votes(), points_votes(), scale_votes())


# ---- the reference implementation ---------------------------------------------------------

def ref_values(vote: Vote, item: str) -> list[int]:
    if vote.method in ("dots", "points"):
        return [b.scores.get(item, 0) for b in vote.ballots if b.scores]  # no scores: an abstention
    return [b.scores[item] for b in vote.ballots if item in b.scores]


def ref_score(vote: Vote, item: str) -> Fraction:
    values = ref_values(vote, item)
    if vote.method == "rank":
        return Fraction(sum(len(vote.items) - v for v in values))
    if vote.method == "scale":
        return Fraction(sum(values), len(values)) if values else Fraction(0)
    return Fraction(sum(values) + vote.hands.get(item, 0))


def ref_ranks(scores: dict[str, Fraction]) -> dict[str, int]:
    return {i: 1 + sum(1 for s in scores.values() if s > scores[i]) for i in scores}


def beats(vote: Vote, a: str, b: str) -> bool:
    above = sum(1 for x in vote.ballots if x.scores[a] < x.scores[b])
    below = sum(1 for x in vote.ballots if x.scores[b] < x.scores[a])
    return above > below


def ref_condorcet(vote: Vote) -> str | None:
    if not vote.ballots:
        return None
    winners = [a for a in vote.items if all(beats(vote, a, b) for b in vote.items if b != a)]
    return winners[0] if winners else None


def ref_kendall_w(vote: Vote) -> Fraction | None:
    n, m = len(vote.ballots), len(vote.items)
    if n < 2 or m < 2:
        return None
    sums = [sum(b.scores[i] for b in vote.ballots) for i in vote.items]
    mean = Fraction(n * (m + 1), 2)
    s = sum((r - mean) ** 2 for r in sums)
    return 12 * s / (n * n * (m ** 3 - m))


# ---- properties -----------------------------------------------------------------------------

@MODEST
@given(any_vote)
def test_generated_votes_are_valid(vote):
    """The strategies only produce ballots the vote rules accept (so the properties mean something)."""
    assert all(ballot_problem(vote, b.scores) is None for b in vote.ballots)


@MODEST
@given(any_vote, st.randoms(use_true_random=False))
def test_permuting_ballots_changes_nothing(vote, rnd):
    """The order ballots arrive in never changes any part of the result."""
    shuffled = list(vote.ballots)
    rnd.shuffle(shuffled)
    again = dataclasses.replace(vote, ballots=shuffled)
    assert tally(again) == tally(vote)


@MODEST
@given(any_vote)
def test_scores_and_ranks_match_the_reference(vote):
    """Every item's score and competition rank match the slow reference, best first."""
    result = tally(vote)
    expected = {i: ref_score(vote, i) for i in vote.items}
    got = {r["item"]: r for r in result.ranking}
    assert sorted(got) == sorted(vote.items)
    assert all(got[i]["score"] == pytest.approx(float(expected[i])) for i in vote.items)
    assert {i: got[i]["rank"] for i in vote.items} == ref_ranks(expected)
    scores = [r["score"] for r in result.ranking]
    assert scores == sorted(scores, reverse=True)


@MODEST
@given(any_vote)
def test_turnout_is_the_number_of_ballots(vote):
    """Turnout counts ballots with scores; a ballot with none is an abstention, counted apart."""
    result = tally(vote)
    assert result.turnout == sum(1 for b in vote.ballots if b.scores)
    assert result.abstentions == sum(1 for b in vote.ballots if not b.scores)


@MODEST
@given(rank_votes())
def test_borda_points_sum_to_n_times_m_choose_two(vote):
    """Each ballot hands out 0 + 1 + ... + (m-1) Borda points, so the total is n*m(m-1)/2."""
    n, m = len(vote.ballots), len(vote.items)
    assert sum(r["score"] for r in tally(vote).ranking) == n * m * (m - 1) // 2


@MODEST
@given(rank_votes())
def test_condorcet_winner_agrees_with_brute_force(vote):
    """The Condorcet winner equals a brute-force count of every head-to-head pair."""
    assert tally(vote).condorcet_winner == ref_condorcet(vote)


@MODEST
@given(rank_votes())
def test_kendall_w_matches_the_formula_and_stays_within_zero_and_one(vote):
    """Kendall's W equals 12S / (n^2 (m^3 - m)) computed exactly, and lies in [0, 1]."""
    w = tally(vote).kendall_w
    expected = ref_kendall_w(vote)
    if expected is None:
        assert w is None
    else:
        assert w == pytest.approx(float(expected), abs=1e-12)
        assert 0.0 <= w <= 1.0


@MODEST
@given(st.permutations(ITEMS[:5]), st.integers(2, 10))
def test_kendall_w_is_one_for_identical_rankings(order, n):
    """n identical rankings agree perfectly: W is exactly 1."""
    ballot = {item: pos for pos, item in enumerate(order, start=1)}
    assert tally(make_vote("rank", [ballot] * n, items=ITEMS[:5])).kendall_w == 1.0


def test_kendall_w_is_zero_for_two_opposite_rankings():
    """With two items, one ballot each way balances out: W is exactly 0."""
    vote = make_vote("rank", [{"a": 1, "b": 2}, {"a": 2, "b": 1}])
    assert tally(vote).kendall_w == 0.0


@pytest.mark.parametrize("m", [2, 3, 4, 5, 6])
def test_kendall_w_is_zero_for_all_cyclic_shifts(m):
    """All m cyclic shifts of m items give every item the same rank sum: W is exactly 0."""
    items = ITEMS[:m]
    ballots = [{items[(k + s) % m]: k + 1 for k in range(m)} for s in range(m)]
    assert tally(make_vote("rank", ballots, items=items)).kendall_w == 0.0


@MODEST
@given(any_vote)
def test_stdev_and_mean_match_the_statistics_module(vote):
    """Per-item spread equals statistics.pstdev (missing dots/points count as 0)."""
    result = tally(vote)
    for item in vote.items:
        values = ref_values(vote, item)
        if values:
            assert result.stdev[item] == pytest.approx(statistics.pstdev(values), abs=1e-9)
            assert result.mean[item] == pytest.approx(statistics.fmean(values), abs=1e-9)
        else:
            assert result.stdev[item] == 0.0


@MODEST
@given(any_vote)
def test_most_disputed_orders_every_item_by_spread(vote):
    """most_disputed holds each item once, widest spread first."""
    result = tally(vote)
    assert sorted(result.most_disputed) == sorted(vote.items)
    spreads = [result.stdev[i] for i in result.most_disputed]
    assert spreads == sorted(spreads, reverse=True)


@MODEST
@given(st.dictionaries(st.sampled_from(ITEMS), st.integers(0, 3)))
def test_competition_ranks_match_the_counting_definition(scores):
    """rank = 1 + how many score strictly higher; ties keep the given order ("1224")."""
    ranking = competition_ranks(scores)
    assert [r["item"] for r in ranking] == sorted(scores, key=lambda i: -scores[i])
    assert {r["item"]: r["rank"] for r in ranking} == ref_ranks({k: Fraction(v) for k, v in scores.items()})


@MODEST
@given(any_vote, any_vote)
def test_round_shift_is_the_difference_of_ranks(earlier, later):
    """Shift = earlier rank - later rank, for exactly the items on both votes."""
    before = {r["item"]: r["rank"] for r in tally(earlier).ranking}
    after = {r["item"]: r["rank"] for r in tally(later).ranking}
    expected = {i: before[i] - after[i] for i in later.items if i in before}
    assert round_shift(earlier, later) == expected


@MODEST
@given(any_vote)
def test_a_vote_compared_with_itself_has_not_moved(vote):
    """Comparing a round with itself shows no movement."""
    assert set(round_shift(vote, vote).values()) <= {0}


def test_condorcet_reference_covers_every_three_item_profile_of_three_voters():
    """Exhaustively, for 3 items and 3 voters, the winner equals the brute-force count."""
    orders = [dict(zip("abc", p, strict=True)) for p in permutations((1, 2, 3))]
    for a in orders:
        for b in orders:
            for c in orders:
                vote = make_vote("rank", [a, b, c], items=list("abc"))
                assert tally(vote).condorcet_winner == ref_condorcet(vote)
