"""Room voting from the Vote screen: phones' ballots reach the projector's results within a second."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from PySide6.QtCore import Qt

from .helpers import screen_named
from .vote_helpers import add_vote, current

ITEMS = ["pr1", "pr2", "pr3"]


def post(url: str, path: str, body: dict[str, Any], token: str | None = None) -> tuple[int, dict[str, Any]]:
    """One JSON POST, as a phone sends it (run it off the Qt thread: the server waits on Qt)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url.rstrip("/") + path, json.dumps(body).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


@pytest.fixture
def room_screen(demo_window, qtbot):
    """The demo's Vote screen with a new secret dots vote, room voting on at 127.0.0.1."""
    screen = screen_named(demo_window, "Vote")
    vote = add_vote(screen, "dots", ITEMS, budget=5)
    assert screen.start_room("127.0.0.1", 0)
    session = screen.room.session
    yield screen, vote, session
    screen.stop_room()


def test_a_phone_ballot_shows_in_the_results_within_a_second_and_stop_frees_the_port(room_screen, qtbot):
    """Start from the Vote screen, post a ballot over HTTP: the chart and table count it; stop
    closes the port."""
    screen, vote, session = room_screen
    assert screen.room_panel.isVisible() and session.url() in screen.room_panel.address.text()
    assert session.room_code in screen.room_panel.room_code.text()
    assert not screen.room_panel.qr.pixmap().isNull()
    assert screen.room_button.text() == "Stop room voting"
    code = dict((pid, c) for pid, _, c in session.join_codes())["p1"]
    with ThreadPoolExecutor(1) as pool:
        joined = pool.submit(post, session.url(), "/api/join", {"code": code})
        qtbot.waitUntil(joined.done, timeout=3000)
        token = joined.result()[1]["token"]
        sent = pool.submit(post, session.url(), "/api/ballot",
                           {"vote": vote.id, "scores": {"pr2": 3, "pr3": 2}, "key": "qt-ballot-1"}, token)
        qtbot.waitUntil(lambda: screen.chart_input is not None and screen.chart_input.result.turnout == 1,
                        timeout=5000)  # how soon is bench_room's and the interaction bench's business
        assert sent.result(timeout=2) == (200, {"status": "received", "vote": vote.id, "replaced": False})
    scores = {screen.results.item(r, 1).text(): screen.results.item(r, 2).text()
              for r in range(screen.results.rowCount())}
    ws = screen.ctx.workshop
    assert scores[ws.priority_title("pr2")] == "3" and scores[ws.priority_title("pr3")] == "2"
    assert current(screen, vote.id).ballots[0].participant is None  # secret, as on the laptop
    names = screen.status_panel.names.text()
    assert "Not yet:" in names and ws.participant_name("p2") in names
    assert "1 of 10 have voted" in screen.room_panel.progress.text()
    port = session.server.port
    qtbot.mouseClick(screen.room_panel.stop_button, Qt.LeftButton)
    assert screen.room.session is None and not screen.room_panel.isVisible()
    assert refused(port)
    with socket.socket() as again:  # the port is free for anyone
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


def test_closing_a_vote_refuses_phone_ballots_and_undo_reopens_it(room_screen, qtbot):
    """Close vote is one undoable edit; a phone's ballot on the closed vote is 409; undo takes ballots again."""
    screen, vote, session = room_screen
    qtbot.mouseClick(screen.close_button, Qt.LeftButton)
    assert current(screen, vote.id).closed and screen.close_button.text() == "New round…"
    assert not screen.cast.isEnabled()
    code = dict((pid, c) for pid, _, c in session.join_codes())["p4"]
    with ThreadPoolExecutor(1) as pool:
        joined = pool.submit(post, session.url(), "/api/join", {"code": code})
        qtbot.waitUntil(joined.done, timeout=3000)
        token = joined.result()[1]["token"]
        closed = pool.submit(post, session.url(), "/api/ballot", {"vote": vote.id, "scores": {"pr1": 1},
                                                                "key": "closed-one"}, token)
        qtbot.waitUntil(closed.done, timeout=3000)
        assert closed.result()[0] == 409
        screen.ctx.undo_stack.undo()
        assert not current(screen, vote.id).closed and screen.close_button.text() == "Close vote"
        again = pool.submit(post, session.url(), "/api/ballot", {"vote": vote.id, "scores": {"pr1": 1},
                                                               "key": "closed-two"}, token)
        qtbot.waitUntil(again.done, timeout=3000)
        assert again.result()[0] == 200


def test_phone_answers_are_one_undo_step_naming_only_the_person(room_screen, qtbot):
    """Answers from a phone land like the laptop's private check: one undo step whose text has no answer."""
    screen, _, session = room_screen
    code = dict((pid, c) for pid, _, c in session.join_codes())["p3"]
    answers = {"top_priorities": ["A secret priority"], "stop_or_wait": [], "dependencies": []}
    with ThreadPoolExecutor(1) as pool:
        joined = pool.submit(post, session.url(), "/api/join", {"code": code})
        qtbot.waitUntil(joined.done, timeout=3000)
        sent = pool.submit(post, session.url(), "/api/answers", {"answers": answers, "key": "answers-qt-1"},
                           joined.result()[1]["token"])
        qtbot.waitUntil(sent.done, timeout=3000)
    assert sent.result()[0] == 200
    ws = screen.ctx.workshop
    assert [a.items for a in ws.alignment_answers if a.participant == "p3" and a.question == "top_priorities"] == [
        ["A secret priority"]]
    text = screen.ctx.undo_stack.undoText()
    assert ws.participant_name("p3") in text and "secret" not in text


def test_room_voting_stops_when_the_workshop_closes(demo_window, qtbot):
    """Closing the window (and with it the workshop file) stops the server: nothing listens afterwards."""
    screen = screen_named(demo_window, "Vote")
    assert screen.start_room("127.0.0.1", 0)
    port = screen.room.session.server.port
    assert not refused(port)
    demo_window.close()
    assert refused(port)


def test_the_console_shows_who_joined_and_releases_or_reassigns_a_name(room_screen, qtbot):
    """"Codes and who joined…" lists each person's devices and how they joined; Release frees the name for
    the room code; New code retires the old personal code."""
    screen, _, session = room_screen
    qtbot.mouseClick(screen.room_panel.codes_button, Qt.LeftButton)
    dialog = screen.dialog
    panel = dialog.joins
    assert panel is not None and panel.table.rowCount() == len(session.join_codes())
    pids = [pid for pid, _, _ in panel.rows]
    row = pids.index("p2")
    code = panel.rows[row][2]
    with ThreadPoolExecutor(1) as pool:
        joined = pool.submit(post, session.url(), "/api/join", {"code": code})
        qtbot.waitUntil(joined.done, timeout=3000)
        assert joined.result()[0] == 200
        by_room = pool.submit(post, session.url(), "/api/join", {"room": session.room_code, "participant": "p2"})
        qtbot.waitUntil(by_room.done, timeout=3000)
        assert by_room.result() == (409, {"error": "name_in_use",
                                          "message": "That name is already in use: ask the facilitator"})
        qtbot.waitUntil(lambda: panel.table.item(row, 2).text() == "1 device, by personal code", timeout=3000)
        panel.table.selectRow(row)
        assert panel.release_button.isEnabled()
        qtbot.mouseClick(panel.release_button, Qt.LeftButton)
        assert "p2" not in session.joined() and panel.table.item(row, 2).text() == "—"
        qtbot.mouseClick(panel.reassign_button, Qt.LeftButton)
        new_code = panel.table.item(row, 1).text()
        assert new_code != code and panel.rows[row] == ("p2", panel.rows[row][1], new_code)
        old = pool.submit(post, session.url(), "/api/join", {"code": code})
        qtbot.waitUntil(old.done, timeout=3000)
        assert old.result()[0] == 403
    dialog.reject()


def test_while_the_room_may_see_the_console_the_join_codes_stay_hidden_unless_held(room_screen, demo_window, qtbot):
    """A personal code on a mirrored projector is a ballot anyone could take over."""
    screen, _, session = room_screen
    demo_window.ctx.set_stage_on_console(True)
    screen.show_join_codes()
    dialog = screen.dialog
    qtbot.waitExposed(dialog)
    codes = [c for _, _, c in session.join_codes()]
    assert not dialog.codes.isVisible() and dialog.masked_note.isVisible()
    qtbot.mousePress(dialog.hold_button, Qt.LeftButton)
    assert dialog.codes.isVisible() and codes[0] in [dialog.table.item(r, 1).text()
                                                     for r in range(dialog.table.rowCount())]
    qtbot.mouseRelease(dialog.hold_button, Qt.LeftButton)
    assert not dialog.codes.isVisible()
    demo_window.ctx.set_stage_on_console(False)  # the stage went to a projector of its own
    assert dialog.codes.isVisible() and not dialog.hold_button.isVisible()
    demo_window.ctx.set_stage_on_console(True)
    assert not dialog.codes.isVisible()
    dialog.reject()
