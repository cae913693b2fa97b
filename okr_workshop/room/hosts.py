"""Which Host and Origin headers the room answers: its own names only.

A page on some other site can make a phone's browser send requests to the laptop (DNS
rebinding: a name that resolves to the laptop's address). Such a request carries that site's
name in ``Host`` and its origin in ``Origin``, so both are checked against this server's own:
the bound address, the machine's addresses, localhost and the machine's host name.
"""

from __future__ import annotations

import socket

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
    """Answers "is this our Host" and "is this our Origin" for a server on ``host``:``port``."""

    def __init__(self, host: str, port: int):
        self.names = own_names(host)
        self.port = port

    def host_ok(self, value: str | None) -> bool:
        found = split_host(value or "")
        return found is not None and found[0] in self.names and found[1] in (None, self.port)

    def origin_ok(self, origin: str | None, host: str | None) -> bool:
        """No Origin (a script, an old browser) passes; one that is present must be this very server."""
        if origin is None:
            return True
        scheme, sep, rest = origin.strip().lower().partition("://")
        if scheme != "http" or not sep or "/" in rest:
            return False
        found = split_host(rest)
        own = split_host(host or "")
        if found is None or own is None or found[0] not in self.names:
            return False
        return (found[1] or 80) == self.port and found[0] == own[0]
