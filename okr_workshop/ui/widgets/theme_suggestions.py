"""The theme board's suggestions: groups of answers that look alike, each one Accept away from a theme.

The panel only shows the groups and says which the facilitator accepted (``accepted``,
``accepted_all``); the board makes the themes, so every accept is its undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

BIG = "font-size: 12pt;"  # read from the back of the room, like the answers themselves


class SuggestionPanel(QWidget):
    """A title with Accept all, then one row per suggested group: its answers and Accept."""

    accepted = Signal(list)  # the texts of the group accepted
    accepted_all = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[list[str]] = []
        self.title = QLabel("Suggestions")
        self.title.setProperty("role", "subtitle")
        self.title.setWordWrap(True)
        self.accept_all_button = QPushButton("Accept all")
        self.accept_all_button.clicked.connect(self.accepted_all)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.accept_all_button)
        box = QWidget()
        self.rows = QVBoxLayout(box)
        self.rows.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(box)

    def show_groups(self, groups: list[list[str]], read_only: bool) -> None:
        """Replace the rows with ``groups``; in a read-only workshop nothing can be accepted."""
        self.groups = groups
        while self.rows.count():
            widget = self.rows.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for texts in groups:
            self.rows.addWidget(self._row(texts, read_only))
        self.title.setText(f"Suggestions ({len(groups)}): these look alike" if groups else
                           "Suggestions: none; nothing left looks alike")
        self.accept_all_button.setVisible(bool(groups))
        self.accept_all_button.setEnabled(not read_only)

    def _row(self, texts: list[str], read_only: bool) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        words = QLabel("  ·  ".join(f"“{t}”" for t in texts))
        words.setWordWrap(True)
        words.setStyleSheet(BIG)
        accept = QPushButton("Accept")
        accept.setToolTip("Group these answers as one theme")
        accept.clicked.connect(lambda _=False, t=texts: self.accepted.emit(t))
        accept.setEnabled(not read_only)
        line.addWidget(words, 1)
        line.addWidget(accept)
        return row
