"""Secret ballots wait in memory and reach the file in shuffled batches, never one at a time.

Why: while another program holds a read transaction on the file (a backup or sync client,
an open ``sqlite3`` shell), SQLite's write-ahead log keeps every commit. If each secret ballot
were committed alone, two consecutive states of the file would differ by one new ballot and
one new name in ``voters``, and the secret would be gone. So a secret vote's ballots and its
voters' marks become durable together, at least ``BATCH`` at a time:

- while the vote is open, the file is written only once ``2 * BATCH`` new voters are waiting,
  and then all but ``BATCH`` of them, chosen at random, so that ``BATCH`` are always left for
  the last write;
- when the vote closes, or the file closes, everything still waiting is written at once.

Every write therefore adds at least ``BATCH`` ballots beside ``BATCH`` voters (fewer only when
the whole vote has fewer voters than that). The price: a crash loses the ballots still waiting;
their voters then show as not voted, and vote again. The laptop and the phones see every
ballot at once: the in-memory workshop includes the waiting ones.

No SQL here: this module only decides what waits and what is written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..domain import model as m

BATCH = 3


@dataclass(frozen=True)
class Held:
    """One ballot not yet in the file. ``voter`` is the name it adds to ``voters`` (None when
    the file lists that voter already: a changed vote); ``replaces`` is the ballot in the file
    that it takes the place of, if any."""

    ballot: m.Ballot
    voter: str | None
    replaces: str | None


class HeldBallots:
    """The secret ballots waiting for their batch, per vote."""

    def __init__(self, batch: int = BATCH, rng: random.Random | None = None):
        self.batch = batch
        self._rng = rng or random.SystemRandom()
        self._by_vote: dict[str, list[Held]] = {}

    def add(self, ballot: m.Ballot, voter: str | None, replaces: str | None) -> None:
        """Hold ``ballot``. Replacing a ballot that is itself still held takes its place in the
        queue: it inherits that one's voter and the file ballot it was to replace."""
        entries = self._by_vote.setdefault(ballot.vote, [])
        earlier = next((h for h in entries if h.ballot.id == replaces), None)
        if earlier is not None:
            entries.remove(earlier)
            voter, replaces = earlier.voter, earlier.replaces
        entries.append(Held(ballot, voter, replaces))

    def copy(self) -> HeldBallots:
        """A snapshot to go back to when the transaction that changed this one is rolled back."""
        twin = HeldBallots(self.batch, self._rng)
        twin._by_vote = {v: list(entries) for v, entries in self._by_vote.items()}
        return twin

    def entries(self, vote_id: str) -> list[Held]:
        return list(self._by_vote.get(vote_id, ()))

    def votes(self) -> list[str]:
        return [v for v, entries in self._by_vote.items() if entries]

    def due(self, vote_id: str) -> list[Held]:
        """What to write now: nothing until ``2 * batch`` new voters wait, then all but ``batch``
        of them (at random) and every changed vote waiting with them."""
        entries = self._by_vote.get(vote_id, [])
        newcomers = [h for h in entries if h.voter is not None]
        if len(newcomers) < 2 * self.batch:
            return []
        keep = {id(h) for h in self._rng.sample(newcomers, self.batch)}
        return self._take(vote_id, lambda h: id(h) not in keep)

    def take_all(self, vote_id: str) -> list[Held]:
        """Everything waiting for ``vote_id`` (the vote or the file is closing)."""
        return self._take(vote_id, lambda h: True)

    def drop(self, vote_id: str | None = None) -> None:
        """Forget the ballots held for ``vote_id`` (deleted), or for every vote (replaced whole)."""
        if vote_id is None:
            self._by_vote.clear()
        else:
            self._by_vote.pop(vote_id, None)

    def _take(self, vote_id: str, chosen) -> list[Held]:
        entries = self._by_vote.get(vote_id, [])
        taken = [h for h in entries if chosen(h)]
        self._by_vote[vote_id] = [h for h in entries if not chosen(h)]
        return taken
