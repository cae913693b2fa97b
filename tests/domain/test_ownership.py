"""Who owns what, and the dated first 30 days: built from small hand-made workshops."""

from __future__ import annotations

from datetime import date

from okr_workshop.domain import model as m
from okr_workshop.domain.first_days import first_days, start_monday
from okr_workshop.domain.ownership import ownership


def small() -> m.Workshop:
    ws = m.Workshop(info=m.WorkshopInfo("Offsite", "Org", "2026-03-12", "2026-03-13"))  # Thursday-Friday
    ws.participants = [m.Participant("p1", "Ann"), m.Participant("p2", "Bo"), m.Participant("p3", "Cy")]
    ws.priorities = [m.Priority("pr1", "Faster onboarding", status="selected")]
    ws.objectives = [m.Objective("o1", "Customers live in a month", "pr1", "p2")]
    ws.key_results = [m.KeyResult("kr1", "o1", "Cut days to live", baseline=74, target=30, unit="days", owner="p3")]
    ws.actions = [m.Action("a1", "Invite", "p3", "2026-03-16"), m.Action("a2", "Late", "p1", "2026-05-30"),
                  m.Action("a3", "Dropped", "p1", "2026-03-17", status="dropped")]
    ws.nodes = [m.DepNode("n1", "Data team", owner="p1"), m.DepNode("n2", "Onboarding")]
    ws.edges = [m.DepEdge("n1", "n2", "Events", owner="p2", needed_by="2026-04-01")]
    ws.roles = [m.Role("ceo", "CEO", "p1"), m.Role("coo", "COO", "p2")]
    ws.decisions = [m.Decision("d1", "Conflict", {"ceo": "D", "coo": "R"})]
    ws.forums = [m.Forum("f1", "Weekly review", "weekly", owner="p2", first="2026-03-24T09:00"),
                 m.Forum("f2", "Quarterly reset", "quarterly", owner="p1", first="2026-06-25T09:00")]
    ws.rollout = m.RolloutPlan(senior_team_start="2026-03-16", coach="p3")
    return ws


def test_ownership_gathers_every_kind_per_person_in_participant_order():
    """Objectives, KRs, open actions, edges, boxes, final calls and forums land with their owner."""
    owned = {o.person: o for o in ownership(small())}
    assert list(owned) == ["p1", "p2", "p3"]
    assert [a.id for a in owned["p1"].actions] == ["a2"]  # the dropped action is nobody's job any more
    assert [d.id for d in owned["p1"].decisions] == ["d1"]  # the D, not the R
    assert owned["p2"].decisions == ()
    assert [n.id for n in owned["p1"].nodes] == ["n1"] and [f.id for f in owned["p1"].forums] == ["f2"]
    assert [o.id for o in owned["p2"].objectives] == ["o1"] and [e.id for e in owned["p2"].edges] == ["n1->n2"]
    assert [kr.id for kr in owned["p3"].key_results] == ["kr1"] and owned["p3"].count == 2


def test_nobody_and_empty_workshops_own_nothing():
    ws = small()
    ws.actions = [m.Action("a1", "Orphan", m.NOBODY)]
    assert all(o.actions == () for o in ownership(ws))
    assert ownership(m.Workshop()) == []


def test_first_days_start_on_the_monday_after_and_run_in_date_order():
    ws = small()
    monday = start_monday(ws)
    assert monday == date(2026, 3, 16) and monday.weekday() == 0
    steps = first_days(ws)
    days = [s.when for s in steps]
    assert days == sorted(days) and days[0] >= monday
    assert all((d - monday).days < 30 for d in days)
    whats = [s.what for s in steps]
    assert "First Weekly review (weekly)" in whats
    assert "First Quarterly reset (quarterly)" not in whats  # after the window
    assert "Due: Late" not in whats and "Due: Dropped" not in whats
    assert ("Due: Invite", "Cy") in [(s.what, s.who) for s in steps]


def test_a_monday_offsite_starts_the_plan_a_week_later_and_an_undated_one_has_none():
    ws = small()
    ws.info = m.WorkshopInfo("Offsite", starts="2026-03-16", ends="2026-03-16")
    assert start_monday(ws) == date(2026, 3, 23)
    assert first_days(m.Workshop()) == []


def test_the_cascade_is_in_the_plan_when_the_rollout_has_one():
    ws = small()
    plan = ws.rollout
    if not hasattr(plan, "cascade"):
        object.__setattr__(plan, "cascade", [])
    object.__setattr__(plan, "cascade", [{"who": "p2", "tells": "the department heads", "by": "2026-03-18"}])
    steps = first_days(ws)
    assert ("Bo tells the department heads", date(2026, 3, 18)) in [(s.what, s.when) for s in steps]
    assert [s.when for s in steps] == sorted(s.when for s in steps)
