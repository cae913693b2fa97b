"""The dependency map on a landscape page (the app's layout, loops and the critical chain
marked), then who owns each hand-over, by when, and the risks to name out loud."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor

from ..domain import dependencies
from . import map_drawing, styles
from .blocks import PackContext, bullets, fmt_date, heading, new_section, note, para, plural, split_widths, table

TITLE = "Dependency map"
OWNERS = "Owners and risks"
CYCLE_LIMIT = 200  # as on the map screen: enough to show the loops; a dense map can hold exponentially many
RISKS_SHOWN = 12
WAITED_ON_SHOWN = 5
STATUS_WORDS = {"open": "open", "at_risk": "AT RISK", "blocked": "BLOCKED", "done": "done ✓"}
STATUS_TINT = {"at_risk": "yellow", "blocked": "vermillion"}


def _analysis(ctx: PackContext) -> dict[str, Any]:
    ws = ctx.ws
    return {
        "cycles": dependencies.cycles(ws, limit=CYCLE_LIMIT),
        "chain": dependencies.critical_chain(ws),
        "blocking": dependencies.blocking(ws),
    }


def summary_line(ctx: PackContext, found: dict[str, Any]) -> str:
    ws = ctx.ws
    parts = [f"{plural(len(ws.nodes), 'box', 'boxes')}, {plural(len(ws.edges), 'dependency', 'dependencies')}"]
    loops = found["cycles"]
    if loops:
        more = "+" if len(loops) >= CYCLE_LIMIT else ""
        parts.append(f"{len(loops)}{more} loop{'s' if len(loops) != 1 else ''}: no critical chain until it is broken")
    elif found["chain"]:
        parts.append(f"critical chain: {plural(len(found['chain']) - 1, 'hand-over')}")
    unowned = sum(1 for e in ws.edges if not e.owner)
    if unowned:
        parts.append(f"{unowned} without an owner end to end")
    return "; ".join(parts) + "."


def section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.nodes:
        return []
    found = ctx.once("map", lambda: _analysis(ctx))
    out = new_section(TITLE, "Who must deliver what to whom. An arrow points from the provider to whoever waits "
                             "on it.", landscape=True)
    out.append(para(summary_line(ctx, found), "muted"))
    picture = map_drawing.MapPicture(ws, found["cycles"], found["chain"], found["blocking"])
    legend_height = 56.0
    out.append(picture.drawing(ctx.land_width, ctx.land_height - 80 - legend_height))
    out.append(map_drawing.legend(ctx.land_width, bool(found["cycles"]), bool(found["chain"])))
    out += _owners(ctx, found)
    return out


def _owners(ctx: PackContext, found: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import NextPageTemplate, PageBreak

    ws = ctx.ws
    labels = {n.id: n.label or n.id for n in ws.nodes}
    out: list[Any] = [NextPageTemplate("portrait"), PageBreak(), heading(OWNERS, 1)]
    risks = ctx.once("risks", lambda: dependencies.risks(ws))
    if risks:
        out.append(heading("What to name out loud", 2))
        out += bullets([f"{r.severity.capitalize()}: {r.sentence}" for r in risks[:RISKS_SHOWN]])
        if len(risks) > RISKS_SHOWN:
            out.append(note(f"…and {plural(len(risks) - RISKS_SHOWN, 'more')}; the table below marks every "
                            "dependency that is blocked, at risk or unowned."))
    waited = sorted(((n, c) for n, c in found["blocking"].items() if c), key=lambda kv: (-kv[1], labels.get(kv[0], "")))
    if waited:
        owner_of = {n.id: n.owner for n in ws.nodes}
        out.append(heading("Who everything waits on", 2))
        rows = [[labels.get(n, n), ctx.name(owner_of.get(n), "no owner"), str(c)] for n, c in waited[:WAITED_ON_SHOWN]]
        out.append(table(["Box", "Owner", "Waiting on it, directly or in turn"], rows,
                         split_widths(ctx.width, [3, 2, 2])))
    if ws.edges:
        out.append(heading("Every dependency", 2))
        rows, extra = [], []
        for i, e in enumerate(ws.edges, start=1):
            rows.append([f"{labels.get(e.source, e.source)} → {labels.get(e.target, e.target)}", e.what,
                         ctx.name(e.owner, "") or "no owner", fmt_date(e.needed_by), e.risk,
                         STATUS_WORDS.get(e.status, e.status)])
            tint = STATUS_TINT.get(e.status)
            if tint:
                extra.append(("BACKGROUND", (5, i), (5, i), HexColor(styles.TINTS[tint])))
            if not e.owner:
                extra.append(("BACKGROUND", (2, i), (2, i), HexColor(styles.TINTS["vermillion"])))
        out.append(table(["From → to", "What", "Owner end to end", "Needed by", "Risk", "Status"], rows,
                         split_widths(ctx.width, [2.5, 2.8, 1.5, 1.1, 0.9, 1.1]), extra=extra))
    return out
