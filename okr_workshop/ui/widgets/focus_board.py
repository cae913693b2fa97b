"""The focus board: five columns of cards that the room moves with the mouse or the keyboard.

The board holds no state of its own: it redraws from the workshop after every change, and a
move is the domain's ``not_now.move`` applied as one undoable step. Dragging is done here with
plain mouse events rather than QDrag, so a drop is an ordinary press and release that tests
can replay.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ...domain import not_now as nn
from ..context import WorkshopContext

ORDER = (nn.UNDECIDED, *nn.COLUMNS)  # left to right on screen
KEY_ROLE = Qt.UserRole
FLAG_TINT = QColor("#FCE3CF")  # a light vermillion: the flag also says so in words
DRAG_DISTANCE = 8


class CardDelegate(QStyledItemDelegate):
    """Draws a card as a bordered tile with wrapped text, measured for the column's real width
    (the style-sheet route mis-measures wrapped items)."""

    def __init__(self, view: QListWidget):
        super().__init__(view)
        self.view = view

    def _metrics(self) -> tuple[int, int, int]:
        return (6, 1, 4)  # padding, border, margin

    def _text_rect(self, rect: QRect) -> QRect:
        pad, border, margin = self._metrics()
        inset = pad + border + margin
        return rect.adjusted(inset, inset, -inset, -inset)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt's name
        width = self.view.viewport().width()
        text = self._text_rect(QRect(0, 0, width, 10_000))
        bounds = option.fontMetrics.boundingRect(text, int(Qt.TextWordWrap), index.data())
        pad, border, margin = self._metrics()
        return QSize(width, bounds.height() + 2 * (pad + border + margin))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        pad, border, margin = self._metrics()
        tile = option.rect.adjusted(margin, margin, -margin, -margin)
        selected = bool(option.state & QStyle.State_Selected)
        fill = QColor("#FDE68A") if selected else index.data(Qt.BackgroundRole) or QColor("#FFFFFF")
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(QColor("#000000" if selected else "#9CA3AF"), border))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(tile, 6, 6)
        painter.setPen(QColor("#000000"))
        painter.setFont(option.font)
        painter.drawText(self._text_rect(option.rect), int(Qt.TextWordWrap), index.data())
        painter.restore()


class BoardColumn(QListWidget):
    """One column's cards; the board listens to its mouse and keys."""

    def __init__(self, column: str):
        super().__init__()
        self.column = column
        self.setObjectName(f"board:{column}")
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setDragDropMode(QAbstractItemView.NoDragDrop)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setTextElideMode(Qt.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.Adjust)  # re-measure wrapped cards when the column width changes
        self.setStyleSheet("QListWidget { background: #F3F4F6; border: none; }")
        self.delegate = CardDelegate(self)
        self.setItemDelegate(self.delegate)

    def card_keys(self) -> list[str]:
        return [self.item(i).data(KEY_ROLE) for i in range(self.count())]

    def item_for(self, key: str) -> QListWidgetItem | None:
        return next((self.item(i) for i in range(self.count()) if self.item(i).data(KEY_ROLE) == key), None)


class FocusBoard(QWidget):
    """Undecided | Selected | Stop | Defer | Business as usual."""

    card_selected = Signal(str)  # the card key, for the detail editors

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.columns: dict[str, BoardColumn] = {}
        self.headers: dict[str, QLabel] = {}
        self._pressed: tuple[BoardColumn, str, QPoint] | None = None
        self._dragging = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        for i, column in enumerate(ORDER):
            header = QLabel()
            header.setStyleSheet("font-weight: 700;")
            header.setWordWrap(True)
            view = BoardColumn(column)
            view.viewport().installEventFilter(self)
            view.currentItemChanged.connect(lambda item, _old: self._selected(item))
            grid.addWidget(header, 0, i)
            grid.addWidget(view, 1, i)
            grid.setColumnStretch(i, 1)
            self.columns[column], self.headers[column] = view, header
        grid.setRowStretch(1, 1)
        self._shortcuts()
        ctx.changed.connect(self._on_changed)
        self.reload()

    # ----- drawing ---------------------------------------------------------------------------

    def _on_changed(self, section: str) -> None:
        if section in ("all", "priorities", "not_now", "participants"):
            self.reload()

    def reload(self, keep: str | None = None) -> None:
        keep = keep or self.current_key()
        ws = self.ctx.workshop
        names = {p.id: p.name for p in ws.participants}
        for column, cards in nn.board(ws).items():
            view = self.columns[column]
            view.blockSignals(True)
            view.clear()
            for card in cards:
                view.addItem(self._item(card, names))
            view.blockSignals(False)
            count = len(cards)
            self.headers[column].setText(f"{nn.COLUMN_TITLES[column]} ({count})")
        if keep:
            self.select(keep)

    def _item(self, card: nn.Card, names: dict[str, str]) -> QListWidgetItem:
        lines = [card.title]
        entry = card.entry
        if entry is not None and card.column in ("stop", "defer", "bau"):
            details = [names.get(entry.owner or "", ""), entry.revisit or ""]
            detail = " · ".join(d for d in details if d)
            if detail:
                lines.append(detail)
        if card.flag:
            lines.append(f"⚠ {card.flag}")
        item = QListWidgetItem("\n".join(lines))
        item.setData(KEY_ROLE, card.key)
        item.setToolTip(entry.reason if entry is not None and entry.reason else card.title)
        if card.flag:
            item.setBackground(FLAG_TINT)
        return item

    # ----- selection -------------------------------------------------------------------------

    def current_key(self) -> str | None:
        for view in self.columns.values():
            if view.hasFocus() and view.currentItem() is not None:
                return view.currentItem().data(KEY_ROLE)
        for view in self.columns.values():
            if view.currentItem() is not None and view.currentItem().isSelected():
                return view.currentItem().data(KEY_ROLE)
        return None

    def column_of(self, key: str) -> str | None:
        return next((c for c, view in self.columns.items() if key in view.card_keys()), None)

    def select(self, key: str) -> None:
        for view in self.columns.values():
            item = view.item_for(key)
            if item is None:
                view.clearSelection()
                continue
            view.setCurrentItem(item)
            item.setSelected(True)
            view.setFocus()

    def _selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            for view in self.columns.values():
                if view is not item.listWidget():
                    view.clearSelection()
            self.card_selected.emit(item.data(KEY_ROLE))

    # ----- moving ----------------------------------------------------------------------------

    def move_card(self, key: str, column: str) -> None:
        """Move one card as one undoable step, and keep it selected where it landed."""
        if self.ctx.read_only:
            return
        changes = nn.move(self.ctx.workshop, key, column, self.ctx.new_id)
        if not changes:
            return
        title = nn.card(self.ctx.workshop, key)
        text = f"Move “{title.title if title else key}” to {nn.COLUMN_TITLES[column]}"
        with self.ctx.macro(text):
            for before, after in changes:
                self.ctx.edit(before, after)
        landed = key if nn.card(self.ctx.workshop, key) else self._new_priority_key(changes)
        self.reload(keep=landed)

    @staticmethod
    def _new_priority_key(changes: list) -> str | None:
        made = next((after for before, after in changes if before is None and after is not None), None)
        return f"pr:{made.id}" if made is not None else None

    def move_current(self, step: int = 0, column: str | None = None) -> None:
        key = self.current_key()
        if key is None:
            return
        where = self.column_of(key)
        if column is None and where is not None:
            index = ORDER.index(where) + step
            if not 0 <= index < len(ORDER):
                return
            column = ORDER[index]
        if column is not None:
            self.move_card(key, column)

    def _shortcuts(self) -> None:
        bindings = [("Ctrl+Left", lambda: self.move_current(-1)), ("Ctrl+Right", lambda: self.move_current(1))]
        bindings += [(f"Alt+{i}", lambda c=c: self.move_current(column=c)) for i, c in enumerate(ORDER, start=1)]
        for keys, slot in bindings:
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)

    def column_at(self, global_pos: QPoint) -> str | None:
        for column, view in self.columns.items():
            local = view.mapFromGlobal(global_pos)
            if view.rect().contains(local):
                return column
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        view = obj.parent()
        if not isinstance(view, BoardColumn):
            return False
        kind = event.type()
        if kind == QEvent.MouseButtonPress and event.button() == Qt.LeftButton:
            item = view.itemAt(event.position().toPoint())
            self._pressed = (view, item.data(KEY_ROLE), event.globalPosition().toPoint()) if item else None
            self._dragging = False
        elif kind == QEvent.MouseMove and self._pressed is not None:
            distance = (event.globalPosition().toPoint() - self._pressed[2]).manhattanLength()
            if distance >= DRAG_DISTANCE and not self._dragging:
                self._dragging = True
                self.setCursor(Qt.ClosedHandCursor)
        elif kind == QEvent.MouseButtonRelease and self._pressed is not None:
            source, key, _ = self._pressed
            self._pressed = None
            self.unsetCursor()
            # Qt sends the release to the column pressed in; a test may send it to the target.
            target = view.column if view is not source else self.column_at(event.globalPosition().toPoint())
            if target is not None and target != source.column:
                self.move_card(key, target)
                return True
        return False
