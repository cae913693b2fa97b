"""Run the installed ``okr-workshop`` console script as a user would: a subprocess with its own
HOME and config folder, Qt offscreen, and a timeout. Shared: the demo imported once per module."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

DEMO_JSON = Path(__file__).parents[2] / "resources/demo/demo.json"
DEMO_BYTES = DEMO_JSON.read_bytes()
# Generous: one call takes ~0.5 s, but the machine is shared with other test runs.
TIMEOUT = 60


def demo_document() -> dict[str, Any]:
    """A fresh, changeable copy of the demo document."""
    return json.loads(DEMO_BYTES)


@dataclass
class Result:
    """What one run of the command did."""

    args: tuple[str, ...]
    returncode: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.stdout_bytes)

    def __str__(self) -> str:
        return f"okr-workshop {' '.join(self.args)} -> {self.returncode}\nstderr: {self.stderr}"


def executable() -> str:
    """The installed console script; the suite tests the installation, not the source tree.

    The script beside the running interpreter comes first, so ``.venv/bin/python -m pytest``
    tests that environment's installation without the venv on PATH.
    """
    beside = Path(sys.executable).parent / "okr-workshop"
    exe = str(beside) if beside.is_file() else shutil.which("okr-workshop")
    if exe is None:
        pytest.fail("the okr-workshop console script is not on PATH: install the package (pip install -e .)")
    return exe


def run_cli(*args: str | os.PathLike[str], home: Path, cwd: Path | None = None, stdin: bytes | None = None,
            env: dict[str, str] | None = None) -> Result:
    """Run ``okr-workshop ARGS`` with HOME and XDG_CONFIG_HOME in ``home`` and Qt offscreen."""
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    environment.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), QT_QPA_PLATFORM="offscreen")
    environment.update(env or {})
    str_args = tuple(os.fspath(a) for a in args)
    try:
        proc = subprocess.run([executable(), *str_args], input=stdin if stdin is not None else b"",
                              capture_output=True, cwd=cwd or home, env=environment, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"okr-workshop {' '.join(str_args)} did not finish within {TIMEOUT} s")
    return Result(str_args, proc.returncode, proc.stdout, proc.stderr)


def canonical(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with each secret vote's ballots as a multiset of scores and ``voted`` as a set:
    the file keeps neither the order ballots were cast in nor who cast which."""
    doc = copy.deepcopy(doc)
    for vote in doc.get("votes", []):
        if vote.get("secret", True):
            vote["ballots"] = sorted(json.dumps(b["scores"], sort_keys=True) for b in vote.get("ballots", []))
            vote["voted"] = sorted(set(vote.get("voted", [])) | {
                b["participant"] for b in vote.get("ballots", []) if isinstance(b, dict) and b.get("participant")
            })
    return doc


@pytest.fixture
def cli(tmp_path: Path):
    """``cli(*args, stdin=..., env=...)`` runs the command in tmp_path, which is also HOME."""

    def run(*args: str | os.PathLike[str], **kwargs: Any) -> Result:
        return run_cli(*args, home=tmp_path, **kwargs)

    return run


@pytest.fixture(scope="module")
def module_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HOME (and working folder) shared by the module-scoped runs."""
    return tmp_path_factory.mktemp("cli-home")


@pytest.fixture(scope="module")
def demo_okrw(module_home: Path) -> Path:
    """The demo imported once per module with the CLI; tests copy it before changing anything."""
    target = module_home / "demo.okrw"
    result = run_cli("import", DEMO_JSON, "-o", target, home=module_home)
    assert result.returncode == 0, str(result)
    assert target.is_file()
    return target
