"""The OKRs with the checks the room ran on them (each key result's finding noted, or a tick when
none is left), and the coaching check-in guide."""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.colors import HexColor

from ..domain import okrs
from ..domain.model import KeyResult
from . import styles
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
    rich,
    split_widths,
    table,
)

TITLE = "OKRs"
CHECKIN = "Check-in guide"

FINDING_LABEL = {
    "activity_not_outcome": "An activity, not an outcome",
    "missing_baseline": "No baseline",
    "missing_target": "No target",
    "no_owner": "No owner",
    "no_key_results": "No key results",
    "too_many_key_results": "Too many key results",
    "too_many_objectives": "Too many objectives",
}
GROW_STEPS = ("Goal", "Reality", "Options", "Will")


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return "?"
    if not unit:
        return f"{value:g}"
    return f"{value:g}{unit}" if unit in ("%", "pp", "‰") else f"{value:g} {unit}"


def from_to(kr: KeyResult) -> str:
    """"74 days → 30 days", "12% → 60%"; "?" for a missing end."""
    return f"{_amount(kr.baseline, kr.unit)} → {_amount(kr.target, kr.unit)}"


def measure(kr: KeyResult) -> str:
    """"median days to first shipment: 74 days → 30 days"."""
    return f"{kr.metric}: {from_to(kr)}" if kr.metric else from_to(kr)


def section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.objectives:
        return []
    found = okrs.findings(ws)
    out = new_section(TITLE, "Fewer, harder OKRs: each objective comes from a chosen priority, and each key "
                             "result measures an outcome from a baseline to a target.")
    open_count = len(found)
    out.append(para(f"{plural(len(ws.objectives), 'objective')}, {plural(len(ws.key_results), 'key result')}. "
                    + (f"{plural(open_count, 'finding')} still noted against them: the owners resolve them "
                       "before the first check-in." if open_count else "No open findings.")))
    for f in found:
        if f["okr"] is None:
            out.append(para(f"⚠ {okrs.FINDING_TEXT[f['finding']]}"))
    for o in ws.objectives:
        out += _objective(ctx, o, [f for f in found if f["okr"] == o.id])
    return out


def _objective(ctx: PackContext, o: Any, found: list[dict[str, Any]]) -> list[Any]:
    ws = ctx.ws
    out: list[Any] = [heading(o.objective, 1)]
    facts = []
    if o.priority:
        facts.append(f"From the priority: {ws.priority_title(o.priority)}")
    facts.append(f"Owner: {ctx.name(o.owner, 'nobody yet')}")
    out.append(keep_with_next(para(" · ".join(facts), "muted")))
    for f in found:
        if f["key_result"] is None:
            out.append(para(f"⚠ {okrs.FINDING_TEXT[f['finding']]}", "small"))
    krs = ws.key_results_of(o.id)
    if not krs:
        return out
    rows, extra, noted = [], [], []
    for i, kr in enumerate(krs, start=1):
        codes = [f["finding"] for f in found if f["key_result"] == kr.id]
        if codes:
            check = "⚠ " + "; ".join(FINDING_LABEL[c] for c in codes)
            extra.append(("BACKGROUND", (4, i), (4, i), HexColor(styles.TINTS["yellow"])))
            noted.append((kr, codes))
        else:
            check = "✓ outcome, baseline, target, owner"
        rows.append([kr.title, measure(kr), ctx.name(kr.owner, "nobody"), fmt_date(kr.due), check])
    out.append(table(["Key result", "Measure: baseline → target", "Owner", "Due", "Check"], rows,
                     split_widths(ctx.width, [3, 2.7, 1.4, 1.1, 1.8]), extra=extra))
    for kr, codes in noted:
        why = " ".join(okrs.FINDING_TEXT[c] for c in codes)
        hint = ""
        if "activity_not_outcome" in codes:  # its standard question and example once, its own words always
            hint = " " + " ".join(ctx.unsaid(sentences(okrs.restatement_hint(kr.title))))
        out.append(rich(("b", f"“{kr.title}”: "), f"{why}{hint}", style="muted"))
    return out  # the heading keeps its facts and the table's first rows with it; a long table splits


def sentences(text: str) -> list[str]:
    """``text`` cut after each sentence's full stop or question mark (and a closing quote)."""
    return [part for part in re.split(r"(?<=[.?!])\s+|(?<=[.?!]”)\s+", text.strip()) if part]


def checkin_section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.objectives:
        return []
    out = new_section(CHECKIN, "Check-ins are coaching conversations, not inspections. Keep OKRs apart from "
                               "individual appraisal, or people will aim low.")
    out.append(heading("The GROW conversation", 1))
    rows = []
    for step, question in zip(GROW_STEPS, okrs.CHECKIN_QUESTIONS, strict=False):
        text = question.split(":", 1)[1].strip() if ":" in question else question
        rows.append([step, text[:1].upper() + text[1:]])
    out.append(table(["Step", "Ask"], rows, split_widths(ctx.width, [1, 6])))
    out.append(heading("Questions for each objective", 1))
    if any(not o.checkin for o in ws.objectives):
        out.append(note("Where the room chose no questions of its own, the GROW steps above are asked about the "
                        "objective's own key results."))
    for o in ws.objectives:
        out.append(keep_with_next(para(o.objective, "h3")))
        if o.checkin:
            out += bullets(o.checkin)
        else:
            out += bullets(default_checkin(ctx, o))
    out.append(heading("Before every check-in", 1))
    out += bullets([
        "Bring the number: where each key result stands against its baseline and target.",
        "Name what is blocked, who owns the blocker and which decision is needed.",
        "Say what you will stop to make room, not only what you will add.",
    ])
    return out


def default_checkin(ctx: PackContext, o: Any) -> list[str]:
    """GROW questions for an objective the room chose none for, asked about its own key results,
    so that every objective goes into its first check-in with questions. Each names what it asks
    about: the same generic words under four objectives would read as filler."""
    krs = ctx.ws.key_results_of(o.id)
    who = ctx.name(o.owner, "") if o.owner else "the owner"
    if not krs:
        return [f"Goal: which outcome would show that “{o.objective}” is working, and from what baseline?",
                f"Will: what will {who} bring to the next check-in as this objective's first key result?"]
    first, last = krs[0], krs[-1]
    out = [f"Goal: beyond “{measure(first)}”, what would success look like for customers?",
           f"Reality: where does “{first.title}” stand today, and which assumption needs re-checking?"]
    if last is not first:
        out.append(f"Options: what stands between “{last.title}” and its target, and what could we do about it?")
    out.append(f"Will: what will {who} have moved on “{first.title}” by the next check-in?")
    return out
