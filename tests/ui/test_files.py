"""Opening, refusing, sharing, copying and exporting workshop files from the window."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import document_from_workshop, workshop_from_document
from okr_workshop.resource_lookup import resource
from okr_workshop.store.schema import SCHEMA_VERSION
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.widgets.record_table import RecordTable

from .helpers import make_window, screen_named


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def canonical(document: dict) -> dict:
    """The document with secret ballots in a fixed order: import shuffles them on purpose."""
    document = json.loads(json.dumps(document))
    for vote in document["votes"]:
        if vote.get("secret"):
            vote["ballots"].sort(key=lambda b: json.dumps(b, sort_keys=True))
    return document


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A closed workshop file with the demo and enough rows to span many pages."""
    ws = workshop_from_document(json.loads(resource("demo/demo.json").read_text(encoding="utf-8")))
    ws.actions += [m.Action(f"bulk{i}", f"Bulk action number {i} " * 3) for i in range(300)]
    path = tmp_path / "saved.okrw"
    WorkshopFile.create(path, ws).close()
    return path


@pytest.fixture
def critical(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """QMessageBox.critical replaced by a recorder: each call's (parent, title, text)."""
    calls: list[tuple] = []

    def record(parent, title, text, *rest, **kw):
        calls.append((parent, title, text))
        return QMessageBox.Ok

    monkeypatch.setattr(QMessageBox, "critical", record)
    return calls


@pytest.fixture
def answer_question(monkeypatch: pytest.MonkeyPatch):
    """Make QMessageBox.question answer ``button``; returns the list of questions asked."""
    asked: list[str] = []

    def set_answer(button):
        def question(parent, title, text, *rest, **kw):
            asked.append(text)
            return button

        monkeypatch.setattr(QMessageBox, "question", question)
        return asked

    return set_answer


@pytest.fixture
def save_dialog_returns(monkeypatch: pytest.MonkeyPatch):
    """Make QFileDialog.getSaveFileName pick ``path`` without showing a dialog."""

    def choose(path: Path) -> None:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "*"))

    return choose


def make_text_file(path: Path) -> None:
    path.write_text("these are the minutes, not a workshop\n", encoding="utf-8")


def make_foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('hello')")
    conn.commit()
    conn.close()


def make_truncated(path: Path, saved: Path) -> None:
    data = saved.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def make_newer(path: Path, saved: Path) -> None:
    path.write_bytes(saved.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()


BAD_FILES = {
    "text file": (lambda p, s: make_text_file(p), "not an okr-workshop file"),
    "foreign sqlite": (lambda p, s: make_foreign_sqlite(p), "not an okr-workshop file"),
    "truncated": (make_truncated, "damaged"),
    "newer version": (make_newer, "newer"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_file_is_refused_with_a_message_and_left_unchanged(qtbot, tmp_path, saved, critical, kind):
    """A foreign, damaged or newer file shows one critical message naming it, and its bytes stay the same."""
    make, reason = BAD_FILES[kind]
    path = tmp_path / f"{kind}.okrw"
    make(path, saved)
    before = sha256(path)
    files_before = sorted(p.name for p in tmp_path.iterdir())
    window = make_window(qtbot)

    assert window.open_path(path) is False

    assert len(critical) == 1
    _, title, text = critical[0]
    assert title == "Cannot open workshop"
    assert str(path) in text and reason in text and "not changed" in text
    assert window.ctx is None and window.windowTitle() == "okr-workshop"
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before  # no backup, -wal or -shm left
    assert str(path) not in window.recent_files()


def test_file_open_elsewhere_opens_read_only_after_asking(qtbot, saved, critical, answer_question):
    """A file another WorkshopFile edits is, after a Yes, shown read-only: no Add, no typing, title says so."""
    asked = answer_question(QMessageBox.Yes)
    with WorkshopFile.open(saved) as editor:
        window = make_window(qtbot)
        assert window.open_path(saved)

        assert len(asked) == 1 and "already open" in asked[0]
        assert not critical
        assert window.ctx.read_only
        assert "(read-only)" in window.windowTitle()
        assert "Read-only" in window.status_label.text()
        tables = [t for s in window.screens for t in s.findChildren(RecordTable)]
        assert tables
        for table in tables:
            assert not table.add_button.isEnabled(), table.title.text()
            assert not table.delete_button.isEnabled(), table.title.text()
            assert not table.model.flags(table.model.index(0, 0)) & Qt.ItemIsEditable

        overview = screen_named(window, "Overview")
        field = dict(overview.fields)["Offsite"]
        assert field.isReadOnly()
        assert not overview.facilitator.isEnabled()
        diagnose = screen_named(window, "Diagnose")
        assert diagnose.statements.isReadOnly() and not diagnose.examples.isEnabled()
        assert not any(box.isEnabled() for box in diagnose.signal_boxes.values())
        assert not screen_named(window, "Vote").cast.isEnabled()
        assert not screen_named(window, "Decision rights").framework.isEnabled()
        screen_named(window, "Overview")
        title = window.ctx.workshop.info.title
        qtbot.keyClicks(field, "x")
        assert window.ctx.workshop.info.title == title
        assert window.ctx.undo_stack.count() == 0
        assert editor.workshop.info.title == title
        window.close()


def test_file_open_elsewhere_is_left_alone_when_the_answer_is_no(qtbot, saved, answer_question):
    """Answering No to the read-only question opens nothing."""
    answer_question(QMessageBox.No)
    with WorkshopFile.open(saved):
        window = make_window(qtbot)
        assert window.open_path(saved) is False
        assert window.ctx is None


def test_save_a_copy_writes_a_file_with_the_same_data(demo_window, qtbot, tmp_path, save_dialog_returns):
    """"Save a copy" writes a file that opens on its own and holds the same workshop."""
    target = tmp_path / "copy.okrw"
    save_dialog_returns(target)
    demo_window.copy_action.trigger()

    assert target.exists()
    with WorkshopFile.open(target) as copy:
        assert document_from_workshop(copy.workshop) == document_from_workshop(demo_window.ctx.workshop)
    assert "Saved a copy" in demo_window.statusBar().currentMessage()
    assert demo_window.ctx.store.path != target  # the window keeps editing the original


def test_export_json_writes_a_valid_document(demo_window, qtbot, tmp_path, save_dialog_returns):
    """Export JSON (the Export screen's button) writes a document that validates and round-trips."""
    target = tmp_path / "offsite.json"
    save_dialog_returns(target)
    export = screen_named(demo_window, "Export")
    qtbot.mouseClick(export.json_button, Qt.LeftButton)

    document = json.loads(target.read_text(encoding="utf-8"))
    workshop = workshop_from_document(document)
    assert canonical(document_from_workshop(workshop)) == canonical(document_from_workshop(demo_window.ctx.workshop))
    assert "Exported" in demo_window.statusBar().currentMessage()


def test_cancelled_save_dialog_writes_nothing(demo_window, tmp_path, monkeypatch):
    """Cancelling the save dialog for a copy or an export writes no file."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    before = set(tmp_path.rglob("*"))
    demo_window.save_copy()
    demo_window.export_json()
    assert set(tmp_path.rglob("*")) == before


# ----- a careless day (issue 16) ---------------------------------------------------------------------


def set_stored(path: Path, sql: str, *args) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


CARELESS = {
    "schema version 0": ("UPDATE schema_version SET version = ?", 0),
    "schema version 1": ("UPDATE schema_version SET version = ?", 1),
    "schema version 6": ("UPDATE schema_version SET version = ?", 6),
    "schema version -1": ("UPDATE schema_version SET version = ?", -1),
    "schema version 6.5": ("UPDATE schema_version SET version = ?", 6.5),
    "vote items '5'": ("UPDATE votes SET items = ?", "5"),
    "framework XYZ": ("UPDATE info SET value = ? WHERE key = 'framework'", '"XYZ"'),
}


@pytest.mark.parametrize("kind", CARELESS)
def test_a_damaged_file_gets_a_dialog_and_keeps_every_byte(qtbot, tmp_path, saved, critical, kind):
    """Opening used to rewrite such a file (to WAL mode, with a .vN.bak) before a traceback."""
    sql, value = CARELESS[kind]
    set_stored(saved, sql, value)
    before, files = sha256(saved), sorted(p.name for p in tmp_path.iterdir())
    window = make_window(qtbot)
    assert window.open_path(saved) is False
    assert len(critical) == 1 and "damaged" in critical[0][2] and str(saved) in critical[0][2]
    assert sha256(saved) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def test_a_pipe_named_okrw_gets_a_dialog_at_once(qtbot, tmp_path, critical):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe.okrw"
    os.mkfifo(fifo)
    window = make_window(qtbot)
    assert window.open_path(fifo) is False
    assert "not a regular file" in critical[0][2]


def test_a_file_locked_by_another_program_gets_an_in_use_dialog(qtbot, saved, critical):
    hold = ("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA locking_mode=EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE')\n"
            "c.execute('UPDATE actions SET title = title')\nprint('held', flush=True); sys.stdin.readline()\n")
    child = subprocess.Popen([sys.executable, "-c", hold, str(saved)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        window = make_window(qtbot)
        assert window.open_path(saved) is False
        assert critical[0][2].startswith(f"{saved}: in use by another program; close it and try again")
    finally:
        child.communicate("\n", timeout=20)


def test_a_read_only_file_is_offered_read_only(qtbot, saved, critical, answer_question, monkeypatch):
    """No permission to write (faked: tests run as root): asked, then opened read-only, unchanged."""
    asked = answer_question(QMessageBox.Yes)
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: not mode & os.W_OK)
    before = sha256(saved)
    window = make_window(qtbot)
    assert window.open_path(saved)
    assert "read-only" in asked[0] and not critical
    assert window.ctx.read_only
    window.close()
    assert sha256(saved) == before


def test_window_exports_write_through_a_symlink(demo_window, tmp_path, save_dialog_returns):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    save_dialog_returns(link)
    demo_window.export_json()
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["format"] == "okr-workshop"


def test_opening_removes_leftovers_of_a_killed_export_beside_the_file(qtbot, tmp_path, saved):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    leftover = tmp_path / f".okr-workshop-tmp.{child.pid}.k1.tmp"
    leftover.write_bytes(b"%PDF half a pack")
    window = make_window(qtbot)
    assert window.open_path(saved)
    assert not leftover.exists()
    window.close()
