"""The properties of what is selected on the map, beside it: a node's name, kind and owner; a
dependency's what, owner, needed-by date, risk and status. Every change is one undoable edit
(typing a name merges into one step), exactly as in the tables.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ..context import WorkshopContext
from ..widgets.forms import FieldEdit
from ..widgets.record_table import NONE_LABEL
from . import style
from .edge_item import EdgeItem
from .node_item import NodeItem
from .scene import MapScene

NOTHING_SELECTED = ("Select a box or an arrow to edit it here.\n\n"
                    "Double-click empty space to add a node. Drag from the dot on a node's right edge "
                    "(or Shift+drag a node) to another node to add a dependency. Delete removes what is "
                    "selected; Ctrl+Z undoes.")


class RecordEdit(FieldEdit):
    """A FieldEdit whose record may be gone (nothing selected, or just deleted): then it waits."""

    def load(self) -> None:
        if self.current() is not None:
            super().load()

    def _commit(self, text: str) -> None:
        if self.current() is not None:
            super()._commit(text)


class ChoiceEdit(QComboBox):
    """A drop-down bound to one field of the current record; a pick is one undoable edit."""

    def __init__(self, ctx: WorkshopContext, current: Callable[[], Any], field: str,
                 options: Callable[[], list[tuple[Any, str]]]):
        super().__init__()
        self.ctx, self.current, self.field, self.options = ctx, current, field, options
        self.activated.connect(self._commit)

    def load(self) -> None:
        record = self.current()
        self.clear()
        for value, label in self.options():
            self.addItem(label, value)
        if record is not None:
            self.setCurrentIndex(max(self.findData(getattr(record, self.field)), 0))
        self.setEnabled(not self.ctx.read_only)

    def _commit(self, index: int) -> None:
        before = self.current()
        if before is not None:
            self.ctx.edit(before, dataclasses.replace(before, **{self.field: self.itemData(index)}))


def _choices(values: tuple[str, ...], names: dict[str, str] | None = None) -> Callable[[], list[tuple[Any, str]]]:
    return lambda: [(v, (names or {}).get(v, v.replace("_", " "))) for v in values]


class PropertiesPanel(QWidget):
    """Shows and edits the selection of ``scene``."""

    def __init__(self, ctx: WorkshopContext, scene: MapScene, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.scene = ctx, scene
        self.node_id: str | None = None
        self.edge_id: str | None = None
        self.heading = QLabel("Selection")
        self.heading.setProperty("role", "subtitle")
        self.pages = QStackedWidget()
        self.hint = QLabel(NOTHING_SELECTED)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        self.hint.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.pages.addWidget(self.hint)
        self.pages.addWidget(self._node_page())
        self.pages.addWidget(self._edge_page())
        self.pages.addWidget(self._many_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages)
        scene.selectionChanged.connect(self.show_selection)
        scene.edit_requested.connect(self.focus_label)
        scene.node_added.connect(self.focus_label)
        ctx.changed.connect(self._on_changed)
        self.show_selection()

    # ----- pages ---------------------------------------------------------------------------

    def _people(self) -> list[tuple[Any, str]]:
        return [(None, NONE_LABEL)] + [(p.id, p.name) for p in self.ctx.workshop.participants]

    def _node(self) -> m.DepNode | None:
        return next((n for n in self.ctx.workshop.nodes if n.id == self.node_id), None)

    def _edge(self) -> m.DepEdge | None:
        return next((e for e in self.ctx.workshop.edges if e.id == self.edge_id), None)

    def _node_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.node_label = RecordEdit(self.ctx, self._node, "label", placeholder="Team or initiative")
        self.node_kind = ChoiceEdit(self.ctx, self._node, "kind", _choices(m.NODE_KINDS, style.KIND_NAMES))
        self.node_owner = ChoiceEdit(self.ctx, self._node, "owner", self._people)
        form.addRow("Name", self.node_label)
        form.addRow("Kind", self.node_kind)
        form.addRow("Owner", self.node_owner)
        return page

    def _edge_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.edge_ends = QLabel()
        self.edge_ends.setWordWrap(True)
        self.edge_what = RecordEdit(self.ctx, self._edge, "what", placeholder="What A delivers to B")
        self.edge_owner = ChoiceEdit(self.ctx, self._edge, "owner", self._people)
        self.edge_due = RecordEdit(self.ctx, self._edge, "needed_by", is_date=True)
        self.edge_risk = ChoiceEdit(self.ctx, self._edge, "risk", _choices(m.RISKS))
        self.edge_status = ChoiceEdit(self.ctx, self._edge, "status", _choices(m.EDGE_STATUSES))
        form.addRow(self.edge_ends)
        form.addRow("What", self.edge_what)
        form.addRow("Owner end to end", self.edge_owner)
        form.addRow("Needed by", self.edge_due)
        form.addRow("Risk", self.edge_risk)
        form.addRow("Status", self.edge_status)
        return page

    def _many_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.many = QLabel()
        self.many.setWordWrap(True)
        self.delete_button = QPushButton("Delete selected")
        self.delete_button.clicked.connect(self.scene.delete_selected)
        layout.addWidget(self.many)
        layout.addWidget(self.delete_button)
        layout.addStretch(1)
        return page

    # ----- showing the selection -----------------------------------------------------------

    def show_selection(self) -> None:
        items = [i for i in self.scene.selectedItems() if isinstance(i, NodeItem | EdgeItem)]
        self.node_id = items[0].node_id if len(items) == 1 and isinstance(items[0], NodeItem) else None
        self.edge_id = items[0].edge_id if len(items) == 1 and isinstance(items[0], EdgeItem) else None
        if self.node_id:
            self.heading.setText("Node")
            self.pages.setCurrentIndex(1)
        elif self.edge_id:
            self.heading.setText("Dependency")
            self.pages.setCurrentIndex(2)
        elif items:
            self.heading.setText("Selection")
            self.many.setText(f"{len(items)} items selected. Drag one to move them all; Delete removes them "
                              "(and the arrows of deleted nodes).")
            self.delete_button.setEnabled(not self.ctx.read_only)
            self.pages.setCurrentIndex(3)
        else:
            self.heading.setText("Selection")
            self.pages.setCurrentIndex(0)
        self.reload()

    def reload(self) -> None:
        if self.node_id and self._node() is not None:
            for w in (self.node_label, self.node_kind, self.node_owner):
                w.load()
        elif self.edge_id and (edge := self._edge()) is not None:
            labels = {n.id: n.label for n in self.ctx.workshop.nodes}
            self.edge_ends.setText(f"<b>{_escape(labels.get(edge.source, edge.source))}</b> delivers to "
                                   f"<b>{_escape(labels.get(edge.target, edge.target))}</b>")
            for w in (self.edge_what, self.edge_owner, self.edge_due, self.edge_risk, self.edge_status):
                w.load()

    def _on_changed(self, section: str) -> None:
        if section in ("all", "nodes", "edges", "participants"):
            self.reload()

    def focus_label(self, node_id: str) -> None:
        """Put the cursor in the node's name, all selected, so typing replaces it."""
        if node_id != self.node_id:
            self.scene.select([node_id])
        if self.node_id == node_id:
            self.node_label.setFocus(Qt.OtherFocusReason)
            self.node_label.selectAll()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
