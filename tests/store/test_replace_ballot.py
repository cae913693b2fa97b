"""Re-voting and group commits: a replaced secret ballot stays unlinkable, in one transaction."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from pathlib import Path

import pytest

from okr_workshop.store import workshop_file
from okr_workshop.store.workshop_file import BallotRefused, Cast, WorkshopFile

from .test_secrecy import VOTERS, distinct_scores, raw_rows, stored_json, workshop


def live_bytes(path: Path) -> bytes:
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_replacing_a_secret_ballot_leaves_one_anonymous_ballot_with_a_new_id(tmp_path: Path):
    """The old ballot is gone (not even in the file's bytes), the new one has a fresh random id and no name,
    and the voters table is unchanged."""
    path = tmp_path / "revote.okrw"
    with WorkshopFile.create(path, workshop()) as f:
        ids = {who: f.cast_ballot("v1", who, distinct_scores(k)) for k, who in enumerate(VOTERS[:5])}
    voters_before = raw_rows(path, "SELECT vote, participant FROM voters")
    assert voters_before == [("v1", who) for who in sorted(VOTERS[:5])]
    with WorkshopFile.open(path) as f:
        new_id = f.replace_ballot("v1", VOTERS[2], ids[VOTERS[2]], distinct_scores(40))
        assert re.fullmatch(r"[0-9a-f]{16}", new_id) and new_id not in ids.values()
        vote = f.workshop.votes[0]
        assert len(vote.ballots) == 5 and vote.voted == sorted(VOTERS[:5])
        assert {b.id for b in vote.ballots} == (set(ids.values()) - {ids[VOTERS[2]]}) | {new_id}
    assert stored_json(distinct_scores(2)) not in live_bytes(path)
    assert stored_json(distinct_scores(40)) in live_bytes(path)
    assert raw_rows(path, "SELECT vote, participant FROM voters") == voters_before
    assert {r[0] for r in raw_rows(path, "SELECT participant FROM ballots")} == {None}
    assert raw_rows(path, "SELECT name FROM pragma_table_info('ballots')") == [
        ("id",), ("vote",), ("participant",), ("scores",), ("weight",)]


def test_replacing_is_refused_when_it_does_not_fit(tmp_path: Path):
    """No earlier ballot, a ballot id of the vote's that is unknown, a closed vote, a bad ballot, someone
    else's open ballot: ValueError, nothing changes."""
    with WorkshopFile.create(tmp_path / "refused.okrw", workshop(secret=False)) as f:
        mine = f.cast_ballot("v1", VOTERS[0], distinct_scores(0))
        theirs = f.cast_ballot("v1", VOTERS[1], distinct_scores(1))
        before = f.workshop.votes[0]
        for who, ballot, scores, words in [
            (VOTERS[5], mine, distinct_scores(2), "no earlier ballot"),
            (VOTERS[0], "0" * 16, distinct_scores(2), "no earlier ballot"),
            (VOTERS[0], mine, {"pr1": 1}, "must equal 1000"),
            (VOTERS[0], theirs, distinct_scores(2), "someone else"),
        ]:
            with pytest.raises(ValueError, match=words):
                f.replace_ballot("v1", who, ballot, scores)
        f.put(dataclasses.replace(before, closed=True))
        with pytest.raises(ValueError, match="closed"):
            f.replace_ballot("v1", VOTERS[0], mine, distinct_scores(3))
        with pytest.raises(ValueError, match="closed"):
            f.cast_ballot("v1", VOTERS[6], distinct_scores(3))
        assert f.workshop.votes[0].ballots == before.ballots


def test_a_group_is_stored_all_or_nothing(tmp_path: Path):
    """cast_ballots stores a valid group in one go; one bad cast refuses the group and names its index."""
    path = tmp_path / "group.okrw"
    with WorkshopFile.create(path, workshop()) as f:
        with pytest.raises(BallotRefused) as refused:
            f.cast_ballots([Cast("v1", VOTERS[0], distinct_scores(0)), Cast("v1", VOTERS[0], distinct_scores(1))])
        assert refused.value.index == 1 and "already voted" in str(refused.value)
        assert f.workshop.votes[0].ballots == []
        ids = f.cast_ballots([Cast("v1", who, distinct_scores(k)) for k, who in enumerate(VOTERS)])
        assert len(set(ids)) == len(VOTERS) == len(f.workshop.votes[0].ballots)
    assert len(raw_rows(path, "SELECT * FROM ballots")) == len(VOTERS)


def test_a_failure_inside_the_replacement_rolls_it_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """If the rewrite fails after the old ballots were deleted, the old ballot is still there: one transaction."""
    path = tmp_path / "atomic.okrw"
    with WorkshopFile.create(path, workshop()) as f:
        first = f.cast_ballot("v1", VOTERS[0], distinct_scores(0))
    with WorkshopFile.open(path) as f:  # the ballot is in the file now; its replacement is written at once

        def broken(db, vote_id, ballots, voters):
            db.execute("DELETE FROM ballots WHERE vote = ?", [vote_id])
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(workshop_file, "_rewrite_secret_ballots", broken)
        monkeypatch.setattr(f._held, "due", f._held.take_all)
        with pytest.raises(sqlite3.OperationalError):
            f.replace_ballot("v1", VOTERS[0], first, distinct_scores(1))
        assert raw_rows(path, "SELECT id, scores FROM ballots") == [(first, stored_json(distinct_scores(0)).decode())]
        assert [b.id for b in f.workshop.votes[0].ballots] == [first]


@pytest.mark.parametrize("secret", [True, False], ids=["secret", "open"])
def test_the_workshop_in_memory_matches_the_file_after_casts_and_replacements(tmp_path: Path, secret: bool):
    """The store updates its in-memory votes without reading them back; a fresh load must agree."""
    path = tmp_path / "mirror.okrw"
    with WorkshopFile.create(path, workshop(secret)) as f:
        ids = f.cast_ballots([Cast("v1", who, distinct_scores(k)) for k, who in enumerate(VOTERS[:6])])
        f.replace_ballot("v1", VOTERS[3], ids[3], distinct_scores(30))
        f.cast_ballots([Cast("v1", VOTERS[7], distinct_scores(7)),
                        Cast("v1", VOTERS[1], distinct_scores(31), replaces=ids[1])])
        in_memory = f.workshop.votes
    with WorkshopFile.open(path, read_only=True) as fresh:
        assert fresh.workshop.votes == in_memory
