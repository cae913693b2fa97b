"""The dependency graph as GraphML, for yEd, Gephi and anything else that reads it.

Nodes carry ``label``, ``kind``, ``owner`` (participant id), ``owner_name`` and the canvas
position ``x``/``y``; edges carry ``what``, ``owner``, ``owner_name``, ``needed_by``, ``risk``
and ``status``. An edge ``A -> B`` means B depends on A, as everywhere in the product.
Reading accepts what this module writes and plainer files (a node without a kind is a team),
and refuses anything it cannot place with a message naming the node or edge.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import model as m
from .dependencies import build_graph
from .validate import InterchangeError


def to_graphml(ws: m.Workshop) -> str:
    import networkx as nx

    g = build_graph(ws)
    names = {p.id: p.name for p in ws.participants}
    attribute_sets = [attrs for _, attrs in g.nodes(data=True)] + [attrs for *_, attrs in g.edges(data=True)]
    for attrs in attribute_sets:
        if attrs.get("owner") in names:
            attrs["owner_name"] = names[attrs["owner"]]
    for _, attrs in g.nodes(data=True):
        for axis in ("x", "y"):
            if axis in attrs:
                attrs[axis] = float(attrs[axis])  # one GraphML type per key, even for whole numbers
    lines = nx.generate_graphml(g, encoding="utf-8", prettyprint=True)
    return "\n".join(["<?xml version='1.0' encoding='utf-8'?>", *lines]) + "\n"


def _text(attrs: dict[str, Any], key: str, place: str) -> str | None:
    value = attrs.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InterchangeError(place, f"{key} must be text")
    return value


def _choice(attrs: dict[str, Any], key: str, choices: tuple[str, ...], default: str, place: str) -> str:
    value = _text(attrs, key, place) or default
    if value not in choices:
        raise InterchangeError(place, f"{key} {value!r} is not one of {', '.join(choices)}")
    return value


def _owner(attrs: dict[str, Any], people: set[str], place: str) -> str | None:
    owner = _text(attrs, "owner", place)
    if owner is not None and owner not in people:
        raise InterchangeError(place, f"unknown participant {owner!r} as owner")
    return owner


def _number(attrs: dict[str, Any], key: str, place: str) -> float | None:
    value = attrs.get(key)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InterchangeError(place, f"{key} must be a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InterchangeError(place, f"{key} must be a finite number")
    return number


def from_graphml(text: str | bytes, ws: m.Workshop) -> tuple[list[m.DepNode], list[m.DepEdge]]:
    """The nodes and edges of a GraphML document, checked against ``ws``'s participants."""
    import networkx as nx

    try:
        g = nx.parse_graphml(text, force_multigraph=False)
    except Exception as exc:  # networkx raises several kinds (ParseError, NetworkXError, KeyError…)
        raise InterchangeError("graphml", f"not a GraphML graph ({exc})") from None
    if not g.is_directed():
        raise InterchangeError("graphml", "the graph must be directed: an edge A -> B means B depends on A")
    people = {p.id for p in ws.participants}
    nodes = []
    for node_id, attrs in g.nodes(data=True):
        place = f"node {node_id!r}"
        nodes.append(m.DepNode(str(node_id), _text(attrs, "label", place) or str(node_id),
                               _choice(attrs, "kind", m.NODE_KINDS, "team", place), _owner(attrs, people, place),
                               _number(attrs, "x", place), _number(attrs, "y", place)))
    edges = []
    for source, target, attrs in g.edges(data=True):
        place = f"edge {source!r} -> {target!r}"
        if source == target:
            raise InterchangeError(place, "an edge cannot join a node to itself")
        needed_by = _text(attrs, "needed_by", place)
        if needed_by is not None:
            try:
                date.fromisoformat(needed_by)
            except ValueError:
                raise InterchangeError(place, f"needed_by {needed_by!r} is not a date like 2026-05-01") from None
        edges.append(m.DepEdge(str(source), str(target), _text(attrs, "what", place) or "",
                               _owner(attrs, people, place), needed_by,
                               _choice(attrs, "risk", m.RISKS, "medium", place),
                               _choice(attrs, "status", m.EDGE_STATUSES, "open", place)))
    return nodes, edges


def merge(ws: m.Workshop, nodes: list[m.DepNode], edges: list[m.DepEdge]) -> list[tuple[object, object]]:
    """(before, after) changes that bring a read graph into the workshop: a node or edge with a
    known id replaces the old one, the rest are added; nothing already there is removed."""
    changes: list[tuple[object, object]] = []
    for existing, incoming in ((ws.nodes, nodes), (ws.edges, edges)):
        by_id = {r.id: r for r in existing}
        for record in incoming:
            before = by_id.get(record.id)
            if before != record:
                changes.append((before, record))
    return changes
