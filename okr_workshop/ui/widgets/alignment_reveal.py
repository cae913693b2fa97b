"""The reveal of the alignment check, one question at a time, for the projector.

Per question: the agreement score as a percentage (the report's number), what it means in
plain words, how scattered the answers are, and the spread chart. Only items and counts are
shown: who said what stays in the facilitator's table on the laptop.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain import alignment
from ...domain import model as m
from ...domain.report import DECIMALS
from ..charts.alignment_spread import chart_height, draw_spread
from ..charts.canvas import ChartCanvas
from ..theme import ACCENT

# The chosen question's tab is filled, not only coloured: it reads as "selected" in greyscale too.
TAB_STYLE = f"""
QPushButton {{ padding: 6px 16px; border: 2px solid #000000; border-radius: 6px; background: #FFFFFF; }}
QPushButton:checked {{ background: {ACCENT}; color: #FFFFFF; border-color: {ACCENT}; }}
"""


def percent_text(score: float | None) -> str:
    """"22%", or a dash when there is nothing to compare."""
    percent = alignment.agreement_percent(score)
    return "—" if percent is None else f"{percent}%"


def _restyle(label: QLabel, role: str) -> None:
    if label.property("role") != role:
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)


class AlignmentReveal(QWidget):
    """Question tabs (each showing its score), then the chosen question's verdict and chart."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = m.QUESTIONS[0]
        self.scores: dict[str, float | None] = {}
        self._ws: m.Workshop | None = None
        self._bars = 0
        self.tabs: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        tabs = QHBoxLayout()
        for number, question in enumerate(m.QUESTIONS, start=1):
            button = QPushButton()
            button.setCheckable(True)
            button.setStyleSheet(TAB_STYLE)
            button.setToolTip(f"Show question {number}")
            button.clicked.connect(lambda _=False, q=question: self.select(q))
            group.addButton(button)
            tabs.addWidget(button)
            self.tabs[question] = button
        tabs.addStretch(1)
        self.label = QLabel()
        self.label.setProperty("role", "subtitle")
        self.label.setWordWrap(True)
        self.figure = QLabel()
        self.figure.setProperty("role", "figure")
        caption = QLabel("agreement")
        caption.setProperty("role", "hint")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.spread = QLabel()
        self.spread.setWordWrap(True)
        score = QVBoxLayout()
        score.setSpacing(0)
        score.addWidget(self.figure)
        score.addWidget(caption)
        score.addStretch(1)
        words = QVBoxLayout()
        words.addWidget(self.verdict)
        words.addWidget(self.spread)
        words.addStretch(1)
        summary = QHBoxLayout()
        summary.addLayout(score)
        summary.addSpacing(24)
        summary.addLayout(words, 1)
        self.chart = ChartCanvas(min_height=240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tabs)
        layout.addWidget(self.label)
        layout.addLayout(summary)
        layout.addWidget(self.chart)

    def show_workshop(self, ws: m.Workshop) -> None:
        """Recompute every question's score and redraw the chosen question."""
        self._ws = ws
        self.scores = {q: alignment.agreement(ws, q) for q in m.QUESTIONS}
        for number, question in enumerate(m.QUESTIONS, start=1):
            # The report's rounding, so the screen and `okr-workshop report` never disagree.
            score = self.scores[question]
            shown = None if score is None else round(score, DECIMALS)
            # Two lines keep the three tabs narrow enough for a 1280-pixel projector.
            label = alignment.QUESTION_SHORT[question]
            self.tabs[question].setText(f"{number}. {label}\n{percent_text(shown)} agreement")
        self.select(self.question)

    def select(self, question: str) -> None:
        """Show ``question``: its score, verdict, scatter and chart."""
        self.question = question
        self.tabs[question].setChecked(True)
        ws = self._ws
        if ws is None:
            return
        score = self.scores.get(question)
        shown = None if score is None else round(score, DECIMALS)
        groups = alignment.answer_groups(ws, question)
        people = alignment.responses(ws, question)
        self.label.setText(alignment.QUESTION_LABELS[question])
        self.figure.setText(percent_text(shown))
        # The verdict from the unrounded score, exactly as the report decides it.
        self.verdict.setText(alignment.agreement_verdict(score))
        _restyle(self.verdict, "warning" if alignment.agreement_level(score) == "narrative_problem" else "subtitle")
        self.spread.setText(self._spread_text(groups, people))
        self._bars = len(groups)
        self.chart.setMinimumHeight(chart_height(self._bars))
        pairs = [(g.item, g.count) for g in groups]  # items and counts only: no names
        self.chart.plot(lambda figure, style: draw_spread(figure, style, pairs, people))

    @staticmethod
    def _spread_text(groups: list[alignment.AnswerGroup], people: int) -> str:
        summary = alignment.spread_summary(people, len(groups))
        if not groups:
            return summary
        breakdown = alignment.spread_breakdown([g.count for g in groups], people)
        return f"{summary[:-1]}: {breakdown}."

