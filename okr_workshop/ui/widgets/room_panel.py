"""What the room sees while room voting is on: the address, a large QR code and the room code.

On the laptop it carries the facilitator's buttons (stop, the list of personal codes); the
stage shows the same address and code large for the room (QR_PROJECTOR is its size). segno makes
the QR code offline; it is drawn with hard pixel edges so every phone camera reads it.
"""

from __future__ import annotations

import io

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

QR_LAPTOP = 200
QR_PROJECTOR = 420


def qr_pixmap(text: str, size: int) -> QPixmap:
    """``text`` as a QR code about ``size`` pixels square (whole pixels per module, quiet zone kept)."""
    import segno

    code = segno.make(text, error="m")
    modules = code.symbol_size(scale=1, border=4)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(1, size // modules), border=4, dark="#000000", light="#FFFFFF")
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class RoomPanel(QFrame):
    """Hidden while room voting is off. ``stop_requested`` and ``codes_requested`` are the laptop's buttons."""

    stop_requested = Signal()
    codes_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.url = ""
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignCenter)
        self.qr.setAccessibleName("QR code of the room voting address")
        self.heading = QLabel("Vote on your phone")
        self.heading.setProperty("role", "subtitle")
        self.address = QLabel()
        self.address.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.room_code = QLabel()
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.note = QLabel("Same Wi-Fi as this laptop. Nothing goes to the internet.")
        self.note.setProperty("role", "hint")
        self.stop_button = QPushButton("Stop room voting")
        self.stop_button.setToolTip("Stop the server: nothing listens on the network afterwards")
        self.stop_button.clicked.connect(self.stop_requested)
        self.codes_button = QPushButton("Codes and who joined…")
        self.codes_button.setToolTip("Everyone's personal code, who has joined, and releasing or reassigning a name")
        self.codes_button.clicked.connect(self.codes_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.codes_button)
        buttons.addStretch(1)
        self.buttons = QWidget()
        self.buttons.setLayout(buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        text = QVBoxLayout()
        for widget in (self.heading, self.address, self.room_code, self.progress, self.note):
            text.addWidget(widget)
        text.addStretch(1)
        text.addWidget(self.buttons)
        row = QHBoxLayout(self)
        row.addWidget(self.qr)
        row.addSpacing(24)
        row.addLayout(text, 1)
        self.setVisible(False)

    def show_room(self, url: str, room_code: str) -> None:
        self.url = url
        self.address.setText(url)
        self.room_code.setText(f"Room code: {room_code}")
        self._restyle()
        self.setVisible(True)

    def hide_room(self) -> None:
        self.url = ""
        self.setVisible(False)

    def set_progress(self, text: str) -> None:
        self.progress.setText(text)

    def _restyle(self) -> None:
        self.address.setStyleSheet("font-size: 18pt; font-weight: 700;")
        self.room_code.setStyleSheet("font-size: 20pt; font-weight: 800; letter-spacing: 4px;")
        if self.url:
            self.qr.setPixmap(qr_pixmap(self.url, QR_LAPTOP))
