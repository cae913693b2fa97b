"""The report holds every key of the contract, as plain JSON, and never links a secret ballot to a person."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from okr_workshop.domain.alignment import ACCOUNTABILITY_QUESTIONS
from okr_workshop.domain.report import build_report
from okr_workshop.domain.validate import workshop_from_document

DEMO_PATH = Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json"


def small_document() -> dict[str, Any]:
    """A compact workshop touching every section of the report."""
    return {
        "format": "okr-workshop",
        "version": 1,
        "participants": [
            {"id": "voter-ana", "name": "Ana", "role": "executive"},
            {"id": "voter-bo", "name": "Bo", "role": "executive"},
            {"id": "voter-cy", "name": "Cy", "role": "executive"},
        ],
        "priorities": [
            {"id": "pr1", "title": "Mid-market", "status": "selected"},
            {"id": "pr2", "title": "Onboarding", "status": "candidate"},
            {"id": "pr3", "title": "Rebrand", "status": "candidate"},
            {"id": "pr4", "title": "AI matching", "status": "candidate"},
        ],
        "alignment_answers": [
            {"participant": "voter-ana", "question": "top_priorities", "items": ["Growth", "Churn"]},
            {"participant": "voter-bo", "question": "top_priorities", "items": ["growth "]},
        ],
        "diagnosis": {"signals": ["managers_cannot_say_no", "cross_functional_work_slow"]},
        "votes": [
            {"id": "v1", "title": "Dots", "method": "dots", "budget": 3, "secret": True,
             "items": ["pr1", "pr2", "pr3"],
             "ballots": [{"participant": "voter-ana", "scores": {"pr1": 3}},
                         {"participant": "voter-bo", "scores": {"pr1": 1, "pr2": 2}}]},
            {"id": "v2", "title": "Rank", "method": "rank", "secret": True, "round": 2,
             "items": ["pr1", "pr2"],
             "ballots": [{"participant": "voter-ana", "scores": {"pr1": 1, "pr2": 2}},
                         {"participant": "voter-bo", "scores": {"pr1": 1, "pr2": 2}},
                         {"participant": "voter-cy", "scores": {"pr1": 2, "pr2": 1}}]},
            {"id": "v3", "title": "Scale", "method": "scale", "secret": True, "items": ["pr1", "pr2"],
             "ballots": [{"scores": {"pr1": 5, "pr2": 2}}, {"scores": {"pr1": 3, "pr2": 2}}],
             "voted": ["voter-ana", "voter-cy"]},
        ],
        "not_now": [{"id": "n1", "title": "Rebrand", "priority": "pr3", "decision": "defer"}],
        "dependency_graph": {
            "nodes": [{"id": "eng", "label": "Engineering"}, {"id": "sales", "label": "Sales"},
                      {"id": "cs", "label": "Customer Success"}],
            "edges": [{"from": "eng", "to": "sales", "owner": "voter-bo"}, {"from": "sales", "to": "cs"}],
        },
        "decision_rights": {
            "framework": "RACI",
            "roles": [{"id": "ceo", "label": "CEO"}, {"id": "cfo", "label": "CFO"}],
            "decisions": [{"id": "d1", "situation": "Conflict", "assignments": {"ceo": "A"}},
                          {"id": "d2", "situation": "Slip", "assignments": {"ceo": "R"}}],
        },
        "okrs": [{"id": "o1", "objective": "Grow", "owner": "voter-ana",
                  "key_results": [{"id": "kr1", "title": "Launch pricing", "owner": "voter-ana",
                                   "target": 3}]}],
    }


def report_of(doc: dict[str, Any]) -> dict[str, Any]:
    return build_report(workshop_from_document(doc))


def assert_plain_json(value: Any, where: str = "report") -> None:
    """Only dict (str keys), list, str, int, float, bool and None: no tuples, sets or objects."""
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str), where
            assert_plain_json(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            assert_plain_json(v, f"{where}[{i}]")
    else:
        assert value is None or isinstance(value, str | int | float | bool), f"{where}: {type(value)}"


def test_report_holds_every_contract_key():
    """Every key named in INTERCHANGE.md is present, with the documented values."""
    r = report_of(small_document())
    v1, v2, v3 = (r["votes"][v] for v in ("v1", "v2", "v3"))
    assert v1["turnout"] == 2
    assert v1["ranking"] == [{"item": "pr1", "score": 4, "rank": 1}, {"item": "pr2", "score": 2, "rank": 2},
                             {"item": "pr3", "score": 0, "rank": 3}]
    assert v1["condorcet_winner"] is None and v1["kendall_w"] is None
    assert v2["condorcet_winner"] == "pr1"
    assert v2["kendall_w"] == 0.1111
    assert v3["items"]["pr1"]["stdev"] == 1.0 and v3["items"]["pr2"]["stdev"] == 0.0
    assert set(v1["items"]) == {"pr1", "pr2", "pr3"}
    assert r["alignment"]["top_priorities"]["agreement"] == 0.5
    assert r["alignment"]["stop_or_wait"]["agreement"] is None
    assert r["alignment"]["dependencies"]["agreement"] is None
    assert r["diagnosis"]["signal_count"] == 2 and r["diagnosis"]["execution_design_problem"] is True
    deps = r["dependencies"]
    assert deps["cycles"] == [] and deps["critical_chain"] == ["eng", "sales", "cs"]
    assert deps["blocking"] == {"eng": 2, "sales": 1, "cs": 0}
    assert deps["unowned_edges"] == [["sales", "cs"]]
    assert r["decision_rights"]["problems"] == [{"decision": "d2", "problem": "no_decider"}]
    assert r["okrs"]["findings"] == [
        {"okr": "o1", "key_result": "kr1", "finding": "activity_not_outcome"},
        {"okr": "o1", "key_result": "kr1", "finding": "missing_baseline"},
    ]
    assert r["priorities"]["undecided"] == ["pr2", "pr4"]
    assert r["priorities"]["selected"] == ["pr1"]


def test_report_is_plain_json_that_round_trips():
    """The report serialises with json.dumps as is and reads back unchanged."""
    r = report_of(small_document())
    assert_plain_json(r)
    assert json.loads(json.dumps(r)) == r


def test_report_never_names_secret_voters():
    """No participant id appears anywhere in the report of a workshop with secret votes."""
    text = json.dumps(report_of(small_document()))
    assert "voter-" not in text


def test_an_empty_workshop_still_has_every_section():
    """A blank workshop reports empty or null values rather than missing keys."""
    r = report_of({"format": "okr-workshop", "version": 1})
    assert r["votes"] == {}
    assert set(r["alignment"]) == {"top_priorities", "stop_or_wait", "dependencies"}
    assert all(q["agreement"] is None for q in r["alignment"].values())
    assert r["diagnosis"]["signal_count"] == 0 and r["diagnosis"]["execution_design_problem"] is False
    assert r["dependencies"] == {"cycles": [], "cycles_capped": False, "critical_chain": [], "blocking": {},
                                 "unowned_edges": [], "risks": []}
    assert r["decision_rights"]["problems"] == [] and r["okrs"]["findings"] == []
    assert r["priorities"]["undecided"] == []


def test_a_cycle_makes_the_critical_chain_null():
    """With a cycle the report lists it and gives no critical chain."""
    doc = small_document()
    doc["dependency_graph"]["edges"].append({"from": "cs", "to": "eng", "owner": "voter-cy"})
    deps = report_of(doc)["dependencies"]
    assert deps["cycles"] == [["cs", "eng", "sales"]]
    assert deps["critical_chain"] is None


def test_the_demo_report_covers_every_vote_and_node():
    """The demo offsite reports each vote and each dependency node, as plain JSON."""
    doc = json.loads(DEMO_PATH.read_text(encoding="utf-8"))
    r = report_of(doc)
    assert_plain_json(r)
    assert set(r["votes"]) == {v["id"] for v in doc["votes"]}
    assert set(r["dependencies"]["blocking"]) == {n["id"] for n in doc["dependency_graph"]["nodes"]}
    for vote in doc["votes"]:
        assert r["votes"][vote["id"]]["turnout"] == len(vote["ballots"])


def test_the_report_carries_the_alignment_verdict_and_groups():
    """Each question adds its level, verdict, number of distinct answers and each answer's group."""
    top = report_of(small_document())["alignment"]["top_priorities"]
    assert top["agreement"] == 0.5 and top["level"] == "partial"
    assert top["verdict"].startswith("Partial overlap")
    assert top["responses"] == 2 and top["distinct"] == 2
    assert top["answers"] == [{"item": "Growth", "count": 2, "kind": "everyone"},
                              {"item": "Churn", "count": 1, "kind": "one"}]
    empty = report_of(small_document())["alignment"]["dependencies"]
    assert empty["level"] is None and empty["distinct"] == 0 and empty["answers"] == []


def test_the_report_names_the_accountability_owners_and_what_nobody_owns():
    """diagnosis.accountability lists the four questions with the owner's id and name (or "nobody", or
    null), diagnosis.nobody_owns the questions the room could give no owner; the old keys stay."""
    doc = small_document()
    doc["diagnosis"]["accountability"] = {"0": "nobody", "1": "voter-ana", "3": "nobody"}
    doc["diagnosis"]["statements"] = ["We review often, yet nobody owns the outcome."]
    diag = report_of(doc)["diagnosis"]
    assert diag["signal_count"] == 2 and diag["execution_design_problem"] is True
    assert diag["signals"] == ["managers_cannot_say_no", "cross_functional_work_slow"]
    assert diag["statements"] == ["We review often, yet nobody owns the outcome."]
    owners = [(a["owner"], a["owner_name"]) for a in diag["accountability"]]
    assert owners == [("nobody", None), ("voter-ana", "Ana"), (None, None), ("nobody", None)]
    assert [a["question"] for a in diag["accountability"]] == list(ACCOUNTABILITY_QUESTIONS)
    assert diag["nobody_owns"] == [ACCOUNTABILITY_QUESTIONS[0], ACCOUNTABILITY_QUESTIONS[3]]


def test_the_demo_report_names_nobody_for_escalation():
    """The demo offsite could name nobody who escalates blocked dependencies."""
    r = report_of(json.loads(DEMO_PATH.read_text(encoding="utf-8")))
    assert r["diagnosis"]["nobody_owns"] == [ACCOUNTABILITY_QUESTIONS[2]]
    assert r["alignment"]["top_priorities"]["level"] == "narrative_problem"
    assert r["alignment"]["top_priorities"]["distinct"] == 13


def test_the_demo_report_carries_decision_right_findings_escalations_and_the_rhythm():
    """Extra keys: decision-rights findings with sentences and escalation paths; the rhythm's quarter,
    per-forum load, per-person hours and warnings (the demo's theatre and overlap)."""
    r = build_report(workshop_from_document(json.loads(DEMO_PATH.read_text(encoding="utf-8"))))
    rights = r["decision_rights"]
    assert {"framework", "problems", "warnings", "findings", "escalation_paths"} <= set(rights)
    assert [(f["code"], f["decision"]) for f in rights["findings"]] == [("multiple_deciders", "d3")]
    assert all(p["escalation"] for p in rights["escalation_paths"])
    rhythm = r["rhythm"]
    assert rhythm["quarter_start"] == "2026-03-30" and rhythm["max_hours_per_week"] == 4.0
    assert [f["meetings_in_quarter"] for f in rhythm["forums"]] == [12, 3, 1, 3]
    assert [w["warning"] for w in rhythm["warnings"]] == ["no_decision_rights", "overlapping_purpose"]
    assert rhythm["warnings"][1]["forums"] == ["f2", "f4"]
    assert max(rhythm["hours_per_week"].values()) < 4
