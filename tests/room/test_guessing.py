"""Guessing codes is limited for the whole room, and a phone that knows its code is never locked out."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from okr_workshop.room import guessing
from okr_workshop.room.codes import ALPHABET, JOIN_CODE_LENGTH, ROOM_CODE_LENGTH
from okr_workshop.room.guessing import FREE_FAILURES, MAX_DELAY, GuessGuard
from okr_workshop.room.session import HeadlessRoom

from .conftest import Client


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_guesses_wait_longer_as_the_room_fails_more_and_the_wait_fades():
    """Typos are answered at once; past the free ones each wrong answer waits longer, up to MAX_DELAY;
    a quiet minute or two brings the room back to answering at once."""
    clock = Clock()
    guard = GuessGuard(clock)
    free = [guard.failed() for _ in range(int(FREE_FAILURES) - 1)]
    assert all(v.delay == 0 and not v.refuse_now for v in free)
    waits = [guard.failed().delay for _ in range(40)]
    assert waits[1] > 0 and waits == sorted(waits) and max(waits) == MAX_DELAY
    assert guard.recent_failures() >= 49
    clock.now += 600  # ten quiet minutes
    assert guard.failed().delay == 0 and guard.recent_failures() <= 1


def test_at_most_max_held_answers_wait_then_429(monkeypatch):
    """Held answers are bounded: beyond MAX_HELD a wrong guess is refused at once with a Retry-After."""
    monkeypatch.setattr(guessing, "MAX_HELD", 3)
    clock = Clock()
    guard = GuessGuard(clock)
    verdicts = [guard.failed() for _ in range(int(FREE_FAILURES) + 4)]
    held = [v for v in verdicts if v.delay > 0 and not v.refuse_now]
    assert len(held) == 3 and verdicts[-1].refuse_now and verdicts[-1].retry_after >= 1
    clock.now += MAX_DELAY + 1  # the held answers have gone out
    assert not guard.failed().refuse_now


def test_codes_are_long_and_shown_grouped(room: HeadlessRoom):
    """Personal codes have 10 characters, the room code 8, from the projector-safe alphabet, with a dash."""
    assert JOIN_CODE_LENGTH >= 8 and ROOM_CODE_LENGTH >= 6
    group = f"[{ALPHABET}]"
    assert re.fullmatch(f"{group}{{4}}-{group}{{4}}", room.session.room_code)
    for _, _, code in room.session.join_codes():
        assert re.fullmatch(f"{group}{{5}}-{group}{{5}}", code)


def test_many_wrong_codes_never_lock_out_a_right_one(client: Client, codes, room: HeadlessRoom, monkeypatch):
    """After far more wrong codes than the old per-address limit of 10, from the same address, a right
    personal code and the right room code are still accepted at once; wrong ones now carry a Retry-After."""
    monkeypatch.setattr(guessing, "STEP_SECONDS", 0.01)  # keep the held answers short in a test
    guesses = [client.request("POST", "/api/join", {"code": f"ZZZZZ-ZZZ{n:02d}"}) for n in range(25)]
    assert {g.status for g in guesses} == {403} and all(g.data["error"] == "wrong_code" for g in guesses)
    assert "retry-after" not in guesses[0].headers and "retry-after" in guesses[-1].headers
    assert client.request("POST", "/api/join", {"code": codes["p2"]}).status == 200
    people = client.request("POST", "/api/people", {"room": room.session.room_code})
    assert people.status == 200
    assert client.request("POST", "/api/people", {"room": "WRONG-ROOM"}).status == 403
    assert room.session.wrong_codes() >= 25


def test_a_held_wrong_answer_holds_no_thread(client: Client, codes, room: HeadlessRoom, monkeypatch):
    """While a wrong guess's answer is held back, another phone joins and votes; past MAX_HELD the next
    wrong guess is 429 at once with Retry-After."""
    monkeypatch.setattr(guessing, "FREE_FAILURES", 0.0)  # as if the room were under attack already
    monkeypatch.setattr(guessing, "MAX_HELD", 2)
    monkeypatch.setattr(guessing, "STEP_SECONDS", 1.5)  # 1.5 s and 3 s: long enough to be seen waiting
    with ThreadPoolExecutor(2) as pool:
        held = [pool.submit(client.request, "POST", "/api/join", {"code": f"WRONG-GUES{n}"}) for n in range(2)]
        token = client.join(codes["p3"])
        assert client.ballot(token, "v1", {"pr1": 1}, "while-held-1").status == 200
        assert not any(f.done() for f in held)  # both still held back, the server answered others meanwhile
        refused = client.request("POST", "/api/join", {"code": "WRONG-GUESS"})
        assert refused.status == 429 and int(refused.headers["retry-after"]) >= 1
        answers = [f.result(timeout=15) for f in held]
    assert [a.status for a in answers] == [403, 403] and all(int(a.headers["retry-after"]) >= 1 for a in answers)


@pytest.mark.parametrize("path", ["/api/join", "/api/people"])
def test_a_wrong_room_code_counts_room_wide(client: Client, room: HeadlessRoom, path: str):
    """A wrong room code (the names list or a join) counts like a wrong personal code."""
    body = {"room": "AAAA-AAAA", "participant": "p1"} if path == "/api/join" else {"room": "AAAA-AAAA"}
    assert client.request("POST", path, body).status == 403
    assert room.session.wrong_codes() == 1
