"""The stage's retrospective view: last quarter's scores as bars, the mean and the flags in words,
then and now; owners never on it (the room grades outcomes, not people)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain import next_quarter
from okr_workshop.domain.stage import (
    FIRST_OFFSITE,
    FLAG_SHORT,
    KIND_NAMES,
    KINDS,
    RETRO_TITLE,
    SCREEN_KINDS,
    StageRef,
    build,
    build_pages,
    show_order,
)
from okr_workshop.domain.validate import workshop_from_document

DEMO = Path(__file__).parents[2] / "resources/demo/demo.json"
ACTUALS = {"kr1": 41, "kr2": 44, "kr4": 21, "kr8": 380, "kr12": 25}  # scores 0.75, 0.67, 0.3, 0.12, 1.0


@pytest.fixture
def demo() -> m.Workshop:
    return workshop_from_document(json.loads(DEMO.read_bytes()))


@pytest.fixture
def ws(demo) -> m.Workshop:
    """The next offsite, started from the demo on 1 July 2026, with some actuals typed in."""
    new = next_quarter.carry_over(demo, "2026-Q3", "2026-07-01")
    new.past_key_results = [dataclasses.replace(k, actual=ACTUALS.get(k.id)) for k in new.past_key_results]
    return new


def every_page(ws: m.Workshop, rows: int = 14, width: int = 60) -> list:
    return list(build_pages(ws, StageRef("retrospective"), rows, width))


def test_the_kind_is_registered():
    assert "retrospective" in KINDS and KIND_NAMES["retrospective"] == "Retrospective"
    assert SCREEN_KINDS["retrospective"] == ("retrospective",)


def test_scores_show_as_bars_most_missed_first(ws):
    pages = every_page(ws)
    assert {p.title for p in pages} == {RETRO_TITLE}
    scored = [r for p in pages for r in p.rows if r.figure and r.bar is not None and not r.text.startswith("Agree")]
    assert [r.figure for r in scored] == ["0.1", "0.3", "0.7", "0.8", "1.0"]
    assert [round(r.bar, 2) for r in scored] == [0.12, 0.3, 0.67, 0.75, 1.0]
    text = "\n".join(p.as_text() for p in pages)
    assert "Actual 41 days · 74 → 30 days" in text  # the actual against the target
    assert "No actual yet · 96% → 105%" in text
    assert "No target: not scored" in text  # the wizard launch had no number


def test_the_subtitle_gives_the_mean_and_the_flags_in_words(ws):
    first = build(ws, StageRef("retrospective"), 14, 60)
    assert "2026-Q2" in first.subtitle and "Mean score 0.6 (5 of 12 scored)" in first.subtitle
    assert FLAG_SHORT["revisit_due"] in first.subtitle  # n6's revisit (25 June) has come
    safe = dataclasses.replace(ws, past_key_results=[dataclasses.replace(k, actual=k.target)
                                                     for k in ws.past_key_results])
    assert FLAG_SHORT["sandbagging"] in build(safe, StageRef("retrospective"), 14, 60).subtitle


def test_then_and_now_closes_it(ws):
    last = every_page(ws)[-1]
    texts = last.texts()
    assert any(t.startswith("Then and now") for t in texts)
    assert "22% then" in texts  # the demo's agreement on the top priorities; nobody asked yet now
    ws.priorities = [dataclasses.replace(p, status="selected") if p.id in ("pr1", "pr6") else p for p in ws.priorities]
    last = every_page(ws)[-1]
    assert "4 → 2" in last.texts()
    assert "Still chosen: Win the mid-market shipper segment" in last.as_text()


def test_no_participant_is_named(ws):
    text = "\n".join(p.as_text() for p in every_page(ws))
    for person in ws.participants:
        assert person.name not in text, person.name
        assert person.name.split()[0] not in text.split(), person.name


def test_a_first_offsite_shows_the_empty_state(demo):
    pages = every_page(demo)
    assert len(pages) == 1 and pages[0].title == RETRO_TITLE
    assert [r.text for r in pages[0].rows] and FIRST_OFFSITE.startswith(pages[0].rows[0].text)


def test_it_comes_before_the_diagnosis(ws, demo):
    kinds = [r.kind for r in show_order(ws)]
    assert kinds.index("retrospective") < kinds.index("check_progress")
    demo.history = dataclasses.replace(demo.history, title="Winter offsite", cycle="2026-Q1")
    kinds = [r.kind for r in show_order(demo)]  # with an agenda: just before the diagnosis session's views
    assert kinds.index("retrospective") + 1 == kinds.index("check_progress")
    demo.agenda.append(m.AgendaSession("s99", "How last quarter went", screen="retrospective", minutes=30, day=2))
    kinds = [r.kind for r in show_order(demo)]
    assert kinds.index("retrospective") > kinds.index("actions")  # a session of its own brings it
