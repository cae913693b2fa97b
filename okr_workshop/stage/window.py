"""``StageWindow``: the stage as a top-level window the clicker drives.

Keys are the ones presenter clickers send: PageDown/Right next, PageUp/Left previous, B or .
blank, Esc hides the stage, F11 full screen on the screen it is on. The window has its own
style sheet: restyling the application would restyle the console too, and slowly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtGui import QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..domain import model as m
from ..domain.stage import StageRef, show_order
from . import style
from .render import model_for
from .view import StageView

NEXT_KEYS = (Qt.Key_PageDown, Qt.Key_Right, Qt.Key_Down, Qt.Key_Space)
PREVIOUS_KEYS = (Qt.Key_PageUp, Qt.Key_Left, Qt.Key_Up)
BLANK_KEYS = (Qt.Key_B, Qt.Key_Period)


class StageWindow(QWidget):
    """The stage: the show order of the workshop ``source`` gives, one page at a time."""

    def __init__(self, source: Callable[[], m.Workshop | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.Window)  # its own window even when the console owns it
        self.setObjectName("stage")
        self.setWindowTitle("okr-workshop stage")
        self.setStyleSheet(style.STYLE_SHEET)
        self.setAttribute(Qt.WA_StyledBackground)
        self.setFocusPolicy(Qt.StrongFocus)
        self.source = source
        self.view = StageView(source, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.index = 0
        self.page = 0
        self.blanked = False
        self._watched: QObject | None = None
        self.resize(1280, 720)
        self._show()

    def order(self) -> list[StageRef]:
        ws = self.source()
        return show_order(ws) if ws is not None else [StageRef("blank")]

    @property
    def ref(self) -> StageRef:
        """What the room sees now (blank while blanked)."""
        return StageRef("blank") if self.blanked else self.view.ref

    def _show(self) -> None:
        order = self.order()
        self.index = max(0, min(self.index, len(order) - 1))
        ref = order[self.index]
        self.view.show_ref(StageRef("blank") if self.blanked else StageRef(ref.kind, ref.key, self.page))

    def _pages(self) -> int:
        """How many pages the current view has at the stage's size now."""
        ws = self.source()
        if ws is None:
            return 1
        order = self.order()
        ref = order[max(0, min(self.index, len(order) - 1))]
        return model_for(ws, ref, max(1, self.view.width()), max(1, self.view.height()), self.view.room)[0].pages

    def next(self) -> None:
        """The next page, else the next view's first page (blanking ends: the clicker moves on)."""
        if not self.blanked:
            if self.page + 1 < self._pages():
                self.page += 1
            elif self.index + 1 < len(self.order()):
                self.index, self.page = self.index + 1, 0
        self.blanked = False
        self._show()

    def previous(self) -> None:
        """The previous page, else the previous view's last page."""
        if not self.blanked:
            if self.page > 0:
                self.page -= 1
            elif self.index > 0:
                self.index -= 1
                self.page = self._pages() - 1
        self.blanked = False
        self._show()

    def watch(self, owner: QObject, changed: SignalInstance) -> None:
        """Redraw when ``changed`` fires (the open workshop was edited); connected once per owner."""
        if owner is not self._watched:
            self._watched = owner
            changed.connect(self.refresh)

    def refresh(self, *_: object) -> None:
        self._show()

    def toggle_blank(self) -> None:
        self.blanked = not self.blanked
        self._show()

    def toggle_full_screen(self) -> None:
        """Full screen on the screen the window is on, or back to a window."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.show_on(self.screen())

    def show_on(self, screen: QScreen | None) -> None:
        """Full screen on ``screen``: set the screen first, or the window opens on the console's."""
        screen = screen or QGuiApplication.primaryScreen()
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key in BLANK_KEYS:
            self.toggle_blank()
        elif key == Qt.Key_Escape:
            self.hide()
        elif key == Qt.Key_F11:
            self.toggle_full_screen()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


def stage_screen(console: QScreen | None) -> QScreen | None:
    """The screen for the stage: another screen than the console's when there is one."""
    screens = QGuiApplication.screens()
    others = [s for s in screens if s is not console]
    return others[0] if others and len(screens) > 1 else console or QGuiApplication.primaryScreen()
