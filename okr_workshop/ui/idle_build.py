"""The screens not visited yet, built one at a time while the facilitator is not clicking.

A screen's first visit imports its module, builds its widgets and reads the workshop: 20-110 ms
on a large offsite, enough to make the room wait at the first click on each screen. After the
window's first frame and once the warm-up thread (``warm_up``) has loaded the heavy libraries,
this builds them ahead, one per timer tick, so that a click in between waits for one screen at
most, and a first visit is a show, like any later one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

TICK_MS = 40  # between two builds: a click, a key or a repaint gets its turn


class IdleBuild(QObject):
    """Runs ``steps`` one per tick once ``ready()`` is true; stops early when ``wanted()`` turns
    false (another file opened, the window closing). Emits ``done`` after the last step."""

    done = Signal()

    def __init__(self, parent: QObject, steps: Sequence[Callable[[], object]], ready: Callable[[], bool],
                 wanted: Callable[[], bool]):
        super().__init__(parent)
        self._steps = list(steps)
        self._ready = ready
        self._wanted = wanted
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        if not self._wanted():
            self._timer.stop()
            return
        if not self._ready():
            return
        if self._steps:
            self._steps.pop(0)()
        if not self._steps:
            self._timer.stop()
            self.done.emit()
