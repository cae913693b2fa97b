"""The rollout plan on the Actions screen: typed fields commit at once, pilots are added, edited and
removed, the gaps list shrinks as the plan fills, and everything undoes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.widgets.rollout_panel import RolloutPanel

from .helpers import screen_named


def panel_of(window) -> RolloutPanel:
    panel = screen_named(window, "Actions").rollout
    assert isinstance(panel, RolloutPanel)
    return panel


def stored_plan(window):
    with WorkshopFile.open(window.ctx.store.path, read_only=True) as f:
        return f.workshop.rollout


def test_filling_the_plan_by_keyboard_and_mouse(demo_window, qtbot):
    panel = panel_of(demo_window)
    demo_window.ctx.edit(demo_window.ctx.workshop.rollout, type(demo_window.ctx.workshop.rollout)())
    assert "No pilot unit" in panel.gaps.text()

    qtbot.keyClicks(panel.start, "2026-03-16")
    panel.coach.setCurrentIndex(panel.coach.findData("p7"))
    panel.coach.activated.emit(panel.coach.currentIndex())
    qtbot.mouseClick(panel.add_button, Qt.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    editor.insert("Gdańsk")  # QTest types Latin-1 only
    qtbot.keyClicks(editor, " depot")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.pilots.state() != panel.pilots.State.EditingState)  # commits queued
    panel.pilots.item(0, 1).setText("Onboarding pain is visible there")
    qtbot.keyClicks(panel.expansion, "Two quarters of weekly reviews held")

    plan = stored_plan(demo_window)
    assert plan.senior_team_start == "2026-03-16" and plan.coach == "p7"
    assert plan.pilots == [{"unit": "Gdańsk depot", "why": "Onboarding pain is visible there"}]
    assert plan.expansion == "Two quarters of weekly reviews held"
    assert "Pilot in Gdańsk depot" in panel.steps.text()
    assert not panel.gaps.isVisible() or "pilot" not in panel.gaps.text().lower()

    demo_window.undo_action.trigger()  # the expansion text, typed as one step
    assert stored_plan(demo_window).expansion == ""
    demo_window.redo_action.trigger()
    assert stored_plan(demo_window).expansion == "Two quarters of weekly reviews held"


def test_removing_a_pilot_and_undoing(demo_window, qtbot):
    panel = panel_of(demo_window)
    panel.add_pilot()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    count = len(demo_window.ctx.workshop.rollout.pilots)
    panel.pilots.setCurrentCell(count - 1, 0)
    qtbot.mouseClick(panel.remove, Qt.LeftButton)
    assert len(demo_window.ctx.workshop.rollout.pilots) == count - 1
    demo_window.undo_action.trigger()
    assert len(demo_window.ctx.workshop.rollout.pilots) == count


def cascade_of(window) -> list[dict[str, str]]:
    return stored_plan(window).cascade


def test_the_demo_cascade_is_on_the_panel(demo_window):
    panel = panel_of(demo_window)
    cascade = demo_window.ctx.workshop.rollout.cascade
    assert panel.cascade.rowCount() == len(cascade) == 4
    assert [panel.cascade.cellWidget(r, 0).currentData() for r in range(4)] == [c["who"] for c in cascade]
    assert panel.cascade.item(1, 1).text() == "the department heads, with the not-now list"
    assert panel.cascade.item(1, 2).text() == "2026-03-19"


def test_adding_a_cascade_line_through_the_table_and_undoing_each_step(demo_window, qtbot):
    """Add, type whom, pick who, type the date: each one undo step; a date that is not one stays out."""
    panel = panel_of(demo_window)
    before = cascade_of(demo_window)
    qtbot.mouseClick(panel.add_cascade_button, Qt.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor  # the "Tells whom" cell opens for typing
    editor.selectAll()
    qtbot.keyClicks(editor, "the works council")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.cascade.state() != panel.cascade.State.EditingState)
    row = len(before)
    assert cascade_of(demo_window)[row] == {"who": "", "tells": "the works council", "by": ""}

    combo = panel.cascade.cellWidget(row, 0)
    combo.setCurrentIndex(combo.findData("p7"))
    combo.activated.emit(combo.currentIndex())
    assert cascade_of(demo_window)[row]["who"] == "p7"

    panel.cascade.item(row, 2).setText("next week")  # not a date: put back, nothing stored
    assert panel.cascade.item(row, 2).text() == "" and cascade_of(demo_window)[row]["by"] == ""
    panel.cascade.setCurrentCell(row, 2)
    panel.cascade.editItem(panel.cascade.item(row, 2))
    date_editor = QApplication.focusWidget()
    assert isinstance(date_editor, QLineEdit), date_editor
    qtbot.keyClicks(date_editor, "2026-03-26")
    qtbot.keyClick(date_editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: cascade_of(demo_window)[row]["by"] == "2026-03-26")
    assert cascade_of(demo_window) == [*before, {"who": "p7", "tells": "the works council", "by": "2026-03-26"}]
    assert panel.cascade.cellWidget(row, 0).currentData() == "p7"  # the refreshed row shows the pick

    demo_window.undo_action.trigger()  # the date
    assert cascade_of(demo_window)[row] == {"who": "p7", "tells": "the works council", "by": ""}
    demo_window.undo_action.trigger()  # who
    assert cascade_of(demo_window)[row]["who"] == ""
    assert panel.cascade.cellWidget(row, 0).currentData() is None
    demo_window.undo_action.trigger()  # whom
    assert cascade_of(demo_window)[row]["tells"] == "Whom?"
    demo_window.undo_action.trigger()  # the line itself
    assert cascade_of(demo_window) == before and panel.cascade.rowCount() == len(before)
    demo_window.redo_action.trigger()
    assert len(cascade_of(demo_window)) == len(before) + 1


def test_emptying_whom_puts_it_back_and_removing_a_line_undoes(demo_window, qtbot):
    panel = panel_of(demo_window)
    before = cascade_of(demo_window)
    panel.cascade.item(0, 1).setText("   ")  # a line must say whom it reaches
    assert panel.cascade.item(0, 1).text() == before[0]["tells"] and cascade_of(demo_window) == before

    panel.cascade.setCurrentCell(0, 1)
    qtbot.mouseClick(panel.remove_cascade, Qt.LeftButton)
    assert cascade_of(demo_window) == before[1:] and panel.cascade.rowCount() == len(before) - 1
    demo_window.undo_action.trigger()
    assert cascade_of(demo_window) == before and panel.cascade.rowCount() == len(before)
