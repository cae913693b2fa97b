"""The room's voice on stage: a prompt's themes once revealed (a count until then), the questions
from the floor, and the alignment check a level lower. Counts and texts only: never a name, never
a hidden answer."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from okr_workshop.domain import alignment, voice
from okr_workshop.domain import model as m
from okr_workshop.domain.stage import KIND_NAMES, KINDS, SCREEN_KINDS, StageRef, build, show_order
from okr_workshop.domain.validate import workshop_from_document

DEMO = Path(__file__).parents[2] / "resources/demo/demo.json"
HIDDEN = "Everything marketing throws over the wall"
SIZES = ((6, 24), (10, 40), (10, 53), (14, 70), (40, 90))  # rows x characters, from cramped to roomy


@pytest.fixture
def ws() -> m.Workshop:
    return workshop_from_document(json.loads(DEMO.read_bytes()))


def all_texts(ws: m.Workshop, ref: StageRef, rows: int = 12, width: int = 48) -> list[str]:
    """Every text of every page of a view."""
    pages = build(ws, ref, rows, width).pages
    return [t for p in range(pages) for t in build(ws, StageRef(ref.kind, ref.key, p), rows, width).texts()]


def every_size(ws: m.Workshop, ref: StageRef) -> str:
    """All a view shows at every page size, no-break spaces as spaces."""
    return " ".join(t for rows, width in SIZES for t in all_texts(ws, ref, rows, width)).replace("\u00a0", " ")


def voice_refs(ws: m.Workshop) -> list[StageRef]:
    return [StageRef("prompt", p.id) for p in ws.prompts] + [StageRef("questions")] + [
        StageRef("alignment", q) for q in m.QUESTIONS]


def test_the_new_kinds_are_views_with_names():
    assert {"prompt", "questions"} <= set(KINDS)
    assert KIND_NAMES["prompt"] and KIND_NAMES["questions"] == "Questions from the floor"
    assert SCREEN_KINDS["voice"] == ("prompt", "questions")


def test_a_revealed_prompt_shows_its_themes_with_counts_and_never_a_hidden_answer(ws):
    model = build(ws, StageRef("prompt", "q1"), rows=20, width=60)
    assert model.title == "Which hand-over will bite us?"
    counted = {(r.text, r.figure) for r in model.rows if r.figure}
    assert {("Sales to onboarding", "3"), ("The billing cut-over", "3")} <= counted
    assert all(r.bar is not None for r in model.rows if r.figure)  # counts as bars, like a vote
    assert [r.style for r in model.rows if r.figure][:2] == ["strong", "strong"]  # the themes stand out
    assert model.subtitle.startswith("8 answers")  # the hidden one is not counted either
    assert HIDDEN not in every_size(ws, StageRef("prompt", "q1"))


def test_an_unrevealed_prompt_shows_how_many_answered_and_no_answer(ws):
    model = build(ws, StageRef("prompt", "q2"), rows=12, width=48)
    assert model.title == "Which risk worries you most?"
    assert model.figure is not None and model.figure.value == "3 answers"
    assert "Answers hidden until the facilitator reveals them" in " ".join(r.text for r in model.rows)
    text = every_size(ws, StageRef("prompt", "q2"))
    assert not [a.text for a in ws.prompt_answers if a.prompt == "q2" and a.text in text]
    ws.prompts = [dataclasses.replace(p, revealed=False) for p in ws.prompts]  # q1 hidden again: no theme either
    text = every_size(ws, StageRef("prompt", "q1"))
    assert "8 answers" in text
    assert not [a.text for a in ws.prompt_answers if a.prompt == "q1" and a.text in text]
    assert "Sales to onboarding" not in text and "billing" not in text


def test_an_unrevealed_prompt_never_groups_its_answers(ws, monkeypatch):
    def refuse(*_):
        raise AssertionError("grouped an unrevealed prompt's answers")

    monkeypatch.setattr(voice, "themed", refuse)
    assert build(ws, StageRef("prompt", "q2")).figure.value == "3 answers"


def test_a_named_prompt_shows_counts_and_texts_never_names(ws):
    ws.prompts = [dataclasses.replace(p, named=True) for p in ws.prompts]
    people = [p.id for p in ws.participants]
    ws.prompt_answers = [dataclasses.replace(a, participant=people[i % len(people)])
                         for i, a in enumerate(ws.prompt_answers)]
    for prompt in ws.prompts:
        text = every_size(ws, StageRef("prompt", prompt.id))
        assert not [p.name for p in ws.participants if p.name in text]
    assert ("Sales to onboarding", "3") in {(r.text, r.figure) for r in build(ws, StageRef("prompt", "q1")).rows}


def test_a_prompt_without_answers_or_gone_says_so(ws):
    ws.prompts.append(voice.new_prompt(ws, "What should we stop?", revealed=True))
    assert "No answers yet." in build(ws, StageRef("prompt", ws.prompts[-1].id)).texts()
    assert build(ws, StageRef("prompt", "q99")).rows[0].text == "This prompt is no longer in the workshop."


def test_questions_from_the_floor_most_upvoted_first_open_ones_only(ws):
    model = build(ws, StageRef("questions"), rows=20, width=60)
    assert model.title == "Questions from the floor"
    firsts = [(r.lead, r.figure) for r in model.rows if r.figure]
    assert firsts == [("1", "▲ 4"), ("2", "▲ 3")]  # rq3 then rq4
    text = " ".join(model.texts())
    assert text.index("Will the weekly forum") < text.index("Can department heads see")
    for q in ws.room_questions:
        assert (q.text.split()[0] + " " + q.text.split()[1] in text) == (q.status == "open")
    ws.room_questions = [dataclasses.replace(q, hidden=True) if q.id == "rq3" else q for q in ws.room_questions]
    assert "Will the weekly forum" not in " ".join(build(ws, StageRef("questions"), 20, 60).texts())


def test_questions_show_the_top_few_and_count_the_rest(ws):
    ws.room_questions = [m.RoomQuestion(f"rq{i}", f"Question number {i}?", upvotes=i) for i in range(1, 9)]
    model = build(ws, StageRef("questions"), rows=40, width=60)
    shown = [r.text for r in model.rows if r.figure]
    assert shown == [f"Question number {i}?" for i in (8, 7, 6, 5, 4)]
    assert "…and 3 more: upvote yours on your phone" in model.texts()
    ws.room_questions = []
    assert build(ws, StageRef("questions")).rows[0].text == "No questions yet: send yours from your phone"


def test_alignment_shows_agreement_on_themes_beside_the_raw_one(ws):
    model = build(ws, StageRef("alignment", "dependencies"), rows=20, width=70)
    themed = alignment.agreement_percent(alignment.agreement(ws, "dependencies"))
    raw = alignment.agreement_percent(alignment.agreement(ws, "dependencies", raw=True))
    assert (themed, raw) == (15, 1)
    first = " ".join(r.text for r in model.rows if r.style == "strong")
    assert "Agreement 15% on themes (1% word for word)" in first
    assert ("The billing and pricing loop", "4 of 8") in {(r.text, r.figure) for r in model.rows}  # a theme
    top = build(ws, StageRef("alignment", "top_priorities"), rows=20, width=70)
    assert "word for word" not in " ".join(top.texts())  # no themes: one agreement


def test_alignment_compares_the_levels_on_a_page_of_its_own(ws):
    ref = StageRef("alignment", "dependencies")
    pages = [build(ws, StageRef(ref.kind, ref.key, p), 12, 60) for p in range(build(ws, ref, 12, 60).pages)]
    found = alignment.levels(ws, "dependencies")
    level_page = next(p for p in pages if p.rows and p.rows[0].text == "A level lower")
    figures = [r.figure for r in level_page.rows if r.figure]
    assert figures == [f"{alignment.agreement_percent(found[k])}%" for k in ("executive", "participant", "across")]
    assert not any(r.figure.endswith(" of 8") for r in level_page.rows)  # the executives' reveal is elsewhere
    tops = next(p for p in pages if p.rows and p.rows[0].text == "Executives name first")
    texts = [r.text for r in tops.rows]
    assert "Department heads name first" in texts  # both lists on one page, to compare
    heads = texts[texts.index("Department heads name first") + 1:]
    assert heads[0] == "The billing and pricing loop" and ("The billing and pricing loop", "2 of 2") in {
        (r.text, r.figure) for r in tops.rows}
    assert len([r for r in tops.rows if r.figure]) == 6  # the top 3 of each level


def test_one_department_head_keeps_their_answers_private(ws):
    ws.alignment_answers = [a for a in ws.alignment_answers if a.participant != "p10"]
    text = every_size(ws, StageRef("alignment", "dependencies"))
    assert "A level lower" in text and "stays private" in text
    assert "Department heads name first" not in text
    assert "Case studies need customers' sign-off" not in text  # p9's own answer, named by nobody else


def test_no_department_head_no_level_lower(ws):
    ws.alignment_answers = [a for a in ws.alignment_answers if a.participant not in ("p9", "p10")]
    assert "A level lower" not in every_size(ws, StageRef("alignment", "dependencies"))


def test_no_view_of_the_rooms_voice_names_anyone(ws):
    names = [p.name for p in ws.participants]
    firsts = [n.split()[0] for n in names]
    for ref in voice_refs(ws):
        text = every_size(ws, ref)
        assert not [n for n in names if n in text], ref
        assert not [n for n in firsts if n in text.split()], ref


def test_the_show_order_brings_every_prompt_and_the_questions(ws):
    order = show_order(ws)
    assert [r.key for r in order if r.kind == "prompt"] == ["q1", "q2"]
    assert StageRef("questions") in order
    ws.agenda.append(m.AgendaSession("s99", "The room's voice", screen="voice", minutes=20, day=2))
    kinds = [r.kind for r in show_order(ws)]
    assert kinds.index("actions") < kinds.index("prompt") < kinds.index("questions")  # the session brings them
