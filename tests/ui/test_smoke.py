"""The installed ``okr-workshop`` command starts the GUI and exits, or refuses a bad file in one line."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .helpers import console_script


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """Offscreen Qt, and a home, config and temp folder of the test's own."""
    env = dict(os.environ)
    for name in ("HOME", "XDG_CONFIG_HOME", "TMPDIR"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        env[name] = str(folder)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([console_script(), *args], env=isolated_env(tmp_path), cwd=tmp_path,
                          capture_output=True, text=True, timeout=30)


def test_demo_starts_and_exits_after_the_first_frame(tmp_path):
    """`okr-workshop --demo --exit-after-start` paints the demo and exits 0, using only its own folders."""
    done = run(["--demo", "--exit-after-start"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    demo_copies = list((tmp_path / "tmpdir").glob("okr-workshop-demo-*/*.okrw"))
    assert len(demo_copies) == 1  # the demo copy went to the isolated TMPDIR
    assert (tmp_path / "xdg_config_home" / "okr-workshop" / "okr-workshop.conf").exists()  # settings too


def test_bad_file_exits_2_with_one_line_naming_it(tmp_path):
    """A text file given as the workshop exits 2 with a single stderr line that names the file."""
    bad = tmp_path / "BAD.okrw"
    bad.write_text("not a workshop\n", encoding="utf-8")
    done = run([str(bad), "--exit-after-start"], tmp_path)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert str(bad) in lines[0]
    assert bad.read_text(encoding="utf-8") == "not a workshop\n"
