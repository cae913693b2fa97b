"""How a queued job is answered: its result, or a Refusal the phone hears.

A module of its own so the desk and the voice desk share it without importing each other.
"""

from __future__ import annotations

from concurrent.futures import Future, InvalidStateError
from typing import Any


class Refusal(Exception):
    """A request the room answers with a 4xx or 503: ``status``, a stable ``code``, words for a person."""

    def __init__(self, status: int, code: str, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after


def not_a_voter() -> Refusal:
    """The person is not (or no longer) on the list of voters."""
    return Refusal(403, "not_a_voter", "You are not on this workshop's list of voters.")


def not_stored() -> Refusal:
    """Storing failed (a full disk, a file gone): passing, so the phone retries in 2 seconds."""
    return Refusal(503, "not_stored", "Not stored yet; trying again.", 2)


def resolve(future: Future, result: Any = None, problem: BaseException | None = None) -> None:
    """Settle a job's future once; one that is settled or cancelled already is left alone."""
    if future.done():
        return
    try:
        if problem is not None:
            future.set_exception(problem)
        else:
            future.set_result(result)
    except InvalidStateError:  # settled by another thread in between
        pass
