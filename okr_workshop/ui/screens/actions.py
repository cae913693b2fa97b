"""Actions and the rollout plan: who does what by when, so the offsite turns into Monday's work."""

from __future__ import annotations

from ...domain import model as m
from ..widgets.record_table import Column, RecordTable, participants
from ..widgets.rollout_panel import RolloutPanel
from .base import Screen


class ActionsScreen(Screen):
    title = "Actions"
    purpose = ("Every commitment made in the room, with one owner and a due date, and how the system rolls "
               "out: the senior team first, then one or two pilot units.")
    sections = ("actions", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.table = RecordTable(
            ctx, "Action list", lambda ws: ws.actions,
            [
                Column("title", "Action", optional=False, width=420),
                Column("owner", "Owner", "ref", options=participants, width=200),
                Column("due", "Due", "date", width=130),
                Column("status", "Status", "choice", choices=m.ACTION_STATUSES, width=110),
                Column("source", "Came from", width=300),
            ],
            self.sections,
            lambda: m.Action(ctx.new_id("a", ctx.workshop.actions), "New action"),
            "No actions yet. Add one whenever the room commits to something.",
        )
        self.table.setMinimumHeight(260)
        self.body.addWidget(self.table)
        self.rollout = RolloutPanel(ctx)
        self.body.addWidget(self.rollout)
