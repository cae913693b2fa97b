"""While the room may see the console (the stage up on the laptop's own screen: F11, or one
screen), the console draws nothing secret: no hidden result unless "Hold to peek" is held, no
names of who has voted, no name beside a ballot's scores, the same "received" for a ballot and
an abstention, and a warning over the private check (issue 21)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QWidget

from okr_workshop.domain.vote_chart import format_score
from okr_workshop.ui.screens.private_entry import PROJECTED_WARNING, PrivateEntry
from okr_workshop.ui.widgets.vote_status_panel import HELD_TEXT, PEEK_TEXT

from .helpers import screen_named
from .vote_helpers import add_vote, click, end_session, open_ballots, vote_as

SHOTS = Path("/tmp/shots21")
ITEMS = ["pr1", "pr2", "pr3"]
BALLOTS = {"p1": {"pr1": 5}, "p2": {"pr1": 4, "pr2": 1}, "p3": {"pr1": 3, "pr2": 2}, "p4": {}}  # p4 abstains


def visible_texts(root: QWidget) -> list[str]:
    """The text of every visible label and table cell under ``root``."""
    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            found.append(widget.text())
        elif isinstance(widget, QTableWidget):
            found += [widget.item(r, c).text() for r in range(widget.rowCount()) for c in range(widget.columnCount())
                      if widget.item(r, c) is not None and not widget.isColumnHidden(c)]
    return found


@pytest.fixture
def hidden_vote(demo_window):
    """The Vote screen with the room seeing the console and a hidden secret vote with four ballots."""
    demo_window.activateWindow()
    screen = screen_named(demo_window, "Vote")
    demo_window.ctx.set_stage_on_console(True)
    vote = add_vote(screen, "dots", ITEMS, budget=5, secret=True, revealed=False)
    for voter, scores in BALLOTS.items():
        screen.submit(vote.id, voter, scores)
    return demo_window, screen, vote


def test_the_vote_screen_shows_no_hidden_result_and_no_voter_name(hidden_vote, qtbot):
    window, screen, vote = hidden_vote
    ws = window.ctx.workshop
    assert window.ctx.room_sees_console and not screen.current_vote().revealed
    scores = {entry["item"]: format_score("dots", entry["score"]) for entry in screen.chart_input.result.ranking}
    assert scores["pr1"] == "12"  # a number no count on the screen shows
    texts = visible_texts(screen)
    assert not [t for t in texts if re.search(rf"\b{scores['pr1']}\b", t)]
    names = [p.name for p in ws.participants]
    assert not [n for n in names if any(n in t for t in texts)]
    assert not screen.canvas.isVisible() and not screen.results.isVisible() and not screen.peek_banner.isVisible()
    assert screen.hidden_results.isVisible() and screen.hold_button.isVisible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "vote_room_sees_console.png"))


def test_hold_to_peek_shows_the_results_only_while_held(hidden_vote, qtbot):
    window, screen, _ = hidden_vote
    qtbot.mousePress(screen.hold_button, Qt.LeftButton)
    assert screen.canvas.isVisible() and screen.results.isVisible() and not screen.hidden_results.isVisible()
    assert screen.peek_banner.isVisible() and screen.peek_banner.text() == HELD_TEXT
    assert screen.peek_banner.text().startswith("The room may see this")
    qtbot.wait(100)  # the layout and the chart settle; the button stays held
    assert screen.hold_button.isDown() and screen.canvas.isVisible()
    window.grab().save(str(SHOTS / "vote_hold_to_peek.png"))
    qtbot.mouseRelease(screen.hold_button, Qt.LeftButton)
    assert not screen.canvas.isVisible() and not screen.results.isVisible() and screen.hidden_results.isVisible()
    assert not screen.peek_banner.isVisible()

    window.ctx.set_stage_on_console(False)  # the stage on its own screen again: the usual peek
    assert not window.ctx.room_sees_console and not screen.hold_button.isVisible()
    assert screen.canvas.isVisible() and screen.peek_banner.isVisible() and screen.peek_banner.text() == PEEK_TEXT


def test_the_status_panel_shows_counts_only(hidden_vote):
    window, screen, _ = hidden_vote
    panel = screen.status_panel
    assert panel.turnout.text() == "4 of 10 have voted · 1 abstains"
    assert panel.names.isVisible()
    assert panel.names.text() == "Voted: 4 of 10.   ·   Not yet: 6.   ·   Abstentions: 1."
    window.ctx.set_stage_on_console(False)
    assert window.ctx.workshop.participant_name("p1") in panel.names.text()  # the laptop alone: names again


def test_the_abstention_page_says_only_received(hidden_vote, qtbot):
    window, screen, _ = hidden_vote
    ballot = open_ballots(screen, qtbot)
    assert ballot.mirror_warning.isVisible()
    vote_as(ballot, qtbot, "p5")
    qtbot.mouseClick(ballot.abstain_button, Qt.LeftButton)
    assert ballot.pages.currentWidget() is ballot.received_page
    assert ballot.received.text() == "Received — pass the laptop to the next person."
    texts = visible_texts(ballot.received_page)
    assert not [t for t in texts if "abstain" in t.casefold() or window.ctx.workshop.participant_name("p5") in t]
    end_session(ballot, qtbot)


def test_the_private_check_warns_that_it_may_be_projected(demo_window, qtbot):
    demo_window.ctx.set_stage_on_console(True)
    screen = screen_named(demo_window, "Diagnose")
    qtbot.mouseClick(screen.start_button, Qt.LeftButton)
    entry = screen.entry
    assert isinstance(entry, PrivateEntry) and entry.isVisible()
    assert entry.projected_warning.isVisible() and entry.projected_warning.text() == PROJECTED_WARNING
    assert entry.layout().itemAt(0).widget() is entry.projected_warning  # at the top
    demo_window.ctx.set_stage_on_console(False)
    assert not entry.projected_warning.isVisible()
    entry.close()


def test_the_stage_on_the_console_screen_sets_the_flag(demo_window, qtbot):
    """F5 with one screen, and F11 ("Show the stage here") always, put the stage on the console's
    screen: the room may see the console until the stage goes."""
    ctx = demo_window.ctx
    assert not ctx.room_sees_console
    seen: list[bool] = []
    ctx.room_sees_console_changed.connect(seen.append)
    demo_window.stage_action.trigger()  # one offscreen screen: the stage shares the console's
    qtbot.waitUntil(demo_window.stage.isVisible)
    assert ctx.room_sees_console and demo_window.stage_console.banner.isVisible()
    demo_window.stage.hide()
    assert not ctx.room_sees_console
    demo_window.stage_here_action.trigger()
    qtbot.waitUntil(demo_window.stage.isVisible)
    assert ctx.room_sees_console
    demo_window.stage.hide()
    assert not ctx.room_sees_console and seen == [True, False, True, False]


def test_the_ballot_names_nobody_beside_the_scores_and_received_reads_the_same(hidden_vote, qtbot):
    """While the room may see the console: the ballot page says "Your ballot", not whose; once
    stored, a ballot, an abstention and a changed vote all read "Received", with no name and no
    score left on the window. With the stage gone, the voter's name comes back."""
    window, screen, _ = hidden_vote
    ws = window.ctx.workshop
    names = [p.name for p in ws.participants]
    ballot = open_ballots(screen, qtbot)

    vote_as(ballot, qtbot, "p5")
    assert ballot.voting_as.text() == "Your ballot"
    click(qtbot, ballot.input.plus["pr2"], 3)
    texts = visible_texts(ballot)
    assert not [n for n in names if any(n in t for t in texts)]  # the scores are on screen: no name
    qtbot.mouseClick(ballot.submit_button, Qt.LeftButton)
    assert ballot.pages.currentWidget() is ballot.received_page
    after_ballot = ballot.received.text()
    texts = visible_texts(ballot)
    assert not [n for n in names if any(n in t for t in texts)]
    assert not [t for t in texts if re.fullmatch(r"\d+", t.strip())]  # no score left in view
    assert ballot.voting_as.text() == ""  # nor on the hidden ballot page

    qtbot.mouseClick(ballot.next_button, Qt.LeftButton)
    vote_as(ballot, qtbot, "p6")
    qtbot.mouseClick(ballot.abstain_button, Qt.LeftButton)
    after_abstention = ballot.received.text()
    assert after_ballot == after_abstention == "Received — pass the laptop to the next person."

    qtbot.mouseClick(ballot.next_button, Qt.LeftButton)
    qtbot.mouseClick(ballot.change_buttons["p5"], Qt.LeftButton)  # p5 changes their secret ballot
    assert ballot.voting_as.text().startswith("Changing your vote") and "p5" not in ballot.voting_as.text()
    assert not [n for n in names if n in ballot.voting_as.text()]
    window.ctx.set_stage_on_console(False)  # the stage leaves this screen mid-ballot: the name is back
    assert ws.participant_name("p5") in ballot.voting_as.text()
    window.ctx.set_stage_on_console(True)
    assert not [n for n in names if n in ballot.voting_as.text()]
    click(qtbot, ballot.input.plus["pr1"])
    qtbot.mouseClick(ballot.submit_button, Qt.LeftButton)
    assert ballot.received.text() == after_ballot  # "it replaces the earlier one" is the voter's own
    end_session(ballot, qtbot)
