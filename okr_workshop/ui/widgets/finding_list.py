"""A list of what the domain found, each line marked by severity in shape and colour, that takes
the facilitator to the place with one click (or Enter), and is exactly as tall as its lines."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from ..theme import WARN

PROBLEM_MARK = "✖"
WARNING_MARK = "⚠"
WARNING_INK = "#7A5A00"  # dark yellow-brown: readable on white, and apart from the vermillion of problems


def mark(severity: str) -> str:
    return PROBLEM_MARK if severity == "problem" else WARNING_MARK


class FindingList(QListWidget):
    """``set_findings([(severity, text, key), ...])``; ``chosen`` carries the key of a clicked line."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # it fits its lines; a bar would only wobble
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(Qt.UserRole))

    def set_findings(self, findings: list[tuple[str, str, Any]]) -> None:
        """Replace the lines, keeping the current one when its key is still there."""
        current = self.currentItem()
        was = current.data(Qt.UserRole) if current else None
        self.clear()
        for severity, text, key in findings:
            item = QListWidgetItem(f"{mark(severity)}  {text}")
            item.setData(Qt.UserRole, key)
            item.setForeground(QColor(WARN if severity == "problem" else WARNING_INK))
            item.setToolTip("Click to go there")
            self.addItem(item)
            if key == was:
                self.setCurrentItem(item)
        self.setVisible(bool(findings))
        self.fit()

    def fit(self) -> None:
        """As tall as the wrapped lines, so two findings leave no empty box and ten need no scrolling."""
        metrics = QFontMetrics(self.font())
        width = max(self.viewport().width() - 12, 200)
        height = sum(
            metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextWordWrap, self.item(i).text()).height() + 6
            for i in range(self.count())
        )
        self.setFixedHeight(max(height + 2 * self.frameWidth() + 8, 40))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()
