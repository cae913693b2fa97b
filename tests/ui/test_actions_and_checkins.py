"""Actions captured from any screen with one shortcut, linked to what they came from; the check-in
guide per objective; both stored at once and undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from okr_workshop.domain import okrs
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.widgets.add_action import AddActionDialog

from .helpers import screen_named


def stored_actions(window):
    with WorkshopFile.open(window.ctx.store.path, read_only=True) as f:
        return f.workshop.actions


def add_by_shortcut(qtbot, window, widget, title: str, due: str = "") -> AddActionDialog:
    qtbot.keyClick(widget, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    dialogs = [d for d in window.findChildren(AddActionDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # no title yet
    qtbot.keyClicks(dialog.title, title)
    if due:
        qtbot.keyClicks(dialog.due, due)
    return dialog


def test_actions_from_two_screens_remember_where_they_came_from(demo_window, qtbot):
    count = len(demo_window.ctx.workshop.actions)
    board = screen_named(demo_window, "Not now & trade-offs").board
    board.select("pr:pr10")
    dialog = add_by_shortcut(qtbot, demo_window, board.columns["stop"], "Tell both customers this month",
                             "2026-03-31")
    assert "Customer-hosted edition" in dialog.source.text()
    qtbot.keyClick(dialog.title, Qt.Key_Return)

    okr_screen = screen_named(demo_window, "OKRs")
    okr_screen.objectives.view.selectRow(0)
    dialog = add_by_shortcut(qtbot, demo_window, okr_screen.objectives.view, "Find the churn baseline")
    assert dialog.source.text().startswith("OKRs: objective")
    qtbot.keyClick(dialog.title, Qt.Key_Return)

    added = stored_actions(demo_window)[count:]
    assert [a.title for a in added] == ["Tell both customers this month", "Find the churn baseline"]
    assert added[0].due == "2026-03-31" and added[0].source.startswith("Not now & trade-offs:")
    assert added[1].source.startswith("OKRs: objective “")
    demo_window.undo_action.trigger()
    assert len(stored_actions(demo_window)) == count + 1
    demo_window.redo_action.trigger()
    assert len(stored_actions(demo_window)) == count + 2


def test_a_bad_due_date_cannot_be_added(demo_window, qtbot):
    dialog = add_by_shortcut(qtbot, demo_window, demo_window.nav, "Book the venue", "next week")
    assert "2026-03-20" in dialog.problem.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.reject()


def test_the_check_in_guide_starts_from_grow_and_is_edited_by_keyboard(demo_window, qtbot):
    screen = screen_named(demo_window, "OKRs")
    screen.objectives.view.selectRow(1)
    objective = demo_window.ctx.workshop.objectives[1]
    assert f"“{objective.objective}”" in screen.checkin_for.text()
    qtbot.mouseClick(screen.grow_button, Qt.LeftButton)
    assert demo_window.ctx.workshop.objectives[1].checkin == list(okrs.CHECKIN_QUESTIONS)
    screen.checkin.moveCursor(screen.checkin.textCursor().MoveOperation.End)
    qtbot.keyClick(screen.checkin, Qt.Key_Return)
    qtbot.keyClicks(screen.checkin, "Which customer would notice first?")
    with WorkshopFile.open(demo_window.ctx.store.path, read_only=True) as f:
        assert f.workshop.objectives[1].checkin[-1] == "Which customer would notice first?"
    demo_window.undo_action.trigger()  # the typing, one step
    assert demo_window.ctx.workshop.objectives[1].checkin == list(okrs.CHECKIN_QUESTIONS)
    demo_window.undo_action.trigger()
    assert demo_window.ctx.workshop.objectives[1].checkin == objective.checkin
    QApplication.processEvents()
