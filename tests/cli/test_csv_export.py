"""``okr-workshop export FILE --csv OUT_DIR``: every vote's results for spreadsheets, names in any
script intact, and clear refusals."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import demo_document

GREEK, CYRILLIC = "Ελληνικά: μερίδιο αγοράς", "Кириллица: выручка"


def document() -> dict:
    """The demo with a Greek and a Cyrillic priority title, an open weighted vote with an abstention."""
    doc = demo_document()
    doc["priorities"][0]["title"] = GREEK
    doc["priorities"][1]["title"] = CYRILLIC
    doc["votes"].append({
        "id": "v9", "title": "Weighted, open", "method": "dots", "budget": 3, "secret": False,
        "items": ["pr1", "pr2"], "weights": {"p2": 2},
        "ballots": [{"participant": "p1", "scores": {"pr1": 3}}, {"participant": "p2", "scores": {"pr2": 3}},
                    {"participant": "p3", "scores": {}}]})
    return doc


def read(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets then read UTF-8 without asking
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_every_vote_and_item_gets_a_row_with_the_tally(cli, tmp_path: Path):
    (tmp_path / "doc.json").write_text(json.dumps(document(), ensure_ascii=False), encoding="utf-8")
    result = cli("export", "doc.json", "--csv", "results")
    assert result.returncode == 0, str(result)
    rows = read(tmp_path / "results" / "vote-results.csv")
    doc = document()
    assert len(rows) == sum(len(v["items"]) for v in doc["votes"])
    assert {r["item_title"] for r in rows} >= {GREEK, CYRILLIC}
    weighted = {r["item"]: r for r in rows if r["vote"] == "v9"}
    assert weighted["pr2"]["score"] == "6" and weighted["pr2"]["rank"] == "1"  # 3 dots at weight 2
    assert weighted["pr1"]["score"] == "3" and weighted["pr1"]["rank"] == "2"
    assert weighted["pr1"]["turnout"] == "2" and weighted["pr1"]["abstentions"] == "1"
    assert weighted["pr1"]["total_weight"] == "3" and weighted["pr1"]["weights"] == "Ελένη Παπαδοπούλου=2"
    rank = [r for r in rows if r["method"] == "rank"]
    assert rank and all(r["condorcet_winner"] in ("yes", "no") and r["kendall_w"] for r in rank)


def test_the_folder_is_made_and_bad_places_are_refused(cli, tmp_path: Path, demo_okrw: Path):
    shutil.copy(demo_okrw, tmp_path / "x.okrw")
    assert cli("export", "x.okrw", "--csv", "new").returncode == 0
    assert (tmp_path / "new" / "vote-results.csv").is_file()
    (tmp_path / "plain").write_text("")
    refused = cli("export", "x.okrw", "--csv", "plain")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "plain: is a file" in refused.stderr
    missing = cli("export", "x.okrw", "--csv", "no/such/folder")
    assert missing.returncode == 2 and "does not exist" in missing.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_csv_with_greek_and_cyrillic_intact(cli, tmp_path: Path):
    """soffice --headless --convert-to xlsx, told the file is UTF-8 (filter options 44,34,76: comma,
    double quote, UTF-8; headless conversion does not look at the BOM, Excel and LibreOffice's
    import dialog do): the names arrive in the workbook's strings unchanged, the BOM does not."""
    (tmp_path / "doc.json").write_text(json.dumps(document(), ensure_ascii=False), encoding="utf-8")
    assert cli("export", "doc.json", "--csv", "results").returncode == 0
    source = tmp_path / "results" / "vote-results.csv"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    with zipfile.ZipFile(tmp_path / "vote-results.xlsx") as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    for text in (GREEK, CYRILLIC, "Ελένη Παπαδοπούλου=2", "item_title", ">vote<"):
        assert text in strings, text
