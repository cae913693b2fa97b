"""The private alignment check: the laptop goes round the table and each executive answers the
three questions without seeing anyone else's answers. Department heads (role "participant") take
it too, for the check a level lower: their names follow the executives'.

One person at a time: pick your name, answer, confirm. The answers are stored as one undo
step whose text names the person but not the answers, and everything the person touched is
destroyed before the next name appears. Between people the screen shows only who has finished.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import alignment
from ...domain import model as m
from .. import theme
from ..context import WorkshopContext
from ..widgets.answer_picker import AnswerPicker
from ..widgets.progress_board import LEVELS, ProgressBoard

HINTS = {
    "top_priorities": "Tick the few that matter most, or type your own.",
    "stop_or_wait": "What should be stopped, paused or deferred to make room? Tick or type.",
    "dependencies": "Type each one: which team or delivery could hold up another?",
}
PROJECTED_WARNING = "This screen may be projected: turn the laptop away before answering"
# Candidate priorities make sense as answers to these; a dependency is the person's own words.
WITH_CANDIDATES = ("top_priorities", "stop_or_wait")

ENTRY_STYLE = f"""
QWidget#privateEntry {{ background: #FFFFFF; }}
QWidget {{ font-size: 18pt; color: #000000; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: #FFFFFF; }}
QLabel#title {{ font-size: 32pt; font-weight: 700; }}
QLabel#question {{ font-size: 26pt; font-weight: 700; }}
QLabel#step, QLabel#hint, QLabel[role="hint"] {{ color: #374151; }}
QLabel[role="subtitle"] {{ font-size: 22pt; font-weight: 700; }}
QLabel[role="good"] {{ color: #00664F; font-weight: 700; }}
QLabel#projectedWarning {{ background: #B33F00; color: #FFFFFF; font-weight: 700; padding: 8px 12px; }}
QLabel#review {{ font-size: 20pt; }}
QPushButton {{ padding: 12px 28px; border: 2px solid #000000; border-radius: 8px; background: #F3F4F6;
    min-height: 40px; }}
QPushButton:focus {{ border: 4px solid {theme.OKABE_ITO["orange"]}; }}
QPushButton#primary {{ background: {theme.ACCENT}; color: #FFFFFF; border-color: {theme.ACCENT}; font-weight: 700; }}
QPushButton#name {{ font-size: 22pt; min-height: 60px; text-align: left; padding-left: 24px; }}
QPushButton#facilitator {{ font-size: 13pt; background: #FFFFFF; border: 1px solid #6B7280; color: #374151;
    padding: 6px 14px; min-height: 0; }}
QFrame#checkItem {{ border: 2px solid #D1D5DB; border-radius: 8px; background: #FFFFFF; }}
QFrame#checkItem[checked="true"] {{ border: 3px solid {theme.ACCENT}; background: #E3F1FB; }}
QFrame#checkItem QLabel {{ font-size: 20pt; background: transparent; }}
QCheckBox::indicator {{ width: 30px; height: 30px; }}
QLineEdit {{ font-size: 20pt; padding: 10px; border: 2px solid #6B7280; border-radius: 8px; }}
"""


def _label(text: str, name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def _button(text: str, name: str = "") -> QPushButton:
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    button.setCursor(Qt.PointingHandCursor)
    return button


class PersonEntry(QWidget):
    """One person's three answers and a review; built for that person and destroyed after."""

    confirmed = Signal(dict)  # question -> items
    cancelled = Signal()

    def __init__(self, ws: m.Workshop, person: m.Participant, parent: QWidget | None = None):
        super().__init__(parent)
        self.person = person
        own = {a.question: a.items for a in ws.alignment_answers if a.participant == person.id}
        candidates = [p.title for p in ws.priorities]
        self.pickers: dict[str, AnswerPicker] = {}
        self.steps = QStackedWidget()
        for number, question in enumerate(m.QUESTIONS, start=1):
            picker = AnswerPicker(f"{number}. {alignment.QUESTION_LABELS[question]}",
                                  candidates if question in WITH_CANDIDATES else [], HINTS[question])
            for item in own.get(question, []):  # the person's own earlier answer, if any
                picker.own.setText(item)
                picker.add_own()
            self.pickers[question] = picker
            self.steps.addWidget(picker)
        self.review = _label("", "review")
        self.review.setTextFormat(Qt.PlainText)
        review_page = QWidget()
        review_layout = QVBoxLayout(review_page)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(_label("Your answers: check them, then confirm", "question"))
        review_layout.addWidget(self.review)
        review_layout.addStretch(1)
        self.steps.addWidget(review_page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # items wrap instead
        scroll.setWidget(self.steps)

        self.heading = _label(f"{person.name}: your private answers", "title")
        self.step = _label("", "step")
        self.cancel = _button("Cancel: back to the names")
        self.back = _button("Back")
        self.next = _button("Next question", "primary")
        self.cancel.clicked.connect(self.cancelled)
        self.back.clicked.connect(lambda: self.go(self.steps.currentIndex() - 1))
        self.next.clicked.connect(self._next)
        bar = QHBoxLayout()
        bar.addWidget(self.cancel)
        bar.addStretch(1)
        bar.addWidget(self.back)
        bar.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.step)
        layout.addSpacing(12)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)
        self.go(0)

    @property
    def reviewing(self) -> bool:
        return self.steps.currentIndex() == len(m.QUESTIONS)

    def go(self, index: int) -> None:
        index = max(0, min(index, len(m.QUESTIONS)))
        self.steps.setCurrentIndex(index)
        self.back.setEnabled(index > 0)
        if index < len(m.QUESTIONS):
            self.step.setText(f"Question {index + 1} of {len(m.QUESTIONS)}. Nobody sees your answers until the "
                              "facilitator reveals them, and then without names.")
            self.next.setText("Next question" if index < len(m.QUESTIONS) - 1 else "Review my answers")
            self.pickers[m.QUESTIONS[index]].own.setFocus()
        else:
            self.step.setText("Last step: nothing is stored until you confirm.")
            self.review.setText(self._review_text())
            self.next.setText("Confirm my answers")
            self.next.setFocus()

    def answers(self) -> dict[str, list[str]]:
        return {q: picker.items() for q, picker in self.pickers.items()}

    def _review_text(self) -> str:
        parts = []
        for question, items in self.answers().items():
            listed = "\n".join(f"   • {item}" for item in items) or "   (nothing named)"
            parts.append(f"{alignment.QUESTION_SHORT[question]}\n{listed}")
        return "\n\n".join(parts)

    def _next(self) -> None:
        if self.reviewing:
            self.confirmed.emit(self.answers())
        else:
            self.go(self.steps.currentIndex() + 1)


class PrivateEntry(QWidget):
    """The full-screen window of the private check. ``ended`` fires when the facilitator ends it."""

    ended = Signal()

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.ctx = ctx
        self.setObjectName("privateEntry")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setAttribute(Qt.WA_DeleteOnClose, True)
        self.setWindowTitle("Private alignment check")
        # Like the ballot window: while an executive answers, the main window (and its undo)
        # takes no input; it still repaints, so the room sees who has finished.
        self.setWindowModality(Qt.ApplicationModal)
        self.setStyleSheet(ENTRY_STYLE)
        self.pages = QStackedWidget()
        self.names_page: QWidget | None = None
        self.person: PersonEntry | None = None
        self.thanks_page = self._build_thanks()
        self.pages.addWidget(self.thanks_page)
        self.end_button = _button("End the session (facilitator)", "facilitator")
        self.end_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.end_button)
        # The room may see the laptop (the stage mirrored on it): say so above everything.
        self.projected_warning = _label(PROJECTED_WARNING, "projectedWarning")
        self.projected_warning.setVisible(ctx.room_sees_console)
        ctx.room_sees_console_changed.connect(self.projected_warning.setVisible)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 40, 64, 24)
        layout.addWidget(self.projected_warning)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self._ended = False
        ctx.changed.connect(self._on_changed)
        self.show_names()

    # ----- pages ---------------------------------------------------------------------------

    def _build_thanks(self) -> QWidget:
        page = QWidget()
        self.next_person = _button("Next person", "primary")
        self.next_person.setMinimumHeight(80)
        self.next_person.clicked.connect(self.show_names)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = _label("Thank you — pass the laptop on", "title")
        title.setAlignment(Qt.AlignCenter)
        note = _label("Your answers are saved. They stay hidden until the facilitator reveals them, "
                      "and the room will see them without names.", "hint")
        note.setAlignment(Qt.AlignCenter)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addSpacing(32)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.next_person)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _build_names(self) -> QWidget:
        ws = self.ctx.workshop
        page = QWidget()
        still = {pid for role in LEVELS for pid in alignment.waiting(ws, role)}
        groups = [(words, [p for p in ws.participants if p.role == role and p.id in still])
                  for role, words in LEVELS.items()]
        waiting = [p for _, group in groups for p in group]
        levels = sum(1 for role in LEVELS if any(p.role == role for p in ws.participants))
        self.name_buttons: dict[str, QPushButton] = {}
        left = QVBoxLayout()
        left.addWidget(_label("Private alignment check", "title"))
        if waiting:
            left.addWidget(_label("Pick your name to answer three questions in private. Nobody sees your answers "
                                  "until the facilitator reveals them, and the room sees them without names.", "hint"))
            names = QWidget()
            grid = QGridLayout(names)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(12)
            columns = 2 if len(waiting) > 6 else 1
            row = 0
            for words, group in groups:
                if not group:
                    continue
                if levels > 1:  # executives and department heads: say which names are which
                    grid.addWidget(_label(words, "step"), row, 0, 1, columns)
                    row += 1
                for i, person in enumerate(group):
                    button = _button(person.name, "name")
                    button.clicked.connect(lambda _=False, p=person: self.start_person(p.id))
                    grid.addWidget(button, row + i // columns, i % columns)
                    self.name_buttons[person.id] = button
                row += (len(group) + columns - 1) // columns
            grid.setRowStretch(grid.rowCount(), 1)
            scroll = QScrollArea()  # a room with department heads can have more names than fit
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            scroll.setWidget(names)
            left.addSpacing(16)
            left.addWidget(scroll, 1)
        elif levels:
            left.addWidget(_label("Everyone has answered. The facilitator can end the session and reveal the "
                                  "answers.", "hint"))
        else:
            left.addWidget(_label("There are no executives in this workshop yet: the facilitator adds them on "
                                  "the Overview.", "hint"))
            left.addStretch(1)
        self.board = ProgressBoard()
        self.board.show_workshop(ws)
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 3)
        row.addSpacing(48)
        board_page = QWidget()
        board_column = QVBoxLayout(board_page)
        board_column.setContentsMargins(0, 0, 0, 0)
        board_column.addWidget(self.board)
        board_column.addStretch(1)
        board_scroll = QScrollArea()
        board_scroll.setWidgetResizable(True)
        board_scroll.setFrameShape(QScrollArea.NoFrame)
        board_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        board_scroll.setWidget(board_page)
        row.addWidget(board_scroll, 2)
        return page

    def _drop(self, page: QWidget | None) -> None:
        """Remove a page now (not at the next event loop turn): nothing of it stays findable."""
        if page is not None:
            self.pages.removeWidget(page)
            page.setParent(None)
            page.deleteLater()

    def show_names(self) -> None:
        """The start page for the next person: names of those still to answer, and who has finished."""
        self._drop(self.person)
        self.person = None
        self._drop(self.names_page)
        self.names_page = self._build_names()
        self.pages.addWidget(self.names_page)
        self.pages.setCurrentWidget(self.names_page)
        self.end_button.setVisible(True)

    def start_person(self, participant: str) -> None:
        ws = self.ctx.workshop
        person = next(p for p in ws.participants if p.id == participant)
        self._drop(self.names_page)
        self.names_page = None
        self.person = PersonEntry(ws, person)
        self.person.confirmed.connect(self._store)
        self.person.cancelled.connect(self.show_names)
        self.pages.addWidget(self.person)
        self.pages.setCurrentWidget(self.person)
        self.end_button.setVisible(False)  # a person is answering: the facilitator waits

    def _store(self, answers: dict[str, list[str]]) -> None:
        person = self.person
        assert person is not None
        ws = self.ctx.workshop
        existing = {a.question: a for a in ws.alignment_answers if a.participant == person.person.id}
        # The undo text names who answered, never what: Edit > Undo is visible on the projector.
        with self.ctx.macro(f"Private answers from {person.person.name}"):
            for question, items in answers.items():
                self.ctx.edit(existing.get(question), m.AlignmentAnswer(person.person.id, question, list(items)))
        self._drop(person)
        self.person = None
        self.pages.setCurrentWidget(self.thanks_page)
        self.end_button.setVisible(True)
        self.next_person.setFocus()

    def _on_changed(self, section: str) -> None:
        # An undo elsewhere can change who is waiting; only the names page shows that.
        if section in ("alignment_answers", "participants", "all") and self.pages.currentWidget() is self.names_page:
            self.show_names()

    # ----- showing and ending ----------------------------------------------------------------

    def open(self, beside: QWidget | None = None, full_screen: bool = True) -> None:
        """Show the check; full screen on a screen other than ``beside``'s when there is one, so the
        projector can keep showing the main window's progress board."""
        if beside is not None:
            beside.installEventFilter(self)  # the check ends when the main window closes
            here = QWidget.screen(beside)  # QWidget's: MainWindow.screen(index) means something else
            others = [s for s in QGuiApplication.screens() if s != here]
            if others:
                self.setScreen(others[0])
                self.move(others[0].geometry().topLeft())
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Close and watched is not self:
            self.close()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key_Escape:
            return  # a stray Escape must not end the check in the middle of someone's answers
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._ended:
            self._ended = True
            self.ended.emit()
        event.accept()
