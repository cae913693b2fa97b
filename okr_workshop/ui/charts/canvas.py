"""A Qt widget holding one matplotlib figure, styled for the laptop.

matplotlib costs a few hundred milliseconds to import, so nothing here imports it until the
first chart is drawn: the app's first frame never waits for it. The figure is drawn with the
Okabe-Ito palette.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from .. import theme


@dataclass(frozen=True)
class ChartStyle:
    """Sizes and colours a drawing function uses, so a drawing function never hard-codes them."""

    font: float  # points, for tick labels and annotations
    title: float
    line: float  # bar edge and marker line width
    ink: str = theme.INK
    muted: str = theme.MUTED
    accent: str = theme.ACCENT
    warn: str = theme.WARN
    good: str = theme.GOOD
    series: tuple[str, ...] = tuple(theme.SERIES)


LAPTOP = ChartStyle(font=10, title=12, line=1.0)

Draw = Callable[[Any, ChartStyle], None]  # (matplotlib Figure, style) -> None

# matplotlib falls back along this list glyph by glyph, so names and answers in Japanese or
# Chinese draw as text instead of boxes (Droid Sans Fallback: Debian's fonts-droid-fallback).
FONT_FAMILIES = ["DejaVu Sans", "Droid Sans Fallback"]


def quiet_missing_bold() -> None:
    """The fallback font has no bold face; matplotlib says so on every bold word it letters."""
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


class ChartCanvas(QWidget):
    """Call ``plot(draw)`` with a function that fills the (cleared) figure."""

    def __init__(self, parent: QWidget | None = None, min_height: int = 320):
        super().__init__(parent)
        self._canvas = None
        self.style = LAPTOP
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def figure(self):
        return self._ensure_canvas().figure

    def _ensure_canvas(self):
        if self._canvas is None:
            import matplotlib
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            matplotlib.rcParams["font.family"] = FONT_FAMILIES
            quiet_missing_bold()
            self._canvas = FigureCanvasQTAgg(Figure(layout="constrained"))
            self._canvas.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
            self._layout.addWidget(self._canvas)
        return self._canvas

    def plot(self, draw: Draw) -> None:
        """Redraw the figure now with ``draw``."""
        canvas = self._ensure_canvas()
        figure = canvas.figure
        _clear(figure)
        figure.set_facecolor("#FFFFFF")
        draw(figure, self.style)
        for ax in figure.__dict__.pop(SPARES, []):  # panels this drawing did not need
            ax.remove()
        canvas.draw()

    def save_png(self, path: str, dpi: int = 100) -> None:
        """For tests and screenshots: the figure as it is now."""
        self.figure.savefig(path, dpi=dpi)


SPARES = "_okr_spare_panels"  # on a figure: the emptied panels of the last drawing, for ``panel``


def panel(figure: Any, rect: tuple[float, float, float, float]) -> Any:
    """Axes at ``rect`` (figure fractions) for a chart redrawn often (every ballot): a panel of the
    last drawing, emptied, when there is one. matplotlib makes an Axes with its tick machinery
    in about 10 ms, and clearing one costs as much; moving its drawing out costs nothing."""
    spares = figure.__dict__.get(SPARES, [])
    if spares:
        ax = spares.pop(0)
        ax.set_position(rect)
        ax.set_visible(True)
        return ax
    ax = figure.add_axes(rect)
    ax.okr_panel = True
    return ax


def _clear(figure: Any) -> None:
    """Empty the figure for the next drawing, keeping panels (``panel``) aside for reuse; a
    figure with other axes is cleared outright."""
    panels = list(figure.axes)
    if not all(getattr(ax, "okr_panel", False) for ax in panels):
        figure.clear()
        return
    for ax in panels:
        for artist in (*ax.collections, *ax.lines, *ax.patches, *ax.texts, *ax.images, *ax.artists):
            artist.remove()
        ax.set_visible(False)
    for artist in (*figure.artists, *figure.lines, *figure.patches, *figure.texts, *figure.images, *figure.legends):
        artist.remove()
    figure.__dict__[SPARES] = panels
