"""What the map's overlays show, taken from the domain functions that ``okr-workshop report``
uses, so the canvas, the PDF and the report never disagree. No Qt here: it is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain import dependencies
from ...domain.model import Workshop

EdgeKey = tuple[str, str]


@dataclass(frozen=True)
class Overlay:
    cycles: list[list[str]] = field(default_factory=list)
    chain: list[str] | None = None  # None while a loop makes "longest" meaningless
    blocking: dict[str, int] = field(default_factory=dict)
    unowned: list[EdgeKey] = field(default_factory=list)
    risks: list[dependencies.Risk] = field(default_factory=list)
    cycles_capped: bool = False

    @property
    def loop_edges(self) -> set[EdgeKey]:
        return {(a, b) for c in self.cycles for a, b in zip(c, c[1:] + c[:1], strict=True)}

    @property
    def loop_nodes(self) -> set[str]:
        return {n for c in self.cycles for n in c}

    @property
    def chain_edges(self) -> set[EdgeKey]:
        return set(zip(self.chain, self.chain[1:], strict=False)) if self.chain else set()

    def summary(self) -> str:
        """One line for the room: the loops, the chain, and what nobody owns."""
        parts: list[str] = []
        if self.cycles:
            more = "+" if self.cycles_capped else ""
            parts.append(f"{len(self.cycles)}{more} loop{'s' if len(self.cycles) != 1 else ''}: "
                         "no critical chain until the loop is broken")
        elif self.chain:
            parts.append(f"critical chain: {len(self.chain) - 1} hand-overs")
        if self.unowned:
            parts.append(f"{len(self.unowned)} without an owner")
        return " · ".join(parts) or "No loops, and every dependency has an owner."


def analyse(ws: Workshop) -> Overlay:
    """Every overlay of the map, once per change (never per frame of a drag)."""
    found = dependencies.cycles(ws, limit=dependencies.CYCLE_LIMIT + 1)
    return Overlay(
        cycles=found[:dependencies.CYCLE_LIMIT],
        chain=dependencies.critical_chain(ws),
        blocking=dependencies.blocking(ws),
        unowned=[(a, b) for a, b in dependencies.unowned_edges(ws)],
        risks=dependencies.risks(ws),
        cycles_capped=len(found) > dependencies.CYCLE_LIMIT,
    )
