"""Bad input: exit status 2, exactly one line on stderr naming the file and the offending place,
never a traceback, and nothing written (no output, no temporary file, the input untouched)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEMO_BYTES, DEMO_JSON, demo_document


@dataclass(frozen=True)
class Case:
    """One bad invocation: ``build`` prepares files in the folder and returns the arguments."""

    id: str
    build: Callable[[Path, Path], list[str]]
    expect: tuple[str, ...]  # every fragment must appear in the one stderr line


def write_json(folder: Path, name: str, doc: Any) -> str:
    (folder / name).write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return name


def changed_demo(name: str, change: Callable[[dict[str, Any]], None]) -> Callable[[Path, Path], list[str]]:
    """A case that imports the demo after ``change`` to it."""

    def build(folder: Path, _okrw: Path) -> list[str]:
        doc = demo_document()
        change(doc)
        return ["import", write_json(folder, name, doc), "-o", "out.okrw"]

    return build


def setter(*path: Any, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def import_text(name: str, data: bytes) -> Callable[[Path, Path], list[str]]:
    def build(folder: Path, _okrw: Path) -> list[str]:
        (folder / name).write_bytes(data)
        return ["import", name, "-o", "out.okrw"]

    return build


def missing_file(folder: Path, _okrw: Path) -> list[str]:
    return ["import", "nope.json", "-o", "out.okrw"]


def folder_input(folder: Path, _okrw: Path) -> list[str]:
    (folder / "drafts").mkdir()
    return ["import", "drafts", "-o", "out.okrw"]


NOT_UTF8 = DEMO_BYTES.replace("Søren".encode(), "Søren".encode("latin-1"))
BAD_BYTE = NOT_UTF8.index("Søren".encode("latin-1")) + 1


def over_budget(doc: dict[str, Any]) -> None:
    ballot = doc["votes"][0]["ballots"][3]["scores"]
    assert sum(ballot.values()) == 5  # the demo's ballot uses the whole budget...
    ballot["pr3"] = 2  # ...and two more dots make 7


def bad_ranking(doc: dict[str, Any]) -> None:
    scores = doc["votes"][1]["ballots"][2]["scores"]
    first = next(item for item, rank in scores.items() if rank == 1)
    second = next(item for item, rank in scores.items() if rank == 2)
    assert first != second
    scores[second] = 1  # two first places, no second


def text_okrw(command: list[str]) -> Callable[[Path, Path], list[str]]:
    def build(folder: Path, _okrw: Path) -> list[str]:
        (folder / "notes.okrw").write_text("Agenda for the offsite\n- coffee\n", encoding="utf-8")
        return [*command[:1], "notes.okrw", *command[1:]]

    return build


def foreign_sqlite(folder: Path, _okrw: Path) -> list[str]:
    conn = sqlite3.connect(folder / "foreign.okrw")
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('Northwind')")
    conn.commit()
    conn.close()
    return ["report", "foreign.okrw"]


def newer_okrw(command: list[str]) -> Callable[[Path, Path], list[str]]:
    def build(folder: Path, okrw: Path) -> list[str]:
        make_newer(okrw, folder / "newer.okrw")
        return [*command[:1], "newer.okrw", *command[1:]]

    return build


def make_newer(okrw: Path, target: Path) -> None:
    """A copy of a workshop file that claims to come from a later schema version."""
    shutil.copy(okrw, target)
    conn = sqlite3.connect(target)
    (version,) = conn.execute("SELECT version FROM schema_version").fetchone()
    conn.execute("UPDATE schema_version SET version = ?", (version + 1,))
    conn.commit()
    conn.close()


def damaged_okrw(folder: Path, okrw: Path) -> list[str]:
    shutil.copy(okrw, folder / "damaged.okrw")
    conn = sqlite3.connect(folder / "damaged.okrw")
    conn.execute("DROP TABLE votes")
    conn.commit()
    conn.close()
    return ["report", "damaged.okrw"]


def truncated_okrw(folder: Path, okrw: Path) -> list[str]:
    data = okrw.read_bytes()
    (folder / "truncated.okrw").write_bytes(data[: len(data) // 3])
    return ["report", "truncated.okrw"]


def demo_copy(folder: Path, okrw: Path) -> None:
    shutil.copy(okrw, folder / "x.okrw")


def with_demo(args: list[str]) -> Callable[[Path, Path], list[str]]:
    def build(folder: Path, okrw: Path) -> list[str]:
        demo_copy(folder, okrw)
        return args

    return build


CASES = [
    Case("missing input file", missing_file, ("nope.json", "no such file")),
    Case("folder as input", folder_input, ("drafts", "folder")),
    Case("not JSON", import_text("broken.json", b'{"format": "okr-workshop",\n  oops}'),
         ("broken.json", "not JSON", "line 2, column 3")),
    Case("not UTF-8", import_text("latin1.json", NOT_UTF8), ("latin1.json", "UTF-8", f"byte {BAD_BYTE}")),
    Case("JSON but not an object", import_text("list.json", b"[1, 2, 3]"), ("list.json", "object")),
    Case("nested too deeply", import_text("deep.json", b"[" * 100_000 + b"]" * 100_000), ("deep.json", "deep")),
    Case("wrong format", changed_demo("other.json", setter("format", value="okr-tool")),
         ("other.json", "format", "okr-tool")),
    Case("newer version", changed_demo("future.json", setter("version", value=2)),
         ("future.json", "version", "newer")),
    Case("version not a number", changed_demo("v.json", setter("version", value="1")), ("v.json", "version")),
    Case("wrong type: name a number", changed_demo("types.json", setter("participants", 1, "name", value=42)),
         ("types.json", "participants[1].name", "string")),
    Case("wrong type: budget a string", changed_demo("budget.json", setter("votes", 0, "budget", value="five")),
         ("budget.json", "votes[0].budget")),
    Case("wrong type: list is an object", changed_demo("obj.json", setter("okrs", value={"o1": {}})),
         ("obj.json", "okrs", "list")),
    Case("unknown participant id", changed_demo("owner.json", setter("okrs", 0, "owner", value="p99")),
         ("owner.json", "okrs[0].owner", "p99")),
    Case("unknown node id", changed_demo("edge.json", setter("dependency_graph", "edges", 0, "to", value="moon")),
         ("edge.json", "dependency_graph.edges[0].to", "moon")),
    Case("unknown vote item", changed_demo("item.json", setter("votes", 1, "items", 4, value="pr99")),
         ("item.json", "votes[1].items[4]", "pr99")),
    Case("duplicate participant id", changed_demo("dup.json", setter("participants", 2, "id", value="p1")),
         ("dup.json", "participants[2].id", "duplicate")),
    Case("duplicate vote id", changed_demo("dupvote.json", setter("votes", 1, "id", value="v1")),
         ("dupvote.json", "votes[1].id", "duplicate")),
    Case("dots ballot over budget", changed_demo("dots.json", over_budget),
         ("dots.json", "votes[0].ballots[3]: dots total 7 exceeds budget 5")),
    Case("invalid ranking", changed_demo("rank.json", bad_ranking), ("rank.json", "votes[1].ballots[2]", "rank")),
    Case("open ballot twice by one person",
         changed_demo("twice.json", setter("votes", 1, "ballots", 1, "participant", value="p1")),
         ("twice.json", "votes[1].ballots[1].participant", "p1")),
    Case("text file named .okrw to report", text_okrw(["report"]), ("notes.okrw", "not an okr-workshop file")),
    Case("text file named .okrw to export", text_okrw(["export", "--json", "out.json"]),
         ("notes.okrw", "not an okr-workshop file")),
    Case("foreign SQLite database to report", foreign_sqlite, ("foreign.okrw", "not an okr-workshop file")),
    Case("newer .okrw to report", newer_okrw(["report"]), ("newer.okrw", "newer")),
    Case("newer .okrw to export", newer_okrw(["export", "--json", "out.json"]), ("newer.okrw", "newer")),
    Case("damaged .okrw (table missing)", damaged_okrw, ("damaged.okrw", "damaged")),
    Case("truncated .okrw", truncated_okrw, ("truncated.okrw", "damaged")),
    Case("missing .okrw to report", lambda f, o: ["report", "gone.okrw"], ("gone.okrw", "no such file")),
    Case("export onto its own workshop file", with_demo(["export", "x.okrw", "--json", "x.okrw"]),
         ("x.okrw", "choose another name")),
    Case("export into a missing folder", with_demo(["export", "x.okrw", "--json", "nowhere/out.json"]),
         ("nowhere", "does not exist")),
    Case("import into a missing folder", lambda f, o: ["import", str(DEMO_JSON), "-o", "nowhere/out.okrw"],
         ("nowhere", "does not exist")),
    Case("unknown subcommand option", with_demo(["report", "x.okrw", "--frobnicate"]), ("--frobnicate",)),
    Case("unknown import option", lambda f, o: ["import", str(DEMO_JSON), "-o", "out.okrw", "--merge"],
         ("--merge",)),
    Case("import to standard output", lambda f, o: ["import", str(DEMO_JSON), "-o", "-"], ("-o -",)),
    Case("missing required option -o", lambda f, o: ["import", str(DEMO_JSON)], ("-o/--output", "required")),
    Case("export without a format", with_demo(["export", "x.okrw"]), ("--json",)),
    Case("pdf: unknown paper size", with_demo(["export", "x.okrw", "--pdf", "out.pdf", "--paper", "a3"]),
         ("--paper", "a3", "letter")),
    Case("pdf onto its own workshop file", with_demo(["export", "x.okrw", "--pdf", "x.okrw"]),
         ("x.okrw", "choose another name")),
    Case("pdf into a missing folder", with_demo(["export", "x.okrw", "--pdf", "nowhere/out.pdf"]),
         ("nowhere", "does not exist")),
    Case("pdf of a text file named .okrw", text_okrw(["export", "--pdf", "out.pdf"]),
         ("notes.okrw", "not an okr-workshop file")),
]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (but HOME's config) with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<dir>"
        for p in folder.rglob("*")
        if ".config" not in p.relative_to(folder).parts
    }


def assert_one_clean_line(result: Any, expect: tuple[str, ...]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{result.stderr}"
    for fragment in expect:
        assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
    return lines[0]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(case: Case, cli, tmp_path: Path, demo_okrw: Path):
    """Each bad invocation exits 2, prints one line naming the file and the place, and writes nothing."""
    args = case.build(tmp_path, demo_okrw)
    before = snapshot(tmp_path)

    result = cli(*args)

    assert result.returncode == 2, str(result)
    assert_one_clean_line(result, case.expect)
    assert result.stdout == ""
    assert not (tmp_path / "out.okrw").exists()
    assert not (tmp_path / "out.json").exists()
    assert snapshot(tmp_path) == before, "a refused command must not create, change or leave any file"


def test_refusing_a_newer_workshop_file_leaves_no_sqlite_sidecars(cli, tmp_path: Path, demo_okrw: Path):
    """Refusing a .okrw from a newer version leaves the folder exactly as it was, SQLite sidecars included."""
    make_newer(demo_okrw, tmp_path / "newer.okrw")

    result = cli("report", "newer.okrw")

    assert result.returncode == 2, str(result)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".config") == ["newer.okrw"]
