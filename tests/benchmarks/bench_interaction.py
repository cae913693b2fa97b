"""Every click and key the facilitator uses, timed from the event to its visible response.

Run from the repository root:  python tests/benchmarks/bench_interaction.py [runs]   (default 5)
The real MainWindow at 1280x800 (Qt offscreen, the app's own QApplication: its style sheet and
font; settings, restore points, temporary files and matplotlib's cache in a temporary HOME), on
the demo offsite and on a large one (tests/stage/workshops.py: 50 priorities, 60 map boxes, 40
voters, 20 objectives, 30 actions; this benchmark adds 10 roles, 4 forums and 20 decisions so
that its decision-rights matrix is not empty), written as a file and opened with ``open_path``.

The window is the app's (``MainWindow(keep_warm=True)``): after its first frame it loads
matplotlib, networkx and reportlab and makes the chart lettering of the priority titles in a
background thread, then builds the screens not visited yet, one per idle moment
(``MainWindow.warm_up``). The benchmark waits for that (a facilitator takes seconds before the
first click): it measures clicks, not imports. Any import of those heavy modules inside a timed
click is OVER, and every other package first imported inside a click is listed.

What is timed, each through the real widgets with QTest (mouse and keys as Qt delivers them):

1. screen changes through the navigation list: first visits (each run a fresh process, so each
   screen is shown for the first time, as on the day: even runs start on Overview and visit the
   others in order, odd runs start on Run of show and visit the rest, so every screen gets first
   visits), and later visits (every screen, ``runs`` rounds);
2. the Vote screen: "Reveal results" / "Hide results" (toggled; a hidden vote to start with),
   and "Make the top N the critical few…" to its dialog painted;
3. a new ballot reaching the chart: room voting started on 127.0.0.1, the ballot handed to the
   room desk (``Desk.submit``, what a phone's HTTP request does), timed until the chart with
   the new turnout has painted;
4. typing a letter in the decision-rights matrix (a role cell, keyboard);
5. dragging a map node (every mouse move, and the drop that stores it);
6. moving a card on the Not-now board (press, move, release on another column: the release);
7. Ctrl+Z after an edit (a card move, a matrix letter);
8. the stage: F5 (its first show on each workshop: the app builds the stage ahead, hidden), then
   PageDown through the show.

"Visible response", measured one way for all: an event filter on the QApplication sees every
Paint event; the interaction is done when a widget under the one that should change (the
screen stack, the chart, the matrix, the map, the board, the stage's view) receives a Paint
event while the expected state holds (the new screen current, the button's new text, the new
turnout in the chart, the letter in the model, the node's new position...). The time is taken
at the end of the ``processEvents()`` call that delivered that paint, so it includes the whole
frame: t0 is just before the QTest call, whose handlers run synchronously inside it. The
filter is Python: it costs about a microsecond per event while a click is timed (a first
visit delivers a few thousand events), which slightly overstates the times.

Also reported: "GUI stall after a click", the longest single processEvents call in the 20-50 ms
after each timed interaction (deferred work: a click made then waits that long), same budget.

Budget: p95 <= 100 ms for every row. The slowest case of each row is named. Exits 1 when over.
About 2 minutes with 5 runs (progress on stderr).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BUDGET_P95_MS = 100.0
RUNS = 5
PAINT_TIMEOUT_S = 10.0
HEAVY_ROOTS = {"matplotlib", "networkx", "reportlab"}
WORKSHOP_NAMES = ("demo", "large")


# ----- settings and files in a temporary HOME --------------------------------------------------


def isolate(root: Path) -> None:
    """HOME, XDG folders, temp files and restore points under ``root`` (before Qt reads any)."""
    for sub in ("home", "config", "data", "cache", "tmp", "restore points"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    os.environ.update(HOME=str(root / "home"), XDG_CONFIG_HOME=str(root / "config"),
                      XDG_DATA_HOME=str(root / "data"), XDG_CACHE_HOME=str(root / "cache"),
                      TMPDIR=str(root / "tmp"), OKR_WORKSHOP_RESTORE_DIR=str(root / "restore points"))
    os.environ.setdefault("MPLCONFIGDIR", str(root / "matplotlib"))  # the parent's: its font cache is built once
    tempfile.tempdir = str(root / "tmp")


def large_workshop():
    """tests/stage/workshops.py's large offsite (loaded by path), with a decision-rights matrix."""
    from okr_workshop.domain import model as m

    spec = importlib.util.spec_from_file_location("stage_workshops", REPO / "tests" / "stage" / "workshops.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ws = module.large_workshop()
    rng = random.Random(5)
    roles = [m.Role(f"r{i}", f"Role {i} ({rng.choice(['Sales', 'Product', 'Finance', 'Ops'])})", f"p{i}")
             for i in range(10)]
    forums = [m.Forum(f"f{i}", f"Forum {i}", cadence) for i, cadence in enumerate(["weekly", "weekly", "monthly",
                                                                                   "quarterly"])]
    decisions = []
    for i in range(20):
        assignments = {r.id: rng.choice("RAPI") for r in rng.sample(roles, 5)}
        assignments[rng.choice(roles).id] = "D"
        decisions.append(m.Decision(f"d{i}", f"Situation {i}: who decides on the {i}th kind of trade-off",
                                    assignments, f"f{i % 4}", "Decide within a week"))
    return dataclasses.replace(ws, roles=roles, forums=forums, decisions=decisions, framework="RAPID")


def write_large(folder: Path) -> Path:
    from okr_workshop.store.workshop_file import write_new

    path = folder / "large offsite.okrw"
    write_new(path, large_workshop(), replace=True)
    return path


# ----- the window --------------------------------------------------------------------------------


def application():
    from okr_workshop.ui.app import _application

    return _application()


class PaintWatch:
    """Counts the Paint events delivered to ``target`` or any widget under it while ``done()`` holds."""

    def __init__(self, app):
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QWidget

        self.app = app
        outer = self

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
                if event.type() == QEvent.Paint and not outer.painted and isinstance(obj, QWidget):
                    target = outer.target
                    if target is not None and (obj is target or target.isAncestorOf(obj)) and outer.done():
                        outer.painted = True
                return False

        self.filter = Filter()
        self.target = None
        self.done = lambda: True
        self.painted = False

    def time(self, action, target, done=lambda: True, what: str = "") -> tuple[float, set[str]]:
        """ms from just before ``action()`` to the end of the processEvents that painted ``target``
        with ``done()`` true; and the top-level packages first imported meanwhile."""
        before = set(sys.modules)
        self.target, self.done, self.painted = target, done, False
        self.app.installEventFilter(self.filter)
        try:
            t0 = time.perf_counter()
            action()
            deadline = t0 + PAINT_TIMEOUT_S
            while not self.painted:
                self.app.processEvents()
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{what or 'the interaction'}: no paint of {type(target).__name__} "
                                       f"with the expected state within {PAINT_TIMEOUT_S} s")
            ms = (time.perf_counter() - t0) * 1000
        finally:
            self.app.removeEventFilter(self.filter)
            self.target, self.done = None, lambda: True
        new = _packages(set(sys.modules) - before)
        LAST["what"] = what
        return ms, new


STALLS: list[tuple[float, str]] = []  # the longest processEvents call after each timed interaction
LAST = {"what": ""}  # the interaction timed last


def _packages(modules: set[str]) -> set[str]:
    """New modules as their top-level packages, but the heavy ones named in full (a submodule of
    matplotlib loaded by a click is a heavy import too, however warm its package is)."""
    out = set()
    for name in modules:
        root = name.split(".")[0]
        if root in HEAVY_ROOTS:
            out.add(name)
        elif root != "okr_workshop" and not root.startswith("_") and root != "cython_runtime":
            out.add(root)
    return out


def settle(app, seconds: float = 0.05) -> None:
    """Let deferred work (timers at 0, posted events) run between interactions, untimed; the
    longest single processEvents call (the GUI thread busy: a click then would wait) is kept."""
    end = time.perf_counter() + seconds
    longest = 0.0
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - t0)
        time.sleep(0.002)
    if LAST["what"]:
        STALLS.append((longest * 1000, LAST["what"]))
        LAST["what"] = ""


def open_window(app, name: str, large_path: Path | None):
    """A MainWindow at 1280x800 with the workshop open, its first frame painted and the warm-up done."""
    from PySide6.QtTest import QTest

    from okr_workshop.ui.main_window import MainWindow

    window = MainWindow(keep_warm=True)
    if name == "demo":
        window.open_demo()
    else:
        assert window.open_path(large_path, remember=False)
    window.resize(1280, 800)
    frame: list[bool] = []
    window.first_frame.connect(lambda: frame.append(True))
    window.show()
    deadline = time.perf_counter() + PAINT_TIMEOUT_S
    while not frame:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise RuntimeError("the window did not paint its first frame")
    while window.idle_build is None or window.idle_build.running:  # the app's warm-up: clicks, not imports
        app.processEvents()
        time.sleep(0.005)
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 2000)
    settle(app, 0.3)  # the open file's deferred start-up work (restore point, analysis)
    return window


def nav_click(window, row: int):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    item = window.nav.item(row)
    window.nav.scrollToItem(item)
    pos = window.nav.visualItemRect(item).center()
    return lambda: QTest.mouseClick(window.nav.viewport(), Qt.LeftButton, Qt.NoModifier, pos)


def visit(watch, window, row: int) -> tuple[float, set[str]]:
    return watch.time(nav_click(window, row), window.stack,
                      lambda: window.stack.currentIndex() == row and row in window._screens,
                      f"screen {window.nav.item(row).text()}")


def close_window(app, window) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    stage = getattr(window, "stage", None)
    if stage is not None:
        stage.hide()
    window.closing = True
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    app.processEvents()


# ----- 1. first visits, in a fresh process per run -----------------------------------------------

STARTS = ("Overview", "Run of show")  # where even and odd runs open


def first_visits_child(name: str, start: int, root: str, large_path: str, only: str) -> None:
    isolate(Path(root))
    app = application()
    from PySide6.QtCore import QSettings

    from okr_workshop.ui.screens import SCREENS

    QSettings().setValue("window/screen", start)  # where the window opens (it builds that screen)
    window = open_window(app, name, Path(large_path) if large_path else None)
    watch = PaintWatch(app)
    rows = [int(r) for r in only.split(",")] if only else [r for r in range(len(SCREENS)) if r != start]
    out = []
    for row in rows:
        ms, new = visit(watch, window, row)
        settle(app)
        out.append((SCREENS[row][0], ms, sorted(new), STALLS[-1][0]))
    close_window(app, window)
    print(json.dumps(out))


def _child(name: str, start: int, home: Path, large_path: Path | None, only: str = ""):
    return subprocess.run([sys.executable, __file__, "--first-visits", name, str(start), str(home),
                           str(large_path or ""), only], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ), cwd=REPO)


def first_visits(name: str, runs: int, root: Path, large_path: Path | None) -> list[tuple[str, float, list, float]]:
    from okr_workshop.ui.screens import SCREENS

    titles = [t for t, _ in SCREENS]
    out = []
    for run in range(runs):
        start = titles.index(STARTS[run % 2])
        done = _child(name, start, root / f"first-{name}-{run}", large_path)
        if done.returncode != 0:
            raise RuntimeError(f"first visits on {name} failed:\n{done.stderr}")
        out += [tuple(x) for x in json.loads(done.stdout.strip().splitlines()[-1])]
    return out


# ----- 2-8. the rest, in this process ----------------------------------------------------------------


class Rows:
    def __init__(self):
        self.samples: dict[tuple[str, str], list[tuple[float, str]]] = {}
        self.imports: dict[tuple[str, str], set[str]] = {}

    def add(self, what: str, name: str, ms: float, case: str, new: set[str] = frozenset()) -> None:
        self.samples.setdefault((what, name), []).append((ms, case))
        if new:
            self.imports.setdefault((what, name), set()).update(f"{p} ({case})" for p in new)


def later_visits(rows: Rows, watch, app, window, name: str, runs: int) -> None:
    from okr_workshop.ui.screens import SCREENS

    visited = list(range(len(SCREENS)))
    for row in visited:  # every screen shown once, untimed (the first visits are the children's)
        if row != window.stack.currentIndex():
            visit(watch, window, row)
            settle(app)
    for _ in range(runs):
        for row in (*visited[1:], visited[0]):
            ms, new = visit(watch, window, row)
            rows.add("screen change, later visit", name, ms, SCREENS[row][0], new)
            settle(app, 0.02)


def screen_row(window, title: str) -> int:
    return next(r for r in range(window.nav.count()) if window.nav.item(r).text() == title)


def activate(app, window) -> None:
    """Make ``window`` the active one again (offscreen, a closed dialog leaves no window active,
    and shortcuts such as Ctrl+Z then go nowhere)."""
    from PySide6.QtTest import QTest

    if not window.isActiveWindow():
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 2000)
        settle(app, 0.02)


def go(watch, app, window, title: str):
    activate(app, window)
    row = screen_row(window, title)
    if row != window.stack.currentIndex():
        visit(watch, window, row)
        settle(app)
    return window.screen(row)


def decide_dialog(rows: Rows, watch, app, window, name: str, runs: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    screen = go(watch, app, window, "Vote")
    for _ in range(runs):
        assert screen.decide_button.isEnabled(), "the vote has no result to decide on"
        holder = {}

        def click(holder=holder):
            QTest.mouseClick(screen.decide_button, Qt.LeftButton)
            holder["d"] = screen.dialog
            watch.target = screen.dialog  # the dialog exists now: its paint is the response

        ms, new = watch.time(click, QApplication.activeWindow() or window,
                             lambda holder=holder: holder.get("d") is not None and holder["d"].isVisible(), "decide")
        rows.add("decide: top N dialog", name, ms, "dialog painted", new)
        holder["d"].reject()
        settle(app)
        activate(app, window)


def reveal(rows: Rows, watch, app, window, name: str, runs: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    screen = go(watch, app, window, "Vote")
    ws = screen.ctx.workshop
    vote = max(ws.votes, key=lambda v: (not v.revealed, len(v.ballots)))  # a hidden one with ballots
    screen.select(vote.id)
    settle(app)
    button = screen.reveal_button
    for _ in range(2 * runs):
        text = button.text()
        ms, new = watch.time(lambda: QTest.mouseClick(button, Qt.LeftButton), screen,
                             lambda text=text: button.text() != text, "reveal")
        rows.add("reveal / hide results", name, ms, "reveal" if text.startswith("Reveal") else "hide", new)
        settle(app)


def ballots(rows: Rows, watch, app, window, name: str, runs: int) -> None:
    from okr_workshop.domain import model as m
    from okr_workshop.domain.room_rules import may_vote
    from okr_workshop.room.desk import BallotJob

    screen = go(watch, app, window, "Vote")
    ctx = screen.ctx
    ws = ctx.workshop
    items = [p.id for p in ws.priorities][:20]
    vote = m.Vote(ctx.new_id("v", ws.votes), "Bench: which matters most?", "dots", 5, True, 1, items)
    ctx.edit(None, vote, text="Add vote: bench")
    screen.select(vote.id)
    assert screen.start_room("127.0.0.1", 0), "room voting did not start"
    settle(app)
    desk = screen.room.session.desk
    voters = [p.id for p in ws.participants if may_vote(ws, p.id)]
    rng = random.Random(3)
    try:
        for n, pid in enumerate(voters[: max(4 * runs, 10)], start=1):
            scores: dict[str, int] = {}
            for _ in range(5):
                item = rng.choice(items[:8])
                scores[item] = scores.get(item, 0) + 1
            holder = {}

            def send(pid=pid, scores=scores, n=n, holder=holder):
                holder["f"] = desk.submit(BallotJob(pid, vote.id, scores, "bench-device"), f"bench-{n}")

            ms, new = watch.time(send, screen.canvas,
                                 lambda n=n: (screen.chart_input is not None
                                              and screen.chart_input.result.turnout == n and screen.canvas.isVisible()),
                                 "ballot")
            assert holder["f"].done() and holder["f"].exception() is None, holder["f"].exception()
            rows.add("new ballot reaches the chart", name, ms, f"ballot {n}", new)
            settle(app, 0.02)
    finally:
        screen.stop_room()
        settle(app)


def matrix(rows: Rows, watch, app, window, name: str, runs: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from okr_workshop.domain import decision_rights as dr

    screen = go(watch, app, window, "Decision rights")
    view, model = screen.matrix.view, screen.matrix.model
    letter_columns = [i for i, c in enumerate(model.columns) if model.is_letter(c)]
    letters = dr.LETTERS[screen.ctx.workshop.framework]
    rng = random.Random(4)
    view.setFocus()
    settle(app)
    assert window.isActiveWindow(), "the window is not active: Ctrl+Z would go nowhere"
    for run in range(3 * runs):
        row = run % model.rowCount()
        index = model.index(row, rng.choice(letter_columns))
        view.scrollTo(index)
        view.setCurrentIndex(index)
        settle(app, 0.02)
        current = screen.matrix.letter_at(index)
        letter = next(x for x in (rng.choice(letters), *letters) if x != current)
        key = getattr(Qt, f"Key_{letter}")
        ms, new = watch.time(lambda key=key: QTest.keyClick(view, key), view,
                             lambda index=index, letter=letter: screen.matrix.letter_at(
                                 model.index(index.row(), index.column())) == letter, "matrix letter")
        rows.add("matrix: type a letter", name, ms, f"{letter} in row {row + 1}", new)
        settle(app, 0.02)
        if run % 3 == 0:  # and undo it with Ctrl+Z
            ms, new = watch.time(lambda: QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier), view,
                                 lambda index=index, current=current: screen.matrix.letter_at(
                                     model.index(index.row(), index.column())) == (current or ""), "undo letter")
            rows.add("undo (Ctrl+Z)", name, ms, "a matrix letter", new)
            settle(app, 0.02)


def map_drag(rows: Rows, watch, app, window, name: str, runs: int) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    screen = go(watch, app, window, "Dependencies")
    deadline = time.perf_counter() + PAINT_TIMEOUT_S
    while not (screen.scene.nodes and screen.scene.overlay.risks):
        app.processEvents()
        if time.perf_counter() > deadline:
            raise RuntimeError("the map was not analysed")
    screen.view.fit()
    settle(app, 0.2)
    view, viewport = screen.view, screen.view.viewport()
    ids = list(screen.scene.nodes)
    for run in range(runs):
        node = screen.scene.nodes[ids[(run * 7) % len(ids)]]
        start = view.mapFromScene(node.pos())
        steps = 1 + screen.ctx.undo_stack.index()
        QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, start)
        settle(app, 0.02)
        offset = QPoint(6 if run % 2 == 0 else -6, 4)
        for i in range(1, 9):
            before = node.pos()
            to = start + offset * i
            ms, new = watch.time(lambda to=to: QTest.mouseMove(viewport, to), viewport,
                                 lambda before=before, node=node: node.pos() != before, "map move")
            rows.add("map: drag a node (each move)", name, ms, f"{node.record.label}", new)
        end = start + offset * 8
        ms, new = watch.time(lambda end=end: QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, end),
                             viewport, lambda steps=steps: screen.ctx.undo_stack.index() == steps, "map drop")
        rows.add("map: drop a node (stored)", name, ms, f"{node.record.label}", new)
        settle(app, 0.05)


def cards(rows: Rows, watch, app, window, name: str, runs: int) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    screen = go(watch, app, window, "Not now & trade-offs")
    board = screen.board
    keys = [k for c in ("undecided", "defer", "bau", "stop") for k in board.columns[c].card_keys()]
    for run in range(2 * runs):
        key = keys[run % len(keys)]
        target = "bau" if board.column_of(key) == "defer" else "defer"
        source = board.columns[board.column_of(key)]
        item = source.item_for(key)
        source.scrollToItem(item)
        settle(app, 0.02)
        start = source.visualItemRect(item).center()
        QTest.mousePress(source.viewport(), Qt.LeftButton, Qt.NoModifier, start)
        QTest.mouseMove(source.viewport(), start + QPoint(20, 0))
        settle(app, 0.02)
        drop = board.columns[target]
        ms, new = watch.time(lambda drop=drop: QTest.mouseRelease(drop.viewport(), Qt.LeftButton, Qt.NoModifier,
                                                                  QPoint(20, 20)),
                             board, lambda key=key, target=target: board.column_of(key) == target, "card move")
        rows.add("not now: move a card", name, ms, f"{source.column} -> {target}", new)
        settle(app, 0.05)
        back = source.column
        board.setFocus()
        ms, new = watch.time(lambda: QTest.keyClick(board, Qt.Key_Z, Qt.ControlModifier), board,
                             lambda key=key, back=back: board.column_of(key) == back, "undo card")
        rows.add("undo (Ctrl+Z)", name, ms, "a card move", new)
        settle(app, 0.05)


def stage(rows: Rows, watch, app, window, name: str, runs: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    go(watch, app, window, STARTS[0])
    holder = {}

    def f5():
        QTest.keyClick(window.nav, Qt.Key_F5)
        holder["stage"] = stage = window.stage
        watch.target = stage.view

    ms, new = watch.time(f5, window, lambda: "stage" in holder and holder["stage"].isVisible(), "F5")
    rows.add("stage: F5 shows it (first)", name, ms, "first show", new)
    stage = holder["stage"]
    settle(app, 0.3)
    stage.activateWindow()
    QTest.qWaitForWindowActive(stage, 2000)
    for _ in range(12 * runs):
        if stage.cursor.upcoming() == stage.ref:
            break  # the end of the show
        before = (stage.index, stage.page)
        ms, new = watch.time(lambda: QTest.keyClick(stage, Qt.Key_PageDown), stage.view,
                             lambda before=before: (stage.index, stage.page) != before, "stage next")
        ref = stage.ref
        rows.add("stage: PageDown", name, ms, f"{ref.kind}{' ' + ref.key if ref.key else ''} page {ref.page + 1}",
                 new)
        settle(app, 0.02)
    stage.hide()
    settle(app)


# ----- the table --------------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]  # nearest rank


def main(runs: int = RUNS) -> int:
    root = Path(tempfile.mkdtemp(prefix="bench-interaction-"))
    try:
        return _main(runs, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _main(runs: int, root: Path) -> int:
    os.environ["MPLCONFIGDIR"] = str(root / "matplotlib")
    isolate(root / "main")
    app = application()
    large_path = write_large(root)
    rows = Rows()
    t_start = time.perf_counter()
    for name in WORKSHOP_NAMES:
        path = large_path if name == "large" else None
        print(f"  {name}: first visits…", file=sys.stderr, flush=True)
        for screen, ms, new, stall in first_visits(name, runs, root, path):
            rows.add("screen change, first visit", name, ms, screen, set(new))
            rows.add("GUI stall after a click", name, stall, f"first visit {screen}")
    watch = PaintWatch(app)
    from PySide6.QtCore import QSettings

    from okr_workshop.ui.screens import SCREENS

    for name in WORKSHOP_NAMES:
        QSettings().setValue("window/screen", [t for t, _ in SCREENS].index(STARTS[0]))
        window = open_window(app, name, large_path)
        STALLS.clear()
        later_visits(rows, watch, app, window, name, runs)
        for step in (reveal, decide_dialog, ballots, matrix, map_drag, cards, stage):
            print(f"  {name}: {step.__name__}…", file=sys.stderr, flush=True)
            step(rows, watch, app, window, name, runs)
        for ms, what in STALLS:
            rows.add("GUI stall after a click", name, ms, what)
        close_window(app, window)
    total_s = time.perf_counter() - t_start
    over = False
    print(f"bench_interaction: MainWindow 1280x800, Qt offscreen, {runs} runs, the warm-up joined before clicking; "
          f"click/key to the end of the processEvents that painted the response ({total_s:.0f} s)")
    print(f"  {'what':30} {'workshop':8} {'n':>4} {'median':>9} {'p95':>9} {'max':>9}  budget")
    order = list(dict.fromkeys(what for what, _ in rows.samples))
    for what in order:
        for name in WORKSHOP_NAMES:
            samples = rows.samples.get((what, name))
            if not samples:
                continue
            times = [ms for ms, _ in samples]
            slowest = max(samples)
            heavy = {p for p in rows.imports.get((what, name), set()) if p.split(".")[0].split(" ")[0] in HEAVY_ROOTS}
            ok = p95(times) <= BUDGET_P95_MS and not heavy
            over |= not ok
            verdict = "PASS" if ok else "OVER"
            print(f"  {what:30} {name:8} {len(times):4} {statistics.median(times):7.1f}ms {p95(times):7.1f}ms "
                  f"{max(times):7.1f}ms  p95 <= {BUDGET_P95_MS:.0f} ms -> {verdict}   (max: {slowest[1]})")
    first = [(ms, screen, name) for (what, name), s in rows.samples.items() if what.endswith("first visit")
             for ms, screen in s]
    if first:
        print("  first visits, slowest per screen: " + ", ".join(
            f"{screen} {max(ms for ms, s, _ in first if s == screen):.0f}"
            for screen in dict.fromkeys(s for _, s, _ in first)) + " ms")
    if rows.imports:
        print("  packages first imported inside a timed interaction (heavy ones make the row OVER):")
        for (what, name), found in rows.imports.items():
            print(f"    {what} / {name}: {', '.join(sorted(found))}")
    print(f"RESULT: {'OVER' if over else 'PASS'}")
    return 1 if over else 0


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--first-visits":
        first_visits_child(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6])
        sys.exit(0)
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS))
