"""The operating rhythm: when each forum meets, the quarter's calendar, and the known ways a
rhythm fails (DOMAIN.md, step 6).

Monthly and quarterly forums recur on the same weekday of the month as their first meeting
("the fourth Tuesday"), not on the same date: a fixed date drifts onto weekends, a weekday
does not. The in-app calendar and the .ics export both use ``occurrences``, so they agree.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from .model import Forum, Workshop

QUARTER_WEEKS = 13
DEFAULT_TIME = time(9, 0)

# How often a forum meets per week, on average over a year (monthly 12, quarterly 4 times).
MEETINGS_PER_WEEK: dict[str, float] = {"weekly": 1.0, "monthly": 12 / 52, "quarterly": 4 / 52}
MONTHS_APART: dict[str, int] = {"monthly": 1, "quarterly": 3}

# More forum time than this per person per week, averaged over the year, crowds out the work
# the forums are meant to unblock.
MAX_HOURS_PER_WEEK = 4.0

# Two forums of one cadence overlap when they share at least this share of the shorter
# purpose's words (and at least two words).
OVERLAP_SHARE = 0.6

WEEKLY_QUESTIONS: tuple[str, ...] = (
    "What changed against our outcomes since last week?",
    "What is blocked: the blocker, its owner and the decision needed?",
    "What needs de-risking now?",
    "What are we stopping?",
)
REVIEW_QUESTIONS: tuple[str, ...] = (
    "Are we on track against the outcome?",
    "What threatens it?",
    "Who acts, by when?",
)

WARNING_TEXT: dict[str, str] = {
    "no_owner": "has no owner: calendar theatre, a meeting nobody is accountable for.",
    "no_decision_rights": "may decide nothing: calendar theatre, a status meeting in disguise.",
    "overlapping_purpose": "have nearly the same purpose: one of them will turn into a status-deck repeat.",
    "no_quarterly_reset": "No quarterly forum: nobody resets the priorities or drops what no longer matters.",
    "overloaded": f"more than {MAX_HOURS_PER_WEEK:g} forum hours a week on average crowds out the work itself.",
    "no_first": "has no first meeting yet; the calendar assumes the first Monday of the quarter at 09:00.",
}

# Words too common to say two purposes are alike (shorter ones are ignored anyway).
_STOPWORDS = frozenset({
    "the", "and", "for", "with", "from", "that", "this", "what", "who", "how", "when", "where", "which", "our",
    "your", "their", "its", "are", "was", "were", "will", "can", "may", "must", "into", "onto", "over", "under",
    "about", "across", "between", "each", "every", "all", "any", "not", "now", "new", "per", "via", "than",
    "then", "them", "they", "you",
})
_WORD = re.compile(r"[^\W\d_]+")
_CYCLE = re.compile(r"(\d{4})\s*[-/ ]?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4})", re.IGNORECASE)


def default_questions(cadence: str) -> list[str]:
    """The standing questions a new forum starts with: the weekly four, or the review's three."""
    return list(WEEKLY_QUESTIONS if cadence == "weekly" else REVIEW_QUESTIONS)


def parse_first(text: str | None) -> datetime | None:
    """A forum's ``first`` as a datetime (a date alone means 09:00), or None."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:  # a bare date
        value = datetime.combine(value.date(), DEFAULT_TIME)
    return value


def cycle_start(cycle: str) -> date | None:
    """The first day of a cycle written like "2026-Q2", "Q2 2026" or "2026 Q2"."""
    match = _CYCLE.search(cycle or "")
    if not match:
        return None
    year = int(match.group(1) or match.group(4))
    quarter = int(match.group(2) or match.group(3))
    return date(year, 3 * quarter - 2, 1)


def quarter_start(ws: Workshop, today: date | None = None) -> date:
    """The Monday the quarter's calendar starts on: the week of the cycle's first day, else of
    the earliest first meeting, else the week after the offsite, else this week."""
    start = cycle_start(ws.info.cycle)
    if start is None:
        firsts = [d for d in (parse_first(f.first) for f in ws.forums) if d]
        if firsts:
            start = min(firsts).date()
    if start is None:
        end = ws.info.ends or ws.info.starts
        try:
            start = date.fromisoformat(end) + timedelta(days=7) if end else None
        except ValueError:
            start = None
    start = start or today or date.today()
    return start - timedelta(days=start.weekday())


def effective_first(ws: Workshop, forum: Forum) -> datetime:
    """When the forum first meets: its own ``first``, or the first Monday on or after the cycle
    starts, at 09:00 (reported as ``no_first``)."""
    given = parse_first(forum.first)
    if given is not None:
        return given
    start = cycle_start(ws.info.cycle) or quarter_start(ws)
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    return datetime.combine(monday, DEFAULT_TIME)


def weekday_of_month(day: date) -> tuple[int, int]:
    """(n, weekday) for "the n-th weekday of its month"; n is -1 for a fifth one, read as "the last"."""
    n = (day.day - 1) // 7 + 1
    return (-1 if n == 5 else n), day.weekday()


def _nth_weekday(year: int, month: int, n: int, weekday: int) -> date:
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    return days[-1] if n == -1 else days[n - 1]


def _meetings(first: datetime, cadence: str) -> Iterator[datetime]:
    if cadence == "weekly":
        k = 0
        while True:
            yield first + timedelta(weeks=k)
            k += 1
    n, weekday = weekday_of_month(first.date())
    step = MONTHS_APART.get(cadence, 1)
    month_index = first.year * 12 + first.month - 1
    while True:
        year, month = divmod(month_index, 12)
        yield datetime.combine(_nth_weekday(year, month + 1, n, weekday), first.timetz())
        month_index += step


def occurrences(first: datetime, cadence: str, start: date, end: date) -> list[datetime]:
    """Every meeting from ``first`` on whose day falls in [start, end)."""
    found = []
    for when in _meetings(first, cadence):
        if when.date() >= end:
            break
        if when.date() >= start:
            found.append(when)
    return found


@dataclass(frozen=True)
class CalendarRow:
    forum: str
    name: str
    cadence: str
    weeks: tuple[tuple[datetime, ...], ...]  # the meetings in each week of the quarter


@dataclass(frozen=True)
class QuarterCalendar:
    weeks: tuple[date, ...]  # the Mondays
    rows: tuple[CalendarRow, ...]
    peak_hours: tuple[float, ...]  # per week: the forum hours of the busiest person


def quarter_calendar(ws: Workshop, start: date | None = None) -> QuarterCalendar:
    """Thirteen weeks from ``start`` (default ``quarter_start``) with each forum's meetings."""
    monday = start or quarter_start(ws)
    weeks = tuple(monday + timedelta(weeks=i) for i in range(QUARTER_WEEKS))
    end = monday + timedelta(weeks=QUARTER_WEEKS)
    rows = []
    hours: dict[tuple[str, int], float] = {}
    for f in ws.forums:
        meetings = occurrences(effective_first(ws, f), f.cadence, monday, end)
        by_week: list[list[datetime]] = [[] for _ in weeks]
        for when in meetings:
            week = (when.date() - monday).days // 7
            by_week[week].append(when)
            for person in people_of(f):
                hours[(person, week)] = hours.get((person, week), 0.0) + f.duration_minutes / 60
        rows.append(CalendarRow(f.id, f.name, f.cadence, tuple(tuple(w) for w in by_week)))
    peak = tuple(max((h for (_, w), h in hours.items() if w == i), default=0.0) for i in range(QUARTER_WEEKS))
    return QuarterCalendar(weeks, tuple(rows), peak)


def people_of(forum: Forum) -> list[str]:
    """Everyone whose time the forum takes: the owner and the attendees, once each."""
    return list(dict.fromkeys([*([forum.owner] if forum.owner else []), *forum.attendees]))


def hours_per_week(ws: Workshop) -> dict[str, float]:
    """Forum hours per person per week, averaged over a year, for everyone in some forum."""
    load: dict[str, float] = {}
    for f in ws.forums:
        weekly = f.duration_minutes / 60 * MEETINGS_PER_WEEK.get(f.cadence, 1.0)
        for person in people_of(f):
            load[person] = load.get(person, 0.0) + weekly
    return load


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) >= 3 and w not in _STOPWORDS}


def purposes_overlap(a: str, b: str) -> bool:
    """True when two purposes share most of their words (of the shorter one, and at least two)."""
    wa, wb = _words(a), _words(b)
    shared = len(wa & wb)
    return shared >= 2 and shared >= OVERLAP_SHARE * min(len(wa), len(wb))


@dataclass(frozen=True)
class RhythmWarning:
    """One failure mode, with the forums (and the person) it concerns and a sentence for the room."""

    code: str
    text: str
    forums: tuple[str, ...] = ()
    participant: str | None = None
    hours: float | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"warning": self.code, "forums": list(self.forums), "text": self.text}
        if self.participant is not None:
            out["participant"] = self.participant
        if self.hours is not None:
            out["hours_per_week"] = round(self.hours, 2)
        return out


def warnings(ws: Workshop) -> list[RhythmWarning]:
    """Calendar theatre (no owner, no decision rights), overlapping purposes, no quarterly
    reset, people with more than MAX_HOURS_PER_WEEK in forums, forums with no first meeting."""
    found: list[RhythmWarning] = []
    for f in ws.forums:
        if not f.owner:
            found.append(RhythmWarning("no_owner", f"{f.name} {WARNING_TEXT['no_owner']}", (f.id,)))
        if not f.decision_rights.strip():
            found.append(RhythmWarning("no_decision_rights", f"{f.name} {WARNING_TEXT['no_decision_rights']}",
                                       (f.id,)))
    for i, a in enumerate(ws.forums):
        for b in ws.forums[i + 1:]:
            if a.cadence == b.cadence and purposes_overlap(a.purpose, b.purpose):
                found.append(RhythmWarning("overlapping_purpose",
                                           f"{a.name} and {b.name} {WARNING_TEXT['overlapping_purpose']}",
                                           (a.id, b.id)))
    if not any(f.cadence == "quarterly" for f in ws.forums):
        found.append(RhythmWarning("no_quarterly_reset", WARNING_TEXT["no_quarterly_reset"]))
    names = {p.id: p.name for p in ws.participants}
    for person, hours in sorted(hours_per_week(ws).items(), key=lambda kv: (-kv[1], kv[0])):
        if hours > MAX_HOURS_PER_WEEK + 1e-9:
            forums = tuple(f.id for f in ws.forums if person in people_of(f))
            text = f"{names.get(person, person)}: {hours:.1f} h a week in forums; {WARNING_TEXT['overloaded']}"
            found.append(RhythmWarning("overloaded", text, forums, person, hours))
    for f in ws.forums:
        if parse_first(f.first) is None:
            found.append(RhythmWarning("no_first", f"{f.name} {WARNING_TEXT['no_first']}", (f.id,)))
    return found


def report(ws: Workshop) -> dict[str, Any]:
    """The rhythm for ``okr-workshop report``: the quarter, each forum's meetings and load, the warnings."""
    cal = quarter_calendar(ws)
    return {
        "quarter_start": cal.weeks[0].isoformat(),
        "max_hours_per_week": MAX_HOURS_PER_WEEK,
        "forums": [
            {"forum": row.forum, "meetings_in_quarter": sum(len(w) for w in row.weeks),
             "first": effective_first(ws, f).isoformat(timespec="minutes"),
             "hours_per_week": round(f.duration_minutes / 60 * MEETINGS_PER_WEEK.get(f.cadence, 1.0), 2)}
            for row, f in zip(cal.rows, ws.forums, strict=True)
        ],
        "hours_per_week": {p: round(h, 2) for p, h in hours_per_week(ws).items()},
        "warnings": [w.as_dict() for w in warnings(ws)],
    }
