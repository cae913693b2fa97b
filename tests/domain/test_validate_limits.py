"""What the importer refuses so that storing never fails, and how its work grows.

Every text that is stored must have a UTF-8 form (no lone surrogates); every number must fit its
column and a range that makes sense for what it counts; a secret vote's weights follow the vote
dialog's rule; and validating n records takes about n steps, never n x n.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import InterchangeError, workshop_from_document
from okr_workshop.domain.vote_status import weights_problem

DEMO = Path(__file__).parents[2] / "resources/demo/demo.json"
Doc = dict[str, Any]
BIG = 2**63  # one past the largest SQLite INTEGER
SMALL = -(2**63) - 1  # one below the smallest


@pytest.fixture
def demo() -> Doc:
    return json.loads(DEMO.read_text(encoding="utf-8"))


def _at(path: str, value: Any) -> Callable[[Doc], None]:
    """A change that sets one value, addressed like ``votes.0.ballots.3.scores``."""

    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[int(last) if isinstance(target, list) else last] = value

    return change


def _refused(doc: Doc) -> InterchangeError:
    with pytest.raises(InterchangeError) as caught:
        workshop_from_document(doc)
    return caught.value


# --- text that cannot be stored ---------------------------------------------------------------

LONE = "\ud800"  # what json.loads makes of "\ud800": half of a pair, no character

BROKEN_TEXT = [
    ("participants.1.name", f"Zo{LONE}ë", "participants[1].name"),
    ("participants.1.id", f"p{LONE}", "participants[1].id"),
    ("actions.0.title", f"Name the pilots {LONE}", "actions[0].title"),
    ("votes.0.title", "\udfff", "votes[0].title"),
    ("diagnosis.statements", ["fine", f"x{LONE}"], "diagnosis.statements[1]"),
    ("workshop.location", f"Lake {LONE}House", "workshop.location"),
    ("okrs.0.key_results.0.unit", LONE, "okrs[0].key_results[0].unit"),
    ("agenda.0.goal", LONE, "agenda[0].goal"),
]


@pytest.mark.parametrize(("path", "value", "place"), BROKEN_TEXT, ids=[c[2] for c in BROKEN_TEXT])
def test_a_lone_surrogate_is_refused_where_it_is(demo: Doc, path: str, value: Any, place: str) -> None:
    _at(path, value)(demo)
    error = _refused(demo)
    assert error.place == place
    assert "broken character" in error.message
    error.message.encode("utf-8")  # the message itself can be printed


def test_a_character_written_as_a_surrogate_pair_is_kept(demo: Doc) -> None:
    """ "\\ud83d\\ude00" in JSON is one character (😀), not a broken one."""
    demo["priorities"][0]["title"] = "PAIR"
    doc = json.loads(json.dumps(demo).replace('"PAIR"', '"Win \\ud83d\\ude00 accounts"'))
    assert workshop_from_document(doc).priorities[0].title == "Win 😀 accounts"


# --- numbers ---------------------------------------------------------------------------------

# (record, field) -> changes that put a number out of range into it, with the place named.
OUT_OF_RANGE: dict[tuple[str, str], list[tuple[str, Any, str]]] = {
    ("AgendaSession", "minutes"): [("agenda.0.minutes", BIG, "agenda[0].minutes"),
                                   ("agenda.0.minutes", 24 * 60 + 1, "agenda[0].minutes")],
    ("AgendaSession", "day"): [("agenda.3.day", BIG, "agenda[3].day"), ("agenda.3.day", SMALL, "agenda[3].day"),
                               ("agenda.3.day", 32, "agenda[3].day")],
    ("AgendaSession", "extended"): [("agenda.0.extended", BIG, "agenda[0].extended")],
    ("AgendaSession", "paused"): [("agenda.0.paused", BIG, "agenda[0].paused")],
    ("Vote", "round"): [("votes.0.round", BIG, "votes[0].round"), ("votes.0.round", 101, "votes[0].round")],
    ("Vote", "budget"): [("votes.0.budget", BIG, "votes[0].budget"), ("votes.0.budget", 1001, "votes[0].budget")],
    ("Vote", "cap"): [("votes.0.cap", BIG, "votes[0].cap")],
    ("Vote", "hands"): [("votes.0.hands", {"pr1": BIG}, "votes[0].hands.pr1")],
    ("Vote", "weights"): [("votes.1.weights", {"p1": BIG}, "votes[1].weights.p1"),
                          ("votes.1.weights", {"p1": float("inf")}, "votes[1].weights.p1"),
                          ("votes.1.weights", {"p1": float("nan")}, "votes[1].weights.p1")],
    ("Ballot", "scores"): [("votes.0.ballots.0.scores", {"pr1": BIG}, "votes[0].ballots[0]"),
                           ("votes.1.ballots.0.scores.pr2", SMALL, "votes[1].ballots[0]")],
    ("Ballot", "weight"): [("votes.1.ballots.0.weight", BIG, "votes[1].ballots[0].weight")],
    ("Forum", "duration_minutes"): [("rhythm.0.duration_minutes", BIG, "rhythm[0].duration_minutes")],
    ("KeyResult", "baseline"): [("okrs.0.key_results.0.baseline", BIG, "okrs[0].key_results[0].baseline"),
                                ("okrs.0.key_results.0.baseline", -1e300, "okrs[0].key_results[0].baseline")],
    ("KeyResult", "target"): [("okrs.0.key_results.0.target", SMALL, "okrs[0].key_results[0].target")],
    ("DepNode", "x"): [("dependency_graph.nodes.0.x", BIG, "dependency_graph.nodes[0].x")],
    ("DepNode", "y"): [("dependency_graph.nodes.0.y", SMALL, "dependency_graph.nodes[0].y")],
    ("PastKeyResult", "baseline"): [("retrospective", {"key_results": [{"id": "k1", "title": "x", "baseline": BIG}]},
                                     "retrospective.key_results[0].baseline")],
    ("PastKeyResult", "target"): [("retrospective", {"key_results": [{"id": "k1", "title": "x", "target": SMALL}]},
                                   "retrospective.key_results[0].target")],
    ("PastKeyResult", "actual"): [("retrospective", {"key_results": [{"id": "k1", "title": "x", "actual": BIG}]},
                                   "retrospective.key_results[0].actual")],
    ("PastKeyResult", "confidence"): [("retrospective", {"key_results": [{"id": "k1", "title": "x", "confidence": 0}]},
                                       "retrospective.key_results[0].confidence")],
    ("History", "alignment"): [("history", {"alignment": {"dependencies": BIG}}, "history.alignment.dependencies")],
    ("RoomQuestion", "upvotes"): [("room_questions.0.upvotes", BIG, "room_questions[0].upvotes"),
                                  ("room_questions.2.upvotes", -1, "room_questions[2].upvotes")],
}
CASES = [case for cases in OUT_OF_RANGE.values() for case in cases]


def _numeric_fields() -> set[tuple[str, str]]:
    """Every field of a stored record that holds numbers (alone, optional, or in a list or map)."""
    records = [c for c in vars(m).values()
               if isinstance(c, type) and dataclasses.is_dataclass(c) and c is not m.Workshop]
    return {(c.__name__, f.name) for c in records for f in dataclasses.fields(c)
            if re.search(r"\b(int|float)\b", str(f.type))}


def test_every_numeric_field_has_a_range_case() -> None:
    """A new number field must get a range on import (and a case here), or SQLite may refuse it."""
    assert _numeric_fields() == set(OUT_OF_RANGE)


@pytest.mark.parametrize(("path", "value", "place"), CASES, ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_a_number_out_of_range_is_refused_where_it_is(demo: Doc, path: str, value: Any, place: str) -> None:
    _at(path, value)(demo)
    error = _refused(demo)
    assert error.place == place
    assert len(error.message) < 200, "a long number is cut short in the message"


def test_the_largest_numbers_in_range_are_accepted(demo: Doc) -> None:
    for change in (_at("agenda.0.minutes", 24 * 60), _at("agenda.3.day", 31), _at("agenda.0.extended", 24 * 60),
                   _at("agenda.0.paused", 7 * 24 * 3600), _at("votes.0.round", 100),
                   _at("votes.1.round", 100), _at("rhythm.0.duration_minutes", 24 * 60),
                   _at("okrs.0.key_results.0.baseline", 10**15), _at("dependency_graph.nodes.0.x", -(10**15))):
        change(demo)
    ws = workshop_from_document(demo)
    assert ws.agenda[0].minutes == 24 * 60 and ws.agenda[3].day == 31 and ws.votes[0].round == 100


# --- weights in a secret vote ----------------------------------------------------------------


def test_a_weight_only_one_voter_holds_in_a_secret_vote_is_refused(demo: Doc) -> None:
    """The vote dialog's rule: the lone holder's ballot would be the only one of that weight."""
    assert demo["votes"][0]["secret"] is True
    demo["votes"][0]["weights"] = {"p2": 2}
    error = _refused(demo)
    assert error.place == "votes[0].weights"
    assert "'v1'" in error.message  # names the vote
    unweighted = workshop_from_document(json.loads(DEMO.read_text(encoding="utf-8")))
    vote = dataclasses.replace(unweighted.votes[0], ballots=[])
    assert weights_problem(unweighted, vote, {"p2": 2}) in error.message  # the same function says it


def test_a_weight_two_voters_share_in_a_secret_vote_is_accepted(demo: Doc) -> None:
    demo["votes"][0]["weights"] = {"p2": 2, "p3": 2}
    assert workshop_from_document(demo).votes[0].weights == {"p2": 2, "p3": 2}


def test_a_weight_one_voter_holds_in_an_open_vote_is_accepted(demo: Doc) -> None:
    assert demo["votes"][1]["secret"] is False
    demo["votes"][1]["weights"] = {"p2": 2}
    assert workshop_from_document(demo).votes[1].weights == {"p2": 2}


def test_a_weight_for_the_facilitator_is_refused(demo: Doc) -> None:
    """The dialog offers weights to voters only; the facilitator (p0) does not vote."""
    demo["votes"][1]["weights"] = {"p0": 2}
    assert _refused(demo).place == "votes[1].weights"


# --- work that grows with the document -------------------------------------------------------


class _CountingId(str):
    """An id that counts how often it is compared or hashed: looking it up in a list compares
    it with every element, in a set about once."""

    steps = 0

    def __eq__(self, other: object) -> bool:
        _CountingId.steps += 1
        return str.__eq__(self, other)

    def __hash__(self) -> int:
        _CountingId.steps += 1
        return str.__hash__(self)


def _scaled_document(n: int) -> Doc:
    """A valid document with n records of every kind that can grow, referring to each other."""
    i_ = _CountingId
    people = [{"id": i_(f"p{i}"), "name": f"Person {i}"} for i in range(n)]
    prios = [{"id": i_(f"pr{i}"), "title": f"Priority {i}"} for i in range(n)]
    return {
        "format": "okr-workshop", "version": 1, "participants": people, "priorities": prios,
        "alignment_answers": [{"participant": i_(f"p{i}"), "question": "top_priorities", "items": ["x"]}
                              for i in range(n)],
        "votes": [{"id": i_("v1"), "title": "Rank", "method": "rank", "secret": False,
                   "items": [i_(f"pr{i}") for i in range(n)], "weights": {i_(f"p{i}"): 2 for i in range(n)},
                   "ballots": [{"participant": i_(f"p{i}"), "scores": {}} for i in range(n)]},
                  {"id": i_("v2"), "title": "Dots", "method": "dots", "secret": True, "follows": i_("v1"),
                   "items": [i_("pr0"), i_("pr1")], "voted": [i_(f"p{i}") for i in range(n)],
                   "ballots": [{"scores": {i_("pr0"): 1}} for _ in range(n)]}],
        "not_now": [{"id": i_(f"nn{i}"), "title": "Later", "priority": i_(f"pr{i}"), "decision": "defer",
                     "owner": i_(f"p{i}")} for i in range(n)],
        "tradeoffs": [{"id": i_(f"t{i}"), "choose": i_(f"pr{i}"), "over": "x"} for i in range(n)],
        "intake": [{"id": i_(f"in{i}"), "title": "New", "requested_by": i_(f"p{i}"), "forum": i_(f"f{i}")}
                   for i in range(n)],
        "dependency_graph": {
            "nodes": [{"id": i_(f"n{i}"), "owner": i_(f"p{i}")} for i in range(n)],
            "edges": [{"from": i_(f"n{i}"), "to": i_(f"n{i + 1}"), "owner": i_(f"p{i}")} for i in range(n - 1)]},
        "decision_rights": {
            "roles": [{"id": i_(f"r{i}"), "label": "Role", "participant": i_(f"p{i}")} for i in range(n)],
            "decisions": [{"id": i_(f"d{i}"), "situation": "x", "assignments": {i_(f"r{i}"): "D"},
                           "forum": i_(f"f{i}")} for i in range(n)]},
        "okrs": [{"id": i_(f"o{i}"), "objective": "x", "priority": i_(f"pr{i}"), "owner": i_(f"p{i}"),
                  "key_results": [{"id": i_(f"kr{i}"), "title": "Raise", "owner": i_(f"p{i}")}]} for i in range(n)],
        "rhythm": [{"id": i_(f"f{i}"), "name": "Forum", "cadence": "weekly", "owner": i_(f"p{i}"),
                    "attendees": [i_(f"p{i}")]} for i in range(n)],
        "actions": [{"id": i_(f"a{i}"), "title": "Do", "owner": i_(f"p{i}")} for i in range(n)],
        "agenda": [{"id": i_(f"s{i}"), "title": "Session", "started": "2026-03-12T09:00:00",
                    "ended": "2026-03-12T09:30:00"} for i in range(n)],
        "parking_lot": [{"id": i_(f"pk{i}"), "text": "Q", "raised_by": i_(f"p{i}"), "resolution": "action",
                         "link": i_(f"a{i}")} for i in range(n)],
        "decision_log": [{"id": i_(f"l{i}"), "at": "2026-03-12T10:00:00", "text": "x"} for i in range(n)],
    }


def _steps(n: int) -> int:
    """Id comparisons plus Python lines run while validating the document of size n."""
    doc = _scaled_document(n)
    lines = 0

    def trace(frame: Any, event: str, arg: Any) -> Any:
        nonlocal lines
        lines += event == "line"
        return trace

    _CountingId.steps = 0
    sys.settrace(trace)
    try:
        workshop_from_document(doc)
    finally:
        sys.settrace(None)
    return _CountingId.steps + lines


def test_validation_grows_linearly_with_the_document() -> None:
    """Four times the records take about four times the steps (n x n work would take sixteen).
    Counted, not timed: the machine's load cannot make it pass or fail."""
    small, large = _steps(150), _steps(600)
    assert large < 5 * small, f"{small} steps for 150 records of each kind, {large} for 600"


def test_a_reference_that_is_not_text_is_refused_not_a_crash(demo: Doc) -> None:
    """Ids are looked up in sets now; a list where an id belongs must still be refused in words."""
    demo["diagnosis"]["accountability"] = {"0": ["p1"]}
    assert _refused(demo).place == "diagnosis.accountability.0"
