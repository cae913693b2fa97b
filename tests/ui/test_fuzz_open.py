"""Fuzzed workshop files (issue 16, item 8): 500 damaged copies of a valid file, each opened
through the window's opener, through the command line's ``report`` (in-process) and through the
editable store open ``serve`` uses; a few also through the installed console script's ``serve``.

Each open either succeeds or gives one clean message (a dialog in the window, one line and exit 2
on the command line), never an exception, and the damaged file keeps every byte.
A larger run: ``.venv/bin/python tests/benchmarks/fuzz_open.py --cases 5000``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from okr_workshop import cli
from okr_workshop.store.workshop_file import WorkshopFile, WorkshopFileError

from . import fuzz_files
from .helpers import console_script, make_window

CASES = 500


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Every message box the window shows, as (kind, title, text); questions are answered No."""
    shown: list[tuple[str, str, str]] = []

    def recorder(kind: str, answer):
        def record(parent, title, text, *rest, **kw):
            shown.append((kind, title, text))
            return answer
        return record

    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind, QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "question", recorder("question", QMessageBox.No))
    return shown


def report(path: Path) -> tuple[int, str]:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = cli.main(["report", str(path)])
    return code, err.getvalue()


def test_fuzzed_files_open_or_are_refused_cleanly_and_stay_unchanged(qtbot, tmp_path: Path, dialogs):
    base = fuzz_files.base_file(tmp_path).read_bytes()
    window = make_window(qtbot)
    refused = opened = 0
    for seed in range(CASES):
        path, kind = fuzz_files.make_case(base, tmp_path, seed)
        before = sha256(path)
        where = f"case {seed} ({kind})"

        try:
            WorkshopFile.open(path).close()  # what serve does first
            store_refused = False
        except WorkshopFileError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(path)), where
            store_refused = True

        code, err = report(path)
        assert code in (0, 2), f"{where}: exit {code}: {err}"
        if code == 2:
            assert len(err.splitlines()) == 1 and "Traceback" not in err, f"{where}: {err}"

        shown = len(dialogs)
        ok = window.open_path(path, remember=False)
        QApplication.processEvents()
        if ok:
            opened += 1
            assert not store_refused, where
            window._close_current()
        else:
            refused += 1
            assert len(dialogs) == shown + 1 and dialogs[-1][0] == "critical", where
            assert str(path) in dialogs[-1][2], where

        assert sha256(path) == before, f"{where}: opening changed the file"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)) == [path.name], where
        path.unlink()
    assert refused > CASES // 2 and opened > 0  # the mutator damages most files, not all


def test_a_few_fuzzed_files_through_the_installed_serve(tmp_path: Path):
    """The console script's ``serve``: exit 2, one line, the file unchanged and no .bak left."""
    base = fuzz_files.base_file(tmp_path).read_bytes()
    tried = 0
    for seed in range(200):
        path, kind = fuzz_files.make_case(base, tmp_path, seed)
        try:
            WorkshopFile.open(path, read_only=True).close()
            path.unlink()
            continue  # serve would start serving it: only refused files here
        except WorkshopFileError:
            pass
        before = sha256(path)
        env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / ".config"),
                   QT_QPA_PLATFORM="offscreen")
        done = subprocess.run([console_script(), "serve", path.name, "--port", "0"], capture_output=True,
                              timeout=60, env=env, cwd=tmp_path)
        stderr = done.stderr.decode("utf-8", errors="replace")
        assert done.returncode == 2, f"case {seed} ({kind}): {done.returncode} {stderr}"
        assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr, stderr
        assert sha256(path) == before
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)] == [path.name]
        path.unlink()
        tried += 1
        if tried == 4:
            break
    assert tried == 4
