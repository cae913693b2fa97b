"""The stage's data and the layout every view shares: what a view is, its rows, and how rows fill pages.

A view (``StageRef``) becomes a ``StageModel`` of plain rows (shared/ARCHITECTURE.md, "Console and
stage"). Each view's draft function fills a ``_Draft`` with entries made by ``_entry``; ``_paginate``
cuts them into pages. The view modules (``stage``, ``stage_alignment``, ``stage_voice``,
``stage_retro``) all build on this one, so it imports none of them. The names with an underscore
are for those modules only, not for the rest of the package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from . import model as m
from . import stage_map
from .text_rows import wrap

BAR_SHARE = 0.3  # the share of a row's width a score bar takes, right of the text
SUBTITLE_ROWS = 2  # a subtitle wraps to at most this many rows; the rest is cut with an ellipsis


@dataclass(frozen=True)
class StageRef:
    """Which view: its kind, the record it shows (a vote id, an objective id, a time), the page."""

    kind: str
    key: str = ""
    page: int = 0


@dataclass(frozen=True)
class RoomInfo:
    """Room voting as the room may see it; codes live in the room server's memory, so they are passed in."""

    address: str
    code: str


@dataclass(frozen=True)
class Live:
    """What the stage knows beyond the workshop: room voting, and the time for the timers
    (None: no clock, as in a rehearsal, so no countdown is shown)."""

    room: RoomInfo | None = None
    now: datetime | None = None


@dataclass(frozen=True)
class Row:
    """One line of a view. ``lead`` sits in a column on the left (a time, a rank), ``figure`` on
    the right (a score, a target); ``bar`` (0..1) draws a score bar. A continuation row of a
    wrapped entry has neither."""

    text: str
    style: str = "body"  # body | strong | muted
    lead: str = ""
    figure: str = ""
    bar: float | None = None


@dataclass(frozen=True)
class Figure:
    """A big number the room reads from the back: "8 of 10", a room code, "10:50"."""

    value: str
    label: str = ""


@dataclass(frozen=True)
class StageModel:
    """One page of a view, ready to draw: nothing in it needs the workshop any more."""

    ref: StageRef
    title: str = ""
    subtitle: str = ""
    rows: tuple[Row, ...] = ()
    figure: Figure | None = None
    page: int = 0
    pages: int = 1
    footer: str = ""  # the workshop's title, small
    diagram: stage_map.MapPage | None = None  # the dependency map's boxes, drawn in place of rows

    def texts(self) -> list[str]:
        """Every text the view shows, in reading order: what a test or a screen reader checks."""
        out = [self.title, self.subtitle]
        if self.figure:
            out += [self.figure.label, self.figure.value]
        for row in self.rows:
            out += [row.lead, row.text, row.figure]
        if self.diagram:
            out += [line for box in self.diagram.boxes for line in box.lines]
        if self.pages > 1:
            out.append(page_label(self.page, self.pages))
        out.append(self.footer)
        return [t for t in out if t]

    def as_text(self) -> str:
        """The view as plain text, score bars drawn with characters."""
        lines = [self.title, self.subtitle] if self.subtitle else [self.title]
        if self.figure:
            lines.append(f"{self.figure.label} {self.figure.value}".strip())
        for row in self.rows:
            bar = text_bar(row.bar) + " " if row.bar is not None else ""
            lines.append(" ".join(t for t in (row.lead, row.text, bar + row.figure) if t))
        if self.diagram:
            lines += stage_map.in_words(self.diagram)
        if self.pages > 1:
            lines.append(page_label(self.page, self.pages))
        return "\n".join(line for line in lines if line)


Entry = list[Row]  # rows that stay on one page together
PAGE_BREAK: Entry = []  # an empty entry: the next entry starts a new page


@dataclass
class _Draft:
    """A view before it is cut into pages."""

    title: str = ""
    subtitle: str = ""
    entries: list[Entry] = field(default_factory=list)
    figure: Figure | None = None
    spaced: bool = False  # an empty row between entries: for entries of several rows each
    diagrams: Callable[[int, int], list[stage_map.MapPage]] | None = None  # pages of a map for rows x width


def page_label(page: int, pages: int) -> str:
    """ "2/3": which page of how many, for a view that does not fit one page."""
    return f"{page + 1}/{pages}"


def text_bar(share: float, width: int = 10) -> str:
    """A score bar of block characters: 0.55 -> "█████▌    "."""
    eighths = round(max(0.0, min(1.0, share)) * width * 2)
    return ("█" * (eighths // 2) + ("▌" if eighths % 2 else "")).ljust(width)


# ----- rows and pages --------------------------------------------------------------------------


def _wrapped(text: str, width: int, style: str = "body") -> Entry:
    """``text`` as rows of one style and no lead or figure: a heading, a note, a paragraph."""
    return [Row(t, style) for t in wrap(text, width)]


def _entry(text: str, width: int, style: str = "body", lead: str = "", figure: str = "",
           bar: float | None = None, note: str = "") -> Entry:
    """One item as rows: its text wrapped beside the lead and the figure, then a muted note."""
    room = width - (len(lead) + 2 if lead else 0) - (len(figure) + 2 if figure else 0)
    if bar is not None:
        room -= int(width * BAR_SHARE)
    first, *rest = wrap(text, room)
    rows = [Row(first, style, lead, figure, bar)] + [Row(t, style) for t in rest]
    if note:
        rows += _wrapped(note, width - (len(lead) + 2 if lead else 0), "muted")
    return rows


def _gone(title: str, what: str, width: int) -> _Draft:
    """The view of a record deleted since the view was put in the show order: says so, shows nothing else."""
    return _Draft(title, entries=[_entry(f"This {what} is no longer in the workshop.", width, "muted")])


def _paginate(entries: list[Entry], rows: int, spaced: bool = False) -> list[list[Entry]]:
    """Entries onto pages of ``rows`` rows, an entry never split unless it alone is too long;
    ``spaced``: an empty row between two entries on a page; an empty entry (``PAGE_BREAK``) ends a page."""
    pages: list[list[Entry]] = [[]]
    used = 0
    for entry in entries:
        if entry is PAGE_BREAK or not entry:  # what follows starts a page of its own
            if pages[-1]:
                pages.append([])
                used = 0
            continue
        if spaced and pages[-1] and used + 1 + len(entry) <= rows:
            entry = [Row("")] + entry
        while len(entry) > rows:  # too long for any page: it takes whole pages of its own
            if pages[-1]:
                pages.append([])
            pages[-1].append(entry[:rows])
            pages.append([])
            entry, used = entry[rows:], 0
        if used + len(entry) > rows and pages[-1]:
            pages.append([])
            used = 0
        pages[-1].append(entry)
        used += len(entry)
    return [p for p in pages if p] or [[]]


def _subtitle(text: str, width: int) -> str:
    """The subtitle on at most ``SUBTITLE_ROWS`` rows, so it never crowds the rows out of the page."""
    rows = wrap(text, width)
    if len(rows) > SUBTITLE_ROWS:
        rows = rows[:SUBTITLE_ROWS]
        rows[-1] = rows[-1][: max(1, width - 1)].rstrip() + "…"
    return " ".join(rows) if text else ""


# ----- words several views share ---------------------------------------------------------------


def counted(n: int, noun: str) -> str:
    """ "1 answer", "3 answers": a count the room reads, with its noun agreeing."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _number(value: float | None, unit: str = "") -> str:
    """A key result's number with its unit; "?" when it is not known."""
    if value is None:
        return "?"
    text = f"{value:g}"
    return f"{text}{unit}" if unit in ("%", "pp") else f"{text} {unit}".strip()


def from_to(kr: m.KeyResult | m.PastKeyResult) -> str:
    """ "74 → 30 days", "12% → 60%": the unit once, unless it is a sign that sticks to the number."""
    if kr.unit in ("%", "pp"):
        return f"{_number(kr.baseline, kr.unit)} → {_number(kr.target, kr.unit)}"
    return f"{_number(kr.baseline)} → {_number(kr.target, kr.unit)}"
