"""The packaged app: built with the documented script, it passes the smoke test offline."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.packaging
def test_the_built_folder_passes_the_smoke_test(tmp_path: Path):
    """packaging/build_linux.sh builds a one-folder app that starts, opens the demo, exports the
    PDF pack and exits cleanly (packaging/smoke_test.sh), and prints its size and start time."""
    env = {**os.environ, "DIST": str(tmp_path / "dist"), "WORK": str(tmp_path / "work"),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(["bash", str(REPO / "packaging" / "build_linux.sh")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=900)
    report = done.stdout + done.stderr
    print(report)
    assert done.returncode == 0, report
    assert "smoke test passed" in done.stdout
    assert "folder size:" in done.stdout and "start time" in done.stdout
    app = tmp_path / "dist" / "okr-workshop"
    assert (app / "share" / "okr-workshop.desktop").is_file() and (app / "install.sh").is_file()
    assert (app / "_internal" / "okr_workshop" / "resources" / "room" / "index.html").is_file()
