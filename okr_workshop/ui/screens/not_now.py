"""Not now and trade-offs: what the company deliberately does not do, and what it gives up."""

from __future__ import annotations

from ...domain import model as m
from ..widgets.record_table import Column, RecordTable, participants, priorities
from .base import Screen


class NotNowScreen(Screen):
    title = "Not now & trade-offs"
    purpose = ("A team that can say what it is doing but not what it is deliberately not doing has weak "
               "focus. Stop, defer (with a revisit date or trigger) or keep as business as usual.")
    sections = ("not_now", "tradeoffs", "priorities", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.not_now = RecordTable(
            ctx, "Not now", lambda ws: ws.not_now,
            [
                Column("title", "Item", optional=False, width=260),
                Column("priority", "Candidate priority", "ref", options=priorities, width=220),
                Column("decision", "Decision", "choice", choices=m.NOT_NOW_DECISIONS, width=100),
                Column("reason", "Reason", width=240),
                Column("owner", "Owner", "ref", options=participants, width=170),
                Column("revisit", "Revisit (date or trigger)", width=180),
            ],
            self.sections,
            lambda: m.NotNow(ctx.new_id("n", ctx.workshop.not_now), "New item"),
            "Nothing is on the not-now list yet. A list that is empty is itself a warning sign.",
        )
        self.tradeoffs = RecordTable(
            ctx, "Trade-offs: we choose X even at the expense of Y", lambda ws: ws.tradeoffs,
            [
                Column("choose", "We choose", "ref", options=priorities, optional=False, width=260),
                Column("over", "Even at the expense of", optional=False, width=260),
                Column("rationale", "Why", width=300),
            ],
            self.sections,
            self._new_tradeoff,
            "No trade-offs written yet.",
        )
        self.body.addWidget(self.not_now, 3)
        self.body.addWidget(self.tradeoffs, 2)

    def _new_tradeoff(self):
        ws = self.ctx.workshop
        if not ws.priorities:
            self.tradeoffs.empty.setText("Add a candidate priority on the Overview first.")
            return None
        first = next((p for p in ws.priorities if p.status == "selected"), ws.priorities[0])
        return m.Tradeoff(self.ctx.new_id("t", ws.tradeoffs), first.id, "…")
