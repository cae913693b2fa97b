"""The front of the pack: the cover, the contents, and the offsite on one page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepInFrame, NextPageTemplate, PageBreak, Table, TableStyle

from ..domain import critical_few, decided, dependencies, not_now, rollout
from ..domain.date_words import parse_when
from ..domain.model import NOBODY
from . import fonts, sections_decided, styles
from .blocks import PackContext, bullets, fmt_date, fmt_span, heading, note, para, plural, spacer
from .page import contents_table

CONTENTS = "Contents"
SUMMARY = "The offsite on one page"
TOP_RISKS = 3
NEXT_DATES = 3
LEADING = 3  # with no critical few chosen yet, the summary names the top of the latest vote
DECISIONS = 5  # the summary's latest decisions; the Decision log section has them all


def copy_label(facilitator: bool) -> str:
    return "Facilitator's copy: do not distribute" if facilitator else "Participants' copy"


def cover(ctx: PackContext) -> list[Any]:
    info = ctx.ws.info
    out: list[Any] = [spacer(40), para("Rollout pack", "muted")]
    out.append(para(info.organisation or "Leadership offsite", "cover_org"))
    out.append(para(info.title, "cover_title"))
    facts = []
    when = fmt_span(info.starts, info.ends)
    if when:
        facts.append(("When", when))
    if info.location:
        facts.append(("Where", info.location))
    if info.facilitator:
        person = next((p for p in ctx.ws.participants if p.id == info.facilitator), None)
        who = ctx.name(info.facilitator)
        facts.append(("Facilitator", f"{who}, {person.function}" if person and person.function else who))
    if info.cycle:
        facts.append(("Cycle", info.cycle))
    if facts:
        rows = [[para(k, "muted"), para(v, "cover_fact")] for k, v in facts]
        out.append(Table(rows, colWidths=[70, ctx.width - 70], hAlign="LEFT", style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])))
    out.append(spacer(18))
    out.append(para(sections_decided.stamp_words(ctx), "cell_bold"))
    out.append(para(copy_label(ctx.facilitator), "h3"))
    if ctx.facilitator:
        out.append(note("This copy adds, for open votes only, who voted what. Secret ballots appear in no copy "
                        "with a name, and nobody's private alignment answers are shown."))
    else:
        out.append(note("This copy shows results, never who voted what or who answered what in the private "
                        "alignment check."))
    people = [p for p in ctx.ws.participants if p.role != "facilitator"]
    if people:
        out.append(spacer(18))
        out.append(para("Who was there", "h3"))
        listing = " · ".join(f"{p.name} ({p.function})" if p.function else p.name for p in people)
        out.append(KeepInFrame(ctx.width, ctx.height * 0.32, [para(listing, "small")], mode="shrink"))
    out.append(spacer(12))
    out.append(note("Confidential: the strategy of the organisation, for the people who were there and the "
                    "managers who roll it out."))
    return [KeepInFrame(ctx.width, ctx.height, out, mode="shrink")]


def contents(ctx: PackContext) -> list[Any]:
    return [NextPageTemplate("portrait"), PageBreak(), heading(CONTENTS, outline_only=True), contents_table()]


def next_dates(ctx: PackContext) -> list[tuple[str, str]]:
    """The next dated steps of the rollout and the rhythm after the offsite: (when, what)."""
    after = parse_when(ctx.ws.info.ends or ctx.ws.info.starts)
    after_day = after.date() if isinstance(after, datetime) else after
    dated = []
    for step in rollout.steps(ctx.ws):
        when = parse_when(step.when)
        if when is None:
            continue
        day = when.date() if isinstance(when, datetime) else when
        if after_day is None or day >= after_day:
            key = when if isinstance(when, datetime) else datetime.combine(day, datetime.min.time())
            dated.append((key, step.when or "", step.what))
    dated.sort(key=lambda t: t[0])
    return [(fmt_date(w, weekday=True), what) for _, w, what in dated[:NEXT_DATES]]


def _leading(ctx: PackContext) -> str:
    """Before the room chooses: what leads the latest vote with ballots, in words."""
    voted = [v for v in ctx.ws.votes if v.ballots or any(v.hands.values())]
    if not voted:
        return ""
    latest = max(voted, key=lambda v: v.round)
    top = critical_few.top_items(latest, LEADING)
    titles = "; ".join(ctx.ws.priority_title(i) for i in top)
    return f"Leading in round {latest.round} (“{latest.title}”): {titles}."


def summary(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    body: list[Any] = []
    selected = [p for p in ws.priorities if p.status == "selected"]
    body.append(heading("The critical few", 2))
    if selected or ws.objectives:
        # Named with owners, forums and risks on "Decided and owned": not repeated here.
        named = "; ".join(p.title for p in selected) if selected else "none selected yet"
        body.append(para(f"{named} (owners, forums and risks: see Decided and owned).", "small"))
    else:
        body.append(note("No priority has been selected yet."))
        leading = _leading(ctx)
        if leading:
            body.append(para(leading, "small"))
    focus = not_now.focus(ws)
    board = not_now.board(ws)
    stopped, deferred, bau = (len(board[c]) for c in ("stop", "defer", "bau"))
    if stopped or deferred or bau:
        body.append(para(f"Deliberately not doing: {stopped} stopped, {deferred} deferred, {bau} kept as business "
                         "as usual (see Not now and trade-offs).", "small"))
    if focus.warning:
        body.append(para(f"⚠ {focus.warning}", "small"))
    if ws.diagnosis.statements:
        body.append(heading("What we said out loud", 2))
        body.extend(para(f"“{s}”", "quote") for s in ws.diagnosis.statements)
    risks = ctx.once("risks", lambda: dependencies.risks(ws))
    shown = {d.risk for d in ctx.once("decided", lambda: decided.critical_few(ws))}
    fresh = [r for r in risks if r.sentence not in shown]  # those on "Decided and owned" are not repeated
    if fresh:
        body.append(heading("Top risks", 2))
        body.extend(bullets([r.sentence for r in fresh[:TOP_RISKS]]))
        if len(risks) > TOP_RISKS:
            body.append(note(f"{plural(len(risks), 'risk')} in all, each with its mitigation, in the Risk log."))
    nobody = [i for i, owner in ws.diagnosis.accountability.items() if owner == NOBODY]
    if nobody:
        body.append(para(f"{plural(len(nobody), 'accountability question')} with no owner named: see the "
                         "Diagnosis.", "small"))
    dates = next_dates(ctx)
    if dates:
        body.append(heading("The next dates", 2))
        rows = [[para(when, "cell_bold"), para(what, "cell")] for when, what in dates]
        body.append(Table(rows, colWidths=[150, ctx.width - 150], hAlign="LEFT", style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, HexColor(styles.RULE)),
            ("LEFTPADDING", (0, 0), (-1, -1), 0)])))
    if ws.decision_log:
        body.append(heading("Decisions taken", 2))
        latest = ws.decision_log[-DECISIONS:]
        body.extend(bullets([f"{fmt_date(e.at)}: {e.text}" for e in latest]))
        if len(ws.decision_log) > DECISIONS:
            body.append(note(f"{plural(len(ws.decision_log) - DECISIONS, 'earlier decision')} in the Decision log "
                             "section."))
    parked = sum(1 for p in ws.parking_lot if p.resolution == "open")
    if parked:
        body.append(para(f"{plural(parked, 'item')} still in the parking lot (see Decision log).", "small"))
    open_actions = [a for a in ws.actions if a.status == "open"]
    if open_actions:
        first = min((a.due for a in open_actions if a.due), default=None)
        due = f"; the first is due {fmt_date(first)}" if first else ""
        body.append(para(f"{plural(len(open_actions), 'open action')}{due} (see Actions).", "small"))
    if len(body) == 2 and not selected:
        body.append(note("The workshop has little content yet: the sections below appear as the room fills them."))
    top = [NextPageTemplate("portrait"), PageBreak(), heading(SUMMARY)]
    return top + [KeepInFrame(ctx.width, ctx.height - 40, body, mode="shrink")]
