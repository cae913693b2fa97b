"""Deleting any record leaves a workshop that still exports and imports: nothing refers to a ghost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.integrity import DeleteRefused, consequences
from okr_workshop.domain.validate import document_from_workshop, workshop_from_document

DEMO = (Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json").read_text("utf-8")


def demo() -> m.Workshop:
    return workshop_from_document(json.loads(DEMO))


def apply(ws: m.Workshop, changes: list) -> None:
    """The store's put/delete on the in-memory workshop, for singletons and lists alike."""
    singletons = {m.WorkshopInfo: "info", m.Diagnosis: "diagnosis", m.RolloutPlan: "rollout"}
    lists = {m.Participant: "participants", m.Priority: "priorities", m.AlignmentAnswer: "alignment_answers",
             m.Vote: "votes", m.NotNow: "not_now", m.Tradeoff: "tradeoffs", m.Intake: "intake",
             m.DepNode: "nodes", m.DepEdge: "edges", m.Role: "roles", m.Decision: "decisions",
             m.Objective: "objectives", m.KeyResult: "key_results", m.Forum: "forums", m.Action: "actions",
             m.AgendaSession: "agenda", m.ParkingItem: "parking_lot", m.LogEntry: "decision_log"}
    for before, after in changes:
        kind = type(before if before is not None else after)
        if kind in singletons:
            setattr(ws, singletons[kind], after)
            continue
        records: list[Any] = getattr(ws, lists[kind])
        if after is None:
            records.remove(before)
        else:
            records[records.index(before)] = after


def delete(ws: m.Workshop, record: Any) -> None:
    apply(ws, [*consequences(ws, record), (record, None)])


def round_trips(ws: m.Workshop) -> None:
    workshop_from_document(json.loads(json.dumps(document_from_workshop(ws))))  # raises on a dangling ref


def records_of(ws: m.Workshop) -> list[Any]:
    kinds = ("priorities", "not_now", "tradeoffs", "nodes", "edges", "roles", "decisions", "objectives",
             "key_results", "forums", "actions")
    return [r for kind in kinds for r in getattr(ws, kind)]


@pytest.mark.parametrize("index", range(len(records_of(demo()))))
def test_deleting_any_record_of_the_demo_keeps_it_importable(index: int) -> None:
    ws = demo()
    record = records_of(ws)[index]
    try:
        delete(ws, record)
    except DeleteRefused:
        return  # refusing is allowed; breaking the references is not
    round_trips(ws)


def test_a_participant_without_ballots_leaves_no_trace() -> None:
    ws = demo()
    ws.votes = []  # nobody has voted
    person = next(p for p in ws.participants if p.id == "p1")
    delete(ws, person)
    round_trips(ws)
    text = json.dumps(document_from_workshop(ws))
    assert '"p1"' not in text


def test_a_participant_who_voted_is_kept() -> None:
    ws = demo()
    with pytest.raises(DeleteRefused, match="has voted"):
        consequences(ws, next(p for p in ws.participants if p.id == "p1"))


def test_a_node_takes_its_edges_and_an_objective_its_key_results() -> None:
    ws = demo()
    node = next(n for n in ws.nodes if any(e.source == n.id for e in ws.edges))
    delete(ws, node)
    assert not [e for e in ws.edges if node.id in (e.source, e.target)]
    objective = ws.objectives[0]
    delete(ws, objective)
    assert not ws.key_results_of(objective.id)
    round_trips(ws)


def test_a_priority_on_a_vote_with_ballots_is_kept() -> None:
    ws = demo()
    with pytest.raises(DeleteRefused, match="has ballots"):
        consequences(ws, next(p for p in ws.priorities if p.id == "pr1"))
