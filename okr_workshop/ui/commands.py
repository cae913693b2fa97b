"""Every edit in the UI is one undoable command that writes through the store.

``EditRecord`` covers all record kinds: "replace this record with that one" (insert when
there was none, delete when there is none after). Consecutive edits of the same field of the
same record merge, so typing a title is one undo step, not fifty. Commands are also kept in
the workshop file, so undo survives closing and reopening it.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain import model as m
from ..store.workshop_file import WorkshopFile

MERGE_ID = 1
MERGE_SECONDS = 3.0
_KINDS = {cls.__name__: cls for cls in (
    m.WorkshopInfo, m.Diagnosis, m.RolloutPlan, m.Participant, m.Priority, m.AlignmentAnswer, m.Vote, m.NotNow,
    m.Tradeoff, m.DepNode, m.DepEdge, m.Role, m.Decision, m.Objective, m.KeyResult, m.Forum, m.Action,
    m.Intake, m.AgendaSession, m.ParkingItem, m.LogEntry, m.Prompt, m.PromptAnswer, m.Theme, m.RoomQuestion,
    m.History, m.PastKeyResult,
)}


def describe(record: Any) -> str:
    """A short name for a record, for undo texts."""
    for attr in ("title", "name", "label", "objective", "situation"):
        value = getattr(record, attr, None)
        if value:
            return str(value)[:40]
    return type(record).__name__


class EditRecord(QUndoCommand):
    """Replace ``before`` with ``after``; either may be None (insert / delete)."""

    def __init__(self, store: WorkshopFile, before: Any, after: Any, text: str = "",
                 position: int | None = None, merge_field: str | None = None):
        super().__init__(text or self._default_text(before, after, merge_field))
        self.store = store
        self.before = before
        self.after = after
        self.position = position
        self.merge_field = merge_field
        self.stamp = time.monotonic()
        self.restoring = False

    @staticmethod
    def _default_text(before: Any, after: Any, merge_field: str | None) -> str:
        if before is None:
            return f"Add {describe(after)}"
        if after is None:
            return f"Delete {describe(before)}"
        return f"Edit {describe(after)}" + (f" ({merge_field})" if merge_field else "")

    def redo(self) -> None:
        if self.restoring:  # rebuilt from the file: already applied
            self.restoring = False
            return
        self._replace(self.before, self.after)

    def undo(self) -> None:
        if self.before is None and isinstance(self.after, m.Vote):
            # Undoing a vote's creation deletes it with the ballots cast since; keep them, so
            # that redo brings the vote back as it was and not empty. Ballots are not undoable.
            self.after = next((v for v in self.store.workshop.votes if v.id == self.after.id), self.after)
        self._replace(self.after, self.before)

    def _replace(self, old: Any, new: Any) -> None:
        if new is None:
            self.position = self.store.delete(old)
        elif old is None:
            self.store.put(new, self.position)
        elif getattr(old, "id", None) != getattr(new, "id", None):  # a key field changed
            self.store.replace(old, new)
        else:
            self.store.put(_with_upvotes_now(self.store, old, new))

    def id(self) -> int:
        return MERGE_ID if self.merge_field else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditRecord) or other.merge_field != self.merge_field:
            return False
        if self.before is None or other.before is None or self.after is None or other.after is None:
            return False
        if type(self.after) is not type(other.after) or getattr(self.after, "id", None) != getattr(
            other.after, "id", None
        ):
            return False
        if other.stamp - self.stamp > MERGE_SECONDS:
            return False
        self.after = other.after
        self.stamp = other.stamp
        self.setText(other.text())
        return True

    # ----- kept in the file ----------------------------------------------------------------

    def persistable(self) -> bool:
        # A vote's snapshot carries its ballots; logging them edit by edit could reveal the
        # order in which secret ballots arrived, so vote edits are undoable only until closing.
        return not isinstance(self.before, m.Vote) and not isinstance(self.after, m.Vote)

    def to_dict(self) -> dict[str, Any]:
        def dump(record: Any) -> dict[str, Any] | None:
            if record is None:
                return None
            return {"kind": type(record).__name__, "fields": dataclasses.asdict(record)}

        return {"text": self.text(), "before": dump(self.before), "after": dump(self.after),
                "position": self.position, "merge_field": self.merge_field}

    @classmethod
    def from_dict(cls, store: WorkshopFile, data: dict[str, Any]) -> EditRecord:
        def load(d: dict[str, Any] | None) -> Any:
            return None if d is None else _KINDS[d["kind"]](**d["fields"])

        cmd = cls(store, load(data["before"]), load(data["after"]), data["text"], data["position"],
                  data.get("merge_field"))
        cmd.stamp = float("-inf")  # never merge with a command from an earlier session
        return cmd


def _with_upvotes_now(store: WorkshopFile, old: Any, new: Any) -> Any:
    """A question from the floor keeps the upvotes phones gave it since the edit: undoing "Answered"
    puts back the status, not the count of an hour ago; only this edit's own change to the count
    (a hand counted on the laptop) is undone or redone."""
    if not isinstance(new, m.RoomQuestion):
        return new
    now = next((q for q in store.workshop.room_questions if q.id == new.id), None)
    if now is None:
        return new
    return dataclasses.replace(new, upvotes=max(0, now.upvotes + new.upvotes - old.upvotes))


class SetFramework(QUndoCommand):
    """Switch the decision-rights framework (letters stay as they are: the screen moves them in
    the same macro). Kept in the file like ``EditRecord``, so the switch stays undoable."""

    def __init__(self, store: WorkshopFile, before: str, after: str):
        super().__init__(f"Use {after}")
        self.store, self.before, self.after = store, before, after
        self.restoring = False

    def redo(self) -> None:
        if self.restoring:  # rebuilt from the file: already applied
            self.restoring = False
            return
        self.store.set_framework(self.after)

    def undo(self) -> None:
        self.store.set_framework(self.before)

    def persistable(self) -> bool:
        return True

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text(), "framework": {"before": self.before, "after": self.after}}

    @classmethod
    def from_dict(cls, store: WorkshopFile, data: dict[str, Any]) -> SetFramework:
        cmd = cls(store, data["framework"]["before"], data["framework"]["after"])
        cmd.setText(data["text"])
        return cmd


class FileUndoStack(QUndoStack):
    """A QUndoStack whose applied history is mirrored in the workshop file, one entry per step.

    Each step (a push, a macro, an undo, a redo) is one transaction of the file: its data, its
    undo-log entry and its decision-log entries commit together or not at all, so a crash can
    never leave the saved history out of step with the data it undoes.
    """

    def __init__(self, store: WorkshopFile, parent: Any = None):
        super().__init__(parent)
        self.store = store
        self._logged: list[bool] = []  # per step on the stack: is it in the file's log?
        self._macro: list[dict[str, Any]] | None = None
        self._macro_depth = 0
        self._restore()

    def _restore(self) -> None:
        for data in self.store.undo_log():
            try:
                step = _step_from_dict(self.store, data)
            except (KeyError, TypeError):
                continue  # written by another version: that step is simply not undoable
            super().push(step)
            self._logged.append(True)
        self.setClean()

    def push(self, cmd: QUndoCommand) -> None:
        if self.store.read_only:
            return
        if self._macro_depth:
            super().push(cmd)
            if self._macro is not None:
                if _persistable(cmd):
                    self._macro.append(cmd.to_dict())
                else:
                    self._macro = None
            return
        with self.store.step():
            del self._logged[self.index():]  # the redo tail is discarded by the push
            index = self.index()
            super().push(cmd)
            if self.index() == index:  # merged into the top step: its log entry changes
                if self._logged[-1]:
                    self.store.drop_undo(1)
                self._logged[-1] = self._log(self.command(index - 1))
            else:
                self._logged.append(self._log(cmd))

    def beginMacro(self, text: str) -> None:  # noqa: N802 - Qt's name
        if self._macro_depth == 0:
            self.store.begin_step()
            del self._logged[self.index():]
            self._macro = []
        self._macro_depth += 1
        super().beginMacro(text)

    def endMacro(self) -> None:  # noqa: N802 - Qt's name
        super().endMacro()
        self._macro_depth -= 1
        if self._macro_depth == 0:
            try:
                step = self.command(self.index() - 1)
                children = self._macro
                self._macro = None
                if children:
                    self.store.record_undo({"text": step.text(), "children": children})
                self._logged.append(bool(children))
            finally:
                self.store.end_step()  # the stack keeps the macro either way, so the file does too

    def _log(self, step: QUndoCommand) -> bool:
        if isinstance(step, EditRecord | SetFramework):
            if not step.persistable():
                return False
            self.store.record_undo(step.to_dict())
            return True
        children = _children(step)
        if children and all(_persistable(c) for c in children):
            self.store.record_undo({"text": step.text(), "children": [c.to_dict() for c in children]})
            return True
        return False

    def undo(self) -> None:
        if not self.canUndo():
            return
        i = self.index() - 1
        with self.store.step():
            super().undo()
            if i < len(self._logged) and self._logged[i]:
                self.store.drop_undo(1)

    def redo(self) -> None:
        if not self.canRedo():
            return
        i = self.index()
        with self.store.step():
            super().redo()
            if i < len(self._logged) and self._logged[i]:
                self._log(self.command(i))


def _persistable(cmd: QUndoCommand) -> bool:
    return isinstance(cmd, EditRecord | SetFramework) and cmd.persistable()


def _command_from_dict(store: WorkshopFile, data: dict[str, Any]) -> EditRecord | SetFramework:
    return SetFramework.from_dict(store, data) if "framework" in data else EditRecord.from_dict(store, data)


def _step_from_dict(store: WorkshopFile, data: dict[str, Any]) -> QUndoCommand:
    if "children" not in data:
        step = _command_from_dict(store, data)
        step.restoring = True
        return step
    return _RestoredMacro(data["text"], [_command_from_dict(store, c) for c in data["children"]])


def _children(step: QUndoCommand) -> list[QUndoCommand]:
    if isinstance(step, _RestoredMacro):
        return list(step.steps)
    return [step.child(i) for i in range(step.childCount())]


class _RestoredMacro(QUndoCommand):
    """A grouped step read back from the file: already applied when it is pushed. It holds
    its steps itself; giving them a C++ parent would have both sides delete them."""

    def __init__(self, text: str, steps: list[EditRecord | SetFramework]):
        super().__init__(text)
        self.steps = steps
        self.restoring = True

    def redo(self) -> None:
        if self.restoring:
            self.restoring = False
            return
        for step in self.steps:
            step.redo()

    def undo(self) -> None:
        for step in reversed(self.steps):
            step.undo()
