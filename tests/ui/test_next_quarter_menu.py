"""File → New from a previous offsite…, and the next-quarter demo on the start page and in the menu."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from okr_workshop.domain.next_quarter import next_cycle, next_start
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.resource_lookup import resource
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui.next_quarter_dialog import NextQuarterDialog
from okr_workshop.ui.start_page import StartPage

from .helpers import make_window


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """The first demo as a closed workshop file: last quarter's offsite."""
    path = tmp_path / "spring.okrw"
    WorkshopFile.create(path, workshop_from_document(json.loads(resource("demo/demo.json").read_bytes()))).close()
    return path


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch):
    """The file dialogs answer what the test sets; critical messages are recorded, not shown."""
    answers: dict[str, str] = {}
    critical: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (answers.get("open", ""), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (answers.get("save", ""), ""))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: critical.append(text))
    return answers, critical


def menu_action(window, text: str):
    (action,) = [a for a in window.actions() if a.text().replace("&", "") == text]
    return action


def test_the_defaults_are_the_next_quarter_thirteen_weeks_on():
    assert next_cycle("2026-Q2") == "2026-Q3" and next_cycle("2026-Q4") == "2027-Q1"
    assert next_cycle("FY26") == "" and next_cycle("") == ""
    assert next_start("2026-03-12") == "2026-06-11" and next_start(None) is None and next_start("soon") is None


def test_new_from_a_previous_offsite_builds_and_opens_the_next_one(qtbot, tmp_path, previous, dialogs):
    answers, critical = dialogs
    before = previous.read_bytes()
    window = make_window(qtbot)
    answers["open"] = str(previous)
    dialog = window.new_from_previous()
    assert isinstance(dialog, NextQuarterDialog)
    assert dialog.cycle() == "2026-Q3" and dialog.starts() == "2026-06-11"  # both editable defaults
    dialog.starts_edit.setDate(QDate(2026, 6, 25))
    answers["save"] = str(tmp_path / "summer")  # no suffix: .okrw is added
    dialog.accept()
    assert critical == []
    target = (tmp_path / "summer.okrw").resolve()
    assert window.ctx is not None and window.ctx.store.path == target
    ws = window.ctx.workshop
    assert (ws.info.cycle, ws.info.starts) == ("2026-Q3", "2026-06-25")
    assert not ws.objectives and not ws.key_results and len(ws.past_key_results) == 12
    assert {p.status for p in ws.priorities} == {"candidate"} and ws.history.priorities["pr10"] == "stopped"
    assert [n.id for n in ws.not_now if n.revisit_due] == ["n6"]  # revisit 2026-06-25, the start itself
    assert previous.read_bytes() == before


def test_the_menu_item_starts_it(qtbot, previous, dialogs, monkeypatch):
    answers, _ = dialogs
    window = make_window(qtbot)
    answers["open"] = str(previous)
    opened: list[NextQuarterDialog] = []
    monkeypatch.setattr(NextQuarterDialog, "open", lambda self: opened.append(self))
    menu_action(window, "New from a previous offsite…").trigger()
    assert len(opened) == 1
    opened[0].reject()
    assert window.ctx is None


def test_a_file_that_is_not_a_workshop_is_refused_in_a_dialog(qtbot, tmp_path, dialogs):
    answers, critical = dialogs
    minutes = tmp_path / "minutes.okrw"
    minutes.write_text("these are the minutes, not a workshop\n", encoding="utf-8")
    window = make_window(qtbot)
    answers["open"] = str(minutes)
    assert window.new_from_previous() is None
    assert len(critical) == 1 and "not an okr-workshop file" in critical[0]
    assert window.ctx is None


def test_cancelling_the_save_dialog_creates_nothing(qtbot, tmp_path, previous, dialogs):
    answers, critical = dialogs
    window = make_window(qtbot)
    answers["open"] = str(previous)
    window.new_from_previous().accept()  # "save" answers "" : cancelled
    assert window.ctx is None and critical == []
    assert sorted(p.name for p in tmp_path.glob("*.okrw")) == ["spring.okrw"]


def test_saving_over_the_previous_offsite_is_refused(qtbot, previous, dialogs):
    answers, critical = dialogs
    before = previous.read_bytes()
    window = make_window(qtbot)
    answers["open"] = answers["save"] = str(previous)
    window.new_from_previous().accept()
    assert len(critical) == 1 and "is the previous offsite" in critical[0]
    assert previous.read_bytes() == before and window.ctx is None


def test_the_start_page_opens_the_next_quarter_demo(qtbot):
    window = make_window(qtbot)
    page = window.centralWidget()
    assert isinstance(page, StartPage)
    qtbot.mouseClick(page.next_demo_button, Qt.LeftButton)
    assert window.ctx is not None
    ws = window.ctx.workshop
    assert ws.info.cycle == "2026-Q3" and ws.history.cycle == "2026-Q2" and len(ws.past_key_results) == 12
    assert window.ctx.store.path.name == "demo offsite (next quarter).okrw"


def test_the_file_menu_opens_either_demo(qtbot):
    window = make_window(qtbot)
    menu_action(window, "Open the demo offsite (next quarter)").trigger()
    assert window.ctx is not None and window.ctx.workshop.info.cycle == "2026-Q3"
    menu_action(window, "Open the demo offsite").trigger()
    assert window.ctx is not None and window.ctx.workshop.info.cycle == "2026-Q2"


def test_the_next_quarter_demo_scores_without_sandbagging_and_shows_a_revisit_due(qtbot):
    from okr_workshop.domain import retrospective
    from okr_workshop.domain.next_quarter import report

    window = make_window(qtbot)
    window.open_next_demo()
    ws = window.ctx.workshop
    assert retrospective.flags(ws) == ["revisit_due"]
    assert all(k.actual is not None and k.confidence and k.learned for k in ws.past_key_results)
    scores = retrospective.scores(ws)
    assert any(s == 1.0 for s in scores.values()) and any(s is not None and 0 < s < 1 for s in scores.values())
    assert ws.history.working and ws.history.differently
    then_now = report(ws)["alignment"]
    assert any(v["now"] > v["before"] for v in then_now.values())
    assert ws.objectives and ws.key_results and any(v.closed for v in ws.votes)
