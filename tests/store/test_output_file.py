"""Writing outputs (issue 16, items 11 and 15): whole or nothing for files, through symlinks,
straight into pipes; the app's temporary files are recognisable and removed after a kill, and a
restore point in progress never holds an open secret vote's ballots."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from okr_workshop.store import output_file, workshop_file
from okr_workshop.store.output_file import OutputError, remove_leftovers, temp_file, write_output
from okr_workshop.store.restore_points import RestorePoints

from .conftest import REPO
from .test_restore_points import demo

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def write_text(text: str):
    return lambda tmp: tmp.write_bytes(text.encode("utf-8"))


def test_a_regular_file_is_replaced_whole_and_keeps_its_mode(tmp_path: Path):
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    write_output(target, write_text("new"))
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path):
    target = tmp_path / "out.json"

    def fail(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="out.json: cannot write .No space left on device."):
        write_output(target, fail)
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_is_written_through_and_stays_a_symlink(tmp_path: Path):
    real = tmp_path / "real" / "out.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_output(link, write_text("new"))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["out.json"]


def test_a_folder_is_refused_clearly(tmp_path: Path):
    with pytest.raises(OutputError, match="is a folder"):
        write_output(tmp_path, write_text("x"))
    with pytest.raises(OutputError, match="does not exist"):
        write_output(tmp_path / "nowhere" / "out.json", write_text("x"))


@needs_fifo
def test_a_pipe_gets_the_bytes_and_stays_a_pipe(tmp_path: Path):
    """A pipe (standing in for a device such as /dev/null) is written straight, never replaced."""
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_output(fifo, write_text("through the pipe"))
    reader.join(10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


@needs_fifo
def test_a_workshop_copy_refuses_a_pipe(tmp_workshop, tmp_path: Path):
    fifo = tmp_path / "copy.okrw"
    os.mkfifo(fifo)
    with pytest.raises(workshop_file.WorkshopFileError, match="not a regular file"):
        tmp_workshop.save_copy(fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# ----- leftovers ----------------------------------------------------------------------------------


def ended_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_the_apps_leftovers_of_ended_processes_are_removed(tmp_path: Path):
    dead = ended_pid()
    mine = temp_file(tmp_path)  # this process still runs: a live export's file is left alone
    theirs = [tmp_path / f".okr-workshop-tmp.{dead}.abc_123.tmp", tmp_path / f".okr-workshop-tmp.{dead}.x9.tmp-wal"]
    others = [tmp_path / "notes.tmp", tmp_path / ".out.pdf.abc.tmp", tmp_path / f".okr-workshop-tmp.{dead}.tmp.keep"]
    for path in theirs + others:
        path.write_text("x")
    assert remove_leftovers([tmp_path, tmp_path / "missing"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in [mine, *others])


KILLED_WRITER = """
import sys, time
from pathlib import Path
from okr_workshop.store import workshop_file
from okr_workshop.store.output_file import write_output

def stall(*args, **kwargs):
    print("writing", flush=True)
    time.sleep(60)

if sys.argv[1] == "import":
    workshop_file._build = lambda tmp, ws: (tmp.write_bytes(b"half a file"), stall())
    workshop_file.write_new(sys.argv[2])
else:
    write_output(sys.argv[2], lambda tmp: (tmp.write_bytes(b"%PDF-1.4 half"), stall()))
"""


@pytest.mark.parametrize("what", ["import", "export"])
def test_a_kill_mid_write_leaves_a_recognisable_file_the_next_start_removes(tmp_path: Path, what: str):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    target = tmp_path / ("out.okrw" if what == "import" else "out.pdf")
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, what, str(target)], stdout=subprocess.PIPE,
                             text=True, env=env)
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait(20)
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(output_file.TEMP_PREFIX), left
    assert remove_leftovers([tmp_path]) == 1
    assert list(tmp_path.iterdir()) == []


# ----- restore points and secret ballots -----------------------------------------------------------------


def test_a_restore_point_in_progress_never_holds_an_open_secret_votes_ballots(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch):
    """Every file written while a point is made (the temporary copy included) lacks the open secret
    vote's ballots and voters: they are dropped in memory, not after the copy is on disk."""
    store = workshop_file.WorkshopFile.create(tmp_path / "offsite.okrw", demo(close_secret=False))
    try:
        vote = next(v for v in store.workshop.votes if v.secret and not v.closed and v.ballots)
        ballot_ids = [b.id for b in vote.ballots]
        seen: list[tuple[int, int, bool]] = []
        real_copy = workshop_file._copy_into

        def spy(source: sqlite3.Connection, tmp: Path) -> None:
            real_copy(source, tmp)
            conn = sqlite3.connect(tmp)
            ballots = conn.execute("SELECT count(*) FROM ballots WHERE vote = ?", (vote.id,)).fetchone()[0]
            voters = conn.execute("SELECT count(*) FROM voters WHERE vote = ?", (vote.id,)).fetchone()[0]
            conn.close()
            data = tmp.read_bytes()
            seen.append((ballots, voters, any(bytes.fromhex(b) in data or b.encode() in data for b in ballot_ids)))

        monkeypatch.setattr(workshop_file, "_copy_into", spy)
        points = RestorePoints(store.path, tmp_path / "root")
        point = points.make(store, "Opened")
        assert seen == [(0, 0, False)]
        assert "without the ballots" in point.note
        assert [p.name for p in points.folder.iterdir() if not p.name.endswith((".okrw", ".json"))] == []
        kept = next(v for v in points.load(point).votes if v.id == vote.id)
        assert kept.ballots == [] and kept.voted == []
    finally:
        store.close()


def test_restore_points_remove_their_folders_leftovers(tmp_path: Path, tmp_workshop):
    points = RestorePoints(tmp_workshop.path, tmp_path / "root")
    points.folder.mkdir(parents=True)
    stale = points.folder / f".okr-workshop-tmp.{ended_pid()}.q1.tmp"
    stale.write_text(json.dumps({"secret": "ballots"}))
    RestorePoints(tmp_workshop.path, tmp_path / "root")
    assert not stale.exists()
