"""The pre-flight check for the venue, run the night before: a clear pass/fail list.

The screens are read here (Qt); the other checks (``okr_workshop/preflight.py``) run one after
the other in a worker thread, each bounded in time, so the dialog stays responsive while the
room server starts and the demo's pack is built.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import preflight
from ..preflight import FAIL, NOT_AVAILABLE, PASS, WARN, Check
from ..room.network import Address, local_addresses

BADGES = {  # symbol, word, colour: never colour alone
    PASS: ("✔", "Pass", "#00735A"),
    WARN: ("!", "Check", "#B35900"),
    FAIL: ("✘", "Fail", "#C0392B"),
    NOT_AVAILABLE: ("–", "Not available", "#4B5563"),
    "running": ("…", "Running", "#4B5563"),
}
MIN_PROJECTOR = (1024, 768)


def check_screens() -> Check:
    """Every screen Qt sees, with its resolution in pixels; two or more means a projector."""
    name = "Screens and projector"
    screens = QGuiApplication.screens()
    if not screens:
        return Check(name, FAIL, "No screen found.")
    described = []
    for screen in screens:
        size = screen.size()
        ratio = screen.devicePixelRatio()
        pixels = f"{round(size.width() * ratio)}×{round(size.height() * ratio)}"
        hz = f", {screen.refreshRate():.0f} Hz" if screen.refreshRate() > 1 else ""
        described.append(f"{screen.name() or 'screen'} {pixels}{hz}")
    listing = "; ".join(described)
    if len(screens) == 1:
        return Check(name, WARN, f"One screen: {listing}. Plug in the projector (mirrored or extended) "
                                 "and run the check again to see its resolution.")
    small = [s for s in screens if s.size().width() < MIN_PROJECTOR[0] or s.size().height() < MIN_PROJECTOR[1]]
    if small:
        return Check(name, WARN, f"{len(screens)} screens: {listing}. A screen below {MIN_PROJECTOR[0]}×"
                                 f"{MIN_PROJECTOR[1]} will be cramped; give it a higher resolution if it has one.")
    return Check(name, PASS, f"{len(screens)} screens: {listing}. F5 shows the stage full screen on the "
                             "projector; this window stays yours.")


class _Relay(QObject):
    """Carries results from the worker thread to the dialog (a queued signal)."""

    result = Signal(object)
    done = Signal()


class CheckRow(QFrame):
    def __init__(self, name: str):
        super().__init__()
        self.setProperty("role", "card")
        self.badge = QLabel()
        self.badge.setMinimumWidth(150)
        self.badge.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.title = QLabel(name)
        font = self.title.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 1)
        self.title.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.badge, 0, Qt.AlignTop)
        row.addLayout(text, 1)
        self.show_status("running", "")

    def show_status(self, status: str, detail: str, name: str | None = None) -> None:
        symbol, word, colour = BADGES[status]
        self.badge.setText(f"<span style='font-size:18pt;color:{colour}'>{symbol}</span>"
                           f"&nbsp;<b style='color:{colour}'>{word}</b>")
        self.detail.setText(detail)
        if name:
            self.title.setText(name)


class PreflightDialog(QDialog):
    """Run the checks (at once, and again on request); ``finished_checks`` when all are in."""

    finished_checks = Signal()

    def __init__(self, restore_root: Path, parent: QWidget | None = None,
                 addresses: list[Address] | None = None, run_now: bool = True):
        super().__init__(parent)
        self.setWindowTitle("Pre-flight check for the venue")
        self.resize(820, 620)
        self.restore_root = restore_root
        self.results: dict[str, Check] = {}
        self.running = False
        title = QLabel("Pre-flight check for the venue")
        title.setProperty("role", "title")
        hint = QLabel("Run it the night before, at the venue, on this laptop and the network the room will use. "
                      "Nothing leaves this computer.")
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.network = QComboBox()
        for address in addresses if addresses is not None else local_addresses():
            self.network.addItem(address.label, address.address)
        self.run_button = QPushButton("Run the checks again")
        self.run_button.clicked.connect(self.run_checks)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Room network:"))
        chooser.addWidget(self.network, 1)
        chooser.addWidget(self.run_button)
        self.summary = QLabel()
        self.summary.setProperty("role", "subtitle")
        self.rows_box = QWidget()
        self.grid = QGridLayout(self.rows_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.rows: dict[str, CheckRow] = {}
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(chooser)
        layout.addWidget(self.rows_box)
        layout.addStretch(1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        if run_now:
            self.run_checks()

    def _row(self, key: str, name: str) -> CheckRow:
        row = CheckRow(name)
        self.grid.addWidget(row, len(self.rows), 0)
        self.rows[key] = row
        return row

    def run_checks(self) -> None:
        if self.running:
            return
        self.running = True
        self.run_button.setEnabled(False)
        self.results.clear()
        for row in self.rows.values():
            row.deleteLater()
        self.rows.clear()
        self.summary.setText("Checking…")
        self._show("screens", check_screens())
        address = self.network.currentData() or "127.0.0.1"
        jobs = [
            ("room", f"Room voting on {address}", lambda: preflight.check_room(address)),
            ("pdf", "PDF rollout pack", preflight.check_pdf),
            ("files", "App files (demo, phone page, icon)", preflight.check_resources),
            ("restore", "Restore points", lambda: preflight.check_restore_folder(self.restore_root)),
        ]
        for key, name, _ in jobs:
            self._row(key, name)
        relay = _Relay()  # no parent: it must outlive a dialog closed while the checks run
        relay.result.connect(self._arrived)
        relay.done.connect(self._all_in)

        def work() -> None:
            for key, _, job in jobs:
                relay.result.emit((key, job()))
            relay.done.emit()

        self._relay = relay
        threading.Thread(target=work, name="preflight", daemon=True).start()

    def _show(self, key: str, check: Check) -> None:
        row = self.rows.get(key) or self._row(key, check.name)
        row.show_status(check.status, check.detail, check.name)
        self.results[key] = check

    def _arrived(self, item: tuple[str, Check]) -> None:
        self._show(*item)

    def _all_in(self) -> None:
        self.running = False
        self.run_button.setEnabled(True)
        failed = [c.name for c in self.results.values() if c.status == FAIL]
        warned = [c.name for c in self.results.values() if c.status == WARN]
        if failed:
            self.summary.setText(f"✘ {len(failed)} check{'s' if len(failed) > 1 else ''} failed: fix "
                                 f"{'them' if len(failed) > 1 else 'it'} before the offsite.")
        elif warned:
            self.summary.setText("! Ready, with notes to read above.")
        else:
            self.summary.setText("✔ Ready for the room.")
        self.finished_checks.emit()
