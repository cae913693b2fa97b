"""Opening refuses what is not a usable workshop file, without touching it, and locks what it opens."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.store.schema import SCHEMA_VERSION
from okr_workshop.store.workshop_file import (
    FileInUseError,
    ReadOnlyError,
    WorkshopFile,
    WorkshopFileError,
    check_file,
)

from .conftest import REPO


def fingerprint(path: Path) -> tuple[str, int, int]:
    """The bytes (as sha256), size and mtime of a file: a refused open must change none of them."""
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns


def assert_refused(path: Path, *reasons: str) -> str:
    """Open (editable, read-only, and the bare check) must all refuse with the path and a reason."""
    before = fingerprint(path) if path.exists() else None
    messages = []
    for attempt in (WorkshopFile.open, lambda p: WorkshopFile.open(p, read_only=True), check_file):
        with pytest.raises(WorkshopFileError) as info:
            attempt(path)
        assert not isinstance(info.value, FileInUseError)
        messages.append(str(info.value))
    for message in messages:
        assert str(path) in message
        assert any(reason in message.lower() for reason in reasons), message
    if before is None:
        assert not path.exists(), "a refused open must not create the file"
    else:
        assert fingerprint(path) == before, "a refused open must not write to the file"
    return messages[0]


@pytest.fixture
def saved(tmp_path: Path, demo_document: dict) -> Path:
    """A closed workshop file holding the demo plus enough actions to span many pages."""
    ws = workshop_from_document(demo_document)
    ws.actions += [m.Action(f"bulk{i}", f"Bulk action number {i} " * 3) for i in range(300)]
    path = tmp_path / "saved.okrw"
    WorkshopFile.create(path, ws).close()
    return path


def test_missing_file_is_refused_and_not_created(tmp_path: Path):
    """A path with no file is refused as missing and opening does not create it."""
    assert_refused(tmp_path / "nothing here.okrw", "no such file")


def test_folder_is_refused(tmp_path: Path):
    """A folder given as the workshop path is refused as a folder."""
    folder = tmp_path / "folder.okrw"
    folder.mkdir()
    with pytest.raises(WorkshopFileError, match="folder"):
        WorkshopFile.open(folder)


def test_text_file_is_refused_as_not_sqlite(tmp_path: Path):
    """A text file is refused as not an SQLite database, unchanged."""
    path = tmp_path / "notes.okrw"
    path.write_text("These are my offsite notes, not a workshop.\n" * 50, encoding="utf-8")
    assert_refused(path, "not an sqlite database")


def test_empty_file_is_refused_as_not_sqlite(tmp_path: Path):
    """A 0-byte file (which SQLite itself would happily adopt) is refused and stays empty."""
    path = tmp_path / "empty.okrw"
    path.touch()
    assert_refused(path, "not an sqlite database")
    assert path.stat().st_size == 0


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_foreign_sqlite_database_is_refused_as_not_ours(tmp_path: Path, journal: str):
    """Another program's SQLite database is refused as not an okr-workshop file, unchanged."""
    path = tmp_path / "foreign.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany("INSERT INTO customers (name) VALUES (?)", [("Ada",), ("Grace",)])
    conn.commit()
    conn.close()
    message = assert_refused(path, "not an okr-workshop file")
    assert "sqlite database" in message.lower()


def test_file_from_a_newer_version_is_refused(saved: Path):
    """A file whose schema version is above SCHEMA_VERSION is refused as newer, unchanged."""
    conn = sqlite3.connect(saved)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    message = assert_refused(saved, "newer")
    assert str(SCHEMA_VERSION + 1) in message


@pytest.mark.parametrize("damage", ["random bytes", "zeroed pages"])
def test_damaged_file_is_refused_as_damaged(saved: Path, damage: str):
    """A file with pages overwritten in the middle is refused as damaged, and not repaired or rewritten."""
    data = bytearray(saved.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    assert pages >= 10, "the fixture should span many pages"
    start, end = (pages // 3) * page_size, (2 * pages // 3) * page_size
    noise = random.Random(7).randbytes(end - start) if damage == "random bytes" else bytes(end - start)
    data[start:end] = noise
    saved.write_bytes(bytes(data))
    assert_refused(saved, "damaged")


def test_truncated_file_is_refused_as_damaged(saved: Path):
    """A file cut off half way (an interrupted copy) is refused as damaged."""
    data = saved.read_bytes()
    saved.write_bytes(data[: len(data) // 2])
    assert_refused(saved, "damaged")


def test_a_good_file_passes_the_check_unchanged(saved: Path):
    """check_file accepts a good file, reports its version and does not write to it."""
    before = fingerprint(saved)
    assert check_file(saved) == SCHEMA_VERSION
    assert fingerprint(saved) == before


def test_second_editable_open_is_refused_as_in_use(tmp_workshop: WorkshopFile):
    """While one WorkshopFile edits a file, a second editable open raises FileInUseError."""
    with pytest.raises(FileInUseError) as info:
        WorkshopFile.open(tmp_workshop.path)
    assert str(tmp_workshop.path) in str(info.value)
    assert "already open" in str(info.value)


def test_refused_second_open_leaves_the_first_one_working(tmp_workshop: WorkshopFile):
    """After a refused second open the first WorkshopFile still commits edits that survive reopening."""
    with pytest.raises(FileInUseError):
        WorkshopFile.open(tmp_workshop.path)
    tmp_workshop.put(m.Action("after", "Edited after the refused open"))
    path = tmp_workshop.path
    tmp_workshop.close()
    with WorkshopFile.open(path) as again:
        assert again.workshop.actions[-1].id == "after"
        assert again._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_open_in_another_process_is_refused_as_in_use(tmp_workshop: WorkshopFile):
    """A file held open for editing by another process cannot be opened for editing here."""
    path = tmp_workshop.path
    tmp_workshop.close()
    script = (
        "import sys\n"
        "from okr_workshop.store.workshop_file import WorkshopFile\n"
        "f = WorkshopFile.open(sys.argv[1])\n"
        "print('open', flush=True)\n"
        "sys.stdin.readline()\n"
        "f.close()\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(FileInUseError):
            WorkshopFile.open(path)
        with WorkshopFile.open(path, read_only=True) as reader:
            assert reader.workshop.actions
    finally:
        child.communicate("\n", timeout=20)
    assert child.returncode == 0
    WorkshopFile.open(path).close()


def test_read_only_open_works_beside_the_editor(tmp_workshop: WorkshopFile):
    """A read-only open beside the editor works and sees everything the editor has committed."""
    tmp_workshop.put(m.Action("a9", "Committed before the reader opened"))
    with WorkshopFile.open(tmp_workshop.path, read_only=True) as reader:
        assert reader.read_only
        assert reader.workshop == tmp_workshop.workshop


def test_read_only_file_refuses_every_edit(tmp_workshop: WorkshopFile):
    """Every kind of edit on a read-only WorkshopFile raises ReadOnlyError and changes nothing."""
    with WorkshopFile.open(tmp_workshop.path, read_only=True) as reader:
        before = reader.workshop
        vote = reader.workshop.votes[0]
        edits = [
            lambda: reader.put(m.Action("new", "New")),
            lambda: reader.put(m.Action("a1", "Renamed")),
            lambda: reader.put(m.WorkshopInfo(title="Renamed")),
            lambda: reader.delete(reader.workshop.actions[0]),
            lambda: reader.set_framework("RACI"),
            lambda: reader.cast_ballot(vote.id, "p4", {"pr1": 1}),
            lambda: reader.replace_all(m.Workshop()),
            lambda: reader.record_undo({"op": "noop"}),
            lambda: reader.drop_undo(1),
        ]
        for edit in edits:
            with pytest.raises(ReadOnlyError):
                edit()
        assert reader.workshop == before
    assert tmp_workshop.workshop == before


def test_file_opens_again_after_close(tmp_workshop: WorkshopFile):
    """Closing releases the lock: the same file opens for editing again, also twice in a row."""
    path = tmp_workshop.path
    tmp_workshop.close()
    tmp_workshop.close()  # closing twice is harmless
    for _ in range(2):
        f = WorkshopFile.open(path)
        assert not f.read_only
        f.close()


def test_refused_files_leave_no_lock_behind(tmp_path: Path):
    """A refused open releases everything: the file can be replaced by a real workshop right after."""
    path = tmp_path / "notes.okrw"
    path.write_text("not a workshop", encoding="utf-8")
    with pytest.raises(WorkshopFileError):
        WorkshopFile.open(path)
    WorkshopFile.create(path, replace=True).close()
    WorkshopFile.open(path).close()
