"""The Overview's coherence panel, through the real widgets: findings show, one becomes an owned,
dated action in one move, the row then names it, and Ctrl+Z takes it away again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton, QWidget

from okr_workshop.domain import coherence
from okr_workshop.domain import model as m
from okr_workshop.ui.main_window import MainWindow
from okr_workshop.ui.widgets.coherence_panel import EMPTY, HEADING, MAKE, CoherencePanel

from .helpers import screen_named


def panel_of(window: MainWindow) -> CoherencePanel:
    overview = screen_named(window, "Overview")
    [panel] = overview.findChildren(CoherencePanel)
    return panel


def row_for(panel: CoherencePanel, finding_key: str) -> QWidget:
    [row] = [r for r in panel.row_widgets if r.property("finding") == finding_key]
    return row


def texts(row: QWidget) -> list[str]:
    return [label.text() for label in row.findChildren(QLabel)]


def test_the_demo_shows_findings_under_a_plain_heading(demo_window: MainWindow) -> None:
    panel = panel_of(demo_window)
    assert HEADING in [label.text() for label in panel.findChildren(QLabel)]
    assert len(panel.row_widgets) >= 1
    assert not panel.empty.isVisibleTo(panel)
    assert len(panel.row_widgets) == len(coherence.findings(demo_window.ctx.workshop))


def test_a_finding_becomes_one_undoable_action_and_the_row_names_it(demo_window: MainWindow, qtbot) -> None:
    ctx = demo_window.ctx
    panel = panel_of(demo_window)
    forum = m.Forum(ctx.new_id("f", ctx.workshop.forums), "Coherence test forum", "weekly", "", None)
    ctx.edit(None, forum, "Add a forum")  # a finding that stays until the forum has a purpose
    finding_key = coherence.key("forum_without_purpose", forum.id)
    row = row_for(panel, finding_key)
    [button] = [b for b in row.findChildren(QPushButton) if b.text() == MAKE]
    before = list(ctx.workshop.actions)
    steps = ctx.undo_stack.count()

    qtbot.mouseClick(button, Qt.LeftButton)
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.title.text() == "Give “Coherence test forum” a purpose"
    owner = ctx.workshop.participants[0]
    dialog.owner.setCurrentIndex(dialog.owner.findData(owner.id))
    dialog.due.setText("2026-04-12")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)

    new = [a for a in ctx.workshop.actions if a not in before]
    assert len(new) == 1 and ctx.undo_stack.count() == steps + 1
    action = new[0]
    assert (action.finding, action.owner, action.due, action.status) == (finding_key, owner.id, "2026-04-12", "open")
    row = row_for(panel, finding_key)
    assert f"action {action.id} ({owner.name}, 12 Apr)" in texts(row)
    assert not [b for b in row.findChildren(QPushButton) if b.text() == MAKE]

    demo_window.activateWindow()
    qtbot.waitUntil(lambda: not demo_window.undo_action.shortcut().isEmpty())
    qtbot.keyClick(demo_window, Qt.Key_Z, Qt.ControlModifier)
    QApplication.processEvents()
    assert ctx.workshop.actions == before
    row = row_for(panel, finding_key)
    assert [b for b in row.findChildren(QPushButton) if b.text() == MAKE]


def test_cancel_adds_nothing(demo_window: MainWindow, qtbot) -> None:
    ctx = demo_window.ctx
    panel = panel_of(demo_window)
    before = list(ctx.workshop.actions)
    dialog = panel.make_action(coherence.findings(ctx.workshop)[0])
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Cancel), Qt.LeftButton)
    assert ctx.workshop.actions == before


def test_the_empty_state(demo_window: MainWindow) -> None:
    """A workshop with nothing to flag says so in words."""
    ctx = demo_window.ctx
    panel = panel_of(demo_window)
    ctx.store.replace_all(m.Workshop(forums=[m.Forum(f"f{i}", c, c, "Decide", "p1") for i, c in
                                             enumerate(m.CADENCES)],
                                     participants=[m.Participant("p1", "Anna")]))
    QApplication.processEvents()
    assert panel.row_widgets == []
    assert panel.empty.text() == EMPTY and panel.empty.isVisibleTo(panel)
