"""Fixtures for the room tests: a small workshop file and a headless room server on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from okr_workshop.domain import model as m
from okr_workshop.room.session import HeadlessRoom
from okr_workshop.store.workshop_file import WorkshopFile

ITEMS = ["pr1", "pr2", "pr3", "pr4"]
TIMEOUT = 5.0


def room_workshop() -> m.Workshop:
    """A facilitator, four executives and a department head; one vote per method, and a closed one."""
    return m.Workshop(
        info=m.WorkshopInfo(title="Room test offsite", facilitator="p0"),
        participants=[
            m.Participant("p0", "Ana Facilitator", "facilitator"),
            m.Participant("p1", "Zoë Åberg"),
            m.Participant("p2", "山田 太郎"),
            m.Participant("p3", "Ελένη Π."),
            m.Participant("p4", "Sam Okafor"),
            m.Participant("p5", "Dept Head", "participant"),
        ],
        priorities=[m.Priority(i, f"Priority {i[2:]}") for i in ITEMS],
        votes=[
            m.Vote("v1", "Dots on what matters", "dots", 5, True, items=list(ITEMS), cap=3),
            m.Vote("v2", "Rank them", "rank", None, True, items=list(ITEMS)),
            m.Vote("v3", "Share 100 points", "points", 100, False, items=list(ITEMS)),
            m.Vote("v4", "Rate them", "scale", None, True, items=list(ITEMS)),
            m.Vote("v5", "An earlier round", "dots", 5, True, items=list(ITEMS), closed=True),
        ],
    )


def voice_workshop() -> m.Workshop:
    """The room workshop with the room's voice: an anonymous prompt, a named one and a closed one;
    questions from the floor: two open (one named by p2), a hidden one and an answered one."""
    ws = room_workshop()
    ws.prompts = [m.Prompt("q1", "What should we stop?"), m.Prompt("q2", "Which risk worries you?", named=True),
                  m.Prompt("q3", "An earlier prompt", closed=True)]
    ws.room_questions = [m.RoomQuestion("rq1", "Who owns the billing cut-over?", upvotes=2),
                         m.RoomQuestion("rq2", "Why now?", asked_by="p2", upvotes=3),
                         m.RoomQuestion("rq3", "Something rude", hidden=True),
                         m.RoomQuestion("rq4", "Already answered", status="answered")]
    return ws


@dataclass
class Reply:
    status: int
    data: Any
    headers: dict[str, str]


class Client:
    """Plain HTTP/1.1 requests to the room, each on its own connection, bounded in time."""

    def __init__(self, port: int):
        self.port = port

    def request(self, method: str, path: str, body: Any = None, token: str | None = None,
                raw: bytes | None = None, headers: dict[str, str] | None = None) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            sent = {"Content-Type": "application/json"} if (body is not None or raw is not None) else {}
            if token:
                sent["Authorization"] = f"Bearer {token}"
            sent.update(headers or {})
            payload = raw if raw is not None else (None if body is None else json.dumps(body).encode())
            conn.request(method, path, body=payload, headers=sent)
            response = conn.getresponse()
            text = response.read()
            kind = response.getheader("Content-Type", "")
            data = json.loads(text) if kind.startswith("application/json") else text
            return Reply(response.status, data, {k.lower(): v for k, v in response.getheaders()})
        finally:
            conn.close()

    def join(self, code: str) -> str:
        reply = self.request("POST", "/api/join", {"code": code})
        assert reply.status == 200, reply
        return reply.data["token"]

    def ballot(self, token: str, vote: str, scores: dict[str, int], key: str) -> Reply:
        return self.request("POST", "/api/ballot", {"vote": vote, "scores": scores, "key": key}, token)


# Debian's Chromium for the phone page's tests, driven by Playwright (never ``playwright install``:
# nothing is downloaded): test modules set ``pytestmark = needs_chromium`` and use ``browser``.
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at "
                                    "/usr/bin/chromium (tools/setup.sh --test installs it)")


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True, timeout=30_000)
        yield browser
        browser.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopFile]:
    with WorkshopFile.create(tmp_path / "room.okrw", room_workshop()) as f:
        yield f


@pytest.fixture
def room(store: WorkshopFile) -> Iterator[HeadlessRoom]:
    with HeadlessRoom(store, "127.0.0.1", 0) as running:
        yield running


@pytest.fixture
def client(room: HeadlessRoom) -> Client:
    return Client(room.session.server.port)


@pytest.fixture
def codes(room: HeadlessRoom) -> dict[str, str]:
    """participant id -> personal join code."""
    return {pid: code for pid, _, code in room.session.join_codes()}
