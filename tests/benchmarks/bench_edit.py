"""How long one edit takes: 500 single-record puts on a demo-sized workshop file.

Run from the repository root:  python tests/benchmarks/bench_edit.py
Each put is what the UI does per undoable command: one transaction (WAL; the log flushed by a thread
of its own), the in-memory workshop updated, listeners told. Budget: median <= 5 ms. Exits 1 when over budget.
"""

from __future__ import annotations

import dataclasses
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from okr_workshop.domain import model as m  # noqa: E402
from okr_workshop.domain.validate import workshop_from_document  # noqa: E402
from okr_workshop.store.workshop_file import WorkshopFile  # noqa: E402

EDITS = 500
BUDGET_MEDIAN_MS = 5.0
DEMO_JSON = REPO / "resources" / "demo" / "demo.json"


def starting_workshop() -> tuple[m.Workshop, str]:
    """The demo workshop, or a synthetic one of similar size when the demo is missing."""
    if DEMO_JSON.exists():
        ws = workshop_from_document(json.loads(DEMO_JSON.read_text(encoding="utf-8")))
        source = "demo"
    else:
        ws = m.Workshop(participants=[m.Participant(f"p{i}", f"Person {i}") for i in range(12)])
        source = "synthetic"
    # Make sure every kind edited below has records, and the file is not trivially small.
    ws.priorities += [m.Priority(f"bench-pr{i}", f"Bench priority {i}") for i in range(40)]
    ws.actions += [m.Action(f"bench-a{i}", f"Bench action {i}") for i in range(40)]
    ws.nodes += [m.DepNode(f"bench-n{i}", f"Bench node {i}") for i in range(20)]
    ws.objectives += [m.Objective(f"bench-o{i}", f"Bench objective {i}") for i in range(10)]
    return ws, source


def edits(ws: m.Workshop) -> list[object]:
    """EDITS changed records, alternating kinds: mostly Priority titles, then actions, nodes, objectives."""
    out: list[object] = []
    for n in range(EDITS):
        kind = n % 4
        if kind in (0, 2):
            r = ws.priorities[n % len(ws.priorities)]
            out.append(dataclasses.replace(r, title=f"{r.title.split(' #')[0]} #{n}"))
        elif kind == 1:
            r = ws.actions[n % len(ws.actions)]
            out.append(dataclasses.replace(r, title=f"{r.title.split(' #')[0]} #{n}"))
        else:
            source = ws.nodes if n % 8 == 3 else ws.objectives
            r = source[n % len(source)]
            field = "label" if isinstance(r, m.DepNode) else "objective"
            out.append(dataclasses.replace(r, **{field: f"{getattr(r, field).split(' #')[0]} #{n}"}))
    return out


def create_in_child(path: Path) -> None:
    """Write the starting file in another process, so this one opens it cold, as the app does."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[2])\n"
        "from pathlib import Path\n"
        "from tests.benchmarks.bench_edit import starting_workshop\n"
        "from okr_workshop.store.workshop_file import WorkshopFile\n"
        "WorkshopFile.create(Path(sys.argv[1]), starting_workshop()[0]).close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path), str(REPO)], check=True, timeout=60, cwd=REPO)


def main() -> int:
    ws, source = starting_workshop()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.okrw"
        create_in_child(path)
        cold = "sqlite_utils" not in sys.modules
        t0 = time.perf_counter()
        f = WorkshopFile.open(path)  # as the app does at start
        open_ms = (time.perf_counter() - t0) * 1000
        heard: list[str] = []
        f.listeners.append(heard.append)
        records = edits(f.workshop)
        t0 = time.perf_counter()
        f.put(dataclasses.replace(f.workshop.priorities[0], title="Warm-up"))
        first_ms = (time.perf_counter() - t0) * 1000
        times = []
        for record in records:
            t0 = time.perf_counter()
            f.put(record)
            times.append((time.perf_counter() - t0) * 1000)
        f.close()
        assert len(heard) == EDITS + 1
        with WorkshopFile.open(path, read_only=True) as check:  # every edit landed
            stored = {
                r.id: r
                for r in check.workshop.priorities
                + check.workshop.actions
                + check.workshop.nodes
                + check.workshop.objectives
            }
            last = {r.id: r for r in records}
            assert all(stored[i] == r for i, r in last.items())
    times.sort()
    median = statistics.median(times)
    p95 = times[math.ceil(0.95 * len(times)) - 1]  # nearest rank
    verdict = "PASS" if median <= BUDGET_MEDIAN_MS else "OVER"
    print(
        f"bench_edit: {EDITS} single-record edits on the {source} workshop "
        f"(WAL, the log flushed by its own thread, one transaction each)"
    )
    print(f"  open file            {open_ms:8.2f} ms")
    note = "includes importing sqlite-utils" if cold else "sqlite-utils was already imported"
    print(f"  first edit (warm-up) {first_ms:8.2f} ms   ({note}; not in the stats)")
    print(f"  median               {median:8.2f} ms   budget <= {BUDGET_MEDIAN_MS:.1f} ms  -> {verdict}")
    print(f"  p95                  {p95:8.2f} ms")
    print(f"  max                  {times[-1]:8.2f} ms")
    print(f"  min                  {times[0]:8.2f} ms")
    print(f"RESULT: {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
