"""The stage drawn at the projector sizes people plug in: readable, paginated, nothing secret."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar

from okr_workshop.domain import model as m
from okr_workshop.domain import next_quarter
from okr_workshop.domain.stage import KINDS, RoomInfo, StageRef, show_order
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.stage import style
from okr_workshop.stage.view import StageView
from okr_workshop.stage.window import StageWindow

from .workshops import large_workshop

DEMO = Path(__file__).parents[2] / "resources/demo/demo.json"
SIZES = ((1024, 768), (1280, 720), (1920, 1080))
ROOM = RoomInfo("http://192.168.1.20:8765", "K7Q-4MZ")


@pytest.fixture
def ws() -> m.Workshop:
    workshop = workshop_from_document(json.loads(DEMO.read_bytes()))
    workshop.priorities = [dataclasses.replace(p, status="selected") if p.id in ("pr1", "pr2", "pr4") else p
                           for p in workshop.priorities]  # a critical few to show
    return workshop


def view_at(qtbot, ws: m.Workshop, width: int, height: int) -> StageView:
    view = StageView(lambda: ws)
    view.room = ROOM
    qtbot.addWidget(view)
    view.resize(width, height)
    return view


@pytest.fixture(scope="module")
def large() -> m.Workshop:
    return large_workshop()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_view_of_the_demo_is_readable_and_paginated(qtbot, tmp_path, ws, width, height):
    pages = check_every_page(qtbot, tmp_path, ws, width, height)
    assert pages > len(show_order(ws))  # some views took more than one page
    assert {r.kind for r in show_order(ws)} == set(KINDS) - {"blank"}  # every kind was drawn at this size


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_view_of_a_large_workshop_is_readable_and_paginated(qtbot, tmp_path, large, width, height):
    pages = check_every_page(qtbot, tmp_path, large, width, height)
    assert pages < 4 * len(show_order(large))  # long lists are cut into pages the room can follow, not hundreds


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_next_offsite_with_last_quarter_scored_is_readable(qtbot, tmp_path, ws, width, height):
    """Started from the demo, with actuals typed: the retrospective's pages (scores as bars, then
    and now) and the empty states of a new offsite keep the layout contract at every size."""
    new = next_quarter.carry_over(ws, "2026-Q3", "2026-07-01")
    new.past_key_results = [dataclasses.replace(k, actual=k.baseline if k.baseline is not None else k.target)
                            for k in new.past_key_results]
    check_every_page(qtbot, tmp_path, new, width, height)
    assert len(list(tmp_path.glob("*-retrospective.png"))) > 1  # the dozen key results take pages


def check_every_page(qtbot, tmp_path: Path, ws: m.Workshop, width: int, height: int) -> int:
    """Draw every page of every view (and a blank) at this size, keep the PNGs, check the layout
    contract; returns how many pages there were."""
    view = view_at(qtbot, ws, width, height)
    pages = 0
    for ref in [*show_order(ws), StageRef("blank")]:
        view.show_ref(ref)
        count = view.model().pages
        for page in range(count):
            view.show_ref(StageRef(ref.kind, ref.key, page))
            image = view.grab()
            assert image.width() == width and image.height() == height
            assert image.save(str(tmp_path / f"{width}x{height}-{pages:02d}-{ref.kind}.png"))
            pages += 1
            assert not [s for s in view.findChildren(QScrollBar) if s.isVisible()]
            assert not view.findChildren(QAbstractScrollArea)
            for drawn in view.drawn:
                assert drawn.line_height >= height / 30, (ref, drawn.text, drawn.pixel_size)
                assert drawn.pixel_size >= math.ceil(height / 30) - 1, (ref, drawn.text)
                assert drawn.fitted, (ref, page, drawn.text)  # nothing cut off or elided
                assert drawn.rect.bottom() <= height and drawn.rect.right() <= width
            if count > 1:
                assert f"{page + 1}/{count}" in [d.text for d in view.drawn]
    assert len(list(tmp_path.glob("*.png"))) == pages
    return pages


def test_colours_keep_a_contrast_of_4_5():
    for colour in style.TEXT_COLOURS:
        assert style.contrast(colour, style.BACKGROUND) >= 4.5


def test_a_hidden_secret_vote_shows_no_score_and_no_name(qtbot, ws):
    ws.votes = [dataclasses.replace(v, revealed=False) for v in ws.votes]
    vote = ws.votes[0]
    assert vote.secret and vote.ballots
    view = view_at(qtbot, ws, 1280, 720)
    view.show_ref(StageRef("vote", vote.id))
    view.grab()
    texts = [d.text for d in view.drawn]
    assert "8 of 10" in texts
    joined = " ".join(t for t in texts if t != vote.title)
    assert not any(p.name in joined for p in ws.participants)
    assert not any(ws.priority_title(i) in joined for i in vote.items)
    assert {c for c in joined if c.isdigit()} <= set("8 of 10")


def test_keys_move_blank_and_hide_the_stage(qtbot, ws):
    window = StageWindow(lambda: ws)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    order = show_order(ws)
    assert window.ref == order[0]
    title_pages = window.view.model().pages
    assert title_pages > 1
    qtbot.keyClick(window, Qt.Key_PageDown)
    assert window.ref == StageRef("title", page=1)
    for _ in range(title_pages - 1):
        qtbot.keyClick(window, Qt.Key_Right)
    assert window.ref == order[1]
    qtbot.keyClick(window, Qt.Key_PageUp)
    assert window.ref == StageRef("title", page=title_pages - 1)
    window.view.grab()
    assert window.view.accessibleDescription() == window.view.model().as_text()  # a screen reader reads the view
    qtbot.keyClick(window, Qt.Key_B)
    assert window.ref.kind == "blank"
    window.view.grab()
    assert window.view.drawn == [] and window.view.accessibleName() == "Blank stage"
    qtbot.keyClick(window, Qt.Key_Period)
    assert window.ref == StageRef("title", page=title_pages - 1)
    qtbot.keyClick(window, Qt.Key_Escape)
    assert not window.isVisible()


def test_the_controls_appear_on_demand_and_never_in_the_picture(qtbot, ws):
    window = StageWindow(lambda: ws)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    assert not window.overlay.isVisible()
    qtbot.keyClick(window, Qt.Key_Tab)
    assert window.overlay.isVisible() and window.overlay.geometry().bottom() < 720
    window.overlay.buttons["next"].click()
    assert window.ref == StageRef("title", page=1)
    window.overlay.buttons["blank"].click()
    assert window.ref.kind == "blank"
    window.overlay.buttons["blank"].click()
    window.view.grab()
    assert "Next ▶" not in [d.text for d in window.view.drawn]  # the view's picture has no controls
    qtbot.waitUntil(lambda: not window.overlay.isVisible(), timeout=5000)  # it hides itself when left alone
    qtbot.mouseMove(window.view, window.view.rect().center())
    qtbot.waitUntil(window.overlay.isVisible, timeout=2000)
    window.overlay.buttons["console"].click()
    assert not window.isVisible()


def test_the_map_is_drawn_for_the_room_and_l_shows_its_key(qtbot, ws):
    window = StageWindow(lambda: ws)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.cursor.jump(window.order().index(StageRef("map")))
    window.view.grab()
    model = window.view.model()
    assert model.pages == 1 and len(model.diagram.boxes) == len(ws.nodes)  # the demo's map on one page
    texts = " ".join(d.text for d in window.view.drawn)
    assert all(word in texts for n in ws.nodes for word in n.label.split())  # every name, whole
    assert "Data Platform team → Carrier API v2 (at risk)" in window.view.accessibleDescription()
    qtbot.keyClick(window, Qt.Key_L)
    assert window.ref == StageRef("map", "legend")
    window.view.grab()
    assert "Reading the map" in [d.text for d in window.view.drawn]
    assert window.cursor.upcoming() == StageRef("map")
    qtbot.keyClick(window, Qt.Key_PageDown)  # the key goes, the map comes back
    assert window.ref == StageRef("map")
    qtbot.keyClick(window, Qt.Key_PageDown)
    assert window.ref.kind == "threats"
    qtbot.keyClick(window, Qt.Key_L)  # not a map: nothing to explain
    assert window.ref.kind == "threats"


def test_back_at_counts_down_by_the_minute_on_the_stage(qtbot, ws):
    window = StageWindow(lambda: ws)
    qtbot.addWidget(window)
    window.cursor.clock = lambda: datetime(2026, 3, 12, 10, 38, 10)
    window.cursor.tick()
    window.cursor.jump(window.order().index(StageRef("back_at", "10:50")))
    window.view.grab()
    assert "in 12 min" in [d.text for d in window.view.drawn]
    seen = []
    window.cursor.changed.connect(lambda: seen.append(window.ref))
    window.cursor.clock = lambda: datetime(2026, 3, 12, 10, 38, 50)
    window.cursor.tick()  # the same minute: nothing to redraw
    assert seen == []
    window.cursor.clock = lambda: datetime(2026, 3, 12, 10, 39, 5)
    window.cursor.tick()
    window.view.grab()
    assert len(seen) == 1 and "in 11 min" in [d.text for d in window.view.drawn]


def test_a_press_lays_each_view_out_once_until_the_workshop_changes(qtbot, ws, monkeypatch):
    from okr_workshop.stage import render
    from okr_workshop.stage import window as stage_window

    built, ordered = [], []
    real = render.build_pages
    monkeypatch.setattr(render, "build_pages", lambda *a, **k: built.append(a[1]) or real(*a, **k))
    real_order = stage_window.show_order
    monkeypatch.setattr(stage_window, "show_order", lambda w: ordered.append(1) or real_order(w))
    window = StageWindow(lambda: ws)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.cursor.jump(1)
    window.view.grab()
    window.previous()  # the title's last page
    window.view.grab()
    first = len(built)
    for _ in range(3):
        window.next()
        window.view.grab()
        window.previous()
        window.view.grab()
    window.cursor.jump(0)  # the title's first page
    window.view.grab()
    assert len(built) == first  # both views, every page, were laid out once
    assert len(ordered) == 1  # and the show's order worked out once
    window.refresh()  # an edit: the order and every view may have changed
    window.view.grab()
    assert len(built) > first and len(ordered) == 2


def test_show_on_puts_the_stage_full_screen_on_that_screen(qtbot, ws):
    window = StageWindow(lambda: ws)
    qtbot.addWidget(window)
    screen = window.screen()
    window.show_on(screen)
    assert window.isFullScreen() and window.screen() is screen
    assert window.styleSheet() == style.STYLE_SHEET


TWO_SCREENS = """
import json, sys
from PySide6.QtWidgets import QApplication
from okr_workshop.domain import model as m
from okr_workshop.domain import next_quarter
from okr_workshop.stage.window import StageWindow, stage_screen
app = QApplication([])
laptop, projector = app.screens()
window = StageWindow(lambda: m.Workshop())
window.show_on(stage_screen(laptop))
print(json.dumps([window.screen().name(), window.geometry().getRect()]))
"""


def test_with_two_screens_the_stage_goes_to_the_other_one(tmp_path):
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800},
        {"name": "projector", "x": 1280, "y": 0, "width": 1280, "height": 720}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, "-c", TWO_SCREENS], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    name, rect = json.loads(done.stdout.strip().splitlines()[-1])
    assert name == "projector" and rect == [1280, 0, 1280, 720]
