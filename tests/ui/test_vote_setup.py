"""The facilitator's side of voting: creating a vote, a next round, a show of hands, and turning
the result into the critical few in one undoable step."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from okr_workshop.domain.critical_few import top_items
from okr_workshop.domain.voting import round_shift
from okr_workshop.ui.main_window import MainWindow

from .helpers import open_before_the_choice, screen_named
from .vote_helpers import add_vote, chart_texts, current, results_rows


@pytest.fixture
def demo_window(qtbot) -> MainWindow:
    """The demo as it stood before the room chose (votes open, priorities undecided): the shipped
    demo is a finished offsite, and these tests vote and choose."""
    return open_before_the_choice(qtbot)


@pytest.fixture
def vote_screen(demo_window):
    demo_window.activateWindow()
    return screen_named(demo_window, "Vote")


def statuses(screen) -> dict[str, str]:
    return {p.id: p.status for p in screen.ctx.workshop.priorities}


def test_new_vote_dialog_creates_the_vote_it_shows(vote_screen, qtbot):
    """The dialog ticks the candidates, offers 100 points for a points vote, refuses too few items
    with a message, and creates exactly the vote its fields describe."""
    ws = vote_screen.ctx.workshop
    qtbot.mouseClick(vote_screen.new_button, Qt.LeftButton)
    dialog = vote_screen.dialog
    ticked = dialog.chosen_items()
    assert ticked == [p.id for p in ws.priorities if p.status == "candidate"]
    assert dialog.secret.isChecked()
    assert (dialog.budget.value(), dialog.budget.isEnabled(), dialog.cap.isEnabled()) == (5, True, True)
    labels = [dialog.items.item(r).text() for r in range(dialog.items.count())]
    assert "Open the Nordic market  (deferred)" in labels  # titles, with the status of non-candidates
    assert not any(text.startswith("pr") for text in labels)

    dialog.question.clear()
    qtbot.keyClicks(dialog.question, "Where do we put our money?")
    dialog.method.setCurrentIndex(dialog.method.findData("points"))
    assert dialog.budget.value() == 100
    assert not dialog.cap.isEnabled()
    for row in range(dialog.items.count()):  # untick all but one: not a choice
        if row:
            dialog.items.item(row).setCheckState(Qt.Unchecked)
    assert not dialog.ok.isEnabled()
    assert "at least 2" in dialog.problem.text()
    dialog.items.item(2).setCheckState(Qt.Checked)
    dialog.secret.setChecked(False)
    assert dialog.ok.isEnabled() and dialog.problem.text() == ""
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)

    vote = vote_screen.current_vote()
    assert vote is ws.votes[-1]
    assert (vote.title, vote.method, vote.budget, vote.cap, vote.secret, vote.round, vote.follows) == (
        "Where do we put our money?", "points", 100, None, False, 1, None)
    assert vote.items == [dialog.items.item(0).data(Qt.UserRole), dialog.items.item(2).data(Qt.UserRole)]
    assert "No ballots yet" in chart_texts(vote_screen)
    vote_screen.ctx.undo_stack.undo()
    assert vote.id not in [v.id for v in vote_screen.ctx.workshop.votes]


def test_a_dot_cap_above_the_budget_is_refused_in_the_dialog(vote_screen, qtbot):
    """A per-item cap bigger than the budget disables Create and says why."""
    qtbot.mouseClick(vote_screen.new_button, Qt.LeftButton)
    dialog = vote_screen.dialog
    dialog.cap.setValue(6)
    assert not dialog.ok.isEnabled()
    assert "more than the 5 dots" in dialog.problem.text()
    dialog.cap.setValue(2)
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    assert vote_screen.current_vote().cap == 2


def test_next_round_follows_the_vote_and_the_chart_shows_how_items_moved(vote_screen, qtbot):
    """Next round copies the question, method and items with round + 1 and follows the earlier
    vote; once ballots are in, the table and the chart show each item's move (▲ / ▼ / =)."""
    first = vote_screen.ctx.workshop.votes[0]  # the demo's dot vote, 8 ballots
    vote_screen.select(first.id)
    qtbot.mouseClick(vote_screen.round_button, Qt.LeftButton)
    dialog = vote_screen.dialog
    assert dialog.ok.text() == "Start round 2"
    assert dialog.chosen_items() == first.items
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    later = vote_screen.current_vote()
    assert (later.title, later.method, later.items, later.round, later.follows) == (
        first.title, first.method, first.items, first.round + 1, first.id)
    assert later.ballots == [] and later.hands == {}
    assert "round 1 has no ballots to compare" not in " ".join(chart_texts(vote_screen))

    for voter, scores in (("p1", {"pr8": 5}), ("p2", {"pr8": 3, "pr5": 2}), ("p3", {"pr5": 4, "pr7": 1})):
        vote_screen.submit(later.id, voter, scores)
    later = current(vote_screen, later.id)
    shift = round_shift(first, later)
    assert shift["pr8"] > 0 and shift["pr5"] > 0  # the two that were near the bottom moved up
    assert vote_screen.chart_input.shift == shift
    moved = {row[1]: row[4] for row in results_rows(vote_screen)}
    title = vote_screen.ctx.workshop.priority_title
    assert moved[title("pr8")] == f"▲{shift['pr8']}"
    down = next(i for i, n in shift.items() if n < 0)
    assert moved[title(down)] == f"▼{-shift[down]}"
    texts = chart_texts(vote_screen)
    assert f"▲{shift['pr8']}" in texts and f"▼{-shift[down]}" in texts
    assert any("change since round 1" in t for t in texts)


def test_show_of_hands_adds_to_the_totals_and_undoes_in_one_step(vote_screen, qtbot):
    """Hands keyed in per item add one dot each to the chart's totals; Undo takes them out again."""
    vote = add_vote(vote_screen, "dots", ["pr1", "pr2", "pr3"], budget=3)
    vote_screen.submit(vote.id, "p1", {"pr1": 2, "pr2": 1})
    qtbot.mouseClick(vote_screen.hands_button, Qt.LeftButton)
    dialog = vote_screen.dialog
    assert set(dialog.spins) == {"pr1", "pr2", "pr3"}
    dialog.spins["pr3"].setValue(4)
    dialog.spins["pr2"].setValue(1)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)

    assert current(vote_screen, vote.id).hands == {"pr3": 4, "pr2": 1}
    scores = {r["item"]: r["score"] for r in vote_screen.chart_input.result.ranking}
    assert scores == {"pr3": 4, "pr1": 2, "pr2": 2}
    assert vote_screen.chart_input.result.turnout == 1  # hands are not ballots
    assert "show of hands" in chart_texts(vote_screen)
    assert "5 by show of hands" in " ".join(chart_texts(vote_screen))

    vote_screen.ctx.undo_stack.undo()
    assert current(vote_screen, vote.id).hands == {}
    assert len(current(vote_screen, vote.id).ballots) == 1  # undo of the hands leaves the ballot alone
    assert {r["item"]: r["score"] for r in vote_screen.chart_input.result.ranking} == {"pr1": 2, "pr2": 1, "pr3": 0}


def test_show_of_hands_is_only_for_dots_and_points(vote_screen):
    add_vote(vote_screen, "rank", ["pr1", "pr2"])
    assert not vote_screen.hands_button.isEnabled()
    add_vote(vote_screen, "points", ["pr1", "pr2"], budget=10)
    assert vote_screen.hands_button.isEnabled()


def test_deciding_selects_the_top_items_and_one_undo_restores_every_status(vote_screen, qtbot):
    """"Make the top N the critical few" selects the top 3 of the demo ranking, sends the rest of
    the vote back to undecided, says so, and a single Undo puts every status back."""
    ws = vote_screen.ctx.workshop
    vote = ws.votes[1]  # the demo's rank vote
    vote_screen.select(vote.id)
    chosen = top_items(vote, 3)
    assert "pr7" in vote.items and "pr7" not in chosen and "pr5" not in vote.items
    for pid in ("pr7", "pr5"):  # selected earlier: pr7 is on this vote and misses the cut, pr5 is not on it
        old = next(p for p in ws.priorities if p.id == pid)
        vote_screen.ctx.edit(old, dataclasses.replace(old, status="selected"))
    before = statuses(vote_screen)
    steps = vote_screen.ctx.undo_stack.count()

    qtbot.mouseClick(vote_screen.decide_button, Qt.LeftButton)
    dialog = vote_screen.dialog
    assert dialog.count.value() == 3
    assert dialog.chosen() == chosen
    assert not dialog.warning.isVisible()
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)

    after = statuses(vote_screen)
    assert {i for i in vote.items if after[i] == "selected"} == set(chosen)
    assert all(after[i] == "candidate" for i in vote.items if i not in chosen)
    assert after["pr7"] == "candidate" and after["pr5"] == "selected"
    assert {k: v for k, v in after.items() if k not in vote.items} == {
        k: v for k, v in before.items() if k not in vote.items}
    assert vote_screen.ctx.undo_stack.count() == steps + 1  # one step, however many statuses changed
    assert "Not now" in vote_screen.message.text() and f"other {len(vote.items) - 3}" in vote_screen.message.text()

    assert vote_screen.message.isVisibleTo(vote_screen)

    vote_screen.window().undo()
    assert statuses(vote_screen) == before
    assert not vote_screen.message.isVisibleTo(vote_screen)  # the message went with what it described


def test_more_than_five_is_warned_before_it_is_applied(vote_screen, qtbot):
    """Choosing 6 shows the too-many warning and the button says "anyway"; cancel changes nothing."""
    vote = add_vote(vote_screen, "dots", [p.id for p in vote_screen.ctx.workshop.priorities][:8], budget=8)
    vote_screen.submit(vote.id, "p1", dict.fromkeys(vote.items, 1))
    before = statuses(vote_screen)
    qtbot.mouseClick(vote_screen.decide_button, Qt.LeftButton)
    dialog = vote_screen.dialog
    assert len(dialog.chosen()) == 8  # all tied at 1: a tie at the cut brings everything in
    assert dialog.warning.isVisible()
    assert "not a critical few" in dialog.warning.text()
    assert dialog.ok.text().endswith("anyway")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.LeftButton)
    assert statuses(vote_screen) == before


def test_undoing_a_vote_with_ballots_then_redoing_it_brings_the_ballots_back(vote_screen):
    """Undo of "Add vote" deletes the vote; redo must not bring it back without its ballots."""
    vote = add_vote(vote_screen, "dots", ["pr1", "pr2"], budget=2, secret=True)
    vote_screen.submit(vote.id, "p1", {"pr1": 2})
    vote_screen.submit(vote.id, "p2", {"pr2": 1})
    stack = vote_screen.ctx.undo_stack
    stack.undo()
    assert vote.id not in [v.id for v in vote_screen.ctx.workshop.votes]
    stack.redo()
    restored = current(vote_screen, vote.id)
    assert sorted(sorted(b.scores.items()) for b in restored.ballots) == [[("pr1", 2)], [("pr2", 1)]]
    assert restored.voters() == ["p1", "p2"]
    assert all(b.participant is None for b in restored.ballots)
