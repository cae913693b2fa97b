"""The dependency map as a graph, and the risks a room should name out loud.

An edge points from the provider to the dependant (``source`` must deliver to ``target``),
so "everything downstream of X" is X's descendants. networkx is imported inside each
function: it costs a third of a second, which the window should not wait for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from .model import DepEdge, Workshop

if TYPE_CHECKING:
    import networkx as nx

SEVERITIES = ("high", "medium", "low")
# A node that at least this many others wait on, and at least half of them, is named.
WAITED_ON_MINIMUM = 3
# A critical chain with at least this many hand-overs is named.
LONG_CHAIN_EDGES = 4


def build_graph(ws: Workshop) -> nx.DiGraph:
    """The map as a DiGraph; only attributes that are set are stored, so GraphML export and
    drawing never meet a None."""
    import networkx as nx

    g = nx.DiGraph()
    for n in ws.nodes:
        attrs = {"label": n.label, "kind": n.kind, "owner": n.owner, "x": n.x, "y": n.y}
        g.add_node(n.id, **{k: v for k, v in attrs.items() if v is not None})
    for e in ws.edges:
        attrs = {"what": e.what, "owner": e.owner, "needed_by": e.needed_by, "risk": e.risk,
                 "status": e.status}
        g.add_edge(e.source, e.target, **{k: v for k, v in attrs.items() if v is not None})
    return g


def _rotate(cycle: list[str]) -> list[str]:
    start = cycle.index(min(cycle))
    return cycle[start:] + cycle[:start]


CYCLE_LIMIT = 200  # enough to show and count the loops; a dense map can hold millions (exponentially many)


def cycles(ws: Workshop, limit: int | None = None) -> list[list[str]]:
    """Every simple cycle, each starting at its smallest id; shortest first, then by ids.

    ``limit`` caps the search for interactive use: a dense map can hold exponentially many
    cycles, and the first few are enough to show that a loop exists.
    """
    import networkx as nx

    found: Iterator[list[str]] = nx.simple_cycles(build_graph(ws))
    if limit is not None:
        found = islice(found, limit)
    return sorted((_rotate(list(c)) for c in found), key=lambda c: (len(c), c))


def _longer(path: list[str]) -> tuple[int, list[str]]:
    """Sort key: most edges first, then the alphabetically first path, so ties never flicker."""
    return -len(path), path


def critical_chain(ws: Workshop) -> list[str] | None:
    """The longest path by number of hand-overs, as node ids; None when a cycle makes
    "longest" meaningless, and [] when there are no dependencies at all (no chain to show)."""
    import networkx as nx

    g = build_graph(ws)
    if g.number_of_edges() == 0:
        return []
    if not nx.is_directed_acyclic_graph(g):
        return None
    best: dict[str, list[str]] = {}
    for v in nx.lexicographical_topological_sort(g):
        preds = [best[u] + [v] for u in g.predecessors(v)]
        best[v] = min(preds, key=_longer) if preds else [v]
    return min(best.values(), key=_longer)


def blocking(ws: Workshop) -> dict[str, int]:
    """For every node, how many nodes wait on it directly or through others."""
    import networkx as nx

    g = build_graph(ws)
    return {n: len(nx.descendants(g, n)) for n in g.nodes}


def unowned_edges(ws: Workshop) -> list[list[str]]:
    """[from, to] of each dependency nobody owns end to end, in map order."""
    return [[e.source, e.target] for e in ws.edges if not e.owner]


@dataclass(frozen=True)
class Risk:
    """One thing to say about the map, in a sentence that stands alone in the PDF."""

    severity: str  # high | medium | low
    kind: str  # cycle | blocked | at_risk | high_risk | waited_on | unowned | long_chain
    sentence: str
    nodes: tuple[str, ...] = ()
    edges: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "kind": self.kind, "sentence": self.sentence,
                "nodes": list(self.nodes), "edges": [list(e) for e in self.edges]}


KIND_ORDER = ("cycle", "blocked", "at_risk", "high_risk", "waited_on", "unowned", "long_chain")


Labeller = Callable[[str], str]


def _labeller(ws: Workshop) -> Labeller:
    labels = {n.id: n.label or n.id for n in ws.nodes}
    return lambda node_id: labels.get(node_id, node_id)


def _edge_phrase(e: DepEdge, label: Labeller) -> tuple[str, str]:
    """("“what” from A to B", " (needed by date)") for sentences about one dependency."""
    what = f"“{e.what}” from " if e.what else "the hand-over from "
    due = f" (needed by {e.needed_by})" if e.needed_by else ""
    return f"{what}{label(e.source)} to {label(e.target)}", due


def _edge_risks(ws: Workshop, label: Labeller) -> list[Risk]:
    found: list[Risk] = []
    for e in ws.edges:
        if e.status == "done":
            continue
        key = ((e.source, e.target),)
        phrase, due = _edge_phrase(e, label)
        if e.status == "blocked":
            sentence = f"Blocked: {phrase}{due}. Who escalates, and to whom?"
            found.append(Risk("high", "blocked", sentence, (), key))
        elif e.status == "at_risk":
            found.append(Risk("medium", "at_risk", f"At risk: {phrase}{due}.", (), key))
        elif e.risk == "high":
            found.append(Risk("medium", "high_risk", f"High risk: {phrase}{due}.", (), key))
        if not e.owner:
            found.append(Risk("medium", "unowned", f"Nobody owns {phrase} end to end{due}.", (), key))
    return found


def _graph_risks(ws: Workshop, label: Labeller) -> list[Risk]:
    found: list[Risk] = []
    for c in cycles(ws, limit=50):
        loop = " → ".join(label(n) for n in [*c, c[0]])
        edges = tuple(zip(c, c[1:] + c[:1], strict=True))
        found.append(Risk("high", "cycle", f"Circular dependency: {loop}. Nobody can finish first.",
                          tuple(c), edges))
    others = len(ws.nodes) - 1
    for node, waiting in blocking(ws).items():
        if waiting >= WAITED_ON_MINIMUM and waiting * 2 >= others:
            found.append(Risk("medium", "waited_on",
                              f"{waiting} of {others} others wait on {label(node)}, directly or in turn: "
                              "a slip there reaches most of the map.", (node,)))
    chain = critical_chain(ws)
    if chain and len(chain) - 1 >= LONG_CHAIN_EDGES:
        path = " → ".join(label(n) for n in chain)
        found.append(Risk("low", "long_chain",
                          f"A chain of {len(chain) - 1} hand-overs: {path}. A delay at the start travels "
                          "to the end.", tuple(chain), tuple(zip(chain, chain[1:], strict=False))))
    return found


def risks(ws: Workshop) -> list[Risk]:
    """What to name about the map, most severe first. A done dependency raises no edge finding,
    but still counts in the structure (cycles, chains, who waits on whom)."""
    label = _labeller(ws)
    found = _graph_risks(ws, label) + _edge_risks(ws, label)
    return sorted(found, key=lambda r: (SEVERITIES.index(r.severity), KIND_ORDER.index(r.kind)))
