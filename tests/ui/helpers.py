"""Helpers shared by the UI tests: making windows and finding widgets by what they show."""

from __future__ import annotations

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
