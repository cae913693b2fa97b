"""The dependency graph: direction, cycles, the critical chain, who waits on whom, and risks."""

from __future__ import annotations

from okr_workshop.domain.dependencies import (
    blocking,
    build_graph,
    critical_chain,
    cycles,
    risks,
    unowned_edges,
)
from okr_workshop.domain.model import DepEdge, DepNode, Workshop


def graph(edges: list[tuple[str, str]], extra_nodes: tuple[str, ...] = (), **edge_fields) -> Workshop:
    """Nodes named after their ids (first mention order) and owned edges unless told otherwise."""
    ids = list(dict.fromkeys([n for e in edges for n in e] + list(extra_nodes)))
    fields = {"owner": "p1", **edge_fields}
    return Workshop(nodes=[DepNode(i, i.title()) for i in ids],
                    edges=[DepEdge(a, b, **fields) for a, b in edges])


def test_edges_point_from_provider_to_dependant_with_attributes():
    """An edge A -> B is stored as A -> B (B depends on A) with only the attributes that are set."""
    ws = Workshop(nodes=[DepNode("eng", "Engineering", owner="p2"), DepNode("sales", "Sales")],
                  edges=[DepEdge("eng", "sales", "pricing API", "p2", "2026-05-01", "high", "open")])
    g = build_graph(ws)
    assert list(g.edges) == [("eng", "sales")]
    assert g.nodes["eng"] == {"label": "Engineering", "kind": "team", "owner": "p2"}
    assert g.nodes["sales"] == {"label": "Sales", "kind": "team"}
    assert g.edges["eng", "sales"] == {"what": "pricing API", "owner": "p2", "needed_by": "2026-05-01",
                                       "risk": "high", "status": "open"}


def test_cycles_start_at_their_smallest_id_and_are_sorted():
    """Each cycle is rotated to its smallest id; shorter cycles come first."""
    ws = graph([("c", "a"), ("a", "b"), ("b", "c"), ("e", "d"), ("d", "e")])
    assert cycles(ws) == [["d", "e"], ["a", "b", "c"]]


def test_an_acyclic_map_has_no_cycles():
    """A chain has no cycles."""
    assert cycles(graph([("a", "b"), ("b", "c")])) == []


def test_cycles_can_be_capped_for_interactive_use():
    """A limit stops the search after that many cycles."""
    ws = graph([("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")])
    assert len(cycles(ws, limit=1)) == 1


def test_critical_chain_is_the_path_with_most_edges():
    """The longest chain of hand-overs wins over shorter branches."""
    ws = graph([("a", "b"), ("b", "c"), ("c", "d"), ("a", "d"), ("x", "d")])
    assert critical_chain(ws) == ["a", "b", "c", "d"]


def test_critical_chain_breaks_ties_alphabetically():
    """Among equally long chains the alphabetically first path is chosen, every time."""
    ws = graph([("z", "y"), ("b", "c"), ("m", "n")])
    assert critical_chain(ws) == ["b", "c"]


def test_critical_chain_is_none_when_there_is_a_cycle():
    """A cycle makes "longest path" meaningless, so there is no chain."""
    assert critical_chain(graph([("a", "b"), ("b", "a"), ("b", "c")])) is None


def test_critical_chain_is_empty_without_dependencies():
    """No edges (even with nodes) means no chain to show: an empty list."""
    assert critical_chain(graph([], extra_nodes=("a", "b"))) == []
    assert critical_chain(Workshop()) == []


def test_blocking_counts_everyone_downstream_and_lists_every_node():
    """A node blocks its direct and indirect dependants; a node nobody waits on blocks 0."""
    ws = graph([("a", "b"), ("b", "c"), ("a", "d")], extra_nodes=("lonely",))
    assert blocking(ws) == {"a": 3, "b": 1, "c": 0, "d": 0, "lonely": 0}


def test_blocking_in_a_cycle_does_not_count_the_node_itself():
    """In a loop each node is waited on by the others, not by itself."""
    assert blocking(graph([("a", "b"), ("b", "a")])) == {"a": 1, "b": 1}


def test_unowned_edges_are_listed_in_map_order():
    """Edges with no owner are listed as [from, to]."""
    ws = graph([("a", "b"), ("b", "c")], owner=None)
    ws.edges.append(DepEdge("a", "c", owner="p1"))
    assert unowned_edges(ws) == [["a", "b"], ["b", "c"]]


def test_risks_put_cycles_and_blocked_work_first():
    """Findings are ordered by severity: cycles and blocked edges before the rest."""
    ws = graph([("a", "b"), ("b", "a")])
    ws.nodes.append(DepNode("c", "Customer Success"))
    ws.edges.append(DepEdge("a", "c", "churn data", None, "2026-04-01", "high", "blocked"))
    ws.edges.append(DepEdge("b", "c", "", "p1", None, "low", "at_risk"))
    found = risks(ws)
    assert [r.kind for r in found] == ["cycle", "blocked", "at_risk", "unowned"]
    assert [r.severity for r in found][:2] == ["high", "high"]
    assert "Customer Success" in found[1].sentence and "2026-04-01" in found[1].sentence
    assert found[0].edges == (("a", "b"), ("b", "a"))


def test_done_dependencies_raise_no_edge_findings():
    """A delivered dependency is not a risk even if it was high risk and unowned."""
    ws = graph([("a", "b")], owner=None, risk="high", status="done")
    assert risks(ws) == []


def test_a_node_most_of_the_map_waits_on_is_named():
    """A team that most others wait on is called out."""
    ws = graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("x", "y")])
    waited_on = [r for r in risks(ws) if r.kind == "waited_on"]
    assert [r.nodes for r in waited_on] == [("hub",)]


def test_a_long_chain_is_named():
    """A chain of four or more hand-overs is a (low) risk."""
    found = risks(graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]))
    assert [r.kind for r in found if r.kind == "long_chain"] == ["long_chain"]
    assert all(r.as_dict()["severity"] in ("high", "medium", "low") for r in found)
