"""The Retrospective screen: last quarter scored live, flags in words, questions kept, all undoable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from okr_workshop.domain import next_quarter, retrospective
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.store.workshop_file import write_new
from okr_workshop.ui.main_window import MainWindow
from okr_workshop.ui.screens import SCREENS
from okr_workshop.ui.screens.retrospective import FIRST_OFFSITE, SCORE_COLUMN, RetrospectiveScreen

from .helpers import find_table, make_window, screen_named

DEMO = Path(__file__).parents[2] / "resources/demo/demo.json"


def carried_over_window(qtbot, tmp_path: Path) -> MainWindow:
    """A window on the next offsite, started from the demo on 1 July 2026 (after n6's revisit)."""
    previous = workshop_from_document(json.loads(DEMO.read_bytes()))
    path = tmp_path / "next quarter.okrw"
    write_new(path, next_quarter.carry_over(previous, "2026-Q3", "2026-07-01"))
    window = make_window(qtbot)
    assert window.open_path(path, remember=False, restore_points=False)
    return window


@pytest.fixture
def screen(qtbot, tmp_path) -> RetrospectiveScreen:
    found = screen_named(carried_over_window(qtbot, tmp_path), "Retrospective")
    assert isinstance(found, RetrospectiveScreen)
    return found


def cell(table, record_id: str, field: str):
    model = table.model
    row = [r.id for r in model.rows].index(record_id)
    return model.index(row, [c.field for c in model.columns].index(field))


def test_it_comes_right_before_the_diagnosis():
    names = [name for name, _ in SCREENS]
    assert names.index("Retrospective") + 1 == names.index("Diagnose")


def test_typing_an_actual_scores_it_and_one_undo_takes_it_back(screen, qtbot):
    table = find_table(screen, "Last quarter's key results")
    assert cell(table, "kr1", SCORE_COLUMN).data() == "—"
    assert table.model.setData(cell(table, "kr1", "actual"), "41")  # 74 → 30 days: 33 of 44 days cut
    assert cell(table, "kr1", SCORE_COLUMN).data() == "0.8"
    assert cell(table, "kr1", SCORE_COLUMN).data(Qt.UserRole) == pytest.approx(0.75)
    assert screen.mean.figure.text() == "0.8"
    screen.ctx.undo_stack.undo()
    assert cell(table, "kr1", SCORE_COLUMN).data() == "—"
    assert next(k for k in screen.ctx.workshop.past_key_results if k.id == "kr1").actual is None
    assert "type the actuals" in screen.mean.caption.text()


def test_confidence_is_one_to_five_and_what_was_learned_is_kept(screen):
    table = find_table(screen, "Last quarter's key results")
    assert not table.model.setData(cell(table, "kr2", "confidence"), "7")
    assert "1 to 5" in table.message.text()
    assert table.model.setData(cell(table, "kr2", "confidence"), "4")
    assert table.model.setData(cell(table, "kr2", "learned"), "Onboarding waits on the carrier's IT")
    kr = next(k for k in screen.ctx.workshop.past_key_results if k.id == "kr2")
    assert (kr.confidence, kr.learned) == (4, "Onboarding waits on the carrier's IT")


def test_the_flags_show_in_words(screen):
    assert screen.flags.isVisible()
    assert retrospective.FLAG_WORDS["revisit_due"] in screen.flags.text()
    table = find_table(screen, "Last quarter's key results")
    for kr in ("kr1", "kr2", "kr4"):  # each reached exactly its target: too safe
        target = next(k for k in screen.ctx.workshop.past_key_results if k.id == kr).target
        assert table.model.setData(cell(table, kr, "actual"), str(target))
    assert retrospective.FLAG_WORDS["sandbagging"] in screen.flags.text()


def test_clearing_a_due_revisit_is_one_undo_step(screen):
    assert list(screen.revisit_buttons) == ["n6"] and screen.revisits.isVisible()
    screen.revisit_buttons["n6"].click()
    assert not next(n for n in screen.ctx.workshop.not_now if n.id == "n6").revisit_due
    assert not screen.revisits.isVisible()
    assert retrospective.FLAG_WORDS["revisit_due"] not in screen.flags.text()
    screen.ctx.undo_stack.undo()
    assert next(n for n in screen.ctx.workshop.not_now if n.id == "n6").revisit_due
    assert list(screen.revisit_buttons) == ["n6"]


def test_the_two_questions_store_what_is_typed_as_one_undo_step(screen, qtbot):
    box = screen.answers["working"]
    box.setFocus()
    qtbot.keyClicks(box, "Not yet")
    assert screen.ctx.workshop.history.working == "Not yet"
    screen.answers["differently"].setPlainText("Fewer key results")
    assert screen.ctx.workshop.history.differently == "Fewer key results"
    screen.ctx.undo_stack.undo()
    screen.ctx.undo_stack.undo()
    assert (screen.ctx.workshop.history.working, screen.ctx.workshop.history.differently) == ("", "")
    assert box.toPlainText() == ""


def test_where_it_came_from_and_then_and_now(screen):
    assert "Spring leadership offsite" in screen.origin.text() and "2026-Q2" in screen.origin.text()
    text = screen.then_now.text()
    assert "22%" in text and "not yet" in text  # the demo's top-priorities agreement, none asked yet


def test_the_demo_itself_shows_the_first_offsite_empty_state(demo_window):
    screen = screen_named(demo_window, "Retrospective")
    QApplication.processEvents()
    assert screen.empty.isVisible() and screen.empty.text() == FIRST_OFFSITE
    assert "File → New from a previous offsite…" in FIRST_OFFSITE
    assert not screen.content.isVisible() and not screen.origin.isVisible()
