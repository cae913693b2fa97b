"""The operating rhythm: weekly, monthly and quarterly forums, each with a purpose, an owner, decision
rights and standing questions; the quarter's calendar; and the known ways a rhythm fails."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import coherence, rhythm
from ...domain import model as m
from ...domain.limits import MAX_DAY_MINUTES, whole_number_problem
from ..widgets.finding_list import FindingList
from ..widgets.quarter_calendar import QuarterCalendarView
from ..widgets.record_table import Column, RecordTable, participants
from .base import Screen
from .rhythm_dialogs import AttendeesDialog


class RhythmScreen(Screen):
    title = "Operating rhythm"
    purpose = ("Distinct forums, each with a purpose, a fixed owner and explicit decision rights: weekly to "
               "unblock delivery, monthly for patterns and capacity, quarterly to reset. Double-click the "
               "attendees to pick them by name.")
    sections = ("forums", "participants", "workshop")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.export_button = QPushButton("Export calendar (.ics)…")
        self.export_button.setToolTip("One recurring event per forum, for Outlook, Google or Apple calendars")
        heading = QLabel("What can go wrong with this rhythm")
        heading.setProperty("role", "subtitle")
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.export_button, 0, Qt.AlignTop)
        self.clean = QLabel()
        self.clean.setProperty("role", "good")
        self.warnings = FindingList()
        self.warnings.chosen.connect(self.focus_forum)
        self.body.addLayout(top)
        self.body.addWidget(self.clean)
        self.body.addWidget(self.warnings)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_forums(), "Forums")
        self.tabs.addTab(self._build_calendar(), "Quarter calendar")
        self.body.addWidget(self.tabs, 1)
        self.refresh()

    def _build_forums(self) -> QWidget:
        ctx = self.ctx
        self.table = RecordTable(
            ctx, "Forums", lambda ws: ws.forums,
            [
                Column("name", "Forum", optional=False, width=230),
                Column("cadence", "Cadence", "choice", choices=m.CADENCES, width=110),
                Column("owner", "Owner", "ref", options=participants, width=190),
                Column("purpose", "Purpose", width=280),
                Column("decision_rights", "May decide", width=280),
                Column("attendees", "Attendees", "list", options=participants, editable=False, width=220),
                Column("duration_minutes", "Minutes", "int", optional=False, width=80,
                       check=lambda record, value: whole_number_problem(value, 1, MAX_DAY_MINUTES)),
                Column("first", "First meeting", "datetime", width=180),
            ],
            ("forums", "participants"),
            lambda: m.Forum(ctx.new_id("f", ctx.workshop.forums), "New forum",
                            questions=rhythm.default_questions("weekly")),
            "No forums yet. Add the weekly, monthly and quarterly forums.",
        )
        self.table.setMinimumHeight(260)
        self.attendees_button = QPushButton("Attendees…")
        self.attendees_button.clicked.connect(lambda: self.pick_attendees())
        self.table.add_tool(self.attendees_button)
        self.table.view.doubleClicked.connect(self._double_clicked)
        self.table.view.selectionModel().currentRowChanged.connect(lambda *_: self._load_questions())

        self.questions_for = QLabel()
        self.questions_for.setProperty("role", "subtitle")
        self.questions_for.setWordWrap(True)
        self.questions = QPlainTextEdit()
        self.questions.setPlaceholderText("One question per line: what this forum asks every time it meets.")
        self.questions.setMinimumHeight(150)
        self.questions.textChanged.connect(self._questions_typed)
        self.standard_button = QPushButton("Use the standard questions")
        self.standard_button.clicked.connect(self.use_standard_questions)
        row = QHBoxLayout()
        row.addWidget(self.questions_for, 1)
        row.addWidget(self.standard_button, 0, Qt.AlignBottom)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.table, 3)
        layout.addLayout(row)
        layout.addWidget(self.questions, 1)
        self._loading = False
        self._forum_id: str | None = None
        return page

    def _build_calendar(self) -> QWidget:
        self.calendar = QuarterCalendarView()
        self.calendar_note = QLabel()
        self.calendar_note.setProperty("role", "hint")
        self.calendar_note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.calendar_note)
        layout.addWidget(self.calendar)
        layout.addStretch(1)
        return page

    def connect_window(self, window: Any) -> None:
        """The main window writes the file, so the menu item and this button do the same thing."""
        self.export_button.clicked.connect(window.export_ics)

    # ----- the selected forum --------------------------------------------------------------------

    def current_forum(self) -> m.Forum | None:
        """The selected forum, else the one shown before, else the first."""
        forums = self.ctx.workshop.forums
        selected = self.table.selected_records()
        wanted = selected[0].id if selected else self._forum_id
        return next((f for f in forums if f.id == wanted), forums[0] if forums else None)

    def focus_forum(self, forum_id: str | None) -> None:
        """Select a forum's row (a warning about the whole rhythm has none) and show the forums."""
        self.tabs.setCurrentIndex(0)
        ids = [f.id for f in self.table.model.rows]
        if forum_id in ids:
            self.table.view.selectRow(ids.index(forum_id))
            self.table.view.setFocus()
        elif forum_id is None:
            self.table.view.setFocus()

    def context_text(self) -> str:
        forum = self.current_forum()
        return f"forum “{forum.name}”" if forum else ""

    def _double_clicked(self, index) -> None:
        if self.table.model.columns[index.column()].field == "attendees":
            self.pick_attendees()

    def pick_attendees(self) -> AttendeesDialog | None:
        forum = self.current_forum()
        if forum is None or self.ctx.read_only:
            return None
        dialog = AttendeesDialog(self.ctx.workshop, forum, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)

        def apply() -> None:
            current = next((f for f in self.ctx.workshop.forums if f.id == forum.id), None)
            if current is not None:
                self.ctx.edit(current, dataclasses.replace(current, attendees=dialog.attendees()),
                              text=f"Attendees of {current.name}")

        dialog.accepted.connect(apply)
        dialog.open()
        return dialog

    def _load_questions(self) -> None:
        forum = self.current_forum()
        self._forum_id = forum.id if forum else None
        self.questions_for.setText(f"Standing questions of “{forum.name}”" if forum else "Standing questions")
        editable = forum is not None and not self.ctx.read_only
        self.questions.setReadOnly(not editable)
        self.standard_button.setEnabled(editable)
        if forum is not None:
            self.standard_button.setText(f"Use the standard {forum.cadence} questions")
        current = [line.strip() for line in self.questions.toPlainText().split("\n") if line.strip()]
        wanted = forum.questions if forum else []
        if forum is None or current != wanted:
            self._loading = True
            self.questions.setPlainText("\n".join(wanted))
            self._loading = False

    def _questions_typed(self) -> None:
        forum = self.current_forum()
        if self._loading or forum is None:
            return
        lines = [line.strip() for line in self.questions.toPlainText().split("\n") if line.strip()]
        self.ctx.edit(forum, dataclasses.replace(forum, questions=lines), merge_field="questions",
                      text=f"Standing questions of {forum.name}")

    def use_standard_questions(self) -> None:
        forum = self.current_forum()
        if forum is not None and not self.ctx.read_only:
            self.ctx.edit(forum, dataclasses.replace(forum, questions=rhythm.default_questions(forum.cadence)),
                          text=f"Standard questions for {forum.name}")

    # ----- drawing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        ws = self.ctx.workshop
        found = rhythm.warnings(ws)
        gaps = coherence.findings(ws, coherence.RHYTHM_GAPS) if ws.forums else []  # no forums: the empty state
        severity = {"no_owner": "problem", "no_decision_rights": "problem"}
        self.warnings.set_findings([(severity.get(w.code, "warning"), w.text, w.forums[0] if w.forums else None)
                                    for w in found] + [("warning", g.text, g.ref) for g in gaps])
        clean = bool(ws.forums) and not found and not gaps
        self.clean.setText("✓ Every forum is owned, may decide something, and has a purpose of its own; "
                           "there is a quarterly reset and nobody is overloaded." if clean else "")
        self.clean.setVisible(clean)
        self.calendar.set_workshop(ws)
        cycle = f" (cycle {ws.info.cycle})" if ws.info.cycle else ""
        self.calendar_note.setText(
            f"Thirteen weeks from {self.calendar.quarter.weeks[0]:%A %d %B %Y}{cycle}. Each block is one "
            "meeting, with its weekday and start time; monthly and quarterly forums keep the weekday of their "
            f"first meeting. Above {rhythm.MAX_HOURS_PER_WEEK:g} forum hours a week on average, people have "
            "no time left for the work.")
        self.export_button.setEnabled(bool(ws.forums))
        self.attendees_button.setEnabled(bool(ws.forums) and not self.ctx.read_only)
        self._load_questions()
