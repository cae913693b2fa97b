"""Hostile and malformed requests get a 4xx JSON answer, store nothing, and never stall the room."""

from __future__ import annotations

import dataclasses
import json
import logging
import socket

from okr_workshop.room.api import MAX_BODY
from okr_workshop.room.session import HeadlessRoom
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import TIMEOUT, Client


def ballots(store: WorkshopFile, vote: str) -> int:
    return len(next(v for v in store.workshop.votes if v.id == vote).ballots)


def test_a_bad_or_missing_token_is_401_and_stores_nothing(client: Client, store: WorkshopFile):
    """A made-up token, a missing one and a malformed Authorization header are all 401 JSON."""
    for token in ("made-up-token", None):
        assert client.request("GET", "/api/me", token=token).status == 401
        reply = client.ballot(token, "v1", {"pr1": 1}, "key-00001")
        assert reply.status == 401 and reply.data["error"] == "not_joined"
    reply = client.request("GET", "/api/me", headers={"Authorization": "Basic abc"})
    assert reply.status == 401
    assert ballots(store, "v1") == 0


def test_a_request_key_replayed_on_another_vote_is_refused(client: Client, codes, store: WorkshopFile):
    """Replaying a ballot's key with another vote (or other scores) is 409, and the other vote gets nothing."""
    token = client.join(codes["p1"])
    assert client.ballot(token, "v1", {"pr1": 2}, "same-key-1").status == 200
    replay = client.ballot(token, "v4", {"pr1": 1, "pr2": 2, "pr3": 3, "pr4": 4}, "same-key-1")
    assert replay.status == 409 and replay.data["error"] == "key_reused"
    assert ballots(store, "v4") == 0 and ballots(store, "v1") == 1


def test_a_token_from_an_earlier_room_run_is_401(store: WorkshopFile):
    """Tokens live in memory: after a restart an old token opens nothing, and new codes are issued."""
    with HeadlessRoom(store, "127.0.0.1", 0) as first:
        old_code = first.session.join_codes()[0][2]
        token = Client(first.session.server.port).join(old_code)
    with HeadlessRoom(store, "127.0.0.1", 0) as second:
        client = Client(second.session.server.port)
        assert client.request("GET", "/api/me", token=token).status == 401
        assert client.ballot(token, "v1", {"pr1": 1}, "key-00002").status == 401
        assert second.session.join_codes()[0][2] != old_code or first.session.room_code != second.session.room_code
    assert ballots(store, "v1") == 0


def test_an_oversized_body_is_413_before_it_is_read(client: Client, codes):
    """A Content-Length over the limit is refused at once (the megabyte is never read) and the room works on."""
    token = client.join(codes["p1"])
    with socket.create_connection(("127.0.0.1", client.port), timeout=TIMEOUT) as sock:
        sock.sendall(b"POST /api/ballot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     + f"Authorization: Bearer {token}\r\nContent-Length: 1000000\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(4096):  # the server closes the connection after its answer
            answer += chunk
    answer = answer.decode()
    assert answer.startswith("HTTP/1.1 413") and '"too_large"' in answer
    big = client.request("POST", "/api/ballot", raw=b'{"vote": "v1", "pad": "' + b"x" * MAX_BODY + b'"}', token=token)
    assert big.status == 413
    assert client.request("GET", "/api/me", token=token).status == 200


def test_wrong_methods_are_405_and_no_get_changes_anything(client: Client, codes, store: WorkshopFile):
    """GET on the POST routes, POST on the page, PUT/DELETE anywhere: 405 with Allow; unknown paths 404."""
    token = client.join(codes["p1"])
    for method, path in [("GET", "/api/ballot"), ("GET", "/api/join"), ("GET", "/api/answers"),
                         ("GET", "/api/leave"), ("POST", "/"), ("PUT", "/api/ballot"), ("DELETE", "/api/me"),
                         ("OPTIONS", "/api/ballot")]:
        reply = client.request(method, path, token=token)
        assert reply.status == 405, (method, path)
        assert reply.data["error"] == "method_not_allowed" and reply.headers["allow"]
    for path in ("/etc/passwd", "/../okr_workshop/cli.py", "/api/ballots", "/static/app.js"):
        assert client.request("GET", path).status == 404
    assert client.request("GET", "/api/ballot?vote=v1&scores=pr1:1", token=token).status == 405
    assert ballots(store, "v1") == 0
    assert client.request("GET", "/api/me", token=token).status == 200  # the token still works


def test_malformed_json_and_wrong_content_type_are_4xx(client: Client, codes, store: WorkshopFile):
    """Broken JSON, a JSON list, bad UTF-8, deep nesting and a form post are refused with JSON errors."""
    token = client.join(codes["p1"])
    for raw in (b'{"vote": "v1", "scores": {', b"[1, 2]", b"\xff\xfe{}", b"[" * 5000 + b"]" * 5000, b""):
        reply = client.request("POST", "/api/ballot", raw=raw, token=token)
        assert reply.status == 400 and reply.data["error"] == "malformed_json", raw[:20]
    form = client.request("POST", "/api/ballot", raw=b"vote=v1", token=token,
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status == 415
    for body in ({"vote": "v1", "scores": [1]}, {"vote": 7, "scores": {}}, {"scores": {"pr1": 1}}):
        assert client.request("POST", "/api/ballot", {**body, "key": "key-00003"}, token).status == 400
    assert client.ballot(token, "v1", {"pr1": 1}, "short").status == 400  # a key too short to be unique
    assert ballots(store, "v1") == 0


def test_ballots_that_break_the_vote_rules_are_422(client: Client, codes, store: WorkshopFile):
    """Over budget, over the cap, unknown items, half a ranking, 6 on a scale, points not adding up: 422."""
    token = client.join(codes["p2"])
    bad = [
        ("v1", {"pr1": 3, "pr2": 3}, "exceeds budget"),
        ("v1", {"pr1": 4}, "cap"),
        ("v1", {"elsewhere": 1}, "not on this vote"),
        ("v1", {"pr1": 1.5}, "whole number"),
        ("v1", {"pr1": True}, "whole number"),
        ("v2", {"pr1": 1, "pr2": 2, "pr3": 3}, "every item"),
        ("v2", {"pr1": 1, "pr2": 1, "pr3": 3, "pr4": 4}, "ranks must be"),
        ("v3", {"pr1": 60, "pr2": 30}, "must equal 100"),
        ("v4", {"pr1": 6, "pr2": 1, "pr3": 1, "pr4": 1}, "between 1 and 5"),
        ("nope", {"pr1": 1}, "no such vote"),
    ]
    for n, (vote, scores, words) in enumerate(bad):
        reply = client.ballot(token, vote, scores, f"bad-ballot-{n:03d}")
        assert reply.status in (404, 422), (vote, scores, reply)
        assert words.lower() in reply.data["message"].lower(), reply.data
    assert all(not v.ballots and not v.voted for v in store.workshop.votes if v.id != "v5")


def test_a_closed_vote_takes_no_ballot_and_no_revote(client: Client, codes, store: WorkshopFile):
    """A closed vote refuses ballots (409 closed); closing after a ballot also ends re-voting."""
    token = client.join(codes["p3"])
    reply = client.ballot(token, "v5", {"pr1": 1}, "closed-vote-1")
    assert reply.status == 409 and reply.data["error"] == "closed"
    assert client.ballot(token, "v1", {"pr1": 1}, "closed-vote-2").status == 200
    vote = next(v for v in store.workshop.votes if v.id == "v1")
    store.put(dataclasses.replace(vote, closed=True))  # the writer thread is idle between requests
    again = client.ballot(token, "v1", {"pr2": 1}, "closed-vote-3")
    assert again.status == 409 and again.data["error"] == "closed"
    assert [b.scores for b in next(v for v in store.workshop.votes if v.id == "v1").ballots] == [{"pr1": 1}]


def test_a_garbled_request_and_a_silent_client_do_not_stall_the_room(client: Client, codes):
    """Garbage instead of HTTP gets a JSON 400; a client that sends half a request blocks nobody else."""
    with socket.create_connection(("127.0.0.1", client.port), timeout=TIMEOUT) as garbage:
        garbage.sendall(b"\x16\x03\x01 hello there\r\n\r\n")
        answer = b""
        while chunk := garbage.recv(4096):
            answer += chunk
    answer = answer.decode("latin-1")
    assert answer.startswith("HTTP/") and " 400 " in answer.split("\r\n")[0] and "application/json" in answer
    silent = [socket.create_connection(("127.0.0.1", client.port), timeout=TIMEOUT) for _ in range(5)]
    try:
        for sock in silent:
            sock.sendall(b"POST /api/join HTTP/1.1\r\nContent-Length: 50\r\n")  # and then nothing
        token = client.join(codes["p4"])  # served beside the silent ones (the client's timeout bounds it)
        assert client.request("GET", "/api/me", token=token).status == 200
    finally:
        for sock in silent:
            sock.close()


def test_rate_limits_per_token(client: Client, codes):
    """A device hammering the API gets 429 with Retry-After; other devices are served on.
    (Guessing codes is limited room-wide: tests/room/test_guessing.py.)"""
    token = client.join(codes["p1"])
    statuses = [client.request("GET", "/api/me", token=token).status for _ in range(45)]
    assert 429 in statuses and statuses[0] == 200
    limited = client.request("GET", "/api/me", token=token)
    assert limited.status == 429 and int(limited.headers["retry-after"]) >= 1
    assert client.request("GET", "/api/me", token=client.join(codes["p2"])).status == 200


def test_the_facilitator_cannot_join_or_vote(client: Client, room: HeadlessRoom):
    """Only voters get codes; naming the facilitator with the room code is refused."""
    assert "p0" not in {pid for pid, _, _ in room.session.join_codes()}
    reply = client.request("POST", "/api/join", {"room": room.session.room_code, "participant": "p0"})
    assert reply.status == 404


def test_nothing_logged_reveals_a_secret_ballot(client: Client, codes, caplog):
    """At DEBUG, a secret ballot and a refused one leave no scores, items or tokens in the log."""
    caplog.set_level(logging.DEBUG)
    token = client.join(codes["p1"])
    assert client.ballot(token, "v1", {"pr3": 2, "pr4": 1}, "logged-key-1").status == 200
    assert client.ballot(token, "v2", {"pr3": 9}, "logged-key-2").status == 422
    text = caplog.text + json.dumps([r.args for r in caplog.records], default=str)
    for secret in ("pr3", "pr4", token, "logged-key"):
        assert secret not in text


def test_a_huge_request_head_is_431_and_the_room_works_on(client: Client, codes):
    """A header beyond 8 KiB is refused with a JSON 431 instead of being buffered."""
    with socket.create_connection(("127.0.0.1", client.port), timeout=TIMEOUT) as sock:
        sock.sendall(b"GET /api/me HTTP/1.1\r\n" + b"X-Pad: " + b"a" * 40_000 + b"\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.split(b" ", 2)[1] == b"431" and b'"head_too_large"' in answer
    assert client.request("GET", "/api/me", token=client.join(codes["p1"])).status == 200
