"""A table that shows and edits one kind of record: the plain editor behind most screens.

The model reads records from the open workshop and turns every cell edit into an undoable
``EditRecord``; it holds no copy of its own, so it can never disagree with the file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.limits import MAX_MAGNITUDE
from ..commands import describe
from ..context import WorkshopContext

Index = QModelIndex | QPersistentModelIndex
NONE_LABEL = "—"
ROW_MIME = "application/x-okr-workshop-row"


@dataclass(frozen=True)
class Column:
    """One column: the record field, its header, and how it is shown and edited.

    kind: text | choice | ref | date | datetime | number | int | list | bool
    For ``choice`` the values come from ``choices``; for ``ref`` from ``options(workshop)``
    as (id, label) pairs, so the cell shows the label and stores the id (a ``list`` with
    ``options`` shows labels too). With ``key`` the
    field is a dict and the column shows and edits that one entry. ``check(record, value)``
    may refuse an edit with a reason.
    """

    field: str
    header: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    options: Callable[[Any], list[tuple[str, str]]] | None = None
    optional: bool = True
    editable: bool = True
    width: int | None = None
    key: str | None = None
    check: Callable[[Any, Any], str | None] | None = None

    def get(self, record: Any) -> Any:
        value = getattr(record, self.field)
        return value.get(self.key) if self.key is not None else value

    def updated(self, record: Any, value: Any) -> Any:
        if self.key is None:
            return dataclasses.replace(record, **{self.field: value})
        entries = dict(getattr(record, self.field))
        if value in (None, ""):
            entries.pop(self.key, None)
        else:
            entries[self.key] = value
        return dataclasses.replace(record, **{self.field: entries})


def participants(ws: Any) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in ws.participants]


def priorities(ws: Any) -> list[tuple[str, str]]:
    return [(p.id, p.title) for p in ws.priorities]


def _parse(column: Column, text: Any) -> Any:
    """The stored value for what the user typed; raises ValueError with a reason."""
    if column.kind in ("choice", "ref", "bool"):
        return text
    if isinstance(text, str):
        text = text.strip()
    if text in ("", None):
        if column.kind == "text":
            if not column.optional:
                raise ValueError(f"{column.header} cannot be empty")
            return ""
        if column.kind == "list":
            return []
        if not column.optional:
            raise ValueError(f"{column.header} cannot be empty")
        return None
    if column.kind == "date":
        date.fromisoformat(text)
        return text
    if column.kind == "datetime":
        datetime.fromisoformat(text)
        return text
    if column.kind == "number":
        value = float(str(text).replace(",", "."))
        if not abs(value) <= MAX_MAGNITUDE:  # also refuses inf and nan
            raise ValueError(f"{column.header}: {text} is too large")
        return int(value) if value.is_integer() else value
    if column.kind == "int":
        value = int(text)
        if abs(value) > MAX_MAGNITUDE:  # no column counts that far; the file could not hold it
            raise ValueError(f"{column.header}: {text} is too large")
        return value
    if column.kind == "list":
        return [part.strip() for part in str(text).split(";") if part.strip()]
    return str(text)


class RecordTableModel(QAbstractTableModel):
    """Rows are the records ``records(workshop)`` returns; edits go through the context."""

    edit_refused = Signal(str)
    move_requested = Signal(int, int)  # a row dragged: (from row, to row)

    def __init__(self, ctx: WorkshopContext, records: Callable[[Any], Sequence[Any]], columns: list[Column]):
        super().__init__()
        self.ctx = ctx
        self._records = records
        self.columns = columns
        self.rows: list[Any] = list(records(ctx.workshop))
        self.movable = False  # rows may be dragged to another place

    def reload(self) -> None:
        rows = list(self._records(self.ctx.workshop))
        if len(rows) == len(self.rows):
            # Same shape (a cell edit, usually from inside setData): refresh the cells rather
            # than reset, which would destroy the editor that is committing and the selection.
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.columns[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.movable and not self.ctx.read_only:
            base |= Qt.ItemIsDragEnabled
        column = self.columns[index.column()]
        if column.kind == "bool" and column.editable and not self.ctx.read_only:
            return base | Qt.ItemIsUserCheckable
        if column.editable and not self.ctx.read_only:
            return base | Qt.ItemIsEditable
        return base

    def display(self, column: Column, value: Any) -> str:
        if value is None or value == "":
            return "" if column.kind in ("text", "list") else NONE_LABEL
        if column.kind == "ref" and column.options:
            return dict(column.options(self.ctx.workshop)).get(value, str(value))
        if column.kind == "list":
            labels = dict(column.options(self.ctx.workshop)) if column.options else {}
            return "; ".join(labels.get(v, str(v)) for v in value)
        if column.kind == "choice":
            return str(value).replace("_", " ")
        return str(value)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.rows[index.row()]
        column = self.columns[index.column()]
        value = column.get(record)
        if column.kind == "bool":
            if role == Qt.CheckStateRole:
                return Qt.Checked if value else Qt.Unchecked
            return None
        if role == Qt.DisplayRole:
            return self.display(column, value)
        if role == Qt.EditRole:
            if column.kind == "list":
                return "; ".join(value)
            return value
        if role == Qt.ToolTipRole and column.kind in ("date", "datetime"):
            return "YYYY-MM-DD" if column.kind == "date" else "YYYY-MM-DDTHH:MM"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        record = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.CheckStateRole and column.kind == "bool":
            parsed: Any = Qt.CheckState(value) == Qt.Checked
        elif role == Qt.EditRole:
            try:
                parsed = _parse(column, value)
            except ValueError as exc:
                hint = {"date": "a date like 2026-05-01", "datetime": "a date and time like 2026-04-06T09:00",
                        "number": "a number", "int": "a whole number"}.get(column.kind, "")
                reason = hint and f"{column.header} needs {hint}" or str(exc)
                self.edit_refused.emit(reason)
                return False
        else:
            return False
        if parsed == column.get(record):
            return False
        refusal = column.check(record, parsed) if column.check else None
        updated = column.updated(record, parsed)
        key = getattr(updated, "id", None)
        if refusal is None and key != getattr(record, "id", None) and any(
            getattr(r, "id", None) == key for r in self.rows
        ):
            refusal = "that combination already exists"
        if refusal:
            self.edit_refused.emit(refusal)
            return False
        self.ctx.edit(record, updated)
        return True


    # ----- dragging a row to another place (only when ``movable``) -------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt's name
        return Qt.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[Index]) -> QMimeData:  # noqa: N802 - Qt's name
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(ROW_MIME, str(rows[0] if rows else -1).encode())
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        if not self.movable or not data.hasFormat(ROW_MIME):
            return False
        source = int(bytes(data.data(ROW_MIME)).decode() or -1)
        target = row if row >= 0 else parent.row() if parent.isValid() else len(self.rows)
        if 0 <= source < len(self.rows):
            # Dropping below the row itself lands after the rows that shift up.
            self.move_requested.emit(source, target - 1 if target > source else target)
        # The move is made; False keeps the view from also removing the dragged rows.
        return False


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for choice and reference columns."""

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model

    def _options(self, column: Column) -> list[tuple[Any, str]]:
        if column.kind == "choice":
            return [(c, c.replace("_", " ")) for c in column.choices]
        options: list[tuple[Any, str]] = list(column.options(self.model.ctx.workshop)) if column.options else []
        if column.optional:
            options.insert(0, (None, NONE_LABEL))
        return options

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:  # noqa: N802
        column = self.model.columns[index.column()]
        if column.kind not in ("choice", "ref"):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for value, label in self._options(column):
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.EditRole))
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
            return
        super().setModelData(editor, model, index)


class RecordTable(QWidget):
    """A titled table of one kind of record with Add and Delete, and an empty state."""

    model_class: type[RecordTableModel] = RecordTableModel  # a subclass may show more (colours, tooltips)

    def __init__(
        self,
        ctx: WorkshopContext,
        title: str,
        records: Callable[[Any], Sequence[Any]],
        columns: list[Column],
        sections: Sequence[str],
        new_record: Callable[[], Any] | None = None,
        empty_text: str = "Nothing here yet.",
        parent: QWidget | None = None,
        movable: bool = False,
    ):
        """With ``movable`` the rows can be put in another order (drag, or Alt+Up / Alt+Down);
        ``records`` must then return the whole workshop list, in its order."""
        super().__init__(parent)
        self.ctx = ctx
        self.sections = set(sections) | {"all"}
        self.new_record = new_record
        self.model = self.model_class(ctx, records, columns)
        self.model.edit_refused.connect(self._refused)
        self.view = QTableView()
        self.view.setObjectName(f"table:{title}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ChoiceDelegate(self.model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed | QAbstractItemView.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for i, column in enumerate(columns):
            if column.width:
                self.view.setColumnWidth(i, column.width)
        self.title = QLabel(title)
        self.title.setProperty("role", "subtitle")
        self.title.setWordWrap(True)  # a long title wraps instead of widening the screen
        self.empty = QLabel(empty_text)
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.message = QLabel()
        self.message.setProperty("role", "warning")
        self.message.setVisible(False)
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip("Add a row (Insert)")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected rows (Delete)")
        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete_selected)

        bar = QHBoxLayout()
        self._bar = bar
        self._tools = 0  # the screen's own buttons, after the title
        bar.addWidget(self.title, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

        for key, slot in ((Qt.Key_Insert, self.add), (Qt.Key_Delete, self.delete_selected)):
            shortcut = QShortcut(QKeySequence(key), self.view, slot)
            # Set apart: PySide ignores a context= keyword here, and as window shortcuts the
            # keys of the many tables on screen would be ambiguous and do nothing at all.
            shortcut.setContext(Qt.WidgetShortcut)
        if movable:
            self._make_movable()
        ctx.changed.connect(self._on_changed)
        self._update_empty()

    def add_tool(self, widget: QWidget) -> None:
        """A screen's own button beside Add and Delete. Several keep the order they were added in."""
        self._tools += 1
        self._bar.insertWidget(self._tools, widget)

    def _refused(self, reason: str) -> None:
        self.message.setText(reason)
        self.message.setVisible(True)

    def set_columns(self, columns: list[Column]) -> None:
        """Change the columns (a matrix whose columns are records, such as roles)."""
        self.model.beginResetModel()
        self.model.columns = columns
        self.model.rows = list(self.model._records(self.ctx.workshop))
        self.model.endResetModel()
        for i, column in enumerate(columns):
            if column.width:
                self.view.setColumnWidth(i, column.width)

    def _on_changed(self, section: str) -> None:
        if section in self.sections:
            self.reload()

    def reload(self) -> None:
        self.message.setVisible(False)
        current = self.view.currentIndex()
        row, col = current.row(), current.column()
        self.model.reload()
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, max(col, 0)))
        self._update_empty()

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)
        read_only = self.ctx.read_only
        self.add_button.setEnabled(not read_only)
        self.delete_button.setEnabled(not read_only and not empty)
        self.add_button.setVisible(self.new_record is not None)

    def selected_records(self) -> list[Any]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def add(self) -> None:
        if self.new_record is None or self.ctx.read_only:
            return
        record = self.new_record()
        if record is None:
            return
        self.ctx.edit(None, record)
        row = next((i for i, r in enumerate(self.model.rows) if getattr(r, "id", None) == record.id), None)
        if row is not None:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def _make_movable(self) -> None:
        self.model.movable = True
        self.model.move_requested.connect(self.move_row)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropOverwriteMode(False)  # drop between rows, not onto one
        self.view.setDragDropMode(QAbstractItemView.InternalMove)
        self.view.setDefaultDropAction(Qt.MoveAction)
        for key, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(key), self.view, lambda step=step: self.move_current(step))
            shortcut.setContext(Qt.WidgetShortcut)

    def move_current(self, step: int) -> None:
        """Move the current row one place up (-1) or down (1)."""
        row = self.view.currentIndex().row()
        if row >= 0:
            self.move_row(row, row + step)

    def move_row(self, source: int, target: int) -> None:
        """Put the record at ``source`` at ``target``: one undo step, and the cursor follows it."""
        rows = self.model.rows
        target = max(0, min(target, len(rows) - 1))
        if self.ctx.read_only or not 0 <= source < len(rows) or source == target:
            return
        record = rows[source]
        column = max(self.view.currentIndex().column(), 0)
        with self.ctx.macro(f"Move {describe(record)} {'up' if target < source else 'down'}"):
            self.ctx.edit(record, None)
            self.ctx.edit(None, record, position=target)
        self.view.setCurrentIndex(self.model.index(target, column))

    def delete_selected(self) -> None:
        """Delete the selected rows and, in the same undo step, whatever refers to them."""
        from ...domain.integrity import DeleteRefused, consequences

        if self.ctx.read_only:
            return
        records = []
        for record in self.selected_records():
            try:
                consequences(self.ctx.workshop, record)
                records.append(record)
            except DeleteRefused as refusal:
                self._refused(f"Not deleted: {refusal}")
        if not records:
            return
        with self.ctx.macro(f"Delete {len(records)} row{'s' if len(records) > 1 else ''}"):
            for record in records:
                for before, after in consequences(self.ctx.workshop, record):
                    self.ctx.edit(before, after)
                self.ctx.edit(record, None)
