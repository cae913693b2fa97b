"""The rollout plan's steps and gaps."""

from __future__ import annotations

from okr_workshop.domain import model as m
from okr_workshop.domain import rollout


def test_an_empty_plan_lists_every_gap() -> None:
    gaps = rollout.gaps(m.Workshop())
    assert len(gaps) == 5
    assert any("pilot" in g for g in gaps) and any("coach" in g for g in gaps)


def test_a_complete_plan_has_dated_steps_in_order_and_no_gaps() -> None:
    ws = m.Workshop(
        participants=[m.Participant("p7", "Henrike Voß")],
        forums=[m.Forum("f2", "Monthly review", "monthly", first="2026-04-28T14:00"),
                m.Forum("f1", "Weekly execution review", first="2026-03-23T09:00")],
        rollout=m.RolloutPlan("2026-03-16", [{"unit": "Gdańsk depot", "why": "onboarding pain"}], "p7",
                              "Two quarters of weekly reviews held"),
    )
    assert rollout.gaps(ws) == []
    assert [s.what for s in rollout.steps(ws)] == [
        "The senior team starts working with the OKRs and the rhythm",
        "First Weekly execution review (weekly)",
        "First Monthly review (monthly)",
        "Pilot in Gdańsk depot: onboarding pain",
        "Internal OKR coach: Henrike Voß",
        "Expand when: Two quarters of weekly reviews held",
    ]


def test_three_pilots_and_a_pilot_without_reason_are_gaps() -> None:
    plan = m.RolloutPlan("2026-03-16", [{"unit": "A", "why": "x"}, {"unit": "B", "why": ""}, {"unit": "C", "why": "y"}],
                         "p1", "z")
    gaps = rollout.gaps(m.Workshop(rollout=plan, forums=[m.Forum("f1", "W", first="2026-03-23T09:00")]))
    assert gaps == ["3 pilot units: start with one or two.", "A pilot unit without a reason: say why it goes first."]
