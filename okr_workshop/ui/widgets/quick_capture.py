"""Capture from any screen without leaving the discussion: park an item, log a decision by hand."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ..context import WorkshopContext


class _CaptureDialog(QDialog):
    """One line of text and where the room was; OK only once the text says something."""

    def __init__(self, title: str, prompt: str, ok: str, place: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QLineEdit()
        self.text.setPlaceholderText(prompt)
        self.context = QLineEdit(place)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout(self)
        self.text.textChanged.connect(self._check)
        self._check()
        self.resize(640, 0)

    def _finish(self) -> None:
        self.form.addRow("Where", self.context)
        self.form.addRow(self.buttons)

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.text.text().strip()))


class ParkItDialog(_CaptureDialog):
    """An off-topic question or a debate to come back to, and who raised it."""

    def __init__(self, ctx: WorkshopContext, place: str, parent: QWidget | None = None):
        super().__init__("Park it", "The question or debate to come back to", "Park it", place, parent)
        self.raised_by = QComboBox()
        self.raised_by.addItem("—", None)
        for p in ctx.workshop.participants:
            self.raised_by.addItem(p.name, p.id)
        hint = QLabel("Parked items are resolved, made actions or moved to not now before the day ends "
                      "(Run of show → Parking lot).")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.form.addRow("Park", self.text)
        self.form.addRow("Raised by", self.raised_by)
        self._finish()
        self.form.insertRow(3, hint)


class LogDecisionDialog(_CaptureDialog):
    """A decision the app could not see for itself."""

    def __init__(self, place: str, parent: QWidget | None = None):
        super().__init__("Log a decision", "What did the room decide?", "Log it", place, parent)
        self.form.addRow("Decision", self.text)
        self._finish()
