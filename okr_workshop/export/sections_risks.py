"""The risk log: every named risk with its mitigation, owner and date; "None yet" is printed so
an unanswered risk is visible rather than silently absent."""

from __future__ import annotations

from typing import Any

from ..domain.risk_log import risk_log
from .blocks import PackContext, fmt_date, new_section, split_widths, table

RISKS = "Risk log"


def section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not (ws.edges or ws.objectives or ws.forums or ws.actions):
        return []  # an empty workshop's only "risks" are that it is empty: the summary says so
    entries = risk_log(ws)
    if not entries:
        return []
    out = new_section(RISKS, "What could derail delivery: the coherence checks, the dependency map's risks and "
                             "the risks the room named, "
                             "each with the action that answers it, its owner and date.")
    rows = [[e.risk, e.mitigation, ctx.name(e.owner) if e.owner else "—", fmt_date(e.date)] for e in entries]
    out.append(table(["Risk", "Mitigation", "Owner", "Date"], rows, split_widths(ctx.width, [4.2, 2.8, 1.4, 1.1])))
    return out
