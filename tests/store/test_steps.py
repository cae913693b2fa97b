"""User steps: a step that cannot begin leaves the store as usable as before."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from sqlite_holder import hold, release

from okr_workshop.domain import model as m
from okr_workshop.store.workshop_file import WorkshopFile


def test_a_step_refused_by_another_writer_leaves_the_next_step_whole(tmp_path: Path):
    """Another program writing: the step is refused; once it is done, a step commits as usual."""
    path = tmp_path / "steps.okrw"
    WorkshopFile.create(path, m.Workshop()).close()
    with WorkshopFile.open(path) as store:
        writer = hold(path, "BEGIN IMMEDIATE")
        try:
            with pytest.raises(sqlite3.OperationalError), store.step():
                pass
        finally:
            release(writer)
        with pytest.raises(RuntimeError), store.step():  # still all or nothing
            store.put(m.Action("a0", "Half a step"))
            raise RuntimeError("the rest fails")
        with store.step():
            store.put(m.Action("a1", "After the other writer"))
            store.put(m.Action("a2", "Same step"))
    with WorkshopFile.open(path, read_only=True) as again:
        assert [a.id for a in again.workshop.actions] == ["a1", "a2"]


def test_a_step_tells_each_changed_section_once_when_it_ends(tmp_path: Path):
    """A step of 60 edits (a first map drop stores every box) tells the listeners each section
    once, after it committed, with the workshop already showing every edit; an edit outside a
    step tells at once."""
    path = tmp_path / "told.okrw"
    nodes = [m.DepNode(f"n{i}", f"Team {i}") for i in range(60)]
    WorkshopFile.create(path, m.Workshop(nodes=nodes)).close()
    with WorkshopFile.open(path) as store:
        heard: list[tuple[str, int]] = []
        store.listeners.append(lambda section: heard.append((section, sum(n.x == 1.0 for n in store.workshop.nodes))))
        with store.step():
            for node in nodes:
                store.put(dataclasses.replace(node, x=1.0, y=2.0))
            store.put(m.Action("a1", "Move the boxes back"))
            assert heard == []  # nothing told in the middle of the step
        assert heard == [("nodes", 60), ("actions", 60)]
        store.put(m.Action("a2", "One more"))
        assert heard[-1] == ("actions", 60)
