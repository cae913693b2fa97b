"""The dependency map as vector shapes (reportlab.graphics), placed where the app places them.

Positions come from the app's rule: stored positions when the facilitator arranged the map,
the domain's automatic layout (``graph_layout.layout_workshop``) when nothing is placed, and
``graph_layout.beside`` for boxes added later. So the pack shows the picture the room saw.

Nothing relies on colour alone (Okabe-Ito colours, as on screen): each kind of node has its
own shape, a blocked dependency carries a bar and the word BLOCKED, one at risk a warning
triangle and AT RISK, an unowned one is dashed and says "no owner"; loops get a vermillion
band and the critical chain a yellow highlighter band with a dark edge.

Readable or not at all: no text is printed smaller than MIN_TEXT points and no name is cut.
When the map is too big for its boxes' names at that size (``needs_numbers``), each box shows
a number instead, and the section lists the numbers with the whole names beside the map.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import cos, hypot, pi, sin

from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Group, Line, Polygon, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..domain import graph_layout
from ..domain import model as m
from ..map_look import (
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
    edge_look,
)
from . import fonts, styles

SPACING = graph_layout.Spacing()  # the canvas's box size: the layout and the drawing agree
W, H = SPACING.width, SPACING.height
MAX_SCALE = 0.56  # a small map should not print with huge boxes
PAD = 30.0  # canvas units around the map (bands and badges reach outside the boxes)

LABEL_PT = 24.0  # canvas units, as on screen; scaled with the map
OWNER_PT = 19.0
TAG_PT = 17.0
MIN_TEXT = 7.0  # points: smaller text is not printed (the tables beside the map name everything)
DETAIL_LIMIT = 20  # boxes: a bigger map shows numbers in its boxes and a key of whole names


def positions(ws: m.Workshop) -> dict[str, tuple[float, float]]:
    """Box centres in canvas units, by the app's rule (see the module docstring)."""
    placed = {n.id: (n.x, n.y) for n in ws.nodes if n.x is not None and n.y is not None}
    if not placed:
        return dict(graph_layout.layout_workshop(ws, SPACING).positions)
    waiting = [n.id for n in ws.nodes if n.id not in placed]
    spots = graph_layout.beside(list(placed.values()), len(waiting), SPACING) if waiting else []
    return {**placed, **dict(zip(waiting, spots, strict=True))}  # type: ignore[arg-type]


# ----- shapes ---------------------------------------------------------------------------------


def outline(kind: str) -> list[tuple[float, float]]:
    """The node's outline as corners around (0, 0), canvas units with y down."""
    w, h = W / 2, H / 2
    if kind == "initiative":
        c = 26.0
        return [(-w, 0), (-w + c, -h), (w - c, -h), (w, 0), (w - c, h), (-w + c, h)]
    if kind == "priority":
        return [(w * cos(2 * pi * i / 36), h * sin(2 * pi * i / 36)) for i in range(36)]
    if kind == "external":
        c = 20.0
        return [(-w + c, -h), (w - c, -h), (w, -h + c), (w, h - c), (w - c, h), (-w + c, h), (-w, h - c), (-w, -h + c)]
    return [(-w, -h), (w, -h), (w, h), (-w, h)]


def exit_point(kind: str, dx: float, dy: float) -> tuple[float, float]:
    """Where a ray from the centre in direction (dx, dy) leaves the outline."""
    if kind == "priority":
        a, b = W / 2, H / 2
        scale = ((dx / a) ** 2 + (dy / b) ** 2) ** -0.5 if (dx or dy) else 0.0
        return dx * scale, dy * scale
    corners = outline(kind)
    best = None
    for (px, py), (qx, qy) in zip(corners, corners[1:] + corners[:1], strict=True):
        ex, ey = qx - px, qy - py
        den = dx * ey - dy * ex
        if abs(den) < 1e-12:
            continue
        t = (px * ey - py * ex) / den
        s = (px * dy - py * dx) / den
        if t > 0 and -1e-9 <= s <= 1 + 1e-9 and (best is None or t < best):
            best = t
    t = best or 0.0
    return dx * t, dy * t


def _wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` in lines of at most ``width`` points, broken between words only: never cut (a
    word longer than the width gets a line of its own and runs over a little)."""
    words = text.split()
    out: list[str] = []
    while words:
        line = words.pop(0)
        while words and fonts.string_width(f"{line} {words[0]}", size, bold) <= width:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    return out


def _text(group: Group, x: float, y: float, text: str, size: float, colour: str, bold: bool = False,
          anchor: str = "middle") -> None:
    """Text centred (or started) at x with font fallback runs as separate Strings."""
    total = fonts.string_width(text, size, bold)
    start = x - total / 2 if anchor == "middle" else x
    for main, run in fonts.runs(text):
        name = fonts.font_for(main, bold)
        group.add(String(start, y, run, fontName=name, fontSize=size, fillColor=HexColor(colour)))
        start += stringWidth(run, name, size)


class MapPicture:
    """Builds the Drawing: ``drawing(width, height)`` fits the whole map into that box."""

    def __init__(self, ws: m.Workshop, loops: Sequence[Sequence[str]], chain: Sequence[str] | None,
                 waiting: dict[str, int], numbers: dict[str, int] | None = None):
        self.ws = ws
        self.numbers = numbers or {}  # box -> its number in the key, when the boxes show numbers
        self.pos = positions(ws)
        self.nodes = {n.id: n for n in ws.nodes if n.id in self.pos}
        self.edges = [e for e in ws.edges if e.source in self.nodes and e.target in self.nodes]
        self.loop_edges = {(a, b) for c in loops for a, b in zip(c, list(c[1:]) + list(c[:1]), strict=True)}
        self.loop_nodes = {n for c in loops for n in c}
        self.chain_edges = set(zip(chain, chain[1:], strict=False)) if chain else set()
        self.waiting = waiting
        self.names = {p.id: p.name for p in ws.participants}

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.pos.values()]
        ys = [p[1] for p in self.pos.values()]
        return (min(xs) - W / 2 - PAD, min(ys) - H / 2 - PAD - 20, max(xs) + W / 2 + PAD + 20, max(ys) + H / 2 + PAD)

    def scale(self, max_width: float, max_height: float) -> float:
        x0, y0, x1, y1 = self.bounds()
        return min(max_width / (x1 - x0), max_height / (y1 - y0), MAX_SCALE)

    def needs_numbers(self, max_width: float, max_height: float) -> bool:
        """True when names would not read in the boxes: many boxes, or names under MIN_TEXT."""
        return len(self.nodes) > DETAIL_LIMIT or LABEL_PT * self.scale(max_width, max_height) < MIN_TEXT

    def shows_badges(self, max_width: float, max_height: float) -> bool:
        """Whether the "how many wait on it" badges are drawn: only when their numbers read."""
        return 19 * self.scale(max_width, max_height) >= MIN_TEXT

    def reading_order(self) -> list[str]:
        """The boxes top to bottom, left to right: the order of their numbers."""
        return sorted(self.nodes, key=lambda n: (round(self.pos[n][1]), self.pos[n][0], n))

    def drawing(self, max_width: float, max_height: float) -> Drawing:
        x0, y0, x1, y1 = self.bounds()
        scale = self.scale(max_width, max_height)
        width, height = (x1 - x0) * scale, (y1 - y0) * scale
        drawing = Drawing(width, height, initialFontName=fonts.REGULAR)  # not Helvetica: everything embedded
        self.s = scale

        def to_pdf(x: float, y: float) -> tuple[float, float]:
            return (x - x0) * scale, (y1 - y) * scale

        self.to_pdf = to_pdf
        bands, lines, marks, boxes, texts = Group(), Group(), Group(), Group(), Group()
        geometry = [self._geometry(e) for e in self.edges]
        for e, geo in zip(self.edges, geometry, strict=True):
            if geo:
                self._bands(bands, e, geo)
        for e, geo in zip(self.edges, geometry, strict=True):
            if geo:
                self._edge(lines, marks, texts, e, geo)
        for node in self.nodes.values():
            self._node(boxes, texts, node)
        for group in (bands, lines, boxes, marks, texts):
            drawing.add(group)
        return drawing

    # ----- edges ------------------------------------------------------------------------------

    def _geometry(self, e: m.DepEdge) -> tuple[tuple[float, float], tuple[float, float], float, float] | None:
        """(start, tip, ux, uy) in canvas units, or None when the boxes touch."""
        a, b = self.pos[e.source], self.pos[e.target]
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = hypot(dx, dy)
        if length < 1.0:
            return None
        ux, uy = dx / length, dy / length
        offset = 10.0 if any(o.source == e.target and o.target == e.source for o in self.edges) else 0.0
        shift = (-uy * offset, ux * offset)
        sx, sy = exit_point(self.nodes[e.source].kind, dx, dy)
        tx, ty = exit_point(self.nodes[e.target].kind, -dx, -dy)
        start = (a[0] + sx + shift[0], a[1] + sy + shift[1])
        tip = (b[0] + tx + shift[0], b[1] + ty + shift[1])
        if (tip[0] - start[0]) * ux + (tip[1] - start[1]) * uy <= ARROW_LENGTH:
            return None
        return start, tip, ux, uy

    def _line(self, group: Group, a: tuple[float, float], b: tuple[float, float], colour: str, width: float,
              dash: list[float] | None = None, opacity: float = 1.0, cap: int = 1) -> None:
        (x1, y1), (x2, y2) = self.to_pdf(*a), self.to_pdf(*b)
        group.add(Line(x1, y1, x2, y2, strokeColor=HexColor(colour), strokeWidth=max(0.3, width * self.s),
                       strokeDashArray=dash, strokeOpacity=opacity, strokeLineCap=cap))

    def _bands(self, group: Group, e: m.DepEdge, geo: tuple) -> None:
        start, tip, _, _ = geo
        key = (e.source, e.target)
        if key in self.loop_edges:
            self._line(group, start, tip, LOOP, LOOP_BAND, opacity=0.55)
        if key in self.chain_edges:
            self._line(group, start, tip, CHAIN_CASING, CHAIN_BAND + 4)
            self._line(group, start, tip, CHAIN, CHAIN_BAND)

    def _edge(self, lines: Group, marks: Group, texts: Group, e: m.DepEdge, geo: tuple) -> None:
        start, tip, ux, uy = geo
        look = edge_look(e)
        base = (tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH)
        dash = [6 * self.s * 4, 4 * self.s * 4] if look.dashed else None
        self._line(lines, start, base, look.colour, look.width, dash=dash, cap=0 if look.dashed else 1)
        nx, ny = -uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH
        arrow = [self.to_pdf(*tip), self.to_pdf(base[0] + nx, base[1] + ny), self.to_pdf(base[0] - nx, base[1] - ny)]
        lines.add(Polygon([c for p in arrow for c in p], fillColor=HexColor(look.colour), strokeColor=None))
        at = (start[0] + (tip[0] - start[0]) * 0.72, start[1] + (tip[1] - start[1]) * 0.72)
        if look.bar:
            half = 16.0
            self._line(marks, (at[0] - uy * half, at[1] + ux * half), (at[0] + uy * half, at[1] - ux * half),
                       look.colour, 7.0, cap=0)
        if look.warning:
            self._warning(marks, at, look.colour)
        size = TAG_PT * self.s
        if not self.numbers:  # a map that shows names shows its tags at a readable size too
            size = max(size, MIN_TEXT)
        if look.tags and size >= MIN_TEXT:
            middle = ((start[0] + tip[0]) / 2, (start[1] + tip[1]) / 2)
            text = " · ".join(look.tags)
            # beside the line (above it, or right of a vertical one) so that it never hides it
            px, py = -uy, ux
            if py > 0 or (abs(py) < 1e-9 and px < 0):
                px, py = -px, -py
            reach = 16.0 if (look.bar or look.warning) else 10.0
            x, y = self.to_pdf(middle[0] + px * reach, middle[1] + py * reach)
            width = fonts.string_width(text, size, True)
            texts.add(Rect(x - width / 2 - 1.5, y - size * 0.3, width + 3, size * 1.25, fillColor=HexColor("#FFFFFF"),
                           strokeColor=None, fillOpacity=0.85))
            _text(texts, x, y, text, size, look.colour if look.colour != DONE else styles.MUTED, bold=True)

    def _warning(self, group: Group, at: tuple[float, float], colour: str) -> None:
        r = 14.0
        pts = [self.to_pdf(at[0], at[1] - r), self.to_pdf(at[0] - r, at[1] + r * 0.8),
               self.to_pdf(at[0] + r, at[1] + r * 0.8)]
        group.add(Polygon([c for p in pts for c in p], fillColor=HexColor(styles.OKABE_ITO["yellow"]),
                          strokeColor=HexColor(colour), strokeWidth=max(0.3, 2.5 * self.s)))
        x, y = self.to_pdf(at[0], at[1] + r * 0.55)
        size = 16 * self.s
        if size >= MIN_TEXT:
            group.add(String(x, y, "!", fontName=fonts.BOLD, fontSize=size, textAnchor="middle",
                             fillColor=HexColor(styles.INK)))

    # ----- nodes ------------------------------------------------------------------------------

    def _node(self, boxes: Group, texts: Group, node: m.DepNode) -> None:
        cx, cy = self.pos[node.id]
        colour = styles.OKABE_ITO[KIND_COLOUR_NAMES.get(node.kind, "blue")]
        tint = styles.TINTS[KIND_COLOUR_NAMES.get(node.kind, "blue")]
        s = self.s
        if node.id in self.loop_nodes:
            halo = [self.to_pdf(cx + x * 1.08, cy + y * 1.12) for x, y in outline(node.kind)]
            boxes.add(Polygon([c for p in halo for c in p], fillColor=None, strokeColor=HexColor(LOOP),
                              strokeWidth=max(0.5, 9 * s), strokeOpacity=0.55))
        stroke = {"strokeColor": HexColor(colour), "strokeWidth": max(0.4, 3 * s), "fillColor": HexColor(tint),
                  "strokeDashArray": [5, 3] if node.kind == "external" else None}
        if node.kind == "priority":
            x, y = self.to_pdf(cx, cy)
            boxes.add(Ellipse(x, y, W / 2 * s, H / 2 * s, **stroke))
        elif node.kind == "team":
            x, y = self.to_pdf(cx - W / 2, cy + H / 2)
            boxes.add(Rect(x, y, W * s, H * s, rx=14 * s, ry=14 * s, **stroke))
        else:
            pts = [self.to_pdf(cx + x, cy + y) for x, y in outline(node.kind)]
            boxes.add(Polygon([c for p in pts for c in p], **stroke))
        self._labels(texts, node, cx, cy)
        waiting = self.waiting.get(node.id, 0)
        if waiting and 19 * s >= MIN_TEXT:  # a badge without a readable number says nothing
            bx, by = self.to_pdf(cx + W / 2 - 8, cy - H / 2 + 8)
            r = 20 * s
            boxes.add(Circle(bx, by, r, fillColor=HexColor(styles.INK), strokeColor=HexColor("#FFFFFF"),
                             strokeWidth=max(0.3, 2 * s)))
            size = 19 * s
            texts.add(String(bx, by - size * 0.36, str(waiting), fontName=fonts.BOLD, fontSize=size,
                             textAnchor="middle", fillColor=HexColor("#FFFFFF")))

    def _labels(self, group: Group, node: m.DepNode, cx: float, cy: float) -> None:
        s = self.s
        size = max(LABEL_PT * s, MIN_TEXT)
        if node.id in self.numbers:  # the key beside the map has the whole name
            x, y = self.to_pdf(cx, cy)
            _text(group, x, y - size * 0.35, str(self.numbers[node.id]), size, styles.INK, bold=True)
            return
        inset = {"team": 10.0, "initiative": 30.0, "priority": 34.0, "external": 20.0}.get(node.kind, 10.0)
        width = (W - 2 * inset) * s
        owner = self.names.get(node.owner or "", "")
        lines = _wrap(node.label or node.id, size, width, bold=True)
        owner_size = OWNER_PT * s
        owner_lines = _wrap(owner, owner_size, width) if owner and owner_size >= MIN_TEXT else []
        step = size * 1.15
        block = step * len(lines) + owner_size * 1.15 * len(owner_lines)
        x, top = self.to_pdf(cx, cy)
        y = top + block / 2 - size * 0.85
        for line in lines:
            _text(group, x, y, line, size, styles.INK, bold=True)
            y -= step
        y += step - size * 1.05 - owner_size * 0.1
        for line in owner_lines:  # a long name wraps onto a second line rather than being cut
            _text(group, x, y, line, owner_size, styles.MUTED)
            y -= owner_size * 1.15


def legend(width: float, has_loops: bool, has_chain: bool, badges: bool = True) -> Drawing:
    """Shapes for the node kinds, line samples for the edge states, the two bands."""
    row = 16.0
    drawing = Drawing(width, row * 3 + 4, initialFontName=fonts.REGULAR)
    g = Group()
    x, y = 0.0, row * 2 + 6
    for kind in ("team", "initiative", "priority", "external"):
        colour = styles.OKABE_ITO[KIND_COLOUR_NAMES[kind]]
        tint = styles.TINTS[KIND_COLOUR_NAMES[kind]]
        sc = 0.07
        pts = [(x + 10 + px * sc, y + 4 - py * sc) for px, py in outline(kind)]
        g.add(Polygon([c for p in pts for c in p], fillColor=HexColor(tint), strokeColor=HexColor(colour),
                      strokeWidth=0.8, strokeDashArray=[2, 1.5] if kind == "external" else None))
        label = f"{KIND_NAMES[kind]} ({KIND_SHAPES[kind]})"
        _text(g, x + 24, y + 1, label, 7.5, styles.INK, anchor="start")
        x += 34 + fonts.string_width(label, 7.5)
    x, y = 0.0, row + 6
    samples = (("open", OPEN, None, "open"), ("at_risk", AT_RISK, None, "at risk (▲ AT RISK)"),
               ("blocked", BLOCKED, None, "blocked (bar, BLOCKED)"), ("done", DONE, None, "done ✓"),
               ("unowned", OPEN, [3, 2], "dashed: no owner end to end"))
    for _, colour, dash, label in samples:
        g.add(Line(x, y + 3, x + 22, y + 3, strokeColor=HexColor(colour), strokeWidth=1.6, strokeDashArray=dash))
        g.add(Polygon([x + 26, y + 3, x + 21, y + 5.5, x + 21, y + 0.5], fillColor=HexColor(colour), strokeColor=None))
        _text(g, x + 30, y, label, 7.5, styles.INK, anchor="start")
        x += 40 + fonts.string_width(label, 7.5)
    x, y = 0.0, 4.0
    bands = []
    if has_loops:
        bands.append((LOOP, None, "vermillion band: a loop (circular dependency)"))
    if has_chain:
        bands.append((CHAIN, CHAIN_CASING, "yellow band: the critical chain (most hand-overs)"))
    if badges:
        bands.append((styles.INK, None, "dark badge: how many wait on it, directly or in turn"))
    for colour, casing, label in bands:
        if label.startswith("dark"):
            g.add(Circle(x + 11, y + 3, 5, fillColor=HexColor(colour), strokeColor=None))
            g.add(String(x + 11, y + 0.6, "3", fontName=fonts.BOLD, fontSize=MIN_TEXT, textAnchor="middle",
                         fillColor=HexColor("#FFFFFF")))
        else:
            if casing:
                g.add(Line(x, y + 3, x + 22, y + 3, strokeColor=HexColor(casing), strokeWidth=7))
            g.add(Line(x, y + 3, x + 22, y + 3, strokeColor=HexColor(colour), strokeWidth=6,
                       strokeOpacity=0.55 if colour == LOOP else 1))
        _text(g, x + 30, y, label, 7.5, styles.INK, anchor="start")
        x += 40 + fonts.string_width(label, 7.5)
    drawing.add(g)
    return drawing
