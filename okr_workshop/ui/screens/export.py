"""Export: the PDF rollout pack, the interchange JSON, a copy of the file, the OKRs as CSV for the
company's OKR tool, and the report."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
)

from ..pack_job import PackJob
from .base import Screen

PAPERS = (("A4", "a4"), ("US Letter", "letter"))
SETTING_PAPER = "export/paper"
SETTING_OPEN = "export/open_when_done"
SETTING_OKR_STYLE = "export/okr_csv_style"


def default_paper() -> str:
    """Letter where the system measures in US units, A4 everywhere else."""
    return "letter" if QLocale.system().measurementSystem() == QLocale.ImperialUSSystem else "a4"


class ExportScreen(Screen):
    title = "Export"
    purpose = ("Nothing leaves the room unless you export it. The rollout pack is what every participant takes "
               "home; the analysis below is exactly what `okr-workshop report` prints for this file.")
    sections = ("votes", "priorities", "not_now", "diagnosis", "alignment_answers", "nodes", "edges",
                "decisions", "objectives", "key_results", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.job: PackJob | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.last_written: str | None = None
        self._build_pack_controls()
        row = QHBoxLayout()
        self.json_button = QPushButton("Export JSON…")
        self.copy_button = QPushButton("Save a copy…")
        for button in (self.json_button, self.copy_button):
            button.setMinimumHeight(40)
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
        self._build_okr_csv_controls()
        heading = QLabel("Analysis (report)")
        heading.setProperty("role", "subtitle")
        self.body.addWidget(heading)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setMinimumHeight(420)
        self.body.addWidget(self.report, 1)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._show_report)
        self.refresh()

    def _build_pack_controls(self) -> None:
        heading = QLabel("The PDF rollout pack")
        heading.setProperty("role", "subtitle")
        hint = QLabel("Cover, the offsite on one page, diagnosis, votes, the not-now list, OKRs, the dependency map, "
                      "decision rights, the rhythm's calendar, the rollout plan, the check-in guide and the actions. "
                      "Sections without content are left out.")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        settings = QSettings()
        self.paper = QComboBox()
        for label, key in PAPERS:
            self.paper.addItem(label, key)
        chosen = str(settings.value(SETTING_PAPER, default_paper()))
        self.paper.setCurrentIndex(max(0, self.paper.findData(chosen)))
        self.paper.setAccessibleName("Paper size")
        self.facilitator_copy = QCheckBox("Facilitator's copy (adds who voted what in open votes)")
        self.facilitator_copy.setToolTip("The participants' copy shows results only. Secret ballots and the private "
                                         "alignment answers carry no names in either copy.")
        self.open_when_done = QCheckBox("Open when done")
        self.open_when_done.setChecked(settings.value(SETTING_OPEN, True, type=bool))
        self.pdf_button = QPushButton("Export the rollout pack…")
        self.pdf_button.setMinimumHeight(40)
        self.pdf_button.clicked.connect(self.export_pack)
        options = QHBoxLayout()
        options.addWidget(QLabel("Paper:"))
        options.addWidget(self.paper)
        options.addSpacing(12)
        options.addWidget(self.facilitator_copy)
        options.addSpacing(12)
        options.addWidget(self.open_when_done)
        options.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.pdf_button)
        actions.addStretch(1)
        for item in (heading, hint):
            self.body.addWidget(item)
        self.body.addLayout(options)
        self.body.addLayout(actions)
        other = QLabel("Other exports")
        other.setProperty("role", "subtitle")
        self.body.addWidget(other)

    def _build_okr_csv_controls(self) -> None:
        """The OKRs for the company's OKR tool: a style (the columns a tool's import documents), then a file."""
        from ...export.okr_csv import STYLE_LABELS, STYLES

        self.okr_style = QComboBox()
        for style in STYLES:
            self.okr_style.addItem(STYLE_LABELS[style], style)
        chosen = str(QSettings().value(SETTING_OKR_STYLE, STYLES[0]))
        self.okr_style.setCurrentIndex(max(0, self.okr_style.findData(chosen)))
        self.okr_style.setAccessibleName("Columns for the OKR tool")
        self.okr_style.setToolTip("Generic suits any import that lets you map columns. The others follow the "
                                  "import columns BigPicture and Jira document (see docs/okr-csv.md).")
        self.okr_csv_button = QPushButton("OKRs for your OKR tool (CSV)…")
        self.okr_csv_button.setMinimumHeight(40)
        self.okr_csv_button.clicked.connect(self.export_okr_csv)
        row = QHBoxLayout()
        row.addWidget(self.okr_csv_button)
        row.addWidget(QLabel("Columns:"))
        row.addWidget(self.okr_style)
        row.addStretch(1)
        self.body.addLayout(row)

    def export_okr_csv(self) -> None:
        """Ask where, then write the CSV at once (a few rows: nothing to wait for); a dialog says why not."""
        from ...export.okr_csv import write_okr_csv

        style = self.okr_style.currentData()
        suffix = "" if style == "generic" else f" ({style})"
        default = self.ctx.store.path.with_name(f"{self._stem()} OKRs{suffix}.csv")
        path, _ = QFileDialog.getSaveFileName(self, "Export the OKRs for your OKR tool", str(default), "CSV (*.csv)")
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        QSettings().setValue(SETTING_OKR_STYLE, style)
        try:
            write_okr_csv(self.ctx.workshop, path, style)
        except ValueError as exc:
            QMessageBox.critical(self, "Cannot export the OKRs", f"{exc}\n\nNothing was written.")
            return
        self.last_written = path
        count = len(self.ctx.workshop.key_results)
        self._status(f"Exported {count} key result{'s' if count != 1 else ''} ({style}) to {path}")

    def connect_window(self, window) -> None:
        self.json_button.clicked.connect(window.export_json)
        self.copy_button.clicked.connect(window.save_copy)

    def refresh(self) -> None:
        self.ctx.after_paint(self._timer.start)

    def _show_report(self) -> None:
        from ...domain.report import build_report

        self.report.setPlainText(json.dumps(build_report(self.ctx.workshop), ensure_ascii=False, indent=2))

    # ----- the pack ---------------------------------------------------------------------------

    def _stem(self) -> str:
        """The organisation's name (else the file's) as a safe start for an output file name."""
        info = self.ctx.workshop.info
        return re.sub(r'[\\/:*?"<>|]+', " ", info.organisation or self.ctx.store.path.stem).strip() or "offsite"

    def _suggested_path(self) -> Path:
        suffix = " (facilitator)" if self.facilitator_copy.isChecked() else ""
        return self.ctx.store.path.with_name(f"{self._stem()} rollout pack{suffix}.pdf")

    def export_pack(self) -> None:
        """Ask where, then build the pack in a worker thread behind a progress dialog."""
        if self.job is not None and self.job.running():
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export the rollout pack", str(self._suggested_path()),
                                              "PDF (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        paper = self.paper.currentData()
        settings = QSettings()
        settings.setValue(SETTING_PAPER, paper)
        settings.setValue(SETTING_OPEN, self.open_when_done.isChecked())
        self.job = PackJob(self.ctx.workshop, path, facilitator=self.facilitator_copy.isChecked(), paper=paper)
        dialog = QProgressDialog("Preparing the rollout pack…", "Cancel", 0, 1000, self)
        dialog.setWindowTitle("Rollout pack")
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(self.job.cancel)
        self.progress_dialog = dialog
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.job.cancelled.connect(self._on_cancelled)
        self.job.done.connect(self._on_done)
        self.pdf_button.setEnabled(False)
        dialog.show()
        self.job.start()

    def _on_progress(self, permille: int, words: str) -> None:
        if self.progress_dialog is not None and not self.progress_dialog.wasCanceled():
            self.progress_dialog.setLabelText(words)
            self.progress_dialog.setValue(permille)

    def _on_finished(self, path: str, pages: int) -> None:
        self.last_written = path
        self._status(f"Exported the rollout pack ({pages} pages) to {path}")
        if self.open_when_done.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _on_failed(self, message: str) -> None:
        self._close_dialog()
        QMessageBox.critical(self, "Cannot export the rollout pack", f"{message}\n\nNothing was written.")

    def _on_cancelled(self) -> None:
        self._status("Export cancelled: nothing was written.")

    def _on_done(self) -> None:
        self._close_dialog()
        self.pdf_button.setEnabled(True)

    def _close_dialog(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _status(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)
