"""``StageView``: one stage view drawn for the widget's current size."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..domain import model as m
from ..domain.stage import RoomInfo, StageModel, StageRef
from .render import Drawn, model_for, paint


class StageView(QWidget):
    """Paints ``ref`` from the workshop ``source`` gives (None: nothing open, a blank stage).

    Painted, never laid out with child widgets: there is nothing to scroll, edit or focus."""

    def __init__(self, source: Callable[[], m.Workshop | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.ref = StageRef("title")
        self.room: RoomInfo | None = None
        self.drawn: list[Drawn] = []  # the texts of the last paint
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setAutoFillBackground(False)

    def show_ref(self, ref: StageRef) -> None:
        self.ref = ref
        self.update()

    def model(self) -> StageModel:
        """The view as it is paginated for the widget's size now (the page clamped)."""
        ws = self.source()
        if ws is None:
            return StageModel(StageRef("blank"))
        return model_for(ws, self.ref, max(1, self.width()), max(1, self.height()), self.room)[0]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        ws = self.source()
        ref = self.ref if ws is not None else StageRef("blank")
        model, lay = model_for(ws or m.Workshop(), ref, max(1, self.width()), max(1, self.height()), self.room)
        painter = QPainter(self)
        try:
            self.drawn = paint(painter, model, lay)
        finally:
            painter.end()
