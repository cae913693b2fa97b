"""Painting one page of the dependency map on the stage (okr_workshop.domain.stage_map).

Boxes sit on the page's grid; arrows run through the gaps between them (never across a box), each
in its own lane, so the back row can follow one from end to end. Nothing relies on colour
alone: an arrow's state is also its dash pattern, a box's mark is also a thicker border and a
word. Every text drawn is recorded as ``text.Drawn``, as the other views are.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF

from ..domain.stage_map import GAP_CHARS, GAP_ROWS, PAD_ROWS, MapBox, MapPage
from ..palette import OKABE_ITO
from . import style
from .text import CHAR_SAFETY, SAMPLE, Drawn, font

BOX_FILL = "#1F2937"  # a step lighter than the stage: the box reads as a card
MARGIN_SHARE = 0.35  # of a gap, round a grid of several rows or columns
TAG_OUT = 0.35  # the share of a tag outside its box's border: the gap row stays free for arrows


@dataclass(frozen=True)
class ArrowLook:
    """An arrow state as colour, width (times the base width) and dash pattern (None: solid)."""

    colour: str
    width: float
    dashes: tuple[float, ...] | None
    words: str


ARROW_LOOKS = {
    "ok": ArrowLook(style.MUTED, 1.0, None, "on track"),
    "at_risk": ArrowLook(OKABE_ITO["orange"], 1.3, (4.0, 2.5), "at risk"),
    "blocked": ArrowLook(OKABE_ITO["vermillion"], 1.8, (4.0, 1.5, 1.0, 1.5), "blocked"),
    "done": ArrowLook("#9CA3AF", 1.0, (0.5, 2.0), "done"),
}
MARK_COLOURS = {"chain": OKABE_ITO["yellow"], "loop": OKABE_ITO["vermillion"]}
MARK_WORDS = {"chain": "★ CHAIN", "loop": "⟲ LOOP"}
BORDER = style.MUTED
COLOURS = (BORDER, *(look.colour for look in ARROW_LOOKS.values()), *MARK_COLOURS.values())  # all >= 4.5:1


@dataclass(frozen=True)
class _Geometry:
    """Where the grid's boxes and the gaps between them are, in pixels."""

    left: float  # the first box's left and top
    top: float
    box_w: float
    box_h: float
    gap_x: float
    gap_y: float

    def box(self, col: int, row: int) -> QRectF:
        return QRectF(self.left + col * (self.box_w + self.gap_x), self.top + row * (self.box_h + self.gap_y),
                      self.box_w, self.box_h)

    def v_gap(self, k: int) -> float:
        """The x of the middle of the gap left of column ``k`` (``cols``: right of the last)."""
        return self.left + k * (self.box_w + self.gap_x) - self.gap_x / 2

    def h_gap(self, j: int) -> float:
        """The y of the middle of the gap above row ``j`` (``rows``: below the last)."""
        return self.top + j * (self.box_h + self.gap_y) - self.gap_y / 2


def _margin(count: int, gap: float) -> float:
    """The margin each side of the grid: a whole gap's half when a lone row or column routes its
    arrows round the outside, else only room for the tags on the border."""
    return gap / 2 if count == 1 else gap * MARGIN_SHARE


def _geometry(page: MapPage, rect: QRect, height: int) -> _Geometry:
    """The grid in ``rect``: characters and lines of the label size, never bigger than body size, centred."""
    body = QFontMetrics(font(style.body_px(height)))
    char_max = body.horizontalAdvance(SAMPLE) / len(SAMPLE) * CHAR_SAFETY
    line_max = body.lineSpacing()
    across = page.cols * page.box_chars + (page.cols - 1) * GAP_CHARS + 2 * _margin(page.cols, GAP_CHARS)
    box_rows = page.box_lines + PAD_ROWS
    down = page.rows * box_rows + (page.rows - 1) * GAP_ROWS + 2 * _margin(page.rows, GAP_ROWS)
    char = min(rect.width() / across, char_max)
    line = min(rect.height() / down, line_max * 1.2)
    left = rect.left() + (rect.width() - across * char) / 2 + _margin(page.cols, GAP_CHARS) * char
    top = rect.top() + (rect.height() - down * line) / 2 + _margin(page.rows, GAP_ROWS) * line
    return _Geometry(left, top, page.box_chars * char, box_rows * line, GAP_CHARS * char, GAP_ROWS * line)


def _label_px(page: MapPage, geo: _Geometry, height: int) -> int:
    """The largest size, body size down to the small size, at which every label of the page fits."""
    small = style.small_px(height)
    boxes = [(_inner(geo.box(b.col, b.row), height), "\n".join(b.lines)) for b in page.boxes]
    for px in range(style.body_px(height), small - 1, -1):
        fm = QFontMetrics(font(px))
        if all(r.contains(fm.boundingRect(r, int(Qt.AlignCenter), text)) for r, text in boxes):
            return px
    return small


def _inner(box: QRectF, height: int) -> QRect:
    """Where a label may go: clear of the border and of the tags that sit on it."""
    tag = QFontMetrics(font(style.small_px(height), True)).height() * (1 - TAG_OUT)
    pad_x = max(4.0, height / 120)
    return QRectF(box).adjusted(pad_x, tag, -pad_x, -tag).toAlignedRect() & box.toRect()


def paint_map(painter: QPainter, page: MapPage, rect: QRect, height: int) -> list[Drawn]:
    """Draw one page of the map in ``rect`` of a stage ``height`` pixels high; every text drawn."""
    drawn: list[Drawn] = []
    if not page.boxes:
        return drawn
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.TextAntialiasing)
    geo = _geometry(page, rect, height)
    cells = {b.id: b for b in page.boxes}
    _arrows(painter, page, cells, geo, height)
    px = _label_px(page, geo, height)
    for box in page.boxes:
        drawn += _box(painter, box, geo.box(box.col, box.row), px, height, rect)
    painter.restore()
    return drawn


# ----- boxes --------------------------------------------------------------------------------------


def _box(painter: QPainter, box: MapBox, r: QRectF, px: int, height: int, page: QRect) -> list[Drawn]:
    base = max(2.0, height / 360)
    colour = MARK_COLOURS.get(box.mark, BORDER)
    painter.setPen(QPen(QColor(colour), base * (2.5 if box.mark else 1.0)))
    painter.setBrush(QColor(BOX_FILL))
    radius = min(r.height(), r.width()) * 0.12
    painter.drawRoundedRect(r, radius, radius)
    out = [_text(painter, _inner(r, height), "\n".join(box.lines), px, False, style.TEXT, Qt.AlignCenter, page)]
    if box.mark:
        out.append(_tag(painter, r, MARK_WORDS.get(box.mark, box.mark.upper()), colour, height, page, top=True))
    if box.away:
        out.append(_tag(painter, r, f"+{box.away} elsewhere", style.MUTED, height, page, top=False))
    return out


def _tag(painter: QPainter, box: QRectF, words: str, colour: str, height: int, page: QRect, top: bool) -> Drawn:
    """A short word on the box's border (top or bottom, at the left), on the stage's own colour."""
    f = font(style.small_px(height), True)
    fm = QFontMetrics(f)
    w, h = fm.horizontalAdvance(words) + fm.averageCharWidth(), fm.height()
    inset = box.height() * 0.12 + 2
    x = box.left() + inset
    y = box.top() - h * TAG_OUT if top else box.bottom() - h * (1 - TAG_OUT)
    r = QRectF(x, y, w, h).toAlignedRect()
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor(style.BACKGROUND))
    painter.drawRoundedRect(QRectF(r), h / 4, h / 4)
    return _text(painter, r, words, style.small_px(height), True, colour, Qt.AlignCenter, page)


def _text(painter: QPainter, r: QRect, text: str, px: int, bold: bool, colour: str, align, page: QRect) -> Drawn:
    """Draw and record a text; fitted only when its bounding rect fits ``r`` and ``r`` fits the page."""
    f = font(px, bold)
    fm = QFontMetrics(f)
    needed = fm.boundingRect(r, int(align), text)
    painter.setFont(f)
    painter.setPen(QColor(colour))
    painter.drawText(r, int(align), text)
    fitted = r.contains(needed) and page.contains(r)
    return Drawn(text, px, fm.height(), QRect(r), fitted)


# ----- arrows -------------------------------------------------------------------------------------


def _route(s: MapBox, t: MapBox, cols: int, rows: int) -> list[tuple[str, int]]:
    """The arrow's way through the gaps: ("exit"/"enter", side) ends and ("V", k) / ("H", j) gaps.

    Right-pointing arrows leave by the right side and enter by the left, left-pointing ones the
    other way; neighbours in a column are joined bottom to top near their right corner (the tags
    sit at the left), others in a column right side to right side; any longer way runs
    along the gap row next to the boxes, so no arrow crosses a box.
    """
    if s.col == t.col and abs(s.row - t.row) == 1:  # straight down or up, right of the tags
        return [("exit", 3 if t.row > s.row else 1), ("enter", 1 if t.row > s.row else 3)]
    if s.col == t.col:  # by the gap on the right, or on the left of the last column
        return [("exit", 0), ("V", s.col + 1), ("enter", 0)] if s.col + 1 < cols or cols == 1 else [
            ("exit", 2), ("V", s.col), ("enter", 2)]
    right = t.col > s.col
    first = s.col + 1 if right else s.col
    last = t.col if right else t.col + 1
    ends = (0, 2) if right else (2, 0)  # sides: 0 right, 1 top, 2 left, 3 bottom
    if first == last:
        return [("exit", ends[0]), ("V", first), ("enter", ends[1])]
    gap_row = min(s.row, t.row) + 1
    if s.row == t.row and gap_row == rows and rows > 1:
        gap_row = s.row  # the last row's way runs above it: the margin below is narrow
    return [("exit", ends[0]), ("V", first), ("H", gap_row), ("V", last), ("enter", ends[1])]


def _spread(count: int, index: int, span: float) -> float:
    """The offset of lane ``index`` of ``count`` across ``span``, centred."""
    return 0.0 if count <= 1 else (index - (count - 1) / 2) * span / (count - 1)


def _port(r: QRectF, side: int, offset: float) -> QPointF:
    """Where an arrow meets a box's side; on the top and bottom, near the right corner."""
    c = r.center()
    x = r.right() - r.width() * 0.15
    return {0: QPointF(r.right(), c.y() + offset), 1: QPointF(x, r.top()),
            2: QPointF(r.left(), c.y() + offset), 3: QPointF(x, r.bottom())}[side]


def _points(route: list[tuple[str, int]], s: QRectF, t: QRectF, geo: _Geometry,
            lane: dict[tuple[str, int], float], ports: tuple[float, float]) -> list[QPointF]:
    start = _port(s, route[0][1], ports[0])
    end = _port(t, route[-1][1], ports[1])
    gaps = route[1:-1]
    pts = [start]
    if not gaps:  # straight up or down
        end = QPointF(start.x(), end.y())
    elif len(gaps) == 1:  # one gap column: across, along it, across
        x = geo.v_gap(gaps[0][1]) + lane[gaps[0]]
        pts += [QPointF(x, start.y()), QPointF(x, end.y())]
    else:
        x1 = geo.v_gap(gaps[0][1]) + lane[gaps[0]]
        y = geo.h_gap(gaps[1][1]) + lane[gaps[1]]
        x2 = geo.v_gap(gaps[2][1]) + lane[gaps[2]]
        pts += [QPointF(x1, start.y()), QPointF(x1, y), QPointF(x2, y), QPointF(x2, end.y())]
    return pts + [end]


def _arrows(painter: QPainter, page: MapPage, cells: dict[str, MapBox], geo: _Geometry, height: int) -> None:
    arrows, cols, rows = page.arrows, page.cols, page.rows
    routes = [(a, _route(cells[a.source], cells[a.target], cols, rows)) for a in arrows]
    users: dict[tuple[str, int], list[int]] = {}
    sides: dict[tuple[str, int], list[int]] = {}
    for i, (a, route) in enumerate(routes):
        for step in route[1:-1]:
            users.setdefault(step, []).append(i)
        sides.setdefault((a.source, route[0][1]), []).append(i)
        sides.setdefault((a.target, route[-1][1]), []).append(i)
    base = max(2.0, height / 360)
    tag_out = QFontMetrics(font(style.small_px(height), True)).height() * TAG_OUT  # into the gap row
    for i, (a, route) in enumerate(routes):
        lane = {}
        for step in route[1:-1]:
            span = geo.gap_x * 0.6 if step[0] == "V" else max(0.0, geo.gap_y - 2 * tag_out - base * 2)
            lane[step] = _spread(len(users[step]), users[step].index(i), span)
        ports = []
        for box_id, (_, side) in ((a.source, route[0]), (a.target, route[-1])):
            r = geo.box(cells[box_id].col, cells[box_id].row)
            span = (r.height() if side in (0, 2) else r.width()) * 0.5
            ports.append(_spread(len(sides[(box_id, side)]), sides[(box_id, side)].index(i), span))
        s, t = cells[a.source], cells[a.target]
        pts = _points(route, geo.box(s.col, s.row), geo.box(t.col, t.row), geo, lane, (ports[0], ports[1]))
        _draw_arrow(painter, pts, ARROW_LOOKS.get(a.state, ARROW_LOOKS["ok"]), base)


def _draw_arrow(painter: QPainter, pts: list[QPointF], look: ArrowLook, base: float) -> None:
    width = base * look.width
    head = max(8.0, base * 5)
    tip, before = pts[-1], pts[-2]
    dx, dy = tip.x() - before.x(), tip.y() - before.y()
    length = max(1e-6, (dx * dx + dy * dy) ** 0.5)
    ux, uy = dx / length, dy / length
    back = QPointF(tip.x() - ux * head, tip.y() - uy * head)
    path = QPainterPath(pts[0])
    for p in pts[1:-1]:
        path.lineTo(p)
    path.lineTo(back)
    pen = QPen(QColor(look.colour), width)
    pen.setCapStyle(Qt.RoundCap if look.dashes == ARROW_LOOKS["done"].dashes else Qt.FlatCap)
    pen.setJoinStyle(Qt.RoundJoin)
    if look.dashes:
        pen.setDashPattern(list(look.dashes))
    painter.setPen(pen)
    painter.setBrush(Qt.NoBrush)
    painter.drawPath(path)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QBrush(QColor(look.colour)))
    half = head * 0.55
    painter.drawPolygon(QPolygonF([tip, QPointF(back.x() - uy * half, back.y() + ux * half),
                                   QPointF(back.x() + uy * half, back.y() - ux * half)]))
