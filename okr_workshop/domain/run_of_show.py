"""The run of show: the day's timing maths and the default agendas.

Everything here takes the time as an argument (``now``), so the screens, the tests and the
report agree on one answer and no test has to wait for a real clock. ``Clock`` is what the
UI asks for the time; tests give it a clock they move by hand.

Planned and actual: a session's plan is its ``minutes``. Its actual time is the time it ran,
pauses excluded. Minutes added on the day (+5) extend the countdown but count as overrun
against the plan, because that is what they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .clock import Clock, SystemClock, clock_time, stamp
from .model import AgendaSession

__all__ = ["Clock", "SystemClock", "stamp"]  # re-exported: the run of show's callers need one import

DAY_START = "09:00"  # where a day's plan starts when its first session pins no time
EXTEND_MINUTES = 5

Change = tuple[AgendaSession | None, AgendaSession | None]


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


# ----- one session ------------------------------------------------------------------------------


def timebox_seconds(session: AgendaSession) -> int:
    """The countdown's length: the plan plus what the room added."""
    return (session.minutes + session.extended) * 60


def is_running(session: AgendaSession) -> bool:
    """Started and not ended (paused counts as running: it holds the room's attention)."""
    return session.started is not None and session.ended is None


def elapsed_seconds(session: AgendaSession, now: datetime) -> int:
    """How long the session has run, pauses excluded; 0 before it starts."""
    if session.started is None:
        return 0
    end = moment(session.ended) if session.ended else now
    paused = session.paused
    if session.paused_at and not session.ended:
        paused += max(0, int((now - moment(session.paused_at)).total_seconds()))
    return max(0, int((end - moment(session.started)).total_seconds()) - paused)


def remaining_seconds(session: AgendaSession, now: datetime) -> int:
    """Seconds left on the countdown; negative once over time."""
    return timebox_seconds(session) - elapsed_seconds(session, now)


def cue_seconds(session: AgendaSession) -> int:
    """When the quiet "nearly time" cue starts: the last fifth, at least 30 s and at most 2 min."""
    return min(120, max(30, timebox_seconds(session) // 5))


def state(session: AgendaSession, now: datetime) -> str:
    """planned | running | nearly | over | paused | done."""
    if session.started is None:
        return "planned"
    if session.ended is not None:
        return "done"
    if session.paused_at:
        return "paused"
    left = remaining_seconds(session, now)
    if left < 0:
        return "over"
    if left <= cue_seconds(session):
        return "nearly"
    return "running"


def format_seconds(seconds: int) -> str:
    """A countdown: 12:05, 1:02:03; over time reads +1:23 (the sign is part of the cue)."""
    sign = "+" if seconds < 0 else ""
    seconds = abs(int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    body = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return sign + body


def format_minutes(minutes: int) -> str:
    """A duration for people: 45 min, 1 h 05."""
    minutes = int(minutes)
    if abs(minutes) < 60:
        return f"{minutes} min"
    hours, rest = divmod(abs(minutes), 60)
    return f"{'-' if minutes < 0 else ''}{hours} h {rest:02d}"


@dataclass(frozen=True)
class TimerView:
    """What the timer shows for the running session."""

    digits: str  # the countdown, "+1:23" when over
    state: str  # running | nearly | over | paused
    cue: str  # the words beside the digits: the cue never relies on colour alone
    fraction: float  # share of the timebox used, 0..1 (capped)


CUE_WORDS = {"running": "", "nearly": "Nearly time", "over": "Over time", "paused": "Paused"}


def timer_view(session: AgendaSession, now: datetime) -> TimerView:
    left = remaining_seconds(session, now)
    current = state(session, now)
    if current == "paused" and left < 0:
        words = "Paused, over time"
    elif current == "nearly":
        words = f"Nearly time: {max(1, (left + 59) // 60)} min left"
    else:
        words = CUE_WORDS.get(current, "")
    box = timebox_seconds(session) or 1
    return TimerView(format_seconds(left), current, words, min(1.0, elapsed_seconds(session, now) / box))


# ----- changes the timer makes ------------------------------------------------------------------


def running(sessions: Sequence[AgendaSession]) -> AgendaSession | None:
    return next((s for s in sessions if is_running(s)), None)


def pause(session: AgendaSession, now: datetime) -> AgendaSession:
    if not is_running(session) or session.paused_at:
        return session
    return dataclasses.replace(session, paused_at=stamp(now))


def resume(session: AgendaSession, now: datetime) -> AgendaSession:
    if not session.paused_at:
        return session
    held = max(0, int((now - moment(session.paused_at)).total_seconds()))
    return dataclasses.replace(session, paused=session.paused + held, paused_at=None)


def extend(session: AgendaSession, minutes: int = EXTEND_MINUTES) -> AgendaSession:
    return dataclasses.replace(session, extended=session.extended + minutes)


def end(session: AgendaSession, now: datetime) -> AgendaSession:
    """Stop the clock on a session; a pause in progress ends with it."""
    resumed = resume(session, now)
    return dataclasses.replace(resumed, ended=stamp(now))


def start(sessions: Sequence[AgendaSession], session_id: str, now: datetime) -> list[Change]:
    """(before, after) to start ``session_id`` now: the running session ends first. Starting a
    finished session again resumes it; the time in between counts as a pause."""
    changes: list[Change] = []
    target = next((s for s in sessions if s.id == session_id), None)
    if target is None or (is_running(target)):
        return changes
    current = running(sessions)
    if current is not None:
        changes.append((current, end(current, now)))
    if target.started is None:
        after = dataclasses.replace(target, started=stamp(now), ended=None, paused=0, paused_at=None)
    else:
        gap = max(0, int((now - moment(target.ended or stamp(now))).total_seconds()))
        after = dataclasses.replace(target, ended=None, paused=target.paused + gap, paused_at=None)
    changes.append((target, after))
    return changes


def next_to_start(sessions: Sequence[AgendaSession]) -> AgendaSession | None:
    """The session after the running (or last finished) one that has not started yet."""
    after = -1
    for i, s in enumerate(sessions):
        if s.started is not None:
            after = i
    later = [s for s in sessions[after + 1:] if s.started is None]
    if later:
        return later[0]
    return next((s for s in sessions if s.started is None), None)


# ----- the plan for the day ---------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """Where a session sits in the plan: its day and planned start and end, as clock times."""

    day: int
    start: time
    end: time


def _minutes_of(t: time) -> int:
    return t.hour * 60 + t.minute


def _time_of(minutes: int) -> time:
    minutes = max(0, min(minutes, 24 * 60 - 1))
    return time(minutes // 60, minutes % 60)


def planned_schedule(sessions: Sequence[AgendaSession]) -> dict[str, Slot]:
    """Every session's planned slot. Days keep the agenda's order; a pinned start moves the plan
    to that time, the rest follow one another."""
    slots: dict[str, Slot] = {}
    cursor: dict[int, int] = {}
    day_start = _minutes_of(time.fromisoformat(DAY_START))
    for s in sessions:
        pinned = clock_time(s.start)
        begin = _minutes_of(pinned) if pinned is not None else cursor.get(s.day, day_start)
        finish = begin + s.minutes
        cursor[s.day] = finish
        slots[s.id] = Slot(s.day, _time_of(begin), _time_of(finish))
    return slots


def days(sessions: Sequence[AgendaSession]) -> list[int]:
    return sorted({s.day for s in sessions})


def actual_minutes(session: AgendaSession, now: datetime | None = None) -> int | None:
    """Minutes the session ran (rounded), None before it starts or, without ``now``, while it runs."""
    if session.started is None or (session.ended is None and now is None):
        return None
    return round(elapsed_seconds(session, now or moment(session.ended)) / 60)  # type: ignore[arg-type]


@dataclass(frozen=True)
class DaySummary:
    """Planned against actual for one day, so far."""

    day: int
    sessions: int
    done: int
    planned_minutes: int  # the whole day's plan
    planned_done: int  # the plan of the sessions finished so far
    actual_done: int  # what they took
    over: int  # minutes behind plan (negative: ahead), the running session's overrun included
    planned_end: time | None
    projected_end: time | None  # at this pace; None before the day starts

    def describe(self) -> str:
        if not self.sessions:
            return f"Day {self.day}: no sessions."
        plan = (f"Day {self.day}: {self.sessions} sessions, {format_minutes(self.planned_minutes)} planned"
                + (f", ends {self.planned_end:%H:%M}" if self.planned_end else ""))
        if self.projected_end is None:
            return plan + "."
        done = (f"{self.done} done: planned {format_minutes(self.planned_done)}, took "
                f"{format_minutes(self.actual_done)}") if self.done else "Under way"
        if self.over > 0:
            pace = f"{format_minutes(self.over)} behind plan"
        elif self.over < 0:
            pace = f"{format_minutes(-self.over)} ahead of plan"
        else:
            pace = "on plan"
        return f"{plan}. {done}; {pace}; at this pace it ends {self.projected_end:%H:%M}."


def day_summary(sessions: Sequence[AgendaSession], day: int, now: datetime) -> DaySummary:
    mine = [s for s in sessions if s.day == day]
    slots = planned_schedule(sessions)
    finished = [s for s in mine if s.ended is not None]
    planned_done = sum(s.minutes for s in finished)
    actual_done = round(sum(elapsed_seconds(s, now) for s in finished) / 60)
    over = actual_done - planned_done
    current = next((s for s in mine if is_running(s)), None)
    if current is not None:
        over += max(0, round((elapsed_seconds(current, now) - current.minutes * 60) / 60))
    planned_end = slots[mine[-1].id].end if mine else None
    projected: time | None = None
    if any(s.started for s in mine):
        # What is still to come: the sessions after the latest one started (the ones skipped
        # before it are not coming back by themselves).
        latest = max(i for i, s in enumerate(mine) if s.started)
        waiting = sum(s.minutes for s in mine[latest + 1:] if s.started is None)
        left = max(0, remaining_seconds(current, now)) if current is not None else 0
        if current is None and not waiting:
            projected = moment(max(s.ended for s in finished)).time() if finished else None  # type: ignore[type-var]
        else:
            projected = (now + timedelta(seconds=left, minutes=waiting)).time()
    return DaySummary(day, len(mine), len(finished), sum(s.minutes for s in mine), planned_done, actual_done,
                      over, planned_end, projected.replace(second=0, microsecond=0) if projected else None)


# ----- the default agendas ----------------------------------------------------------------------

# (title, screen, minutes, goal, pinned start); a new day starts at the row whose title is None.
_ONE_DAY: list[tuple[str | None, str | None, int, str, str]] = [
    ("Welcome and the day's aim", "overview", 20, "Agree what the room must leave with tonight", "09:00"),
    ("The private alignment check", "diagnose", 30, "Every executive answers the three questions alone", ""),
    ("Signals and blunt statements", "diagnose", 40, "Name the disconnect in one or two blunt statements", ""),
    ("Break", None, 15, "", ""),
    ("Choose the critical few", "vote", 60, "Agree the critical few: 3 to 5 priorities", ""),
    ("Not now and trade-offs", "not_now", 45, "Stop, defer or keep as BAU everything else; write the trade-offs",
     ""),
    ("Lunch", None, 45, "", "12:30"),
    ("Dependencies", "dependencies", 45, "Every cross-functional dependency has one owner end to end", ""),
    ("Decision rights", "decision_rights", 30, "One final decider per situation, before the pressure hits", ""),
    ("Break", None, 15, "", ""),
    ("Fewer, harder OKRs", "okrs", 60, "Outcome key results with a baseline and a target", ""),
    ("The operating rhythm", "rhythm", 30, "Weekly, monthly and quarterly forums, each with an owner", ""),
    ("Roll out small: actions", "actions", 20, "Pilot units, the OKR coach, every action owned and dated", ""),
    ("Parking lot and close", "run_of_show", 15, "Every parked item resolved, made an action or moved to not now",
     ""),
]

_TWO_DAYS: list[tuple[str | None, str | None, int, str, str]] = [
    ("Welcome and the two days' aim", "overview", 20, "Agree what the room must leave with", "09:00"),
    ("The private alignment check", "diagnose", 30, "Every executive answers the three questions alone", ""),
    ("The spread and the warning signals", "diagnose", 45, "See how far apart the answers are, and why", ""),
    ("Break", None, 15, "", ""),
    ("Accountability and blunt statements", "diagnose", 40,
     "Who owns the outcome, who decides; the disconnect in one or two blunt statements", ""),
    ("First vote", "vote", 60, "A first ranking of the candidate priorities", ""),
    ("Lunch", None, 60, "", "12:30"),
    ("Choose the critical few", "vote", 45, "A second round after the debate: agree 3 to 5 priorities", ""),
    ("Not now and trade-offs", "not_now", 45, "Stop, defer or keep as BAU everything else; write the trade-offs",
     ""),
    ("Break", None, 15, "", ""),
    ("Dependencies", "dependencies", 60, "Every cross-functional dependency has one owner end to end", ""),
    ("Day one's parking lot", "run_of_show", 15, "Resolve what cannot wait; keep the rest for tomorrow", ""),
    (None, None, 0, "", ""),
    ("Recap of day one", "overview", 20, "Confirm the critical few and the not-now list", "09:00"),
    ("Decision rights", "decision_rights", 60, "One final decider per situation, before the pressure hits", ""),
    ("Break", None, 15, "", ""),
    ("Objectives", "okrs", 45, "One objective per chosen priority", ""),
    ("Key results", "okrs", 70, "Outcome key results with a baseline and a target", ""),
    ("Lunch", None, 60, "", "12:30"),
    ("Key results: the coaching checks", "okrs", 30, "No activity dressed up as an outcome", ""),
    ("The operating rhythm", "rhythm", 45, "Weekly, monthly and quarterly forums, each with an owner", ""),
    ("Break", None, 15, "", ""),
    ("Coach, don't police", "okrs", 25, "The check-in questions for the first reviews", ""),
    ("Roll out small: actions", "actions", 30, "Pilot units, the OKR coach, every action owned and dated", ""),
    ("Parking lot, decisions and close", "run_of_show", 20,
     "Every parked item resolved, made an action or moved to not now; read back the decision log", ""),
]


def default_agenda(days_count: int = 1) -> list[AgendaSession]:
    """A one-day or two-day offsite that follows the flow: diagnose, choose, map, decide, write,
    install the rhythm, roll out. Ids are s1, s2, ... ."""
    if days_count not in (1, 2):
        raise ValueError("the default agendas are for one or two days")
    rows = _ONE_DAY if days_count == 1 else _TWO_DAYS
    sessions: list[AgendaSession] = []
    day = 1
    for title, screen, minutes, goal, pinned in rows:
        if title is None:
            day += 1
            continue
        sessions.append(AgendaSession(f"s{len(sessions) + 1}", title, screen, minutes, goal, day, pinned))
    return sessions


def session_report(sessions: Sequence[AgendaSession]) -> list[dict[str, object]]:
    """Planned against actual per session, for the report (finished sessions only have an actual)."""
    slots = planned_schedule(sessions)
    out: list[dict[str, object]] = []
    for s in sessions:
        slot = slots[s.id]
        actual = actual_minutes(s)
        out.append({
            "id": s.id, "title": s.title, "screen": s.screen, "day": s.day,
            "planned_start": f"{slot.start:%H:%M}", "planned_minutes": s.minutes,
            "started": s.started, "ended": s.ended, "actual_minutes": actual,
            "over_minutes": None if actual is None else actual - s.minutes,
            "status": "done" if s.ended else "running" if s.started else "planned",
        })
    return out
