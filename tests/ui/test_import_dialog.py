"""File → Import… refuses a broken document with one dialog, as `okr-workshop import` does with one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox


@pytest.mark.parametrize(("text", "words"), [
    ('{"format": "okr-workshop", "version": ' + "9" * 5000 + "}", "line 1, column 39: a number with more than"),
    ('{"format": "okr-workshop", "version": 1, "workshop": {"title": "\\ud800"}}', "broken character"),
    ("{not json", "not JSON (line 1, column 2"),
    ("\xff", "not JSON"),
], ids=["huge-number", "lone-surrogate", "broken-json", "not-utf8"])
def test_a_broken_document_gives_one_dialog_and_imports_nothing(demo_window, tmp_path: Path, monkeypatch,
                                                                text, words):
    """The window reads documents with the same domain function as the command line."""
    source = tmp_path / "broken.json"
    source.write_bytes(text.encode("utf-8", "surrogatepass") if text != "\xff" else b"\xff")
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), "JSON (*.json)"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("nothing may be stored"))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, message: shown.append(message))
    demo_window.import_json()
    assert len(shown) == 1 and words in shown[0] and "Nothing was imported" in shown[0]
    assert not list(tmp_path.glob("*.okrw"))
