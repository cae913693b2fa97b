"""Roll out small (the plan's dated steps and what it still lacks) and the actions, by owner and
due date."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor

from ..domain import rollout
from . import styles
from .blocks import PackContext, bullets, fmt_date, heading, new_section, para, split_widths, table

ROLLOUT = "Rollout plan"
ACTIONS = "Actions"
STATUS_WORDS = {"open": "open", "done": "done ✓", "dropped": "dropped"}


def rollout_has_data(ctx: PackContext) -> bool:
    plan = ctx.ws.rollout
    return bool(plan.senior_team_start or plan.pilots or plan.coach or plan.expansion.strip()
                or any(f.first for f in ctx.ws.forums))


def rollout_section(ctx: PackContext) -> list[Any]:
    if not rollout_has_data(ctx):
        return []
    ws = ctx.ws
    plan = ws.rollout
    out = new_section(ROLLOUT, "Start with the senior team, pilot where the pain is visible, expand once the "
                               "behaviour holds. Reduce competing priorities before asking for sharper execution.")
    steps = rollout.steps(ws)
    rows = [[fmt_date(s.when, weekday=True, empty="to be dated") if s.when else "to be dated", s.what] for s in steps]
    out.append(heading("The steps", 1))
    out.append(table(["When", "Step"], rows, split_widths(ctx.width, [1.6, 5])))
    if plan.pilots:
        out.append(heading("Pilot units", 2))
        out += bullets([f"{p.get('unit', '')}: {p['why']}" if p.get("why") else p.get("unit", "")
                        for p in plan.pilots])
    if plan.coach:
        out.append(para(f"Internal OKR coach: {ctx.name(plan.coach)}"))
    if plan.expansion.strip():
        out.append(para(f"We expand when: {plan.expansion}"))
    gaps = rollout.gaps(ws)
    if gaps:
        out.append(heading("Still to settle", 2))
        out += bullets(gaps)
    return out


def actions_section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.actions:
        return []
    out = new_section(ACTIONS, "Every action has one owner and a date. Grouped by owner, earliest first.")
    by_owner: dict[str, list[Any]] = {}
    for a in ws.actions:
        by_owner.setdefault(a.owner or "", []).append(a)
    position = {p.id: i for i, p in enumerate(ws.participants)}  # the facilitator's order of people
    order = sorted(by_owner, key=lambda pid: (pid == "", position.get(pid, len(position)), pid))
    sources = any(a.source for a in ws.actions)
    rows, owner_rows = [], []
    for pid in order:
        items = sorted(by_owner[pid], key=lambda a: (a.due is None, a.due or "", a.title))
        owner_rows.append(len(rows) + 1)
        for i, a in enumerate(items):
            who = (ctx.name(pid) if pid else "No owner yet") if i == 0 else ""
            row = [who, fmt_date(a.due, empty="no date"), a.title, STATUS_WORDS.get(a.status, a.status)]
            rows.append([*row, a.source] if sources else row)
    extra = [("LINEABOVE", (0, r), (-1, r), 0.8, HexColor(styles.MUTED)) for r in owner_rows[1:]]
    header = ["Owner", "Due", "Action", "Status"]
    shares = [1.5, 1.1, 3.6, 0.8]
    if sources:
        header.append("From")
        shares.append(2)
    out.append(table(header, rows, split_widths(ctx.width, shares), extra=extra, zebra=False))
    return out
