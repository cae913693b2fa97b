"""Deleting a row in a table also clears what refers to it, in the same undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from okr_workshop.domain.validate import document_from_workshop, workshop_from_document

from .helpers import find_table, screen_named


def test_deleting_a_person_clears_their_ownership_and_one_undo_restores_it(demo_window, qtbot):
    ctx = demo_window.ctx
    before = document_from_workshop(ctx.workshop)
    table = find_table(screen_named(demo_window, "Overview"), "People")
    row = next(i for i, p in enumerate(ctx.workshop.participants) if p.id == "p9")
    table.view.selectRow(row)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key_Delete)
    assert all(p.id != "p9" for p in ctx.workshop.participants)
    doc = document_from_workshop(ctx.workshop)
    workshop_from_document(doc)  # still a valid document: no dangling owner
    assert "p9" not in str(doc)
    demo_window.undo_action.trigger()
    assert document_from_workshop(ctx.workshop) == before


def test_a_person_who_voted_is_not_deleted_and_the_table_says_why(demo_window, qtbot):
    ctx = demo_window.ctx
    table = find_table(screen_named(demo_window, "Overview"), "People")
    row = next(i for i, p in enumerate(ctx.workshop.participants) if p.id == "p1")
    table.view.selectRow(row)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key_Delete)
    assert any(p.id == "p1" for p in ctx.workshop.participants)
    assert table.message.isVisible() and "has voted" in table.message.text()
    assert not demo_window.undo_action.isEnabled()


def test_deleting_a_node_in_the_table_takes_its_edges(demo_window, qtbot):
    ctx = demo_window.ctx
    table = find_table(screen_named(demo_window, "Dependencies"), "Teams and initiatives")
    node = next(n for n in ctx.workshop.nodes if sum(node_id in (e.source, e.target)
                                                     for e in ctx.workshop.edges for node_id in [n.id]) >= 2)
    table.view.selectRow(ctx.workshop.nodes.index(node))
    table.delete_selected()
    assert not [e for e in ctx.workshop.edges if node.id in (e.source, e.target)]
    demo_window.undo_action.trigger()
    assert node in ctx.workshop.nodes
