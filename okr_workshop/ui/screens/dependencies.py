"""Cross-functional dependencies: who must deliver what to whom, drawn as a map the room can
read, with the loops, the critical chain and what nobody owns marked on it.

The map is the main view; the tables stay one tab away as the keyboard editor.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ..graph import export
from ..graph.legend import Legend
from ..graph.panel import PropertiesPanel
from ..graph.risk_list import RiskList
from ..graph.scene import MapScene
from ..graph.view import MapView
from ..widgets.record_table import Column, RecordTable, participants
from .base import Screen


def _nodes(ws: m.Workshop) -> list[tuple[str, str]]:
    return [(n.id, n.label) for n in ws.nodes]


class DependenciesScreen(Screen):
    title = "Dependencies"
    purpose = ("An arrow A → B means B depends on A: A must deliver to B. Double-click empty space to add a "
               "node; drag from the dot on a node's right edge (or Shift+drag a node) onto another to add a "
               "dependency. Drag empty space to pan, Shift+drag to select several; Ctrl+wheel zooms, F fits.")
    sections = ("nodes", "edges", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.scene = MapScene(ctx, self)
        self.view = MapView(self.scene)
        self.view.setMinimumSize(420, 360)
        self.panel = PropertiesPanel(ctx, self.scene)
        self.legend = Legend()
        self.risks = RiskList()
        self.summary = QLabel()
        self.summary.setProperty("role", "warning")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setProperty("role", "hint")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._map_page(), "Map")
        self.tabs.addTab(self._tables_page(), "Tables")
        self.body.addWidget(self._toolbar())
        self.body.addWidget(self.tabs, 1)
        self.scene.overlay_changed.connect(self._show_overlay)
        self.scene.message.connect(self.message.setText)
        self.risks.focus_requested.connect(self.focus)
        self._built = False
        if ctx.painted:
            self._build()
        else:  # the layout may import networkx: not before the window's first frame
            ctx.after_paint(self._build)
        self.view.fit()

    # ----- building ------------------------------------------------------------------------

    def _toolbar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            ("add", "Add node", "Add a node in the middle of the view (Insert)", self.add_node),
            ("arrange", "Arrange", "Lay the map out automatically (one undo step)", self.arrange),
            ("fit", "Fit to view", "Show the whole map (F)", self.view.fit),
            ("zoom_out", "−", "Zoom out (Ctrl+-)", lambda: self.view.zoom(1 / 1.2)),
            ("zoom_in", "+", "Zoom in (Ctrl+=)", lambda: self.view.zoom(1.2)),
            ("png", "Export PNG…", "Save the map as a picture", self.export_png),
            ("svg", "Export SVG…", "Save the map as a scalable drawing", self.export_svg),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addWidget(self.message, 1)
        self.buttons["add"].setEnabled(not self.ctx.read_only)
        self.buttons["arrange"].setEnabled(not self.ctx.read_only)
        return bar

    def _map_page(self) -> QWidget:
        canvas = QWidget()
        column = QVBoxLayout(canvas)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.view, 1)
        self.side = QWidget()
        self.side_layout = QBoxLayout(QBoxLayout.TopToBottom, self.side)
        self.side_layout.setContentsMargins(8, 0, 0, 0)
        risks_box = QWidget()
        risks_column = QVBoxLayout(risks_box)
        risks_column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("What threatens delivery")
        heading.setProperty("role", "subtitle")
        risks_column.addWidget(heading)
        risks_column.addWidget(self.risks, 1)
        self.side_layout.addWidget(self.panel)
        self.side_layout.addWidget(self.legend)
        self.side_layout.addWidget(risks_box, 1)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(canvas)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        return self.splitter

    def _tables_page(self) -> QWidget:
        ctx = self.ctx
        self.nodes = RecordTable(
            ctx, "Teams and initiatives", lambda ws: ws.nodes,
            [
                Column("label", "Name", optional=False, width=260),
                Column("kind", "Kind", "choice", choices=m.NODE_KINDS, width=120),
                Column("owner", "Owner", "ref", options=participants, width=200),
            ],
            ("nodes", "participants"),
            lambda: m.DepNode(ctx.new_id("n", ctx.workshop.nodes), "New team"),
            "No teams or initiatives yet.",
        )
        self.edges = RecordTable(
            ctx, "Dependencies (A must deliver to B)", lambda ws: ws.edges,
            [
                Column("source", "A delivers", "ref", options=_nodes, optional=False, width=190),
                Column("target", "to B", "ref", options=_nodes, optional=False, width=190),
                Column("what", "What", width=220),
                Column("owner", "Owner end to end", "ref", options=participants, width=180),
                Column("needed_by", "Needed by", "date", width=120),
                Column("risk", "Risk", "choice", choices=m.RISKS, width=90),
                Column("status", "Status", "choice", choices=m.EDGE_STATUSES, width=100),
            ],
            ("edges", "nodes", "participants"),
            self._new_edge,
            "No dependencies yet.",
        )
        self.nodes.setMinimumHeight(220)
        self.edges.setMinimumHeight(300)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.nodes)
        layout.addWidget(self.edges)
        return page

    def _build(self) -> None:
        self._built = True
        self.scene.sync()
        self.view.fit()

    def _new_edge(self) -> m.DepEdge | None:
        ws = self.ctx.workshop
        existing = {(e.source, e.target) for e in ws.edges}
        for a in ws.nodes:
            for b in ws.nodes:
                if a.id != b.id and (a.id, b.id) not in existing:
                    return m.DepEdge(a.id, b.id)
        self.edges.empty.setText("Add at least two teams or initiatives first.")
        return None

    # ----- keeping up with changes -----------------------------------------------------------

    def _on_changed(self, section: str) -> None:
        if self._built and (section == "all" or section in self.sections):
            self.scene.sync(section)

    def _show_overlay(self) -> None:
        overlay = self.scene.overlay
        self.summary.setText(overlay.summary())
        self.risks.set_risks(overlay.risks)

    # ----- actions -----------------------------------------------------------------------------

    def context_text(self) -> str:
        """The selected node or dependency, for an action added while it is discussed."""
        selected = self.scene.selected_records()
        if len(selected) != 1:
            return f"{len(selected)} items on the map" if selected else ""
        record = selected[0]
        if isinstance(record, m.DepNode):
            return f"“{record.label}”"
        label = {n.id: n.label for n in self.ctx.workshop.nodes}
        what = f"“{record.what}” " if record.what else ""
        source, target = label.get(record.source, record.source), label.get(record.target, record.target)
        return f"dependency {what}from {source} to {target}"

    def arrange(self) -> None:
        self.scene.arrange()
        self.view.fit()

    def add_node(self) -> None:
        self.scene.add_node(self.view.scene_centre(), free=True)

    def focus(self, keys: list[str]) -> None:
        """Select the nodes and edges a risk names and bring them to the middle of the map."""
        items = [self.scene.nodes.get(k) or self.scene.edges.get(k) for k in keys]
        self.tabs.setCurrentIndex(0)
        self.view.focus_on([i for i in items if i is not None])

    def _export_path(self, suffix: str, kind: str) -> str:
        folder = Path(self.ctx.store.path).with_name(f"{Path(self.ctx.store.path).stem} dependencies{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, f"Export the map as {kind}", str(folder), f"{kind} (*{suffix})")
        if path and not path.endswith(suffix):
            path += suffix
        return path

    def export_png(self) -> None:
        path = self._export_path(".png", "PNG")
        if path:
            export.export_png(self.scene, path)
            self.message.setText(f"Saved {path}")

    def export_svg(self) -> None:
        path = self._export_path(".svg", "SVG")
        if path:
            export.export_svg(self.scene, path, f"{self.ctx.workshop.info.title}: dependencies")
            self.message.setText(f"Saved {path}")
