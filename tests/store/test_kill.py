"""A process killed in the middle of a burst of edits loses nothing it reported as committed."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import REPO

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

EDITOR = """
import sys
from okr_workshop.domain import model as m
from okr_workshop.store.workshop_file import WorkshopFile

f = WorkshopFile.open(sys.argv[1])
start = int(sys.argv[2])
print("ready", flush=True)
for i in range(start, start + 5000):
    f.put(m.Action(f"a{i}", f"Burst action {i}", status="open" if i % 2 else "done"))
    print(f"committed {i}", flush=True)
"""
DEADLINE_S = 30


def kill_during_burst(path: Path, start: int, commits_before_kill: int) -> list[int]:
    """Run the editor child, SIGKILL it after it reported enough commits; return every index it reported."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(path), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in child.stdout:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    committed: list[int] = []
    deadline = time.monotonic() + DEADLINE_S
    try:
        while len(committed) < commits_before_kill:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None, f"the editor stopped early: {child.stderr.read()}"
            if line.startswith("committed "):
                committed.append(int(line.split()[1]))
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
        reader.join(timeout=10)
        while (line := lines.get(timeout=5)) is not None:  # reported before the kill, read after it
            if line.startswith("committed "):
                committed.append(int(line.split()[1]))
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
        child.stdout.close()
        child.stderr.close()
    return committed


def assert_survived(path: Path, reported: list[int], first: int) -> list[str]:
    """Every reported action is in the reopened file, in order, plus at most the one in flight."""
    with WorkshopFile.open(path) as f:
        assert f._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        burst = [a.id for a in f.workshop.actions if a.id.startswith("a")]
        expected = [f"a{i}" for i in range(first, reported[-1] + 1)]
        assert reported == list(range(first, reported[-1] + 1))
        assert burst[: len(expected)] == expected, "a reported commit is missing or out of order"
        assert len(burst) - len(expected) <= 1, "only the edit in flight may be there unreported"
        assert [a.id for a in f.workshop.actions][0] == "seed"
    return burst


def test_killed_editor_keeps_every_reported_commit(tmp_path: Path):
    """SIGKILL during a burst of puts: reopening finds every reported action, intact, twice in a row."""
    path = tmp_path / "burst.okrw"
    WorkshopFile.create(path, m.Workshop(actions=[m.Action("seed", "Before the burst")])).close()
    reported = kill_during_burst(path, 0, 300)
    assert len(reported) >= 300
    burst = assert_survived(path, reported, 0)
    # A second burst on the recovered file, continuing after whatever made it in.
    start = len(burst)
    more = kill_during_burst(path, start, 200)
    assert_survived(path, list(range(0, start)) + more, 0)
