"""Fixtures for the store tests: small documents, the demo, and a fresh workshop file."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.store.workshop_file import WorkshopFile

REPO = Path(__file__).resolve().parents[2]
DEMO_JSON = REPO / "resources" / "demo" / "demo.json"

# Canonical: exactly what document_from_workshop writes for it, so a round trip must equal it.
SMALL_DOCUMENT: dict = {
    "format": "okr-workshop",
    "version": 1,
    "workshop": {
        "title": "Leadership offsite",
        "organisation": "Northwind",
        "starts": "2026-03-12",
        "ends": "2026-03-13",
        "location": "Lake House",
        "facilitator": "p0",
        "cycle": "2026-Q2",
    },
    "participants": [
        {"id": "p0", "name": "Ana Facilitator", "role": "facilitator", "function": "People"},
        {"id": "p1", "name": "Zoë Åberg", "role": "executive", "function": "Sales"},
        {"id": "p2", "name": "山田 太郎", "role": "executive", "function": "Engineering"},
        {"id": "p3", "name": "ليلى حداد", "role": "executive", "function": "Finance"},
        {"id": "p4", "name": "Sam Observer", "role": "participant", "function": ""},
    ],
    "priorities": [
        {
            "id": "pr1",
            "title": "Win mid-market accounts",
            "description": "Land 40 logos",
            "status": "selected",
        },
        {"id": "pr2", "title": "Cut churn", "description": "", "status": "candidate"},
        {"id": "pr3", "title": "Rebrand", "description": "", "status": "deferred"},
    ],
    "alignment_answers": [
        {
            "participant": "p1",
            "question": "top_priorities",
            "items": ["Win mid-market accounts", "Cut churn"],
        },
        {"participant": "p2", "question": "top_priorities", "items": ["Cut churn"]},
        {"participant": "p2", "question": "stop_or_wait", "items": ["Rebrand"]},
    ],
    "diagnosis": {
        "signals": ["initiatives_added_mid_quarter", "managers_cannot_say_no"],
        "statements": ["Everything is a priority"],
    },
    "votes": [
        {
            "id": "v1",
            "title": "What matters most next quarter?",
            "method": "dots",
            "budget": 5,
            "secret": True,
            "round": 1,
            "items": ["pr1", "pr2", "pr3"],
            "voted": ["p1", "p2", "p3"],
            "ballots": [
                {"scores": {"pr1": 3, "pr3": 2}},
                {"scores": {"pr2": 5}},
                {"scores": {"pr1": 3, "pr3": 2}},
            ],
        },
        {
            "id": "v2",
            "title": "Rank them",
            "method": "rank",
            "secret": False,
            "round": 2,
            "items": ["pr1", "pr2", "pr3"],
            "ballots": [
                {"participant": "p1", "scores": {"pr1": 1, "pr2": 2, "pr3": 3}},
                {"participant": "p3", "scores": {"pr1": 2, "pr2": 1, "pr3": 3}},
            ],
        },
    ],
    "not_now": [
        {
            "id": "n1",
            "title": "Rebrand",
            "priority": "pr3",
            "decision": "defer",
            "reason": "After Q3",
            "owner": "p1",
            "revisit": "2026-07-01",
        },
        {"id": "n2", "title": "Office move", "decision": "stop", "reason": ""},
    ],
    "tradeoffs": [{"id": "t1", "choose": "pr1", "over": "New enterprise features", "rationale": "Focus"}],
    "dependency_graph": {
        "nodes": [
            {"id": "eng", "label": "Engineering", "kind": "team", "owner": "p2", "x": 10.5, "y": -3.0},
            {"id": "sales", "label": "Sales", "kind": "team", "owner": "p1"},
            {"id": "vendor", "label": "Payments vendor", "kind": "external"},
        ],
        "edges": [
            {
                "from": "eng",
                "to": "sales",
                "what": "pricing API",
                "owner": "p2",
                "needed_by": "2026-05-01",
                "risk": "high",
                "status": "open",
            },
            {"from": "vendor", "to": "eng", "what": "", "risk": "medium", "status": "blocked"},
        ],
    },
    "decision_rights": {
        "framework": "RAPID",
        "roles": [{"id": "ceo", "label": "CEO", "participant": "p1"}, {"id": "cfo", "label": "CFO"}],
        "decisions": [
            {
                "id": "d1",
                "situation": "Priority conflict between functions",
                "assignments": {"ceo": "D", "cfo": "I"},
                "forum": "f1",
                "response": "Decide within the review cycle",
            }
        ],
    },
    "okrs": [
        {
            "id": "o1",
            "objective": "Make mid-market our growth engine",
            "priority": "pr1",
            "owner": "p1",
            "key_results": [
                {
                    "id": "kr1",
                    "title": "Raise mid-market win rate",
                    "metric": "win rate",
                    "baseline": 18,
                    "target": 30.5,
                    "unit": "%",
                    "owner": "p1",
                    "due": "2026-06-30",
                },
                {"id": "kr2", "title": "Launch partner portal", "metric": "", "unit": ""},
            ],
        },
        {"id": "o2", "objective": "Keep customers", "key_results": []},
    ],
    "rhythm": [
        {
            "id": "f1",
            "name": "Weekly execution review",
            "cadence": "weekly",
            "purpose": "Unblock delivery",
            "owner": "p1",
            "attendees": ["p2", "p3"],
            "duration_minutes": 45,
            "first": "2026-04-06T09:00",
        },
    ],
    "actions": [
        {"id": "a1", "title": "Name the pilot units", "owner": "p1", "due": "2026-03-20", "status": "open"},
        {"id": "a2", "title": "Book the review room", "status": "done"},
    ],
}


@pytest.fixture
def small_document() -> dict:
    """A small canonical interchange document touching every section."""
    return copy.deepcopy(SMALL_DOCUMENT)


@pytest.fixture
def demo_document() -> dict:
    """The shipped demo workshop (the small document until the demo exists)."""
    if DEMO_JSON.exists():
        return json.loads(DEMO_JSON.read_text(encoding="utf-8"))
    return copy.deepcopy(SMALL_DOCUMENT)


@pytest.fixture
def tmp_workshop(tmp_path: Path, small_document: dict):
    """An open workshop file in tmp_path holding the small document; closed after the test."""
    f = WorkshopFile.create(tmp_path / "workshop.okrw", workshop_from_document(small_document))
    yield f
    f.close()
