"""Not now and trade-offs: the focus board, the trade-off statements and the mid-cycle intake log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from ...domain import model as m
from ...domain import not_now as nn
from ..widgets.figure_card import Card
from ..widgets.focus_board import ORDER, FocusBoard
from ..widgets.record_table import Column, RecordTable, participants, priorities
from ..widgets.tradeoff_presenter import TradeoffPresenter
from .base import Screen


def forums(ws: m.Workshop) -> list[tuple[str, str]]:
    return [(f.id, f.name) for f in ws.forums]


def _selected_first(ws: m.Workshop) -> list[tuple[str, str]]:
    """Trade-offs are about the critical few: offer the selected priorities first."""
    return sorted(priorities(ws), key=lambda o: next(p.status != "selected" for p in ws.priorities if p.id == o[0]))


class NotNowScreen(Screen):
    title = "Not now & trade-offs"
    purpose = ("A team that can say what it is doing but not what it is deliberately not doing has weak focus. "
               "Move every candidate: selected, stopped, deferred (with a revisit date or trigger) or kept as "
               "business as usual. Ctrl+Left/Right or Alt+1…5 move the selected card.")
    sections = ("not_now", "tradeoffs", "priorities", "participants", "intake", "forums", "alignment_answers")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.gauges = {
            "selected": Card("selected: the critical few"),
            "not_doing": Card("deliberately not doing"),
            "undecided": Card("still undecided"),
        }
        gauges = QGridLayout()
        for i, card in enumerate(self.gauges.values()):
            gauges.addWidget(card, 0, i)
        self.focus_warning = QLabel()
        self.focus_warning.setProperty("role", "warning")
        self.focus_warning.setWordWrap(True)
        self.body.addLayout(gauges)
        self.body.addWidget(self.focus_warning)

        self.board = FocusBoard(ctx)
        self.board.setMinimumHeight(420)
        self.board.card_selected.connect(self._show_entry)
        self.body.addWidget(self.board, 3)
        self.body.addWidget(self._build_editing_bar())

        self.not_now = RecordTable(
            ctx, "Reasons, owners and revisit dates", lambda ws: ws.not_now,
            [
                Column("title", "Item", optional=False, width=260),
                Column("decision", "Decision", "choice", choices=m.NOT_NOW_DECISIONS, width=100),
                Column("reason", "Reason", width=300),
                Column("owner", "Owner", "ref", options=participants, width=190),
                Column("revisit", "Revisit (date or trigger)", width=220),
            ],
            self.sections,
            None,
            "Nothing is on the not-now list yet. A list that is empty is itself a warning sign.",
        )
        self.not_now.setMinimumHeight(220)
        self.body.addWidget(self.not_now, 2)

        self.tradeoffs = RecordTable(
            ctx, "Trade-offs: we choose X even at the expense of Y", lambda ws: ws.tradeoffs,
            [
                Column("choose", "We choose", "ref", options=_selected_first, optional=False, width=260),
                Column("over", "Even at the expense of", optional=False, width=280),
                Column("rationale", "Why", width=300),
                Column("confirmed", "Confirmed", "bool", width=100),
            ],
            self.sections,
            self._new_tradeoff,
            "No trade-offs written yet.",
        )
        self.tradeoffs.setMinimumHeight(200)
        self.present = QPushButton("Show one at a time…")
        self.present.setToolTip("The trade-offs in large type, for the room to read and confirm")
        self.present.clicked.connect(self.present_tradeoffs)
        self.tradeoffs.add_tool(self.present)
        self.body.addWidget(self.tradeoffs, 2)

        self.intake = RecordTable(
            ctx, "Mid-cycle intake: new initiatives after the offsite", lambda ws: ws.intake,
            [
                Column("title", "Initiative", optional=False, width=260),
                Column("arrived", "Arrived", "date", width=120),
                Column("requested_by", "Asked for by", "ref", options=participants, width=180),
                Column("decision", "Decision", "choice", choices=m.INTAKE_DECISIONS, width=110),
                Column("forum", "Decided in", "ref", options=forums, width=200),
                Column("decided", "On", "date", width=120),
                Column("note", "Note", width=220),
            ],
            self.sections,
            lambda: m.Intake(ctx.new_id("i", ctx.workshop.intake), "New initiative"),
            "Nothing has arrived mid-cycle yet. Log every new initiative and the forum's decision here, "
            "so later reviews can see that the priorities were protected.",
        )
        self.intake.setMinimumHeight(180)
        self.body.addWidget(self.intake, 1)
        self.refresh()

    def _build_editing_bar(self) -> QWidget:
        """Add a card, or take one the executives named in the alignment check."""
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText("A new card: something to stop, defer or keep as BAU…")
        self.new_column = QComboBox()
        for column in ORDER:
            self.new_column.addItem(nn.COLUMN_TITLES[column], column)
        self.new_column.setCurrentIndex(ORDER.index("defer"))
        add = QPushButton("Add card")
        add.clicked.connect(self.add_card)
        self.new_title.returnPressed.connect(self.add_card)
        self.suggested = QListWidget()
        self.suggested.setMaximumHeight(110)
        self.suggested.setToolTip("Named under “what should stop or wait” and not on the board yet")
        take = QPushButton("Add suggestion")
        take.clicked.connect(self.add_suggestion)
        self.suggested.itemActivated.connect(lambda _item: self.add_suggestion())
        row.addWidget(self.new_title, 3)
        row.addWidget(self.new_column, 1)
        row.addWidget(add)
        row.addWidget(self.suggested, 3)
        row.addWidget(take)
        self.editing_bar = bar
        return bar

    # ----- actions ---------------------------------------------------------------------------

    def add_card(self) -> None:
        title = self.new_title.text().strip()
        if not title or self.ctx.read_only:
            return
        self._add(title, self.new_column.currentData())
        self.new_title.clear()

    def add_suggestion(self) -> None:
        item = self.suggested.currentItem()
        if item is not None and not self.ctx.read_only:
            self._add(item.data(Qt.UserRole), self.new_column.currentData())

    def _add(self, title: str, column: str) -> None:
        changes = nn.add_entry(self.ctx.workshop, title, column, self.ctx.new_id)
        with self.ctx.macro(f"Add “{title}” to {nn.COLUMN_TITLES[column]}"):
            for before, after in changes:
                self.ctx.edit(before, after)
        made = changes[0][1]
        self.board.select(f"{'pr' if isinstance(made, m.Priority) else 'nn'}:{made.id}")

    def present_tradeoffs(self) -> TradeoffPresenter:
        presenter = TradeoffPresenter(self.ctx, self)
        presenter.resize(1100, 700)
        presenter.show()
        return presenter

    def _new_tradeoff(self):
        ws = self.ctx.workshop
        if not ws.priorities:
            self.tradeoffs.empty.setText("Add a candidate priority on the Overview first.")
            return None
        first = next((p for p in ws.priorities if p.status == "selected"), ws.priorities[0])
        return m.Tradeoff(self.ctx.new_id("t", ws.tradeoffs), first.id, "…")

    def _show_entry(self, key: str) -> None:
        """Select the card's not-now entry in the table below, where its reason is edited."""
        card = nn.card(self.ctx.workshop, key)
        rows = self.not_now.model.rows
        if card is None or card.entry is None or card.entry not in rows:
            return
        self.not_now.view.selectRow(rows.index(card.entry))

    def context_text(self) -> str:
        key = self.board.current_key()
        card = nn.card(self.ctx.workshop, key) if key else None
        return f"“{card.title}” ({nn.COLUMN_TITLES[card.column]})" if card else ""

    # ----- drawing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        ws = self.ctx.workshop
        focus = nn.focus(ws)
        self.gauges["selected"].set(focus.selected)
        self.gauges["not_doing"].set(focus.not_doing)
        self.gauges["undecided"].set(focus.undecided)
        flags = nn.flags(ws)
        warnings = [w for w in (focus.warning,) if w]
        if flags:
            warnings.append(f"{len(flags)} deferred without a revisit date or trigger.")
        self.focus_warning.setText("  ".join(warnings))
        self.focus_warning.setVisible(bool(warnings))
        self.suggested.clear()
        for item, count in nn.suggestions(ws):
            entry = QListWidgetItem(f"{item}  ({count})")
            entry.setData(Qt.UserRole, item)
            self.suggested.addItem(entry)
