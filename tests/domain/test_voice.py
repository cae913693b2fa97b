"""Prompts, their answers and questions from the floor: what may be stored, shown and shared, and how
they travel in the interchange."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from okr_workshop.domain import voice
from okr_workshop.domain.model import Participant, Prompt, PromptAnswer, RoomQuestion, Theme, Workshop
from okr_workshop.domain.report import build_report
from okr_workshop.domain.validate import InterchangeError, document_from_workshop, workshop_from_document

DEMO = json.loads((Path(__file__).parents[2] / "resources" / "demo" / "demo.json").read_text(encoding="utf-8"))
PEOPLE = [Participant("p1", "Ana"), Participant("p2", "Ben"), Participant("p3", "Chiara")]


def prompt_room(named: bool, answers: list[tuple[str | None, str]], revealed: bool = False) -> Workshop:
    return Workshop(participants=list(PEOPLE), prompts=[Prompt("q1", "What should we stop?", named, revealed)],
                    prompt_answers=[PromptAnswer(f"x{i}", "q1", text, who) for i, (who, text) in enumerate(answers)])


def test_an_anonymous_prompt_drops_the_name_a_named_one_keeps_it() -> None:
    anonymous, named = prompt_room(False, []), prompt_room(True, [])
    assert voice.answer(anonymous, "q1", "  The roadshow ", "p1", "k1") == PromptAnswer("k1", "q1", "The roadshow")
    assert voice.answer(named, "q1", "The roadshow", "p1", "k1").participant == "p1"


@pytest.mark.parametrize(("text", "problem"), [
    ("", "empty"), ("   ", "empty"), (7, "must be text"), ("x" * 201, "longer than 200"),
    ("Stop the\x00roadshow", "cannot be typed"), ("\x1b[31mred", "cannot be typed"),
])
def test_an_answer_that_cannot_be_stored_says_why(text: object, problem: str) -> None:
    assert problem in (voice.text_problem(text, voice.MAX_ANSWER_CHARS) or "")
    assert voice.text_problem("x" * 200, voice.MAX_ANSWER_CHARS) is None


def test_a_hidden_answer_is_never_counted_or_shown() -> None:
    ws = prompt_room(False, [(None, "Roadshow"), (None, "roadshow"), (None, "Spam")], revealed=True)
    ws.prompt_answers[2] = PromptAnswer("x2", "q1", "Spam", hidden=True)
    assert [(r.label, r.count) for r in voice.themed(ws, "q1")] == [("Roadshow", 2)]
    assert [(r.label, r.count) for r in voice.on_stage(ws, "q1") or []] == [("Roadshow", 2)]
    assert len(voice.answers_to(ws, "q1", with_hidden=True)) == 3


def test_the_stage_sees_nothing_of_an_unrevealed_prompt() -> None:
    assert voice.on_stage(prompt_room(False, [(None, "Roadshow")]), "q1") is None


def test_themes_count_each_answer_of_a_prompt() -> None:
    ws = prompt_room(False, [(None, "Roadshow"), (None, "Trade shows"), (None, "Rebrand")])
    ws.themes.append(Theme("t1", "q1", "Events", ["roadshow", "TRADE SHOWS"]))
    assert [(r.label, r.count, r.theme) for r in voice.themed(ws, "q1")] == [("Events", 2, "t1"),
                                                                             ("Rebrand", 1, None)]


def test_the_participants_copy_quotes_only_what_was_said_more_than_once() -> None:
    """Named prompt: Ana twice and Ben once name the roadshow (2 people); Chiara alone names the
    rebrand. Anonymous prompt: two answers name the roadshow, one the rebrand."""
    ws = prompt_room(True, [("p1", "Roadshow"), ("p1", "roadshow"), ("p2", "Roadshow"), ("p3", "Rebrand")],
                     revealed=True)
    assert [(r.label, r.count) for r in voice.shareable(ws, "q1")] == [("Roadshow", 2)]
    assert voice.unquoted(ws, "q1") == 1
    anonymous = prompt_room(False, [(None, "Roadshow"), (None, "roadshow"), (None, "Rebrand")], revealed=True)
    assert [(r.label, r.count) for r in voice.shareable(anonymous, "q1")] == [("Roadshow", 2)]
    assert voice.unquoted(anonymous, "q1") == 1


def test_the_participants_copy_quotes_nothing_the_room_was_never_shown() -> None:
    ws = prompt_room(False, [(None, "Roadshow"), (None, "Roadshow")])
    assert voice.shareable(ws, "q1") == [] and voice.unquoted(ws, "q1") == 2


def test_open_questions_most_upvoted_first_without_hidden_or_done_ones() -> None:
    ws = Workshop(room_questions=[
        RoomQuestion("rq1", "A", upvotes=2), RoomQuestion("rq2", "B", upvotes=5), RoomQuestion("rq3", "C", upvotes=2),
        RoomQuestion("rq4", "D", upvotes=9, hidden=True), RoomQuestion("rq5", "E", upvotes=9, status="answered"),
    ])
    assert [q.id for q in voice.open_questions(ws)] == ["rq2", "rq1", "rq3"]  # ties: first asked first
    assert [q.id for q in voice.top_questions(ws, 2)] == ["rq2", "rq1"]
    assert voice.new_question(ws, " Who owns pricing? ").id == "rq6"
    assert voice.upvoted(ws.room_questions[0]).upvotes == 3


# --- the interchange and the report -----------------------------------------------------------------


def test_the_demos_voice_round_trips_and_anonymous_answers_get_new_ids() -> None:
    first = workshop_from_document(DEMO)
    again = workshop_from_document(document_from_workshop(first))
    assert again.prompts == first.prompts and again.themes == first.themes
    assert again.room_questions == first.room_questions
    assert [(a.text, a.hidden) for a in again.prompt_answers] == [(a.text, a.hidden) for a in first.prompt_answers]
    assert {a.id for a in again.prompt_answers}.isdisjoint({a.id for a in first.prompt_answers})
    doc = document_from_workshop(first)
    assert all(set(a) <= {"text", "hidden"} for p in doc["prompts"] for a in p["answers"])  # no id, no person


def test_a_hidden_answer_stays_out_of_the_report() -> None:
    report = build_report(workshop_from_document(DEMO))
    assert "Everything marketing throws over the wall" not in json.dumps(report, ensure_ascii=False)
    q1 = report["voice"]["prompts"][0]
    assert (q1["answers"], q1["hidden"]) == (8, 1)
    assert [(t["label"], t["count"]) for t in q1["themes"][:2]] == [("Sales to onboarding", 3),
                                                                    ("The billing cut-over", 3)]


def _broken(change) -> InterchangeError:
    doc = copy.deepcopy(DEMO)
    change(doc)
    with pytest.raises(InterchangeError) as caught:
        workshop_from_document(doc)
    return caught.value


@pytest.mark.parametrize(("change", "place", "words"), [
    (lambda d: d["prompts"][0]["answers"][0].update(participant="p1"), "prompts[0].answers[0].participant",
     "anonymous"),
    (lambda d: d["prompts"][0].update(id="dependencies"), "prompts[0].id", "alignment question"),
    (lambda d: d["prompts"][0]["answers"][0].update(text="x" * 201), "prompts[0].answers[0].text", "longer"),
    (lambda d: d["themes"][0].update(question="q9"), "themes[0].question", "prompt's id"),
    (lambda d: d["themes"][1]["answers"].append("DATA PLATFORM CAPACITY"), "themes[1].answers[7]",
     "already in theme 't1'"),
    (lambda d: d["themes"][0].update(link="vote:v1"), "themes[0].link", "must start with"),
    (lambda d: d["room_questions"][0].update(status="maybe"), "room_questions[0].status", "maybe"),
    (lambda d: d["room_questions"][0].update(asked_by="p99"), "room_questions[0].asked_by", "unknown participant"),
])
def test_a_broken_voice_names_the_place(change, place: str, words: str) -> None:
    error = _broken(change)
    assert error.place == place and words in error.message
