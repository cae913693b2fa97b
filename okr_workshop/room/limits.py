"""Rate limits: a token bucket per key (a device token, or a client address before it joins).

A phone polls every few seconds and sends a ballot now and then; a script hammering the
server gets 429 answers after a short burst instead of slowing every other phone down.
Questions from the floor have a tighter bucket of their own, per person, so nobody floods the list.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

MAX_KEYS = 10_000  # a flood of made-up keys must not grow memory without bound
# Questions from the floor, per person (all their phones together): a few at once, then one every
# 12 seconds. A real question takes longer than that to type; a script gets 429 and nothing stored.
QUESTION_BURST = 5
QUESTIONS_PER_SECOND = 1 / 12


class RateLimiter:
    """At most ``burst`` requests at once, refilled at ``per_second``. Thread-safe."""

    def __init__(self, burst: float, per_second: float, clock: Callable[[], float] = time.monotonic):
        self.burst = burst
        self.per_second = per_second
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when)

    def allow(self, key: str, cost: float = 1.0) -> bool:
        """Take ``cost`` from ``key``'s bucket; False (and nothing taken) when it is too empty."""
        now = self._clock()
        with self._lock:
            tokens, when = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - when) * self.per_second)
            allowed = tokens >= cost
            if allowed:
                tokens -= cost
            if len(self._buckets) >= MAX_KEYS and key not in self._buckets:
                self._prune(now)
            self._buckets[key] = (tokens, now)
            return allowed

    def retry_after(self, key: str, cost: float = 1.0) -> int:
        """Whole seconds until ``key`` may try again."""
        with self._lock:
            tokens, when = self._buckets.get(key, (self.burst, self._clock()))
        missing = cost - min(self.burst, tokens + (self._clock() - when) * self.per_second)
        return max(1, int(missing / self.per_second + 0.999)) if missing > 0 else 0

    def _prune(self, now: float) -> None:
        """Drop buckets that have refilled completely: they carry no information."""
        full = [k for k, (t, w) in self._buckets.items() if t + (now - w) * self.per_second >= self.burst]
        for key in full:
            del self._buckets[key]
        if len(self._buckets) >= MAX_KEYS:  # all busy: forget the oldest rather than grow
            for key in sorted(self._buckets, key=lambda k: self._buckets[k][1])[: MAX_KEYS // 10]:
                del self._buckets[key]
