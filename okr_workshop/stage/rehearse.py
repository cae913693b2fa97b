"""``okr-workshop rehearse``: every stage view, every page, as PNG files, with no display.

The night before, the facilitator flips through the PNGs to see what the room will see at
the projector's size, without a projector.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..domain import model as m
from ..domain.stage import RoomInfo, StageRef, show_order

SIZE = re.compile(r"^(\d{2,5})x(\d{2,5})$")
MIN_SIZE = (320, 240)
MAX_SIZE = (7680, 4320)


def parse_size(text: str) -> tuple[int, int] | None:
    """ "1280x720" -> (1280, 720); None for anything that is not a sensible screen size."""
    match = SIZE.match(text.strip().lower())
    if not match:
        return None
    width, height = int(match.group(1)), int(match.group(2))
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        return None
    return width, height


def file_names(refs: list[tuple[StageRef, int]]) -> list[str]:
    """ "01-title.png", "02-title-2.png", ...: numbered in show order, the page after the kind."""
    digits = max(2, len(str(len(refs))))
    return [f"{n:0{digits}d}-{ref.kind}{f'-{page + 1}' if page else ''}.png"
            for n, (ref, page) in enumerate(refs, 1)]


def rehearse(ws: m.Workshop, out: Path, width: int, height: int, room: RoomInfo | None = None) -> list[Path]:
    """Write every page of every view in show order into ``out``; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from .render import pages_for, render_image

    _app = QGuiApplication.instance() or QGuiApplication(["okr-workshop"])  # fonts need an application
    pages = [(page, lay) for ref in show_order(ws) for pages, lay in [pages_for(ws, ref, width, height, room)]
             for page in pages]
    written = []
    for (page, lay), name in zip(pages, file_names([(p.ref, p.page) for p, _ in pages]), strict=True):
        path = out / name
        if not render_image(page, lay).save(str(path), "PNG"):
            raise OSError(f"{path}: cannot write")
        written.append(path)
    return written
