"""Does the story hold together? The coherence findings, each one click from an owned, dated action.

A finding that nobody owns is forgotten by Monday: each line either names the open action
that follows it up, or offers to make one there and then, as one undoable step.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import coherence
from ...domain import model as m
from ..context import WorkshopContext
from .add_action import AddActionDialog
from .when_shown import RedrawWhenShown
from .wrapped_label import WrappedLabel

HEADING = "Does the story hold together?"
EMPTY = "No inconsistencies found."
MAKE = "Make it an action…"
DUE_IN_DAYS = 7  # a follow-up due within the week keeps the finding alive after the offsite
# The sections the checks read: typing the offsite's title or a parking-lot note redraws nothing.
SECTIONS = frozenset({"all", "participants", "priorities", "votes", "not_now", "nodes", "edges", "decisions",
                      "objectives", "key_results", "forums", "actions"})


class MakeActionDialog(AddActionDialog):
    """The action a finding becomes: the finding above, its title prefilled, an owner and a due
    date a week on; the action remembers the finding it answers."""

    def __init__(self, ctx: WorkshopContext, finding: coherence.Finding, parent: QWidget | None = None):
        draft = coherence.action_for(ctx.workshop, finding, None, None)
        super().__init__(ctx, draft.source, parent)
        self.finding = finding
        self.setWindowTitle("Make it an action")
        self.title.setText(draft.title)
        self.due.setText((ctx.clock.now().date() + timedelta(days=DUE_IN_DAYS)).isoformat())
        self.layout().insertRow(0, QLabel(finding.text, wordWrap=True))

    def action(self) -> m.Action:
        """The new action, with the finding it answers."""
        return dataclasses.replace(super().action(), finding=coherence.key(self.finding.code, self.finding.ref))


class CoherencePanel(RedrawWhenShown, QWidget):
    """One row per finding: its sentence, then its open follow-up or a button that makes one."""

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: MakeActionDialog | None = None  # the last one opened (for a test)
        heading = QLabel(HEADING)
        heading.setProperty("role", "subtitle")
        self.empty = QLabel(EMPTY)
        self.empty.setProperty("role", "empty")
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.empty)
        layout.addLayout(self.rows)
        self.row_widgets: list[QWidget] = []
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, section: str) -> None:
        if section in SECTIONS:
            self.redraw()

    def refresh(self) -> None:
        """Redraw the rows from the findings as they are now."""
        for row in self.row_widgets:
            row.hide()
            row.deleteLater()
        ws = self.ctx.workshop
        found = coherence.findings(ws)
        self.row_widgets = [self._row(ws, f) for f in found]
        for row in self.row_widgets:
            self.rows.addWidget(row)
        self.empty.setVisible(not found)

    def _row(self, ws: m.Workshop, finding: coherence.Finding) -> QWidget:
        row = QWidget()
        row.setProperty("finding", coherence.key(finding.code, finding.ref))
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 2, 0, 2)
        text = WrappedLabel(f"• {finding.text}")
        line.addWidget(text, 1)
        words = coherence.follow_up_words(ws, finding)
        if words:
            line.addWidget(QLabel(words))
        elif not self.ctx.read_only:
            button = QPushButton(MAKE)
            button.clicked.connect(lambda: self.make_action(finding))
            line.addWidget(button)
        return row

    def make_action(self, finding: coherence.Finding) -> MakeActionDialog:
        """Open the dialog; OK adds the action as one undoable step."""
        dialog = MakeActionDialog(self.ctx, finding, self)

        def add() -> None:
            if not self.ctx.read_only:
                self.ctx.edit(None, dialog.action(), text="Make a finding an action")

        dialog.accepted.connect(add)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog
