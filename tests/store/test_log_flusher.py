"""Each commit reaches the disk through the log flusher's thread, never while the click waits."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import threading
from pathlib import Path

from okr_workshop.domain import model as m
from okr_workshop.store import log_flusher
from okr_workshop.store.log_flusher import LogFlusher
from okr_workshop.store.output_file import fsync_path
from okr_workshop.store.workshop_file import WorkshopFile


def watch_fsync(monkeypatch) -> list[tuple[str, str]]:
    """Every fsync as (the file's name, the thread that made it)."""
    calls: list[tuple[str, str]] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        calls.append((os.readlink(f"/proc/self/fd/{fd}"), threading.current_thread().name))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return calls


def test_an_edit_is_flushed_to_disk_by_another_thread_than_the_one_that_made_it(tmp_workshop, monkeypatch):
    calls = watch_fsync(monkeypatch)
    info = tmp_workshop.workshop.info
    tmp_workshop.put(dataclasses.replace(info, title="Renamed offsite"))
    assert tmp_workshop._flusher.wait(10)
    assert calls, "the commit was never flushed"
    assert all(name.endswith("workshop.okrw-wal") for name, _ in calls)
    assert threading.current_thread().name not in {thread for _, thread in calls}


def test_the_file_commits_without_waiting_for_the_disk(tmp_workshop):
    assert tmp_workshop._conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL: the flusher syncs


def test_a_burst_of_commits_shares_flushes_and_every_commit_is_covered(tmp_path, monkeypatch):
    flushed: list[int] = []
    gate = threading.Event()

    def slow_flush(path: Path, writable: bool = False) -> None:
        gate.wait(10)  # the first flush is under way while more commits arrive
        flushed.append(1)

    monkeypatch.setattr(log_flusher, "fsync_path", slow_flush)
    flusher = LogFlusher(tmp_path / "w.okrw")
    try:
        for _ in range(50):
            flusher.committed()
        assert not flusher.wait(0.05)  # not flushed yet
        gate.set()
        assert flusher.wait(10)
        assert 1 <= len(flushed) <= 2  # the first commit's flush, then one for the other 49
    finally:
        flusher.close()


def test_closing_flushes_what_is_left_and_ends_the_thread(tmp_path, monkeypatch):
    flushed: list[Path] = []
    monkeypatch.setattr(log_flusher, "fsync_path", lambda path, writable=False: flushed.append(path))
    flusher = LogFlusher(tmp_path / "w.okrw")
    flusher.committed()
    flusher.close()
    assert flushed == [tmp_path / "w.okrw-wal"]
    assert flusher.wait(0)
    assert flusher._thread is not None and not flusher._thread.is_alive()


def test_a_file_only_read_starts_no_thread(tmp_workshop):
    path = tmp_workshop.path
    tmp_workshop.close()
    before = threading.active_count()
    with WorkshopFile.open(path) as store:  # opened for writing, never written
        assert store.workshop.info.title
        assert threading.active_count() == before


def test_flushing_a_log_that_is_gone_is_not_an_error(tmp_path):
    fsync_path(tmp_path / "closed.okrw-wal", writable=True)  # SQLite removed it when the file closed


def test_what_was_committed_is_in_the_file_after_close(tmp_path):
    path = tmp_path / "w.okrw"
    with WorkshopFile.create(path) as store:
        store.put(m.Action("a1", "Book the review room"))
    rows = sqlite3.connect(path).execute("SELECT title FROM actions").fetchall()
    assert rows == [("Book the review room",)]
