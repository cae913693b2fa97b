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
    ws = workshop_from_document(demo)
    assert [t.confirmed for t in ws.tradeoffs] == [True, False, False]
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


def test_checkin_questions_action_sources_and_closed_votes_round_trip(demo: dict[str, Any]) -> None:
    demo["okrs"][0]["checkin"] = ["Goal: what would success look like beyond the numbers?"]
    demo["actions"][0]["source"] = "Dependencies: Core Engineering → Billing replacement"
    demo["votes"][0]["closed"] = True
    ws = workshop_from_document(demo)
    assert ws.objectives[0].checkin == ["Goal: what would success look like beyond the numbers?"]
    assert ws.actions[0].source.startswith("Dependencies") and ws.votes[0].closed and not ws.votes[1].closed
    doc = document_from_workshop(ws)
    assert doc["okrs"][0]["checkin"] == demo["okrs"][0]["checkin"] and "checkin" not in doc["okrs"][1]
    assert doc["actions"][0]["source"] == demo["actions"][0]["source"] and "source" not in doc["actions"][2]
    assert doc["votes"][0]["closed"] is True and "closed" not in doc["votes"][1]
