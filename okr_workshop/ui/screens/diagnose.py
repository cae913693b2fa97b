"""Diagnose the execution gap: alignment answers, the warning signals, the blunt statements."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QPlainTextEdit

from ...domain import alignment
from ...domain import model as m
from ..widgets.record_table import Column, RecordTable, participants
from .base import Screen


class DiagnoseScreen(Screen):
    title = "Diagnose"
    purpose = ("Where does execution break down? Compare the executives' private answers, tick the warning "
               "signals, and write the blunt statement the room agrees on.")
    sections = ("diagnosis", "alignment_answers", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.agreement = QLabel()
        self.agreement.setWordWrap(True)
        self.answers = RecordTable(
            ctx, "Alignment check answers", lambda ws: ws.alignment_answers,
            [
                Column("participant", "Executive", "ref", options=participants, optional=False, width=220),
                Column("question", "Question", "choice", choices=m.QUESTIONS, width=180),
                Column("items", "Answer (items separated by ;)", "list", width=480),
            ],
            ("alignment_answers", "participants"),
            self._new_answer,
            "No answers yet. Each executive answers the three questions privately.",
        )
        self.answers.setMinimumHeight(260)
        self.body.addWidget(self.answers)
        self.body.addWidget(self.agreement)

        heading = QLabel("Warning signals")
        heading.setProperty("role", "subtitle")
        self.body.addWidget(heading)
        grid = QGridLayout()
        self.signal_boxes: dict[str, QCheckBox] = {}
        for row, signal in enumerate(m.SIGNALS):
            label, meaning = alignment.SIGNAL_MEANINGS[signal]
            box = QCheckBox(label)
            box.setEnabled(not ctx.read_only)
            box.toggled.connect(lambda on, s=signal: self._toggle_signal(s, on))
            hint = QLabel(f"usually means: {meaning}")
            hint.setProperty("role", "hint")
            grid.addWidget(box, row, 0)
            grid.addWidget(hint, row, 1)
            self.signal_boxes[signal] = box
        self.body.addLayout(grid)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.body.addWidget(self.verdict)

        heading = QLabel("Blunt statements (one per line)")
        heading.setProperty("role", "subtitle")
        self.body.addWidget(heading)
        self.examples = QComboBox()
        self.examples.addItem("Add an example statement…")
        self.examples.addItems(list(alignment.EXAMPLE_STATEMENTS))
        self.examples.activated.connect(self._add_example)
        self.examples.setEnabled(not ctx.read_only)
        self.statements = QPlainTextEdit()
        self.statements.setReadOnly(ctx.read_only)
        self.statements.setMaximumHeight(140)
        self.statements.textChanged.connect(self._statements_typed)
        self.body.addWidget(self.examples)
        self.body.addWidget(self.statements)
        self.refresh()

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

    _loading = False

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
        parts = []
        for question in m.QUESTIONS:
            score = alignment.agreement(ws, question)
            shown = "not enough answers" if score is None else f"{score:.0%}"
            parts.append(f"{alignment.QUESTION_LABELS[question]}: agreement {shown}")
        self.agreement.setText("   ·   ".join(parts))
