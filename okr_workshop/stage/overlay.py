"""The stage's controls on demand: a small bar for the facilitator who has only the one screen.

With one screen (or a mirrored projector) the stage covers the console, so the facilitator
needs a way to move the show and to get back to the laptop without the keyboard. Like the
faint toolbar of a slide show, the bar appears when the mouse moves or on ``Tab`` and hides
itself after a few quiet seconds; it is a child widget above the view, so nothing of it is in
the view's own picture (the thumbnails, the rehearsal) and it carries nothing secret.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from . import style

HIDE_AFTER_MS = 3000
SHEET = f"""
QFrame#stageOverlay {{ background: #000000; border: 2px solid {style.MUTED}; border-radius: 10px; }}
QFrame#stageOverlay QPushButton {{ color: {style.TEXT}; background: #2B2F36; border: 1px solid {style.MUTED};
    border-radius: 6px; padding: 8px 16px; font-size: 18px; }}
QFrame#stageOverlay QPushButton:focus {{ border: 2px solid {style.TEXT}; }}
"""


class StageOverlay(QFrame):
    """Previous, Next, Blank and Back to the console, bottom left; hidden until asked for."""

    def __init__(self, parent: QWidget, actions: list[tuple[str, str, Callable[[], None]]]) -> None:
        super().__init__(parent)
        self.setObjectName("stageOverlay")
        self.setStyleSheet(SHEET)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 10, 10, 10)
        self.buttons: dict[str, QPushButton] = {}
        for name, text, act in actions:
            button = QPushButton(text, self)
            button.setFocusPolicy(Qt.NoFocus)  # the keys stay with the stage: a clicker's Space must not press it
            button.clicked.connect(act)
            button.clicked.connect(self.hold)
            row.addWidget(button)
            self.buttons[name] = button
        self._hide = QTimer(self)
        self._hide.setSingleShot(True)
        self._hide.timeout.connect(self.hide)
        self.hide()

    def appear(self) -> None:
        """Show the bar (bottom left of the stage) and hide it again after a quiet while."""
        self.adjustSize()
        parent = self.parentWidget()
        margin = round(parent.height() * style.MARGIN / 2)
        self.move(margin, parent.height() - self.height() - margin)
        self.show()
        self.raise_()
        self.hold()

    def hold(self) -> None:
        """Keep the bar up a while longer (the mouse moved, a button was used)."""
        self._hide.start(HIDE_AFTER_MS)
