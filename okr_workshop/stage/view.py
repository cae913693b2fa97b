"""``StageView``: one stage view drawn for the widget's current size.

While room voting is on, the join view gets a QR code of the address: it takes a column on the
right and the view is laid out in what is left, so the rows never run under it. The QR code is
handed in as a pixmap (made by whoever started the room): the stage knows nothing of the room.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..domain import model as m
from ..domain.stage import RoomInfo, StageModel, StageRef
from . import style
from .render import Drawn, Layout, model_for, paint

QR_HEIGHT = 0.62  # the QR code's side as a share of the stage's height (scannable from the back)
QR_WIDTH = 0.3  # ... and at most this share of its width


def qr_rect(width: int, height: int) -> QRect:
    """Where the join view's QR code goes: a square on the right, centred in height."""
    side = int(min(height * QR_HEIGHT, width * QR_WIDTH))
    margin = round(height * style.MARGIN)
    return QRect(width - margin - side, (height - side) // 2, side, side)


def stage_layout(ws: m.Workshop, ref: StageRef, width: int, height: int, room: RoomInfo | None = None,
                 qr: QPixmap | None = None) -> tuple[StageModel, Layout, QRect | None]:
    """The view paginated for this size, its layout, and where the QR code goes (None: no QR code)."""
    if ref.kind == "join" and room is not None and qr is not None and not qr.isNull():
        rect = qr_rect(width, height)
        model, lay = model_for(ws, ref, max(1, rect.left()), height, room)
        return model, lay, rect
    model, lay = model_for(ws, ref, width, height, room)
    return model, lay, None


def draw_stage(painter: QPainter, ws: m.Workshop, ref: StageRef, width: int, height: int,
               room: RoomInfo | None = None, qr: QPixmap | None = None) -> tuple[StageModel, list[Drawn]]:
    """Draw the view (and the QR code) into ``painter`` for a stage of ``width`` x ``height``."""
    model, lay, rect = stage_layout(ws, ref, width, height, room, qr)
    if rect is not None:
        painter.fillRect(QRect(0, 0, width, height), QColor(style.BACKGROUND))
    drawn = paint(painter, model, lay)
    if rect is not None and qr is not None:
        # Hard module edges when enlarging: every phone camera reads them.
        mode = Qt.FastTransformation if rect.width() >= qr.width() else Qt.SmoothTransformation
        painter.drawPixmap(rect.topLeft(), qr.scaled(rect.size(), Qt.KeepAspectRatio, mode))
    return model, drawn


def render_stage(ws: m.Workshop, ref: StageRef, width: int, height: int, room: RoomInfo | None = None,
                 qr: QPixmap | None = None, scale: float = 1.0) -> QImage:
    """The view as the stage of ``width`` x ``height`` draws it, in an image ``scale`` times that
    size: the console's thumbnails show the stage's own pagination, only smaller."""
    image = QImage(max(1, round(width * scale)), max(1, round(height * scale)), QImage.Format_RGB32)
    image.fill(QColor(style.BACKGROUND))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        painter.scale(scale, scale)
        draw_stage(painter, ws, ref, width, height, room, qr)
    finally:
        painter.end()
    return image


class StageView(QWidget):
    """Paints ``ref`` from the workshop ``source`` gives (None: nothing open, a blank stage).

    Painted, never laid out with child widgets: there is nothing to scroll, edit or focus."""

    def __init__(self, source: Callable[[], m.Workshop | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.ref = StageRef("title")
        self.room: RoomInfo | None = None
        self.qr: QPixmap | None = None
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
        return stage_layout(ws, self.ref, max(1, self.width()), max(1, self.height()), self.room, self.qr)[0]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        ws = self.source()
        ref = self.ref if ws is not None else StageRef("blank")
        painter = QPainter(self)
        try:
            self.drawn = draw_stage(painter, ws or m.Workshop(), ref, max(1, self.width()), max(1, self.height()),
                                    self.room, self.qr)[1]
        finally:
            painter.end()
