"""File → Export / Import dependency graph (GraphML): out of the app and back in as one undo step."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from PySide6.QtWidgets import QFileDialog, QMessageBox


def test_export_then_import_a_changed_graph_is_one_undo_step(demo_window, tmp_path: Path, monkeypatch):
    out = tmp_path / "graph.graphml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    demo_window.export_graph_action.trigger()
    g = nx.read_graphml(out)
    ws = demo_window.ctx.workshop
    assert set(g.nodes) == {n.id for n in ws.nodes}

    g.add_node("legal", label="Legal & Compliance", kind="team")
    g.add_edge("legal", ws.nodes[0].id, what="contract template", risk="high", status="open")
    nx.write_graphml(g, out)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    before = (list(ws.nodes), list(ws.edges))
    demo_window.import_graph_action.trigger()
    ws = demo_window.ctx.workshop
    assert any(n.id == "legal" and n.label == "Legal & Compliance" for n in ws.nodes)
    assert any(e.source == "legal" and e.risk == "high" for e in ws.edges)
    demo_window.undo_action.trigger()
    assert (demo_window.ctx.workshop.nodes, demo_window.ctx.workshop.edges) == before


def test_a_bad_graph_is_refused_in_a_dialog_and_changes_nothing(demo_window, tmp_path: Path, monkeypatch):
    bad = tmp_path / "bad.graphml"
    bad.write_text("this is not GraphML", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append(text))
    before = list(demo_window.ctx.workshop.nodes)
    demo_window.import_graph_action.trigger()
    assert shown and "not a GraphML graph" in shown[0] and "Nothing was imported" in shown[0]
    assert demo_window.ctx.workshop.nodes == before
