"""The first 30 days after the offsite as one dated list: when the senior team starts and the
coach with it, each forum's first meeting, the actions falling due and who tells whom.

Execution fails in the hand-over from intent to weekly routine, so the pack shows the month
after the offsite day by day, starting on the Monday after it ends.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from .date_words import as_date
from .model import Workshop
from .rhythm import effective_first

DAYS = 30


class Step(NamedTuple):
    when: date
    what: str
    who: str  # names, "" when nobody in particular


def start_monday(ws: Workshop) -> date | None:
    """The Monday after the offsite's last day (its first day when no end is given)."""
    end = as_date(ws.info.ends) or as_date(ws.info.starts)
    if end is None:
        return None
    return end + timedelta(days=7 - end.weekday())


def first_days(ws: Workshop, days: int = DAYS) -> list[Step]:
    """Every dated step in [Monday after the offsite, + ``days``), in date order (then: rollout,
    forums, cascade, actions), or [] when the offsite has no dates."""
    monday = start_monday(ws)
    if monday is None:
        return []
    end = monday + timedelta(days=days)
    name = ws.participant_name
    found: list[tuple[date, int, str, str]] = []
    plan = ws.rollout
    start = as_date(plan.senior_team_start)
    if start is not None:
        found.append((start, 0, "The senior team starts working with the OKRs and the rhythm", ""))
        if plan.coach:
            found.append((start, 0, "The internal OKR coach starts coaching the senior team", name(plan.coach)))
    for f in ws.forums:
        first = effective_first(ws, f).date()
        found.append((first, 1, f"First {f.name} ({f.cadence})", name(f.owner)))
    for item in plan.cascade:
        day = as_date(item.get("by"))
        if day is not None:
            who = name(item.get("who")) or item.get("who", "")
            found.append((day, 2, f"{who} tells {item.get('tells', '')}".strip(), who))
    for a in ws.actions:
        day = as_date(a.due)
        if day is not None and a.status == "open":
            found.append((day, 3, f"Due: {a.title}", name(a.owner)))
    found = [f for f in found if monday <= f[0] < end]
    found.sort(key=lambda f: (f[0], f[1]))
    return [Step(day, what, who) for day, _, what, who in found]


def undated(ws: Workshop) -> list[str]:
    """Rollout steps that have no date yet, to say so under the plan (a pilot carries none)."""
    out = [f"Pilot in {p.get('unit', '')}" for p in ws.rollout.pilots]
    if ws.rollout.coach and not ws.rollout.senior_team_start:
        out.append(f"Internal OKR coach: {ws.participant_name(ws.rollout.coach)}")
    if not ws.rollout.senior_team_start:
        out.append("The senior team's start")
    return out


def later_forums(ws: Workshop, days: int = DAYS) -> list[tuple[date, str]]:
    """Forums whose first meeting falls after the window: (date, name)."""
    monday = start_monday(ws)
    if monday is None:
        return []
    end = monday + timedelta(days=days)
    found = [(effective_first(ws, f).date(), f.name) for f in ws.forums]
    return sorted(f for f in found if f[0] >= end)
