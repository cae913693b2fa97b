"""Decision rights (the matrix as a coloured table, its legend, the escalation paths) and the
operating rhythm (the quarter's calendar and the forums)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor

from ..domain import decision_rights as dr
from ..domain import rhythm
from . import styles
from .blocks import PackContext, bullets, fmt_date, fmt_day_month, heading, new_section, note, para, split_widths, table

DECISIONS = "Decision rights"
RHYTHM = "Operating rhythm"

SITUATION_PT = 140.0
CHECK_PT = 88.0
ROLE_MIN_PT = 60.0  # a role's column: room for a role and a name without breaking words
LETTER_TINTS = ("sky", "green", "orange", "purple", "yellow")  # the other letters, in framework order
CADENCE_TINT = {"weekly": "blue", "monthly": "orange", "quarterly": "green"}
CADENCE_WORDS = {"weekly": "Weekly", "monthly": "Monthly", "quarterly": "Quarterly"}


def letter_tints(framework: str) -> dict[str, str]:
    """Letter -> tint: the final decider blue, the others one Okabe-Ito tint each."""
    decider = dr.DECIDER[framework]
    others = [x for x in dr.LETTERS[framework] if x != decider]
    out = {decider: styles.TINTS["blue"]}
    out.update({x: styles.TINTS[t] for x, t in zip(others, LETTER_TINTS, strict=False)})
    return out


def decisions_section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.decisions:
        return []
    roles = ws.roles
    fits_portrait = SITUATION_PT + CHECK_PT + ROLE_MIN_PT * len(roles) <= ctx.width
    wide = not fits_portrait
    width = ctx.land_width if wide else ctx.width
    decider = dr.DECIDER.get(ws.framework, "D")
    out = new_section(DECISIONS, f"Decided before the pressure hits: each situation has exactly one final decider "
                                 f"(“{decider}” in {ws.framework}), a forum where it is taken and a path when it "
                                 "stalls.", landscape=wide)
    out.append(heading("The matrix", 1))
    fits = max(1, int((width - SITUATION_PT - CHECK_PT) // ROLE_MIN_PT))
    tables = -(-len(roles) // fits) if roles else 1
    per_table = -(-len(roles) // tables) if roles else 1  # even tables: 8 roles in 4 + 4, not 7 + 1
    chunks = [roles[i:i + per_table] for i in range(0, len(roles), per_table)] or [[]]
    checked = dr.check(ws)
    for n, chunk in enumerate(chunks, start=1):
        if len(chunks) > 1:
            out.append(note(f"Roles {(n - 1) * per_table + 1}–{(n - 1) * per_table + len(chunk)} of {len(roles)}"))
        out.append(_matrix(ctx, chunk, checked, width))
    out.append(heading("What the letters mean", 2))
    tints = letter_tints(ws.framework)
    rows, extra = [], []
    for i, (letter, (name, meaning)) in enumerate(dr.LETTER_MEANINGS.get(ws.framework, {}).items(), start=1):
        rows.append([letter, name + (" (the final decider)" if letter == decider else ""), meaning])
        extra.append(("BACKGROUND", (0, i), (0, i), HexColor(tints.get(letter, "#FFFFFF"))))
    out.append(table(["Letter", "Role", "What it means"], rows, split_widths(width, [0.7, 2, 5]), extra=extra,
                     zebra=False))
    if checked.findings:
        out.append(heading("To fix", 2))
        out += bullets([f.text for f in checked.findings])
    out += _escalations(ctx, width)  # on the matrix's page when it has room: no half-empty landscape page
    return out


def _matrix(ctx: PackContext, roles: list[Any], checked: dr.MatrixCheck, width: float) -> Any:
    ws = ctx.ws
    tints = letter_tints(ws.framework)
    decider = dr.DECIDER.get(ws.framework, "D")
    role_pt = (width - SITUATION_PT - CHECK_PT) / max(1, len(roles))
    role_pt = min(role_pt, 90.0)
    header: list[Any] = ["Situation"]
    for r in roles:
        who = ctx.name(r.participant, "") if r.participant else ""
        header.append([para(r.label, "cell_head"), para(who, "cell_tiny")] if who else r.label)
    header.append("Check")
    rows, extra = [], []
    for i, d in enumerate(ws.decisions, start=1):
        row: list[Any] = [d.situation]
        for j, r in enumerate(roles, start=1):
            letter = d.assignments.get(r.id, "")
            row.append(para(f"<b>{letter}</b>" if letter == decider else letter, "cell_center", raw=True))
            if letter:
                extra.append(("BACKGROUND", (j, i), (j, i), HexColor(tints.get(letter, "#FFFFFF"))))
        codes = checked.by_decision.get(d.id, ())
        if codes:
            row.append("⚠ " + "; ".join(dr.CHECK_LABEL[c] for c in codes))
            severe = any(dr.SEVERITY[c] == "problem" for c in codes)
            extra.append(("BACKGROUND", (len(roles) + 1, i), (len(roles) + 1, i),
                          HexColor(styles.TINTS["vermillion" if severe else "yellow"])))
        else:
            row.append("✓ one decider")
        rows.append(row)
    widths = [SITUATION_PT] + [role_pt] * len(roles) + [CHECK_PT]
    grid = [("GRID", (1, 0), (len(roles), -1), 0.25, HexColor(styles.RULE)), ("VALIGN", (1, 1), (-1, -1), "MIDDLE")]
    return table(header, rows, widths, extra=grid + extra, zebra=False)


def decider_words(ctx: PackContext, decision: Any) -> str:
    """Who takes the decision: the final decider's role and the person in it, "Chief Revenue
    Officer (Jana Dvořák)"; a row with no decider or several says so, as the matrix flags it."""
    roles = {r.id: r for r in ctx.ws.roles}
    found = dr.deciders(ctx.ws.framework, decision.assignments)
    if not found:
        return "no decider yet"
    named = []
    for role_id in found:
        role = roles.get(role_id)
        label = role.label if role else role_id
        person = ctx.name(role.participant, "") if role and role.participant else ""
        named.append(f"{label} ({person})" if person else label)
    return " and ".join(named) + (": more than one decider" if len(found) > 1 else "")


def _escalations(ctx: PackContext, width: float) -> list[Any]:
    ws = ctx.ws
    forums = {f.id: f.name for f in ws.forums}
    rows = [[d.situation, decider_words(ctx, d), forums.get(d.forum or "", "no forum"), d.response,
             d.escalation or "not agreed yet"] for d in ws.decisions]
    return [heading("Escalation paths", 1),
            table(["Situation", "Who decides", "Decided in", "Response", "When it stalls"], rows,
                  split_widths(width, [2.0, 1.6, 1.3, 2.4, 2.9]))]


# ----- rhythm ---------------------------------------------------------------------------------


def rhythm_section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.forums:
        return []
    out = new_section(RHYTHM, "Distinct forums, each with a purpose, a fixed owner and the right to decide. "
                              "About 80 % of execution is follow-up and cadence, not planning.")
    cal = rhythm.quarter_calendar(ws)
    out.append(heading("The quarter at a glance", 1))
    out.append(_calendar(ctx, cal))
    out.append(note("Each block gives the weekday and the start time; the colour repeats the cadence. The last row "
                    "is the forum time of the busiest person that week."))
    out.append(heading("The forums", 1))
    rows = []
    for f in ws.forums:
        first = rhythm.effective_first(ws, f)
        rows.append([f.name, f"{CADENCE_WORDS.get(f.cadence, f.cadence)}, {f.duration_minutes} min",
                     ctx.name(f.owner, "no owner"), f.purpose, f.decision_rights or "nothing yet",
                     fmt_date(first.isoformat(timespec="minutes"), weekday=True)])
    out.append(table(["Forum", "Cadence", "Owner", "Purpose", "May decide", "First meeting"], rows,
                     split_widths(ctx.width, [1.5, 1.1, 1.45, 2.25, 2.5, 1.3])))
    asked = [f for f in ws.forums if f.questions]
    if asked:
        out.append(heading("What each forum asks, every time", 2))
        for f in asked:
            out.append(para(f.name, "h3"))
            out += bullets(f.questions)
    warnings = rhythm.warnings(ws)
    if warnings:
        out.append(heading("Watch for", 2))
        out += bullets([w.text for w in warnings])
    out.append(note("Failure modes to name early: calendar theatre (meetings nobody owns or that decide nothing), "
                    "status-deck addiction, and escalation avoidance."))
    return out


def _calendar(ctx: PackContext, cal: rhythm.QuarterCalendar) -> Any:
    name_pt = ctx.width * 0.2
    week_pt = (ctx.width - name_pt) / len(cal.weeks)
    header: list[Any] = ["Forum"] + [[para(f"W{i}", "cell_head"), para(fmt_day_month(d), "cell_tiny")]
                                     for i, d in enumerate(cal.weeks, 1)]
    rows, extra = [], []
    for r, row in enumerate(cal.rows, start=1):
        cells: list[Any] = [row.name]
        for c, meetings in enumerate(row.weeks, start=1):
            text = "\n".join(f"{m.strftime('%a')}\n{m.strftime('%H:%M')}" for m in meetings)
            cells.append(para(text.replace("\n", "<br/>"), "cell_center", raw=True) if meetings else "")
            if meetings:
                extra.append(("BACKGROUND", (c, r), (c, r), HexColor(styles.TINTS[CADENCE_TINT.get(row.cadence,
                                                                                                    "blue")])))
        rows.append(cells)
    rows.append(["Busiest person, hours"] + [f"{h:g}" if h else "" for h in cal.peak_hours])
    extra += [("GRID", (1, 0), (-1, -1), 0.25, HexColor(styles.RULE)),
              ("LINEABOVE", (0, -1), (-1, -1), 0.8, HexColor(styles.INK)),
              ("LEFTPADDING", (1, 0), (-1, -1), 1), ("RIGHTPADDING", (1, 0), (-1, -1), 1)]
    return table(header, rows, [name_pt] + [week_pt] * len(cal.weeks), extra=extra, zebra=False)
