"""The stage's colours and type sizes: read from the back of a room.

Colours from the app's palette; every text colour keeps a contrast of at least 4.5:1 on the
background (checked by the tests with ``contrast``). Sizes are fractions of the stage's
height, so 720 p and 4K projectors show the same layout.
"""

from __future__ import annotations

import math

from ..palette import INK, OKABE_ITO

BACKGROUND = INK
BLANK = OKABE_ITO["black"]
TEXT = "#FFFFFF"
MUTED = "#C9CED6"
BAR = OKABE_ITO["sky"]
TEXT_COLOURS = (TEXT, MUTED, BAR)
STYLE_SHEET = f"StageWindow {{ background: {BACKGROUND}; }}"  # the stage window's own sheet

SMALL = 1 / 30  # the smallest text: the footer, the page number
BODY = 1 / 19
TITLE = 1 / 12
MARGIN = 1 / 20


def small_px(height: int) -> int:
    return max(12, math.ceil(height * SMALL))


def body_px(height: int) -> int:
    return max(small_px(height), round(height * BODY))


def title_px(height: int) -> int:
    return round(height * TITLE)


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two "#RRGGBB" colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
