"""The critical few with their owners, forum, dependency and risk; inconsistencies; the stamp."""

from __future__ import annotations

import dataclasses

from okr_workshop.domain import model as m
from okr_workshop.domain.decided import critical_few, inconsistencies, status_stamp

from .test_ownership import small


def test_a_selected_priority_carries_its_objective_forum_and_dependency():
    (d,) = critical_few(small())
    assert d.priority.id == "pr1" and [o.id for o in d.objectives] == ["o1"]
    assert d.forum is not None and d.forum.cadence == "weekly"
    assert d.dependency is not None and d.dependency.id == "n1->n2"  # "Onboarding" shares a word
    assert d.flags == () or all("No objective" not in f for f in d.flags)


def test_a_priority_without_objective_is_flagged():
    ws = small()
    ws.objectives = []
    (d,) = critical_few(ws)
    assert "No objective yet." in d.flags


def test_objectives_on_unselected_priorities_are_named_as_inconsistent():
    ws = small()
    ws.priorities = [dataclasses.replace(ws.priorities[0], status="candidate")]
    found = " ".join(inconsistencies(ws))
    assert "No priority is marked as selected" in found and "Faster onboarding" in found
    ws.priorities = [dataclasses.replace(ws.priorities[0], status="stopped")]
    assert any("rests on a stopped priority" in w for w in inconsistencies(ws))


def test_the_stamp_follows_the_agenda():
    ws = small()
    assert status_stamp(ws) == "Draft"
    ws.agenda = [m.AgendaSession("s1", "One", day=1), m.AgendaSession("s2", "Two", day=2)]
    assert status_stamp(ws) == "Draft"
    ws.agenda[0] = dataclasses.replace(ws.agenda[0], started="2026-03-12T09:00:00", ended="2026-03-12T10:00:00")
    assert status_stamp(ws) == "Interim, after day 1"
    ws.agenda[1] = dataclasses.replace(ws.agenda[1], started="2026-03-13T09:00:00", ended="2026-03-13T10:00:00")
    assert status_stamp(ws) == "Final"
