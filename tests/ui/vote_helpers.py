"""Helpers for the Vote screen tests: a vote made for the test, the ballot window, and reading
what the chart and the results table show."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from okr_workshop.domain import model as m
from okr_workshop.ui.screens.ballot_screen import BallotWindow


def add_vote(screen, method: str, items: list[str], **settings) -> m.Vote:
    """A new vote stored through the context (as the New vote dialog does) and made current."""
    ctx = screen.ctx
    vote = m.Vote(ctx.new_id("v", ctx.workshop.votes), f"Test {method} vote", method, items=list(items), **settings)
    ctx.edit(None, vote)
    screen.select(vote.id)
    assert screen.current_vote().id == vote.id
    return vote


def current(screen, vote_id: str) -> m.Vote:
    return next(v for v in screen.ctx.workshop.votes if v.id == vote_id)


def open_ballots(screen, qtbot) -> BallotWindow:
    """Click "Pass the laptop…" and return the ballot window it opened."""
    qtbot.mouseClick(screen.cast, Qt.LeftButton)
    window = screen.ballot_window
    assert isinstance(window, BallotWindow)
    qtbot.waitExposed(window)
    qtbot.waitActive(window)
    assert window.isFullScreen()
    return window


def vote_as(window: BallotWindow, qtbot, participant: str) -> None:
    """Tap a name on the first page; the ballot page opens for that voter."""
    assert window.pages.currentWidget() is window.who_page
    qtbot.mouseClick(window.name_buttons[participant], Qt.LeftButton)
    assert window.pages.currentWidget() is window.ballot_page
    assert window.input is not None


def submit(window: BallotWindow, qtbot) -> None:
    """Submit, check the "received" page shows, and go on to the next voter."""
    assert window.submit_button.isEnabled(), window.reason.text()
    qtbot.mouseClick(window.submit_button, Qt.LeftButton)
    assert window.pages.currentWidget() is window.received_page
    assert window.input is None
    if window.next_button.isVisible():
        qtbot.mouseClick(window.next_button, Qt.LeftButton)
        assert window.pages.currentWidget() is window.who_page


def end_session(window: BallotWindow, qtbot) -> None:
    """The facilitator's button, then its confirmation: the window closes."""
    qtbot.mouseClick(window.end_button, Qt.LeftButton)
    assert window.confirm_end.isVisible()
    qtbot.mouseClick(window.confirm_end, Qt.LeftButton)
    assert not window.isVisible()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def click(qtbot, button, times: int = 1) -> None:
    for _ in range(times):
        qtbot.mouseClick(button, Qt.LeftButton)


def chart_texts(screen) -> list[str]:
    """Every piece of text drawn on the results chart."""
    from matplotlib.collections import PathCollection

    return [text for collection in screen.canvas.figure.findobj(PathCollection)
            for text in getattr(collection, "texts", [])]


def results_rows(screen) -> list[list[str]]:
    """The results table as text, visible columns only."""
    table = screen.results
    columns = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    return [[table.item(r, c).text() for c in columns] for r in range(table.rowCount())]
