"""``okr-workshop rehearse`` through the installed console script: PNG files in show order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

DEMO = Path(__file__).parents[2] / "resources/demo/demo.json"


def okr_workshop(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "okr-workshop"
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    env.pop("QT_QPA_PLATFORM", None)  # rehearse must go offscreen by itself
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("home")
    path = home / "demo.okrw"
    done = okr_workshop("import", DEMO, "-o", path, home=home)
    assert done.returncode == 0, done.stderr
    return path


def test_rehearse_writes_every_page_in_show_order(tmp_path, demo_file):
    out = tmp_path / "stage"
    done = okr_workshop("rehearse", demo_file, "--out", out, "--size", "1024x768", home=tmp_path)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    assert names[:2] == ["01-title.png", "02-title-2.png"]
    assert any(n.endswith("-join.png") for n in names) and any(n.endswith("-actions.png") for n in names)
    assert [int(n.split("-")[0]) for n in names] == list(range(1, len(names) + 1))
    image = QImage(str(out / names[0]))
    assert (image.width(), image.height()) == (1024, 768)
    assert f"{len(names)} stage pages" in done.stderr


@pytest.mark.parametrize("size", ["12x", "1280", "0x0", "100000x720", "abcxdef"])
def test_a_bad_size_exits_2_with_one_line(tmp_path, demo_file, size):
    done = okr_workshop("rehearse", demo_file, "--out", tmp_path / "out", "--size", size, home=tmp_path)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "--size" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_bad_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.okrw"
    bad.write_bytes(b"not a workshop")
    for path in (bad, tmp_path / "missing.okrw"):
        done = okr_workshop("rehearse", path, "--out", tmp_path / "out", home=tmp_path)
        assert done.returncode == 2
        assert len(done.stderr.strip().splitlines()) == 1 and str(path) in done.stderr
