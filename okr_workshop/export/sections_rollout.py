"""Roll out small (the plan's dated steps and what it still lacks) and the actions, by owner and
due date."""

from __future__ import annotations

from typing import Any

from ..domain import rollout
from ..domain.date_words import parse_when
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
    # rollout.steps ends with the pilots, the coach and the expansion criteria, undated: they are
    # printed once, below, each under its own heading, not also as "to be dated" steps.
    undated = len(plan.pilots) + bool(plan.coach) + bool(plan.expansion)
    steps = rollout.steps(ws)
    steps = steps[:len(steps) - undated]
    rows = [[fmt_date(s.when, weekday=True) if s.when else "to be dated", s.what] for s in steps]
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
    out = new_section(ACTIONS, "Every action has one owner and a date. Earliest due first; no date yet last.")
    sources = any(a.source for a in ws.actions)
    rows = []
    for a in sorted_actions(ctx):
        row = [fmt_date(a.due, empty="no date"), a.title, ctx.name(a.owner) if a.owner else "No owner yet",
               STATUS_WORDS.get(a.status, a.status)]
        rows.append([*row, a.source] if sources else row)
    header = ["Due", "Action", "Owner", "Status"]
    shares = [1.1, 3.6, 1.5, 0.8]
    if sources:
        header.append("From")
        shares.append(2)
    out.append(table(header, rows, split_widths(ctx.width, shares)))
    return out


def sorted_actions(ctx: PackContext) -> list[Any]:
    """By due date (no date last: it is the one to chase), then owner's name (no owner last), then title."""
    def key(a: Any) -> tuple:
        when = parse_when(a.due)
        day = when.isoformat() if when is not None else (a.due or "")
        owner = ctx.name(a.owner).casefold() if a.owner else ""
        return (a.due is None or not a.due, day, not a.owner, owner, a.title.casefold())

    return sorted(ctx.ws.actions, key=key)
