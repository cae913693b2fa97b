"""Edges: names in any script survive byte for byte whatever the console encoding, and the headless
commands read a workshop that the app holds open for editing."""

from __future__ import annotations

import dataclasses
import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import DEMO_BYTES, canonical, demo_document, run_cli

NAMES = {
    "greek": "Ελένη Παπαδοπούλου",
    "cyrillic": "Дмитрий Волков",
    "cjk": "田中 愛子",
    "diacritics": "Zoë Faure-Bénard Łukasz Ørsted Ñúñez",
    # The same letters as combining sequences: must not be normalised to the precomposed form.
    "combining": unicodedata.normalize("NFD", "Zoë Åberg Dvořák"),
    "arabic": "ليلى حداد",
    "emoji": "Sam 🚀 Observer",
}


def unicode_document() -> dict:
    doc = demo_document()
    doc["participants"] = [
        {"id": f"u{i}", "name": name, "role": "executive", "function": f"Função {key}"}
        for i, (key, name) in enumerate(NAMES.items())
    ]
    doc["workshop"] = {"title": "Offsite · Ξεκίνημα · 開始 · Начало", "facilitator": "u0"}
    for section in ("alignment_answers", "votes", "not_now", "okrs", "rhythm", "actions", "parking_lot",
                    "room_questions"):
        doc[section] = []
    doc["dependency_graph"] = {"nodes": [{"id": "n1", "label": "Команда платформы", "owner": "u2"}], "edges": []}
    doc["decision_rights"] = {"framework": "RAPID", "roles": [], "decisions": []}
    doc["diagnosis"].pop("accountability", None)  # these name the demo's participants, replaced above
    doc.pop("rollout", None)
    return doc


@pytest.fixture(scope="module")
def unicode_okrw(module_home: Path) -> Path:
    """A workshop imported from a document whose names use many scripts."""
    source = module_home / "unicode.json"
    source.write_text(json.dumps(unicode_document(), ensure_ascii=False, indent=2), encoding="utf-8")
    result = run_cli("import", source, "-o", module_home / "unicode.okrw", home=module_home)
    assert result.returncode == 0, str(result)
    return module_home / "unicode.okrw"


def assert_names_verbatim(data: bytes) -> None:
    """Every name is in the bytes as its own UTF-8 encoding, not escaped and not normalised."""
    for key, name in NAMES.items():
        assert name.encode("utf-8") in data, key
    assert b"\\u" not in data, "export must write characters, not \\u escapes (ensure_ascii=False)"


def test_names_in_any_script_survive_import_and_export_byte_for_byte(unicode_okrw: Path, cli, tmp_path: Path):
    """Greek, Cyrillic, CJK, diacritics, combining marks, Arabic and emoji come back unchanged."""
    result = cli("export", unicode_okrw, "--json", "out.json")

    assert result.returncode == 0, str(result)
    data = (tmp_path / "out.json").read_bytes()
    assert_names_verbatim(data)
    doc, source = json.loads(data), unicode_document()
    assert doc["participants"] == source["participants"]
    assert doc["workshop"]["title"] == source["workshop"]["title"]
    assert doc["dependency_graph"]["nodes"][0]["label"] == source["dependency_graph"]["nodes"][0]["label"]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_stdout_is_utf8_whatever_the_console_encoding(unicode_okrw: Path, cli, encoding: str):
    """export --json - and report write UTF-8 even when Python's stdout encoding cannot hold the names."""
    env = {"PYTHONIOENCODING": encoding}

    exported = cli("export", unicode_okrw, "--json", "-", env=env)
    report = cli("report", unicode_okrw, env=env)

    assert exported.returncode == 0, str(exported)
    assert_names_verbatim(exported.stdout_bytes)
    assert report.returncode == 0, str(report)
    assert report.json()["workshop"]["title"] == unicode_document()["workshop"]["title"]


def test_stdin_is_read_as_utf8_whatever_the_locale(cli, tmp_path: Path):
    """import - decodes the document as UTF-8 even when Python's stdin encoding is latin-1 (no mojibake)."""
    source = json.dumps(unicode_document(), ensure_ascii=False).encode("utf-8")

    result = cli("import", "-", "-o", "x.okrw", stdin=source, env={"PYTHONIOENCODING": "latin-1"})

    assert result.returncode == 0, str(result)
    exported = cli("export", "x.okrw", "--json", "-")
    assert [p["name"] for p in exported.json()["participants"]] == list(NAMES.values())


def test_a_byte_order_mark_is_ignored(cli, tmp_path: Path):
    """A JSON file saved with a UTF-8 byte order mark (as some Windows editors do) imports normally."""
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + DEMO_BYTES)

    result = cli("import", "bom.json", "-o", "x.okrw")

    assert result.returncode == 0, str(result)
    assert canonical(cli("export", "x.okrw", "--json", "-").json()) == canonical(demo_document())


@pytest.fixture
def open_for_editing(demo_okrw: Path, tmp_path: Path):
    """A copy of the demo workshop held open for editing by this process, as the app would."""
    path = tmp_path / "open.okrw"
    shutil.copy(demo_okrw, path)
    wf = WorkshopFile.open(path)
    yield wf
    wf.close()


def test_report_reads_a_file_another_process_is_editing(open_for_editing: WorkshopFile, cli):
    """report succeeds on a file held open for editing, read-only, and sees the edits committed so far."""
    wf = open_for_editing
    wf.put(dataclasses.replace(wf.workshop.info, title="Renamed while open"))

    result = cli("report", wf.path)

    assert result.returncode == 0, str(result)
    assert result.json()["workshop"]["title"] == "Renamed while open"
    # The editor keeps working afterwards: report took no lock and changed nothing.
    wf.put(dataclasses.replace(wf.workshop.info, title="Edited after the report"))
    with WorkshopFile.open(wf.path, read_only=True) as reader:
        assert reader.workshop.info.title == "Edited after the report"


def test_export_reads_a_file_another_process_is_editing(open_for_editing: WorkshopFile, cli, tmp_path: Path):
    """export --json works on a file held open for editing."""
    result = cli("export", open_for_editing.path, "--json", "copy.json")

    assert result.returncode == 0, str(result)
    assert canonical(json.loads((tmp_path / "copy.json").read_bytes())) == canonical(demo_document())


def test_import_force_will_not_replace_a_file_open_for_editing(open_for_editing: WorkshopFile, cli):
    """import --force refuses (exit 2, one line) to replace a workshop another window is editing."""
    path = open_for_editing.path
    before = path.read_bytes()

    result = cli("import", "-", "-o", path, "--force", stdin=DEMO_BYTES)

    assert result.returncode == 2, str(result)
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert path.name in result.stderr and "open" in result.stderr
    assert path.read_bytes() == before
