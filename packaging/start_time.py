"""How fast the packaged app shows its first frame: spawn to the painted demo, median of N runs.

Run: python packaging/start_time.py dist/okr-workshop/okr-workshop [runs]
Each run is a fresh process with its own empty HOME (a first start), offscreen.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time


def first_frame(binary: str, env: dict[str, str]) -> float:
    start = time.time()
    done = subprocess.run([binary, "--demo", "--exit-after-start"], env=env, capture_output=True, text=True,
                          timeout=60, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("first frame painted at"))
    return float(line.rsplit(" ", 1)[1]) - start


def main() -> int:
    binary = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    home = tempfile.mkdtemp(prefix="okr-start-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": home, "XDG_CONFIG_HOME": f"{home}/.config",
           "XDG_DATA_HOME": f"{home}/.local/share"}
    first_frame(binary, env)  # warm the page cache
    times = [first_frame(binary, env) for _ in range(runs)]
    print(f"start time (spawn to the painted demo, offscreen): median {statistics.median(times) * 1000:.0f} ms "
          f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
