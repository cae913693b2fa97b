"""The rollout plan: the senior team's start, one or two pilot units, the coach, the expansion
criteria, the communication cascade (who tells whom, by when), and the plan's steps as the pack
will print them. Every field commits as typed, each change one undo step."""

from __future__ import annotations

import dataclasses
from datetime import date

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
CASCADE_FIELDS = ("who", "tells", "by")  # column 0 is a participant combo, the others are typed


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
        self.cascade = QTableWidget(0, 3)
        self.cascade.setHorizontalHeaderLabels(["Who", "Tells whom", "By"])
        self.cascade.horizontalHeader().setStretchLastSection(False)
        self.cascade.setColumnWidth(0, 220)
        self.cascade.setColumnWidth(1, 320)
        self.cascade.setColumnWidth(2, 120)
        self.cascade.verticalHeader().setVisible(False)
        self.cascade.setMaximumHeight(170)
        self.cascade.itemChanged.connect(self._cascade_edited)
        self.add_cascade_button = QPushButton("Add cascade line")
        self.add_cascade_button.clicked.connect(self.add_cascade_line)
        self.remove_cascade = QPushButton("Remove")
        self.remove_cascade.clicked.connect(self.remove_cascade_line)
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
        layout.addWidget(QLabel("Communication cascade: who tells whom, by when"))
        layout.addWidget(self.cascade)
        cascade_buttons = QHBoxLayout()
        cascade_buttons.addWidget(self.add_cascade_button)
        cascade_buttons.addWidget(self.remove_cascade)
        cascade_buttons.addStretch(1)
        layout.addLayout(cascade_buttons)
        layout.addWidget(QLabel("Expand when"))
        layout.addWidget(self.expansion)
        layout.addWidget(self.steps)
        layout.addWidget(self.gaps)
        self.editors = [self.start, self.coach, self.pilots, add, self.remove, self.cascade,
                        self.add_cascade_button, self.remove_cascade, self.expansion]
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
        self._remove_row(self.pilots, "pilots", "Remove a pilot unit")

    def _remove_row(self, table: QTableWidget, field: str, text: str) -> None:
        """Remove the table's current row from the plan's list ``field``, as one undo step."""
        row = table.currentRow()
        rows = list(getattr(self.ctx.workshop.rollout, field))
        if 0 <= row < len(rows):
            del rows[row]
            self._edit(text, **{field: rows})

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

    def add_cascade_line(self) -> None:
        """A new line starts with nobody named and no date: the room fills them in as it agrees."""
        cascade = [*self.ctx.workshop.rollout.cascade, {"who": "", "tells": "Whom?", "by": ""}]
        self._edit("Add a cascade line", cascade=cascade)
        self.cascade.setCurrentCell(len(cascade) - 1, 1)
        self.cascade.editItem(self.cascade.item(len(cascade) - 1, 1))

    def remove_cascade_line(self) -> None:
        self._remove_row(self.cascade, "cascade", "Remove a cascade line")

    def _set_cascade_field(self, row: int, field: str, value: str) -> None:
        cascade = [dict(c) for c in self.ctx.workshop.rollout.cascade]
        if row >= len(cascade) or cascade[row].get(field, "") == value:
            return
        cascade[row][field] = value
        self._edit("Edit the communication cascade", cascade=cascade)

    def _cascade_who_chosen(self, row: int, combo: QComboBox) -> None:
        self._set_cascade_field(row, "who", combo.currentData() or "")

    def _cascade_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() == 0:
            return
        field, text = CASCADE_FIELDS[item.column()], item.text().strip()
        if field == "tells" and not text:
            self.refresh()  # a line must say whom it reaches; put the old text back
            return
        if field == "by" and text:
            try:
                date.fromisoformat(text)
            except ValueError:
                self.refresh()  # not a date (2026-03-19): the stored one stays
                return
        self._set_cascade_field(item.row(), field, text)

    def _who_combo(self, row: int, who: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem("—", None)
        for p in self.ctx.workshop.participants:
            combo.addItem(p.name, p.id)
        combo.setCurrentIndex(max(combo.findData(who or None), 0))
        combo.setEnabled(not self.ctx.read_only)
        combo.activated.connect(lambda _index, r=row, c=combo: self._cascade_who_chosen(r, c))
        return combo

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
            self.cascade.setRowCount(len(plan.cascade))
            for row, line in enumerate(plan.cascade):
                self.cascade.setCellWidget(row, 0, self._who_combo(row, line.get("who", "")))
                for col, field in enumerate(CASCADE_FIELDS[1:], start=1):
                    self.cascade.setItem(row, col, QTableWidgetItem(line.get(field, "")))
            if self.expansion.toPlainText() != plan.expansion:
                self.expansion.setPlainText(plan.expansion)
        finally:
            self._loading = False
        self.remove.setEnabled(bool(plan.pilots) and not self.ctx.read_only)
        self.remove_cascade.setEnabled(bool(plan.cascade) and not self.ctx.read_only)
        lines = [f"{(s.when or '').replace('T', ' ') or '•'}  {s.what}" for s in rollout.steps(ws)]
        self.steps.setText("\n".join(lines))
        gaps = rollout.gaps(ws)
        self.gaps.setText("\n".join(gaps))
        self.gaps.setVisible(bool(gaps))
        self.steps.setTextInteractionFlags(Qt.TextSelectableByMouse)
