"""Cross-functional dependencies: who must deliver what to whom, and what threatens delivery."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from ...domain import model as m
from ..widgets.record_table import Column, RecordTable, participants
from .base import Screen


def _nodes(ws):
    return [(n.id, n.label) for n in ws.nodes]


class DependenciesScreen(Screen):
    title = "Dependencies"
    purpose = ("Each hand-over between teams, with an owner end to end, a needed-by date and a risk. "
               "An arrow A → B means B depends on A: A must deliver to B.")
    sections = ("nodes", "edges", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.nodes = RecordTable(
            ctx, "Teams and initiatives", lambda ws: ws.nodes,
            [
                Column("label", "Name", optional=False, width=260),
                Column("kind", "Kind", "choice", choices=m.NODE_KINDS, width=120),
                Column("owner", "Owner", "ref", options=participants, width=200),
            ],
            ("nodes", "participants"),
            lambda: m.DepNode(ctx.new_id("n", ctx.workshop.nodes), "New team"),
            "No teams or initiatives yet.",
        )
        self.edges = RecordTable(
            ctx, "Dependencies (A must deliver to B)", lambda ws: ws.edges,
            [
                Column("source", "A delivers", "ref", options=_nodes, optional=False, width=190),
                Column("target", "to B", "ref", options=_nodes, optional=False, width=190),
                Column("what", "What", width=220),
                Column("owner", "Owner end to end", "ref", options=participants, width=180),
                Column("needed_by", "Needed by", "date", width=120),
                Column("risk", "Risk", "choice", choices=m.RISKS, width=90),
                Column("status", "Status", "choice", choices=m.EDGE_STATUSES, width=100),
            ],
            ("edges", "nodes", "participants"),
            self._new_edge,
            "No dependencies yet.",
        )
        heading = QLabel("What threatens delivery")
        heading.setProperty("role", "subtitle")
        self.analysis = QLabel()
        self.analysis.setWordWrap(True)
        self.nodes.setMinimumHeight(220)
        self.edges.setMinimumHeight(300)
        self.body.addWidget(self.nodes)
        self.body.addWidget(self.edges)
        self.body.addWidget(heading)
        self.body.addWidget(self.analysis)
        self._timer = QTimer(self, singleShot=True, interval=0)  # networkx loads after the first paint
        self._timer.timeout.connect(self._analyse)
        self.refresh()

    def _new_edge(self):
        ws = self.ctx.workshop
        existing = {(e.source, e.target) for e in ws.edges}
        for a in ws.nodes:
            for b in ws.nodes:
                if a.id != b.id and (a.id, b.id) not in existing:
                    return m.DepEdge(a.id, b.id)
        self.edges.empty.setText("Add at least two teams or initiatives first.")
        return None

    def refresh(self) -> None:
        self.ctx.after_paint(self._timer.start)

    def _analyse(self) -> None:
        from ...domain.dependencies import risks

        found = risks(self.ctx.workshop)
        self.analysis.setText("\n".join(f"• [{r.severity}] {r.sentence}" for r in found)
                              or "Nothing threatens delivery on this map.")
