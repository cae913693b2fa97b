"""The pack's charts, drawn by matplotlib (Agg, no pyplot, so any thread may draw) as PNG at
print resolution and placed as reportlab images at their exact printed size.

The numbers come from the domain (``voting.tally``, ``alignment.agreement``), the same the
screens and ``okr-workshop report`` show. matplotlib is imported on the first chart only.
Nothing here names a person: charts show items and counts.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from . import styles

DPI = 200  # print resolution: a full-width chart is ~1400 px wide
FONT_FAMILIES = ["DejaVu Sans", "Droid Sans Fallback"]  # the app's charts fall back the same way
LABEL_CHARS = 38


def _figure(width_pt: float, height_pt: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Whole pixels, rounded up: the printed size never gets fewer than DPI pixels per inch.
    width_px, height_px = math.ceil(width_pt / 72 * DPI), math.ceil(height_pt / 72 * DPI)
    figure = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _fonts() -> None:
    """The app's font fallback, set process-wide as the app's chart canvas sets it. Nothing else
    global changes: the GUI may redraw its own charts while a worker thread draws these, so
    colours and sizes are given per artist, never through rcParams."""
    import logging

    import matplotlib

    matplotlib.rcParams["font.family"] = FONT_FAMILIES
    # The fallback font has no bold face; matplotlib would say so on every bold label.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def _axes(figure: Any, rect: tuple[float, float, float, float]) -> Any:
    ax = figure.add_axes(rect)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(styles.RULE)
    ax.tick_params(axis="x", colors=styles.MUTED, labelsize=7)
    ax.tick_params(axis="y", colors=styles.INK, length=0, pad=4)
    return ax


class ChartImage(Flowable):
    """A rendered chart at its printed size. The pixels go straight from Agg's buffer to the PDF
    (no PNG encode and decode). The first layout pass only measures pages for the contents, so
    the image is drawn in later passes only (``PackDoc`` always makes at least two)."""

    def __init__(self, pixels: Any, width_pt: float, height_pt: float):
        super().__init__()
        self.pixels = pixels  # a PIL image, RGB
        self.width_pt, self.height_pt = width_pt, height_pt

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width_pt, self.height_pt

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None and getattr(doc, "passes", 2) == 1:
            return
        self.canv.drawImage(ImageReader(self.pixels), 0, 0, self.width_pt, self.height_pt)


def _image(figure: Any, width_pt: float, height_pt: float) -> ChartImage:
    from PIL import Image as PILImage

    figure.set_facecolor("white")
    agg = figure.canvas
    agg.draw()
    width, height = agg.get_width_height(physical=True)
    pixels = PILImage.frombuffer("RGBA", (width, height), agg.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    return ChartImage(pixels, width_pt, height_pt)


def wrap(text: str, width: int = LABEL_CHARS, lines: int = 2) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder=" …")) or text


def ranking_chart(rows: Sequence[tuple[str, float, str, bool]], caption: str, width_pt: float,
                  decimals: int = 0) -> ChartImage:
    """Horizontal bars, best first: (label, score, rank label, highlighted). Highlighted bars
    (the critical few) are blue and marked with a star in their label, so colour is not needed."""
    _fonts()
    per_row = 17.0 if len(rows) <= 12 else 15.0
    height_pt = max(90.0, 42.0 + per_row * len(rows))
    figure = _figure(width_pt, height_pt)
    left = min(0.46, 0.08 + 0.0062 * min(LABEL_CHARS, max((len(r[0]) for r in rows), default=10)) * 1.6)
    ax = _axes(figure, (left, 28 / height_pt, 0.97 - left - 0.06, 1 - 36 / height_pt))
    ys = list(range(len(rows)))
    scores = [r[1] for r in rows]
    marked = any(r[3] for r in rows)  # nothing chosen yet: every bar in the same blue, none greyed out
    colours = [styles.OKABE_ITO["blue"] if r[3] or not marked else "#A9B4C2" for r in rows]
    ax.barh(ys, scores, height=0.68, color=colours, edgecolor=styles.INK, linewidth=0.4)
    labels = [f"{'★ ' if r[3] else ''}{r[2]}.  {wrap(r[0])}" for r in rows]  # the rank, ties as "=2"
    ax.set_yticks(ys, labels, fontsize=7.5, color=styles.INK)
    top = max(scores, default=0) or 1
    ax.set_xlim(0, top * 1.12)
    ax.set_xlabel(caption, fontsize=7.5, color=styles.MUTED)
    for y, score in zip(ys, scores, strict=True):
        ax.text(score + top * 0.01, y, f"{score:.{decimals}f}", va="center", ha="left", fontsize=7.5,
                fontweight="bold", color=styles.INK)
    ax.set_ylim(len(rows) - 0.5, -0.6)  # best at the top
    return _image(figure, width_pt, height_pt)


def agreement_chart(rows: Sequence[tuple[str, float | None]], low: float, high: float, width_pt: float) -> ChartImage:
    """One bar per alignment question: agreement 0-100 %, with the two thresholds as dashed lines
    and the zones named in words above them."""
    _fonts()
    height_pt = 34.0 + 24.0 * len(rows) + 16
    figure = _figure(width_pt, height_pt)
    ax = _axes(figure, (0.2, 26 / height_pt, 0.76, 1 - 46 / height_pt))
    ys = list(range(len(rows)))
    values = [(v or 0.0) * 100 for _, v in rows]
    colours = [_agreement_colour(v, low, high) for _, v in rows]
    ax.barh(ys, values, height=0.6, color=colours, edgecolor=styles.INK, linewidth=0.4)
    ax.set_yticks(ys, [label for label, _ in rows], fontsize=8, color=styles.INK)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 20, 40, 60, 80, 100], ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"], fontsize=7)
    for x in (low * 100, high * 100):
        ax.axvline(x, color=styles.INK, linestyle=(0, (4, 3)), linewidth=0.8)
    ax.set_ylim(len(rows) - 0.5, -0.9)  # first question at the top, room above for the zone names
    zones = ((low * 50, "narrative problem"), ((low + high) * 50, "partial"), ((high + 1) * 50, "shared story"))
    for x, text in zones:
        ax.text(x, -0.72, text, ha="center", va="center", fontsize=7, color=styles.MUTED, style="italic")
    for y, (_, value) in enumerate(rows):
        words = "not enough answers" if value is None else f"{round(value * 100)} %"
        ax.text((value or 0) * 100 + 1.2, y, words, va="center", ha="left", fontsize=8, fontweight="bold",
                color=styles.INK)
    return _image(figure, width_pt, height_pt)


def _agreement_colour(value: float | None, low: float, high: float) -> str:
    if value is None:
        return "#FFFFFF"
    if value < low:
        return styles.OKABE_ITO["vermillion"]
    return styles.OKABE_ITO["orange"] if value < high else styles.OKABE_ITO["green"]
