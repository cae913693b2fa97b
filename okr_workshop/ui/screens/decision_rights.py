"""Decision rights: who decides what, with exactly one final decider per decision, the forum where
it is taken and where it escalates. The problems the domain finds show in the grid and in a list
that puts the cursor on the cell with one click."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ...domain import decision_rights as dr
from ...domain import model as m
from ..commands import SetFramework
from ..widgets.decision_matrix import CHECK, DECIDER_TINT, PROBLEM_TINT, WARNING_TINT, DecisionMatrix
from ..widgets.finding_list import PROBLEM_MARK, WARNING_MARK, FindingList
from ..widgets.record_table import Column, RecordTable, participants
from .base import Screen
from .decision_rights_dialogs import FrameworkMappingDialog, TemplatesDialog


def _forums(ws: m.Workshop) -> list[tuple[str, str]]:
    return [(f.id, f.name) for f in ws.forums]


class DecisionRightsScreen(Screen):
    title = "Decision rights"
    purpose = ("Decide who decides before the pressure hits. Every recurring decision has exactly one final "
               "decider, a forum where it is taken and an escalation path. Click a cell for the letters, or "
               "type one; Space moves to the next letter, Delete clears.")
    sections = ("decisions", "roles", "forums", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        row = QHBoxLayout()
        row.addWidget(QLabel("Framework"), 0, Qt.AlignTop)
        self.framework = QComboBox()
        self.framework.addItems(list(m.FRAMEWORKS))
        self.framework.setEnabled(not ctx.read_only)
        self.framework.activated.connect(lambda _: self.choose_framework(self.framework.currentText()))
        row.addWidget(self.framework, 0, Qt.AlignTop)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.RichText)
        row.addSpacing(16)
        row.addWidget(self.legend, 1)
        self.templates_button = QPushButton("Start from the usual situations…")
        self.templates_button.clicked.connect(self.open_templates)
        row.addWidget(self.templates_button, 0, Qt.AlignTop)
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
        self.matrix = DecisionMatrix(
            ctx, "Decisions", lambda ws: ws.decisions, self._decision_columns(),
            ("decisions", "roles", "forums", "participants"),
            lambda: m.Decision(ctx.new_id("d", ctx.workshop.decisions), "New situation"),
            "No decisions yet. Start from the usual situations: a priority conflict, a slipping "
            "dependency, a missed key result, a new initiative mid-cycle.",
        )
        heading = QLabel("Problems to fix before the pressure hits")
        heading.setProperty("role", "subtitle")
        self.problems = FindingList()
        self.problems.chosen.connect(self.matrix.focus)
        self.clean = QLabel()
        self.clean.setProperty("role", "good")
        self.roles.setMinimumHeight(240)
        self.matrix.setMinimumHeight(320)
        self.body.addWidget(self.roles)
        self.body.addWidget(self.matrix)  # as tall as its rows (fit_height); spare room goes below
        found = QVBoxLayout()
        found.addWidget(heading)
        found.addWidget(self.clean)
        found.addWidget(self.problems)
        found.addStretch(1)
        self.body.addLayout(found)
        self.body.addStretch(1)
        self.refresh()

    def _decision_columns(self) -> list[Column]:
        ws = self.ctx.workshop
        letters = dr.LETTERS[ws.framework]
        columns = [Column("situation", "Situation", optional=False, width=300), CHECK]
        columns += [Column("assignments", r.label, "choice", choices=("", *letters), key=r.id, width=90,
                           editable=False)  # letters go in by click, menu or key, not by an editor
                    for r in ws.roles]
        columns += [Column("forum", "Forum", "ref", options=_forums, width=200),
                    Column("response", "Response", width=240),
                    Column("escalation", "Escalation path", width=280)]
        return columns

    # ----- framework ---------------------------------------------------------------------------

    def choose_framework(self, target: str) -> FrameworkMappingDialog | None:
        """Switch to ``target``; when some letters have no obvious counterpart, ask first (the
        dialog is returned, and nothing changes until it is accepted)."""
        ws = self.ctx.workshop
        if target == ws.framework or self.ctx.read_only:
            return None
        ask = dr.letters_to_ask(ws, target)
        if not ask:
            self.switch_framework(target, {})
            return None
        dialog = FrameworkMappingDialog(ws, target, ask, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.switch_framework(target, dialog.answers()))
        dialog.rejected.connect(lambda: self.framework.setCurrentText(self.ctx.workshop.framework))
        dialog.open()
        return dialog

    def switch_framework(self, target: str, answers: dict[str, str]) -> None:
        """Move the letters and the framework in one undo step."""
        ws = self.ctx.workshop
        changes = dr.remap(ws, target, answers)
        with self.ctx.macro(f"Use {target}"):
            for before, after in changes:
                self.ctx.edit(before, after)
            self.ctx.undo_stack.push(SetFramework(self.ctx.store, ws.framework, target))

    # ----- templates ---------------------------------------------------------------------------

    def open_templates(self) -> TemplatesDialog | None:
        if self.ctx.read_only:
            return None
        dialog = TemplatesDialog(self.ctx.workshop, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.add_from_templates(dialog.picks()))
        dialog.open()
        return dialog

    def add_from_templates(self, picks: list[tuple[dr.GovernanceTemplate, str | None]]) -> None:
        made = dr.from_templates(self.ctx.workshop, picks)
        if not made:
            return
        with self.ctx.macro(f"Add {len(made)} usual situation{'s' if len(made) > 1 else ''}"):
            for decision in made:
                self.ctx.edit(None, decision)

    # ----- problems ----------------------------------------------------------------------------

    def context_text(self) -> str:
        record = self._current_decision()
        return f"decision “{record.situation}”" if record else ""

    def _current_decision(self) -> m.Decision | None:
        index = self.matrix.view.currentIndex()
        rows = self.matrix.model.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    # ----- drawing -----------------------------------------------------------------------------

    def _legend_html(self) -> str:
        framework = self.ctx.workshop.framework
        decider = dr.DECIDER[framework]
        letters = " · ".join(
            f"<b>{k}</b> {html.escape(name)}" + (" (the final call)" if k == decider else "")
            for k, (name, _) in dr.LETTER_MEANINGS[framework].items()
        )

        def swatch(tint: str, text: str) -> str:
            return f'<span style="background:{tint}">&nbsp;{text}&nbsp;</span>'

        key = (f"{swatch(DECIDER_TINT, decider)} the one final decider &nbsp; "
               f"{swatch(PROBLEM_TINT, PROBLEM_MARK)} must fix &nbsp; "
               f"{swatch(WARNING_TINT, WARNING_MARK)} worth a look")
        return f"{letters}<br>{key}"

    def refresh(self) -> None:
        ws = self.ctx.workshop
        self.framework.setCurrentText(ws.framework)
        self.legend.setText(self._legend_html())
        self.matrix.model.update_check()
        columns = self._decision_columns()
        if columns != self.matrix.model.columns:
            self.matrix.set_columns(columns)
        self._fill_problems(self.matrix.model.check)
        self.templates_button.setEnabled(not self.ctx.read_only)

    def _fill_problems(self, check: dr.MatrixCheck) -> None:
        self.problems.set_findings([(f.severity, f.text, f) for f in check.findings])
        clean = self.ctx.workshop.decisions and not check.findings
        self.clean.setText("✓ Every decision has exactly one final decider and a forum." if clean else "")
        self.clean.setVisible(bool(clean))
