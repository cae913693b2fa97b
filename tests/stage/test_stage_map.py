"""The dependency map on the stage: whole boxes on pages, arrows inside a page, readable sizes."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from okr_workshop.domain import model as m
from okr_workshop.domain.stage_map import LEGEND, MapPage, map_pages
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.stage import render, style
from okr_workshop.stage.diagram import COLOURS, paint_map

ROOT = Path(__file__).parents[2]
SIZES = ((1024, 768), (1280, 720), (1920, 1080))


def demo() -> m.Workshop:
    return workshop_from_document(json.loads((ROOT / "resources/demo/demo.json").read_bytes()))


def large() -> m.Workshop:
    spec = importlib.util.spec_from_file_location("bench_stage", ROOT / "tests/benchmarks/bench_stage.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.large_workshop()


@pytest.fixture(scope="module")
def workshops() -> dict[str, m.Workshop]:
    return {"demo": demo(), "large": large()}


def check_pages(ws: m.Workshop, pages: list[MapPage]) -> None:
    placed = [b.id for p in pages for b in p.boxes]
    assert sorted(placed) == sorted(n.id for n in ws.nodes)  # every box on exactly one page
    for page in pages:
        assert len(page.boxes) <= page.cols * page.rows
        cells = [(b.col, b.row) for b in page.boxes]
        assert len(set(cells)) == len(cells)
        assert all(0 <= c < page.cols and 0 <= r < page.rows for c, r in cells)
        assert all(len(b.lines) <= page.box_lines for b in page.boxes)
        assert all(len(line) <= page.box_chars for b in page.boxes for line in b.lines)
        here = {b.id for b in page.boxes}
        assert all(a.source in here and a.target in here for a in page.arrows)
        assert all(a.state in ("ok", "at_risk", "blocked", "done") for a in page.arrows)


def test_the_demo_fits_one_page(workshops):
    ws = workshops["demo"]
    pages = map_pages(ws, 15, 64)
    assert len(pages) == 1
    check_pages(ws, pages)
    page = pages[0]
    assert len(page.arrows) == len(ws.edges)
    assert {b.id for b in page.boxes if b.mark == "loop"} == {"billing", "pricing", "finance"}
    labels = {n.id: n.label for n in ws.nodes}
    assert all(" ".join(b.lines) == labels[b.id] for b in page.boxes)  # wrapped, never cut


def test_the_large_map_takes_pages_without_losing_a_box(workshops):
    ws = workshops["large"]
    pages = map_pages(ws, 10, 53)
    assert len(pages) > 1
    check_pages(ws, pages)
    on_page = sum(len(p.arrows) for p in pages)
    away = sum(b.away for p in pages for b in p.boxes)
    assert on_page + away // 2 == len(ws.edges)  # an arrow between two pages counts at both ends
    assert all(b.mark == "loop" for p in pages for b in p.boxes)


def test_pages_are_deterministic(workshops):
    for ws in workshops.values():
        assert map_pages(ws, 10, 53) == map_pages(ws, 10, 53)


def test_an_empty_map_is_one_empty_page():
    pages = map_pages(m.Workshop(), 10, 53)
    assert len(pages) == 1 and not pages[0].boxes and not pages[0].arrows


def test_colours_read_on_the_stage():
    assert all(style.contrast(c, style.BACKGROUND) >= 4.5 for c in COLOURS)
    assert LEGEND and all(LEGEND)


def paint(ws: m.Workshop, width: int, height: int) -> list[tuple[QImage, list[render.Drawn], QRect]]:
    lay = render.layout_for(width, height, "Dependency map")
    out = []
    for page in map_pages(ws, lay.rows, lay.chars):
        image = QImage(width, height, QImage.Format_RGB32)
        image.fill(QColor(style.BACKGROUND))
        painter = QPainter(image)
        try:
            drawn = paint_map(painter, page, lay.body_rect, height)
        finally:
            painter.end()
        out.append((image, drawn, lay.body_rect))
    return out


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("name", ["demo", "large"])
def test_every_page_is_painted_readable(qtbot, tmp_path, workshops, name, width, height):
    pages = paint(workshops[name], width, height)
    for i, (image, drawn, body) in enumerate(pages):
        assert image.save(str(tmp_path / f"{name}-{width}x{height}-{i}.png"))
        assert drawn
        for d in drawn:
            assert d.fitted, d.text
            assert body.contains(d.rect), d.text
            assert d.pixel_size >= math.ceil(height / 30) - 1, d.text
    if name == "demo" and (width, height) == (1280, 720):
        assert len(pages) == 1


def test_the_pictures_to_look_at(qtbot, workshops):
    """The demo and a large page at 1280x720, for a person to judge (/tmp/map-*.png)."""
    assert paint(workshops["demo"], 1280, 720)[0][0].save("/tmp/map-demo-1280.png")
    assert paint(workshops["large"], 1280, 720)[0][0].save("/tmp/map-large-1280.png")
