"""The decision-rights matrix: letters by mouse and keyboard, problems that appear and disappear in the
grid and the list, one-click focus, framework switches with and without the question, templates, and
undo/redo of all of it (also after reopening the file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMessageBox

from okr_workshop.domain import decision_rights as dr
from okr_workshop.domain import model as m
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.screens.decision_rights import DecisionRightsScreen
from okr_workshop.ui.screens.decision_rights_dialogs import FrameworkMappingDialog, TemplatesDialog
from okr_workshop.ui.widgets.decision_matrix import CHECK, DECIDER_TINT, PROBLEM_TINT

from .helpers import make_window, screen_named


def workshop(framework: str = "RAPID", decisions: list[m.Decision] | None = None) -> m.Workshop:
    """Four roles held by people in several scripts, a weekly and a monthly forum."""
    return m.Workshop(
        participants=[m.Participant("p1", "Łukasz Wierzbicki"), m.Participant("p2", "Ελένη Παπαδοπούλου"),
                      m.Participant("p3", "田中 愛子"), m.Participant("p4", "Дмитрий Волков")],
        roles=[m.Role("ceo", "CEO", "p1"), m.Role("cfo", "CFO", "p2"), m.Role("cmo", "CMO", "p3"),
               m.Role("cto", "CTO", "p4")],
        forums=[m.Forum("f1", "Weekly execution review", "weekly"), m.Forum("f2", "Monthly review", "monthly")],
        framework=framework,
        decisions=decisions or [],
    )


@pytest.fixture
def open_screen(qtbot, tmp_path: Path):
    """Open a workshop in a window and show its Decision rights screen: ``open_screen(ws)``."""

    def open_(ws: m.Workshop) -> DecisionRightsScreen:
        path = tmp_path / "rights.okrw"
        WorkshopFile.create(path, ws).close()
        window = make_window(qtbot)
        assert window.open_path(path)
        screen = screen_named(window, "Decision rights")
        assert isinstance(screen, DecisionRightsScreen)
        window.activateWindow()
        qtbot.waitActive(window)
        QApplication.processEvents()  # the deferred start-up work runs now, not after the file has closed
        return screen

    return open_


def column_of(screen: DecisionRightsScreen, *, key: str | None = None, field: str | None = None) -> int:
    columns = screen.matrix.model.columns
    return next(i for i, c in enumerate(columns) if (key is not None and c.key == key) or
                (field is not None and c.field == field and c.key is None))


def cell(screen: DecisionRightsScreen, row: int, role: str) -> QModelIndex:
    return screen.matrix.model.index(row, column_of(screen, key=role))


def listed(screen: DecisionRightsScreen) -> list[str]:
    return [screen.problems.item(i).text() for i in range(screen.problems.count())]


def click_cell(qtbot, screen: DecisionRightsScreen, index: QModelIndex) -> None:
    view = screen.matrix.view
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())


def choose_in_menu(qtbot, menu: QMenu, letter: str) -> None:
    """Click the menu entry for ``letter`` ("" is Clear) with the mouse."""
    action = next(a for a in menu.actions() if not a.isSeparator() and a.data() == letter)
    qtbot.waitExposed(menu)
    qtbot.mouseClick(menu, Qt.LeftButton, pos=menu.actionGeometry(action).center())


def undo(screen: DecisionRightsScreen) -> None:
    screen.ctx.undo_stack.undo()


def redo(screen: DecisionRightsScreen) -> None:
    screen.ctx.undo_stack.redo()


def test_a_new_row_filled_by_mouse_and_keyboard_shows_problems_as_they_arise_and_go(qtbot, open_screen):
    """Add a situation, type its name; the missing decider shows. A click and the menu make the CEO decide;
    typing D on the CFO cell makes two deciders, Delete clears it again (the row stays), Space cycles."""
    screen = open_screen(workshop())
    view = screen.matrix.view
    qtbot.mouseClick(screen.matrix.add_button, Qt.LeftButton)
    [editor] = view.viewport().findChildren(QLineEdit)  # Add opens the new row's situation for typing
    assert view.state() == view.State.EditingState
    editor.selectAll()
    qtbot.keyClicks(editor, "Hiring freeze exceptions")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    ws = screen.ctx.workshop
    assert [d.situation for d in ws.decisions] == ["Hiring freeze exceptions"]
    assert any("Hiring freeze exceptions: Nobody makes the final call" in line for line in listed(screen))
    assert any("No forum takes this decision" in line for line in listed(screen))
    check_index = screen.matrix.model.index(0, column_of(screen, field=CHECK.field))
    assert "No decider" in check_index.data() and "No forum" in check_index.data()

    click_cell(qtbot, screen, cell(screen, 0, "ceo"))
    menu = screen.matrix.letter_menu
    assert menu is not None and menu.isVisible()
    assert [a.data() for a in menu.actions() if not a.isSeparator()] == [*dr.LETTERS["RAPID"], ""]
    choose_in_menu(qtbot, menu, "D")
    assert screen.ctx.workshop.decisions[0].assignments == {"ceo": "D"}
    assert not any("Nobody makes the final call" in line for line in listed(screen))
    assert cell(screen, 0, "ceo").data(Qt.BackgroundRole) == QBrush(DECIDER_TINT)

    view.setFocus()
    view.setCurrentIndex(cell(screen, 0, "ceo"))
    qtbot.keyClick(view, Qt.Key_Right)
    qtbot.keyClick(view, Qt.Key_D)  # lower case d: letters are taken in either case
    assert screen.ctx.workshop.decisions[0].assignments == {"ceo": "D", "cfo": "D"}
    assert any("More than one final decider" in line for line in listed(screen))
    assert "2 deciders" in screen.matrix.model.index(0, column_of(screen, field="id")).data()
    assert cell(screen, 0, "cfo").data(Qt.BackgroundRole) == QBrush(PROBLEM_TINT)

    qtbot.keyClick(view, Qt.Key_Delete)
    assert len(screen.ctx.workshop.decisions) == 1, "Delete on a letter clears the cell, not the row"
    assert screen.ctx.workshop.decisions[0].assignments == {"ceo": "D"}
    assert not any("More than one final decider" in line for line in listed(screen))
    qtbot.keyClick(view, Qt.Key_Space)
    qtbot.keyClick(view, Qt.Key_Space)
    assert screen.ctx.workshop.decisions[0].assignments == {"ceo": "D", "cfo": "A"}  # "" -> R -> A

    for expected in ({"ceo": "D", "cfo": "R"}, {"ceo": "D"}, {"ceo": "D", "cfo": "D"}, {"ceo": "D"}, {}):
        undo(screen)
        assert screen.ctx.workshop.decisions[0].assignments == expected
    assert any("Nobody makes the final call" in line for line in listed(screen))
    redo(screen)
    redo(screen)
    assert screen.ctx.workshop.decisions[0].assignments == {"ceo": "D", "cfo": "D"}
    assert any("More than one final decider" in line for line in listed(screen))


def test_the_context_menu_sets_and_clears_a_letter(qtbot, open_screen):
    """A right click opens the same menu; Clear empties the cell in one undo step."""
    screen = open_screen(workshop(decisions=[m.Decision("d1", "Pricing exceptions", {"cfo": "D"}, "f2")]))
    view = screen.matrix.view
    index = cell(screen, 0, "cfo")
    # QTest sends no context-menu event for a right click: emit what Qt would emit for one.
    view.customContextMenuRequested.emit(view.visualRect(index).center())
    choose_in_menu(qtbot, screen.matrix.letter_menu, "")
    assert screen.ctx.workshop.decisions[0].assignments == {}
    undo(screen)
    assert screen.ctx.workshop.decisions[0].assignments == {"cfo": "D"}


def test_a_letter_of_another_framework_is_not_taken(qtbot, open_screen):
    """Under RAPID, typing C (a RACI letter) changes nothing."""
    screen = open_screen(workshop(decisions=[m.Decision("d1", "Pricing", {"cfo": "D"}, "f2")]))
    view = screen.matrix.view
    view.setFocus()
    view.setCurrentIndex(cell(screen, 0, "ceo"))
    qtbot.keyClick(view, Qt.Key_C)
    assert screen.ctx.workshop.decisions[0].assignments == {"cfo": "D"}
    assert not screen.ctx.undo_stack.canUndo()


def test_clicking_a_listed_problem_puts_the_cursor_on_its_cell(qtbot, demo_window):
    """The demo's double decider: one click on the problem selects the first decider's cell, with the focus."""
    screen = screen_named(demo_window, "Decision rights")
    problems = screen.problems
    assert problems.count() == 1
    item = problems.item(0)
    qtbot.mouseClick(problems.viewport(), Qt.LeftButton, pos=problems.visualItemRect(item).center())
    current = screen.matrix.view.currentIndex()
    d3 = [d.id for d in screen.ctx.workshop.decisions].index("d3")
    assert current.row() == d3
    assert screen.matrix.model.columns[current.column()].key == "cpo"
    assert screen.matrix.view.hasFocus()


def test_a_bottleneck_and_a_missing_forum_are_marked_and_focusable(qtbot, open_screen):
    """The CEO deciding four of five rows marks the CEO column; the row without a forum marks its forum cell."""
    rows = [m.Decision(f"d{i}", f"Situation {i}", {"ceo": "D"}, "f1") for i in range(1, 5)]
    rows.append(m.Decision("d5", "Marketing budget", {"cmo": "D"}, None))
    screen = open_screen(workshop(decisions=rows))
    model = screen.matrix.model
    ceo = column_of(screen, key="ceo")
    assert "⚠ 4 decisions" in model.headerData(ceo, Qt.Horizontal, Qt.DisplayRole)
    forum = model.index(4, column_of(screen, field="forum"))
    assert forum.data().startswith("⚠")
    lines = listed(screen)
    assert any(line.startswith("⚠") and "CEO is the final decider for 4 of 5" in line for line in lines)
    bottleneck = next(i for i, line in enumerate(lines) if "CEO is the final decider" in line)
    item = screen.problems.item(bottleneck)
    qtbot.mouseClick(screen.problems.viewport(), Qt.LeftButton, pos=screen.problems.visualItemRect(item).center())
    assert screen.matrix.view.currentIndex().column() == ceo
    no_forum = next(i for i, line in enumerate(lines) if "No forum" in line)
    screen.problems.chosen.emit(screen.problems.item(no_forum).data(Qt.UserRole))
    assert screen.matrix.view.currentIndex() == forum


def test_switching_where_every_letter_maps_needs_no_question_and_is_one_undo_step(qtbot, open_screen):
    """RAPID D, P and I map to RACI A, R and C at once; one undo brings back RAPID and its letters."""
    rows = [m.Decision("d1", "Pricing", {"cfo": "D", "cto": "P", "ceo": "I"}, "f2")]
    screen = open_screen(workshop(decisions=rows))
    combo = screen.framework
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)  # RAPID -> RACI, as a user picks it
    assert screen.findChild(FrameworkMappingDialog) is None
    ws = screen.ctx.workshop
    assert ws.framework == "RACI"
    assert ws.decisions[0].assignments == {"cfo": "A", "cto": "R", "ceo": "C"}
    assert "A Accountable (the final call)" in screen.legend.text().replace("<b>", "").replace("</b>", "")
    assert screen.ctx.undo_stack.undoText() == "Use RACI"
    undo(screen)
    assert (ws.framework, ws.decisions[0].assignments) == ("RAPID", {"cfo": "D", "cto": "P", "ceo": "I"})
    assert combo.currentText() == "RAPID"
    redo(screen)
    assert (ws.framework, ws.decisions[0].assignments) == ("RACI", {"cfo": "A", "cto": "R", "ceo": "C"})


def test_switching_with_letters_that_have_no_counterpart_asks_first(qtbot, demo_window):
    """The demo uses RAPID R and A: the dialog proposes R -> R and A -> C; accepted, every row moves in one
    step, the double decider stays a double decider; undo and redo move everything back and forth."""
    screen = screen_named(demo_window, "Decision rights")
    ws = screen.ctx.workshop
    before = [dict(d.assignments) for d in ws.decisions]
    dialog = screen.choose_framework("RACI")
    assert isinstance(dialog, FrameworkMappingDialog)
    assert list(dialog.choices) == ["R", "A"]
    assert dialog.answers() == {"R": "R", "A": "C"}
    dialog.choices["R"].setCurrentIndex(dialog.choices["R"].findData("C"))  # the room decides otherwise
    dialog.accept()
    assert ws.framework == "RACI"
    after = {d.id: d.assignments for d in ws.decisions}
    assert after["d1"] == {"coo": "C", "cfo": "C", "cro": "C", "cpo": "C", "cto": "C", "ceo": "A"}
    assert after["d2"]["cto"] == "R" and after["d2"]["coo"] == "A"
    assert dr.problems(ws) == [{"decision": "d3", "problem": "multiple_deciders"}]
    assert len(screen.problems.findItems("More than one final decider", Qt.MatchContains)) == 1
    undo(screen)
    assert ws.framework == "RAPID" and [d.assignments for d in ws.decisions] == before
    redo(screen)
    assert ws.framework == "RACI" and ws.decisions[0].assignments["ceo"] == "A"


def test_cancelling_the_question_changes_nothing(qtbot, demo_window):
    """Cancel: the framework, the letters and the combo stay as they were, and nothing is undoable."""
    screen = screen_named(demo_window, "Decision rights")
    ws = screen.ctx.workshop
    before = [dict(d.assignments) for d in ws.decisions]
    screen.framework.setCurrentText("DACI")
    dialog = screen.choose_framework("DACI")
    assert dialog is not None
    dialog.reject()
    assert ws.framework == "RAPID" and [d.assignments for d in ws.decisions] == before
    assert screen.framework.currentText() == "RAPID"
    assert not screen.ctx.undo_stack.canUndo()


def test_a_framework_switch_stays_undoable_after_reopening(qtbot, open_screen, tmp_path: Path):
    """The switch is kept in the file's undo history: reopened, one undo restores RAPID and its letters."""
    screen = open_screen(workshop(decisions=[m.Decision("d1", "Pricing", {"cfo": "D", "ceo": "I"}, "f2")]))
    screen.choose_framework("RACI")
    path = screen.ctx.store.path
    window = screen.window()
    QApplication.processEvents()  # let the deferred start-up work run before the file closes
    window._close_current()
    with WorkshopFile.open(path, read_only=True) as f:
        assert f.workshop.framework == "RACI"
    assert window.open_path(path)
    assert window.ctx.undo_stack.undoText() == "Use RACI"
    window.ctx.undo_stack.undo()
    assert window.ctx.workshop.framework == "RAPID"
    assert window.ctx.workshop.decisions[0].assignments == {"cfo": "D", "ceo": "I"}


def test_the_usual_situations_arrive_in_one_undo_step(qtbot, open_screen):
    """The templates dialog offers the four situations; with the CEO picked for the first, the rows arrive
    with responses, escalation paths, forums by cadence and the decider; one undo removes them all."""
    screen = open_screen(workshop())
    dialog = screen.open_templates()
    assert isinstance(dialog, TemplatesDialog)
    assert [t.situation for t in dialog.templates] == [t.situation for t in dr.GOVERNANCE_TEMPLATES]
    box, combo = dialog.picked[0]
    combo.setCurrentIndex(combo.findData("ceo"))
    dialog.picked[3][0].setChecked(False)
    dialog.accept()
    ws = screen.ctx.workshop
    assert [d.situation for d in ws.decisions] == [t.situation for t in dr.GOVERNANCE_TEMPLATES[:3]]
    first = ws.decisions[0]
    assert first.assignments == {"ceo": "D"} and first.forum == "f2"
    assert first.escalation == dr.GOVERNANCE_TEMPLATES[0].escalation
    assert ws.decisions[1].forum == "f1"
    assert screen.matrix.model.rowCount() == 3
    undo(screen)
    assert ws.decisions == []
    assert screen.open_templates().templates == list(dr.GOVERNANCE_TEMPLATES)


def test_read_only_matrix_opens_no_menu_and_takes_no_letters(qtbot, tmp_path: Path, monkeypatch):
    """A file another window edits, opened read-only: a click opens no menu, a typed letter changes nothing."""
    path = tmp_path / "shared.okrw"
    WorkshopFile.create(path, workshop(decisions=[m.Decision("d1", "Pricing", {"cfo": "D"}, "f2")])).close()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    with WorkshopFile.open(path):
        window = make_window(qtbot)
        assert window.open_path(path) and window.ctx.read_only
        screen = screen_named(window, "Decision rights")
        click_cell(qtbot, screen, cell(screen, 0, "ceo"))
        assert screen.matrix.letter_menu is None
        screen.matrix.view.setCurrentIndex(cell(screen, 0, "ceo"))
        qtbot.keyClick(screen.matrix.view, Qt.Key_D)
        assert screen.ctx.workshop.decisions[0].assignments == {"cfo": "D"}
        assert screen.choose_framework("RACI") is None and screen.open_templates() is None
        assert screen.ctx.workshop.framework == "RAPID"
        window.close()
