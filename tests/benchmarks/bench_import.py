"""How long ``okr-workshop import`` takes as a document grows: 10k, 20k, 40k and 200k actions.

Run from the repository root:  python tests/benchmarks/bench_import.py [SIZES...]
Each document holds N actions and, beside them, N/10 participants, priorities, not-now entries,
dependency nodes and edges, parking-lot items and decision-log entries, N/100 OKRs with three key
results each, and two votes (one open, one secret) with a ballot from every voter. Each import
runs the installed console script end to end (read, validate, write, rename), as a user would.

Budget: 200k actions in 10 s or less, and linear growth: doubling the size may at most
about double the time (quadratic growth would quadruple it). Prints the times and PASS or OVER;
exits 1 when over budget or when growth is clearly quadratic.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SIZES = (10_000, 20_000, 40_000, 200_000)
BUDGET_SECONDS = 10.0  # for the largest size
# The time per action may grow this much from the smallest to the largest size before the growth
# counts as quadratic (quadratic growth would make it grow 20-fold from 10k to 200k).
MAX_PER_ACTION_GROWTH = 3.0


def document(actions: int) -> dict[str, Any]:
    """A valid interchange document with ``actions`` actions and everything else in proportion."""
    n = max(actions // 10, 4)
    people = [{"id": f"p{i}", "name": f"Person {i}", "role": "executive", "function": "Ops"} for i in range(n)]
    people[0]["role"] = "facilitator"
    prios = [{"id": f"pr{i}", "title": f"Priority {i}", "status": "candidate"} for i in range(n)]
    nodes = [{"id": f"n{i}", "label": f"Team {i}", "kind": "team", "owner": f"p{i}"} for i in range(n)]
    edges = [{"from": f"n{i}", "to": f"n{i + 1}", "what": "handover", "owner": f"p{i}", "needed_by": "2026-05-01"}
             for i in range(n - 1)]
    items = [f"pr{i}" for i in range(5)]
    voters = [f"p{i}" for i in range(1, n)]
    return {
        "format": "okr-workshop", "version": 1,
        "workshop": {"title": f"Import benchmark {actions}", "facilitator": "p0"},
        "participants": people,
        "priorities": prios,
        "votes": [
            {"id": "v1", "title": "Open dots", "method": "dots", "budget": 5, "secret": False, "items": items,
             "ballots": [{"participant": p, "scores": {items[i % 5]: 3, items[(i + 1) % 5]: 2}}
                         for i, p in enumerate(voters)]},
            {"id": "v2", "title": "Secret rank", "method": "rank", "secret": True, "items": items[:3],
             "voted": voters, "ballots": [{"scores": {items[0]: 1 + i % 3, items[1]: 1 + (i + 1) % 3,
                                                      items[2]: 1 + (i + 2) % 3}} for i in range(len(voters))]},
        ],
        "not_now": [{"id": f"nn{i}", "title": f"Later {i}", "priority": f"pr{i}", "decision": "defer",
                     "owner": f"p{i}"} for i in range(n)],
        "dependency_graph": {"nodes": nodes, "edges": edges},
        "okrs": [{"id": f"o{i}", "objective": f"Objective {i}", "priority": f"pr{i}", "owner": f"p{i}",
                  "key_results": [{"id": f"kr{i}-{k}", "title": f"Raise rate {k}", "baseline": 1, "target": 2,
                                   "owner": f"p{i}", "due": "2026-06-30"} for k in range(3)]}
                 for i in range(max(actions // 100, 1))],
        "actions": [{"id": f"a{i}", "title": f"Action {i}", "owner": f"p{i % n}", "due": "2026-03-20",
                     "status": "open"} for i in range(actions)],
        "parking_lot": [{"id": f"pk{i}", "text": f"Question {i}", "raised_by": f"p{i}", "resolution": "action",
                         "link": f"a{i}"} for i in range(n)],
        "decision_log": [{"id": f"d{i}", "at": "2026-03-12T10:00:00", "text": f"Decided {i}"} for i in range(n)],
    }


def executable() -> str:
    """The console script beside this interpreter (the installation under test)."""
    beside = Path(sys.executable).parent / "okr-workshop"
    return str(beside) if beside.is_file() else "okr-workshop"


def time_import(actions: int, folder: Path) -> float:
    """Seconds for one ``okr-workshop import`` of a document with ``actions`` actions."""
    source = folder / f"doc-{actions}.json"
    target = folder / f"doc-{actions}.okrw"
    source.write_text(json.dumps(document(actions)), encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.run([executable(), "import", str(source), "-o", str(target), "--force"],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"import of {actions} actions failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed


def verdicts(times: dict[int, float]) -> list[str]:
    """What is wrong with these times (empty: within budget)."""
    problems = []
    largest, smallest = max(times), min(times)
    if largest >= 200_000 and times[largest] > BUDGET_SECONDS:
        problems.append(f"{largest} actions took {times[largest]:.1f} s (budget {BUDGET_SECONDS:.0f} s)")
    growth = (times[largest] / largest) / (times[smallest] / smallest)
    if largest > smallest and growth > MAX_PER_ACTION_GROWTH:
        problems.append(f"time per action grew {growth:.1f}-fold from {smallest} to {largest} actions: "
                        "the import is not linear")
    return problems


def main(argv: list[str]) -> int:
    sizes = tuple(int(a) for a in argv) or SIZES
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            times[size] = time_import(size, Path(tmp))
            print(f"{size:>8} actions  {times[size]:6.2f} s  ({times[size] / size * 1e6:5.1f} µs per action)")
    problems = verdicts(times)
    for problem in problems:
        print(f"OVER: {problem}")
    if not problems:
        print("PASS")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
