"""The operating rhythm as iCalendar: it parses, has one recurring event per forum with the right rule,
agrees with the in-app calendar, and keeps names in any script."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from okr_workshop.domain import rhythm
from okr_workshop.domain.calendar_ics import PRODID, NothingToExport, notes, to_ics, uid
from okr_workshop.domain.model import Forum, Participant, Workshop, WorkshopInfo
from okr_workshop.domain.validate import workshop_from_document

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json"
STAMP = datetime(2026, 3, 13, 17, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo() -> Workshop:
    return workshop_from_document(json.loads(DEMO.read_text(encoding="utf-8")))


def events(text: str) -> list:
    return Calendar.from_ical(text).walk("VEVENT")


def test_the_demo_calendar_has_one_recurring_event_per_forum(demo):
    """One VEVENT per forum, in order, with PRODID, a floating start from ``first``, the duration and the rule."""
    text = to_ics(demo, STAMP)
    cal = Calendar.from_ical(text)
    assert str(cal["PRODID"]) == PRODID and str(cal["VERSION"]) == "2.0"
    found = events(text)
    assert [str(e["SUMMARY"]) for e in found] == [f.name for f in demo.forums]
    rules = [e["RRULE"].to_ical().decode() for e in found]
    assert rules == ["FREQ=WEEKLY", "FREQ=MONTHLY;BYDAY=4TU", "FREQ=MONTHLY;INTERVAL=3;BYDAY=4TH",
                     "FREQ=MONTHLY;BYDAY=3TU"]
    first = found[0]
    assert first.decoded("DTSTART") == datetime(2026, 4, 7, 9, 0) and first.decoded("DTSTART").tzinfo is None
    assert first.decoded("DURATION") == timedelta(minutes=45)
    assert first.decoded("DTSTAMP") == STAMP
    assert text.endswith("END:VCALENDAR\r\n") and "\r\n" in text


def test_every_event_expands_to_the_meetings_the_app_shows(demo):
    """Expanding each RRULE (dateutil) over the quarter gives exactly the in-app calendar's meetings."""
    cal = rhythm.quarter_calendar(demo)
    start, end = cal.weeks[0], cal.weeks[-1] + timedelta(days=7)
    for event, row in zip(events(to_ics(demo, STAMP)), cal.rows, strict=True):
        dtstart = event.decoded("DTSTART")
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=dtstart)
        expanded = [d for d in rule.between(datetime.combine(start, datetime.min.time()),
                                            datetime.combine(end, datetime.min.time()), inc=True)]
        assert expanded == [m for week in row.weeks for m in week], row.name


def test_description_carries_purpose_rights_questions_and_names_in_every_script(demo):
    """Greek, Cyrillic, Japanese and accented Latin names, the decision rights and numbered questions survive
    folding and parsing."""
    weekly = events(to_ics(demo, STAMP))[0]
    text = str(weekly["DESCRIPTION"])
    for name in ("Ελένη Παπαδοπούλου", "Дмитрий Волков", "田中 愛子", "Søren Kjærgaard", "Ayşe Yıldırım"):
        assert name in text
    assert "Owner: Marta Ibáñez Córdoba" in text
    assert "Purpose: Unblock delivery" in text and "Decision rights: Re-sequence work" in text
    assert "1. What changed against our outcomes since last week?" in text
    assert "4. What are we stopping?" in text


def test_a_forum_named_in_several_scripts_round_trips():
    """Summary and description written in mixed scripts with commas, semicolons and newlines read back intact."""
    name = "Еженедельный обзор · 週次レビュー; Ελέγχος, Łódź"
    ws = Workshop(participants=[Participant("p1", "Zoë Åberg")],
                  forums=[Forum("f1", name, "weekly", "Purpose; with, punctuation", "p1", ["p1"], 30,
                                "2026-04-06T08:30", "Decide; escalate", ["Что мешает?", "何を止める?"])])
    [event] = events(to_ics(ws, STAMP))
    assert str(event["SUMMARY"]) == name
    assert "1. Что мешает?\n2. 何を止める?" in str(event["DESCRIPTION"])
    assert "Decision rights: Decide; escalate" in str(event["DESCRIPTION"])


def test_uids_are_stable_and_unique():
    """The same workshop gives the same UIDs on every export; two forums never share one."""
    ws = Workshop(info=WorkshopInfo(organisation="Baltica", cycle="2026-Q2"),
                  forums=[Forum("f1", "A", first="2026-04-06T09:00"), Forum("f2", "B", first="2026-04-07T09:00")])
    once = [str(e["UID"]) for e in events(to_ics(ws, STAMP))]
    again = [str(e["UID"]) for e in events(to_ics(ws))]
    assert once == again and len(set(once)) == 2
    other = Workshop(info=WorkshopInfo(organisation="Northwind", cycle="2026-Q2"), forums=ws.forums)
    assert uid(other, ws.forums[0]) != once[0]


def test_a_forum_without_a_first_meeting_gets_the_first_monday_and_a_note():
    """No ``first``: the event starts on the first Monday of the cycle at 09:00, and notes() says so."""
    ws = Workshop(info=WorkshopInfo(cycle="2026-Q3"), forums=[Forum("f1", "Monthly review", "monthly")])
    [event] = events(to_ics(ws, STAMP))
    assert event.decoded("DTSTART") == datetime(2026, 7, 6, 9, 0)
    assert event["RRULE"].to_ical().decode() == "FREQ=MONTHLY;BYDAY=1MO"
    assert notes(ws) == ["Monthly review: no first meeting; the calendar starts it on 2026-07-06 09:00"]


def test_a_first_meeting_with_an_offset_is_written_in_utc():
    """A ``first`` with a UTC offset is an absolute time: written as UTC, not floating."""
    ws = Workshop(forums=[Forum("f1", "Weekly", first="2026-04-07T09:00+02:00")])
    [event] = events(to_ics(ws, STAMP))
    assert event.decoded("DTSTART") == datetime(2026, 4, 7, 7, 0, tzinfo=UTC)


def test_an_empty_rhythm_is_refused():
    """A calendar needs at least one event: no forums, no file."""
    with pytest.raises(NothingToExport):
        to_ics(Workshop())


def test_the_domain_module_does_not_import_icalendar_until_asked():
    """icalendar is loaded when a calendar is built, not when the domain is imported."""
    probe = "import sys, okr_workshop.domain.calendar_ics; print('icalendar' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
