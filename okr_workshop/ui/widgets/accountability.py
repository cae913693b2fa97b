"""The four accountability questions and the owner the room names for each.

"Nobody" is a real answer, stored as such and shown as a finding: a room that cannot name who
owns the customer outcome has learnt something more useful than a name.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from ...domain import alignment
from ...domain import model as m
from ..context import WorkshopContext

NOT_NAMED = "Not named yet"
NOBODY_LABEL = "Nobody"


class AccountabilityPanel(QWidget):
    """A row per question: the question, a combo of participants plus "Nobody", and the finding."""

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.combos: list[QComboBox] = []
        self.findings: list[QLabel] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for i, question in enumerate(alignment.ACCOUNTABILITY_QUESTIONS):
            label = QLabel(question)
            label.setWordWrap(True)
            combo = QComboBox()
            combo.setObjectName(f"owner{i}")
            # Long names and functions must not widen the screen past a 1280-pixel projector.
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            combo.setEnabled(not ctx.read_only)
            combo.activated.connect(lambda _index, i=i: self._chosen(i))
            finding = QLabel()
            finding.setWordWrap(True)
            finding.setProperty("role", "warning")
            grid.addWidget(label, 2 * i, 0)
            grid.addWidget(combo, 2 * i, 1)
            grid.addWidget(finding, 2 * i + 1, 0, 1, 2)
            self.combos.append(combo)
            self.findings.append(finding)
        self.refresh()

    def _fill(self, combo: QComboBox) -> None:
        combo.clear()
        combo.addItem(NOT_NAMED, None)
        for person in self.ctx.workshop.participants:
            combo.addItem(f"{person.name} ({person.function})" if person.function else person.name, person.id)
        combo.insertSeparator(combo.count())
        combo.addItem(NOBODY_LABEL, m.NOBODY)

    def refresh(self) -> None:
        """Show the stored owners and, for every "Nobody", the finding."""
        owners = self.ctx.workshop.diagnosis.accountability
        for i, combo in enumerate(self.combos):
            combo.blockSignals(True)
            self._fill(combo)
            combo.setCurrentIndex(max(combo.findData(owners.get(str(i))), 0))
            combo.blockSignals(False)
        nobody = set(alignment.nobody_owns(self.ctx.workshop))
        for i, finding in enumerate(self.findings):
            finding.setText(alignment.accountability_finding(i) if i in nobody else "")
            finding.setVisible(i in nobody)

    def _chosen(self, index: int) -> None:
        owner = self.combos[index].currentData()
        before = self.ctx.workshop.diagnosis
        owners = dict(before.accountability)
        if owner is None:
            owners.pop(str(index), None)
        else:
            owners[str(index)] = owner
        subject = alignment.ACCOUNTABILITY_SUBJECTS[index]
        if owner == m.NOBODY:
            text = f"Nobody owns {subject}"
        elif owner is None:
            text = f"Clear the owner of {subject}"
        else:
            text = f"{self.ctx.workshop.participant_name(owner)} owns {subject}"
        self.ctx.edit(before, dataclasses.replace(before, accountability=owners), text=text)
