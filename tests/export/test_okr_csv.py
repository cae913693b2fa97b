"""The OKRs as CSV for the company's OKR tool: read back with the csv module, the rows are the key
results, names keep their letters, numbers stay as typed, and each style's header is the one the
tool documents (docs/okr-csv.md)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.export.okr_csv import STYLES, to_csv, write_okr_csv

from .factories import demo_workshop

BOM = b"\xef\xbb\xbf"
GENERIC = ["objective", "objective owner", "key result", "metric", "baseline", "target", "unit", "key-result owner",
           "due", "cycle"]
# Written out here, not imported: the test holds the documented headers, the code must match them.
DOCUMENTED = {
    "generic": GENERIC,
    "bigpicture": ["Order", "Type", "Summary", "Status", "Period", "Owner", "Weight", "OKR type", "Labels", "Teams",
                   "Expected start date", "Expected end date", "Start value", "Current value", "Target value",
                   "Description"],
    "jira": ["Summary", "Issue Type", "Assignee", "Due Date", "Description"],
}
GREEK, CYRILLIC, JAPANESE = "Ελένη Παπαδοπούλου", "Дмитрий Волков", "田中 愛子"


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows, read as a spreadsheet would: the BOM must be there."""
    data = path.read_bytes()
    assert data.startswith(BOM)
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def small_workshop() -> m.Workshop:
    """Numbers typed as whole, decimal and tiny; text with commas, quotes and a line break."""
    ws = m.Workshop(info=m.WorkshopInfo(title="Q3", cycle="2026-Q3"))
    ws.participants = [m.Participant("p1", GREEK), m.Participant("p2", CYRILLIC), m.Participant("p3", JAPANESE)]
    ws.objectives = [m.Objective("o1", 'Grow, "carefully"\nand keep margin', owner="p1"),
                     m.Objective("o2", "Ship faster", owner="p3")]
    ws.key_results = [
        m.KeyResult("kr1", "o1", "Raise revenue, EU", metric="revenue", baseline=5.0, target=7.5, unit="M€",
                    owner="p2", due="2026-09-30"),
        m.KeyResult("kr2", "o2", "Cut lead time", metric="days", baseline=None, target=0.00001, owner="p3"),
        m.KeyResult("kr3", "o1", "Reduce churn", baseline=-3.0, target=-10.0, unit="%"),
    ]
    ws.actions = [m.Action("a1", "Book the carriers' workshop", owner="p2", due="2026-07-03"),
                  m.Action("a2", "Already done", owner="p1", status="done"),
                  m.Action("a3", "Dropped", status="dropped")]
    return ws


def test_generic_rows_are_the_key_results_with_names_in_their_letters(tmp_path: Path):
    ws = demo_workshop()
    out = tmp_path / "okrs.csv"
    write_okr_csv(ws, str(out))
    header, rows = read(out)
    assert header == GENERIC
    objectives = {o.id: o for o in ws.objectives}
    expected = [{
        "objective": objectives[kr.okr].objective, "objective owner": ws.participant_name(objectives[kr.okr].owner),
        "key result": kr.title, "metric": kr.metric,
        "baseline": "" if kr.baseline is None else f"{kr.baseline:g}",
        "target": "" if kr.target is None else f"{kr.target:g}", "unit": kr.unit,
        "key-result owner": ws.participant_name(kr.owner), "due": kr.due or "", "cycle": "2026-Q2",
    } for kr in ws.key_results]
    assert rows == expected
    owners = {r["key result"]: r["key-result owner"] for r in rows}
    by_id = {kr.id: kr.title for kr in ws.key_results}
    assert owners[by_id["kr11"]] == GREEK
    assert owners[by_id["kr9"]] == CYRILLIC
    assert owners[by_id["kr5"]] == JAPANESE
    assert not any(v.endswith(".0") for r in rows for v in (r["baseline"], r["target"]))


def test_numbers_stay_as_typed_and_awkward_text_round_trips(tmp_path: Path):
    out = tmp_path / "small.csv"
    write_okr_csv(small_workshop(), str(out))
    data = out.read_bytes()
    assert data.count(b"\r\n") >= 4 and b"\r\r\n" not in data  # CRLF rows, whatever the platform
    _, rows = read(out)
    assert [(r["baseline"], r["target"], r["unit"]) for r in rows] == [
        ("5", "7.5", "M€"), ("", "0.00001", ""), ("-3", "-10", "%")]
    assert rows[0]["objective"] == 'Grow, "carefully"\nand keep margin'
    assert rows[0]["objective owner"] == GREEK and rows[0]["key-result owner"] == CYRILLIC
    assert rows[1]["objective owner"] == JAPANESE and rows[2]["key-result owner"] == ""
    assert {r["cycle"] for r in rows} == {"2026-Q3"}


@pytest.mark.parametrize("style", STYLES)
def test_each_style_has_its_documented_header_and_a_bom(tmp_path: Path, style: str):
    out = tmp_path / f"{style}.csv"
    write_okr_csv(demo_workshop(), str(out), style)
    header, rows = read(out)
    assert header == DOCUMENTED[style]
    assert rows and all(set(r) == set(header) and None not in r.values() for r in rows)


def test_styles_offered_are_exactly_the_documented_ones():
    assert STYLES[0] == "generic" and set(STYLES) == set(DOCUMENTED)


def test_bigpicture_puts_each_key_result_under_its_objective(tmp_path: Path):
    ws = small_workshop()
    out = tmp_path / "bp.csv"
    write_okr_csv(ws, str(out), "bigpicture")
    _, rows = read(out)
    assert [(r["Order"], r["Type"], r["Summary"]) for r in rows] == [
        ("1", "Objective", 'Grow, "carefully"\nand keep margin'),
        ("1.1", "Key result", "Raise revenue, EU"),
        ("1.2", "Key result", "Reduce churn"),
        ("2", "Objective", "Ship faster"),
        ("2.1", "Key result", "Cut lead time"),
    ]
    lead_time = rows[4]
    assert (lead_time["Start value"], lead_time["Current value"], lead_time["Target value"]) == ("0", "0", "0.00001")
    revenue = rows[1]
    assert (revenue["Start value"], revenue["Target value"], revenue["Owner"]) == ("5", "7.5", CYRILLIC)
    assert revenue["Expected end date"] == "2026-09-30" and revenue["Period"] == "2026-Q3"
    assert rows[3]["Owner"] == JAPANESE and rows[0]["Owner"] == GREEK


def test_bigpicture_on_the_demo_has_every_objective_and_key_result_once(tmp_path: Path):
    ws = demo_workshop()
    out = tmp_path / "bp.csv"
    write_okr_csv(ws, str(out), "bigpicture")
    _, rows = read(out)
    assert [r["Summary"] for r in rows if r["Type"] == "Objective"] == [o.objective for o in ws.objectives]
    assert sorted(r["Summary"] for r in rows if r["Type"] == "Key result") == sorted(k.title for k in ws.key_results)
    assert {r["Owner"] for r in rows} >= {GREEK, CYRILLIC, JAPANESE}


def test_jira_issues_are_the_key_results_then_the_open_actions(tmp_path: Path):
    out = tmp_path / "jira.csv"
    write_okr_csv(small_workshop(), str(out), "jira")
    _, rows = read(out)
    assert [(r["Summary"], r["Assignee"], r["Due Date"]) for r in rows] == [
        ("Raise revenue, EU", CYRILLIC, "2026-09-30"),
        ("Cut lead time", JAPANESE, ""),
        ("Reduce churn", "", ""),
        ("Book the carriers' workshop", CYRILLIC, "2026-07-03"),
    ]
    assert {r["Issue Type"] for r in rows} == {"Task"}
    assert "from 5 to 7.5 M€" in rows[0]["Description"]


def test_standard_output_gets_the_rows_without_the_bom(capsysbinary):
    write_okr_csv(small_workshop(), "-")
    out = capsysbinary.readouterr().out
    assert not out.startswith(BOM)
    assert out == to_csv(small_workshop(), bom=False)
    assert to_csv(small_workshop()) == BOM + out


def test_unknown_style_is_a_one_line_value_error(tmp_path: Path):
    out = tmp_path / "x.csv"
    with pytest.raises(ValueError) as caught:
        write_okr_csv(small_workshop(), str(out), "perdoo")
    message = str(caught.value)
    assert "\n" not in message and "perdoo" in message and "generic" in message
    assert not out.exists()


@pytest.mark.parametrize("where", ["missing/okrs.csv", "."])
def test_a_place_it_cannot_write_is_a_one_line_value_error(tmp_path: Path, where: str):
    target = tmp_path / where
    with pytest.raises(ValueError) as caught:
        write_okr_csv(small_workshop(), str(target))
    assert "\n" not in str(caught.value) and str(target) in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temporary file left behind


def test_an_existing_file_is_replaced_whole(tmp_path: Path):
    out = tmp_path / "okrs.csv"
    out.write_bytes(b"old contents that are longer than nothing\r\n" * 100)
    write_okr_csv(small_workshop(), str(out))
    assert out.read_bytes() == to_csv(small_workshop())
    assert [p.name for p in tmp_path.iterdir()] == ["okrs.csv"]
