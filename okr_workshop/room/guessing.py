"""The room-wide limit on guessing codes, and why the codes are as long as they are.

Counted for the whole room, not per address: phones behind one Wi-Fi NAT share an address, and
an address locked out after ten typos locked out everyone behind it, right codes included. Here a
right code is always accepted at once, whatever happened before; only wrong guesses pay.

The rule: wrong codes are counted room-wide, each fading with a time constant of a minute. The
first ``FREE_FAILURES`` (typos) are answered at once; past that each wrong answer is held back
(an asyncio sleep in the server, no thread held) for ``STEP_SECONDS`` per failure over the
allowance, up to ``MAX_DELAY`` seconds. At most ``MAX_HELD`` answers are held at once; a wrong
guess beyond that gets 429 with Retry-After straight away.

The numbers (27-letter alphabet, see ``codes``):

* personal codes are 10 characters: 27**10 ≈ 2.1e14 codes; the room code is 8: 27**8 ≈ 2.8e11.
* a script that waits for its answers gets at most MAX_HELD / MAX_DELAY = 51 wrong answers a
  second once the room is under attack: 4.4 million guesses a day.
* a script that does not wait (a right code is answered at once, so silence means "wrong") is
  bounded by how fast the server answers at all: about 2,000 requests a second on a laptop
  (tests/benchmarks/bench_room.py), 1.7e8 guesses a day.
* at that worst rate, with 60 names on the list, a day finds some personal code with a
  chance of 60 × 1.7e8 / 2.1e14 ≈ 1 in 20,000, and the room code with 1.7e8 / 2.8e11 ≈ 1 in
  1,600. The room code is on the projector anyway: it only lets someone pick a name nobody has
  joined yet, which the console shows and the facilitator can release or reassign.

A workshop lasts hours, not days, and a flood of wrong codes shows on the facilitator's
console (``recent_failures``).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

FREE_FAILURES = 10.0  # wrong codes (room-wide, fading over a minute) answered at once
FADE_SECONDS = 60.0  # a failure's weight falls to 1/e after this long
STEP_SECONDS = 0.5  # added to each wrong answer's wait per failure beyond the free ones
MAX_DELAY = 10.0  # the longest a wrong answer is held back
MAX_HELD = 512  # wrong answers held back at once; beyond this, 429 at once


@dataclass(frozen=True)
class Verdict:
    """What to do with one wrong guess: hold the answer ``delay`` seconds, or refuse it now."""

    delay: float
    refuse_now: bool = False

    @property
    def retry_after(self) -> int:
        return max(1, math.ceil(self.delay))


class GuessGuard:
    """Counts wrong codes for the whole room and says how long each wrong answer waits. Thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._weight = 0.0  # failures, each fading with FADE_SECONDS
        self._when = clock()
        self._held: deque[float] = deque()  # when each held answer is released

    def failed(self) -> Verdict:
        """Record a wrong guess; how its answer is to be given."""
        now = self._clock()
        with self._lock:
            weight = self._faded(now) + 1.0
            self._weight, self._when = weight, now
            delay = min(MAX_DELAY, max(0.0, weight - FREE_FAILURES) * STEP_SECONDS)
            if delay <= 0:
                return Verdict(0.0)
            while self._held and self._held[0] <= now:
                self._held.popleft()
            if len(self._held) >= MAX_HELD:
                return Verdict(delay, refuse_now=True)
            self._held.append(now + delay)  # nearly in order: a shorter wait behind a longer one counts a bit long
            return Verdict(delay)

    def recent_failures(self) -> int:
        """About how many wrong codes were tried in the last minute or so, for the console."""
        with self._lock:
            return round(self._faded(self._clock()))

    def _faded(self, now: float) -> float:
        return self._weight * math.exp(-(now - self._when) / FADE_SECONDS)
