"""What the stage shows: one view at a time, as plain data laid out in rows for a page size.

The stage is what the room sees (shared/ARCHITECTURE.md, "Console and stage"). A view is data,
``StageRef`` (which kind, which record, which page), never a widget tree; ``build`` turns it
into a ``StageModel`` for a page of ``rows`` lines of ``width`` characters, so the stage
window, ``okr-workshop rehearse`` and the tests share one answer. Nothing secret enters a
model: no ballot, no voter's name, no tally of a vote the facilitator has not revealed, no
answer to a prompt before its reveal, no hidden answer, and nobody named beside what they answered.

This module is the stage's front door: the kinds of view, ``build``/``build_pages``, the order of
the show, and the views of the plan itself (the agenda, votes, OKRs, not now, the map, decision
rights, the rhythm). The rows and pages every view uses are in ``stage_rows``; the diagnosis in
``stage_alignment``; the room's voice in ``stage_voice``; last quarter in ``stage_retro``. Their
public names are re-exported here (``__all__``), so callers import the stage from one place.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import decision_rights, dependencies, not_now, rhythm, stage_map
from . import model as m
from .date_words import dates_in_text, fmt_day_month, fmt_span, short_date
from .next_quarter import has_history
from .run_of_show import Slot, clock_time, planned_schedule, remaining_seconds, running
from .stage_alignment import (
    LEVEL_NAMES,
    LEVEL_PRIVATE_BELOW,
    LEVEL_TOP,
    LEVEL_WORDS,
    _alignment,
    _check_progress,
)
from .stage_retro import FIRST_OFFSITE, FLAG_SHORT, RETRO_TITLE, _retrospective, missed_first
from .stage_rows import (
    BAR_SHARE,
    PAGE_BREAK,
    SUBTITLE_ROWS,
    Entry,
    Figure,
    Live,
    RoomInfo,
    Row,
    StageModel,
    StageRef,
    _Draft,
    _entry,
    _gone,
    _paginate,
    _subtitle,
    _wrapped,
    counted,
    from_to,
    page_label,
    text_bar,
)
from .stage_voice import _prompt, _questions
from .text_rows import wrap
from .vote_chart import chart_for, format_score, rank_labels, shift_label, subtitle
from .vote_status import turnout_words, voting_status

__all__ = [
    "BAR_SHARE", "BOARD_COLUMNS", "BOARD_COUNTS", "FIGURE_ROWS", "FIRST_OFFSITE", "FLAG_SHORT", "FOOTER_CHARS",
    "KINDS", "KIND_NAMES", "LEVEL_NAMES", "LEVEL_PRIVATE_BELOW", "LEVEL_TOP", "LEVEL_WORDS", "LOOP_NAMES_SHOWN",
    "PAGE_BREAK", "PARKING_WORDS", "RETRO_TITLE", "SCREEN_KINDS", "SUBTITLE_ROWS", "THREATS_SHOWN",
    "THREAT_LOOPS_SHOWN", "THREAT_WORDS", "Entry", "Figure", "Live", "RoomInfo", "Row", "StageModel", "StageRef",
    "build", "build_pages", "footer_title", "from_to", "missed_first", "page_label", "pick_page", "refs_of",
    "show_order", "text_bar", "view_title", "wrap",
]

# Each kind in words, for the facilitator's list of what is on stage and what comes next.
KIND_NAMES = {"title": "Title and agenda", "join": "Join room voting", "vote": "Vote", "critical_few": "Critical few",
              "okr": "Objective", "actions": "Actions", "blank": "Blank", "back_at": "Back at",
              "check_progress": "Private check: who has finished", "alignment": "Alignment reveal",
              "not_now": "Not now", "tradeoff": "Trade-off", "map": "Dependency map",
              "threats": "What threatens delivery",
              "decision": "Decision rights", "forums": "Forums", "calendar": "The quarter's meetings",
              "parking_lot": "Parking lot", "decision_log": "Decision log", "prompt": "Prompt",
              "questions": "Questions from the floor", "retrospective": "Retrospective"}
KINDS = tuple(KIND_NAMES)  # every kind of view, in the facilitator's order; ``_DRAFTS`` drafts each
FIGURE_ROWS = 4  # the rows a big figure (a room code, "8 of 10") takes out of a page
FOOTER_CHARS = 40  # a longer workshop title is shortened in the footer
# Which views an agenda session's screen brings onto the stage (see ``show_order``); others show nothing yet.
SCREEN_KINDS = {"overview": ("title",), "vote": ("vote",), "diagnose": ("check_progress", "alignment"),
                "not_now": ("critical_few", "not_now", "tradeoff"), "dependencies": ("map", "threats"),
                "decision_rights": ("decision",), "okrs": ("okr",), "rhythm": ("forums", "calendar"),
                "actions": ("actions",),
                "run_of_show": ("parking_lot", "decision_log"), "voice": ("prompt", "questions"),
                "retrospective": ("retrospective",)}


# ----- building a view -------------------------------------------------------------------------


def build(ws: m.Workshop, ref: StageRef, rows: int = 12, width: int = 48, room: RoomInfo | None = None,
          now: datetime | None = None) -> StageModel:
    """The view ``ref`` for a page of ``rows`` rows of ``width`` characters (the page is clamped);
    ``now`` drives the session timer and the "back at" countdown."""
    return pick_page(build_pages(ws, ref, rows, width, room, now), ref.page)


def view_title(ws: m.Workshop, ref: StageRef, room: RoomInfo | None = None, now: datetime | None = None) -> str:
    """The title the view ``ref`` shows, without cutting it into pages or drawing its map: the
    stage sizes its title before it lays the pages out, and the stage panel lists every view
    by its title (on the large offsite the map's pages alone took ~25 ms to build)."""
    return _DRAFTS.get(ref.kind, _blank)(ws, ref, 48, Live(room, now)).title


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


# ----- the agenda, the votes, the OKRs, the actions, the breaks ---------------------------------


def _blank(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """Nothing on stage, not even the footer: the room looks at the facilitator."""
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
    """How to reach room voting: the address and the code, big enough to type from the back."""
    room = live.room
    if room is None:
        return _Draft("Vote from your phone", entries=[
            _entry("Room voting is off. The address and the room code appear here when it starts.", width,
                   "muted")])
    return _Draft("Vote from your phone", figure=Figure(room.code, "Room code"), entries=[
        _entry(f"Open {room.address}", width, "strong"),
        _entry("Type the room code, pick your name, and vote when the question opens.", width, "muted")])


def _vote(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """A revealed vote's ranking with score bars; before the reveal only the turnout (``_hidden_vote``)."""
    vote = next((v for v in ws.votes if v.id == ref.key), None)
    if vote is None:
        return _gone("Vote", "vote", width)
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
    """The priorities the room chose, numbered, each with its description."""
    chosen = [p for p in ws.priorities if p.status == "selected"]
    cycle = f" for {ws.info.cycle}" if ws.info.cycle else ""
    draft = _Draft("The critical few", f"{len(chosen)} priorities we choose{cycle}" if chosen else "", spaced=True)
    draft.entries = [_entry(p.title, width, "strong", str(i), note=p.description) for i, p in enumerate(chosen, 1)]
    if not chosen:
        draft.entries = [_entry("The room has not chosen its priorities yet.", width, "muted")]
    return draft


def _okr(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """One objective: its priority and owner, then each key result from its baseline to its target."""
    objective = next((o for o in ws.objectives if o.id == ref.key), None)
    if objective is None:
        return _gone("Objective", "objective", width)
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
            entry += _wrapped(figure, width, "strong")
            draft.entries.append(entry + _wrapped(note, width, "muted") if note else entry)
    if not draft.entries:
        draft.entries = [_entry("No key results yet.", width, "muted")]
    return draft


def _actions(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """The actions not dropped, done ones ticked and muted, each with its due date and owner."""
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
    session = next((s for s in ws.agenda if s.screen is None and _back_at_key(slots[s.id]) == ref.key), None)
    draft = _Draft(session.title if session else "Break", figure=Figure(ref.key, "Back at") if ref.key else None)
    back = clock_time(ref.key)
    if back is not None and live.now is not None:
        minutes = (back.hour * 60 + back.minute) - (live.now.hour * 60 + live.now.minute)
        draft.entries = [_entry(f"in {minutes} min" if minutes > 1 else "in a minute" if minutes == 1
                                else "We start again now", width, "muted")]
    return draft


def _back_at_key(slot: Slot) -> str:
    """ "10:50": a break's end, the key of its "Back at" view; ``show_order`` and ``_back_at`` must agree on it."""
    return f"{slot.end:%H:%M}"


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
        heading = ([Row("")] if draft.entries else []) + _wrapped(BOARD_COLUMNS[column], width, "strong")
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
        return _gone("Trade-off", "trade-off", width)
    draft = _Draft(f"We choose {ws.priority_title(t.choose) or t.choose}", "Agreed by the room" if t.confirmed else "",
                   spaced=True)
    draft.entries = [[Row("even at the expense of", "muted")] + _wrapped(t.over, width, "strong")]
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
        return _gone("Decision", "decision", width)
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
    draft = _Draft("The operating rhythm", counted(len(ws.forums), "forum"),
                   spaced=True)
    for f in ws.forums:
        owner = ws.participant_name(f.owner) if f.owner else "no owner yet"
        entry = _entry(f.name, width, "strong", figure=f.cadence.capitalize(), note=f"Owner: {owner}")
        draft.entries.append(entry + _wrapped(f.purpose, width) if f.purpose else entry)
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
    """What was parked, and what became of each item: the room sees nothing parked was forgotten."""
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
    draft = _Draft("Decision log", counted(len(log), "decision"))
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


# Each kind's draft function: ``build_pages`` looks the kind up here (an unknown kind shows a blank page).
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
            add(StageRef("back_at", _back_at_key(slots[session.id])))
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
