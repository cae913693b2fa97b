"""Starting the GUI: the application object, the first window, and the first frame."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..store.workshop_file import WorkshopFile, WorkshopFileError
from . import theme
from .main_window import MainWindow


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("okr-workshop")
    app.setApplicationName("okr-workshop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("okr-workshop")  # Wayland matches the window to packaging/linux's .desktop file
    app.setStyleSheet(theme.LAPTOP_STYLE)
    font = app.font()
    font.setPointSize(theme.BASE_POINT_SIZE)
    app.setFont(font)
    return app


def run_app(file: str | None = None, demo: bool = False, exit_after_start: bool = False) -> int:
    """Open the window (a file, the demo, the last file, or the start page) and run."""
    if file and exit_after_start:
        try:  # with no one to read a dialog, a bad file is a one-line error like the CLI's
            WorkshopFile.open(file, read_only=True).close()  # every check opening makes, writing nothing
        except WorkshopFileError as exc:
            print(f"okr-workshop: {exc}", file=sys.stderr)
            return 2
    app = _application()
    window = MainWindow(keep_warm=not exit_after_start)
    if demo:
        window.open_demo()
    elif file:
        window.open_path(file)
    else:
        last = window.settings.value("last")
        if isinstance(last, str) and Path(last).exists() and not exit_after_start:
            window.open_path(last)
    window.show()
    if not exit_after_start:
        # After the first frame: the icon file and the tour cost the start nothing then.
        window.first_frame.connect(lambda: _after_first_frame(app, window))
    if exit_after_start:
        def painted() -> None:
            print(f"first frame painted at {time.time():.6f}", flush=True)
            window.closing = True
            window.close()
            app.quit()

        window.first_frame.connect(painted)
        QTimer.singleShot(10_000, lambda: app.exit(1))  # never hang a benchmark or a smoke test
    return app.exec()


def _after_first_frame(app: QApplication, window: MainWindow) -> None:
    from PySide6.QtGui import QIcon

    from ..resource_lookup import resource

    if window.ctx is None:  # the start page: the libraries load now; an open workshop's first frame does it all
        window.warm_up()

    icon = QIcon()
    for size in (48, 128, 256):
        icon.addFile(str(resource(f"icons/okr-workshop-{size}.png")))
    app.setWindowIcon(icon)
    window.show_tour_once()  # the first run only
