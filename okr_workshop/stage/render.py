"""Drawing one stage view for a size: the layout, the page size it implies, and the painting.

``layout_for`` turns a size into the rows and characters a page holds, so the domain can cut
the view into pages; ``paint`` draws the model. The stage window, the rehearsal PNGs and the
tests all come through here. Every text drawn is recorded (``Drawn``) so tests can check the
sizes and the words without reading pixels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

from ..domain import model as m
from ..domain.stage import (
    BAR_SHARE,
    FIGURE_ROWS,
    RoomInfo,
    Row,
    StageModel,
    StageRef,
    build_pages,
    page_label,
    view_title,
    wrap,
)
from . import diagram, style
from .text import CHAR_SAFETY, SAMPLE, Drawn, font


@dataclass(frozen=True)
class Layout:
    """Where things go on a stage of ``width`` x ``height`` pixels."""

    width: int
    height: int
    margin: int
    title_font: QFont
    title_rect: QRect
    body_rect: QRect
    footer_rect: QRect
    row_height: int
    rows: int  # body rows a page holds
    chars: int  # characters a body row holds


def _title_font(title: str, width: int, height: int) -> tuple[QFont, int]:
    """The largest title size (down to the body's) at which the title fits in two rows; its height.
    At the body's size a long title takes the rows it needs, up to half the stage."""
    size = style.title_px(height)
    floor = style.body_px(height)
    while True:
        f = font(size, bold=True)
        fm = QFontMetrics(f)
        needed = fm.boundingRect(QRect(0, 0, width, 10 * height), Qt.TextWordWrap, title).height()
        if needed <= 2 * fm.lineSpacing() or size <= floor:
            return f, min(needed, height // 2)
        size = max(floor, size - max(1, size // 12))


def layout_for(width: int, height: int, title: str) -> Layout:
    margin = round(height * style.MARGIN)
    inner = width - 2 * margin
    title_font, title_h = _title_font(title, inner, height) if title else (font(style.title_px(height), True), 0)
    small = QFontMetrics(font(style.small_px(height)))
    footer_h = small.lineSpacing()
    footer = QRect(margin, height - margin - footer_h, inner, footer_h)
    gap = round(height * 0.03) if title else 0
    top = margin + title_h + gap
    body = QRect(margin, top, inner, max(0, footer.top() - round(height * 0.02) - top))
    fm = QFontMetrics(font(style.body_px(height)))
    row_h = fm.lineSpacing() + round(height * 0.004)
    char_px = fm.horizontalAdvance(SAMPLE) / len(SAMPLE) * CHAR_SAFETY
    return Layout(width, height, margin, title_font, QRect(margin, margin, inner, title_h), body, footer, row_h,
                  max(1, body.height() // row_h), max(8, int(inner / char_px)))


def pages_for(ws: m.Workshop, ref: StageRef, width: int, height: int, room: RoomInfo | None = None,
              now: datetime | None = None) -> tuple[tuple[StageModel, ...], Layout]:
    """Every page of the view ``ref`` for this size, with the layout they are drawn in."""
    title = view_title(ws, ref, room, now)
    lay = layout_for(width, height, title)
    return build_pages(ws, ref, lay.rows, lay.chars, room, now), lay


class _Pen:
    """Draws text into a painter and records it."""

    def __init__(self, painter: QPainter, drawn: list[Drawn]) -> None:
        self.painter = painter
        self.drawn = drawn

    def text(self, rect: QRect, text: str, f: QFont, colour: str, align=Qt.AlignLeft | Qt.AlignVCenter,
             wrap: bool = False, min_px: int = 0) -> None:
        fm = QFontMetrics(f)
        fitted = True
        if wrap:
            fitted = fm.boundingRect(QRect(0, 0, rect.width(), 100 * rect.height()), Qt.TextWordWrap,
                                     text).height() <= rect.height()
        else:
            while fm.horizontalAdvance(text) > rect.width() and f.pixelSize() > max(min_px, 1):
                f = font(f.pixelSize() - 1, f.bold())  # a row the domain measured too short: shrink a little
                fm = QFontMetrics(f)
            if fm.horizontalAdvance(text) > rect.width():
                text, fitted = fm.elidedText(text, Qt.ElideRight, rect.width()), False
        self.painter.setFont(f)
        self.painter.setPen(QColor(colour))
        flags = align | (Qt.TextWordWrap if wrap else 0)
        self.painter.save()
        self.painter.setClipRect(rect)  # nothing spills into its neighbour, even when it does not fit
        self.painter.drawText(rect, flags, text)
        self.painter.restore()
        self.drawn.append(Drawn(text, f.pixelSize(), fm.height(), QRect(rect), fitted))


def paint(painter: QPainter, model: StageModel, lay: Layout) -> list[Drawn]:
    """Draw ``model`` in ``lay``; returns every text drawn."""
    drawn: list[Drawn] = []
    blank = model.ref.kind == "blank"
    painter.fillRect(QRect(0, 0, lay.width, lay.height), QColor(style.BLANK if blank else style.BACKGROUND))
    if blank:
        return drawn
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.TextAntialiasing)
    pen = _Pen(painter, drawn)
    small_px, body_px = style.small_px(lay.height), style.body_px(lay.height)
    if model.title:
        pen.text(lay.title_rect, model.title, lay.title_font, style.TEXT, Qt.AlignLeft | Qt.AlignTop, wrap=True)
    body = QRect(lay.body_rect)
    if model.subtitle:
        height = len(wrap(model.subtitle, lay.chars)) * lay.row_height  # the rows the domain kept for it
        pen.text(QRect(body.left(), body.top(), body.width(), height), model.subtitle, font(body_px), style.MUTED,
                 wrap=True)
        body.setTop(body.top() + height)
    if model.diagram is not None:
        drawn += diagram.paint_map(painter, model.diagram, body, lay.height)
    if model.figure:
        share = body.height() if not model.rows else FIGURE_ROWS * lay.row_height
        _figure(pen, model, QRect(body.left(), body.top(), body.width(), share), body_px, small_px)
        body.setTop(body.top() + share)
    _rows(pen, list(model.rows), body, lay, body_px, small_px)
    small = font(small_px)
    footer_room = lay.footer_rect.width() * 4 // 5
    if model.footer and QFontMetrics(small).horizontalAdvance(model.footer) <= footer_room:  # else left out
        footer = QRect(lay.footer_rect.left(), lay.footer_rect.top(), footer_room, lay.footer_rect.height())
        pen.text(footer, model.footer, small, style.MUTED, min_px=small_px)
    if model.pages > 1:
        pen.text(lay.footer_rect, page_label(model.page, model.pages), font(small_px, True), style.TEXT,
                 Qt.AlignRight | Qt.AlignVCenter)
    return drawn


def _figure(pen: _Pen, model: StageModel, rect: QRect, body_px: int, small_px: int) -> None:
    """The big figure, centred, its label above it."""
    figure = model.figure
    assert figure is not None
    label_h = QFontMetrics(font(body_px)).lineSpacing() if figure.label else 0
    size = int((rect.height() - label_h) * 0.7)
    while size > body_px and QFontMetrics(font(size, True)).horizontalAdvance(figure.value) > rect.width():
        size -= max(1, size // 20)
    value_h = QFontMetrics(font(size, True)).lineSpacing()
    top = rect.top() + max(0, (rect.height() - label_h - value_h) // 2)
    if figure.label:
        pen.text(QRect(rect.left(), top, rect.width(), label_h), figure.label, font(body_px), style.MUTED,
                 Qt.AlignHCenter | Qt.AlignVCenter, min_px=small_px)
    pen.text(QRect(rect.left(), top + label_h, rect.width(), value_h), figure.value, font(size, True), style.TEXT,
             Qt.AlignHCenter | Qt.AlignVCenter, min_px=small_px)


def _rows(pen: _Pen, rows: list[Row], body: QRect, lay: Layout, body_px: int, small_px: int) -> None:
    fonts: dict[str, QFont] = {"body": font(body_px), "strong": font(body_px, True), "muted": font(body_px)}
    colours = {"body": style.TEXT, "strong": style.TEXT, "muted": style.MUTED}
    em = QFontMetrics(fonts["body"]).horizontalAdvance("M")
    widest: Callable[[str], int] = lambda attr: max(  # noqa: E731 - a one-line measure
        (QFontMetrics(fonts["strong"]).horizontalAdvance(getattr(r, attr)) for r in rows if getattr(r, attr)),
        default=0)
    lead_w = widest("lead") + em if any(r.lead for r in rows) else 0
    figure_w = widest("figure") + em // 2 if any(r.figure for r in rows) else 0
    bar_w = int(body.width() * BAR_SHARE) if any(r.bar is not None for r in rows) else 0
    text_left = body.left() + lead_w
    for i, row in enumerate(rows):
        y = body.top() + i * lay.row_height
        if y + lay.row_height > body.bottom() + 1:
            break  # the domain paginated for this size; never draw past the page
        line = QRect(body.left(), y, body.width(), lay.row_height)
        if row.lead:
            pen.text(QRect(line.left(), y, lead_w, lay.row_height), row.lead, fonts["strong"], style.TEXT,
                     min_px=small_px)
        # only a row with a figure or a bar gives room to them, as the domain wrapped it
        right = line.right() - (figure_w if row.figure else 0) - (bar_w + em // 2 if row.bar is not None else 0)
        pen.text(QRect(text_left, y, max(1, right - text_left), lay.row_height), row.text, fonts[row.style],
                 colours.get(row.style, style.TEXT), min_px=small_px)
        if row.bar is not None and bar_w:
            bar = QRectF(line.right() - figure_w - bar_w, y + lay.row_height * 0.2, bar_w * row.bar,
                         lay.row_height * 0.6)
            pen.painter.fillRect(bar, QColor(style.BAR))
        if row.figure:
            pen.text(QRect(line.right() - figure_w, y, figure_w, lay.row_height), row.figure, fonts["strong"],
                     style.TEXT, Qt.AlignRight | Qt.AlignVCenter, min_px=small_px)


def render_image(model: StageModel, lay: Layout) -> QImage:
    """One page as an image of the layout's size (no window needed): for the rehearsal."""
    image = QImage(lay.width, lay.height, QImage.Format_RGB32)
    painter = QPainter(image)
    try:
        paint(painter, model, lay)
    finally:
        painter.end()
    return image
