"""A quicker hand-over of the interpreter while a worker thread runs beside the window.

The window's thread gives the interpreter lock up at each call into Qt and must then wait for
it. Against a worker that never waits (the pack's layout), it gets the lock back only at the
worker's next forced hand-over, every 5 ms by default: a frame of a hundred Qt calls then took
100+ ms for 10 ms of work (tests/benchmarks/bench_soak.py). While some worker holds this, the
hand-over comes every half millisecond. (Beside the room server it changed nothing measurable:
there the window's stall is its own redraw, bench_room_gui.py.)
"""

from __future__ import annotations

import sys

QUICK_S = 0.0005
_holders: set[int] = set()
_usual: list[float] = []  # the interval to put back when the last holder lets go


def hold(owner: object) -> None:
    if not _holders:
        _usual[:] = [sys.getswitchinterval()]
        sys.setswitchinterval(QUICK_S)
    _holders.add(id(owner))


def release(owner: object) -> None:
    _holders.discard(id(owner))
    if not _holders and _usual:
        sys.setswitchinterval(_usual.pop())
