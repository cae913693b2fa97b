"""The map as a QGraphicsScene: one item per node and edge, kept in step with the workshop, and
the gestures that edit it (double-click adds a node, dragging from a node's handle or with
Shift draws a dependency, releasing a drag commits the move, Delete removes).

Every edit goes through ``ctx.edit`` and comes back through ``ctx.changed``; the scene never
changes a record itself. Syncing compares records by identity (records are frozen and
replaced on every edit), so a change costs one pass over the map, not a rebuild.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsScene, QGraphicsSceneMouseEvent

from ...domain import graph_layout
from ...domain import model as m
from ..context import WorkshopContext
from . import style
from .edge_item import EdgeItem
from .node_item import NodeItem
from .overlay import Overlay, analyse

PAIR_OFFSET = 12.0  # how far A -> B and B -> A stand apart
SCENE_MARGIN = 600.0  # room to pan and to drop new nodes around the map


class MapScene(QGraphicsScene):
    """The dependency map of ``ctx``'s workshop."""

    node_added = Signal(str)  # a node was added on the canvas: the panel puts the cursor in its name
    edit_requested = Signal(str)  # a node was double-clicked
    message = Signal(str)  # something the facilitator should read (a refused gesture)
    overlay_changed = Signal()
    drag_started = Signal(list)  # the nodes a drag moves: views may draw everything else from a snapshot
    drag_finished = Signal()

    def __init__(self, ctx: WorkshopContext, parent: object | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[str, EdgeItem] = {}
        self.overlay = Overlay()
        self._analysed: tuple[list, list] | None = None  # the nodes (without places) and edges last analysed
        self.handles = True
        self._names: dict[str, str] = {}
        self._auto: dict[str, QPointF] = {}  # where nodes without a stored position stand
        self._connect_from: NodeItem | None = None
        self._connect_line: QGraphicsLineItem | None = None
        self._connect_target: NodeItem | None = None
        self._pressed: NodeItem | None = None  # the node under a left press that may become a drag
        self._dragging = False
        self._analysis = QTimer(self, singleShot=True, interval=0)  # many edits, one analysis
        self._analysis.timeout.connect(self.analyse)
        self.setBackgroundBrush(QColor("#FFFFFF"))
        self.setItemIndexMethod(QGraphicsScene.NoIndex)  # items move; an index would be rebuilt per frame

    # ----- keeping in step with the workshop -------------------------------------------------

    def sync(self, section: str = "all") -> None:
        """Bring the items in line with the workshop after a change to ``section``."""
        ws = self.ctx.workshop
        if section in ("all", "participants"):
            self._names = {p.id: p.name for p in ws.participants}
        if section in ("all", "nodes", "participants"):
            self._sync_nodes(ws, rename=section != "nodes")
        if section in ("all", "nodes", "edges"):
            self._sync_edges(ws)
        self._fit_scene_rect()
        self._analysis.start()

    def _sync_nodes(self, ws: m.Workshop, rename: bool) -> None:
        records = {n.id: n for n in ws.nodes}
        for node_id in [i for i in self.nodes if i not in records]:
            item = self.nodes.pop(node_id)
            for edge in list(item.edges):
                self._remove_edge(edge)
            self.removeItem(item)  # its place in _auto stays: undoing the delete puts it back there
        self._place_unpositioned(ws)
        movable = not self.ctx.read_only
        for record in ws.nodes:
            item = self.nodes.get(record.id)
            if item is None:
                item = NodeItem(record, self._names.get(record.owner or "", ""))
                item.handles = self.handles and movable
                item.setFlag(QGraphicsItem.ItemIsMovable, movable)
                self.nodes[record.id] = item
                self.addItem(item)
            elif item.record is not record or rename:
                reshaped = item.record.kind != record.kind
                item.set_record(record, self._names.get(record.owner or "", ""))
                for edge in item.edges if reshaped else ():
                    edge.adjust()  # arrows meet a hexagon or an oval at other points
            target = self._shown_at(item)
            if item.pos() != target:
                item.setPos(target)

    def _place_unpositioned(self, ws: m.Workshop) -> None:
        """Nodes without a stored position: the automatic layout when none has one (a fresh
        import, the demo), otherwise a column beside the map. Remembered, so undoing a move
        puts a node back where it was shown."""
        waiting = [n for n in ws.nodes if not _positioned(n) and n.id not in self._auto]
        if not waiting:
            return
        if not self.nodes and all(not _positioned(n) for n in ws.nodes):
            found = graph_layout.layout_workshop(ws, style.SPACING).positions
            self._auto.update({n.id: QPointF(*found[n.id]) for n in waiting})
            return
        occupied = [(n.x, n.y) for n in ws.nodes if _positioned(n)]
        occupied += [(p.x(), p.y()) for i, p in self._auto.items() if i in self.nodes]
        for node, spot in zip(waiting, graph_layout.beside(occupied, len(waiting), style.SPACING), strict=True):
            self._auto[node.id] = QPointF(*spot)

    def _sync_edges(self, ws: m.Workshop) -> None:
        records = {e.id: e for e in ws.edges if e.source in self.nodes and e.target in self.nodes}
        for edge_id in [i for i in self.edges if i not in records]:
            self._remove_edge(self.edges[edge_id])
        for edge_id, record in records.items():
            item = self.edges.get(edge_id)
            if item is None:
                item = EdgeItem(record, self.nodes[record.source], self.nodes[record.target])
                self.edges[edge_id] = item
                self.addItem(item)
            elif item.record is not record:
                item.set_record(record)
        for item in self.edges.values():
            paired = f"{item.record.target}->{item.record.source}" in self.edges
            offset = PAIR_OFFSET if paired else 0.0
            if item.offset != offset:
                item.offset = offset
                item.adjust()

    def _remove_edge(self, item: EdgeItem) -> None:
        item.detach()
        self.edges.pop(item.edge_id, None)
        self.removeItem(item)

    def _fit_scene_rect(self) -> None:
        rect = self.map_rect()
        self.setSceneRect(rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))

    def map_rect(self) -> QRectF:
        """What the map covers (nodes and arrows), without the room to pan around it."""
        rect = QRectF()
        for item in self.nodes.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def set_handles(self, on: bool) -> None:
        """Connector handles on (editing) or off (an export: paper needs no editing marks)."""
        self.handles = on
        for item in self.nodes.values():
            item.handles = on and not self.ctx.read_only
            item.update()

    # ----- overlays ------------------------------------------------------------------------

    def analyse(self) -> None:
        """Run the domain analysis and show it: once per change, never while dragging, and not
        again when only boxes moved (a drop): the analysis reads who depends on whom, not where
        the boxes stand."""
        ws = self.ctx.workshop
        structure = ([dataclasses.replace(n, x=None, y=None) for n in ws.nodes], list(ws.edges))
        if structure != self._analysed:
            self.overlay = analyse(ws)
            self._analysed = structure
        loop_nodes, loop_edges = self.overlay.loop_nodes, self.overlay.loop_edges
        chain = set(self.overlay.chain or [])
        chain_edges = self.overlay.chain_edges
        for node_id, item in self.nodes.items():
            item.set_overlay(self.overlay.blocking.get(node_id, 0), node_id in loop_nodes, node_id in chain)
        for item in self.edges.values():
            key = (item.record.source, item.record.target)
            item.set_overlay(key in loop_edges, key in chain_edges)
        self.overlay_changed.emit()

    # ----- edits -----------------------------------------------------------------------------

    def add_node(self, at: QPointF, free: bool = False) -> str | None:
        """Add a team at ``at`` (the nearest free spot with ``free``); return its id."""
        ws = self.ctx.workshop
        if self.ctx.read_only:
            return None
        spot = (at.x(), at.y())
        if free:
            spot = graph_layout.free_spot(spot, [(i.pos().x(), i.pos().y()) for i in self.nodes.values()],
                                          style.SPACING)
        node = m.DepNode(self.ctx.new_id("n", ws.nodes), "New team", "team", None, round(spot[0], 1),
                         round(spot[1], 1))
        self.ctx.edit(None, node, text="Add a node to the map")
        self.select([node.id])
        self.node_added.emit(node.id)
        return node.id

    def connect_nodes(self, source: str, target: str) -> bool:
        """Add the dependency ``source`` -> ``target`` (target depends on source)."""
        if source == target or self.ctx.read_only:
            return False
        if f"{source}->{target}" in self.edges:
            self.message.emit("That dependency is already on the map.")
            self.select([f"{source}->{target}"])
            return False
        label = {n.id: n.label for n in self.ctx.workshop.nodes}
        self.ctx.edit(None, m.DepEdge(source, target),
                      text=f"Connect {label.get(source, source)} → {label.get(target, target)}")
        self.select([f"{source}->{target}"])
        return True

    def commit_moves(self) -> None:
        """Store where dragged nodes now stand: one undo step for the whole drag. Nodes that
        had no stored position are stored too, so that the picture stays exactly as it is."""
        if self.ctx.read_only:
            return
        dragged = [i for i in self.nodes.values() if i.pos() != self._shown_at(i)]
        if not dragged:
            return
        changed = [dataclasses.replace(i.record, x=round(i.pos().x(), 1), y=round(i.pos().y(), 1))
                   for i in self.nodes.values() if i in dragged or not _positioned(i.record)]
        text = f"Move {dragged[0].record.label}" if len(dragged) == 1 else f"Move {len(dragged)} nodes"
        self._store(changed, text)

    def _shown_at(self, item: NodeItem) -> QPointF:
        """Where the workshop says ``item`` stands."""
        record = item.record
        return QPointF(record.x, record.y) if _positioned(record) else self._auto[record.id]

    def arrange(self) -> None:
        """The automatic layout, as one undoable step."""
        found = graph_layout.layout_workshop(self.ctx.workshop, style.SPACING).positions
        changed = []
        for node in self.ctx.workshop.nodes:
            x, y = (round(v, 1) for v in found[node.id])
            if (node.x, node.y) != (x, y):
                changed.append(dataclasses.replace(node, x=x, y=y))
        self._store(changed, "Arrange the map")

    def _store(self, records: list[m.DepNode], text: str) -> None:
        if not records:
            return
        current = {n.id: n for n in self.ctx.workshop.nodes}
        with self.ctx.macro(text):  # one step: the store tells the map once, at its end, not once per box
            for record in records:
                self.ctx.edit(current[record.id], record)

    def delete_selected(self) -> None:
        """Delete the selected nodes (with their arrows) and arrows, as one undo step."""
        nodes = [i.record for i in self.selectedItems() if isinstance(i, NodeItem)]
        gone = {n.id for n in nodes}
        edges = [e for e in self.ctx.workshop.edges
                 if e.source in gone or e.target in gone
                 or (e.id in self.edges and self.edges[e.id].isSelected())]
        if (not nodes and not edges) or self.ctx.read_only:
            return
        parts = [f"{len(x)} {word}{'s' if len(x) != 1 else ''}" for x, word in ((nodes, "node"), (edges, "dependency"))
                 if x]
        with self.ctx.macro("Delete " + " and ".join(parts).replace("dependencys", "dependencies")):
            for edge in edges:
                self.ctx.edit(edge, None)
            for node in nodes:
                self.ctx.edit(node, None)

    def select(self, keys: Iterable[str]) -> None:
        """Select the nodes and edges with these ids (edge ids are "a->b")."""
        self.clearSelection()
        for key in keys:
            item = self.nodes.get(key) or self.edges.get(key)
            if item is not None:
                item.setSelected(True)

    def selected_records(self) -> list[m.DepNode | m.DepEdge]:
        return [i.record for i in self.selectedItems() if isinstance(i, NodeItem | EdgeItem)]

    # ----- gestures --------------------------------------------------------------------------

    def node_at(self, pos: QPointF, exclude: NodeItem | None = None) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem) and item is not exclude:
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.LeftButton and not self.ctx.read_only:
            node = self.node_at(event.scenePos())
            if node is not None and (event.modifiers() & Qt.ShiftModifier or node.on_handle(event.scenePos())):
                self._start_connect(node, event.scenePos())
                event.accept()
                return
        super().mousePressEvent(event)
        node = self.node_at(event.scenePos()) if event.button() == Qt.LeftButton else None
        self._pressed = node if node is not None and node.flags() & QGraphicsItem.ItemIsMovable else None

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._connect_from is not None and self._connect_line is not None:
            start = self._connect_line.line().p1()
            self._connect_line.setLine(QLineF(start, event.scenePos()))
            self._set_connect_target(self.node_at(event.scenePos(), exclude=self._connect_from))
            event.accept()
            return
        if self._pressed is not None and not self._dragging and event.buttons() & Qt.LeftButton:
            self._dragging = True
            moving = {i for i in self.selectedItems() if isinstance(i, NodeItem)} | {self._pressed}
            self.drag_started.emit(list(moving))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._connect_from is not None:
            source = self._connect_from
            target = self.node_at(event.scenePos(), exclude=source)
            self._end_connect()
            if target is not None:
                self.connect_nodes(source.node_id, target.node_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.LeftButton:
            self._pressed = None
            if self._dragging:
                self._dragging = False
                self.drag_finished.emit()
            self.commit_moves()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.LeftButton:
            return super().mouseDoubleClickEvent(event)
        node = self.node_at(event.scenePos())
        if node is not None:
            self.select([node.node_id])
            self.edit_requested.emit(node.node_id)
        elif not any(isinstance(i, EdgeItem) for i in self.items(event.scenePos())):
            self.add_node(event.scenePos())
        event.accept()

    def _start_connect(self, node: NodeItem, pos: QPointF) -> None:
        self._connect_from = node
        line = QGraphicsLineItem(QLineF(node.pos(), pos))
        line.setPen(QPen(QColor(style.SELECTED), 4, Qt.DashLine))
        line.setZValue(20)
        self.addItem(line)
        self._connect_line = line

    def _set_connect_target(self, node: NodeItem | None) -> None:
        if node is self._connect_target:
            return
        for item in (self._connect_target, node):
            if item is not None:
                item.hovered = item is node
                item.update()
        self._connect_target = node

    def _end_connect(self) -> None:
        self._set_connect_target(None)
        if self._connect_line is not None:
            self.removeItem(self._connect_line)
        self._connect_from, self._connect_line = None, None


def _positioned(node: m.DepNode) -> bool:
    return node.x is not None and node.y is not None
