"""The command line on a careless day (issue 16): bad stored values, special files, read-only
folders, locked files and leftovers all end in exit 2 and one line, never a traceback, and the
input keeps every byte."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from sqlite_holder import hold, release

from okr_workshop import cli as okr_cli

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(*args: str | os.PathLike[str]) -> tuple[int, str, str]:
    """``okr-workshop ARGS`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = okr_cli.main([os.fspath(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def one_line(err: str, *fragments: str) -> str:
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def workshop(tmp_path: Path, demo_okrw: Path) -> Path:
    path = tmp_path / "x.okrw"
    shutil.copy(demo_okrw, path)
    return path


def set_value(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


# ----- item 9: bad stored values --------------------------------------------------------------------


@pytest.mark.parametrize(("sql", "fragment"), [
    ("UPDATE votes SET items = '5'", "votes.items"),
    ("UPDATE info SET value = '\"XYZ\"' WHERE key = 'framework'", "framework"),
    ("UPDATE info SET value = 'XYZ' WHERE key = 'framework'", "not JSON"),
    ("UPDATE schema_version SET version = 6.5", "schema version"),
])
@pytest.mark.parametrize("command", [["report"], ["export", "--json", "out.json"], ["export", "--csv", "csv"]])
def test_bad_stored_values_are_refused_by_report_and_export(workshop: Path, tmp_path: Path, monkeypatch,
                                                           sql: str, fragment: str, command: list[str]):
    monkeypatch.chdir(tmp_path)
    set_value(workshop, sql)
    before = sha256(workshop)
    code, out, err = main(command[0], workshop, *command[1:])
    assert code == 2 and out == ""
    one_line(err, str(workshop), "damaged", fragment)
    assert sha256(workshop) == before
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "csv").exists()


def test_bad_stored_values_through_the_installed_command(cli, workshop: Path):
    set_value(workshop, "UPDATE votes SET items = '5'")
    before = sha256(workshop)
    for args in (["report", "x.okrw"], ["export", "x.okrw", "--json", "out.json"], ["serve", "x.okrw", "--port", "0"]):
        result = cli(*args)
        assert result.returncode == 2, str(result)
        one_line(result.stderr, "x.okrw: damaged (votes.items")
    assert sha256(workshop) == before
    assert sorted(p.name for p in workshop.parent.iterdir() if p.name.startswith("x.okrw")) == ["x.okrw"]


def test_serve_refuses_a_foreign_version_without_a_backup(cli, workshop: Path):
    """serve used to modify such a file and leave x.okrw.v1.bak before refusing it."""
    set_value(workshop, "UPDATE schema_version SET version = 1")
    before = sha256(workshop)
    result = cli("serve", "x.okrw", "--port", "0")
    assert result.returncode == 2, str(result)
    one_line(result.stderr, "damaged")
    assert sha256(workshop) == before
    assert sorted(p.name for p in workshop.parent.iterdir() if p.name.startswith("x.okrw")) == ["x.okrw"]


# ----- item 11: special files -----------------------------------------------------------------------


def test_export_into_a_read_only_folder_is_one_line(workshop: Path, tmp_path: Path, monkeypatch):
    """The tests run as root, for whom no folder is read-only: the refusal is faked where it happens."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _, err = main("export", workshop, "--json", tmp_path / "out.json")
    assert code == 2
    one_line(err, "out.json: cannot write (Permission denied)")


def test_export_to_a_folder_is_refused(workshop: Path, tmp_path: Path):
    code, _, err = main("export", workshop, "--graphml", tmp_path)
    assert code == 2
    one_line(err, "is a folder")


@pytest.mark.parametrize("fmt", ["--json", "--graphml", "--ics"])
def test_export_through_a_symlink_writes_its_target(workshop: Path, tmp_path: Path, fmt: str):
    real = tmp_path / "real.out"
    real.write_text("old")
    link = tmp_path / "link.out"
    link.symlink_to(real)
    code, _, err = main("export", workshop, fmt, link)
    assert code == 0, err
    assert link.is_symlink() and real.read_text() != "old"


@needs_fifo
@pytest.mark.parametrize("fmt", ["--pdf", "--json"])
def test_export_into_a_pipe_writes_it_and_leaves_it_a_pipe(workshop: Path, tmp_path: Path, fmt: str):
    """As ``export --pdf /dev/null`` must: the device is written, never replaced by a file."""
    fifo = tmp_path / "device"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = main("export", workshop, fmt, fifo)
    reader.join(30)
    assert code == 0, err
    assert received and received[0].startswith(b"%PDF" if fmt == "--pdf" else b"{")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@needs_fifo
def test_a_pipe_named_okrw_is_refused_at_once(tmp_path: Path):
    fifo = tmp_path / "pipe.okrw"
    os.mkfifo(fifo)
    result: list[tuple[int, str, str]] = []
    worker = threading.Thread(target=lambda: result.append(main("report", fifo)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        with open(fifo, "wb"):
            pass
        pytest.fail("report waited on a pipe")
    code, _, err = result[0]
    assert code == 2
    one_line(err, "pipe.okrw", "not a regular file")


# ----- item 13: locked files --------------------------------------------------------------------------

def test_serve_names_a_locked_file_in_use(cli, workshop: Path):
    child = hold(workshop, "PRAGMA locking_mode=EXCLUSIVE", "BEGIN EXCLUSIVE", "UPDATE actions SET title = title")
    try:
        result = cli("serve", "x.okrw", "--port", "0")
        assert result.returncode == 2, str(result)
        assert one_line(result.stderr) == (
            "okr-workshop: x.okrw: in use by another program; close it and try again")
    finally:
        release(child)


# ----- item 15: leftovers --------------------------------------------------------------------------------


def test_an_export_removes_what_a_killed_export_left(workshop: Path, tmp_path: Path):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    leftover = tmp_path / f".okr-workshop-tmp.{child.pid}.abc.tmp"
    leftover.write_bytes(b"%PDF half")
    code, _, err = main("export", workshop, "--json", tmp_path / "out.json")
    assert code == 0, err
    assert not leftover.exists()
