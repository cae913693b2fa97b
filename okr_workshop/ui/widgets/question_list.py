"""Questions from the floor: the open ones, most upvoted first, and what became of the others.

A question is answered on the spot, parked (a parking-lot item), turned into an action or logged
as a decision; each move writes the new record and the question's status and link as one undoable
step. While the room may see the console, nobody's name is shown.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain import voice
from ...domain.clock import stamp
from ...palette import MUTED
from ..context import WorkshopContext
from .when_shown import RedrawWhenShown

ID_ROLE = Qt.UserRole
STATUS_WORDS = {"open": "", "answered": "Answered", "parked": "Parked", "action": "Action", "logged": "Logged"}
SECTIONS = frozenset(("all", "room_questions", "participants", "parking_lot", "actions", "decision_log"))
CONTEXT = "Questions from the floor"


def ordered(ws: m.Workshop) -> list[m.RoomQuestion]:
    """Open ones by upvotes, then the settled ones, then the hidden ones."""
    waiting = voice.open_questions(ws)
    done = sorted((q for q in ws.room_questions if q.status != "open" and not q.hidden), key=lambda q: -q.upvotes)
    hidden = [q for q in ws.room_questions if q.hidden]
    return waiting + done + hidden


class QuestionList(RedrawWhenShown, QWidget):
    """The list with its entry line and the moves for the selected question."""

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("A question from the floor, typed on the laptop: press Enter to add it")
        self.entry.setMaxLength(voice.MAX_QUESTION_CHARS)
        self.entry.returnPressed.connect(self.add_from_entry)
        self.asked_by = QComboBox()
        self.asked_by.setToolTip("Who asked (anonymous unless they want their name on it)")
        self.add_button = QPushButton("Add question")
        self.add_button.clicked.connect(self.add_from_entry)
        self.problem = QLabel()
        self.problem.setProperty("role", "warning")
        self.problem.setVisible(False)
        self.title = QLabel("Questions from the floor")
        self.title.setProperty("role", "subtitle")
        self.empty = QLabel("No questions from the floor yet. The room posts them from their phones and upvotes "
                            "the ones they want answered; type one here for someone without a phone.")
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("questions")
        self.list.setWordWrap(True)
        self.list.setStyleSheet("QListWidget { font-size: 13pt; } QListWidget::item { padding: 6px 4px; }")
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.setMinimumHeight(260)
        self.buttons: dict[str, QPushButton] = {}
        moves = (
            ("upvote", "▲ Upvote", "Count one more hand for it", lambda q: self.upvote(q)),
            ("answered", "Answered", "It was answered on the spot", lambda q: self.set_status(q, "answered")),
            ("park", "Park", "Put it on the parking lot for later", lambda q: self.park(q)),
            ("action", "Turn into action", "It becomes an action (owner and due date on the Actions screen)",
             lambda q: self.make_action(q)),
            ("log", "Log as decision…", "Write the decision it led to in the decision log", self.log_dialog),
            ("hide", "Hide", "Take it off the stage and the phones (it stays here, greyed)",
             lambda q: self.set_hidden(q, not q.hidden)),
            ("reopen", "Open again", "Back to the open questions", lambda q: self.set_status(q, "open")),
        )
        tools = QVBoxLayout()  # beside the list: below it they would scroll out of sight
        for key, text, tip, slot in moves:
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, s=slot: self._on_selected(s))
            tools.addWidget(button)
            self.buttons[key] = button
        tools.addStretch(1)
        lists = QVBoxLayout()
        lists.addWidget(self.empty)
        lists.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addLayout(lists, 1)
        row.addLayout(tools)
        entry = QHBoxLayout()
        entry.addWidget(self.entry, 3)
        entry.addWidget(self.asked_by, 1)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(entry)
        layout.addWidget(self.problem)
        layout.addLayout(row, 1)
        ctx.changed.connect(self._on_changed)
        ctx.room_sees_console_changed.connect(lambda _on: self.redraw())
        self.refresh()

    # ----- drawing ---------------------------------------------------------------------------

    def _on_changed(self, section: str) -> None:
        if section in SECTIONS:
            self.redraw()

    def refresh(self) -> None:
        ws = self.ctx.workshop
        names = not self.ctx.room_sees_console
        keep = self.selected()
        self._fill_people(names)
        self.list.blockSignals(True)
        self.list.clear()
        for question in ordered(ws):
            self.list.addItem(self._item(question, ws, names))
            if keep is not None and question.id == keep.id:
                self.list.setCurrentRow(self.list.count() - 1)
        self.list.blockSignals(False)
        waiting = len(voice.open_questions(ws))
        self.title.setText(f"Questions from the floor ({waiting} open)" if ws.room_questions
                           else "Questions from the floor")
        self.empty.setVisible(not ws.room_questions)
        self.list.setVisible(bool(ws.room_questions))
        editable = not self.ctx.read_only
        for widget in (self.entry, self.asked_by, self.add_button):
            widget.setEnabled(editable)
        self._update_buttons()

    def _fill_people(self, names: bool) -> None:
        chosen = self.asked_by.currentData()
        self.asked_by.blockSignals(True)
        self.asked_by.clear()
        self.asked_by.addItem("Anonymous", None)
        if names:  # the room sees no list of names on the console
            for person in self.ctx.workshop.participants:
                self.asked_by.addItem(person.name, person.id)
        self.asked_by.setCurrentIndex(max(0, self.asked_by.findData(chosen)) if chosen else 0)
        self.asked_by.blockSignals(False)

    def _item(self, question: m.RoomQuestion, ws: m.Workshop, names: bool) -> QListWidgetItem:
        details = [STATUS_WORDS.get(question.status, question.status)]
        if question.hidden:
            details.append("hidden")
        who = ws.participant_name(question.asked_by) if names and question.asked_by else ""
        if who:
            details.append(f"asked by {who}")
        detail = " · ".join(d for d in details if d)
        item = QListWidgetItem(f"▲ {question.upvotes:>3}    {question.text}" + (f"\n            {detail}"
                                                                                if detail else ""))
        item.setData(ID_ROLE, question.id)
        if question.status != "open" or question.hidden:
            item.setForeground(QColor(MUTED))
        if question.hidden:
            font = QFont(self.list.font())
            font.setStrikeOut(True)
            item.setFont(font)
        return item

    def _update_buttons(self) -> None:
        question = self.selected()
        editable = not self.ctx.read_only and question is not None
        waiting = editable and question.status == "open"
        for key in ("upvote", "answered", "park", "action", "log"):
            self.buttons[key].setEnabled(waiting)
        self.buttons["hide"].setEnabled(editable)
        self.buttons["hide"].setText("Show" if question is not None and question.hidden else "Hide")
        self.buttons["reopen"].setEnabled(editable and question.status == "answered")

    def selected(self) -> m.RoomQuestion | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return next((q for q in self.ctx.workshop.room_questions if q.id == item.data(ID_ROLE)), None)

    def select(self, question_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == question_id:
                self.list.setCurrentRow(row)
                return

    def _on_selected(self, slot) -> None:
        question = self.selected()
        if question is not None and not self.ctx.read_only:
            slot(question)

    # ----- moves, each one undoable step -----------------------------------------------------

    def add_from_entry(self) -> m.RoomQuestion | None:
        text = self.entry.text()
        problem = voice.text_problem(text, voice.MAX_QUESTION_CHARS, "question")
        self.problem.setText(problem.capitalize() + "." if problem else "")
        self.problem.setVisible(problem is not None and bool(text.strip()))
        if problem or self.ctx.read_only:
            return None
        question = voice.new_question(self.ctx.workshop, text, self.asked_by.currentData())
        self.ctx.edit(None, question, text="Add a question from the floor")
        self.entry.clear()
        self.refresh()  # now, even if this list is not up: select the new question in it
        self.select(question.id)
        return question

    def upvote(self, question: m.RoomQuestion) -> None:
        self.ctx.edit(question, voice.upvoted(question), text="Upvote a question")

    def set_status(self, question: m.RoomQuestion, status: str) -> None:
        link = "" if status in ("open", "answered") else question.link
        self.ctx.edit(question, dataclasses.replace(question, status=status, link=link),
                      text="Question answered" if status == "answered" else "Open the question again")

    def set_hidden(self, question: m.RoomQuestion, hidden: bool) -> None:
        self.ctx.edit(question, dataclasses.replace(question, hidden=hidden),
                      text="Hide a question" if hidden else "Show a question")

    def park(self, question: m.RoomQuestion) -> m.ParkingItem:
        """A parking-lot item with the question's words, still open; the question says where it went."""
        ctx = self.ctx
        item = m.ParkingItem(ctx.new_id("pk", ctx.workshop.parking_lot), question.text, question.asked_by,
                             stamp(ctx.clock.now()), ctx.place() or CONTEXT)
        with ctx.macro("Park a question from the floor"):
            ctx.edit(None, item)
            ctx.edit(question, dataclasses.replace(question, status="parked", link=f"parking:{item.id}"))
        return item

    def make_action(self, question: m.RoomQuestion) -> m.Action:
        ctx = self.ctx
        action = m.Action(ctx.new_id("a", ctx.workshop.actions), question.text, source=f"{CONTEXT}: {question.text}")
        with ctx.macro("Turn a question from the floor into an action"):
            ctx.edit(None, action)
            ctx.edit(question, dataclasses.replace(question, status="action", link=f"action:{action.id}"))
        return action

    def log_decision(self, question: m.RoomQuestion, text: str) -> m.LogEntry | None:
        """The decision the question led to, in the log, and the question marked logged."""
        ctx = self.ctx
        question = next((q for q in ctx.workshop.room_questions if q.id == question.id), None)  # upvoted since?
        if question is None or not text.strip() or ctx.read_only:
            return None
        with ctx.macro("Log a question from the floor as a decision"):
            entry = ctx.log_decision(text, ctx.place() or CONTEXT)
            if entry is not None:
                ctx.edit(question, dataclasses.replace(question, status="logged", link=f"log:{entry.id}"))
        return entry

    def log_dialog(self, question: m.RoomQuestion) -> QInputDialog:
        """Ask for the decision's words (the question's, to start from)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Log as decision")
        dialog.setLabelText(f"The decision “{question.text}” led to:")
        dialog.setTextValue(question.text)
        dialog.resize(640, dialog.height())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda text: self.log_decision(question, text))
        dialog.open()
        return dialog
