"""The mid-cycle intake log and confirmed trade-offs in the interchange document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from okr_workshop.domain.validate import InterchangeError, document_from_workshop, workshop_from_document

DEMO = (Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json").read_text("utf-8")
INTAKE = {"id": "i1", "title": "White-label portal for Kowalski Logistics", "arrived": "2026-04-14",
          "requested_by": "p3", "decision": "defer", "forum": "f2", "decided": "2026-04-20",
          "note": "Revisit at the quarterly reset"}


@pytest.fixture
def demo() -> dict[str, Any]:
    doc = json.loads(DEMO)
    assert any(f["id"] == "f2" for f in doc["rhythm"])
    return doc


def test_intake_round_trips(demo: dict[str, Any]) -> None:
    demo["intake"] = [INTAKE, {"id": "i2", "title": "Board asks for an ESG report"}]
    doc = document_from_workshop(workshop_from_document(demo))
    assert doc["intake"] == [INTAKE, {"id": "i2", "title": "Board asks for an ESG report", "decision": "pending"}]


def test_no_intake_writes_no_key(demo: dict[str, Any]) -> None:
    assert "intake" not in document_from_workshop(workshop_from_document(demo))


@pytest.mark.parametrize("change, place", [
    ({"decision": "maybe"}, "intake[0].decision"),
    ({"forum": "f99"}, "intake[0].forum"),
    ({"requested_by": "p99"}, "intake[0].requested_by"),
    ({"arrived": "14 April"}, "intake[0].arrived"),
    ({"title": ""}, "intake[0].title"),
])
def test_bad_intake_names_the_place(demo: dict[str, Any], change: dict, place: str) -> None:
    demo["intake"] = [{**INTAKE, **change}]
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == place


def test_a_confirmed_trade_off_round_trips(demo: dict[str, Any]) -> None:
    demo["tradeoffs"][0]["confirmed"] = True
    demo["tradeoffs"][1].pop("confirmed", None)  # the demo's room confirmed all three: unconfirm one
    ws = workshop_from_document(demo)
    assert [t.confirmed for t in ws.tradeoffs] == [True, False, True]
    out = document_from_workshop(ws)["tradeoffs"]
    assert out[0]["confirmed"] is True and "confirmed" not in out[1]


ROLLOUT = {"senior_team_start": "2026-03-16", "pilots": [{"unit": "Gdańsk depot", "why": "Onboarding pain is visible"}],
           "coach": "p7", "expansion": "Two pilot quarters with weekly reviews held and KRs updated"}


def test_the_rollout_plan_round_trips(demo: dict[str, Any]) -> None:
    demo["rollout"] = ROLLOUT
    ws = workshop_from_document(demo)
    assert ws.rollout.coach == "p7" and ws.rollout.pilots[0]["unit"] == "Gdańsk depot"
    assert document_from_workshop(ws)["rollout"] == ROLLOUT


@pytest.mark.parametrize("change, place", [
    ({"coach": "p99"}, "rollout.coach"),
    ({"senior_team_start": "next Monday"}, "rollout.senior_team_start"),
    ({"pilots": [{"why": "no unit"}]}, "rollout.pilots[0].unit"),
])
def test_a_bad_rollout_plan_names_the_place(demo: dict[str, Any], change: dict, place: str) -> None:
    demo["rollout"] = {**ROLLOUT, **change}
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == place


CASCADE = [{"who": "p10", "tells": "the department heads", "by": "2026-03-19"},
           {"who": "p6", "tells": "the depot managers", "by": "2026-03-24"},
           {"tells": "the works council"}]  # nobody named yet, no date yet


def test_the_communication_cascade_round_trips(demo: dict[str, Any]) -> None:
    demo["rollout"] = {**ROLLOUT, "cascade": CASCADE}
    ws = workshop_from_document(demo)
    assert ws.rollout.cascade[0] == {"who": "p10", "tells": "the department heads", "by": "2026-03-19"}
    assert ws.rollout.cascade[2] == {"who": "", "tells": "the works council", "by": ""}
    assert document_from_workshop(ws)["rollout"] == {**ROLLOUT, "cascade": CASCADE}
    assert workshop_from_document(document_from_workshop(ws)).rollout == ws.rollout


def test_a_plan_without_a_cascade_stays_without_one(demo: dict[str, Any]) -> None:
    demo["rollout"] = ROLLOUT
    ws = workshop_from_document(demo)
    assert ws.rollout.cascade == [] and "cascade" not in document_from_workshop(ws)["rollout"]


def test_the_demo_carries_a_cascade_of_named_people_and_dates(demo: dict[str, Any]) -> None:
    cascade = workshop_from_document(demo).rollout.cascade
    assert 3 <= len(cascade) <= 4 and all(c["who"] and c["tells"] and c["by"] for c in cascade)
    assert [c["by"] for c in cascade] == sorted(c["by"] for c in cascade)


@pytest.mark.parametrize("line, place, message", [
    ({"who": "p7", "tells": "the depot managers", "by": "next week"}, "rollout.cascade[2].by", "ISO 8601 date"),
    ({"who": "p99", "tells": "the depot managers"}, "rollout.cascade[2].who", "unknown participant"),
    ({"who": "p7", "tells": "  "}, "rollout.cascade[2].tells", "must not be empty"),
    ({"who": "p7"}, "rollout.cascade[2].tells", "must not be empty"),
    ({"who": "p7", "tells": 3}, "rollout.cascade[2].tells", "must be a string"),
    ("the depot managers", "rollout.cascade[2]", "must be an object"),
])
def test_a_bad_cascade_line_names_its_place(demo: dict[str, Any], line: Any, place: str, message: str) -> None:
    demo["rollout"] = {**ROLLOUT, "cascade": [*CASCADE[:2], line]}
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == place and message in err.value.message


def test_a_cascade_that_is_not_a_list_is_refused(demo: dict[str, Any]) -> None:
    demo["rollout"] = {**ROLLOUT, "cascade": {"who": "p7"}}
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(demo)
    assert err.value.place == "rollout.cascade" and "must be a list" in err.value.message


def test_deleting_a_participant_clears_them_from_the_cascade(demo: dict[str, Any]) -> None:
    from okr_workshop.domain import integrity

    demo["rollout"] = {**ROLLOUT, "cascade": CASCADE}
    ws = workshop_from_document(demo)
    ayse = next(p for p in ws.participants if p.id == "p10")  # she cast no ballot, so she can go
    changes = [(b, a) for b, a in integrity.consequences(ws, ayse) if isinstance(b, type(ws.rollout))]
    assert len(changes) == 1
    after = changes[0][1]
    assert after.coach == "p7" and [c["who"] for c in after.cascade] == ["", "p6", ""]
    assert after.cascade[0]["tells"] == "the department heads"


def test_checkin_questions_action_sources_and_closed_votes_round_trip(demo: dict[str, Any]) -> None:
    demo["okrs"][0]["checkin"] = ["Goal: what would success look like beyond the numbers?"]
    demo["actions"][0]["source"] = "Dependencies: Core Engineering → Billing replacement"
    demo["votes"][0]["closed"] = True
    demo["votes"][1].pop("closed", None)  # the demo closed both votes: reopen the second
    ws = workshop_from_document(demo)
    assert ws.objectives[0].checkin == ["Goal: what would success look like beyond the numbers?"]
    assert ws.actions[0].source.startswith("Dependencies") and ws.votes[0].closed and not ws.votes[1].closed
    doc = document_from_workshop(ws)
    assert doc["okrs"][0]["checkin"] == demo["okrs"][0]["checkin"] and "checkin" not in doc["okrs"][1]
    assert doc["actions"][0]["source"] == demo["actions"][0]["source"] and "source" not in doc["actions"][2]
    assert doc["votes"][0]["closed"] is True and "closed" not in doc["votes"][1]
