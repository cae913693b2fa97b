"""Run of show: the agenda against the clock, the parking lot and the decision log.

The agenda's sessions each use a screen and have a timebox and a goal; starting one jumps to
its screen and starts the timer strip above the screens. Planned against actual for the day
is under the agenda. The parking lot collects what Ctrl+Shift+P parked from any screen; at
the end of the day each item is resolved, made an action or moved to the not-now list. The
decision log fills itself where the app sees a decision and takes entries by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain import run_of_show as ros
from ...domain.decision_log import KIND_LABELS
from ...domain.limits import MAX_AGENDA_DAYS, MAX_DAY_MINUTES, whole_number_problem
from ..widgets.record_table import Column, Index, RecordTable, RecordTableModel, participants
from .base import Screen

SCREEN_LABELS = {
    "overview": "Overview", "diagnose": "Diagnose", "vote": "Vote", "not_now": "Not now & trade-offs",
    "dependencies": "Dependencies", "decision_rights": "Decision rights", "okrs": "OKRs", "rhythm": "Rhythm",
    "actions": "Actions", "run_of_show": "Run of show", "voice": "Room's voice", "retrospective": "Retrospective",
}
OUTCOMES = {"open": "Open", "resolved": "Resolved", "action": "Action", "not_now": "Not now"}


def _screens(_ws: m.Workshop) -> list[tuple[str, str]]:
    return [(key, SCREEN_LABELS[key]) for key in m.AGENDA_SCREENS]


def _day(record: Any, value: Any) -> str | None:
    return whole_number_problem(value, 1, MAX_AGENDA_DAYS)


def _minutes(record: Any, value: Any) -> str | None:
    return whole_number_problem(value, 1, MAX_DAY_MINUTES)


def _clock_time(record: Any, value: Any) -> str | None:
    if value and ros.clock_time(value) is None:
        return "A fixed start is a time of day like 09:00 (or empty to follow the session before)"
    return None


def _short_time(text: str | None) -> str:
    if not text:
        return "—"
    moment = datetime.fromisoformat(text)
    return f"{moment:%H:%M}" if moment.date() == datetime.now().date() else f"{moment:%d %b %H:%M}"


class _VirtualModel(RecordTableModel):
    """A record table with read-only columns computed from the record (field names start with _)."""

    virtual: dict[str, Callable[[Any, _VirtualModel], str]] = {}

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if column.field in self.virtual:
            if role == Qt.DisplayRole:
                return self.virtual[column.field](self.rows[index.row()], self)
            return None
        return super().data(index, role)


def _planned(session: m.AgendaSession, model: _VirtualModel) -> str:
    slot = ros.planned_schedule(model.ctx.workshop.agenda).get(session.id)
    return f"{slot.start:%H:%M}–{slot.end:%H:%M}" if slot else ""


def _actual(session: m.AgendaSession, model: _VirtualModel) -> str:
    now = model.ctx.clock.now()
    current = ros.state(session, now)
    if current == "planned":
        return ""
    if current == "done":
        took = ros.actual_minutes(session) or 0
        delta = took - session.minutes
        return f"took {took} min" + (f" ({delta:+d})" if delta else "")
    view = ros.timer_view(session, now)
    if current == "paused":
        return f"❚❚ paused, {view.digits} left"
    return f"▶ {view.digits} left" if current != "over" else f"▶ over by {view.digits[1:]}"


class AgendaModel(_VirtualModel):
    virtual = {"_planned": _planned, "_actual": _actual}

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.FontRole and index.isValid() and ros.is_running(self.rows[index.row()]):
            font = QFont()
            font.setBold(True)  # the running session, in words too ("▶ 12:00 left")
            return font
        return super().data(index, role)


class AgendaTable(RecordTable):
    model_class = AgendaModel


def _outcome(item: m.ParkingItem, model: _VirtualModel) -> str:
    ws = model.ctx.workshop
    if item.resolution == "action":
        action = next((a for a in ws.actions if a.id == item.link), None)
        return f"Action: {action.title}" if action else "Action"
    if item.resolution == "not_now":
        entry = next((n for n in ws.not_now if n.id == item.link), None)
        return f"Not now: {entry.decision}" if entry else "Not now"
    return OUTCOMES.get(item.resolution, item.resolution)


class ParkingModel(_VirtualModel):
    virtual = {"_when": lambda item, _model: _short_time(item.raised_at), "_outcome": _outcome}


class ParkingTable(RecordTable):
    model_class = ParkingModel


class LogModel(_VirtualModel):
    virtual = {"_when": lambda entry, _model: _short_time(entry.at),
               "_kind": lambda entry, _model: KIND_LABELS.get(entry.kind, entry.kind)}


class LogTable(RecordTable):
    model_class = LogModel


class RunOfShowScreen(Screen):
    title = "Run of show"
    purpose = ("The day against the clock: sessions with a screen, a timebox and a goal (Start jumps to the "
               "screen and starts the timer; Alt+↑/↓ or drag to reorder), what was parked (Ctrl+Shift+P on any "
               "screen) and every decision the room took.")
    sections = ("agenda", "parking_lot", "decision_log", "participants", "actions", "not_now")

    def __init__(self, ctx):
        super().__init__(ctx)
        self._window: Any = None
        self.tabs = QTabWidget()
        self.body.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_agenda(), "Agenda")
        self.tabs.addTab(self._build_parking(), "Parking lot")
        self.tabs.addTab(self._build_log(), "Decision log")
        self.ticker = QTimer(self)  # the actual times of the running session move
        self.ticker.setInterval(5000)
        self.ticker.timeout.connect(self.tick)
        self.refresh()

    def connect_window(self, window: QWidget) -> None:
        self._window = window

    @property
    def run(self):
        return self._window.run if self._window is not None else None

    # ----- the agenda ------------------------------------------------------------------------

    def _build_agenda(self) -> QWidget:
        ctx = self.ctx
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        self.agenda = AgendaTable(
            ctx, "Agenda", lambda ws: ws.agenda,
            [
                Column("day", "Day", "int", optional=False, width=50, check=_day),
                Column("_planned", "Planned", editable=False, width=110),
                Column("title", "Session", optional=False, width=240),
                Column("screen", "Screen", "ref", options=_screens, width=150),
                Column("minutes", "Minutes", "int", optional=False, width=85, check=_minutes),
                Column("goal", "Goal", width=300),
                Column("start", "Fixed start", width=105, check=_clock_time),
                Column("_actual", "Actual", editable=False, width=170),
            ],
            ("agenda",),
            self._new_session,
            "No agenda yet. Start from the one-day or the two-day agenda, or add sessions (Insert).",
            movable=True,
        )
        self.start_button = self._tool(self.agenda, "Start", self.start_selected,
                                       "Start the selected session now and go to its screen (the running one ends)")
        self.next_button = self._tool(self.agenda, "Next session", lambda: self.run and self.run.next_session(),
                                      "End the running session and start the next one (Ctrl+Shift+N)")
        self.end_button = self._tool(self.agenda, "End", lambda: self.run and self.run.end(),
                                     "End the running session")
        layout.addWidget(self.agenda, 1)
        templates = QHBoxLayout()
        self.one_day_button = QPushButton("Use the one-day agenda")
        self.two_day_button = QPushButton("Use the two-day agenda")
        self.one_day_button.clicked.connect(lambda: self.choose_template(1))
        self.two_day_button.clicked.connect(lambda: self.choose_template(2))
        templates.addWidget(self.one_day_button)
        templates.addWidget(self.two_day_button)
        templates.addStretch(1)
        layout.addLayout(templates)
        self.day_lines = QLabel()
        self.day_lines.setWordWrap(True)
        self.day_lines.setTextFormat(Qt.PlainText)
        layout.addWidget(self.day_lines)
        return page

    def _tool(self, table: RecordTable, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        table.add_tool(button)
        return button

    def _new_session(self) -> m.AgendaSession:
        ws = self.ctx.workshop
        day = ws.agenda[-1].day if ws.agenda else 1
        return m.AgendaSession(self.ctx.new_id("s", ws.agenda), "New session", None, 30, "", day)

    def selected_session(self) -> m.AgendaSession | None:
        records = self.agenda.selected_records()
        return records[0] if records else None

    def start_selected(self) -> None:
        session = self.selected_session()
        if session is not None and self.run is not None:
            self.run.start(session.id)

    def choose_template(self, days: int) -> None:
        """Replace the agenda with a default one; asks first when there is one already."""
        if self.ctx.read_only:
            return
        if self.ctx.workshop.agenda:
            answer = QMessageBox.question(
                self, "Replace the agenda?",
                f"Replace the {len(self.ctx.workshop.agenda)} sessions with the default "
                f"{'one-day' if days == 1 else 'two-day'} agenda? Undo brings them back.")
            if answer != QMessageBox.Yes:
                return
        self.apply_template(days)

    def apply_template(self, days: int) -> None:
        """The default agenda in place of the current one, as one undo step."""
        fresh = ros.default_agenda(days)
        with self.ctx.macro(f"Use the {'one-day' if days == 1 else 'two-day'} agenda"):
            for session in list(self.ctx.workshop.agenda):
                self.ctx.edit(session, None)
            for session in fresh:
                self.ctx.edit(None, session)

    # ----- the parking lot -------------------------------------------------------------------

    def _build_parking(self) -> QWidget:
        ctx = self.ctx
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        self.parking = ParkingTable(
            ctx, "Parking lot", lambda ws: ws.parking_lot,
            [
                Column("text", "Item", optional=False, width=380),
                Column("raised_by", "Raised by", "ref", options=participants, width=170),
                Column("_when", "When", editable=False, width=90),
                Column("context", "Where", width=260),
                Column("_outcome", "Outcome", editable=False, width=200),
                Column("note", "Note", width=260),
            ],
            ("parking_lot", "participants", "actions", "not_now"),
            None,  # items are parked with Park it… (Ctrl+Shift+P), which stamps when and where
            "Nothing parked. Press Ctrl+Shift+P on any screen to park a question or a debate for later.",
        )
        self.park_button = self._tool(self.parking, "Park it…", lambda: self.run and self.run.park_dialog(),
                                      "Park a question or a debate for later (Ctrl+Shift+P on any screen)")
        self.resolved_button = self._tool(self.parking, "Resolved", self.resolve_selected,
                                          "The room settled it; write how in the Note column")
        self.action_button = self._tool(self.parking, "Make it an action…", self.make_action,
                                        "It becomes an action with an owner and a due date")
        self.not_now_button = self._tool(self.parking, "Move to not now", self.move_to_not_now,
                                         "It goes to the not-now list as a deferral")
        self.reopen_button = self._tool(self.parking, "Open again", self.reopen_selected, "Back to open")
        layout.addWidget(self.parking, 1)
        self.parking_summary = QLabel()
        layout.addWidget(self.parking_summary)
        return page

    def selected_item(self) -> m.ParkingItem | None:
        records = self.parking.selected_records()
        return records[0] if records else None

    def resolve_selected(self) -> None:
        item = self.selected_item()
        if item is not None and self.run is not None:
            self.run.resolve(item)

    def reopen_selected(self) -> None:
        item = self.selected_item()
        if item is not None and self.run is not None:
            self.run.reopen(item)

    def move_to_not_now(self) -> None:
        item = self.selected_item()
        if item is not None and item.resolution == "open" and self.run is not None:
            self.run.move_to_not_now(item)

    def make_action(self):
        """Ask for the owner and due date, then turn the selected item into that action."""
        from ..widgets.add_action import AddActionDialog

        item = self.selected_item()
        if item is None or item.resolution != "open" or self.run is None or self.ctx.read_only:
            return None
        who = self.ctx.workshop.participant_name(item.raised_by)
        dialog = AddActionDialog(self.ctx, f"Parking lot: {item.context or 'raised'}"
                                 + (f" (raised by {who})" if who else ""), self)
        dialog.title.setText(item.text)
        if item.raised_by:
            dialog.owner.setCurrentIndex(max(0, dialog.owner.findData(item.raised_by)))
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.run.make_action(item, dialog.action()))
        dialog.open()
        return dialog

    # ----- the decision log ------------------------------------------------------------------

    def _build_log(self) -> QWidget:
        ctx = self.ctx
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        self.log = LogTable(
            ctx, "Decision log", lambda ws: ws.decision_log,
            [
                Column("_when", "When", editable=False, width=110),
                Column("_kind", "Kind", editable=False, width=170),
                Column("text", "Decision", optional=False, width=560),
                Column("context", "Where", width=320),
            ],
            ("decision_log",),
            lambda: m.LogEntry(ctx.new_id("l", ctx.workshop.decision_log), ros.stamp(ctx.clock.now()), "manual",
                               "New decision", ctx.place()),
            "No decisions yet. Closing a vote, choosing the critical few, stopping or deferring an item, naming "
            "a decider and confirming a trade-off are logged by themselves; log anything else with "
            "Ctrl+Shift+L.",
        )
        self.log_button = self._tool(self.log, "Log a decision…", lambda: self.run and self.run.log_dialog(),
                                     "Write a decision the app could not see (Ctrl+Shift+L on any screen)")
        layout.addWidget(self.log, 1)
        return page

    # ----- redrawing ---------------------------------------------------------------------------

    def context_text(self) -> str:
        session = self.selected_session() if self.tabs.currentIndex() == 0 else None
        return f"session “{session.title}”" if session else ""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.ticker.start()
        self.tick()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.ticker.stop()

    def tick(self) -> None:
        """Move the running session's actual time and the day's summary along with the clock."""
        model = self.agenda.model
        if model.rows:
            column = next(i for i, c in enumerate(model.columns) if c.field == "_actual")
            model.dataChanged.emit(model.index(0, column), model.index(len(model.rows) - 1, column))
        self._day_lines()

    def _day_lines(self) -> None:
        agenda = self.ctx.workshop.agenda
        now = self.ctx.clock.now()
        self.day_lines.setText("\n".join(ros.day_summary(agenda, day, now).describe() for day in ros.days(agenda)))

    def refresh(self) -> None:
        ws = self.ctx.workshop
        self._day_lines()
        lot = ws.parking_lot
        open_items = sum(1 for p in lot if p.resolution == "open")
        counts = [f"{sum(1 for p in lot if p.resolution == key)} {label.lower()}" for key, label in OUTCOMES.items()]
        self.parking_summary.setText(" · ".join(counts) if lot else "")
        self.tabs.setTabText(1, f"Parking lot ({open_items} open)" if open_items else "Parking lot")
        self.tabs.setTabText(2, f"Decision log ({len(ws.decision_log)})" if ws.decision_log else "Decision log")
        editable = not self.ctx.read_only
        for button in (self.start_button, self.next_button, self.end_button, self.one_day_button,
                       self.two_day_button, self.park_button, self.resolved_button, self.action_button,
                       self.not_now_button, self.reopen_button, self.log_button):
            button.setEnabled(editable)
