"""Chart lettering drawn as cached glyph outlines, for charts redrawn on every ballot.

matplotlib 3.11 lays text out and rasterises it glyph by glyph in Python: about 1 ms for one
priority title, so a 20-item results chart spent more than its 100 ms budget on lettering
alone. Here each word's outline is made once per weight and kept, a line is its words put side
by side, and a redraw only moves the outlines; Agg fills all of them in one call. matplotlib
is imported on first use, never when this module is imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .canvas import FONT_FAMILIES, quiet_missing_bold

LINE_SPACING = 1.25  # baseline to baseline, in ems
CAP_MIDDLE = 0.36  # ems above the baseline: the middle of a capital letter
ASCENT, DESCENT = 0.76, 0.24  # ems above and below the baseline
REFERENCE_SIZE = 10.0  # points: outlines are made at this size and scaled


@dataclass(frozen=True)
class Label:
    """One piece of text. ``x, y`` are in the coordinates of the transform it is drawn with;
    ``dx, dy`` shift it by points, like ``annotate(..., textcoords="offset points")``."""

    text: str
    x: float
    y: float
    size: float
    colour: str = "#000000"
    bold: bool = False
    ha: str = "left"  # left | center | right
    va: str = "center"  # top | center | bottom (of the whole block of lines)
    dx: float = 0.0
    dy: float = 0.0


@lru_cache(maxsize=512)  # a chart's titles in their few forms; each entry holds its outlines' points
def _lines(text: str, bold: bool) -> tuple[tuple[Any, float], ...]:
    """Each line's outline at REFERENCE_SIZE, in points, starting at (0, 0) on its baseline, and
    its width, made once per string and weight whatever the alignment. Outlines are not hinted,
    so every other size is this one scaled."""
    return tuple(_line(line, bold) for line in text.split("\n"))


def _line(line: str, bold: bool) -> tuple[Any, float]:
    """One line put together from its words' outlines (None when it has no ink). matplotlib lays
    out and outlines text glyph by glyph in Python, a millisecond or two per title; word by word,
    the shortened and wrapped forms of a title (the chart tries several) reuse its words."""
    from matplotlib.path import Path

    parts, x, right = [], 0.0, 0.0
    for word in line.split(" "):
        if word:
            path, width = _word(word, bold)
            if path is not None:
                parts.append(Path(path.vertices + (x, 0.0), path.codes))
                right = x + width
            x += width
        x += _space(bold)
    if not parts:
        return None, 0.0
    return (parts[0] if len(parts) == 1 else Path.make_compound_path(*parts)), right


@lru_cache(maxsize=4096)  # a workshop's vocabulary and the chart's numbers, twice (regular and bold)
def _word(word: str, bold: bool) -> tuple[Any, float]:
    """A word's outline from (0, 0) on its baseline, and its right edge (None: no ink)."""
    from matplotlib.textpath import TextPath

    path = TextPath((0, 0), word, prop=_font(bold))
    return (path, _right_edge(path)) if len(path.vertices) else (None, 0.0)


@lru_cache(maxsize=2)
def _space(bold: bool) -> float:
    """From one word's right edge to the next word's start: a space and the side bearing of an
    "e", the commonest last letter (lines come out within a point of matplotlib's own layout)."""
    return _word("e e", bold)[1] - 2 * _word("e", bold)[1]


@lru_cache(maxsize=2)
def _font(bold: bool) -> Any:
    from matplotlib.font_manager import FontProperties

    quiet_missing_bold()  # the warm-up thread letters words before any canvas exists
    return FontProperties(family=FONT_FAMILIES, size=REFERENCE_SIZE, weight="bold" if bold else "normal")


def _outline(text: str, bold: bool, ha: str, va: str) -> Any:
    """The text's outline at REFERENCE_SIZE, aligned so that (0, 0) is its anchor: its lines
    moved into place (cheap, so not kept: a kept copy per alignment only cost memory)."""
    from matplotlib.path import Path

    size = REFERENCE_SIZE
    lines = _lines(text, bold)
    step = size * LINE_SPACING
    shift_y = {
        "top": -ASCENT * size,
        "center": -(CAP_MIDDLE * size - (len(lines) - 1) * step / 2),
        "bottom": (len(lines) - 1) * step + DESCENT * size,
    }[va]
    parts = []
    for i, (path, width) in enumerate(lines):
        if path is None:
            continue
        shift_x = {"left": 0.0, "center": -width / 2, "right": -width}[ha]
        parts.append(Path(path.vertices + (shift_x, shift_y - i * step), path.codes))
    if not parts:
        return Path([(0.0, 0.0)], [Path.MOVETO])
    return Path.make_compound_path(*parts)


def _right_edge(path: Any) -> float:
    """The rightmost point of an outline. Its control points suffice: exact Bezier extents
    cost milliseconds per string, and a glyph's controls hug its curves."""
    return float(path.vertices[:, 0].max()) if len(path.vertices) else 0.0


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of the widest line, in points (the outline is made once, then remembered)."""
    return max(width for _, width in _lines(text, bold)) * size / REFERENCE_SIZE


# The numbers a results chart letters: scores, ranks ("=3") and ticks ("0.5").
CHART_NUMBERS = tuple(
    [str(n) for n in range(201)] + [f"={n}" for n in range(1, 61)] + [f"{n}.5" for n in range(10)])


def warm_outlines(texts: Iterable[str]) -> None:
    """Make the outlines of the words of ``texts`` and of CHART_NUMBERS (regular and bold) ahead
    of the first chart: the warm-up thread calls it with the priority titles and the votes'
    questions, so a first results chart (or the first one during a burst of ballots) only
    moves outlines. matplotlib keeps one font object per thread, so this is safe beside the
    GUI thread's drawing."""
    words = dict.fromkeys(word for text in texts for word in text.split())
    for word in [*words, *CHART_NUMBERS]:
        for bold in (False, True):
            _word(word, bold)


def draw_labels(parent: Any, labels: list[Label], offset_transform: Any, zorder: float = 3) -> Any:
    """Add ``labels`` to an Axes or a Figure as one collection; returns it (None when empty)."""
    if not labels:
        return None
    from matplotlib.collections import PathCollection
    from matplotlib.path import Path
    from matplotlib.transforms import IdentityTransform

    paths = []
    for label in labels:
        outline = _outline(label.text, label.bold, label.ha, label.va)
        scale = label.size / REFERENCE_SIZE
        paths.append(Path(outline.vertices * scale + (label.dx, label.dy), outline.codes))
    # sizes=[1] scales points to pixels at draw time (as scatter markers are), whatever the dpi.
    collection = PathCollection(paths, sizes=[1.0], offsets=[(lb.x, lb.y) for lb in labels],
                                offset_transform=offset_transform, facecolors=[lb.colour for lb in labels],
                                edgecolors="none", linewidths=0, zorder=zorder)
    collection.set_transform(IdentityTransform())
    collection.texts = [label.text for label in labels]  # outlines cannot be read back; tests read this
    if hasattr(parent, "add_collection"):
        parent.add_collection(collection, autolim=False)
    else:
        parent.add_artist(collection)
    collection.set_clip_on(False)
    return collection
