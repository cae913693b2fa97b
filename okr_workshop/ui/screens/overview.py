"""The workshop at a glance: who is here, what is decided, what is open, what the analysis flags."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ..widgets.coherence_panel import CoherencePanel
from ..widgets.figure_card import Card
from ..widgets.forms import FieldEdit
from ..widgets.wrapped_label import WrappedLabel
from .base import Screen

if TYPE_CHECKING:
    from ..widgets.record_table import RecordTable


def _escape(text: str) -> str:
    """For rich-text labels (the html module costs the first frame ~3 ms to import)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


NARROW = 900  # px of the screen: below it the form and the figures, and the two lists, stack


class OverviewScreen(Screen):
    title = "Overview"
    purpose = "The offsite at a glance: the people, the candidate priorities, what is decided and what is not."
    sections = ("workshop", "participants", "priorities", "not_now", "votes", "diagnosis", "alignment_answers",
                "nodes", "edges", "decisions", "objectives", "key_results")

    def __init__(self, ctx):
        super().__init__(ctx)
        info = lambda: ctx.workshop.info  # noqa: E731 - the record as it is at each keystroke
        form = QFormLayout()
        self.fields = [
            ("Offsite", FieldEdit(ctx, info, "title")),
            ("Organisation", FieldEdit(ctx, info, "organisation")),
            ("Location", FieldEdit(ctx, info, "location")),
            ("Starts", FieldEdit(ctx, info, "starts", is_date=True)),
            ("Ends", FieldEdit(ctx, info, "ends", is_date=True)),
            ("Cycle", FieldEdit(ctx, info, "cycle", placeholder="2026-Q2")),
        ]
        for label, edit in self.fields:
            form.addRow(label, edit)
        self.facilitator = QComboBox()
        self.facilitator.setEnabled(not ctx.read_only)
        self.facilitator.activated.connect(self._set_facilitator)
        form.addRow("Facilitator", self.facilitator)
        self.form_box = QWidget()
        self.form_box.setLayout(form)

        self.cards = {
            "people": Card("executives in the room"),
            "selected": Card("priorities selected"),
            "undecided": Card("candidates still undecided"),
            "flags": Card("findings to resolve"),
        }
        self.card_grid = QGridLayout()
        self.flags = WrappedLabel()
        top = QHBoxLayout()
        top.addWidget(self.form_box, 2)
        glance = QVBoxLayout()
        glance.addLayout(self.card_grid)
        glance.addWidget(self.flags)
        top.addLayout(glance, 3)

        self.in_room = WrappedLabel()  # read-only lists; the editable tables are one tab away
        self.candidates = WrappedLabel()
        lists = QHBoxLayout()
        lists.addWidget(self.in_room, 2)
        lists.addWidget(self.candidates, 3)
        self._rows = (top, lists)  # side by side when wide; stacked when narrow (see resizeEvent)
        self._arrange(narrow=False)
        glance_page = QWidget()
        glance_layout = QVBoxLayout(glance_page)
        glance_layout.addLayout(top)
        glance_layout.addLayout(lists)
        self.coherence = CoherencePanel(ctx)  # refreshes itself on ctx.changed
        glance_layout.addWidget(self.coherence)
        glance_layout.addStretch(1)
        self.tables_page = QWidget()
        self.tabs = QTabWidget()
        self.tabs.addTab(glance_page, "At a glance")
        self.tabs.addTab(self.tables_page, "People && priorities")
        self.body.addWidget(self.tabs, 1)
        self.people: RecordTable | None = None
        self.priorities: RecordTable | None = None
        # The tables sit in the hidden tab: built once the first frame is on screen, so the
        # window appears without waiting for them.
        ctx.after_paint(self._build_tables)

        # The analysis imports networkx; run it just after the frame is painted, not before.
        self._analysis = QTimer(self, singleShot=True, interval=0)
        self._analysis.timeout.connect(self._show_analysis)
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Side by side on a wide window; stacked on a narrow one (the stage panel docked beside
        it at 1280x720, or a small laptop), so that nothing is cut off or scrolls sideways."""
        super().resizeEvent(event)
        narrow = event.size().width() < NARROW
        if narrow != (self._rows[0].direction() == QBoxLayout.TopToBottom):
            self._arrange(narrow)

    def _arrange(self, narrow: bool) -> None:
        """The form beside the figures, the two lists and the two tables side by side, or each
        under the other (and the four figures two by two)."""
        for row in self._rows:
            row.setDirection(QBoxLayout.TopToBottom if narrow else QBoxLayout.LeftToRight)
        per_row = 2 if narrow else len(self.cards)
        for i, card in enumerate(self.cards.values()):
            self.card_grid.addWidget(card, i // per_row, i % per_row)  # moves a card already in it

    def _build_tables(self) -> None:
        from ..widgets.record_table import Column, RecordTable

        if self.people is not None:
            return
        ctx = self.ctx
        self.people = RecordTable(
            ctx, "People", lambda ws: ws.participants,
            [
                Column("name", "Name", optional=False, width=260),
                Column("role", "Role", "choice", choices=m.ROLES, width=130),
                Column("function", "Function", width=200),
            ],
            ("participants",),
            lambda: m.Participant(ctx.new_id("p", ctx.workshop.participants), "New person"),
            "Nobody is listed yet. Add the executives who will be in the room.",
        )
        self.priorities = RecordTable(
            ctx, "Candidate priorities", lambda ws: ws.priorities,
            [
                Column("title", "Priority", optional=False, width=300),
                Column("status", "Status", "choice", choices=m.PRIORITY_STATUSES, width=120),
                Column("description", "Description", width=360),
            ],
            ("priorities",),
            lambda: m.Priority(ctx.new_id("pr", ctx.workshop.priorities), "New priority"),
            "No candidate priorities yet. Add what the room will choose from.",
        )
        tables = QHBoxLayout(self.tables_page)
        tables.setDirection(self._rows[0].direction())
        tables.addWidget(self.people, 2)
        tables.addWidget(self.priorities, 3)
        self._rows += (tables,)
        self.people.setMinimumHeight(320)

    def show_tables(self) -> None:
        """The editable people and priorities tables (for a click or a test)."""
        self._build_tables()
        self.tabs.setCurrentWidget(self.tables_page)

    def _set_facilitator(self) -> None:
        before = self.ctx.workshop.info
        self.ctx.edit(before, dataclasses.replace(before, facilitator=self.facilitator.currentData()))

    def refresh(self) -> None:
        ws = self.ctx.workshop
        for _, edit in self.fields:
            edit.load()
        self.facilitator.clear()
        self.facilitator.addItem("—", None)
        for p in ws.participants:
            self.facilitator.addItem(p.name, p.id)
        self.facilitator.setCurrentIndex(max(self.facilitator.findData(ws.info.facilitator), 0))
        names = [f"{p.name} ({p.function})" if p.function else p.name for p in ws.executives()]
        self.in_room.setText("<b>In the room:</b> " + _escape(", ".join(names) or "nobody listed yet"))
        statuses = {"candidate": "undecided", "bau": "business as usual"}
        candidates = [f"{p.title} ({statuses.get(p.status, p.status)})" for p in ws.priorities]
        self.candidates.setText("<b>Priorities:</b> " + _escape("; ".join(candidates) or "none yet"))
        executives = len(ws.executives())
        self.cards["people"].set(executives, f"executives, {len(ws.participants)} people in all")
        selected = sum(p.status == "selected" for p in ws.priorities)
        self.cards["selected"].set(
            selected, "priorities selected" + (" — more than 5 is not the critical few" if selected > 5 else ""))
        self.ctx.after_paint(self._analysis.start)

    def _show_analysis(self) -> None:
        from ...domain.report import build_report

        ws = self.ctx.workshop
        report = build_report(ws)
        undecided = report["priorities"]["undecided"]
        self.cards["undecided"].set(len(undecided))
        lines = []
        diag = report["diagnosis"]
        if diag["execution_design_problem"]:
            lines.append(f"{diag['signal_count']} warning signals: the problem is execution design, not effort.")
        top = report["alignment"]["top_priorities"]
        if top["level"] == "narrative_problem":
            lines.append(f"Executives agree {top['agreement']:.0%} on the top priorities: "
                         "a leadership narrative problem.")
        lines += [f"The room named nobody for “{question}”" for question in report["diagnosis"]["nobody_owns"]]
        deps = report["dependencies"]
        if deps["cycles"]:
            more = "More than " if deps["cycles_capped"] else ""
            lines.append(f"{more}{_count(len(deps['cycles']), 'dependency cycle')}: nobody can start first.")
        if deps["unowned_edges"]:
            lines.append(f"{_count(len(deps['unowned_edges']), 'dependency hand-over')} without an owner.")
        problems = report["decision_rights"]["problems"]
        if problems:
            lines.append(f"{_count(len(problems), 'decision')} without exactly one decider.")
        findings = report["okrs"]["findings"]
        if findings:
            lines.append(f"{_count(len(findings), 'OKR finding')} to discuss.")
        gaps = report["coherence"]["findings"]
        if gaps:
            lines.append(f"{_count(len(gaps), 'place')} where the story does not hold together (below).")
        if undecided:
            titles = ", ".join(ws.priority_title(p) for p in undecided[:4])
            more = f" and {len(undecided) - 4} more" if len(undecided) > 4 else ""
            lines.append(f"Still undecided: {titles}{more}.")
        self.cards["flags"].set(len(lines) - (1 if undecided else 0))
        self.flags.setText("\n".join(f"• {line}" for line in lines) or "Nothing flagged.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
