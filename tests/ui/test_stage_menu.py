"""View → Show the stage (F5): the stage opens full screen at the show order's first view."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from okr_workshop.domain.stage import show_order


def test_show_the_stage_opens_it_at_the_first_view_and_follows_edits(demo_window, qtbot):
    action = demo_window.stage_action
    assert action.text().replace("&", "") == "Show the stage"
    demo_window.bind_shortcuts()
    assert action.shortcut().toString() == "F5"
    action.trigger()
    stage = demo_window.stage
    qtbot.waitUntil(stage.isVisible)
    assert stage.isFullScreen()
    assert stage.ref == show_order(demo_window.ctx.workshop)[0]
    assert stage.screen() in QApplication.screens()
    demo_window.ctx.changed.emit("all")  # an edit redraws; connected once however often F5 is pressed
    action.trigger()
    assert demo_window.stage is stage
    stage.hide()
