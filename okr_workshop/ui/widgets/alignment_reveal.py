"""The reveal of the alignment check, one question at a time, for the projector.

Per question: the agreement score as a percentage (the report's number, on themes: answers the
facilitator grouped count as one), the agreement word for word beside it, what it means in plain
words, how scattered the answers are, and the spread chart. When department heads answered too,
the check a level lower: each level's agreement, the agreement across the two, and each level's
top themes side by side. Only items and counts are shown: who said what stays in the
facilitator's table on the laptop.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain import alignment
from ...domain import model as m
from ...domain.report import DECIMALS
from ...domain.themes import themes_of
from ..charts.alignment_spread import chart_height, draw_spread
from ..charts.canvas import ChartCanvas
from ..theme import ACCENT

# The chosen question's tab is filled, not only coloured: it reads as "selected" in greyscale too.
TAB_STYLE = f"""
QPushButton {{ padding: 6px 16px; border: 2px solid #000000; border-radius: 6px; background: #FFFFFF; }}
QPushButton:checked {{ background: {ACCENT}; color: #FFFFFF; border-color: {ACCENT}; }}
"""
GROUP = "Group answers into themes…"
TOP_THEMES = 3  # each level's top themes, side by side
LEVEL_WORDS = {"executive": "Executives", "participant": "Department heads", "across": "Across the two levels"}


def percent_text(score: float | None) -> str:
    """"22%", or a dash when there is nothing to compare."""
    percent = alignment.agreement_percent(score)
    return "—" if percent is None else f"{percent}%"


def rounded(score: float | None) -> float | None:
    """The report's rounding, so the screen and `okr-workshop report` never disagree."""
    return None if score is None else round(score, DECIMALS)


def top_themes(ws: m.Workshop, question: str, role: str) -> str:
    """A level's most named themes, one a line with how many named each (no names)."""
    groups = alignment.answer_groups(ws, question, role)[:TOP_THEMES]
    return "\n".join(f"{g.item} ({g.count})" for g in groups) or "—"


def _restyle(label: QLabel, role: str) -> None:
    if label.property("role") != role:
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)


class AlignmentReveal(QWidget):
    """Question tabs (each showing its score), then the chosen question's verdict, the level
    comparison and the chart. ``group_themes`` asks for the chosen question's theme board."""

    group_themes = Signal(str)

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
        self.group_button = QPushButton(GROUP)
        self.group_button.setToolTip("Group answers that say the same thing in other words: agreement counts "
                                     "each theme as one answer")
        self.group_button.clicked.connect(lambda: self.group_themes.emit(self.question))
        tabs.addWidget(self.group_button)
        self.label = QLabel()
        self.label.setProperty("role", "subtitle")
        self.label.setWordWrap(True)
        self.figure = QLabel()
        self.figure.setProperty("role", "figure")
        self.caption = QLabel("agreement")
        self.caption.setProperty("role", "hint")
        self.raw = QLabel()  # the agreement word for word, beside the one on themes
        self.raw.setProperty("role", "hint")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.spread = QLabel()
        self.spread.setWordWrap(True)
        score = QVBoxLayout()
        score.setSpacing(0)
        score.addWidget(self.figure)
        score.addWidget(self.caption)
        score.addWidget(self.raw)
        score.addStretch(1)
        words = QVBoxLayout()
        words.addWidget(self.verdict)
        words.addWidget(self.spread)
        words.addStretch(1)
        summary = QHBoxLayout()
        summary.addLayout(score)
        summary.addSpacing(24)
        summary.addLayout(words, 1)
        self.levels = self._build_levels()
        self.chart = ChartCanvas(min_height=240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tabs)
        layout.addWidget(self.label)
        layout.addLayout(summary)
        layout.addWidget(self.levels)
        layout.addWidget(self.chart)

    def _build_levels(self) -> QWidget:
        """A level lower: a row per level (its agreement) and each level's top themes side by side."""
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 8, 0, 8)
        grid.setHorizontalSpacing(32)
        title = QLabel("A level lower: executives and department heads")
        title.setProperty("role", "subtitle")
        grid.addWidget(title, 0, 0, 1, 3)
        self.level_scores: dict[str, QLabel] = {}
        for column, level in enumerate(LEVEL_WORDS):
            score = QLabel()
            score.setWordWrap(True)
            grid.addWidget(score, 1, column)
            self.level_scores[level] = score
        across = QLabel("How far each department head's answers overlap each executive's.")
        across.setProperty("role", "hint")
        across.setWordWrap(True)
        grid.addWidget(across, 2, 2)
        self.level_tops: dict[str, QLabel] = {}
        for column, level in enumerate(("executive", "participant")):
            caption = QLabel(f"{LEVEL_WORDS[level]}' top themes (how many named each)")
            caption.setProperty("role", "hint")
            grid.addWidget(caption, 2, column)
            top = QLabel()
            top.setWordWrap(True)
            top.setTextFormat(Qt.PlainText)  # answers are the room's words, never markup
            grid.addWidget(top, 3, column)
            self.level_tops[level] = top
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        box.setVisible(False)
        return box

    def show_workshop(self, ws: m.Workshop) -> None:
        """Recompute every question's score and redraw the chosen question."""
        self._ws = ws
        self.scores = {q: alignment.agreement(ws, q) for q in m.QUESTIONS}
        for number, question in enumerate(m.QUESTIONS, start=1):
            shown = rounded(self.scores[question])
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
        shown = rounded(score)
        groups = alignment.answer_groups(ws, question)
        people = alignment.responses(ws, question)
        self.label.setText(alignment.QUESTION_LABELS[question])
        self.figure.setText(percent_text(shown))
        themed = bool(themes_of(ws, question))
        self.caption.setText("agreement on themes" if themed else "agreement")
        raw = rounded(alignment.agreement(ws, question, raw=True))
        self.raw.setText(f"{percent_text(raw)} word for word" if themed and shown is not None else "")
        self.raw.setVisible(bool(self.raw.text()))
        self._show_levels(ws, question)
        # The verdict from the unrounded score, exactly as the report decides it.
        self.verdict.setText(alignment.agreement_verdict(score))
        _restyle(self.verdict, "warning" if alignment.agreement_level(score) == "narrative_problem" else "subtitle")
        self.spread.setText(self._spread_text(groups, people))
        self._bars = len(groups)
        self.chart.setMinimumHeight(chart_height(self._bars))
        pairs = [(g.item, g.count) for g in groups]  # items and counts only: no names
        self.chart.plot(lambda figure, style: draw_spread(figure, style, pairs, people))

    def _show_levels(self, ws: m.Workshop, question: str) -> None:
        """The check a level lower, shown only when department heads answered ``question``."""
        heads = alignment.responses(ws, question, "participant")
        self.levels.setVisible(heads > 0)
        if not heads:
            return
        scores = alignment.levels(ws, question)
        people = {"executive": alignment.responses(ws, question), "participant": heads}
        for level, label in self.level_scores.items():
            who = f" ({people[level]})" if level in people else ""
            label.setText(f"{LEVEL_WORDS[level]}{who}: {percent_text(rounded(scores[level]))}")
        for level, label in self.level_tops.items():
            label.setText(top_themes(ws, question, level))

    def texts(self) -> list[str]:
        """What the level comparison shows, for tests and for checking that no name leaks."""
        shown = [*self.level_scores.values(), *self.level_tops.values()] if self.levels.isVisibleTo(self) else []
        return [self.figure.text(), self.caption.text(), self.raw.text(), *(w.text() for w in shown)]

    @staticmethod
    def _spread_text(groups: list[alignment.AnswerGroup], people: int) -> str:
        summary = alignment.spread_summary(people, len(groups))
        if not groups:
            return summary
        breakdown = alignment.spread_breakdown([g.count for g in groups], people)
        return f"{summary[:-1]}: {breakdown}."

