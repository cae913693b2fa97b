"""The OKR editor: typing objectives and key results by keyboard, coaching checks that appear and
clear, a restatement the room accepts, objectives offered for the selected priorities, undo/redo."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from okr_workshop.domain import okrs
from okr_workshop.domain.report import build_report
from okr_workshop.ui.screens.okrs import OkrsScreen, RestateDialog

from .helpers import screen_named
from .test_edit_undo_reopen import edit_cell


@pytest.fixture
def screen(demo_window) -> OkrsScreen:
    found = screen_named(demo_window, "OKRs")
    assert isinstance(found, OkrsScreen)
    return found


def shown(screen: OkrsScreen) -> list[str]:
    return [screen.findings.item(i).text() for i in range(screen.findings.count())]


def column(table, field: str) -> int:
    return next(i for i, c in enumerate(table.model.columns) if c.field == field)


def test_the_editor_lists_what_the_report_finds(demo_window, screen):
    report = build_report(demo_window.ctx.workshop)["okrs"]["findings"]
    keys = [screen.findings.item(i).data(Qt.UserRole) for i in range(screen.findings.count())]
    assert keys == [(f["okr"], f["key_result"], f["finding"]) for f in report]


def test_a_key_result_typed_by_keyboard_gets_its_findings_and_loses_them(demo_window, screen, qtbot):
    table = screen.key_results
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key_Insert)  # a new row, its first cell open
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    row = table.model.rowCount() - 1
    edit_cell(qtbot, table, row, column(table, "title"), "Deliver the carrier scorecards")
    kr = demo_window.ctx.workshop.key_results[-1]
    assert kr.title == "Deliver the carrier scorecards"
    mine = [t for t in shown(screen) if t.startswith("“Deliver the carrier scorecards”")]
    assert any(okrs.FINDING_TEXT["activity_not_outcome"] in t for t in mine)
    assert any(okrs.FINDING_TEXT["missing_baseline"] in t for t in mine)
    edit_cell(qtbot, table, row, column(table, "baseline"), "62")
    edit_cell(qtbot, table, row, column(table, "target"), "90")
    mine = [t for t in shown(screen) if t.startswith("“Deliver the carrier scorecards”")]
    assert not any(okrs.FINDING_TEXT["missing_baseline"] in t for t in mine)
    assert not any(okrs.FINDING_TEXT["missing_target"] in t for t in mine)
    demo_window.undo_action.trigger()  # the target again
    assert any(okrs.FINDING_TEXT["missing_target"] in t for t in shown(screen)
               if t.startswith("“Deliver the carrier scorecards”"))
    demo_window.redo_action.trigger()
    assert demo_window.ctx.workshop.key_results[-1].target == 90


def test_the_live_check_speaks_while_the_title_is_typed(screen, qtbot):
    table = screen.key_results
    index = table.model.index(0, column(table, "title"))
    table.view.setCurrentIndex(index)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Launch")
    assert screen.live.isVisible() and "activity" in screen.live.text()
    editor.selectAll()
    qtbot.keyClicks(editor, "Raise the win rate")
    assert not screen.live.isVisible()
    qtbot.keyClick(editor, Qt.Key_Escape)


def test_accepting_a_restatement_clears_the_activity_finding_and_undoes(demo_window, screen, qtbot):
    row = next(i for i in range(screen.findings.count())
               if screen.findings.item(i).data(Qt.UserRole)[2] == "activity_not_outcome")
    item = screen.findings.item(row)
    qtbot.mouseClick(screen.findings.viewport(), Qt.LeftButton, pos=screen.findings.visualItemRect(item).center())
    kr_id = item.data(Qt.UserRole)[1]
    assert screen.key_results.selected_records()[0].id == kr_id  # one click focuses the key result
    assert screen.restate_button.isEnabled()
    before = next(k for k in demo_window.ctx.workshop.key_results if k.id == kr_id)
    qtbot.mouseClick(screen.restate_button, Qt.LeftButton)
    dialog = screen.findChild(RestateDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.wording.text() == okrs.draft_restatement(before.title)
    dialog.wording.setText("Raise self-serve activation from 41% to 65%")
    qtbot.keyClick(dialog.wording, Qt.Key_Return)
    after = next(k for k in demo_window.ctx.workshop.key_results if k.id == kr_id)
    assert after.title == "Raise self-serve activation from 41% to 65%"
    assert not [f for f in okrs.findings(demo_window.ctx.workshop)
                if f["key_result"] == kr_id and f["finding"] == "activity_not_outcome"]
    demo_window.undo_action.trigger()
    assert next(k for k in demo_window.ctx.workshop.key_results if k.id == kr_id).title == before.title


def test_selected_priorities_are_offered_an_objective_in_one_undo_step(demo_window, screen, qtbot):
    ctx = demo_window.ctx
    with ctx.macro("Select two"):
        for pid in ("pr5", "pr7"):
            p = next(p for p in ctx.workshop.priorities if p.id == pid)
            ctx.edit(p, dataclasses.replace(p, status="selected"))
    assert screen.offer_box.isVisible()
    assert "Healthy margin" in screen.offer.text() or ctx.workshop.priority_title("pr5") in screen.offer.text()
    count = len(ctx.workshop.objectives)
    qtbot.mouseClick(screen.offer_button, Qt.LeftButton)
    added = ctx.workshop.objectives[count:]
    assert [o.priority for o in added] == ["pr5", "pr7"]
    assert not screen.offer_box.isVisible()
    demo_window.undo_action.trigger()
    assert len(ctx.workshop.objectives) == count


def test_an_objective_typed_by_keyboard_is_flagged_until_it_has_an_owner_and_key_results(demo_window, screen,
                                                                                         qtbot):
    table = screen.objectives
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key_Insert)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    row = table.model.rowCount() - 1
    edit_cell(qtbot, table, row, column(table, "objective"), "Make onboarding effortless")
    objective = demo_window.ctx.workshop.objectives[-1]
    mine = [screen.findings.item(i).data(Qt.UserRole) for i in range(screen.findings.count())]
    assert (objective.id, None, "no_owner") in mine and (objective.id, None, "no_key_results") in mine
    demo_window.undo_action.trigger()
    assert demo_window.ctx.workshop.objectives[-1].objective == "New objective"
    demo_window.redo_action.trigger()
    assert demo_window.ctx.workshop.objectives[-1].objective == "Make onboarding effortless"
