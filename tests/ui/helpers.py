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
