"""What every screen has: a title, a one-line purpose, and a scrollable body."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ..context import WorkshopContext
from ..widgets.when_shown import RedrawWhenShown
from ..widgets.wrapped_label import WrappedLabel


class Screen(RedrawWhenShown, QWidget):
    """A screen shows one step of the offsite. Subclasses fill ``body`` and redraw in
    ``refresh`` when one of their ``sections`` changes: at once when the screen is up, else once
    when it is shown again, so that an edit pays for the screen in front of the room only."""

    title = ""
    purpose = ""
    sections: tuple[str, ...] = ()

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        heading = QLabel(self.title)
        heading.setProperty("role", "title")
        purpose = WrappedLabel(self.purpose)
        purpose.setProperty("role", "hint")
        self.body_widget = QWidget()
        self.body = QVBoxLayout(self.body_widget)
        self.body.setContentsMargins(0, 8, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(self.body_widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(heading)
        outer.addWidget(purpose)
        outer.addWidget(scroll, 1)
        ctx.changed.connect(self._on_changed)

    def _on_changed(self, section: str) -> None:
        if section == "all" or section in self.sections:
            self.redraw()

    def catch_up(self) -> None:
        super().catch_up()
        for part in self.findChildren(QWidget):  # a panel of its own that missed a change too
            if isinstance(part, RedrawWhenShown):
                part.catch_up()

    def refresh(self) -> None:
        """Redraw what is not a RecordTable (those redraw themselves)."""

    def context_text(self) -> str:
        """What is selected here, in words, for an action added from this screen ("" if nothing)."""
        return ""
