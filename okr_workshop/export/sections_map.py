"""The dependency map on a landscape page (the app's layout, loops and the critical chain
marked), then who owns each hand-over, by when, and the risks to name out loud.

A map of more than map_drawing.DETAIL_LIMIT boxes (or one whose names would print under
MIN_TEXT) is an overview: each box shows a number, and "The boxes" lists every number with the
box's whole name and owner; "Every dependency" says who delivers what to whom, by when. A name
is never cut and no text is smaller than 7 pt.

The summary page names the most severe risks (sections_front.TOP_RISKS); this section lists the
others, each under its severity once, so no risk is printed twice.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor

from ..domain import dependencies
from ..map_look import KIND_NAMES
from . import map_drawing, styles
from .blocks import (
    PackContext,
    bullets,
    fmt_date,
    heading,
    keep_with_next,
    new_section,
    note,
    para,
    plural,
    split_widths,
    table,
)

TITLE = "Dependency map"
OWNERS = "Owners and risks"
RISKS_SHOWN = 12
WAITED_ON_SHOWN = 5
STATUS_WORDS = {"open": "open", "at_risk": "AT RISK", "blocked": "BLOCKED", "done": "done ✓"}
STATUS_TINT = {"at_risk": "yellow", "blocked": "vermillion"}
SEVERITY_WORDS = {"high": "High severity", "medium": "Medium severity", "low": "Low severity"}


def _analysis(ctx: PackContext) -> dict[str, Any]:
    ws = ctx.ws
    return {
        "cycles": dependencies.cycles(ws, limit=dependencies.CYCLE_LIMIT),
        "chain": dependencies.critical_chain(ws),
        "blocking": dependencies.blocking(ws),
    }


def summary_line(ctx: PackContext, found: dict[str, Any]) -> str:
    ws = ctx.ws
    parts = [f"{plural(len(ws.nodes), 'box', 'boxes')}, {plural(len(ws.edges), 'dependency', 'dependencies')}"]
    loops = found["cycles"]
    if loops:
        more = "+" if len(loops) >= dependencies.CYCLE_LIMIT else ""
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
    legend_height = 56.0
    room = (ctx.land_width, ctx.land_height - 80 - legend_height)
    picture = map_drawing.MapPicture(ws, found["cycles"], found["chain"], found["blocking"])
    numbers: dict[str, int] = {}
    if picture.needs_numbers(*room):
        numbers = {n: i for i, n in enumerate(picture.reading_order(), start=1)}
        picture = map_drawing.MapPicture(ws, found["cycles"], found["chain"], found["blocking"], numbers)
        room = (room[0], room[1] - 14)
    out.append(picture.drawing(*room))
    out.append(map_drawing.legend(ctx.land_width, bool(found["cycles"]), bool(found["chain"]),
                                  badges=picture.shows_badges(*room)))
    if numbers:
        out.append(note(f"An overview of {plural(len(numbers), 'box', 'boxes')}: each shows its number in "
                        "“The boxes” below, which gives its whole name and owner."))
    out += _owners(ctx, found, numbers)
    return out


def _boxes(ctx: PackContext, found: dict[str, Any], numbers: dict[str, int]) -> list[Any]:
    """The overview's key: number, whole name, kind, owner, how many wait on it."""
    nodes = {n.id: n for n in ctx.ws.nodes}
    rows = []
    for node_id, number in sorted(numbers.items(), key=lambda kv: kv[1]):
        n = nodes[node_id]
        rows.append([str(number), n.label or n.id, KIND_NAMES.get(n.kind, n.kind), ctx.name(n.owner, "no owner"),
                     str(found["blocking"].get(node_id, 0) or "")])
    return [heading("The boxes", 2),
            table(["No.", "Box", "Kind", "Owner", "Waiting on it"], rows, split_widths(ctx.width, [0.5, 3.4, 1, 2, 1]))]


def in_risk_log(ctx: PackContext) -> bool:
    """Whether the pack has a Risk log section (sections_risks), which lists every risk of the map
    with its mitigation: then this section does not repeat them. Looked up, not imported: the
    pack's sections do not import each other."""
    import importlib.util

    return importlib.util.find_spec(f"{__package__}.sections_risks") is not None


def risk_groups(ctx: PackContext, risks: list[dependencies.Risk]) -> list[tuple[str, list[str]]]:
    """(severity heading, sentences) with the severity said once, in the heading: a sentence
    that starts with its own rating ("High risk: ...") is reworded so it cannot read as a second,
    contradicting severity ("Medium: High risk ...")."""
    groups: dict[str, list[str]] = {}
    for r in risks:
        sentence = r.sentence
        if r.kind == "high_risk" and sentence.startswith("High risk: "):
            sentence = f"The map rates {sentence.removeprefix('High risk: ').rstrip('.')} a high risk."
        groups.setdefault(r.severity, []).append(sentence)
    order = [s for s in dependencies.SEVERITIES if s in groups]
    return [(f"{SEVERITY_WORDS.get(s, s.capitalize())}", groups[s]) for s in order]


def _owners(ctx: PackContext, found: dict[str, Any], numbers: dict[str, int]) -> list[Any]:
    from reportlab.platypus import NextPageTemplate, PageBreak

    from .sections_front import TOP_RISKS

    ws = ctx.ws
    labels = {n.id: n.label or n.id for n in ws.nodes}
    out: list[Any] = [NextPageTemplate("portrait"), PageBreak(), heading(OWNERS, 1)]
    if numbers:
        out += _boxes(ctx, found, numbers)
    risks = ctx.once("risks", lambda: dependencies.risks(ws))
    if risks and in_risk_log(ctx):
        out.append(note(f"The map's {plural(len(risks), 'risk')}, each with its mitigation, owner and date, are in "
                        "the Risk log section; the most severe also on The offsite on one page."))
    elif risks:
        rest = risks[TOP_RISKS:RISKS_SHOWN]
        out.append(heading("What to name out loud", 2))
        shown = min(TOP_RISKS, len(risks))
        out.append(note(f"The {plural(shown, 'most severe risk')} {'is' if shown == 1 else 'are'} on The offsite "
                        "on one page" + ("; the others follow." if rest else ".")))
        for severity, sentences in risk_groups(ctx, rest):
            out.append(keep_with_next(para(severity, "h3")))
            out += bullets(sentences)
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
