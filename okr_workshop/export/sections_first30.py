"""The first 30 days: a dated plan from the Monday after the offsite, so the month in which
the hand-over to weekly routine succeeds or fails is written down day by day."""

from __future__ import annotations

from typing import Any

from ..domain import first_days
from .blocks import PackContext, bullets, fmt_date, heading, new_section, note, split_widths, table

FIRST30 = "The first 30 days"


def section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    monday = first_days.start_monday(ws)
    steps = first_days.first_days(ws)
    if monday is None or not steps:
        return []
    out = new_section(FIRST30, f"From Monday {fmt_date(monday.isoformat())}, the Monday after the offsite: "
                               "rollout steps, first forums, who tells whom, and actions falling due.")
    rows = [[fmt_date(s.when.isoformat(), weekday=True), s.what, s.who or "—"] for s in steps]
    out.append(table(["Date", "What", "Who"], rows, split_widths(ctx.width, [1.4, 4.6, 1.6])))
    if not ws.rollout.cascade:
        out.append(note("No communication cascade is planned yet: say who tells whom, and by when."))
    later = first_days.later_forums(ws)
    if later:
        out.append(heading("After the first 30 days", 2))
        out += bullets([f"{fmt_date(d.isoformat(), weekday=True)}: first {name}" for d, name in later], style="small")
    undated = first_days.undated(ws)
    if undated:
        out.append(heading("Not dated yet", 2))
        out += bullets(undated, style="small")
    return out
