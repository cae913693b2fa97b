"""The votes and what came of them: each vote's result with a chart, how the critical few were
chosen, the not-now list, the trade-offs and the mid-cycle intake log.

Privacy, by construction: the tally never reads who cast a ballot (``voting.tally``). A secret
vote shows counts only, in both copies; the participants' copy never names a voter; only the
facilitator's copy lists who voted what, and only for open votes.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepTogether

from ..domain import critical_few, not_now, voting
from ..domain import vote_chart as words  # the chart words the Vote screen uses
from ..domain.model import Vote
from . import charts, styles
from .blocks import (
    PackContext,
    bullets,
    fmt_date,
    heading,
    new_section,
    note,
    para,
    plural,
    rich,
    split_widths,
    table,
)

TITLE = "Vote results"
CRITICAL_FEW = "How the critical few were chosen"
NOT_NOW = "Not now and trade-offs"

CHART_ROWS = 25  # more bars than this would not read; the table lists every item
UNDECIDED_SHOWN = 20
METHOD_WORDS = {"dots": "Dot vote", "points": "100-point split", "rank": "Full ranking", "scale": "Rating 1–5"}
DECISION_WORDS = {"stop": "Stop", "defer": "Defer", "bau": "Business as usual"}
INTAKE_WORDS = {"pending": "pending", "approve": "approved", "defer": "deferred", "reject": "rejected"}


def vote_heading(vote: Vote) -> str:
    return f"Round {vote.round}: {vote.title}"


# ----- votes ----------------------------------------------------------------------------------


def votes_section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.votes:
        return []
    votes = [_vote(ctx, vote) for vote in ws.votes]
    first = votes[0][0]._content if votes and isinstance(votes[0][0], KeepTogether) else []
    out = new_section(TITLE, "What the room voted on, and how the votes fell. Secret ballots are counted, "
                             "never named.", first=first, width=ctx.width)
    for flowables in votes:
        out += flowables
    out += _critical_few(ctx)
    return out


def _describe(vote: Vote) -> str:
    method = METHOD_WORDS.get(vote.method, vote.method)
    if vote.method in ("dots", "points") and vote.effective_budget:
        method += f", {vote.effective_budget} {vote.method} each"
        if vote.cap:
            method += f", at most {vote.cap} on one item"
    kind = "secret ballot" if vote.secret else "open vote"
    return f"{method}; {kind}; {plural(len(vote.ballots), 'ballot')}"


def _vote(ctx: PackContext, vote: Vote) -> list[Any]:
    ws = ctx.ws
    chart = words.chart_for(ws, vote)
    result = chart.result
    top: list[Any] = [heading(vote_heading(vote), 1), para(_describe(vote), "muted")]
    if chart.empty:
        return [*top, note("No ballots were cast in this vote.")]
    selected = {p.id for p in ws.priorities if p.status == "selected"}
    ranks = words.rank_labels(result.ranking)
    decimals = 2 if vote.method == "scale" else 0
    rows = [(chart.titles.get(r["item"], r["item"]), float(r["score"]), ranks[r["item"]], r["item"] in selected)
            for r in result.ranking]
    caption = words.UNIT.get(vote.method, "score")
    if selected & set(vote.items):
        caption += "   ·   ★ blue: now one of the critical few"
    block = [*top, charts.ranking_chart(rows[:CHART_ROWS], caption, ctx.width, decimals)]
    if len(rows) > CHART_ROWS:
        block.append(note(f"The chart shows the top {CHART_ROWS} of {len(rows)} items; the table lists them all."))
    block += bullets(words.findings(chart))  # what to take away, before the detail
    ranking = _ranking_table(ctx, vote, chart, ranks)
    # The heading, the facts, the chart and the findings stay together (a chart cannot split); the
    # table starts below them and splits with its header repeated, so no page is left half blank.
    out: list[Any] = [KeepTogether(block), ranking]
    if ctx.facilitator and not vote.secret:
        out += _open_ballots(ctx, vote, chart.titles)
    return out


def _ranking_table(ctx: PackContext, vote: Vote, chart: words.VoteChart, ranks: dict[str, str]) -> Any:
    result = chart.result
    header = ["Rank", "Priority", "Score"]
    shares = [0.6, 4.2, 0.9]
    if vote.method != "rank":
        header.append("Spread (sd)")
        shares.append(1.0)
    else:
        header.append("Mean place")
        shares.append(1.0)
    if chart.hands:
        header.append("Hands")
        shares.append(0.8)
    if chart.shift is not None:
        header.append(f"Since round {chart.earlier_round}")
        shares.append(1.1)
    rows = []
    for r in result.ranking:
        item = r["item"]
        row = [ranks[item], chart.titles.get(item, item), words.format_score(vote.method, r["score"])]
        row.append(f"{result.stdev[item]:.2f}" if vote.method != "rank" else f"{result.mean[item]:.1f}")
        if chart.hands:
            row.append(str(chart.hands.get(item, 0)))
        if chart.shift is not None:
            row.append(words.shift_label(chart, item)[0])
        rows.append(row)
    return table(header, rows, split_widths(ctx.width, shares))


def _open_ballots(ctx: PackContext, vote: Vote, titles: dict[str, str]) -> list[Any]:
    """Facilitator's copy, open votes only: who voted what."""
    rows = []
    for ballot in vote.ballots:
        if not ballot.participant:
            continue
        if vote.method == "rank":
            order = sorted(ballot.scores.items(), key=lambda kv: kv[1])
            text = "; ".join(f"{int(pos)}. {titles.get(item, item)}" for item, pos in order)
        else:
            given = [(item, v) for item, v in ballot.scores.items() if v]
            text = "; ".join(f"{titles.get(item, item)}: {v:g}" for item, v in given) or "nothing allocated"
        rows.append([ctx.name(ballot.participant), text])
    if not rows:
        return []
    return [heading("Who voted what (facilitator's copy, open vote)", 2),
            table(["Voter", "Ballot"], rows, split_widths(ctx.width, [1.4, 5]))]


def _critical_few(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    selected = [p for p in ws.priorities if p.status == "selected"]
    if not selected:
        return []
    out: list[Any] = [heading(CRITICAL_FEW, 1)]
    rounds = "; ".join(f"round {v.round}, {METHOD_WORDS.get(v.method, v.method).lower()} "
                       f"({plural(len(v.ballots), 'ballot')})" for v in ws.votes)
    out.append(para(f"The room voted in {plural(len(ws.votes), 'round')}: {rounds}. After discussing the "
                    f"results it selected {plural(len(selected), 'priority', 'priorities')} as the critical "
                    "few; everything else was stopped, deferred, kept as business as usual, or is still "
                    "waiting for a decision."))
    tallies = {v.id: voting.tally(v) for v in ws.votes}
    header = ["Critical few"] + [f"Round {v.round}" for v in ws.votes]
    rows = []
    for p in selected:
        row = [p.title]
        for v in ws.votes:
            rank = tallies[v.id].rank_of(p.id)
            if rank is None:
                row.append("not on the ballot")
            elif not v.ballots and not any(v.hands.values()):
                row.append("no ballots")
            else:
                row.append(f"rank {rank} of {len(v.items)}")
        rows.append(row)
    out.append(table(header, rows, split_widths(ctx.width, [3.2] + [1.3] * len(ws.votes))))
    warning = critical_few.too_many(len(selected))
    if warning:
        out.append(para(f"⚠ {warning}"))
    return out


# ----- not now, trade-offs, intake ------------------------------------------------------------


def not_now_has_data(ctx: PackContext) -> bool:
    ws = ctx.ws
    return bool(ws.not_now or ws.tradeoffs or ws.intake or any(p.status != "candidate" for p in ws.priorities))


def not_now_section(ctx: PackContext) -> list[Any]:
    if not not_now_has_data(ctx):
        return []
    ws = ctx.ws
    out = new_section(NOT_NOW, "A team that can say what it is not doing has focus. Each item has a reason, an "
                               "owner and, when deferred, a date or trigger to look at it again.")
    board = not_now.board(ws)
    if board["selected"]:
        out.append(heading("What we do: the critical few", 1))
        out += bullets([c.title for c in board["selected"]])
    rows, extra = [], []
    for column in ("stop", "defer", "bau"):
        for card in board[column]:
            entry = card.entry
            revisit = fmt_date(entry.revisit) if entry and entry.revisit else ""
            if card.flag:
                revisit = "⚠ no revisit date or trigger"
                extra.append(("BACKGROUND", (4, len(rows) + 1), (4, len(rows) + 1), HexColor(styles.TINTS["yellow"])))
            rows.append([DECISION_WORDS[column], card.title, entry.reason if entry else "",
                         ctx.name(entry.owner) if entry and entry.owner else "—", revisit])
    if rows:
        out.append(heading("What we do not do now", 1))
        out.append(table(["Decision", "Item", "Why", "Owner", "Revisit"], rows,
                         split_widths(ctx.width, [1.1, 2.2, 3.6, 1.4, 1.4]), extra=extra))
    undecided = board[not_now.UNDECIDED]
    if undecided:
        names = "; ".join(c.title for c in undecided[:UNDECIDED_SHOWN])
        more = f"; and {len(undecided) - UNDECIDED_SHOWN} more" if len(undecided) > UNDECIDED_SHOWN else ""
        out.append(note(f"Still undecided ({len(undecided)}): {names}{more}."))
    if any(c.flag for c in board["defer"]):
        out.append(note(f"⚠ Deferred {not_now.NO_REVISIT}."))
    focus = not_now.focus(ws)
    if focus.warning:
        out.append(para(f"⚠ {focus.warning}"))
    if ws.tradeoffs:
        out.append(heading("Trade-offs", 1))
        for t in ws.tradeoffs:
            out.append(rich("We choose ", ("b", ws.priority_title(t.choose)), " even at the expense of ",
                            ("b", t.over), "."))
            if t.rationale:
                out.append(para(t.rationale, "small"))
            out.append(note("Confirmed by the room." if t.confirmed else "Not yet confirmed by the room."))
    out += _intake(ctx)
    return out


def _intake(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.intake:
        return []
    forums = {f.id: f.name for f in ws.forums}
    rows = [[fmt_date(i.arrived), i.title, ctx.name(i.requested_by) if i.requested_by else "—",
             INTAKE_WORDS.get(i.decision, i.decision), forums.get(i.forum or "", "—"), fmt_date(i.decided),
             i.note] for i in ws.intake]
    return [heading("Mid-cycle intake log", 1),
            para("New initiatives that arrived after the offsite, and what the forum decided: the proof that the "
                 "priorities were protected."),
            table(["Arrived", "Initiative", "Asked by", "Decision", "Forum", "Decided", "Note"], rows,
                  split_widths(ctx.width, [1.1, 2.2, 1.3, 1, 1.4, 1.1, 2.2]))]
