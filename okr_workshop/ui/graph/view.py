"""The window onto the map: zoom (Ctrl+wheel, Ctrl+= and Ctrl+-), pan (drag empty space, the
scroll bars, the arrow keys), rubber-band selection (Shift+drag on empty space), fit (F), and
the keys that edit (Delete, Insert).

Until the facilitator zooms, the view keeps the whole map in sight as the window changes size
(the stage panel docking beside it, for one), so nobody looks at half a map.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from .node_item import NodeItem
from .scene import MapScene

ZOOM_STEP = 1.2
MIN_SCALE, MAX_SCALE = 0.08, 4.0
MAX_FIT_SCALE = 1.6  # a map of three boxes should not fill the wall
FIT_MARGIN = 30.0
SNAPSHOT_MIN_ITEMS = 150  # below this a drag repaints fast enough without a snapshot


class MapView(QGraphicsView):
    def __init__(self, scene: MapScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.map = scene
        self.auto_fit = True
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.DontAdjustForAntialiasing)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.AnchorViewCenter)
        self.setRubberBandSelectionMode(Qt.IntersectsItemShape)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setFrameShape(QGraphicsView.NoFrame)
        self.setAccessibleName("Dependency map")
        self._snapshot: QPixmap | None = None
        self._still: list[QGraphicsItem] = []
        scene.drag_started.connect(self._freeze)
        scene.drag_finished.connect(self._thaw)

    # ----- dragging a large map ----------------------------------------------------------------

    def _freeze(self, moving: list[QGraphicsItem]) -> None:
        """While nodes are dragged, draw everything else from one picture: on a large map the
        arrows of one node cross most of the view, and repainting all that lies under them
        frame by frame is far too slow. Items that stay still are made transparent (Qt skips
        them) rather than hidden, which would drop them from the selection."""
        if len(self.map.nodes) + len(self.map.edges) < SNAPSHOT_MIN_ITEMS:
            return
        moves = set(moving) | {e for n in moving if isinstance(n, NodeItem) for e in n.edges}
        still = [i for i in self.map.items() if i not in moves and i.opacity() > 0]
        for item in moves:
            item.setOpacity(0.0)
        ratio = self.viewport().devicePixelRatioF()
        picture = QPixmap(self.viewport().size() * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(QColor("#FFFFFF"))
        painter = QPainter(picture)
        painter.setRenderHints(self.renderHints())
        self.render(painter, QRectF(self.viewport().rect()), self.viewport().rect())
        painter.end()
        for item in moves:
            item.setOpacity(1.0)
        for item in still:
            item.setOpacity(0.0)
        self._snapshot, self._still = picture, still
        self.viewport().update()

    def _thaw(self) -> None:
        if self._snapshot is None:
            return
        for item in self._still:
            item.setOpacity(1.0)
        self._snapshot, self._still = None, []
        self.viewport().update()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt's name
        if self._snapshot is None:
            super().drawBackground(painter, rect)
            return
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self._snapshot)
        painter.restore()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        self._thaw()  # the picture no longer matches what the view shows
        super().scrollContentsBy(dx, dy)

    # ----- zoom and fit ----------------------------------------------------------------------

    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom(self, factor: float, anchor_mouse: bool = False) -> None:
        """Zoom by ``factor`` (clamped), under the mouse or at the centre of the view."""
        target = min(max(self.scale_factor() * factor, MIN_SCALE), MAX_SCALE)
        factor = target / self.scale_factor()
        if abs(factor - 1) < 1e-9:
            return
        self.auto_fit = False
        self._thaw()
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse if anchor_mouse else QGraphicsView.AnchorViewCenter)
        self.scale(factor, factor)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)

    def fit(self) -> None:
        """The whole map in sight, from now on also when the window changes size."""
        self.auto_fit = True
        self._fit()

    def _fit(self) -> None:
        """Scale to the view's size less room for scroll bars whether they show or not: fitting
        to the viewport would show or hide a scroll bar, resize the viewport and fit again, forever."""
        rect = self.map.map_rect().adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        frame = 2 * self.frameWidth()
        bars = self.horizontalScrollBarPolicy() != Qt.ScrollBarAlwaysOff  # room for them, shown or not
        width = self.width() - frame - (self.verticalScrollBar().sizeHint().width() if bars else 0)
        height = self.height() - frame - (self.horizontalScrollBar().sizeHint().height() if bars else 0)
        if rect.isEmpty() or width < 10 or height < 10:
            return
        scale = min(width / rect.width(), height / rect.height(), MAX_FIT_SCALE)
        self._thaw()
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(rect.center())

    def focus_on(self, items: list[QGraphicsItem]) -> None:
        """Select ``items`` and bring them to the middle of the view (zooming out if needed)."""
        self.map.clearSelection()
        rect = QRectF()
        for item in items:
            item.setSelected(True)
            rect = rect.united(item.sceneBoundingRect())
        if rect.isEmpty():
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() > visible.width() or rect.height() > visible.height():
            self.auto_fit = False
            self.fitInView(rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN), Qt.KeepAspectRatio)
        self.centerOn(rect.center())

    def scene_centre(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.auto_fit:
            self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.auto_fit:
            self._fit()

    # ----- mouse and keys --------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.zoom(ZOOM_STEP ** steps, anchor_mouse=True)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """On empty space a drag pans, or with Shift draws a selection band; on a node it moves
        the node (or, from its handle or with Shift, draws an arrow: see MapScene)."""
        if event.button() == Qt.LeftButton and self.map.node_at(self.mapToScene(event.position().toPoint())) is None:
            on_edge = self.itemAt(event.position().toPoint()) is not None
            if event.modifiers() & Qt.ShiftModifier:
                self.setDragMode(QGraphicsView.RubberBandDrag)
            elif not on_edge:
                self.setDragMode(QGraphicsView.ScrollHandDrag)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        self.setDragMode(QGraphicsView.NoDrag)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.ControlModifier)
        if key in (Qt.Key_Delete, Qt.Key_Backspace):
            self.map.delete_selected()
        elif ctrl and key in (Qt.Key_Equal, Qt.Key_Plus):
            self.zoom(ZOOM_STEP)
        elif ctrl and key == Qt.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key_F and not ctrl:
            self.fit()
        elif key == Qt.Key_Insert:
            self.map.add_node(self.scene_centre(), free=True)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
