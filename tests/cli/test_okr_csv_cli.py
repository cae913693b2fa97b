"""``okr-workshop export FILE --okr-csv OUT [--okr-csv-style S]``: the OKRs for the company's OKR tool,
through the installed console script; a bad style or place exits 2 with one line."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from .conftest import demo_document

BOM = b"\xef\xbb\xbf"
NAMES = ("Ελένη Παπαδοπούλου", "Дмитрий Волков", "田中 愛子")
HEADERS = {
    "generic": "objective,objective owner,key result,metric,baseline,target,unit,key-result owner,due,cycle",
    "bigpicture": "Order,Type,Summary,Status,Period,Owner,Weight,OKR type,Labels,Teams,Expected start date,"
                  "Expected end date,Start value,Current value,Target value,Description",
    "jira": "Summary,Issue Type,Assignee,Due Date,Description",
}


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{stderr}"
    return lines[0]


def test_generic_csv_has_a_row_per_key_result_with_the_owners_names(cli, tmp_path: Path, demo_okrw: Path):
    shutil.copy(demo_okrw, tmp_path / "demo.okrw")
    result = cli("export", "demo.okrw", "--okr-csv", "out.csv")
    assert result.returncode == 0, str(result)
    data = (tmp_path / "out.csv").read_bytes()
    assert data.startswith(BOM + HEADERS["generic"].encode() + b"\r\n")
    got = rows(data)
    doc = demo_document()
    key_results = [kr for okr in doc["okrs"] for kr in okr.get("key_results", [])]
    assert sorted(r["key result"] for r in got) == sorted(kr["title"] for kr in key_results)
    owners = {r["key-result owner"] for r in got} | {r["objective owner"] for r in got}
    assert set(NAMES) <= owners
    assert {r["cycle"] for r in got} == {doc["workshop"]["cycle"]}
    assert not any(r["baseline"].endswith(".0") or r["target"].endswith(".0") for r in got)


@pytest.mark.parametrize("style", ["bigpicture", "jira"])
def test_each_style_writes_its_documented_header(cli, tmp_path: Path, demo_okrw: Path, style: str):
    shutil.copy(demo_okrw, tmp_path / "demo.okrw")
    result = cli("export", "demo.okrw", "--okr-csv", f"{style}.csv", "--okr-csv-style", style)
    assert result.returncode == 0, str(result)
    data = (tmp_path / f"{style}.csv").read_bytes()
    assert data.startswith(BOM + HEADERS[style].encode() + b"\r\n")
    text = data.decode("utf-8-sig")
    assert all(name in text for name in NAMES)


def test_standard_output_gets_the_csv_without_the_bom(cli, tmp_path: Path, demo_okrw: Path):
    shutil.copy(demo_okrw, tmp_path / "demo.okrw")
    result = cli("export", "demo.okrw", "--okr-csv", "-")
    assert result.returncode == 0, str(result)
    assert result.stdout_bytes.startswith(HEADERS["generic"].encode() + b"\r\n")
    assert len(rows(result.stdout_bytes)) == sum(len(o.get("key_results", [])) for o in demo_document()["okrs"])


def test_an_unknown_style_exits_2_with_one_line_and_writes_nothing(cli, tmp_path: Path, demo_okrw: Path):
    shutil.copy(demo_okrw, tmp_path / "demo.okrw")
    result = cli("export", "demo.okrw", "--okr-csv", "out.csv", "--okr-csv-style", "perdoo")
    assert result.returncode == 2, str(result)
    line = one_line(result.stderr)
    assert "perdoo" in line and "generic" in line
    assert not (tmp_path / "out.csv").exists()


def test_a_missing_folder_exits_2_with_one_line(cli, tmp_path: Path, demo_okrw: Path):
    shutil.copy(demo_okrw, tmp_path / "demo.okrw")
    result = cli("export", "demo.okrw", "--okr-csv", "nowhere/out.csv")
    assert result.returncode == 2, str(result)
    assert "nowhere" in one_line(result.stderr)
    assert not (tmp_path / "nowhere").exists()
