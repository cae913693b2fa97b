"""Helpers for the dependency-map tests: the screen, where things are on the viewport, and a
real mouse drag (press, moves with the button held, release) on it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from okr_workshop.ui.graph.view import MapView

from .helpers import screen_named


def map_screen(window, qtbot):
    """The Dependencies screen with its map built and analysed, the map fitted in view."""
    screen = screen_named(window, "Dependencies")
    qtbot.waitUntil(lambda: bool(screen.scene.nodes and screen.scene.overlay.risks))
    screen.view.fit()
    QApplication.processEvents()
    return screen


def at(view: MapView, scene_point: QPointF) -> QPoint:
    """Viewport coordinates of a scene point."""
    return view.mapFromScene(scene_point)


def empty_spot(view: MapView) -> QPoint:
    """A viewport point over empty canvas, well away from every item."""
    rect = view.viewport().rect()
    for y in range(rect.height() - 20, 20, -15):
        for x in range(20, rect.width() - 20, 15):
            around = [QPoint(x + dx, y + dy) for dx in (-12, 0, 12) for dy in (-12, 0, 12)]
            if not any(view.items(p) for p in around):
                return QPoint(x, y)
    raise AssertionError("no empty spot on the canvas")


def drag(qtbot, view: MapView, start: QPoint, end: QPoint, modifier=Qt.NoModifier, steps: int = 8) -> None:
    """Press at ``start`` (with ``modifier``), move in steps to ``end`` with the button held, release."""
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.LeftButton, modifier, pos=start)
    for i in range(1, steps + 1):
        qtbot.mouseMove(viewport, pos=start + (end - start) * (i / steps))
    qtbot.mouseRelease(viewport, Qt.LeftButton, modifier, pos=end)
    QApplication.processEvents()
