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
