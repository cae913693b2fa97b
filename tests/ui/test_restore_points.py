"""Automatic restore points in the window: at open, before a vote closes, on the timer; the
"Restore to…" dialog; restoring, after a restart too, and undoing a restore."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.resource_lookup import resource
from okr_workshop.store.workshop_file import write_new
from okr_workshop.ui.restore import RestoreDialog

from .helpers import make_window

TITLE = "Spring leadership offsite: from plan to weekly rhythm"


def demo(close_secret: bool = True) -> m.Workshop:
    """The demo with its secret vote closed (an open secret vote's partial ballots never go into a
    point, see the store tests), or reopened as if still under way (the shipped demo's is closed)."""
    ws = workshop_from_document(json.loads(resource("demo/demo.json").read_text(encoding="utf-8")))
    ws.votes = [dataclasses.replace(v, closed=close_secret) if v.secret else v for v in ws.votes]
    return ws


@pytest.fixture
def offsite(tmp_path: Path) -> Path:
    path = tmp_path / "offsite.okrw"
    write_new(path, demo())
    return path


def open_window(qtbot, path: Path, interval_ms: int | None = None):
    window = make_window(qtbot)
    window.restore_interval_ms = interval_ms
    with qtbot.waitSignal(window.restore_keeper_ready, timeout=5000):
        assert window.open_path(path)
    return window


def reasons(window) -> list[str]:
    return [p.reason for p in window.restore_keeper.points.list()]


def rename(window, title: str) -> None:
    window.ctx.edit(window.ctx.workshop.info, dataclasses.replace(window.ctx.workshop.info, title=title))


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *rest, **kw):
        asked.append(text)
        return QMessageBox.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_a_point_is_made_when_a_file_opens(qtbot, offsite, restore_points_in_tmp_path):
    """Opening a workshop keeps a copy of it, in the restore folder, and File → Restore to… is on."""
    window = open_window(qtbot, offsite)
    assert reasons(window) == ["Opened"]
    assert window.restore_keeper.points.folder.parent == restore_points_in_tmp_path
    assert window.restore_action.isEnabled()


def test_the_demo_and_read_only_files_keep_no_points(qtbot, restore_points_in_tmp_path):
    """The demo is a throwaway copy: no restore points, and Restore to… stays off."""
    window = make_window(qtbot)
    window.open_demo()
    qtbot.wait(50)
    assert window.restore_keeper is None and not window.restore_action.isEnabled()
    assert not restore_points_in_tmp_path.exists()


def test_the_timer_makes_a_point_only_when_something_changed(qtbot, offsite):
    """Every interval: a point if the workshop changed since the last one, none if it did not."""
    window = open_window(qtbot, offsite, interval_ms=60)
    qtbot.wait(250)
    assert reasons(window) == ["Opened"]  # nothing changed: no new point
    rename(window, "After the first break")
    qtbot.waitUntil(lambda: len(reasons(window)) == 2, timeout=3000)
    assert reasons(window)[0].startswith("Automatic")
    newest = window.restore_keeper.points.list()[0]
    assert window.restore_keeper.points.load(newest).info.title == "After the first break"


def test_a_point_is_made_just_before_a_vote_closes(qtbot, tmp_path):
    """Closing a vote keeps the state just before it, ballots included (they are final)."""
    path = tmp_path / "live.okrw"
    write_new(path, demo(close_secret=False))
    window = open_window(qtbot, path)
    vote = next(v for v in window.ctx.workshop.votes if v.secret and not v.closed)
    window.ctx.edit(vote, dataclasses.replace(vote, closed=True), text="Close vote")
    newest = window.restore_keeper.points.list()[0]
    assert newest.reason == f"Before closing the vote “{vote.title}”"
    kept = next(v for v in window.restore_keeper.points.load(newest).votes if v.id == vote.id)
    assert not kept.closed and len(kept.ballots) == len(vote.ballots) == 8
    opened = window.restore_keeper.points.list()[-1]
    assert opened.reason == "Opened" and "without the ballots" in opened.note  # it was mid-vote then
    window.ctx.edit(window.ctx.workshop.info, dataclasses.replace(window.ctx.workshop.info, title="x"))
    assert len(reasons(window)) == 2  # other edits make no point of their own


def test_the_dialog_lists_the_points_newest_first(qtbot, offsite):
    """Restore to… shows every point with its time and reason."""
    window = open_window(qtbot, offsite)
    rename(window, "Before lunch")
    window.restore_keeper.make("Manual test point")
    dialog = window.show_restore_dialog()
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    assert [p.reason for p in dialog.listed()] == ["Manual test point", "Opened"]
    assert dialog.tree.topLevelItem(1).text(1) == "Opened"
    assert dialog.tree.topLevelItem(0).text(0)  # the time
    assert dialog.restore_button.isEnabled()


def test_restoring_brings_back_the_old_content_and_can_itself_be_undone(qtbot, offsite, yes):
    """Restore to the point at open: the title comes back; the point made just before the
    restore brings the newer title back again."""
    window = open_window(qtbot, offsite)
    rename(window, "Renamed during the session")
    dialog = window.show_restore_dialog()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))  # "Opened" is the only point
    assert dialog.restore_selected()
    assert "kept as a restore point first" in yes[0]
    assert window.ctx.workshop.info.title == TITLE
    assert not window.ctx.undo_stack.canUndo()  # a fresh start from the restored file
    before = window.restore_keeper.points.list()[0]
    assert before.reason.startswith("Before restoring to")

    assert window.restore_to(before)
    assert window.ctx.workshop.info.title == "Renamed during the session"


def test_restore_points_survive_a_restart(qtbot, offsite, yes):
    """Close the app, start again: the list is read from disk and restoring still works."""
    window = open_window(qtbot, offsite)
    rename(window, "Late on day one")
    window.restore_keeper.make("End of day one")
    window.close()

    again = open_window(qtbot, offsite)
    assert again.ctx.workshop.info.title == "Late on day one"
    assert reasons(again) == ["Opened", "End of day one", "Opened"]
    first = again.restore_keeper.points.list()[-1]
    dialog = again.show_restore_dialog()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(2))
    assert dialog.selected() == first
    assert dialog.restore_selected()
    assert again.ctx.workshop.info.title == TITLE
    assert again.windowTitle().startswith(TITLE)


def test_saying_no_changes_nothing(qtbot, offsite, monkeypatch):
    """The confirmation is the one step: No leaves the workshop and the points as they were."""
    window = open_window(qtbot, offsite)
    rename(window, "Kept")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    dialog = window.show_restore_dialog()
    assert not dialog.restore_selected()
    assert window.ctx.workshop.info.title == "Kept" and reasons(window) == ["Opened"]
