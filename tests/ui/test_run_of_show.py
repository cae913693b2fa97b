"""The run of show in the window: the agenda (template, edits, reorder by keys and drag), sessions that
jump to their screen, the timer on a clock the test moves (no sleeps), the parking lot from any screen,
and the decision log that fills itself when a vote closes or the critical few are chosen."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication

from okr_workshop.domain import run_of_show as ros
from okr_workshop.domain.validate import document_from_workshop
from okr_workshop.store.workshop_file import WorkshopFile, write_new
from okr_workshop.ui.widgets.add_action import AddActionDialog
from okr_workshop.ui.widgets.quick_capture import LogDecisionDialog, ParkItDialog

from .helpers import screen_named

CTRL_SHIFT = Qt.ControlModifier | Qt.ShiftModifier


class HandClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 3, 12, 10, 45)

    def now(self) -> datetime:
        return self.moment

    def advance(self, minutes: float = 0, seconds: float = 0) -> None:
        self.moment += timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture
def demo_window(qtbot, tmp_path):
    """The demo before the room chose, without its run of show (agenda, parking lot, log): these
    tests build the day, and close a vote and choose the critical few in it."""
    from okr_workshop.domain.validate import workshop_from_document

    from .helpers import demo_before_the_choice, make_window

    ws = workshop_from_document(demo_before_the_choice())
    ws.agenda, ws.parking_lot, ws.decision_log = [], [], []
    write_new(tmp_path / "offsite.okrw", ws)
    window = make_window(qtbot)
    assert window.open_path(tmp_path / "offsite.okrw", remember=False, restore_points=False)
    QApplication.processEvents()
    return window


@pytest.fixture
def clock(demo_window) -> HandClock:
    demo_window.ctx.clock = clock = HandClock()
    return clock


@pytest.fixture
def run_screen(demo_window):
    return screen_named(demo_window, "Run of show")


def stored(window):
    with WorkshopFile.open(window.ctx.store.path, read_only=True) as f:
        return f.workshop


def titles(window) -> list[str]:
    return [s.title for s in window.ctx.workshop.agenda]


def row_of(screen, title: str) -> int:
    return next(i for i, s in enumerate(screen.ctx.workshop.agenda) if s.title == title)


def start_session(window, screen, title: str) -> None:
    screen_named(window, "Run of show")
    screen.tabs.setCurrentIndex(0)
    screen.agenda.view.selectRow(row_of(screen, title))
    screen.start_button.click()


def test_an_agenda_from_the_template_edited_and_reordered_by_keys_and_drag(demo_window, run_screen, qtbot):
    """The two-day template in one click (one undo step), a cell edited, a session added with Insert,
    one moved with Alt+Down / Alt+Up and one dragged; every change is stored and undoable."""
    assert demo_window.ctx.workshop.agenda == [] and run_screen.agenda.empty.isVisible()
    qtbot.mouseClick(run_screen.two_day_button, Qt.LeftButton)
    expected = ros.default_agenda(2)
    assert demo_window.ctx.workshop.agenda == expected
    assert "Day 1: 12 sessions" in run_screen.day_lines.text() and "Day 2:" in run_screen.day_lines.text()
    model, view = run_screen.agenda.model, run_screen.agenda.view
    planned = next(i for i, c in enumerate(model.columns) if c.field == "_planned")
    assert model.index(1, planned).data() == "09:20–09:50"

    goal = next(i for i, c in enumerate(model.columns) if c.field == "goal")
    assert model.setData(model.index(1, goal), "Everyone answers alone, in silence", Qt.EditRole)
    minutes = next(i for i, c in enumerate(model.columns) if c.field == "minutes")
    assert not model.setData(model.index(1, minutes), "0", Qt.EditRole)  # refused, with a reason shown
    assert "from 1 to 1440" in run_screen.agenda.message.text()
    assert not model.setData(model.index(1, minutes), "9" * 30, Qt.EditRole)  # a file that opens again later
    assert not model.setData(model.index(1, minutes), "9" * 5000, Qt.EditRole)  # no traceback either
    view.setFocus()
    view.setCurrentIndex(model.index(len(expected) - 1, 2))
    qtbot.keyClick(view, Qt.Key_Insert)
    QApplication.sendPostedEvents()
    view.closePersistentEditor(view.currentIndex())
    assert titles(demo_window)[-1] == "New session" and demo_window.ctx.workshop.agenda[-1].day == 2

    view.setFocus()
    view.setCurrentIndex(model.index(1, 2))
    qtbot.keyClick(view, Qt.Key_Down, Qt.AltModifier)
    assert titles(demo_window)[1:3] == [expected[2].title, expected[1].title]
    assert view.currentIndex().row() == 2  # the cursor follows the session
    qtbot.keyClick(view, Qt.Key_Down, Qt.AltModifier)
    qtbot.keyClick(view, Qt.Key_Up, Qt.AltModifier)
    qtbot.keyClick(view, Qt.Key_Up, Qt.AltModifier)
    assert titles(demo_window)[:3] == [s.title for s in expected[:3]]
    demo_window.undo_action.trigger()  # one move, one step
    assert titles(demo_window)[1:3] == [expected[2].title, expected[1].title]
    demo_window.undo_action.trigger()
    assert titles(demo_window)[1:4] == [expected[2].title, expected[3].title, expected[1].title]

    dragged = model.mimeData([model.index(0, 2)])  # drag the welcome below the next two rows
    model.dropMimeData(dragged, Qt.MoveAction, 3, 0, QModelIndex())
    assert titles(demo_window)[2] == expected[0].title

    on_disk = stored(demo_window).agenda
    assert [s.title for s in on_disk] == titles(demo_window)
    assert on_disk[titles(demo_window).index(expected[1].title)].goal == "Everyone answers alone, in silence"
    while demo_window.ctx.undo_stack.canUndo() and demo_window.ctx.workshop.agenda:
        demo_window.undo_action.trigger()
    assert demo_window.ctx.workshop.agenda == [] and stored(demo_window).agenda == []


def test_a_session_starts_on_its_screen_and_the_timer_pauses_extends_and_cues(demo_window, run_screen, clock, qtbot):
    """Start jumps to the session's screen and shows the strip above it; the countdown follows the test's
    clock, pauses (Ctrl+Shift+T), takes +5 min, gives a quiet cue in words near the end and over time, and
    planned against actual shows once the next session starts."""
    assert demo_window.run.timer is None  # not built before a session runs
    run_screen.apply_template(1)
    start_session(demo_window, run_screen, "Choose the critical few")
    assert demo_window.current_screen().title == "Vote"
    timer = demo_window.run.timer
    assert timer is not None and timer.isVisible()
    assert (timer.title.text(), timer.digits.text(), timer.cue.isVisible()) == ("Choose the critical few", "1:00:00",
                                                                               False)
    strip = timer.mapTo(demo_window, QPoint(0, timer.height()))
    screen_top = demo_window.stack.mapTo(demo_window, QPoint(0, 0))
    assert strip.y() <= screen_top.y()  # above the screen, never over it

    clock.advance(minutes=10)
    timer.refresh()
    assert timer.digits.text() == "50:00"
    qtbot.keyClick(demo_window.current_screen(), Qt.Key_T, CTRL_SHIFT)
    assert timer.pause_button.text() == "Resume" and timer.cue.text() == "Paused"
    clock.advance(minutes=5)
    timer.refresh()
    assert timer.digits.text() == "50:00"  # a pause is not time spent
    qtbot.mouseClick(timer.pause_button, Qt.LeftButton)
    clock.advance(minutes=2)
    timer.refresh()
    assert timer.digits.text() == "48:00"
    qtbot.mouseClick(timer.extend_button, Qt.LeftButton)
    assert timer.digits.text() == "53:00"
    demo_window.undo_action.trigger()
    assert timer.digits.text() == "48:00"
    demo_window.redo_action.trigger()

    clock.advance(minutes=51, seconds=30)
    timer.refresh()
    assert (timer.digits.text(), timer.cue.text()) == ("1:30", "Nearly time: 2 min left")
    assert timer.cue.isVisibleTo(timer) and "solid #E69F00" in timer.styleSheet()
    assert timer.line.value() > 950
    clock.advance(minutes=2)
    timer.refresh()
    assert (timer.digits.text(), timer.cue.text()) == ("+0:30", "Over time")
    assert "dashed #D55E00" in timer.styleSheet()
    assert "6 min behind plan" in timer.detail.text()  # the 5 minutes added count as overrun

    qtbot.keyClick(demo_window.current_screen(), Qt.Key_N, CTRL_SHIFT)  # the next session
    assert demo_window.current_screen().title == "Not now & trade-offs"
    assert timer.title.text() == "Not now and trade-offs" and timer.digits.text() == "45:00"
    vote_session = demo_window.ctx.workshop.agenda[row_of(run_screen, "Choose the critical few")]
    assert ros.actual_minutes(vote_session) == 66 and vote_session.paused == 300
    run_screen.refresh()
    actual = next(i for i, c in enumerate(run_screen.agenda.model.columns) if c.field == "_actual")
    assert run_screen.agenda.model.index(row_of(run_screen, "Choose the critical few"), actual).data() == (
        "took 66 min (+6)")
    assert "1 done: planned 1 h 00, took 1 h 06; 6 min behind plan" in run_screen.day_lines.text()
    assert stored(demo_window).agenda == demo_window.ctx.workshop.agenda

    demo_window.undo_action.trigger()  # the start of the next session, in one step
    assert ros.running(demo_window.ctx.workshop.agenda).title == "Choose the critical few"
    qtbot.mouseClick(timer.next_button, Qt.LeftButton)
    run_screen.end_button.click()
    assert ros.running(demo_window.ctx.workshop.agenda) is None and not timer.isVisible()


def park(qtbot, window, widget, text: str, who: str | None) -> ParkItDialog:
    qtbot.keyClick(widget, Qt.Key_P, CTRL_SHIFT)
    dialogs = [d for d in window.findChildren(ParkItDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # nothing to park yet
    qtbot.keyClicks(dialog.text, text)
    if who:
        dialog.raised_by.setCurrentIndex(dialog.raised_by.findData(who))
    return dialog


def test_parking_from_two_screens_then_resolving_each_item(demo_window, run_screen, clock, qtbot):
    """Ctrl+Shift+P parks an item from the Vote and the Dependencies screens with who raised it, when and
    where; each is then resolved, made an action, or moved to the not-now list (logged as a deferral)."""
    ws = demo_window.ctx.workshop
    run_screen.apply_template(1)
    start_session(demo_window, run_screen, "Choose the critical few")
    vote_screen = demo_window.current_screen()
    dialog = park(qtbot, demo_window, vote_screen, "Do we still sponsor the trade fair?", "p3")
    assert dialog.context.text().startswith("Vote: vote “") and "session “Choose the critical few”" in (
        dialog.context.text())
    qtbot.keyClick(dialog.text, Qt.Key_Return)
    clock.advance(minutes=40)
    deps = screen_named(demo_window, "Dependencies")
    dialog = park(qtbot, demo_window, deps, "Who owns the carrier data contract?", "p5")
    assert dialog.context.text().startswith("Dependencies")
    qtbot.keyClick(dialog.text, Qt.Key_Return)
    clock.advance(minutes=1)
    dialog = park(qtbot, demo_window, deps, "A loyalty programme for shippers", None)
    qtbot.keyClick(dialog.text, Qt.Key_Return)

    lot = demo_window.ctx.workshop.parking_lot
    assert [(p.text, p.raised_by, p.raised_at) for p in lot] == [
        ("Do we still sponsor the trade fair?", "p3", "2026-03-12T10:45:00"),
        ("Who owns the carrier data contract?", "p5", "2026-03-12T11:25:00"),
        ("A loyalty programme for shippers", None, "2026-03-12T11:26:00")]
    screen_named(demo_window, "Run of show")
    assert run_screen.tabs.tabText(1) == "Parking lot (3 open)"

    table = run_screen.parking
    table.view.selectRow(0)
    qtbot.mouseClick(run_screen.resolved_button, Qt.LeftButton)
    table.view.selectRow(1)
    qtbot.mouseClick(run_screen.action_button, Qt.LeftButton)
    action_dialog = next(d for d in run_screen.findChildren(AddActionDialog) if d.isVisible())
    assert action_dialog.title.text() == "Who owns the carrier data contract?"
    assert action_dialog.owner.currentData() == "p5" and "raised by" in action_dialog.source.text()
    qtbot.keyClicks(action_dialog.due, "2026-03-20")
    qtbot.keyClick(action_dialog.title, Qt.Key_Return)
    table.view.selectRow(2)
    log_before = len(demo_window.ctx.workshop.decision_log)
    qtbot.mouseClick(run_screen.not_now_button, Qt.LeftButton)

    lot = demo_window.ctx.workshop.parking_lot
    assert [p.resolution for p in lot] == ["resolved", "action", "not_now"]
    action = ws.actions[-1] if ws is demo_window.ctx.workshop else demo_window.ctx.workshop.actions[-1]
    action = demo_window.ctx.workshop.actions[-1]
    assert (lot[1].link, action.title, action.owner, action.due) == (
        action.id, "Who owns the carrier data contract?", "p5", "2026-03-20")
    entry = demo_window.ctx.workshop.not_now[-1]
    assert (lot[2].link, entry.title, entry.decision) == (entry.id, "A loyalty programme for shippers", "defer")
    logged = demo_window.ctx.workshop.decision_log[log_before:]
    assert [(e.kind, e.text) for e in logged] == [("deferred", "Deferred, not now: A loyalty programme for shippers")]
    assert run_screen.tabs.tabText(1) == "Parking lot"
    outcome = next(i for i, c in enumerate(table.model.columns) if c.field == "_outcome")
    assert table.model.index(1, outcome).data() == "Action: Who owns the carrier data contract?"
    assert stored(demo_window).parking_lot == lot

    demo_window.undo_action.trigger()  # the move to not now, its entry and its log line: one step
    assert demo_window.ctx.workshop.parking_lot[2].resolution == "open"
    assert demo_window.ctx.workshop.not_now[-1].id != entry.id
    assert len(demo_window.ctx.workshop.decision_log) == log_before
    assert "1 open" in run_screen.parking_summary.text()


def test_closing_a_vote_and_deciding_are_logged_by_themselves(demo_window, run_screen, clock, qtbot):
    """Closing a vote and choosing the critical few each write a log entry with the time and where the room
    was; undo takes the entry away with the decision, redo brings back the same entry. Ctrl+Shift+L logs one
    by hand."""
    run_screen.apply_template(1)
    start_session(demo_window, run_screen, "Choose the critical few")
    vote_screen = demo_window.current_screen()
    vote = demo_window.ctx.workshop.votes[0]
    vote_screen.select(vote.id)
    clock.advance(minutes=20)
    qtbot.mouseClick(vote_screen.close_button, Qt.LeftButton)
    [closed] = demo_window.ctx.workshop.decision_log
    assert closed.kind == "vote_closed" and closed.at == "2026-03-12T11:05:00"
    assert closed.text.startswith(f"Vote closed: “{vote.title}”, 8 ballots. Top: ")
    assert closed.context == f"Vote: vote “{vote.title}” · session “Choose the critical few”"

    clock.advance(minutes=5)
    qtbot.mouseClick(vote_screen.decide_button, Qt.LeftButton)
    decide = vote_screen.dialog
    decide.count.setValue(3)
    qtbot.mouseClick(decide.ok, Qt.LeftButton)
    chosen = [p.title for p in demo_window.ctx.workshop.priorities if p.status == "selected"]
    decided = demo_window.ctx.workshop.decision_log[-1]
    assert decided.kind == "critical_few" and decided.at == "2026-03-12T11:10:00"
    assert all(title in decided.text for title in chosen) and decided.text.startswith("The critical few: ")
    assert [e.kind for e in stored(demo_window).decision_log] == ["vote_closed", "critical_few"]

    demo_window.undo_action.trigger()
    assert [e.kind for e in demo_window.ctx.workshop.decision_log] == ["vote_closed"]
    demo_window.undo_action.trigger()
    assert demo_window.ctx.workshop.decision_log == [] and not demo_window.ctx.workshop.votes[0].closed
    demo_window.redo_action.trigger()
    demo_window.redo_action.trigger()
    assert demo_window.ctx.workshop.decision_log == [closed, decided]

    qtbot.keyClick(vote_screen, Qt.Key_L, CTRL_SHIFT)
    dialog = next(d for d in demo_window.findChildren(LogDecisionDialog) if d.isVisible())
    qtbot.keyClicks(dialog.text, "The hiring freeze holds through Q2")
    qtbot.keyClick(dialog.text, Qt.Key_Return)
    manual = demo_window.ctx.workshop.decision_log[-1]
    assert (manual.kind, manual.text) == ("manual", "The hiring freeze holds through Q2")
    assert manual.context.startswith("Vote")

    screen_named(demo_window, "Run of show")
    assert run_screen.tabs.tabText(2) == "Decision log (3)"
    model = run_screen.log.model
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["Vote closed", "Critical few", "By hand"]
    doc = document_from_workshop(demo_window.ctx.workshop)
    assert [e["kind"] for e in doc["decision_log"]] == ["vote_closed", "critical_few", "manual"]
    assert len(doc["agenda"]) == len(ros.default_agenda(1))


def test_typing_still_merges_into_one_undo_step(demo_window, run_screen):
    """The log listener wraps only edits that decide something, so typing a title (edits that merge) stays
    one step."""
    import dataclasses

    run_screen.apply_template(1)
    ctx = demo_window.ctx
    steps = ctx.undo_stack.count()
    for text in ("W", "We", "Wel"):
        session = ctx.workshop.agenda[0]
        ctx.edit(session, dataclasses.replace(session, title=text), merge_field="title")
    assert ctx.undo_stack.count() == steps + 1 and ctx.workshop.agenda[0].title == "Wel"


def test_the_run_of_show_stays_undoable_after_reopening_the_file(demo_window, run_screen, clock):
    """Starting a session, parking an item and logging a decision are kept in the file's undo history:
    after closing and reopening the workshop, undo takes them back one by one."""
    run_screen.apply_template(1)
    start_session(demo_window, run_screen, "Dependencies")
    demo_window.run.park("Who signs off the carrier contract?", "p2", "Dependencies")
    demo_window.ctx.log_decision("Carrier contract signed by the COO", "Dependencies")
    path = demo_window.ctx.store.path
    assert demo_window.open_path(path)
    ctx = demo_window.ctx
    assert ros.running(ctx.workshop.agenda).title == "Dependencies"
    demo_window.undo_action.trigger()
    assert ctx.workshop.decision_log == []
    demo_window.undo_action.trigger()
    assert ctx.workshop.parking_lot == []
    demo_window.undo_action.trigger()
    assert ros.running(ctx.workshop.agenda) is None
    demo_window.undo_action.trigger()
    assert ctx.workshop.agenda == []
