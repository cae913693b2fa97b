"""The risk log: map risks with the action that answers them, "None yet" otherwise."""

from __future__ import annotations

from okr_workshop.domain import model as m
from okr_workshop.domain.risk_log import NONE_YET, risk_log


def test_a_blocked_hand_over_names_its_follow_up_action_or_none_yet():
    ws = m.Workshop()
    ws.nodes = [m.DepNode("a", "Core Engineering"), m.DepNode("b", "Billing"), m.DepNode("c", "Sales")]
    ws.edges = [m.DepEdge("a", "b", "Engineers", owner="p1", needed_by="2026-04-01", status="blocked"),
                m.DepEdge("b", "c", "Invoices", needed_by="2026-05-01", status="at_risk")]
    ws.actions = [m.Action("x", "Release two engineers", "p2", "2026-03-27",
                           source="Dependencies: Core Engineering → Billing (blocked)")]
    entries = [e for e in risk_log(ws) if e.source == "dependencies"]
    blocked = next(e for e in entries if e.risk.startswith("Blocked"))
    assert (blocked.mitigation, blocked.owner, blocked.date) == ("Release two engineers", "p2", "2026-03-27")
    at_risk = next(e for e in entries if e.risk.startswith("At risk"))
    assert at_risk.mitigation == NONE_YET and at_risk.date == "2026-05-01"


def test_an_empty_workshop_has_no_map_risks():
    assert [e for e in risk_log(m.Workshop()) if e.source == "dependencies"] == []


def test_a_theme_the_room_turned_into_a_risk_is_in_the_log() -> None:
    ws = m.Workshop(prompts=[m.Prompt("q1", "Which hand-over will bite us?")],
                    themes=[m.Theme("t1", "q1", "Sales to onboarding", ["Deal handover"], "risk"),
                            m.Theme("t2", "q1", "Billing", ["Billing cut-over"])])
    assert [(e.risk, e.mitigation, e.source) for e in risk_log(ws) if e.source == "room"] == [
        ("The room named it: Sales to onboarding", NONE_YET, "room")]
