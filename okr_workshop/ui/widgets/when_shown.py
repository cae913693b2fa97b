"""Redrawing a widget the room cannot see once, when it is shown, instead of at every edit.

The console keeps every screen built (``ui.idle_build``); if each redrew at every change, an
edit on one screen would pay for all the others (a large offsite: the Overview's findings alone
doubled the cost of a matrix letter).
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent


class RedrawWhenShown:
    """For a QWidget with ``refresh()``: on a change, call ``redraw()`` instead of ``refresh()``.
    Put it before the Qt class in the bases (its ``showEvent`` runs first)."""

    _stale = False

    def redraw(self) -> None:
        """Redraw now if this widget is up (or would be, were its window shown), else once it is."""
        if self.isWindow() or self.isVisibleTo(self.window()):  # type: ignore[attr-defined]
            self.refresh()  # type: ignore[attr-defined]
        else:
            self._stale = True

    def catch_up(self) -> None:
        """Redraw now if a change came while hidden. The main window calls it when it makes a
        screen current (a window not shown yet sends no show event)."""
        if self._stale:
            self._stale = False
            self.refresh()  # type: ignore[attr-defined]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.catch_up()
        super().showEvent(event)  # type: ignore[misc]
