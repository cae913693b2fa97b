"""The heavy libraries, loaded in idle time after the first frame, so that no click pays for them.

matplotlib (the vote and alignment charts, ~0.3-1 s to import), networkx and numpy (the
dependency map), aiohttp (room voting, reached from the Vote screen) and reportlab (the pack)
are imported lazily: the window's first frame does not wait for them. Left there, the first
visit to the Vote screen would wait for matplotlib in front of the room. So once the window has
painted, a background thread imports them: these modules only define classes and functions (no
Qt object is made), and Python's import locks let the GUI thread, should it need one of them
first, simply wait for that one. Then it makes the chart lettering of the open workshop (its
priority titles, its votes' questions and the chart's numbers:
``charts.path_text.warm_outlines``), the bulk of a first results chart.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence

# In the order a facilitator meets them: the charts, the map, the pack.
HEAVY = (
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_qtagg",  # defines the canvas class only; the GUI thread makes canvases
    "networkx",
    "numpy",  # the map's force-directed layout
    "sqlite_utils",  # the store's first edit (after numpy: it imports it)
    "aiohttp.web",  # the Vote screen reaches the room server's module (no socket opens until room voting starts)
    "reportlab.platypus",
    "reportlab.graphics.shapes",
)


def _warm(names: tuple[str, ...], titles: Sequence[str]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a failed warm-up only means the click imports it (and reports it) later
            continue
    if titles:
        try:
            from .charts.path_text import warm_outlines

            warm_outlines(titles)
        except Exception:  # noqa: BLE001 - the chart then makes them itself
            pass


def warm_up(names: tuple[str, ...] = HEAVY, titles: Sequence[str] = ()) -> threading.Thread:
    """Start importing ``names`` (then outlining ``titles``) in a daemon thread; returns it (a
    benchmark may join it)."""
    thread = threading.Thread(target=_warm, args=(names, tuple(titles)), name="okr-workshop warm-up", daemon=True)
    thread.start()
    return thread
