"""Export: the interchange JSON, a copy of the file, and (once it lands) the PDF pack."""

from __future__ import annotations

import json

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton

from .base import Screen


class ExportScreen(Screen):
    title = "Export"
    purpose = ("Nothing leaves the room unless you export it. The analysis below is exactly what "
               "`okr-workshop report` prints for this file.")
    sections = ("votes", "priorities", "not_now", "diagnosis", "alignment_answers", "nodes", "edges",
                "decisions", "objectives", "key_results", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        row = QHBoxLayout()
        self.json_button = QPushButton("Export JSON…")
        self.copy_button = QPushButton("Save a copy…")
        self.pdf_button = QPushButton("PDF rollout pack")
        self.pdf_button.setEnabled(False)
        self.pdf_button.setToolTip("The PDF rollout pack is not available yet.")
        for button in (self.json_button, self.copy_button, self.pdf_button):
            button.setMinimumHeight(40)
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
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

    def connect_window(self, window) -> None:
        self.json_button.clicked.connect(window.export_json)
        self.copy_button.clicked.connect(window.save_copy)

    def refresh(self) -> None:
        self.ctx.after_paint(self._timer.start)

    def _show_report(self) -> None:
        from ...domain.report import build_report

        self.report.setPlainText(json.dumps(build_report(self.ctx.workshop), ensure_ascii=False, indent=2))
