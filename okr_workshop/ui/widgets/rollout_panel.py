"""The rollout plan: the senior team's start, one or two pilot units, the coach, the expansion
criteria, and the plan's steps as the pack will print them. Every field commits as typed."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import rollout
from ..context import WorkshopContext
from .forms import FieldEdit

PILOT_FIELDS = ("unit", "why")


class RolloutPanel(QWidget):
    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._loading = False
        plan = lambda: ctx.workshop.rollout  # noqa: E731 - the record as it is at each keystroke
        heading = QLabel("Rollout plan")
        heading.setProperty("role", "subtitle")
        self.start = FieldEdit(ctx, plan, "senior_team_start", is_date=True)
        self.coach = QComboBox()
        self.coach.activated.connect(self._set_coach)
        self.pilots = QTableWidget(0, 2)
        self.pilots.setHorizontalHeaderLabels(["Pilot unit", "Why there first"])
        self.pilots.horizontalHeader().setStretchLastSection(True)
        self.pilots.setColumnWidth(0, 260)
        self.pilots.verticalHeader().setVisible(False)
        self.pilots.setMaximumHeight(150)
        self.pilots.itemChanged.connect(self._pilot_edited)
        self.add_button = add = QPushButton("Add pilot unit")
        add.clicked.connect(self.add_pilot)
        self.remove = QPushButton("Remove")
        self.remove.clicked.connect(self.remove_pilot)
        self.expansion = QPlainTextEdit()
        self.expansion.setPlaceholderText("What behaviour must hold before the rollout widens?")
        self.expansion.setMaximumHeight(90)
        self.expansion.textChanged.connect(self._expansion_typed)
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.gaps = QLabel()
        self.gaps.setProperty("role", "warning")
        self.gaps.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Senior team starts", self.start)
        form.addRow("Internal OKR coach", self.coach)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.pilots)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Expand when"))
        layout.addWidget(self.expansion)
        layout.addWidget(self.steps)
        layout.addWidget(self.gaps)
        self.editors = [self.start, self.coach, self.pilots, add, self.remove, self.expansion]
        for widget in self.editors:
            widget.setEnabled(not ctx.read_only)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, section: str) -> None:
        if section in ("all", "rollout", "participants", "forums"):
            self.refresh()

    def _edit(self, text: str, merge_field: str | None = None, **changes) -> None:
        before = self.ctx.workshop.rollout
        self.ctx.edit(before, dataclasses.replace(before, **changes), text=text, merge_field=merge_field)

    def _set_coach(self) -> None:
        self._edit("Name the OKR coach", coach=self.coach.currentData())

    def _expansion_typed(self) -> None:
        if not self._loading:
            self._edit("Write the expansion criteria", "expansion", expansion=self.expansion.toPlainText())

    def add_pilot(self) -> None:
        pilots = [*self.ctx.workshop.rollout.pilots, {"unit": "New pilot unit", "why": ""}]
        self._edit("Add a pilot unit", pilots=pilots)
        self.pilots.setCurrentCell(len(pilots) - 1, 0)
        self.pilots.editItem(self.pilots.item(len(pilots) - 1, 0))

    def remove_pilot(self) -> None:
        row = self.pilots.currentRow()
        pilots = list(self.ctx.workshop.rollout.pilots)
        if 0 <= row < len(pilots):
            del pilots[row]
            self._edit("Remove a pilot unit", pilots=pilots)

    def _pilot_edited(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        pilots = [dict(p) for p in self.ctx.workshop.rollout.pilots]
        row, field = item.row(), PILOT_FIELDS[item.column()]
        text = item.text().strip()
        if row >= len(pilots) or pilots[row].get(field, "") == text:
            return
        if field == "unit" and not text:
            self.refresh()  # a pilot needs a name; put the old one back
            return
        pilots[row][field] = text
        self._edit("Edit a pilot unit", pilots=pilots)

    def refresh(self) -> None:
        ws = self.ctx.workshop
        plan = ws.rollout
        self._loading = True
        try:
            self.start.load()
            self.coach.clear()
            self.coach.addItem("—", None)
            for p in ws.participants:
                self.coach.addItem(p.name, p.id)
            self.coach.setCurrentIndex(max(self.coach.findData(plan.coach), 0))
            self.pilots.setRowCount(len(plan.pilots))
            for row, pilot in enumerate(plan.pilots):
                for col, field in enumerate(PILOT_FIELDS):
                    self.pilots.setItem(row, col, QTableWidgetItem(pilot.get(field, "")))
            if self.expansion.toPlainText() != plan.expansion:
                self.expansion.setPlainText(plan.expansion)
        finally:
            self._loading = False
        self.remove.setEnabled(bool(plan.pilots) and not self.ctx.read_only)
        lines = [f"{(s.when or '').replace('T', ' ') or '•'}  {s.what}" for s in rollout.steps(ws)]
        self.steps.setText("\n".join(lines))
        gaps = rollout.gaps(ws)
        self.gaps.setText("\n".join(gaps))
        self.gaps.setVisible(bool(gaps))
        self.steps.setTextInteractionFlags(Qt.TextSelectableByMouse)
