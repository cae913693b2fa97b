"""One dependency on the map: an arrow from the provider to whoever waits on it.

Its state shows three ways at once, so that a colour-blind reader and a grey projector lose
nothing: a colour, a mark on the line (a bar when blocked, a warning triangle when at risk, a
dashed line when nobody owns it) and a tag in words. Geometry is recomputed only when an end
moves (``adjust``); painting reuses it.
"""

from __future__ import annotations

from math import hypot

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ...domain import model as m
from . import style
from .node_item import NodeItem

TAG_PAD = 4.0
MARK_AT = 0.72  # where along the line the blocked bar or the warning sits
PICK_WIDTH = 16.0  # how far from the line a click still selects it
MIN_READABLE_PX = 6.0  # tags and marks smaller than this on screen are not drawn


class EdgeItem(QGraphicsItem):
    """An arrow between two NodeItems; ``record`` is the DepEdge it shows."""

    Type = QGraphicsItem.UserType + 2

    def __init__(self, record: m.DepEdge, source: NodeItem, target: NodeItem):
        super().__init__()
        self.source = source
        self.target = target
        self.offset = 0.0  # sideways shift, so that A -> B and B -> A do not overlap
        self.in_loop = False
        self.in_chain = False
        self.line = QLineF()
        self._bounds = QRectF()
        self._shape = QPainterPath()
        self._arrow = QPolygonF()
        self._tag_rect = QRectF()
        self.setFlags(QGraphicsItem.ItemIsSelectable)
        self.setZValue(0)
        source.edges.append(self)
        target.edges.append(self)
        self.set_record(record)

    def type(self) -> int:
        return self.Type

    @property
    def edge_id(self) -> str:
        return self.record.id

    def set_record(self, record: m.DepEdge) -> None:
        self.record = record
        self.look = style.edge_look(record)
        metrics = QFontMetricsF(style.font(style.TAG_PX, True))
        self._tag_size = (max((metrics.horizontalAdvance(t) for t in self.look.tags), default=0.0),
                          metrics.height() * len(self.look.tags))
        what = record.what or "(what is not written yet)"
        self.setToolTip(f"{what}\n{record.status.replace('_', ' ')} · risk {record.risk}"
                        + (f" · needed by {record.needed_by}" if record.needed_by else ""))
        self.adjust()
        self.update()

    def set_overlay(self, in_loop: bool, in_chain: bool) -> None:
        if (in_loop, in_chain) != (self.in_loop, self.in_chain):
            self.in_loop, self.in_chain = in_loop, in_chain
            self.update()

    def detach(self) -> None:
        for node in (self.source, self.target):
            if self in node.edges:
                node.edges.remove(self)

    # ----- geometry --------------------------------------------------------------------------

    def adjust(self) -> None:
        """Recompute the arrow from where its two boxes are now."""
        a, b = self.source.pos(), self.target.pos()
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = hypot(dx, dy)
        self.prepareGeometryChange()
        if length < 1.0:
            self.line = QLineF()
            self._bounds, self._shape, self._arrow, self._tag_rect = QRectF(), QPainterPath(), QPolygonF(), QRectF()
            return
        ux, uy = dx / length, dy / length
        shift = QPointF(-uy * self.offset, ux * self.offset)
        sx, sy = style.exit_point(self.source.record.kind, dx, dy)
        tx, ty = style.exit_point(self.target.record.kind, -dx, -dy)
        start = QPointF(a.x() + sx, a.y() + sy) + shift
        tip = QPointF(b.x() + tx, b.y() + ty) + shift
        if (tip.x() - start.x()) * ux + (tip.y() - start.y()) * uy <= style.ARROW_LENGTH:
            self.line = QLineF()  # the boxes touch: no room for an arrow
            self._bounds, self._shape, self._arrow, self._tag_rect = QRectF(), QPainterPath(), QPolygonF(), QRectF()
            return
        base = tip - QPointF(ux, uy) * style.ARROW_LENGTH
        normal = QPointF(-uy, ux) * style.ARROW_HALF_WIDTH
        self._arrow = QPolygonF([tip, base + normal, base - normal])
        self.line = QLineF(start, base)
        self._tag_rect = self._place_tag(QLineF(start, tip).pointAt(0.5), ux, uy) if self.look.tags else QRectF()
        path = QPainterPath(start)
        path.lineTo(tip)
        stroker = QPainterPathStroker()
        stroker.setWidth(PICK_WIDTH)
        self._shape = stroker.createStroke(path)
        self._shape.addRect(self._tag_rect)
        margin = max(style.LOOP_BAND, style.CHAIN_BAND, 2 * style.ARROW_HALF_WIDTH, 30.0)
        self._bounds = (QRectF(start, tip).normalized().adjusted(-margin, -margin, margin, margin)
                        .united(self._tag_rect))

    def _place_tag(self, middle: QPointF, ux: float, uy: float) -> QRectF:
        """The tag beside the middle of the line (above it, or right of a vertical one), so
        that it never hides the line it describes."""
        w, h = self._tag_size[0] + 2 * TAG_PAD, self._tag_size[1] + TAG_PAD
        nx, ny = -uy, ux
        if ny > 0 or (abs(ny) < 1e-9 and nx < 0):
            nx, ny = -nx, -ny
        clearance = 18.0 if self.look.bar or self.look.warning else 6.0  # keep clear of the mark on the line
        reach = abs(nx) * w / 2 + abs(ny) * h / 2 + clearance
        return QRectF(middle.x() + nx * reach - w / 2, middle.y() + ny * reach - h / 2, w, h)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    # ----- painting --------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self.line.isNull():
            return
        painter.setRenderHint(QPainter.Antialiasing)
        full = QLineF(self.line.p1(), self._arrow.at(0))
        if self.in_loop:
            painter.setPen(style.shared_pen(style.LOOP, style.LOOP_BAND, False, 150))
            painter.drawLine(full)
        if self.in_chain:
            painter.setPen(style.shared_pen(style.CHAIN_CASING, style.CHAIN_BAND + 4))
            painter.drawLine(full)
            painter.setPen(style.shared_pen(style.CHAIN, style.CHAIN_BAND))
            painter.drawLine(full)
        look = self.look
        selected = self.isSelected()
        colour = style.SELECTED if selected else look.colour
        painter.setPen(style.shared_pen(colour, look.width + (2.0 if selected else 0.0), look.dashed))
        painter.drawLine(self.line)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawPolygon(self._arrow)
        # Marks and words too small to read are left out: at a whole-map zoom of a large map
        # they would cost most of the frame and show nothing.
        readable = option.levelOfDetailFromTransform(painter.worldTransform()) * style.TAG_PX >= MIN_READABLE_PX
        if not readable:
            return
        if look.bar:
            self._paint_bar(painter, colour)
        elif look.warning:
            self._paint_warning(painter, colour)
        if look.tags:
            self._paint_tags(painter, colour)

    def _mark_frame(self) -> tuple[QPointF, QPointF, QPointF]:
        """The mark's centre, the unit direction of the line and its normal."""
        length = self.line.length() or 1.0
        u = QPointF(self.line.dx() / length, self.line.dy() / length)
        return self.line.pointAt(MARK_AT), u, QPointF(-u.y(), u.x())

    def _paint_bar(self, painter: QPainter, colour: str) -> None:
        centre, _, n = self._mark_frame()
        painter.setPen(style.shared_pen(colour, 7.0))
        painter.drawLine(centre - n * 16, centre + n * 16)

    def _paint_warning(self, painter: QPainter, colour: str) -> None:
        centre, _, _ = self._mark_frame()
        r = 15.0
        triangle = QPolygonF([centre + QPointF(0, -r), centre + QPointF(r * 0.95, r * 0.7),
                              centre + QPointF(-r * 0.95, r * 0.7)])
        painter.setPen(style.shared_pen("#FFFFFF", 2.0))
        painter.setBrush(QColor(colour))
        painter.drawPolygon(triangle)
        painter.setPen(QColor("#000000"))
        painter.setFont(style.shared_font(16, True))
        painter.drawText(QRectF(centre.x() - r, centre.y() - r * 0.55, 2 * r, r * 1.2), Qt.AlignCenter, "!")

    def _paint_tags(self, painter: QPainter, colour: str) -> None:
        painter.setPen(style.shared_pen(colour, 2.0))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(self._tag_rect, 6, 6)
        painter.setFont(style.shared_font(style.TAG_PX, True))
        line_height = self._tag_size[1] / len(self.look.tags)
        top = self._tag_rect.top() + TAG_PAD / 2
        for i, tag in enumerate(self.look.tags):
            painter.setPen(QColor(style.BLOCKED) if tag == "no owner" else _text_colour(QColor(colour)))
            painter.drawText(QRectF(self._tag_rect.left(), top + i * line_height, self._tag_rect.width(), line_height),
                             Qt.AlignCenter, tag)


def _text_colour(line: QColor) -> QColor:
    """Tag text in the line's colour, darkened where that colour is too light to read."""
    return QColor("#4B5563") if line.lightness() > 140 else line
