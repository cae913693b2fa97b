"""Join codes, the room code and device tokens: kept in memory only, for one server run.

Nothing here is written to the workshop file: a restart issues new codes and forgets every
device, so a code read off an old printout or a photo of the projector opens nothing later.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass

# No 0/O, 1/I/L, 5/S, 2/Z: codes are read off a projector and typed on a phone keyboard.
ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
JOIN_CODE_LENGTH = 6  # 27**6 ≈ 390 million: with failed joins rate limited, not guessable in a day
ROOM_CODE_LENGTH = 4  # shown big on the projector; the name list behind it is only a convenience


def new_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """What the person typed, forgiving case, spaces and dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


@dataclass(frozen=True)
class Device:
    token: str
    participant: str


class Roster:
    """Who can join with which code, and which device token belongs to whom. Thread-safe."""

    def __init__(self, people: Iterable[str]):
        self.room_code = new_code(ROOM_CODE_LENGTH)
        self._lock = threading.Lock()
        self._join: dict[str, str] = {}  # personal join code -> participant
        self._codes: dict[str, str] = {}  # participant -> personal join code
        self._devices: dict[str, Device] = {}
        for person in people:
            self.add(person)

    def add(self, participant: str) -> str:
        """A personal join code for ``participant`` (the same one if it has one already)."""
        with self._lock:
            if participant in self._codes:
                return self._codes[participant]
            code = new_code(JOIN_CODE_LENGTH)
            while code in self._join:
                code = new_code(JOIN_CODE_LENGTH)
            self._join[code] = participant
            self._codes[participant] = code
            return code

    def code_of(self, participant: str) -> str | None:
        with self._lock:
            return self._codes.get(participant)

    def by_join_code(self, code: str) -> str | None:
        """The participant whose personal code this is, or None."""
        with self._lock:
            return self._join.get(normalise_code(code))

    def room_code_matches(self, code: str) -> bool:
        return secrets.compare_digest(normalise_code(code).encode(), self.room_code.encode())

    def issue(self, participant: str, max_devices: int = 10) -> Device:
        """A new device token: each phone has its own, so one can be forgotten without the others.
        A person's oldest device is forgotten beyond ``max_devices`` (joining in a loop grows nothing)."""
        device = Device(secrets.token_urlsafe(24), participant)
        with self._lock:
            own = [t for t, d in self._devices.items() if d.participant == participant]
            for token in own[: max(0, len(own) - max_devices + 1)]:
                del self._devices[token]
            self._devices[device.token] = device
        return device

    def device(self, token: str) -> Device | None:
        with self._lock:
            return self._devices.get(token)

    def forget(self, token: str) -> None:
        with self._lock:
            self._devices.pop(token, None)
