"""A user step is all or nothing: a kill between its writes leaves the file as before the step.

The child process edits through the real undo stack and the window's context, and kills itself
at the exact place where the old code had committed the data but not yet the undo log or the
decision log. After the kill the file must show the step entirely or not at all, and undo
must still work after a restart.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.commands import EditRecord, FileUndoStack

from .helpers import demo_before_the_choice

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

CHILD = """
import os, signal, sys
from PySide6.QtCore import QCoreApplication
from okr_workshop.domain import model as m
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.commands import EditRecord
from okr_workshop.ui.context import WorkshopContext

app = QCoreApplication([])
store = WorkshopFile.open(sys.argv[1])
ctx = WorkshopContext(store)
mode = sys.argv[2]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if mode == "push":  # the action is written; the kill comes before its undo-log entry
    store.record_undo = die
    ctx.edit(None, m.Action("a-kill", "Written, then killed"))
elif mode == "undo":  # the action's deletion is written; the kill comes before the undo log drops it
    ctx.edit(None, m.Action("a-kill", "Kept by undo"))
    store.drop_undo = die
    ctx.undo_stack.undo()
elif mode == "close-vote":  # the vote is closed; the kill comes before the decision log's entry
    real_put = store.put
    def put(record, position=None):
        if isinstance(record, m.LogEntry):
            die()
        return real_put(record, position)
    store.put = put
    vote = next(v for v in store.workshop.votes if v.id == "v2")
    ctx.edit(vote, type(vote)(**{**vote.__dict__, "closed": True}))
print("not killed", flush=True)
"""


def run_child(path: Path, mode: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], capture_output=True, text=True,
                           env=env, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr


@pytest.fixture
def workshop_path(tmp_path: Path) -> Path:
    path = tmp_path / "steps.okrw"
    # the shipped demo's offsite is over; the kill tests close a vote still open and log it
    WorkshopFile.create(path, workshop_from_document(demo_before_the_choice())).close()
    return path


def test_a_kill_before_the_undo_log_is_written_loses_the_whole_edit(workshop_path: Path, qapp):
    """The action and its undo entry commit together: after the kill neither is in the file."""
    run_child(workshop_path, "push")
    with WorkshopFile.open(workshop_path) as store:
        assert "a-kill" not in {a.id for a in store.workshop.actions}
        assert store.undo_log() == []


def test_a_kill_inside_an_undo_leaves_a_history_that_still_undoes(workshop_path: Path, qapp):
    """The undo's data and its undo-log change commit together; after a restart Ctrl+Z still works."""
    run_child(workshop_path, "undo")
    with WorkshopFile.open(workshop_path) as store:
        assert "a-kill" in {a.id for a in store.workshop.actions}
        assert [entry["text"] for entry in store.undo_log()] == ["Add Kept by undo"]
        stack = FileUndoStack(store)
        stack.undo()
        assert "a-kill" not in {a.id for a in store.workshop.actions}
        assert store.undo_log() == []


def test_a_kill_before_the_decision_log_entry_leaves_the_vote_open(workshop_path: Path, qapp):
    """Closing a vote and logging it are one step: never a closed vote without its log line."""
    run_child(workshop_path, "close-vote")
    with WorkshopFile.open(workshop_path) as store:
        vote = next(v for v in store.workshop.votes if v.id == "v2")
        assert not vote.closed
        assert not [e for e in store.workshop.decision_log if e.ref == "vote:v2"]


def test_a_step_that_fails_half_way_is_rolled_back_in_the_file_and_on_screen(workshop_path: Path, qapp):
    """An exception inside a step undoes its earlier writes, and the in-memory workshop follows the file."""
    with WorkshopFile.open(workshop_path) as store:
        before = list(store.workshop.actions)
        with pytest.raises(RuntimeError), store.step():
            store.put(m.Action("a-half", "Half a step"))
            raise RuntimeError("the second half fails")
        assert store.workshop.actions == before
    with WorkshopFile.open(workshop_path, read_only=True) as store:
        assert "a-half" not in {a.id for a in store.workshop.actions}


def test_an_edit_pushed_on_the_stack_is_in_the_file_with_its_undo_entry(workshop_path: Path, qapp):
    """The usual path still commits: the data and the undo entry are both there after reopening."""
    with WorkshopFile.open(workshop_path) as store:
        FileUndoStack(store).push(EditRecord(store, None, m.Action("a-ok", "Kept")))
    with WorkshopFile.open(workshop_path, read_only=True) as store:
        assert "a-ok" in {a.id for a in store.workshop.actions}
        assert [entry["text"] for entry in store.undo_log()] == ["Add Kept"]
