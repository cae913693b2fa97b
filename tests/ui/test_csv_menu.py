"""File → Export vote results (CSV): the same rows the command line writes, with the BOM."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from okr_workshop.export.results_csv import to_csv


def test_the_menu_writes_every_vote_and_item(demo_window, tmp_path: Path, monkeypatch):
    offered: list[str] = []
    out = tmp_path / "results.csv"

    def pick(_parent, _title, default, _filter):
        offered.append(default)
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", pick)
    demo_window.export_csv_action.trigger()
    data = out.read_bytes()
    assert data == to_csv(demo_window.ctx.workshop) and data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == sum(len(v.items) for v in demo_window.ctx.workshop.votes)
    assert offered[0].endswith("demo offsite-vote-results.csv")
