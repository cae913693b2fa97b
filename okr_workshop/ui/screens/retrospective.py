"""Retrospective: last quarter's key results scored before this quarter is diagnosed.

An offsite started from the last one (File → New from a previous offsite…) carries last
quarter's key results. The room enters what was achieved, how sure it is of that figure and
what it learned; the 0.0-1.0 score follows as it is typed. The seeds' two questions (are the
OKRs working? what would we do differently?) and the "then and now" of the alignment check
close it. Every edit is one undo step, and typing in a text box merges into one.
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import alignment, retrospective
from ...domain import model as m
from ...domain.date_words import fmt_date
from ...domain.limits import whole_number_problem
from ...domain.next_quarter import has_history
from ...domain.retrospective import score_text
from ...domain.stage import from_to
from ..theme import GOOD, SERIES, WARN
from ..widgets.figure_card import Card
from ..widgets.record_table import Column, Index, RecordTable, RecordTableModel, participants
from .base import Screen

FIRST_OFFSITE = ("This is a first offsite. To review last quarter, start from it: "
                 "File → New from a previous offsite…")
SCORE_COLUMN = "_score"
MIDDLE = SERIES[1]  # orange: partly there
GOOD_FROM, MISSED_BELOW = 0.7, 0.4  # the usual reading: 0.7 is a stretch met, under 0.4 a miss


def score_colour(value: float) -> str:
    return GOOD if value >= GOOD_FROM else WARN if value < MISSED_BELOW else MIDDLE


def _confidence(record: Any, value: Any) -> str | None:
    """Why a confidence is refused; None (cleared) is allowed: not every figure has been judged."""
    return None if value is None else whole_number_problem(value, *retrospective.CONFIDENCE)


def _aim(kr: m.PastKeyResult) -> str:
    """ "74 → 30 days", or "target 25%" without a baseline."""
    if kr.target is None:
        return "no target"
    return from_to(kr) if kr.baseline is not None else f"target {from_to(kr).split(' → ')[-1]}"


class PastKeyResultModel(RecordTableModel):
    """The table's rows plus two computed, read-only columns: the aim and the live score."""

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kr = self.rows[index.row()]
        field = self.columns[index.column()].field
        if field == "_aim":
            return _aim(kr) if role == Qt.DisplayRole else None
        if role == Qt.ToolTipRole and field in ("objective", "title", "learned"):
            return getattr(kr, field) or None  # the whole text of a cell cut short
        if field == SCORE_COLUMN:
            value = retrospective.score(kr)
            if role == Qt.DisplayRole:
                return score_text(value)
            if role == Qt.UserRole:
                return value
            if role == Qt.ToolTipRole:
                raw = retrospective.raw_score(kr)
                return ("Needs an actual and a target different from the baseline" if raw is None else
                        f"{raw:.2f} before clipping to 0.0–1.0")
            return None
        return super().data(index, role)


class ScoreDelegate(QStyledItemDelegate):
    """The score in bold, then a coloured bar on a grey track: the figure never sits on the colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text, item.text = item.text, ""
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, item, painter, item.widget)  # background and selection
        painter.save()
        font = QFont(item.font)
        font.setBold(True)
        painter.setFont(font)
        figure = option.rect.adjusted(6, 0, 0, 0)
        figure.setWidth(QFontMetrics(font).horizontalAdvance("0.0") + 6)
        painter.drawText(figure, Qt.AlignVCenter | Qt.AlignLeft, text)
        value = index.data(Qt.UserRole)
        if value is not None:
            track = QRect(figure.right() + 2, option.rect.top() + 8, option.rect.right() - figure.right() - 8,
                          option.rect.height() - 16)
            painter.fillRect(track, QColor("#E5E7EB"))
            painter.fillRect(QRect(track.left(), track.top(), round(track.width() * value), track.height()),
                             QColor(score_colour(value)))
        painter.restore()


class PastKeyResultTable(RecordTable):
    model_class = PastKeyResultModel


class RetrospectiveScreen(Screen):
    title = "Retrospective"
    purpose = ("Score last quarter before diagnosing this one: type what each key result achieved, how sure "
               "you are of the figure (1 a guess, 5 measured) and what you learned. 0.7 is a stretch met; "
               "everything at 1.0 means the targets were too safe.")
    sections = ("past_key_results", "history", "not_now", "priorities", "alignment_answers", "themes",
                "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.origin = QLabel()
        self.origin.setTextFormat(Qt.PlainText)  # titles are the user's text, never markup
        self.origin.setProperty("role", "subtitle")
        self.origin.setWordWrap(True)
        self.empty = QLabel(FIRST_OFFSITE)
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.body.addWidget(self.origin)
        self.body.addWidget(self.empty)
        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_summary())
        layout.addWidget(self._build_table())
        layout.addWidget(self._build_revisits())
        layout.addWidget(self._build_questions())
        self.body.addWidget(self.content)
        self.body.addStretch(1)
        self._loading = False
        self.refresh()

    # ----- building ------------------------------------------------------------------------------

    def _build_summary(self) -> QHBoxLayout:
        """The mean, the flags and the then-and-now side by side: the story before the detail."""
        self.mean = Card("Mean score of the scored key results")
        self.mean.setMaximumWidth(220)
        self.flags = QLabel()
        self.flags.setTextFormat(Qt.PlainText)
        self.flags.setProperty("role", "warning")
        self.flags.setWordWrap(True)
        self.flags.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        row = QHBoxLayout()
        row.addWidget(self.mean)
        row.addWidget(self.flags, 1)
        row.addWidget(self._build_then_and_now())
        return row

    def _build_table(self) -> RecordTable:
        self.table = PastKeyResultTable(
            self.ctx, "Last quarter's key results", lambda ws: ws.past_key_results,
            [  # the score beside the actual: it follows what is typed, in view at 1280 pixels
                Column("objective", "Objective", editable=False, width=120),
                Column("title", "Key result", editable=False, width=200),
                Column("_aim", "From → to", editable=False, width=120),
                Column("owner", "Owner", "ref", options=participants, editable=False, width=105),
                Column("actual", "Actual", "number", width=70),
                Column(SCORE_COLUMN, "Score", editable=False, width=90),
                Column("confidence", "Sure 1–5", "int", width=80, check=_confidence),
                Column("learned", "What we learned", width=150),
            ],
            ("past_key_results", "participants"),
            empty_text="Last quarter had no key results to score.",
        )
        self.table.delete_button.setVisible(False)  # last quarter's record: scored, never removed here
        column = [c.field for c in self.table.model.columns].index(SCORE_COLUMN)
        self.table.view.setItemDelegateForColumn(column, ScoreDelegate(self.table.view))
        self.table.view.setWordWrap(True)
        self.table.setMinimumHeight(470)  # a quarter's dozen key results without scrolling the table
        return self.table

    def _build_revisits(self) -> QWidget:
        self.revisits = QWidget()
        layout = QVBoxLayout(self.revisits)
        layout.setContentsMargins(0, 8, 0, 0)
        heading = QLabel("Not-now entries to decide again: their revisit has come")
        heading.setProperty("role", "subtitle")
        self.revisit_rows = QVBoxLayout()
        layout.addWidget(heading)
        layout.addLayout(self.revisit_rows)
        return self.revisits

    def _build_questions(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 8, 0, 0)
        self.answers: dict[str, QPlainTextEdit] = {}
        for column, (field, question) in enumerate(retrospective.QUESTIONS.items()):
            label = QLabel(question)
            label.setProperty("role", "subtitle")
            label.setWordWrap(True)
            edit = QPlainTextEdit()
            edit.setPlaceholderText("In the room's words")
            edit.setFixedHeight(96)
            edit.textChanged.connect(lambda field=field: self._answer_typed(field))
            grid.addWidget(label, 0, column, Qt.AlignBottom)
            grid.addWidget(edit, 1, column)
            self.answers[field] = edit
        return box

    def _build_then_and_now(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Then and now")
        heading.setStyleSheet("font-weight: 600;")
        self.then_now = QLabel()
        self.then_now.setTextFormat(Qt.RichText)
        self.then_now.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.then_now)
        return box

    # ----- editing -------------------------------------------------------------------------------

    def _answer_typed(self, field: str) -> None:
        if self._loading:
            return
        before = self.ctx.workshop.history
        text = self.answers[field].toPlainText()
        self.ctx.edit(before, dataclasses.replace(before, **{field: text}), merge_field=field,
                      text="Answer a retrospective question")

    def clear_revisit(self, entry_id: str) -> None:
        """The room decided the entry again: the flag goes (one undo step)."""
        entry = next((n for n in self.ctx.workshop.not_now if n.id == entry_id), None)
        if entry is not None and entry.revisit_due:
            self.ctx.edit(entry, dataclasses.replace(entry, revisit_due=False),
                          text=f"Decided again: {entry.title[:40]}")

    def context_text(self) -> str:
        krs = self.table.selected_records()
        return f"last quarter's key result “{krs[0].title}”" if krs and self.table.view.hasFocus() else ""

    # ----- drawing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        ws = self.ctx.workshop
        known = has_history(ws)
        self.empty.setVisible(not known)
        self.content.setVisible(known)
        h = ws.history
        when = " · ".join(t for t in (h.cycle, fmt_date(h.starts, empty="")) if t)
        self.origin.setText(f"Where this offsite came from: “{h.title or 'the last offsite'}”"
                            + (f" ({when})" if when else ""))
        self.origin.setVisible(known)
        if not known:
            return
        mean = retrospective.mean_score(ws)
        scored = sum(s is not None for s in retrospective.scores(ws).values())
        self.mean.set(score_text(mean), f"Mean score of {scored} of {len(ws.past_key_results)} key results "
                                        "(0.0–1.0)" if scored else "Mean score: type the actuals to see it")
        found = retrospective.flags(ws)
        self.flags.setText("\n".join(f"⚑ {retrospective.FLAG_WORDS[f]}" for f in found))
        self.flags.setVisible(bool(found))
        self._draw_revisits(ws)
        self._load_answers(ws)
        self.then_now.setText(_then_and_now_html(ws))

    def _draw_revisits(self, ws: m.Workshop) -> None:
        while self.revisit_rows.count():
            item = self.revisit_rows.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        due = [n for n in ws.not_now if n.revisit_due]
        self.revisits.setVisible(bool(due))
        self.revisit_buttons: dict[str, QPushButton] = {}
        for entry in due:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            words = f"“{entry.title}” ({entry.decision}, revisit {fmt_date(entry.revisit, empty='by now')})"
            label = QLabel(words)
            label.setTextFormat(Qt.PlainText)
            label.setWordWrap(True)
            button = QPushButton("Decided: clear the flag")
            button.setToolTip("The room has decided it again (Not now & trade-offs keeps the decision)")
            button.setEnabled(not self.ctx.read_only)
            button.clicked.connect(lambda _=False, eid=entry.id: self.clear_revisit(eid))
            line.addWidget(label, 1)
            line.addWidget(button)
            self.revisit_rows.addWidget(row)
            self.revisit_buttons[entry.id] = button

    def _load_answers(self, ws: m.Workshop) -> None:
        self._loading = True
        try:
            for field, edit in self.answers.items():
                edit.setReadOnly(self.ctx.read_only)
                text = getattr(ws.history, field)
                if edit.toPlainText() != text:
                    edit.setPlainText(text)
        finally:
            self._loading = False


def _then_and_now_html(ws: m.Workshop) -> str:
    """The alignment check's agreement per question and the critical few, then → now, as a small table."""
    h = ws.history

    def percent(value: float | None) -> str:
        found = alignment.agreement_percent(value)
        return "not yet" if found is None else f"{found}%"

    rows = [(alignment.QUESTION_SHORT[q], percent(h.alignment.get(q)), percent(alignment.agreement(ws, q)))
            for q in m.QUESTIONS]
    then = [pid for pid, status in h.priorities.items() if status == "selected"]
    chosen = [p for p in ws.priorities if p.status == "selected"]
    rows.append(("Critical few chosen", str(len(then)), str(len(chosen)) if chosen else "not yet"))
    cells = "".join(f"<tr><td>{html.escape(name)}</td><td align='right'>{before}</td><td>&nbsp;→&nbsp;</td>"
                    f"<td align='right'><b>{now}</b></td></tr>" for name, before, now in rows)
    head = "<tr><th align='left'>Agreement on</th><th>then</th><th></th><th>now</th></tr>"
    titles = {p.id: p.title for p in ws.priorities}
    dropped = [html.escape(titles.get(pid, pid)) for pid in then if chosen and pid not in {p.id for p in chosen}]
    note = f"<p>No longer among the critical few: {', '.join(dropped)}</p>" if dropped else ""
    return f"<table cellspacing='4'>{head}{cells}</table>{note}"
