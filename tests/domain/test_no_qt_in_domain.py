"""The domain stays pure: importing all of it pulls in no GUI, database, plotting or PDF library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "sqlite3", "sqlite_utils", "networkx", "matplotlib", "reportlab")

PROBE = """
import importlib, json, pkgutil, sys
import okr_workshop.domain as domain
names = sorted(m.name for m in pkgutil.iter_modules(domain.__path__))
for name in names:
    importlib.import_module(f"okr_workshop.domain.{name}")
print(json.dumps({"modules": names, "loaded": sorted(sys.modules)}))
"""


def test_importing_every_domain_module_loads_no_heavy_or_gui_library():
    """In a fresh interpreter, all of okr_workshop.domain imports without Qt, SQLite, networkx,
    matplotlib or reportlab (networkx is imported lazily, inside the functions that use it)."""
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert {"model", "voting", "alignment", "dependencies", "decision_rights", "okrs", "report"} <= set(
        result["modules"])
    leaked = [m for m in result["loaded"] if m.split(".")[0] in FORBIDDEN or m == "_sqlite3"]
    assert leaked == []
