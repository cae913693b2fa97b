"""How the dependency map looks, for the screen (ui/graph) and the PDF pack alike.

One shape and one Okabe-Ito colour per kind of box, and one colour plus one line style or tag
per state of a dependency, so that nothing on the map relies on colour alone. No Qt and no
reportlab here: each side turns these into its own pens and shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .domain import model as m
from .palette import OKABE_ITO

KIND_COLOUR_NAMES = {"team": "blue", "initiative": "orange", "priority": "green", "external": "purple"}
KIND_NAMES = {"team": "Team", "initiative": "Initiative", "priority": "Priority", "external": "External party"}
KIND_SHAPES = {"team": "box", "initiative": "hexagon", "priority": "oval", "external": "cut corners, dashed"}

LOOP = OKABE_ITO["vermillion"]  # the loop band behind edges and around boxes
CHAIN = OKABE_ITO["yellow"]  # a highlighter band: the critical chain
CHAIN_CASING = "#6B5E00"  # yellow alone fades on a projector: the band gets a dark edge
BLOCKED = OKABE_ITO["vermillion"]
AT_RISK = "#B87F00"  # Okabe-Ito orange darkened: its tag text must read on white
OPEN = "#374151"
DONE = "#9CA3AF"

LOOP_BAND = 18.0  # canvas units
CHAIN_BAND = 20.0
ARROW_LENGTH = 20.0
ARROW_HALF_WIDTH = 9.0


@dataclass(frozen=True)
class EdgeLook:
    """How one dependency is drawn: its line, and the tags that say in words what colour says."""

    colour: str
    width: float
    dashed: bool
    tags: tuple[str, ...]
    bar: bool = False  # blocked: a bar across the line, like a closed gate
    warning: bool = False  # at risk: a warning triangle on the line


def edge_look(edge: m.DepEdge) -> EdgeLook:
    tags: list[str] = []
    if edge.status == "blocked":
        colour, width, bar, warning = BLOCKED, 5.0, True, False
        tags.append("BLOCKED")
    elif edge.status == "at_risk":
        colour, width, bar, warning = AT_RISK, 5.0, False, True
        tags.append("AT RISK")
    elif edge.status == "done":
        colour, width, bar, warning = DONE, 2.5, False, False
        tags.append("done ✓")
    else:
        colour, width, bar, warning = OPEN, 3.0, False, False
    if not edge.owner and edge.status != "done":
        tags.append("no owner")
    return EdgeLook(colour, width, not edge.owner, tuple(tags), bar, warning)
