"""The Export screen's PDF rollout pack: written from a worker thread behind a progress dialog,
the window responsive meanwhile, opened when done, and cancellable without leaving a file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QPushButton

from okr_workshop.ui.pack_job import snapshot

from .helpers import screen_named

BUILD_TIMEOUT_MS = 90_000  # the machine is shared with other test runs


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch):
    def choose(path: Path) -> None:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "PDF (*.pdf)"))

    return choose


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What "open when done" asked the desktop to open (nothing is really opened)."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(QUrl(url)) or True)
    return urls


def test_export_pack_writes_the_pdf_with_progress_and_a_responsive_window(demo_window, qtbot, tmp_path, save_to,
                                                                          opened):
    """Clicking export writes a valid pack; the progress dialog moves; the window's event loop keeps
    running while the pack is built (off the GUI thread). How long it may stall is a benchmark's
    business (tests/benchmarks/bench_pdf.py), not a test's."""
    target = tmp_path / "pack.pdf"
    save_to(target)
    screen = screen_named(demo_window, "Export")
    screen.open_when_done.setChecked(True)
    ticks: list[float] = []
    values: list[int] = []

    def tick() -> None:
        ticks.append(time.perf_counter())

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()

    qtbot.mouseClick(screen.pdf_button, Qt.LeftButton)
    assert screen.job is not None and screen.progress_dialog is not None
    screen.job.progress.connect(lambda value, _words: values.append(screen.progress_dialog.value()))
    assert screen.progress_dialog.isVisible()
    assert not screen.pdf_button.isEnabled()  # one export at a time
    with qtbot.waitSignal(screen.job.done, timeout=BUILD_TIMEOUT_MS):
        pass
    timer.stop()

    assert PdfReader(str(target)).pages, "the pack has pages"
    assert target.read_bytes().startswith(b"%PDF")
    assert len({v for v in values if v > 0}) >= 3, f"the progress bar moved: {sorted(set(values))}"
    assert len(ticks) >= 2, "the window's timers ran while the pack was built (a blocked loop ticks once at most)"
    assert opened == [QUrl.fromLocalFile(str(target))]
    assert "Exported the rollout pack" in demo_window.statusBar().currentMessage()
    assert screen.progress_dialog is None and screen.pdf_button.isEnabled()
    assert [p.name for p in tmp_path.iterdir() if p.is_file() and p.name != "pack.pdf"] == []  # no temporary file


def test_facilitators_copy_and_letter_paper_come_from_the_screen_options(demo_window, qtbot, tmp_path, save_to,
                                                                        opened):
    """The paper choice and the facilitator's-copy box reach the pack; "open when done" off opens nothing."""
    target = tmp_path / "facilitator.pdf"
    save_to(target)
    screen = screen_named(demo_window, "Export")
    screen.paper.setCurrentIndex(screen.paper.findData("letter"))
    screen.facilitator_copy.setChecked(True)
    screen.open_when_done.setChecked(False)

    qtbot.mouseClick(screen.pdf_button, Qt.LeftButton)
    with qtbot.waitSignal(screen.job.done, timeout=BUILD_TIMEOUT_MS):
        pass

    reader = PdfReader(str(target))
    assert "facilitator" in reader.metadata.subject
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (612, 792)
    assert opened == []


def test_cancelling_the_export_leaves_no_file(demo_window, qtbot, tmp_path, save_to, opened):
    """Cancel in the progress dialog stops the build; neither the pack nor a temporary file remains."""
    target = tmp_path / "cancelled.pdf"
    save_to(target)
    screen = screen_named(demo_window, "Export")

    qtbot.mouseClick(screen.pdf_button, Qt.LeftButton)
    cancel = next(b for b in screen.progress_dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.LeftButton)
    with qtbot.waitSignal(screen.job.done, timeout=BUILD_TIMEOUT_MS):
        pass

    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".tmp")] == []
    assert "cancelled" in demo_window.statusBar().currentMessage()
    assert opened == []


def test_cancelled_save_dialog_starts_no_export(demo_window, monkeypatch):
    """No file chosen, no job."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    screen = screen_named(demo_window, "Export")
    screen.export_pack()
    assert screen.job is None


def test_the_worker_reads_a_snapshot_the_ui_cannot_change(demo_window):
    """Edits made while the pack is being built do not reach the lists the worker reads."""
    ws = demo_window.ctx.workshop
    copy = snapshot(ws)
    before = len(copy.actions)
    ws.actions.append(ws.actions[0])
    try:
        assert len(copy.actions) == before
        assert copy.participants == ws.participants and copy.participants is not ws.participants
    finally:
        ws.actions.pop()


def test_the_window_gets_the_interpreter_back_quickly_while_a_pack_is_built(demo_window, qtbot, tmp_path, save_to,
                                                                              opened):
    """During a build the interpreter hands over between threads every half millisecond (the
    window's thread waits for it at each call into Qt); afterwards the usual interval is back."""
    import sys

    from okr_workshop.ui import handover

    usual = sys.getswitchinterval()
    save_to(tmp_path / "pack.pdf")
    screen = screen_named(demo_window, "Export")
    screen.open_when_done.setChecked(False)
    qtbot.mouseClick(screen.pdf_button, Qt.LeftButton)
    assert sys.getswitchinterval() == pytest.approx(handover.QUICK_S)
    with qtbot.waitSignal(screen.job.done, timeout=BUILD_TIMEOUT_MS):
        pass
    assert sys.getswitchinterval() == pytest.approx(usual)


# ----- the OKRs for the company's OKR tool (CSV) ---------------------------------------------------


def test_okr_csv_writes_the_chosen_style_where_the_dialog_says(demo_window, qtbot, tmp_path, monkeypatch):
    """The style chosen on the screen reaches the file; ".csv" is added; the status bar says so."""
    from okr_workshop.export.okr_csv import to_csv

    offered: list[str] = []
    folder = tmp_path / "out"
    folder.mkdir()

    def pick(_parent, _title, default, _filter):
        offered.append(default)
        return str(folder / "for jira"), "CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", pick)
    screen = screen_named(demo_window, "Export")
    screen.okr_style.setCurrentIndex(screen.okr_style.findData("jira"))
    qtbot.mouseClick(screen.okr_csv_button, Qt.LeftButton)
    out = folder / "for jira.csv"
    assert out.read_bytes() == to_csv(demo_window.ctx.workshop, "jira")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert offered[0].endswith("Baltica Freightworks OKRs (jira).csv")
    assert "key results (jira)" in demo_window.statusBar().currentMessage()
    assert [p.name for p in folder.iterdir()] == ["for jira.csv"]  # no temporary file left


def test_okr_csv_that_cannot_be_written_says_why_in_a_dialog(demo_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder / "gone" / "o.csv"), ""))
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text, *a, **k: shown.append((title, text)))
    screen = screen_named(demo_window, "Export")
    qtbot.mouseClick(screen.okr_csv_button, Qt.LeftButton)
    assert len(shown) == 1 and "gone" in shown[0][1] and "Nothing was written" in shown[0][1]
    assert list(folder.iterdir()) == []


def test_okr_csv_cancelled_dialog_writes_nothing(demo_window, qtbot, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    written: list[str] = []
    monkeypatch.setattr("okr_workshop.export.okr_csv.write_okr_csv", lambda _ws, path, _style: written.append(path))
    screen = screen_named(demo_window, "Export")
    qtbot.mouseClick(screen.okr_csv_button, Qt.LeftButton)
    assert written == []
