"""Every file the app ships, found in one place.

Installed (``pip install .``) the files sit in ``okr_workshop/resources``; in a source
checkout they sit in the top-level ``resources/``; bundled by PyInstaller, under
``sys._MEIPASS``. An unknown name is an error, never a silent fallback.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _roots() -> list[Path]:
    here = Path(__file__).resolve().parent
    roots = [here / "resources", here.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.insert(0, Path(bundle) / "okr_workshop" / "resources")
    return roots


def resource(name: str) -> Path:
    """The path of a shipped file such as ``demo/demo.json``."""
    for root in _roots():
        path = root / name
        if path.exists():
            return path
    raise FileNotFoundError(f"resource {name!r} is missing from this installation")
