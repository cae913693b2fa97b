"""Fixtures for the UI tests: isolated settings, the demo window, and finding tables by title."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from okr_workshop.ui.main_window import MainWindow

from .helpers import make_window


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: QApplication):
    """Every test gets its own QSettings file, so none reads the developer's recent files."""
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(settings_dir))
    QCoreApplication.setOrganizationName(f"okr-workshop-test-{tmp_path.name}")
    QCoreApplication.setApplicationName("okr-workshop-test")
    yield settings_dir


@pytest.fixture(autouse=True)
def restore_app(qapp: QApplication):
    """Put back the font and style sheet if a test changed them, and delete the test's windows.

    pytest-qt closes registered widgets and calls deleteLater() after the test, but with no
    event loop running the deletion waits; leftover windows would slow every later restyle.
    """
    font, sheet = QApplication.font(), qapp.styleSheet()
    yield
    QApplication.setFont(font)
    qapp.setStyleSheet(sheet)
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


@pytest.fixture(autouse=True)
def restore_points_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Restore points of the files a test opens go to its tmp_path, never the user's data folder."""
    folder = tmp_path / "restore points"
    monkeypatch.setenv("OKR_WORKSHOP_RESTORE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def temp_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Demo copies (tempfile.mkdtemp) land in the test's tmp_path, not in /tmp."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def demo_window(qtbot) -> MainWindow:
    """The main window with a fresh copy of the demo offsite open and shown."""
    window = make_window(qtbot)
    window.open_demo()
    assert window.ctx is not None
    QApplication.processEvents()
    return window
