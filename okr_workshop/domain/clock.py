"""Where the time comes from, and a time of day as the agenda writes it. A module of its own,
so the window can hold a clock, and a file be read, without loading the run of show's maths
before the first frame."""

from __future__ import annotations

from datetime import datetime, time
from typing import Protocol


class Clock(Protocol):
    """What the UI asks for the time; tests give it a clock they move by hand."""

    def now(self) -> datetime: ...


class SystemClock:
    """The laptop's local time, to the second."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)


def clock_time(text: str) -> time | None:
    """A planned start ("09:00"), or None when it is empty or not a time of day."""
    if not text or len(text.strip()) != 5:
        return None
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        return None


def stamp(moment: datetime) -> str:
    """The stored form of a moment: local ISO 8601 to the second."""
    return moment.replace(microsecond=0).isoformat(timespec="seconds")
