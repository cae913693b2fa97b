"""Ballots typed in on the laptop follow the vote's rules; results come from the domain tally."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from okr_workshop.domain.vote_chart import rank_labels
from okr_workshop.domain.voting import tally
from okr_workshop.ui.main_window import MainWindow

from .helpers import find_table, open_before_the_choice, screen_named
from .vote_helpers import current, results_rows


@pytest.fixture
def demo_window(qtbot) -> MainWindow:
    """The demo as it stood before the room chose (votes open, priorities undecided): the shipped
    demo is a finished offsite, and these tests vote and choose."""
    return open_before_the_choice(qtbot)

BALLOTS = {
    "p1": {"pr1": 3, "pr2": 2},
    "p2": {"pr1": 1, "pr3": 4},
    "p3": {"pr2": 5},
}


@pytest.fixture
def vote_screen(demo_window):
    """The Vote screen of the demo window, shown."""
    demo_window.activateWindow()
    return screen_named(demo_window, "Vote")


@pytest.fixture
def new_vote(vote_screen, qtbot):
    """A new secret dots vote on the candidates, created with the New vote dialog and current."""
    count = len(vote_screen.ctx.workshop.votes)
    qtbot.mouseClick(vote_screen.new_button, Qt.LeftButton)
    dialog = vote_screen.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)  # keep the default question, method and items
    assert not dialog.isVisible()
    window = vote_screen.window()
    window.activateWindow()
    qtbot.waitActive(window)
    assert len(vote_screen.ctx.workshop.votes) == count + 1
    vote = vote_screen.current_vote()
    assert vote.id == vote_screen.ctx.workshop.votes[-1].id
    assert (vote.method, vote.budget, vote.secret, vote.ballots) == ("dots", 5, True, [])
    return vote


def test_secret_ballots_are_tallied_into_the_results_table(vote_screen, new_vote):
    """Three secret dots ballots show as the domain tally: rank (ties as "=n"), title, score and spread."""
    assert vote_screen.results.rowCount() == len(new_vote.items)
    for voter, scores in BALLOTS.items():
        vote_screen.submit(new_vote.id, voter, scores)

    vote = current(vote_screen, new_vote.id)
    assert len(vote.ballots) == 3
    assert all(b.participant is None for b in vote.ballots)  # secret: no ballot names its voter
    assert sorted(vote.voters()) == sorted(BALLOTS)
    ws = vote_screen.ctx.workshop
    result = tally(vote)
    ranks = rank_labels(result.ranking)
    expected = [[ranks[e["item"]], ws.priority_title(e["item"]), f"{e['score']:g}",
                 f"{result.stdev[e['item']]:.2f}"] for e in result.ranking]
    assert results_rows(vote_screen) == expected
    assert results_rows(vote_screen)[0][1] == ws.priority_title("pr2")  # 7 dots, the most
    assert results_rows(vote_screen)[0][0] == "1"
    assert vote_screen.summary.text().startswith("3 ballots.")
    assert vote_screen.chart_input.result == result  # the chart draws the same tally


def test_over_budget_ballot_is_refused_with_a_message(vote_screen, new_vote):
    """A ballot spending more dots than the budget is refused, says why, and is not stored."""
    vote_screen.submit(new_vote.id, "p1", {"pr1": 4, "pr2": 2})
    assert "Ballot refused" in vote_screen.message.text()
    assert "exceeds budget 5" in vote_screen.message.text()
    assert current(vote_screen, new_vote.id).ballots == []


def test_second_ballot_from_the_same_voter_is_refused(vote_screen, new_vote):
    """A voter who has voted cannot cast a second ballot in the same vote."""
    vote_screen.submit(new_vote.id, "p1", {"pr1": 1})
    vote_screen.submit(new_vote.id, "p1", {"pr2": 1})
    assert "already voted" in vote_screen.message.text()
    assert len(current(vote_screen, new_vote.id).ballots) == 1


def test_votes_table_shows_items_by_title(vote_screen, new_vote):
    """The Items column names the priorities, not their ids."""
    table = find_table(vote_screen, "Votes")
    column = [c.field for c in table.model.columns].index("items")
    row = table.model.rowCount() - 1
    text = table.model.index(row, column).data()
    ws = vote_screen.ctx.workshop
    assert text == "; ".join(ws.priority_title(i) for i in new_vote.items)
    assert "pr1" not in text


def test_changing_the_method_of_a_vote_with_ballots_is_refused(vote_screen, new_vote, qtbot):
    """Once a vote has ballots, choosing another method in the table is refused with a message."""
    vote_screen.submit(new_vote.id, "p1", {"pr1": 2})
    table = find_table(vote_screen, "Votes")
    row = table.model.rowCount() - 1
    column = [c.field for c in table.model.columns].index("method")
    index = table.model.index(row, column)
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData("rank"))
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: table.view.state() != table.view.State.EditingState)

    assert current(vote_screen, new_vote.id).method == "dots"
    assert table.message.isVisibleTo(table)
    assert "already has ballots" in table.message.text()


def test_a_cap_above_the_budget_is_refused_in_the_table(vote_screen, new_vote, qtbot):
    """Typing a per-item cap larger than the budget is refused with the reason; a cap within it is kept."""
    table = find_table(vote_screen, "Votes")
    row = table.model.rowCount() - 1
    column = [c.field for c in table.model.columns].index("cap")
    index = table.model.index(row, column)
    assert not table.model.setData(index, "9")
    assert "more than the 5 dots" in table.message.text()
    assert table.model.setData(index, "2")
    assert current(vote_screen, new_vote.id).cap == 2
