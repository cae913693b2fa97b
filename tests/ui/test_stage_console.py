"""The console's stage panel: thumbnails of now and next, the controls, room voting on the join
view, and the screens coming and going (issue 21, the console side)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from okr_workshop.domain.stage import StageRef, show_order
from okr_workshop.stage.window import StageWindow
from okr_workshop.ui.stage_console import GONE, ONE_SCREEN, THUMB_WIDTH, short_address

from .helpers import run_on_laptop_and_projector, screen_named


@pytest.fixture
def staged(demo_window, qtbot):
    """The demo with the stage up (one offscreen screen: the stage shares the console's)."""
    demo_window.stage_action.trigger()
    stage, panel = demo_window.stage, demo_window.stage_console
    qtbot.waitUntil(stage.isVisible)
    yield demo_window, stage, panel
    stage.hide()


def same(label, pixmap) -> bool:
    return label.pixmap().toImage() == pixmap.toImage()


def test_the_thumbnails_follow_next_previous_and_a_jump(staged, qtbot):
    """What is "next" in the panel is what the stage shows after Next; Previous and a jump from
    the list move both the stage and the panel."""
    window, stage, panel = staged
    order = show_order(window.ctx.workshop)
    assert panel.isVisible() and stage.ref == order[0] and panel.views.currentIndex() == 0
    assert same(panel.now, panel.thumbnail(stage.ref))
    upcoming = panel.next_thumb.pixmap().toImage()
    coming = stage.cursor.upcoming()
    qtbot.mouseClick(panel.next_button, Qt.LeftButton)
    assert stage.ref == coming
    assert panel.now.pixmap().toImage() == upcoming
    qtbot.mouseClick(panel.previous_button, Qt.LeftButton)
    assert stage.ref == order[0] and same(panel.now, panel.thumbnail(order[0]))
    panel.views.activated.emit(3)  # what choosing the fourth entry of the list sends
    assert stage.ref == order[3] and stage.view.ref == order[3]
    assert panel.views.currentIndex() == 3 and same(panel.now, panel.thumbnail(order[3]))
    assert panel.views.count() == len(order)


def test_the_stage_and_the_panel_stay_in_step(staged, qtbot):
    """Keys on the stage move the panel; Blank in the panel blanks the stage; Hide takes both down."""
    _, stage, panel = staged
    qtbot.keyClick(stage, Qt.Key_End)  # a key the stage ignores changes nothing
    for _ in range(3):
        qtbot.keyClick(stage, Qt.Key_PageDown)
    assert panel.views.currentIndex() == stage.index
    assert same(panel.now, panel.thumbnail(stage.ref)) and panel.now_caption.text()
    qtbot.mouseClick(panel.blank_button, Qt.LeftButton)
    assert stage.ref.kind == "blank" and stage.view.ref.kind == "blank" and panel.blank_button.isChecked()
    assert panel.now_caption.text() == "Blank"
    qtbot.keyClick(stage, Qt.Key_B)
    assert stage.ref.kind != "blank" and not panel.blank_button.isChecked()
    qtbot.mouseClick(panel.hide_button, Qt.LeftButton)
    assert not stage.isVisible() and not panel.isVisible()


def test_clicker_keys_in_the_console_move_the_stage_but_not_while_typing(staged, qtbot):
    """PageDown on the console's navigation moves the stage; in a text field it stays the field's."""
    window, stage, panel = staged
    window.nav.setFocus()
    before = stage.ref
    qtbot.keyClick(window.nav, Qt.Key_PageDown)
    assert stage.ref != before
    qtbot.keyClick(window.nav, Qt.Key_PageUp)
    assert stage.ref == before
    field = QLineEdit(window)
    field.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_PageDown)
    assert stage.ref == before
    stage.hide()
    qtbot.keyClick(window.nav, Qt.Key_PageDown)  # the stage down: the console's keys are its own
    assert stage.ref == before


def test_with_one_screen_the_panel_warns_that_the_room_may_see_the_laptop(staged):
    _, stage, panel = staged
    assert len(QApplication.screens()) == 1
    assert panel.banner.isVisible() and panel.banner.text() == ONE_SCREEN


def test_a_projector_gone_hides_the_stage_and_offers_to_show_it_here(staged, qtbot):
    """Unplugging the stage's screen (the handler called as Qt would) hides the stage; the panel
    stays up, says so, and shows it here on request."""
    _, stage, panel = staged
    panel.screen_removed(stage.screen())
    assert not stage.isVisible()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, StageWindow) and w.isVisible()]
    assert panel.isVisible() and panel.banner.text() == GONE and panel.show_here.isVisible()
    qtbot.mouseClick(panel.show_here, Qt.LeftButton)
    assert stage.isVisible() and stage.isFullScreen() and panel.banner.text() == ONE_SCREEN
    assert not panel.show_here.isVisible()
    panel.screen_removed(stage.screen())
    qtbot.mouseClick(panel.hide_button, Qt.LeftButton)  # not waiting for the projector: both go
    assert not stage.isVisible() and not panel.isVisible()


def test_the_join_view_shows_the_room_code_while_room_voting_runs(demo_window, qtbot):
    """Room voting started before or after the stage: the join view has the address, the room
    code and a QR code; stopped, it has neither."""
    vote_screen = screen_named(demo_window, "Vote")
    assert vote_screen.start_room("127.0.0.1", 0)
    session = vote_screen.room.session
    demo_window.stage_action.trigger()
    stage, panel = demo_window.stage, demo_window.stage_console
    panel.views.activated.emit(show_order(demo_window.ctx.workshop).index(StageRef("join")))
    assert stage.ref.kind == "join"
    texts = " ".join(stage.view.model().texts())
    assert session.room_code in texts and short_address(session.url()) in texts
    stage.view.grab()
    assert session.room_code in [d.text for d in stage.view.drawn]
    assert stage.view.qr is not None and not stage.view.qr.isNull()
    vote_screen.stop_room()
    texts = " ".join(stage.view.model().texts())
    assert session.room_code not in texts and stage.view.qr is None
    assert vote_screen.start_room("127.0.0.1", 0)  # started while the stage is up
    again = vote_screen.room.session
    assert again.room_code in stage.view.model().texts()
    assert same(panel.now, panel.thumbnail(stage.ref))
    vote_screen.stop_room()
    stage.hide()


TWO_SCREENS = """
import json, sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from okr_workshop.stage.window import StageWindow
from okr_workshop.ui.main_window import MainWindow

QCoreApplication.setOrganizationName("okr-workshop-test-two-screens")
app = QApplication([])
laptop, projector = app.screens()
window = MainWindow()
window.setScreen(laptop)
window.move(laptop.geometry().topLeft())
window.show()
window.open_demo()
app.processEvents()
import dataclasses
from okr_workshop.domain.stage import StageRef
ws = window.ctx.workshop
vote = ws.votes[0]
window.ctx.edit(vote, dataclasses.replace(vote, revealed=False, closed=False))  # a secret vote under way, hidden
stage = window.show_stage()
panel = window.stage_console
stage.cursor.jump(stage.order().index(StageRef("vote", vote.id)))
app.processEvents()
stage.view.grab()
hidden = [ws.priority_title(i) for i in vote.items] + [p.name for p in ws.participants]
out = {"stage": stage.screen().name(), "stage_rect": stage.geometry().getRect(),
       "leaks": [d.text for d in stage.view.drawn if any(h in d.text for h in hidden)],
       "console": window.screen().name() if False else window.windowHandle().screen().name(),
       "panel": panel.isVisible(), "banner": panel.banner.isVisible()}
panel.screen_removed(projector)
app.processEvents()
out["after_removal"] = [w.screen().name() for w in app.topLevelWidgets()
                        if isinstance(w, StageWindow) and w.isVisible()]
out["gone"] = panel.banner.text()
out["console_private"] = not window.ctx.room_sees_console  # the laptop is the facilitator's own again
panel.screen_added(projector)
app.processEvents()
out["after_adding"] = [stage.isVisible(), stage.screen().name(), stage.isFullScreen()]
stage.show_on(laptop)
app.processEvents()
out["one_screen"] = panel.banner.text()
panel.screen_added(projector)
app.processEvents()
out["moved"] = [stage.screen().name(), panel.banner.isVisible()]
stage.hide()
window.close()
print(json.dumps(out))
"""


def test_with_two_screens_the_stage_is_on_the_projector_and_follows_it(tmp_path: Path):
    """Laptop and projector, a secret vote under way with its results hidden: the stage goes full
    screen on the projector and shows no result, the console stays; the projector unplugged
    mid-vote hides the stage (none left on the laptop); plugged in, the stage returns;
    a stage up on the laptop moves onto a projector plugged in."""
    out = run_on_laptop_and_projector(TWO_SCREENS, tmp_path)
    assert out["stage"] == "projector" and out["stage_rect"] == [1280, 0, 1280, 720]
    assert out["console"] == "laptop" and out["panel"] and not out["banner"]
    assert out["leaks"] == []  # mid-vote, the hidden result is on no surface: not on the stage
    assert out["after_removal"] == [] and out["gone"] == GONE and out["console_private"]
    assert out["after_adding"] == [True, "projector", True]
    assert out["one_screen"] == ONE_SCREEN
    assert out["moved"] == ["projector", False]


def test_the_panel_is_one_thumbnail_wide_and_every_control_reads(staged, qtbot):
    """At 1280x720 the panel leaves the screens their width: the thumbnails one above the other,
    the buttons within a thumbnail's width, none of their words cut."""
    window, _, panel = staged
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    QApplication.processEvents()
    assert panel.next_thumb.y() > panel.now.y() + panel.now.height()
    assert panel.width() <= THUMB_WIDTH + 40
    assert window.centralWidget().width() >= 1280 - 250 - panel.width() - 20
    for button in (panel.previous_button, panel.next_button, panel.blank_button, panel.hide_button):
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text()) + 8, button.text()


def test_an_edit_while_the_stage_is_down_costs_it_nothing_and_shows_when_it_is_up(demo_window, qtbot, monkeypatch):
    """The app builds the stage ahead, hidden: an edit then does not work out the show order for a
    window nobody sees, and F5 shows the workshop as it is after the edit."""
    import dataclasses

    from okr_workshop.stage import window as stage_window

    demo_window._stage_panel().prepare()
    stage = demo_window.stage
    assert not stage.isVisible()
    ordered = []
    real = stage_window.show_order
    monkeypatch.setattr(stage_window, "show_order", lambda ws: ordered.append(1) or real(ws))
    ctx = demo_window.ctx
    before = ctx.workshop.info
    ctx.edit(before, dataclasses.replace(before, title="Autumn offsite, renamed"))
    assert ordered == []
    demo_window.stage_action.trigger()
    qtbot.waitUntil(stage.isVisible)
    stage.view.grab()
    assert "Autumn offsite, renamed" in [d.text for d in stage.view.drawn]
    stage.hide()
