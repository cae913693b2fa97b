"""User steps: a step that cannot begin leaves the store as usable as before."""

from __future__ import annotations

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
