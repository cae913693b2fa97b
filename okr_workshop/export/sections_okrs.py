"""The OKRs with the checks the room ran on them (each key result's finding noted, or a tick when
none is left), and the coaching check-in guide."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepTogether

from ..domain import okrs
from ..domain.model import KeyResult
from . import styles
from .blocks import PackContext, bullets, fmt_date, heading, new_section, para, plural, rich, split_widths, table

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


def measure(kr: KeyResult) -> str:
    """"median days to first shipment: 74 days → 30 days"."""
    span = f"{_amount(kr.baseline, kr.unit)} → {_amount(kr.target, kr.unit)}"
    return f"{kr.metric}: {span}" if kr.metric else span


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
    out.append(para(" · ".join(facts), "muted"))
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
        hint = f" {okrs.restatement_hint(kr.title)}" if "activity_not_outcome" in codes else ""
        out.append(rich(("b", f"“{kr.title}”: "), f"{why}{hint}", style="muted"))
    return [KeepTogether(out)]  # an objective and its key results on one page when they fit


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
    own = [o for o in ws.objectives if o.checkin]
    if own:
        out.append(heading("Questions the room chose for each objective", 1))
        for o in own:
            out.append(para(o.objective, "h3"))
            out += bullets(o.checkin)
    out.append(heading("Before every check-in", 1))
    out += bullets([
        "Bring the number: where each key result stands against its baseline and target.",
        "Name what is blocked, who owns the blocker and which decision is needed.",
        "Say what you will stop to make room, not only what you will add.",
    ])
    return out
