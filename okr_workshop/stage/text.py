"""What every stage drawing shares: the font, the sample line that measures characters, and the
record of each text drawn (``Drawn``), which the tests read instead of pixels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont

SAMPLE = "The quick brown fox jumps over the lazy dog, 0123456789; ŁÓŚĆ Ωμέγα Дмитрий"
CHAR_SAFETY = 1.08  # measure characters a little wide: a row of capitals must still fit


@dataclass(frozen=True)
class Drawn:
    """One text as drawn: its words, its font's pixel size and line height, and whether it fitted."""

    text: str
    pixel_size: int
    line_height: int
    rect: QRect
    fitted: bool = True


def font(pixel_size: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(max(1, pixel_size))
    f.setBold(bold)
    return f
