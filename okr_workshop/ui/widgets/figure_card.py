"""A large figure with a caption, readable from the back of the room."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from .wrapped_label import WrappedLabel


class Card(QFrame):
    def __init__(self, caption: str):
        super().__init__()
        self.setProperty("role", "card")
        self.figure = QLabel("–")
        self.figure.setProperty("role", "figure")
        self.caption = WrappedLabel(caption)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption)

    def set(self, figure: object, caption: str | None = None) -> None:
        self.figure.setText(str(figure))
        if caption is not None:
            self.caption.setText(caption)
