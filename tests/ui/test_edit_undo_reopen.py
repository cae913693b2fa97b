"""Editing through the screens, undo and redo, and undo history that survives reopening the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from okr_workshop.store.workshop_file import WorkshopFile

from .helpers import find_table, make_window, screen_named

NEW_TITLE = "Grow mid-market logos"


def stored_priority_titles(path: Path) -> list[str]:
    """The priority titles as the file holds them, read by a second, read-only connection."""
    with WorkshopFile.open(path, read_only=True) as other:
        return [p.title for p in other.workshop.priorities]


def edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Edit one cell the way a user does: select it, F2, type, Enter."""
    view = table.view
    index = table.model.index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
    assert view.currentIndex() == index
    qtbot.keyClick(view, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is view.viewport()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)  # the delegate commits queued


def priorities_table(window):
    window.activateWindow()
    return find_table(screen_named(window, "Overview"), "Candidate priorities")


def test_table_edit_is_stored_and_undone_and_redone_by_keyboard(demo_window, qtbot):
    """A title typed into the table reaches the workshop and the file; Ctrl+Z undoes it, Ctrl+Shift+Z redoes it."""
    ctx = demo_window.ctx
    table = priorities_table(demo_window)
    old_title = ctx.workshop.priorities[0].title

    edit_cell(qtbot, table, 0, 0, NEW_TITLE)

    assert ctx.workshop.priorities[0].title == NEW_TITLE
    assert table.model.index(0, 0).data() == NEW_TITLE
    assert stored_priority_titles(ctx.store.path)[0] == NEW_TITLE
    assert demo_window.undo_action.isEnabled()
    assert NEW_TITLE in demo_window.undo_action.text()

    qtbot.keyClick(table.view, Qt.Key_Z, Qt.ControlModifier)
    assert ctx.workshop.priorities[0].title == old_title
    assert stored_priority_titles(ctx.store.path)[0] == old_title
    assert demo_window.redo_action.isEnabled()

    qtbot.keyClick(table.view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert ctx.workshop.priorities[0].title == NEW_TITLE
    assert stored_priority_titles(ctx.store.path)[0] == NEW_TITLE


def test_ctrl_y_also_redoes(demo_window, qtbot):
    """Ctrl+Y redoes as well as Ctrl+Shift+Z (neither shortcut is bound twice, which would disable both)."""
    ctx = demo_window.ctx
    table = priorities_table(demo_window)
    edit_cell(qtbot, table, 1, 0, NEW_TITLE)
    demo_window.undo_action.trigger()
    assert ctx.workshop.priorities[1].title != NEW_TITLE
    qtbot.keyClick(table.view, Qt.Key_Y, Qt.ControlModifier)
    assert ctx.workshop.priorities[1].title == NEW_TITLE


def test_escape_cancels_a_cell_edit(demo_window, qtbot):
    """Escape in a cell editor cancels the edit (the window's Escape shortcut does not swallow it)."""
    ctx = demo_window.ctx
    table = priorities_table(demo_window)
    old_title = ctx.workshop.priorities[0].title
    view = table.view
    index = table.model.index(0, 0)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
    qtbot.keyClick(view, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "typed but abandoned")
    qtbot.keyClick(editor, Qt.Key_Escape)
    assert view.state() != view.State.EditingState
    assert ctx.workshop.priorities[0].title == old_title
    assert ctx.undo_stack.count() == 0


def test_typing_a_title_is_one_undo_step(demo_window, qtbot):
    """Typing the offsite title key by key is merged into a single undo step."""
    ctx = demo_window.ctx
    overview = screen_named(demo_window, "Overview")
    field = dict(overview.fields)["Offsite"]
    old_title = ctx.workshop.info.title
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Spring offsite")

    assert ctx.workshop.info.title == "Spring offsite"
    assert ctx.undo_stack.count() == 1
    assert "Spring offsite" in demo_window.windowTitle()
    assert len(ctx.store.undo_log()) == 1  # the merged step is one entry in the file too

    demo_window.undo_action.trigger()
    assert ctx.workshop.info.title == old_title
    assert field.text() == old_title
    assert not demo_window.undo_action.isEnabled()


def test_edit_and_undo_history_survive_reopening(demo_window, qtbot):
    """After closing and reopening the file the edit is there, and undo still reverts it."""
    ctx = demo_window.ctx
    path = ctx.store.path
    old_title = ctx.workshop.priorities[0].title
    edit_cell(qtbot, priorities_table(demo_window), 0, 0, NEW_TITLE)
    demo_window.close()
    assert demo_window.ctx is None

    again = make_window(qtbot)
    assert again.open_path(path)
    assert again.ctx.workshop.priorities[0].title == NEW_TITLE
    assert find_table(again.screens[0], "Candidate priorities").model.index(0, 0).data() == NEW_TITLE
    assert again.undo_action.isEnabled()

    again.undo_action.trigger()
    assert again.ctx.workshop.priorities[0].title == old_title
    assert stored_priority_titles(path)[0] == old_title
    assert again.ctx.store.undo_log() == []


def test_add_then_delete_key_then_undo_restores_the_row(demo_window, qtbot):
    """Add appends a row and opens its editor; Delete removes it; undo puts it back in the same place."""
    ctx = demo_window.ctx
    table = priorities_table(demo_window)
    count = table.model.rowCount()

    qtbot.mouseClick(table.add_button, Qt.LeftButton)
    assert table.model.rowCount() == count + 1
    added = ctx.workshop.priorities[-1]
    assert table.view.state() == table.view.State.EditingState  # ready to type the title
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert table.view.currentIndex().row() == count

    qtbot.keyClick(table.view, Qt.Key_Delete)
    assert table.model.rowCount() == count
    assert added not in ctx.workshop.priorities

    demo_window.undo_action.trigger()
    assert ctx.workshop.priorities[count] == added
    assert stored_priority_titles(ctx.store.path)[count] == added.title


def test_deleting_a_middle_row_and_undoing_keeps_its_position(demo_window, qtbot):
    """A row deleted from the middle of a table comes back at the same index on undo, in the file too."""
    ctx = demo_window.ctx
    table = priorities_table(demo_window)
    before = stored_priority_titles(ctx.store.path)
    voted_on = {item for vote in ctx.workshop.votes for item in vote.items}
    row = next(i for i, p in enumerate(ctx.workshop.priorities) if p.id not in voted_on)  # a cast vote keeps its items
    assert 0 < row < len(before) - 1, "the demo should have such a priority in the middle"
    view = table.view
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(table.model.index(row, 0)).center())
    qtbot.keyClick(view, Qt.Key_Delete)
    assert [p.title for p in ctx.workshop.priorities] == before[:row] + before[row + 1:]
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert [p.title for p in ctx.workshop.priorities] == before
    assert stored_priority_titles(ctx.store.path) == before
