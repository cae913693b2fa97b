"""Secret ballots reach the file in batches: no sequence of file states links a ballot to its voter.

The attack these tests play: another program holds a read transaction on the file (a backup
or sync client), so the write-ahead log keeps every commit, and a copy of the file plus its
log is taken after every ballot. Comparing consecutive copies must never show fewer than
three new ballots beside three new voters.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.store.secret_batches import BATCH, HeldBallots
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import REPO
from .test_secrecy import VOTERS, distinct_scores, raw_rows, workshop


def snapshot(path: Path, folder: Path, n: int) -> tuple[set[str], set[str]]:
    """Copy the file and its log as a backup client would; return (ballot scores, voters) the copy holds."""
    target = folder / f"copy-{n}.okrw"
    shutil.copyfile(path, target)
    wal = Path(f"{path}-wal")
    if wal.exists():
        shutil.copyfile(wal, f"{target}-wal")
    conn = sqlite3.connect(target)
    try:
        ballots = {r[0] for r in conn.execute("SELECT scores FROM ballots WHERE vote = 'v1'")}
        voters = {r[0] for r in conn.execute("SELECT participant FROM voters WHERE vote = 'v1'")}
    finally:
        conn.close()
    return ballots, voters


def test_consecutive_file_states_never_add_fewer_than_three_ballots_and_voters(tmp_path: Path):
    """With a reader pinning the log, 12 secret ballots leave states that differ by 3 or more, never 1 or 2."""
    path = tmp_path / "pinned.okrw"
    copies = tmp_path / "copies"
    copies.mkdir()
    WorkshopFile.create(path, workshop()).close()
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM ballots").fetchall()  # holds a snapshot: no checkpoint can pass it
    states = [snapshot(path, copies, 0)]
    try:
        with WorkshopFile.open(path) as f:
            for k, who in enumerate(VOTERS):
                f.cast_ballot("v1", who, distinct_scores(k))
                states.append(snapshot(path, copies, k + 1))
            vote = f.workshop.votes[0]
            f.put(dataclasses.replace(vote, closed=True))
            states.append(snapshot(path, copies, len(VOTERS) + 1))
    finally:
        reader.close()
    changes = [(len(b2 - b1), len(v2 - v1)) for (b1, v1), (b2, v2) in zip(states, states[1:], strict=False)]
    grew = [c for c in changes if c != (0, 0)]
    assert grew, "the ballots reached the file"
    assert all(ballots == voters >= BATCH for ballots, voters in grew), changes
    assert states[-1][1] == set(VOTERS) and len(states[-1][0]) == len(VOTERS)


def test_ballots_waiting_for_their_batch_are_counted_at_once(tmp_path: Path):
    """The laptop and the phones see every ballot as soon as it is cast, before the file has it."""
    path = tmp_path / "live.okrw"
    with WorkshopFile.create(path, workshop()) as f:
        for k, who in enumerate(VOTERS[:4]):
            f.cast_ballot("v1", who, distinct_scores(k))
        vote = f.workshop.votes[0]
        assert len(vote.ballots) == 4 and vote.voters() == sorted(VOTERS[:4])
        assert raw_rows(path, "SELECT COUNT(*) FROM ballots") == [(0,)]
    assert raw_rows(path, "SELECT COUNT(*) FROM ballots") == [(4,)]  # closing the file writes them


def test_closing_the_vote_writes_every_waiting_ballot_and_empties_the_log(tmp_path: Path):
    """A closed vote is complete in the file, and the log holds none of its history."""
    path = tmp_path / "close.okrw"
    with WorkshopFile.create(path, workshop()) as f:
        for k, who in enumerate(VOTERS[:7]):
            f.cast_ballot("v1", who, distinct_scores(k))
        f.put(dataclasses.replace(f.workshop.votes[0], closed=True))
        assert raw_rows(path, "SELECT COUNT(*) FROM ballots") == [(7,)]
        assert raw_rows(path, "SELECT participant FROM voters ORDER BY participant") == [(v,) for v in VOTERS[:7]]
        wal = Path(f"{path}-wal")
        assert not wal.exists() or wal.stat().st_size == 0


def test_saving_a_vote_keeps_its_ballots_the_same_objects(tmp_path: Path):
    """Revealing or closing a vote keeps the vote before and after in the undo history; the two
    share their ballots instead of each holding a copy (a room day's reveals: tens of MB)."""
    path = tmp_path / "shared.okrw"
    with WorkshopFile.create(path, workshop()) as f:
        for k, who in enumerate(VOTERS[:7]):
            f.cast_ballot("v1", who, distinct_scores(k))
        before = f.workshop.votes[0]
        f.put(dataclasses.replace(before, revealed=True))
        revealed = f.workshop.votes[0]
        f.put(dataclasses.replace(revealed, closed=True))  # its waiting ballots reach the file now
        after = f.workshop.votes[0]
        assert revealed.revealed and after.closed
        assert sorted(map(id, after.ballots)) == sorted(map(id, before.ballots))
        assert raw_rows(path, "SELECT COUNT(*) FROM ballots") == [(7,)]


KILLED = """
import os, signal, sys
from okr_workshop.store.workshop_file import WorkshopFile
from tests.store.test_secrecy import VOTERS, distinct_scores
f = WorkshopFile.open(sys.argv[1])
for k, who in enumerate(VOTERS[: int(sys.argv[2])]):
    f.cast_ballot("v1", who, distinct_scores(k))
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize(("cast", "stored"), [(4, 0), (7, 3)])
def test_a_crash_loses_only_the_waiting_ballots_and_their_voters_vote_again(tmp_path: Path, cast: int, stored: int):
    """After a kill, every voter the file lists has a ballot there and nobody else does: the others vote again."""
    path = tmp_path / "crash.okrw"
    WorkshopFile.create(path, workshop()).close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.run([sys.executable, "-c", KILLED, str(path), str(cast)], capture_output=True, text=True,
                           env=env, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    with WorkshopFile.open(path) as f:
        vote = f.workshop.votes[0]
        assert len(vote.ballots) == len(vote.voters()) == stored
        later = [who for who in VOTERS[:cast] if who not in vote.voters()]
        assert len(later) == cast - stored
        for k, who in enumerate(later):  # nobody is stuck: those voters simply vote again
            f.cast_ballot("v1", who, distinct_scores(20 + k))
        assert len(f.workshop.votes[0].ballots) == cast


def test_held_ballots_keep_a_batch_back_and_a_changed_vote_takes_its_place():
    """The queue: nothing is due below twice the batch, then all but one batch; re-voting replaces in place."""
    held = HeldBallots(batch=3, rng=random.Random(1))
    ballots = [m.Ballot(f"b{k}", "v1", {"x": k}) for k in range(6)]
    for k, ballot in enumerate(ballots[:5]):
        held.add(ballot, f"p{k}", None)
    assert held.due("v1") == []
    held.add(m.Ballot("b0-new", "v1", {"x": 9}), None, "b0")  # p0 changes a ballot that still waits
    assert {h.ballot.id for h in held.entries("v1")} == {"b0-new", "b1", "b2", "b3", "b4"}
    assert next(h for h in held.entries("v1") if h.ballot.id == "b0-new").voter == "p0"
    held.add(ballots[5], "p5", None)
    due = held.due("v1")
    assert len(due) == 3 and len(held.entries("v1")) == 3
    assert held.take_all("v1") and held.entries("v1") == []


def test_a_restore_point_before_closing_holds_every_ballot_and_one_while_open_none(tmp_path: Path):
    """The point taken just before the vote closes has all its ballots, the waiting ones too;
    a point taken while it is open has none of them, nor its voters."""
    from okr_workshop.store.restore_points import RestorePoints

    path = tmp_path / "points.okrw"
    with WorkshopFile.create(path, workshop()) as f:
        for k, who in enumerate(VOTERS[:4]):
            f.cast_ballot("v1", who, distinct_scores(k))
        points = RestorePoints(path, tmp_path / "points")
        while_open = points.load(points.make(f, "While open"))
        before_close = points.load(points.make(f, "Before closing", final=["v1"]))
    assert while_open.votes[0].ballots == [] and while_open.votes[0].voted == []
    assert len(before_close.votes[0].ballots) == 4 and before_close.votes[0].voted == sorted(VOTERS[:4])
