"""The decision-rights matrix: decisions as rows, roles as columns, a framework letter per cell.

A letter goes in by a click (a small menu of the framework's letters opens at the cell), by
typing it, by Space (the next letter) or the context menu; Delete or Backspace clears it. Every
change is one undo step. What the domain finds (``decision_rights.check``) is drawn into the
grid: a "Check" column says it in words, the cells carry colour *and* a mark, so a colour-blind
reader and a washed-out projector lose nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QBrush, QColor, QFont, QKeyEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QStyle, QStyleOptionViewItem

from ...domain import decision_rights as dr
from ..theme import OKABE_ITO
from .finding_list import WARNING_MARK, mark
from .record_table import ChoiceDelegate, Column, Index, RecordTable, RecordTableModel

# Light tints of the Okabe-Ito colours, dark enough to see on a projector and light enough for black text.
DECIDER_TINT = "#C7E0F0"  # blue: the one final decider
PROBLEM_TINT = "#F7CDB0"  # vermillion: no decider, several deciders
WARNING_TINT = "#F7EE9E"  # yellow: no forum, a bottleneck
OK_MARK = "✓"

CHECK = Column("id", "Check", editable=False, width=190)  # the row's findings in words


def _wrap(text: str, width: int = 11) -> str:
    """Break a header into short lines on spaces, so a long role label does not widen its column."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


class MatrixDelegate(ChoiceDelegate):
    """Draws the current cell with a thick frame instead of a selection colour, so the tints that
    carry meaning stay visible under the cursor, and gives wrapped text some air."""

    PADDING = 8

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        selected = bool(option.state & QStyle.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.State_Selected
        plain.state &= ~QStyle.State_HasFocus
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            pen = QPen(QColor(OKABE_ITO["black"]))
            pen.setWidth(4)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(2, 2, -2, -2))
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt's name
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.PADDING)


class MatrixModel(RecordTableModel):
    """Adds the check column, the colours and the role headers to the plain record model."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.check = dr.check(self.ctx.workshop)

    def update_check(self) -> None:
        self.check = dr.check(self.ctx.workshop)

    def reload(self) -> None:
        self.update_check()
        super().reload()
        if self.columns:
            self.headerDataChanged.emit(Qt.Horizontal, 0, len(self.columns) - 1)

    def is_letter(self, column: Column) -> bool:
        return column.field == "assignments"

    def _codes(self, record: Any) -> tuple[str, ...]:
        return self.check.by_decision.get(record.id, ())

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        record = self.rows[index.row()]
        if column == CHECK:
            return self._check_data(record, role)
        if self.is_letter(column):
            return self._letter_data(column, record, role)
        codes = self._codes(record)
        if role == Qt.BackgroundRole:
            if column.field == "situation" and any(dr.SEVERITY[c] == "problem" for c in codes):
                return QBrush(QColor(PROBLEM_TINT))
            if column.field == "forum" and "no_forum" in codes:
                return QBrush(QColor(WARNING_TINT))
        if role == Qt.DisplayRole and column.field == "forum" and "no_forum" in codes:
            return f"{WARNING_MARK} none"
        return super().data(index, role)

    def _check_data(self, record: Any, role: int) -> Any:
        codes = self._codes(record)
        worst = "problem" if any(dr.SEVERITY[c] == "problem" for c in codes) else "warning" if codes else ""
        if role == Qt.DisplayRole:
            if not codes:
                return f"{OK_MARK} OK"
            deciders = len(dr.deciders(self.ctx.workshop.framework, record.assignments))
            labels = {**dr.CHECK_LABEL, "multiple_deciders": f"{deciders} deciders"}
            return "\n".join(f"{mark(dr.SEVERITY[c])} {labels[c]}" for c in codes)
        if role == Qt.BackgroundRole and worst:
            return QBrush(QColor(PROBLEM_TINT if worst == "problem" else WARNING_TINT))
        if role == Qt.FontRole and worst:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole:
            texts = [f.text for f in self.check.findings if f.decision == record.id]
            return "\n".join(texts) or "Exactly one final decider, and a forum."
        return None

    def _letter_data(self, column: Column, record: Any, role: int) -> Any:
        framework = self.ctx.workshop.framework
        letter = column.get(record) or ""
        is_decider = letter == dr.DECIDER[framework]
        if role == Qt.DisplayRole:
            return letter
        if role == Qt.EditRole:
            return letter
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == Qt.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.BackgroundRole and is_decider:
            several = "multiple_deciders" in self._codes(record)
            return QBrush(QColor(PROBLEM_TINT if several else DECIDER_TINT))
        if role == Qt.ToolTipRole:
            meanings = dr.LETTER_MEANINGS[framework]
            what = f"{letter} = {meanings[letter][0]}: {meanings[letter][1]}" if letter in meanings else "Empty"
            return f"{what}\nClick for the letters, or type {', '.join(dr.LETTERS[framework])}; Delete clears."
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Horizontal or not 0 <= section < len(self.columns):
            return super().headerData(section, orientation, role)
        column = self.columns[section]
        if not self.is_letter(column):
            return super().headerData(section, orientation, role)
        ws = self.ctx.workshop
        role_record = next((r for r in ws.roles if r.id == column.key), None)
        label = role_record.label if role_record else column.header
        holder = ws.participant_name(role_record.participant) if role_record else ""
        load = self.check.bottlenecks.get(column.key or "")
        if role == Qt.DisplayRole:
            text = _wrap(label)
            return f"{text}\n{WARNING_MARK} {load} decisions" if load else text
        if role == Qt.ToolTipRole:
            who = holder or "nobody named yet"
            extra = f"\n{WARNING_MARK} Final decider for {load} decisions: a bottleneck." if load else ""
            return f"{label}: {who}{extra}"
        return None


class DecisionMatrix(RecordTable):
    """The decisions table, with letters entered by mouse or keyboard and the findings drawn in."""

    model_class = MatrixModel
    model: MatrixModel

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.view.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setItemDelegate(MatrixDelegate(self.model, self.view))
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.clicked.connect(self._clicked)
        self.view.installEventFilter(self)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignCenter)
        self.letter_menu: QMenu | None = None
        self._refit = QTimer(self)  # column widths settle in steps; fit the rows once they have
        self._refit.setSingleShot(True)
        self._refit.timeout.connect(self._fit_rows)
        self.view.horizontalHeader().sectionResized.connect(lambda *_: self._refit.start(0))

    # ----- letters ----------------------------------------------------------------------------

    def letter_at(self, index: QModelIndex) -> str | None:
        """The letter in a role cell ("" when empty), or None when ``index`` is not a role cell."""
        if not index.isValid() or not self.model.is_letter(self.model.columns[index.column()]):
            return None
        return index.data(Qt.EditRole) or ""

    def set_letter(self, index: QModelIndex, letter: str) -> None:
        """Put ``letter`` ("" clears) in a role cell, as one undoable step."""
        column = self.model.columns[index.column()]
        if self.ctx.read_only or not self.model.is_letter(column):
            return
        if letter and letter not in dr.LETTERS[self.ctx.workshop.framework]:
            return
        record = self.model.rows[index.row()]
        if (column.get(record) or "") == letter:
            return
        role = next((r.label for r in self.ctx.workshop.roles if r.id == column.key), column.key)
        what = f"{role} = {letter}" if letter else f"clear {role}"
        self.ctx.edit(record, column.updated(record, letter), text=f"{what} on “{record.situation[:40]}”")
        self.view.setCurrentIndex(self.model.index(index.row(), index.column()))

    def next_letter(self, current: str) -> str:
        cycle = ["", *dr.LETTERS[self.ctx.workshop.framework]]
        return cycle[(cycle.index(current) + 1) % len(cycle)] if current in cycle else cycle[1]

    def open_letter_menu(self, index: QModelIndex, where: QPoint | None = None) -> QMenu | None:
        """A small menu of the framework's letters at the cell; choosing one sets it."""
        current = self.letter_at(index)
        if current is None or self.ctx.read_only:
            return None
        framework = self.ctx.workshop.framework
        menu = QMenu(self)
        menu.setAttribute(Qt.WA_DeleteOnClose)
        group = QActionGroup(menu)
        for letter, (name, meaning) in dr.LETTER_MEANINGS[framework].items():
            decider = "  (the final decider)" if letter == dr.DECIDER[framework] else ""
            action = QAction(f"{letter}   {name}{decider}", menu)
            action.setToolTip(meaning)
            action.setCheckable(True)
            action.setChecked(letter == current)
            action.setData(letter)
            group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        clear = menu.addAction("Clear")
        clear.setData("")
        clear.setEnabled(bool(current))
        target = QModelIndex(index)
        menu.triggered.connect(lambda action: self.set_letter(target, action.data()))
        rect = self.view.visualRect(index)
        menu.popup(self.view.viewport().mapToGlobal(where or rect.bottomLeft()))
        self.letter_menu = menu
        return menu

    def _clicked(self, index: QModelIndex) -> None:
        if self.letter_at(index) is not None:
            self.open_letter_menu(index)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if self.letter_at(index) is not None:
            self.view.setCurrentIndex(index)
            self.open_letter_menu(index, pos)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Letters, Space, Delete and Backspace act on a role cell; elsewhere the table behaves as usual."""
        if obj is not self.view or event.type() not in (QEvent.KeyPress, QEvent.ShortcutOverride):
            return super().eventFilter(obj, event)
        key_event: QKeyEvent = event  # type: ignore[assignment]
        index = self.view.currentIndex()
        current = self.letter_at(index)
        if current is None or key_event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            return super().eventFilter(obj, event)
        typed = key_event.text().upper()
        clears = key_event.key() in (Qt.Key_Delete, Qt.Key_Backspace)
        handled = clears or key_event.key() == Qt.Key_Space or typed in dr.LETTERS[self.ctx.workshop.framework]
        if not handled:
            return super().eventFilter(obj, event)
        if event.type() == QEvent.ShortcutOverride:
            event.accept()  # Delete clears the cell here instead of deleting the whole row
            return True
        if clears:
            self.set_letter(index, "")
        elif key_event.key() == Qt.Key_Space:
            self.set_letter(index, self.next_letter(current))
        else:
            self.set_letter(index, typed)
        return True

    # ----- finding a place ------------------------------------------------------------------------

    def focus(self, finding: dr.Finding) -> None:
        """Put the cursor on the cell a finding is about, scrolled into view, with the keyboard focus."""
        columns = self.model.columns
        letters = [i for i, c in enumerate(columns) if self.model.is_letter(c)]
        ids = [getattr(r, "id", None) for r in self.model.rows]
        if finding.role is not None:
            column = next((i for i in letters if columns[i].key == finding.role), None)
            decider = dr.DECIDER[self.ctx.workshop.framework]
            row = next((i for i, r in enumerate(self.model.rows) if r.assignments.get(finding.role) == decider), 0)
        else:
            if finding.decision not in ids:
                return
            row = ids.index(finding.decision)
            record = self.model.rows[row]
            if finding.code == "no_forum":
                column = next((i for i, c in enumerate(columns) if c.field == "forum"), None)
            elif finding.code == "multiple_deciders":
                decider = dr.DECIDER[self.ctx.workshop.framework]
                column = next((i for i in letters if record.assignments.get(columns[i].key) == decider), None)
            else:
                column = letters[0] if letters else None
        if column is None or not self.model.rows:
            return
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()

    # ----- size ---------------------------------------------------------------------

    def reload(self) -> None:
        super().reload()
        self.fit_height()

    def fit_height(self) -> None:
        """Tall enough for every row: the room must see the whole matrix, not a scrolled slice of it."""
        view = self.view
        rows = sum(view.rowHeight(r) for r in range(self.model.rowCount()))
        scroll = view.horizontalScrollBar().sizeHint().height() if view.horizontalScrollBar().isVisible() else 0
        height = view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth() + scroll + 4
        view.setMinimumHeight(max(height, 160))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Keep the whole matrix in view as the width changes."""
        self.fit_height()

    def set_columns(self, columns: list[Column]) -> None:
        current = self.view.currentIndex()
        super().set_columns(columns)
        self.fit_height()
        if current.isValid() and current.row() < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(current.row(), min(current.column(), len(columns) - 1)))
