"""A file written by schema version 1 opens in this app: migrated when edited, as-is when only read."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from okr_workshop.store.workshop_file import ReadOnlyError, WorkshopFile


def _version_1_file(path: Path) -> Path:
    """A file exactly as version 1 of the app wrote it, with one vote and one priority."""
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO schema_version (version) VALUES (1)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("INSERT INTO priorities VALUES ('pr1', 'Win mid-market', '', 'candidate', 0)")
    conn.execute("""INSERT INTO votes VALUES ('v1', 'What first?', 'dots', 5, 1, 1, '["pr1"]', 0)""")
    conn.commit()
    conn.close()
    return path


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version FROM schema_version").fetchone()[0]
    finally:
        conn.close()


def test_every_version_has_its_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_an_old_file_is_migrated_on_open_and_keeps_a_backup(tmp_path: Path) -> None:
    path = _version_1_file(tmp_path / "old.okrw")
    original = path.read_bytes()
    with WorkshopFile.open(path) as f:
        vote = f.workshop.votes[0]
        assert (vote.title, vote.cap, vote.follows, vote.hands) == ("What first?", None, None, {})
    assert _version(path) == SCHEMA_VERSION
    assert (tmp_path / "old.okrw.v1.bak").read_bytes() == original


def test_a_migrated_file_stores_the_new_vote_settings(tmp_path: Path) -> None:
    path = _version_1_file(tmp_path / "old.okrw")
    with WorkshopFile.open(path) as f:
        vote = f.workshop.votes[0]
        f.put(dataclasses.replace(vote, cap=2, hands={"pr1": 3}))
        f.put(m.Vote("v2", "What first, again?", "rank", items=["pr1"], follows="v1", secret=False, round=2))
    with WorkshopFile.open(path, read_only=True) as f:
        v1, v2 = f.workshop.votes
        assert (v1.cap, v1.hands) == (2, {"pr1": 3})
        assert (v2.follows, v2.round) == ("v1", 2)


def test_an_old_file_opened_read_only_is_read_and_left_untouched(tmp_path: Path) -> None:
    path = _version_1_file(tmp_path / "old.okrw")
    original = path.read_bytes()
    with WorkshopFile.open(path, read_only=True) as f:
        assert f.workshop.votes[0].hands == {}
        assert f.workshop.intake == []
        with pytest.raises(ReadOnlyError):
            f.put(m.Priority("pr2", "Another"))
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.okrw"]


def test_a_version_3_file_gains_escalations_rights_and_questions(tmp_path: Path) -> None:
    """Version 4 adds a decision's escalation path and a forum's decision rights and standing questions;
    rows written before read back with empty ones, and the new fields are stored once migrated."""
    path = _version_1_file(tmp_path / "old.okrw")
    conn = sqlite3.connect(path)
    for version in (1, 2):
        conn.executescript(MIGRATIONS[version])
    conn.execute("UPDATE schema_version SET version = 3")
    conn.execute("INSERT INTO dr_roles VALUES ('coo', 'COO', NULL, 0)")  # the decision's role exists
    conn.execute("""INSERT INTO decisions VALUES ('d1', 'A dependency slips', '{"coo": "D"}', 'f1', '', 0)""")
    conn.execute("""INSERT INTO forums VALUES ('f1', 'Weekly', 'weekly', '', NULL, '[]', 45, NULL, 0)""")
    conn.commit()
    conn.close()
    with WorkshopFile.open(path, read_only=True) as f:  # read as it is, not migrated
        assert (f.workshop.decisions[0].escalation, f.workshop.forums[0].questions) == ("", [])
    with WorkshopFile.open(path) as f:
        assert f.workshop.forums[0] == m.Forum("f1", "Weekly", "weekly", duration_minutes=45)
        f.put(dataclasses.replace(f.workshop.decisions[0], escalation="The monthly review"))
        forum = f.workshop.forums[0]
        f.put(dataclasses.replace(forum, decision_rights="Re-sequence work", questions=["What changed?"]))
    assert _version(path) == SCHEMA_VERSION
    with WorkshopFile.open(path, read_only=True) as f:
        assert f.workshop.decisions[0].escalation == "The monthly review"
        assert (f.workshop.forums[0].decision_rights, f.workshop.forums[0].questions) == (
            "Re-sequence work", ["What changed?"])


def test_a_version_5_file_gains_the_run_of_show(tmp_path: Path) -> None:
    """Version 6 adds the agenda, the parking lot and the decision log: a version 5 file reads with
    none of them (also read-only, unmigrated), and stores them once migrated."""
    path = _version_1_file(tmp_path / "old.okrw")
    conn = sqlite3.connect(path)
    for version in range(1, 5):
        conn.executescript(MIGRATIONS[version])
    conn.execute("UPDATE schema_version SET version = 5")
    conn.commit()
    conn.close()
    with WorkshopFile.open(path, read_only=True) as f:
        assert (f.workshop.agenda, f.workshop.parking_lot, f.workshop.decision_log) == ([], [], [])
    session = m.AgendaSession("s1", "Choose the critical few", "vote", 45, "Agree 3 to 5", 1, "10:45")
    item = m.ParkingItem("pk1", "Who owns pricing?", None, "2026-03-12T10:42:00", "Vote")
    entry = m.LogEntry("l1", "2026-03-12T11:05:00", "vote_closed", "Vote closed", "Vote", "vote:v1")
    with WorkshopFile.open(path) as f:
        for record in (session, item, entry):
            f.put(record)
    assert _version(path) == SCHEMA_VERSION
    assert (tmp_path / "old.okrw.v5.bak").exists()
    with WorkshopFile.open(path, read_only=True) as f:
        assert (f.workshop.agenda, f.workshop.parking_lot, f.workshop.decision_log) == ([session], [item], [entry])


def test_a_version_6_file_gains_reveal_weights_and_opting_out(tmp_path: Path) -> None:
    """Version 7: a version 6 file's votes read as revealed, unweighted, nobody sitting out (also
    read-only, unmigrated); once migrated a weighted ballot and a hidden vote are stored."""
    path = _version_1_file(tmp_path / "old.okrw")
    conn = sqlite3.connect(path)
    for version in range(1, 6):
        conn.executescript(MIGRATIONS[version])
    conn.execute("UPDATE schema_version SET version = 6")
    conn.execute("INSERT INTO participants VALUES ('p1', 'Ελένη', 'executive', '', 0)")
    conn.execute("""INSERT INTO ballots VALUES ('b1', 'v1', 'p1', '{"pr1": 3}')""")
    conn.execute("INSERT INTO voters VALUES ('v1', 'p1')")
    conn.commit()
    conn.close()
    with WorkshopFile.open(path, read_only=True) as f:
        vote = f.workshop.votes[0]
        assert (vote.revealed, vote.weights, vote.opted_out, vote.ballots[0].weight) == (True, {}, [], 1)
    with WorkshopFile.open(path) as f:
        vote = f.workshop.votes[0]
        f.put(dataclasses.replace(vote, id="v2", revealed=False, ballots=[], voted=[], weights={"p1": 2}))
        f.cast_ballot("v2", "p1", {"pr1": 4})
    assert _version(path) == SCHEMA_VERSION
    with WorkshopFile.open(path, read_only=True) as f:
        vote = f.workshop.votes[1]
        assert (vote.revealed, vote.weights, [b.weight for b in vote.ballots]) == (False, {"p1": 2}, [2])


def test_a_version_7_file_gains_the_finding_an_action_answers(tmp_path: Path) -> None:
    """Version 8: a version 7 file's actions answer no finding (also read-only, unmigrated); once
    migrated an action keeps the finding it was made from."""
    path = _version_1_file(tmp_path / "old.okrw")
    conn = sqlite3.connect(path)
    for version in range(1, 7):
        conn.executescript(MIGRATIONS[version])
    conn.execute("UPDATE schema_version SET version = 7")
    conn.execute("INSERT INTO actions VALUES ('a1', 'Send the pack', NULL, NULL, 'open', 0, 'Overview')")
    conn.commit()
    conn.close()
    with WorkshopFile.open(path, read_only=True) as f:
        assert f.workshop.actions == [m.Action("a1", "Send the pack", source="Overview")]
    with WorkshopFile.open(path) as f:
        f.put(m.Action("a2", "Set up a weekly forum", finding="no_weekly_forum:"))
    assert _version(path) == SCHEMA_VERSION
    assert (tmp_path / "old.okrw.v7.bak").exists()
    with WorkshopFile.open(path, read_only=True) as f:
        assert [a.finding for a in f.workshop.actions] == ["", "no_weekly_forum:"]


def test_a_version_8_file_gains_the_rooms_voice(tmp_path: Path) -> None:
    """Version 9: prompts, their answers, themes and questions from the floor. A version 8 file
    opened read-only has none; once migrated it keeps them."""
    path = _version_1_file(tmp_path / "old.okrw")
    conn = sqlite3.connect(path)
    for version in range(1, 8):
        conn.executescript(MIGRATIONS[version])
    conn.execute("UPDATE schema_version SET version = 8")
    conn.commit()
    conn.close()
    with WorkshopFile.open(path, read_only=True) as f:
        assert (f.workshop.prompts, f.workshop.themes, f.workshop.room_questions) == ([], [], [])
    with WorkshopFile.open(path) as f:
        f.put(m.Prompt("q1", "What should we stop?"))
        f.put(m.PromptAnswer("k2j9x", "q1", "The roadshow"))
        f.put(m.Theme("t1", "q1", "Events", ["The roadshow"]))
        f.put(m.RoomQuestion("rq1", "Who owns pricing?", upvotes=3))
    assert _version(path) == SCHEMA_VERSION
    assert (tmp_path / "old.okrw.v8.bak").exists()
    with WorkshopFile.open(path, read_only=True) as f:
        ws = f.workshop
        assert ws.prompt_answers == [m.PromptAnswer("k2j9x", "q1", "The roadshow")]
        assert ws.themes[0].answers == ["The roadshow"] and ws.room_questions[0].upvotes == 3


def test_a_version_9_file_gains_last_quarters_key_results_and_the_revisit_flag(tmp_path: Path) -> None:
    """Version 10: the retrospective's key results, a not-now entry flagged when its revisit fell due,
    and the history (an info row). A version 9 file opened read-only has none of them."""
    path = _version_1_file(tmp_path / "old.okrw")
    conn = sqlite3.connect(path)
    for version in range(1, 9):
        conn.executescript(MIGRATIONS[version])
    conn.execute("UPDATE schema_version SET version = 9")
    conn.execute("INSERT INTO not_now (id, title, decision, position) VALUES ('n1', 'Nordic market', 'defer', 0)")
    conn.commit()
    conn.close()
    with WorkshopFile.open(path, read_only=True) as f:
        assert f.workshop.past_key_results == [] and f.workshop.not_now[0].revisit_due is False
    with WorkshopFile.open(path) as f:
        f.put(m.PastKeyResult("kr1", "Win mid-market", "20 new logos", target=20, actual=14))
        f.put(m.History("Spring offsite", "2026-Q2", "2026-03-12", {"dependencies": 0.15}, {"pr1": "selected"}))
        f.put(dataclasses.replace(f.workshop.not_now[0], revisit_due=True))
    assert _version(path) == SCHEMA_VERSION
    assert (tmp_path / "old.okrw.v9.bak").exists()
    with WorkshopFile.open(path, read_only=True) as f:
        ws = f.workshop
        assert ws.past_key_results[0].actual == 14 and ws.not_now[0].revisit_due is True
        assert ws.history.alignment == {"dependencies": 0.15} and ws.history.priorities == {"pr1": "selected"}
