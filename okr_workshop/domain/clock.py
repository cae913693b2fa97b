"""Where the time comes from. A module of its own, so the window can hold a clock without
loading the run of show's maths before its first frame."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """What the UI asks for the time; tests give it a clock they move by hand."""

    def now(self) -> datetime: ...


class SystemClock:
    """The laptop's local time, to the second."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)


def stamp(moment: datetime) -> str:
    """The stored form of a moment: local ISO 8601 to the second."""
    return moment.replace(microsecond=0).isoformat(timespec="seconds")
