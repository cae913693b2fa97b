"""The page that opens the pack: what was decided and who owns it, with the status stamp.

A participant who reads one page should know the critical few, each objective's owner, its key
results (owner, from → to), the forum that reviews it, what it waits on and what threatens it,
and what does not add up yet, said in words rather than hidden.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.platypus import KeepInFrame, NextPageTemplate, PageBreak

from .. import __version__
from ..domain import decided
from .blocks import PackContext, bullets, fmt_date, heading, note, para, rich, split_widths, table
from .sections_okrs import from_to

DECIDED = "Decided and owned"


def stamp_words(ctx: PackContext, today: date | None = None) -> str:
    """"Interim, after day 1 · exported 2 Dec 2026 · okr-workshop 0.1.0"."""
    day = (today or date.today()).isoformat()
    return f"{decided.status_stamp(ctx.ws)} · exported {fmt_date(day)} · okr-workshop {__version__}"


def _from_to(kr: Any) -> str:
    if kr.baseline is None and kr.target is None:
        return "no baseline, no target"
    return from_to(kr)


def _priority(ctx: PackContext, i: int, d: decided.Decided) -> list[Any]:
    ws = ctx.ws
    out: list[Any] = []
    ranked = f" (rank {d.rank} in the vote)" if d.rank else ""
    out.append(para(f"{i}. {d.priority.title}{ranked}", "h3"))
    rows: list[list[Any]] = []
    for o in d.objectives:
        rows.append([rich(("b", "Objective: "), o.objective, style="cell"),
                     rich(("b", ctx.name(o.owner, "No owner yet") if o.owner else "No owner yet"), style="cell"), ""])
        for kr in ws.key_results_of(o.id):
            rows.append([f"   KR: {kr.title}", ctx.name(kr.owner) if kr.owner else "No owner yet", _from_to(kr)])
    if not d.objectives:
        rows.append([rich(("b", "No objective yet"), ": nothing turns this priority into a result.", style="cell"),
                     "—", ""])
    forum = d.forum.name if d.forum else "No forum reviews it yet"  # its cadence and chair: the rhythm section
    if d.dependency is not None:
        e = d.dependency
        labels = {n.id: n.label for n in ws.nodes}
        status = e.status.replace("_", " ")
        due = f", needed by {fmt_date(e.needed_by)}" if e.needed_by else ""
        dep = (f"{labels.get(e.source, e.source)} → {labels.get(e.target, e.target)}: "
               f"{e.what or 'hand-over'} ({status}, {e.risk} risk{due}; owner {ctx.name(e.owner, 'nobody')})")
    else:
        dep = "None is mapped: no box on the dependency map is about it."
    risk = d.risk or ("Its key dependency, above." if d.dependency and (d.dependency.status != "open"
                                                                         or d.dependency.risk == "high")
                      else "None named.")
    rows.append([rich(("b", "Reviewed in: "), forum, style="cell"), "", ""])
    rows.append([rich(("b", "Key dependency: "), dep, style="cell"), "", ""])
    rows.append([rich(("b", "Top risk: "), risk, style="cell"), "", ""])
    spans = [("SPAN", (0, r), (-1, r)) for r in range(len(rows) - 2, len(rows) + 1)]
    out.append(table(["Objective and key results", "Owner", "From → to"], rows,
                     split_widths(ctx.width, [5, 1.6, 1.5]), extra=spans, zebra=False))
    out += bullets([f"⚠ {flag}" for flag in d.flags], style="small")
    return out


def section(ctx: PackContext, today: date | None = None) -> list[Any]:
    """Empty for a workshop with neither a critical few nor objectives: the summary speaks then."""
    ws = ctx.ws
    few = ctx.once("decided", lambda: decided.critical_few(ws))
    wrong = decided.inconsistencies(ws)
    if not few and not ws.objectives:
        return []
    body: list[Any] = [para(stamp_words(ctx, today), "cell_bold")]
    if few:
        body.append(para(f"The room chose {len(few)} priorit{'y' if len(few) == 1 else 'ies'} as the critical few, "
                         "listed in the order the vote ranked them. Each has one owner per objective and key result, "
                         "a forum that reviews it, and what it waits on.", "small"))
        for i, d in enumerate(few, start=1):
            body += _priority(ctx, i, d)
    else:
        body.append(note("No priority is selected as the critical few."))
    if wrong:
        body.append(heading("What does not add up yet", 2))
        body += bullets([f"⚠ {w}" for w in wrong], style="small")
    top = [NextPageTemplate("portrait"), PageBreak(), heading(DECIDED)]
    room = ctx.height - 40
    if _height(body, ctx.width) <= room / MIN_SCALE:
        return [*top, KeepInFrame(ctx.width, room, body, mode="shrink")]
    # Too much for one legible page: an overview that fits, then the detail flows on.
    return [*top, para(stamp_words(ctx, today), "cell_bold"), *_overview(ctx, few), *body[1:]]


MIN_SCALE = 0.8  # shrink the page no further than this; beyond it, print an overview and let the detail flow


def _height(flowables: list[Any], width: float) -> float:
    total = 0.0
    for f in flowables:
        total += f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _overview(ctx: PackContext, few: list[decided.Decided]) -> list[Any]:
    """One row per priority: its objectives with their owners, and the forum that reviews it."""
    rows = []
    for i, d in enumerate(few, start=1):
        objectives = "; ".join(f"{o.objective} ({ctx.name(o.owner, 'No owner yet') if o.owner else 'No owner yet'})"
                               for o in d.objectives) or "No objective yet"
        rows.append([f"{i}. {d.priority.title}", objectives, d.forum.name if d.forum else "No forum yet"])
    return [table(["Priority", "Objectives (owner)", "Reviewed in"], rows, split_widths(ctx.width, [2.2, 4.2, 1.6])),
            note("The detail for each priority follows.")]
