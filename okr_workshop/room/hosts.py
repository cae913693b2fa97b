"""Which Host and Origin headers the room answers: its own names only.

A page on some other site can make a phone's browser send requests to the laptop (DNS
rebinding: a name that resolves to the laptop's address). Such a request carries that site's
name in ``Host`` and its origin in ``Origin``, so both are checked against this server's own:
the bound address, the machine's addresses, localhost and the machine's host name.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

from .network import local_addresses

WILDCARDS = ("", "0.0.0.0", "::")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def own_names(host: str) -> frozenset[str]:
    """Every name this server may be reached by when bound to ``host`` (lower case, IPv6 without brackets)."""
    names = {*LOOPBACK_NAMES, host.lower()}
    try:
        hostname = socket.gethostname().lower()
    except OSError:  # pragma: no cover - gethostname does not fail on the platforms we ship
        hostname = ""
    if hostname:
        names |= {hostname, f"{hostname}.local", hostname.split(".")[0]}
    if host in WILDCARDS:
        names |= {a.address for a in local_addresses()}
    names.discard("")
    return frozenset(names)


def split_host(value: str) -> tuple[str, int | None] | None:
    """``name[:port]`` or ``[v6][:port]`` as (name, port); None when it is not a host at all."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:]
    else:
        name, colon, port_text = value.partition(":")
        if colon and not port_text:
            return None
    if not name:
        return None
    if not port_text:
        return name, None
    if not port_text.isdigit() or len(port_text) > 5:
        return None
    return name, int(port_text)


class HostCheck:
    """Answers "is this our Host" and "is this our Origin" for a server on ``host``:``port``.

    The machine's addresses are read at start and again, at most every ``REFRESH_SECONDS``, when
    a request names one not known yet: the venue's Wi-Fi may hand the laptop a new address in
    the middle of a session, and the phones that follow the new one must still get in."""

    REFRESH_SECONDS = 5.0

    def __init__(self, host: str, port: int, clock: Callable[[], float] = time.monotonic):
        self.host = host
        self.port = port
        self._clock = clock
        self.names = own_names(host)
        self._read_at = clock()

    def host_ok(self, value: str | None) -> bool:
        found = split_host(value or "")
        if found is None or found[1] not in (None, self.port):
            return False
        return self._own(found[0])

    def _own(self, name: str) -> bool:
        if name in self.names:
            return True
        if self.host not in WILDCARDS or self._clock() - self._read_at < self.REFRESH_SECONDS:
            return False
        self.names = own_names(self.host)
        self._read_at = self._clock()
        return name in self.names

    def origin_ok(self, origin: str | None, host: str | None) -> bool:
        """No Origin (a script, an old browser) passes; one that is present must be this very server."""
        if origin is None:
            return True
        scheme, sep, rest = origin.strip().lower().partition("://")
        if scheme != "http" or not sep or "/" in rest:
            return False
        found = split_host(rest)
        own = split_host(host or "")
        if found is None or own is None or not self._own(found[0]):
            return False
        return (found[1] or 80) == self.port and found[0] == own[0]
