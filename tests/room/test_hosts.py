"""The Host check follows the laptop's addresses: a new one from the venue's Wi-Fi is let in."""

from __future__ import annotations

from okr_workshop.room import hosts
from okr_workshop.room.network import Address


def test_a_new_address_of_the_laptop_is_accepted_after_a_refresh(monkeypatch):
    """Bound to every interface: an address the laptop gets mid-session passes once re-read; others never."""
    now = [100.0]
    found = [[Address("wlan0", "10.1.1.5")]]
    monkeypatch.setattr(hosts, "local_addresses", lambda: found[0])
    check = hosts.HostCheck("0.0.0.0", 8765, clock=lambda: now[0])
    assert check.host_ok("10.1.1.5:8765") and not check.host_ok("10.1.1.9:8765")
    found[0] = [Address("wlan0", "10.1.1.9")]  # the Wi-Fi renewed the lease with a new address
    assert not check.host_ok("10.1.1.9:8765")  # read again at most every few seconds
    now[0] += hosts.HostCheck.REFRESH_SECONDS
    assert check.host_ok("10.1.1.9:8765")
    assert check.origin_ok("http://10.1.1.9:8765", "10.1.1.9:8765")
    assert not check.host_ok("evil.example:8765") and not check.host_ok("10.1.1.9:9999")


def test_a_server_bound_to_one_address_never_widens(monkeypatch):
    """Bound to one address, only that address (and this machine's names) ever pass."""
    monkeypatch.setattr(hosts, "local_addresses", lambda: [Address("wlan0", "10.1.1.9")])
    now = [0.0]
    check = hosts.HostCheck("10.1.1.5", 8765, clock=lambda: now[0])
    now[0] += 60
    assert check.host_ok("10.1.1.5:8765") and not check.host_ok("10.1.1.9:8765")
