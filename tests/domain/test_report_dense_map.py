"""A dense map holds millions of loops: the report lists the first ones and says there are more,
instead of searching for every one (which froze the Overview and `okr-workshop report`)."""

from __future__ import annotations

from okr_workshop.domain import dependencies
from okr_workshop.domain import model as m
from okr_workshop.domain.report import build_report


def dense_map(boxes: int = 60) -> m.Workshop:
    """Each box feeds the next and the eighth after it: a ring of rings."""
    ws = m.Workshop(info=m.WorkshopInfo("Dense", "", "2026-01-05", "2026-01-06"))
    ws.nodes = [m.DepNode(f"n{i}", f"Team {i}") for i in range(boxes)]
    ws.edges = [m.DepEdge(f"n{i}", f"n{(i + step) % boxes}") for i in range(boxes) for step in (1, 8)]
    return ws


def test_the_report_of_a_dense_map_lists_the_first_loops_and_says_there_are_more():
    deps = build_report(dense_map())["dependencies"]
    assert len(deps["cycles"]) == dependencies.CYCLE_LIMIT and deps["cycles_capped"] is True
    assert deps["critical_chain"] is None


def test_a_map_with_few_loops_lists_them_all():
    ws = dense_map(6)
    ws.edges = [e for e in ws.edges if e.target == f"n{(int(e.source[1:]) + 1) % 6}"]  # one ring
    deps = build_report(ws)["dependencies"]
    assert len(deps["cycles"]) == 1 and deps["cycles_capped"] is False
