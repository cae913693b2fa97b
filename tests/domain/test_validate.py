"""The interchange document: the demo offsite, round trips, secret ballots and bad input.

Bad input must be refused with the exact place in the document that is wrong
(``InterchangeError.place``), because the command line prints that place to the user.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okr_workshop.domain.decision_rights import DECIDER
from okr_workshop.domain.validate import InterchangeError, document_from_workshop, workshop_from_document

DEMO_PATH = Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json"
_DEMO_TEXT = DEMO_PATH.read_text(encoding="utf-8")


@pytest.fixture
def demo() -> dict[str, Any]:
    """A fresh copy of the demo document, safe to change."""
    return json.loads(_DEMO_TEXT)


def _canonical(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with secret ballots as a multiset of scores and voters as a set."""
    doc = copy.deepcopy(doc)
    for vote in doc.get("votes", []):
        if vote.get("secret", True):
            vote["ballots"] = sorted(json.dumps(b["scores"], sort_keys=True) for b in vote["ballots"])
            vote["voted"] = sorted(vote.get("voted", []))
    return doc


def _vote(doc: dict[str, Any], vote_id: str) -> dict[str, Any]:
    return next(v for v in doc["votes"] if v["id"] == vote_id)


# --- the demo ---------------------------------------------------------------------------------


def test_demo_loads(demo: dict[str, Any]) -> None:
    """The shipped demo offsite is a valid interchange document."""
    ws = workshop_from_document(demo)
    assert ws.info.organisation
    assert ws.info.facilitator == "p0"
    assert len(ws.executives()) == 8
    assert len(ws.votes) == 2


def test_demo_tells_the_story_the_screens_need(demo: dict[str, Any]) -> None:
    """The demo has complete answers, one faulty decision row, one 3-cycle and a long chain apart from it."""
    nx = pytest.importorskip("networkx")
    ws = workshop_from_document(demo)
    executives = {p.id for p in ws.executives()}
    answered = Counter(a.question for a in ws.alignment_answers if a.participant in executives)
    assert answered == {"top_priorities": 8, "stop_or_wait": 8, "dependencies": 8}

    for vote in ws.votes:
        assert len(vote.ballots) == len(executives) and set(vote.voters()) == executives

    decider = DECIDER[ws.framework]
    faulty = [d.id for d in ws.decisions if list(d.assignments.values()).count(decider) != 1]
    assert len(faulty) == 1

    graph = nx.DiGraph([(e.source, e.target) for e in ws.edges])
    cycles = list(nx.simple_cycles(graph))
    assert len(cycles) == 1 and len(cycles[0]) == 3
    rest = graph.subgraph(set(graph) - set(cycles[0]))
    assert len(nx.dag_longest_path(rest)) - 1 >= 5
    assert any(e.owner is None for e in ws.edges)


# --- round trip and secret ballots ------------------------------------------------------------


def test_round_trip_keeps_everything(demo: dict[str, Any]) -> None:
    """Reading the demo and writing it back loses nothing (secret ballots compared as a multiset)."""
    out = document_from_workshop(workshop_from_document(demo))
    assert _canonical(out) == _canonical(demo)


def test_round_trip_is_stable(demo: dict[str, Any]) -> None:
    """An exported document reads back into the same document again."""
    once = document_from_workshop(workshop_from_document(demo))
    twice = document_from_workshop(workshop_from_document(once))
    assert _canonical(twice) == _canonical(once)


def test_a_document_without_escalations_rights_or_questions_round_trips_unchanged(demo: dict[str, Any]) -> None:
    """Documents written before escalation paths, forum decision rights and standing questions existed
    come back without those keys, exactly as they were."""
    for decision in demo["decision_rights"]["decisions"]:
        decision.pop("escalation", None)
    for forum in demo["rhythm"]:
        forum.pop("decision_rights", None)
        forum.pop("questions", None)
    out = document_from_workshop(workshop_from_document(demo))
    assert _canonical(out) == _canonical(demo)


def test_escalations_rights_and_questions_are_read_and_written() -> None:
    """The new keys arrive in the records and go back out under the same names."""
    doc = json.loads(_DEMO_TEXT)
    ws = workshop_from_document(doc)
    assert ws.decisions[2].escalation.startswith("Missed again")
    assert ws.forums[0].decision_rights.startswith("Re-sequence") and len(ws.forums[0].questions) == 4
    out = document_from_workshop(ws)
    assert out["rhythm"][0]["questions"] == doc["rhythm"][0]["questions"]
    assert "decision_rights" not in out["rhythm"][3] and "questions" not in out["rhythm"][3]


def test_secret_vote_exports_no_participant_and_lists_voters(demo: dict[str, Any]) -> None:
    """Secret ballots are written without a participant; who voted is listed in "voted"."""
    secret = _vote(demo, "v1")
    secret["voted"] = ["p1", "p2", "p3"]
    for ballot, who in zip(secret["ballots"][3:], ["p4", "p5", "p6", "p7", "p8"], strict=True):
        ballot["participant"] = who
    out = _vote(document_from_workshop(workshop_from_document(demo)), "v1")
    assert all(set(b) == {"scores"} for b in out["ballots"])
    assert out["voted"] == ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"]
    assert len(out["ballots"]) == 8


def test_secret_ballots_are_not_linked_to_voters_in_memory(demo: dict[str, Any]) -> None:
    """A secret ballot imported with a participant keeps no trace of that participant."""
    _vote(demo, "v1")["voted"] = []
    for ballot, who in zip(_vote(demo, "v1")["ballots"], ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"],
                           strict=True):
        ballot["participant"] = who
    vote = workshop_from_document(demo).votes[0]
    assert all(b.participant is None for b in vote.ballots)
    assert vote.voted == ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"]


def test_open_vote_keeps_participants(demo: dict[str, Any]) -> None:
    """Open ballots are written with their participant, in the order given."""
    out = _vote(document_from_workshop(workshop_from_document(demo)), "v2")
    given = [b["participant"] for b in _vote(demo, "v2")["ballots"]]
    assert [b["participant"] for b in out["ballots"]] == given
    assert "voted" not in out


# --- bad input --------------------------------------------------------------------------------

Doc = dict[str, Any]
Change = Callable[[Doc], None]


def _set(path: str, value: Any) -> Change:
    """A change that sets one value, addressed like ``votes.0.ballots.3.scores``."""

    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _delete(path: str) -> Change:
    """A change that removes one key."""

    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        del target[last]

    return change


def _append(path: str, value: Any) -> Change:
    """A change that appends a copy of ``value`` to a list (a callable gets the document)."""

    def change(doc: Doc) -> None:
        target: Any = doc
        for key in path.split("."):
            target = target[int(key)] if isinstance(target, list) else target[key]
        target.append(copy.deepcopy(value(doc) if callable(value) else value))

    return change


def _extra_vote(method: str, ballots: list[dict[str, int]], budget: int | None = None) -> Change:
    """A change that adds a third, open vote on three priorities."""
    vote: dict[str, Any] = {
        "id": "v3", "title": "Extra vote", "method": method, "secret": False, "items": ["pr1", "pr2", "pr3"],
        "ballots": [{"participant": f"p{i + 1}", "scores": s} for i, s in enumerate(ballots)],
    }
    if budget is not None:
        vote["budget"] = budget
    return _append("votes", vote)


BAD_INPUTS: list[tuple[str, Change | Any, str, str]] = [
    # (case, change or replacement document, place, part of the message)
    ("not an object", [], "", "must be an object"),
    ("wrong format", _set("format", "okr-workshop-export"), "format", "must be 'okr-workshop'"),
    ("missing format", _delete("format"), "format", "must be 'okr-workshop'"),
    ("newer version", _set("version", 2), "version", "newer than this app reads"),
    ("version as text", _set("version", "1"), "version", "must be 1"),
    ("participants not a list", _set("participants", {"p1": "Łukasz"}), "participants", "must be a list"),
    ("participant not an object", _set("participants.2", "p2"), "participants[2]", "must be an object"),
    ("name is a number", _set("participants.3.name", 42), "participants[3].name", "must be a string"),
    ("empty name", _set("participants.3.name", "  "), "participants[3].name", "must not be empty"),
    ("id is a number", _set("priorities.0.id", 1), "priorities[0].id", "non-empty string"),
    ("empty id", _set("actions.2.id", ""), "actions[2].id", "non-empty string"),
    ("workshop not an object", _set("workshop", "offsite"), "workshop", "must be an object"),
    ("duplicate participant id", _set("participants.2.id", "p1"), "participants[2].id", "duplicate id 'p1'"),
    ("duplicate priority id", _set("priorities.9.id", "pr3"), "priorities[9].id", "duplicate id 'pr3'"),
    ("duplicate node id", _set("dependency_graph.nodes.4.id", "api"), "dependency_graph.nodes[4].id",
     "duplicate id 'api'"),
    ("duplicate forum id", _set("rhythm.2.id", "f1"), "rhythm[2].id", "duplicate id 'f1'"),
    ("duplicate key result id across objectives", _set("okrs.1.key_results.0.id", "kr1"),
     "okrs[1].key_results[0].id", "duplicate key result id 'kr1'"),
    ("answer given twice", _append("alignment_answers", lambda d: d["alignment_answers"][0]),
     "alignment_answers[30].question", "already answered"),
    ("unknown facilitator", _set("workshop.facilitator", "p99"), "workshop.facilitator",
     "unknown participant 'p99'"),
    ("unknown answering participant", _set("alignment_answers.0.participant", "p42"),
     "alignment_answers[0].participant", "unknown participant 'p42'"),
    ("unknown priority on a vote", _set("votes.0.items.2", "pr99"), "votes[0].items[2]",
     "unknown priority 'pr99'"),
    ("vote lists an item twice", _set("votes.0.items.1", "pr1"), "votes[0].items", "lists an item twice"),
    ("unknown priority in not-now", _set("not_now.0.priority", "pr99"), "not_now[0].priority",
     "unknown priority 'pr99'"),
    ("unknown priority in a trade-off", _set("tradeoffs.1.choose", "pr99"), "tradeoffs[1].choose",
     "unknown priority 'pr99'"),
    ("trade-off without a priority", _delete("tradeoffs.0.choose"), "tradeoffs[0].choose",
     "must name a priority"),
    ("unknown priority on an objective", _set("okrs.2.priority", "pr99"), "okrs[2].priority",
     "unknown priority 'pr99'"),
    ("unknown key-result owner", _set("okrs.0.key_results.1.owner", "p77"), "okrs[0].key_results[1].owner",
     "unknown participant 'p77'"),
    ("unknown action owner", _set("actions.4.owner", "p77"), "actions[4].owner", "unknown participant 'p77'"),
    ("unknown forum attendee", _set("rhythm.0.attendees.1", "p77"), "rhythm[0].attendees[1]",
     "unknown participant 'p77'"),
    ("attendee is a number", _set("rhythm.1.attendees.0", 3), "rhythm[1].attendees[0]", "must be a string"),
    ("unknown voter", _set("votes.0.voted.5", "p77"), "votes[0].voted[5]", "unknown participant 'p77'"),
    ("unknown node at an edge's end", _set("dependency_graph.edges.0.to", "legal"),
     "dependency_graph.edges[0].to", "unknown node 'legal'"),
    ("unknown node at an edge's start", _set("dependency_graph.edges.3.from", "legal"),
     "dependency_graph.edges[3].from", "unknown node 'legal'"),
    ("edge without a start", _delete("dependency_graph.edges.2.from"), "dependency_graph.edges[2].from",
     "must name a node"),
    ("unknown role in decision rights", _set("decision_rights.decisions.0.assignments.cmo", "I"),
     "decision_rights.decisions[0].assignments.cmo", "unknown role 'cmo'"),
    ("unknown participant behind a role", _set("decision_rights.roles.0.participant", "p77"),
     "decision_rights.roles[0].participant", "unknown participant 'p77'"),
    ("unknown forum for a decision", _set("decision_rights.decisions.1.forum", "f9"),
     "decision_rights.decisions[1].forum", "unknown forum 'f9'"),
    ("dots ballot over budget", _set("votes.0.ballots.3.scores", {"pr1": 4, "pr2": 3}), "votes[0].ballots[3]",
     "dots total 7 exceeds budget 5"),
    ("negative dots", _set("votes.0.ballots.1.scores", {"pr1": -1}), "votes[0].ballots[1]",
     "must not be negative"),
    ("dots as a fraction", _set("votes.0.ballots.1.scores", {"pr1": 1.5}), "votes[0].ballots[1]",
     "must be a whole number"),
    ("scores not an object", _set("votes.0.ballots.0.scores", [3, 2]), "votes[0].ballots[0]",
     "scores must be an object"),
    ("points not summing to the budget",
     _extra_vote("points", [{"pr1": 60, "pr2": 40}, {"pr1": 50, "pr3": 30}]), "votes[2].ballots[1]",
     "points total 80 must equal 100"),
    ("points over a custom budget", _extra_vote("points", [{"pr1": 7, "pr2": 4}], budget=10),
     "votes[2].ballots[0]", "points total 11 must equal 10"),
    ("incomplete ranking", _delete("votes.1.ballots.2.scores.pr7"), "votes[1].ballots[2]",
     "'pr7' has no score"),
    ("repeated rank", _set("votes.1.ballots.2.scores.pr7", 4), "votes[1].ballots[2]",
     "ranks must be 1..5, each used once"),
    ("rank out of range", _set("votes.1.ballots.5.scores.pr7", 6), "votes[1].ballots[5]",
     "ranks must be 1..5, each used once"),
    ("scale rating of 6",
     _extra_vote("scale", [{"pr1": 5, "pr2": 4, "pr3": 3}, {"pr1": 6, "pr2": 1, "pr3": 2}]),
     "votes[2].ballots[1]", "rating for 'pr1' must be between 1 and 5"),
    ("scale rating of 0", _extra_vote("scale", [{"pr1": 0, "pr2": 4, "pr3": 3}]), "votes[2].ballots[0]",
     "must be between 1 and 5"),
    ("ballot for an item not on the vote", _set("votes.1.ballots.0.scores.pr8", 6), "votes[1].ballots[0]",
     "item 'pr8' is not on this vote"),
    ("voter named twice in voted", _append("votes.0.voted", "p1"), "votes[0].voted[8]",
     "'p1' is named twice"),
    ("secret ballot from someone listed in voted", _set("votes.0.ballots.0.participant", "p1"),
     "votes[0].ballots[0].participant", "'p1' has already voted"),
    ("open vote with two ballots from one person", _set("votes.1.ballots.1.participant", "p1"),
     "votes[1].ballots[1].participant", "'p1' has already voted"),
    ("open vote ballot without participant", _delete("votes.1.ballots.4.participant"),
     "votes[1].ballots[4].participant", "must name a participant"),
    ("bad start date", _set("workshop.starts", "12.03.2026"), "workshop.starts", "ISO 8601 date"),
    ("impossible needed-by date", _set("dependency_graph.edges.3.needed_by", "2026-02-30"),
     "dependency_graph.edges[3].needed_by", "ISO 8601 date"),
    ("bad key-result due date", _set("okrs.0.key_results.0.due", "end of June"), "okrs[0].key_results[0].due",
     "ISO 8601 date"),
    ("bad forum start", _set("rhythm.0.first", "Tuesdays 9:00"), "rhythm[0].first", "ISO 8601 date-time"),
    ("bad role", _set("participants.1.role", "boss"), "participants[1].role", "must be one of"),
    ("bad priority status", _set("priorities.0.status", "maybe"), "priorities[0].status", "must be one of"),
    ("bad question", _set("alignment_answers.3.question", "top_three"), "alignment_answers[3].question",
     "must be one of"),
    ("bad signal", _set("diagnosis.signals.1", "low_morale"), "diagnosis.signals[1]", "unknown signal"),
    ("bad vote method", _set("votes.0.method", "approval"), "votes[0].method", "must be one of"),
    ("secret is not a boolean", _set("votes.0.secret", "yes"), "votes[0].secret", "must be true or false"),
    ("budget is text", _set("votes.0.budget", "5"), "votes[0].budget", "must be a whole number"),
    ("bad not-now decision", _set("not_now.1.decision", "cancel"), "not_now[1].decision", "must be one of"),
    ("bad risk", _set("dependency_graph.edges.0.risk", "critical"), "dependency_graph.edges[0].risk",
     "must be one of"),
    ("bad edge status", _set("dependency_graph.edges.0.status", "late"), "dependency_graph.edges[0].status",
     "must be one of"),
    ("bad node kind", _set("dependency_graph.nodes.0.kind", "vendor"), "dependency_graph.nodes[0].kind",
     "must be one of"),
    ("bad cadence", _set("rhythm.1.cadence", "fortnightly"), "rhythm[1].cadence", "must be one of"),
    ("bad framework", _set("decision_rights.framework", "RASCI"), "decision_rights.framework",
     "must be one of"),
    ("baseline is text", _set("okrs.0.key_results.0.baseline", "74"), "okrs[0].key_results[0].baseline",
     "must be a number"),
    ("zero-minute forum", _set("rhythm.0.duration_minutes", 0), "rhythm[0].duration_minutes", "at least 1"),
    ("escalation is a list", _set("decision_rights.decisions.2.escalation", ["CEO"]),
     "decision_rights.decisions[2].escalation", "must be a string"),
    ("forum decision rights are a number", _set("rhythm.1.decision_rights", 5), "rhythm[1].decision_rights",
     "must be a string"),
    ("standing questions are text", _set("rhythm.0.questions", "What changed?"), "rhythm[0].questions",
     "must be a list"),
    ("a blank standing question", _set("rhythm.0.questions.2", "  "), "rhythm[0].questions[2]", "must not be empty"),
    ("a standing question is a number", _set("rhythm.2.questions.0", 1), "rhythm[2].questions[0]",
     "must be a string"),
    ("edge from a node to itself", _set("dependency_graph.edges.0.to", "data"),
     "dependency_graph.edges[0].to", "cannot join a node to itself"),
    ("edge given twice", _append("dependency_graph.edges", lambda d: d["dependency_graph"]["edges"][0]),
     "dependency_graph.edges[14].to", "duplicate edge"),
    ("letter not in RAPID", _set("decision_rights.decisions.0.assignments.cfo", "C"),
     "decision_rights.decisions[0].assignments.cfo", "'C' is not a RAPID letter"),
    ("RAPID letters under RACI", _set("decision_rights.framework", "RACI"),
     "decision_rights.decisions[0].assignments.ceo", "'D' is not a RACI letter"),
]


@pytest.mark.parametrize(
    ("change", "place", "message"),
    [pytest.param(change, place, message, id=case) for case, change, place, message in BAD_INPUTS],
)
def test_bad_input_names_the_place(demo: dict[str, Any], change: Any, place: str, message: str) -> None:
    """Each kind of bad input is refused with the exact place that is wrong and a clear message."""
    if callable(change):
        change(demo)
        doc = demo
    else:
        doc = change
    with pytest.raises(InterchangeError) as caught:
        workshop_from_document(doc)
    assert caught.value.place == place
    assert message in caught.value.message
    assert str(caught.value) == (f"{place}: {caught.value.message}" if place else caught.value.message)


def test_over_budget_message_reads_like_the_contract(demo: dict[str, Any]) -> None:
    """The over-budget line is exactly the one the contract shows."""
    _set("votes.0.ballots.3.scores", {"pr1": 4, "pr2": 3})(demo)
    with pytest.raises(InterchangeError, match=r"^votes\[0\]\.ballots\[3\]: dots total 7 exceeds budget 5$"):
        workshop_from_document(demo)


def test_every_bad_case_starts_from_a_valid_demo(demo: dict[str, Any]) -> None:
    """The unchanged demo passes, so each bad case fails only because of its own change."""
    workshop_from_document(demo)
    assert len({case for case, *_ in BAD_INPUTS}) == len(BAD_INPUTS)


# Input the contract rules out that an early reader accepted: each must be refused at its place.
LATER_GAPS: list[tuple[str, Change, str]] = [
    ("version true (True == 1)", _set("version", True), "version"),
    ("voted on an open vote", _set("votes.1.voted", ["p9"]), "votes[1].voted"),
    ("more secret ballots than voters", _append("votes.0.ballots", {"scores": {"pr1": 5}}), "votes[0]"),
]


@pytest.mark.parametrize(("change", "place"), [pytest.param(c, p, id=case) for case, c, p in LATER_GAPS])
def test_former_gaps_are_refused(demo: dict[str, Any], change: Change, place: str) -> None:
    """Input the contract rules out (once accepted by mistake) is refused at its place."""
    change(demo)
    with pytest.raises(InterchangeError) as caught:
        workshop_from_document(demo)
    assert caught.value.place.startswith(place)


def _actions_document(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"format": "okr-workshop", "version": 1, "participants": [{"id": "p1", "name": "Anna", "role": "executive"}],
            "actions": list(actions)}


def test_an_actions_finding_round_trips_and_is_absent_when_empty() -> None:
    """The coherence finding an action answers travels as {"code", "ref"}; ref may be null."""
    doc = _actions_document(
        {"id": "a1", "title": "Give “Weekly review” a purpose", "owner": "p1", "due": "2026-04-12", "status": "open",
         "source": "Coherence check: forum without a purpose",
         "finding": {"code": "forum_without_purpose", "ref": "f9"}},
        {"id": "a2", "title": "Set up the forums", "status": "open", "finding": {"code": "no_rhythm", "ref": None}},
        {"id": "a3", "title": "Edge", "status": "open", "finding": {"code": "threat_without_action", "ref": "a->b:c"}},
        {"id": "a4", "title": "Plain", "status": "open"},
    )
    ws = workshop_from_document(doc)
    assert [a.finding for a in ws.actions] == ["forum_without_purpose:f9", "no_rhythm:",
                                               "threat_without_action:a->b:c", ""]
    out = document_from_workshop(ws)["actions"]
    assert [a.get("finding") for a in out] == [{"code": "forum_without_purpose", "ref": "f9"},
                                               {"code": "no_rhythm", "ref": None},
                                               {"code": "threat_without_action", "ref": "a->b:c"}, None]
    assert "finding" not in out[3]
    assert document_from_workshop(workshop_from_document(document_from_workshop(ws))) == document_from_workshop(ws)


@pytest.mark.parametrize("finding, place", [
    ("forum_without_purpose:f9", "actions[0].finding"),
    ({"ref": "f9"}, "actions[0].finding.code"),
    ({"code": "a:b", "ref": "f9"}, "actions[0].finding.code"),
    ({"code": "no_rhythm", "ref": 3}, "actions[0].finding.ref"),
])
def test_a_bad_finding_names_its_place(finding: Any, place: str) -> None:
    with pytest.raises(InterchangeError) as err:
        workshop_from_document(_actions_document({"id": "a1", "title": "T", "finding": finding}))
    assert err.value.place == place
