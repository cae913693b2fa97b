"""The facilitator's two room-voting dialogs: which network to serve on, and the personal codes
(with who has joined, to release or reassign a name: ``room_joins``).

The network choice matters: a laptop on the hotel's Wi-Fi and the facilitator's hotspot has
two addresses, and the room should be reachable only on the one the executives use.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...room.network import Address, local_addresses
from ...room.session import RoomSession
from ..room_link import RoomLink
from .room_joins import JoinsPanel


class StartRoomDialog(QDialog):
    """Pick the network; OK starts room voting on that address only."""

    def __init__(self, parent: QWidget | None = None, addresses: list[Address] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Start room voting")
        self.addresses = addresses if addresses is not None else local_addresses()
        self.choice = QComboBox()
        for address in self.addresses:
            self.choice.addItem(address.label, address.address)
        intro = QLabel("Executives vote and answer the private check on their phones. The phones must be on "
                       "the same network as this laptop; nothing goes to the internet. Choose that network:")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Start room voting")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choice)
        layout.addWidget(buttons)

    def host(self) -> str:
        return self.choice.currentData() or "127.0.0.1"


def join_codes_html(title: str, url: str, room_code: str, rows: list[tuple[str, str, str]]) -> str:
    """The printable list: one line per person, large codes, and how to join."""
    lines = "".join(f"<tr><td>{escape(name)}</td><td><b><tt>{escape(code)}</tt></b></td></tr>"
                    for _, name, code in rows)
    return (f"<h2>{escape(title)}: personal join codes</h2>"
            f"<p>Open <b>{escape(url)}</b> on your phone and type your code. Room code: <b>{escape(room_code)}</b>. "
            "The codes work until room voting stops.</p>"
            f"<table cellpadding='6' border='1' cellspacing='0'><tr><th>Name</th><th>Code</th></tr>{lines}</table>")


def _running_session(parent: QWidget | None) -> RoomSession | None:
    """The room session of the screen that opened the dialog (its RoomLink child), if it is on."""
    link = parent.findChild(RoomLink) if parent is not None else None
    return link.session if link is not None else None


MASKED_WORDS = ("The room may see this screen, so the codes are hidden: whoever reads a code can vote as "
                "that person. Hold the button to show them, or print the list and hand it round.")


class JoinCodesDialog(QDialog):
    """Everyone's personal code, to read out, hand round or print; with the room on, also who has joined
    (``JoinsPanel``: release or reassign a name). While the room may see the console (``set_masked``)
    the list stays hidden unless "Hold to show the codes" is held: a code on the projector is a
    ballot anyone in the room could take over."""

    def __init__(self, title: str, url: str, room_code: str, rows: list[tuple[str, str, str]],
                 parent: QWidget | None = None, session: RoomSession | None = None, masked: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Personal join codes")
        self.title, self.url, self.room_code = title, url, room_code
        self.html = join_codes_html(title, url, room_code, rows)
        self.session = session or _running_session(parent)
        self.joins: JoinsPanel | None = None
        if self.session is not None:
            self.joins = JoinsPanel(self.session, self)
            self.table = self.joins.table
        else:
            self.table = QTableWidget(len(rows), 2)
            self.table.setHorizontalHeaderLabels(["Name", "Code"])
            self.table.verticalHeader().setVisible(False)
            self.table.setEditTriggers(QTableWidget.NoEditTriggers)
            for row, (_, name, code) in enumerate(rows):
                self.table.setItem(row, 0, QTableWidgetItem(name))
                self.table.setItem(row, 1, QTableWidgetItem(code))
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(f"Open {url} and type the code, or pick a name with the room code {room_code}. "
                      "The codes are kept in memory only: stopping room voting retires them. A name taken by "
                      "the wrong phone: release it, or give the person a new code.")
        note.setWordWrap(True)
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_list)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        close.addButton(self.print_button, QDialogButtonBox.ActionRole)
        self.masked_note = QLabel(MASKED_WORDS)
        self.masked_note.setWordWrap(True)
        self.masked_note.setProperty("role", "warning")
        self.hold_button = QPushButton("Hold to show the codes")
        self.hold_button.pressed.connect(self._show_codes)
        self.hold_button.released.connect(self._show_codes)
        self.codes = self.joins if self.joins is not None else self.table
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.masked_note)
        layout.addWidget(self.hold_button)
        layout.addWidget(self.codes, 1)
        layout.addWidget(close)
        self.resize(520, 560)
        self.masked = False
        self.set_masked(masked)

    def set_masked(self, masked: bool) -> None:
        """The room may see the console (True) or not any more: hide the codes, or show them."""
        self.masked = masked
        self.masked_note.setVisible(masked)
        self.hold_button.setVisible(masked)
        self._show_codes()

    def _show_codes(self) -> None:
        self.codes.setVisible(not self.masked or self.hold_button.isDown())

    def print_list(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if self.joins is not None:  # a reassigned code prints as it is now
            self.html = join_codes_html(self.title, self.url, self.room_code, self.joins.rows)
        if QPrintDialog(printer, self).exec() == QDialog.Accepted:
            document = QTextDocument()
            document.setHtml(self.html)
            document.print_(printer)
