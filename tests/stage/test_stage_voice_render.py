"""The room's voice drawn for the room: a prompt's themes, a hidden prompt's count, the questions
from the floor and the alignment check a level lower, readable at projector sizes and naming nobody;
and the console's list that puts them on stage."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from okr_workshop.domain import model as m
from okr_workshop.domain.stage import StageRef, show_order
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.stage import style
from okr_workshop.stage.view import StageView
from okr_workshop.stage.window import StageWindow
from okr_workshop.ui.stage_console import StageConsole

DEMO = Path(__file__).parents[2] / "resources/demo/demo.json"
SIZES = ((1024, 768), (1280, 720), (1920, 1080))
VOICE = (StageRef("prompt", "q1"), StageRef("prompt", "q2"), StageRef("questions"),
         StageRef("alignment", "dependencies"))


@pytest.fixture
def ws() -> m.Workshop:
    return workshop_from_document(json.loads(DEMO.read_bytes()))


def drawn_pages(qtbot, ws: m.Workshop, ref: StageRef, width: int, height: int) -> list[list]:
    """Every page of ``ref`` as the stage draws it: the texts drawn, page by page."""
    view = StageView(lambda: ws)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show_ref(ref)
    out = []
    for page in range(view.model().pages):
        view.show_ref(StageRef(ref.kind, ref.key, page))
        view.grab()
        out.append(list(view.drawn))
    return out


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_rooms_voice_is_readable_from_the_back_and_names_nobody(qtbot, ws, width, height):
    names = [p.name for p in ws.participants]
    for ref in VOICE:
        pages = drawn_pages(qtbot, ws, ref, width, height)
        for drawn in (d for page in pages for d in page):
            assert drawn.fitted, (ref, drawn.text)  # nothing cut off or elided
            assert drawn.pixel_size >= math.ceil(height / 30) - 1, (ref, drawn.text)
            assert drawn.rect.bottom() <= height and drawn.rect.right() <= width
        text = " ".join(d.text for page in pages for d in page).replace("\u00a0", " ")
        assert not [n for n in names if n in text], ref
        assert "Everything marketing throws over the wall" not in text


def test_a_revealed_prompt_draws_its_themes_with_their_counts(qtbot, ws):
    (page,) = drawn_pages(qtbot, ws, StageRef("prompt", "q1"), 1280, 720)
    texts = [d.text for d in page]
    for theme in ("Sales to onboarding", "The billing cut-over"):
        assert texts[texts.index(theme) + 1] == "3"  # the count right of its bar


def test_a_hidden_prompt_draws_its_count_big_and_no_answer(qtbot, ws):
    (page,) = drawn_pages(qtbot, ws, StageRef("prompt", "q2"), 1280, 720)
    count = next(d for d in page if d.text == "3 answers")
    assert count.pixel_size > 2 * style.body_px(720)  # a figure the back row reads
    texts = " ".join(d.text for d in page)
    assert not [a.text for a in ws.prompt_answers if a.prompt == "q2" and a.text in texts]


def test_questions_are_drawn_most_upvoted_first(qtbot, ws):
    (page,) = drawn_pages(qtbot, ws, StageRef("questions"), 1280, 720)
    texts = [d.text for d in page]
    assert texts.index("▲ 4") < texts.index("▲ 3")
    joined = " ".join(texts)
    assert joined.index("Will the weekly forum") < joined.index("Can department heads")


def test_the_level_lower_has_its_own_pages_at_720p(qtbot, ws):
    pages = drawn_pages(qtbot, ws, StageRef("alignment", "dependencies"), 1280, 720)
    levels = next(p for p in pages if "A level lower" in [d.text for d in p])
    assert [d.text for d in levels if d.text.endswith("%")] == ["15%", "33%", "29%"]
    tops = next(p for p in pages if "Executives name first" in [d.text for d in p])
    assert "Department heads name first" in [d.text for d in tops]  # side by side in the room's eye


def test_the_console_lists_each_prompt_and_the_questions_and_puts_them_on_stage(qtbot, ws):
    console = QMainWindow()
    qtbot.addWidget(console)
    stage = StageWindow(lambda: ws)
    qtbot.addWidget(stage)
    stage.resize(1280, 720)
    panel = StageConsole(stage, console)
    console.show()
    panel.show()  # as when the stage goes up
    panel.sync()
    entries = [panel.views.itemText(i) for i in range(panel.views.count())]
    assert len(entries) == len(show_order(ws))
    prompts = [e for e in entries if ". Prompt: " in e]
    assert [e.split(". ", 1)[1] for e in prompts] == ["Prompt: Which hand-over will bite us?",
                                                      "Prompt: Which risk worries you most? (answers hidden)"]
    assert any(e.endswith(". Questions from the floor") for e in entries)
    assert panel.show_view(StageRef("prompt", "q2"))
    assert stage.ref == StageRef("prompt", "q2") and panel.views.currentIndex() == show_order(ws).index(stage.ref)
    assert panel.show_view(StageRef("questions", page=2)) and stage.ref == StageRef("questions")
    assert not panel.show_view(StageRef("prompt", "q99"))
    assert stage.ref == StageRef("questions")


def test_long_answers_and_questions_are_paginated_not_cut(qtbot, ws):
    """The longest texts the phones accept still fit: wrapped, on as many pages as they need."""
    long = "Which hand-over between the sales team, onboarding and finance will bite us hardest this quarter, " * 2
    ws.prompts = [m.Prompt("q9", long.strip()[:200], revealed=True)]
    ws.prompt_answers = [m.PromptAnswer(f"x{i}", "q9", f"Answer {i}: " + "the billing cut-over weekend " * 7)
                         for i in range(15)]
    ws.room_questions = [m.RoomQuestion(f"rq{i}", f"Question {i}: " + "who decides when a customer asks " * 9,
                                        upvotes=i) for i in range(8)]
    for ref in (StageRef("prompt", "q9"), StageRef("questions")):
        pages = drawn_pages(qtbot, ws, ref, 1280, 720)
        assert len(pages) > 1, ref
        for drawn in (d for page in pages for d in page):
            assert drawn.fitted and drawn.pixel_size >= math.ceil(720 / 30) - 1, (ref, drawn.text)
