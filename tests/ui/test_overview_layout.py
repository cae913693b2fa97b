"""The Overview fits its window: side by side when wide, stacked when narrow (the stage panel
docked beside it at 1280x720), never cut off or scrolling sideways."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QBoxLayout

from okr_workshop.ui.screens.overview import NARROW, OverviewScreen


def overview(window) -> OverviewScreen:
    screen = window.stack.currentWidget()
    assert isinstance(screen, OverviewScreen)
    return screen


def card_places(screen: OverviewScreen) -> list[tuple[int, int]]:
    grid = screen.card_grid
    return [grid.getItemPosition(grid.indexOf(card))[:2] for card in screen.cards.values()]


def fits_sideways(screen: OverviewScreen) -> bool:
    scroll_area = screen.body_widget.parentWidget().parentWidget()  # the body sits in its viewport
    return scroll_area.horizontalScrollBar().maximum() == 0


def test_wide_side_by_side_and_narrow_stacked(demo_window, qtbot):
    screen = overview(demo_window)
    demo_window.resize(1280, 800)
    QApplication.processEvents()
    assert screen.width() >= NARROW
    assert all(row.direction() == QBoxLayout.LeftToRight for row in screen._rows)
    assert card_places(screen) == [(0, 0), (0, 1), (0, 2), (0, 3)]
    qtbot.waitUntil(lambda: fits_sideways(screen))  # once the layouts have settled

    demo_window.resize(700, 720)  # what is left beside the navigation and a docked stage panel
    QApplication.processEvents()
    assert screen.width() < NARROW
    assert all(row.direction() == QBoxLayout.TopToBottom for row in screen._rows)
    assert card_places(screen) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    qtbot.waitUntil(lambda: fits_sideways(screen))  # once the layouts have settled
    assert screen.body_widget.minimumSizeHint().width() <= screen.body_widget.width()

    demo_window.resize(1280, 800)
    QApplication.processEvents()
    assert all(row.direction() == QBoxLayout.LeftToRight for row in screen._rows)
    assert card_places(screen) == [(0, 0), (0, 1), (0, 2), (0, 3)]


def test_the_tables_built_later_follow_the_width(demo_window, qtbot):
    screen = overview(demo_window)
    demo_window.resize(700, 720)
    QApplication.processEvents()
    screen.show_tables()  # built after the first frame, while the window is narrow
    QApplication.processEvents()
    tables = screen._rows[-1]
    assert tables.indexOf(screen.people) >= 0 and tables.direction() == QBoxLayout.TopToBottom
    qtbot.waitUntil(lambda: fits_sideways(screen))  # once the layouts have settled
    demo_window.resize(1280, 800)
    QApplication.processEvents()
    assert tables.direction() == QBoxLayout.LeftToRight
