"""The Room's voice screen on the demo: prompts, pass-the-laptop answers, moderation, questions
from the floor (each move one undo step), what the room may not see, and the empty states."""

from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from okr_workshop.domain import model as m
from okr_workshop.domain import voice
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.screens.voice import VoiceScreen
from okr_workshop.ui.widgets.question_list import ID_ROLE

from .helpers import make_window, screen_named

HIDDEN = "Everything marketing throws over the wall"


@pytest.fixture
def screen(demo_window) -> VoiceScreen:
    found = screen_named(demo_window, "Room's voice")
    assert isinstance(found, VoiceScreen)
    QApplication.processEvents()
    return found


def rows(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_the_screen_shows_the_demos_prompts_and_questions(screen):
    """Both prompts are listed, the open questions come first."""
    assert [p.split("   (")[0] for p in rows(screen.prompt_list)] == ["Which hand-over will bite us?",
                                                                       "Which risk worries you most?"]
    screen.select_prompt("q1")
    assert screen.board.question == "q1" and screen.board.tree.topLevelItemCount() == 2
    assert screen.heading.text() == "“Which hand-over will bite us?”"
    struck = [screen.moderation.item(i) for i in range(screen.moderation.count())
              if screen.moderation.item(i).font().strikeOut()]
    assert [i.text() for i in struck] == [f"{HIDDEN}   (hidden)"]
    questions = [screen.questions.list.item(i).data(ID_ROLE) for i in range(screen.questions.list.count())]
    assert questions[:2] == ["rq3", "rq4"] and sorted(questions) == ["rq1", "rq2", "rq3", "rq4"]
    assert not screen.no_prompt.isVisible() and screen.tabs.tabText(1) == "Questions from the floor (2 open)"


def test_pass_the_laptop_answer_is_stored_anonymous(screen, qtbot):
    screen.select_prompt("q2")
    before = list(screen.ctx.workshop.prompt_answers)
    qtbot.keyClicks(screen.entry, "Losing the carrier contract")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    made = [a for a in screen.ctx.workshop.prompt_answers if a not in before]
    assert len(made) == 1
    assert made[0].prompt == "q2" and made[0].text == "Losing the carrier contract"
    assert made[0].participant is None and len(made[0].id) == 16  # a random id says nothing of who
    assert screen.entry.text() == ""
    assert "Losing the carrier contract" in [screen.board.answers.item(i).data(Qt.UserRole)
                                             for i in range(screen.board.answers.count())]
    # not in the undo history, which the file keeps in order (the laptop's round would tell whose)
    assert "Losing the carrier contract" not in json.dumps(screen.ctx.store.undo_log(), ensure_ascii=False)
    assert not screen.ctx.undo_stack.canUndo() or "answer" not in screen.ctx.undo_stack.undoText()


def test_a_named_prompt_asks_who_is_answering(screen, qtbot):
    prompt = screen.add_prompt("What should we stop?", named=True)
    assert prompt is not None and screen.selected_prompt() == prompt
    assert screen.who.isVisibleTo(screen)
    assert screen.add_answer(prompt, "The Friday report") is None
    assert "choose who" in screen.entry_problem.text().lower()
    screen.who.setCurrentIndex(screen.who.findData("p3"))
    qtbot.keyClicks(screen.entry, "The Friday report")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    answer = voice.answers_to(screen.ctx.workshop, prompt.id)[0]
    assert answer.participant == "p3"


def test_new_prompt_dialog_offers_the_examples_and_starts_anonymous_and_hidden(screen, qtbot):
    dialog = screen.new_prompt_dialog()
    qtbot.waitExposed(dialog)
    assert not dialog.named.isChecked() and not dialog.live.isChecked()
    example = next(b for b in dialog.findChildren(QPushButton) if b.text() == voice.PROMPT_EXAMPLES[0])
    qtbot.mouseClick(example, Qt.LeftButton)
    dialog._accept()
    prompt = screen.ctx.workshop.prompts[-1]
    assert (prompt.text, prompt.named, prompt.revealed, prompt.closed) == (voice.PROMPT_EXAMPLES[0], False, False,
                                                                           False)
    assert screen.selected_prompt() == prompt


def test_reveal_close_and_delete_each_undo(screen, demo_window):
    ctx = screen.ctx
    screen.select_prompt("q2")
    screen.reveal_button.click()
    assert voice.prompt_of(ctx.workshop, "q2").revealed and screen.reveal_button.text() == "Hide from stage"
    screen.close_button.click()
    assert voice.prompt_of(ctx.workshop, "q2").closed and not screen.entry.isEnabled()
    demo_window.undo_action.trigger()
    demo_window.undo_action.trigger()
    assert voice.prompt_of(ctx.workshop, "q2") == m.Prompt("q2", "Which risk worries you most?")
    screen.select_prompt("q1")
    answers, themes = list(ctx.workshop.prompt_answers), list(ctx.workshop.themes)
    screen.delete_button.click()
    ws = ctx.workshop
    assert all(p.id != "q1" for p in ws.prompts)
    assert all(a.prompt != "q1" for a in ws.prompt_answers) and all(t.question != "q1" for t in ws.themes)
    assert screen.selected_prompt() is not None and screen.board.question == screen.selected_prompt().id
    demo_window.undo_action.trigger()
    assert ctx.workshop.prompt_answers == answers and ctx.workshop.themes == themes
    assert any(p.id == "q1" for p in ctx.workshop.prompts)


def test_hiding_an_answer_keeps_it_off_the_themes(screen, demo_window):
    ctx = screen.ctx
    screen.select_prompt("q2")
    screen.moderation.setCurrentRow(1)
    text = ctx.workshop.prompt_answers[[a.prompt for a in ctx.workshop.prompt_answers].index("q2") + 1].text
    screen.hide_button.click()
    assert all(text not in row.answers for row in voice.themed(ctx.workshop, "q2"))
    assert screen.moderation.item(1).font().strikeOut()
    assert text not in [screen.board.answers.item(i).data(Qt.UserRole) for i in range(screen.board.answers.count())]
    assert screen.show_button.isEnabled()
    demo_window.undo_action.trigger()
    assert any(text in row.answers for row in voice.themed(ctx.workshop, "q2"))


@pytest.mark.parametrize("move, status, kind", [("park", "parked", "parking"), ("action", "action", "action"),
                                                ("log", "logged", "log")])
def test_a_question_parked_made_an_action_or_logged_creates_the_record_and_undo_removes_it(
        screen, demo_window, monkeypatch, move, status, kind):
    ctx = screen.ctx
    before = ctx.workshop.room_questions, ctx.workshop.parking_lot, ctx.workshop.actions, ctx.workshop.decision_log
    before = tuple(list(x) for x in before)
    screen.tabs.setCurrentIndex(1)
    questions = screen.questions
    questions.select("rq4")
    if move == "log":
        dialog = questions.buttons["log"]
        dialog.click()
        opened = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Log as decision")
        opened.setTextValue("The department heads see the not-now list on Monday")
        opened.accept()
    else:
        questions.buttons[move].click()
    ws = ctx.workshop
    question = next(q for q in ws.room_questions if q.id == "rq4")
    assert question.status == status and question.link.startswith(f"{kind}:")
    rid = question.link.split(":")[1]
    if kind == "parking":
        item = next(p for p in ws.parking_lot if p.id == rid)
        assert item.resolution == "open" and item.text == question.text and item.raised_by == "p9"
    elif kind == "action":
        assert next(a for a in ws.actions if a.id == rid).title == question.text
    else:
        entry = next(e for e in ws.decision_log if e.id == rid)
        assert entry.kind == "manual" and entry.text == "The department heads see the not-now list on Monday"
    assert questions.list.item(0).data(ID_ROLE) == "rq3"  # rq4 is no longer open: it moved down
    demo_window.undo_action.trigger()
    after = ctx.workshop
    assert (after.room_questions, after.parking_lot, after.actions, after.decision_log) == before


def test_a_question_added_answered_and_hidden(screen, demo_window, qtbot):
    ctx = screen.ctx
    screen.tabs.setCurrentIndex(1)
    questions = screen.questions
    qtbot.keyClicks(questions.entry, "Who owns the launch date?")
    qtbot.keyClick(questions.entry, Qt.Key_Return)
    added = ctx.workshop.room_questions[-1]
    assert (added.text, added.asked_by, added.status) == ("Who owns the launch date?", None, "open")
    questions.buttons["upvote"].click()
    questions.buttons["upvote"].click()
    assert ctx.workshop.room_questions[-1].upvotes == 2
    questions.buttons["answered"].click()
    assert ctx.workshop.room_questions[-1].status == "answered"
    questions.buttons["hide"].click()
    assert ctx.workshop.room_questions[-1].hidden
    assert all(q.id != added.id for q in voice.open_questions(ctx.workshop))
    assert questions.list.item(questions.list.count() - 1).font().strikeOut()


def test_while_the_room_sees_the_console_no_unrevealed_answer_or_name_shows(screen, qtbot):
    ctx = screen.ctx
    screen.select_prompt("q2")  # not revealed
    ctx.set_stage_on_console(True)
    QApplication.processEvents()
    shown = " ".join(rows(screen.moderation) + rows(screen.board.answers))
    assert "TransNordic" not in shown and screen.board.answers.count() == 0
    assert screen.watched.isVisible() and screen.board.empty.isVisible()
    screen.tabs.setCurrentIndex(1)
    assert all("Tomás" not in line for line in rows(screen.questions.list))
    assert screen.questions.asked_by.count() == 1  # no list of names either
    screen.tabs.setCurrentIndex(0)
    screen.select_prompt("q1")  # revealed: the room may see its answers
    assert screen.board.answers.count() == 2
    ctx.set_stage_on_console(False)
    QApplication.processEvents()
    screen.select_prompt("q2")
    assert screen.board.answers.count() == 3
    screen.tabs.setCurrentIndex(1)
    assert any("Tomás" in line for line in rows(screen.questions.list))


def test_an_empty_workshop_says_what_to_do(qtbot, tmp_path):
    path = tmp_path / "empty.okrw"
    WorkshopFile.create(path, m.Workshop()).close()
    window = make_window(qtbot)
    assert window.open_path(path)
    QApplication.processEvents()
    screen = screen_named(window, "Room's voice")
    assert screen.no_prompt.isVisible() and "No prompt yet" in screen.no_prompt.text()
    assert not screen.detail.isVisible() and not screen.delete_button.isEnabled()
    screen.tabs.setCurrentIndex(1)
    assert screen.questions.empty.isVisible() and "No questions from the floor" in screen.questions.empty.text()


def test_undoing_answered_keeps_the_upvotes_phones_gave_since(demo_window):
    """Upvotes are the room's, like ballots: undo takes back the facilitator's step, not the count."""
    ctx = demo_window.ctx
    question = next(q for q in ctx.workshop.room_questions if q.id == "rq3")
    ctx.edit(question, dataclasses.replace(question, status="answered"), text="Answered")
    answered = next(q for q in ctx.workshop.room_questions if q.id == "rq3")
    ctx.store.put(dataclasses.replace(answered, upvotes=answered.upvotes + 2))  # two phones, meanwhile
    demo_window.undo_action.trigger()
    now = next(q for q in ctx.workshop.room_questions if q.id == "rq3")
    assert (now.status, now.upvotes) == ("open", question.upvotes + 2)
    ctx.edit(now, dataclasses.replace(now, upvotes=now.upvotes + 1), text="Upvote")  # a hand on the laptop
    demo_window.undo_action.trigger()
    assert next(q for q in ctx.workshop.room_questions if q.id == "rq3").upvotes == question.upvotes + 2
