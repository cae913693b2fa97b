"""A room day: the real window driven for a few minutes as the facilitator and the room drive it.

Run from the repository root:  python tests/benchmarks/bench_soak.py [rounds]   (default 10)
The real MainWindow at 1280x800 (Qt offscreen, the app's own QApplication; settings, restore
points, temporary files and matplotlib's cache in a temporary HOME, see bench_interaction's
``isolate``) on a copy of the demo offsite with 50 more people in the room (60 voters), opened
with ``open_path`` as a real file is (restore points on, made every RESTORE_EVERY_S instead of
every 10 minutes, so that a day's worth of them happens).

Each round does what a stretch of the day does, through the widgets (QTest keys and clicks) and
so through the same commands and undo stack the facilitator uses:
  * 30 edits: priorities renamed in the Overview's table (F2, type, Enter), decision-rights
    letters typed in the matrix, Not-now cards moved (Alt+4 / Alt+5), actions added (Add, type
    a title) and deleted (Delete key); every tenth edit is undone with Ctrl+Z;
  * a vote: created with "New vote…" (its dialog), room voting started as the Vote screen does
    (``start_room`` on 127.0.0.1), 60 phones voting (bench_room's ``Voter`` / ``vote_all``, on
    their own asyncio loop in a thread, so this thread keeps its Qt event loop turning), every
    ballot checked in, results revealed and hidden twice, room voting stopped with its button,
    the vote closed;
  * stage changes: F5, PageDown / PageUp on the stage, the panel's Next, Blank and a jump, Hide;
  * every other round, a PDF rollout pack through the Export screen's background job (the save
    dialog answered by the benchmark, as tests/ui/test_pack_export.py's fixtures do).
A first, smaller round warms everything up (two edits of each kind, one vote of each method, the
stage, one export: imports, caches, first builds); it is not counted.

Budgets (each PASS or OVER):
  memory   the process's resident set (VmRSS) grows by at most 50 MB from after the warm-up to
           the end (both read after a full garbage collection);
  stalls   a heartbeat QTimer (10 ms, precise) ticks through the whole soak; the longest gap
           between two ticks, less the interval, is at most 100 ms (warm-up excluded);
  file     after the window closes, the workshop file is under 5 MB and its -wal file is absent
           or empty (checkpointed).
Prints one row per phase (count, longest heartbeat gap and at which step, RSS after its last step,
what RSS grew during its steps), then the longest gaps with what explains them (the GUI thread's
CPU time in the gap: the rest is waiting for the GIL, the disk or a CPU this shared machine gave
to another process; where a sampler thread saw the GUI thread's stack; the garbage collections in
the gap), the full garbage collections, and the verdicts. Exits 1 when any is over, or when
something fails (a vote without its 60 ballots, an edit that did not land, a message box).
About 1.5 minutes (progress on stderr).
"""

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import gc
import importlib.util
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROUNDS = 10
VOTERS = 60
HEARTBEAT_MS = 10
BUDGET_RSS_MB = 50.0
BUDGET_STALL_MS = 100.0
BUDGET_FILE_MB = 5.0
RESTORE_EVERY_S = 20
PHONES_TIMEOUT_S = 90.0
EXPORT_TIMEOUT_S = 120.0
SAMPLE_AFTER_MS = 50.0  # gaps longer than this are listed, with where the GUI thread was
SAMPLE_EVERY_S = 0.005
STALLS_LISTED = 12
WATCHDOG_S = 900  # the whole run: a hang is stopped and says where it was
EDITS_PER_ROUND = {"rename a priority": 8, "matrix: type a letter": 8, "not now: move a card": 6,
                   "add an action": 4, "delete an action": 4}
UNDO_EVERY = 10  # every tenth edit is undone with Ctrl+Z
METHODS = ("dots", "rank", "points", "scale")
VOTE_ITEMS = 6


def _load(name: str) -> ModuleType:
    """A sibling benchmark, loaded by path (tests/benchmarks is not a package)."""
    spec = importlib.util.spec_from_file_location(f"soak_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # as an import would (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


interaction = _load("bench_interaction")  # isolate, application, open_window, go, activate, close_window
room = _load("bench_room")  # Voter, vote_all


class Failure(Exception):
    """Something the soak did had not the effect it should have."""


# ----- measuring ---------------------------------------------------------------------------------


def rss_mb(collect: bool = True) -> float:
    """This process's resident set, MB (after a full collection unless told not to)."""
    if collect:
        gc.collect()
    text = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", text).group(1)) / 1024


def trimmed_rss_mb() -> float:
    """The resident set once glibc has returned its free heap memory (``malloc_trim``): how much
    of the growth is memory the allocator keeps for reuse, not memory in use. 0 off glibc."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        return 0.0
    return rss_mb(collect=False)


@dataclass
class Phase:
    count: int = 0
    gap_ms: float = 0.0  # the longest heartbeat gap, less the interval
    where: str = ""
    rss: float = 0.0  # MB, after its last step
    grew: float = 0.0  # MB the resident set grew (or shrank) over its steps


@dataclass
class Stall:
    gap_ms: float
    phase: str
    step: str
    stack: str  # where the GUI thread was, most often, while the heartbeat waited
    cpu_ms: float  # the GUI thread's CPU time in the gap (the rest: waiting for the GIL, the disk, the CPU)
    gc: str  # the garbage collector's work in the gap: "gen2 342 ms"
    others: str  # where the other busy threads were meanwhile (the PDF worker, the room's server)


@dataclass
class Heartbeat:
    """A 10 ms precise timer on the GUI thread; each gap between ticks is charged to the phase
    and step under way when the late tick arrives. A sampler thread looks at the GUI thread's
    stack while a tick is late, so that a stall says where it was spent."""

    app: Any
    phases: dict[str, Phase] = field(default_factory=dict)
    stalls: list[Stall] = field(default_factory=list)  # every gap over SAMPLE_AFTER_MS
    phase: str = "start"
    step: str = ""
    last: float = 0.0
    timer: Any = None
    samples: list[str] = field(default_factory=list)  # stacks seen since the last tick
    elsewhere: list[str] = field(default_factory=list)  # the other threads' meanwhile
    collections: list[tuple[int, float]] = field(default_factory=list)  # (generation, ms) since the last tick
    full: list[tuple[float, str]] = field(default_factory=list)  # every full collection: (ms, phase / step)
    last_cpu: float = 0.0
    running: bool = False
    rss_mark: float = 0.0  # the resident set when last read, for ``Phase.grew``
    _gc_start: float = 0.0

    def start(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.timer.start()
        self.running = True
        threading.Thread(target=self._sample, args=(threading.get_ident(),), name="stall sampler",
                         daemon=True).start()
        gc.callbacks.append(self._collecting)

    def stop(self) -> None:
        self.timer.stop()
        self.running = False
        if self._collecting in gc.callbacks:
            gc.callbacks.remove(self._collecting)

    def _collecting(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
            return
        ms = (time.perf_counter() - self._gc_start) * 1000
        self.collections.append((info["generation"], ms))
        if info["generation"] == 2:
            self.full.append((ms, f"{self.phase} / {self.step}"))

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self.last) * 1000 - HEARTBEAT_MS
        cpu_ms = (cpu - self.last_cpu) * 1000
        self.last, self.last_cpu = now, cpu
        samples, self.samples = self.samples, []
        elsewhere, self.elsewhere = self.elsewhere, []
        collections, self.collections = self.collections, []
        row = self.phases.setdefault(self.phase, Phase())
        if gap > row.gap_ms:
            row.gap_ms, row.where = gap, self.step
        if gap > SAMPLE_AFTER_MS:
            work = ", ".join(f"gen{g} {ms:.0f} ms" for g, ms in collections if ms >= 1) or "none"
            self.stalls.append(Stall(gap, self.phase, self.step, _most_common(samples), cpu_ms, work,
                                     _most_common(elsewhere)))

    def _sample(self, gui: int) -> None:
        """While the GUI thread is late for its tick, note its stack (and the other threads') every few ms."""
        me = threading.get_ident()
        while self.running:
            time.sleep(SAMPLE_EVERY_S)
            if (time.perf_counter() - self.last) * 1000 > HEARTBEAT_MS + SAMPLE_AFTER_MS / 2:
                frames = sys._current_frames()
                if gui in frames:
                    self.samples.append(where(frames[gui]))
                busy = [where(f) for t, f in frames.items() if t not in (gui, me) and not _idle(f)]
                if busy:
                    self.elsewhere.append(" | ".join(sorted(busy)))

    def enter(self, phase: str, step: str = "") -> None:
        """From now on gaps are ``phase``'s; what is pending is delivered (and charged) first."""
        self.app.processEvents()
        self._charge_memory()
        self.phase, self.step = phase, step
        self.phases.setdefault(phase, Phase())

    def done(self, count: int = 1) -> None:
        row = self.phases[self.phase]
        row.count += count
        row.rss = self._charge_memory()

    def _charge_memory(self) -> float:
        """The resident set now (no collection: that would be a stall of the soak's own making);
        what it grew since the last reading is the current phase's."""
        now = rss_mb(collect=False)
        self.phases.setdefault(self.phase, Phase()).grew += now - self.rss_mark
        self.rss_mark = now
        return now

    def restart(self) -> None:
        """Forget the warm-up: only what follows is judged."""
        self.app.processEvents()
        self.phases.clear()
        self.stalls.clear()
        self.full.clear()
        self.rss_mark = rss_mb(collect=False)
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()

    def worst(self) -> tuple[float, str]:
        gap, phase = max(((p.gap_ms, name) for name, p in self.phases.items()), default=(0.0, ""))
        return gap, f"{phase}: {self.phases[phase].where}" if phase else ""


def where(frame) -> str:
    """A stack in one line: the innermost frame, and the innermost of the app's own."""
    stack = traceback.extract_stack(frame)
    ours = [f for f in stack if "/okr_workshop/" in f.filename]
    short = lambda f: f"{f.filename.split('site-packages/')[-1].split('okr_workshop/')[-1]}:{f.name}"  # noqa: E731
    inner = short(stack[-1]) if stack else "?"
    app = " <- ".join(short(f) for f in reversed(ours[-3:]))
    return f"{inner}  [{app}]" if app else inner


def _idle(frame) -> bool:
    """A thread that waits (a lock, a selector, a sleep): not competing for the interpreter."""
    return frame.f_code.co_name in ("wait", "select", "_worker", "sleep", "run_forever", "_run_once", "poll")


def _most_common(samples: list[str], shown: int = 2) -> str:
    """The stacks seen most often, with how often: "a.py:f (9/20) ; b.py:g (4/20)"."""
    if not samples:
        return "(none sampled)"
    ranked = sorted(set(samples), key=lambda x: -samples.count(x))[:shown]
    return " ; ".join(f"{x} ({samples.count(x)}/{len(samples)})" for x in ranked)


def pump(app, seconds: float, until: Callable[[], bool] | None = None) -> bool:
    """Run Qt's event loop (as the app's own does) for ``seconds`` or until ``until()``; its value."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer

    deadline = time.perf_counter() + seconds
    if until is not None and until():
        return True
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(2)

    def check() -> None:
        if (until is not None and until()) or time.perf_counter() >= deadline:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    # What was deleteLater()'d outside this loop (in a click or a key QTest delivered) is
    # deleted only by the app's own loop, which never runs here; QTest.qWait does the same.
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    return until() if until is not None else True


# ----- the day ----------------------------------------------------------------------------------


@dataclass
class Day:
    app: Any
    window: Any
    beat: Heartbeat
    watch: Any  # bench_interaction.PaintWatch: screen changes wait for their paint
    folder: Path
    titles: list[str]  # the priorities' titles as the demo has them
    rng_seed: int = 0
    edits: int = 0
    added: list[str] = field(default_factory=list)  # ids of actions added and not deleted yet
    exports: int = 0
    votes: int = 0
    wal_max: int = 0
    messages: list[str] = field(default_factory=list)  # message boxes the app tried to show

    @property
    def ctx(self):
        return self.window.ctx

    def go(self, title: str):
        return interaction.go(self.watch, self.app, self.window, title)

    def check(self, ok: bool, what: str) -> None:
        if not ok:
            raise Failure(what)
        if self.messages:
            raise Failure(f"a message box: {self.messages[0]}")

    def note_wal(self) -> None:
        wal = Path(f"{self.ctx.store.path}-wal")
        with contextlib.suppress(OSError):
            self.wal_max = max(self.wal_max, wal.stat().st_size)


def demo_with_voters(folder: Path) -> Path:
    """A copy of the demo offsite with people added up to VOTERS voters (ids p11, p12, ...)."""
    from okr_workshop.domain import model as m
    from okr_workshop.domain.room_rules import room_people
    from okr_workshop.store.workshop_file import WorkshopFile
    from okr_workshop.ui.demo import make_demo_copy

    path = folder / "room day.okrw"
    shutil.copyfile(make_demo_copy(), path)
    with WorkshopFile.open(path) as store:
        ws = store.workshop
        ids = m.free_ids("p", (p.id for p in ws.participants))
        for n in range(VOTERS - len(room_people(ws))):
            store.put(m.Participant(next(ids), f"Guest {n + 1:02d}", "executive", "Room day"))
    return path


def silence_dialogs(day: Day) -> None:
    """Message boxes are recorded (a failure), never shown; the save dialog answers itself;
    "open when done" opens nothing."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    def box(kind: str, answer):
        return staticmethod(lambda _parent, title, text, *a, **k: day.messages.append(f"{kind}: {title}: {text}")
                            or answer)

    for kind, answer in (("critical", QMessageBox.Ok), ("warning", QMessageBox.Ok),
                         ("information", QMessageBox.Ok), ("question", QMessageBox.No)):
        setattr(QMessageBox, kind, box(kind, answer))
    QFileDialog.getSaveFileName = staticmethod(
        lambda *a, **k: (str(day.folder / f"pack {day.exports}.pdf"), "PDF (*.pdf)"))
    QDesktopServices.openUrl = staticmethod(lambda url: True)


# ----- edits ------------------------------------------------------------------------------------


def type_into_cell(day: Day, view, index, text: str) -> None:
    """Select the cell, F2, type over it, Enter (the delegate commits queued)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.visualRect(index).center())
    QTest.keyClick(view, Qt.Key_F2)
    type_in_editor(day, view, text)


def type_in_editor(day: Day, view, text: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    editor = QApplication.focusWidget()
    day.check(isinstance(editor, QLineEdit) and editor.parent() is view.viewport(), "no cell editor opened")
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key_Return)
    pump(day.app, 2.0, lambda: view.state() != view.State.EditingState)


def rename_priority(day: Day, n: int) -> None:
    screen = day.go("Overview")
    screen.tabs.setCurrentIndex(1)
    table = screen.priorities
    day.check(table is not None, "the priorities table was not built")
    row = n % len(day.titles)
    text = f"{day.titles[row]} ({n})"
    type_into_cell(day, table.view, table.model.index(row, 0), text)
    day.check(day.ctx.workshop.priorities[row].title == text, f"priority {row + 1} was not renamed")


def matrix_letter(day: Day, n: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from okr_workshop.domain import decision_rights as dr

    screen = day.go("Decision rights")
    view, model = screen.matrix.view, screen.matrix.model
    columns = [i for i, c in enumerate(model.columns) if model.is_letter(c)]
    index = model.index(n % model.rowCount(), columns[(n * 7) % len(columns)])
    view.scrollTo(index)
    view.setCurrentIndex(index)
    view.setFocus()
    letters = dr.LETTERS[day.ctx.workshop.framework]
    current = screen.matrix.letter_at(index)
    letter = next(x for x in (letters[n % len(letters)], *letters) if x != current)
    QTest.keyClick(view, getattr(Qt, f"Key_{letter}"))
    day.check(screen.matrix.letter_at(model.index(index.row(), index.column())) == letter,
              f"the letter {letter} did not land in the matrix")


def move_card(day: Day, n: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    screen = day.go("Not now & trade-offs")
    board = screen.board
    keys = [k for c in ("defer", "bau") for k in board.columns[c].card_keys()]
    key = sorted(keys)[n % len(keys)]
    target = "bau" if board.column_of(key) == "defer" else "defer"
    board.select(key)
    column = board.columns[board.column_of(key)]
    QTest.keyClick(column, Qt.Key_5 if target == "bau" else Qt.Key_4, Qt.AltModifier)
    day.check(board.column_of(key) == target, f"the card {key} did not move to {target}")


def add_action(day: Day, n: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    screen = day.go("Actions")
    table = screen.table
    before = {a.id for a in day.ctx.workshop.actions}
    QTest.mouseClick(table.add_button, Qt.LeftButton)
    made = [a.id for a in day.ctx.workshop.actions if a.id not in before]
    day.check(len(made) == 1, "Add made no action")
    title = f"Follow up on the room day, item {n}"
    type_in_editor(day, table.view, title)
    day.check(next(a.title for a in day.ctx.workshop.actions if a.id == made[0]) == title, "the action has no title")
    day.added.append(made[0])


def delete_action(day: Day, n: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    screen = day.go("Actions")
    table = screen.table
    action_id = day.added.pop(0)
    row = next(i for i, a in enumerate(table.model.rows) if a.id == action_id)
    table.view.setCurrentIndex(table.model.index(row, 0))
    table.view.setFocus()
    QTest.keyClick(table.view, Qt.Key_Delete)
    day.check(all(a.id != action_id for a in day.ctx.workshop.actions), f"the action {action_id} was not deleted")


EDITS: dict[str, Callable[[Day, int], None]] = {
    "rename a priority": rename_priority, "matrix: type a letter": matrix_letter,
    "not now: move a card": move_card, "add an action": add_action, "delete an action": delete_action,
}


def undo(day: Day) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    interaction.activate(day.app, day.window)
    steps = day.ctx.undo_stack.index()
    QTest.keyClick(QApplication.focusWidget() or day.window, Qt.Key_Z, Qt.ControlModifier)
    day.check(day.ctx.undo_stack.index() == steps - 1, "Ctrl+Z undid nothing")


def edits(day: Day, scale: float) -> None:
    """The round's edits, kinds interleaved; every UNDO_EVERY-th is undone at once."""
    left = {kind: max(1, round(count * scale)) for kind, count in EDITS_PER_ROUND.items()}
    plan = []
    while any(left.values()):  # round robin: kinds interleaved, each add before its delete
        for kind in left:
            if left[kind]:
                plan.append(kind)
                left[kind] -= 1
    for kind in plan:
        day.beat.enter(kind, f"edit {day.edits + 1}")
        EDITS[kind](day, day.edits)
        day.edits += 1
        pump(day.app, 0.02)
        day.beat.done()
        if day.edits % UNDO_EVERY == 0 and kind not in ("add an action", "delete an action"):
            day.beat.enter("undo (Ctrl+Z)", f"after edit {day.edits} ({kind})")
            undo(day)
            pump(day.app, 0.02)
            day.beat.done()
    day.note_wal()


# ----- a vote with 60 phones ----------------------------------------------------------------------


def new_vote(day: Day, screen, method: str):
    """New vote… : the dialog filled in (question, method, the first items) and accepted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    day.beat.step = f"vote {day.votes + 1}: New vote… dialog"
    QTest.mouseClick(screen.new_button, Qt.LeftButton)
    dialog = screen.dialog
    day.check(dialog is not None and dialog.isVisible(), "New vote… opened no dialog")
    dialog.question.selectAll()
    QTest.keyClicks(dialog.question, f"Room day, vote {day.votes + 1}: what matters most?")
    dialog.method.setCurrentIndex(dialog.method.findData(method))
    for row in range(dialog.items.count()):
        dialog.items.item(row).setCheckState(Qt.Checked if row < VOTE_ITEMS else Qt.Unchecked)
    before = {v.id for v in day.ctx.workshop.votes}
    day.beat.step = f"vote {day.votes + 1}: Create the vote"
    QTest.mouseClick(dialog.ok, Qt.LeftButton)
    made = [v for v in day.ctx.workshop.votes if v.id not in before]
    day.check(len(made) == 1, f"the vote dialog made no vote ({dialog.problem.text()})")
    day.check(screen.current_vote() == made[0], "the new vote is not the one shown")
    return made[0]


def phones(port: int, codes: dict[str, str], vote) -> tuple[threading.Thread, dict[str, Any]]:
    """bench_room's 60 phones on their own asyncio loop, in a thread, voting on ``vote``."""
    room.VOTES = [(vote.id, vote.method, vote.effective_budget, vote.secret)]  # what its Voter votes on
    room.ITEMS = list(vote.items)
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["voters"], out["wall"] = asyncio.run(room.vote_all(port, codes))
        except BaseException as exc:  # noqa: BLE001 - reported by the GUI thread
            out["error"] = exc

    thread = threading.Thread(target=run, name="phones", daemon=True)
    thread.start()
    return thread, out


def room_vote(day: Day) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    n = day.votes + 1
    day.beat.enter("vote: set up", f"vote {n}: go to the Vote screen")
    screen = day.go("Vote")
    vote = new_vote(day, screen, METHODS[day.votes % len(METHODS)])
    day.beat.step = f"vote {n}: start room voting"
    day.check(screen.start_room("127.0.0.1", 0), "room voting did not start")
    session = screen.room.session
    codes = {pid: code for pid, _, code in session.join_codes()}
    day.check(len(codes) == VOTERS and all(re.fullmatch(r"p\d+", p) for p in codes), f"{len(codes)} join codes")
    day.beat.done()

    day.beat.enter("vote: 60 phones", f"vote {day.votes + 1} ({vote.method})")
    thread, out = phones(session.server.port, codes, vote)
    pump(day.app, PHONES_TIMEOUT_S, lambda: not thread.is_alive())
    day.check(not thread.is_alive(), f"the phones did not finish within {PHONES_TIMEOUT_S:.0f} s")
    day.check("error" not in out, f"the phones failed: {out.get('error')!r}")
    errors = [v.error for v in out["voters"] if v.error]
    day.check(not errors, f"{len(errors)} phones failed, first: {errors[:1]}")
    counted = lambda: len(next(v for v in day.ctx.workshop.votes if v.id == vote.id).voters())  # noqa: E731
    pump(day.app, 5.0, lambda: counted() == VOTERS)
    day.check(counted() == VOTERS, f"vote {day.votes + 1}: {counted()} ballots stored, not {VOTERS}")
    shown = lambda: screen.chart_input.result.turnout if screen.chart_input is not None else None  # noqa: E731
    pump(day.app, 2.0, lambda: shown() == VOTERS)
    day.check(shown() == VOTERS, f"vote {n}: the chart shows {shown()} ballots, not {VOTERS} (it is of "
              f"{screen.chart_input.result.vote if screen.chart_input else None}; the vote shown: "
              f"{getattr(screen.current_vote(), 'id', None)}; this vote: {vote.id})")
    day.beat.done()

    day.beat.enter("reveal / hide results", f"vote {n}")
    for _ in range(4):
        text = screen.reveal_button.text()
        day.beat.step = f"vote {n}: {text}"
        QTest.mouseClick(screen.reveal_button, Qt.LeftButton)
        pump(day.app, 0.05)
        day.check(screen.reveal_button.text() != text, "Reveal / Hide did nothing")
        day.beat.done()

    day.beat.enter("vote: stop room, close", f"vote {n}: Stop room voting")
    QTest.mouseClick(screen.room_button, Qt.LeftButton)
    day.check(not screen.room.running, "room voting did not stop")
    pump(day.app, 0.05)
    day.beat.step = f"vote {n}: Close vote"
    QTest.mouseClick(screen.close_button, Qt.LeftButton)
    day.check(screen.current_vote().closed, "the vote did not close")
    pump(day.app, 0.05)
    day.beat.done()
    day.votes += 1
    day.note_wal()


# ----- the stage --------------------------------------------------------------------------------


def stage_changes(day: Day) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    day.beat.enter("stage changes", "F5")
    interaction.activate(day.app, day.window)
    QTest.keyClick(day.window.nav, Qt.Key_F5)
    stage = getattr(day.window, "stage", None)
    day.check(stage is not None and pump(day.app, 5.0, stage.isVisible), "F5 did not show the stage")
    day.beat.done()
    console = day.window.stage_console
    stage.activateWindow()
    QTest.qWaitForWindowActive(stage, 2000)
    moves = [("PageDown", lambda: QTest.keyClick(stage, Qt.Key_PageDown))] * 4
    moves += [("PageUp", lambda: QTest.keyClick(stage, Qt.Key_PageUp)),
              ("panel: Next", lambda: QTest.mouseClick(console.next_button, Qt.LeftButton)),
              ("panel: jump", lambda: console.views.activated.emit((day.votes * 5) % console.views.count())),
              ("panel: Blank", lambda: QTest.mouseClick(console.blank_button, Qt.LeftButton)),
              ("panel: Blank", lambda: QTest.mouseClick(console.blank_button, Qt.LeftButton)),
              ("panel: Hide", lambda: QTest.mouseClick(console.hide_button, Qt.LeftButton))]
    for what, move in moves:
        day.beat.enter("stage changes", what)
        move()
        pump(day.app, 0.03)
        day.beat.done()
    day.check(not stage.isVisible(), "Hide the stage did not hide it")
    interaction.activate(day.app, day.window)


# ----- the PDF pack -----------------------------------------------------------------------------


def export_pack(day: Day) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    day.beat.enter("pdf export (background job)", f"export {day.exports + 1}: go to the Export screen")
    screen = day.go("Export")
    screen.open_when_done.setChecked(False)
    target = day.folder / f"pack {day.exports}.pdf"
    day.beat.step = f"export {day.exports + 1}: the pack is being built"
    QTest.mouseClick(screen.pdf_button, Qt.LeftButton)
    job = screen.job
    day.check(job is not None and job.running(), "the export did not start")
    ended: list[bool] = []
    job.done.connect(lambda: ended.append(True))
    pump(day.app, EXPORT_TIMEOUT_S, lambda: bool(ended))
    day.check(bool(ended), f"the export did not end within {EXPORT_TIMEOUT_S:.0f} s")
    day.check(screen.last_written == str(target) and target.read_bytes()[:5] == b"%PDF-", "no pack was written")
    target.unlink()
    day.exports += 1
    day.beat.done()


# ----- the run ----------------------------------------------------------------------------------


def round_of_the_day(day: Day, n: int, scale: float = 1.0, name: str = "", votes: int = 1) -> None:
    edits(day, scale)
    for _ in range(votes):
        room_vote(day)
    stage_changes(day)
    if n % 2 == 0:
        export_pack(day)
    print(f"  {name or f'round {n + 1}'}: {day.edits} edits, {day.votes} votes, {day.exports} exports, "
          f"RSS {rss_mb(collect=False):.0f} MB", file=sys.stderr, flush=True)


def quiet_offscreen() -> None:
    """Drop the offscreen plugin's "does not support propagateSizeHints()" lines; pass the rest on."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message: str) -> None:
        if not message.startswith("This plugin does not support"):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def open_day(app, folder: Path) -> Day:
    from PySide6.QtCore import QSettings

    path = demo_with_voters(folder)
    QSettings().setValue("window/screen", 0)
    window = interaction.open_window(app, "file", path)  # open_path, as a real file: restore points on
    pump(app, 5.0, lambda: window.restore_keeper is not None)
    if window.restore_keeper is not None:
        window.restore_keeper.timer.setInterval(RESTORE_EVERY_S * 1000)
    titles = [p.title for p in window.ctx.workshop.priorities]
    day = Day(app, window, Heartbeat(app), interaction.PaintWatch(app), folder, titles)
    silence_dialogs(day)
    return day


@dataclass
class Outcome:
    rss_start: float = 0.0
    rss_end: float = 0.0
    rss_trimmed: float = 0.0  # after the allocator handed back its free memory (information)
    file_mb: float = 0.0
    wal_bytes: int = -1
    failure: str = ""
    seconds: float = 0.0


def run(rounds: int, folder: Path) -> tuple[Day | None, Outcome]:
    out = Outcome()
    interaction.isolate(folder)
    app = interaction.application()
    quiet_offscreen()
    day: Day | None = None
    t0 = time.perf_counter()
    try:
        day = open_day(app, folder)
        day.beat.start()
        day.beat.enter("warm-up")
        round_of_the_day(day, 0, scale=0.25, name="warm-up", votes=len(METHODS))  # each kind of chart once
        out.rss_start = rss_mb()
        day.beat.restart()
        for n in range(rounds):
            round_of_the_day(day, n)
        pump(app, 0.2)
        day.beat.stop()  # before the collection below: not a stall of the app's
        out.rss_end = rss_mb()
        out.rss_trimmed = trimmed_rss_mb()
    except Exception as exc:  # noqa: BLE001 - reported as a failure, after the table
        out.failure = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=6)}"
    finally:
        out.seconds = time.perf_counter() - t0
        if day is not None:
            day.beat.stop()
            path = day.ctx.store.path if day.ctx is not None else None
            interaction.close_window(app, day.window)
            if path is not None:
                wal = Path(f"{path}-wal")
                out.wal_bytes = wal.stat().st_size if wal.exists() else 0
                out.file_mb = path.stat().st_size / 1e6
    return day, out


def report(day: Day | None, out: Outcome, rounds: int) -> bool:
    """The table and the verdicts; True when everything is within budget and nothing failed."""
    print(f"bench_soak: a room day on the demo offsite ({VOTERS} voters), MainWindow 1280x800, Qt offscreen, "
          f"{rounds} rounds after a warm-up round ({out.seconds:.0f} s; load average at the end "
          f"{os.getloadavg()[1]:.1f} on {os.cpu_count()} CPUs: stalls are noisy when others run)")
    print(f"  {'phase':30} {'count':>5} {'max gap':>9} {'RSS after':>10} {'RSS grew':>9}  worst gap at")
    gap, worst_at = (0.0, "")
    if day is not None:
        for name, row in day.beat.phases.items():
            if row.count:
                print(f"  {name:30} {row.count:5d} {row.gap_ms:7.1f}ms {row.rss:8.1f}MB {row.grew:+7.1f}MB  "
                      f"{row.where}")
        gap, worst_at = day.beat.worst()
        longest = sorted(day.beat.stalls, key=lambda x: -x.gap_ms)[:STALLS_LISTED]
        if longest:
            print(f"  longest gaps (of {len(day.beat.stalls)} over {SAMPLE_AFTER_MS:.0f} ms), and where the GUI "
                  "thread was:")
        for stall in longest:
            print(f"    {stall.gap_ms:6.1f} ms  {stall.phase} / {stall.step}: GUI thread CPU {stall.cpu_ms:.0f} ms, "
                  f"at {stall.stack}; garbage collections: {stall.gc}; other threads at {stall.others}")
        full = day.beat.full
        if full:
            print(f"  full garbage collections (generation 2): {len(full)}, longest {max(full)[0]:.0f} ms, "
                  f"total {sum(ms for ms, _ in full):.0f} ms; during: "
                  + ", ".join(f"{ms:.0f} ms {at}" for ms, at in full[:12]))
        print(f"  totals with the warm-up: {day.edits} edits, {day.votes} votes x {VOTERS} phones, {day.exports} PDF "
              f"exports; largest -wal seen during the day {day.wal_max / 1e6:.2f} MB")
    grew = out.rss_end - out.rss_start
    memory_ok = bool(out.rss_end) and grew <= BUDGET_RSS_MB
    stall_ok = bool(day) and gap <= BUDGET_STALL_MS
    file_ok = 0 < out.file_mb < BUDGET_FILE_MB and out.wal_bytes == 0
    print(f"  memory: RSS {out.rss_start:.1f} MB after the warm-up -> {out.rss_end:.1f} MB at the end "
          f"(+{grew:.1f} MB), budget +{BUDGET_RSS_MB:.0f} MB -> {'PASS' if memory_ok else 'OVER'}")
    if out.rss_trimmed:
        print(f"          (information: {out.rss_trimmed:.1f} MB once malloc_trim(0) has returned the heap's free "
              "memory)")
    print(f"  stalls: longest heartbeat gap {gap:.1f} ms beyond the {HEARTBEAT_MS} ms interval ({worst_at}), "
          f"budget {BUDGET_STALL_MS:.0f} ms -> {'PASS' if stall_ok else 'OVER'}")
    print(f"  file:   {out.file_mb:.2f} MB, -wal after closing {out.wal_bytes} bytes, budget < {BUDGET_FILE_MB:.0f} MB "
          f"and an empty -wal -> {'PASS' if file_ok else 'OVER'}")
    if out.failure:
        print(f"  FAILED: {out.failure}")
    ok = memory_ok and stall_ok and file_ok and not out.failure
    print(f"RESULT: {'PASS' if ok else 'OVER' if not out.failure else 'FAILED'}")
    return ok


def main(rounds: int = ROUNDS) -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True)
    try:
        os.environ["MPLCONFIGDIR"] = str(folder / "matplotlib")
        day, out = run(rounds, folder)
        return 0 if report(day, out, rounds) else 1
    finally:
        faulthandler.cancel_dump_traceback_later()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS))
