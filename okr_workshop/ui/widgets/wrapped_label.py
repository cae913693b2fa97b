"""A word-wrapped label that lays its text out once per width.

Qt asks a wrapped label for its height at a given width many times while it settles a
layout: the demo's first frame asked the Overview's two lists 44 times each, at five widths,
and each answer laid the whole text out again (QLabel keeps no such answer). That was about
10 ms of the first frame. This label remembers each width's height until its text, font,
margins or style change.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    """A QLabel with word wrap on, answering ``heightForWidth`` from a cache."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    # What changes the text's layout empties the cache (font, style and margins arrive as change events).

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().changeEvent(event)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setText(text)

    def setTextFormat(self, text_format) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setTextFormat(text_format)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setWordWrap(on)

    def setIndent(self, indent: int) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setMargin(margin)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()
