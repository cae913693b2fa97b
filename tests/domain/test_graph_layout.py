"""The automatic layout of the dependency map: left to right without loops, force-directed with
them, the same picture for the same map, and never two boxes on top of each other."""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from okr_workshop.domain import graph_layout as gl
from okr_workshop.domain import model as m
from okr_workshop.domain.validate import workshop_from_document

ROOT = Path(__file__).resolve().parents[2]
DEMO = workshop_from_document(json.loads((ROOT / "resources/demo/demo.json").read_text(encoding="utf-8")))
SPACING = gl.Spacing()  # the canvas's boxes: the size the demo is shown at


def without_loop(ws: m.Workshop) -> m.Workshop:
    """The demo with its loop cut (billing no longer delivers to pricing)."""
    edges = [e for e in ws.edges if (e.source, e.target) != ("billing", "pricing")]
    return dataclasses.replace(ws, edges=edges)


def assert_apart(positions: dict[str, gl.Point], spacing: gl.Spacing = SPACING) -> None:
    for (a, pa), (b, pb) in itertools.combinations(positions.items(), 2):
        assert not gl.overlaps(pa, pb, spacing), f"{a} at {pa} and {b} at {pb} overlap"


def graphs(acyclic: bool):
    """Random small maps: node ids n0.. and edges; acyclic ones only point from lower to higher ids."""
    def build(n: int, pairs: list[tuple[int, int]]) -> tuple[list[str], list[tuple[str, str]]]:
        ids = [f"n{i}" for i in range(n)]
        wrapped = [(a % n, b % n) for a, b in pairs if a % n != b % n]
        edges = {(min(a, b), max(a, b)) if acyclic else (a, b) for a, b in wrapped}
        return ids, [(f"n{a}", f"n{b}") for a, b in sorted(edges)]
    pair = st.tuples(st.integers(0, 29), st.integers(0, 29))
    return st.builds(build, st.integers(1, 30), st.lists(pair, max_size=60))


def test_the_demo_with_its_loop_is_force_directed_and_no_boxes_overlap():
    """The demo has a loop (billing → pricing → finance): a force-directed picture, every box apart."""
    found = gl.layout_workshop(DEMO)
    assert not found.layered
    assert set(found.positions) == {n.id for n in DEMO.nodes}
    assert_apart(found.positions)


def test_the_demo_without_its_loop_is_layered_left_to_right():
    """Cut the loop and every arrow points right: providers stand left of those who wait on them."""
    ws = without_loop(DEMO)
    found = gl.layout_workshop(ws)
    assert found.layered
    x = {n: p[0] for n, p in found.positions.items()}
    for e in ws.edges:
        assert x[e.source] < x[e.target], f"{e.id} does not point right"
    assert_apart(found.positions)


def test_the_same_map_gives_the_same_picture_whatever_the_record_order():
    """Layout depends on the map only: shuffling nodes and edges changes nothing."""
    for ws in (DEMO, without_loop(DEMO)):
        first = gl.layout_workshop(ws).positions
        rng = random.Random(3)
        for _ in range(3):
            nodes, edges = list(ws.nodes), list(ws.edges)
            rng.shuffle(nodes)
            rng.shuffle(edges)
            assert gl.layout_workshop(dataclasses.replace(ws, nodes=nodes, edges=edges)).positions == first


def test_a_chain_is_drawn_as_a_straight_line():
    """a → b → c → d: one row, one column per step."""
    found = gl.layout(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "d")])
    assert {p[1] for p in found.positions.values()} == {0.0}
    assert [found.positions[n][0] for n in "abcd"] == [i * SPACING.step_x for i in range(4)]


def test_barycentre_ordering_removes_an_avoidable_crossing():
    """a → d and b → c would cross if c and d kept id order; d is placed beside a instead."""
    found = gl.layout(["a", "b", "c", "d"], [("a", "d"), ("b", "c")])
    y = {n: p[1] for n, p in found.positions.items()}
    assert (y["a"] < y["b"]) == (y["d"] < y["c"])


def test_a_lone_provider_stands_next_to_the_node_it_serves():
    """A provider nobody delivers to is pulled right, next to its dependant, not into column 0."""
    found = gl.layout(["a", "b", "c", "late"], [("a", "b"), ("b", "c"), ("late", "c")])
    x = {n: p[0] for n, p in found.positions.items()}
    assert x["late"] == x["b"] == SPACING.step_x


@settings(max_examples=60, deadline=None)
@given(graphs(acyclic=True))
def test_any_acyclic_map_is_layered_with_arrows_pointing_right_and_boxes_apart(graph):
    """Property: for any map without loops every edge goes left to right, and no boxes overlap."""
    ids, edges = graph
    found = gl.layout(ids, edges)
    assert found.layered
    for u, v in edges:
        assert found.positions[u][0] < found.positions[v][0]
    assert_apart(found.positions)


@settings(max_examples=30, deadline=None)
@given(graphs(acyclic=False))
def test_any_map_gets_a_deterministic_picture_with_boxes_apart(graph):
    """Property: loops or not, every node is placed, apart from every other, the same way twice."""
    ids, edges = graph
    found = gl.layout(ids, edges)
    assert set(found.positions) == set(ids)
    assert_apart(found.positions)
    assert gl.layout(list(reversed(ids)), list(reversed(edges))) == found


def test_a_self_loop_counts_as_a_loop():
    """An edge from a node to itself is a loop: the force-directed picture, still one box per node."""
    found = gl.layout(["a", "b"], [("a", "a"), ("a", "b")])
    assert not found.layered
    assert_apart(found.positions)


def test_an_empty_map_has_no_positions():
    """Nothing to place: an empty layout, not an error."""
    assert gl.layout([], []).positions == {}


def test_free_spot_and_beside_never_cover_a_box():
    """A new box goes to the nearest free spot, or into a column beside everything placed."""
    occupied = list(gl.layout_workshop(DEMO).positions.values())
    spot = gl.free_spot(occupied[0], occupied)
    assert not any(gl.overlaps(spot, o) for o in occupied)
    column = gl.beside(occupied, 3)
    assert_apart({f"new{i}": p for i, p in enumerate(column)} | dict(enumerate(occupied)))


def test_the_layered_layout_needs_no_networkx():
    """Only loops need networkx: a map without one is laid out without importing it (startup time)."""
    probe = ("import sys\nfrom okr_workshop.domain.graph_layout import layout\n"
             "layout(['a', 'b', 'c'], [('a', 'b'), ('b', 'c')])\nprint('networkx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
