"""Pass the laptop: voters cast private ballots one after another on a full-screen ballot, and
the results the Vote screen shows are the ones ``okr-workshop report`` prints for the file."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from okr_workshop.domain.report import build_report
from okr_workshop.domain.vote_chart import rank_labels
from okr_workshop.ui.widgets.ballot_inputs import BIG, BallotInput

from .helpers import printed_report, screen_named
from .vote_helpers import (
    add_vote,
    chart_texts,
    click,
    current,
    end_session,
    open_ballots,
    results_rows,
    submit,
    vote_as,
)

ITEMS = ["pr1", "pr2", "pr3", "pr4"]


@pytest.fixture
def vote_screen(demo_window):
    demo_window.activateWindow()
    screen = screen_named(demo_window, "Vote")
    yield screen
    if screen.ballot_window is not None:  # a test that failed half way: do not leave it open
        screen.ballot_window.close()
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def report_for(screen, vote_id: str) -> dict:
    """build_report for the workshop the store holds (the file plus the secret ballots still
    waiting for their batch: store/secret_batches.py), as the pack and the CLI export see it."""
    return build_report(screen.ctx.store.workshop)["votes"][vote_id]


def assert_screen_matches(screen, report: dict) -> None:
    """The draw inputs, the results table and the chart lettering all say what the report says."""
    result = screen.chart_input.result
    assert result.turnout == report["turnout"]
    assert [(r["item"], r["rank"]) for r in result.ranking] == [(r["item"], r["rank"]) for r in report["ranking"]]
    assert [round(r["score"], 4) for r in result.ranking] == [r["score"] for r in report["ranking"]]
    assert result.condorcet_winner == report["condorcet_winner"]
    assert (None if result.kendall_w is None else round(result.kendall_w, 4)) == report["kendall_w"]
    for item, spread in report["items"].items():
        assert round(result.stdev[item], 4) == spread["stdev"]
    ws = screen.ctx.workshop
    ranks = rank_labels(report["ranking"])
    assert [row[:3] for row in results_rows(screen)] == [
        [ranks[r["item"]], ws.priority_title(r["item"]), f"{r['score']:.2f}" if report["method"] == "scale"
         else f"{r['score']:g}"] for r in report["ranking"]]
    texts = chart_texts(screen)
    for r in report["ranking"]:
        assert ranks[r["item"]] in texts
        assert any(ws.priority_title(r["item"]).startswith(t.rstrip("…").split("\n")[0]) for t in texts)
    assert not set(texts) & set(ITEMS)  # the chart names priorities by title, never by id


def test_dot_ballots_with_budget_and_cap_pass_from_voter_to_voter(vote_screen, qtbot):
    """Three voters spend dots with big +/− buttons; the cap and the budget stop the + button; each
    voter starts on a blank ballot; the secret ballots are stored unlinked and tallied as the report does."""
    vote = add_vote(vote_screen, "dots", ITEMS, budget=5, cap=3, secret=True)
    undo_steps = vote_screen.ctx.undo_stack.count()
    window = open_ballots(vote_screen, qtbot)

    ws = vote_screen.ctx.workshop
    expected_names = {p.id for p in ws.participants if p.role != "facilitator"}
    assert set(window.name_buttons) == expected_names
    assert ws.info.facilitator not in window.name_buttons
    assert all(b.height() >= 56 for b in window.name_buttons.values())

    vote_as(window, qtbot, "p1")
    ballot = window.input
    assert window.voting_as.text() == f"Voting as {ws.participant_name('p1')}"
    assert window.budget.text().startswith("5 of 5 dots left")
    assert all(ballot.plus[i].height() >= 56 and ballot.minus[i].height() >= 56 for i in ITEMS)
    click(qtbot, ballot.plus["pr1"], 4)  # the fourth press meets the cap of 3
    assert ballot.count_labels["pr1"].text() == "3"
    assert not ballot.plus["pr1"].isEnabled()
    click(qtbot, ballot.plus["pr2"], 3)  # only 2 dots were left
    assert ballot.count_labels["pr2"].text() == "2"
    assert window.budget.text().startswith("0 of 5 dots left")
    assert not any(ballot.plus[i].isEnabled() for i in ITEMS)
    click(qtbot, ballot.minus["pr3"])  # nothing to take away: stays at 0
    assert ballot.count_labels["pr3"].text() == "0"
    submit(window, qtbot)

    assert "p1" not in window.name_buttons  # who has voted is not offered again
    vote_as(window, qtbot, "p2")
    fresh = window.input
    assert fresh is not ballot
    assert all(fresh.count_labels[i].text() == "0" for i in ITEMS)  # a blank ballot, nothing carried over
    assert window.budget.text().startswith("5 of 5 dots left")
    click(qtbot, fresh.plus["pr3"], 2)
    submit(window, qtbot)

    vote_as(window, qtbot, "p3")
    click(qtbot, window.input.plus["pr2"])
    click(qtbot, window.input.plus["pr4"], 4)
    assert window.input.count_labels["pr4"].text() == "3"
    submit(window, qtbot)

    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert window.findChildren(BallotInput) == []  # the last ballot is gone from the screen
    qtbot.keyClick(window, Qt.Key_Z, Qt.ControlModifier)  # no undo reaches a ballot from here,
    qtbot.keyClick(vote_screen.window(), Qt.Key_Z, Qt.ControlModifier)  # nor from the blocked main window
    stored = current(vote_screen, vote.id)
    assert Counter(json.dumps(b.scores, sort_keys=True) for b in stored.ballots) == Counter(
        json.dumps(s, sort_keys=True) for s in ({"pr1": 3, "pr2": 2}, {"pr3": 2}, {"pr2": 1, "pr4": 3}))
    assert all(b.participant is None for b in stored.ballots)
    assert stored.voters() == ["p1", "p2", "p3"]
    assert vote_screen.ctx.undo_stack.count() == undo_steps  # ballots are not on the undo stack

    end_session(window, qtbot)
    assert vote_screen.ballot_window is None
    assert vote_screen.cast.isEnabled()
    assert_screen_matches(vote_screen, report_for(vote_screen, vote.id))
    texts = chart_texts(vote_screen)
    assert not any(p.name in t for p in ws.participants for t in texts)  # no voter is named on the chart


def test_rank_ballots_use_keyboard_moves_and_buttons(vote_screen, qtbot):
    """Voters order the items with Ctrl+Up/Down, Alt+Down and the Move buttons; the ranking, Borda
    scores, Condorcet winner and Kendall's W on screen equal the report's."""
    vote = add_vote(vote_screen, "rank", ITEMS, secret=False)
    window = open_ballots(vote_screen, qtbot)
    titles = {i: vote_screen.ctx.workshop.priority_title(i) for i in ITEMS}

    vote_as(window, qtbot, "p4")
    rank = window.input
    assert rank.list.item(0).text() == f"1.   {titles['pr1']}"
    rank.list.setFocus()
    rank.list.setCurrentRow(3)  # pr4
    for _ in range(3):
        qtbot.keyClick(rank.list, Qt.Key_Up, Qt.ControlModifier)
    assert rank.order() == ["pr4", "pr1", "pr2", "pr3"]
    rank.list.setCurrentRow(1)  # pr1
    qtbot.keyClick(rank.list, Qt.Key_Down, Qt.AltModifier)
    assert rank.order() == ["pr4", "pr2", "pr1", "pr3"]
    qtbot.waitUntil(lambda: rank.list.item(0).text() == f"1.   {titles['pr4']}")
    assert rank.scores() == {"pr4": 1, "pr2": 2, "pr1": 3, "pr3": 4}
    submit(window, qtbot)

    vote_as(window, qtbot, "p5")
    rank = window.input
    assert rank.order() == ITEMS  # the next voter starts from the original order
    assert rank.up.height() >= 56
    rank.list.setCurrentRow(3)
    click(qtbot, rank.up, 3)
    assert rank.order() == ["pr4", "pr1", "pr2", "pr3"]
    assert not rank.up.isEnabled()  # already at the top
    submit(window, qtbot)

    vote_as(window, qtbot, "p6")
    rank = window.input
    rank.list.model().moveRow(rank.list.rootIndex(), 2, rank.list.rootIndex(), 0)  # as a drag does
    qtbot.waitUntil(lambda: rank.list.item(0).text() == f"1.   {titles['pr3']}")
    assert rank.scores() == {"pr3": 1, "pr1": 2, "pr2": 3, "pr4": 4}
    submit(window, qtbot)
    end_session(window, qtbot)

    stored = current(vote_screen, vote.id)
    assert {b.participant: b.scores for b in stored.ballots} == {
        "p4": {"pr4": 1, "pr2": 2, "pr1": 3, "pr3": 4},
        "p5": {"pr4": 1, "pr1": 2, "pr2": 3, "pr3": 4},
        "p6": {"pr3": 1, "pr1": 2, "pr2": 3, "pr4": 4},
    }
    report = report_for(vote_screen, vote.id)
    assert_screen_matches(vote_screen, report)
    assert report["kendall_w"] is not None
    texts = chart_texts(vote_screen)
    assert any(t.startswith("Agreement in the room (Kendall's W)") and f"{report['kendall_w']:.2f}" in t
               for t in texts)
    winner = report["condorcet_winner"]
    expected = (f"Condorcet winner: {titles[winner]}" if winner else "No Condorcet winner")
    assert any(t.startswith(expected) for t in texts)


def test_scale_ballot_cannot_be_submitted_until_every_item_is_rated(vote_screen, qtbot):
    """Submit stays disabled, with the reason in words (a title, never an id), until every item
    has a rating; two voters' ratings then show as the report's means and spreads."""
    vote = add_vote(vote_screen, "scale", ITEMS)
    window = open_ballots(vote_screen, qtbot)
    title = vote_screen.ctx.workshop.priority_title

    vote_as(window, qtbot, "p7")
    scale = window.input
    assert all(button.height() >= 56 for row in scale.buttons.values() for button in row.values())
    assert not window.submit_button.isEnabled()
    assert f"“{title('pr1')}”" in window.reason.text() and "pr1" not in window.reason.text().replace(title("pr1"), "")
    qtbot.mouseClick(window.submit_button, Qt.LeftButton)  # disabled: nothing happens
    assert window.pages.currentWidget() is window.ballot_page
    for item, value in zip(ITEMS[:3], (5, 4, 1), strict=True):
        qtbot.mouseClick(scale.buttons[item][value], Qt.LeftButton)
    assert not window.submit_button.isEnabled()
    assert f"“{title('pr4')}”" in window.reason.text()
    qtbot.mouseClick(scale.buttons["pr4"][2], Qt.LeftButton)
    qtbot.mouseClick(scale.buttons["pr4"][3], Qt.LeftButton)  # a change of mind: the toggles are exclusive
    assert scale.scores() == {"pr1": 5, "pr2": 4, "pr3": 1, "pr4": 3}
    assert window.reason.text() == "Ready to submit."
    submit(window, qtbot)

    vote_as(window, qtbot, "p8")
    assert window.input.scores() == {}  # blank again
    for item, value in zip(ITEMS, (1, 4, 1, 3), strict=True):
        qtbot.mouseClick(window.input.buttons[item][value], Qt.LeftButton)
    submit(window, qtbot)
    end_session(window, qtbot)

    report = report_for(vote_screen, vote.id)
    assert report["turnout"] == 2
    assert report["items"]["pr1"]["stdev"] == 2.0
    assert_screen_matches(vote_screen, report)


def test_points_must_add_up_and_the_reason_says_how_far_off(vote_screen, qtbot):
    """A points ballot is refused until it shares out exactly the budget; the +5 steps help."""
    vote = add_vote(vote_screen, "points", ITEMS[:3], budget=20)
    window = open_ballots(vote_screen, qtbot)
    vote_as(window, qtbot, "p9")
    points = window.input
    assert window.reason.text() == "Share out all 20 points: 20 still to give."
    assert not window.submit_button.isEnabled()
    click(qtbot, points.step_buttons[("pr1", 5)], 3)
    click(qtbot, points.plus["pr2"], 4)
    assert window.reason.text() == "Share out all 20 points: 1 still to give."
    assert not window.submit_button.isEnabled()
    click(qtbot, points.step_buttons[("pr3", 5)])  # only 1 left: +5 gives 1
    assert points.scores() == {"pr1": 15, "pr2": 4, "pr3": 1}
    assert window.submit_button.isEnabled()
    submit(window, qtbot)
    end_session(window, qtbot)
    assert current(vote_screen, vote.id).ballots[0].scores == {"pr1": 15, "pr2": 4, "pr3": 1}


def test_back_discards_an_unsubmitted_ballot_and_everyone_voting_ends_the_list(vote_screen, qtbot):
    """"Not you?" throws the ballot away; when the last person has voted, no names remain."""
    ws = vote_screen.ctx.workshop
    people = [p.id for p in ws.participants if p.role != "facilitator"]
    vote = add_vote(vote_screen, "dots", ITEMS, budget=1)
    window = open_ballots(vote_screen, qtbot)
    vote_as(window, qtbot, people[0])
    click(qtbot, window.input.plus["pr1"])
    qtbot.mouseClick(window.back, Qt.LeftButton)
    assert window.pages.currentWidget() is window.who_page
    assert current(vote_screen, vote.id).ballots == []
    for pid in people:
        vote_as(window, qtbot, pid)
        click(qtbot, window.input.plus["pr2"])
        submit(window, qtbot)
    assert window.pages.currentWidget() is window.received_page
    assert not window.next_button.isVisible()
    assert "Everyone has voted" in window.received_note.text()
    qtbot.keyClick(window, Qt.Key_Escape)  # Escape does not drop a voter into the facilitator's screen
    assert window.isVisible()
    end_session(window, qtbot)
    assert len(current(vote_screen, vote.id).ballots) == len(people)


def test_the_ballot_screen_uses_large_type(vote_screen, qtbot):
    """Buttons and the budget line are large enough to hit and read on a passed-round laptop."""
    add_vote(vote_screen, "dots", ITEMS)
    window = open_ballots(vote_screen, qtbot)
    vote_as(window, qtbot, "p1")
    assert window.budget.font().pointSizeF() >= 30 or window.budget.fontInfo().pixelSize() >= 40
    assert all(b.height() >= BIG - 8 for b in window.findChildren(QPushButton) if b.isVisible())
    end_session(window, qtbot)


def test_a_single_screen_warns_that_the_projector_may_mirror_it(vote_screen, qtbot, monkeypatch):
    """On one screen the ballot could be mirrored to the room: the names page says so; with a second
    screen (an extended projector) it does not."""
    add_vote(vote_screen, "dots", ITEMS)
    window = open_ballots(vote_screen, qtbot)  # the offscreen platform has one screen
    assert window.mirror_warning.isVisible()
    end_session(window, qtbot)
    only = QGuiApplication.screens()[0]
    monkeypatch.setattr(QGuiApplication, "screens", staticmethod(lambda: [only, only]))
    window = open_ballots(vote_screen, qtbot)
    assert not window.mirror_warning.isVisible()
    end_session(window, qtbot)


def test_the_installed_report_command_ranks_as_the_screen_shows(vote_screen, qtbot, tmp_path: Path):
    """After a pass-the-laptop session, `okr-workshop report FILE` ranks the items as the results table does."""
    vote = add_vote(vote_screen, "dots", ITEMS, budget=3)
    window = open_ballots(vote_screen, qtbot)
    for pid, item in (("p1", "pr3"), ("p2", "pr3"), ("p3", "pr2")):
        vote_as(window, qtbot, pid)
        click(qtbot, window.input.plus[item], 3)
        submit(window, qtbot)
    end_session(window, qtbot)
    # Secret ballots reach the file in batches, every one of them by the time the vote closes.
    held = next(v for v in vote_screen.ctx.workshop.votes if v.id == vote.id)
    vote_screen.ctx.edit(held, dataclasses.replace(held, closed=True))

    report = printed_report(vote_screen.ctx.store.path, tmp_path)["votes"][vote.id]
    title = vote_screen.ctx.workshop.priority_title
    ranks = rank_labels(report["ranking"])
    assert [row[:3] for row in results_rows(vote_screen)] == [
        [ranks[r["item"]], title(r["item"]), f"{r['score']:g}"] for r in report["ranking"]]
    assert results_rows(vote_screen)[0][1] == title("pr3")
    assert results_rows(vote_screen)[0][2] == "6"
