"""The run of show's timing maths and default agendas, with the time passed in (no clock, no sleeps)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain import run_of_show as ros

T0 = datetime(2026, 3, 12, 9, 0)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def session(**fields) -> m.AgendaSession:
    return m.AgendaSession(**{"id": "s1", "title": "Choose the critical few", "screen": "vote", "minutes": 30,
                              **fields})


def apply(sessions: list[m.AgendaSession], changes) -> list[m.AgendaSession]:
    by_id = {after.id: after for _, after in changes}
    return [by_id.get(s.id, s) for s in sessions]


def test_a_session_counts_down_its_timebox_and_goes_over():
    """Elapsed and remaining follow the clock from the start; past the timebox the digits read +m:ss."""
    s = session(started=ros.stamp(T0))
    assert ros.elapsed_seconds(s, at(10)) == 600
    assert ros.remaining_seconds(s, at(10)) == 1200
    assert ros.timer_view(s, at(10)).digits == "20:00"
    assert ros.timer_view(s, at(31.5)).digits == "+1:30"
    assert ros.state(s, at(31.5)) == "over"
    assert ros.state(session(), at(0)) == "planned"


def test_the_quiet_cue_comes_in_the_last_fifth_with_words():
    """"Nearly time" starts 2 minutes before the end of a 30-minute session (a fifth, capped at 2 min) and
    says how long is left; the cue never relies on colour."""
    s = session(started=ros.stamp(T0))
    assert ros.cue_seconds(s) == 120
    assert ros.state(s, at(27.9)) == "running" and ros.timer_view(s, at(27.9)).cue == ""
    view = ros.timer_view(s, at(28.5))
    assert view.state == "nearly" and view.cue == "Nearly time: 2 min left"
    assert ros.timer_view(s, at(30.5)).cue == "Over time"
    short = session(minutes=5, started=ros.stamp(T0))
    assert ros.cue_seconds(short) == 60  # a fifth of five minutes
    assert ros.cue_seconds(session(minutes=1)) == 30  # never under half a minute


def test_pausing_stops_the_clock_and_resuming_keeps_the_time_left():
    """Time paused is not time spent: after a 10-minute pause the remaining time is where it stopped."""
    s = session(started=ros.stamp(T0))
    paused = ros.pause(s, at(12))
    assert ros.state(paused, at(20)) == "paused"
    assert ros.remaining_seconds(paused, at(20)) == 18 * 60
    resumed = ros.resume(paused, at(22))
    assert resumed.paused == 600 and resumed.paused_at is None
    assert ros.remaining_seconds(resumed, at(25)) == 15 * 60
    assert ros.pause(paused, at(30)) == paused  # pausing twice changes nothing
    assert ros.resume(s, at(30)) == s


def test_five_more_minutes_extend_the_countdown_but_count_as_overrun():
    """+5 min lengthens the countdown; planned against actual still measures against the plan."""
    s = ros.extend(session(started=ros.stamp(T0)))
    assert ros.timebox_seconds(s) == 35 * 60
    assert ros.timer_view(s, at(32)).digits == "3:00"
    done = ros.end(s, at(34))
    assert ros.actual_minutes(done) == 34
    assert ros.session_report([done])[0]["over_minutes"] == 4


def test_ending_a_paused_session_folds_the_pause_in():
    s = ros.pause(session(started=ros.stamp(T0)), at(10))
    done = ros.end(s, at(15))
    assert (done.paused, done.paused_at, done.ended) == (300, None, ros.stamp(at(15)))
    assert ros.actual_minutes(done) == 10


def test_starting_a_session_ends_the_running_one_and_restarting_resumes():
    """Only one session runs; starting a finished one again continues it, the gap counting as a pause."""
    agenda = [session(), session(id="s2", title="Not now", screen="not_now")]
    agenda = apply(agenda, ros.start(agenda, "s1", at(0)))
    assert ros.running(agenda).id == "s1"
    changes = ros.start(agenda, "s2", at(31))
    assert [before.id for before, _ in changes] == ["s1", "s2"]
    agenda = apply(agenda, changes)
    assert agenda[0].ended == ros.stamp(at(31)) and ros.running(agenda).id == "s2"
    assert ros.start(agenda, "s2", at(32)) == []  # already running
    agenda = apply(agenda, ros.start(agenda, "s1", at(40)))
    again = agenda[0]
    assert again.ended is None and again.paused == 9 * 60
    assert ros.elapsed_seconds(again, at(40)) == 31 * 60
    assert ros.start(agenda, "nope", at(41)) == []


def test_the_next_session_follows_the_latest_started_one():
    agenda = [session(id=f"s{i}") for i in range(1, 5)]
    assert ros.next_to_start(agenda).id == "s1"
    agenda = apply(agenda, ros.start(agenda, "s3", at(0)))
    assert ros.next_to_start(agenda).id == "s4"  # the skipped ones wait until asked for
    agenda = apply(agenda, ros.start(agenda, "s4", at(30)))
    assert ros.next_to_start(agenda).id == "s1"
    agenda = [dataclasses.replace(s, started=ros.stamp(T0), ended=ros.stamp(at(60))) for s in agenda]
    assert ros.next_to_start(agenda) is None  # everything has run


def test_the_plan_follows_one_session_after_another_and_honours_pinned_starts():
    """Sessions follow each other from 09:00; a pinned start (lunch at 12:30) moves the plan there;
    each day starts afresh."""
    agenda = [session(id="a", minutes=90), session(id="b", minutes=45), session(id="lunch", minutes=60, start="12:30"),
              session(id="c", minutes=30), session(id="d", minutes=20, day=2, start="08:30"),
              session(id="e", minutes=10, day=2)]
    slots = ros.planned_schedule(agenda)
    assert [(slots[k].start, slots[k].end) for k in "ab"] == [(time(9), time(10, 30)), (time(10, 30), time(11, 15))]
    assert (slots["lunch"].start, slots["c"].start, slots["c"].end) == (time(12, 30), time(13, 30), time(14))
    assert (slots["d"].day, slots["d"].start, slots["e"].start) == (2, time(8, 30), time(8, 50))


def test_planned_against_actual_for_the_day_so_far():
    """Two sessions done (one 7 min over, one 2 under), one running 3 min over: 8 min behind plan, and the
    day ends 8 min later than planned at this pace, counting the running session's overrun."""
    agenda = [session(id="a", minutes=30, started=ros.stamp(at(0)), ended=ros.stamp(at(37))),
              session(id="b", minutes=20, started=ros.stamp(at(37)), ended=ros.stamp(at(55))),
              session(id="c", minutes=15, started=ros.stamp(at(55))),
              session(id="d", minutes=60)]
    summary = ros.day_summary(agenda, 1, at(73))
    assert (summary.done, summary.planned_done, summary.actual_done) == (2, 50, 55)
    assert summary.over == 5 + 3
    assert summary.planned_end == time(11, 5)
    assert summary.projected_end == time(11, 13)
    text = summary.describe()
    assert "2 done: planned 50 min, took 55 min; 8 min behind plan; at this pace it ends 11:13" in text
    before = ros.day_summary(agenda[3:], 1, at(0))
    assert before.projected_end is None and before.describe() == "Day 1: 1 sessions, 1 h 00 planned, ends 10:00."


def test_a_day_ahead_of_plan_says_so():
    agenda = [session(id="a", minutes=30, started=ros.stamp(at(0)), ended=ros.stamp(at(20)))]
    summary = ros.day_summary(agenda, 1, at(25))
    assert summary.over == -10 and "10 min ahead of plan" in summary.describe()
    assert summary.projected_end == time(9, 20)  # everything done: the day ended with the last session


@pytest.mark.parametrize("days", [1, 2])
def test_the_default_agendas_follow_the_offsite_flow(days: int):
    """Each default agenda runs diagnose → vote → not now → dependencies → decision rights → OKRs → rhythm
    → actions, with breaks, a goal for every working session, lunch pinned at 12:30 and a day under 8 hours."""
    agenda = ros.default_agenda(days)
    assert ros.days(agenda) == list(range(1, days + 1))
    flow = [s.screen for s in agenda if s.screen]
    firsts = [flow.index(key) for key in ("diagnose", "vote", "not_now", "dependencies", "decision_rights", "okrs",
                                          "rhythm", "actions")]
    assert firsts == sorted(firsts)
    assert flow[-1] == "run_of_show"  # the day closes with the parking lot
    assert all(s.goal for s in agenda if s.screen) and all(not s.goal for s in agenda if s.screen is None)
    assert len({s.id for s in agenda}) == len(agenda) and agenda[0].id == "s1"
    slots = ros.planned_schedule(agenda)
    for day in ros.days(agenda):
        mine = [s for s in agenda if s.day == day]
        assert slots[mine[0].id].start == time(9)
        assert slots[mine[-1].id].end <= time(17)
        lunch = next(s for s in mine if s.title == "Lunch")
        assert slots[lunch.id].start == time(12, 30)
        before_lunch = mine[mine.index(lunch) - 1]
        assert slots[before_lunch.id].end == time(12, 30)  # the morning fills up to lunch, no gap
    assert {s.screen for s in agenda} >= {"diagnose", "vote", "not_now", "dependencies", "decision_rights", "okrs",
                                          "rhythm"}
    with pytest.raises(ValueError):
        ros.default_agenda(3)


def test_durations_and_countdowns_read_well():
    assert [ros.format_seconds(s) for s in (0, 59, 61, 3725, -83)] == ["0:00", "0:59", "1:01", "1:02:05", "+1:23"]
    assert [ros.format_minutes(n) for n in (45, 60, 65, -70)] == ["45 min", "1 h 00", "1 h 05", "-1 h 10"]
    assert ros.clock_time("09:00") == time(9) and ros.clock_time("9:00") is None and ros.clock_time("") is None
    assert ros.clock_time("25:00") is None


def test_the_system_clock_gives_whole_seconds():
    assert ros.SystemClock().now().microsecond == 0
