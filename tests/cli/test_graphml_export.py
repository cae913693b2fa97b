"""``okr-workshop export FILE --graphml OUT``: the installed script writes a graph networkx reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx

from .conftest import DEMO_JSON, demo_document


def test_export_graphml_writes_the_demo_graph(cli, tmp_path: Path, demo_okrw: Path):
    shutil.copy(demo_okrw, tmp_path / "x.okrw")
    result = cli("export", "x.okrw", "--graphml", "out.graphml")
    assert result.returncode == 0, str(result)
    g = nx.read_graphml(tmp_path / "out.graphml")
    graph = demo_document()["dependency_graph"]
    assert set(g.nodes) == {n["id"] for n in graph["nodes"]}
    assert set(g.edges) == {(e["from"], e["to"]) for e in graph["edges"]}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".config") == ["out.graphml", "x.okrw"]


def test_export_graphml_from_json_to_stdout(cli):
    result = cli("export", DEMO_JSON, "--graphml", "-")
    assert result.returncode == 0, str(result)
    assert result.stdout.startswith("<?xml") and "<graphml" in result.stdout


def test_export_graphml_onto_the_workshop_itself_is_refused(cli, tmp_path: Path, demo_okrw: Path):
    shutil.copy(demo_okrw, tmp_path / "x.okrw")
    before = (tmp_path / "x.okrw").read_bytes()
    result = cli("export", "x.okrw", "--graphml", "x.okrw")
    assert result.returncode == 2
    assert "choose another name" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "x.okrw").read_bytes() == before
