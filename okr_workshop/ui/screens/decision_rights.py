"""Decision rights: who decides what, with exactly one final decider per decision."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from ...domain import decision_rights as dr
from ...domain import model as m
from ..commands import SetFramework
from ..widgets.record_table import Column, RecordTable, participants
from .base import Screen


def _forums(ws):
    return [(f.id, f.name) for f in ws.forums]


class DecisionRightsScreen(Screen):
    title = "Decision rights"
    purpose = ("Decide who decides before the pressure hits. Every recurring decision has exactly one final "
               "decider and a forum where it is taken.")
    sections = ("decisions", "roles", "forums", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        row = QHBoxLayout()
        row.addWidget(QLabel("Framework"))
        self.framework = QComboBox()
        self.framework.addItems(list(m.FRAMEWORKS))
        self.framework.setEnabled(not ctx.read_only)
        self.framework.activated.connect(self._set_framework)
        row.addWidget(self.framework)
        self.legend = QLabel()
        self.legend.setProperty("role", "hint")
        self.legend.setWordWrap(True)
        row.addWidget(self.legend, 1)
        self.body.addLayout(row)
        self.roles = RecordTable(
            ctx, "Roles", lambda ws: ws.roles,
            [
                Column("label", "Role", optional=False, width=200),
                Column("participant", "Held by", "ref", options=participants, width=220),
            ],
            ("roles", "participants"),
            lambda: m.Role(ctx.new_id("r", ctx.workshop.roles), "New role"),
            "No roles yet. Add the roles that take part in decisions (CEO, CFO, Head of Sales…).",
        )
        self.decisions = RecordTable(
            ctx, "Decisions", lambda ws: ws.decisions, self._decision_columns(),
            ("decisions", "roles", "forums"),
            lambda: m.Decision(ctx.new_id("d", ctx.workshop.decisions), "New situation"),
            "No decisions yet. Start from the typical situations: a priority conflict, a slipping "
            "dependency, a missed key result, a new initiative mid-cycle.",
        )
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.roles.setMinimumHeight(180)
        self.decisions.setMinimumHeight(300)
        self.body.addWidget(self.roles)
        self.body.addWidget(self.decisions)
        self.body.addWidget(self.problems)
        self.refresh()

    def _decision_columns(self) -> list[Column]:
        ws = self.ctx.workshop
        letters = dr.LETTERS[ws.framework]
        columns = [Column("situation", "Situation", optional=False, width=300)]
        columns += [Column("assignments", r.label, "choice", choices=("", *letters), key=r.id, width=90)
                    for r in ws.roles]
        columns += [Column("forum", "Forum", "ref", options=_forums, width=200),
                    Column("response", "Response / escalation", width=260)]
        return columns

    def _set_framework(self) -> None:
        after = self.framework.currentText()
        before = self.ctx.workshop.framework
        if after != before:
            self.ctx.undo_stack.push(SetFramework(self.ctx.store, before, after))

    def refresh(self) -> None:
        ws = self.ctx.workshop
        self.framework.setCurrentText(ws.framework)
        self.legend.setText("   ".join(f"{k} = {name}" for k, (name, _) in dr.LETTER_MEANINGS[ws.framework].items())
                            + f"   ·   the final decider is {dr.DECIDER[ws.framework]}")
        self.decisions.set_columns(self._decision_columns())
        situations = {d.id: d.situation for d in ws.decisions}
        lines = [f"• {situations.get(p['decision'], p['decision'])}: {dr.PROBLEM_TEXT[p['problem']]}"
                 for p in dr.problems(ws)]
        for w in dr.warnings(ws):
            subject = situations.get(w.get("decision") or "", "")
            if not subject and w.get("role"):
                subject = next((r.label for r in ws.roles if r.id == w["role"]), w["role"])
            lines.append(f"• {subject}: {dr.WARNING_TEXT[w['warning']]}")
        self.problems.setText("\n".join(lines) or "Every decision has exactly one final decider.")
