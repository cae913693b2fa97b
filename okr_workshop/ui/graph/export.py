"""The map as a picture for slides and the pack: PNG (twice the canvas's resolution, so it
stays sharp on a projector) and SVG (PySide6-Essentials ships QtSvg's QSvgGenerator).

The whole map is drawn, whatever part the view shows, with its overlays and without the
selection or the editing handles, which mean nothing on paper.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from .scene import MapScene

MARGIN = 40.0
PNG_SCALE = 2.0


def _area(scene: MapScene) -> QRectF:
    rect = scene.itemsBoundingRect() if scene.nodes else QRectF(0, 0, 400, 300)
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


@contextmanager
def _clean(scene: MapScene) -> Iterator[None]:
    """Selection, handles and pixmap caches off while drawing (an SVG should hold text, not
    pictures of text); put back afterwards."""
    selected = scene.selectedItems()
    handles = scene.handles
    scene.clearSelection()
    scene.set_handles(False)
    for node in scene.nodes.values():
        node.setCacheMode(QGraphicsItem.NoCache)
    try:
        yield
    finally:
        for node in scene.nodes.values():
            node.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        scene.set_handles(handles)
        for item in selected:
            item.setSelected(True)


def render_image(scene: MapScene, scale: float = PNG_SCALE) -> QImage:
    area = _area(scene)
    image = QImage(QSize(round(area.width() * scale), round(area.height() * scale)), QImage.Format_ARGB32)
    image.fill(QColor("#FFFFFF"))
    with _clean(scene):
        painter = QPainter(image)
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        scene.render(painter, QRectF(image.rect()), area, Qt.KeepAspectRatio)
        painter.end()
    return image


def export_png(scene: MapScene, path: str | Path) -> None:
    if not render_image(scene).save(str(path), "PNG"):
        raise OSError(f"{path}: could not write the PNG")


def export_svg(scene: MapScene, path: str | Path, title: str = "Dependency map") -> None:
    from PySide6.QtSvg import QSvgGenerator  # only when someone exports

    area = _area(scene)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(area.width()), round(area.height())))
    generator.setViewBox(QRectF(0, 0, area.width(), area.height()))
    generator.setTitle(title)
    generator.setDescription("An arrow A → B means B depends on A: A must deliver to B.")
    with _clean(scene):
        painter = QPainter(generator)
        painter.fillRect(QRectF(0, 0, area.width(), area.height()), QColor("#FFFFFF"))
        scene.render(painter, QRectF(0, 0, area.width(), area.height()), area, Qt.KeepAspectRatio)
        painter.end()
    if not Path(path).is_file():
        raise OSError(f"{path}: could not write the SVG")
