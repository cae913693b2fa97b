"""Automatic restore points for the open workshop, and the "Restore to…" dialog.

Points are made when a file opens, just before a vote closes, and every few minutes while
something changed (``store/restore_points.py`` makes and rotates them). They live in the
user's data folder, not beside the workshop: the workshop may sit on a USB stick, a read-only
share or a synced folder, and copies of confidential strategy work should not spread to the
cloud or to whoever receives the workshop file. ``OKR_WORKSHOP_RESTORE_DIR`` moves them.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..domain import model as m
from ..store.restore_points import KEEP, RestorePoint, RestorePoints
from ..store.workshop_file import WorkshopFileError
from .context import WorkshopContext

INTERVAL_MINUTES = 10
ENV_FOLDER = "OKR_WORKSHOP_RESTORE_DIR"


def restore_root() -> Path:
    """Where restore points go: ``$OKR_WORKSHOP_RESTORE_DIR``, else the user's data folder
    (Linux ``~/.local/share/okr-workshop/okr-workshop/restore points``)."""
    override = os.environ.get(ENV_FOLDER)
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation)
    return Path(base or Path.home() / ".okr-workshop") / "restore points"


class RestoreKeeper(QObject):
    """Makes the restore points of one open workshop; lives and dies with its context."""

    made = Signal(object)  # the RestorePoint
    failed = Signal(str)

    def __init__(self, ctx: WorkshopContext, root: Path, interval_ms: int = INTERVAL_MINUTES * 60_000,
                 keep: int = KEEP):
        super().__init__(ctx)
        self.ctx = ctx
        self.points = RestorePoints(ctx.store.path, root, keep)
        self.dirty = True
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, interval_ms))
        self.timer.timeout.connect(self.tick)
        ctx.changed.connect(self._changed)
        ctx.before_edit.append(self._before_edit)
        ctx.store.closing.append(self.stop)

    @property
    def interval_text(self) -> str:
        minutes = self.timer.interval() / 60_000
        return f"every {minutes:g} minutes" if minutes >= 1 else f"every {self.timer.interval() / 1000:g} s"

    def start(self, first_reason: str | None = "Opened") -> None:
        if first_reason:
            self.make(first_reason)
        self.timer.start()

    def stop(self) -> None:
        self.stopped = True
        self.timer.stop()
        if self._before_edit in self.ctx.before_edit:
            self.ctx.before_edit.remove(self._before_edit)

    def _changed(self, _section: str) -> None:
        self.dirty = True

    def tick(self) -> None:
        """The timer: a point only if something changed since the last one, so a quiet hour
        does not push the useful points out of the rotation."""
        if self.dirty:
            self.make(f"Automatic, {self.interval_text}")

    def _before_edit(self, before: Any, after: Any) -> None:
        if isinstance(before, m.Vote) and isinstance(after, m.Vote) and after.closed and not before.closed:
            self.make(f"Before closing the vote “{before.title}”", final={before.id})

    def make(self, reason: str, final: Collection[str] = ()) -> RestorePoint | None:
        """A point now; a failure (a full disk) is reported, never raised into an edit."""
        if self.stopped or self.ctx.read_only:
            return None
        try:
            point = self.points.make(self.ctx.store, reason, final)
        except (OSError, sqlite3.Error, WorkshopFileError) as exc:
            self.failed.emit(f"No restore point was made ({reason}): {exc}")
            return None
        self.dirty = False
        self.made.emit(point)
        return point


class RestoreDialog(QDialog):
    """The open workshop's restore points, newest first; restoring asks once, then replaces."""

    def __init__(self, window: Any, points: RestorePoints):
        super().__init__(window)
        self.window_ = window
        self.points = points
        self.setWindowTitle("Restore to…")
        self.resize(980, 520)
        title = QLabel("Restore the workshop to an earlier point")
        title.setProperty("role", "subtitle")
        hint = QLabel(
            "Points are made when the file opens, just before each vote closes, and every few minutes "
            "while something changes. Restoring replaces the whole workshop; the state you have now is "
            "kept as a point first, so you can come back to it.")
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["When", "Why", "What it holds"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.Interactive)
        self.tree.header().resizeSection(1, 320)
        self.tree.header().setStretchLastSection(True)
        self.details = QLabel()  # the selected point in full: the reason, what it holds, what it lacks
        self.details.setWordWrap(True)
        self.tree.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.empty = QLabel("No restore points yet: the first is made when the file opens.")
        self.empty.setProperty("role", "empty")
        self.folder = QLabel(f"Kept in {points.folder}")
        self.folder.setProperty("role", "hint")
        self.folder.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.restore_button = self.buttons.addButton("Restore to this point…", QDialogButtonBox.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, hint, self.tree, self.empty, self.details, self.folder, self.buttons):
            layout.addWidget(widget)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        for point in self.points.list():
            item = QTreeWidgetItem([f"{point.made:%a %d %b  %H:%M:%S}", point.reason,
                                    point.summary + (" · without some ballots" if point.note else "")])
            item.setData(0, Qt.UserRole, point)
            item.setToolTip(1, point.reason)
            self.tree.addTopLevelItem(item)
        self.tree.setVisible(self.tree.topLevelItemCount() > 0)
        self.empty.setVisible(self.tree.topLevelItemCount() == 0)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def listed(self) -> list[RestorePoint]:
        return [self.tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(self.tree.topLevelItemCount())]

    def selected(self) -> RestorePoint | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        point = self.selected()
        self.restore_button.setEnabled(point is not None)
        if point is None:
            self.details.clear()
            return
        lacks = f"<br>Kept {escape(point.note)}." if point.note else ""
        self.details.setText(f"<b>{point.made:%A %d %B, %H:%M:%S}</b> · {escape(point.reason)}<br>"
                             f"{escape(point.summary)}{lacks}")

    def restore_selected(self) -> bool:
        point = self.selected()
        if point is None:
            return False
        lacks = f"\n\nThis point was kept {point.note}: restored, that vote has no ballots." if point.note else ""
        answer = QMessageBox.question(
            self, "Restore the workshop?",
            f"Replace everything in the open workshop with its state of {point.made:%A %H:%M:%S} "
            f"({point.reason})?\n\nThe state you have now is kept as a restore point first, so you can "
            f"come back to it. Room voting stops, and the undo history starts afresh.{lacks}")
        if answer != QMessageBox.Yes:
            return False
        if self.window_.restore_to(point):
            self.accept()
            return True
        return False
