"""Join codes, the room code and device tokens: kept in memory only, for one server run.

Nothing here is written to the workshop file: a restart issues new codes and forgets every
device, so a code read off an old printout or a photo of the projector opens nothing later.

How long the codes are, and why, is worked out in ``guessing`` (the room-wide guessing limit).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass

# No 0/O, 1/I/L, 5/S, 2/Z: codes are read off a projector and typed on a phone keyboard.
ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
JOIN_CODE_LENGTH = 10  # 27**10 ≈ 2.1e14, shown ABCDE-FGHJK: see ``guessing`` for the arithmetic
ROOM_CODE_LENGTH = 8  # 27**8 ≈ 2.8e11, shown ABCD-EFGH on the projector
BY_ROOM_CODE = "room code"
BY_PERSONAL_CODE = "personal code"


def new_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """What the person typed, forgiving case, spaces and dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def format_code(code: str) -> str:
    """A code as people read it: two halves joined by a dash (``ABCDE-FGHJK``, ``ABCD-EFGH``)."""
    half = (len(code) + 1) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) > 5 else code


@dataclass(frozen=True)
class Device:
    token: str
    participant: str
    via: str = BY_PERSONAL_CODE  # how this device joined: BY_PERSONAL_CODE or BY_ROOM_CODE


@dataclass(frozen=True)
class Joined:
    """One joined person, as the facilitator's console lists them."""

    participant: str
    devices: int
    via: tuple[str, ...]  # how their devices joined, each way once


class NameInUse(Exception):
    """The name was taken already: the room code alone cannot join it again."""


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
            return self._new_code(participant)

    def _new_code(self, participant: str) -> str:
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

    def issue(self, participant: str, max_devices: int = 10, via: str = BY_PERSONAL_CODE) -> Device:
        """A new device token: each phone has its own, so one can be forgotten without the others.
        A person's oldest device is forgotten beyond ``max_devices`` (joining in a loop grows nothing).

        With the room code (``via=BY_ROOM_CODE``) only a name nobody has joined yet can be taken,
        else NameInUse: anyone in the room knows the room code, only the person knows their own code.
        """
        device = Device(secrets.token_urlsafe(24), participant, via)
        with self._lock:
            own = [t for t, d in self._devices.items() if d.participant == participant]
            if own and via == BY_ROOM_CODE:
                raise NameInUse(participant)
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

    # ----- the facilitator's console ------------------------------------------------------

    def joined(self) -> dict[str, Joined]:
        """participant -> how many devices joined and how, for everyone with at least one device."""
        with self._lock:
            devices = list(self._devices.values())
        found: dict[str, list[Device]] = {}
        for device in devices:
            found.setdefault(device.participant, []).append(device)
        return {pid: Joined(pid, len(own), tuple(dict.fromkeys(d.via for d in own)))
                for pid, own in found.items()}

    def release(self, participant: str) -> int:
        """Forget every device of ``participant`` (the name can be joined again); how many there were."""
        with self._lock:
            return self._drop_devices(participant)

    def reassign(self, participant: str) -> str:
        """Forget their devices and retire their personal code: the new code is the only way back in."""
        with self._lock:
            self._drop_devices(participant)
            old = self._codes.pop(participant, None)
            if old is not None:
                self._join.pop(old, None)
            return self._new_code(participant)

    def _drop_devices(self, participant: str) -> int:
        """Forget ``participant``'s devices (the caller holds the lock); how many there were."""
        own = [t for t, d in self._devices.items() if d.participant == participant]
        for token in own:
            del self._devices[token]
        return len(own)
