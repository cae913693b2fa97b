"""The run of show in the pack: every decision the room took, when and where, and what is still
parked."""

from __future__ import annotations

from typing import Any

from ..domain import decision_log
from .blocks import PackContext, bullets, fmt_date, heading, new_section, split_widths, table

DECISION_LOG = "Decision log"


def open_parking(ctx: PackContext) -> list[str]:
    """The parked items nobody has resolved yet, with who raised them."""
    return [f"{p.text} (raised by {ctx.name(p.raised_by)})" if p.raised_by else p.text
            for p in ctx.ws.parking_lot if p.resolution == "open"]


def section(ctx: PackContext) -> list[Any]:
    entries = decision_log.summary(ctx.ws)
    parked = open_parking(ctx)
    if not entries and not parked:
        return []
    out = new_section(DECISION_LOG, "What the room decided, in the order it decided it, with where the discussion "
                                    "was. A decision not written here was not taken.")
    if entries:
        rows, previous = [], None
        for e in entries:
            # where the room was, once for a run of decisions taken there (it reads like a heading)
            where = e["context"] if e["context"] != previous else "as above"
            previous = e["context"]
            rows.append([fmt_date(e["at"]), e["label"], e["text"], where])
        out.append(table(["When", "Kind", "Decision", "Where"], rows, split_widths(ctx.width, [1.5, 1.2, 3.4, 2.2])))
    if parked:
        out.append(heading("Still in the parking lot", 2))
        out += bullets(parked)
    return out
