"""What I own: one block per person, with a PDF bookmark each, so every participant finds their
own commitments without reading the whole pack."""

from __future__ import annotations

from typing import Any

from ..domain.ownership import Owned, ownership
from ..domain.rhythm import effective_first
from .blocks import PackContext, bullets, fmt_date, heading, new_section, para
from .sections_okrs import measure

OWNERS = "What I own"


def _lines(ctx: PackContext, o: Owned) -> list[tuple[str, list[str]]]:
    ws = ctx.ws
    labels = {n.id: n.label for n in ws.nodes}
    titles = {ob.id: ob.objective for ob in ws.objectives}
    parts = [
        ("Objectives", [f"“{ob.objective}” ({ws.priority_title(ob.priority)})" if ob.priority else f"“{ob.objective}”"
                        for ob in o.objectives]),
        ("Key results", [f"{kr.title}: {measure(kr)}" + (f", by {fmt_date(kr.due)}" if kr.due else "")
                         + (f" (objective: {titles[kr.okr]})" if kr.okr in titles else "") for kr in o.key_results]),
        ("Actions", [f"{fmt_date(a.due, empty='no date')}: {a.title}" + (" (done)" if a.status == "done" else "")
                     for a in sorted(o.actions, key=lambda a: (a.due is None, a.due or ""))]),
        ("Dependencies you deliver end to end",
         [f"{labels.get(e.source, e.source)} → {labels.get(e.target, e.target)}: {e.what or 'hand-over'}"
          + (f", needed by {fmt_date(e.needed_by)}" if e.needed_by else "") + f" ({e.status.replace('_', ' ')})"
          for e in o.edges]),
        ("Boxes on the dependency map", [f"{n.label} ({n.kind})" for n in o.nodes]),
        ("Decisions where you make the final call",
         [d.situation for d in o.decisions]),  # the response is in Decision rights, once
        ("Forums you chair", [f"{f.name} ({f.cadence}), first on {fmt_date(effective_first(ws, f).isoformat())}"
                              for f in o.forums]),
    ]
    return [(title, items) for title, items in parts if items]


def section(ctx: PackContext) -> list[Any]:
    owned = ctx.once("ownership", lambda: ownership(ctx.ws))
    if not owned:
        return []
    out = new_section(OWNERS, "Everything each person owns coming out of the offsite: objectives, key results, "
                              "actions, dependencies, final calls and forums. Your name is a bookmark.")
    for o in owned:
        person = next((p for p in ctx.ws.participants if p.id == o.person), None)
        name = ctx.name(o.person)
        out.append(heading(name, 1, outline_only=True))
        if person and person.function:
            out.append(para(person.function, "muted"))
        for title, items in _lines(ctx, o):
            out.append(para(title, "cell_bold"))
            out += bullets(items, style="small")
    return out
