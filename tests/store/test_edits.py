"""Edits: each one commits, keeps the facilitator's order, survives reopening and tells listeners."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import document_from_workshop, workshop_from_document
from okr_workshop.store.file_check import open_checked
from okr_workshop.store.schema import TABLES
from okr_workshop.store.workshop_file import UNDO_LOG_LIMIT, FileInUseError, WorkshopFile, WorkshopFileError

# One new record of every kind the store keeps in a table, and an edited version of it.
SAMPLES: dict[type, tuple[object, object]] = {
    m.Participant: (
        m.Participant("p9", "Noor Jansen", "executive", "Ops"),
        m.Participant("p9", "Noor Jansen-Smit", "participant", "Operations"),
    ),
    m.Priority: (m.Priority("pr9", "Open Berlin office"), m.Priority("pr9", "Open Berlin", "Q3", "selected")),
    m.AlignmentAnswer: (
        m.AlignmentAnswer("p3", "dependencies", ["Payments vendor"]),
        m.AlignmentAnswer("p3", "dependencies", ["Payments vendor", "Legal"]),
    ),
    m.Vote: (
        m.Vote("v9", "Second round", "scale", None, False, 2, ["pr1", "pr2"]),
        m.Vote("v9", "Second round (final)", "scale", None, False, 3, ["pr1", "pr2"]),
    ),
    m.NotNow: (
        m.NotNow("n9", "Loyalty app", None, "bau"),
        m.NotNow("n9", "Loyalty app", "pr2", "defer", "Later", "p2", "2026-10-01"),
    ),
    m.Tradeoff: (
        m.Tradeoff("t9", "pr2", "Feature parity"),
        m.Tradeoff("t9", "pr2", "Feature parity", "Churn", True),
    ),
    m.Intake: (
        m.Intake("i9", "White-label portal for a key account", "2026-04-14"),
        m.Intake("i9", "White-label portal for a key account", "2026-04-14", "p1", "defer", "f1", "2026-04-20",
                 "Revisit in Q3 planning"),
    ),
    m.DepNode: (
        m.DepNode("legal", "Legal", "team"),
        m.DepNode("legal", "Legal & Compliance", "team", "p3", 1.5, 2),
    ),
    m.DepEdge: (
        m.DepEdge("legal", "sales", "contract template"),
        m.DepEdge("legal", "sales", "contract template v2", "p3", "2026-04-01", "low", "done"),
    ),
    m.Role: (m.Role("coo", "COO"), m.Role("coo", "Chief Operating Officer", "p2")),
    m.Decision: (
        m.Decision("d9", "Hiring freeze exceptions", {"ceo": "D"}),
        m.Decision("d9", "Hiring freeze exceptions", {"ceo": "D", "cfo": "A"}, "f1", "Ask CFO",
                   "Over budget: the monthly review"),
    ),
    m.Objective: (
        m.Objective("o9", "Delight new customers"),
        m.Objective("o9", "Delight new customers", "pr2", "p1"),
    ),
    m.KeyResult: (
        m.KeyResult("kr9", "o2", "Reduce churn"),
        m.KeyResult("kr9", "o2", "Reduce churn", "logo churn", 8, 4.5, "%", "p2", "2026-09-30"),
    ),
    m.Forum: (
        m.Forum("f9", "Monthly business review", "monthly"),
        m.Forum(
            "f9", "Monthly business review", "monthly", "Numbers", "p1", ["p1", "p2"], 90, "2026-04-30T14:00",
            "Move budget up to 5%", ["Are we on track?", "Кто действует, когда?"],
        ),
    ),
    m.Action: (m.Action("a9", "Send the pack"),
               m.Action("a9", "Send the pack", "p0", "2026-03-14", "done", "Coherence check: no weekly forum",
                        "no_weekly_forum:")),
    m.AgendaSession: (
        m.AgendaSession("s9", "Choose the critical few", "vote", 45),
        m.AgendaSession("s9", "Choose the critical few", "vote", 45, "Agree 3 to 5", 2, "13:30",
                        "2026-03-13T13:31:05", None, 5, 120, "2026-03-13T14:02:00"),
    ),
    m.ParkingItem: (
        m.ParkingItem("pk9", "Who owns pricing?"),
        m.ParkingItem("pk9", "Who owns pricing?", "p1", "2026-03-12T10:42:00", "Vote", "action", "Ask the CFO",
                      "a1"),
    ),
    m.LogEntry: (
        m.LogEntry("l9", "2026-03-12T11:05:00", "manual", "Hold the hiring freeze"),
        m.LogEntry("l9", "2026-03-12T11:05:00", "vote_closed", "Vote closed: “What first?”", "Vote", "vote:v1"),
    ),
    m.Prompt: (m.Prompt("q9", "What should we stop?"), m.Prompt("q9", "Что нам прекратить?", True, True, True)),
    m.PromptAnswer: (m.PromptAnswer("x8f3k2", "q1", "The roadshow"),
                     m.PromptAnswer("x8f3k2", "q1", "ロードショー", "p1", True)),
    m.Theme: (m.Theme("t9", "dependencies", "Data Platform"),
              m.Theme("t9", "q1", "Billing loop", ["Billing blocks pricing", "Ψ pricing"], "action:a1")),
    m.PastKeyResult: (m.PastKeyResult("kr9", "Delight new customers", "Cut churn"),
                      m.PastKeyResult("kr9", "Delight new customers", "Cut churn", "logo churn", 8, 4.5, "%", "p2",
                                      "2026-06-30", 5.25, 4, "Churn follows onboarding, not price")),
    m.RoomQuestion: (m.RoomQuestion("rq9", "Who owns pricing?"),
                     m.RoomQuestion("rq9", "Who owns pricing?", "p2", 7, "logged", True, "log:l1")),
}


def reopened(f: WorkshopFile) -> m.Workshop:
    """Close the file and return what a fresh read of it holds.

    The store's own persistence is under test, through edits that may leave a reference
    dangling (an edge to a node never added), which the screens never do and which opening
    refuses (import's rules: see test_careless_day.py); so only the file's checks run here.
    """
    path = f.path
    f.close()
    conn, _ = open_checked(path)
    with WorkshopFile(path, conn, None, True) as again:
        return again.workshop


def items_of(ws: m.Workshop, kind: type) -> list:
    return getattr(ws, next(t.workshop_list for t in TABLES if t.kind is kind))


def secret_ballots_as_multisets(doc: dict) -> dict:
    """The document with each secret vote's ballots as a multiset: their order is random by design."""
    doc = json.loads(json.dumps(doc))
    for vote in doc.get("votes", []):
        if vote.get("secret", True):
            vote["ballots"] = sorted(json.dumps(b, sort_keys=True) for b in vote.get("ballots", []))
    return doc


def test_samples_cover_every_table():
    """The per-kind samples below name one record for every table the store keeps."""
    assert set(SAMPLES) == {t.kind for t in TABLES}


@pytest.mark.parametrize("kind", list(SAMPLES), ids=lambda k: k.__name__)
def test_put_new_record_appends_and_survives_reopen(tmp_workshop: WorkshopFile, kind: type):
    """A new record of any kind goes to the end of its section and reads back equal after reopening."""
    new, _ = SAMPLES[kind]
    before = list(items_of(tmp_workshop.workshop, kind))
    tmp_workshop.put(new)
    assert items_of(tmp_workshop.workshop, kind) == [*before, new]
    assert items_of(reopened(tmp_workshop), kind) == [*before, new]


@pytest.mark.parametrize("kind", list(SAMPLES), ids=lambda k: k.__name__)
def test_put_existing_record_replaces_it_in_place(tmp_workshop: WorkshopFile, kind: type):
    """Putting a record whose id exists replaces it where it stands, even if a position is given."""
    new, edited = SAMPLES[kind]
    tmp_workshop.put(new, position=0)
    tmp_workshop.put(edited, position=len(items_of(tmp_workshop.workshop, kind)))
    expected = items_of(tmp_workshop.workshop, kind)
    assert expected[0] == edited
    assert len([r for r in expected if r.id == new.id]) == 1
    assert items_of(reopened(tmp_workshop), kind) == expected


def test_put_at_position_inserts_there(tmp_workshop: WorkshopFile):
    """A new record put at a position is inserted there and the rest move down, in memory and on disk."""
    tmp_workshop.put(m.Priority("first", "First"), position=0)
    tmp_workshop.put(m.Priority("middle", "Middle"), position=2)
    tmp_workshop.put(m.Priority("past-end", "Past the end"), position=99)
    expected = ["first", "pr1", "middle", "pr2", "pr3", "past-end"]
    assert [p.id for p in tmp_workshop.workshop.priorities] == expected
    assert [p.id for p in reopened(tmp_workshop).priorities] == expected


def test_delete_returns_position_and_put_there_restores_order(tmp_workshop: WorkshopFile):
    """delete returns the record's position; putting it back at that position restores the old order."""
    original = list(tmp_workshop.workshop.priorities)
    for index, record in enumerate(original):
        assert tmp_workshop.delete(record) == index
        assert record not in tmp_workshop.workshop.priorities
        tmp_workshop.put(record, index)
        assert tmp_workshop.workshop.priorities == original
    middle = tmp_workshop.workshop.priorities[1]
    tmp_workshop.delete(middle)
    assert [p.id for p in reopened(tmp_workshop).priorities] == ["pr1", "pr3"]


def test_delete_of_compound_key_records(tmp_workshop: WorkshopFile):
    """Edges and alignment answers, keyed by two fields, delete exactly the one record."""
    edge = tmp_workshop.workshop.edges[0]
    answer = tmp_workshop.workshop.alignment_answers[1]
    assert tmp_workshop.delete(edge) == 0
    assert tmp_workshop.delete(answer) == 1
    ws = reopened(tmp_workshop)
    assert [e.id for e in ws.edges] == ["vendor->eng"]
    assert [a.id for a in ws.alignment_answers] == ["p1/top_priorities", "p2/stop_or_wait"]


def test_delete_of_unknown_record_raises_and_changes_nothing(tmp_workshop: WorkshopFile):
    """Deleting a record that is not in the workshop raises ValueError and writes nothing."""
    before = [a.id for a in tmp_workshop.workshop.actions]
    with pytest.raises(ValueError, match="nope"):
        tmp_workshop.delete(m.Action("nope", "Not there"))
    assert [a.id for a in reopened(tmp_workshop).actions] == before


def test_many_mixed_edits_all_survive_reopen(tmp_workshop: WorkshopFile):
    """After a run of inserts, replacements and deletes across sections, reopening reads the same workshop."""
    for i in range(30):
        tmp_workshop.put(m.Action(f"x{i}", f"Action {i}"), position=i % 4)
        if i % 3 == 0:
            tmp_workshop.put(m.Action(f"x{i}", f"Action {i} (edited)", status="done"))
        if i % 5 == 4:
            tmp_workshop.delete(tmp_workshop.workshop.actions[2])
        tmp_workshop.put(m.Priority("pr2", f"Cut churn, take {i}"))
    tmp_workshop.delete(tmp_workshop.workshop.nodes[2])
    expected = tmp_workshop.workshop
    assert reopened(tmp_workshop) == expected


def test_listeners_hear_the_section_after_the_workshop_changed(tmp_workshop: WorkshopFile):
    """Each edit calls every listener with its section name, once the in-memory workshop shows the edit."""
    heard: list[str] = []
    f = tmp_workshop

    def check(section: str) -> None:
        heard.append(section)
        ws = f.workshop
        state = {
            "priorities": lambda: ws.priorities[-1].id == "pr9" or "pr1" not in [p.id for p in ws.priorities],
            "workshop": lambda: ws.info.title == "Renamed offsite",
            "diagnosis": lambda: ws.diagnosis.statements == ["New"],
            "decisions": lambda: ws.framework == "DACI",
            "votes": lambda: "p4" in ws.votes[0].voters(),
            "edges": lambda: ws.edges[-1].id == "legal->sales",
            "nodes": lambda: ws.nodes[-1].id == "legal",
            "all": lambda: ws.priorities == [],
        }[section]
        assert state(), f"listener for {section!r} ran before the workshop was updated"

    f.listeners.append(check)
    f.listeners.append(lambda section: heard.append(f"second:{section}"))
    f.put(m.Priority("pr9", "New"))
    f.delete(f.workshop.priorities[0])
    f.put(m.WorkshopInfo(title="Renamed offsite"))
    f.put(m.Diagnosis([], ["New"]))
    f.set_framework("DACI")
    f.cast_ballot("v1", "p4", {"pr1": 1})
    f.put(m.DepNode("legal", "Legal"))
    f.put(m.DepEdge("legal", "sales"))
    f.replace_all(m.Workshop())
    sections = [
        "priorities",
        "priorities",
        "workshop",
        "diagnosis",
        "decisions",
        "votes",
        "nodes",
        "edges",
        "all",
    ]
    assert heard == [x for s in sections for x in (s, f"second:{s}")]


def test_workshop_info_and_diagnosis_round_trip(tmp_workshop: WorkshopFile):
    """The singletons WorkshopInfo, Diagnosis and RolloutPlan are replaced whole and read back equal."""
    info = m.WorkshopInfo(
        "Offsite ✈ 2026", "Northwind GmbH", "2026-05-01", "2026-05-02", "Åre", "p1", "2026-Q3"
    )
    diagnosis = m.Diagnosis(["cross_functional_work_slow"], ["Handoffs take weeks", "依存関係が多い"])
    rollout = m.RolloutPlan("2026-05-04", [{"unit": "Gdańsk depot", "why": "visible pain"}], "p1", "Two quarters")
    tmp_workshop.put(info)
    tmp_workshop.put(diagnosis)
    tmp_workshop.put(rollout)
    assert (tmp_workshop.workshop.info, tmp_workshop.workshop.diagnosis) == (info, diagnosis)
    ws = reopened(tmp_workshop)
    assert (ws.info, ws.diagnosis, ws.rollout) == (info, diagnosis, rollout)


def test_set_framework_persists_and_refuses_unknown(tmp_workshop: WorkshopFile):
    """set_framework stores a known framework; an unknown one raises ValueError and is not stored."""
    tmp_workshop.set_framework("RACI")
    with pytest.raises(ValueError, match="XYZ"):
        tmp_workshop.set_framework("XYZ")
    assert tmp_workshop.workshop.framework == "RACI"
    assert reopened(tmp_workshop).framework == "RACI"


@pytest.mark.parametrize("secret", [True, False], ids=["secret", "open"])
def test_new_vote_put_with_ballots_keeps_them(tmp_workshop: WorkshopFile, secret: bool):
    """Putting a new vote that carries ballots and voters (an undone delete, an import) stores them all."""
    ballots = [
        m.Ballot("x1", "v9", {"pr1": 2}, None if secret else "p1"),
        m.Ballot("x2", "v9", {"pr2": 1, "pr3": 1}, None if secret else "p2"),
    ]
    vote = m.Vote("v9", "Again", "dots", 2, secret, 1, ["pr1", "pr2", "pr3"], ballots, ["p1", "p2"])
    tmp_workshop.put(vote)
    for ws in (tmp_workshop.workshop, reopened(tmp_workshop)):
        stored = ws.votes[-1]
        assert Counter(json.dumps(b.scores) for b in stored.ballots) == Counter(
            json.dumps(b.scores) for b in ballots
        )
        assert [b.participant for b in stored.ballots] == ([None, None] if secret else ["p1", "p2"])
        assert stored.voters() == ["p1", "p2"]


def test_replacing_a_vote_keeps_its_ballots(tmp_workshop: WorkshopFile):
    """Renaming a vote that has ballots (put without them) keeps the ballots and voters in the file."""
    vote = tmp_workshop.workshop.votes[0]
    tmp_workshop.put(
        m.Vote(vote.id, "Renamed vote", vote.method, vote.budget, vote.secret, vote.round, vote.items)
    )
    for ws in (tmp_workshop.workshop, reopened(tmp_workshop)):
        assert ws.votes[0].title == "Renamed vote"
        assert sorted(json.dumps(b.scores) for b in ws.votes[0].ballots) == sorted(
            json.dumps(b.scores) for b in vote.ballots
        )
        assert ws.votes[0].voted == vote.voted


def test_deleting_a_vote_removes_its_ballots_and_voters(tmp_workshop: WorkshopFile):
    """Deleting a vote removes its ballot and voter rows; other votes keep theirs."""
    path = tmp_workshop.path
    tmp_workshop.delete(tmp_workshop.workshop.votes[0])
    tmp_workshop.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM ballots WHERE vote = 'v1'").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM voters WHERE vote = 'v1'").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM ballots WHERE vote = 'v2'").fetchone()[0] == 2
    finally:
        conn.close()


def test_undoing_a_vote_delete_restores_ballots(tmp_workshop: WorkshopFile):
    """Putting a deleted vote back at its position restores its ballots, voters and place."""
    before = tmp_workshop.workshop.votes
    vote = before[0]
    position = tmp_workshop.delete(vote)
    tmp_workshop.put(vote, position)
    for ws in (tmp_workshop.workshop, reopened(tmp_workshop)):
        assert [v.id for v in ws.votes] == [v.id for v in before]
        assert sorted(json.dumps(b.scores) for b in ws.votes[0].ballots) == sorted(
            json.dumps(b.scores) for b in vote.ballots
        )
        assert ws.votes[0].voters() == vote.voters()


def test_replace_all_swaps_the_whole_workshop(tmp_workshop: WorkshopFile, demo_document: dict):
    """replace_all (an import into an open file) replaces every section and survives reopening."""
    tmp_workshop.record_undo({"op": "old"})
    tmp_workshop.replace_all(workshop_from_document(demo_document))
    assert tmp_workshop.undo_log() == []
    expected = secret_ballots_as_multisets(document_from_workshop(tmp_workshop.workshop))
    assert secret_ballots_as_multisets(document_from_workshop(reopened(tmp_workshop))) == expected


def test_undo_log_keeps_the_newest_commands_across_reopen(tmp_workshop: WorkshopFile):
    """record_undo keeps commands in order (at most UNDO_LOG_LIMIT); drop_undo forgets the newest."""
    for i in range(UNDO_LOG_LIMIT + 5):
        tmp_workshop.record_undo({"op": "rename", "n": i, "text": "é"})
    tmp_workshop.drop_undo(2)
    log = tmp_workshop.undo_log()
    assert [c["n"] for c in log] == list(range(5, UNDO_LOG_LIMIT + 3))
    path = tmp_workshop.path
    tmp_workshop.close()
    with WorkshopFile.open(path) as again:
        assert again.undo_log() == log


def test_save_copy_opens_identically_while_original_stays_open(tmp_workshop: WorkshopFile, tmp_path: Path):
    """save_copy writes a self-contained file with identical content; the original keeps editing."""
    tmp_workshop.put(m.Action("a9", "Uncheckpointed edit"))
    target = tmp_path / "copies" / "copy.okrw"
    target.parent.mkdir()
    tmp_workshop.save_copy(target)
    assert sorted(os.listdir(target.parent)) == ["copy.okrw"], "no temporary or journal files left"
    with WorkshopFile.open(target) as copy:
        assert copy.workshop == tmp_workshop.workshop
        copy.put(m.Action("c1", "Only in the copy"))
    tmp_workshop.put(m.Action("o1", "Only in the original"))
    assert [a.id for a in tmp_workshop.workshop.actions][-2:] == ["a9", "o1"]
    with WorkshopFile.open(target, read_only=True) as copy:
        assert [a.id for a in copy.workshop.actions][-2:] == ["a9", "c1"]


def test_save_copy_refuses_the_open_file_and_files_open_elsewhere(tmp_workshop: WorkshopFile, tmp_path: Path):
    """save_copy will not overwrite the open file itself, nor another file that a window is editing."""
    with pytest.raises(WorkshopFileError):
        tmp_workshop.save_copy(tmp_workshop.path)
    other = WorkshopFile.create(tmp_path / "other.okrw", m.Workshop(actions=[m.Action("keep", "Keep me")]))
    try:
        with pytest.raises(FileInUseError):
            tmp_workshop.save_copy(other.path)
        other.put(m.Action("still", "Still editable"))
    finally:
        other.close()
    with WorkshopFile.open(tmp_path / "other.okrw") as again:
        assert [a.id for a in again.workshop.actions] == ["keep", "still"]


def test_create_refuses_an_existing_path_unless_replace(tmp_workshop: WorkshopFile, tmp_path: Path):
    """create() refuses an existing file, leaving it intact; with replace=True it writes the new workshop."""
    path = tmp_path / "existing.okrw"
    WorkshopFile.create(path, m.Workshop(actions=[m.Action("old", "Old")])).close()
    before = path.read_bytes()
    with pytest.raises(WorkshopFileError, match="already exists"):
        WorkshopFile.create(path, m.Workshop())
    assert path.read_bytes() == before
    with WorkshopFile.create(path, m.Workshop(actions=[m.Action("new", "New")]), replace=True) as f:
        assert [a.id for a in f.workshop.actions] == ["new"]
    with WorkshopFile.open(path) as f:
        assert [a.id for a in f.workshop.actions] == ["new"]


def test_create_refuses_to_replace_a_file_open_elsewhere(tmp_workshop: WorkshopFile):
    """create(replace=True) over a file another WorkshopFile edits raises FileInUseError; editing goes on."""
    with pytest.raises(FileInUseError):
        WorkshopFile.create(tmp_workshop.path, m.Workshop(), replace=True)
    tmp_workshop.put(m.Action("a9", "Still here"))
    assert reopened(tmp_workshop).actions[-1].id == "a9"


def test_create_replace_ignores_the_old_files_leftover_log(tmp_path: Path):
    """Replacing a file whose crashed session left a -wal gives the new workshop, not the old log replayed."""
    path = tmp_path / "crashed.okrw"
    old = WorkshopFile.create(path, m.Workshop())
    for i in range(20):
        old.put(m.Action(f"old{i}", "From the crashed session"))
    shutil.copy(f"{path}-wal", tmp_path / "saved-wal")
    old.close()
    shutil.copy(tmp_path / "saved-wal", f"{path}-wal")  # as a killed process leaves it
    with WorkshopFile.create(path, m.Workshop(actions=[m.Action("new", "New")]), replace=True) as f:
        assert [a.id for a in f.workshop.actions] == ["new"]
    with WorkshopFile.open(path) as f:
        assert [a.id for a in f.workshop.actions] == ["new"]
        assert f._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_small_document_round_trips_through_the_file_exactly(tmp_path: Path, small_document: dict):
    """Import into a file and export again gives the input document back, secret ballot order aside."""
    with WorkshopFile.create(tmp_path / "small.okrw", workshop_from_document(small_document)) as f:
        out = document_from_workshop(f.workshop)
    assert secret_ballots_as_multisets(out) == secret_ballots_as_multisets(small_document)


def test_demo_round_trips_through_the_file(tmp_path: Path, demo_document: dict):
    """The demo imported with create() exports equal to its input (and to the same after reopening)."""
    path = tmp_path / "demo.okrw"
    with WorkshopFile.create(path, workshop_from_document(demo_document)) as f:
        out = document_from_workshop(f.workshop)
    expected = secret_ballots_as_multisets(demo_document)
    assert secret_ballots_as_multisets(out) == expected
    with WorkshopFile.open(path, read_only=True) as f:
        assert secret_ballots_as_multisets(document_from_workshop(f.workshop)) == expected


def test_an_actions_finding_survives_the_file_and_opening_checks(tmp_path: Path) -> None:
    """The coherence finding an action answers is stored, and a file holding one opens (its checks
    read the workshop through the interchange document and back)."""
    made = m.Action("a1", "Give “Weekly review” a purpose", None, "2026-04-12", "open",
                    "Coherence check: forum without a purpose", "threat_without_action:eng->bill")
    plain = m.Action("a2", "Send the pack")
    path = tmp_path / "w.okrw"
    WorkshopFile.create(path, m.Workshop(actions=[made, plain])).close()
    with WorkshopFile.open(path) as f:
        assert f.workshop.actions == [made, plain]
        f.put(dataclasses.replace(plain, finding="no_rhythm:"))
    with WorkshopFile.open(path, read_only=True) as f:
        assert [a.finding for a in f.workshop.actions] == ["threat_without_action:eng->bill", "no_rhythm:"]
