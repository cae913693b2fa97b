"""GraphML out and back: every node, edge and attribute, as networkx (and so yEd and Gephi) read it."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.graphml import from_graphml, merge, to_graphml
from okr_workshop.domain.validate import InterchangeError, workshop_from_document

DEMO = json.loads((Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json").read_text("utf-8"))


@pytest.fixture
def ws() -> m.Workshop:
    workshop = workshop_from_document(json.loads(json.dumps(DEMO)))
    workshop.nodes[0] = dataclasses.replace(workshop.nodes[0], x=120.5, y=-40)  # one placed node
    return workshop


def test_networkx_reads_every_node_edge_and_attribute(ws: m.Workshop) -> None:
    g = nx.read_graphml(io.BytesIO(to_graphml(ws).encode("utf-8")))
    names = {p.id: p.name for p in ws.participants}
    assert g.is_directed()
    assert set(g.nodes) == {n.id for n in ws.nodes}
    assert set(g.edges) == {(e.source, e.target) for e in ws.edges}
    for n in ws.nodes:
        attrs = g.nodes[n.id]
        assert (attrs["label"], attrs["kind"], attrs.get("owner")) == (n.label, n.kind, n.owner)
        assert attrs.get("owner_name") == names.get(n.owner or "")
    assert (g.nodes[ws.nodes[0].id]["x"], g.nodes[ws.nodes[0].id]["y"]) == (120.5, -40.0)
    for e in ws.edges:
        attrs = g.edges[e.source, e.target]
        assert attrs["what"] == e.what
        assert (attrs["risk"], attrs["status"]) == (e.risk, e.status)
        assert attrs.get("owner") == e.owner and attrs.get("needed_by") == e.needed_by


def test_a_round_trip_gives_back_the_same_nodes_and_edges(ws: m.Workshop) -> None:
    nodes, edges = from_graphml(to_graphml(ws), ws)
    assert sorted(nodes, key=lambda n: n.id) == sorted(ws.nodes, key=lambda n: n.id)
    assert sorted(edges, key=lambda e: e.id) == sorted(ws.edges, key=lambda e: e.id)


def test_a_plain_graph_from_another_tool_is_read_with_defaults(ws: m.Workshop) -> None:
    g = nx.DiGraph()
    g.add_edge("legal", "sales")
    nodes, edges = from_graphml("\n".join(nx.generate_graphml(g)), ws)
    assert nodes == [m.DepNode("legal", "legal"), m.DepNode("sales", "sales")]
    assert edges == [m.DepEdge("legal", "sales")]


def _graph(**edge_attrs) -> str:
    g = nx.DiGraph()
    g.add_node("a", label="A")
    g.add_node("b", label="B")
    g.add_edge("a", "b", **edge_attrs)
    return "\n".join(nx.generate_graphml(g))


@pytest.mark.parametrize("text, place, words", [
    ("<graphml>", "graphml", "not a GraphML graph"),
    ("not xml at all", "graphml", "not a GraphML graph"),
    (_graph(risk="extreme"), "edge 'a' -> 'b'", "risk 'extreme'"),
    (_graph(owner="p99"), "edge 'a' -> 'b'", "unknown participant 'p99'"),
    (_graph(needed_by="soon"), "edge 'a' -> 'b'", "not a date"),
    ("\n".join(nx.generate_graphml(nx.Graph([("a", "b")]))), "graphml", "must be directed"),
])
def test_bad_graphml_names_the_place(ws: m.Workshop, text: str, place: str, words: str) -> None:
    with pytest.raises(InterchangeError) as err:
        from_graphml(text, ws)
    assert err.value.place == place
    assert words in err.value.message


def test_merge_replaces_known_ids_adds_new_ones_and_removes_nothing(ws: m.Workshop) -> None:
    renamed = dataclasses.replace(ws.nodes[1], label="Renamed team")
    new_node = m.DepNode("legal", "Legal")
    new_edge = m.DepEdge("legal", ws.nodes[1].id, "contract template")
    changes = merge(ws, [ws.nodes[0], renamed, new_node], [ws.edges[0], new_edge])
    assert changes == [(ws.nodes[1], renamed), (None, new_node), (None, new_edge)]
