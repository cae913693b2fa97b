"""Trade-offs one at a time, in large type, for the room to read and confirm.

"We choose X even at the expense of Y" only binds when everyone has read it out loud and
agreed; this view makes that a moment of the offsite. Left/Right step, Space confirms, Escape
closes.
"""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .. import theme
from ..context import WorkshopContext


class TradeoffPresenter(QDialog):
    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.index = 0
        self.setWindowTitle("Trade-offs")
        self.setStyleSheet(f"QDialog {{ background: {theme.PAPER}; }} QLabel {{ color: #000000; }}"
                           "QPushButton { font-size: 20pt; padding: 12px 28px; }")
        self.position = QLabel()
        self.position.setStyleSheet(f"font-size: 20pt; color: {theme.MUTED};")
        self.statement = QLabel()
        self.statement.setWordWrap(True)
        self.statement.setTextFormat(Qt.RichText)
        self.statement.setStyleSheet("font-size: 40pt;")
        self.rationale = QLabel()
        self.rationale.setWordWrap(True)
        self.rationale.setStyleSheet("font-size: 24pt;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"font-size: 22pt; font-weight: 700; color: {theme.WARN};")
        self.state = QLabel()
        self.state.setStyleSheet(f"font-size: 24pt; font-weight: 700; color: {theme.GOOD};")
        self.previous = QPushButton("◀ Previous")
        self.next = QPushButton("Next ▶")
        self.confirm = QPushButton("The room confirms")
        self.confirm.setCheckable(True)
        close = QPushButton("Close")
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.confirm.clicked.connect(self.toggle_confirmed)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.previous, self.next, self.confirm):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.addWidget(self.position)
        layout.addStretch(1)
        layout.addWidget(self.statement)
        layout.addSpacing(24)
        layout.addWidget(self.rationale)
        layout.addWidget(self.warning)
        layout.addWidget(self.state)
        layout.addStretch(2)
        layout.addLayout(buttons)
        for button in (self.previous, self.next, self.confirm, close):
            button.setFocusPolicy(Qt.NoFocus)  # Space confirms; it must not press a focused button
        ctx.changed.connect(self._on_changed)
        self.show_current()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        actions = {Qt.Key_Left: lambda: self.step(-1), Qt.Key_Right: lambda: self.step(1),
                   Qt.Key_Space: self.toggle_confirmed}
        action = actions.get(event.key())
        if action is None:
            super().keyPressEvent(event)  # Escape closes
        else:
            action()

    def _on_changed(self, section: str) -> None:
        if section in ("all", "tradeoffs", "priorities"):
            self.show_current()

    def step(self, delta: int) -> None:
        count = len(self.ctx.workshop.tradeoffs)
        if count:
            self.index = max(0, min(count - 1, self.index + delta))
        self.show_current()

    def toggle_confirmed(self) -> None:
        tradeoffs = self.ctx.workshop.tradeoffs
        if not tradeoffs or self.ctx.read_only:
            return
        before = tradeoffs[self.index]
        text = "Unconfirm a trade-off" if before.confirmed else "The room confirms a trade-off"
        self.ctx.edit(before, dataclasses.replace(before, confirmed=not before.confirmed), text=text)

    def show_current(self) -> None:
        ws = self.ctx.workshop
        tradeoffs = ws.tradeoffs
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(tradeoffs) - 1)
        self.confirm.setEnabled(bool(tradeoffs) and not self.ctx.read_only)
        if not tradeoffs:
            self.position.setText("")
            self.statement.setText("No trade-offs written yet.")
            for label in (self.rationale, self.warning, self.state):
                label.setText("")
            return
        self.index = min(self.index, len(tradeoffs) - 1)
        t = tradeoffs[self.index]
        chosen = next((p for p in ws.priorities if p.id == t.choose), None)
        self.position.setText(f"Trade-off {self.index + 1} of {len(tradeoffs)}")
        self.statement.setText(
            f"We choose <b>{html.escape(chosen.title if chosen else t.choose)}</b> "
            f"even at the expense of <b>{html.escape(t.over)}</b>."
        )
        self.rationale.setText(t.rationale)
        self.warning.setText("" if chosen is None or chosen.status == "selected"
                             else "This is not one of the selected priorities yet.")
        self.confirm.setChecked(t.confirmed)
        self.state.setText("✓ Confirmed by the room" if t.confirmed else "")
