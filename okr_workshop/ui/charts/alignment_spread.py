"""The alignment-check spread: how many executives named each answer, as horizontal bars.

Bars are coloured by how widely an answer was shared (everyone, several, only one) with
Okabe-Ito colours, and every bar also says so in words, so the chart never relies on colour.
The chart shows items and counts only: names never reach the projector. No matplotlib import
here: the figure arrives from ChartCanvas, which imports it on first use.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from ...domain.alignment import ANSWER_KINDS, answer_kind
from .. import theme
from .canvas import ChartStyle

KIND_COLOURS = {
    "everyone": theme.OKABE_ITO["green"],
    "several": theme.OKABE_ITO["blue"],
    "one": theme.OKABE_ITO["orange"],
}
LABEL_WIDTH = 44  # characters per line of an answer's label
LABEL_LINES = 2


def wrap_label(item: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """An answer on at most ``lines`` lines; a longer one ends in an ellipsis."""
    return "\n".join(textwrap.wrap(item, width, max_lines=lines, placeholder=" …")) or item


def count_label(count: int, responses: int) -> str:
    """The words at a bar's end: "all 8", "3 of 8", "only one"."""
    kind = answer_kind(count, responses)
    if kind == "everyone":
        return f"all {count}"
    if kind == "one":
        return "only one"
    return f"{count} of {responses}"


def chart_height(groups: int) -> int:
    """Pixels the chart needs so that each bar's two-line label stays legible."""
    return max(240, 90 + 40 * max(groups, 1))


def draw_spread(figure: Any, style: ChartStyle, groups: Sequence[tuple[str, int]], responses: int) -> None:
    """Fill ``figure`` with one bar per (item, count), most named at the top."""
    ax = figure.add_subplot(111)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_linewidth(style.line)
    if not groups:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No answers yet", ha="center", va="center", fontsize=style.title, color=style.muted,
                transform=ax.transAxes)
        return
    kinds = [answer_kind(count, responses) for _, count in groups]
    positions = range(len(groups))
    ax.barh(positions, [count for _, count in groups], height=0.7,
            color=[KIND_COLOURS[k] for k in kinds], edgecolor=style.ink, linewidth=style.line * 0.5)
    ax.set_yticks(list(positions), [wrap_label(item) for item, _ in groups], fontsize=style.font, color=style.ink)
    ax.tick_params(axis="y", length=0, pad=8)
    ax.invert_yaxis()
    top = max(responses, max(count for _, count in groups))
    ax.set_xlim(0, top * 1.28)  # room for the words at the end of the longest bar
    ax.set_xticks([])
    for y, (_, count) in enumerate(groups):
        ax.text(count + top * 0.02, y, count_label(count, responses), va="center", ha="left",
                fontsize=style.font, color=style.ink, fontweight="bold")
    used = [k for k in ANSWER_KINDS if k in kinds]
    handles = [_patch(KIND_COLOURS[k], style) for k in used]
    # A figure legend: above the axes it would overflow a narrow figure with long answer labels.
    figure.legend(handles, [ANSWER_KINDS[k] for k in used], loc="outside upper center", ncols=len(used),
                  frameon=False, fontsize=style.font, handlelength=1.2)


def _patch(colour: str, style: ChartStyle) -> Any:
    from matplotlib.patches import Patch  # already loaded by the figure that called us

    return Patch(facecolor=colour, edgecolor=style.ink, linewidth=style.line * 0.5)
