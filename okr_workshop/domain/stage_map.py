"""The dependency map as the stage shows it: boxes on a grid, cut into pages for the projector.

The stage has no room for the canvas's free-form picture at a size the back row can read, so
the map becomes a grid of boxes in the order of the automatic layout (graph_layout): its
layers run left to right, so on a page most arrows still point right. A page never shrinks
its boxes to fit more in; a big map takes more pages, and each box says how many of its
arrows lead to boxes on other pages ("+2 elsewhere"). Pure data: the stage paints it
(okr_workshop.stage.diagram).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dependencies, graph_layout
from . import model as m
from .text_rows import wrap

# Box labels are drawn smaller than body rows (at most body size, never below the small size):
# the grid is counted in characters and rows of that size, this share of the body's.
LABEL_SCALE = 0.7
BOX_CHARS = 16  # narrowest box, in label characters: "Product Management" takes two lines
MAX_BOX_CHARS = 22  # widest: a wider box would only waste the room's attention
GAP_CHARS = 3  # between two columns: room for an arrow and its head
GAP_ROWS = 1  # between two rows: room for the arrows that run along it
PAD_ROWS = 1  # inside a box, above and below its label together: room for the tags on its border
MIN_BOX_LINES = 2
STATES = {"open": "ok", "at_risk": "at_risk", "blocked": "blocked", "done": "done"}
# The map's key in words: the stage shows it on demand (L), in place of the boxes.
LEGEND = ("──── on track (solid line)",
          "- - - at risk (orange, dashed)",
          "━ · ━ blocked (red, thick dash-dot)",
          "· · · done (grey, dotted)",
          "★ CHAIN: on the critical chain (thick yellow border)",
          "⟲ LOOP: part of a loop (thick red border)",
          "+2 elsewhere: arrows to boxes on other pages")


@dataclass(frozen=True)
class MapBox:
    """One box: its label already wrapped to the box's width, its cell, and what it is part of."""

    id: str
    lines: tuple[str, ...]
    col: int
    row: int
    mark: str = ""  # "" | "chain" (on the critical chain) | "loop" (in a cycle)
    away: int = 0  # arrows to or from boxes on other pages


@dataclass(frozen=True)
class MapArrow:
    """``target`` waits on ``source``; ``state`` is "ok", "at_risk", "blocked" or "done"."""

    source: str
    target: str
    state: str


@dataclass(frozen=True)
class MapPage:
    """One page of the map: a grid of ``cols`` x ``rows`` cells, each box ``box_lines`` label
    lines of ``box_chars`` characters; only arrows with both ends on this page."""

    cols: int
    rows: int
    box_lines: int
    boxes: tuple[MapBox, ...]
    arrows: tuple[MapArrow, ...]
    box_chars: int = BOX_CHARS


@dataclass(frozen=True)
class _Grid:
    cols: int
    rows: int
    box_chars: int
    box_lines: int


def _grid(labels: list[str], rows: int, width: int) -> _Grid:
    """The most columns and rows of boxes a body of ``rows`` x ``width`` body characters holds."""
    chars = int(width / LABEL_SCALE)
    lines = int(rows / LABEL_SCALE)
    cols = max(1, (chars + GAP_CHARS) // (BOX_CHARS + GAP_CHARS))
    box_chars = max(4, min(MAX_BOX_CHARS, (chars - (cols - 1) * GAP_CHARS) // cols))
    needed = max((len(wrap(label, box_chars)) for label in labels), default=1)
    box_lines = max(MIN_BOX_LINES, min(needed, max(1, lines - PAD_ROWS - GAP_ROWS)))
    # a box is box_lines + PAD_ROWS rows high; the last row of boxes needs no gap below it
    grid_rows = max(1, (lines + GAP_ROWS) // (box_lines + PAD_ROWS + GAP_ROWS))
    return _Grid(cols, grid_rows, box_chars, box_lines)


def _layers(ws: m.Workshop) -> list[list[str]]:
    """Node ids in columns of the automatic layout, left to right, each top to bottom."""
    positions = graph_layout.layout_workshop(ws).positions
    columns: dict[float, list[tuple[float, str]]] = {}
    for node_id, (x, y) in positions.items():
        columns.setdefault(round(x, 3), []).append((y, node_id))
    return [[n for _, n in sorted(columns[x])] for x in sorted(columns)]


def _aligned(layers: list[list[str]], cols: int, rows: int) -> list[list[tuple[str, int, int]]]:
    """Pages of whole layout columns: each layer starts a grid column (a tall one takes several)."""
    pages: list[list[tuple[str, int, int]]] = [[]]
    col = 0
    for layer in layers:
        chunks = [layer[i:i + rows] for i in range(0, len(layer), rows)]
        if col + len(chunks) > cols and pages[-1]:
            pages.append([])
            col = 0
        for chunk in chunks:
            if col >= cols:
                pages.append([])
                col = 0
            pages[-1] += [(node_id, col, row) for row, node_id in enumerate(chunk)]
            col += 1
    return pages


def _packed(layers: list[list[str]], cols: int, rows: int) -> list[list[tuple[str, int, int]]]:
    """Pages filled column by column in layout order: the fewest pages, layers may share a column."""
    order = [n for layer in layers for n in layer]
    per_page = cols * rows
    pages = []
    for start in range(0, len(order), per_page):
        chunk = order[start:start + per_page]
        pages.append([(n, i // rows, i % rows) for i, n in enumerate(chunk)])
    return pages or [[]]


def _cut(layers: list[list[str]], grid: _Grid) -> list[list[tuple[str, int, int]]]:
    """The fewest pages; then whole layout columns if they cost no page; then the fewest rows a
    column takes, so that a small map spreads wide like the layout rather than tall."""
    candidates = []
    for rows in range(1, grid.rows + 1):
        candidates.append((len(_aligned(layers, grid.cols, rows)), 0, rows, "aligned"))
        candidates.append((len(_packed(layers, grid.cols, rows)), 1, rows, "packed"))
    _, _, rows, how = min(candidates)
    return (_aligned if how == "aligned" else _packed)(layers, grid.cols, rows)


def _marks(ws: m.Workshop) -> dict[str, str]:
    """"loop" for a node in a cycle (a strongly connected part of two or more, or a self-loop),
    else "chain" for a node on the critical chain."""
    import networkx as nx

    g = dependencies.build_graph(ws)
    marks: dict[str, str] = {}
    chain = dependencies.critical_chain(ws) or []
    if len(chain) > 1:
        marks.update(dict.fromkeys(chain, "chain"))
    for part in nx.strongly_connected_components(g):
        if len(part) > 1 or any(g.has_edge(n, n) for n in part):
            marks.update(dict.fromkeys(part, "loop"))
    return marks


def _page(cells: list[tuple[str, int, int]], edges: list[m.DepEdge], labels: dict[str, str],
          marks: dict[str, str], grid: _Grid) -> MapPage:
    here = {n for n, _, _ in cells}
    away = dict.fromkeys(here, 0)
    arrows = []
    for e in edges:
        if e.source in here and e.target in here:
            arrows.append(MapArrow(e.source, e.target, STATES.get(e.status, "ok")))
        elif e.source in here or e.target in here:
            away[e.source if e.source in here else e.target] += 1
    boxes = tuple(MapBox(n, tuple(wrap(labels[n], grid.box_chars)), col, row, marks.get(n, ""), away[n])
                  for n, col, row in cells)
    used_cols = max((c for _, c, _ in cells), default=0) + 1
    used_rows = max((r for _, _, r in cells), default=0) + 1
    return MapPage(used_cols if cells else grid.cols, used_rows if cells else grid.rows, grid.box_lines, boxes,
                   tuple(arrows), grid.box_chars)


def map_pages(ws: m.Workshop, rows: int, width: int) -> list[MapPage]:
    """The map cut into pages for a stage body of ``rows`` text rows x ``width`` characters.

    Whole layout columns per page when that costs no extra page, else the boxes packed column
    by column. A page's grid is only as big as its boxes need, so a small map gets big boxes.
    """
    labels = {n.id: n.label for n in ws.nodes}
    grid = _grid(list(labels.values()), rows, width)
    if not labels:
        return [MapPage(grid.cols, grid.rows, grid.box_lines, (), (), grid.box_chars)]
    known = set(labels)
    edges = sorted((e for e in ws.edges if e.source in known and e.target in known and e.source != e.target),
                   key=lambda e: (e.source, e.target))
    layers = _layers(ws)
    marks = _marks(ws)
    return [_page(cells, edges, labels, marks, grid) for cells in _cut(layers, grid)]


def in_words(page: MapPage) -> list[str]:
    """A page of the map as text, for a screen reader and the tests: each arrow, then each box
    no arrow on this page touches."""
    label = {b.id: " ".join(b.lines) for b in page.boxes}
    words = {"ok": "", "at_risk": " (at risk)", "blocked": " (blocked)", "done": " (done)"}
    lines = [f"{label[a.source]} → {label[a.target]}{words.get(a.state, '')}" for a in page.arrows]
    linked = {n for a in page.arrows for n in (a.source, a.target)}
    return lines + [label[b.id] for b in page.boxes if b.id not in linked]
