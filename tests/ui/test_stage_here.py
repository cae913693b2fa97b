"""F11, "Show the stage here": the stage full screen on the console's own screen (one screen, or a
mirrored projector). Projector mode is gone: nothing restyles the application, Escape in the
console is the console's own key, and the window geometry is remembered as it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from okr_workshop.ui.stage_console import ONE_SCREEN

from .helpers import make_window, run_on_laptop_and_projector


def view_menu_texts(window) -> list[str]:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    return [a.text() for a in view.actions()]


def test_the_view_menu_offers_the_stage_here_on_f11_and_no_projector_mode(demo_window):
    texts = view_menu_texts(demo_window)
    assert "Show the &stage" in texts and "Show the stage &here" in texts
    assert not [t for t in texts if "projector" in t.casefold()]
    assert demo_window.stage_here_action.shortcut() == QKeySequence("F11")
    assert demo_window.stage_action.shortcut() == QKeySequence("F5")


def test_f11_puts_the_stage_full_screen_on_the_console_screen(demo_window, qtbot):
    """F11 builds the stage and its panel; the stage goes full screen on this window's screen,
    the panel says the room may see the laptop, and the screens hide their secrets. The
    application's look is untouched: same style sheet, same font, menu and status bars."""
    app = QApplication.instance()
    sheet, font = app.styleSheet(), QApplication.font()
    demo_window.activateWindow()
    qtbot.waitActive(demo_window)
    assert getattr(demo_window, "stage", None) is None
    qtbot.keyClick(demo_window.nav, Qt.Key_F11)

    stage, panel = demo_window.stage, demo_window.stage_console
    qtbot.waitUntil(stage.isVisible)
    assert stage.isFullScreen() and stage.screen() is QWidget.screen(demo_window)
    assert panel.isVisible() and panel.one_screen()
    assert panel.banner.isVisible() and panel.banner.text() == ONE_SCREEN
    assert demo_window.ctx.room_sees_console
    assert app.styleSheet() == sheet and QApplication.font() == font
    assert demo_window.menuBar().isVisible() and demo_window.statusBar().isVisible()
    assert not demo_window.isFullScreen()

    qtbot.mouseClick(panel.hide_button, Qt.LeftButton)
    assert not stage.isVisible() and not demo_window.ctx.room_sees_console
    assert app.styleSheet() == sheet and QApplication.font() == font


def test_f11_again_reuses_the_stage_and_its_panel(demo_window, qtbot):
    demo_window.stage_here_action.trigger()
    stage, panel = demo_window.stage, demo_window.stage_console
    qtbot.waitUntil(stage.isVisible)
    stage.hide()
    demo_window.stage_here_action.trigger()
    qtbot.waitUntil(stage.isVisible)
    assert demo_window.stage is stage and demo_window.stage_console is panel
    assert len(demo_window.findChildren(type(panel))) == 1
    stage.hide()


def test_escape_in_the_console_leaves_the_window_and_the_stage_as_they_are(demo_window, qtbot):
    """No window action is bound to Escape any more: it stays free for a cell editor, and pressing
    it in the console neither hides the stage nor changes the window."""
    assert not [a for a in demo_window.actions() if QKeySequence("Escape") in a.shortcuts()]
    sheet = QApplication.instance().styleSheet()
    demo_window.stage_here_action.trigger()
    stage = demo_window.stage
    qtbot.waitUntil(stage.isVisible)
    demo_window.nav.setFocus()
    qtbot.keyClick(demo_window.nav, Qt.Key_Escape)
    assert stage.isVisible() and demo_window.ctx.room_sees_console
    assert demo_window.menuBar().isVisible() and not demo_window.isFullScreen()
    assert QApplication.instance().styleSheet() == sheet
    stage.hide()


def test_window_geometry_is_saved_on_close_and_restored(qtbot):
    """Closing stores the window geometry in QSettings; the next window opens with that size."""
    window = make_window(qtbot)
    # Smaller than the offscreen platform's 800x600 screen, which restoreGeometry clamps to.
    window.resize(700, 500)
    qtbot.waitUntil(lambda: window.size() == QSize(700, 500))
    window.close()

    saved = QSettings().value("window/geometry")
    assert isinstance(saved, QByteArray) and not saved.isEmpty()

    again = make_window(qtbot)
    assert again.size() == QSize(700, 500) and not again.isFullScreen()


TWO_SCREENS = """
import json
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from okr_workshop.ui.main_window import MainWindow

QCoreApplication.setOrganizationName("okr-workshop-test-stage-here")
app = QApplication([])
laptop, projector = app.screens()
window = MainWindow()
window.setScreen(laptop)
window.move(laptop.geometry().topLeft())
window.show()
window.open_demo()
app.processEvents()
sheet = app.styleSheet()
window.stage_here_action.trigger()
app.processEvents()
stage, panel = window.stage, window.stage_console
out = {"here": [stage.screen().name(), stage.isFullScreen(), panel.banner.text(), window.ctx.room_sees_console]}
window.stage_action.trigger()
app.processEvents()
out["f5"] = [stage.screen().name(), stage.isFullScreen(), panel.banner.isVisible(), window.ctx.room_sees_console]
out["sheet_kept"] = app.styleSheet() == sheet
stage.hide()
window.close()
print(json.dumps(out))
"""


def test_with_two_screens_f11_still_uses_the_console_screen_and_f5_the_other(tmp_path: Path):
    """A projector plugged in but mirrored or not set up: F11 puts the stage on the laptop's own
    screen regardless (the room may see it, so the console hides its secrets); F5 then moves it
    to the other screen, and the console is the facilitator's alone again."""
    out = run_on_laptop_and_projector(TWO_SCREENS, tmp_path)
    assert out["here"] == ["laptop", True, ONE_SCREEN, True]
    assert out["f5"] == ["projector", True, False, False]
    assert out["sheet_kept"]
