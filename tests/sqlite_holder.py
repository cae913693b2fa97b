"""Another program holding a workshop file open in sqlite3 (a backup or sync client, a shell).

Shared by the store and command-line tests of "in use" and "a reader does not block". Test
packages import it as ``sqlite_holder``: pytest puts this folder on the path for them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
for statement in sys.argv[2:]:
    conn.execute(statement).fetchall()
print("held", flush=True)
sys.stdin.readline()
"""


def hold(path: Path, *statements: str) -> subprocess.Popen:
    """Another process with ``path`` open in sqlite3, after ``statements``, until ``release``."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path), *statements], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    return child


def release(child: subprocess.Popen) -> None:
    child.communicate("\n", timeout=20)
