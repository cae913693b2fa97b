"""How the map looks: one shape and one Okabe-Ito colour per kind of node, and one colour plus
one line style or tag per edge state, so that nothing on the map relies on colour alone.

Sizes are canvas units; the boxes match the layout's ``Spacing``. Pens, brushes and shapes
are built once and shared: the canvas paints hundreds of items per frame.
"""

from __future__ import annotations

from functools import cache
from math import cos, pi, sin

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen, QPolygonF

from ...domain.graph_layout import Spacing
from ...map_look import (  # noqa: F401 - the map's look, shared with the PDF pack; the graph modules read it here
    ARROW_HALF_WIDTH,
    ARROW_LENGTH,
    AT_RISK,
    BLOCKED,
    CHAIN,
    CHAIN_BAND,
    CHAIN_CASING,
    DONE,
    KIND_COLOUR_NAMES,
    KIND_NAMES,
    KIND_SHAPES,
    LOOP,
    LOOP_BAND,
    OPEN,
    EdgeLook,
    edge_look,
)
from ..theme import OKABE_ITO

SPACING = Spacing()
WIDTH, HEIGHT = SPACING.width, SPACING.height

KIND_COLOURS = {kind: OKABE_ITO[name] for kind, name in KIND_COLOUR_NAMES.items()}
# How far the text keeps from the box's bounds, per shape: pointed and round shapes have less room.
TEXT_INSET = {"team": 10.0, "initiative": 30.0, "priority": 34.0, "external": 20.0}
SELECTED = OKABE_ITO["blue"]

LABEL_PX = 24
OWNER_PX = 19
TAG_PX = 18
BADGE_PX = 19
BADGE_RADIUS = 20.0
HANDLE_RADIUS = 10.0


def font(px: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def tint(colour: str, amount: float = 0.82) -> QColor:
    """``colour`` mixed with white: a fill light enough for black text on top."""
    c = QColor(colour)
    return QColor.fromRgbF(c.redF() + (1 - c.redF()) * amount, c.greenF() + (1 - c.greenF()) * amount,
                           c.blueF() + (1 - c.blueF()) * amount)


def pen(colour: str | QColor, width: float, style: Qt.PenStyle = Qt.SolidLine) -> QPen:
    p = QPen(QColor(colour), width, style)
    p.setCapStyle(Qt.FlatCap if style != Qt.SolidLine else Qt.RoundCap)
    p.setJoinStyle(Qt.RoundJoin)
    return p


@cache
def shared_pen(colour: str, width: float, dashed: bool = False, alpha: int = 255) -> QPen:
    """One pen per look, built once: painting asks for pens hundreds of times per frame."""
    c = QColor(colour)
    c.setAlpha(alpha)
    return pen(c, width, Qt.DashLine if dashed else Qt.SolidLine)


@cache
def shared_font(px: int, bold: bool = False) -> QFont:
    return font(px, bold)


@cache
def outline(kind: str) -> QPainterPath:
    """The node's shape, centred on (0, 0)."""
    w, h = WIDTH / 2, HEIGHT / 2
    path = QPainterPath()
    if kind == "initiative":
        cut = 26.0
        path.addPolygon(QPolygonF([QPointF(-w, 0), QPointF(-w + cut, -h), QPointF(w - cut, -h), QPointF(w, 0),
                                   QPointF(w - cut, h), QPointF(-w + cut, h), QPointF(-w, 0)]))
    elif kind == "priority":
        path.addEllipse(QRectF(-w, -h, WIDTH, HEIGHT))
    elif kind == "external":
        cut = 20.0
        path.addPolygon(QPolygonF([QPointF(-w + cut, -h), QPointF(w - cut, -h), QPointF(w, -h + cut),
                                   QPointF(w, h - cut), QPointF(w - cut, h), QPointF(-w + cut, h),
                                   QPointF(-w, h - cut), QPointF(-w, -h + cut), QPointF(-w + cut, -h)]))
    else:
        path.addRoundedRect(QRectF(-w, -h, WIDTH, HEIGHT), 14, 14)
    path.closeSubpath()
    return path


@cache
def boundary(kind: str) -> QPolygonF:
    """The outline as a polygon, for where an arrow meets the box (an oval as 36 corners)."""
    if kind == "priority":
        return QPolygonF([QPointF(WIDTH / 2 * cos(2 * pi * i / 36), HEIGHT / 2 * sin(2 * pi * i / 36))
                          for i in range(37)])
    return outline(kind).toFillPolygon()


@cache
def _corners(kind: str) -> tuple[tuple[float, float], ...]:
    polygon = boundary(kind)
    return tuple((polygon.at(i).x(), polygon.at(i).y()) for i in range(polygon.count()))


def exit_point(kind: str, dx: float, dy: float) -> tuple[float, float]:
    """Where a ray from the box's centre in direction (dx, dy) leaves its outline (box
    coordinates). Plain arithmetic: it runs for every arrow end on every frame of a drag."""
    if kind == "priority":  # an ellipse, exactly
        a, b = WIDTH / 2, HEIGHT / 2
        scale = ((dx / a) ** 2 + (dy / b) ** 2) ** -0.5 if (dx or dy) else 0.0
        return dx * scale, dy * scale
    best = None
    corners = _corners(kind)
    for (px, py), (qx, qy) in zip(corners, corners[1:], strict=False):
        ex, ey = qx - px, qy - py
        denominator = dx * ey - dy * ex
        if abs(denominator) < 1e-12:
            continue
        t = (px * ey - py * ex) / denominator
        s = (px * dy - py * dx) / denominator
        if t > 0 and -1e-9 <= s <= 1 + 1e-9 and (best is None or t < best):
            best = t
    t = best or 0.0
    return dx * t, dy * t
