"""The focus board: columns from statuses and not-now entries, moves as record changes, flags and gauges."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from okr_workshop.domain import critical_few
from okr_workshop.domain import model as m
from okr_workshop.domain import not_now as board
from okr_workshop.domain.report import build_report
from okr_workshop.domain.validate import workshop_from_document

DEMO = (Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json").read_text("utf-8")
ALL = (*board.COLUMNS, board.UNDECIDED)


def demo() -> m.Workshop:
    return workshop_from_document(json.loads(DEMO))


def new_id(prefix: str, existing: list) -> str:
    taken = {r.id for r in existing}
    return next(f"{prefix}{n}" for n in itertools.count(1) if f"{prefix}{n}" not in taken)


def apply(ws: m.Workshop, changes: list) -> None:
    """What the store does with (before, after) pairs, on the in-memory workshop."""
    for before, after in changes:
        records = ws.priorities if isinstance(before or after, m.Priority) else ws.not_now
        if before is None:
            records.append(after)
        elif after is None:
            records.remove(before)
        else:
            records[records.index(before)] = after


def column_of(ws: m.Workshop, key: str) -> str:
    card = board.card(ws, key)
    assert card is not None
    return card.column


def test_the_demo_board() -> None:
    columns = board.board(demo())
    assert [c.key for c in columns["defer"]] == ["pr:pr5", "pr:pr6", "pr:pr8", "pr:pr9", "nn:n8"]
    assert [c.key for c in columns["stop"]] == ["pr:pr10"]
    assert [c.key for c in columns["bau"]] == ["pr:pr7", "nn:n4"]
    assert [c.key for c in columns["selected"]] == ["pr:pr1", "pr:pr2", "pr:pr3", "pr:pr4"]
    undecided = build_report(demo())["priorities"]["undecided"]
    assert {c.key for c in columns[board.UNDECIDED]} == {f"pr:{p}" for p in undecided} == set()


@pytest.mark.parametrize("source, target", [(a, b) for a in ALL for b in ALL if a != b])
def test_a_priority_moves_between_every_pair_of_columns(source: str, target: str) -> None:
    ws = demo()
    apply(ws, board.move(ws, "pr:pr1", source, new_id))
    assert column_of(ws, "pr:pr1") == source
    apply(ws, board.move(ws, "pr:pr1", target, new_id))
    assert column_of(ws, "pr:pr1") == target
    priority = next(p for p in ws.priorities if p.id == "pr1")
    entries = [n for n in ws.not_now if n.priority == "pr1"]
    assert priority.status == board.STATUS_OF[target]
    if target in ("stop", "defer", "bau"):
        assert [n.decision for n in entries] == [target]
    else:
        assert entries == []
    undecided = build_report(ws)["priorities"]["undecided"]
    assert ("pr1" in undecided) == (target == board.UNDECIDED)


def test_moving_keeps_the_reason_owner_and_revisit_of_an_entry() -> None:
    ws = demo()
    apply(ws, board.move(ws, "pr:pr9", "stop", new_id))
    entry = next(n for n in ws.not_now if n.priority == "pr9")
    assert (entry.id, entry.decision, entry.owner, entry.revisit) == ("n1", "stop", "p8", "2026-09-01")


def test_a_free_entry_moves_between_not_now_columns_and_into_selected() -> None:
    ws = demo()
    apply(ws, board.move(ws, "nn:n4", "stop", new_id))
    assert column_of(ws, "nn:n4") == "stop"
    apply(ws, board.move(ws, "nn:n4", "selected", new_id))
    assert board.card(ws, "nn:n4") is None
    made = ws.priorities[-1]
    assert (made.title, made.status) == ("Monthly release of the driver app", "selected")


def test_a_move_to_the_same_column_changes_nothing() -> None:
    ws = demo()
    assert board.move(ws, "pr:pr10", "stop", new_id) == []


def test_a_deferral_without_revisit_is_flagged() -> None:
    ws = demo()
    apply(ws, board.move(ws, "pr:pr1", "defer", new_id))
    assert ("pr:pr1", board.NO_REVISIT) in board.flags(ws)
    assert all(key != "pr:pr9" for key, _ in board.flags(ws))  # n1 has a revisit date


def test_add_entry_puts_new_cards_where_they_were_dropped() -> None:
    ws = demo()
    apply(ws, board.add_entry(ws, "  Quarterly all-hands roadshow ", "defer", new_id))
    assert column_of(ws, "nn:n9") == "defer"  # the demo holds n1 to n8
    apply(ws, board.add_entry(ws, "Carrier scorecards", "selected", new_id))
    assert ws.priorities[-1].status == "selected"
    with pytest.raises(ValueError):
        board.add_entry(ws, "   ", "stop", new_id)


def test_suggestions_are_stop_or_wait_answers_not_yet_on_the_board() -> None:
    """Answers the facilitator grouped come as their theme, counted once per person."""
    ws = demo()
    items = dict(board.suggestions(ws))
    assert items["Custom work for single enterprise deals"] == 3  # two spellings, three people
    assert "Custom features for single enterprise deals" not in items
    assert "Customer-hosted edition" not in items  # already the card of pr10
    apply(ws, board.add_entry(ws, "custom work for single enterprise deals", "stop", new_id))
    assert "Custom work for single enterprise deals" not in dict(board.suggestions(ws))


def test_focus_gauges_and_warnings() -> None:
    ws = demo()
    gauges = board.focus(ws)
    assert (gauges.selected, gauges.not_doing) == (4, 8)
    assert gauges.undecided == len(build_report(ws)["priorities"]["undecided"])
    for pid in ("pr1", "pr2", "pr3", "pr4", "pr5", "pr7"):
        apply(ws, board.move(ws, f"pr:{pid}", "selected", new_id))
    assert "more than 5" in (board.focus(ws).warning or "")


def test_choosing_the_top_of_a_vote_and_deferring_the_rest_leaves_nothing_undecided() -> None:
    ws = demo()
    vote = next(v for v in ws.votes if v.id == "v2")
    apply(ws, critical_few.decide(ws, vote, critical_few.top_items(vote, 3)))
    for card in board.board(ws)[board.UNDECIDED]:
        apply(ws, board.move(ws, card.key, "defer", new_id))
    assert build_report(ws)["priorities"]["undecided"] == []
    assert board.focus(ws).selected == 3


def test_the_report_counts_the_board_and_the_intake() -> None:
    ws = demo()
    ws.intake = [m.Intake("i1", "ESG report", decision="reject"), m.Intake("i2", "White-label portal")]
    apply(ws, board.move(ws, "pr:pr1", "defer", new_id))
    out = board.report(ws)
    assert (out["selected"], out["not_doing"]) == (3, 9)
    # n8 is the demo's planted deferral without a revisit date
    assert out["flags"] == [{"card": "pr:pr1", "flag": board.NO_REVISIT}, {"card": "nn:n8", "flag": board.NO_REVISIT}]
    assert out["intake"] == {"total": 2, "pending": 1, "approve": 0, "defer": 0, "reject": 1}
    assert out["tradeoffs_confirmed"] == 3
