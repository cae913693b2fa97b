"""The dependency map, driven with the mouse and keyboard on the canvas: add, connect, edit,
move, delete, undo and redo each; and overlays that agree with ``okr-workshop report``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from okr_workshop.domain import graph_layout
from okr_workshop.domain import model as m
from okr_workshop.domain.report import build_report
from okr_workshop.ui.graph import export
from okr_workshop.ui.graph.edge_item import EdgeItem
from okr_workshop.ui.graph.node_item import NodeItem

from .helpers import printed_report
from .map_helpers import at, drag, empty_spot, map_screen


def nodes_by_id(ctx) -> dict[str, m.DepNode]:
    return {n.id: n for n in ctx.workshop.nodes}


def edge_keys(ctx) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in ctx.workshop.edges}


def click_item(qtbot, view, item, modifier=Qt.NoModifier) -> None:
    """A left click on a node's centre or an edge's middle."""
    point = item.pos() if isinstance(item, NodeItem) else item.line.pointAt(0.5)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, modifier, pos=at(view, point))


def test_double_click_on_empty_canvas_adds_a_node_named_by_typing(demo_window, qtbot):
    """Double-click on empty canvas adds a node there with its name selected, typing names it;
    undo takes the name back, then the node; redo brings both back."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, stack = screen.ctx, screen.view, screen.ctx.undo_stack
    before = set(nodes_by_id(ctx))
    spot = empty_spot(view)

    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=spot)

    added = [n for n in ctx.workshop.nodes if n.id not in before]
    assert len(added) == 1
    node = added[0]
    assert (node.x - view.mapToScene(spot).x()) ** 2 + (node.y - view.mapToScene(spot).y()) ** 2 < 4
    assert screen.scene.nodes[node.id].isSelected()
    assert screen.panel.node_id == node.id
    assert screen.panel.node_label.selectedText() == "New team"

    qtbot.keyClicks(screen.panel.node_label, "Legal")
    assert nodes_by_id(ctx)[node.id].label == "Legal"
    assert screen.scene.nodes[node.id].record.label == "Legal"

    stack.undo()
    assert nodes_by_id(ctx)[node.id].label == "New team"
    stack.undo()
    assert node.id not in nodes_by_id(ctx) and node.id not in screen.scene.nodes
    stack.redo()
    stack.redo()
    assert nodes_by_id(ctx)[node.id].label == "Legal" and node.id in screen.scene.nodes


def test_dragging_from_a_node_handle_to_another_node_adds_a_dependency(demo_window, qtbot):
    """A drag from the dot on Product's right edge to Sales adds "Sales depends on Product"; undo
    removes it and redo restores it."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, scene = screen.ctx, screen.view, screen.scene
    source, target = scene.nodes["product"], scene.nodes["sales"]
    assert ("product", "sales") not in edge_keys(ctx)
    for dx in (-4, 0, 4):  # the whole handle grabs, also the half that lies inside the box
        assert source.on_handle(source.mapToScene(source.handle_centre() + QPointF(dx, 0)))
        assert scene.node_at(source.mapToScene(source.handle_centre() + QPointF(dx, 0))) is source

    drag(qtbot, view, at(view, source.mapToScene(source.handle_centre())), at(view, target.pos()))

    assert ("product", "sales") in edge_keys(ctx)
    item = scene.edges["product->sales"]
    assert item.isSelected() and screen.panel.edge_id == "product->sales"
    assert item.line.p1() != item.line.p2()
    ctx.undo_stack.undo()
    assert ("product", "sales") not in edge_keys(ctx) and "product->sales" not in scene.edges
    ctx.undo_stack.redo()
    assert "product->sales" in scene.edges


def test_shift_drag_between_nodes_adds_a_dependency_and_a_duplicate_is_refused(demo_window, qtbot):
    """Shift+drag from one node's middle to another also draws an arrow; drawing an existing
    one again adds nothing and says so."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, scene = screen.ctx, screen.view, screen.scene
    count = len(ctx.workshop.edges)
    start = scene.nodes["marketing"].pos()

    drag(qtbot, view, at(view, start), at(view, scene.nodes["product"].pos()), Qt.ShiftModifier)
    assert ("marketing", "product") in edge_keys(ctx)
    assert scene.nodes["marketing"].pos() == start  # drawing an arrow does not move the node
    assert len(ctx.workshop.edges) == count + 1

    drag(qtbot, view, at(view, scene.nodes["marketing"].pos()), at(view, scene.nodes["product"].pos()),
         Qt.ShiftModifier)
    assert len(ctx.workshop.edges) == count + 1
    assert "already" in screen.message.text()


def test_side_panel_edits_an_edge_and_a_node_each_undoable(demo_window, qtbot):
    """Click an arrow: its what, owner, date, risk and status are edited beside the map, and the
    map redraws at once. Click a node: its kind and owner. Each edit is one undo step."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, scene, panel = screen.ctx, screen.view, screen.scene, screen.panel
    edge = scene.edges["marketing->sales"]
    click_item(qtbot, view, edge)
    assert panel.edge_id == "marketing->sales"
    original = edge.record

    qtbot.keyClicks(panel.edge_status, "b")  # the drop-down jumps to "blocked"
    record = next(e for e in ctx.workshop.edges if e.id == "marketing->sales")
    assert record.status == "blocked"
    assert edge.look.bar and "BLOCKED" in edge.look.tags
    qtbot.waitUntil(lambda: any(r.kind == "blocked" and ("marketing", "sales") in r.edges
                                for r in scene.overlay.risks))

    panel.edge_what.clear()
    qtbot.keyClicks(panel.edge_what, "Launch kit")
    qtbot.keyClicks(panel.edge_due, "2026-13-01")  # not a date: not stored
    assert next(e for e in ctx.workshop.edges if e.id == "marketing->sales").needed_by == original.needed_by
    panel.edge_due.clear()
    qtbot.keyClicks(panel.edge_due, "2026-07-01")
    record = next(e for e in ctx.workshop.edges if e.id == "marketing->sales")
    assert (record.what, record.needed_by) == ("Launch kit", "2026-07-01")

    ctx.undo_stack.undo()  # the date
    ctx.undo_stack.undo()  # the typed what: one step
    ctx.undo_stack.undo()  # the status
    assert next(e for e in ctx.workshop.edges if e.id == "marketing->sales") == original
    assert not edge.look.bar

    node = scene.nodes["pricing"]
    click_item(qtbot, view, node)
    assert panel.node_id == "pricing"
    arrow_end = scene.edges["billing->pricing"].line.p2()  # a slanting arrow into the hexagon
    qtbot.keyClick(panel.node_kind, Qt.Key_Home)
    assert nodes_by_id(ctx)["pricing"].kind == "team" == node.record.kind
    assert scene.edges["billing->pricing"].line.p2() != arrow_end  # it now meets a box
    ctx.undo_stack.undo()
    assert nodes_by_id(ctx)["pricing"].kind == "initiative"
    assert scene.edges["billing->pricing"].line.p2() == arrow_end


def test_dragging_a_node_moves_it_in_one_undo_step(demo_window, qtbot):
    """A node dragged with the mouse is stored where it was dropped (with the others, which had
    no position yet, where they stand), in one undo step; its arrows follow; undo puts it back."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, scene = screen.ctx, screen.view, screen.scene
    node = scene.nodes["sales"]
    start = node.pos()
    steps = ctx.undo_stack.index()

    drag(qtbot, view, at(view, start), at(view, start) + QPoint(60, 40))

    moved = nodes_by_id(ctx)["sales"]
    assert (moved.x, moved.y) == (round(node.pos().x(), 1), round(node.pos().y(), 1))
    assert moved.x > start.x() and moved.y > start.y()
    assert all(n.x is not None for n in ctx.workshop.nodes)
    assert ctx.undo_stack.index() == steps + 1
    arrow = scene.edges["marketing->sales"]
    assert arrow.line.p2().y() < node.pos().y()  # the arrow still ends at the box, which moved down

    ctx.undo_stack.undo()
    assert node.pos() == start
    assert nodes_by_id(ctx)["sales"].x is None
    ctx.undo_stack.redo()
    assert nodes_by_id(ctx)["sales"] == moved


def test_a_first_drop_stores_every_place_and_syncs_the_map_once(demo_window, qtbot, monkeypatch):
    """The first drop stores all twelve boxes' places as one step: the map catches up once at
    the end, not once per box (each catch-up re-reads the whole map)."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, scene = screen.ctx, screen.view, screen.scene
    synced = []
    real = type(scene)._sync_nodes
    monkeypatch.setattr(type(scene), "_sync_nodes", lambda self, *a, **k: synced.append(1) or real(self, *a, **k))
    node = scene.nodes["sales"]
    drag(qtbot, view, at(view, node.pos()), at(view, node.pos()) + QPoint(60, 40))
    assert all(n.x is not None for n in ctx.workshop.nodes) and len(ctx.workshop.nodes) > 2
    assert len(synced) == 1
    assert scene.nodes["sales"].pos().x() == nodes_by_id(ctx)["sales"].x  # the items follow the stored places


def test_moving_boxes_does_not_run_the_analysis_again(demo_window, qtbot, monkeypatch):
    """Loops, chain and risks depend on who waits on whom, not on where boxes stand: a drop
    shows the same overlays without analysing the map again; a new arrow does analyse it."""
    from okr_workshop.ui.graph import scene as scene_module

    screen = map_screen(demo_window, qtbot)
    ctx, view, scene = screen.ctx, screen.view, screen.scene
    runs = []
    real = scene_module.analyse
    monkeypatch.setattr(scene_module, "analyse", lambda ws: runs.append(1) or real(ws))
    before = scene.overlay
    node = scene.nodes["sales"]
    drag(qtbot, view, at(view, node.pos()), at(view, node.pos()) + QPoint(60, 40))
    qtbot.wait(20)
    assert runs == [] and scene.overlay is before
    ctx.edit(None, m.DepEdge("sales", "data"))
    qtbot.waitUntil(lambda: runs == [1])
    assert scene.overlay is not before


def test_rubber_band_selects_several_nodes_that_move_together(demo_window, qtbot):
    """Shift+drag on empty space selects the nodes it touches; dragging one moves them all, one undo step."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, scene = screen.ctx, screen.view, screen.scene
    a, b = scene.nodes["marketing"], scene.nodes["sales"]
    corner = a.sceneBoundingRect().united(b.sceneBoundingRect())
    start = at(view, corner.topLeft()) + QPoint(-6, -6)
    assert not view.items(start)

    drag(qtbot, view, start, at(view, corner.bottomRight()) + QPoint(4, 4), Qt.ShiftModifier)
    selected = {i.node_id for i in scene.selectedItems() if isinstance(i, NodeItem)}
    assert {"marketing", "sales"} <= selected
    starts = {n: scene.nodes[n].pos() for n in selected}
    steps = ctx.undo_stack.index()

    drag(qtbot, view, at(view, a.pos()), at(view, a.pos()) + QPoint(0, 50))
    for n in selected:
        assert scene.nodes[n].pos().y() > starts[n].y()
    assert ctx.undo_stack.index() == steps + 1
    ctx.undo_stack.undo()
    assert all(scene.nodes[n].pos() == p for n, p in starts.items())


def test_delete_key_removes_a_node_with_its_arrows_in_one_step(demo_window, qtbot):
    """Select Finance and press Delete: Finance and its three arrows go; undo brings all back as they were."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, scene = screen.ctx, screen.view, screen.scene
    nodes, edges = list(ctx.workshop.nodes), list(ctx.workshop.edges)
    shown_at = scene.nodes["finance"].pos()
    click_item(qtbot, view, scene.nodes["finance"])
    qtbot.keyClick(view, Qt.Key_Delete)

    assert "finance" not in nodes_by_id(ctx) and "finance" not in scene.nodes
    assert not any("finance" in (e.source, e.target) for e in ctx.workshop.edges)
    assert not any("finance" in key for key in scene.edges)
    ctx.undo_stack.undo()
    assert ctx.workshop.nodes == nodes and ctx.workshop.edges == edges
    assert len(scene.edges) == len(edges)
    assert scene.nodes["finance"].pos() == shown_at  # back where it was, though it has no stored position
    ctx.undo_stack.redo()
    assert "finance" not in scene.nodes


def test_delete_key_removes_a_selected_arrow(demo_window, qtbot):
    """Click an arrow and press Delete: only that dependency goes."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, scene = screen.ctx, screen.view, screen.scene
    click_item(qtbot, view, scene.edges["marketing->sales"])
    qtbot.keyClick(view, Qt.Key_Delete)
    assert ("marketing", "sales") not in edge_keys(ctx)
    assert {"marketing", "sales"} <= set(nodes_by_id(ctx))
    ctx.undo_stack.undo()
    assert ("marketing", "sales") in edge_keys(ctx)


def loop_edges(cycles: list[list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for c in cycles for a, b in zip(c, c[1:] + c[:1], strict=True)}


def assert_overlays_match(scene, report: dict) -> None:
    """Every overlay on the canvas is what the report says."""
    in_loop = loop_edges(report["cycles"])
    chain = report["critical_chain"] or []
    chain_edges = set(zip(chain, chain[1:], strict=False))
    unowned = {tuple(e) for e in report["unowned_edges"]}
    for node_id, item in scene.nodes.items():
        assert item.badge == report["blocking"][node_id], node_id
        assert item.in_loop == any(node_id in c for c in report["cycles"]), node_id
        assert item.in_chain == (node_id in chain), node_id
    for item in scene.edges.values():
        key = (item.record.source, item.record.target)
        assert item.in_loop == (key in in_loop), key
        assert item.in_chain == (key in chain_edges), key
        assert item.look.dashed == (key in unowned), key
    assert [r.sentence for r in scene.overlay.risks] == [r["sentence"] for r in report["risks"]]


def test_overlays_show_the_reports_loop_then_its_critical_chain(demo_window, qtbot):
    """The demo's loop is banded and no chain is shown (the report has none); badges, dashes and
    the risk list match. Deleting the loop's arrow on the canvas brings the report's critical
    chain onto the map at once, and the installed ``okr-workshop report`` on the file agrees."""
    screen = map_screen(demo_window, qtbot)
    ctx, view, scene = screen.ctx, screen.view, screen.scene
    report = build_report(ctx.workshop)["dependencies"]
    assert report["cycles"] and report["critical_chain"] is None
    assert_overlays_match(scene, report)
    assert "loop" in screen.summary.text()
    assert {("billing", "pricing"), ("pricing", "finance"), ("finance", "billing")} <= {
        k for k, e in ((tuple(k.split("->")), e) for k, e in scene.edges.items()) if e.in_loop}

    click_item(qtbot, view, scene.edges["billing->pricing"])
    qtbot.keyClick(view, Qt.Key_Delete)
    qtbot.waitUntil(lambda: scene.overlay.chain is not None)

    report = build_report(ctx.workshop)["dependencies"]
    assert report["cycles"] == [] and len(report["critical_chain"]) == 7
    assert_overlays_match(scene, report)
    assert "critical chain: 6 hand-overs" in screen.summary.text()
    assert printed_report(ctx.store.path, ctx.store.path.parent)["dependencies"] == report


def test_clicking_a_risk_selects_and_centres_what_it_names(demo_window, qtbot):
    """The first risk (the loop) is clicked in the list: its nodes and arrows are selected and
    in the middle of the view."""
    screen = map_screen(demo_window, qtbot)
    scene, view, risks = screen.scene, screen.view, screen.risks
    view.zoom(3)  # zoomed in, somewhere else
    view.centerOn(scene.nodes["data"])
    first = risks.item(0)
    qtbot.mouseClick(risks.viewport(), Qt.LeftButton, pos=risks.visualItemRect(first).center())

    risk = scene.overlay.risks[0]
    assert risk.kind == "cycle"
    selected = {i.node_id if isinstance(i, NodeItem) else (i.record.source, i.record.target)
                for i in scene.selectedItems()}
    assert selected == set(risk.nodes) | set(risk.edges)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for node_id in risk.nodes:
        assert visible.contains(scene.nodes[node_id].pos())


def test_zoom_keys_wheel_and_fit(demo_window, qtbot):
    """Ctrl+= and Ctrl+- zoom, Ctrl+wheel zooms, F brings the whole map back into view."""
    screen = map_screen(demo_window, qtbot)
    view, scene = screen.view, screen.scene
    scale = view.scale_factor()
    qtbot.keyClick(view, Qt.Key_Equal, Qt.ControlModifier)
    assert view.scale_factor() > scale
    qtbot.keyClick(view, Qt.Key_Minus, Qt.ControlModifier)
    qtbot.keyClick(view, Qt.Key_Minus, Qt.ControlModifier)
    assert view.scale_factor() < scale
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 240), Qt.NoButton, Qt.ControlModifier, Qt.NoScrollPhase, False)
    zoomed = view.scale_factor()
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.scale_factor() > zoomed

    qtbot.keyClick(view, Qt.Key_F)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(scene.map_rect())


def test_arrange_lays_the_map_out_in_one_undo_step(demo_window, qtbot):
    """Arrange stores the automatic layout for every node as one step; undo forgets it again."""
    screen = map_screen(demo_window, qtbot)
    ctx = screen.ctx
    steps = ctx.undo_stack.index()
    qtbot.mouseClick(screen.buttons["arrange"], Qt.LeftButton)
    expected = graph_layout.layout_workshop(ctx.workshop).positions
    assert {n.id: (n.x, n.y) for n in ctx.workshop.nodes} == {k: (round(x, 1), round(y, 1))
                                                             for k, (x, y) in expected.items()}
    assert ctx.undo_stack.index() == steps + 1
    ctx.undo_stack.undo()
    assert all(n.x is None for n in ctx.workshop.nodes)


def test_tables_stay_one_tab_away(demo_window, qtbot):
    """The keyboard editor: adding a node in the table puts it on the map, beside the others."""
    screen = map_screen(demo_window, qtbot)
    screen.tabs.setCurrentIndex(1)
    screen.nodes.add()
    added = screen.ctx.workshop.nodes[-1]
    item = screen.scene.nodes[added.id]
    others = [(i.pos().x(), i.pos().y()) for k, i in screen.scene.nodes.items() if k != added.id]
    assert not any(graph_layout.overlaps((item.pos().x(), item.pos().y()), o) for o in others)


def test_png_and_svg_export_draw_the_whole_map(demo_window, qtbot, tmp_path):
    """The PNG is a picture of the whole map; the SVG holds the names as text, not as pixels."""
    screen = map_screen(demo_window, qtbot)
    screen.scene.select(["finance"])
    export.export_png(screen.scene, tmp_path / "map.png")
    export.export_svg(screen.scene, tmp_path / "map.svg")
    image = QImage(str(tmp_path / "map.png"))
    area = screen.scene.itemsBoundingRect()
    assert image.width() >= area.width() and image.height() >= area.height()
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Core Engineering" in svg and "Customer Success" in svg
    assert screen.scene.nodes["finance"].isSelected()  # the selection is back after exporting


def test_edges_without_known_nodes_are_left_off_the_map(demo_window, qtbot):
    """A dependency whose node was deleted in the table (no cascade there) does not break the map."""
    screen = map_screen(demo_window, qtbot)
    finance = nodes_by_id(screen.ctx)["finance"]
    screen.ctx.edit(finance, None)
    assert "finance" not in screen.scene.nodes
    assert not any("finance" in key for key in screen.scene.edges)
    assert all(isinstance(e, EdgeItem) for e in screen.scene.edges.values())


def test_an_action_added_here_names_the_selected_dependency(demo_window, qtbot):
    """The context for an action added from this screen is the selected arrow, in words."""
    screen = map_screen(demo_window, qtbot)
    assert screen.context_text() == ""
    click_item(qtbot, screen.view, screen.scene.edges["marketing->sales"])
    assert screen.context_text() == ("dependency “Mid-market campaign and case-study collateral” from Marketing "
                                     "to Sales")
    click_item(qtbot, screen.view, screen.scene.nodes["finance"])
    assert screen.context_text() == "“Finance”"


def test_opening_the_screen_module_does_not_import_networkx():
    """networkx costs a third of a second: the map's modules load it only when analysing or laying out."""
    probe = ("import sys\nimport okr_workshop.ui.screens.dependencies\nimport okr_workshop.ui.graph.export\n"
             "print('networkx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2], env={"QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "False"
