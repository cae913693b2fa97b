"""A careless day (issue 16): opening checks everything before writing anything, refuses in one
line, waits briefly for another program's lock, and refuses pipes and devices before opening."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlite_holder import hold, release

from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.store import file_check
from okr_workshop.store.schema import MIGRATIONS, SCHEMA_VERSION
from okr_workshop.store.workshop_file import (
    FileBusyError,
    NotWritableError,
    WorkshopFile,
    WorkshopFileError,
    check_file,
    write_new,
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def saved(tmp_path: Path, demo_document: dict) -> Path:
    path = tmp_path / "saved.okrw"
    write_new(path, workshop_from_document(demo_document))
    return path


def changed(path: Path, *statements: tuple[str, tuple]) -> Path:
    conn = sqlite3.connect(path)
    for sql, args in statements:
        conn.execute(sql, args)
    conn.commit()
    conn.close()
    return path


def assert_refused_untouched(path: Path, *fragments: str) -> str:
    """Editable and read-only opens and the bare check refuse in one line; nothing in the folder changes."""
    before = folder_state(path.parent)
    messages = []
    for attempt in (WorkshopFile.open, lambda p: WorkshopFile.open(p, read_only=True)):
        with pytest.raises(WorkshopFileError) as info:
            attempt(path)
        messages.append(str(info.value))
    for message in messages:
        assert "\n" not in message
        assert message.startswith(str(path))
        for fragment in fragments:
            assert fragment in message, message
    assert folder_state(path.parent) == before, "a refused file must keep every byte, and get no sidecar or backup"
    return messages[0]


# ----- item 8: versions and schemas ----------------------------------------------------------------


@pytest.mark.parametrize("version", [0, -1, 6.5, "seven", b"7", 1, 6])
def test_a_wrong_schema_version_is_refused_without_writing(saved: Path, version):
    """0, -1, 6.5 and text are damaged; 1 and 6 claim an older version its tables do not have."""
    changed(saved, ("UPDATE schema_version SET version = ?", (version,)))
    assert_refused_untouched(saved, "damaged")


def test_two_schema_version_rows_are_refused(saved: Path):
    changed(saved, ("INSERT INTO schema_version VALUES (7)", ()))
    assert_refused_untouched(saved, "damaged", "schema versions")


def test_a_missing_table_or_column_is_refused(saved: Path, tmp_path: Path):
    other = tmp_path / "other.okrw"
    shutil.copy(saved, other)
    changed(saved, ("DROP TABLE agenda", ()))
    assert_refused_untouched(saved, "damaged", "agenda")
    changed(other, ("ALTER TABLE actions DROP COLUMN source", ()))
    assert_refused_untouched(other, "damaged", "actions")


def test_an_extra_table_is_refused(saved: Path):
    changed(saved, ("CREATE TABLE extra (x)", ()))
    assert_refused_untouched(saved, "damaged", "extra")


def test_expected_tables_follow_the_migrations():
    """The schema a version must have is what its migrations make (a fresh file has the newest)."""
    conn = sqlite3.connect(":memory:")
    for v in range(SCHEMA_VERSION):
        conn.executescript(MIGRATIONS[v])
    assert file_check._tables(conn) == file_check.expected_tables(SCHEMA_VERSION)
    assert "agenda" not in file_check.expected_tables(5)


def test_an_older_file_is_checked_before_its_backup_and_migration(tmp_path: Path):
    """A real version 5 file opens (and migrates, keeping a .v5.bak); a damaged one is refused first."""
    path = tmp_path / "old.okrw"
    conn = sqlite3.connect(path)
    for v in range(5):
        conn.executescript(MIGRATIONS[v])
    conn.execute("INSERT INTO schema_version VALUES (5)")
    conn.execute(f"PRAGMA application_id = {file_check.APPLICATION_ID}")
    conn.execute("INSERT INTO actions (id, title, status, position) VALUES ('a1', 'Do it', 'open', 0)")
    conn.commit()
    conn.close()
    bad = tmp_path / "bad.okrw"
    shutil.copy(path, bad)
    changed(bad, ("UPDATE actions SET status = 'maybe'", ()))
    assert_refused_untouched(bad, "damaged", "status")
    with WorkshopFile.open(path) as f:
        assert f.workshop.actions[0].title == "Do it"
    assert (tmp_path / "old.okrw.v5.bak").exists()
    assert check_file(path) == SCHEMA_VERSION


# ----- item 9: stored values ---------------------------------------------------------------------


@pytest.mark.parametrize(("sql", "fragments"), [
    ("UPDATE votes SET items = '5'", ("votes.items", "not a JSON list")),
    ("UPDATE votes SET items = 'not json'", ("votes.items", "not JSON")),
    ("UPDATE votes SET hands = '[]'", ("votes.hands", "not a JSON object")),
    ("UPDATE votes SET secret = 7", ("votes.secret", "not 0 or 1")),
    ("UPDATE votes SET budget = 'lots'", ("votes.budget", "whole number")),
    ("UPDATE info SET value = 'XYZ' WHERE key = 'framework'", ("info 'framework'", "not JSON")),
    ("UPDATE info SET value = '\"XYZ\"' WHERE key = 'framework'", ("framework", "XYZ")),
    ("UPDATE info SET value = '[]' WHERE key = 'workshop'", ("info 'workshop'", "not a JSON object")),
    ("UPDATE info SET value = '{\"nope\": 1}' WHERE key = 'workshop'", ("damaged",)),
    ("UPDATE ballots SET scores = '7'", ("ballots.scores",)),
    ("UPDATE ballots SET weight = 'heavy'", ("ballots.weight",)),
    ("UPDATE actions SET status = 'maybe'", ("actions", "status")),
    ("UPDATE actions SET owner = 'nobody'", ("owner", "nobody")),
    ("UPDATE participants SET name = ''", ("participants", "name")),
    ("INSERT INTO undo_log (command) VALUES ('{oops')", ("undo_log.command",)),
])
def test_bad_stored_values_are_refused_in_one_line(saved: Path, sql: str, fragments: tuple[str, ...]):
    changed(saved, (sql, ()))
    assert_refused_untouched(saved, "damaged", *fragments)


def test_integrity_problems_fit_on_one_line(saved: Path):
    """Many damaged pages give one line: the first problem and how many more."""
    data = bytearray(saved.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page, 2):
        data[n * page + 8: n * page + 40] = bytes(range(32))
    saved.write_bytes(bytes(data))
    message = assert_refused_untouched(saved, "damaged")
    assert len(message) < 400


def test_a_file_not_closed_cleanly_gets_the_full_integrity_check(saved: Path, monkeypatch: pytest.MonkeyPatch):
    """A non-empty -wal beside the file: integrity_check instead of quick_check."""
    seen: list[str] = []
    real = file_check._check_integrity

    def spy(conn: sqlite3.Connection, path: Path) -> None:
        seen.append("integrity_check" if file_check.has_log(path) else "quick_check")
        real(conn, path)

    monkeypatch.setattr(file_check, "_check_integrity", spy)
    check_file(saved)
    Path(f"{saved}-wal").write_bytes(b"\0" * 64)  # not a valid log: SQLite ignores it, but it is not empty
    check_file(saved)
    assert seen == ["quick_check", "integrity_check"]


# ----- a read-only file ----------------------------------------------------------------------------


def old_version_file(path: Path, version: int = 5) -> Path:
    conn = sqlite3.connect(path)
    for v in range(version):
        conn.executescript(MIGRATIONS[v])
    conn.execute("INSERT INTO schema_version VALUES (?)", (version,))
    conn.execute(f"PRAGMA application_id = {file_check.APPLICATION_ID}")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("old", [False, True])
def test_a_read_only_file_is_never_half_modified(tmp_path: Path, saved: Path, monkeypatch: pytest.MonkeyPatch,
                                                 old: bool):
    """No permission to write (faked: the tests run as root): an editable open is refused with a
    clear message before any write (no migration, no backup); a read-only open works."""
    path = old_version_file(tmp_path / "old.okrw") if old else saved
    path.chmod(0o444)
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: not mode & os.W_OK)
    before = folder_state(tmp_path)
    with pytest.raises(NotWritableError, match="read-only"):
        WorkshopFile.open(path)
    with WorkshopFile.open(path, read_only=True) as f:
        assert f.read_only
    assert folder_state(tmp_path) == before


# ----- item 11: special files ------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_okrw_is_refused_without_waiting(tmp_path: Path):
    fifo = tmp_path / "pipe.okrw"
    os.mkfifo(fifo)
    result: list[BaseException | None] = []

    def attempt() -> None:
        try:
            WorkshopFile.open(fifo)
            result.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            result.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():  # unblock it before failing
        with open(fifo, "wb"):
            pass
        pytest.fail("opening a pipe waited for a writer")
    assert isinstance(result[0], WorkshopFileError)
    assert "not a regular file" in str(result[0])


# ----- item 13: locked files -------------------------------------------------------------------------

def test_a_reader_in_another_process_does_not_block_opening(saved: Path):
    """A plain reader (an open read transaction in another program) does not keep the app out."""
    WorkshopFile.open(saved).close()
    for path in (saved,):
        child = hold(path, "BEGIN", "SELECT count(*) FROM actions")
        try:
            with WorkshopFile.open(path) as f:  # blocked, it would end in "in use"
                assert f.workshop.actions
        finally:
            release(child)


def test_a_freshly_written_file_is_not_blocked_by_a_reader_either(saved: Path):
    """write_new makes write-ahead-log files, so even the first open needs no exclusive lock."""
    assert saved.read_bytes()[18:20] == b"\x02\x02"
    child = hold(saved, "BEGIN", "SELECT count(*) FROM actions")
    try:
        WorkshopFile.open(saved).close()
    finally:
        release(child)


@pytest.mark.parametrize("read_only", [False, True])
def test_an_exclusive_lock_is_waited_for_then_named_in_use(saved: Path, read_only: bool):
    child = hold(saved, "PRAGMA locking_mode=EXCLUSIVE", "BEGIN EXCLUSIVE", "UPDATE actions SET title = title")
    try:
        before = sha256(saved)
        with pytest.raises(FileBusyError) as info:  # after a brief wait (how brief: not a test's business)
            WorkshopFile.open(saved, read_only=read_only)
        assert str(info.value) == f"{saved}: in use by another program; close it and try again"
        assert sha256(saved) == before
    finally:
        release(child)
    WorkshopFile.open(saved).close()  # and once the other program lets go, it opens


def test_busy_errors_become_in_use_and_others_damaged(tmp_path: Path):
    busy = sqlite3.OperationalError("database is locked")
    assert isinstance(file_check.refusal(tmp_path, busy), FileBusyError)
    other = file_check.refusal(tmp_path, ValueError("line one\nline two"))
    assert str(other) == f"{tmp_path}: damaged (line one line two)"
