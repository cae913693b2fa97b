"""OKRs: fewer, harder, outcome-based objectives and key results, checked as they are typed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ...domain import model as m
from ...domain import okrs
from ..widgets.record_table import Column, RecordTable, participants, priorities
from .base import Screen


def _objectives(ws):
    return [(o.id, o.objective) for o in ws.objectives]


class OkrsScreen(Screen):
    title = "OKRs"
    purpose = ("Objectives come from the chosen priorities. Key results measure outcomes, with a baseline "
               "and a target, not activities.")
    sections = ("objectives", "key_results", "participants", "priorities")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.objectives = RecordTable(
            ctx, "Objectives", lambda ws: ws.objectives,
            [
                Column("objective", "Objective", optional=False, width=420),
                Column("priority", "From priority", "ref", options=priorities, width=260),
                Column("owner", "Owner", "ref", options=participants, width=200),
            ],
            ("objectives", "participants", "priorities"),
            lambda: m.Objective(ctx.new_id("o", ctx.workshop.objectives), "New objective"),
            "No objectives yet. Write one per selected priority.",
        )
        self.key_results = RecordTable(
            ctx, "Key results", lambda ws: ws.key_results,
            [
                Column("okr", "Objective", "ref", options=_objectives, optional=False, width=220),
                Column("title", "Key result", optional=False, width=320),
                Column("metric", "Metric", width=140),
                Column("baseline", "Baseline", "number", width=90),
                Column("target", "Target", "number", width=90),
                Column("unit", "Unit", width=70),
                Column("owner", "Owner", "ref", options=participants, width=170),
                Column("due", "Due", "date", width=120),
            ],
            ("key_results", "objectives", "participants"),
            self._new_key_result,
            "No key results yet.",
        )
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        heading = QLabel("Coaching checks")
        heading.setProperty("role", "subtitle")
        self.objectives.setMinimumHeight(200)
        self.key_results.setMinimumHeight(300)
        self.body.addWidget(self.objectives)
        self.body.addWidget(self.key_results)
        self.body.addWidget(heading)
        self.body.addWidget(self.findings)
        self.refresh()

    def _new_key_result(self):
        ws = self.ctx.workshop
        if not ws.objectives:
            self.key_results.empty.setText("Add an objective first.")
            return None
        current = self.objectives.selected_records()
        objective = current[0] if current else ws.objectives[-1]
        return m.KeyResult(self.ctx.new_id("kr", ws.key_results), objective.id, "New key result")

    def refresh(self) -> None:
        ws = self.ctx.workshop
        titles = {o.id: o.objective for o in ws.objectives}
        krs = {k.id: k for k in ws.key_results}
        lines = []
        for f in okrs.findings(ws):
            where = titles.get(f["okr"] or "", "The workshop")
            kr = krs.get(f["key_result"] or "")
            subject = f"“{kr.title}”" if kr else where
            line = f"• {subject}: {okrs.FINDING_TEXT[f['finding']]}"
            if f["finding"] == "activity_not_outcome" and kr:
                line += f"\n    Try: {okrs.restatement_hint(kr.title)}"
            lines.append(line)
        self.findings.setText("\n".join(lines) or "No findings: every key result names an outcome, a baseline, "
                              "a target and an owner.")
