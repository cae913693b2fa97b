"""What every screen shares: the open file, the undo stack, the change signal and the clock.

The decision log is written here, in one place, for every screen: each edit (or each undo
step, for a macro) is read by ``domain.decision_log`` and the decisions it shows are stored
as log entries *in the same undo step*. Undo therefore takes the entry away with the decision
(a vote closed by mistake and reopened with Ctrl+Z leaves no "closed" line behind), and redo
brings back the same entry with its original time. A deliberate reopening, made as an edit of
its own, is logged as a decision of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain import decision_log
from ..domain import model as m
from ..domain.clock import Clock, SystemClock, stamp
from ..store.workshop_file import WorkshopFile
from .commands import EditRecord, FileUndoStack


class WorkshopContext(QObject):
    """Screens read ``workshop`` and redraw on ``changed``; they edit only through ``edit``."""

    changed = Signal(str)  # the section that changed, or "all"
    # Whether the room may see the console (see ``room_sees_console``): screens hide their secrets.
    room_sees_console_changed = Signal(bool)

    def __init__(self, store: WorkshopFile, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = FileUndoStack(store, self)
        self.stage_on_console = False  # the stage is up on the console's own screen (one screen, mirrored)
        self.painted = True  # the main window says otherwise until its first frame is on screen
        self._after_paint: list[Callable[[], None]] = []
        # Told (before, after) just before an edit applies: restore points catch a vote closing here.
        self.before_edit: list[Callable[[Any, Any], None]] = []
        self.clock: Clock = SystemClock()  # tests put a clock they move by hand
        self.place: Callable[[], str] = lambda: ""  # where the room is, in words (the window says)
        self._macro_depth = 0
        self._step: list[tuple[Any, Any]] = []  # the changes of the open macro, for the decision log
        self._step_framework = ""
        store.listeners.append(self.changed.emit)

    def after_paint(self, work: Callable[[], None]) -> None:
        """Run ``work`` soon, but never before the window's first frame: slow analysis
        (networkx) must not delay the moment the facilitator sees the workshop."""
        if self.painted:
            QTimer.singleShot(0, work)
        else:
            self._after_paint.append(work)

    def mark_painted(self) -> None:
        self.painted = True
        pending, self._after_paint = self._after_paint, []
        for work in pending:
            QTimer.singleShot(0, work)

    @property
    def workshop(self) -> m.Workshop:
        return self.store.workshop

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def edit(self, before: Any, after: Any, text: str = "", position: int | None = None,
             merge_field: str | None = None) -> None:
        """Replace ``before`` with ``after`` as one undoable step (either may be None)."""
        if before == after or self.read_only:
            return
        command = EditRecord(self.store, before, after, text, position, merge_field)
        if self._macro_depth == 0 and decision_log.entries_for_step([(before, after)], self.workshop):
            with self.macro(command.text()):  # the decision and its log entry: one undo step
                self._push(before, after, command)
        else:
            self._push(before, after, command)  # alone, so that typing still merges into one step

    def _push(self, before: Any, after: Any, command: EditRecord) -> None:
        for hook in list(self.before_edit):
            hook(before, after)
        if self._macro_depth:
            self._step.append((before, after))
        self.undo_stack.push(command)

    def macro(self, text: str):
        """Group several edits into one undo step: ``with ctx.macro("Decide"): ...``."""
        ctx = self
        stack = self.undo_stack

        class _Macro:
            def __enter__(self) -> None:
                if ctx._macro_depth == 0:
                    ctx._step = []
                    ctx._step_framework = ctx.workshop.framework
                ctx._macro_depth += 1
                stack.beginMacro(text)

            def __exit__(self, *exc: object) -> None:
                ctx._macro_depth -= 1
                try:
                    if ctx._macro_depth == 0 and exc[0] is None:
                        ctx._log_step()
                finally:
                    stack.endMacro()

        return _Macro()

    def _log_step(self) -> None:
        """Store the decisions the finished step shows, inside the step."""
        changes, self._step = self._step, []
        if not changes or self.read_only:
            return
        ws = self.workshop
        found = decision_log.entries_for_step(changes, ws, framework_switched=ws.framework != self._step_framework)
        for entry in decision_log.with_ids(found, ws.decision_log, stamp(self.clock.now()), self.place()):
            self.undo_stack.push(EditRecord(self.store, None, entry, "Log the decision"))

    def log_decision(self, text: str, context: str | None = None) -> m.LogEntry | None:
        """A decision written by hand, stamped now: one undoable edit."""
        if not text.strip() or self.read_only:
            return None
        entry = m.LogEntry(self.new_id("l", self.workshop.decision_log), stamp(self.clock.now()), "manual",
                           text.strip(), self.place() if context is None else context)
        self.edit(None, entry, text="Log a decision")
        return entry

    def new_id(self, prefix: str, existing: Any) -> str:
        return next(m.free_ids(prefix, (getattr(r, "id", "") for r in existing)))

    @property
    def room_sees_console(self) -> bool:
        """The room may be looking at the console: the stage is up on the console's own screen
        (one screen, or a mirrored projector). Nothing secret is drawn then."""
        return self.stage_on_console

    def set_stage_on_console(self, on: bool) -> None:
        """Told by the stage panel, where it decides its "One screen" banner."""
        sees = self.room_sees_console
        self.stage_on_console = on
        self._tell_if_room_sees_changed(sees)

    def _tell_if_room_sees_changed(self, before: bool) -> None:
        if self.room_sees_console != before:
            self.room_sees_console_changed.emit(self.room_sees_console)
