"""The operating rhythm: weekly, monthly and quarterly forums, each with a purpose and owner."""

from __future__ import annotations

from ...domain import model as m
from ..widgets.record_table import Column, RecordTable, participants
from .base import Screen


class RhythmScreen(Screen):
    title = "Operating rhythm"
    purpose = ("Distinct forums, each with a purpose, a fixed owner and explicit decision rights: "
               "weekly to unblock delivery, monthly for patterns and capacity, quarterly to reset.")
    sections = ("forums", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.table = RecordTable(
            ctx, "Forums", lambda ws: ws.forums,
            [
                Column("name", "Forum", optional=False, width=240),
                Column("cadence", "Cadence", "choice", choices=m.CADENCES, width=110),
                Column("purpose", "Purpose", width=260),
                Column("owner", "Owner", "ref", options=participants, width=180),
                Column("attendees", "Attendees (ids; separated)", "list", width=200),
                Column("duration_minutes", "Minutes", "int", optional=False, width=90),
                Column("first", "First (YYYY-MM-DDTHH:MM)", "datetime", width=190),
            ],
            self.sections,
            lambda: m.Forum(ctx.new_id("f", ctx.workshop.forums), "New forum"),
            "No forums yet. Add the weekly, monthly and quarterly forums.",
        )
        self.body.addWidget(self.table)
