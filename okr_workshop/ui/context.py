"""What every screen shares: the open file, the undo stack and the change signal."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain import model as m
from ..store.workshop_file import WorkshopFile
from .commands import EditRecord, FileUndoStack


class WorkshopContext(QObject):
    """Screens read ``workshop`` and redraw on ``changed``; they edit only through ``edit``."""

    changed = Signal(str)  # the section that changed, or "all"
    projector_changed = Signal(bool)

    def __init__(self, store: WorkshopFile, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = FileUndoStack(store, self)
        self.projector = False
        self.painted = True  # the main window says otherwise until its first frame is on screen
        self._after_paint: list[Callable[[], None]] = []
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
        self.undo_stack.push(EditRecord(self.store, before, after, text, position, merge_field))

    def macro(self, text: str):
        """Group several edits into one undo step: ``with ctx.macro("Decide"): ...``."""
        stack = self.undo_stack

        class _Macro:
            def __enter__(self) -> None:
                stack.beginMacro(text)

            def __exit__(self, *exc: object) -> None:
                stack.endMacro()

        return _Macro()

    def new_id(self, prefix: str, existing: Any) -> str:
        taken = {getattr(r, "id", None) for r in existing}
        return next(f"{prefix}{n}" for n in itertools.count(1) if f"{prefix}{n}" not in taken)

    def set_projector(self, on: bool) -> None:
        self.projector = on
        self.projector_changed.emit(on)
