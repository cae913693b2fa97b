"""The facilitator's console for room voting: who has joined, and releasing or reassigning a name.

An impostor who took a name with the room code (or a phone that was lost) is dealt with here:
*release* forgets the name's devices so it can be joined again; *reassign* also retires the
personal code and issues a new one, so only the person handed the new code gets back in.
The roster is thread-safe, so this reads it from the Qt thread while the server runs.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...room.codes import Joined
from ...room.session import RoomSession

REFRESH_MS = 1000
COLUMNS = ["Name", "Code", "Joined"]


def joined_text(joined: Joined | None) -> str:
    """"—", or e.g. "2 devices, by personal code" as the console shows it."""
    if joined is None:
        return "—"
    devices = "1 device" if joined.devices == 1 else f"{joined.devices} devices"
    return f"{devices}, by {' and '.join(joined.via)}"


class JoinsPanel(QWidget):
    """Everyone's code and join state, refreshed every second, with Release and Reassign for the selected name."""

    def __init__(self, session: RoomSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.rows: list[tuple[str, str, str]] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.release_button = QPushButton("Release name")
        self.release_button.setToolTip("Forget this person's phones: the name can be joined again")
        self.release_button.clicked.connect(self.release_selected)
        self.reassign_button = QPushButton("New code…")
        self.reassign_button.setToolTip("Forget this person's phones and retire their code: hand them the new one")
        self.reassign_button.clicked.connect(self.reassign_selected)
        self.wrong = QLabel()
        self.wrong.setProperty("role", "hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.release_button)
        buttons.addWidget(self.reassign_button)
        buttons.addStretch(1)
        buttons.addWidget(self.wrong)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._enable)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)
        self.refresh()
        self.table.resizeColumnsToContents()

    def refresh(self) -> None:
        """Redraw from the roster, keeping the selected person selected."""
        chosen = self.selected()
        self.rows = self.session.join_codes()
        joined = self.session.joined()
        self.table.setRowCount(len(self.rows))
        for row, (pid, name, code) in enumerate(self.rows):
            for column, text in enumerate((name, code, joined_text(joined.get(pid)))):
                item = self.table.item(row, column)
                if item is None:
                    self.table.setItem(row, column, QTableWidgetItem(text))
                elif item.text() != text:
                    item.setText(text)
            if pid == chosen and self.table.currentRow() != row:
                self.table.selectRow(row)
        wrong = self.session.wrong_codes()
        self.wrong.setText(f"Wrong codes tried lately: {wrong}" if wrong else "")
        self._enable()

    def selected(self) -> str | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.rows[min(rows)][0] if rows and min(rows) < len(self.rows) else None

    def release_selected(self) -> None:
        pid = self.selected()
        if pid is not None:
            self.session.release(pid)
            self.refresh()

    def reassign_selected(self) -> None:
        pid = self.selected()
        if pid is not None:
            self.session.reassign(pid)
            self.refresh()

    def _enable(self) -> None:
        pid = self.selected()
        self.release_button.setEnabled(pid is not None and pid in self.session.joined())
        self.reassign_button.setEnabled(pid is not None)
