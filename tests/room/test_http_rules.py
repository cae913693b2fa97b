"""The HTTP layer's rules: huge numbers, foreign Host and Origin headers, smuggling, idle connections."""

from __future__ import annotations

import logging
import socket

import pytest

from okr_workshop.room.session import HeadlessRoom
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import TIMEOUT, Client

HUGE = "9" * 5000


def raw(port: int, data: bytes) -> bytes:
    """Send ``data`` on a fresh connection and read until the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    return answer


def no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR], caplog.text
    assert "Traceback" not in caplog.text


def test_a_5000_digit_number_is_400_anywhere(client: Client, codes, room: HeadlessRoom, caplog):
    """A 5,000-digit integer in a ballot, a join or the names request is a JSON 400, never a 500."""
    caplog.set_level(logging.DEBUG)
    token = client.join(codes["p1"])
    bodies = [("/api/join", f'{{"code": {HUGE}}}'), ("/api/people", f'{{"room": {HUGE}}}'),
              ("/api/join", f'{{"room": "x", "participant": "p1", "n": -{HUGE}}}'),
              ("/api/ballot", f'{{"vote": "v1", "scores": {{"pr1": {HUGE}}}, "key": "huge-number-1"}}'),
              ("/api/answers", f'{{"answers": {HUGE}, "key": "huge-number-2"}}')]
    for path, body in bodies:
        reply = client.request("POST", path, raw=body.encode(), token=token)
        assert reply.status == 400 and reply.data["error"] == "malformed_json", (path, reply)
    no_traceback(caplog)


def test_a_5000_digit_content_length_is_a_json_4xx(client: Client, caplog):
    """A Content-Length of 5,000 digits is refused with a JSON 400 or 413, and no traceback is logged."""
    caplog.set_level(logging.DEBUG)
    answer = raw(client.port, b"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: " + HUGE.encode() + b"\r\n\r\n{}")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ", 2)[1] in (b"400", b"413") and b"application/json" in head, answer[:200]
    assert b'"error"' in body
    no_traceback(caplog)


def test_requests_for_another_host_are_421(client: Client, room: HeadlessRoom):
    """DNS rebinding: a Host that is not one of the server's own names is 421 JSON; its own names work."""
    for host in ("evil.example", f"evil.example:{client.port}", "127.0.0.1.evil.example", "[::2]", "127.0.0.1:1"):
        reply = client.request("GET", "/", headers={"Host": host})
        assert reply.status == 421 and reply.data["error"] == "wrong_host", host
    for host in (f"127.0.0.1:{client.port}", "localhost", f"localhost:{client.port}", "127.0.0.1",
                 f"[::1]:{client.port}", socket.gethostname()):
        assert client.request("GET", "/", headers={"Host": host}).status == 200, host
    answer = raw(client.port, b"GET / HTTP/1.0\r\n\r\n")  # no Host at all
    assert answer.split(b" ", 2)[1] == b"421"


def test_a_post_from_another_origin_is_403(client: Client, codes, store: WorkshopFile):
    """A page elsewhere cannot post to the room: a foreign (or "null") Origin is 403; the own origin and
    requests without Origin (scripts, old browsers) go through."""
    own = f"http://127.0.0.1:{client.port}"
    for origin in ("http://evil.example", "null", f"https://127.0.0.1:{client.port}", "http://127.0.0.1:1",
                   f"http://localhost:{client.port}"):  # another name for this machine is another origin
        reply = client.request("POST", "/api/join", {"code": codes["p1"]}, headers={"Origin": origin})
        assert reply.status == 403 and reply.data["error"] == "wrong_origin", origin
    token = client.request("POST", "/api/join", {"code": codes["p1"]}, headers={"Origin": own}).data["token"]
    assert client.request("GET", "/api/me", token=token, headers={"Origin": "http://evil.example"}).status == 200
    assert client.ballot(token, "v1", {"pr1": 1}, "own-origin-1").status == 200


def test_smuggling_and_chunked_bodies_are_refused(client: Client, codes, store: WorkshopFile):
    """Content-Length with Transfer-Encoding, two Content-Lengths, and a chunked body: all 4xx, nothing stored."""
    token = client.join(codes["p1"])
    body = b'{"vote": "v1", "scores": {"pr1": 1}, "key": "smuggled-1"}'
    head = (f"POST /api/ballot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {token}\r\n").encode()
    chunked = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    for extra, payload in ((b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n" % len(body), chunked),
                           (b"Content-Length: %d\r\nContent-Length: 5\r\n" % len(body), body),
                           (b"Transfer-Encoding: chunked\r\n", chunked)):
        answer = raw(client.port, head + extra + b"\r\n" + payload)
        assert answer.split(b" ", 2)[1] in (b"400", b"411"), answer[:120]
        assert b"application/json" in answer.partition(b"\r\n\r\n")[0]
    assert next(v for v in store.workshop.votes if v.id == "v1").ballots == []


def test_phones_are_served_while_1000_idle_connections_are_open(client: Client, codes, store: WorkshopFile):
    """1,000 connections that send nothing (more than the old cap of 256) lock no phone out."""
    idle: list[socket.socket] = []
    try:
        for _ in range(1000):
            idle.append(socket.create_connection(("127.0.0.1", client.port), timeout=TIMEOUT))
        for who, vote in (("p1", "v1"), ("p2", "v1"), ("p3", "v4")):
            token = client.join(codes[who])
            scores = {"pr1": 1} if vote == "v1" else {"pr1": 1, "pr2": 2, "pr3": 3, "pr4": 4}
            assert client.ballot(token, vote, scores, f"idle-{who}-{vote}").status == 200
        assert client.request("GET", "/").status == 200
    finally:
        for sock in idle:
            sock.close()
    assert len(next(v for v in store.workshop.votes if v.id == "v1").ballots) == 2


def test_stopping_with_idle_connections_logs_nothing(store: WorkshopFile, caplog):
    """Stopping the room while connections sit idle (or half-sent) is quiet: no CancelledError, no traceback."""
    caplog.set_level(logging.DEBUG)
    room = HeadlessRoom(store, "127.0.0.1", 0).start()
    port = room.session.server.port
    socks = [socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) for _ in range(20)]
    socks[0].sendall(b"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n{")
    socks[1].sendall(b"GET /api/me HTTP/1.1\r\nHo")
    Client(port).request("GET", "/")
    room.stop()
    for sock in socks:
        sock.settimeout(2)
        answer = sock.recv(4096)  # a hang would time out: every connection is closed by the server
        assert answer == b"" or answer.startswith(b"HTTP/1.1 "), answer[:80]
        sock.close()
    no_traceback(caplog)
    assert "CancelledError" not in caplog.text
