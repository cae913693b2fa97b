"""One alignment question answered by one person: tick candidate priorities, or type your own.

Big targets (the laptop is passed round a table), and a ticked item says so with a check mark
as well as colour. The picker holds only this person's answer and is thrown away after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.alignment import normalise

COLUMNS = 2


class CheckItem(QFrame):
    """A check box whose text wraps (QCheckBox's never does): the whole frame is the target."""

    toggled = Signal(bool)

    def __init__(self, text: str, checked: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = text
        self.setObjectName("checkItem")
        self.setCursor(Qt.PointingHandCursor)
        self.box = QCheckBox()
        self.box.setChecked(checked)
        self.box.setAccessibleName(text)
        self.label = QLabel(text)
        self.label.setTextFormat(Qt.PlainText)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.setSpacing(14)
        row.addWidget(self.box, 0, Qt.AlignVCenter)
        row.addWidget(self.label, 1)
        self.box.toggled.connect(self._toggled)
        self._toggled(checked)

    def _toggled(self, on: bool) -> None:
        self.setProperty("checked", on)  # the style sheet draws a ticked item with a thicker frame
        self.style().unpolish(self)
        self.style().polish(self)
        self.toggled.emit(on)

    def isChecked(self) -> bool:  # noqa: N802 - reads like QCheckBox
        return self.box.isChecked()

    def setChecked(self, on: bool) -> None:  # noqa: N802
        self.box.setChecked(on)

    def text(self) -> str:
        return self.item

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.box.toggle()
            self.box.setFocus()
        super().mouseReleaseEvent(event)


class AnswerPicker(QWidget):
    """A line to type your own items (listed under it, ticked), then the candidates in a grid."""

    changed = Signal()

    def __init__(self, question: str, candidates: Sequence[str], hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.question = QLabel(question)
        self.question.setObjectName("question")
        self.question.setWordWrap(True)
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.options: list[CheckItem] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(8)
        self.own_list = QVBoxLayout()  # full width: typed items can be long sentences
        self.own_list.setSpacing(8)
        self.own = QLineEdit()
        self.own.setObjectName("own")
        self.own.setPlaceholderText("Or type your own, then press Enter")
        self.own.returnPressed.connect(self.add_own)
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("add")
        self.add_button.clicked.connect(self.add_own)
        row = QHBoxLayout()
        row.addWidget(self.own, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        layout.addWidget(self.hint)
        layout.addSpacing(8)
        # Typing comes first, so it is never below the fold, and what is typed shows right under it.
        layout.addLayout(row)
        layout.addLayout(self.own_list)
        layout.addSpacing(8)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        for index, text in enumerate(candidates):
            self.grid.addWidget(self._option(text, checked=False), index // COLUMNS, index % COLUMNS)

    def _option(self, text: str, checked: bool) -> CheckItem:
        box = CheckItem(text, checked)
        box.toggled.connect(self.changed)
        self.options.append(box)
        return box

    def add_own(self) -> None:
        """Add what is typed as a ticked item; typing an existing item ticks that one instead."""
        text = self.own.text().strip()
        self.own.clear()
        if not text:
            return
        for box in self.options:
            if normalise(box.item) == normalise(text):
                box.setChecked(True)
                return
        self.own_list.addWidget(self._option(text, checked=True))
        self.changed.emit()

    def items(self) -> list[str]:
        """The ticked items in the order shown, plus anything typed but not yet added."""
        chosen = [box.item for box in self.options if box.isChecked()]
        pending = self.own.text().strip()
        if pending and normalise(pending) not in {normalise(c) for c in chosen}:
            chosen.append(pending)
        return chosen
