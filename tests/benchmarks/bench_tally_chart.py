"""How long the Vote screen takes to show a new ballot: tally + results chart redraw.

Run from the repository root:  python tests/benchmarks/bench_tally_chart.py
A large room (40 voters x 20 items), once for a dot vote and once for a rank vote. Each run is
what the Vote screen does when a ballot arrives: ``tally`` the vote, gather the chart inputs and
redraw the chart (ChartCanvas.plot with draw_vote_results, canvas ~1280x720,
offscreen Qt), then let Qt paint the new picture. Budget: median <= 100 ms per vote kind.
Exits 1 when over budget. The first draw of a vote also makes each title's outline (cached
after that, see ui/charts/path_text.py); it is printed apart, as the import of matplotlib is.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import sys
import time
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from okr_workshop.domain import model as m  # noqa: E402
from okr_workshop.ui.charts import path_text  # noqa: E402
from okr_workshop.ui.charts.canvas import ChartCanvas  # noqa: E402
from okr_workshop.ui.charts.vote_results import chart_for, draw_vote_results  # noqa: E402

VOTERS, ITEMS = 40, 20
RUNS, WARM_UP = 25, 3
BUDGET_MEDIAN_MS = 100.0
SIZE = (1280, 720)


def workshop(method: str) -> tuple[m.Workshop, m.Vote]:
    """40 ballots on 20 priorities with realistic titles; seeded, so every run draws the same."""
    rng = random.Random(7)
    words = ["win", "cut", "grow", "open", "replace", "reduce", "carrier", "onboarding", "pricing", "retention",
             "platform", "market"]
    priorities = [m.Priority(f"pr{i}", f"{rng.choice(words).title()} the {' '.join(rng.sample(words, 3))} {i}")
                  for i in range(ITEMS)]
    people = [m.Participant(f"p{i}", f"Person {i}") for i in range(VOTERS)]
    items = [p.id for p in priorities]
    ballots = []
    for i in range(VOTERS):
        if method == "rank":
            order = rng.sample(items, len(items))
            scores = {item: place for place, item in enumerate(order, start=1)}
        else:
            scores = {}
            for _ in range(5):
                item = rng.choice(items[:12])  # some items get nothing, as in a real room
                scores[item] = scores.get(item, 0) + 1
        ballots.append(m.Ballot(f"b{i}", "v1", scores))
    vote = m.Vote("v1", "Which of these matters most next quarter?", method, None, True, 1, items, ballots,
                  voted=[p.id for p in people])
    return m.Workshop(participants=people, priorities=priorities, votes=[vote]), vote


def redraw(app: QApplication, canvas: ChartCanvas, ws: m.Workshop, vote: m.Vote) -> float:
    """One ballot's worth of work, in ms."""
    t0 = time.perf_counter()
    chart = chart_for(ws, vote)  # tally + titles
    canvas.plot(partial(draw_vote_results, chart=chart))
    app.processEvents()  # the paint that puts the new picture on screen
    return (time.perf_counter() - t0) * 1000


def measure(app: QApplication, canvas: ChartCanvas, method: str) -> tuple[float, list[float]]:
    """(the first draw of the vote, with no lettering cached yet; the sorted steady-state times)."""
    ws, vote = workshop(method)
    path_text._lines.cache_clear()
    path_text._word.cache_clear()
    first = redraw(app, canvas, ws, vote)
    for _ in range(WARM_UP):
        redraw(app, canvas, ws, vote)
    return first, sorted(redraw(app, canvas, ws, vote) for _ in range(RUNS))


def main() -> int:
    app = QApplication.instance() or QApplication([])
    canvas = ChartCanvas()
    canvas.resize(*SIZE)
    canvas.show()
    t0 = time.perf_counter()
    canvas.plot(lambda figure, style: None)  # imports matplotlib: once per session, not per ballot
    app.processEvents()
    import_ms = (time.perf_counter() - t0) * 1000
    width, height = canvas.figure.get_size_inches() * canvas.figure.dpi
    print(f"bench_tally_chart: {VOTERS} voters x {ITEMS} items, tally + chart redraw + paint, "
          f"canvas {width:.0f}x{height:.0f} px, {RUNS} runs after {WARM_UP} warm-up")
    print(f"  first plot (imports matplotlib) {import_ms:8.1f} ms   (once per session; not in the stats)")
    verdicts = []
    for method in ("dots", "rank"):
        first, times = measure(app, canvas, method)
        median = statistics.median(times)
        p95 = times[math.ceil(0.95 * len(times)) - 1]
        verdict = "PASS" if median <= BUDGET_MEDIAN_MS else "OVER"
        verdicts.append(verdict)
        print(f"  {method:5} median {median:7.1f} ms   p95 {p95:7.1f} ms   min {times[0]:7.1f} ms   "
              f"max {times[-1]:7.1f} ms   budget <= {BUDGET_MEDIAN_MS:.0f} ms -> {verdict}")
        print(f"        first draw of the vote {first:7.1f} ms   (every title's outline made once; not in the stats)")
    result = "PASS" if all(v == "PASS" for v in verdicts) else "OVER"
    print(f"RESULT: {result}")
    return 0 if result == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
