"""What the stage shows: one view at a time, as plain data laid out in rows for a page size.

The stage is what the room sees (shared/ARCHITECTURE.md, "Console and stage"). A view is data,
``StageRef`` (which kind, which record, which page), never a widget tree; ``build`` turns it
into a ``StageModel`` for a page of ``rows`` lines of ``width`` characters, so the stage
window, ``okr-workshop rehearse`` and the tests share one answer. Nothing secret enters a
model: no ballot, no voter's name, and no tally of a vote the facilitator has not revealed.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date

from . import model as m
from .run_of_show import planned_schedule
from .vote_chart import chart_for, format_score, rank_labels, shift_label, subtitle
from .vote_status import turnout_words, voting_status

KINDS = ("title", "join", "vote", "critical_few", "okr", "actions", "blank", "back_at")
FIGURE_ROWS = 4  # the rows a big figure (a room code, "8 of 10") takes out of a page
BAR_SHARE = 0.3  # the share of a row's width a score bar takes, right of the text
SUBTITLE_ROWS = 2  # a subtitle wraps to at most this many rows; the rest is cut with an ellipsis
# Which views an agenda session's screen brings onto the stage; screens not named show nothing yet.
SCREEN_KINDS = {"overview": "title", "vote": "vote", "not_now": "critical_few", "okrs": "okr", "actions": "actions"}


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
    ref: StageRef
    title: str = ""
    subtitle: str = ""
    rows: tuple[Row, ...] = ()
    figure: Figure | None = None
    page: int = 0
    pages: int = 1
    footer: str = ""  # the workshop's title, small

    def texts(self) -> list[str]:
        """Every text the view shows, in reading order: what a test or a screen reader checks."""
        out = [self.title, self.subtitle]
        if self.figure:
            out += [self.figure.label, self.figure.value]
        for row in self.rows:
            out += [row.lead, row.text, row.figure]
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
        if self.pages > 1:
            lines.append(page_label(self.page, self.pages))
        return "\n".join(line for line in lines if line)


Entry = list[Row]  # rows that stay on one page together


@dataclass
class _Draft:
    """A view before it is cut into pages."""

    title: str = ""
    subtitle: str = ""
    entries: list[Entry] = field(default_factory=list)
    figure: Figure | None = None
    spaced: bool = False  # an empty row between entries: for entries of several rows each


def page_label(page: int, pages: int) -> str:
    return f"{page + 1}/{pages}"


def text_bar(share: float, width: int = 10) -> str:
    """A score bar of block characters: 0.55 -> "█████▌    "."""
    eighths = round(max(0.0, min(1.0, share)) * width * 2)
    return ("█" * (eighths // 2) + ("▌" if eighths % 2 else "")).ljust(width)


def wrap(text: str, width: int) -> list[str]:
    """Rows of at most ``width`` characters; a word longer than a row is broken, never cut off."""
    return textwrap.wrap(text, max(4, width), break_on_hyphens=False) or [""]


def _entry(text: str, width: int, style: str = "body", lead: str = "", figure: str = "",
           bar: float | None = None, note: str = "") -> Entry:
    """One item as rows: its text wrapped beside the lead and the figure, then a muted note."""
    room = width - (len(lead) + 2 if lead else 0) - (len(figure) + 2 if figure else 0)
    if bar is not None:
        room -= int(width * BAR_SHARE)
    first, *rest = wrap(text, room)
    rows = [Row(first, style, lead, figure, bar)] + [Row(t, style) for t in rest]
    if note:
        rows += [Row(t, "muted") for t in wrap(note, width - (len(lead) + 2 if lead else 0))]
    return rows


def _paginate(entries: list[Entry], rows: int, spaced: bool = False) -> list[list[Entry]]:
    """Entries onto pages of ``rows`` rows, an entry never split unless it alone is too long;
    ``spaced``: an empty row between two entries on a page."""
    pages: list[list[Entry]] = [[]]
    used = 0
    for entry in entries:
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
    rows = wrap(text, width)
    if len(rows) > SUBTITLE_ROWS:
        rows = rows[:SUBTITLE_ROWS]
        rows[-1] = rows[-1][: max(1, width - 1)].rstrip() + "…"
    return " ".join(rows) if text else ""


def build(ws: m.Workshop, ref: StageRef, rows: int = 12, width: int = 48, room: RoomInfo | None = None) -> StageModel:
    """The view ``ref`` for a page of ``rows`` rows of ``width`` characters (the page is clamped)."""
    draft = _DRAFTS.get(ref.kind, _blank)(ws, ref, width, room)
    sub = _subtitle(draft.subtitle, width)
    capacity = max(1, rows - (len(wrap(sub, width)) if sub else 0) - (FIGURE_ROWS if draft.figure else 0))
    pages = _paginate(draft.entries, capacity, draft.spaced)
    page = max(0, min(ref.page, len(pages) - 1))
    return StageModel(StageRef(ref.kind, ref.key, page), draft.title, sub,
                      tuple(row for entry in pages[page] for row in entry), draft.figure, page, len(pages),
                      "" if ref.kind == "blank" else ws.info.title)


# ----- the views -------------------------------------------------------------------------------


def _blank(ws: m.Workshop, ref: StageRef, width: int, room: RoomInfo | None) -> _Draft:
    return _Draft()


def date_span(starts: str | None, ends: str | None) -> str:
    """ "12–13 March 2026", "30 March – 2 April 2026", or "" without dates."""
    try:
        first = date.fromisoformat(starts) if starts else None
        last = date.fromisoformat(ends) if ends else first
    except ValueError:
        return starts or ""
    if first is None or last is None:
        return ""
    if last <= first:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def _title(ws: m.Workshop, ref: StageRef, width: int, room: RoomInfo | None) -> _Draft:
    info = ws.info
    draft = _Draft(info.title, " · ".join(t for t in (date_span(info.starts, info.ends), info.location) if t))
    slots = planned_schedule(ws.agenda)
    several_days = len({s.day for s in ws.agenda}) > 1
    day = None
    for session in ws.agenda:
        if several_days and session.day != day:
            day = session.day
            draft.entries.append([Row(f"Day {day}", "strong")])
        lead = f"{slots[session.id].start:%H:%M}"
        draft.entries.append(_entry(session.title, width, "muted" if session.screen is None else "body", lead))
    return draft


def _join(ws: m.Workshop, ref: StageRef, width: int, room: RoomInfo | None) -> _Draft:
    if room is None:
        return _Draft("Vote from your phone", entries=[
            _entry("The address and the room code appear here when room voting starts.", width, "muted")])
    return _Draft("Vote from your phone", figure=Figure(room.code, "Room code"), entries=[
        _entry(f"Open {room.address}", width, "strong"),
        _entry("Type the room code, pick your name, and vote when the question opens.", width, "muted")])


def _vote(ws: m.Workshop, ref: StageRef, width: int, room: RoomInfo | None) -> _Draft:
    vote = next((v for v in ws.votes if v.id == ref.key), None)
    if vote is None:
        return _Draft("Vote", entries=[_entry("This vote is no longer in the workshop.", width, "muted")])
    if not vote.revealed:
        return _hidden_vote(ws, vote, width)
    chart = chart_for(ws, vote)
    result = chart.result
    if chart.empty:
        return _Draft(vote.title, entries=[_entry("No ballots yet.", width, "muted")])
    top = max((abs(row["score"]) for row in result.ranking), default=0) or 1
    ranks = rank_labels(result.ranking)
    draft = _Draft(vote.title, " · ".join(part.strip() for part in subtitle(chart).split("·")))
    for row in result.ranking:
        item = row["item"]
        moved = shift_label(chart, item)[0].strip("=")
        score = format_score(result.method, row["score"]) + (f" {moved}" if moved else "")
        draft.entries.append(_entry(chart.titles.get(item, item), width, lead=ranks[item], figure=score,
                                    bar=abs(row["score"]) / top))
    return draft


def _hidden_vote(ws: m.Workshop, vote: m.Vote, width: int) -> _Draft:
    """Only the turnout: no tally is even computed, so none can leak into the model."""
    status = voting_status(ws, vote)
    words = turnout_words(ws, vote)  # "8 of 10 have voted · 1 abstains"
    rest = words.split(" · ", 1)[1] if " · " in words else ""
    label = "has voted" if len(status.voted) == 1 and len(status.expected) == 1 else "have voted"
    entries = [_entry(rest, width, "muted")] if rest else []
    entries.append(_entry("The results appear when the facilitator reveals them.", width, "muted"))
    return _Draft(vote.title, "Voting is open" if not vote.closed else "Voting is closed",
                  entries, Figure(f"{len(status.voted)} of {len(status.expected)}", label))


def _critical_few(ws: m.Workshop, ref: StageRef, width: int, room: RoomInfo | None) -> _Draft:
    chosen = [p for p in ws.priorities if p.status == "selected"]
    cycle = f" for {ws.info.cycle}" if ws.info.cycle else ""
    draft = _Draft("The critical few", f"{len(chosen)} priorities we choose{cycle}" if chosen else "", spaced=True)
    draft.entries = [_entry(p.title, width, "strong", str(i), note=p.description) for i, p in enumerate(chosen, 1)]
    if not chosen:
        draft.entries = [_entry("The room has not chosen its priorities yet.", width, "muted")]
    return draft


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "?"
    text = f"{value:g}"
    return f"{text}{unit}" if unit in ("%", "pp") else f"{text} {unit}".strip()


def from_to(kr: m.KeyResult) -> str:
    """ "74 → 30 days", "12% → 60%": the unit once, unless it is a sign that sticks to the number."""
    if kr.unit in ("%", "pp"):
        return f"{_number(kr.baseline, kr.unit)} → {_number(kr.target, kr.unit)}"
    return f"{_number(kr.baseline)} → {_number(kr.target, kr.unit)}"


def short_date(text: str | None) -> str:
    """ "20 Mar" for an ISO date; anything else as it is."""
    try:
        return f"{date.fromisoformat(text).day} {date.fromisoformat(text):%b}" if text else ""
    except ValueError:
        return text or ""


def _okr(ws: m.Workshop, ref: StageRef, width: int, room: RoomInfo | None) -> _Draft:
    objective = next((o for o in ws.objectives if o.id == ref.key), None)
    if objective is None:
        return _Draft("Objective", entries=[_entry("This objective is no longer in the workshop.", width, "muted")])
    facts = []
    if objective.priority:
        facts.append(f"Priority: {ws.priority_title(objective.priority)}")
    if objective.owner:
        facts.append(f"Owner: {ws.participant_name(objective.owner) or objective.owner}")
    draft = _Draft(objective.objective, " · ".join(facts), spaced=True)
    for kr in ws.key_results_of(objective.id):
        note = " · ".join(t for t in (ws.participant_name(kr.owner), f"by {short_date(kr.due)}" if kr.due else "")
                          if t)
        figure = from_to(kr)
        if len(figure) <= width // 3:
            draft.entries.append(_entry(kr.title, width, figure=figure, note=note))
        else:  # a long figure gets a row of its own rather than squeezing the title
            entry = _entry(kr.title, width)
            entry += [Row(t, "strong") for t in wrap(figure, width)]
            draft.entries.append(entry + [Row(t, "muted") for t in wrap(note, width)] if note else entry)
    if not draft.entries:
        draft.entries = [_entry("No key results yet.", width, "muted")]
    return draft


def _actions(ws: m.Workshop, ref: StageRef, width: int, room: RoomInfo | None) -> _Draft:
    shown = [a for a in ws.actions if a.status != "dropped"]
    draft = _Draft("Actions", f"{sum(a.status == 'open' for a in shown)} open, {sum(a.status == 'done' for a in shown)}"
                              " done", spaced=True)
    for a in shown:
        owner = ws.participant_name(a.owner) or "No owner yet"
        draft.entries.append(_entry(a.title, width, "muted" if a.status == "done" else "body",
                                    "✓" if a.status == "done" else "•", short_date(a.due) or "no date", note=owner))
    if not shown:
        draft.entries = [_entry("No actions yet.", width, "muted")]
    return draft


def _back_at(ws: m.Workshop, ref: StageRef, width: int, room: RoomInfo | None) -> _Draft:
    """A break or lunch: its title from the agenda session that ends at ``ref.key``."""
    slots = planned_schedule(ws.agenda)
    session = next((s for s in ws.agenda if s.screen is None and f"{slots[s.id].end:%H:%M}" == ref.key), None)
    return _Draft(session.title if session else "Break", figure=Figure(ref.key, "Back at") if ref.key else None)


_DRAFTS = {"title": _title, "join": _join, "vote": _vote, "critical_few": _critical_few, "okr": _okr,
           "actions": _actions, "blank": _blank, "back_at": _back_at}


# ----- the order of the show -------------------------------------------------------------------


def show_order(ws: m.Workshop) -> list[StageRef]:
    """The views in the order the day needs them: the agenda's sessions name screens, each
    brings its views (a break brings "Back at"); then whatever no session brought."""
    order: list[StageRef] = [StageRef("title")]
    votes = [v.id for v in ws.votes]
    vote_sessions = [s for s in ws.agenda if s.screen == "vote"]
    slots = planned_schedule(ws.agenda)

    def add(ref: StageRef) -> None:
        if ref not in order:
            order.append(ref)

    def add_votes(ids: list[str]) -> None:
        if ids:
            add(StageRef("join"))
        for vid in ids:
            add(StageRef("vote", vid))

    for session in ws.agenda:
        if session.screen is None:
            add(StageRef("back_at", f"{slots[session.id].end:%H:%M}"))
        elif session.screen == "vote":
            last = session is vote_sessions[-1]
            add_votes(votes if last else votes[:1])
            votes = [] if last else votes[1:]
        elif SCREEN_KINDS.get(session.screen) == "okr":
            for o in ws.objectives:
                add(StageRef("okr", o.id))
        elif session.screen in SCREEN_KINDS:
            add(StageRef(SCREEN_KINDS[session.screen]))
    add_votes(votes)
    add(StageRef("critical_few"))
    for o in ws.objectives:
        add(StageRef("okr", o.id))
    add(StageRef("actions"))
    return order
