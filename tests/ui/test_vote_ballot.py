"""Voting on the laptop: ballots follow the vote's rules, results come from the domain tally."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox

from okr_workshop.domain.voting import tally
from okr_workshop.ui.screens.vote import BallotDialog

from .helpers import find_table, screen_named

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
    """A new secret dots vote, created with the Votes table's Add button and current."""
    table = find_table(vote_screen, "Votes")
    count = table.model.rowCount()
    qtbot.mouseClick(table.add_button, Qt.LeftButton)
    assert table.model.rowCount() == count + 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)  # keep the default question
    vote = vote_screen.current_vote()
    assert vote.id == vote_screen.ctx.workshop.votes[-1].id
    assert (vote.method, vote.secret, vote.ballots) == ("dots", True, [])
    return vote


def current(screen, vote_id: str):
    return next(v for v in screen.ctx.workshop.votes if v.id == vote_id)


def results_rows(screen) -> list[list[str]]:
    table = screen.results
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_secret_ballots_are_tallied_into_the_results_table(vote_screen, new_vote):
    """Three secret dots ballots show as the domain tally: rank, title, score and spread per item."""
    assert vote_screen.results.rowCount() == len(new_vote.items)
    for voter, scores in BALLOTS.items():
        vote_screen.submit(new_vote.id, voter, scores)

    vote = current(vote_screen, new_vote.id)
    assert len(vote.ballots) == 3
    assert all(b.participant is None for b in vote.ballots)  # secret: no ballot names its voter
    assert sorted(vote.voters()) == sorted(BALLOTS)
    ws = vote_screen.ctx.workshop
    result = tally(vote)
    expected = [[str(e["rank"]), ws.priority_title(e["item"]), f"{e['score']:g}", f"{result.stdev[e['item']]:.2f}"]
                for e in result.ranking]
    assert results_rows(vote_screen) == expected
    assert results_rows(vote_screen)[0][1] == ws.priority_title("pr2")  # 7 dots, the most
    assert vote_screen.summary.text().startswith("3 ballots.")


def test_over_budget_ballot_is_refused_with_a_message(vote_screen, new_vote):
    """A ballot spending more dots than the budget is refused, says why, and is not stored."""
    vote_screen.submit(new_vote.id, "p1", {"pr1": 4, "pr2": 2})
    assert "Ballot refused" in vote_screen.summary.text()
    assert "exceeds budget 5" in vote_screen.summary.text()
    assert current(vote_screen, new_vote.id).ballots == []


def test_second_ballot_from_the_same_voter_is_refused(vote_screen, new_vote):
    """A voter who has voted cannot cast a second ballot in the same vote."""
    vote_screen.submit(new_vote.id, "p1", {"pr1": 1})
    vote_screen.submit(new_vote.id, "p1", {"pr2": 1})
    assert "already voted" in vote_screen.summary.text()
    assert len(current(vote_screen, new_vote.id).ballots) == 1


def test_ballot_dialog_enables_cast_only_for_a_valid_ballot(vote_screen, new_vote, qtbot):
    """BallotDialog disables Cast while the dots exceed the budget and enables it once they fit."""
    dialog = BallotDialog(vote_screen.ctx.workshop, new_vote, vote_screen)
    qtbot.addWidget(dialog)
    cast = dialog.buttons.button(QDialogButtonBox.Ok)
    assert cast.isEnabled()  # no dots spent is a valid (empty) dots ballot
    facilitator = vote_screen.ctx.workshop.info.facilitator
    assert dialog.voter.findData(facilitator) == -1

    spins = list(dialog.spins.values())
    spins[0].setValue(4)
    spins[1].setValue(2)
    assert not cast.isEnabled()
    assert "exceeds budget" in dialog.problem.text()

    spins[1].setValue(1)
    assert cast.isEnabled()
    assert dialog.problem.text().startswith("0 left of 5.")
    assert dialog.scores() == {new_vote.items[0]: 4, new_vote.items[1]: 1}


def test_cast_button_stores_the_dialog_ballot(vote_screen, new_vote, monkeypatch):
    """"Cast a ballot…" stores what the accepted dialog holds, for the voter chosen in it."""

    def fill_and_accept(dialog):
        dialog.voter.setCurrentIndex(dialog.voter.findData("p4"))
        dialog.spins[new_vote.items[2]].setValue(5)
        return QDialog.Accepted

    monkeypatch.setattr(BallotDialog, "exec", fill_and_accept)
    vote_screen.cast.click()
    vote = current(vote_screen, new_vote.id)
    assert vote.voters() == ["p4"]
    assert [b.scores for b in vote.ballots] == [{new_vote.items[2]: 5}]


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
