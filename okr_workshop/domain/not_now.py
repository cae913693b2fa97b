"""The focus board: what is selected, and what is deliberately not being done.

A card is either a candidate priority or a not-now entry with no priority behind it (an item
an executive named under "what should stop or wait", or one added on the board). A priority's
column is its status; its not-now entry carries the reason, the owner and the revisit date or
trigger. ``move`` returns the record changes one move makes, so the UI applies them as one
undoable step and the CLI and PDF read the same state.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from .alignment import answer_groups, normalise
from .critical_few import CRITICAL_FEW_MAX
from .model import NotNow, Priority, Workshop

COLUMNS = ("selected", "stop", "defer", "bau")
UNDECIDED = "undecided"  # not a board column: the candidates that still need a decision
COLUMN_TITLES = {
    "selected": "Selected: the critical few",
    "stop": "Stop",
    "defer": "Defer: not now",
    "bau": "Business as usual",
    UNDECIDED: "Still undecided",
}
STATUS_OF = {"selected": "selected", "stop": "stopped", "defer": "deferred", "bau": "bau", UNDECIDED: "candidate"}
COLUMN_OF_STATUS = {status: column for column, status in STATUS_OF.items()}
NO_REVISIT = "deferred without a revisit date or trigger: it will quietly come back"

Change = tuple[object | None, object | None]  # (before, after) records; None = added / removed


@dataclass(frozen=True)
class Card:
    """One card on the board. ``key`` is "pr:<priority id>" or "nn:<not-now id>"."""

    key: str
    title: str
    column: str
    priority: Priority | None = None
    entry: NotNow | None = None
    flag: str | None = None


def _entry_for(ws: Workshop, priority_id: str) -> NotNow | None:
    return next((n for n in ws.not_now if n.priority == priority_id), None)


def _flag(column: str, entry: NotNow | None) -> str | None:
    if column == "defer" and not (entry and (entry.revisit or "").strip()):
        return NO_REVISIT
    return None


def cards(ws: Workshop) -> list[Card]:
    """Every card, priorities first in the facilitator's order, then free not-now entries."""
    out: list[Card] = []
    for p in ws.priorities:
        entry = _entry_for(ws, p.id)
        column = COLUMN_OF_STATUS.get(p.status, UNDECIDED)
        if column == UNDECIDED and entry is not None:
            column = entry.decision  # decided on the not-now list, status not yet moved
        out.append(Card(f"pr:{p.id}", p.title, column, p, entry, _flag(column, entry)))
    for n in ws.not_now:
        if n.priority is None:
            out.append(Card(f"nn:{n.id}", n.title, n.decision, None, n, _flag(n.decision, n)))
    return out


def board(ws: Workshop) -> dict[str, list[Card]]:
    """Cards by column, the undecided ones under UNDECIDED."""
    columns: dict[str, list[Card]] = {c: [] for c in (*COLUMNS, UNDECIDED)}
    for card in cards(ws):
        columns[card.column].append(card)
    return columns


def card(ws: Workshop, key: str) -> Card | None:
    return next((c for c in cards(ws) if c.key == key), None)


def move(ws: Workshop, key: str, column: str, new_id: Callable[[str, list], str]) -> list[Change]:
    """The record changes that put card ``key`` into ``column``; [] when it is already there.

    ``new_id(prefix, existing)`` names new records. A free entry moved to Selected becomes a
    candidate priority of its own; a priority moved back to Undecided loses its not-now entry.
    """
    if column not in (*COLUMNS, UNDECIDED):
        raise ValueError(f"unknown column {column!r}")
    current = card(ws, key)
    if current is None:
        raise ValueError(f"no card {key!r}")
    if current.column == column:
        return []
    changes: list[Change] = []
    entry = current.entry
    if current.priority is None:  # a free not-now entry
        assert entry is not None
        if column in ("stop", "defer", "bau"):
            return [(entry, dataclasses.replace(entry, decision=column))]
        priority = Priority(new_id("pr", ws.priorities), entry.title, entry.reason, STATUS_OF[column])
        return [(None, priority), (entry, None)]
    priority = current.priority
    changes.append((priority, dataclasses.replace(priority, status=STATUS_OF[column])))
    if column in ("selected", UNDECIDED):
        if entry is not None:
            changes.append((entry, None))
    elif entry is None:
        changes.append((None, NotNow(new_id("n", ws.not_now), priority.title, priority.id, column)))
    elif entry.decision != column:
        changes.append((entry, dataclasses.replace(entry, decision=column)))
    return changes


def add_entry(ws: Workshop, title: str, column: str, new_id: Callable[[str, list], str]) -> list[Change]:
    """A new card on the board; in Selected it is a new priority, elsewhere a not-now entry."""
    title = title.strip()
    if not title:
        raise ValueError("a card needs a title")
    if column in ("selected", UNDECIDED):
        return [(None, Priority(new_id("pr", ws.priorities), title, status=STATUS_OF[column]))]
    return [(None, NotNow(new_id("n", ws.not_now), title, None, column))]


def suggestions(ws: Workshop) -> list[tuple[str, int]]:
    """What executives said should stop or wait and is not on the board yet: (item, how many said it)."""
    on_board = {normalise(c.title) for c in cards(ws)}
    return [(g.item, g.count) for g in answer_groups(ws, "stop_or_wait") if normalise(g.item) not in on_board]


@dataclass(frozen=True)
class Focus:
    """The gauges the room reads from the back: doing versus deliberately not doing."""

    selected: int
    not_doing: int  # stopped + deferred + BAU
    undecided: int
    warning: str | None


def focus(ws: Workshop) -> Focus:
    columns = board(ws)
    selected = len(columns["selected"])
    not_doing = sum(len(columns[c]) for c in ("stop", "defer", "bau"))
    warning = None
    if selected > CRITICAL_FEW_MAX:
        warning = f"{selected} selected: more than {CRITICAL_FEW_MAX} is not a critical few."
    elif not_doing == 0 and selected:
        warning = "Nothing is deliberately not being done: focus is weak."
    return Focus(selected, not_doing, len(columns[UNDECIDED]), warning)


def flags(ws: Workshop) -> list[tuple[str, str]]:
    """(card key, what is wrong) for every card that needs attention."""
    return [(c.key, c.flag) for c in cards(ws) if c.flag]


def report(ws: Workshop) -> dict[str, object]:
    """The board for ``okr-workshop report`` and the pack: counts, flags and the intake log."""
    gauges = focus(ws)
    decided = [i for i in ws.intake if i.decision != "pending"]
    return {
        "selected": gauges.selected,
        "not_doing": gauges.not_doing,
        "undecided": gauges.undecided,
        "warning": gauges.warning,
        "flags": [{"card": key, "flag": text} for key, text in flags(ws)],
        "tradeoffs_confirmed": sum(t.confirmed for t in ws.tradeoffs),
        "intake": {
            "total": len(ws.intake),
            "pending": len(ws.intake) - len(decided),
            **{d: sum(i.decision == d for i in decided) for d in ("approve", "defer", "reject")},
        },
    }
