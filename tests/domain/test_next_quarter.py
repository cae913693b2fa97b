"""The next quarter: last quarter's key results scored by hand, the flags, and what carries over."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from okr_workshop.domain import next_quarter, retrospective
from okr_workshop.domain.model import NotNow, PastKeyResult, Workshop
from okr_workshop.domain.report import build_report
from okr_workshop.domain.validate import InterchangeError, document_from_workshop, workshop_from_document

DEMO = json.loads((Path(__file__).parents[2] / "resources" / "demo" / "demo.json").read_text(encoding="utf-8"))


def kr(actual: float | None, target: float | None, baseline: float | None = None, kid: str = "k1") -> PastKeyResult:
    return PastKeyResult(kid, "Win mid-market", "A key result", baseline=baseline, target=target, actual=actual)


@pytest.mark.parametrize(("result", "expected"), [
    (kr(15, 20, 10), 0.5),  # half of the way from 10 to 20
    (kr(25, 20, 10), 1.0),  # beyond the target: clipped to 1
    (kr(5, 20, 10), 0.0),  # went backwards: clipped to 0
    (kr(14, 20), 0.7),  # no baseline: 14 / 20
    (kr(30, 20), 1.0),  # no baseline, beyond: clipped
    (kr(6, 4, 8), 0.5),  # "reduce" churn from 8 to 4: at 6, half of the way
    (kr(3, 4, 8), 1.0),  # below the target of a "reduce": done, clipped
    (kr(9, 4, 8), 0.0),  # a "reduce" that rose
    (kr(None, 20, 10), None),  # not scored yet
    (kr(15, None, 10), None),  # no target: nothing to score against
    (kr(15, 10, 10), None),  # target = baseline: no way to travel
    (kr(5, 0), None),  # no baseline and a target of 0
])
def test_scores_by_hand(result: PastKeyResult, expected: float | None) -> None:
    assert retrospective.score(result) == (pytest.approx(expected) if expected is not None else None)


def scored(*values: float, due: bool = False) -> Workshop:
    """Key results with baseline 0 and target 10 whose actuals give ``values`` as scores."""
    return Workshop(past_key_results=[kr(v * 10, 10, 0, f"k{i}") for i, v in enumerate(values)],
                    not_now=[NotNow("n1", "Nordic market", revisit_due=due)])


def test_the_mean_and_the_flags() -> None:
    assert retrospective.mean_score(Workshop()) is None and retrospective.flags(Workshop()) == []
    assert retrospective.mean_score(scored(0.5, 1.0)) == pytest.approx(0.75)
    assert retrospective.flags(scored(1.0, 1.0, 1.0)) == ["sandbagging"]  # three, all reached
    assert retrospective.flags(scored(1.0, 1.0)) == []  # two are too few to call it
    assert retrospective.flags(scored(1.0, 1.0, 0.9)) == []
    assert retrospective.flags(scored(0.2, 0.3, 0.3)) == ["overreach"]  # mean 0.27
    assert retrospective.flags(scored(0.3, 0.3)) == []  # exactly 0.3 is not under it
    assert retrospective.flags(scored(0.1, due=True)) == ["overreach", "revisit_due"]
    unscored = Workshop(past_key_results=[kr(None, 10, 0, f"k{i}") for i in range(4)])
    assert retrospective.flags(unscored) == []  # nothing scored: no verdict either way


@pytest.mark.parametrize(("revisit", "due"), [
    ("2026-06-24", True), ("2026-06-25", True), ("2026-06-26", False), (None, False), ("after billing", False),
])
def test_a_not_now_entry_is_due_on_or_before_the_start(revisit: str | None, due: bool) -> None:
    assert next_quarter.revisit_due(NotNow("n1", "Nordic market", revisit=revisit), "2026-06-25") is due
    assert next_quarter.revisit_due(NotNow("n1", "Nordic market", revisit=revisit), None) is False


def test_carry_over_takes_what_the_next_offsite_builds_on() -> None:
    previous = workshop_from_document(DEMO)
    ws = next_quarter.carry_over(previous, "2026-Q3", "2026-06-25")
    assert (ws.info.cycle, ws.info.starts, ws.info.facilitator) == ("2026-Q3", "2026-06-25", previous.info.facilitator)
    assert ws.participants == previous.participants
    assert (ws.framework, ws.roles, ws.decisions, ws.forums) == (previous.framework, previous.roles,
                                                                 previous.decisions, previous.forums)
    assert [p.id for p in ws.priorities] == [p.id for p in previous.priorities]
    assert {p.status for p in ws.priorities} == {"candidate"}
    assert ws.history.priorities == {p.id: p.status for p in previous.priorities}
    assert [a.id for a in ws.actions] == [a.id for a in previous.actions if a.status == "open"]
    assert [p.id for p in ws.parking_lot] == [p.id for p in previous.parking_lot if p.resolution == "open"]
    assert (ws.objectives, ws.key_results, ws.votes, ws.alignment_answers) == ([], [], [], [])
    assert [k.id for k in ws.past_key_results] == [k.id for k in previous.key_results]
    objective = {o.id: o.objective for o in previous.objectives}
    assert all(p.objective == objective[k.okr] for p, k in zip(ws.past_key_results, previous.key_results,
                                                                strict=True))
    assert [n.id for n in ws.not_now if n.revisit_due] == [n.id for n in previous.not_now
                                                           if n.revisit and n.revisit <= "2026-06-25"]


def test_the_report_gives_the_retrospective_and_the_history() -> None:
    previous = workshop_from_document(DEMO)
    ws = next_quarter.carry_over(previous, "2026-Q3", "2026-06-25")
    first = ws.past_key_results[0]
    ws.past_key_results[0] = dataclasses.replace(first, actual=first.target)
    report = build_report(workshop_from_document(document_from_workshop(ws)))  # through the interchange
    assert report["retrospective"]["key_results"][first.id]["score"] == 1.0
    assert report["retrospective"]["mean_score"] == 1.0
    assert report["retrospective"]["flags"] == ["revisit_due"]
    assert report["history"]["previous"] == {"title": previous.info.title, "cycle": "2026-Q2", "starts": "2026-03-12"}
    assert report["history"]["alignment"]["dependencies"] == {"before": 0.1488, "now": None}
    assert {"id": "pr1", "title": previous.priorities[0].title, "before": "selected",
            "now": "candidate"} in report["history"]["priorities"]


@pytest.mark.parametrize(("change", "place"), [
    (lambda d: d["history"]["alignment"].update(dependencies=1.5), "history.alignment.dependencies"),
    (lambda d: d["history"]["alignment"].update(elsewhere=0.5), "history.alignment.elsewhere"),
    (lambda d: d["history"]["priorities"].update(pr1="chosen"), "history.priorities.pr1"),
    (lambda d: d["retrospective"]["key_results"][0].update(confidence=6), "retrospective.key_results[0].confidence"),
    (lambda d: d["retrospective"]["key_results"][0].update(actual="lots"), "retrospective.key_results[0].actual"),
    (lambda d: d["not_now"][0].update(revisit_due="yes"), "not_now[0].revisit_due"),
])
def test_a_broken_history_names_the_place(change, place: str) -> None:
    doc = document_from_workshop(next_quarter.carry_over(workshop_from_document(DEMO), "2026-Q3", "2026-06-25"))
    change(doc)
    with pytest.raises(InterchangeError) as caught:
        workshop_from_document(doc)
    assert caught.value.place == place
