"""``StageView``: one stage view drawn for the widget's current size.

While room voting is on, the join view gets a QR code of the address: it takes a column on the
right and the view is laid out in what is left, so the rows never run under it. The QR code is
handed in as a pixmap (made by whoever started the room): the stage knows nothing of the room.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..domain import model as m
from ..domain.stage import RoomInfo, StageModel, StageRef, pick_page
from . import style
from .render import Drawn, Layout, pages_for, paint

QR_HEIGHT = 0.62  # the QR code's side as a share of the stage's height (scannable from the back)
QR_WIDTH = 0.3  # ... and at most this share of its width


def qr_rect(width: int, height: int) -> QRect:
    """Where the join view's QR code goes: a square on the right, centred in height."""
    side = int(min(height * QR_HEIGHT, width * QR_WIDTH))
    margin = round(height * style.MARGIN)
    return QRect(width - margin - side, (height - side) // 2, side, side)


StageLayout = tuple[StageModel, Layout, QRect | None]  # a page, its layout, the QR code's place
Laid = tuple[tuple[StageModel, ...], Layout, QRect | None]  # every page of a view


T = TypeVar("T")


class LayoutCache:
    """Views laid out for a size (and the show's order), kept until the workshop changes
    (``clear``, or another workshop).

    One press of the clicker asks for the same view several times (its page count, the stage's
    paint, the console's thumbnail and caption); building it once keeps the press fast."""

    LIMIT = 64  # a few views at two or three sizes; an old entry is dropped first

    def __init__(self) -> None:
        self._ws: m.Workshop | None = None
        self._layouts: dict[tuple, Laid] = {}

    def clear(self) -> None:
        self._layouts.clear()

    def get(self, ws: m.Workshop, key: tuple, make: Callable[[], T]) -> T:
        if ws is not self._ws:
            self._ws = ws
            self._layouts.clear()
        if key not in self._layouts:
            if len(self._layouts) >= self.LIMIT:
                self._layouts.pop(next(iter(self._layouts)))
            self._layouts[key] = make()
        return self._layouts[key]


def stage_layout(ws: m.Workshop, ref: StageRef, width: int, height: int, room: RoomInfo | None = None,
                 qr: QPixmap | None = None, now: datetime | None = None,
                 cache: LayoutCache | None = None) -> StageLayout:
    """The view paginated for this size, its layout, and where the QR code goes (None: no QR code)."""
    with_qr = ref.kind == "join" and room is not None and qr is not None and not qr.isNull()

    def make() -> Laid:
        if with_qr:
            rect = qr_rect(width, height)
            return (*pages_for(ws, ref, max(1, rect.left()), height, room, now), rect)
        return (*pages_for(ws, ref, width, height, room, now), None)

    view = StageRef(ref.kind, ref.key)  # every page of a view is laid out at once
    key = (view, width, height, room, qr.cacheKey() if with_qr else None, now)
    pages, lay, rect = make() if cache is None else cache.get(ws, key, make)
    return pick_page(pages, ref.page), lay, rect


def draw_stage(painter: QPainter, ws: m.Workshop, ref: StageRef, width: int, height: int,
               room: RoomInfo | None = None, qr: QPixmap | None = None, now: datetime | None = None,
               cache: LayoutCache | None = None) -> tuple[StageModel, list[Drawn]]:
    """Draw the view (and the QR code) into ``painter`` for a stage of ``width`` x ``height``."""
    model, lay, rect = stage_layout(ws, ref, width, height, room, qr, now, cache)
    if rect is not None:
        painter.fillRect(QRect(0, 0, width, height), QColor(style.BACKGROUND))
    drawn = paint(painter, model, lay)
    if rect is not None and qr is not None:
        # Hard module edges when enlarging: every phone camera reads them.
        mode = Qt.FastTransformation if rect.width() >= qr.width() else Qt.SmoothTransformation
        painter.drawPixmap(rect.topLeft(), qr.scaled(rect.size(), Qt.KeepAspectRatio, mode))
    return model, drawn


def render_stage(ws: m.Workshop, ref: StageRef, width: int, height: int, room: RoomInfo | None = None,
                 qr: QPixmap | None = None, scale: float = 1.0, now: datetime | None = None,
                 cache: LayoutCache | None = None) -> QImage:
    """The view as the stage of ``width`` x ``height`` draws it, in an image ``scale`` times that
    size: the console's thumbnails show the stage's own pagination, only smaller."""
    image = QImage(max(1, round(width * scale)), max(1, round(height * scale)), QImage.Format_RGB32)
    image.fill(QColor(style.BACKGROUND))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        painter.scale(scale, scale)
        draw_stage(painter, ws, ref, width, height, room, qr, now, cache)
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
        self.now: datetime | None = None  # the minute the timers show (None: no timers)
        self.cache = LayoutCache()
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
        return stage_layout(ws, self.ref, max(1, self.width()), max(1, self.height()), self.room, self.qr, self.now,
                            self.cache)[0]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        ws = self.source()
        ref = self.ref if ws is not None else StageRef("blank")
        painter = QPainter(self)
        try:
            model, self.drawn = draw_stage(painter, ws or m.Workshop(), ref, max(1, self.width()),
                                           max(1, self.height()), self.room, self.qr, self.now,
                                           self.cache if ws is not None else None)
        finally:
            painter.end()
        # A screen reader reads the view as text: it is painted, so it has no child widgets to read.
        self.setAccessibleName(model.title or "Blank stage")
        self.setAccessibleDescription(model.as_text())
