"""Text cut into rows of a width in characters, for the stage's views and its map boxes."""

from __future__ import annotations

import textwrap


def wrap(text: str, width: int) -> list[str]:
    """Rows of at most ``width`` characters; a word longer than a row is broken, never cut off."""
    return textwrap.wrap(text, max(4, width), break_on_hyphens=False) or [""]
