"""What the stage shows: one view at a time, as plain data laid out in rows for a page size.

The stage is what the room sees (shared/ARCHITECTURE.md, "Console and stage"). A view is data,
``StageRef`` (which kind, which record, which page), never a widget tree; ``build`` turns it
into a ``StageModel`` for a page of ``rows`` lines of ``width`` characters, so the stage
window, ``okr-workshop rehearse`` and the tests share one answer. Nothing secret enters a
model: no ballot, no voter's name, no tally of a vote the facilitator has not revealed, no
answer to a prompt before its reveal, no hidden answer, and nobody named beside what they answered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from . import alignment, decision_rights, dependencies, not_now, retrospective, rhythm, stage_map, voice
from . import model as m
from .date_words import dates_in_text, fmt_day_month, fmt_span, short_date
from .next_quarter import has_history
from .run_of_show import clock_time, planned_schedule, remaining_seconds, running
from .text_rows import wrap
from .themes import ThemeCount, themes_of
from .vote_chart import chart_for, format_score, rank_labels, shift_label, subtitle
from .vote_status import turnout_words, voting_status

KINDS = ("title", "join", "vote", "critical_few", "okr", "actions", "blank", "back_at", "check_progress", "alignment",
         "not_now", "tradeoff", "map", "threats", "decision", "forums", "calendar", "parking_lot", "decision_log",
         "prompt", "questions", "retrospective")
# Each kind in words, for the facilitator's list of what is on stage and what comes next.
KIND_NAMES = {"title": "Title and agenda", "join": "Join room voting", "vote": "Vote", "critical_few": "Critical few",
              "okr": "Objective", "actions": "Actions", "blank": "Blank", "back_at": "Back at",
              "check_progress": "Private check: who has finished", "alignment": "Alignment reveal",
              "not_now": "Not now", "tradeoff": "Trade-off", "map": "Dependency map",
              "threats": "What threatens delivery",
              "decision": "Decision rights", "forums": "Forums", "calendar": "The quarter's meetings",
              "parking_lot": "Parking lot", "decision_log": "Decision log", "prompt": "Prompt",
              "questions": "Questions from the floor", "retrospective": "Retrospective"}
FIGURE_ROWS = 4  # the rows a big figure (a room code, "8 of 10") takes out of a page
BAR_SHARE = 0.3  # the share of a row's width a score bar takes, right of the text
FOOTER_CHARS = 40  # a longer workshop title is shortened in the footer
SUBTITLE_ROWS = 2  # a subtitle wraps to at most this many rows; the rest is cut with an ellipsis
# Which views an agenda session's screen brings onto the stage (see ``_screen_refs``); others show nothing yet.
SCREEN_KINDS = {"overview": ("title",), "vote": ("vote",), "diagnose": ("check_progress", "alignment"),
                "not_now": ("critical_few", "not_now", "tradeoff"), "dependencies": ("map", "threats"),
                "decision_rights": ("decision",), "okrs": ("okr",), "rhythm": ("forums", "calendar"),
                "actions": ("actions",),
                "run_of_show": ("parking_lot", "decision_log"), "voice": ("prompt", "questions"),
                "retrospective": ("retrospective",)}


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
    return f"{page + 1}/{pages}"


def text_bar(share: float, width: int = 10) -> str:
    """A score bar of block characters: 0.55 -> "█████▌    "."""
    eighths = round(max(0.0, min(1.0, share)) * width * 2)
    return ("█" * (eighths // 2) + ("▌" if eighths % 2 else "")).ljust(width)


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
    rows = wrap(text, width)
    if len(rows) > SUBTITLE_ROWS:
        rows = rows[:SUBTITLE_ROWS]
        rows[-1] = rows[-1][: max(1, width - 1)].rstrip() + "…"
    return " ".join(rows) if text else ""


def build(ws: m.Workshop, ref: StageRef, rows: int = 12, width: int = 48, room: RoomInfo | None = None,
          now: datetime | None = None) -> StageModel:
    """The view ``ref`` for a page of ``rows`` rows of ``width`` characters (the page is clamped);
    ``now`` drives the session timer and the "back at" countdown."""
    return pick_page(build_pages(ws, ref, rows, width, room, now), ref.page)


def pick_page(pages: tuple[StageModel, ...], page: int) -> StageModel:
    """Page ``page`` of a view's pages, clamped to the ones it has."""
    return pages[max(0, min(page, len(pages) - 1))]


def build_pages(ws: m.Workshop, ref: StageRef, rows: int = 12, width: int = 48, room: RoomInfo | None = None,
                now: datetime | None = None) -> tuple[StageModel, ...]:
    """Every page of the view ``ref`` (its page ignored): the stage keeps them, so a page turn
    builds nothing."""
    draft = _DRAFTS.get(ref.kind, _blank)(ws, ref, width, Live(room, now))
    sub = _subtitle(draft.subtitle, width)
    capacity = max(1, rows - (len(wrap(sub, width)) if sub else 0) - (FIGURE_ROWS if draft.figure else 0))
    footer = "" if ref.kind == "blank" else footer_title(ws.info.title)
    if draft.diagrams is not None:
        maps = draft.diagrams(capacity, width)
        return tuple(StageModel(StageRef(ref.kind, ref.key, page), draft.title, sub, (), None, page, len(maps), footer,
                                diagram) for page, diagram in enumerate(maps))
    pages = _paginate(draft.entries, capacity, draft.spaced)
    return tuple(StageModel(StageRef(ref.kind, ref.key, page), draft.title, sub,
                            tuple(row for entry in rows_of for row in entry), draft.figure, page, len(pages), footer)
                 for page, rows_of in enumerate(pages))


def footer_title(title: str) -> str:
    """The workshop's title for the footer: a long one up to its colon ("Autumn offsite: ...")."""
    head = title.split(":", 1)[0].strip()
    return head if len(title) > FOOTER_CHARS and head else title


# ----- the views -------------------------------------------------------------------------------


def _blank(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    return _Draft()


def _title(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    info = ws.info
    draft = _Draft(info.title, " · ".join(t for t in (fmt_span(info.starts, info.ends), info.location) if t))
    slots = planned_schedule(ws.agenda)
    several_days = len({s.day for s in ws.agenda}) > 1
    now_running = running(ws.agenda)
    if now_running is not None:
        draft.entries.append(_entry(f"Now: {now_running.title}", width, "strong", "▶",
                                    _time_left(now_running, live.now)) + [Row("")])
    day = None
    for session in ws.agenda:
        if several_days and session.day != day:
            day = session.day
            draft.entries.append([Row(f"Day {day}", "strong")])
        lead = f"{slots[session.id].start:%H:%M}"
        style = "strong" if session is now_running else "muted" if session.screen is None else "body"
        draft.entries.append(_entry(session.title, width, style, lead))
    return draft


def _time_left(session: m.AgendaSession, now: datetime | None) -> str:
    """ "12 min left", "3 min over"; nothing without a clock (a rehearsal)."""
    if now is None:
        return ""
    seconds = remaining_seconds(session, now)
    minutes = (abs(seconds) + 59) // 60
    return f"{minutes} min left" if seconds >= 0 else f"{minutes} min over"


def _join(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    room = live.room
    if room is None:
        return _Draft("Vote from your phone", entries=[
            _entry("Room voting is off. The address and the room code appear here when it starts.", width,
                   "muted")])
    return _Draft("Vote from your phone", figure=Figure(room.code, "Room code"), entries=[
        _entry(f"Open {room.address}", width, "strong"),
        _entry("Type the room code, pick your name, and vote when the question opens.", width, "muted")])


def _vote(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
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


def _critical_few(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
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


def from_to(kr: m.KeyResult | m.PastKeyResult) -> str:
    """ "74 → 30 days", "12% → 60%": the unit once, unless it is a sign that sticks to the number."""
    if kr.unit in ("%", "pp"):
        return f"{_number(kr.baseline, kr.unit)} → {_number(kr.target, kr.unit)}"
    return f"{_number(kr.baseline)} → {_number(kr.target, kr.unit)}"


def _okr(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
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


def _actions(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
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


def _back_at(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """A break or lunch: its title from the agenda session that ends at ``ref.key``."""
    slots = planned_schedule(ws.agenda)
    session = next((s for s in ws.agenda if s.screen is None and f"{slots[s.id].end:%H:%M}" == ref.key), None)
    draft = _Draft(session.title if session else "Break", figure=Figure(ref.key, "Back at") if ref.key else None)
    back = clock_time(ref.key)
    if back is not None and live.now is not None:
        minutes = (back.hour * 60 + back.minute) - (live.now.hour * 60 + live.now.minute)
        draft.entries = [_entry(f"in {minutes} min" if minutes > 1 else "in a minute" if minutes == 1
                                else "We start again now", width, "muted")]
    return draft


# ----- the diagnosis: the private check and the reveal -----------------------------------------


def _check_progress(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """Who has finished the private check, by name, and how many: never what anyone answered. The
    department heads who take the check a level lower count with the executives."""
    done = alignment.finished(ws) + alignment.finished(ws, "participant")
    expected = len(done) + len(alignment.waiting(ws)) + len(alignment.waiting(ws, "participant"))
    label = "has finished" if len(done) == 1 and expected == 1 else "have finished"
    draft = _Draft("The private alignment check", figure=Figure(f"{len(done)} of {expected}", label))
    names = " · ".join(_unbroken(ws.participant_name(pid)) for pid in done)  # a name never splits across rows
    draft.entries = [_entry(names, width) if done else _entry("Nobody has finished yet.", width, "muted")]
    return draft


def _alignment(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """One question's reveal: each answer (grouped answers as their theme) with how many named it,
    never who; then the verdict; then, when department heads answered, the check a level lower."""
    question = ref.key if ref.key in alignment.QUESTION_LABELS else m.QUESTIONS[0]
    groups = alignment.answer_groups(ws, question)
    people = alignment.responses(ws, question)
    draft = _Draft(alignment.QUESTION_LABELS[question], alignment.spread_summary(people, len(groups)))
    draft.entries = [_entry(_agreement_words(ws, question), width, "strong") + [Row("")]]
    shared = [g for g in groups if g.count > 1]
    draft.entries += [_entry(g.item, width, figure=f"{g.count} of {people}", bar=g.count / max(1, people))
                      for g in shared]
    once = [g.item for g in groups if g.count == 1]
    if once:  # the long tail as one paragraph: counts only, never who
        heading = [Row("")] if shared else []
        heading += [Row(t, "strong") for t in wrap(f"Named by one person each ({len(once)})", width)]
        first, *rest = _entry(" · ".join(_unbroken(i) for i in once), width)
        draft.entries += [heading + [first]] + [[row] for row in rest]  # rows fill a page, not a whole block
    draft.entries += _level_lower(ws, question, width)
    return draft


def _agreement_words(ws: m.Workshop, question: str) -> str:
    """ "Agreement 15% on themes (1% word for word). Wide variation: ..." """
    score = alignment.agreement(ws, question)
    percent = alignment.agreement_percent(score)
    verdict = alignment.agreement_verdict(score)
    if percent is None:
        return verdict
    if not themes_of(ws, question):
        return f"Agreement {percent}%. {verdict}"
    raw = alignment.agreement_percent(alignment.agreement(ws, question, raw=True))
    return f"Agreement {percent}% on themes ({raw}% word for word). {verdict}"


LEVEL_NAMES = {"executive": "Executives agree", "participant": "Department heads agree",
               "across": "Across the two levels"}
LEVEL_WORDS = {"narrative_problem": "Executives and department heads name different things: the story changes a "
                                    "level lower.",
               "partial": "Executives and department heads share part of the story, not all of it.",
               "shared": "Executives and department heads broadly name the same things."}
LEVEL_TOP = 3  # what each level names first, the two lists on one page
LEVEL_PRIVATE_BELOW = 2  # one department head's answers alone would say who named what


def _level_lower(ws: m.Workshop, question: str, width: int) -> list[Entry]:
    """The check a level lower, on pages of its own: each level's agreement and across them as
    bars with a sentence, then what each level names first. Nothing when no department head
    answered; one alone keeps their answers private (on a stage, "the department heads" names them)."""
    heads = alignment.responses(ws, question, "participant")
    if not heads:
        return []
    found = alignment.levels(ws, question)
    block = [Row(t, "strong") for t in wrap("A level lower", width)]
    for level, name in LEVEL_NAMES.items():
        score = found[level]
        percent = alignment.agreement_percent(score)
        block += _entry(name, width, figure=f"{percent}%" if percent is not None else "–",
                        bar=score if score is not None else 0.0)
    level = alignment.agreement_level(found["across"])
    if level is not None:
        block += [Row("")] + [Row(t) for t in wrap(LEVEL_WORDS[level], width)]
    if heads < LEVEL_PRIVATE_BELOW:
        block += [Row("")] + [Row(t, "muted") for t in wrap(
            "One department head has answered: what they named stays private until another does.", width)]
        return [PAGE_BREAK, block]
    entries = [PAGE_BREAK, block, PAGE_BREAK]
    for role, name in (("executive", "Executives name first"), ("participant", "Department heads name first")):
        people = alignment.responses(ws, question, role)
        top = alignment.answer_groups(ws, question, role)[:LEVEL_TOP]
        rows = [row for g in top for row in _entry(g.item, width, figure=f"{g.count} of {people}")]
        if rows:  # a level's list stays whole on its page: the room compares the two
            heading = [Row(t, "strong") for t in wrap(name, width)]
            entries.append(([Row("")] if len(entries) > 3 else []) + heading + rows)
    return entries


def _unbroken(text: str) -> str:
    """Words joined by no-break spaces, so a name or a short answer never splits across rows."""
    return text.replace(" ", "\u00a0") if len(text) <= 28 else text


# ----- not now and the trade-offs --------------------------------------------------------------

BOARD_COLUMNS = {"stop": "Stop", "defer": "Defer: not now", "bau": "Keep as business as usual"}
BOARD_COUNTS = {"stop": "stopped", "defer": "deferred", "bau": "kept as business as usual"}


def _not_now(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """The Not now board as grouped rows; a column's heading stays on the page of its first card."""
    columns = not_now.board(ws)
    shown = {c: columns[c] for c in BOARD_COLUMNS if columns[c]}
    counts = ", ".join(f"{len(cards)} {BOARD_COUNTS[c]}" for c, cards in shown.items())
    draft = _Draft("Not now", counts)
    for column, cards in shown.items():
        heading = ([Row("")] if draft.entries else []) + [Row(t, "strong") for t in wrap(BOARD_COLUMNS[column], width)]
        entries = [_board_card(card, column, width) for card in cards]
        draft.entries += [heading + entries[0]] + entries[1:]
    if not shown:
        draft.entries = [_entry("Nothing is stopped, deferred or kept as business as usual yet.", width, "muted")]
    return draft


def _board_card(card: not_now.Card, column: str, width: int) -> Entry:
    """A card's title; a deferred one shows when it comes back ("from 1 Oct")."""
    revisit = card.entry.revisit if card.entry and card.entry.revisit else ""
    figure = f"from {short_date(revisit)}" if column == "defer" and revisit else ""
    return _entry(card.title, width, figure=figure if len(figure) <= width // 3 else "")


def _tradeoff(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """One trade-off: "We choose X" as the title, what it costs, and why."""
    t = next((t for t in ws.tradeoffs if t.id == ref.key), None)
    if t is None:
        return _Draft("Trade-off", entries=[_entry("This trade-off is no longer in the workshop.", width, "muted")])
    draft = _Draft(f"We choose {ws.priority_title(t.choose) or t.choose}", "Agreed by the room" if t.confirmed else "",
                   spaced=True)
    draft.entries = [[Row("even at the expense of", "muted")] + [Row(x, "strong") for x in wrap(t.over, width)]]
    if t.rationale:
        draft.entries.append(_entry(t.rationale, width))
    return draft


# ----- the dependency map and what threatens delivery -----------------------------------------------------------------

THREAT_WORDS = {"blocked": "blocked", "at_risk": "at risk"}
THREATS_SHOWN = 8  # what a room takes in from one view; the rest is counted
THREAT_LOOPS_SHOWN = 3
LOOP_NAMES_SHOWN = 5


def _map(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """The map as boxes on a grid, a page of them at a time (no subtitle: every row goes to the
    boxes); ``ref.key == "legend"``: its key in words."""
    if ref.key == "legend":
        return _Draft("Reading the map", entries=[_entry(t, width) for t in stage_map.LEGEND])
    if not ws.nodes:
        return _Draft("The dependency map", entries=[_entry("No dependencies mapped yet.", width, "muted")])
    return _Draft("The dependency map", diagrams=lambda rows, chars: stage_map.map_pages(ws, rows, chars))


def _threats(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """The worst of the dependency analysis in words: the shortest loops, then blocked and at-risk
    hand-overs (the soonest needed first). A room takes in a handful; the rest is counted, and the
    pack lists every one."""
    label = {n.id: n.label or n.id for n in ws.nodes}
    edges = {(e.source, e.target): e for e in ws.edges}
    found = [r for r in dependencies.risks(ws) if r.kind == "cycle" or r.kind in THREAT_WORDS]
    loops = [r for r in found if r.kind == "cycle"][:THREAT_LOOPS_SHOWN]
    hand_overs = sorted((r for r in found if r.kind in THREAT_WORDS),
                        key=lambda r: (r.kind != "blocked", edges[r.edges[0]].needed_by or "9999"))
    shown = (loops + hand_overs)[:THREATS_SHOWN]
    draft = _Draft("What threatens delivery", _threat_counts(found), spaced=True)
    for risk in shown:
        if risk.kind == "cycle":
            draft.entries.append(_entry(_loop_words([label.get(n, n) for n in risk.nodes]), width, "strong",
                                        figure="loop", note="Each waits on the next: nobody can finish first."))
            continue
        e = edges[risk.edges[0]]
        due = f"needed by {short_date(e.needed_by)}".replace(" ", "\u00a0") if e.needed_by else "no date"
        draft.entries.append(_entry(f"{label.get(e.source, e.source)} → {label.get(e.target, e.target)}", width,
                                    "strong", figure=THREAT_WORDS[risk.kind],
                                    note=", ".join(t for t in (e.what, due) if t)))
    if len(found) > len(shown):
        draft.entries.append(_entry(f"…and {len(found) - len(shown)} more. The map on the console and the "
                                    "pack list every one.", width, "muted"))
    if not found:
        draft.entries = [_entry("Nothing is blocked or at risk, and no dependency goes in a circle.", width, "muted")]
    return draft


def _loop_words(names: list[str]) -> str:
    """ "A → B → C → A"; a long loop shows its first boxes and how many it has."""
    if len(names) <= LOOP_NAMES_SHOWN:
        return " → ".join([*names, names[0]])
    return " → ".join(names[:LOOP_NAMES_SHOWN - 1]) + f" → … → {names[-1]} → {names[0]} ({len(names)} boxes)"


def _threat_counts(found: list[dependencies.Risk]) -> str:
    """ "1 loop, 1 blocked, 4 at risk" """
    counts = {k: sum(r.kind == k for r in found) for k in ("cycle", "blocked", "at_risk")}
    words = {"cycle": "loop" if counts["cycle"] == 1 else "loops", "blocked": "blocked", "at_risk": "at risk"}
    return ", ".join(f"{n} {words[k]}" for k, n in counts.items() if n)


# ----- decision rights -------------------------------------------------------------------------


def _decision(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """One decision: its problems first (what the room must fix), then each role with its letter."""
    d = next((d for d in ws.decisions if d.id == ref.key), None)
    if d is None:
        return _Draft("Decision", entries=[_entry("This decision is no longer in the workshop.", width, "muted")])
    forum = next((f.name for f in ws.forums if f.id == d.forum), d.forum or "")
    draft = _Draft(d.situation, f"{ws.framework} · decided in the {forum}" if forum else
                   f"{ws.framework} · no forum takes it yet")
    found = [row for t in _decision_problems(ws, d) for row in _entry(t, width, "strong", lead="!")]
    draft.entries = [found + [Row("")]] if found else []
    letters = decision_rights.LETTERS.get(ws.framework, ())
    meanings = decision_rights.LETTER_MEANINGS.get(ws.framework, {})
    roles = {r.id: r for r in ws.roles}
    given = sorted(((role, letter) for role, letter in d.assignments.items() if letter in letters),
                   key=lambda pair: letters.index(pair[1]))
    for role_id, letter in given:
        role = roles.get(role_id)
        who = ws.participant_name(role.participant) if role and role.participant else ""
        name = role.label if role else role_id
        style = "strong" if letter == decision_rights.DECIDER.get(ws.framework) else "body"
        draft.entries.append(_entry(f"{name} ({who})" if who else name, width, style, lead=letter,
                                    figure=meanings.get(letter, ("",))[0]))
    return draft


def _decision_problems(ws: m.Workshop, d: m.Decision) -> list[str]:
    """ "2 deciders: each can block the other", "No decider", "No forum", in words."""
    count = len(decision_rights.deciders(ws.framework, d.assignments))
    out = []
    if count == 0:
        out.append("No decider: the decision will drift or escalate by default")
    elif count > 1:
        out.append(f"{count} deciders: each can block the other, and nobody owns it")
    if not d.forum:
        out.append("No forum: nobody knows where to bring it")
    return out


# ----- the rhythm, the parking lot, the decision log -------------------------------------------


def _forums(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """Each forum: its name and cadence, its owner, then its purpose (the longest, so last)."""
    draft = _Draft("The operating rhythm", f"{len(ws.forums)} forums" if len(ws.forums) != 1 else "1 forum",
                   spaced=True)
    for f in ws.forums:
        owner = ws.participant_name(f.owner) if f.owner else "no owner yet"
        entry = _entry(f.name, width, "strong", figure=f.cadence.capitalize(), note=f"Owner: {owner}")
        draft.entries.append(entry + [Row(t) for t in wrap(f.purpose, width)] if f.purpose else entry)
    if not ws.forums:
        draft.entries = [_entry("No forums yet.", width, "muted")]
    return draft


def _calendar(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """The quarter's meetings forum by forum, in words: when each meets and how often, and the
    busiest week for one person."""
    quarter = rhythm.quarter_calendar(ws)
    end = quarter.weeks[-1] + timedelta(days=6)
    busiest = max(range(len(quarter.weeks)), key=lambda w: quarter.peak_hours[w], default=0)
    peak = quarter.peak_hours[busiest] if quarter.peak_hours else 0.0
    week = fmt_day_month(quarter.weeks[busiest])
    load = f" · busiest week {week}: {peak:g} h of forums for one person" if peak else ""
    draft = _Draft("The quarter's meetings", fmt_span(quarter.weeks[0].isoformat(), end.isoformat()) + load)
    for row in quarter.rows:
        meetings = [when for week in row.weeks for when in week]
        cadence = "" if row.cadence.lower() in row.name.lower() else row.cadence.capitalize()  # no "Weekly … Weekly"
        draft.entries.append(_entry(row.name, width, "strong", figure=cadence, note=_meeting_words(meetings)))
    if not quarter.rows:
        draft.entries = [_entry("No forums yet.", width, "muted")]
    return draft


def _meeting_words(meetings: list[datetime]) -> str:
    """ "Every Tue 09:00, 12 meetings from 7 Apr" or "Tue 13:00: 28 Apr, 26 May, 23 Jun"."""
    if not meetings:
        return "No meeting this quarter"
    same = {(w.weekday(), w.time()) for w in meetings}
    days = [fmt_day_month(w.date()) for w in meetings]
    if len(same) > 1:
        return ", ".join(f"{w:%a} {fmt_day_month(w.date())} {w:%H:%M}" for w in meetings)
    when = f"{meetings[0]:%a %H:%M}"
    weekly = len(meetings) > 3 and all((b - a).days == 7 for a, b in zip(meetings, meetings[1:], strict=False))
    if weekly:
        return f"Every {when}, {len(meetings)} meetings from {days[0]}"
    return f"{when}: {', '.join(days)}"


PARKING_WORDS = {"open": "open", "resolved": "resolved", "action": "action", "not_now": "not now"}


def _parking_lot(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    lot = ws.parking_lot
    draft = _Draft("Parking lot", f"{sum(p.resolution == 'open' for p in lot)} open of {len(lot)}", spaced=True)
    for p in lot:
        done = p.resolution != "open"
        draft.entries.append(_entry(p.text, width, "muted" if done else "body", "✓" if done else "•",
                                    PARKING_WORDS.get(p.resolution, p.resolution)))
    if not lot:
        draft.entries = [_entry("Nothing parked.", width, "muted")]
    return draft


def _decision_log(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """The decisions in the order taken; a day's heading when the log spans several days."""
    log = sorted(ws.decision_log, key=lambda e: e.at)
    days = {e.at[:10] for e in log}
    draft = _Draft("Decision log", f"{len(log)} decisions" if len(log) != 1 else "1 decision")
    day = None
    for e in log:
        entry = _entry(dates_in_text(e.text), width, lead=e.at[11:16] or "·")  # "(revisit 1 October 2026)"
        if len(days) > 1 and e.at[:10] != day:
            day = e.at[:10]
            entry = [Row(short_date(day), "strong")] + entry
        draft.entries.append(entry)
    if not log:
        draft.entries = [_entry("No decisions logged yet.", width, "muted")]
    return draft


# ----- the room's voice: answers to a prompt, questions from the floor ------------------------------------------------


def _prompt(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """A prompt's answers as themes with counts once revealed; until then only how many answered.
    Never a hidden answer, never a name (even on a named prompt the stage shows counts and texts)."""
    prompt = next((p for p in ws.prompts if p.id == ref.key), None)
    if prompt is None:
        return _Draft("Prompt", entries=[_entry("This prompt is no longer in the workshop.", width, "muted")])
    rows = voice.on_stage(ws, prompt.id)
    if rows is None:  # not revealed: not even the themes are computed, so no answer can leak
        count = len(voice.answers_to(ws, prompt.id))
        return _Draft(prompt.text, "Answering is closed" if prompt.closed else "Answer from your phone",
                      [_entry("Answers hidden until the facilitator reveals them", width, "muted")],
                      Figure(f"{count} answer" if count == 1 else f"{count} answers"))
    total = sum(r.count for r in rows)
    draft = _Draft(prompt.text, _answer_summary(total, rows))
    top = max((r.count for r in rows), default=0) or 1
    counted = [r for r in rows if r.count > 1 or r.theme]
    draft.entries = [_entry(r.label, width, "strong" if r.theme else "body", figure=str(r.count), bar=r.count / top)
                     for r in counted]
    once = [r.label for r in rows if r not in counted]
    if once:  # bars of one each say nothing: the rest as a list, the room reads more of it per page
        heading = [Row("")] + [Row(t, "strong") for t in wrap(f"Said once ({len(once)})", width)] if counted else []
        said = [_entry(text, width, lead="•") for text in once]
        draft.entries += [heading + said[0]] + said[1:]
    if not rows:
        draft.entries = [_entry("No answers yet.", width, "muted")]
    return draft


def _answer_summary(total: int, rows: list[ThemeCount]) -> str:
    """ "9 answers: 2 themes, 2 on their own" """
    if not total:
        return ""
    themes = sum(r.theme is not None for r in rows)
    alone = len(rows) - themes
    parts = [f"{themes} theme" + ("s" if themes != 1 else "")] if themes else []
    parts += [f"{alone} on {'its' if alone == 1 else 'their'} own"] if alone and themes else []
    head = f"{total} answer" + ("s" if total != 1 else "")
    return f"{head}: {', '.join(parts)}" if parts else head


def _questions(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """The open questions from the floor, most upvoted first: text and upvotes, never who asked."""
    waiting = voice.open_questions(ws)
    shown = waiting[:voice.TOP_QUESTIONS]
    draft = _Draft("Questions from the floor", f"{len(waiting)} open, most upvoted first" if waiting else "",
                   spaced=True)
    draft.entries = [_entry(q.text, width, lead=str(i), figure=f"▲ {q.upvotes}") for i, q in enumerate(shown, 1)]
    if len(waiting) > len(shown):
        draft.entries.append(_entry(f"…and {len(waiting) - len(shown)} more: upvote yours on your phone", width,
                                    "muted"))
    if not waiting:
        draft.entries = [_entry("No questions yet: send yours from your phone", width, "muted")]
    return draft


# ----- the retrospective: how last quarter's key results scored -------------------------------------------------------

RETRO_TITLE = "Last quarter: how we scored"
# The flags in a few words for the subtitle; the rows under it give ``retrospective.FLAG_WORDS``.
FLAG_SHORT = {"sandbagging": "targets too safe", "overreach": "targets out of reach",
              "revisit_due": "a not-now revisit is due"}
FIRST_OFFSITE = "This is a first offsite: there is no last quarter to score yet."




def _retrospective(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """Last quarter's key results, most missed first (where the conversation starts), each with its
    score as a bar and its actual against its target; the mean and the flags in the subtitle; then
    the alignment and the critical few, then and now. Owners stay off the stage: the room grades
    outcomes, not people."""
    if not has_history(ws):
        return _Draft(RETRO_TITLE, entries=[_entry(FIRST_OFFSITE, width, "muted")])
    krs = ws.past_key_results
    mean = retrospective.mean_score(ws)
    scored = sum(s is not None for s in retrospective.scores(ws).values())
    head = (f"Mean score {retrospective.score_text(mean)} ({scored} of {len(krs)} scored)" if scored
            else "Nothing scored yet")
    flags = [FLAG_SHORT[f] for f in retrospective.flags(ws)]
    draft = _Draft(RETRO_TITLE, " · ".join(t for t in (ws.history.cycle, head, *flags) if t))
    draft.entries = [_past_key_result(kr, width) for kr in missed_first(krs)]
    if not krs:
        draft.entries.append(_entry("Last quarter had no key results to score.", width, "muted"))
    draft.entries += [PAGE_BREAK, *_then_and_now(ws, width)]
    return draft


def missed_first(krs: list[m.PastKeyResult]) -> list[m.PastKeyResult]:
    """The lowest score first; those that cannot be scored last, in their own order."""
    order = {kr.id: i for i, kr in enumerate(krs)}
    return sorted(krs, key=lambda kr: (retrospective.score(kr) is None, retrospective.score(kr) or 0.0, order[kr.id]))


def _past_key_result(kr: m.PastKeyResult, width: int) -> Entry:
    """ "Cut the median time to first shipment   ███████   0.7", then "actual 41 · 74 → 30 days"."""
    value = retrospective.score(kr)
    aim = from_to(kr) if kr.baseline is not None else f"target {_number(kr.target, kr.unit)}"
    if kr.target is None:
        note = "No target: not scored"
    elif kr.actual is None:
        note = f"No actual yet · {aim}"
    else:
        note = f"Actual {_number(kr.actual, kr.unit)} · {aim}"
    return _entry(kr.title, width, "strong" if value is not None else "body", figure=retrospective.score_text(value),
                  bar=value, note=note)


def _then_and_now(ws: m.Workshop, width: int) -> list[Entry]:
    """The alignment check's agreement per question and the critical few, at the last offsite
    and now: did the story converge?"""
    h = ws.history
    title = f"Then and now{f' (then: {h.cycle})' if h.cycle else ''}"
    entries: list[Entry] = [[Row(t, "strong") for t in wrap(title, width)] + [Row("")]]

    def percent(value: float | None) -> str:
        found = alignment.agreement_percent(value)
        return "–" if found is None else f"{found}%"

    for q in m.QUESTIONS:  # before this offsite's check has answers, "22% then" alone
        now = alignment.agreement(ws, q)
        then = percent(h.alignment.get(q))
        entries.append(_entry(f"Agreement: {alignment.QUESTION_SHORT[q]}", width, bar=now,
                              figure=f"{then} then" if now is None else f"{then} → {percent(now)}"))
    before = sum(status == "selected" for status in h.priorities.values())
    chosen = [p for p in ws.priorities if p.status == "selected"]
    kept = [p.title for p in chosen if h.priorities.get(p.id) == "selected"]
    entries.append(_entry("The critical few", width, figure=f"{before} → {len(chosen)}" if chosen else f"{before} then",
                          note=f"Still chosen: {' · '.join(kept)}" if kept else ""))
    return entries


_DRAFTS = {"title": _title, "join": _join, "vote": _vote, "critical_few": _critical_few, "okr": _okr,
           "actions": _actions, "blank": _blank, "back_at": _back_at, "check_progress": _check_progress,
           "alignment": _alignment, "not_now": _not_now, "tradeoff": _tradeoff, "map": _map, "threats": _threats,
           "decision": _decision, "forums": _forums, "calendar": _calendar,
           "parking_lot": _parking_lot, "decision_log": _decision_log, "prompt": _prompt, "questions": _questions,
           "retrospective": _retrospective}


# ----- the order of the show -------------------------------------------------------------------


def refs_of(ws: m.Workshop, kind: str) -> list[StageRef]:
    """Every view of one kind: one per record for the kinds that show one record each."""
    keys: dict[str, list[str]] = {
        "vote": [v.id for v in ws.votes], "okr": [o.id for o in ws.objectives], "alignment": list(m.QUESTIONS),
        "tradeoff": [t.id for t in ws.tradeoffs], "decision": [d.id for d in ws.decisions],
        "prompt": [p.id for p in ws.prompts]}
    return [StageRef(kind, key) for key in keys[kind]] if kind in keys else [StageRef(kind)]


def _session_kinds(kinds: tuple[str, ...], first: bool, alone: bool) -> tuple[str, ...]:
    """A screen's first session brings its first view ("the private check"), the later ones the
    rest ("the reveal"); a screen with one session brings them all."""
    if alone or len(kinds) == 1:
        return kinds
    return kinds[:1] if first else kinds[1:]


def show_order(ws: m.Workshop) -> list[StageRef]:
    """The views in the order the day needs them: the agenda's sessions name screens, each
    brings its views (a break brings "Back at"); then whatever no session brought."""
    order: list[StageRef] = [StageRef("title")]
    votes = [v.id for v in ws.votes]
    vote_sessions = [s for s in ws.agenda if s.screen == "vote"]
    slots = planned_schedule(ws.agenda)
    seen: dict[str, int] = {}
    # Last quarter is scored before this quarter is diagnosed, unless a session of its own brings it.
    retro_first = has_history(ws) and not any(s.screen == "retrospective" for s in ws.agenda)

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
        elif session.screen in SCREEN_KINDS:
            if session.screen == "diagnose" and retro_first:
                add(StageRef("retrospective"))
            sessions = sum(s.screen == session.screen for s in ws.agenda)
            seen[session.screen] = seen.get(session.screen, 0) + 1
            for kind in _session_kinds(SCREEN_KINDS[session.screen], seen[session.screen] == 1, sessions == 1):
                for ref in refs_of(ws, kind):
                    add(ref)
    add_votes(votes)
    for kind in ("retrospective", "check_progress", "alignment", "critical_few", "not_now", "tradeoff", "map",
                 "threats", "decision", "okr", "forums", "calendar", "actions", "prompt", "questions", "parking_lot",
                 "decision_log"):
        for ref in refs_of(ws, kind):
            add(ref)
    return order
