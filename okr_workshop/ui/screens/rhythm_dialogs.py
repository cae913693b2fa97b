"""Picking a forum's attendees by name, instead of typing participant ids into a cell."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...domain import model as m


class AttendeesDialog(QDialog):
    """Everyone in the workshop with a tick box; the owner is marked, as their time counts anyway."""

    def __init__(self, ws: m.Workshop, forum: m.Forum, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Who attends {forum.name}?")
        hint = QLabel("The owner's time counts whether or not they are ticked.")
        hint.setProperty("role", "hint")
        self.people = QListWidget()
        for p in ws.participants:
            owner = " (owner)" if p.id == forum.owner else ""
            item = QListWidgetItem(f"{p.name}{owner}" + (f" · {p.function}" if p.function else ""))
            item.setData(Qt.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if p.id in forum.attendees else Qt.Unchecked)
            self.people.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.people)
        layout.addWidget(buttons)
        self.resize(480, 520)

    def attendees(self) -> list[str]:
        """The ticked participants, in the workshop's order."""
        items = [self.people.item(i) for i in range(self.people.count())]
        return [item.data(Qt.UserRole) for item in items if item.checkState() == Qt.Checked]
