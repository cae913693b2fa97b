"""The dialog of *File → New from a previous offsite…*: the new offsite's cycle and first day.

Both default to the quarter after the previous one (``domain.next_quarter``), the rule the
command line's ``new --from`` uses; imported when the menu is used, not at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.next_quarter import next_cycle, next_start


class NextQuarterDialog(QDialog):
    """The next offsite's cycle and first day, both editable; the defaults are the quarter after
    the previous cycle and the previous start plus 13 weeks (as ``okr-workshop new --from``)."""

    def __init__(self, previous, parent: QWidget | None = None):
        super().__init__(parent)
        info = previous.info
        self.setWindowTitle("New from a previous offsite")
        then = f"{info.title} ({info.cycle})" if info.cycle else info.title
        intro = QLabel(f"Starts from “{then}”. The participants, decision rights and rhythm, the not-now list, "
                       "the priorities (as candidates), the open actions and parking-lot items come over; last "
                       "quarter's key results wait for the retrospective. The new OKRs start empty.")
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.cycle_edit = QLineEdit(next_cycle(info.cycle))
        self.cycle_edit.setPlaceholderText("e.g. 2026-Q3")
        self.starts_edit = QDateEdit()
        self.starts_edit.setCalendarPopup(True)
        self.starts_edit.setDisplayFormat("yyyy-MM-dd")
        default = next_start(info.starts)
        self.starts_edit.setDate(QDate.fromString(default, "yyyy-MM-dd") if default else QDate.currentDate())
        form = QFormLayout()
        form.addRow("Cycle", self.cycle_edit)
        form.addRow("First day", self.starts_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Choose where to save…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def cycle(self) -> str:
        return self.cycle_edit.text().strip()

    def starts(self) -> str:
        return self.starts_edit.date().toString("yyyy-MM-dd")
