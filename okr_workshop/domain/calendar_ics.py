"""The operating rhythm as an iCalendar file (RFC 5545): one recurring event per forum.

Each event starts at the forum's first meeting (a forum without one starts on the first
Monday of the quarter, and ``notes`` says so), lasts its duration and recurs weekly, monthly,
or every three months on the same weekday of the month as the first meeting, exactly as the
in-app calendar shows it (``rhythm.occurrences``). Times are floating, "09:00 wherever the
calendar is opened", unless ``first`` carries an offset. The description carries what the room
agreed: purpose, decision rights, standing questions, owner and attendees. UIDs depend only on
the organisation, the cycle and the forum's id, so importing a newer export updates the events
instead of duplicating them. icalendar is imported when a file is built, not at start-up.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from .. import __version__
from .model import Forum, Workshop
from .rhythm import effective_first, parse_first, weekday_of_month

PRODID = f"-//okr-workshop//Operating rhythm {__version__}//EN"
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class NothingToExport(ValueError):
    """The workshop has no forums, and a calendar must hold at least one event."""


def rrule(forum: Forum, first: datetime) -> dict[str, object]:
    """The recurrence of one forum: weekly, or monthly (every 3 months when quarterly) on the
    n-th weekday of the first meeting's month."""
    if forum.cadence == "weekly":
        return {"freq": "weekly"}
    n, weekday = weekday_of_month(first.date())
    rule: dict[str, object] = {"freq": "monthly", "byday": f"{n}{_DAYS[weekday]}"}
    if forum.cadence == "quarterly":
        rule["interval"] = 3
    return rule


def uid(ws: Workshop, forum: Forum) -> str:
    """Stable across exports of the same workshop and cycle, distinct between organisations."""
    digest = hashlib.sha256(f"{ws.info.organisation}\0{ws.info.cycle}\0{forum.id}".encode()).hexdigest()[:16]
    return f"{forum.id}-{digest}@okr-workshop"


def description(ws: Workshop, forum: Forum) -> str:
    """What the room agreed for this forum, as plain text for the calendar entry."""
    names = {p.id: p.name for p in ws.participants}
    parts = []
    if forum.purpose:
        parts.append(f"Purpose: {forum.purpose}")
    parts.append(f"Decision rights: {forum.decision_rights or 'not agreed yet'}")
    if forum.questions:
        parts.append("Standing questions:\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(forum.questions, 1)))
    parts.append(f"Owner: {names.get(forum.owner or '', 'nobody named')}")
    attendees = [names.get(a, a) for a in forum.attendees]
    if attendees:
        parts.append("Attendees: " + ", ".join(attendees))
    return "\n\n".join(parts)


def notes(ws: Workshop) -> list[str]:
    """What the export assumed: forums without a first meeting and where they were put."""
    return [f"{f.name}: no first meeting; the calendar starts it on "
            f"{effective_first(ws, f):%Y-%m-%d %H:%M}" for f in ws.forums if parse_first(f.first) is None]


def to_ics(ws: Workshop, stamp: datetime | None = None) -> str:
    """The whole rhythm as iCalendar text (CRLF line ends). Raises NothingToExport without forums."""
    from icalendar import Calendar, Event

    if not ws.forums:
        raise NothingToExport("the operating rhythm has no forums yet; add one before exporting the calendar")
    stamp = stamp or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = " · ".join(part for part in (ws.info.organisation, "operating rhythm", ws.info.cycle) if part)
    cal.add("x-wr-calname", name)
    for forum in ws.forums:
        first = effective_first(ws, forum)
        if first.tzinfo is not None:
            first = first.astimezone(UTC)
        event = Event()
        event.add("uid", uid(ws, forum))
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", first)
        event.add("duration", timedelta(minutes=forum.duration_minutes))
        event.add("rrule", rrule(forum, first))
        event.add("summary", forum.name)
        event.add("description", description(ws, forum))
        event.add("categories", [forum.cadence])
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
