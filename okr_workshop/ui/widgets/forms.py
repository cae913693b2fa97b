"""Small form helpers: a line edit bound to one field of a singleton record."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLineEdit

from ..context import WorkshopContext


class FieldEdit(QLineEdit):
    """Commits every keystroke (merged into one undo step per field), so nothing typed is lost.

    ``current()`` returns the record as it is now; dates are committed only once valid.
    """

    def __init__(self, ctx: WorkshopContext, current: Callable[[], Any], field: str, is_date: bool = False,
                 placeholder: str = ""):
        super().__init__()
        self.ctx = ctx
        self.current = current
        self.field = field
        self.is_date = is_date
        self.setPlaceholderText(placeholder or ("YYYY-MM-DD" if is_date else ""))
        self.setReadOnly(ctx.read_only)
        self.textEdited.connect(self._commit)
        self.load()

    def load(self) -> None:
        value = getattr(self.current(), self.field) or ""
        if self.text() != value:
            self.setText(value)
            if not self.hasFocus():
                self.setCursorPosition(0)  # show a long value's beginning, not its end

    def _commit(self, text: str) -> None:
        value: Any = text
        if self.is_date:
            if not text.strip():
                value = None
            else:
                try:
                    date.fromisoformat(text.strip())
                except ValueError:
                    self.setStyleSheet("border: 2px solid #D55E00;")
                    self.setToolTip("A date like 2026-03-12")
                    return
                value = text.strip()
            self.setStyleSheet("")
        before = self.current()
        self.ctx.edit(before, dataclasses.replace(before, **{self.field: value}), merge_field=self.field)
