"""Capture an action from any screen, with what it came from, without leaving the discussion."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ...domain import model as m
from ..context import WorkshopContext


class AddActionDialog(QDialog):
    def __init__(self, ctx: WorkshopContext, source: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Add an action")
        self.title = QLineEdit()
        self.title.setPlaceholderText("What will be done?")
        self.owner = QComboBox()
        self.owner.addItem("—", None)
        for p in ctx.workshop.participants:
            self.owner.addItem(p.name, p.id)
        self.due = QLineEdit()
        self.due.setPlaceholderText("YYYY-MM-DD")
        self.source = QLineEdit(source)
        self.problem = QLabel()
        self.problem.setProperty("role", "warning")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("Add action")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Action", self.title)
        form.addRow("Owner", self.owner)
        form.addRow("Due", self.due)
        form.addRow("Came from", self.source)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        for edit in (self.title, self.due):
            edit.textChanged.connect(self._check)
        self._check()
        self.resize(620, 0)

    def _problem(self) -> str | None:
        if not self.title.text().strip():
            return "Say what will be done."
        due = self.due.text().strip()
        if due:
            try:
                date.fromisoformat(due)
            except ValueError:
                return "The due date must look like 2026-03-20."
        return None

    def _check(self) -> None:
        problem = self._problem()
        self.problem.setText(problem or "")
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(problem is None)

    def action(self) -> m.Action:
        return m.Action(self.ctx.new_id("a", self.ctx.workshop.actions), self.title.text().strip(),
                        self.owner.currentData(), self.due.text().strip() or None, "open",
                        self.source.text().strip())
