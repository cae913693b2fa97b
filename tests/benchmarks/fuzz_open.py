"""Open many fuzzed workshop files and report what happened (a script, not collected by pytest).

    .venv/bin/python tests/benchmarks/fuzz_open.py --cases 5000 [--seed 0] [--window]

Each case is a damaged copy of a valid file (see tests/ui/fuzz_files.py), opened for editing as
``serve`` does and read as ``report`` does (in-process), and with ``--window`` through the
window's opener (offscreen, message boxes recorded). A case fails if anything raises, if a
refusal is not one line, or if the file's bytes change. Exits 1 when any case failed.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import hashlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))

import fuzz_files  # noqa: E402 - found through the path set above

from okr_workshop import cli  # noqa: E402
from okr_workshop.store.workshop_file import WorkshopFile, WorkshopFileError  # noqa: E402


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def window_opener():
    """The window's open_path, offscreen, with message boxes recorded instead of shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from okr_workshop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = tempfile.mkdtemp(prefix="okr-fuzz-settings-")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, settings)
    QCoreApplication.setOrganizationName("okr-workshop-fuzz")
    os.environ["OKR_WORKSHOP_RESTORE_DIR"] = str(Path(settings) / "restore points")
    shown: list[str] = []
    for kind in ("critical", "warning", "information", "question"):
        setattr(QMessageBox, kind, lambda parent, title, text, *a, **k: shown.append(text) or QMessageBox.No)
    window = MainWindow()

    def open_path(path: Path) -> str:
        before = len(shown)
        if window.open_path(path, remember=False):
            app.processEvents()
            window._close_current()
            return "ok"
        if len(shown) != before + 1:
            raise AssertionError(f"{len(shown) - before} dialogs")
        return "refused"

    return open_path


def run_case(base: bytes, folder: Path, seed: int, window) -> tuple[str, str]:
    path, kind = fuzz_files.make_case(base, folder, seed)
    before = sha256(path)
    try:
        try:
            WorkshopFile.open(path).close()
            outcome = "ok"
        except WorkshopFileError as exc:
            if "\n" in str(exc):
                return kind, f"FAIL multi-line: {exc!r}"
            outcome = "refused"
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = cli.main(["report", str(path)])
        if code not in (0, 2) or (code == 2 and len(err.getvalue().splitlines()) != 1):
            return kind, f"FAIL report exit {code}: {err.getvalue()[:200]!r}"
        if window is not None:
            window(path)
        if sha256(path) != before:
            return kind, "FAIL the file changed"
        return kind, outcome
    except Exception as exc:  # noqa: BLE001 - that is the finding
        return kind, f"FAIL {type(exc).__name__}: {exc}"
    finally:
        for p in folder.glob(f"{path.name}*"):
            p.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0, help="the first case's seed")
    parser.add_argument("--window", action="store_true", help="also open each case in the window")
    args = parser.parse_args()
    window = window_opener() if args.window else None
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="okr-fuzz-") as tmp:
        folder = Path(tmp)
        base = fuzz_files.base_file(folder).read_bytes()
        started = time.perf_counter()
        for seed in range(args.seed, args.seed + args.cases):
            kind, outcome = run_case(base, folder, seed, window)
            counts[(kind, outcome if not outcome.startswith("FAIL") else "FAIL")] += 1
            if outcome.startswith("FAIL"):
                failures.append(f"seed {seed} ({kind}): {outcome}")
        elapsed = time.perf_counter() - started
    for (kind, outcome), n in sorted(counts.items()):
        print(f"{kind:16} {outcome:8} {n:6}")
    print(f"{args.cases} cases in {elapsed:.1f} s ({1000 * elapsed / args.cases:.1f} ms each), "
          f"{len(failures)} failed")
    for line in failures[:50]:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
