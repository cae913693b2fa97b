"""``StageWindow``: the stage as a top-level window the clicker drives.

Keys are the ones presenter clickers send: PageDown/Right next, PageUp/Left previous, B or .
blank, L the map's key, Esc hides the stage, F11 full screen on the screen it is on; Tab or a mouse move shows a
small bar of the same controls (``overlay``). The window has its own
style sheet: restyling the application would restyle the console too, and slowly.

Where the show is (which view, which page, blanked) lives in one ``StageCursor``; the window
and the console's stage panel both listen to it, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication, QHideEvent, QKeyEvent, QMouseEvent, QPixmap, QScreen, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..domain import model as m
from ..domain.stage import RoomInfo, StageRef, show_order
from . import style
from .overlay import StageOverlay
from .view import LayoutCache, StageView, stage_layout

NEXT_KEYS = (Qt.Key_PageDown, Qt.Key_Right, Qt.Key_Down, Qt.Key_Space)
PREVIOUS_KEYS = (Qt.Key_PageUp, Qt.Key_Left, Qt.Key_Up)
BLANK_KEYS = (Qt.Key_B, Qt.Key_Period)
TIMED_KINDS = ("title", "back_at")  # views that show the clock: the session timer, "in 12 min"
TICK_MS = 5000  # the timers count minutes; a few seconds late is never noticed


def this_minute(clock: Callable[[], datetime]) -> datetime:
    return clock().replace(second=0, microsecond=0)


class StageCursor(QObject):
    """The one owner of what is on stage: a view of the show order, its page, blanked or not,
    and the room voting the join view shows. ``changed`` fires after every move or change.

    Pages depend on the stage's size, so ``size`` says it (the stage window's view). Views are
    laid out once per workshop change into ``cache``; ``now`` is the minute the timers show, moved
    on by a tick (``clock`` is what a test sets)."""

    changed = Signal()

    def __init__(self, source: Callable[[], m.Workshop | None], size: Callable[[], QSize],
                 parent: QObject | None = None, cache: LayoutCache | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.size = size
        self.cache = cache or LayoutCache()
        self.clock: Callable[[], datetime] = datetime.now
        self.now = this_minute(self.clock)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.tick)
        self._tick.start(TICK_MS)
        self.index = 0
        self.page = 0
        self.blanked = False
        self.legend = False  # the map's key shown in place of the map (L)
        self.room: RoomInfo | None = None
        self.qr: QPixmap | None = None  # the join address as a QR code, made by whoever started the room

    def order(self) -> list[StageRef]:
        ws = self.source()
        if ws is None:
            return [StageRef("blank")]
        return self.cache.get(ws, ("show order",), lambda: show_order(ws))  # asked several times a press

    def current(self) -> StageRef:
        """The view and page the stage is at, blanked or not (the index clamped to the order)."""
        order = self.order()
        self.index = max(0, min(self.index, len(order) - 1))
        ref = order[self.index]
        if self.legend and ref.kind == "map":
            return StageRef("map", "legend")
        return StageRef(ref.kind, ref.key, self.page)

    @property
    def ref(self) -> StageRef:
        """What the room sees now (blank while blanked)."""
        return StageRef("blank") if self.blanked else self.current()

    def upcoming(self) -> StageRef:
        """What Next would show: the next page, else the next view; blanked, the view it unblanks to."""
        if self.blanked:
            return self.current()
        if self.legend:  # Next takes the key away: the map comes back
            ref = self.order()[self.index]
            return StageRef(ref.kind, ref.key, self.page)
        ref = self.current()
        if self.page + 1 < self.pages(ref):
            return StageRef(ref.kind, ref.key, self.page + 1)
        order = self.order()
        return order[self.index + 1] if self.index + 1 < len(order) else ref

    def pages(self, ref: StageRef | None = None) -> int:
        """How many pages ``ref`` (the current view) has at the stage's size now."""
        ws = self.source()
        if ws is None:
            return 1
        ref = ref or self.current()
        size = self.size()
        return stage_layout(ws, ref, max(1, size.width()), max(1, size.height()), self.room, self.qr, self.now,
                            self.cache)[0].pages

    def next(self) -> None:
        """The next page, else the next view's first page (blanking ends: the clicker moves on)."""
        if self.legend:
            self.legend = False  # the key goes; the map is back where it was
        elif not self.blanked:
            if self.page + 1 < self.pages():
                self.page += 1
            elif self.index + 1 < len(self.order()):
                self.index, self.page = self.index + 1, 0
        self.blanked = False
        self.changed.emit()

    def previous(self) -> None:
        """The previous page, else the previous view's last page."""
        if self.legend:
            self.legend = False
        elif not self.blanked:
            if self.page > 0:
                self.page -= 1
            elif self.index > 0:
                self.index -= 1
                self.page = 0
                self.page = self.pages() - 1
        self.blanked = False
        self.changed.emit()

    def jump(self, index: int) -> None:
        """The first page of the show order's view ``index`` (a jump from the console's list)."""
        self.index = max(0, min(index, len(self.order()) - 1))
        self.page = 0
        self.blanked = self.legend = False
        self.changed.emit()

    def toggle_blank(self) -> None:
        self.blanked = not self.blanked
        self.changed.emit()

    def toggle_legend(self) -> None:
        """The map's key in place of the map, or the map again; only on a map view."""
        if self.current().kind == "map":  # the map, or its key (also of kind "map")
            self.legend = not self.legend
            self.changed.emit()

    def set_room(self, room: RoomInfo | None, qr: QPixmap | None = None) -> None:
        """Room voting started (its address, code and QR code) or stopped (None)."""
        self.room, self.qr = room, qr if room is not None else None
        self.changed.emit()

    def refresh(self, *_: object) -> None:
        """The workshop changed: the order may have too."""
        self.cache.clear()
        self.changed.emit()

    def tick(self) -> None:
        """A new minute: redraw if the stage or what comes next shows a timer."""
        minute = this_minute(self.clock)
        if minute == self.now:
            return
        self.now = minute
        if {self.ref.kind, self.upcoming().kind} & set(TIMED_KINDS):
            self.changed.emit()


class StageWindow(QWidget):
    """The stage: the show order of the workshop ``source`` gives, one page at a time.

    ``visibility_changed`` says when the stage goes up or down (Esc, the console's Hide)."""

    visibility_changed = Signal(bool)

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
        self.cursor = StageCursor(source, self.view.size, self, self.view.cache)
        self.cursor.changed.connect(self._show)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.overlay = StageOverlay(self, [("previous", "◀ Previous", self.previous), ("next", "Next ▶", self.next),
                                           ("blank", "Blank (B)", self.toggle_blank),
                                           ("console", "Back to the console (Esc)", self.hide)])
        self.setMouseTracking(True)
        self.view.setMouseTracking(True)  # a move over the view reaches the window: the controls appear
        self._watched: QObject | None = None
        self.resize(1280, 720)
        self._show()

    # The cursor's state, read where the window was read before the cursor existed (tests, benchmarks).
    @property
    def index(self) -> int:
        return self.cursor.index

    @property
    def page(self) -> int:
        return self.cursor.page

    @property
    def blanked(self) -> bool:
        return self.cursor.blanked

    def order(self) -> list[StageRef]:
        return self.cursor.order()

    @property
    def ref(self) -> StageRef:
        """What the room sees now (blank while blanked)."""
        return self.cursor.ref

    def _show(self) -> None:
        self.view.room, self.view.qr, self.view.now = self.cursor.room, self.cursor.qr, self.cursor.now
        self.view.show_ref(self.cursor.ref)

    def next(self) -> None:
        self.cursor.next()

    def previous(self) -> None:
        self.cursor.previous()

    def watch(self, owner: QObject, changed: SignalInstance) -> None:
        """Redraw when ``changed`` fires (the open workshop was edited); connected once per owner."""
        if owner is not self._watched:
            self._watched = owner
            changed.connect(self.refresh)

    def refresh(self, *_: object) -> None:
        """The open workshop was edited. While the stage is down only its layouts are dropped:
        working out the show order again at every edit for a window nobody sees cost the console
        ~4 ms an edit on the large offsite; showing the stage draws it as it is then."""
        if self.isVisible():
            self.cursor.refresh()
        else:
            self.cursor.cache.clear()

    def toggle_blank(self) -> None:
        self.cursor.toggle_blank()

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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._show()
        if not event.spontaneous():
            self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        if not event.spontaneous():  # a minimised console is not the stage going down
            self.visibility_changed.emit(False)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.overlay.appear()
        super().mouseMoveEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        return False  # no focus chain on the stage: Tab shows the controls (keyPressEvent)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key == Qt.Key_Tab:
            self.overlay.appear()
        elif key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key in BLANK_KEYS:
            self.toggle_blank()
        elif key == Qt.Key_L:
            self.cursor.toggle_legend()
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
