"""The pack's charts, drawn as reportlab vector graphics at their exact printed size.

Vector shapes print sharp at any zoom and cost a millisecond or two: matplotlib (a quarter to
half a second to import, and a few tenths more to draw three charts and embed them at print
resolution) stays out of the export. The look follows the app's matplotlib charts: horizontal
bars with a thin dark edge, the value in bold beside each bar, left and bottom axis lines in the
rule grey, the x ticks at round numbers and a muted caption below.

The numbers come from the domain (``voting.tally``, ``alignment.agreement``), the same the
screens and ``okr-workshop report`` show. Nothing here names a person: charts show items and
counts. Labels go through ``fonts.runs``, so a title DejaVu cannot set falls back as the text does.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import fonts, styles

LABEL_CHARS = 38
TICK_LENGTH, TICK_PAD, LABEL_PAD, AXIS_WIDTH = 3.5, 3.5, 4.0, 0.8  # points, as matplotlib's defaults
LINE_SPACING = 1.2  # of the font size, between the lines of a two-line label
CENTRE = 0.36  # of the font size: from a line's middle down to its baseline (DejaVu's x-height)


@dataclass(frozen=True)
class Axes:
    """The plotting box in points (origin at the drawing's bottom left) and its data limits;
    ``top`` is the data y shown at the box's top (bars run downwards, best first)."""

    x0: float
    y0: float
    width: float
    height: float
    xmax: float
    top: float
    bottom: float

    def x(self, value: float) -> float:
        return self.x0 + self.width * value / self.xmax

    def y(self, value: float) -> float:
        return self.y0 + self.height * (self.bottom - value) / (self.bottom - self.top)

    def span(self, size: float) -> float:
        """A height in data units as points."""
        return self.height * size / (self.bottom - self.top)


def wrap(text: str, width: int = LABEL_CHARS, lines: int = 2) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder=" …")) or text


def nice_ticks(xmax: float, length_pt: float, label_size: float) -> list[float]:
    """Round tick values from 0 to ``xmax``, as many as fit (matplotlib's AutoLocator: steps of
    1, 2, 2.5, 5 or 10 times a power of ten, about three label heights apart)."""
    bins = max(1, min(9, int(length_pt // (label_size * 3))))
    raw = xmax / bins
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw * (1 - 1e-9))
    return [i * step for i in range(int(xmax / step + 1e-9) + 1)]


def tick_label(value: float) -> str:
    return f"{value:g}"


def _text(group: Group, x: float, y: float, text: str, size: float, colour: str, font: str = "regular",
          anchor: str = "start") -> None:
    """One line at baseline ``y``; ``anchor`` start, middle or end. Runs DejaVu cannot set go in
    the fallback font, as in the rest of the pack."""
    bold = font == "bold"
    total = fonts.string_width(text, size, bold)
    x -= {"start": 0.0, "middle": total / 2, "end": total}[anchor]
    for main, run in fonts.runs(text):
        name = fonts.OBLIQUE if main and font == "oblique" else fonts.font_for(main, bold)
        group.add(String(x, y, run, fontName=name, fontSize=size, fillColor=HexColor(colour)))
        x += stringWidth(run, name, size)


def _centred_lines(group: Group, x: float, y: float, text: str, size: float, colour: str,
                   anchor: str = "end") -> None:
    """``text`` (lines split at newlines) centred vertically on ``y``."""
    lines = text.split("\n")
    step = size * LINE_SPACING
    first = y + step * (len(lines) - 1) / 2 - size * CENTRE
    for i, line in enumerate(lines):
        _text(group, x, first - i * step, line, size, colour, anchor=anchor)


def _frame(group: Group, ax: Axes, ticks: Sequence[float], labels: Sequence[str], caption: str = "") -> None:
    """The left and bottom axis lines, the x ticks with their labels and the caption below."""
    rule, muted = HexColor(styles.RULE), HexColor(styles.MUTED)
    group.add(Line(ax.x0, ax.y0, ax.x0, ax.y0 + ax.height, strokeColor=rule, strokeWidth=AXIS_WIDTH))
    group.add(Line(ax.x0, ax.y0, ax.x0 + ax.width, ax.y0, strokeColor=rule, strokeWidth=AXIS_WIDTH))
    size = 7.0
    baseline = ax.y0 - TICK_LENGTH - TICK_PAD - size * 0.76
    for value, label in zip(ticks, labels, strict=True):
        x = ax.x(value)
        group.add(Line(x, ax.y0, x, ax.y0 - TICK_LENGTH, strokeColor=muted, strokeWidth=AXIS_WIDTH))
        _text(group, x, baseline, label, size, styles.MUTED, anchor="middle")
    if caption:
        _text(group, ax.x0 + ax.width / 2, baseline - size * 0.24 - LABEL_PAD - 7.5 * 0.76, caption, 7.5,
              styles.MUTED, anchor="middle")


def _bar(group: Group, ax: Axes, y: float, value: float, thickness: float, colour: str) -> None:
    """A horizontal bar from 0 to ``value`` centred on data row ``y``, with a thin dark edge."""
    half = ax.span(thickness) / 2
    group.add(Rect(ax.x0, ax.y(y) - half, max(ax.x(value) - ax.x0, 0.0), 2 * half, fillColor=HexColor(colour),
                   strokeColor=HexColor(styles.INK), strokeWidth=0.4))


def ranking_chart(rows: Sequence[tuple[str, float, str, bool]], caption: str, width_pt: float,
                  decimals: int = 0) -> Drawing:
    """Horizontal bars, best first: (label, score, rank label, highlighted). Highlighted bars
    (the critical few) are blue and marked with a star in their label, so colour is not needed."""
    per_row = 17.0 if len(rows) <= 12 else 15.0
    height_pt = max(90.0, 42.0 + per_row * len(rows))
    drawing = Drawing(width_pt, height_pt, initialFontName=fonts.REGULAR)  # not Helvetica: all embedded
    left = min(0.46, 0.08 + 0.0062 * min(LABEL_CHARS, max((len(r[0]) for r in rows), default=10)) * 1.6)
    scores = [r[1] for r in rows]
    top = max(scores, default=0) or 1
    ax = Axes(left * width_pt, 28.0, (0.97 - left - 0.06) * width_pt, height_pt - 36.0, top * 1.12,
              -0.6, len(rows) - 0.5)
    group = Group()
    marked = any(r[3] for r in rows)  # nothing chosen yet: every bar in the same blue, none greyed out
    for y, (label, score, rank, chosen) in enumerate(rows):
        _bar(group, ax, y, score, 0.68, styles.OKABE_ITO["blue"] if chosen or not marked else "#A9B4C2")
        # the rank, ties as "=2"
        _centred_lines(group, ax.x0 - 4, ax.y(y), f"{'★ ' if chosen else ''}{rank}.  {wrap(label)}", 7.5,
                       styles.INK)
        _text(group, ax.x(score + top * 0.01), ax.y(y) - 7.5 * CENTRE, f"{score:.{decimals}f}", 7.5, styles.INK,
              font="bold")
    ticks = nice_ticks(ax.xmax, ax.width, 7.0)
    _frame(group, ax, ticks, [tick_label(t) for t in ticks], caption)
    drawing.add(group)
    return drawing


def agreement_chart(rows: Sequence[tuple[str, float | None]], low: float, high: float, width_pt: float) -> Drawing:
    """One bar per alignment question: agreement 0-100 %, with the two thresholds as dashed lines
    and the zones named in words above them."""
    height_pt = 34.0 + 24.0 * len(rows) + 16
    drawing = Drawing(width_pt, height_pt, initialFontName=fonts.REGULAR)  # not Helvetica: all embedded
    ax = Axes(0.2 * width_pt, 26.0, 0.76 * width_pt, height_pt - 46.0, 100.0, -0.9, len(rows) - 0.5)
    group = Group()
    for y, (_, value) in enumerate(rows):
        _bar(group, ax, y, (value or 0.0) * 100, 0.6, _agreement_colour(value, low, high))
    for x in (low * 100, high * 100):  # over the bars, under the words
        group.add(Line(ax.x(x), ax.y0, ax.x(x), ax.y0 + ax.height, strokeColor=HexColor(styles.INK),
                       strokeWidth=0.8, strokeDashArray=[3.2, 2.4]))
    for y, (label, value) in enumerate(rows):
        _centred_lines(group, ax.x0 - 4, ax.y(y), label, 8.0, styles.INK)
        words = "not enough answers" if value is None else f"{round(value * 100)} %"
        _text(group, ax.x((value or 0) * 100 + 1.2), ax.y(y) - 8.0 * CENTRE, words, 8.0, styles.INK, font="bold")
    zones = ((low * 50, "narrative problem"), ((low + high) * 50, "partial"), ((high + 1) * 50, "shared story"))
    for x, text in zones:
        _text(group, ax.x(x), ax.y(-0.72) - 7.0 * CENTRE, text, 7.0, styles.MUTED, font="oblique", anchor="middle")
    ticks = [0, 20, 40, 60, 80, 100]
    _frame(group, ax, ticks, [f"{t} %" for t in ticks])
    drawing.add(group)
    return drawing


def _agreement_colour(value: float | None, low: float, high: float) -> str:
    if value is None:
        return "#FFFFFF"
    if value < low:
        return styles.OKABE_ITO["vermillion"]
    return styles.OKABE_ITO["orange"] if value < high else styles.OKABE_ITO["green"]
