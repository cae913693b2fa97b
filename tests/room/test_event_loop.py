"""The room server's event loop: uvloop's where it is installed, asyncio's own otherwise."""

from __future__ import annotations

import asyncio
import sys

import pytest

from okr_workshop.room.server import new_event_loop


def test_the_server_loop_is_uvloop_where_it_is_installed():
    uvloop = pytest.importorskip("uvloop")
    loop = new_event_loop()
    try:
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()


def test_without_uvloop_the_standard_loop_serves(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvloop", None)  # as on Windows: importing it fails
    loop = new_event_loop()
    try:
        assert isinstance(loop, asyncio.BaseEventLoop)
        assert loop.run_until_complete(asyncio.sleep(0, result="served")) == "served"
    finally:
        loop.close()
