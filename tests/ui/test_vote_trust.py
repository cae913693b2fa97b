"""Votes the room can trust: results hidden until revealed (the laptop may peek, under a banner),
who has voted and who sits a vote out, explicit abstentions, weights, and closing for good."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from okr_workshop.domain.vote_status import turnout_words
from okr_workshop.ui.main_window import MainWindow
from okr_workshop.ui.screens.vote_dialogs import VoteDialog, VotersDialog
from okr_workshop.ui.widgets.vote_status_panel import HIDDEN_TEXT

from .helpers import open_before_the_choice, screen_named
from .vote_helpers import add_vote, click, current, end_session, open_ballots, submit, vote_as


@pytest.fixture
def demo_window(qtbot) -> MainWindow:
    """The demo as it stood before the room chose (votes open, priorities undecided): the shipped
    demo is a finished offsite, and these tests vote and choose."""
    return open_before_the_choice(qtbot)

SHOTS = Path("/tmp/shots12")
ITEMS = ["pr1", "pr2", "pr3"]


@pytest.fixture
def vote_screen(demo_window):
    demo_window.activateWindow()
    return screen_named(demo_window, "Vote")


def _back_to(screen, qtbot) -> None:
    window = screen.window()
    window.activateWindow()
    qtbot.waitActive(window)


def _voters_dialog(screen, qtbot) -> VotersDialog:
    qtbot.mouseClick(screen.voters_button, Qt.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, VotersDialog) and dialog.isVisible()
    return dialog


def test_results_stay_hidden_from_the_room_until_revealed_and_the_laptop_peeks(demo_window, vote_screen,
                                                                                 qtbot):
    qtbot.mouseClick(vote_screen.new_button, Qt.LeftButton)
    dialog = vote_screen.dialog
    assert not dialog.live.isChecked()  # hidden unless the facilitator asks for live results
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    _back_to(vote_screen, qtbot)
    vote = vote_screen.current_vote()
    assert vote.revealed is False
    vote_screen.submit(vote.id, "p1", {"pr1": 3})
    vote_screen.submit(vote.id, "p2", {"pr2": 2})
    ws = vote_screen.ctx.workshop

    # The laptop peeks: the results show, under a banner that says the room cannot see them.
    assert vote_screen.peek_banner.isVisible() and "the room cannot see" in vote_screen.peek_banner.text()
    assert vote_screen.canvas.isVisible() and vote_screen.results.isVisible()
    assert not vote_screen.hidden_results.isVisible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    demo_window.grab().save(str(SHOTS / "laptop_peek.png"))

    # While the room may see the console (the stage on its screen): the placeholder and the turnout.
    demo_window.ctx.set_stage_on_console(True)
    assert vote_screen.hidden_results.isVisible()
    assert vote_screen.hidden_results.headline.text() == HIDDEN_TEXT
    assert vote_screen.hidden_results.turnout.text() == turnout_words(ws, current(vote_screen, vote.id))
    assert vote_screen.hidden_results.turnout.text().startswith("2 of 10 have voted")
    assert not vote_screen.canvas.isVisible() and not vote_screen.results.isVisible()
    assert not vote_screen.peek_banner.isVisible()
    assert vote_screen.status_panel.turnout.text().startswith("2 of 10 have voted")
    names = [p.name for p in ws.participants]
    assert not [n for n in names if n in vote_screen.status_panel.names.text()]  # counts, not who
    demo_window.showNormal()  # the offscreen screen is 800 px square: take a projector-sized picture
    demo_window.resize(1600, 900)
    qtbot.wait(100)
    demo_window.grab().save(str(SHOTS / "room_sees_hidden.png"))

    # Revealing is one undoable edit, while the room looks on too.
    assert vote_screen.reveal_button.isVisible() and vote_screen.reveal_button.text() == "Reveal results"
    qtbot.mouseClick(vote_screen.reveal_button, Qt.LeftButton)
    assert current(vote_screen, vote.id).revealed
    assert vote_screen.ctx.undo_stack.undoText().startswith(f"Reveal results: {vote.title[:20]}")
    assert vote_screen.canvas.isVisible() and not vote_screen.hidden_results.isVisible()
    assert vote_screen.reveal_button.text() == "Hide results"
    vote_screen.ctx.undo_stack.undo()
    assert not current(vote_screen, vote.id).revealed and vote_screen.hidden_results.isVisible()
    vote_screen.ctx.undo_stack.redo()
    demo_window.ctx.set_stage_on_console(False)
    assert vote_screen.current_vote().id == vote.id  # the stage leaving keeps the vote in view
    assert not vote_screen.peek_banner.isVisible() and vote_screen.canvas.isVisible()
    qtbot.mouseClick(vote_screen.reveal_button, Qt.LeftButton)  # and hidden again
    assert not current(vote_screen, vote.id).revealed and vote_screen.peek_banner.isVisible()


def test_abstentions_and_voters_who_sit_it_out_are_counted_apart(vote_screen, qtbot):
    vote = add_vote(vote_screen, "dots", ITEMS, budget=3)
    ws = vote_screen.ctx.workshop
    dialog = _voters_dialog(vote_screen, qtbot)
    dialog.votes_in["p3"].setChecked(False)
    assert not dialog.weight["p3"].isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    _back_to(vote_screen, qtbot)
    assert current(vote_screen, vote.id).opted_out == ["p3"]
    assert vote_screen.ctx.undo_stack.undoText().startswith("Voters and weights")

    window = open_ballots(vote_screen, qtbot)
    assert "p3" not in window.name_buttons  # who sits it out is not offered
    vote_as(window, qtbot, "p1")
    assert not window.submit_button.isEnabled()  # a blank ballot is not submitted: abstaining is explicit
    assert "I abstain" in window.reason.text()
    qtbot.mouseClick(window.abstain_button, Qt.LeftButton)
    assert window.pages.currentWidget() is window.received_page
    assert window.received.text().startswith("Abstention received")
    click(qtbot, window.next_button)
    vote_as(window, qtbot, "p2")
    click(qtbot, window.input.plus["pr2"], 2)
    submit(window, qtbot)
    assert "p1" not in window.name_buttons and "p2" not in window.name_buttons
    end_session(window, qtbot)

    stored = current(vote_screen, vote.id)
    assert [b.scores for b in stored.ballots if b.abstains] == [{}]
    result = vote_screen.chart_input.result
    assert (result.turnout, result.abstentions) == (1, 1)
    assert turnout_words(ws, stored) == "2 of 9 have voted · 1 abstains · 1 sits this vote out"
    assert vote_screen.status_panel.turnout.text() == "2 of 9 have voted · 1 abstains · 1 sits this vote out"
    names = vote_screen.status_panel.names.text()
    assert f"Sits this vote out: {ws.participant_name('p3')}." in names
    assert "Abstentions: 1." in names
    assert ws.participant_name("p3") not in names.split("Not yet:")[1].split("·")[0]
    assert "1 abstention, not counted" in vote_screen.summary.text()

    vote_screen.submit(vote.id, "p3", {"pr1": 1})  # a paper ballot from someone who sits it out
    assert vote_screen.message.text() == f"Ballot refused: {ws.participant_name('p3')} sits this vote out."


@pytest.mark.parametrize("secret", [True, False])
def test_a_replaced_ballot_counts_once(vote_screen, qtbot, secret):
    """A voter changes their mind on the laptop before the vote closes: the new ballot replaces
    the old one (secret: only this ballot window knows which one was theirs)."""
    vote = add_vote(vote_screen, "dots", ITEMS, budget=3, secret=secret)
    window = open_ballots(vote_screen, qtbot)
    vote_as(window, qtbot, "p1")
    click(qtbot, window.input.plus["pr1"], 3)
    submit(window, qtbot)
    click(qtbot, window.next_button)
    assert "p1" not in window.name_buttons and "p1" in window.change_buttons
    click(qtbot, window.change_buttons["p1"])
    assert window.voting_as.text().startswith("Changing the vote of")
    click(qtbot, window.input.plus["pr2"], 1)
    submit(window, qtbot)
    assert "replaces the earlier one" in window.received.text()
    end_session(window, qtbot)
    stored = current(vote_screen, vote.id)
    assert [b.scores for b in stored.ballots] == [{"pr2": 1}] and stored.voters() == ["p1"]
    assert vote_screen.chart_input.result.turnout == 1
    assert vote_screen.status_panel.turnout.text().startswith("1 of 10 have voted")
    again = open_ballots(vote_screen, qtbot)  # a new ballot window: a secret ballot's owner is forgotten
    assert "p1" not in again.name_buttons and ("p1" in again.change_buttons) == (not secret)
    end_session(again, qtbot)


def test_a_closed_vote_refuses_ballots_and_offers_a_new_round(vote_screen, qtbot):
    vote = add_vote(vote_screen, "dots", ITEMS, budget=3)
    window = open_ballots(vote_screen, qtbot)
    vote_as(window, qtbot, "p1")
    click(qtbot, window.input.plus["pr1"])
    ctx = vote_screen.ctx  # closed meanwhile (from a phone-run desk, say): the ballot is refused on screen
    before = current(vote_screen, vote.id)
    ctx.edit(before, dataclasses.replace(before, closed=True), text="Close vote")
    qtbot.mouseClick(window.submit_button, Qt.LeftButton)
    assert window.pages.currentWidget() is window.ballot_page
    assert window.reason.text() == "Not stored: this vote is closed: no more ballots."
    end_session(window, qtbot)
    ctx.undo_stack.undo()
    _back_to(vote_screen, qtbot)

    assert vote_screen.close_button.text() == "Close vote"
    qtbot.mouseClick(vote_screen.close_button, Qt.LeftButton)
    assert current(vote_screen, vote.id).closed
    assert vote_screen.close_button.text() == "New round…"
    assert not vote_screen.cast.isEnabled() and not vote_screen.voters_button.isEnabled()
    vote_screen.submit(vote.id, "p2", {"pr1": 1})
    assert vote_screen.message.text() == "Ballot refused: this vote is closed: no more ballots."
    assert current(vote_screen, vote.id).ballots == []

    qtbot.mouseClick(vote_screen.close_button, Qt.LeftButton)  # not a reopen: the next round
    dialog = vote_screen.dialog
    assert isinstance(dialog, VoteDialog) and dialog.isVisible()
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    _back_to(vote_screen, qtbot)
    assert current(vote_screen, vote.id).closed
    follow = vote_screen.current_vote()
    assert follow.follows == vote.id and not follow.closed and not follow.revealed


def test_the_weights_dialog_refuses_a_lonely_weight_in_a_secret_vote(vote_screen, qtbot):
    vote = add_vote(vote_screen, "dots", ITEMS, budget=3, secret=True)
    ws = vote_screen.ctx.workshop
    dialog = _voters_dialog(vote_screen, qtbot)
    assert dialog.problem.isHidden() and dialog.ok.isEnabled()
    spin = dialog.weight["p1"]
    assert (spin.minimum(), spin.maximum(), spin.singleStep(), spin.decimals()) == (0.25, 10, 0.25, 2)
    spin.setValue(2)
    assert not dialog.ok.isEnabled() and dialog.problem.isVisible()
    assert dialog.problem.text().startswith("In a secret vote, a weight only one voter holds (2) would show which "
                                            "ballot is theirs")
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)  # disabled: nothing is saved
    assert current(vote_screen, vote.id).weights == {}
    dialog.weight["p2"].setValue(2)
    assert dialog.ok.isEnabled() and dialog.problem.isHidden()
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    _back_to(vote_screen, qtbot)
    assert current(vote_screen, vote.id).weights == {"p1": 2, "p2": 2}

    vote_screen.submit(vote.id, "p1", {"pr1": 3})
    assert vote_screen.chart_input.result.weighted
    assert vote_screen.weights_line.isVisible()
    assert vote_screen.weights_line.text() == (f"Weights: {ws.participant_name('p1')} 2, "
                                              f"{ws.participant_name('p2')} 2; everyone else 1")
    dialog = _voters_dialog(vote_screen, qtbot)  # fixed once the first ballot is in
    assert not dialog.weight["p3"].isEnabled() and not dialog.votes_in["p1"].isEnabled()
    dialog.reject()


def test_sitting_out_after_ballots_cannot_leave_a_lonely_weight(vote_screen, qtbot):
    """Everyone but two voters has weight 2; once ballots are in, one of the two with weight 1 may not
    sit out: the other's ballot would be the only one of weight 1. Import and opening a file apply the
    same rule, so no edit can make the file unopenable."""
    vote = add_vote(vote_screen, "dots", ITEMS, budget=3, secret=True)
    dialog = _voters_dialog(vote_screen, qtbot)
    voters = list(dialog.weight)
    *heavy, last, other = voters
    for pid in heavy:
        dialog.weight[pid].setValue(2)
    assert dialog.ok.isEnabled(), dialog.problem.text()
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    _back_to(vote_screen, qtbot)
    vote_screen.submit(vote.id, heavy[0], {"pr1": 3})
    dialog = _voters_dialog(vote_screen, qtbot)
    dialog.votes_in[last].setChecked(False)
    assert not dialog.ok.isEnabled()
    assert dialog.problem.text().startswith("In a secret vote, a weight only one voter holds (1)")
    dialog.reject()
