"""The ranges of the numbers a workshop may hold, in one place for import, opening and the screens.

Each is what the thing it counts can sensibly be, and all lie well inside what an SQLite
INTEGER holds (-2**63 .. 2**63 - 1), so storing a workshop never overflows. Opening a file
checks them too, so every range here is one the screens keep to as well (a typed value outside
it is refused there with the same bound), and counts that grow with the clock or a button
(paused seconds, added minutes) get only the outer bound: no use of the app may make its own
file unopenable.
"""

from __future__ import annotations

MAX_DAY_MINUTES = 24 * 60  # a session, a forum's meeting: at most a day
MAX_AGENDA_DAYS = 31  # an offsite's agenda: day 1 to day 31
MAX_HANDS = 999  # hands raised for one item (the show-of-hands dialog's range)
# Baselines, targets and map positions: beyond a million billion a number stops being a measure
# (and a float stops holding whole units exactly).
MAX_MAGNITUDE = 10**15
MAX_PAUSED_SECONDS = MAX_MAGNITUDE  # grows with the clock while a session is paused
MAX_EXTENDED_MINUTES = MAX_MAGNITUDE  # grows with each "+5 min"


def whole_number_problem(value: object, low: int, high: int) -> str | None:
    """Why ``value`` is not a whole number from ``low`` to ``high``, in words; None when it is."""
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return None
    return f"Use a whole number from {low} to {high}"
