"""Where each box of the dependency map goes, so that the room reads the map at a glance.

A map without loops is drawn in layers from left to right: whoever delivers stands left of
whoever waits, so every arrow points right. A map with a loop has no such order; it gets a
force-directed picture (networkx's spring layout with a fixed seed, started from the layered
picture of the map with its loops cut, so that most arrows still point right).

Both are deterministic: node ids are sorted first and the seed is fixed, so the same map always
gives the same picture, however its records are ordered. Both keep boxes apart by at least the
gaps of ``Spacing``: the layered layout by construction, the force-directed one by snapping to
a grid of box-sized cells. Positions are box centres in canvas units (``DepNode.x``/``.y``).

Pure Python; networkx (and numpy) are imported only for the force-directed branch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import ceil, hypot, sqrt

from .model import Workshop

Point = tuple[float, float]
Edge = tuple[str, str]

SEED = 7  # any fixed number: the same map must give the same picture
SWEEPS = 8  # barycentre sweeps; crossings rarely improve after a few
SPRING_ITERATIONS = 60
CELLS_PER_NODE = 1.6  # room the force-directed grid leaves beyond one cell per box
ASPECT = 2.2  # the shape of the projector's canvas (wide: the legend and the risks sit below the map)


@dataclass(frozen=True)
class Spacing:
    """A box's size and the free space around it, in canvas units. The defaults are the
    canvas's boxes: three lines of label and an owner's name, large enough for a projector."""

    width: float = 270.0
    height: float = 130.0
    gap_x: float = 120.0  # an arrow and its short tag ("AT RISK") fit between two columns
    gap_y: float = 80.0

    @property
    def step_x(self) -> float:
        return self.width + self.gap_x

    @property
    def step_y(self) -> float:
        return self.height + self.gap_y


@dataclass(frozen=True)
class Layout:
    """Box centres by node id, and which kind of picture it is."""

    positions: dict[str, Point]
    layered: bool


def layout_workshop(ws: Workshop, spacing: Spacing | None = None) -> Layout:
    """The automatic layout of the workshop's map (edges to unknown nodes are ignored)."""
    ids = [n.id for n in ws.nodes]
    known = set(ids)
    edges = [(e.source, e.target) for e in ws.edges if e.source in known and e.target in known]
    return layout(ids, edges, spacing)


def layout(nodes: Iterable[str], edges: Iterable[Edge], spacing: Spacing | None = None) -> Layout:
    """Layered left to right when ``edges`` have no loop, force-directed otherwise."""
    sp = spacing or Spacing()
    ids = sorted(set(nodes))
    known = set(ids)
    links = sorted({(u, v) for u, v in edges if u in known and v in known})
    if not ids:
        return Layout({}, True)
    layers = _layers(ids, links)
    if layers is not None:
        return Layout(_layered(ids, links, layers, sp), True)
    return Layout(_force_directed(ids, links, sp), False)


# ----- layers ---------------------------------------------------------------------------------


def _neighbours(ids: Sequence[str], links: Sequence[Edge]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    succ: dict[str, list[str]] = {n: [] for n in ids}
    pred: dict[str, list[str]] = {n: [] for n in ids}
    for u, v in links:
        succ[u].append(v)
        pred[v].append(u)
    return succ, pred


def _layers(ids: Sequence[str], links: Sequence[Edge]) -> dict[str, int] | None:
    """Longest-path layers (a node one right of its furthest provider), or None on a loop.

    A node nobody delivers to is then pulled right, next to the first one that waits on it,
    so that a lone provider does not stretch its arrow across the whole map.
    """
    succ, pred = _neighbours(ids, links)
    waiting = {n: len(pred[n]) for n in ids}
    ready = [n for n in ids if waiting[n] == 0]
    order: list[str] = []
    layer: dict[str, int] = {}
    while ready:
        n = ready.pop()
        order.append(n)
        layer[n] = max((layer[p] + 1 for p in pred[n]), default=0)
        for s in succ[n]:
            waiting[s] -= 1
            if waiting[s] == 0:
                ready.append(s)
    if len(order) < len(ids):
        return None
    for n in reversed(order):
        if not pred[n] and succ[n]:
            layer[n] = min(layer[s] for s in succ[n]) - 1
    low = min(layer.values())
    return {n: v - low for n, v in layer.items()}


# ----- order within layers (crossing reduction) ---------------------------------------------


def _dummy(u: str, v: str, k: int) -> str:
    return f"\x1f{u}\x1f{v}\x1f{k}"  # a waypoint of a long arrow; no real id starts with \x1f


def _proper(ids: Sequence[str], links: Sequence[Edge], layer: dict[str, int]) -> tuple[
        list[list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """Levels with a waypoint wherever an arrow skips a level, and the links between levels."""
    levels: list[list[str]] = [[] for _ in range(max(layer.values()) + 1)]
    for n in ids:
        levels[layer[n]].append(n)
    up: dict[str, list[str]] = {n: [] for n in ids}
    down: dict[str, list[str]] = {n: [] for n in ids}
    for u, v in links:
        previous = u
        for k in range(layer[u] + 1, layer[v]):
            d = _dummy(u, v, k)
            levels[k].append(d)
            up[d], down[d] = [previous], []
            down[previous].append(d)
            previous = d
        down[previous].append(v)
        up[v].append(previous)
    return levels, up, down


def _crossings(upper: list[str], lower: list[str], down: dict[str, list[str]]) -> int:
    """Crossings between two adjacent levels: inversions of the lower ends (a Fenwick tree)."""
    where = {n: i for i, n in enumerate(lower)}
    ends = [where[t] for n in upper for t in sorted(down[n], key=where.__getitem__)]
    tree = [0] * (len(lower) + 1)
    count = 0
    for seen, end in enumerate(ends):
        i, below = end + 1, 0
        while i > 0:  # how many earlier ends are at or left of this one
            below += tree[i]
            i -= i & -i
        count += seen - below
        i = end + 1
        while i <= len(lower):
            tree[i] += 1
            i += i & -i
    return count


def _total_crossings(levels: list[list[str]], down: dict[str, list[str]]) -> int:
    return sum(_crossings(levels[i], levels[i + 1], down) for i in range(len(levels) - 1))


def _sort_by_barycentre(level: list[str], fixed: list[str], links: dict[str, list[str]]) -> list[str]:
    where = {n: i for i, n in enumerate(fixed)}
    own = {n: i for i, n in enumerate(level)}

    def key(n: str) -> tuple[float, int]:
        near = [where[m] for m in links[n]]
        # Scaled into the fixed level's range, so a node without links keeps its relative place.
        alone = own[n] * (len(fixed) / max(len(level), 1))
        return (sum(near) / len(near) if near else alone), own[n]

    return sorted(level, key=key)


def _order(levels: list[list[str]], up: dict[str, list[str]], down: dict[str, list[str]],
           sweeps: int = SWEEPS) -> list[list[str]]:
    """Alternate downward and upward barycentre sweeps; keep the order with fewest crossings."""
    levels = [list(level) for level in levels]
    for i in range(1, len(levels)):
        levels[i] = _sort_by_barycentre(levels[i], levels[i - 1], up)
    if not sweeps:
        return levels
    best, fewest = [list(x) for x in levels], _total_crossings(levels, down)
    for sweep in range(sweeps):
        if fewest == 0:
            break
        if sweep % 2:
            for i in range(1, len(levels)):
                levels[i] = _sort_by_barycentre(levels[i], levels[i - 1], up)
        else:
            for i in range(len(levels) - 2, -1, -1):
                levels[i] = _sort_by_barycentre(levels[i], levels[i + 1], down)
        found = _total_crossings(levels, down)
        if found < fewest:
            best, fewest = [list(x) for x in levels], found
    return best


# ----- coordinates ----------------------------------------------------------------------------


def _pack(desired: list[float], step: float) -> list[float]:
    """The positions closest to ``desired`` (least squares) that keep the given order and at
    least ``step`` apart: isotonic regression (pool adjacent violators) on desired - i*step."""
    blocks: list[list[float]] = []  # [sum, count]
    for i, d in enumerate(desired):
        blocks.append([d - i * step, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    fitted = [total / count for total, count in blocks for _ in range(int(count))]
    return [f + i * step for i, f in enumerate(fitted)]


def _place(level: list[str], y: dict[str, float], anchors: dict[str, list[str]], step: float) -> None:
    """Give ``level`` positions near the mean of each node's already placed anchors."""
    desired: list[float] = []
    for i, n in enumerate(level):
        near = [y[a] for a in anchors[n] if a in y]
        if near:
            desired.append(sum(near) / len(near))
        elif n in y:
            desired.append(y[n])
        else:
            desired.append(desired[-1] + step if desired else i * step)
    for n, value in zip(level, _pack(desired, step), strict=True):
        y[n] = value


def _layered(ids: list[str], links: list[Edge], layer: dict[str, int], sp: Spacing,
             sweeps: int = SWEEPS) -> dict[str, Point]:
    levels, up, down = _proper(ids, links, layer)
    ordered = _order(levels, up, down, sweeps)
    real = [[n for n in level if not n.startswith("\x1f")] for level in ordered]
    succ, pred = _neighbours(ids, links)
    y: dict[str, float] = {}
    for level in real:  # downward: each node level with the providers it waits on
        _place(level, y, pred, sp.step_y)
    for level in reversed(real):  # upward: a lone provider level with those it serves
        sources = {n: (succ[n] if not pred[n] else []) for n in level}
        _place(level, y, sources, sp.step_y)
    top = min(y.values())
    return {n: (layer[n] * sp.step_x, y[n] - top) for n in ids}


# ----- force-directed, snapped to a grid --------------------------------------------------------


def _cut_loops(ids: list[str], links: list[Edge]) -> list[Edge]:
    """The links minus the back edges of a depth-first search in id order: no loop is left."""
    succ, _ = _neighbours(ids, links)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    back: set[Edge] = set()
    for root in ids:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(succ[child])))
    return [e for e in links if e not in back]


def _force_directed(ids: list[str], links: list[Edge], sp: Spacing) -> dict[str, Point]:
    import networkx as nx

    acyclic = _cut_loops(ids, links)
    # Only a starting point, which the forces then rearrange: one ordering pass is enough.
    start = _layered(ids, acyclic, _layers(ids, acyclic) or dict.fromkeys(ids, 0), sp, sweeps=0)
    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_edges_from((u, v) for u, v in links if u != v)
    spread = max(max(abs(x), abs(y)) for x, y in start.values()) or 1.0
    initial = {n: (x / spread, y / spread) for n, (x, y) in start.items()}
    # A large map starts from a good layered picture, so fewer rounds keep it under a second.
    rounds = SPRING_ITERATIONS if len(ids) <= 150 else SPRING_ITERATIONS // 2
    found = nx.spring_layout(g, pos=initial, seed=SEED, iterations=rounds)
    return _snap({n: (float(p[0]), float(p[1])) for n, p in found.items()}, ids, links, sp)


def _snap(pos: dict[str, Point], ids: list[str], links: list[Edge], sp: Spacing) -> dict[str, Point]:
    """Put each box in the free grid cell nearest to where the forces left it; busy nodes pick
    first. Empty rows and columns are then dropped, so the picture stays compact."""
    cells = max(ceil(len(ids) * CELLS_PER_NODE), 1)
    cols = max(1, round(sqrt(cells * ASPECT * sp.step_y / sp.step_x)))
    rows = max(1, ceil(cells / cols))
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    want = {n: ((pos[n][0] - min(xs)) / span_x * (cols - 1), (pos[n][1] - min(ys)) / span_y * (rows - 1))
            for n in ids}
    degree = dict.fromkeys(ids, 0)
    for u, v in links:
        degree[u] += 1
        degree[v] += 1
    taken: dict[tuple[int, int], str] = {}
    for n in sorted(ids, key=lambda n: (-degree[n], n)):
        taken[_nearest_free(want[n], taken)] = n
    used_cols = sorted({c for c, _ in taken})
    used_rows = sorted({r for _, r in taken})
    return {n: (used_cols.index(c) * sp.step_x, used_rows.index(r) * sp.step_y) for (c, r), n in taken.items()}


def _nearest_free(want: Point, taken: dict[tuple[int, int], str]) -> tuple[int, int]:
    """The free cell closest to ``want`` (ties: top row first, then left), searching outwards."""
    cx, cy = round(want[0]), round(want[1])
    radius = 0
    while True:
        ring = [(cx + dx, cy + dy) for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1)
                if max(abs(dx), abs(dy)) == radius]
        free = [c for c in ring if c not in taken]
        if free:
            return min(free, key=lambda c: (hypot(c[0] - want[0], c[1] - want[1]), c[1], c[0]))
        radius += 1


# ----- placing one more box -------------------------------------------------------------------


def overlaps(a: Point, b: Point, spacing: Spacing | None = None) -> bool:
    """Whether boxes centred at ``a`` and ``b`` come closer than the gaps allow."""
    sp = spacing or Spacing()
    return abs(a[0] - b[0]) < sp.step_x - 1e-6 and abs(a[1] - b[1]) < sp.step_y - 1e-6


def free_spot(near: Point, occupied: Sequence[Point], spacing: Spacing | None = None) -> Point:
    """The point closest to ``near`` on a grid through it where a box overlaps no other."""
    sp = spacing or Spacing()
    radius = 0
    while True:
        ring = [(dx, dy) for dy in range(-radius, radius + 1) for dx in range(-radius, radius + 1)
                if max(abs(dx), abs(dy)) == radius]
        for dx, dy in sorted(ring, key=lambda d: (hypot(d[0], d[1]), d[1], d[0])):
            spot = (near[0] + dx * sp.step_x, near[1] + dy * sp.step_y)
            if not any(overlaps(spot, o, sp) for o in occupied):
                return spot
        radius += 1


def beside(occupied: Sequence[Point], count: int, spacing: Spacing | None = None) -> list[Point]:
    """``count`` spots in a new column right of everything placed, top down: where boxes that
    have no position yet (added in a table, imported) appear without covering any other."""
    sp = spacing or Spacing()
    if not occupied:
        return [(0.0, i * sp.step_y) for i in range(count)]
    x = max(p[0] for p in occupied) + sp.step_x
    top = min(p[1] for p in occupied)
    return [(x, top + i * sp.step_y) for i in range(count)]
