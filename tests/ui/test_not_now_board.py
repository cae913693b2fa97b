"""The focus board on the Not now screen: moving cards with the mouse and the keyboard, undo and
redo of every move, what is stored, and the trade-off presenter."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from okr_workshop.domain import critical_few
from okr_workshop.domain import not_now as nn
from okr_workshop.domain.report import build_report
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.main_window import MainWindow
from okr_workshop.ui.screens.not_now import NotNowScreen
from okr_workshop.ui.widgets.focus_board import ORDER, FocusBoard

from .helpers import open_before_the_choice, screen_named


@pytest.fixture
def demo_window(qtbot) -> MainWindow:
    """The demo as it stood before the room chose (votes open, priorities undecided): the shipped
    demo is a finished offsite, and these tests vote and choose."""
    return open_before_the_choice(qtbot)

PAIRS = [(a, b) for a, b in itertools.permutations(ORDER, 2)]


@pytest.fixture
def screen(demo_window) -> NotNowScreen:
    found = screen_named(demo_window, "Not now & trade-offs")
    assert isinstance(found, NotNowScreen)
    QApplication.processEvents()
    return found


def drag(qtbot, board: FocusBoard, key: str, target: str) -> None:
    """Press on the card, move past the drag distance, release over the target column."""
    source = board.columns[board.column_of(key)]
    item = source.item_for(key)
    start = source.visualItemRect(item).center()
    qtbot.mousePress(source.viewport(), Qt.LeftButton, pos=start)
    qtbot.mouseMove(source.viewport(), start + QPoint(20, 0))
    drop = board.columns[target]
    qtbot.mouseRelease(drop.viewport(), Qt.LeftButton, pos=QPoint(20, 20))


def stored(window) -> tuple[dict[str, str], dict[str, str]]:
    """Priority statuses and not-now decisions by priority, read back from the file itself."""
    with WorkshopFile.open(window.ctx.store.path, read_only=True) as f:
        ws = f.workshop
    return ({p.id: p.status for p in ws.priorities},
            {n.priority: n.decision for n in ws.not_now if n.priority})


def put_in(qtbot, board: FocusBoard, key: str, column: str) -> None:
    if board.column_of(key) != column:
        drag(qtbot, board, key, column)
    assert board.column_of(key) == column


@pytest.mark.parametrize("source, target", PAIRS)
def test_drag_between_every_pair_of_columns_with_undo_and_redo(demo_window, screen, qtbot, source, target):
    board, key = screen.board, "pr:pr1"
    put_in(qtbot, board, key, source)
    before = stored(demo_window)
    drag(qtbot, board, key, target)
    assert board.column_of(key) == target
    statuses, decisions = stored(demo_window)
    assert statuses["pr1"] == nn.STATUS_OF[target]
    assert decisions.get("pr1") == (target if target in ("stop", "defer", "bau") else None)
    demo_window.undo_action.trigger()
    assert board.column_of(key) == source
    assert stored(demo_window) == before
    demo_window.redo_action.trigger()
    assert board.column_of(key) == target
    assert stored(demo_window) == (statuses, decisions)


@pytest.mark.parametrize("source, target", PAIRS)
def test_keyboard_moves_between_every_pair_of_columns(demo_window, screen, qtbot, source, target):
    board, key = screen.board, "pr:pr4"
    put_in(qtbot, board, key, source)
    board.select(key)
    view = board.columns[source]
    qtbot.keyClick(view, Qt.Key_1 + ORDER.index(target), Qt.AltModifier)  # Alt+1 … Alt+5
    assert board.column_of(key) == target
    after = stored(demo_window)
    assert after[0]["pr4"] == nn.STATUS_OF[target]
    demo_window.undo_action.trigger()
    assert board.column_of(key) == source
    demo_window.redo_action.trigger()
    assert board.column_of(key) == target
    assert stored(demo_window) == after


def test_ctrl_arrows_step_a_card_across_the_board(screen, qtbot):
    board, key = screen.board, "pr:pr2"
    board.select(key)
    for expected in ORDER[1:]:
        qtbot.keyClick(board.columns[board.column_of(key)], Qt.Key_Right, Qt.ControlModifier)
        assert board.column_of(key) == expected
    qtbot.keyClick(board.columns["bau"], Qt.Key_Right, Qt.ControlModifier)  # the last column: stays
    assert board.column_of(key) == "bau"
    qtbot.keyClick(board.columns["bau"], Qt.Key_Left, Qt.ControlModifier)
    assert board.column_of(key) == "defer"


def test_a_deferred_card_without_revisit_is_flagged_until_it_has_one(demo_window, screen, qtbot):
    board = screen.board
    drag(qtbot, board, "pr:pr5", "defer")
    item = board.columns["defer"].item_for("pr:pr5")
    assert "⚠" in item.text() and "revisit" in item.text()
    assert "revisit" in screen.focus_warning.text()
    entry = next(n for n in demo_window.ctx.workshop.not_now if n.priority == "pr5")
    row = screen.not_now.model.rows.index(entry)
    column = next(i for i, c in enumerate(screen.not_now.model.columns) if c.field == "revisit")
    screen.not_now.model.setData(screen.not_now.model.index(row, column), "when churn drops below 3%", Qt.EditRole)
    item = board.columns["defer"].item_for("pr:pr5")
    assert "⚠" not in item.text() and "when churn drops below 3%" in item.text()


def test_the_vote_top_three_then_deferring_the_rest_leaves_nothing_undecided(demo_window, screen, qtbot):
    ctx = demo_window.ctx
    vote = next(v for v in ctx.workshop.votes if v.id == "v2")
    with ctx.macro("Decide"):
        for before, after in critical_few.decide(ctx.workshop, vote, critical_few.top_items(vote, 3)):
            ctx.edit(before, after)
    board = screen.board
    actions = 0
    while board.columns[nn.UNDECIDED].count():
        key = board.columns[nn.UNDECIDED].item(0).data(Qt.UserRole)
        board.select(key)
        qtbot.keyClick(board.columns[nn.UNDECIDED], Qt.Key_4, Qt.AltModifier)  # Alt+4: Defer
        actions += 1
    assert actions <= 5
    assert build_report(ctx.workshop)["priorities"]["undecided"] == []
    assert screen.gauges["selected"].figure.text() == "3"
    assert screen.gauges["undecided"].figure.text() == "0"


def test_add_a_card_and_take_a_suggestion(demo_window, screen, qtbot):
    screen.new_column.setCurrentIndex(ORDER.index("stop"))
    qtbot.keyClicks(screen.new_title, "Trade-show circuit in Q2")
    qtbot.keyClick(screen.new_title, Qt.Key_Return)
    assert any(c.title == "Trade-show circuit in Q2" for c in nn.board(demo_window.ctx.workshop)["stop"])
    texts = [screen.suggested.item(i).text() for i in range(screen.suggested.count())]
    assert not any(t.startswith("Trade-show circuit in Q2") for t in texts)  # now on the board
    first = screen.suggested.item(0).data(Qt.UserRole)
    screen.suggested.setCurrentRow(0)
    screen.add_suggestion()
    assert any(c.title == first for c in nn.board(demo_window.ctx.workshop)["stop"])
    demo_window.undo_action.trigger()
    assert not any(c.title == first for c in nn.board(demo_window.ctx.workshop)["stop"])


def test_tradeoffs_one_at_a_time_and_confirmed_by_the_room(demo_window, screen, qtbot):
    presenter = screen.present_tradeoffs()
    qtbot.addWidget(presenter)
    ws = demo_window.ctx.workshop
    assert "Cut onboarding to 30 days" in presenter.statement.text()
    assert "even at the expense of" in presenter.statement.text()
    qtbot.keyClick(presenter, Qt.Key_Right)
    assert presenter.position.text() == f"Trade-off 2 of {len(ws.tradeoffs)}"
    qtbot.keyClick(presenter, Qt.Key_Space)
    assert demo_window.ctx.workshop.tradeoffs[1].confirmed
    assert "Confirmed" in presenter.state.text()
    demo_window.undo_action.trigger()
    assert not demo_window.ctx.workshop.tradeoffs[1].confirmed
    assert presenter.state.text() == ""
