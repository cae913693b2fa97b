"""One team, initiative, priority or external party on the map: its shape, name, owner, the
badge counting who waits on it, and the handle an arrow is dragged from.

The item caches its picture (DeviceCoordinateCache): dragging it, or anything near it,
repaints a pixmap instead of laying out its text again.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QStyleOptionGraphicsItem, QWidget

from ...domain import model as m
from . import style

LABEL_LINES = 3
PAD = max(style.LOOP_BAND, style.CHAIN_BAND) / 2 + style.BADGE_RADIUS  # halo and badge reach outside the box


class Attached(Protocol):
    """What a node needs of an arrow that touches it (``edge_item.EdgeItem``, which imports this
    module): to follow the node when it moves."""

    def adjust(self) -> None: ...


def wrap(text: str, metrics: QFontMetricsF, width: float, lines: int) -> list[str]:
    """``text`` word-wrapped into at most ``lines`` lines of ``width``; the last one elided."""
    words = text.split()
    out: list[str] = []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if len(out) == lines - 1 and words:
            line = f"{line} {' '.join(words)}"
            words = []
        out.append(metrics.elidedText(line, Qt.ElideRight, width))
    return out


@cache
def _hit_shape(kind: str) -> QPainterPath:
    """The box and its connector handle as one area (united: with a plain second subpath the
    half of the handle inside the box would fall out of the shape under the odd-even rule)."""
    handle = QPainterPath()
    handle.addEllipse(NodeItem.handle_centre(), style.HANDLE_RADIUS + 4, style.HANDLE_RADIUS + 4)
    return style.outline(kind).united(handle)


class NodeItem(QGraphicsItem):
    """A node of the map; ``record`` is the DepNode it shows, ``edges`` the arrows that touch it."""

    Type = QGraphicsItem.UserType + 1

    def __init__(self, record: m.DepNode, owner_name: str):
        super().__init__()
        self.record = record
        self.node_id = record.id
        self.edges: list[Attached] = []
        self.badge = 0  # how many depend on it, directly or in turn
        self.in_loop = False
        self.in_chain = False
        self.hovered = False
        self.handles = True  # the connector handle; hidden in an export
        self._lines: list[str] = []
        self._owner = ""
        self.setFlags(QGraphicsItem.ItemIsSelectable | QGraphicsItem.ItemIsMovable
                      | QGraphicsItem.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.setZValue(10)
        self.set_record(record, owner_name)

    def type(self) -> int:
        return self.Type

    # ----- content ---------------------------------------------------------------------------

    def set_record(self, record: m.DepNode, owner_name: str) -> None:
        if self.record.kind != record.kind:
            self.prepareGeometryChange()  # another shape to hit and to draw
        self.record = record
        inset = style.TEXT_INSET.get(record.kind, style.TEXT_INSET["team"])
        width = style.WIDTH - 2 * inset
        self._lines = wrap(record.label or "(no name)", QFontMetricsF(style.font(style.LABEL_PX, True)), width,
                           LABEL_LINES)
        owner = owner_name or "no owner"
        self._owner = QFontMetricsF(style.font(style.OWNER_PX)).elidedText(owner, Qt.ElideRight, width)
        self._owned = bool(owner_name)
        self._update_tooltip()
        self.update()

    def _update_tooltip(self) -> None:
        kind = style.KIND_NAMES.get(self.record.kind, self.record.kind)
        waits = f"\n{self.badge} depend on it, directly or in turn" if self.badge else ""
        self.setToolTip(f"{self.record.label}\n{kind} · {self._owner}{waits}")

    def set_overlay(self, badge: int, in_loop: bool, in_chain: bool) -> None:
        if (badge, in_loop, in_chain) == (self.badge, self.in_loop, self.in_chain):
            return
        self.badge, self.in_loop, self.in_chain = badge, in_loop, in_chain
        self._update_tooltip()
        self.update()

    # ----- geometry --------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF(-style.WIDTH / 2 - PAD, -style.HEIGHT / 2 - PAD, style.WIDTH + 2 * PAD, style.HEIGHT + 2 * PAD)

    def shape(self) -> QPainterPath:
        return _hit_shape(self.record.kind)

    @staticmethod
    def handle_centre() -> QPointF:
        return QPointF(style.WIDTH / 2, 0)

    def on_handle(self, scene_pos: QPointF) -> bool:
        """Whether ``scene_pos`` grabs the connector handle (a little generous, for a touchpad)."""
        d = self.mapFromScene(scene_pos) - self.handle_centre()
        return self.handles and (d.x() ** 2 + d.y() ** 2) ** 0.5 <= style.HANDLE_RADIUS + 6

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:  # noqa: N802
        if change == QGraphicsItem.ItemPositionHasChanged:
            for edge in self.edges:
                edge.adjust()
        elif change == QGraphicsItem.ItemSelectedHasChanged:
            self.update()
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802
        self.hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    # ----- painting --------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        kind = self.record.kind
        path = style.outline(kind)
        painter.setRenderHint(QPainter.Antialiasing)
        if self.in_loop:
            painter.strokePath(path, style.shared_pen(style.LOOP, style.LOOP_BAND))
        if self.in_chain:
            painter.strokePath(path, style.shared_pen(style.CHAIN_CASING, style.CHAIN_BAND + 4))
            painter.strokePath(path, style.shared_pen(style.CHAIN, style.CHAIN_BAND))
        colour = style.KIND_COLOURS.get(kind, style.KIND_COLOURS["team"])
        border = style.pen(colour, 4.0, Qt.DashLine if kind == "external" else Qt.SolidLine)
        painter.fillPath(path, QBrush(style.tint(colour)))
        painter.strokePath(path, border)
        if self.isSelected():
            r = QRectF(-style.WIDTH / 2 - 9, -style.HEIGHT / 2 - 9, style.WIDTH + 18, style.HEIGHT + 18)
            painter.setPen(QPen(QColor(style.SELECTED), 4, Qt.DashLine))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(r, 10, 10)
        self._paint_text(painter)
        if self.badge:
            self._paint_badge(painter)
        if self.handles and (self.hovered or self.isSelected()):
            painter.setPen(QPen(QColor("#FFFFFF"), 3))
            painter.setBrush(QColor(style.OPEN))
            painter.drawEllipse(self.handle_centre(), style.HANDLE_RADIUS, style.HANDLE_RADIUS)

    def _paint_text(self, painter: QPainter) -> None:
        label_height = style.LABEL_PX * 1.18
        owner_height = style.OWNER_PX * 1.3
        block = label_height * len(self._lines) + owner_height
        top = -block / 2
        width = style.WIDTH
        painter.setPen(QColor("#000000"))
        painter.setFont(style.font(style.LABEL_PX, True))
        for i, line in enumerate(self._lines):
            painter.drawText(QRectF(-width / 2, top + i * label_height, width, label_height), Qt.AlignCenter, line)
        owner_font = style.font(style.OWNER_PX)
        owner_font.setItalic(not self._owned)
        painter.setFont(owner_font)
        painter.setPen(QColor("#1F2937" if self._owned else style.BLOCKED))
        painter.drawText(QRectF(-width / 2, top + len(self._lines) * label_height, width, owner_height),
                         Qt.AlignCenter, self._owner)

    def _paint_badge(self, painter: QPainter) -> None:
        centre = QPointF(style.WIDTH / 2 - 14, -style.HEIGHT / 2 + 4)
        r = style.BADGE_RADIUS
        painter.setPen(QPen(QColor("#FFFFFF"), 3))
        painter.setBrush(QColor("#000000"))
        painter.drawEllipse(centre, r, r)
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(style.font(style.BADGE_PX, True))
        painter.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), Qt.AlignCenter, str(self.badge))
