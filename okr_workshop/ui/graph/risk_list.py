"""Beside the map: what threatens delivery, most severe first; a click shows it on the map."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ...domain.dependencies import Risk
from . import style

SEVERITY_MARKS = {"high": "▲ HIGH", "medium": "● MEDIUM", "low": "○ LOW"}  # words and a shape, not colour alone
SEVERITY_COLOURS = {"high": style.BLOCKED, "medium": "#8A5A00", "low": "#374151"}


class RiskList(QListWidget):
    """The domain's risks in their order; ``focus_requested`` carries the ids to show."""

    focus_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("risks")
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setAlternatingRowColors(True)
        self.setAccessibleName("What threatens delivery")
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)
        self.risks: list[Risk] = []

    def set_risks(self, risks: list[Risk]) -> None:
        self.risks = list(risks)
        self.clear()
        if not risks:
            item = QListWidgetItem("Nothing threatens delivery on this map.")
            item.setFlags(Qt.ItemIsEnabled)
            self.addItem(item)
            return
        for risk in risks:
            item = QListWidgetItem(f"{SEVERITY_MARKS[risk.severity]}  {risk.sentence}")
            item.setForeground(QColor(SEVERITY_COLOURS[risk.severity]))
            keys = list(risk.nodes) + [f"{a}->{b}" for a, b in risk.edges]
            item.setData(Qt.UserRole, keys)
            item.setToolTip("Click to show it on the map")
            self.addItem(item)

    def _chosen(self, item: QListWidgetItem) -> None:
        keys = item.data(Qt.UserRole)
        if keys:
            self.focus_requested.emit(list(keys))
