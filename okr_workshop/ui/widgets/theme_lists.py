"""The theme board's two views, the answers in no theme and the themes with their answers, and the
drag data between them.

Dragging uses Qt's own drag and drop with a mime type of our own (the texts, as JSON), so a drop
is an ordinary ``dropEvent`` that tests can replay with a real QDropEvent. The views only draw and
report: each says what was dropped where (``dropped``) and the board decides what that means.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from ...domain import model as m
from ...domain import themes as th

ANSWER_MIME = "application/x-okr-workshop-answers"
TEXT_ROLE = Qt.UserRole
THEME_ROLE = Qt.UserRole + 1
# The console may be projected: answers must read from the back of the room.
LIST_STYLE = "QListWidget, QTreeWidget { font-size: 12pt; } QListWidget::item { padding: 3px 2px; }"


def answers_mime(texts: Sequence[str]) -> QMimeData:
    """The drag's payload: the dragged answers' texts."""
    data = QMimeData()
    data.setData(ANSWER_MIME, json.dumps(list(texts)).encode("utf-8"))
    return data


def texts_in(data: QMimeData) -> list[str]:
    """The texts a drag carries; none for anything not ours (or not well formed)."""
    if not data.hasFormat(ANSWER_MIME):
        return []
    try:
        texts = json.loads(bytes(data.data(ANSWER_MIME)).decode("utf-8"))
    except ValueError:
        return []
    return [t for t in texts if isinstance(t, str)] if isinstance(texts, list) else []


def _accept_answers(event: QDragEnterEvent | QDragMoveEvent) -> None:
    if event.mimeData().hasFormat(ANSWER_MIME):
        event.setDropAction(Qt.CopyAction)  # never Move: Qt would then take the row out itself
        event.accept()
    else:
        event.ignore()


class _AnswerDrops:
    """What both views share: answers dragged as ``ANSWER_MIME``, dropped as a copy, reported by
    ``dropped``. Put it before the Qt view class in the bases (its event handlers run first)."""

    def _set_up_drags(self, name: str) -> None:
        view: QAbstractItemView = self  # type: ignore[assignment]
        view.setObjectName(name)
        view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        view.setDragDropMode(QAbstractItemView.DragDrop)
        view.setDefaultDropAction(Qt.CopyAction)
        view.setWordWrap(True)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        view.setStyleSheet(LIST_STYLE)

    def _drop_key(self, item: Any) -> str:
        """What ``dropped`` names for a drop on ``item``."""
        raise NotImplementedError

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [ANSWER_MIME]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        _accept_answers(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        _accept_answers(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        texts = texts_in(event.mimeData())
        if not texts:
            event.ignore()
            return
        event.setDropAction(Qt.CopyAction)
        event.accept()
        target = self.itemAt(event.position().toPoint())  # type: ignore[attr-defined]
        self.dropped.emit(texts, self._drop_key(target) if target is not None else None)  # type: ignore[attr-defined]


class AnswerList(_AnswerDrops, QListWidget):
    """The distinct answers; drag one onto another (or onto a theme), or select several."""

    dropped = Signal(list, object)  # the dropped texts, the answer text dropped on (None: empty space)

    def __init__(self) -> None:
        super().__init__()
        self._set_up_drags("theme:answers")
        self.setResizeMode(QListWidget.Adjust)  # long answers wrap at the list's width

    def _drop_key(self, item: QListWidgetItem) -> str:
        return item.data(TEXT_ROLE)

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:  # noqa: N802 - Qt's name
        return answers_mime([i.data(TEXT_ROLE) for i in items])

    def item_for(self, text: str) -> QListWidgetItem | None:
        key = th.normalise(text)
        return next((self.item(i) for i in range(self.count())
                     if th.normalise(self.item(i).data(TEXT_ROLE)) == key), None)

    def selected_texts(self) -> list[str]:
        return [i.data(TEXT_ROLE) for i in self.selectedItems()]

    def fill(self, rows: Sequence[tuple[str, int]]) -> None:
        """Show ``rows`` (text, how many gave it), keeping the selection; no signals meanwhile."""
        keep = {th.normalise(text) for text in self.selected_texts()}
        self.blockSignals(True)
        self.clear()
        for text, n in rows:
            item = QListWidgetItem(f"{n}×   {text}")
            item.setData(TEXT_ROLE, text)
            item.setToolTip(f"{text}\n{n} gave this answer; drag it onto another answer or a theme")
            self.addItem(item)
            item.setSelected(th.normalise(text) in keep)
        self.blockSignals(False)


class ThemeTree(_AnswerDrops, QTreeWidget):
    """The themes, each with its answers below it; drop answers on a theme to add them."""

    dropped = Signal(list, object)  # the dropped texts, the theme id dropped on (None: empty space)
    renamed = Signal(str, str)  # the theme id, its new label as typed in the inline editor

    def __init__(self) -> None:
        super().__init__()
        self._filling = False
        self._set_up_drags("theme:themes")
        self.setColumnCount(3)
        self.setHeaderLabels(["Theme", "Count", "Became"])
        self.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.DoubleClicked)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Fixed)  # "Action: <a long title>" would push the rest off
        self.setColumnWidth(2, 160)
        self.setTextElideMode(Qt.ElideRight)
        self.itemChanged.connect(self._item_changed)

    def _drop_key(self, item: QTreeWidgetItem) -> str:
        return item.data(0, THEME_ROLE)

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:  # noqa: N802 - Qt's name
        texts: list[str] = []
        for item in items:  # a theme dragged whole carries all its answers (a merge)
            texts += [item.data(0, TEXT_ROLE)] if item.parent() else [
                item.child(i).data(0, TEXT_ROLE) for i in range(item.childCount())]
        return answers_mime(list(dict.fromkeys(texts)))

    def theme_item(self, theme_id: str) -> QTreeWidgetItem | None:
        return next((self.topLevelItem(i) for i in range(self.topLevelItemCount())
                     if self.topLevelItem(i).data(0, THEME_ROLE) == theme_id), None)

    def selected_texts(self) -> list[str]:
        """The selected answers (a selected theme's own row is no answer)."""
        return [i.data(0, TEXT_ROLE) for i in self.selectedItems() if i.parent() is not None]

    def selected_theme_ids(self, whole_only: bool = False) -> set[str]:
        """The themes selected, or holding a selected answer; ``whole_only``: selected as a theme row."""
        return {i.data(0, THEME_ROLE) for i in self.selectedItems() if not whole_only or i.parent() is None}

    def fill(self, themes: Sequence[tuple[m.Theme, int, str]], given: Mapping[str, int]) -> None:
        """Show ``themes`` (theme, its count, what it became in words), each answer with how many
        gave it (``given``, by normalised text), keeping the selected themes selected."""
        keep = self.selected_theme_ids(whole_only=True)
        self._filling = True
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for theme, count, became in themes:
            top = QTreeWidgetItem([theme.label, str(count), became])
            top.setData(0, THEME_ROLE, theme.id)
            top.setFont(0, bold)
            top.setFlags(top.flags() | Qt.ItemIsEditable)
            top.setToolTip(0, "Double-click or F2 to rename; drop answers here to add them")
            top.setToolTip(2, became)
            for text in theme.answers:
                n = given.get(th.normalise(text), 0)
                child = QTreeWidgetItem([text, str(n) if n else "–", ""])
                child.setData(0, TEXT_ROLE, text)
                child.setData(0, THEME_ROLE, theme.id)
                child.setFlags(child.flags() & ~Qt.ItemIsEditable)
                child.setToolTip(0, text if n else f"{text} (nobody gives this answer now)")
                top.addChild(child)
            self.addTopLevelItem(top)
            top.setSelected(theme.id in keep)
        self.expandAll()
        self._filling = False

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        """Only a theme's label, edited by hand, is a rename (not the rows ``fill`` is making)."""
        if not self._filling and column == 0 and item.parent() is None:
            self.renamed.emit(item.data(0, THEME_ROLE), item.text(0))
