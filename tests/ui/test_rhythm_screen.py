"""The Rhythm screen: warnings that appear and disappear as forums are edited, one-click focus, standing
questions and attendees, the quarter's calendar, and the .ics export from the screen and the File menu."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from okr_workshop.domain import model as m
from okr_workshop.domain import rhythm
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.screens.rhythm import RhythmScreen
from okr_workshop.ui.screens.rhythm_dialogs import AttendeesDialog

from .helpers import make_window, screen_named


@pytest.fixture
def screen(demo_window) -> RhythmScreen:
    found = screen_named(demo_window, "Rhythm")
    assert isinstance(found, RhythmScreen)
    QApplication.processEvents()
    return found


def warnings_listed(screen: RhythmScreen) -> list[str]:
    return [screen.warnings.item(i).text() for i in range(screen.warnings.count())]


def row_of(screen: RhythmScreen, forum_id: str) -> int:
    return [f.id for f in screen.table.model.rows].index(forum_id)


def column_of(screen: RhythmScreen, field: str) -> int:
    return next(i for i, c in enumerate(screen.table.model.columns) if c.field == field)


def type_into_cell(qtbot, screen: RhythmScreen, row: int, field: str, text: str) -> None:
    """Select the cell with the mouse, F2, type, Enter: as the facilitator does."""
    view = screen.table.view
    index = screen.table.model.index(row, column_of(screen, field))
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
    qtbot.keyClick(view, Qt.Key_F2)
    [editor] = view.viewport().findChildren(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)


def test_the_demo_shows_its_two_rhythm_faults(screen):
    """The demo's operations sync may decide nothing and repeats the monthly review's purpose."""
    lines = warnings_listed(screen)
    assert len(lines) == 2
    assert lines[0].startswith("✖") and "Monthly operations sync may decide nothing" in lines[0]
    assert lines[1].startswith("⚠") and "Monthly business review and Monthly operations sync" in lines[1]


def test_typing_decision_rights_clears_calendar_theatre_and_undo_brings_it_back(qtbot, screen):
    """Once the operations sync may decide something, its theatre warning goes; Ctrl+Z brings it back."""
    type_into_cell(qtbot, screen, row_of(screen, "f4"), "decision_rights", "Move drivers between depots")
    assert screen.ctx.workshop.forums[3].decision_rights == "Move drivers between depots"
    assert not any("may decide nothing" in line for line in warnings_listed(screen))
    screen.ctx.undo_stack.undo()
    assert any("may decide nothing" in line for line in warnings_listed(screen))


def test_removing_the_owner_and_the_quarterly_forum_raise_their_warnings(qtbot, screen):
    """No owner is calendar theatre; deleting the quarterly forum (Delete key) leaves no reset."""
    ctx = screen.ctx
    weekly = ctx.workshop.forums[0]
    ctx.edit(weekly, m.Forum(**{**weekly.__dict__, "owner": None}))
    assert any("Weekly execution review has no owner" in line for line in warnings_listed(screen))
    view = screen.table.view
    index = screen.table.model.index(row_of(screen, "f3"), 0)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
    qtbot.keyClick(view, Qt.Key_Delete)
    assert "f3" not in [f.id for f in ctx.workshop.forums]
    assert any(line.startswith("⚠") and "No quarterly forum" in line for line in warnings_listed(screen))
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert len(warnings_listed(screen)) == 2


def test_a_long_forum_makes_people_overloaded_and_the_warning_names_them(qtbot, screen):
    """A weekly forum of 4 h pushes its attendees over the 4-hour threshold; the warning says whose time."""
    type_into_cell(qtbot, screen, row_of(screen, "f1"), "duration_minutes", "240")
    overloaded = [line for line in warnings_listed(screen) if "h a week in forums" in line]
    assert overloaded and any("Marta Ibáñez Córdoba" in line for line in overloaded)
    assert all(w.hours and w.hours > rhythm.MAX_HOURS_PER_WEEK
               for w in rhythm.warnings(screen.ctx.workshop) if w.code == "overloaded")


def test_clicking_a_warning_selects_its_forum(qtbot, screen):
    """One click on the overlap warning selects the first forum it names, on the Forums tab, with focus."""
    screen.tabs.setCurrentIndex(1)
    item = screen.warnings.item(1)
    qtbot.mouseClick(screen.warnings.viewport(), Qt.LeftButton, pos=screen.warnings.visualItemRect(item).center())
    assert screen.tabs.currentIndex() == 0
    assert screen.table.selected_records()[0].id == "f2"
    assert screen.table.view.hasFocus()


def test_standing_questions_are_typed_as_one_step_and_reset_to_the_standard_ones(qtbot, screen):
    """Typing a question is one undo step; the standard button puts back the review's three questions."""
    view = screen.table.view
    view.selectRow(row_of(screen, "f2"))
    assert "Monthly business review" in screen.questions_for.text()
    before = list(screen.ctx.workshop.forums[1].questions)
    screen.questions.moveCursor(screen.questions.textCursor().MoveOperation.End)
    qtbot.keyClick(screen.questions, Qt.Key_Return)
    qtbot.keyClicks(screen.questions, "Which dependency needs a new owner?")
    assert screen.ctx.workshop.forums[1].questions == [*before, "Which dependency needs a new owner?"]
    screen.ctx.undo_stack.undo()
    assert screen.ctx.workshop.forums[1].questions == before
    qtbot.mouseClick(screen.standard_button, Qt.LeftButton)
    assert screen.ctx.workshop.forums[1].questions == list(rhythm.REVIEW_QUESTIONS)
    assert screen.questions.toPlainText().splitlines() == list(rhythm.REVIEW_QUESTIONS)


def test_a_new_forum_starts_with_the_weekly_questions(qtbot, screen):
    """Add gives a weekly forum that already asks the four weekly questions."""
    qtbot.mouseClick(screen.table.add_button, Qt.LeftButton)
    new = screen.ctx.workshop.forums[-1]
    assert new.questions == list(rhythm.WEEKLY_QUESTIONS)


def test_attendees_are_picked_by_name(qtbot, screen):
    """Double-clicking the attendees cell opens the picker; ticks become the forum's attendees in one step."""
    view = screen.table.view
    index = screen.table.model.index(row_of(screen, "f4"), column_of(screen, "attendees"))
    where = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=where)  # QTest's double click needs a press first
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=where)
    [dialog] = [d for d in screen.findChildren(AttendeesDialog) if d.isVisible()]
    people = dialog.people
    for i in range(people.count()):
        item = people.item(i)
        item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in ("p5", "p7") else Qt.Unchecked)
    dialog.accept()
    assert screen.ctx.workshop.forums[3].attendees == ["p5", "p7"]
    assert "Henrike Voß" in index.data()


def test_the_calendar_shows_each_forum_in_its_weeks(screen):
    """Thirteen weeks from the cycle's Monday; the monthly review in weeks 5, 9 and 13, on Tuesdays at 13:00."""
    screen.tabs.setCurrentIndex(1)
    cal = screen.calendar.quarter
    assert cal is not None and len(cal.weeks) == 13
    monthly = next(r for r in cal.rows if r.forum == "f2")
    assert [i + 1 for i, w in enumerate(monthly.weeks) if w] == [5, 9, 13]
    assert "Monthly business review (monthly): 28 Apr 13:00, 26 May 13:00, 23 Jun 13:00" in screen.calendar.describe()
    assert not screen.calendar.grab().isNull()
    assert "30 March 2026" in screen.calendar_note.text()


def test_the_calendar_follows_an_edited_first_meeting(qtbot, screen):
    """A new first meeting for the quarterly reset moves its block at once."""
    type_into_cell(qtbot, screen, row_of(screen, "f3"), "first", "2026-04-09T09:00")
    quarterly = next(r for r in screen.calendar.quarter.rows if r.forum == "f3")
    assert [i + 1 for i, w in enumerate(quarterly.weeks) if w] == [2]


def ics_events(path: Path) -> list:
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def test_export_from_the_screen_and_the_file_menu_write_the_same_calendar(screen, demo_window, tmp_path, monkeypatch):
    """The screen's button and File → Export operating rhythm write a parseable .ics with a VEVENT per forum."""
    target = tmp_path / "rhythm.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    screen.export_button.click()
    events = ics_events(target)
    assert [str(e["SUMMARY"]) for e in events] == [f.name for f in screen.ctx.workshop.forums]
    assert "Exported" in demo_window.statusBar().currentMessage()
    target.unlink()
    demo_window.export_ics_action.trigger()
    assert len(ics_events(target)) == 4


def test_export_of_an_empty_rhythm_says_so_and_writes_nothing(qtbot, tmp_path, monkeypatch):
    """With no forums there is nothing to put in a calendar: a message, no file, the button disabled."""
    path = tmp_path / "empty.okrw"
    WorkshopFile.create(path, m.Workshop()).close()
    window = make_window(qtbot)
    assert window.open_path(path)
    QApplication.processEvents()  # the deferred start-up work runs now, not after the file has closed
    screen = screen_named(window, "Rhythm")
    assert not screen.export_button.isEnabled()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: shown.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "x.ics"), ""))
    window.export_ics_action.trigger()
    assert shown and "no forums" in shown[0]
    assert not (tmp_path / "x.ics").exists()
    assert any("No quarterly forum" in line for line in warnings_listed(screen))


def test_one_quarterly_forum_without_a_purpose_is_not_called_clean(qtbot, screen):
    """The rhythm needs a weekly and a monthly beat, and every forum a purpose: the screen says so
    rather than ticking "a purpose of its own"."""
    ctx = screen.ctx
    reset = next(f for f in ctx.workshop.forums if f.cadence == "quarterly")
    with ctx.macro("Keep only the quarterly reset"):
        for forum in [f for f in ctx.workshop.forums if f.id != reset.id]:
            ctx.edit(forum, None)
        ctx.edit(reset, dataclasses.replace(reset, purpose="", decision_rights="Reset the priorities"))
    lines = warnings_listed(screen)
    assert any("weekly" in line.lower() for line in lines) and any("monthly" in line.lower() for line in lines)
    assert any("purpose" in line for line in lines)
    assert not screen.clean.isVisible() and screen.clean.text() == ""
