"""How long the PDF rollout pack takes, and how much memory: the demo and a large offsite.

Run from the repository root:  python tests/benchmarks/bench_pdf.py
Each timed run is a fresh process of the installed command, as a user runs it:
    okr-workshop export FILE.okrw --pdf OUT.pdf
so the figure includes starting Python, every import (reportlab, networkx), reading the
workshop file, the fonts, the charts (reportlab vector drawings), the one layout pass and writing
the file.
  demo    the shipped demo offsite (27 pages).      Budget: median of 5 runs <= 1.0 s.
  large   40 people, 100 priorities, 300 dependencies, 20 decisions, 10 objectives, a secret dot
          vote and an open ranking with 40 ballots each (82 pages).  Budget: median of 3 runs <= 3.0 s.
The first, untimed run of each fills the caches in this HOME (the disk cache, and the parsed
fonts in ~/.cache/okr-workshop/fonts), as any run after the first on a laptop finds them.
Peak memory is each child's maximum resident set (getrusage via wait4). In-process figures
follow for reference: a warm build (imports done) and tracemalloc's peak of Python allocations.
Prints the figures and PASS or OVER per budget; exits 1 when any is over.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from okr_workshop.domain.validate import workshop_from_document  # noqa: E402
from okr_workshop.store.workshop_file import write_new  # noqa: E402

DEMO_JSON = REPO / "resources" / "demo" / "demo.json"
BUDGET_DEMO_S, RUNS_DEMO = 1.0, 5
BUDGET_LARGE_S, RUNS_LARGE = 3.0, 3


def _factories():
    """tests/export/factories.py, loaded by path (tests/ is not an installed package)."""
    spec = importlib.util.spec_from_file_location("pack_factories", REPO / "tests" / "export" / "factories.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def command() -> list[str]:
    beside = Path(sys.executable).parent / "okr-workshop"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("okr-workshop")
    return [found] if found else [sys.executable, "-m", "okr_workshop"]


def run_once(okrw: Path, out: Path, home: Path) -> tuple[float, float]:
    """(seconds, peak resident MiB) of one fresh `export --pdf`."""
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_CACHE_HOME": str(home / ".cache")}
    t0 = time.perf_counter()
    proc = subprocess.Popen([*command(), "export", str(okrw), "--pdf", str(out)], env=env, cwd=home,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"export failed ({proc.returncode}): {proc.stderr.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def measure(name: str, okrw: Path, runs: int, budget: float, home: Path) -> bool:
    out = okrw.with_suffix(".pdf")
    run_once(okrw, out, home)  # warm the disk cache and the parsed-font cache in this HOME; not counted
    results = [run_once(okrw, out, home) for _ in range(runs)]
    times = sorted(s for s, _ in results)
    peak = max(m for _, m in results)
    median = statistics.median(times)
    from pypdf import PdfReader

    pages = len(PdfReader(str(out)).pages)
    verdict = "PASS" if median <= budget else "OVER"
    print(f"  {name:6s} {pages:3d} pages  median {median:6.2f} s  (min {times[0]:.2f}, max {times[-1]:.2f}, "
          f"{runs} fresh processes)  budget <= {budget:.1f} s -> {verdict}   peak RSS {peak:6.1f} MiB")
    return verdict == "PASS"


def in_process(name: str, ws) -> None:
    from okr_workshop.export.pdf_pack import build_pack

    build_pack(ws, io.BytesIO())  # imports and font registration
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        build_pack(ws, io.BytesIO())
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    build_pack(ws, io.BytesIO())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  {name:6s} warm in-process build median {statistics.median(times):5.2f} s; "
          f"tracemalloc peak {peak / 2**20:6.1f} MiB of Python allocations")


def main() -> int:
    factories = _factories()
    demo = workshop_from_document(json.loads(DEMO_JSON.read_text(encoding="utf-8")))
    large = factories.large_workshop()
    print(f"bench_pdf: the rollout pack, `{' '.join(Path(c).name for c in command())} export FILE --pdf OUT` "
          "timed from process start to exit")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        for name, ws, runs, budget in (("demo", demo, RUNS_DEMO, BUDGET_DEMO_S),
                                       ("large", large, RUNS_LARGE, BUDGET_LARGE_S)):
            okrw = home / f"{name}.okrw"
            write_new(okrw, ws)
            ok &= measure(name, okrw, runs, budget, home)
    print("for reference:")
    in_process("demo", demo)
    in_process("large", large)
    print(f"RESULT: {'PASS' if ok else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
