"""The alignment check a level lower, through the real widgets: department heads take the private
check on the laptop after the executives, the progress counts both levels, and the reveal shows
the agreement on themes with the words' agreement beside it, each level's agreement, the agreement
across them and their top themes side by side, redrawn when the themes change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from okr_workshop.domain import model as m
from okr_workshop.domain import themes as th
from okr_workshop.domain.report import build_report
from okr_workshop.ui.screens.private_entry import PrivateEntry

from .helpers import make_window, screen_named
from .test_private_check import answer_privately, fresh_path, leaked  # noqa: F401 - fresh_path is a fixture

HEAD_ANSWERS = {"top_priorities": ["Axolotl onboarding desk"], "stop_or_wait": ["Capybara newsletter"],
                "dependencies": ["Wombat warehouse feed"]}


@pytest.fixture
def window(qtbot, fresh_path: Path):  # noqa: F811 - the fixture imported above
    window = make_window(qtbot)
    assert window.open_path(fresh_path)
    return window


def heads(ws: m.Workshop) -> list[m.Participant]:
    return [p for p in ws.participants if p.role == "participant"]


def test_department_heads_take_the_private_check_on_the_laptop(window, qtbot):
    """The names page offers the department heads under the executives; one answers by clicks and
    typing, the answers are stored under their name, and both boards count the two levels."""
    screen = screen_named(window, "Diagnose")
    ws = window.ctx.workshop
    assert "Executives 0 of 8 · Department heads 0 of 2" in screen.board.texts()
    qtbot.mouseClick(screen.start_button, Qt.LeftButton)
    entry = screen.entry
    assert isinstance(entry, PrivateEntry)
    head = heads(ws)[0]
    assert {p.id for p in heads(ws)} <= set(entry.name_buttons)
    assert {p.id for p in ws.executives()} <= set(entry.name_buttons)

    answer_privately(qtbot, entry, head.id, {}, HEAD_ANSWERS)
    stored = {a.question: a.items for a in window.ctx.workshop.alignment_answers if a.participant == head.id}
    assert stored == HEAD_ANSWERS
    assert window.ctx.undo_stack.undoText() == f"Private answers from {head.name}"
    assert leaked(entry, [i for items in HEAD_ANSWERS.values() for i in items]) == []

    qtbot.mouseClick(entry.next_person, Qt.LeftButton)
    assert head.id not in entry.name_buttons
    assert "Executives 0 of 8 · Department heads 1 of 2" in entry.board.texts()
    assert f"{head.name} ✓ finished" in entry.board.texts()
    assert "Executives 0 of 8 · Department heads 1 of 2" in screen.board.texts()  # the projector's board
    assert f"{head.name} ✓ finished" in screen.board.texts()

    with qtbot.waitSignal(entry.ended):
        qtbot.mouseClick(entry.end_button, Qt.LeftButton)
    qtbot.mouseClick(screen.reveal_button, Qt.LeftButton)
    assert "0 of 8 executives and 1 of 2 department heads have answered" in screen.status.text()


def test_a_workshop_without_department_heads_counts_executives_only(window, qtbot):
    """No department heads: the board reads as before, and only executives are offered."""
    ctx = window.ctx
    with ctx.macro("Executives only"):
        for person in heads(ctx.workshop):
            ctx.edit(person, None)
    screen = screen_named(window, "Diagnose")
    qtbot.mouseClick(screen.start_button, Qt.LeftButton)
    assert set(screen.entry.name_buttons) == {p.id for p in ctx.workshop.executives()}
    assert "0 of 8 executives have answered" in screen.entry.board.texts()
    screen.entry.close()


@pytest.fixture
def reveal(demo_window, qtbot):
    """The demo's Diagnose screen with the answers revealed."""
    screen = screen_named(demo_window, "Diagnose")
    qtbot.mouseClick(screen.reveal_button, Qt.LeftButton)
    assert screen.reveal.isVisible()
    return screen


def test_the_reveal_shows_both_levels_on_the_demo(demo_window, reveal, qtbot):
    """Dependencies: 15 % on themes beside 1 % word for word (the report's figures); executives,
    department heads and across, and each level's top themes with counts; no name anywhere."""
    ws = demo_window.ctx.workshop
    expected = build_report(ws)["alignment"]["dependencies"]
    view = reveal.reveal
    qtbot.mouseClick(view.tabs["dependencies"], Qt.LeftButton)
    assert view.figure.text() == f"{round(expected['agreement'] * 100)}%" == "15%"
    assert view.caption.text() == "agreement on themes"
    assert view.raw.isVisible() and view.raw.text() == f"{round(expected['agreement_raw'] * 100)}% word for word"
    assert view.levels.isVisible()
    levels = expected["levels"]
    assert view.level_scores["executive"].text() == f"Executives (8): {round(levels['executive'] * 100)}%"
    assert view.level_scores["participant"].text() == f"Department heads (2): {round(levels['participant'] * 100)}%"
    assert view.level_scores["across"].text() == f"Across the two levels: {round(levels['across'] * 100)}%"
    for role, label in view.level_tops.items():
        shown = label.text().splitlines()
        assert [line.rsplit(" (", 1)[0] for line in shown] == expected["top_by_level"][role][:3]
    assert "The billing and pricing loop (4)" in view.level_tops["executive"].text()
    assert "The billing and pricing loop (2)" in view.level_tops["participant"].text()
    names = [p.name for p in ws.participants]
    assert leaked(view, names) == []

    qtbot.mouseClick(view.tabs["top_priorities"], Qt.LeftButton)  # nothing grouped: one figure
    assert view.caption.text() == "agreement" and not view.raw.isVisible()
    assert view.levels.isVisible()


def test_the_reveal_redraws_when_themes_change(demo_window, reveal, qtbot):
    """Ungrouping a theme changes the agreement on the tab and the figure at once; undo puts it back."""
    ctx = demo_window.ctx
    view = reveal.reveal
    qtbot.mouseClick(view.tabs["dependencies"], Qt.LeftButton)
    before = view.figure.text()
    with ctx.macro("Ungroup"):
        for b, a in th.ungroup(ctx.workshop, "t2"):
            ctx.edit(b, a)
    QApplication.processEvents()
    after = build_report(ctx.workshop)["alignment"]["dependencies"]["agreement"]
    assert view.figure.text() == f"{round(after * 100)}%" != before
    assert f"{round(after * 100)}% agreement" in view.tabs["dependencies"].text()
    demo_window.undo_action.trigger()
    QApplication.processEvents()
    assert view.figure.text() == before


def test_the_group_button_opens_the_theme_board_of_the_question(demo_window, reveal, qtbot):
    """"Group answers into themes…" opens the chosen question's theme board in a window of its own."""
    pytest.importorskip("okr_workshop.ui.widgets.theme_board")
    from okr_workshop.ui.widgets.theme_board import ThemeDialog

    view = reveal.reveal
    qtbot.mouseClick(view.tabs["stop_or_wait"], Qt.LeftButton)
    assert view.group_button.text() == "Group answers into themes…" and view.group_button.isEnabled()
    qtbot.mouseClick(view.group_button, Qt.LeftButton)
    dialog = reveal.themes_dialog
    assert isinstance(dialog, ThemeDialog) and dialog.isVisible()
    assert dialog.board.question == "stop_or_wait"
    dialog.reject()
