"""The theme board: the answers to one question and the themes the facilitator groups them into.

The question is an alignment question (every person's AlignmentAnswer items) or a prompt's id (its
visible answers; a hidden one never shows). Every move here, a drag, Group (Ctrl+G), an accepted
suggestion, a rename, an ungroup or "Turn into…", is the change list of ``domain.themes`` applied
as one undoable step. The board holds no state of its own: it redraws from the workshop.

The views and their drag data are in ``theme_lists``, the suggestions in ``theme_suggestions``;
this module decides what they show and what a drop, a click or a key means.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import alignment, voice
from ...domain import model as m
from ...domain import themes as th
from ..context import WorkshopContext
from .theme_lists import TEXT_ROLE, AnswerList, ThemeTree, answers_mime
from .theme_suggestions import SuggestionPanel
from .when_shown import RedrawWhenShown

__all__ = ["SECTIONS", "TEXT_ROLE", "ThemeBoard", "ThemeDialog", "answers_mime", "became"]

SECTIONS = frozenset(("all", "themes", "prompts", "prompt_answers", "alignment_answers", "participants",
                      "priorities", "not_now", "nodes", "parking_lot", "actions"))


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


def _prompt(ws: m.Workshop, prompt_id: str) -> m.Prompt | None:
    return next((p for p in ws.prompts if p.id == prompt_id), None)


def became(ws: m.Workshop, link: str) -> str:
    """What a theme became, in words: "Action: Fix the hand-over" (just "Action" once it is deleted)."""
    if not link:
        return ""
    kind = link.partition(":")[0]
    name = th.linked_title(ws, link)
    words = th.TARGET_LABELS.get(kind, kind)
    return f"{words}: {name}" if name else words


class ThemeBoard(RedrawWhenShown, QWidget):
    """The answers of one question beside its themes, the suggestions under them."""

    def __init__(self, ctx: WorkshopContext, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.question = question
        self.masked = False  # set while the room may see unrevealed answers (see ``set_masked``)
        self.agreement = _label("", "subtitle")
        self.hint = _label("Drag an answer onto another to group them, or onto a theme to add it. Or select "
                           "several (Ctrl/Shift-click) and press Group (Ctrl+G). F2 renames a theme; Delete "
                           "takes an answer out of it.", "hint")
        self.empty = _label("", "empty")
        self.answers = AnswerList()
        self.answers.dropped.connect(self._dropped_on_answer)
        self.answers.itemSelectionChanged.connect(self._update_buttons)
        self.tree = ThemeTree()
        self.tree.dropped.connect(self._dropped_on_theme)
        self.tree.renamed.connect(self._renamed_inline)
        self.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.suggestions = SuggestionPanel()
        self.suggestions.accepted.connect(self.accept_suggestion)
        self.suggestions.accepted_all.connect(self.accept_all)
        self.answers_title = _label("Answers", "subtitle")
        self.answers_empty = _label("Every answer is in a theme. Drag one here to take it out.", "hint")
        self.themes_title = _label("Themes", "subtitle")
        self._build(self._buttons())
        self._shortcuts()
        ctx.changed.connect(self._on_changed)
        ctx.room_sees_console_changed.connect(lambda _on: self.redraw())
        self.refresh()

    # The suggestions panel's parts, by the names the board has always had.

    @property
    def suggestion_groups(self) -> list[list[str]]:
        return self.suggestions.groups

    @property
    def suggestion_rows(self) -> QVBoxLayout:
        return self.suggestions.rows

    @property
    def accept_all_button(self) -> QPushButton:
        return self.suggestions.accept_all_button

    # ----- building --------------------------------------------------------------------------

    def _add_turn_actions(self, menu: QMenu) -> None:
        for target, words in th.TARGET_LABELS.items():
            menu.addAction(words, lambda t=target: self.turn_selected(t))

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
        self._add_turn_actions(self.turn_menu)
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
        self.lists = QWidget()
        inner = QVBoxLayout(self.lists)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(lists, 1)
        inner.addLayout(buttons)
        inner.addWidget(self.suggestions)
        self.lists.setMinimumHeight(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.agreement)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.lists, 1)

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

    def distinct(self, pairs: Sequence[tuple[str, str]] | None = None) -> list[tuple[str, int]]:
        """Each distinct answer (first spelling) with how many gave it, most first; of ``pairs``
        (default: ``self.pairs()``) so a redraw reads the workshop once."""
        first: dict[str, str] = {}
        who: dict[str, set[str]] = {}
        for person, text in self.pairs() if pairs is None else pairs:
            key = th.normalise(text)
            if key:
                first.setdefault(key, text.strip())
                who.setdefault(key, set()).add(person)
        return sorted(((first[k], len(who[k])) for k in first), key=lambda r: -r[1])

    def themes(self) -> list[m.Theme]:
        return th.themes_of(self.ctx.workshop, self.question)

    def _theme(self, theme_id: str) -> m.Theme | None:
        return next((t for t in self.themes() if t.id == theme_id), None)

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
        prompt = _prompt(self.ctx.workshop, self.question)
        return prompt is not None and not prompt.revealed

    def _on_changed(self, section: str) -> None:
        if section in SECTIONS:
            self.redraw()

    def refresh(self) -> None:
        if self.is_prompt() and _prompt(self.ctx.workshop, self.question) is None:
            return  # the prompt was deleted: the screen chooses another
        self._agreement()
        hidden = self._hidden_from_room()
        pairs = self.pairs()
        rows = self.distinct(pairs)
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
            self.suggestions.show_groups([], self.ctx.read_only)
            return
        self._fill_answers(rows)
        self._fill_themes(pairs, rows)
        self.suggestions.show_groups(th.suggestions(self.ctx.workshop, self.question, [t for _, t in pairs]),
                                     self.ctx.read_only)
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
        ungrouped = [r for r in rows if th.normalise(r[0]) not in index]
        self.answers.fill(ungrouped)
        self.answers_title.setText(f"Not in a theme ({len(ungrouped)} of {len(rows)})")
        self.answers_empty.setVisible(not ungrouped)

    def _fill_themes(self, pairs: list[tuple[str, str]], rows: list[tuple[str, int]]) -> None:
        ws = self.ctx.workshop
        counts = {r.theme: r.count for r in th.count(ws, self.question, pairs) if r.theme}
        themes = self.themes()
        self.tree.fill([(t, counts.get(t.id, 0), became(ws, t.link)) for t in themes],
                       {th.normalise(text): n for text, n in rows})
        self.themes_title.setText(f"Themes ({len(themes)})" if themes else "Themes: none yet")

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
        return list(dict.fromkeys(self.answers.selected_texts() + self.tree.selected_texts()))

    def selected_theme(self) -> m.Theme | None:
        """The theme selected (or the theme of the selected answer), when just one is."""
        ids = self.tree.selected_theme_ids()
        return self._theme(ids.pop()) if len(ids) == 1 else None

    # ----- moves, each one undoable step -----------------------------------------------------

    def _edit(self, changes: list[th.Change]) -> None:
        for before, after in changes:
            self.ctx.edit(before, after)

    def _apply(self, text: str, changes: list[th.Change]) -> None:
        if not changes or self.ctx.read_only:
            return
        with self.ctx.macro(text):
            self._edit(changes)

    def _taking_out(self, texts: Sequence[str], whole: set[str] | None = None) -> list[th.Change]:
        """The changes that undo the ``whole`` themes and take the other ``texts`` out of theirs."""
        whole = whole or set()
        ws = self.ctx.workshop
        index = th.theme_index(self.themes())
        by_theme: dict[str, list[str]] = {}
        for text in texts:
            theme = index.get(th.normalise(text))
            if theme is not None and theme.id not in whole:
                by_theme.setdefault(theme.id, []).append(text)
        changes = [c for theme_id in whole for c in th.ungroup(ws, theme_id)]
        return changes + [c for theme_id, ts in by_theme.items() for c in th.ungroup(ws, theme_id, ts)]

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
        theme = self.selected_theme()
        into = theme.id if theme is not None and self.tree.selected_theme_ids(whole_only=True) else None
        existed = {t.id for t in self.themes()}
        made = self.group_texts(self._selected_texts(), into=into)
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
        """Every suggestion at once, as one undo step (each grouped on the themes the last one left)."""
        groups = list(self.suggestion_groups)
        if not groups or self.ctx.read_only:
            return
        with self.ctx.macro(f"Accept {len(groups)} suggested themes"):
            for texts in groups:
                self._edit(th.group(self.ctx.workshop, self.question, texts))

    def rename_theme(self, theme_id: str, label: str) -> None:
        theme = self._theme(theme_id)
        if theme is None or not label.strip() or label.strip() == theme.label or self.ctx.read_only:
            self.refresh()  # an empty name puts the old one back
            return
        self.ctx.edit(theme, dataclasses.replace(theme, label=label.strip()), text=f"Rename the theme “{theme.label}”")

    def rename_selected(self) -> None:
        theme = self.selected_theme()
        if theme is not None:
            self.edit_label(theme.id)

    def _renamed_inline(self, theme_id: str, label: str) -> None:
        QTimer.singleShot(0, lambda: self.rename_theme(theme_id, label))  # not while the editor closes

    def ungroup(self, theme_id: str, texts: Sequence[str] | None = None) -> None:
        theme = self._theme(theme_id)
        if theme is not None:
            what = f"“{texts[0]}”" if texts and len(texts) == 1 else "answers"
            self._apply(f"Take {what} out of “{theme.label}”", th.ungroup(self.ctx.workshop, theme_id, texts))

    def ungroup_selected(self) -> None:
        """Delete: the selected answers leave their theme; a selected theme is undone whole."""
        whole = self.tree.selected_theme_ids(whole_only=True)
        self._apply("Ungroup answers", self._taking_out(self._selected_texts(), whole))

    def turn_into(self, theme_id: str, target: str) -> None:
        """The theme becomes a priority, a not-now card, … (``domain.themes.becomes``): one step."""
        theme = self._theme(theme_id)
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
        self._add_turn_actions(turn)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # ----- drops -----------------------------------------------------------------------------

    def _dropped_on_answer(self, texts: list[str], target: str | None) -> None:
        """Onto another answer: a theme of both (or the target's theme); onto empty space: the
        dragged answers leave their themes."""
        if target is None:
            self._apply("Ungroup answers", self._taking_out(texts))
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

    def __init__(self, ctx: WorkshopContext, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name = alignment.QUESTION_LABELS.get(question)
        if name is None:
            prompt = _prompt(ctx.workshop, question)
            name = prompt.text if prompt else question
        self.setWindowTitle(f"Themes: {name}")
        self.board = ThemeBoard(ctx, question, self)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)  # Close has the reject role: one click, one reject()
        layout = QVBoxLayout(self)
        layout.addWidget(_label(name, "subtitle"))
        layout.addWidget(self.board, 1)
        layout.addWidget(buttons)
        self.resize(1000, 680)
