"""The operating rhythm: recurrence, the quarter's calendar, and a warning for each known failure mode."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from okr_workshop.domain import rhythm
from okr_workshop.domain.model import Forum, Participant, Workshop, WorkshopInfo


def forum(fid: str = "f1", cadence: str = "weekly", **fields) -> Forum:
    """A forum that is healthy unless a test says otherwise: owned, with decision rights and a first meeting."""
    base = {"name": f"Forum {fid}", "purpose": "", "owner": "p1", "attendees": ["p2"], "duration_minutes": 60,
            "first": "2026-04-07T09:00", "decision_rights": "Re-sequence work"}
    base.update(fields)
    return Forum(fid, cadence=cadence, **base)


def healthy(*extra: Forum) -> Workshop:
    """A weekly, a monthly and a quarterly forum with distinct purposes, plus ``extra``."""
    return Workshop(
        info=WorkshopInfo(cycle="2026-Q2"),
        participants=[Participant("p1", "Łukasz"), Participant("p2", "Ελένη")],
        forums=[forum("f1", "weekly", purpose="Unblock delivery and manage risk"),
                forum("f2", "monthly", purpose="Performance patterns and capacity", first="2026-04-28T13:00"),
                forum("f3", "quarterly", purpose="Reset priorities and learn", first="2026-06-25T09:00"),
                *extra],
    )


def codes(ws: Workshop) -> list[str]:
    return [w.code for w in rhythm.warnings(ws)]


# --- warnings ---------------------------------------------------------------------------------------


def test_a_healthy_rhythm_has_no_warnings():
    """Owned forums with decision rights, distinct purposes, a quarterly reset and light load: nothing to say."""
    assert rhythm.warnings(healthy()) == []


def test_a_forum_without_an_owner_is_calendar_theatre():
    """no_owner names the forum and calls it calendar theatre."""
    ws = healthy(forum("f4", "monthly", owner=None, name="Ops sync"))
    [w] = rhythm.warnings(ws)
    assert (w.code, w.forums) == ("no_owner", ("f4",))
    assert "Ops sync" in w.text and "calendar theatre" in w.text


def test_a_forum_that_may_decide_nothing_is_calendar_theatre():
    """Blank decision rights (whitespace counts as blank) give no_decision_rights."""
    ws = healthy(forum("f4", "monthly", decision_rights="  "))
    assert codes(ws) == ["no_decision_rights"]


def test_two_forums_of_one_cadence_with_nearly_the_same_purpose_overlap():
    """Most of the shorter purpose's words recur in the other (case and punctuation aside): overlapping_purpose."""
    ws = healthy(forum("f4", "monthly", purpose="Capacity & PERFORMANCE patterns across the depots"))
    [w] = rhythm.warnings(ws)
    assert (w.code, w.forums) == ("overlapping_purpose", ("f2", "f4"))


def test_similar_purposes_at_different_cadences_do_not_overlap():
    """A weekly and a monthly forum may share words: they work at different altitudes."""
    ws = healthy(forum("f4", "weekly", purpose="Performance patterns and capacity"))
    assert "overlapping_purpose" not in codes(ws)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Unblock delivery and manage risk", "Reset priorities and learn", False),
    ("Performance patterns and capacity", "capacity, performance, patterns", True),
    ("Hiring", "Hiring", False),  # one shared word is not "most words"
    ("Kapazität und Leistungsmuster prüfen", "Leistungsmuster und Kapazität", True),
])
def test_purposes_overlap_on_most_shared_words(a, b, expected):
    """Overlap is the share of the shorter purpose's content words found in the other, at least two."""
    assert rhythm.purposes_overlap(a, b) is expected


def test_no_quarterly_forum_means_no_reset():
    """Without a quarterly forum nobody resets the priorities: one workshop-wide warning."""
    ws = healthy()
    ws.forums = [f for f in ws.forums if f.cadence != "quarterly"]
    [w] = rhythm.warnings(ws)
    assert (w.code, w.forums) == ("no_quarterly_reset", ())


def test_more_than_four_forum_hours_a_week_is_overload():
    """Weekly 3 h plus a monthly 6 h (6 x 12/52 = 1.38 h a week) puts p2 above the 4-hour threshold."""
    ws = healthy()
    ws.forums[0] = forum("f1", "weekly", duration_minutes=180)
    ws.forums[1] = forum("f2", "monthly", duration_minutes=360, first="2026-04-28T13:00", purpose="Capacity")
    overloaded = [w for w in rhythm.warnings(ws) if w.code == "overloaded"]
    assert rhythm.MAX_HOURS_PER_WEEK == 4.0
    assert [(w.participant, round(w.hours or 0, 2)) for w in overloaded] == [("p1", 4.46), ("p2", 4.46)]
    assert overloaded[1].text.startswith("Ελένη: 4.5 h a week")
    assert overloaded[0].forums == ("f1", "f2", "f3")


def test_exactly_four_hours_is_not_overload():
    """The threshold is "more than 4 hours": four weekly hours are fine."""
    ws = healthy()
    ws.forums = [forum("f1", "weekly", duration_minutes=240), forum("f3", "quarterly", duration_minutes=0,
                                                                    first="2026-06-25T09:00")]
    assert "overloaded" not in codes(ws)


def test_owner_counts_once_even_when_also_listed_as_attendee():
    """The owner's time is taken once, whether or not they are also in the attendee list."""
    ws = Workshop(forums=[forum("f1", owner="p1", attendees=["p1", "p2"], duration_minutes=90)])
    assert rhythm.hours_per_week(ws) == {"p1": 1.5, "p2": 1.5}


def test_a_forum_without_a_first_meeting_is_reported():
    """no_first says the calendar assumed a start; the assumption is the first Monday of the cycle at 09:00."""
    ws = healthy(forum("f4", "monthly", first=None, purpose="Hiring pipeline"))
    assert codes(ws) == ["no_first"]
    assert rhythm.effective_first(ws, ws.forums[-1]) == datetime(2026, 4, 6, 9, 0)


# --- recurrence and the quarter ---------------------------------------------------------------------


def test_monthly_forums_keep_the_weekday_of_their_first_meeting():
    """A monthly forum first held on the fourth Tuesday meets on every fourth Tuesday, never on a weekend."""
    meetings = rhythm.occurrences(datetime(2026, 4, 28, 13), "monthly", date(2026, 4, 1), date(2026, 10, 1))
    assert [m.date() for m in meetings] == [date(2026, 4, 28), date(2026, 5, 26), date(2026, 6, 23),
                                            date(2026, 7, 28), date(2026, 8, 25), date(2026, 9, 22)]
    assert all(m.weekday() == 1 and m.hour == 13 for m in meetings)


def test_a_fifth_weekday_recurs_as_the_last_one():
    """First held on a fifth Friday: it recurs on the last Friday, which every month has."""
    meetings = rhythm.occurrences(datetime(2026, 1, 30, 9), "monthly", date(2026, 1, 1), date(2026, 4, 1))
    assert [m.date() for m in meetings] == [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]


def test_quarterly_forums_meet_every_three_months():
    """Quarterly: the same weekday of the month, three months apart."""
    meetings = rhythm.occurrences(datetime(2026, 6, 25, 9), "quarterly", date(2026, 1, 1), date(2027, 1, 1))
    assert [m.date() for m in meetings] == [date(2026, 6, 25), date(2026, 9, 24), date(2026, 12, 24)]


def test_the_quarter_starts_on_the_monday_of_the_cycle_start():
    """"2026-Q2", "Q2 2026" and "2026 q2" all start the calendar on Monday 30 March 2026 (1 April is a Wednesday)."""
    for cycle in ("2026-Q2", "Q2 2026", "2026 q2"):
        assert rhythm.quarter_start(Workshop(info=WorkshopInfo(cycle=cycle))) == date(2026, 3, 30)


def test_without_a_cycle_the_quarter_starts_at_the_earliest_first_meeting():
    """No readable cycle: the week of the earliest first meeting; nothing at all: the week after the offsite."""
    ws = Workshop(info=WorkshopInfo(cycle="spring"), forums=[forum("f1", first="2026-05-14T10:00")])
    assert rhythm.quarter_start(ws) == date(2026, 5, 11)
    assert rhythm.quarter_start(Workshop(info=WorkshopInfo(ends="2026-03-13"))) == date(2026, 3, 16)


def test_the_quarter_calendar_marks_each_meeting_in_its_week_and_the_peak_load():
    """Thirteen Mondays; the weekly forum in every week from its first, the monthly once a month, and the
    busiest person's hours per week."""
    cal = rhythm.quarter_calendar(healthy())
    assert len(cal.weeks) == 13 and cal.weeks[0] == date(2026, 3, 30)
    weekly, monthly, quarterly = cal.rows
    assert [len(w) for w in weekly.weeks] == [0] + [1] * 12
    assert [i for i, w in enumerate(monthly.weeks) if w] == [4, 8, 12]
    assert [i for i, w in enumerate(quarterly.weeks) if w] == [12]
    assert cal.peak_hours[1] == 1.0 and cal.peak_hours[12] == 3.0


def test_default_questions_follow_the_cadence():
    """A weekly forum starts with the four weekly questions, a review with the review's three."""
    assert len(rhythm.default_questions("weekly")) == 4
    assert rhythm.default_questions("monthly") == rhythm.default_questions("quarterly") == list(rhythm.REVIEW_QUESTIONS)


def test_report_carries_the_quarter_the_load_and_the_warnings():
    """rhythm.report: the quarter's first Monday, per-forum meetings and hours, per-person hours, warnings."""
    ws = healthy(forum("f4", "monthly", owner=None, purpose="Hiring pipeline", first="2026-04-21T14:00"))
    out = rhythm.report(ws)
    assert out["quarter_start"] == "2026-03-30" and out["max_hours_per_week"] == 4.0
    assert [f["meetings_in_quarter"] for f in out["forums"]] == [12, 3, 1, 3]
    assert out["warnings"] == [{"warning": "no_owner", "forums": ["f4"], "text": rhythm.warnings(ws)[0].text}]
