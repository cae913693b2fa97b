"""The console's stage panel: what the room sees now and what comes next, and the controls.

As OpenSlides' operator view shows a live preview of its projector, the panel draws the stage's
views small, for the stage's own size (so its pages are the stage's pages). The panel and the
stage window both follow the stage's ``StageCursor``; neither keeps a position of its own.

It also follows the screens: a projector plugged in while the stage is up takes the stage; a
projector unplugged hides the stage (it must not fall back onto the laptop, showing whatever it
showed) and the panel offers to show it here. With one screen (or mirrored screens) the room
may be seeing the laptop: the panel says so.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap, QScreen, QWindow
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain import model as m
from ..domain.stage import KIND_NAMES, RoomInfo, StageRef, page_label, view_title
from ..stage.view import render_stage, stage_layout
from ..stage.window import StageWindow, stage_screen
from .widgets.room_panel import QR_PROJECTOR, qr_pixmap

THUMB_WIDTH = 184  # the panel is one thumbnail wide (they are one above the other) beside the screens
ONE_SCREEN = "One screen: the room may see the laptop"
GONE = "Projector gone: the stage is hidden"


def typing_in(widget: QWidget | None) -> bool:
    """Whether keys go into text: PageUp/PageDown then move the text, not the stage."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))


def short_address(url: str) -> str:
    """ "http://192.168.1.20:8765/" -> "192.168.1.20:8765": what a phone's browser needs typed, short
    enough for one row beside the QR code (which carries the whole address)."""
    return url.split("://", 1)[-1].rstrip("/")


def _held_back(ws: m.Workshop | None, ref: StageRef) -> str:
    """ " (answers hidden)" for a prompt not yet revealed: the facilitator sees, before putting it
    on stage, that the room will see a count and no answer."""
    if ws is None or ref.kind != "prompt":
        return ""
    prompt = next((p for p in ws.prompts if p.id == ref.key), None)
    return " (answers hidden)" if prompt is not None and not prompt.revealed else ""


class StageConsole(QDockWidget):
    """The stage panel of the console ``console`` (the main window) for ``stage``."""

    # The stage went up on, or left, the console's own screen: the console then hides its secrets.
    one_screen_changed = Signal(bool)

    def __init__(self, stage: StageWindow, console: QWidget) -> None:
        super().__init__("Stage", console)
        self.setObjectName("stage_console")
        self.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.stage = stage
        self.cursor = stage.cursor
        self.console = console
        self.gone = False  # the projector the stage was on went away; the stage waits, hidden
        self._order: tuple[list[StageRef], list[str]] = ([], [])  # what the list shows: the order, hidden prompts
        self._filtering = False
        self._handles: list[QWindow] = []  # the native windows whose screen changes are followed
        self._one_screen = False  # as last told through ``one_screen_changed``

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #FFF4CE; color: #3D2E00; padding: 6px; font-weight: 600;")
        self.show_here = QPushButton("Show the stage here")
        self.show_here.setToolTip("Full screen on this screen: the room then sees what this screen shows")
        self.show_here.clicked.connect(self.show_on_console_screen)
        self.now = self._thumb("What the room sees now")
        self.now_caption = QLabel()
        self.next_thumb = self._thumb("What comes next")
        self.next_caption = QLabel()
        for caption in (self.now_caption, self.next_caption):
            caption.setWordWrap(True)
            caption.setMaximumWidth(THUMB_WIDTH)
        self.previous_button = QPushButton("Previous")
        self.previous_button.setToolTip("The previous page or view (PageUp)")
        self.previous_button.clicked.connect(self.cursor.previous)
        self.next_button = QPushButton("Next")
        self.next_button.setToolTip("The next page or view (PageDown)")
        self.next_button.clicked.connect(self.cursor.next)
        self.blank_button = QPushButton("Blank")
        self.blank_button.setCheckable(True)
        self.blank_button.setToolTip("A black stage, and back (B on the stage)")
        self.blank_button.clicked.connect(self.cursor.toggle_blank)
        self.views = QComboBox()
        self.views.setAccessibleName("Jump to a view")
        self.views.setToolTip("Jump to any view of the show order")
        self.views.activated.connect(self.cursor.jump)
        self.views.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)  # a long title must
        self.views.setMinimumContentsLength(12)  # not widen the panel
        self.hide_button = QPushButton("Hide the stage")
        self.hide_button.clicked.connect(self.hide_stage)

        thumbs = QVBoxLayout()  # one above the other: the panel stays one thumbnail wide beside the screens
        for name, thumb, caption in (("On stage", self.now, self.now_caption),
                                     ("Next", self.next_thumb, self.next_caption)):
            thumbs.addWidget(QLabel(name))
            thumbs.addWidget(thumb)
            thumbs.addWidget(caption)
        moves = QHBoxLayout()  # Previous and Next share the thumbnail's width, whatever their words' length
        for button in (self.previous_button, self.next_button):
            button.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
            moves.addWidget(button)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.banner)
        column.addWidget(self.show_here)
        column.addLayout(thumbs)
        column.addLayout(moves)
        column.addWidget(self.blank_button)
        column.addWidget(self.views)
        column.addWidget(self.hide_button)
        column.addStretch(1)
        margins = column.contentsMargins()  # one thumbnail (and its frame) wide: the screens keep the rest
        body.setMaximumWidth(THUMB_WIDTH + 2 + margins.left() + margins.right())
        self.setWidget(body)

        self.cursor.changed.connect(self.sync)
        stage.visibility_changed.connect(self._stage_visibility)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self.screen_added)
        app.screenRemoved.connect(self.screen_removed)
        self.sync()

    def _thumb(self, name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setAlignment(Qt.AlignCenter)
        label.setStyleSheet("border: 1px solid #8A9099;")
        return label

    # ----- the room ------------------------------------------------------------------------

    def set_room(self, url: str | None, code: str = "") -> None:
        """Room voting started at ``url`` with room code ``code``, or stopped (None)."""
        if url:
            self.cursor.set_room(RoomInfo(short_address(url), code), qr_pixmap(url, QR_PROJECTOR))
        else:
            self.cursor.set_room(None)

    # ----- showing and hiding --------------------------------------------------------------

    def console_screen(self) -> QScreen | None:
        return QWidget.screen(self.console)  # a window's screen(): the main window's screen(i) is another thing

    def show_stage(self) -> None:
        """The stage full screen on another screen than the console's when there is one."""
        self.gone = False
        self.stage.show_on(stage_screen(self.console_screen()))
        self.sync()

    def show_on_console_screen(self) -> None:
        self.gone = False
        self.stage.show_on(self.console_screen())
        self.sync()

    def hide_stage(self) -> None:
        """Take the stage down (the panel with it), also when it waits for a projector."""
        self.gone = False
        if self.stage.isVisible():
            self.stage.hide()
        else:
            self._stage_visibility(False)

    def _stage_visibility(self, up: bool) -> None:
        """The panel is up while the stage is, and while it waits for a projector that went away."""
        self.setVisible(up or self.gone)
        self._listen_to_keys(up)
        if up:
            self._follow_screens()
        self.sync()

    def _follow_screens(self) -> None:
        """Redraw the banner when the stage or the console moves to another screen (F11, a drag)."""
        for window in (self.stage, self.console.window()):
            handle = window.windowHandle()
            if handle is not None and handle not in self._handles:
                self._handles.append(handle)
                handle.screenChanged.connect(self.sync)

    def one_screen(self) -> bool:
        """The stage is up on the console's own screen: whatever the laptop shows, the room may see."""
        return self.stage.isVisible() and self.stage.screen() is self.console_screen()

    # ----- screens coming and going --------------------------------------------------------

    def screen_added(self, screen: QScreen) -> None:
        """A projector plugged in: the stage, up on the laptop or waiting hidden, goes onto it."""
        if screen is self.console_screen():
            return
        if self.gone or self.one_screen():
            self.gone = False
            self.stage.show_on(screen)
            self.sync()

    def screen_removed(self, screen: QScreen) -> None:
        """The stage's projector unplugged: hide the stage before Qt moves it onto the laptop."""
        if not self.stage.isVisible() or self.stage.screen() is not screen:
            return
        self.gone = True
        self.stage.hide()
        self.sync()

    # ----- drawing -------------------------------------------------------------------------

    def stage_size(self) -> QSize:
        """The stage's size: its view's when it is up, else the screen it would go to."""
        if self.stage.isVisible():
            return self.stage.view.size()
        screen = stage_screen(self.console_screen())
        return screen.size() if screen is not None else QSize(1280, 720)

    def thumbnail(self, ref: StageRef) -> QPixmap:
        """``ref`` as the stage draws it at its size, scaled down to the panel's width."""
        ws = self.cursor.source()
        size = self.stage_size()
        width, height = max(1, size.width()), max(1, size.height())
        image = render_stage(ws or m.Workshop(), ref if ws is not None else StageRef("blank"), width, height,
                             self.cursor.room, self.cursor.qr, THUMB_WIDTH / width, self.cursor.now,
                             self.cursor.cache if ws is not None else None)
        return QPixmap.fromImage(image)

    def caption(self, ref: StageRef) -> str:
        """The view's title (or its kind) and its page: "The critical few (2/3)"."""
        ws = self.cursor.source()
        if ws is None or ref.kind == "blank":
            return "Blank"
        size = self.stage_size()
        model = stage_layout(ws, ref, max(1, size.width()), max(1, size.height()), self.cursor.room,
                             self.cursor.qr, self.cursor.now, self.cursor.cache)[0]
        name = model.title or KIND_NAMES.get(ref.kind, ref.kind)
        return f"{name} ({page_label(model.page, model.pages)})" if model.pages > 1 else name

    def sync(self, *_: object) -> None:
        """Redraw the panel from the cursor: thumbnails, captions, the list, the banner."""
        shared = self.one_screen()  # told even while the panel is hidden: the stage going down
        if shared != self._one_screen:
            self._one_screen = shared
            self.one_screen_changed.emit(shared)
        if not self.isVisible():
            return  # edits while the stage is down cost no thumbnails; showing the panel syncs it
        self._fill_views()
        now, upcoming = self._draw_thumbnails()
        self.now_caption.setText(self.caption(now))
        self.next_caption.setText(self.caption(upcoming) if upcoming != self.cursor.current() or self.cursor.blanked
                                  else "The end of the show")
        self.blank_button.setChecked(self.cursor.blanked)
        self.previous_button.setEnabled(self.cursor.index > 0 or self.cursor.page > 0 or self.cursor.blanked)
        self.next_button.setEnabled(upcoming != self.cursor.current() or self.cursor.blanked)
        self.banner.setText(GONE if self.gone else ONE_SCREEN if shared else "")
        self.banner.setVisible(self.gone or shared)
        self.show_here.setVisible(self.gone)

    def prepare(self) -> None:
        """Make the list of views and the first thumbnails while the panel is hidden (the app's
        idle time before F5: the first drawing also sets up Qt's painting types and fonts)."""
        self._fill_views()
        self._draw_thumbnails()

    def _draw_thumbnails(self) -> tuple[StageRef, StageRef]:
        """What the room sees now and what comes next, small; returns the two views."""
        now, upcoming = self.cursor.ref, self.cursor.upcoming()
        for label, ref in ((self.now, now), (self.next_thumb, upcoming)):
            pixmap = self.thumbnail(ref)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size() + QSize(2, 2))  # the frame, and no grey bars around a 4:3 stage
        return now, upcoming

    def _fill_views(self) -> None:
        """The show order in the list, rebuilt only when it changed; the current view selected."""
        order = self.cursor.order()
        ws = self.cursor.source()
        hidden = [p.id for p in ws.prompts if not p.revealed] if ws is not None else []
        if (order, hidden) != self._order:  # a prompt revealed changes its entry, not the order
            self._order = (order, hidden)
            self.views.blockSignals(True)
            self.views.clear()
            for i, ref in enumerate(order, 1):
                title = view_title(ws, ref) if ws is not None else ""
                kind = KIND_NAMES.get(ref.kind, ref.kind) + (f" {ref.key}" if ref.kind == "back_at" else "")
                entry = f"{i}. {kind}: {title}" if title and title != kind else f"{i}. {kind}"
                self.views.addItem(entry + _held_back(ws, ref))
            self.views.blockSignals(False)
        self.views.setCurrentIndex(self.cursor.index)

    def show_view(self, ref: StageRef) -> bool:
        """Put ``ref`` (a prompt, the questions from the floor, any view of the show order) on
        stage at its first page, as choosing it from the list does; False when the show has no such view."""
        order = self.cursor.order()
        view = StageRef(ref.kind, ref.key)
        if view not in order:
            return False
        self.cursor.jump(order.index(view))
        return True

    # ----- the clicker's keys on the console -----------------------------------------------

    def _listen_to_keys(self, on: bool) -> None:
        """While the stage is up, PageDown/PageUp anywhere in the console move it (not while typing)."""
        app = QApplication.instance()
        if on and not self._filtering:
            app.installEventFilter(self)
        elif not on and self._filtering:
            app.removeEventFilter(self)
        self._filtering = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.KeyPress or not isinstance(watched, QWidget):
            return False
        key = event.key()
        if key not in (Qt.Key_PageDown, Qt.Key_PageUp) or not self.stage.isVisible():
            return False
        if watched.window() not in (self.console.window(), self) or typing_in(watched.window().focusWidget()):
            return False
        if key == Qt.Key_PageDown:
            self.cursor.next()
        else:
            self.cursor.previous()
        return True
