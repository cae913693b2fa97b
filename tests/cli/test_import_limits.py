"""``okr-workshop import`` at the edges: text and numbers a workshop file cannot hold, weights that
would unmask a secret ballot, and a document far larger than any offsite's. Each refusal exits 2
with one line naming the file and the place, and writes nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import demo_document
from .test_bad_input import assert_one_clean_line, snapshot

Doc = dict[str, Any]


def _write(folder: Path, text: str) -> str:
    """The document as ASCII JSON: a lone surrogate stays the six characters ``\\ud800``."""
    (folder / "in.json").write_text(text, encoding="utf-8")
    return "in.json"


def _changed(change: Callable[[Doc], None]) -> str:
    doc = demo_document()
    change(doc)
    return json.dumps(doc, indent=2)  # ensure_ascii: json writes a lone surrogate as its escape


def _set(*path: Any, value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _huge_version() -> str:
    """The demo with a 5000-digit version number on its third line."""
    text = json.dumps(demo_document(), indent=2)
    assert text.splitlines()[2] == '  "version": 1,'
    return text.replace('"version": 1,', '"version": 1' + "0" * 5000 + ",", 1)


REFUSED = [
    ("lone surrogate in a name", lambda: _changed(_set("participants", 1, "name", value="Zo\ud800")),
     ("in.json: participants[1].name:", "broken character")),
    ("lone surrogate in an action", lambda: _changed(_set("actions", 0, "title", value="\udfff")),
     ("in.json: actions[0].title:", "broken character")),
    ("lone surrogate in an id", lambda: _changed(_set("priorities", 2, "id", value="pr\ud800")),
     ("in.json: priorities[2].id:", "broken character")),
    ("number of 5000 digits", _huge_version, ("in.json: line 3, column 14:", "more than 4300 digits")),
    ("minutes of 2**63", lambda: _changed(_set("agenda", 0, "minutes", value=2**63)),
     ("in.json: agenda[0].minutes:", "at most 1,440")),
    ("day below -2**63", lambda: _changed(_set("agenda", 3, "day", value=-(2**63) - 1)),
     ("in.json: agenda[3].day:", "at least 1")),
    ("round of 2**64", lambda: _changed(_set("votes", 0, "round", value=2**64)),
     ("in.json: votes[0].round:", "at most 100")),
    ("forum meeting of 2**63 minutes", lambda: _changed(_set("rhythm", 0, "duration_minutes", value=2**63)),
     ("in.json: rhythm[0].duration_minutes:", "at most 1,440")),
    ("baseline of 2**64", lambda: _changed(_set("okrs", 0, "key_results", 0, "baseline", value=2**64)),
     ("in.json: okrs[0].key_results[0].baseline:",)),
    ("lonely weight in a secret vote", lambda: _changed(_set("votes", 0, "weights", value={"p2": 2})),
     ("in.json: votes[0].weights:", "'v1'", "only one voter holds")),
]


@pytest.mark.parametrize(("document", "expect"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_import_refuses_with_one_line_naming_the_place(cli, tmp_path: Path, document, expect) -> None:
    source = _write(tmp_path, document())
    before = snapshot(tmp_path)

    result = cli("import", source, "-o", "out.okrw")

    assert result.returncode == 2, str(result)
    assert_one_clean_line(result, expect)
    assert snapshot(tmp_path) == before, "a refused import must not create, change or leave any file"


def test_a_weight_one_voter_holds_in_an_open_vote_is_imported(cli, tmp_path: Path) -> None:
    """Only a secret vote hides whose ballot is whose; an open vote names every voter anyway."""
    doc = demo_document()
    assert doc["votes"][1]["secret"] is False
    doc["votes"][1]["weights"] = {"p2": 2}
    result = cli("import", _write(tmp_path, json.dumps(doc)), "-o", "out.okrw")
    assert result.returncode == 0, str(result)


def test_twenty_thousand_actions_are_imported(cli, tmp_path: Path) -> None:
    """A document far larger than an offsite's goes through (it took seconds when validation was
    quadratic; tests/benchmarks/bench_import.py times it)."""
    doc = demo_document()
    owners = [p["id"] for p in doc["participants"]]
    doc["actions"] = [{"id": f"a{i}", "title": f"Action {i}", "owner": owners[i % len(owners)], "due": "2026-04-01"}
                      for i in range(20_000)]
    doc["parking_lot"] = []
    result = cli("import", _write(tmp_path, json.dumps(doc)), "-o", "out.okrw")
    assert result.returncode == 0, str(result)
    with sqlite3.connect(tmp_path / "out.okrw") as conn:
        assert conn.execute("SELECT COUNT(*), MAX(position) FROM actions").fetchone() == (20_000, 19_999)


def test_export_help_says_which_outputs_take_standard_output(cli) -> None:
    """Every file output takes - for standard output; --csv writes a folder and does not."""
    result = cli("export", "--help")
    assert result.returncode == 0, str(result)
    text = result.stdout[result.stdout.index("options:"):]  # past the usage line, which names them too
    words = " ".join(text.split())  # argparse wraps the help to the terminal width
    for option in ("--json", "--pdf", "--graphml", "--ics"):
        start = words.index(f"{option} OUT ")
        assert "- for standard output" in words[start:words.index("--", start + len(option) + 5)], option
    assert "a folder (not standard output)" in words
