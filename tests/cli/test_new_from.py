"""``okr-workshop new --from PREVIOUS -o NEXT``: the next offsite starts from the last one; and
``export --okr-csv``, the hand-over of its OKRs to the company's OKR tool.

Run through the installed console script on the demo; what came over is read back with
``export --json -``, so the test sees what a user's script would see.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEMO_BYTES, demo_document, run_cli

STARTS = "2026-06-25"  # exactly n6's revisit date


def exported(path: Path, home: Path) -> dict[str, Any]:
    result = run_cli("export", path, "--json", "-", home=home)
    assert result.returncode == 0, str(result)
    return result.json()


@pytest.fixture(scope="module")
def mixed(module_home: Path) -> tuple[Path, dict[str, Any]]:
    """The demo with one action done, one dropped and an open parking-lot item: only open ones carry."""
    doc = demo_document()
    doc["actions"][1]["status"] = "done"
    doc["actions"][2]["status"] = "dropped"
    doc["parking_lot"].append({"id": "pk3", "text": "Do we price API v2 per carrier or per shipment?",
                               "raised_by": "p2", "raised_at": "2026-03-13T16:02:00", "resolution": "open"})
    source = module_home / "mixed.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = module_home / "mixed.okrw"
    result = run_cli("import", source, "-o", target, home=module_home)
    assert result.returncode == 0, str(result)
    return target, doc


@pytest.fixture(scope="module")
def carried(mixed: tuple[Path, dict[str, Any]], module_home: Path) -> dict[str, Any]:
    previous, _ = mixed
    before = previous.read_bytes()
    result = run_cli("new", "--from", previous, "-o", module_home / "next.okrw", "--cycle", "2026-Q3",
                     "--starts", STARTS, home=module_home)
    assert result.returncode == 0, str(result)
    assert previous.read_bytes() == before  # opened read-only: not one byte changed
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "11 participants" in lines[0] and "12 past key results" in lines[0], lines
    return exported(module_home / "next.okrw", module_home)


def test_the_people_rights_and_rhythm_come_over_unchanged(carried, mixed):
    _, doc = mixed
    assert carried["participants"] == doc["participants"]  # names (Greek, Cyrillic, Japanese) and roles
    assert carried["decision_rights"] == doc["decision_rights"]
    assert carried["rhythm"] == doc["rhythm"]
    assert carried["workshop"]["cycle"] == "2026-Q3" and carried["workshop"]["starts"] == STARTS
    assert carried["workshop"]["organisation"] == doc["workshop"]["organisation"]


def test_the_priorities_are_candidates_remembering_their_last_status(carried, mixed):
    _, doc = mixed
    assert [(p["id"], p["title"]) for p in carried["priorities"]] == [(p["id"], p["title"]) for p in doc["priorities"]]
    assert {p["status"] for p in carried["priorities"]} == {"candidate"}
    assert carried["history"]["priorities"] == {p["id"]: p["status"] for p in doc["priorities"]}
    assert carried["history"]["title"] == doc["workshop"]["title"]
    assert carried["history"]["cycle"] == "2026-Q2" and carried["history"]["starts"] == "2026-03-12"
    assert set(carried["history"]["alignment"]) == {"top_priorities", "stop_or_wait", "dependencies"}


def test_the_not_now_list_comes_over_whole(carried, mixed):
    _, doc = mixed
    strip = [{k: v for k, v in n.items() if k != "revisit_due"} for n in carried["not_now"]]
    assert strip == doc["not_now"]


def test_only_open_actions_and_open_parking_items_come_over(carried, mixed):
    _, doc = mixed
    open_actions = [a for a in doc["actions"] if a["status"] == "open"]
    assert len(open_actions) == len(doc["actions"]) - 2
    assert carried["actions"] == open_actions
    assert [p["id"] for p in carried["parking_lot"]] == ["pk3"]


def test_last_quarters_key_results_are_the_retrospectives_material_not_new_okrs(carried, mixed):
    _, doc = mixed
    expected = [(kr["id"], o["objective"], kr["title"], kr.get("baseline"), kr.get("target"))
                for o in doc["okrs"] for kr in o["key_results"]]
    past = carried["retrospective"]["key_results"]
    assert len(past) == 12
    assert sorted((k["id"], k["objective"], k["title"], k.get("baseline"), k.get("target")) for k in past) == \
        sorted(expected)
    assert all("actual" not in k and "confidence" not in k for k in past)
    assert not carried.get("okrs")  # no objectives, hence no key results
    assert not carried.get("votes") and not carried.get("alignment_answers")


@pytest.mark.parametrize("starts", ["2026-06-24", "2026-06-25", "2026-06-26", "2026-09-01", "2026-12-01"])
def test_revisit_due_for_a_revisit_before_on_and_after_the_start(starts, demo_okrw, module_home):
    """The demo's revisits: n6 2026-06-25, n1 2026-09-01, n3 and n5 2026-10-01, n8 none."""
    target = module_home / f"next-{starts}.okrw"
    result = run_cli("new", "--from", demo_okrw, "-o", target, "--starts", starts, home=module_home)
    assert result.returncode == 0, str(result)
    due = {n["id"] for n in exported(target, module_home)["not_now"] if n.get("revisit_due")}
    revisits = {n["id"]: n.get("revisit") for n in demo_document()["not_now"]}
    assert due == {i for i, when in revisits.items() if when and when <= starts}
    expected = {"2026-06-24": set(), "2026-06-25": {"n6"}, "2026-06-26": {"n6"}, "2026-09-01": {"n6", "n1"},
                "2026-12-01": {"n6", "n1", "n3", "n5"}}
    assert due == expected[starts]


def test_the_defaults_are_the_next_quarter_thirteen_weeks_on(demo_okrw, module_home):
    target = module_home / "next-default.okrw"
    result = run_cli("new", "--from", demo_okrw, "-o", target, home=module_home)
    assert result.returncode == 0, str(result)
    info = exported(target, module_home)["workshop"]
    assert info["cycle"] == "2026-Q3" and info["starts"] == "2026-06-11"  # 12 March + 13 weeks


def test_the_help_names_the_defaults(cli):
    result = cli("new", "--help")
    assert result.returncode == 0
    assert "default: the quarter after" in result.stdout and "plus 13 weeks" in result.stdout


def bad_cases(home: Path, demo: Path) -> dict[str, tuple[list[Any], str]]:
    (home / "minutes.okrw").write_text("these are the minutes, not a workshop\n", encoding="utf-8")
    (home / "taken.okrw").write_bytes(b"someone else's file")
    return {
        "missing": (["--from", home / "missing.okrw", "-o", home / "n.okrw"], "missing.okrw: no such file"),
        "not a workshop": (["--from", home / "minutes.okrw", "-o", home / "n.okrw"], "not an okr-workshop file"),
        "bad date": (["--from", demo, "-o", home / "n.okrw", "--starts", "2026-02-30"], "--starts 2026-02-30"),
        "not iso": (["--from", demo, "-o", home / "n.okrw", "--starts", "25.06.2026"], "--starts 25.06.2026"),
        "output exists": (["--from", demo, "-o", home / "taken.okrw"], "taken.okrw: already exists"),
        "output is the input": (["--from", demo, "-o", demo, "--force"], "is the previous workshop"),
        "no folder": (["--from", demo, "-o", home / "nowhere" / "n.okrw"], "does not exist"),
        "stdout": (["--from", demo, "-o", "-"], "-o -"),
    }


@pytest.mark.parametrize("case", ["missing", "not a workshop", "bad date", "not iso", "output exists",
                                  "output is the input", "no folder", "stdout"])
def test_bad_input_exits_2_with_one_line_naming_the_place(case, cli, tmp_path, demo_okrw):
    demo = tmp_path / "demo.okrw"
    demo.write_bytes(demo_okrw.read_bytes())
    args, words = bad_cases(tmp_path, demo)[case]
    before = {p: p.read_bytes() for p in tmp_path.glob("*.okrw")}
    result = cli("new", *args)
    assert result.returncode == 2, str(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in tmp_path.glob("*.okrw")} == before  # nothing written, nothing changed
    assert not (tmp_path / "n.okrw").exists()


def test_force_replaces_an_existing_output(cli, tmp_path, demo_okrw):
    target = tmp_path / "taken.okrw"
    target.write_bytes(b"an old draft")
    result = cli("new", "--from", demo_okrw, "-o", target, "--force")
    assert result.returncode == 0, str(result)
    assert target.read_bytes().startswith(b"SQLite format 3\0")


def test_an_interchange_document_can_be_the_previous_offsite(cli, tmp_path):
    source = tmp_path / "demo.json"
    source.write_bytes(DEMO_BYTES)
    result = cli("new", "--from", source, "-o", tmp_path / "next.okrw", "--starts", STARTS)
    assert result.returncode == 0, str(result)
    assert source.read_bytes() == DEMO_BYTES


# ----- export --okr-csv: the command's wiring (the rows themselves: tests/export) -----------------


@pytest.fixture
def okr_csv():
    return pytest.importorskip("okr_workshop.export.okr_csv")


def test_okr_csv_writes_one_row_per_key_result(okr_csv, cli, tmp_path, demo_okrw):
    out = tmp_path / "okrs.csv"
    result = cli("export", demo_okrw, "--okr-csv", out)
    assert result.returncode == 0, str(result)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    titles = [kr["title"] for o in demo_document()["okrs"] for kr in o["key_results"]]
    assert sorted(r["key result"] for r in rows) == sorted(titles)
    assert {r["cycle"] for r in rows} == {"2026-Q2"}


@pytest.mark.parametrize("style", ["generic", "bigpicture", "jira"])
def test_okr_csv_to_stdout_in_each_style(style, okr_csv, cli, demo_okrw):
    if style not in okr_csv.STYLES:
        pytest.skip(f"{style} is not offered")
    result = cli("export", demo_okrw, "--okr-csv", "-", "--okr-csv-style", style)
    assert result.returncode == 0, str(result)
    header = next(csv.reader(io.StringIO(result.stdout, newline="")))
    assert tuple(header) == okr_csv.COLUMNS[style]


def test_okr_csv_refuses_an_unknown_style_in_one_line(okr_csv, cli, tmp_path, demo_okrw):
    result = cli("export", demo_okrw, "--okr-csv", tmp_path / "okrs.csv", "--okr-csv-style", "perdoo-2019")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--okr-csv-style perdoo-2019" in lines[0] and "generic" in lines[0]
    assert not (tmp_path / "okrs.csv").exists()


def test_okr_csv_refuses_to_write_over_the_workshop(okr_csv, cli, tmp_path, demo_okrw):
    workshop = tmp_path / "demo.okrw"
    workshop.write_bytes(demo_okrw.read_bytes())
    result = cli("export", workshop, "--okr-csv", workshop)
    assert result.returncode == 2 and "is the workshop being exported" in result.stderr
    assert workshop.read_bytes() == demo_okrw.read_bytes()
