"""The room's voice: open prompts answered from phones and the laptop, their answers grouped into
themes, and questions from the floor with upvotes.

A prompt is anonymous unless made "named"; the stage shows how many answered until it is revealed.
The laptop goes round for those without a phone ("pass the laptop"). The facilitator hides an
answer that should not be on the wall (moderation): it stays here, struck through, and nowhere
else. While the room may see the console, unrevealed answers and names are not drawn.
"""

from __future__ import annotations

import dataclasses
import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain import voice
from ...domain.integrity import consequences
from ...domain.validate import new_ballot_id
from ...palette import MUTED
from ..widgets.question_list import QuestionList
from ..widgets.theme_board import ThemeBoard
from .base import Screen

ID_ROLE = Qt.UserRole
BIG = "font-size: 13pt;"


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


class NewPromptDialog(QDialog):
    """The prompt's words (an example to start from), named or anonymous, live or hidden."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New prompt")
        self.text = QLineEdit()
        self.text.setMaxLength(voice.MAX_QUESTION_CHARS)
        self.text.setPlaceholderText("An open question for the room")
        self.text.setStyleSheet(BIG)
        examples = QHBoxLayout()
        examples.addWidget(QLabel("For example:"))
        for example in voice.PROMPT_EXAMPLES:
            button = QPushButton(example)
            button.setToolTip("Use these words (then change them if you like)")
            button.clicked.connect(lambda _=False, e=example: self.text.setText(e))
            examples.addWidget(button)
        examples.addStretch(1)
        self.named = QCheckBox("Named answers (each answer carries its author's name; off: anonymous)")
        self.live = QCheckBox("Show answers live on the stage (off: the stage counts them until you reveal)")
        self.problem = _label("", "warning")
        self.problem.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("What do you want to ask the room?"))
        layout.addWidget(self.text)
        layout.addLayout(examples)
        layout.addWidget(self.named)
        layout.addWidget(self.live)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(760, self.sizeHint().height())

    def _accept(self) -> None:
        problem = voice.text_problem(self.text.text(), voice.MAX_QUESTION_CHARS, "prompt")
        if problem:
            self.problem.setText(problem.capitalize() + ".")
            self.problem.setVisible(True)
            return
        self.accept()


class VoiceScreen(Screen):
    title = "Room's voice"
    purpose = ("Ask the room an open question and group what it says into themes; take questions from the floor, "
               "most upvoted first. Phones answer through the room link; pass the laptop round for the others.")
    sections = ("prompts", "prompt_answers", "themes", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_prompts(), "Prompts")
        self.questions = QuestionList(ctx)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(self.questions)
        self.tabs.addTab(page, "Questions from the floor")
        self.body.addWidget(self.tabs, 1)
        ctx.room_sees_console_changed.connect(lambda _on: self.redraw())
        ctx.changed.connect(self._questions_changed)
        self.refresh()

    # ----- building --------------------------------------------------------------------------

    def _build_prompts(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        self.prompt_list = QListWidget()
        self.prompt_list.setObjectName("prompts")
        self.prompt_list.setStyleSheet("QListWidget { font-size: 13pt; } QListWidget::item { padding: 4px; }")
        self.prompt_list.currentItemChanged.connect(lambda *_: self._show_prompt())
        self.no_prompt = _label("No prompt yet: ask the room a question (“What should we stop?”) with New "
                                "prompt…; answers come from the phones, or type them here for the room.", "empty")
        self.new_button = QPushButton("New prompt…")
        self.new_button.clicked.connect(self.new_prompt_dialog)
        self.reveal_button = QPushButton("Reveal on stage")
        self.reveal_button.clicked.connect(lambda: self._with_prompt(self.toggle_revealed))
        self.close_button = QPushButton("Close answering")
        self.close_button.clicked.connect(lambda: self._with_prompt(self.toggle_closed))
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the prompt with its answers and themes (Ctrl+Z brings them back)")
        self.delete_button.clicked.connect(lambda: self._with_prompt(self.delete_prompt))
        tools = QVBoxLayout()
        for button in (self.new_button, self.reveal_button, self.close_button, self.delete_button):
            tools.addWidget(button)
        tools.addStretch(1)
        top = QHBoxLayout()
        lists = QVBoxLayout()
        lists.addWidget(self.no_prompt)
        lists.addWidget(self.prompt_list)
        top.addLayout(lists, 1)
        top.addLayout(tools)
        layout.addLayout(top)
        self.detail = QWidget()
        layout.addWidget(self.detail, 1)
        self._build_detail(self.detail)
        return page

    def _build_detail(self, detail: QWidget) -> None:
        self.heading = _label("", "subtitle")
        self.state = _label("", "hint")
        self.watched = _label("The room can see this screen: answers stay hidden here until you reveal the "
                              "prompt, and no names are shown.", "warning")
        self.who = QComboBox()
        self.who.setToolTip("A named prompt: who is answering on the laptop")
        self.entry = QLineEdit()
        self.entry.setMaxLength(voice.MAX_ANSWER_CHARS)
        self.entry.setPlaceholderText("Type an answer and press Enter")
        self.entry.setStyleSheet(BIG)
        self.entry.returnPressed.connect(self.add_from_entry)
        self.add_button = QPushButton("Add answer")
        self.add_button.clicked.connect(self.add_from_entry)
        self.entry_problem = _label("", "warning")
        self.entry_problem.setVisible(False)
        entry = QHBoxLayout()
        entry.addWidget(self.who)
        entry.addWidget(self.entry, 1)
        entry.addWidget(self.add_button)
        self.moderation_title = _label("Moderation", "subtitle")
        self.moderation = QListWidget()
        self.moderation.setObjectName("moderation")
        self.moderation.setWordWrap(True)
        self.moderation.setStyleSheet(BIG)
        self.moderation.setMinimumHeight(160)
        self.moderation.itemSelectionChanged.connect(self._update_buttons)
        self.hide_button = QPushButton("Hide")
        self.hide_button.setToolTip("Take the answer off the stage, the themes and the report (it stays here, "
                                    "struck through)")
        self.hide_button.clicked.connect(lambda: self._with_answer(lambda a: self.set_answer_hidden(a, True)))
        self.show_button = QPushButton("Show again")
        self.show_button.clicked.connect(lambda: self._with_answer(lambda a: self.set_answer_hidden(a, False)))
        self.board = ThemeBoard(self.ctx, "", detail)
        moderation = QVBoxLayout()
        moderation.addWidget(self.moderation_title)
        moderation.addWidget(self.moderation, 1)
        row = QHBoxLayout()
        row.addWidget(self.hide_button)
        row.addWidget(self.show_button)
        row.addStretch(1)
        moderation.addLayout(row)
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        layout.addWidget(self.watched)
        layout.addLayout(entry)
        layout.addWidget(self.entry_problem)
        layout.addWidget(self.board, 3)
        layout.addLayout(moderation, 1)

    # ----- the selected prompt ---------------------------------------------------------------

    def selected_prompt(self) -> m.Prompt | None:
        item = self.prompt_list.currentItem()
        if item is None:
            return None
        return next((p for p in self.ctx.workshop.prompts if p.id == item.data(ID_ROLE)), None)

    def select_prompt(self, prompt_id: str) -> None:
        for row in range(self.prompt_list.count()):
            if self.prompt_list.item(row).data(ID_ROLE) == prompt_id:
                self.prompt_list.setCurrentRow(row)
                return

    def _with_prompt(self, slot) -> None:
        prompt = self.selected_prompt()
        if prompt is not None and not self.ctx.read_only:
            slot(prompt)

    def selected_answer(self) -> m.PromptAnswer | None:
        item = self.moderation.currentItem()
        if item is None or not item.isSelected():
            return None
        return next((a for a in self.ctx.workshop.prompt_answers if a.id == item.data(ID_ROLE)), None)

    def _with_answer(self, slot) -> None:
        answer = self.selected_answer()
        if answer is not None and not self.ctx.read_only:
            slot(answer)

    def context_text(self) -> str:
        if self.tabs.currentIndex() == 1:
            question = self.questions.selected()
            return f"question “{question.text}”" if question else ""
        prompt = self.selected_prompt()
        return f"prompt “{prompt.text}”" if prompt else ""

    # ----- edits, each one undoable step -----------------------------------------------------

    def new_prompt_dialog(self) -> NewPromptDialog:
        dialog = NewPromptDialog(self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.add_prompt(dialog.text.text(), dialog.named.isChecked(),
                                                        dialog.live.isChecked()))
        dialog.open()
        return dialog

    def add_prompt(self, text: str, named: bool = False, revealed: bool = False) -> m.Prompt | None:
        if voice.text_problem(text, voice.MAX_QUESTION_CHARS, "prompt") or self.ctx.read_only:
            return None
        prompt = voice.new_prompt(self.ctx.workshop, text, named, revealed)
        self.ctx.edit(None, prompt, text="Ask the room a new prompt")
        self.refresh()
        self.select_prompt(prompt.id)
        return prompt

    def toggle_revealed(self, prompt: m.Prompt) -> None:
        self.ctx.edit(prompt, dataclasses.replace(prompt, revealed=not prompt.revealed),
                      text="Hide the answers from the stage" if prompt.revealed else "Reveal the answers on stage")

    def toggle_closed(self, prompt: m.Prompt) -> None:
        self.ctx.edit(prompt, dataclasses.replace(prompt, closed=not prompt.closed),
                      text="Reopen answering" if prompt.closed else "Close answering")

    def delete_prompt(self, prompt: m.Prompt) -> None:
        """The prompt, its answers and its themes: one undo step."""
        with self.ctx.macro(f"Delete the prompt “{prompt.text}”"):
            for before, after in consequences(self.ctx.workshop, prompt):
                self.ctx.edit(before, after)
            self.ctx.edit(prompt, None)

    def add_answer(self, prompt: m.Prompt, text: str, participant: str | None = None) -> m.PromptAnswer | None:
        """An answer typed on the laptop: anonymous (a random id, no name) unless the prompt is named.

        An anonymous answer is stored as a phone's is, at a random place among the prompt's answers,
        and not through the undo history, which is kept in the file in order: the order in which the
        laptop went round would tell whose answer is whose. A mistaken one is hidden, not undone."""
        ws = self.ctx.workshop
        problem = voice.text_problem(text, voice.MAX_ANSWER_CHARS)
        if problem is None and prompt.closed:
            problem = "answering is closed for this prompt"
        if problem is None and prompt.named and not participant:
            problem = "choose who is answering first"
        if problem is None and prompt.named and sum(
                1 for a in voice.answers_to(ws, prompt.id, True) if a.participant == participant
        ) >= voice.MAX_ANSWERS_PER_PERSON:
            problem = f"{voice.MAX_ANSWERS_PER_PERSON} answers from one person is the most"
        self.entry_problem.setText(problem[0].upper() + problem[1:] + "." if problem else "")
        self.entry_problem.setVisible(problem is not None and bool(text.strip()))
        if problem is not None or self.ctx.read_only:
            return None
        answer = voice.answer(ws, prompt.id, text, participant, new_ballot_id())
        if answer.participant is not None:
            self.ctx.edit(None, answer, text="Add an answer")
            return answer
        place = random.SystemRandom().randint(0, len(ws.prompt_answers))
        with self.ctx.store.step():
            self.ctx.store.put(answer, place)
        return answer

    def add_from_entry(self) -> None:
        prompt = self.selected_prompt()
        if prompt is not None and self.add_answer(prompt, self.entry.text(), self.who.currentData()):
            self.entry.clear()
            self.entry.setFocus()

    def set_answer_hidden(self, answer: m.PromptAnswer, hidden: bool) -> None:
        self.ctx.edit(answer, dataclasses.replace(answer, hidden=hidden),
                      text="Hide an answer" if hidden else "Show an answer again")

    # ----- drawing ---------------------------------------------------------------------------

    def _questions_changed(self, section: str) -> None:
        if section in ("room_questions", "all"):
            self._tab_titles()

    def _tab_titles(self) -> None:
        ws = self.ctx.workshop
        waiting = len(voice.open_questions(ws))
        self.tabs.setTabText(0, f"Prompts ({len(ws.prompts)})" if ws.prompts else "Prompts")
        self.tabs.setTabText(1, f"Questions from the floor ({waiting} open)" if waiting
                             else "Questions from the floor")

    def refresh(self) -> None:
        ws = self.ctx.workshop
        keep = self.selected_prompt()
        self.prompt_list.blockSignals(True)
        self.prompt_list.clear()
        for prompt in ws.prompts:
            answers = voice.answers_to(ws, prompt.id)
            flags = ["named" if prompt.named else "anonymous", "on stage" if prompt.revealed else "not revealed",
                     "closed" if prompt.closed else "open"]
            item = QListWidgetItem(f"{prompt.text}   ({len(answers)} answers · {' · '.join(flags)})")
            item.setData(ID_ROLE, prompt.id)
            self.prompt_list.addItem(item)
        self.prompt_list.blockSignals(False)
        rows = max(2, min(self.prompt_list.count(), 4))  # as tall as its prompts, up to four
        self.prompt_list.setFixedHeight(rows * max(self.prompt_list.sizeHintForRow(0), 28)
                                        + 2 * self.prompt_list.frameWidth() + 4)
        self.no_prompt.setVisible(not ws.prompts)
        self.prompt_list.setVisible(bool(ws.prompts))
        if ws.prompts:
            wanted = keep.id if keep is not None and any(p.id == keep.id for p in ws.prompts) else ws.prompts[-1].id
            self.select_prompt(wanted)
        self._tab_titles()
        self._show_prompt()

    def _show_prompt(self) -> None:
        prompt = self.selected_prompt()
        self.detail.setVisible(prompt is not None)
        self._update_buttons()
        if prompt is None:
            return
        ws = self.ctx.workshop
        sees = self.ctx.room_sees_console
        secret = sees and not prompt.revealed
        self.heading.setText(f"“{prompt.text}”")
        everyone = voice.answers_to(ws, prompt.id, with_hidden=True)
        hidden = sum(1 for a in everyone if a.hidden)
        self.state.setText(
            f"{len(everyone) - hidden} answers" + (f" (and {hidden} hidden)" if hidden else "") + " · "
            + ("Named: each answer carries its author's name" if prompt.named else "Anonymous: no names kept")
            + " · " + ("the stage shows the themes" if prompt.revealed else "the stage shows only how many answered")
            + " · " + ("answering is closed" if prompt.closed else "answering is open"))
        self.watched.setVisible(sees)
        self._fill_who(prompt, sees)
        self.entry.setEnabled(not prompt.closed and not self.ctx.read_only)
        self.entry.setPlaceholderText("Answering is closed (Reopen answering to take more)" if prompt.closed
                                      else "Type an answer and press Enter")
        self.add_button.setEnabled(not prompt.closed and not self.ctx.read_only)
        self._fill_moderation(everyone, prompt, secret, sees)
        if self.board.question != prompt.id:
            self.board.set_question(prompt.id)

    def _fill_who(self, prompt: m.Prompt, sees: bool) -> None:
        chosen = self.who.currentData()
        self.who.clear()
        self.who.setVisible(prompt.named)
        if not prompt.named:
            return
        self.who.addItem("Who is answering?", None)
        for person in self.ctx.workshop.participants:
            self.who.addItem(person.name, person.id)
        self.who.setCurrentIndex(max(0, self.who.findData(chosen)) if chosen else 0)

    def _fill_moderation(self, answers: list[m.PromptAnswer], prompt: m.Prompt, secret: bool, sees: bool) -> None:
        keep = self.selected_answer()
        self.moderation.clear()
        hidden = sum(1 for a in answers if a.hidden)
        self.moderation_title.setText(f"Moderation: {len(answers)} answers" + (f", {hidden} hidden" if hidden else "")
                                      if answers else "Moderation: no answers yet")
        if secret:
            self.moderation.addItem("Answers hidden while the room can see this screen.")
            self.moderation.setEnabled(False)
            return
        self.moderation.setEnabled(True)
        ws = self.ctx.workshop
        for answer in answers:
            who = ws.participant_name(answer.participant) if prompt.named and not sees else ""
            item = QListWidgetItem(answer.text + (f"   — {who}" if who else "")
                                   + ("   (hidden)" if answer.hidden else ""))
            item.setData(ID_ROLE, answer.id)
            if answer.hidden:
                font = QFont(self.moderation.font())
                font.setStrikeOut(True)
                item.setFont(font)
                item.setForeground(QColor(MUTED))
            self.moderation.addItem(item)
            if keep is not None and keep.id == answer.id:
                self.moderation.setCurrentItem(item)

    def _update_buttons(self) -> None:
        prompt = self.selected_prompt()
        editable = not self.ctx.read_only
        self.new_button.setEnabled(editable)
        for button in (self.reveal_button, self.close_button, self.delete_button):
            button.setEnabled(editable and prompt is not None)
        if prompt is not None:
            self.reveal_button.setText("Hide from stage" if prompt.revealed else "Reveal on stage")
            self.close_button.setText("Reopen answering" if prompt.closed else "Close answering")
        answer = self.selected_answer()
        self.hide_button.setEnabled(editable and answer is not None and not answer.hidden)
        self.show_button.setEnabled(editable and answer is not None and answer.hidden)
