"""Running the day: start, pause, extend and end sessions; park items; log decisions by hand.

One object per window, shared by the menus, the timer strip and the Run of show screen, so
every way of pressing "Next session" does the same thing. Every change is an undoable edit
stamped by ``ctx.clock``. It also owns the timer strip above the screens, built the first
time a session runs (never before the window's first frame), and tells the context where
the room is, for the decision log and the parking lot.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..domain import model as m

if TYPE_CHECKING:
    from .context import WorkshopContext


class _LazyRunOfShow:
    """``domain.run_of_show``, imported on first use: the window's first frame does not need it."""

    def __getattr__(self, name: str) -> Any:
        from ..domain import run_of_show

        return getattr(run_of_show, name)


ros = _LazyRunOfShow()


class RunHost(Protocol):
    """What the run of show needs of its window. A Protocol rather than ``MainWindow``, which
    imports this module: the child never imports its parent."""

    ctx: WorkshopContext | None

    def window(self) -> QWidget:
        """The widget the timer strip and the dialogs belong to (Qt's ``QWidget.window``)."""

    def current_screen(self) -> QWidget | None: ...

    def go_to_screen(self, key: str) -> None: ...


class RunControl:
    """The window's run of show: what the Session menu, the timer strip and the screen call."""

    def __init__(self, host: RunHost):
        self.host = host
        self.timer: Any = None  # widgets.session_timer.SessionTimer, once a session has run
        self._holder: QWidget | None = None
        self._column: QVBoxLayout | None = None

    def install(self, ctx: WorkshopContext, column: QVBoxLayout) -> None:
        """A workshop opened: the strip goes at the top of ``column``, above the screens."""
        self.timer = None
        self._column = column
        ctx.place = self.place
        ctx.changed.connect(self._changed)
        ctx.after_paint(self.sync_timer)

    def _changed(self, section: str) -> None:
        if section in ("agenda", "all"):
            self.sync_timer()

    def sync_timer(self) -> None:
        """Show the strip while a session runs; build it the first time."""
        ctx = self.host.ctx
        if ctx is None or self._column is None:
            return
        if self.timer is None:
            if ros.running(ctx.workshop.agenda) is None:
                return
            from .widgets.session_timer import SessionTimer

            self.timer = SessionTimer(ctx, self.host.window())
            self._holder = QWidget()
            margins = QVBoxLayout(self._holder)
            margins.setContentsMargins(16, 8, 16, 0)
            margins.addWidget(self.timer)
            self._column.insertWidget(0, self._holder)
        self.timer.refresh()
        self._holder.setVisible(ros.running(ctx.workshop.agenda) is not None)  # its margins go with it

    def place(self) -> str:
        """Where the room is, in words: the screen, what is selected there, the session running."""
        from .screens.base import Screen

        host = self.host
        screen = host.current_screen()
        where = getattr(screen, "title", "")
        detail = screen.context_text() if isinstance(screen, Screen) else ""
        if detail:
            where = f"{where}: {detail}"
        session = ros.running(host.ctx.workshop.agenda) if host.ctx else None
        if session is not None:
            where += f" · session “{session.title}”"
        return where

    # ----- from any screen ---------------------------------------------------------------------

    def park_dialog(self):
        """Park an off-topic question from wherever the discussion is (Ctrl+Shift+P)."""
        from PySide6.QtCore import Qt

        from .widgets.quick_capture import ParkItDialog

        if self.ctx is None:
            return None
        dialog = ParkItDialog(self.ctx, self.place(), self.host.window())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.park(dialog.text.text(), dialog.raised_by.currentData(),
                                                  dialog.context.text()))
        dialog.open()
        return dialog

    def log_dialog(self):
        """Write a decision into the log by hand (Ctrl+Shift+L)."""
        from PySide6.QtCore import Qt

        from .widgets.quick_capture import LogDecisionDialog

        if self.ctx is None:
            return None
        dialog = LogDecisionDialog(self.place(), self.host.window())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.host.ctx.log_decision(dialog.text.text(), dialog.context.text()))
        dialog.open()
        return dialog

    @property
    def ctx(self) -> WorkshopContext | None:
        ctx = self.host.ctx
        return None if ctx is None or ctx.read_only else ctx

    def _now(self):
        return self.host.ctx.clock.now()

    # ----- sessions ----------------------------------------------------------------------------

    def start(self, session_id: str) -> None:
        """Start a session now (the running one ends) and go to its screen."""
        ctx = self.ctx
        if ctx is None:
            return
        changes = ros.start(ctx.workshop.agenda, session_id, self._now())
        if changes:
            title = changes[-1][1].title
            with ctx.macro(f"Start “{title[:40]}”"):
                for before, after in changes:
                    ctx.edit(before, after)
        session = next((s for s in ctx.workshop.agenda if s.id == session_id), None)
        if session is not None and session.screen:
            self.host.go_to_screen(session.screen)

    def next_session(self) -> None:
        """End the running session and start the next one; at the end of the agenda just end."""
        ctx = self.ctx
        if ctx is None:
            return
        following = ros.next_to_start(ctx.workshop.agenda)
        if following is not None:
            self.start(following.id)
        else:
            self.end()

    def end(self) -> None:
        ctx = self.ctx
        current = ros.running(ctx.workshop.agenda) if ctx else None
        if current is not None:
            ctx.edit(current, ros.end(current, self._now()), text=f"End “{current.title[:40]}”")

    def toggle_pause(self) -> None:
        ctx = self.ctx
        current = ros.running(ctx.workshop.agenda) if ctx else None
        if current is None:
            return
        if current.paused_at:
            ctx.edit(current, ros.resume(current, self._now()), text="Resume the timer")
        else:
            ctx.edit(current, ros.pause(current, self._now()), text="Pause the timer")

    def extend(self, *_: object) -> None:
        """+5 min (a button's or a menu's ``checked`` argument is ignored)."""
        self.extend_by(ros.EXTEND_MINUTES)

    def extend_by(self, minutes: int) -> None:
        ctx = self.ctx
        current = ros.running(ctx.workshop.agenda) if ctx else None
        if current is not None:
            ctx.edit(current, ros.extend(current, minutes), text=f"Add {minutes} minutes to “{current.title[:40]}”")

    # ----- the parking lot ---------------------------------------------------------------------

    def park(self, text: str, raised_by: str | None, context: str) -> m.ParkingItem | None:
        ctx = self.ctx
        if ctx is None or not text.strip():
            return None
        item = m.ParkingItem(ctx.new_id("pk", ctx.workshop.parking_lot), text.strip(), raised_by,
                             ros.stamp(self._now()), context.strip())
        ctx.edit(None, item, text="Park it")
        return item

    def resolve(self, item: m.ParkingItem, note: str = "") -> None:
        ctx = self.ctx
        if ctx is not None:
            ctx.edit(item, dataclasses.replace(item, resolution="resolved", note=note or item.note, link=None),
                     text="Parking lot: resolved")

    def reopen(self, item: m.ParkingItem) -> None:
        ctx = self.ctx
        if ctx is not None:
            ctx.edit(item, dataclasses.replace(item, resolution="open", link=None), text="Parking lot: open again")

    def make_action(self, item: m.ParkingItem, action: m.Action) -> None:
        """The item becomes an action (one undo step)."""
        self._became(item, action, "action", "Parking lot: an action")

    def move_to_not_now(self, item: m.ParkingItem) -> m.NotNow | None:
        """The item goes to the not-now list as a deferral (its revisit date is asked for there)."""
        ctx = self.ctx
        if ctx is None:
            return None
        who = ctx.workshop.participant_name(item.raised_by)
        entry = m.NotNow(ctx.new_id("n", ctx.workshop.not_now), item.text, None, "defer",
                         f"From the parking lot{f' (raised by {who})' if who else ''}")
        self._became(item, entry, "not_now", "Parking lot: not now")
        return entry

    def _became(self, item: m.ParkingItem, record: Any, resolution: str, text: str) -> None:
        ctx = self.ctx
        if ctx is None:
            return
        with ctx.macro(text):
            ctx.edit(None, record)
            ctx.edit(item, dataclasses.replace(item, resolution=resolution, link=record.id))
