"""Diagnose the execution gap: the private alignment check and its reveal, the warning signals,
the accountability questions, and the blunt statements the room agrees on.

The answers stay hidden until the facilitator presses Reveal; the reveal then shows items and
counts only, agreement on themes (the facilitator groups answers that say the same thing), and
the check a level lower when department heads answered too. The table with names is for the
facilitator's laptop alone: it hides while the room may see the console
(``WorkshopContext.room_sees_console``).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import alignment
from ...domain import model as m
from ..widgets.accountability import AccountabilityPanel
from ..widgets.alignment_reveal import AlignmentReveal
from ..widgets.progress_board import ProgressBoard
from ..widgets.record_table import Column, RecordTable, participants
from .base import Screen
from .private_entry import PrivateEntry

REVEAL = "Reveal the answers"
HIDE = "Hide the answers"


def _subtitle(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "subtitle")
    return label


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


def answered_text(ws: m.Workshop) -> str:
    """"8 of 8 executives", with "2 of 2 department heads" after it when the workshop has any."""
    done = f"{len(alignment.finished(ws))} of {len(ws.executives())} executives"
    heads = [p for p in ws.participants if p.role == "participant"]
    if heads:
        done += f" and {len(alignment.finished(ws, 'participant'))} of {len(heads)} department heads"
    return done


class DiagnoseScreen(Screen):
    title = "Diagnose"
    purpose = ("Where does execution break down? Compare the executives' private answers, tick the warning "
               "signals, name who owns what, and write the blunt statement the room agrees on.")
    sections = ("diagnosis", "alignment_answers", "participants", "themes")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.revealed = False
        self.entry = None  # the private check's window while it runs
        self._loading = False
        self._revealed_state: tuple | None = None  # what the reveal chart was last drawn from
        self._build_alignment()
        self._build_signals()
        self.body.addWidget(_subtitle("Accountability: who owns it?"))
        self.body.addWidget(_hint("Name the one person the room holds accountable for each. If nobody can be "
                                  "named, choose Nobody: that is a finding, not a gap in the form."))
        self.accountability = AccountabilityPanel(ctx)
        self.body.addWidget(self.accountability)
        self._build_statements()
        self.body.addStretch(1)
        self.refresh()
        ctx.room_sees_console_changed.connect(self._room_sees)

    # ----- building --------------------------------------------------------------------------

    def _build_alignment(self) -> None:
        self.body.addWidget(_subtitle("Alignment check"))
        self.body.addWidget(_hint("Each executive answers three questions in private on this laptop; department "
                                  "heads can too, for the check a level lower. The answers stay hidden until you "
                                  "reveal them, and the room sees them without names."))
        self.start_button = QPushButton("Start the private check")
        self.start_button.setToolTip("Opens a full-screen entry that each executive and department head uses in turn")
        self.start_button.clicked.connect(lambda: self.start_private_check())
        self.reveal_button = QPushButton(REVEAL)
        self.reveal_button.clicked.connect(lambda: self.set_revealed(not self.revealed))
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.reveal_button)
        row.addWidget(self.status, 1)
        self.body.addLayout(row)
        self.board = ProgressBoard()  # executives, then department heads
        self.body.addWidget(self.board)
        self.reveal = AlignmentReveal()
        self.reveal.group_button.setEnabled(not self.ctx.read_only)
        self.reveal.group_themes.connect(self.group_into_themes)
        self.body.addWidget(self.reveal)
        self.answers = RecordTable(
            self.ctx, "Alignment check answers", lambda ws: ws.alignment_answers,
            [
                Column("participant", "Who", "ref", options=participants, optional=False, width=220),
                Column("question", "Question", "choice", choices=m.QUESTIONS, width=180),
                Column("items", "Answer (items separated by ;)", "list", width=480),
            ],
            ("alignment_answers", "participants"),
            self._new_answer,
            "No answers yet. Each executive answers the three questions privately.",
        )
        self.answers.setMinimumHeight(260)
        self.body.addWidget(self.answers)

    def _build_signals(self) -> None:
        self.body.addWidget(_subtitle("Warning signals"))
        self.signals = QWidget()
        column = QVBoxLayout(self.signals)
        column.setContentsMargins(0, 0, 0, 0)
        self.signal_boxes: dict[str, QCheckBox] = {}
        for signal in m.SIGNALS:
            label, meaning = alignment.SIGNAL_MEANINGS[signal]
            box = QCheckBox(label)
            box.setEnabled(not self.ctx.read_only)
            box.toggled.connect(lambda on, s=signal: self._toggle_signal(s, on))
            hint = _hint(f"usually means: {meaning}")
            hint.setContentsMargins(36, 0, 0, 6)
            column.addWidget(box)
            column.addWidget(hint)
            self.signal_boxes[signal] = box
        self.body.addWidget(self.signals)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.body.addWidget(self.verdict)

    def _build_statements(self) -> None:
        self.body.addWidget(_subtitle("Blunt statements (one per line)"))
        self.examples = QComboBox()
        self.examples.addItem("Add an example statement…")
        self.examples.addItems(list(alignment.EXAMPLE_STATEMENTS))
        self.examples.activated.connect(self._add_example)
        self.examples.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)  # long examples
        self.examples.setMinimumContentsLength(20)
        self.examples.setEnabled(not self.ctx.read_only)
        self.statements = QPlainTextEdit()
        self.statements.setReadOnly(self.ctx.read_only)
        self.statements.setMinimumHeight(120)
        self.statements.setMaximumHeight(220)
        self.statements.textChanged.connect(self._statements_typed)
        self.body.addWidget(self.examples)
        self.body.addWidget(self.statements)

    # ----- the private check and the reveal --------------------------------------------------

    def start_private_check(self, full_screen: bool = True) -> None:
        """Hide the answers and open the private entry (again, if it is open already)."""
        if self.ctx.read_only:
            return
        self.set_revealed(False)
        if self.entry is None:
            # A child window: it closes with the workshop, and the app still quits with the main window.
            self.entry = PrivateEntry(self.ctx, self)
            self.entry.ended.connect(self._check_ended)
        self.entry.open(beside=self.window(), full_screen=full_screen)
        self._update_alignment()

    def _check_ended(self) -> None:
        self.entry = None
        self._update_alignment()

    def set_revealed(self, on: bool) -> None:
        """Show the answers (items and counts; the named table only on the laptop), or hide them."""
        if on and self.entry is not None:
            return  # not while people are still answering in private
        self.revealed = on
        self._update_alignment()

    def group_into_themes(self, question: str) -> None:
        """The theme board of ``question`` in its own window: answers grouped there count as one theme
        in the agreement, and the reveal redraws (the screen listens to "themes")."""
        if self.ctx.read_only:
            return
        from ..widgets.theme_board import ThemeDialog  # loaded when first asked for

        self.themes_dialog = ThemeDialog(self.ctx, question, self)
        self.themes_dialog.open()

    def _room_sees(self, _on: bool) -> None:
        """The room may see the console now (or no longer): the named answers go (or come back)."""
        self._update_alignment()

    def _update_alignment(self) -> None:
        ws = self.ctx.workshop
        running = self.entry is not None
        self.reveal_button.setText(HIDE if self.revealed else REVEAL)
        self.reveal_button.setEnabled(not running)
        self.start_button.setEnabled(not self.ctx.read_only and not running)
        self.start_button.setVisible(not self.revealed)
        if running:
            self.status.setText("The private check is running. Only who has finished is shown here.")
        elif self.revealed:
            self.status.setText(f"{answered_text(ws)} have answered every question.")
        else:
            self.status.setText("The answers are hidden.")
        self.board.setVisible(not self.revealed)
        if not self.revealed:
            self.board.show_workshop(ws)
        self.reveal.setVisible(self.revealed)
        # Redraw the chart only when what it shows changed, not on every keystroke in a statement.
        shown = (list(ws.alignment_answers), [(p.id, p.role) for p in ws.participants],
                 [t for t in ws.themes if t.question in m.QUESTIONS])
        if self.revealed and shown != self._revealed_state:
            self.reveal.show_workshop(ws)
            self._revealed_state = shown
        elif not self.revealed:
            self._revealed_state = None
        # Names with answers: the facilitator's laptop only, and only after the reveal.
        self.answers.setVisible(self.revealed and not self.ctx.room_sees_console)

    # ----- editing ---------------------------------------------------------------------------

    def _new_answer(self):
        ws = self.ctx.workshop
        taken = {(a.participant, a.question) for a in ws.alignment_answers}
        for person in ws.executives() or ws.participants:
            for question in m.QUESTIONS:
                if (person.id, question) not in taken:
                    return m.AlignmentAnswer(person.id, question, [])
        self.answers.empty.setText("Everyone has answered every question.")
        return None

    def _toggle_signal(self, signal: str, on: bool) -> None:
        before = self.ctx.workshop.diagnosis
        signals = [s for s in m.SIGNALS if (s in before.signals and s != signal) or (s == signal and on)]
        self.ctx.edit(before, dataclasses.replace(before, signals=signals),
                      text=f"{'Tick' if on else 'Untick'} a signal")

    def _statements_typed(self) -> None:
        if self._loading:
            return
        lines = [line for line in self.statements.toPlainText().split("\n") if line.strip()]
        before = self.ctx.workshop.diagnosis
        self.ctx.edit(before, dataclasses.replace(before, statements=lines), merge_field="statements")

    def _add_example(self, index: int) -> None:
        if index <= 0 or self.ctx.read_only:
            return
        before = self.ctx.workshop.diagnosis
        statement = self.examples.itemText(index)
        if statement not in before.statements:
            self.ctx.edit(before, dataclasses.replace(before, statements=[*before.statements, statement]))
        self.examples.setCurrentIndex(0)

    # ----- redrawing -------------------------------------------------------------------------

    def refresh(self) -> None:
        ws = self.ctx.workshop
        self._loading = True
        try:
            for signal, box in self.signal_boxes.items():
                box.blockSignals(True)
                box.setChecked(signal in ws.diagnosis.signals)
                box.blockSignals(False)
            current = [line for line in self.statements.toPlainText().split("\n") if line.strip()]
            if current != ws.diagnosis.statements:
                self.statements.setPlainText("\n".join(ws.diagnosis.statements))
        finally:
            self._loading = False
        count = alignment.signal_count(ws)
        if alignment.execution_design_problem(ws):
            self.verdict.setText(f"{count} signals present: the problem is execution design, not effort.")
            self.verdict.setProperty("role", "warning")
        else:
            self.verdict.setText(f"{count} signal{'s' if count != 1 else ''} present. Two or more point to "
                                 "execution design, not effort.")
            self.verdict.setProperty("role", "hint")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.accountability.refresh()
        self._update_alignment()
