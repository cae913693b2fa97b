"""The decision log's automatic entries (log_entries_for), and the run of show in the interchange document."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from okr_workshop.domain import decision_log as dl
from okr_workshop.domain import model as m
from okr_workshop.domain.report import build_report
from okr_workshop.domain.run_of_show import default_agenda
from okr_workshop.domain.validate import InterchangeError, document_from_workshop, workshop_from_document

from .factories import make_vote

DEMO = json.loads((Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json").read_text("utf-8"))


def workshop() -> m.Workshop:
    ws = m.Workshop()
    ws.participants = [m.Participant("p1", "Zoë Åberg"), m.Participant("p2", "Кирилл Орлов")]
    ws.priorities = [m.Priority("a", "Win mid-market"), m.Priority("b", "Cut churn"), m.Priority("c", "Rebrand")]
    ws.roles = [m.Role("ceo", "CEO", "p1"), m.Role("coo", "COO")]
    return ws


# --- log_entries_for: one change ---------------------------------------------------------------


def test_closing_a_vote_is_logged_with_its_result():
    """A vote that becomes closed is a decision: the entry names the vote, the turnout and the top three."""
    ws = workshop()
    vote = make_vote("dots", [{"a": 3, "b": 2}, {"a": 2, "c": 3}, {"b": 1}], budget=5)
    [entry] = dl.log_entries_for(vote, dataclasses.replace(vote, closed=True), ws)
    assert entry.kind == "vote_closed" and entry.ref == "vote:v1"
    assert entry.text == "Vote closed: “A vote”, 3 ballots. Top: Win mid-market (5), Cut churn (3), Rebrand (3)"
    assert dl.log_entries_for(vote, dataclasses.replace(vote, title="Renamed"), ws) == []
    [reopened] = dl.log_entries_for(dataclasses.replace(vote, closed=True), vote, ws)
    assert reopened.kind == "vote_reopened"
    empty = make_vote("dots", [], items=["a"])
    assert dl.log_entries_for(empty, dataclasses.replace(empty, closed=True), ws)[0].text.endswith("no ballots")


def test_revealing_results_is_logged_with_abstentions_and_weights():
    """Results shown to the room are a moment the log keeps; hiding them again is not a decision."""
    ws = workshop()
    vote = make_vote("dots", [{"a": 3}, {"b": 2}, {}], budget=5)
    vote = dataclasses.replace(vote, revealed=False,
                               ballots=[dataclasses.replace(vote.ballots[0], weight=2), *vote.ballots[1:]])
    [entry] = dl.log_entries_for(vote, dataclasses.replace(vote, revealed=True), ws)
    assert entry.kind == "results_revealed" and entry.ref == "vote:v1"
    assert entry.text == ("Results revealed to the room: “A vote”, 2 ballots, 1 abstaining, weighted. "
                          "Top: Win mid-market (6), Cut churn (2)")
    assert dl.log_entries_for(dataclasses.replace(vote, revealed=True), vote, ws) == []


def test_priority_decisions_are_logged_by_status():
    ws = workshop()
    a, c = ws.priorities[0], ws.priorities[2]
    assert dl.log_entries_for(a, dataclasses.replace(a, status="selected"), ws)[0].text == (
        "Selected for the critical few: Win mid-market")
    assert dl.log_entries_for(a, dataclasses.replace(a, status="stopped"), ws)[0].kind == "stopped"
    assert dl.log_entries_for(a, dataclasses.replace(a, status="bau"), ws)[0].text.startswith(
        "Kept as business as usual")
    ws.not_now = [m.NotNow("n1", "Rebrand", "c", "defer", revisit="2026-07-01")]
    assert dl.log_entries_for(c, dataclasses.replace(c, status="deferred"), ws)[0].text == (
        "Deferred, not now: Rebrand (revisit 2026-07-01)")
    assert dl.log_entries_for(a, dataclasses.replace(a, title="Win the mid-market"), ws) == []
    selected = dataclasses.replace(a, status="selected")
    assert dl.log_entries_for(selected, dataclasses.replace(selected, status="candidate"), ws) == []  # undecided
    assert dl.log_entries_for(a, None, ws) == []


def test_not_now_entries_are_logged_when_their_decision_changes():
    ws = workshop()
    entry = m.NotNow("n1", "Loyalty app", None, "stop")
    [new] = dl.log_entries_for(None, entry, ws)
    assert (new.kind, new.text, new.ref) == ("stopped", "Stopped: Loyalty app", "not_now:n1")
    assert dl.log_entries_for(entry, dataclasses.replace(entry, reason="No budget"), ws) == []
    moved = dl.log_entries_for(entry, dataclasses.replace(entry, decision="bau"), ws)
    assert moved[0].kind == "bau"


def test_naming_the_one_decider_is_logged():
    """A decision that gets exactly one final decider (D in RAPID) names the role and who holds it."""
    ws = workshop()
    decision = m.Decision("d1", "Priority conflict between functions")
    [entry] = dl.log_entries_for(decision, dataclasses.replace(decision, assignments={"ceo": "D"}), ws)
    assert entry.text == "CEO (Zoë Åberg) decides: Priority conflict between functions"
    assert dl.log_entries_for(None, dataclasses.replace(decision, assignments={"coo": "D"}), ws)[0].text.startswith(
        "COO decides")
    named = dataclasses.replace(decision, assignments={"ceo": "D"})
    assert dl.log_entries_for(named, dataclasses.replace(named, assignments={"ceo": "D", "coo": "I"}), ws) == []
    assert dl.log_entries_for(named, dataclasses.replace(named, assignments={"ceo": "D", "coo": "D"}), ws) == []


def test_a_confirmed_trade_off_is_logged():
    ws = workshop()
    tradeoff = m.Tradeoff("t1", "a", "New enterprise features")
    [entry] = dl.log_entries_for(tradeoff, dataclasses.replace(tradeoff, confirmed=True), ws)
    assert entry.text == "Trade-off confirmed: we choose Win mid-market even at the expense of New enterprise features"


def test_records_that_decide_nothing_are_not_logged():
    ws = workshop()
    for record in (m.Action("x", "Send the pack"), m.AgendaSession("s1", "Vote"), m.ParkingItem("k", "Why?"),
                   m.Participant("p9", "Noor"), m.LogEntry("l1", "2026-03-12T10:00:00", text="By hand")):
        assert dl.log_entries_for(None, record, ws) == []


# --- one undo step --------------------------------------------------------------------------------


def test_the_priorities_one_decide_selects_are_one_entry():
    """Decide selects three priorities in one step: one critical-few entry naming them, in order."""
    ws = workshop()
    changes = [(p, dataclasses.replace(p, status="selected")) for p in ws.priorities]
    [entry] = dl.entries_for_step(changes, ws)
    assert entry.text == "The critical few: Win mid-market; Cut churn; Rebrand"
    assert entry.ref == "priority:a,priority:b,priority:c"


def test_a_stop_seen_twice_in_one_step_is_logged_once_with_the_richer_text():
    """Moving a card to Defer changes the priority and writes its not-now entry: one decision, one line."""
    ws = workshop()
    c = ws.priorities[2]
    entry = m.NotNow("n1", "Rebrand", "c", "defer", revisit="2026-07-01")
    [logged] = dl.entries_for_step([(c, dataclasses.replace(c, status="deferred")), (None, entry)], ws)
    assert logged.text == "Deferred, not now: Rebrand (revisit 2026-07-01)"


def test_a_row_moved_or_a_decision_taken_back_within_one_step_logs_nothing():
    ws = workshop()
    selected = dataclasses.replace(ws.priorities[0], status="selected")
    assert dl.entries_for_step([(selected, None), (None, selected)], ws) == []
    vote = make_vote("dots", [{"a": 1}])
    closed = dataclasses.replace(vote, closed=True)
    assert dl.entries_for_step([(vote, closed), (closed, vote)], ws) == []


def test_a_framework_switch_names_no_new_deciders():
    ws = workshop()
    decision = m.Decision("d1", "Conflict", {"ceo": "D"})
    changes = [(decision, dataclasses.replace(decision, assignments={"coo": "D"}))]
    assert dl.entries_for_step(changes, ws, framework_switched=True) == []
    assert dl.entries_for_step(changes, ws)[0].kind == "decider_named"


def test_entries_get_fresh_ids_the_time_and_the_place():
    existing = [m.LogEntry("l1", "2026-03-12T09:00:00"), m.LogEntry("l3", "2026-03-12T09:05:00")]
    drafts = [m.LogEntry("", "", "stopped", "Stopped: X"), m.LogEntry("", "", "bau", "BAU: Y", "Elsewhere")]
    ready = dl.with_ids(drafts, existing, "2026-03-12T10:00:00", "Not now")
    assert [(e.id, e.at, e.context) for e in ready] == [("l2", "2026-03-12T10:00:00", "Not now"),
                                                        ("l4", "2026-03-12T10:00:00", "Elsewhere")]


# --- the interchange document --------------------------------------------------------------------

RUN_OF_SHOW = {
    "agenda": [
        {"id": "s1", "title": "Welcome", "screen": "overview", "minutes": 20, "goal": "Agree the aim", "day": 1,
         "start": "09:00", "started": "2026-03-12T09:02:00", "ended": "2026-03-12T09:25:10"},
        {"id": "s2", "title": "Choose the critical few", "screen": "vote", "minutes": 45, "day": 1,
         "started": "2026-03-12T09:25:10", "extended": 5, "paused": 90, "paused_at": "2026-03-12T10:01:00"},
        {"id": "s3", "title": "Lunch", "minutes": 45, "day": 1, "start": "12:30"},
    ],
    "parking_lot": [
        {"id": "pk1", "text": "Who owns pricing?", "raised_by": "p1", "raised_at": "2026-03-12T09:40:00",
         "context": "Vote", "resolution": "action", "note": "Ask the CFO", "link": "a1"},
        {"id": "pk2", "text": "A loyalty app?", "resolution": "not_now", "link": "n1"},
        {"id": "pk3", "text": "Travel budget", "raised_at": "2026-03-12T09:50:00", "resolution": "open"},
    ],
    "decision_log": [
        {"id": "l1", "at": "2026-03-12T10:05:00", "kind": "vote_closed", "text": "Vote closed: “What first?”",
         "context": "Vote · session “Choose the critical few”", "ref": "vote:v1"},
        {"id": "l2", "at": "2026-03-12T10:06:00", "kind": "manual", "text": "Hiring freeze holds"},
    ],
}


@pytest.fixture
def demo() -> dict[str, Any]:
    doc = copy.deepcopy(DEMO)
    doc.update(copy.deepcopy(RUN_OF_SHOW))
    return doc


def test_the_run_of_show_round_trips_through_the_document(demo: dict[str, Any]):
    """The three lists read into the workshop and are written back exactly as they came."""
    ws = workshop_from_document(demo)
    assert [s.id for s in ws.agenda] == ["s1", "s2", "s3"] and ws.agenda[2].screen is None
    assert ws.agenda[1].paused_at == "2026-03-12T10:01:00" and ws.agenda[1].extended == 5
    assert ws.parking_lot[0] == m.ParkingItem("pk1", "Who owns pricing?", "p1", "2026-03-12T09:40:00", "Vote",
                                              "action", "Ask the CFO", "a1")
    assert ws.decision_log[1] == m.LogEntry("l2", "2026-03-12T10:06:00", "manual", "Hiring freeze holds")
    doc = document_from_workshop(ws)
    for key in RUN_OF_SHOW:
        assert doc[key] == RUN_OF_SHOW[key]
    again = document_from_workshop(workshop_from_document(doc))
    assert {k: again[k] for k in RUN_OF_SHOW} == RUN_OF_SHOW


def test_a_document_without_a_run_of_show_round_trips_unchanged():
    """Documents from before the run of show gain no new keys."""
    before = {k: v for k, v in copy.deepcopy(DEMO).items() if k not in RUN_OF_SHOW}
    doc = document_from_workshop(workshop_from_document(before))
    assert not {"agenda", "parking_lot", "decision_log"} & set(doc)


def test_a_default_agenda_round_trips():
    ws = m.Workshop(agenda=default_agenda(2))
    assert workshop_from_document(document_from_workshop(ws)).agenda == ws.agenda


def test_the_report_carries_planned_against_actual_the_parking_lot_and_the_log(demo: dict[str, Any]):
    report = build_report(workshop_from_document(demo))["run_of_show"]
    first, running, lunch = report["agenda"]
    assert (first["planned_start"], first["planned_minutes"], first["actual_minutes"], first["over_minutes"]) == (
        "09:00", 20, 23, 3)
    assert (running["status"], running["actual_minutes"], lunch["planned_start"]) == ("running", None, "12:30")
    assert {k: report["parking_lot"][k] for k in ("open", "resolved", "actions", "not_now")} == {
        "open": 1, "resolved": 0, "actions": 1, "not_now": 1}
    assert report["parking_lot"]["items"][0]["raised_by_name"]
    assert [e["label"] for e in report["decision_log"]] == ["Vote closed", "By hand"]
    json.dumps(report)


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    target: Any = doc
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


BAD = [
    ("agenda id twice", "agenda.1.id", "s1", "agenda[1].id", "duplicate id 's1'"),
    ("agenda without a title", "agenda.0.title", "", "agenda[0].title", "must not be empty"),
    ("unknown screen", "agenda.0.screen", "slides", "agenda[0].screen", "must be one of overview"),
    ("zero minutes", "agenda.0.minutes", 0, "agenda[0].minutes", "at least 1"),
    ("minutes as text", "agenda.0.minutes", "45", "agenda[0].minutes", "whole number"),
    ("day zero", "agenda.0.day", 0, "agenda[0].day", "at least 1"),
    ("start not a time", "agenda.0.start", "9am", "agenda[0].start", "like 09:00"),
    ("started not a date-time", "agenda.0.started", "this morning", "agenda[0].started", "ISO 8601"),
    ("ended before started", "agenda.0.ended", "2026-03-12T08:00:00", "agenda[0].ended", "before the start"),
    ("ended but never started", "agenda.2.ended", "2026-03-12T13:00:00", "agenda[2].ended", "before it has started"),
    ("two running sessions", "agenda.0.ended", None, "agenda[1].ended", "only one can run"),
    ("paused but not running", "agenda.0.paused_at", "2026-03-12T09:10:00", "agenda[0].paused_at", "running"),
    ("negative pause", "agenda.1.paused", -5, "agenda[1].paused", "at least 0"),
    ("time with an offset", "agenda.0.started", "2026-03-12T09:02:00+01:00", "agenda[0].started", "local time"),
    ("parking item without text", "parking_lot.2.text", " ", "parking_lot[2].text", "must not be empty"),
    ("parked by a stranger", "parking_lot.0.raised_by", "p99", "parking_lot[0].raised_by", "unknown participant"),
    ("unknown resolution", "parking_lot.0.resolution", "ignored", "parking_lot[0].resolution", "must be one of"),
    ("link to no action", "parking_lot.0.link", "a99", "parking_lot[0].link", "unknown action 'a99'"),
    ("link to no not-now entry", "parking_lot.1.link", "n99", "parking_lot[1].link", "unknown not-now entry"),
    ("open item with a link", "parking_lot.2.link", "a1", "parking_lot[2].link", "only an item turned into"),
    ("log entry without a time", "decision_log.1.at", None, "decision_log[1].at", "must say when"),
    ("log entry of an unknown kind", "decision_log.0.kind", "vibes", "decision_log[0].kind", "must be one of"),
    ("log entry without text", "decision_log.1.text", "", "decision_log[1].text", "must not be empty"),
    ("agenda not a list", "agenda", {"id": "s1"}, "agenda", "must be a list"),
]


@pytest.mark.parametrize(("path", "value", "place", "message"),
                         [pytest.param(p, v, pl, msg, id=case) for case, p, v, pl, msg in BAD])
def test_bad_run_of_show_input_names_the_place(demo: dict[str, Any], path: str, value: Any, place: str,
                                               message: str):
    """Each kind of bad agenda, parking-lot or log input is refused at its exact place."""
    workshop_from_document(copy.deepcopy(demo))  # valid before the change
    _set(demo, path, value)
    with pytest.raises(InterchangeError) as caught:
        workshop_from_document(demo)
    assert caught.value.place == place
    assert message in caught.value.message


def test_deleting_what_a_parked_item_became_or_who_raised_it_leaves_no_dangling_link():
    """An action or not-now entry a parked item became, or the person who raised it, can be deleted: the
    item keeps its outcome and loses only the link, so the document stays valid."""
    from okr_workshop.domain.integrity import consequences

    ws = workshop()
    ws.actions = [m.Action("a1", "Ask the CFO")]
    ws.not_now = [m.NotNow("n1", "Loyalty app")]
    made = m.ParkingItem("pk1", "Who owns pricing?", "p1", resolution="action", link="a1")
    moved = m.ParkingItem("pk2", "Loyalty app?", resolution="not_now", link="n1")
    ws.parking_lot = [made, moved]
    assert consequences(ws, ws.actions[0]) == [(made, dataclasses.replace(made, link=None))]
    assert consequences(ws, ws.not_now[0]) == [(moved, dataclasses.replace(moved, link=None))]
    assert (made, dataclasses.replace(made, raised_by=None)) in consequences(ws, ws.participants[0])
    ws.parking_lot = [dataclasses.replace(made, link=None), moved]
    assert workshop_from_document(document_from_workshop(ws)).parking_lot == ws.parking_lot
