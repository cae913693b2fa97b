"""The four accountability questions on the Diagnose screen: owners chosen from the drop-down,
"Nobody" shown as a finding, every choice undoable and kept in the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox

from okr_workshop.domain import model as m
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.widgets.accountability import NOBODY_LABEL, NOT_NAMED

from .helpers import make_window, screen_named

CLOSE_THE_LOOP = 3  # the demo leaves "Who closes the loop" open
ESCALATE = 2  # the demo names nobody for escalation


def choose(qtbot, combo: QComboBox, label: str) -> None:
    """Pick ``label`` the way a user does: click the drop-down open, arrow to the entry, press Enter."""
    row = combo.findText(label)
    assert row >= 0, f"{label!r} not offered"
    qtbot.mouseClick(combo, Qt.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    for _ in range(combo.count()):
        current = view.currentIndex().row()
        if current == row:
            break
        qtbot.keyClick(view, Qt.Key_Down if current < row else Qt.Key_Up)
    assert view.currentIndex().row() == row
    qtbot.keyClick(view, Qt.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText() == label


def stored_owners(path: Path) -> dict[str, str]:
    with WorkshopFile.open(path, read_only=True) as other:
        return dict(other.workshop.diagnosis.accountability)


def test_owners_are_chosen_undone_redone_and_nobody_is_a_finding(demo_window, qtbot):
    """Nobody for "closes the loop" shows the finding and is stored; undo clears it, redo restores it;
    naming a person replaces an earlier Nobody and its finding disappears."""
    ctx = demo_window.ctx
    screen = screen_named(demo_window, "Diagnose")
    panel = screen.accountability
    combo, finding = panel.combos[CLOSE_THE_LOOP], panel.findings[CLOSE_THE_LOOP]
    assert combo.currentText() == NOT_NAMED and not finding.isVisible()
    assert panel.findings[ESCALATE].isVisible()  # the demo's own Nobody
    assert "Nobody owns the escalation of blocked dependencies" in panel.findings[ESCALATE].text()

    choose(qtbot, combo, NOBODY_LABEL)
    assert ctx.workshop.diagnosis.accountability[str(CLOSE_THE_LOOP)] == m.NOBODY
    assert stored_owners(ctx.store.path)[str(CLOSE_THE_LOOP)] == m.NOBODY
    assert finding.isVisible()
    assert finding.text() == "Nobody owns closing the loop on decisions: that is itself a finding."
    assert finding.property("role") == "warning"

    demo_window.undo_action.trigger()
    assert str(CLOSE_THE_LOOP) not in ctx.workshop.diagnosis.accountability
    assert str(CLOSE_THE_LOOP) not in stored_owners(ctx.store.path)
    assert combo.currentText() == NOT_NAMED and not finding.isVisible()

    demo_window.redo_action.trigger()
    assert combo.currentText() == NOBODY_LABEL and finding.isVisible()
    assert stored_owners(ctx.store.path)[str(CLOSE_THE_LOOP)] == m.NOBODY

    escalate = panel.combos[ESCALATE]
    choose(qtbot, escalate, "Søren Kjærgaard (Sales)")
    assert ctx.workshop.diagnosis.accountability[str(ESCALATE)] == "p3"
    assert not panel.findings[ESCALATE].isVisible()
    assert "Søren Kjærgaard" in demo_window.undo_action.text()


def test_owners_survive_reopening_the_file(demo_window, qtbot):
    """Close the window and open the file again: the owners and the Nobody finding are still there,
    and undo still works on them."""
    ctx = demo_window.ctx
    path = ctx.store.path
    panel = screen_named(demo_window, "Diagnose").accountability
    choose(qtbot, panel.combos[0], "Łukasz Wierzbicki (CEO)")
    choose(qtbot, panel.combos[CLOSE_THE_LOOP], NOBODY_LABEL)
    demo_window.close()

    again = make_window(qtbot)
    assert again.open_path(path)
    qtbot.waitUntil(lambda: again.centralWidget().isVisible())  # Qt shows a new central widget queued
    panel = screen_named(again, "Diagnose").accountability
    assert again.ctx.workshop.diagnosis.accountability == {"0": "p1", "1": "p1", "2": m.NOBODY,
                                                           "3": m.NOBODY}
    assert panel.combos[0].currentText() == "Łukasz Wierzbicki (CEO)"
    assert panel.combos[CLOSE_THE_LOOP].currentText() == NOBODY_LABEL
    assert panel.findings[CLOSE_THE_LOOP].isVisible()
    again.undo_action.trigger()
    assert panel.combos[CLOSE_THE_LOOP].currentText() == NOT_NAMED
    assert not panel.findings[CLOSE_THE_LOOP].isVisible()


def test_read_only_file_offers_no_owner_choice(demo_window, qtbot, monkeypatch):
    """A workshop open for editing elsewhere shows the owners but lets nobody change them here, and
    the private check cannot start."""
    path = demo_window.ctx.store.path
    demo_window.close()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    with WorkshopFile.open(path):
        other = make_window(qtbot)
        assert other.open_path(path) and other.ctx.read_only
        screen = screen_named(other, "Diagnose")
        assert [c.currentText() for c in screen.accountability.combos][2] == NOBODY_LABEL
        assert not any(c.isEnabled() for c in screen.accountability.combos)
        assert not screen.start_button.isEnabled()
        other.close()
