"""The app's window gets ahead of the facilitator: after the first frame the heavy libraries
load in a thread, then the screens not visited yet are built one per idle moment; a screen
that is not up redraws once when it is shown, not at every edit."""

from __future__ import annotations

import dataclasses
import gc

from PySide6.QtWidgets import QApplication

from okr_workshop.ui.charts import path_text
from okr_workshop.ui.main_window import MainWindow
from okr_workshop.ui.screens import SCREENS

BUILD_TIMEOUT_MS = 60_000


def test_the_apps_window_builds_every_screen_ahead_after_its_first_frame(qtbot):
    """Every screen built, the window still on the screen it opened on, the Vote screen's chart
    laid out once, the chart lettering of every priority title made (in the warm-up thread), and
    the stage built hidden."""
    path_text._word.cache_clear()
    window = MainWindow(keep_warm=True)
    qtbot.addWidget(window)
    window.open_demo()
    window.show()
    qtbot.waitUntil(lambda: window.idle_build is not None, timeout=BUILD_TIMEOUT_MS)
    if window.idle_build.running:
        with qtbot.waitSignal(window.idle_build.done, timeout=BUILD_TIMEOUT_MS):
            pass
    assert sorted(window._screens) == list(range(len(SCREENS)))
    assert window.stack.currentIndex() == window.nav.currentRow() == 0
    vote_screen = window.screen([name for name, _ in SCREENS].index("Vote"))
    assert vote_screen.canvas.figure.axes, "the results chart was laid out ahead (its panels exist)"
    made = path_text._word.cache_info().misses
    for priority in window.ctx.workshop.priorities:
        for word in priority.title.split():
            path_text._word(word, False)
            path_text._word(word, True)
    assert path_text._word.cache_info().misses == made
    assert gc.get_freeze_count() > 0  # what the build left alive is out of the collector's reach
    gc.unfreeze()  # (this is pytest's process: give the other tests their collector back)

    # The stage and its panel are built too, hidden, their list of views made: F5 only shows them.
    panel = window.stage_console
    assert not window.stage.isVisible() and not panel.isVisible()
    assert panel.views.count() == len(window.stage.cursor.order())
    window.show_stage()
    qtbot.waitUntil(lambda: window.stage.isVisible() and panel.isVisible())
    assert panel.views.currentIndex() == 0
    panel.hide_stage()
    qtbot.waitUntil(lambda: not window.stage.isVisible() and not panel.isVisible())


def test_a_plain_window_builds_a_screen_on_its_first_visit_only(demo_window, qtbot):
    qtbot.wait(100)
    assert demo_window.idle_build is None and len(demo_window._screens) == 1


def test_a_screen_not_up_redraws_once_when_shown_not_at_every_edit(demo_window, qtbot, monkeypatch):
    """Renaming a priority three times while Diagnose is up redraws the Overview once, when it
    comes back, and it shows the last name."""
    overview = demo_window.screen(0)
    demo_window.go_to([name for name, _ in SCREENS].index("Diagnose"))
    redraws = []
    real = type(overview).refresh
    monkeypatch.setattr(type(overview), "refresh", lambda self: redraws.append(1) or real(self))
    ctx = demo_window.ctx
    for name in ("First name", "Second name", "Third name"):
        before = ctx.workshop.priorities[0]
        ctx.edit(before, dataclasses.replace(before, title=name))
    assert redraws == []
    demo_window.go_to(0)
    QApplication.processEvents()
    assert redraws == [1]
    assert "Third name" in overview.candidates.text()


def test_the_overviews_findings_wait_for_the_overview_too(demo_window, qtbot, monkeypatch):
    """The Overview's findings panel listens for more than the Overview (actions, forums): it too
    redraws once it is shown, not at each edit elsewhere."""
    overview = demo_window.screen(0)
    panel = overview.coherence
    demo_window.go_to([name for name, _ in SCREENS].index("Actions"))
    redraws = []
    real = type(panel).refresh
    monkeypatch.setattr(type(panel), "refresh", lambda self: redraws.append(1) or real(self))
    ctx = demo_window.ctx
    for n in range(3):
        before = ctx.workshop.actions[0]
        ctx.edit(before, dataclasses.replace(before, title=f"Renamed {n}"))
    assert redraws == []
    demo_window.go_to(0)
    QApplication.processEvents()
    assert len(redraws) == 1
