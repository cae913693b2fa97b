"""Projector mode: large type, no editing chrome, in and out by keyboard; window geometry is remembered."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication

from okr_workshop.ui import theme
from okr_workshop.ui.widgets.record_table import RecordTable

from .helpers import make_window


def all_tables(window) -> list[RecordTable]:
    return [t for screen in window.screens for t in screen.findChildren(RecordTable)]


def test_f11_switches_projector_mode_on_and_escape_leaves_it(demo_window, qtbot):
    """F11 hides menu and status bars, enlarges the font and hides Add/Delete; Escape restores all of it."""
    demo_window.activateWindow()
    qtbot.waitActive(demo_window)
    qtbot.keyClick(demo_window.nav, Qt.Key_F11)

    assert demo_window.projector_action.isChecked()
    assert demo_window.ctx.projector
    assert not demo_window.menuBar().isVisible()
    assert not demo_window.statusBar().isVisible()
    assert QApplication.font().pointSize() == theme.PROJECTOR_POINT_SIZE
    assert demo_window.isFullScreen()
    tables = all_tables(demo_window)  # includes screens first built while the projector is on
    assert tables
    for table in tables:
        assert table.add_button.isHidden() and table.delete_button.isHidden(), table.title.text()

    qtbot.keyClick(demo_window.nav, Qt.Key_Escape)

    assert not demo_window.projector_action.isChecked()
    assert not demo_window.ctx.projector
    assert demo_window.menuBar().isVisible()
    assert demo_window.statusBar().isVisible()
    assert QApplication.font().pointSize() == theme.BASE_POINT_SIZE
    assert not demo_window.isFullScreen()
    for table in tables:
        assert not table.delete_button.isHidden(), table.title.text()
        assert table.add_button.isHidden() == (table.new_record is None), table.title.text()


def test_set_projector_uses_the_projector_style_sheet(demo_window):
    """set_projector(True) switches the application to the projector style sheet and back."""
    demo_window.set_projector(True)
    assert QApplication.instance().styleSheet() == theme.PROJECTOR_STYLE
    demo_window.set_projector(False)
    assert QApplication.instance().styleSheet() == theme.LAPTOP_STYLE


def test_workshop_opened_in_projector_mode_has_no_editing_chrome(qtbot):
    """A workshop opened while projector mode is on shows no Add/Delete buttons from the start."""
    window = make_window(qtbot)
    window.set_projector(True)
    window.open_demo()
    for table in all_tables(window):
        assert table.add_button.isHidden() and table.delete_button.isHidden(), table.title.text()
    window.set_projector(False)


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
    assert again.size() == QSize(700, 500)


def test_closing_in_projector_mode_saves_the_laptop_window(qtbot):
    """A window closed while projecting reopens as the normal laptop window, not full screen."""
    window = make_window(qtbot)
    window.resize(700, 500)
    qtbot.waitUntil(lambda: window.size() == QSize(700, 500))
    window.set_projector(True)
    assert window.isFullScreen()
    window.close()
    # In the app the process ends here; in the test the large projector font would still widen
    # the next window, so put the laptop look back first.
    font = QApplication.font()
    font.setPointSize(theme.BASE_POINT_SIZE)
    QApplication.setFont(font)
    QApplication.instance().setStyleSheet(theme.LAPTOP_STYLE)

    again = make_window(qtbot)
    assert not again.isFullScreen()
    assert again.size() == QSize(700, 500)
    assert again.menuBar().isVisible() and not again.projector_action.isChecked()


def test_leaving_projector_mode_keeps_the_row_each_table_was_on(demo_window):
    """Leaving the projector resets a table's layout, not its rows: the current row stays."""
    from .helpers import find_table, screen_named

    table = find_table(screen_named(demo_window, "Actions"), "Action list")
    table.view.selectRow(2)
    demo_window.set_projector(True)
    demo_window.set_projector(False)
    assert table.view.currentIndex().row() == 2
    assert [i.row() for i in table.view.selectionModel().selectedRows()] == [2]
