"""``okr-workshop serve``: the room server without the GUI, stopped with Ctrl-C."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import urllib.request
from pathlib import Path

from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import TIMEOUT, executable


def start(path: Path, home: Path) -> tuple[subprocess.Popen, list[str]]:
    env = {**os.environ, "HOME": str(home), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([executable(), "serve", str(path), "--host", "127.0.0.1", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=home)
    lines: list[str] = []
    assert proc.stdout is not None
    for raw in proc.stdout:  # the banner ends with how to stop
        lines.append(raw.decode("utf-8").rstrip("\n"))
        if "Ctrl-C" in lines[-1]:
            break
    return proc, lines


def post(url: str, body: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def reopen_last_vote(path: Path) -> None:
    """The demo's offsite is over and its votes are closed: reopen the last one to take a ballot."""
    with WorkshopFile.open(path) as f:
        vote = f.workshop.votes[-1]
        with f.step():
            f.replace(vote, dataclasses.replace(vote, closed=False))


def test_serve_prints_the_address_and_codes_takes_a_ballot_and_stops_on_ctrl_c(tmp_path: Path, demo_okrw: Path):
    """The banner names the URL, the room code and each voter's code; a ballot lands in the file; SIGINT
    (Ctrl-C) stops the server with status 0 and frees the file."""
    path = tmp_path / "room.okrw"
    shutil.copy(demo_okrw, path)
    reopen_last_vote(path)
    proc, lines = start(path, tmp_path)
    try:
        url = next(m.group(0) for line in lines if (m := re.search(r"http://127\.0\.0\.1:\d+/", line)))
        assert any(re.fullmatch(r"Room code: [A-Z0-9]{4}-[A-Z0-9]{4}", line) for line in lines)
        codes = dict(reversed(m.groups()) for line in lines
                     if (m := re.fullmatch(r"  ([A-Z0-9]{5}-[A-Z0-9]{5})  (.+)", line)))
        assert "Łukasz Wierzbicki" in codes and "田中 愛子" in codes and len(codes) == 10  # no facilitator
        token = post(url + "api/join", {"code": codes["Ayşe Yıldırım"]})["token"]  # not voted yet
        conn = sqlite3.connect(path)
        vote = conn.execute("SELECT id, items FROM votes ORDER BY position DESC LIMIT 1").fetchone()
        conn.close()
        items = json.loads(vote[1])
        ranking = {item: place for place, item in enumerate(items, start=1)}
        reply = post(url + "api/ballot", {"vote": vote[0], "scores": ranking, "key": "cli-serve-1"}, token)
        assert reply["status"] == "received"
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0, err
    assert "room voting stopped" in err.decode() and "Traceback" not in err.decode()
    conn = sqlite3.connect(path)
    stored = [json.loads(r[0]) for r in conn.execute("SELECT scores FROM ballots WHERE vote = ?", [vote[0]])]
    conn.close()
    assert ranking in stored


def test_serve_refuses_a_missing_file_and_a_bad_port(cli, tmp_path: Path, demo_okrw: Path):
    """A missing file or an impossible port is one line on stderr and status 2, nothing listens."""
    missing = cli("serve", "nowhere.okrw", "--port", "0")
    assert missing.returncode == 2 and "nowhere.okrw: no such file" in missing.stderr
    shutil.copy(demo_okrw, tmp_path / "x.okrw")
    bad_port = cli("serve", "x.okrw", "--port", "70000")
    assert bad_port.returncode == 2 and "--port 70000" in bad_port.stderr


def test_sigterm_with_idle_connections_stops_quietly(tmp_path: Path, demo_okrw: Path):
    """SIGTERM as soon as the banner is out, with idle and half-sent connections open: status 0, the
    "stopped" line, and no traceback or CancelledError on stderr."""
    path = tmp_path / "room.okrw"
    shutil.copy(demo_okrw, path)
    proc, lines = start(path, tmp_path)
    socks: list[socket.socket] = []
    try:
        port = int(next(m.group(1) for line in lines if (m := re.search(r"http://127\.0\.0\.1:(\d+)/", line))))
        socks = [socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) for _ in range(30)]
        socks[0].sendall(b"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 40\r\n\r\n{")
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=TIMEOUT)
        for sock in socks:
            sock.close()
    text = err.decode()
    assert proc.returncode == 0, text
    assert "room voting stopped" in text and "Traceback" not in text and "CancelledError" not in text


def test_serve_help_explains_the_arguments_and_defaults(cli):
    """``serve --help`` says what it does, what FILE is, and the defaults of --host and --port."""
    result = cli("serve", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "phone voting page" in text and "FILE" in text and "workshop file" in text
    assert "(default: 0.0.0.0)" in text and "(default: 8765)" in text
