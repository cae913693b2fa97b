"""Per-item caps, show-of-hands counts, rounds that follow a vote, accountability owners,
and turning a vote into the critical few."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from okr_workshop.domain import critical_few
from okr_workshop.domain.ballots import ballot_problem
from okr_workshop.domain.model import Priority, Vote, Workshop
from okr_workshop.domain.report import build_report
from okr_workshop.domain.validate import InterchangeError, document_from_workshop, workshop_from_document
from okr_workshop.domain.voting import tally

from .factories import make_vote

DEMO = json.loads((Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json").read_text("utf-8"))


@pytest.fixture
def demo() -> dict[str, Any]:
    return json.loads(json.dumps(DEMO))


def _vote(doc: dict[str, Any], vote_id: str) -> dict[str, Any]:
    return next(v for v in doc["votes"] if v["id"] == vote_id)


# --- the per-item cap -------------------------------------------------------------------------

def test_a_capped_dot_vote_refuses_a_ballot_over_the_cap() -> None:
    vote = dataclasses.replace(make_vote("dots", [], items=["a", "b"], budget=5), cap=2)
    assert ballot_problem(vote, {"a": 2, "b": 2}) is None
    assert ballot_problem(vote, {"a": 3}) == "3 dots on 'a' exceed the cap of 2 per item"


def test_the_cap_is_read_and_written(demo: dict[str, Any]) -> None:
    _vote(demo, "v1")["cap"] = 3
    ws = workshop_from_document(demo)
    assert ws.votes[0].cap == 3
    assert _vote(document_from_workshop(ws), "v1")["cap"] == 3


def test_a_ballot_over_the_cap_is_refused_on_import(demo: dict[str, Any]) -> None:
    _vote(demo, "v1")["cap"] = 2  # the first ballot puts 3 dots on pr2
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == "votes[0].ballots[0]"
    assert "cap of 2" in str(err.value)


def test_only_dot_votes_have_a_cap(demo: dict[str, Any]) -> None:
    _vote(demo, "v2")["cap"] = 2
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == "votes[1].cap"


# --- show of hands ----------------------------------------------------------------------------

def test_hands_add_to_the_dot_totals_but_not_to_turnout_or_spread() -> None:
    vote = make_vote("dots", [{"a": 2}, {"b": 1}], items=["a", "b"], budget=5)
    with_hands = dataclasses.replace(vote, hands={"b": 4})
    before, after = tally(vote), tally(with_hands)
    assert [(r["item"], r["score"]) for r in after.ranking] == [("b", 5), ("a", 2)]
    assert after.turnout == before.turnout == 2
    assert after.stdev == before.stdev


def test_hands_round_trip_and_reach_the_report(demo: dict[str, Any]) -> None:
    _vote(demo, "v1")["hands"] = {"pr5": 6}
    ws = workshop_from_document(demo)
    assert _vote(document_from_workshop(ws), "v1")["hands"] == {"pr5": 6}
    report = build_report(ws)["votes"]["v1"]
    assert report["hands"] == {"pr5": 6}
    assert next(r for r in report["ranking"] if r["item"] == "pr5")["score"] == 2 + 6


@pytest.mark.parametrize("hands, place, words", [
    ({"pr99": 1}, "votes[0].hands.pr99", "not on this vote"),
    ({"pr1": -1}, "votes[0].hands.pr1", "whole number"),
    ({"pr1": 1.5}, "votes[0].hands.pr1", "whole number"),
    ({"pr1": True}, "votes[0].hands.pr1", "whole number"),
])
def test_bad_hands_name_the_place(demo: dict[str, Any], hands: dict, place: str, words: str) -> None:
    _vote(demo, "v1")["hands"] = hands
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == place
    assert words in err.value.message


def test_a_rank_vote_takes_no_show_of_hands(demo: dict[str, Any]) -> None:
    _vote(demo, "v2")["hands"] = {"pr1": 2}
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == "votes[1].hands"


# --- rounds -----------------------------------------------------------------------------------

def test_the_demo_ranking_follows_the_dot_vote_and_reports_the_shift(demo: dict[str, Any]) -> None:
    report = build_report(workshop_from_document(demo))["votes"]
    assert report["v2"]["follows"] == "v1"
    assert set(report["v2"]["shift"]) == set(_vote(demo, "v2")["items"])
    before = {r["item"]: r["rank"] for r in report["v1"]["ranking"]}
    after = {r["item"]: r["rank"] for r in report["v2"]["ranking"]}
    assert report["v2"]["shift"] == {i: before[i] - after[i] for i in after}
    assert report["v1"]["shift"] == {}


@pytest.mark.parametrize("follows", ["v9", "v2"])
def test_a_round_must_follow_another_known_vote(demo: dict[str, Any], follows: str) -> None:
    _vote(demo, "v2")["follows"] = follows
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == "votes[1].follows"


# --- accountability owners ----------------------------------------------------------------------

def test_accountability_owners_round_trip(demo: dict[str, Any]) -> None:
    ws = workshop_from_document(demo)
    assert ws.diagnosis.accountability == {"0": "p9", "1": "p1", "2": "nobody"}
    assert document_from_workshop(ws)["diagnosis"]["accountability"] == {"0": "p9", "1": "p1", "2": "nobody"}


@pytest.mark.parametrize("owners, place", [
    ({"4": "p1"}, "diagnosis.accountability.4"),
    ({"0": "p99"}, "diagnosis.accountability.0"),
])
def test_bad_accountability_names_the_place(demo: dict[str, Any], owners: dict, place: str) -> None:
    demo["diagnosis"]["accountability"] = owners
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == place


def test_no_accountability_leaves_no_key() -> None:
    assert "accountability" not in document_from_workshop(Workshop())["diagnosis"]


# --- the critical few -------------------------------------------------------------------------

def _workshop(statuses: dict[str, str]) -> Workshop:
    return Workshop(priorities=[Priority(pid, pid.upper(), status=s) for pid, s in statuses.items()])


def test_top_items_bring_in_everything_tied_at_the_cut() -> None:
    vote = make_vote("dots", [{"a": 3, "b": 1, "c": 1}], items=["a", "b", "c", "d"], budget=5)
    assert critical_few.top_items(vote, 1) == ["a"]
    assert critical_few.top_items(vote, 2) == ["a", "b", "c"]


def test_decide_selects_the_chosen_and_returns_the_rest_to_undecided() -> None:
    ws = _workshop({"a": "candidate", "b": "selected", "c": "candidate", "d": "deferred", "e": "candidate"})
    vote = Vote("v1", "?", "dots", 5, items=["a", "b", "c", "d"])
    changes = critical_few.decide(ws, vote, ["a", "c"])
    assert [(before.id, after.status) for before, after in changes] == [
        ("a", "selected"), ("b", "candidate"), ("c", "selected")]
    # d was decided earlier (deferred) and e was not on the vote: both untouched.


def test_more_than_five_is_not_a_critical_few() -> None:
    assert critical_few.too_many(5) is None
    assert "6 priorities" in (critical_few.too_many(6) or "")
