"""Which addresses this computer has, so the facilitator can pick the room's network.

Standard library only (the headless server has no Qt). Nothing is sent: the socket opened to
ask the kernel for an interface's address is never connected.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import sys
from typing import NamedTuple

LOOPBACK = "127.0.0.1"


class Address(NamedTuple):
    interface: str
    address: str

    @property
    def label(self) -> str:
        if self.address == LOOPBACK:
            return f"This computer only ({self.address})"
        return f"{self.interface}: {self.address}" if self.interface else self.address


def _linux_addresses() -> list[Address]:
    import fcntl

    found: list[Address] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            with contextlib.suppress(OSError):
                packed = fcntl.ioctl(probe.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))  # SIOCGIFADDR
                found.append(Address(name, socket.inet_ntoa(packed[20:24])))
    return found


def _resolver_addresses() -> list[Address]:
    with contextlib.suppress(OSError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        return [Address("", info[4][0]) for info in infos]
    return []


def local_addresses() -> list[Address]:
    """This computer's IPv4 addresses, the room's networks first and loopback last."""
    found = _linux_addresses() if sys.platform.startswith("linux") else []
    found = found or _resolver_addresses()
    unique = list(dict.fromkeys(a for a in found if not a.address.startswith("127.")))
    return [*unique, Address("lo", LOOPBACK)]
