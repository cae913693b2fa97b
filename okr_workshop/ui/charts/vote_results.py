"""The vote results chart: what the console shows while the room debates a vote.

``draw_vote_results(figure, style, chart)`` fills a cleared matplotlib figure from a
``VoteChart`` (``domain.vote_chart.chart_for``: the domain tally plus priority titles). It is
redrawn on every ballot, so it is built to be cheap: the layout is computed, not measured by
constrained layout; axes carry no tick machinery; lettering is drawn from cached outlines
(``path_text``). A 40 x 20 vote redraws well inside 100 ms (tests/benchmarks/bench_tally_chart.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...domain.vote_chart import (
    SPREAD_METHODS,
    UNIT,
    VoteChart,
    chart_for,
    disputed,
    findings,
    format_score,
    rank_labels,
    shift_label,
    short_title,
    subtitle,
)
from .canvas import ChartStyle, panel
from .path_text import Label, draw_labels, text_width

__all__ = ["VoteChart", "chart_for", "draw_vote_results"]

HANDS_COLOUR = "#56B4E9"  # Okabe-Ito sky: lighter than the ballots' blue, so the two read apart
GRID = "#D1D5DB"
PT = 1 / 72  # inches per point
CHAR_EM = 0.58  # DejaVu Sans: mean character width of mixed-case text, in ems (to choose where to wrap)
MARGIN = 0.15  # inches of white round the edge
BAR_HEIGHT = 0.68  # of a row


@dataclass(frozen=True)
class _Layout:
    """Where things go (figure fractions) and how big the row lettering is (points)."""

    heading: list[str]
    findings: list[str]
    labels: list[str]
    label_font: float
    rank_col_pt: float  # from the bars' start to the right edge of the titles
    left: float
    right: float
    bottom: float
    top: float
    main_right: float  # where the bars end and the spread panel begins (== right without one)


def _wrap(text: str, width_pt: float, size: float, lines: int) -> list[str]:
    chars = max(int(width_pt / (size * CHAR_EM)), 8)
    return short_title(text, chars, lines).split("\n")


def _row_labels(titles: list[str], bold: list[bool], style: ChartStyle, row_pt: float,
                max_pt: float) -> tuple[list[str], float]:
    """Titles for the rows and their size: whole on one line if they fit, else on two lines
    a little smaller, else shortened to one line. Never larger than the style's type."""
    one = min(style.font, row_pt / 1.55)
    if all(text_width(t, one, b) <= max_pt for t, b in zip(titles, bold, strict=True)):
        return titles, one
    two = min(style.font, row_pt / 2.85)
    if two >= 0.8 * one:
        wrapped = ["\n".join(_wrap(t, max_pt * 0.95, two * (1.08 if b else 1), 2))
                   for t, b in zip(titles, bold, strict=True)]
        if all(text_width(t, two, b) <= max_pt for t, b in zip(wrapped, bold, strict=True)):
            return wrapped, two
    return [_fit(t, one, b, max_pt) for t, b in zip(titles, bold, strict=True)], one


def _fit(title: str, size: float, bold: bool, max_pt: float) -> str:
    """One line, shortened with an ellipsis until it fits: the first of len-2, len-4, ... (down to
    8 characters) that fits. Not a bisection: a cut falls back to the last whole word while that
    is long enough ("MM MMMMMMM…" is "MM…" at 11 characters, "MM MMMMM…" at 9), so a shorter
    cut can be wider. A form met before is not measured again (each width costs an outline)."""
    if len(title) <= 8 or text_width(title, size, bold) <= max_pt:
        return title
    chars, text, tried = len(title), title, {title}
    while chars > 8:
        chars -= 2
        text = short_title(title, chars, 1)
        if text not in tried:
            tried.add(text)
            if text_width(text, size, bold) <= max_pt:
                return text
    return text


def _layout(figure: Any, style: ChartStyle, chart: VoteChart, spread_panel: bool) -> _Layout:
    width_in, height_in = figure.get_size_inches()
    n = max(len(chart.result.ranking), 1)
    usable_pt = (width_in - 2 * MARGIN) / PT
    heading = _wrap(chart.heading, usable_pt, style.title * 1.08, 2)
    notes = [line for text in findings(chart) for line in _wrap(text, usable_pt, style.font * 1.05, 2)]
    top_in = MARGIN + (len(heading) * style.title * 1.25 + style.font * 1.7) * PT + 0.15
    bottom_in = MARGIN + (style.font * 3.0 + len(notes) * style.font * 1.35) * PT
    row_pt = max(height_in - top_in - bottom_in, 1.0) / n / PT
    split = set(disputed(chart.result))
    items = [row["item"] for row in chart.result.ranking]
    ranks = rank_labels(chart.result.ranking).values()
    rank_em = max(text_width(r, 1.0, True) for r in ranks) + 1.1  # the widest rank, and a gap either side
    max_pt = 0.45 * width_in / PT - rank_em * min(style.font, row_pt / 1.55)
    bold = [item in split for item in items]
    labels, label_font = _row_labels([chart.titles.get(i, i) for i in items], bold, style, row_pt, max_pt)
    longest = max(text_width(t, label_font, b) for t, b in zip(labels, bold, strict=True))
    left_in = MARGIN + (longest + label_font * rank_em) * PT
    right_in = MARGIN + (style.font * 3.2 * PT if chart.shift is not None else 0.1)
    left, right = left_in / width_in, 1 - right_in / width_in
    main_right = left + (right - left) * 0.64 if spread_panel else right
    return _Layout(heading, notes, labels, label_font, label_font * rank_em, left, right, bottom_in / height_in,
                   1 - top_in / height_in, main_right)


def draw_vote_results(figure: Any, style: ChartStyle, chart: VoteChart) -> None:
    """Bars of scores, best at the top; ranks with ties as "=2"; the spread per voter and the
    most split items for dots, points and scale votes; the Condorcet winner and Kendall's W for
    rank votes; and how each item moved since the round this vote follows."""
    figure.set_layout_engine("none")
    if chart.empty:
        _draw_empty(figure, style, chart)
        return
    r = chart.result
    spread_panel = r.method in SPREAD_METHODS and r.turnout > 0
    lay = _layout(figure, style, chart, spread_panel)
    ax = _panel(figure, (lay.left, lay.bottom, lay.main_right - lay.left, lay.top - lay.bottom), len(r.ranking))
    items = [row["item"] for row in r.ranking]
    ys = list(range(len(items) - 1, -1, -1))  # best at the top
    split = disputed(r)
    _draw_bars(ax, style, chart, items, ys, lay)
    _draw_row_labels(ax, style, chart, items, ys, split, lay)
    last = ax
    if spread_panel:
        gap = 0.03
        last = _panel(figure, (lay.main_right + gap, lay.bottom, lay.right - lay.main_right - gap,
                               lay.top - lay.bottom), len(items))
        _draw_spread(last, style, chart, items, ys, split, lay.label_font)
    _draw_shift(last, style, chart, items, ys, lay.label_font)
    _draw_texts(figure, style, chart, lay)


def _panel(figure: Any, rect: tuple[float, float, float, float], rows: int) -> Any:
    """Axes without tick machinery: the grid and lettering are drawn here, more cheaply."""
    ax = panel(figure, rect)
    ax.set_axis_off()
    ax.set_ylim(-0.6, rows - 0.4)
    return ax


def _x_axis(ax: Any, style: ChartStyle, lo: float, hi: float, caption: str, integer: bool,
            last: float | None = None) -> None:
    """Vertical grid lines at round values up to ``last`` (default: the end), their numbers, and a
    caption under them."""
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(lo, hi)
    end = hi if last is None else last
    ticks = [t for t in MaxNLocator(nbins=5, integer=integer).tick_values(lo, end) if lo <= t <= end]
    axis = ax.get_xaxis_transform()
    ax.vlines(ticks, 0, 1, transform=axis, colors=GRID, linewidth=0.8, zorder=0)
    ax.hlines([0], lo, hi, transform=axis, colors=style.muted, linewidth=style.line, zorder=1)
    size = style.font * 0.8
    labels = [Label(f"{t:g}", t, 0, size, style.muted, ha="center", va="top", dy=-size * 0.4) for t in ticks]
    labels.append(Label(caption, lo, 0, style.font * 0.85, style.muted, ha="left", va="top", dy=-size * 1.75))
    draw_labels(ax, labels, axis)


def _bars(ax: Any, ys: list[int], starts: list[float], lengths: list[float], colour: str) -> None:
    """Horizontal bars as one collection: barh makes a patch per bar and updates the data
    limits for each, which costs more than drawing them."""
    from matplotlib.collections import PolyCollection

    half = BAR_HEIGHT / 2
    boxes = [[(x, y - half), (x + w, y - half), (x + w, y + half), (x, y + half)]
             for y, x, w in zip(ys, starts, lengths, strict=True) if w > 0]
    if boxes:
        ax.add_collection(PolyCollection(boxes, facecolors=colour, edgecolors="none", zorder=2), autolim=False)


def _draw_bars(ax: Any, style: ChartStyle, chart: VoteChart, items: list[str], ys: list[int], lay: _Layout) -> None:
    r = chart.result
    scores = [row["score"] for row in r.ranking]
    hands = [chart.hands.get(item, 0) for item in items]
    voted = [s - h for s, h in zip(scores, hands, strict=True)]
    _bars(ax, ys, [0] * len(ys), voted, style.accent)
    texts = [format_score(r.method, s) for s in scores]
    # Leave room after the longest bar for its score.
    axes_pt = (lay.main_right - lay.left) * ax.figure.get_size_inches()[0] / PT
    room = (max(text_width(t, lay.label_font, True) for t in texts) + lay.label_font) / max(axes_pt, 1)
    top = 5.0 if r.method == "scale" else max(max(scores), 1)
    _x_axis(ax, style, 0, top / max(1 - room, 0.5), UNIT[r.method], True, 5.0 if r.method == "scale" else None)
    ax.vlines([0], -0.6, len(items) - 0.4, colors=style.muted, linewidth=style.line, zorder=1)
    labels = [Label(t, s, y, lay.label_font, style.ink, bold=True, dx=lay.label_font * 0.4)
              for t, s, y in zip(texts, scores, ys, strict=True)]
    if any(hands):
        _bars(ax, ys, voted, hands, HANDS_COLOUR)
        size = style.font * 0.8
        key = [("■", style.accent, 0.0), ("ballots", style.ink, size * 1.2),
               ("■", HANDS_COLOUR, size * 6.5), ("show of hands", style.ink, size * 7.7)]
        draw_labels(ax, [Label(text, 1, 1, size, colour, ha="left", va="bottom", dx=dx - size * 16, dy=size * 0.4)
                         for text, colour, dx in key], ax.transAxes)
    draw_labels(ax, labels, ax.transData)


def _draw_row_labels(ax: Any, style: ChartStyle, chart: VoteChart, items: list[str], ys: list[int],
                     split: list[str], lay: _Layout) -> None:
    """Titles on the left, and the rank in a column between them and the bars."""
    size = lay.label_font
    ranks = rank_labels(chart.result.ranking)
    labels = []
    for y, item, title in zip(ys, items, lay.labels, strict=True):
        hot = item in split
        labels.append(Label(title, 0, y, size, style.warn if hot else style.ink, bold=hot, ha="right",
                            dx=-lay.rank_col_pt))
        labels.append(Label(ranks[item], 0, y, size, style.ink, bold=True, ha="right", dx=-size * 0.5))
    draw_labels(ax, labels, ax.get_yaxis_transform())


def _draw_shift(ax: Any, style: ChartStyle, chart: VoteChart, items: list[str], ys: list[int], size: float) -> None:
    if chart.shift is None:
        return
    colour = {"good": style.good, "warn": style.warn, "muted": style.muted}
    labels = []
    for y, item in zip(ys, items, strict=True):
        text, key = shift_label(chart, item)
        labels.append(Label(text, 1, y, size, colour[key], bold=True, dx=style.font * 0.6))
    draw_labels(ax, labels, ax.get_yaxis_transform())


def _draw_spread(ax: Any, style: ChartStyle, chart: VoteChart, items: list[str], ys: list[int],
                 split: list[str], size: float) -> None:
    """Per voter: the mean and one standard deviation either side, in the ballot's own units."""
    r = chart.result
    floor, ceiling = (1.0, 5.0) if r.method == "scale" else (0.0, None)  # nobody gives less than the floor
    means = [r.mean[i] for i in items]
    lows = [max(r.mean[i] - r.stdev[i], floor) for i in items]
    highs = [r.mean[i] + r.stdev[i] if ceiling is None else min(r.mean[i] + r.stdev[i], ceiling) for i in items]
    colours = [style.warn if i in split else style.accent for i in items]
    width = style.line * 1.6
    ax.hlines(ys, lows, highs, colors=colours, linewidth=width, zorder=2)
    cap = 0.18
    ends = [(x, y, c) for lo, hi, y, c in zip(lows, highs, ys, colours, strict=True) if hi > lo for x in (lo, hi)]
    if ends:
        ax.vlines([e[0] for e in ends], [e[1] - cap for e in ends], [e[1] + cap for e in ends],
                  colors=[e[2] for e in ends], linewidth=width, zorder=2)
    ax.scatter(means, ys, s=(size * 0.6) ** 2, c=colours, zorder=3, linewidths=0)
    if r.method == "scale":
        _x_axis(ax, style, 0.8, 5.2, "spread per voter", True)
    else:
        _x_axis(ax, style, 0, max(max(highs) * 1.1, 1), "spread per voter", False)


def _draw_texts(figure: Any, style: ChartStyle, chart: VoteChart, lay: _Layout) -> None:
    """The question and its facts at the top, the findings at the bottom."""
    height_pt = figure.get_size_inches()[1] / PT
    x = MARGIN / figure.get_size_inches()[0]
    labels = []
    y_pt = height_pt - MARGIN / PT
    for line in lay.heading:
        labels.append(Label(line, x, y_pt / height_pt, style.title, style.ink, bold=True, va="top"))
        y_pt -= style.title * 1.25
    labels.append(Label(subtitle(chart), x, (y_pt - 4) / height_pt, style.font * 0.9, style.muted, va="top"))
    y_pt = MARGIN / PT + (len(lay.findings) - 1) * style.font * 1.35
    warn = False
    for line in lay.findings:
        warn = warn or line.startswith("Most split")
        labels.append(Label(line, x, y_pt / height_pt, style.font, style.warn if warn else style.ink, bold=warn,
                            va="bottom"))
        y_pt -= style.font * 1.35
    draw_labels(figure, labels, figure.transFigure)


def _draw_empty(figure: Any, style: ChartStyle, chart: VoteChart) -> None:
    for _ in range(2):  # the bars' and the spread's panels, made now and kept hidden: the first
        panel(figure, (0, 0, 1, 1)).set_visible(False)  # ballots then redraw without making axes
    x = MARGIN / figure.get_size_inches()[0]
    draw_labels(figure, [
        Label(chart.heading, x, 1 - MARGIN / figure.get_size_inches()[1], style.title, style.ink, bold=True,
              va="top"),
        Label("No ballots yet", 0.5, 0.56, style.title * 1.8, style.ink, bold=True, ha="center"),
        Label("Pass the laptop round, or key in a show of hands." if chart.result.method in ("dots", "points")
              else "Pass the laptop round to collect the ballots.", 0.5, 0.42, style.font, style.muted, ha="center"),
    ], figure.transFigure)
