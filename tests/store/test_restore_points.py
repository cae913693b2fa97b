"""Restore points on disk: made with the backup API, listed newest first, rotated, restorable,
and never holding the partial ballots of a secret vote that is still open."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import document_from_workshop, workshop_from_document
from okr_workshop.store.restore_points import RestorePoints, folder_for
from okr_workshop.store.workshop_file import WorkshopFile, WorkshopFileError

from .conftest import DEMO_JSON


def demo(close_secret: bool = True) -> m.Workshop:
    """The demo with its secret votes closed, or open as if still under way (the demo's offsite is
    over, so its votes are closed as shipped)."""
    ws = workshop_from_document(json.loads(DEMO_JSON.read_text(encoding="utf-8")))
    ws.votes = [dataclasses.replace(v, closed=close_secret) if v.secret else v for v in ws.votes]
    return ws


@pytest.fixture
def store(tmp_path: Path):
    wf = WorkshopFile.create(tmp_path / "offsite.okrw", demo())
    yield wf
    wf.close()


def test_a_point_is_a_complete_workshop_file_listed_with_its_reason(store, tmp_path):
    """The copy opens as a workshop equal to the original; the list reads it back from disk."""
    points = RestorePoints(store.path, tmp_path / "root")
    point = points.make(store, "Opened")
    assert point.path.parent == folder_for(store.path, tmp_path / "root")
    again = RestorePoints(store.path, tmp_path / "root").list()  # a new object: read from disk only
    assert [(p.path, p.reason) for p in again] == [(point.path, "Opened")]
    assert "11 people" in again[0].summary
    assert document_from_workshop(points.load(again[0])) == document_from_workshop(store.workshop)


def test_only_the_newest_points_are_kept(store, tmp_path):
    """Rotation keeps ``keep`` points, newest first, and deletes the notes with the copies."""
    points = RestorePoints(store.path, tmp_path / "root", keep=3)
    for i in range(5):
        points.make(store, f"point {i}")
    assert [p.reason for p in points.list()] == ["point 4", "point 3", "point 2"]
    assert len(list(points.folder.iterdir())) == 6  # three copies, three notes


def test_restoring_replaces_the_content_and_keeps_the_state_before(store, tmp_path):
    """Restore brings back the old title; the point it makes first holds the newer one."""
    points = RestorePoints(store.path, tmp_path / "root")
    old = points.make(store, "Opened")
    store.put(dataclasses.replace(store.workshop.info, title="Renamed after lunch"))
    before = points.restore(store, old)
    assert store.workshop.info.title == demo().info.title
    assert before.reason.startswith("Before restoring to")
    assert points.load(before).info.title == "Renamed after lunch"
    points.restore(store, before)  # the restore itself is undone
    assert store.workshop.info.title == "Renamed after lunch"


def test_a_damaged_point_is_refused_before_anything_changes(store, tmp_path):
    """A copy that is not a workshop file leaves the open one untouched."""
    points = RestorePoints(store.path, tmp_path / "root")
    point = points.make(store, "Opened")
    point.path.write_bytes(b"not a database")
    with pytest.raises(WorkshopFileError):
        points.restore(store, point)
    assert store.workshop.info.title == demo().info.title
    assert len(points.list()) == 1  # no "before restoring" point either


def ballot_rows(path: Path, vote_id: str) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        ballots = conn.execute("SELECT COUNT(*) FROM ballots WHERE vote = ?", [vote_id]).fetchone()[0]
        voters = conn.execute("SELECT COUNT(*) FROM voters WHERE vote = ?", [vote_id]).fetchone()[0]
        return ballots, voters
    finally:
        conn.close()


def test_an_open_secret_vote_loses_its_partial_ballots_in_a_point(tmp_path):
    """Two copies taken mid-vote could be compared to link ballots to voters: none is kept."""
    with WorkshopFile.create(tmp_path / "live.okrw", demo(close_secret=False)) as live:
        secret = next(v for v in live.workshop.votes if v.secret)
        assert secret.ballots and not secret.closed
        points = RestorePoints(live.path, tmp_path / "root")
        mid = points.make(live, "Automatic")
        final = points.make(live, "Before closing", final={secret.id})
    assert ballot_rows(mid.path, secret.id) == (0, 0)
    assert secret.title in mid.note and "without the ballots" in mid.note
    assert ballot_rows(final.path, secret.id) == (len(secret.ballots), len(secret.voted))
    assert final.note == ""
    open_vote = next(v for v in demo(close_secret=False).votes if not v.secret)
    assert ballot_rows(mid.path, open_vote.id)[0] == len(open_vote.ballots)  # open votes keep theirs


def test_a_copy_without_its_note_is_still_listed(store, tmp_path):
    """A crash between the copy and its note loses the reason, not the point."""
    points = RestorePoints(store.path, tmp_path / "root")
    point = points.make(store, "Opened")
    point.path.with_suffix(".json").unlink()
    (listed,) = points.list()
    assert listed.path == point.path and listed.reason == "Unknown"
    assert listed.made.replace(microsecond=0) == point.made.replace(microsecond=0)
