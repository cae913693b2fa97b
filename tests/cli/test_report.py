"""``okr-workshop report``: every key of the contract (shared/INTERCHANGE.md) for the demo offsite,
values that tell the demo's story, the same report from a .okrw, a .json and stdin, and no
trace of who cast which secret ballot."""

from __future__ import annotations

import itertools
import json
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEMO_BYTES, DEMO_JSON, demo_document, run_cli

DEMO = demo_document()
VOTES = {v["id"]: v for v in DEMO["votes"]}
QUESTIONS = ("top_priorities", "stop_or_wait", "dependencies")
NODES = [n["id"] for n in DEMO["dependency_graph"]["nodes"]]
EDGES = [(e["from"], e["to"]) for e in DEMO["dependency_graph"]["edges"]]
PARTICIPANTS = {p["id"] for p in DEMO["participants"]}


@pytest.fixture(scope="module")
def report(demo_okrw: Path, module_home: Path) -> dict[str, Any]:
    """The report of the demo workshop file, run once per module."""
    result = run_cli("report", demo_okrw, home=module_home)
    assert result.returncode == 0, str(result)
    return result.json()


# ----- helpers: the contract's numbers, computed here from the ballots ------------------------

def competition_ranks(scores: dict[str, float]) -> dict[str, int]:
    """'1224' ranking: one more than the number of items with a strictly better score."""
    return {item: 1 + sum(other > s for other in scores.values()) for item, s in scores.items()}


def expected_scores(vote: dict[str, Any]) -> dict[str, float]:
    """Totals for dots/points, Borda points for rank (m-1 for first ... 0 for last), mean for scale."""
    items, ballots = vote["items"], [b["scores"] for b in vote["ballots"]]
    if vote["method"] in ("dots", "points"):
        return {i: sum(b.get(i, 0) for b in ballots) for i in items}
    if vote["method"] == "rank":
        return {i: sum(len(items) - b[i] for b in ballots) for i in items}
    return {i: statistics.fmean(b[i] for b in ballots) for i in items}


def condorcet(vote: dict[str, Any]) -> str | None:
    """The item preferred to every other by a strict majority of the rank ballots."""
    ballots = [b["scores"] for b in vote["ballots"]]
    for a in vote["items"]:
        if all(sum(b[a] < b[o] for b in ballots) > len(ballots) / 2 for o in vote["items"] if o != a):
            return a
    return None


def kendall_w(vote: dict[str, Any]) -> float:
    """Kendall's W = 12 S / (raters^2 (n^3 - n)) over the rank sums."""
    ballots, items = [b["scores"] for b in vote["ballots"]], vote["items"]
    n, raters = len(items), len(ballots)
    sums = [sum(b[i] for b in ballots) for i in items]
    mean = statistics.fmean(sums)
    s = sum((r - mean) ** 2 for r in sums)
    return 12 * s / (raters**2 * (n**3 - n))


def dependents(node: str) -> set[str]:
    """Every node that depends on ``node``, directly or in turn (edge A -> B: B depends on A)."""
    seen: set[str] = set()
    todo = [node]
    while todo:
        current = todo.pop()
        for src, dst in EDGES:
            if src == current and dst not in seen:
                seen.add(dst)
                todo.append(dst)
    seen.discard(node)
    return seen


def strings_in(value: Any) -> Iterator[str]:
    """Every key and string value anywhere inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


def dicts_in(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from dicts_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from dicts_in(v)


# ----- every key of the contract ---------------------------------------------------------------

def test_report_prints_json_with_the_contract_sections(report: dict[str, Any]):
    """report prints one JSON object with every section of the contract."""
    for section in ("votes", "alignment", "diagnosis", "dependencies", "decision_rights", "okrs", "priorities"):
        assert section in report, section


@pytest.mark.parametrize("vote_id", list(VOTES))
def test_report_holds_every_vote_key(report: dict[str, Any], vote_id: str):
    """Each vote has turnout, ranking, condorcet_winner, kendall_w and a stdev for every item."""
    entry = report["votes"][vote_id]

    for key in ("turnout", "ranking", "condorcet_winner", "kendall_w", "items"):
        assert key in entry, key
    assert set(entry["items"]) == set(VOTES[vote_id]["items"])
    for item, stats in entry["items"].items():
        assert isinstance(stats["stdev"], int | float) and stats["stdev"] >= 0, item
    for row in entry["ranking"]:
        assert set(row) >= {"item", "score", "rank"}


def test_report_holds_agreement_for_every_question(report: dict[str, Any]):
    """alignment.<question>.agreement is present for all three questions, as a number in 0..1."""
    for question in QUESTIONS:
        agreement = report["alignment"][question]["agreement"]
        assert isinstance(agreement, int | float) and 0 <= agreement <= 1, question


def test_report_holds_every_other_key(report: dict[str, Any]):
    """diagnosis, dependencies (blocking for every node), decision rights, OKRs and priorities keys exist."""
    assert {"signal_count", "execution_design_problem"} <= set(report["diagnosis"])
    assert {"cycles", "critical_chain", "blocking", "unowned_edges"} <= set(report["dependencies"])
    assert set(report["dependencies"]["blocking"]) == set(NODES)
    assert "problems" in report["decision_rights"]
    assert "findings" in report["okrs"]
    assert "undecided" in report["priorities"]


# ----- the demo's story ------------------------------------------------------------------------

@pytest.mark.parametrize("vote_id", list(VOTES))
def test_rankings_are_best_first_with_competition_ranks(report: dict[str, Any], vote_id: str):
    """Every item is ranked once, best first, with the contract's scores and '1224' ranks for ties."""
    vote = VOTES[vote_id]
    ranking = report["votes"][vote_id]["ranking"]
    scores = expected_scores(vote)

    assert sorted(r["item"] for r in ranking) == sorted(vote["items"])
    assert [r["score"] for r in ranking] == sorted((r["score"] for r in ranking), reverse=True)
    for row in ranking:
        assert row["score"] == pytest.approx(scores[row["item"]], abs=1e-4), row
        assert row["rank"] == competition_ranks(scores)[row["item"]], row
    assert report["votes"][vote_id]["turnout"] == len(vote["ballots"])


def test_dots_vote_shares_first_place_and_skips_second(report: dict[str, Any]):
    """In the demo's dots vote two priorities tie on 8 dots: both rank 1 and the next item ranks 3."""
    ranking = report["votes"]["v1"]["ranking"]

    assert {r["item"] for r in ranking if r["rank"] == 1} == {"pr1", "pr2"}
    assert [r["rank"] for r in ranking[:3]] == [1, 1, 3]


def test_rank_vote_has_a_condorcet_winner_and_kendall_w(report: dict[str, Any]):
    """The demo's rank vote has a Condorcet winner (onboarding, pr2) and Kendall's W from its ballots."""
    entry = report["votes"]["v2"]

    assert condorcet(VOTES["v2"]) == "pr2"
    assert entry["condorcet_winner"] == "pr2"
    assert entry["kendall_w"] == pytest.approx(kendall_w(VOTES["v2"]), abs=1e-4)
    assert 0 <= entry["kendall_w"] <= 1


def test_alignment_agreement_is_mean_pairwise_jaccard_of_executives(report: dict[str, Any]):
    """agreement_raw is the mean Jaccard similarity of the executives' trimmed, case-folded answer
    sets; agreement the same with each answer a theme holds counted as that theme."""
    roles = {p["id"]: p["role"] for p in DEMO["participants"]}
    for question in QUESTIONS:
        theme_of = {a.strip().casefold(): t["id"] for t in DEMO["themes"] if t["question"] == question
                    for a in t["answers"]}
        answers = [a["items"] for a in DEMO["alignment_answers"]
                   if a["question"] == question and roles[a["participant"]] == "executive"]
        for key, themes in (("agreement_raw", {}), ("agreement", theme_of)):
            sets = [{themes.get(k, k) for s in items if (k := s.strip().casefold())} for items in answers]
            pairs = [len(a & b) / len(a | b) for a, b in itertools.combinations(sets, 2)]
            assert report["alignment"][question][key] == pytest.approx(statistics.fmean(pairs), abs=1e-4)
    assert report["alignment"]["dependencies"]["agreement_raw"] < 0.02  # 1%: different words, not different views
    assert report["alignment"]["dependencies"]["agreement"] > 0.14


def test_diagnosis_counts_three_signals_and_flags_execution_design(report: dict[str, Any]):
    """The demo ticks three signals, so it has an execution-design problem."""
    assert report["diagnosis"]["signal_count"] == 3
    assert report["diagnosis"]["execution_design_problem"] is True


def test_dependencies_find_the_one_pricing_billing_finance_cycle(report: dict[str, Any]):
    """There is exactly one cycle, of three nodes, each step an edge of the map; so no critical chain."""
    cycles = report["dependencies"]["cycles"]

    assert len(cycles) == 1
    (cycle,) = cycles
    assert sorted(cycle) == ["billing", "finance", "pricing"]
    assert all(pair in EDGES or pair[::-1] in EDGES for pair in zip(cycle, cycle[1:] + cycle[:1], strict=True))
    assert report["dependencies"]["critical_chain"] is None


def test_blocking_counts_direct_and_transitive_dependents(report: dict[str, Any]):
    """blocking.<node> is how many other nodes depend on it, directly or in turn."""
    assert report["dependencies"]["blocking"] == {n: len(dependents(n)) for n in NODES}


def test_unowned_edges_are_the_edges_without_an_owner(report: dict[str, Any]):
    """unowned_edges lists [from, to] of exactly the edges nobody owns."""
    expected = {(e["from"], e["to"]) for e in DEMO["dependency_graph"]["edges"] if not e.get("owner")}

    assert {tuple(e) for e in report["dependencies"]["unowned_edges"]} == expected
    assert len(expected) == 2


def test_decision_rights_flag_the_row_with_two_deciders(report: dict[str, Any]):
    """The faulty row d3 (two D's) is the one problem: multiple_deciders."""
    assert report["decision_rights"]["problems"] == [{"decision": "d3", "problem": "multiple_deciders"}]


def test_okr_findings_tell_the_demo_story(report: dict[str, Any]):
    """The wizard KR is an activity with no numbers, one KR lacks a baseline and one an owner; the hiring
    KR under the vague objective is an activity too."""
    found = {(f["okr"], f["key_result"], f["finding"]) for f in report["okrs"]["findings"]}

    assert found == {
        ("o1", "kr3", "activity_not_outcome"),
        ("o1", "kr3", "missing_baseline"),
        ("o1", "kr3", "missing_target"),
        ("o2", "kr5", "missing_baseline"),
        ("o3", "kr8", "no_owner"),
        ("o5", "kr12", "activity_not_outcome"),  # planted: "Hire 25 engineers by June" under "Drive innovation"
    }


def test_undecided_priorities_are_candidates_not_on_the_not_now_list(report: dict[str, Any]):
    """priorities.undecided: the candidates no not-now entry names, in the workshop's order."""
    named = {n.get("priority") for n in DEMO["not_now"]}
    expected = [p["id"] for p in DEMO["priorities"] if p["status"] == "candidate" and p["id"] not in named]

    assert report["priorities"]["undecided"] == expected


# ----- secrecy ---------------------------------------------------------------------------------

def test_secret_vote_report_names_nobody(report: dict[str, Any]):
    """A secret vote's entry holds tallies only: no ballots and no participant id anywhere in it."""
    secret = [vid for vid, v in VOTES.items() if v.get("secret", True)]
    assert secret

    for vote_id in secret:
        entry = report["votes"][vote_id]
        assert not any("ballots" in d for d in dicts_in(entry))
        assert not PARTICIPANTS & set(strings_in(entry)), vote_id
    for d in dicts_in(report):
        ballots = d.get("ballots")
        if isinstance(ballots, list):
            assert not any(isinstance(b, dict) and "participant" in b for b in ballots)


# ----- other inputs ----------------------------------------------------------------------------

def test_report_of_the_json_document_matches_the_workshop_file(report: dict[str, Any], module_home: Path):
    """report demo.json reads the interchange document directly and gives the same analysis."""
    result = run_cli("report", DEMO_JSON, home=module_home)

    assert result.returncode == 0, str(result)
    assert result.json() == report


def test_report_dash_reads_json_from_stdin(report: dict[str, Any], module_home: Path):
    """report - reads the interchange document from standard input."""
    result = run_cli("report", "-", home=module_home, stdin=DEMO_BYTES)

    assert result.returncode == 0, str(result)
    assert result.json() == report


def test_report_covers_scale_points_and_rank_votes_without_a_winner(cli):
    """report - covers scale (mean, stdev), points (total), a rank cycle (no winner) and one ballot (no W)."""
    people = [{"id": f"p{i}", "name": f"Person {i}", "role": "executive"} for i in range(1, 4)]
    items = ["a", "b", "c"]
    scale = {"id": "scale", "title": "How important?", "method": "scale", "secret": True, "items": items,
             "ballots": [{"scores": {"a": 5, "b": 3, "c": 1}}, {"scores": {"a": 4, "b": 3, "c": 3}},
                         {"scores": {"a": 2, "b": 3, "c": 5}}]}
    points = {"id": "points", "title": "Split 100", "method": "points", "secret": False, "items": items,
              "ballots": [{"participant": "p1", "scores": {"a": 60, "b": 40}},
                          {"participant": "p2", "scores": {"c": 100}}]}
    cyclic = {"id": "cyclic", "title": "Rock, paper, scissors", "method": "rank", "secret": False,
              "items": items,
              "ballots": [{"participant": "p1", "scores": {"a": 1, "b": 2, "c": 3}},
                          {"participant": "p2", "scores": {"b": 1, "c": 2, "a": 3}},
                          {"participant": "p3", "scores": {"c": 1, "a": 2, "b": 3}}]}
    single = {"id": "single", "title": "Alone", "method": "rank", "secret": False, "items": items,
              "ballots": [{"participant": "p1", "scores": {"a": 1, "b": 2, "c": 3}}]}
    doc = {"format": "okr-workshop", "version": 1, "participants": people,
           "priorities": [{"id": i, "title": f"Priority {i}"} for i in items],
           "votes": [scale, points, cyclic, single]}

    result = cli("report", "-", stdin=json.dumps(doc).encode())

    assert result.returncode == 0, str(result)
    votes = result.json()["votes"]
    for item in items:
        ratings = [b["scores"][item] for b in scale["ballots"]]
        assert votes["scale"]["items"][item]["stdev"] == pytest.approx(statistics.pstdev(ratings), abs=1e-4)
    assert {r["item"]: r["rank"] for r in votes["scale"]["ranking"]} == {"a": 1, "b": 2, "c": 2}  # b, c tie on 3
    assert votes["scale"]["ranking"][0]["item"] == "a"
    assert votes["scale"]["ranking"][0]["score"] == pytest.approx(11 / 3, abs=1e-4)
    assert [(r["item"], r["score"], r["rank"]) for r in votes["points"]["ranking"]] == [
        ("c", 100, 1), ("a", 60, 2), ("b", 40, 3)]
    assert votes["cyclic"]["condorcet_winner"] is None
    assert votes["cyclic"]["kendall_w"] == pytest.approx(0, abs=1e-4)
    assert votes["single"]["kendall_w"] is None
