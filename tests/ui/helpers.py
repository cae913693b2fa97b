"""Helpers shared by the UI tests: making windows and finding widgets by what they show."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget

from okr_workshop.ui.main_window import MainWindow
from okr_workshop.ui.widgets.record_table import RecordTable


def make_window(qtbot) -> MainWindow:
    """A registered, shown MainWindow with no workshop open."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def find_table(parent: QWidget, title: str) -> RecordTable:
    """The RecordTable under ``parent`` whose title is exactly ``title``, brought into view
    (a screen may build its tables late, or keep them on another tab)."""
    if hasattr(parent, "show_tables"):
        parent.show_tables()
    found = [t for t in parent.findChildren(RecordTable) if t.title.text() == title]
    assert len(found) == 1, f"expected one table titled {title!r}, found {[t.title.text() for t in found]}"
    table = found[0]
    for tabs in parent.findChildren(QTabWidget):
        for i in range(tabs.count()):
            if tabs.widget(i).isAncestorOf(table):
                tabs.setCurrentIndex(i)
    return table


def screen_named(window: MainWindow, name: str) -> QWidget:
    """The screen whose navigation entry reads ``name``; also makes it current."""
    for row in range(window.nav.count()):
        if window.nav.item(row).text() == name:
            window.go_to(row)
            return window.screens[row]
    raise AssertionError(f"no screen named {name!r}")


def console_script() -> str:
    """The installed okr-workshop script: beside this interpreter, else on PATH."""
    beside = Path(sys.executable).with_name("okr-workshop")
    found = str(beside) if beside.exists() else shutil.which("okr-workshop")
    if found is None:
        pytest.fail("the okr-workshop console script is not installed (pip install -e .)")
    return found


def printed_report(path: Path, home: Path) -> dict:
    """What ``okr-workshop report FILE`` prints, run as the user would, with its own HOME."""
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([console_script(), "report", str(path)], capture_output=True, timeout=60, env=env,
                          cwd=home)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return json.loads(done.stdout)


# The not-now decisions the demo's room had taken before the vote (the rest came after it).
_EARLY_NOT_NOW = ("n1", "n2", "n3", "n4")


def demo_before_the_choice() -> dict:
    """The demo document as it stood before the room chose the critical few: the votes open, the
    priorities the vote decided back to candidates, the later not-now entries and confirmations
    gone. The shipped demo is a finished offsite (docs/demo.md); tests of voting and choosing
    need the moment before."""
    from okr_workshop.resource_lookup import resource

    doc = json.loads(resource("demo/demo.json").read_text(encoding="utf-8"))
    doc["not_now"] = [n for n in doc["not_now"] if n["id"] in _EARLY_NOT_NOW]
    decided = {n.get("priority") for n in doc["not_now"]}
    for p in doc["priorities"]:
        if p["id"] not in decided:
            p["status"] = "candidate"
    for v in doc["votes"]:
        v.pop("closed", None)
    for t in doc["tradeoffs"]:
        t.pop("confirmed", None)
    early = {f"priority:{p}" for p in decided} | {""}  # "": typed by hand on the day
    doc["decision_log"] = [e for e in doc["decision_log"] if e.get("ref", "") in early]
    return doc


def open_before_the_choice(qtbot) -> MainWindow:
    """A window on a fresh file holding ``demo_before_the_choice`` (no restore points, like the demo)."""
    import tempfile

    from okr_workshop.domain.validate import workshop_from_document
    from okr_workshop.store.workshop_file import write_new

    path = Path(tempfile.mkdtemp(prefix="okr-workshop-before-")) / "before the choice.okrw"
    write_new(path, workshop_from_document(demo_before_the_choice()))
    window = make_window(qtbot)
    assert window.open_path(path, remember=False, restore_points=False)
    return window


def run_on_laptop_and_projector(script: str, folder: Path) -> dict:
    """Run ``script`` in a fresh Python under Qt's offscreen platform with two screens, "laptop"
    (1280x800) and "projector" (1280x720, to its right), settings and files kept in ``folder``;
    returns the JSON object the script prints last."""
    config = folder / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800},
        {"name": "projector", "x": 1280, "y": 0, "width": 1280, "height": 720}]}))
    (folder / "home").mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "HOME": str(folder / "home"),
           "XDG_CONFIG_HOME": str(folder / "config"), "TMPDIR": str(folder),
           "OKR_WORKSHOP_RESTORE_DIR": str(folder / "restore")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
