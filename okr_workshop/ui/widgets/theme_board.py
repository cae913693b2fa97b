"""The theme board: the answers to one question and the themes the facilitator groups them into.

The question is an alignment question (every person's AlignmentAnswer items) or a prompt's id (its
visible answers; a hidden one never shows). Every move here, a drag, Group (Ctrl+G), an accepted
suggestion, a rename, an ungroup or "Turn into…", is the change list of ``domain.themes`` applied
as one undoable step. The board holds no state of its own: it redraws from the workshop.

Dragging uses Qt's own drag and drop with a mime type of our own (the texts, as JSON), so a drop
is an ordinary ``dropEvent`` that tests can replay with a real QDropEvent.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import alignment, voice
from ...domain import model as m
from ...domain import themes as th
from ..context import WorkshopContext
from .when_shown import RedrawWhenShown

ANSWER_MIME = "application/x-okr-workshop-answers"
TEXT_ROLE = Qt.UserRole
THEME_ROLE = Qt.UserRole + 1
# The console may be projected: answers must read from the back of the room.
LIST_STYLE = "QListWidget, QTreeWidget { font-size: 12pt; } QListWidget::item { padding: 3px 2px; }"
BIG = "font-size: 12pt;"
SECTIONS = frozenset(("all", "themes", "prompts", "prompt_answers", "alignment_answers", "participants",
                      "priorities", "not_now", "nodes", "parking_lot", "actions"))


def answers_mime(texts: Sequence[str]) -> QMimeData:
    """The drag's payload: the dragged answers' texts."""
    data = QMimeData()
    data.setData(ANSWER_MIME, json.dumps(list(texts)).encode("utf-8"))
    return data


def texts_in(data: QMimeData) -> list[str]:
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


class AnswerList(QListWidget):
    """The distinct answers; drag one onto another (or onto a theme), or select several."""

    dropped = Signal(list, object)  # the dropped texts, the answer text dropped on (None: empty space)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("theme:answers")
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDrop)
        self.setDefaultDropAction(Qt.CopyAction)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.Adjust)  # long answers wrap at the list's width
        self.setStyleSheet(LIST_STYLE)

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [ANSWER_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:  # noqa: N802 - Qt's name
        return answers_mime([i.data(TEXT_ROLE) for i in items])

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
        target = self.itemAt(event.position().toPoint())
        self.dropped.emit(texts, target.data(TEXT_ROLE) if target is not None else None)

    def item_for(self, text: str) -> QListWidgetItem | None:
        key = th.normalise(text)
        return next((self.item(i) for i in range(self.count())
                     if th.normalise(self.item(i).data(TEXT_ROLE)) == key), None)


class ThemeTree(QTreeWidget):
    """The themes, each with its answers below it; drop answers on a theme to add them."""

    dropped = Signal(list, object)  # the dropped texts, the theme id dropped on (None: empty space)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("theme:themes")
        self.setColumnCount(3)
        self.setHeaderLabels(["Theme", "Count", "Became"])
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDrop)
        self.setDefaultDropAction(Qt.CopyAction)
        self.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.DoubleClicked)
        self.setWordWrap(True)
        self.setStyleSheet(LIST_STYLE)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Fixed)  # "Action: <a long title>" would push the rest off
        self.setColumnWidth(2, 160)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.ElideRight)

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [ANSWER_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:  # noqa: N802 - Qt's name
        texts: list[str] = []
        for item in items:  # a theme dragged whole carries all its answers (a merge)
            for text in ([item.data(0, TEXT_ROLE)] if item.parent() else
                         [item.child(i).data(0, TEXT_ROLE) for i in range(item.childCount())]):
                if text not in texts:
                    texts.append(text)
        return answers_mime(texts)

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
        target = self.itemAt(event.position().toPoint())
        self.dropped.emit(texts, target.data(0, THEME_ROLE) if target is not None else None)

    def theme_item(self, theme_id: str) -> QTreeWidgetItem | None:
        return next((self.topLevelItem(i) for i in range(self.topLevelItemCount())
                     if self.topLevelItem(i).data(0, THEME_ROLE) == theme_id), None)


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


def became(ws: m.Workshop, link: str) -> str:
    """What a theme became, in words: "Action: Fix the hand-over"."""
    if not link:
        return ""
    kind, _, rid = link.partition(":")
    name = ""
    for records, field in ((ws.priorities, "title"), (ws.not_now, "title"), (ws.nodes, "label"),
                           (ws.parking_lot, "text"), (ws.actions, "title")):
        found = next((r for r in records if r.id == rid), None) if rid else None
        if found is not None and link == f"{_kind_of(found)}:{rid}":
            name = getattr(found, field)
    words = th.TARGET_LABELS.get(kind, kind)
    return f"{words}: {name}" if name else words


def _kind_of(record: Any) -> str:
    return {m.Priority: "priority", m.NotNow: "not_now", m.DepNode: "dependency", m.ParkingItem: "parking",
            m.Action: "action"}.get(type(record), "")


class ThemeBoard(RedrawWhenShown, QWidget):
    """The answers of one question beside its themes, the suggestions under them."""

    def __init__(self, ctx: WorkshopContext, question: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.question = question
        self.masked = False  # set while the room may see unrevealed answers (see ``set_masked``)
        self.suggestion_groups: list[list[str]] = []
        self._loading = False
        self.agreement = _label("", "subtitle")
        self.hint = _label("Drag an answer onto another to group them, or onto a theme to add it. Or select "
                           "several (Ctrl/Shift-click) and press Group (Ctrl+G). F2 renames a theme; Delete "
                           "takes an answer out of it.", "hint")
        self.empty = _label("", "empty")
        self.answers = AnswerList()
        self.answers.dropped.connect(self._dropped_on_answer)
        self.tree = ThemeTree()
        self.tree.dropped.connect(self._dropped_on_theme)
        self.tree.itemChanged.connect(self._item_renamed)
        self.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.answers.itemSelectionChanged.connect(self._update_buttons)
        self.answers_title = _label("Answers", "subtitle")
        self.answers_empty = _label("Every answer is in a theme. Drag one here to take it out.", "hint")
        self.themes_title = _label("Themes", "subtitle")
        self._build(self._buttons())
        self._shortcuts()
        ctx.changed.connect(self._on_changed)
        ctx.room_sees_console_changed.connect(lambda _on: self.redraw())
        self.refresh()

    # ----- building --------------------------------------------------------------------------

    def _buttons(self) -> QHBoxLayout:
        self.group_button = QPushButton("Group (Ctrl+G)")
        self.group_button.setToolTip("Make one theme of the selected answers (or add them to the selected theme)")
        self.group_button.clicked.connect(self.group_selected)
        self.rename_button = QPushButton("Rename (F2)")
        self.rename_button.clicked.connect(self.rename_selected)
        self.ungroup_button = QPushButton("Ungroup (Delete)")
        self.ungroup_button.setToolTip("Take the selected answers out of their theme (a whole theme: all of them)")
        self.ungroup_button.clicked.connect(self.ungroup_selected)
        self.turn_button = QToolButton()
        self.turn_button.setText("Turn into…")
        self.turn_button.setToolTip("Make the selected theme a priority, a not-now card, a map box, a risk, "
                                    "a parking-lot item or an action")
        self.turn_button.setPopupMode(QToolButton.InstantPopup)
        self.turn_menu = QMenu(self.turn_button)
        for target, words in th.TARGET_LABELS.items():
            self.turn_menu.addAction(words, lambda t=target: self.turn_selected(t))
        self.turn_button.setMenu(self.turn_menu)
        row = QHBoxLayout()
        for button in (self.group_button, self.rename_button, self.ungroup_button, self.turn_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build(self, buttons: QHBoxLayout) -> None:
        left = QVBoxLayout()
        left.addWidget(self.answers_title)
        left.addWidget(self.answers_empty)
        left.addWidget(self.answers, 1)
        right = QVBoxLayout()
        right.addWidget(self.themes_title)
        right.addWidget(self.tree, 1)
        lists = QHBoxLayout()
        lists.addLayout(left, 1)
        lists.addLayout(right, 2)
        self.suggestion_box = QWidget()
        self.suggestion_rows = QVBoxLayout(self.suggestion_box)
        self.suggestion_rows.setContentsMargins(0, 0, 0, 0)
        self.accept_all_button = QPushButton("Accept all")
        self.accept_all_button.clicked.connect(self.accept_all)
        head = QHBoxLayout()
        self.suggestions_title = _label("Suggestions", "subtitle")
        head.addWidget(self.suggestions_title, 1)
        head.addWidget(self.accept_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.agreement)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        self.lists = QWidget()
        inner = QVBoxLayout(self.lists)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(lists, 1)
        inner.addLayout(buttons)
        inner.addLayout(head)
        inner.addWidget(self.suggestion_box)
        layout.addWidget(self.lists, 1)
        self.lists.setMinimumHeight(320)

    def _shortcuts(self) -> None:
        bindings = ((self, "Ctrl+G", self.group_selected, Qt.WidgetWithChildrenShortcut),
                    (self.tree, "Delete", self.ungroup_selected, Qt.WidgetShortcut),
                    (self.answers, "Delete", self.ungroup_selected, Qt.WidgetShortcut))
        for parent, keys, slot, context in bindings:
            shortcut = QShortcut(QKeySequence(keys), parent, slot)
            shortcut.setContext(context)  # set apart: PySide ignores a context= keyword

    # ----- what the board shows --------------------------------------------------------------

    def is_prompt(self) -> bool:
        return self.question not in m.QUESTIONS

    def pairs(self) -> list[tuple[str, str]]:
        """(who, text) of every answer the board counts: people on an alignment question, answers
        on a prompt (two people giving the same words count twice)."""
        ws = self.ctx.workshop
        if self.is_prompt():
            return [(a.id, a.text) for a in voice.answers_to(ws, self.question)]
        return [(a.participant, item) for a in ws.alignment_answers if a.question == self.question
                for item in a.items if item.strip()]

    def distinct(self) -> list[tuple[str, int]]:
        """Each distinct answer (first spelling) with how many gave it, most first."""
        first: dict[str, str] = {}
        who: dict[str, set[str]] = {}
        for person, text in self.pairs():
            key = th.normalise(text)
            if key:
                first.setdefault(key, text.strip())
                who.setdefault(key, set()).add(person)
        return sorted(((first[k], len(who[k])) for k in first), key=lambda r: -r[1])

    def themes(self) -> list[m.Theme]:
        return th.themes_of(self.ctx.workshop, self.question)

    def set_question(self, question: str) -> None:
        self.question = question
        self.refresh()

    def set_masked(self, masked: bool) -> None:
        """Hide every answer (the room may see unrevealed ones on the console)."""
        self.masked = masked
        self.refresh()

    def _hidden_from_room(self) -> bool:
        if self.masked:
            return True
        if not self.is_prompt() or not self.ctx.room_sees_console:
            return False
        prompt = next((p for p in self.ctx.workshop.prompts if p.id == self.question), None)
        return prompt is not None and not prompt.revealed

    def _on_changed(self, section: str) -> None:
        if section in SECTIONS:
            self.redraw()

    def refresh(self) -> None:
        ws = self.ctx.workshop
        if self.is_prompt() and all(p.id != self.question for p in ws.prompts):
            return  # the prompt was deleted: the screen chooses another
        self._agreement()
        hidden = self._hidden_from_room()
        rows = self.distinct()
        if hidden:
            self.empty.setText("Answers hidden while the room can see this screen: reveal the prompt on "
                               "the stage first, or take the stage off this screen.")
        elif not rows:
            self.empty.setText("No answers yet. Themes appear here once answers come in: group the ones "
                               "that say the same thing in other words.")
        self.empty.setVisible(hidden or not rows)
        self.lists.setVisible(not hidden and bool(rows))
        self.hint.setVisible(not hidden and bool(rows))
        if hidden:
            self.answers.clear()
            self.tree.clear()
            self._show_suggestions([])
            return
        self._fill_answers(rows)
        self._fill_themes()
        self._show_suggestions(th.suggestions(ws, self.question, [t for _, t in self.pairs()]))
        self._update_buttons()

    def _agreement(self) -> None:
        if self.is_prompt():
            self.agreement.setVisible(False)
            return
        ws = self.ctx.workshop
        on_themes = alignment.agreement_percent(alignment.agreement(ws, self.question))
        raw = alignment.agreement_percent(alignment.agreement(ws, self.question, raw=True))
        if on_themes is None:
            self.agreement.setText("Agreement: not enough answers yet (it needs two executives).")
        else:
            self.agreement.setText(f"Agreement on themes: {on_themes}%   ·   on the exact wording: {raw}%")
        self.agreement.setVisible(True)

    def _fill_answers(self, rows: list[tuple[str, int]]) -> None:
        """The answers in no theme (a grouped one shows under its theme), most given first."""
        index = th.theme_index(self.themes())
        keep = {th.normalise(i.data(TEXT_ROLE)) for i in self.answers.selectedItems()}
        self.answers.blockSignals(True)
        self.answers.clear()
        ungrouped = [r for r in rows if th.normalise(r[0]) not in index]
        for text, n in ungrouped:
            item = QListWidgetItem(f"{n}×   {text}")
            item.setData(TEXT_ROLE, text)
            item.setToolTip(f"{text}\n{n} gave this answer; drag it onto another answer or a theme")
            self.answers.addItem(item)
            item.setSelected(th.normalise(text) in keep)
        self.answers.blockSignals(False)
        self.answers_title.setText(f"Not in a theme ({len(ungrouped)} of {len(rows)})")
        self.answers_empty.setVisible(not ungrouped)

    def _fill_themes(self) -> None:
        ws = self.ctx.workshop
        counts = {r.theme: r for r in th.count(ws, self.question, self.pairs()) if r.theme}
        per_text = {th.normalise(t): n for t, n in self.distinct()}
        keep = {i.data(0, THEME_ROLE) for i in self.tree.selectedItems() if i.parent() is None}
        self._loading = True
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for theme in self.themes():
            row = counts.get(theme.id)
            top = QTreeWidgetItem([theme.label, str(row.count if row else 0), became(ws, theme.link)])
            top.setData(0, THEME_ROLE, theme.id)
            top.setFont(0, bold)
            top.setFlags(top.flags() | Qt.ItemIsEditable)
            top.setToolTip(0, "Double-click or F2 to rename; drop answers here to add them")
            top.setToolTip(2, became(ws, theme.link))
            for text in theme.answers:
                n = per_text.get(th.normalise(text), 0)
                child = QTreeWidgetItem([text, str(n) if n else "–", ""])
                child.setData(0, TEXT_ROLE, text)
                child.setData(0, THEME_ROLE, theme.id)
                child.setFlags(child.flags() & ~Qt.ItemIsEditable)
                child.setToolTip(0, text if n else f"{text} (nobody gives this answer now)")
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setSelected(theme.id in keep)
        self.tree.expandAll()
        self._loading = False
        themes = self.themes()
        self.themes_title.setText(f"Themes ({len(themes)})" if themes else "Themes: none yet")

    def _show_suggestions(self, groups: list[list[str]]) -> None:
        self.suggestion_groups = groups
        while self.suggestion_rows.count():
            widget = self.suggestion_rows.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for texts in groups:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            words = QLabel("  ·  ".join(f"“{t}”" for t in texts))
            words.setWordWrap(True)
            words.setStyleSheet(BIG)
            accept = QPushButton("Accept")
            accept.setToolTip("Group these answers as one theme")
            accept.clicked.connect(lambda _=False, t=texts: self.accept_suggestion(t))
            accept.setEnabled(not self.ctx.read_only)
            line.addWidget(words, 1)
            line.addWidget(accept)
            self.suggestion_rows.addWidget(row)
        self.suggestions_title.setText(f"Suggestions ({len(groups)}): these look alike" if groups else
                                       "Suggestions: none; nothing left looks alike")
        self.accept_all_button.setVisible(bool(groups))
        self.accept_all_button.setEnabled(not self.ctx.read_only)

    def _update_buttons(self) -> None:
        editable = not self.ctx.read_only
        theme = self.selected_theme()
        self.group_button.setEnabled(editable and bool(self._selected_texts()))
        self.rename_button.setEnabled(editable and theme is not None)
        self.ungroup_button.setEnabled(editable and bool(self.tree.selectedItems()))
        self.turn_button.setEnabled(editable and theme is not None and not theme.link)
        if theme is not None and theme.link:
            self.turn_button.setToolTip(f"Already became: {became(self.ctx.workshop, theme.link)}")

    # ----- selection -------------------------------------------------------------------------

    def _selected_texts(self) -> list[str]:
        texts = [i.data(TEXT_ROLE) for i in self.answers.selectedItems()]
        texts += [i.data(0, TEXT_ROLE) for i in self.tree.selectedItems() if i.parent() is not None]
        return list(dict.fromkeys(texts))

    def selected_theme(self) -> m.Theme | None:
        """The theme selected (or the theme of the selected answer), when just one is."""
        ids = {i.data(0, THEME_ROLE) for i in self.tree.selectedItems()}
        if len(ids) != 1:
            return None
        wanted = ids.pop()
        return next((t for t in self.themes() if t.id == wanted), None)

    # ----- moves, each one undoable step -----------------------------------------------------

    def _apply(self, text: str, changes: list[th.Change]) -> None:
        if not changes or self.ctx.read_only:
            return
        with self.ctx.macro(text):
            for before, after in changes:
                self.ctx.edit(before, after)

    def group_texts(self, texts: Sequence[str], into: str | None = None, label: str | None = None) -> str | None:
        """Group ``texts`` (into the theme ``into``): one undo step. Returns the theme's id."""
        texts = [t for t in texts if t.strip()]
        if not texts or self.ctx.read_only:
            return None
        changes = th.group(self.ctx.workshop, self.question, texts, into=into, label=label)
        made = next((after for before, after in changes if before is None), None)
        target = made or next((after for _, after in changes if after is not None and after.id == into), None)
        name = target.label if target else th.label_for(texts)
        self._apply(f"Group answers as “{name}”", changes)
        if made is not None:
            return made.id
        key = th.normalise(texts[0])
        return next((t.id for t in self.themes() if key in {th.normalise(a) for a in t.answers}), None)

    def group_selected(self) -> str | None:
        """Ctrl+G: the selected answers become one theme (or join the one selected theme); the
        new theme's label opens for editing."""
        texts = self._selected_texts()
        theme = self.selected_theme()
        chosen_themes = {i.data(0, THEME_ROLE) for i in self.tree.selectedItems() if i.parent() is None}
        into = theme.id if theme is not None and len(chosen_themes) == 1 else None
        existed = {t.id for t in self.themes()}
        made = self.group_texts(texts, into=into)
        if made is not None and made not in existed:
            self.edit_label(made)
        return made

    def edit_label(self, theme_id: str) -> None:
        item = self.tree.theme_item(theme_id)
        if item is not None and self.tree.isVisible():
            self.tree.setCurrentItem(item)
            self.tree.editItem(item, 0)

    def accept_suggestion(self, texts: Sequence[str]) -> str | None:
        return self.group_texts(texts)

    def accept_all(self) -> None:
        """Every suggestion at once, as one undo step."""
        groups = list(self.suggestion_groups)
        if not groups or self.ctx.read_only:
            return
        with self.ctx.macro(f"Accept {len(groups)} suggested themes"):
            for texts in groups:
                for before, after in th.group(self.ctx.workshop, self.question, texts):
                    self.ctx.edit(before, after)

    def rename_theme(self, theme_id: str, label: str) -> None:
        theme = next((t for t in self.themes() if t.id == theme_id), None)
        if theme is None or not label.strip() or label.strip() == theme.label or self.ctx.read_only:
            self.refresh()  # an empty name puts the old one back
            return
        self.ctx.edit(theme, dataclasses.replace(theme, label=label.strip()), text=f"Rename the theme “{theme.label}”")

    def rename_selected(self) -> None:
        theme = self.selected_theme()
        if theme is not None:
            self.edit_label(theme.id)

    def _item_renamed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != 0 or item.parent() is not None:
            return
        theme_id, label = item.data(0, THEME_ROLE), item.text(0)
        QTimer.singleShot(0, lambda: self.rename_theme(theme_id, label))  # not while the editor closes

    def ungroup(self, theme_id: str, texts: Sequence[str] | None = None) -> None:
        theme = next((t for t in self.themes() if t.id == theme_id), None)
        if theme is not None:
            what = f"“{texts[0]}”" if texts and len(texts) == 1 else "answers"
            self._apply(f"Take {what} out of “{theme.label}”", th.ungroup(self.ctx.workshop, theme_id, texts))

    def ungroup_selected(self) -> None:
        """Delete: the selected answers leave their theme; a selected theme is undone whole."""
        ws = self.ctx.workshop
        changes: list[th.Change] = []
        whole = {i.data(0, THEME_ROLE) for i in self.tree.selectedItems() if i.parent() is None}
        leaving = [t for t in self._selected_texts()]
        index = th.theme_index(self.themes())
        by_theme: dict[str, list[str]] = {}
        for text in leaving:
            theme = index.get(th.normalise(text))
            if theme is not None and theme.id not in whole:
                by_theme.setdefault(theme.id, []).append(text)
        for theme_id in whole:
            changes += th.ungroup(ws, theme_id)
        for theme_id, texts in by_theme.items():
            changes += th.ungroup(ws, theme_id, texts)
        self._apply("Ungroup answers", changes)

    def turn_into(self, theme_id: str, target: str) -> None:
        """The theme becomes a priority, a not-now card, … (``domain.themes.becomes``): one step."""
        theme = next((t for t in self.themes() if t.id == theme_id), None)
        if theme is None:
            return
        source = ""
        if self.is_prompt():
            prompt = voice.prompt_of(self.ctx.workshop, self.question)
            source = f"The room's answers to “{prompt.text}”: {theme.label}"
        self._apply(f"Turn “{theme.label}” into: {th.TARGET_LABELS[target]}",
                    th.becomes(self.ctx.workshop, theme_id, target, source))

    def turn_selected(self, target: str) -> None:
        theme = self.selected_theme()
        if theme is not None and not theme.link:
            self.turn_into(theme.id, target)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        theme = self.selected_theme()
        menu = QMenu(self)
        if item.parent() is not None:
            menu.addAction("Take out of the theme", self.ungroup_selected)
        menu.addAction("Rename", self.rename_selected)
        turn = menu.addMenu("Turn into…")
        turn.setEnabled(theme is not None and not theme.link and not self.ctx.read_only)
        for target, words in th.TARGET_LABELS.items():
            turn.addAction(words, lambda t=target: self.turn_selected(t))
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # ----- drops -----------------------------------------------------------------------------

    def _dropped_on_answer(self, texts: list[str], target: str | None) -> None:
        """Onto another answer: a theme of both (or the target's theme); onto empty space: the
        dragged answers leave their themes."""
        if target is None:
            index = th.theme_index(self.themes())
            by_theme: dict[str, list[str]] = {}
            for text in texts:
                theme = index.get(th.normalise(text))
                if theme is not None:
                    by_theme.setdefault(theme.id, []).append(text)
            changes = [c for theme_id, ts in by_theme.items() for c in th.ungroup(self.ctx.workshop, theme_id, ts)]
            self._apply("Ungroup answers", changes)
            return
        moving = [t for t in texts if th.normalise(t) != th.normalise(target)]
        if not moving:
            return
        theme = th.theme_index(self.themes()).get(th.normalise(target))
        self.group_texts([target, *moving], into=theme.id if theme else None)

    def _dropped_on_theme(self, texts: list[str], theme_id: str | None) -> None:
        self.group_texts(texts, into=theme_id)


class ThemeDialog(QDialog):
    """The theme board of one question in a window of its own (the Diagnose screen groups the
    alignment check's free-text answers here)."""

    def __init__(self, ctx: WorkshopContext, question: str, parent: QWidget | None = None):
        super().__init__(parent)
        name = alignment.QUESTION_LABELS.get(question)
        if name is None:
            prompt = next((p for p in ctx.workshop.prompts if p.id == question), None)
            name = prompt.text if prompt else question
        self.setWindowTitle(f"Themes: {name}")
        self.board = ThemeBoard(ctx, question, self)
        heading = _label(name, "subtitle")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.Close).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.board, 1)
        layout.addWidget(buttons)
        self.resize(1000, 680)
