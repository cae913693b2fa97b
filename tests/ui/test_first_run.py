"""The first hour: the start page's ways in, the tour (skip, finish, shown once) and the venue's
pre-flight check."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from okr_workshop import preflight
from okr_workshop.room.network import Address
from okr_workshop.store.workshop_file import write_new
from okr_workshop.ui.preflight_dialog import PreflightDialog
from okr_workshop.ui.start_page import StartPage
from okr_workshop.ui.tour import PAGES, SEEN_KEY, TourDialog, tour_seen

from .helpers import make_window


def start_page(window) -> StartPage:
    page = window.centralWidget()
    assert isinstance(page, StartPage)
    return page


def test_start_page_new_workshop_creates_and_opens_the_file(qtbot, tmp_path, monkeypatch):
    """New workshop asks for a name, writes an empty workshop there and opens it."""
    window = make_window(qtbot)
    target = tmp_path / "spring"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(start_page(window).new_button, Qt.LeftButton)
    assert window.ctx is not None
    assert window.ctx.store.path == target.with_suffix(".okrw").resolve()


def test_start_page_open_and_recent_files_open_the_chosen_file(qtbot, tmp_path, monkeypatch):
    """Open… opens what the dialog returns; the file then appears, large, under Recent."""
    path = tmp_path / "Board retreat.okrw"
    write_new(path)
    window = make_window(qtbot)
    assert start_page(window).recent_buttons == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(start_page(window).open_button, Qt.LeftButton)
    assert window.ctx is not None and window.ctx.store.path == path.resolve()
    window.ctx.store.close()

    again = make_window(qtbot)  # a new window shows the start page with the file under Recent
    (recent,) = start_page(again).recent_buttons
    assert recent.accessibleName() == path.name and recent.toolTip() == str(path.resolve())
    qtbot.mouseClick(recent, Qt.LeftButton)
    assert again.ctx is not None and again.ctx.store.path == path.resolve()


def test_start_page_opens_the_demo(qtbot):
    """Open the demo opens a fresh copy of the sample offsite."""
    window = make_window(qtbot)
    qtbot.mouseClick(start_page(window).demo_button, Qt.LeftButton)
    assert window.ctx is not None and window.ctx.workshop.participants


def test_the_tour_can_be_skipped_from_its_first_page(qtbot):
    """Skip closes the tour at once; it stays seen."""
    window = make_window(qtbot)
    dialog = window.show_tour_once()
    assert isinstance(dialog, TourDialog) and dialog.isVisible() and dialog.index == 0
    qtbot.mouseClick(dialog.skip_button, Qt.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.Rejected
    assert tour_seen(window.settings)


def test_the_tour_walks_the_six_moves_to_the_end(qtbot):
    """Next goes through every page, the strip follows the flow, and Finish completes it."""
    window = make_window(qtbot)
    dialog = window.show_tour_once()
    stages = []
    for _ in range(len(PAGES) - 1):
        assert dialog.next_button.text() == "Next"
        qtbot.mouseClick(dialog.next_button, Qt.LeftButton)
        stages.append(dialog.strip.current)
    assert [s for s in stages if s is not None] == [0, 1, 2, 3, 4, 5]  # diagnose ... export, in order
    assert dialog.next_button.text() == "Finish" and not dialog.skip_button.isVisible()
    qtbot.mouseClick(dialog.back_button, Qt.LeftButton)
    assert dialog.index == len(PAGES) - 2
    dialog.go(len(PAGES) - 1)
    qtbot.mouseClick(dialog.next_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted and not dialog.isVisible()
    assert tour_seen(window.settings)


def test_the_tour_shows_once_and_the_help_menu_reopens_it(qtbot):
    """After the first run the tour stays away, yet Help still opens it."""
    window = make_window(qtbot)
    window.show_tour_once().skip()
    assert window.settings.value(SEEN_KEY) in (True, "true")
    later = make_window(qtbot)  # the next start, same settings
    assert later.show_tour_once() is None
    help_menu = next(a.menu() for a in later.menuBar().actions() if a.text() == "&Help")
    take = next(a for a in help_menu.actions() if "tour" in a.text())
    take.trigger()
    assert any(isinstance(w, TourDialog) and w.isVisible() for w in later.findChildren(TourDialog))


def test_the_tour_is_on_disk_as_seen_the_moment_it_shows(qtbot, isolated_settings):
    """No clean exit is needed: the settings file says "seen" while the tour is still open."""
    window = make_window(qtbot)
    dialog = window.show_tour_once()
    assert dialog is not None and dialog.isVisible()
    (ini,) = isolated_settings.rglob("*.ini")  # what the next process would read
    fresh = QSettings(str(ini), QSettings.IniFormat)
    assert tour_seen(fresh)


# The first run, killed (SIGKILL) right after the tour appears: no event-loop turn, no clean exit.
KILLED_FIRST_RUN = """
import os, signal, sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
settings_dir, organisation, application = sys.argv[1:4]
QSettings.setDefaultFormat(QSettings.IniFormat)
QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, settings_dir)
app = QApplication([])
app.setOrganizationName(organisation)
app.setApplicationName(application)
from okr_workshop.ui.app import _after_first_frame
from okr_workshop.ui.main_window import MainWindow
from okr_workshop.ui.tour import TourDialog
window = MainWindow()

def first_frame():
    _after_first_frame(app, window)  # as run_app does: the icon, then the tour on a first run
    if any(w.isVisible() for w in window.findChildren(TourDialog)):
        print("tour on screen", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

window.first_frame.connect(first_frame)
window.show()
QTimer.singleShot(20_000, lambda: app.exit(3))
app.exec()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_first_run_does_not_bring_the_tour_back(qtbot, isolated_settings):
    """The first start shows the tour and is killed; the next start, same settings, does not."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    first = subprocess.run(
        [sys.executable, "-c", KILLED_FIRST_RUN, str(isolated_settings),
         QCoreApplication.organizationName(), QCoreApplication.applicationName()],
        capture_output=True, text=True, timeout=60, env=env)
    assert first.stdout.strip() == "tour on screen", first.stderr
    assert first.returncode == -signal.SIGKILL
    later = make_window(qtbot)
    assert later.show_tour_once() is None
    assert not [w for w in later.findChildren(TourDialog) if w.isVisible()]


def test_the_run_of_the_app_shows_the_tour_after_the_first_frame_only_once(qtbot, monkeypatch):
    """run_app's first-frame hook sets the icon and opens the tour on the first run."""
    from PySide6.QtWidgets import QApplication

    from okr_workshop.ui import app as app_module

    window = make_window(qtbot)
    app_module._after_first_frame(QApplication.instance(), window)
    assert not QApplication.windowIcon().isNull()
    shown = [w for w in window.findChildren(TourDialog) if w.isVisible()]
    assert len(shown) == 1
    shown[0].skip()
    app_module._after_first_frame(QApplication.instance(), window)
    assert not [w for w in window.findChildren(TourDialog) if w.isVisible()]


def test_preflight_lists_every_check_with_a_clear_verdict(qtbot, tmp_path):
    """On loopback the room is served but flagged (phones cannot reach it); the PDF, the files
    and the restore folder pass; the screens are listed."""
    dialog = PreflightDialog(tmp_path / "restore", addresses=[Address("lo", "127.0.0.1")], run_now=False)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.finished_checks, timeout=60_000):
        dialog.run_checks()
    results = dialog.results
    assert set(results) == {"screens", "room", "pdf", "files", "restore"}
    assert results["room"].status == preflight.WARN
    assert "Served the phones' page at http://127.0.0.1:" in results["room"].detail
    assert "this computer only" in results["room"].detail
    assert results["files"].status == preflight.PASS
    assert results["restore"].status == preflight.PASS and (tmp_path / "restore").is_dir()
    pdf_expected = {preflight.PASS, preflight.WARN} if _pdf_pack_present() else {preflight.NOT_AVAILABLE}
    assert results["pdf"].status in pdf_expected, results["pdf"].detail
    assert "screen" in results["screens"].detail
    for key, check in results.items():  # every row shows its verdict in words, not colour alone
        assert {"Pass": "pass", "Check": "warn", "Fail": "fail", "Not available": "n/a"}[
            _badge_word(dialog.rows[key].badge.text())] == check.status
    assert dialog.summary.text().startswith(("!", "✔"))
    assert dialog.run_button.isEnabled()


def _badge_word(html: str) -> str:
    import re

    return re.search(r"<b[^>]*>([^<]+)</b>", html).group(1)


def _pdf_pack_present() -> bool:
    import importlib.util

    return importlib.util.find_spec("okr_workshop.export.pdf_pack") is not None


def test_preflight_reports_an_address_this_computer_does_not_have(tmp_path):
    """A network the laptop is not on fails in words, quickly, instead of hanging."""
    check = preflight.check_room("192.0.2.123")  # TEST-NET-1: never this machine's
    assert check.status == preflight.FAIL
    assert "Cannot listen on 192.0.2.123" in check.detail


def test_preflight_fails_a_restore_folder_it_cannot_write(tmp_path):
    """A folder that cannot be created is a failure with the path named."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    check = preflight.check_restore_folder(blocker / "restore")
    assert check.status == preflight.FAIL and str(blocker) in check.detail


def test_preflight_opens_from_the_help_menu(qtbot):
    """Help → Pre-flight check opens the dialog, which starts checking at once."""
    window = make_window(qtbot)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text().startswith("&Pre-flight")).trigger()
    (dialog,) = window.findChildren(PreflightDialog)
    assert dialog.isVisible() and "screens" in dialog.results
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)  # the worker finishes before teardown
    assert len(dialog.results) == 5


def test_a_missing_resource_fails_the_files_check(monkeypatch):
    """An installation without its demo says so before the offsite."""
    import okr_workshop.resource_lookup as lookup

    def missing(name: str) -> Path:
        raise FileNotFoundError(f"resource {name!r} is missing from this installation")

    monkeypatch.setattr(lookup, "resource", missing)
    check = preflight.check_resources()
    assert check.status == preflight.FAIL and "demo/demo.json" in check.detail
