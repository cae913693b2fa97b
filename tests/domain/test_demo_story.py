"""The demo offsite tells one story: what the agenda says ran, what was decided in it, and what the
decision log and the one-page summary say about it agree.

The rules, as a facilitator would check them before demoing:

- The offsite is over: every session started and ended, in order, on its day.
- A session whose screen is "vote" and that has ended closed its vote: the k-th vote session closes
  the vote of round k, with a "vote_closed" log line inside that session.
- No session is left planned while its results exist (votes, not-now decisions, dependencies,
  decision rights, objectives, forums, actions).
- Every log line falls inside the session its context names.
- Every decided thing has a log line: the critical few, each stop, defer and business-as-usual
  entry, each confirmed trade-off, each decision with one decider, the rhythm and the rollout.
- The critical few are the selected priorities, the top of the last round, and every objective
  rests on one of them, except the planted objective without a priority.
- The planted findings (docs/demo.md, "The demo's story") are exactly what the coherence check finds.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from okr_workshop.domain import coherence, critical_few, decision_rights
from okr_workshop.domain import model as m
from okr_workshop.domain.report import build_report
from okr_workshop.domain.validate import workshop_from_document

DEMO = Path(__file__).parents[2] / "resources/demo/demo.json"

# The findings the demo plants on purpose, for the coherence check to catch (docs/demo.md).
PLANTED = [
    ("deferred_without_revisit", "n8"),
    ("objective_without_priority", "o5"),
    ("vague_objective", "o5"),
    ("kr_no_change", "kr11"),
    ("action_without_due", "a7"),
]
UNPLANTED_OBJECTIVES = {"o5"}

_NOT_NOW_KIND = {"stop": "stopped", "defer": "deferred", "bau": "bau"}
_STATUS_OF = {"stop": "stopped", "defer": "deferred", "bau": "bau"}


@pytest.fixture(scope="module")
def ws() -> m.Workshop:
    return workshop_from_document(json.loads(DEMO.read_text(encoding="utf-8")))


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _refs(ws: m.Workshop, kind: str | None = None) -> set[str]:
    """Every single ref the log names (a critical-few line names several, comma-separated)."""
    return {ref for e in ws.decision_log if kind in (None, e.kind) for ref in e.ref.split(",") if ref}


def _results(ws: m.Workshop) -> dict[str, bool]:
    """Whether each screen has produced something the room decided."""
    return {
        "vote": any(v.ballots or v.closed for v in ws.votes),
        "not_now": bool(ws.not_now) or any(p.status != "candidate" for p in ws.priorities),
        "dependencies": bool(ws.edges),
        "decision_rights": bool(ws.decisions),
        "okrs": bool(ws.objectives),
        "rhythm": bool(ws.forums),
        "actions": bool(ws.actions) or ws.rollout != m.RolloutPlan(),
    }


def test_the_offsite_is_over_every_session_ran_in_order_on_its_day(ws: m.Workshop) -> None:
    first_day = date.fromisoformat(ws.info.starts or "")
    previous_end: datetime | None = None
    for s in ws.agenda:
        assert s.started and s.ended, f"{s.id} “{s.title}” has not run"
        started, ended = _at(s.started), _at(s.ended)
        assert started < ended and started.date() == first_day + timedelta(days=s.day - 1), s.id
        assert previous_end is None or started >= previous_end, f"{s.id} starts before the last one ended"
        previous_end = ended
    assert ws.agenda[-1].ended and _at(ws.agenda[-1].ended).date() == date.fromisoformat(ws.info.ends or "")


def test_an_ended_vote_session_closed_its_vote_with_a_log_line_inside_it(ws: m.Workshop) -> None:
    sessions = [s for s in ws.agenda if s.screen == "vote" and s.ended]
    votes = sorted(ws.votes, key=lambda v: v.round)
    assert len(sessions) == len(votes) == 2
    for session, vote in zip(sessions, votes, strict=True):
        assert vote.closed and vote.revealed, vote.id
        closing = [e for e in ws.decision_log if e.kind == "vote_closed" and e.ref == f"vote:{vote.id}"]
        assert len(closing) == 1 and f"“{vote.title}”" in closing[0].text
        assert _at(session.started or "") <= _at(closing[0].at) <= _at(session.ended or ""), vote.id


def test_no_session_is_planned_while_its_results_exist(ws: m.Workshop) -> None:
    results = _results(ws)
    for s in ws.agenda:
        if s.screen in results and results[s.screen]:
            assert s.started and s.ended, f"{s.id} “{s.title}” is planned, yet its results exist"
    assert all(results.values())  # the demo shows every screen filled


def test_every_log_line_falls_inside_the_session_its_context_names(ws: m.Workshop) -> None:
    by_title = {s.title: s for s in ws.agenda}
    times = [e.at for e in ws.decision_log]
    assert times == sorted(times)  # the log reads in the order things happened
    for e in ws.decision_log:
        named = re.search(r"session “(.+)”", e.context)
        assert named and named.group(1) in by_title, e.id
        s = by_title[named.group(1)]
        assert _at(s.started or "") <= _at(e.at) <= _at(s.ended or ""), f"{e.id} is outside “{s.title}”"


def test_the_critical_few_are_the_selected_priorities_and_the_top_of_the_last_round(ws: m.Workshop) -> None:
    selected = [p.id for p in ws.priorities if p.status == "selected"]
    last_round = max(ws.votes, key=lambda v: v.round)
    assert 3 <= len(selected) <= critical_few.CRITICAL_FEW_MAX
    assert sorted(critical_few.top_items(last_round, len(selected))) == sorted(selected)
    assert _refs(ws, "critical_few") == {f"priority:{p}" for p in selected}
    entry = next(e for e in ws.decision_log if e.kind == "critical_few")
    assert all(ws.priority_title(p) in entry.text for p in selected)


def test_everything_else_was_stopped_deferred_or_kept_as_bau_and_logged(ws: m.Workshop) -> None:
    assert [p.id for p in ws.priorities if p.status == "candidate"] == []
    assert build_report(ws)["priorities"]["undecided"] == []
    by_priority = {n.priority: n for n in ws.not_now if n.priority}
    for p in ws.priorities:
        if p.status != "selected":
            assert p.id in by_priority and _STATUS_OF[by_priority[p.id].decision] == p.status, p.id
    for n in ws.not_now:
        ref = f"priority:{n.priority}" if n.priority else f"not_now:{n.id}"
        assert ref in _refs(ws, _NOT_NOW_KIND[n.decision]), f"{n.id} “{n.title}” has no log line"


def test_each_confirmed_trade_off_and_each_agreed_decider_has_a_log_line(ws: m.Workshop) -> None:
    assert all(t.confirmed for t in ws.tradeoffs)
    assert {f"tradeoff:{t.id}" for t in ws.tradeoffs} == _refs(ws, "tradeoff_confirmed")
    agreed = {f"decision:{d.id}" for d in ws.decisions
              if len(decision_rights.deciders(ws.framework, d.assignments)) == 1}
    assert agreed == _refs(ws, "decider_named")
    assert "decision:d3" not in agreed  # two deciders: action a4 settles it after the offsite
    assert {"rhythm", "rollout"} <= _refs(ws, "manual")


def test_every_objective_rests_on_the_critical_few_except_the_planted_one(ws: m.Workshop) -> None:
    selected = {p.id for p in ws.priorities if p.status == "selected"}
    for o in ws.objectives:
        if o.id not in UNPLANTED_OBJECTIVES:
            assert o.priority in selected, o.id
    assert {o.priority for o in ws.objectives if o.priority} == selected  # and each of them has one


def test_nothing_is_left_open_in_the_parking_lot_after_the_close(ws: m.Workshop) -> None:
    assert [p.id for p in ws.parking_lot if p.resolution == "open"] == []


def test_the_planted_findings_are_exactly_what_the_coherence_check_finds(ws: m.Workshop) -> None:
    assert [(f.code, f.ref) for f in coherence.findings(ws)] == PLANTED


def test_the_facilitator_notes_list_every_planted_finding() -> None:
    notes = (Path(__file__).parents[2] / "docs/demo.md").read_text(encoding="utf-8")
    story = notes[notes.index("## The demo's story"):]
    for code, ref in PLANTED:
        assert f"`{code}`" in story and ref in story, code
