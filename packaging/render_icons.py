"""Render the application icon's PNG sizes from its SVG with Qt (no other tool needed).

Run: python packaging/render_icons.py   (writes resources/icons/okr-workshop-{48,128,256}.png)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (48, 128, 256)


def render(svg: Path, size: int, target: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):
        raise SystemExit(f"{target}: cannot write")


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "okr-workshop.svg"
    for size in SIZES:
        target = ICONS / f"okr-workshop-{size}.png"
        render(svg, size, target)
        print(f"{target.relative_to(ICONS.parent.parent)}  {size}x{size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
