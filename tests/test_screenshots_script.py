"""tools/screenshots.py still opens the demo and writes the documentation's PNGs.

It runs in its own process: the script sets up its own QApplication, settings path and
environment, which must not leak into the other tests' Qt state.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "screenshots.py"


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_the_screenshot_script_writes_every_png(tmp_path: Path):
    """Each screen listed in SHOTS becomes a 1280×800 PNG with real content in it, each stage view
    in STAGE_SHOTS a PNG of STAGE_SIZE, and nothing is written to the user's settings (HOME points
    at an empty folder that must stay empty)."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path / "shots")],
                          capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from screenshots import SHOTS, SIZE, STAGE_SHOTS, STAGE_SIZE
    finally:
        sys.path.remove(str(SCRIPT.parent))
    for name, _screen in SHOTS:
        path = tmp_path / "shots" / name
        assert path.exists(), f"{name} was not written"
        assert path.stat().st_size > 30_000, f"{name} looks empty ({path.stat().st_size} bytes)"
        assert _png_size(path) == SIZE
    for name, _kind in STAGE_SHOTS:
        path = tmp_path / "shots" / name
        assert path.exists(), f"{name} was not written"
        assert path.stat().st_size > 10_000, f"{name} looks empty ({path.stat().st_size} bytes)"
        assert _png_size(path) == STAGE_SIZE
    written = sorted(p.name for p in (tmp_path / "shots").iterdir())
    assert written == sorted(name for name, _ in SHOTS + STAGE_SHOTS), written  # no rehearsal pages left over
    assert not any(home.iterdir()), f"wrote into HOME: {sorted(p.name for p in home.iterdir())}"
