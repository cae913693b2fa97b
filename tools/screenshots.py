"""Take the documentation's screenshots: the demo offsite in the real window, offscreen.

    .venv/bin/python tools/screenshots.py            # writes docs/screenshot-*.png and docs/stage-*.png
    .venv/bin/python tools/screenshots.py --out DIR  # somewhere else (the test does this)

Why a script: the screenshots went stale by hand. This opens the same window the facilitator
sees, at 1280×800, with no start page and no tour, and saves one PNG per screen listed in SHOTS;
then it rehearses the demo's stage at 1280×720 (what ``okr-workshop rehearse`` writes) and keeps
the first page of each view listed in STAGE_SHOTS.
Everything the app would write for the user (settings, the demo's cache, restore points, the demo
copy itself) goes to a temporary folder that is removed at the end, so running it never touches
your own settings or recent files.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)
# (file name, the screen as the navigation names it)
SHOTS: tuple[tuple[str, str], ...] = (
    ("screenshot-overview.png", "Overview"),
    ("screenshot-voice.png", "Room's voice"),
    ("screenshot-vote.png", "Vote"),
    ("screenshot-dependencies.png", "Dependencies"),
    ("screenshot-decision-rights.png", "Decision rights"),
    ("screenshot-okrs.png", "OKRs"),
)
STAGE_SIZE = (1280, 720)
# (file name, the stage view's kind): the first page of the first view of that kind in show order
STAGE_SHOTS: tuple[tuple[str, str], ...] = (
    ("stage-title.png", "title"),
    ("stage-vote.png", "vote"),
    ("stage-okr.png", "okr"),
    ("stage-map.png", "map"),
    ("stage-prompt.png", "prompt"),
    ("stage-questions.png", "questions"),
)


def _isolate(folder: Path) -> None:
    """Point every place the app writes for the user at ``folder``; before Qt starts."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        (folder / name.lower()).mkdir()
        os.environ[name] = str(folder / name.lower())
    os.environ["OKR_WORKSHOP_RESTORE_DIR"] = str(folder / "restore points")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tempfile.tempdir = str(folder)  # the demo copy (tempfile.mkdtemp)


def _settle(app, ms: int = 300) -> None:
    """Let layouts, deferred builds and chart redraws finish before grabbing."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def take(out: Path, shots: tuple[tuple[str, str], ...] = SHOTS) -> list[Path]:
    """Open the demo in a fresh window and save each screen in ``shots`` into ``out``."""
    from PySide6.QtCore import QSettings

    from okr_workshop.ui.app import _application
    from okr_workshop.ui.main_window import MainWindow

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, os.environ["XDG_CONFIG_HOME"])
    app = _application()
    window = MainWindow()  # the tour only opens from run_app's first-frame hook, which we skip
    window.resize(*SIZE)
    window.open_demo()
    window.show()
    _settle(app, 500)
    names = [window.nav.item(row).text() for row in range(window.nav.count())]
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for file_name, screen in shots:
        window.go_to(names.index(screen))
        _settle(app)
        view = getattr(window.current_screen(), "view", None)
        if view is not None and hasattr(view, "fit"):  # the map: fit it now the screen has its size
            splitter = window.current_screen().splitter
            splitter.setSizes([splitter.width() * 7 // 10, splitter.width() * 3 // 10])
            _settle(app, 100)
            view.fit()
            _settle(app)
        path = out / file_name
        if not window.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        saved.append(path)
    window.closing = True
    window.close()
    _settle(app, 100)
    return saved


def take_stage(out: Path, scratch: Path, shots: tuple[tuple[str, str], ...] = STAGE_SHOTS) -> list[Path]:
    """Rehearse the demo's stage into ``scratch`` and copy the first page of each kind in ``shots``."""
    from okr_workshop.domain.validate import workshop_from_document
    from okr_workshop.resource_lookup import resource
    from okr_workshop.stage.rehearse import rehearse

    ws = workshop_from_document(json.loads(resource("demo/demo.json").read_text(encoding="utf-8")))
    scratch.mkdir(parents=True, exist_ok=True)
    pages = rehearse(ws, scratch, *STAGE_SIZE)  # 01-title.png, 02-title-2.png, ..., 07-vote.png, ...
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for file_name, kind in shots:
        first = next((p for p in pages if p.name.split("-", 1)[1] == f"{kind}.png"), None)
        if first is None:
            raise OSError(f"the demo's stage has no {kind!r} view")
        saved.append(Path(shutil.copyfile(first, out / file_name)))
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNGs (default: docs/)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="okr-screens-") as folder:
        _isolate(Path(folder))
        out = args.out.resolve()
        for path in take(out) + take_stage(out, Path(folder) / "rehearsal"):
            print(path)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
