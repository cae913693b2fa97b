"""What the vote results chart shows, and the words it uses: no drawing here.

``chart_for`` gathers the inputs from the domain, the same tally ``okr-workshop report``
prints, so the projector and the report can never disagree. Pure Python: the Vote screen's
results table, the chart (``ui.charts.vote_results``) and the PDF pack all read from here.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

from . import model as m
from .voting import VoteResult, round_shift, tally

DISPUTED_SHOWN = 3  # how many "most split" items to name; ties at the cut come in too
LABEL_WIDTH = 26  # characters per line of a priority title on the axis
UNIT = {"dots": "dots in total", "points": "points in total", "rank": "Borda points", "scale": "mean rating (1–5)"}
SPREAD_METHODS = ("dots", "points", "scale")  # a rank's spread is in the pairwise table, not a bar


@dataclass(frozen=True)
class VoteChart:
    """Everything the chart shows for one vote."""

    heading: str
    result: VoteResult
    titles: dict[str, str]
    budget: int | None = None
    hands: dict[str, int] = field(default_factory=dict)
    shift: dict[str, int] | None = None  # None: not a later round, or the earlier one has no ballots
    earlier_round: int | None = None

    @property
    def empty(self) -> bool:
        return self.result.turnout == 0 and not any(self.hands.values())


def chart_for(ws: m.Workshop, vote: m.Vote) -> VoteChart:
    """The chart inputs for ``vote``: its tally, the priority titles, and the shift since the
    round it follows."""
    earlier = next((v for v in ws.votes if v.id == vote.follows), None) if vote.follows else None
    shift = round_shift(earlier, vote) if earlier is not None and earlier.ballots else None
    titles = {item: ws.priority_title(item) for item in vote.items}
    return VoteChart(vote.title, tally(vote), titles, vote.effective_budget, dict(vote.hands), shift,
                     earlier.round if earlier is not None else None)


def rank_labels(ranking: list[dict[str, Any]]) -> dict[str, str]:
    """"1", "=2", "=2", "4": a rank shared by several items is shown as a tie."""
    counts: dict[int, int] = {}
    for row in ranking:
        counts[row["rank"]] = counts.get(row["rank"], 0) + 1
    return {row["item"]: ("=" if counts[row["rank"]] > 1 else "") + str(row["rank"]) for row in ranking}


def disputed(result: VoteResult, shown: int = DISPUTED_SHOWN) -> list[str]:
    """The items the voters disagree on most: the top few by spread (up to ``shown``, about a
    third of the items), ties at the cut included unless that would name half of them or more.
    Nothing with one ballot or no spread: there is no disagreement to talk about. A highlight
    on most of the items would point at none of them."""
    if result.turnout < 2 or result.method == "rank":
        return []
    spread = [(item, result.stdev[item]) for item in result.most_disputed if result.stdev[item] > 0]
    if not spread:
        return []
    items = len(result.ranking)
    limit = min(shown, max(1, items // 3))
    cut = spread[min(limit, len(spread)) - 1][1]
    chosen = [item for item, sd in spread if sd >= cut]
    if len(chosen) > max(limit, items // 2):
        chosen = [item for item, sd in spread if sd > cut]
    return chosen


def agreement_words(w: float | None) -> str:
    """Kendall's W in the words the room uses."""
    if w is None:
        return "Agreement: needs at least 2 ballots"
    level = "strong" if w >= 0.7 else "moderate" if w >= 0.4 else "weak"
    return f"Agreement in the room (Kendall's W) {w:.2f}: {level}"


def shift_label(chart: VoteChart, item: str) -> tuple[str, str]:
    """(text, colour key) for how far ``item`` moved since the earlier round."""
    if chart.shift is None:
        return "", ""
    if item not in chart.shift:
        return "new", "muted"
    moved = chart.shift[item]
    if moved > 0:
        return f"▲{moved}", "good"
    if moved < 0:
        return f"▼{-moved}", "warn"
    return "=", "muted"


def format_score(method: str, score: float) -> str:
    return f"{score:.2f}" if method == "scale" else f"{score:g}"


def short_title(title: str, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """A title wrapped for the axis; what does not fit in ``lines`` lines ends in an ellipsis."""
    wrapped = textwrap.wrap(title, width, break_on_hyphens=False) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def subtitle(chart: VoteChart) -> str:
    """The facts under the question: turnout, budget, hands, and what the arrows compare."""
    r = chart.result
    parts = [f"{r.turnout} ballot{'s' if r.turnout != 1 else ''}"]
    if r.abstentions:
        parts.append(f"{r.abstentions} abstain{'s' if r.abstentions == 1 else ''}")
    if r.weighted:
        parts.append(f"weighted (total weight {format_score('points', r.weight)})")
    if r.method in ("dots", "points") and chart.budget:
        parts.append(f"{chart.budget} {r.method} each")
    hands = sum(chart.hands.values())
    if hands:
        parts.append(f"{hands} by show of hands")
    if r.method == "rank":
        parts.append("1st place earns the most Borda points")
    if chart.earlier_round is not None:
        parts.append(f"change since round {chart.earlier_round}" if chart.shift is not None
                     else f"round {chart.earlier_round} has no ballots to compare")
    return "   ·   ".join(parts)


def findings(chart: VoteChart) -> list[str]:
    """What the room should talk about, in sentences: the winner, the agreement, the splits."""
    r = chart.result
    split = disputed(r)
    lines = []
    if r.method == "rank" and r.turnout:
        winner = r.condorcet_winner
        lines.append(f"Condorcet winner: {chart.titles.get(winner, winner)} beats every other item head to head"
                     if winner else "No Condorcet winner: no item beats every other head to head")
        lines.append(agreement_words(r.kendall_w))
    if split:
        names = "; ".join(chart.titles.get(i, i) for i in split)
        lines.append(f"Most split (biggest spread between voters): {names}")
    return lines


