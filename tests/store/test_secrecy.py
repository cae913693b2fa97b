"""Secret ballots: nothing in the file links a ballot to its voter or tells the order of casting."""

from __future__ import annotations

import json
import random
import re
import sqlite3
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.store.workshop_file import WorkshopFile

ITEMS = [f"pr{i}" for i in range(1, 5)]
VOTERS = [f"voter-{i:02d}" for i in range(12)]


def workshop(secret: bool = True, method: str = "points") -> m.Workshop:
    """Twelve participants with distinctive ids and one vote over four priorities."""
    return m.Workshop(
        participants=[m.Participant(v, f"Person {v}") for v in VOTERS],
        priorities=[m.Priority(i, f"Priority {i}") for i in ITEMS],
        votes=[
            m.Vote(
                "v1",
                "Where do the points go?",
                method,
                1000 if method == "points" else None,
                secret,
                items=list(ITEMS),
            )
        ],
    )


def distinct_scores(k: int) -> dict[str, int]:
    """The k-th ballot of a points vote: unique and easy to find in the raw file bytes."""
    return {"pr1": 101 + k, "pr2": 202 + 3 * k, "pr3": 303 + 5 * k, "pr4": 1000 - 606 - 9 * k}


def stored_json(scores: dict[str, int]) -> bytes:
    """How the store writes a ballot's scores."""
    return json.dumps(scores, ensure_ascii=False, sort_keys=True).encode()


def raw_rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def cast_in_order(path: Path, order: list[str], secret: bool = True) -> list[dict[str, int]]:
    """Create a file and cast one ballot per voter in ``order``; return the scores in casting order."""
    cast = []
    with WorkshopFile.create(path, workshop(secret)) as f:
        for k, who in enumerate(order):
            f.cast_ballot("v1", who, distinct_scores(k))
            cast.append(distinct_scores(k))
    return cast


@pytest.fixture
def secret_file(tmp_path: Path) -> tuple[Path, list[str], list[dict[str, int]]]:
    """A closed file with twelve secret ballots cast in a shuffled, known order."""
    order = random.Random(3).sample(VOTERS, len(VOTERS))
    path = tmp_path / "secret.okrw"
    return path, order, cast_in_order(path, order)


def test_secret_ballot_rows_have_no_participant(secret_file):
    """Every stored secret ballot row has participant NULL, and the workshop's ballots name nobody."""
    path, order, cast = secret_file
    rows = raw_rows(path, "SELECT participant, scores FROM ballots")
    assert len(rows) == len(order)
    assert {r[0] for r in rows} == {None}
    assert sorted(r[1] for r in rows) == sorted(stored_json(s).decode() for s in cast)
    with WorkshopFile.open(path, read_only=True) as f:
        assert [b.participant for b in f.workshop.votes[0].ballots] == [None] * len(order)


def test_no_row_anywhere_holds_a_voter_beside_a_ballot(secret_file):
    """No row of any table holds both a voter id and a ballot (its id or its scores)."""
    path, order, cast = secret_file
    ballot_ids = {r[0] for r in raw_rows(path, "SELECT id FROM ballots")}
    ballot_texts = {stored_json(s).decode() for s in cast}
    tables = [r[0] for r in raw_rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert raw_rows(path, "SELECT name FROM pragma_table_info('voters')") == [("vote",), ("participant",)]
    for table in tables:
        for row in raw_rows(path, f"SELECT * FROM {table}"):
            cells = [str(c) for c in row if c is not None]
            has_voter = any(v in c for v in VOTERS for c in cells)
            has_ballot = any(b in c for b in ballot_ids | ballot_texts for c in cells)
            assert not (has_voter and has_ballot), f"{table} row {row} links a voter to a ballot"


def test_voters_lists_who_voted_sorted_by_participant(secret_file):
    """The voters table, even read without ORDER BY, and Vote.voted list the voters by id, not by turn."""
    path, order, _ = secret_file
    assert order != sorted(order)
    assert [r[0] for r in raw_rows(path, "SELECT participant FROM voters")] == sorted(order)
    with WorkshopFile.open(path, read_only=True) as f:
        assert f.workshop.votes[0].voted == sorted(order)
        assert f.workshop.votes[0].voters() == sorted(order)


def test_ballot_ids_are_random_hex_not_sequential(secret_file):
    """Ballot ids are 64-bit random hex: distinct, and not increasing with the casting order."""
    path, _, cast = secret_file
    rows = raw_rows(path, "SELECT id, scores FROM ballots")
    ids = [r[0] for r in rows]
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    turn = {stored_json(s).decode(): k for k, s in enumerate(cast)}
    by_turn = [int(i, 16) for i, _ in sorted(rows, key=lambda r: turn[r[1]])]
    assert by_turn != sorted(by_turn) and by_turn != sorted(by_turn, reverse=True)
    steps = {b - a for a, b in zip(by_turn, by_turn[1:], strict=False)}
    assert len(steps) > 1, "ids must not step by a constant"


def test_stored_order_does_not_follow_the_casting_order(tmp_path: Path):
    """In 20 files neither SELECT order nor the bytes' physical order (either way) follows casting order."""
    # A last-cast-first layout would let anyone with the file pair the n-th ballot with the n-th voter.
    trials, matches, linked = 20, {"select": 0, "physical": 0, "physical reversed": 0}, 0
    rng = random.Random(11)
    for t in range(trials):
        order = rng.sample(VOTERS, len(VOTERS))
        path = tmp_path / f"trial{t}.okrw"
        cast = cast_in_order(path, order)
        texts = [stored_json(s) for s in cast]
        selected = [r[0].encode() for r in raw_rows(path, "SELECT scores FROM ballots")]
        data = path.read_bytes()
        offsets = [data.find(x) for x in texts]
        assert all(o > 0 for o in offsets) and len(set(offsets)) == len(offsets)
        physical = [texts[k] for k in sorted(range(len(texts)), key=offsets.__getitem__)]
        matches["select"] += selected == texts
        matches["physical"] += physical == texts
        matches["physical reversed"] += physical == texts[::-1]
        # The attack: pair ballots and voters by their physical order in the file.
        assert all(data.find(b"v1" + v.encode()) > 0 for v in order), "voter rows must be found"
        voter_offsets = sorted(order, key=lambda v: data.find(b"v1" + v.encode()))
        ballot_turns = sorted(range(len(texts)), key=offsets.__getitem__)
        linked += sum(order[k] == v for k, v in zip(ballot_turns, voter_offsets, strict=True))
        linked += sum(order[k] == v for k, v in zip(ballot_turns[::-1], voter_offsets, strict=True))
    assert all(n <= 2 for n in matches.values()), matches
    # Chance alone links about one ballot per trial and direction (40 here); a layout that leaks links 240.
    assert linked <= 80, f"physical order linked {linked} of {2 * trials * len(VOTERS)} ballots to voters"


def test_the_file_and_its_log_gain_secret_ballots_in_batches_only(tmp_path: Path):
    """After each secret cast, the file's bytes and its -wal hold none of the ballots or three and more
    (one new ballot beside one new voter would pair them; see test_secret_batches.py)."""
    path = tmp_path / "live.okrw"
    with WorkshopFile.create(path, workshop()) as f:
        for k, who in enumerate(VOTERS):
            f.cast_ballot("v1", who, distinct_scores(k))
            wal = Path(f"{path}-wal")
            data = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
            found = sum(stored_json(distinct_scores(j)) in data for j in range(k + 1))
            assert found == 0 or found >= 3, f"after {k + 1} casts the bytes hold {found} ballots"


def test_deleting_a_secret_vote_leaves_no_trace_of_its_ballots(tmp_path: Path):
    """With secure_delete, after deleting a vote its ballot JSON is nowhere in the file's bytes."""
    path = tmp_path / "deleted.okrw"
    cast = cast_in_order(path, VOTERS[:5])
    texts = [stored_json(s) for s in cast]
    assert all(t in path.read_bytes() for t in texts), "the search must find ballots that are there"
    with WorkshopFile.open(path) as f:
        f.delete(f.workshop.votes[0])
        live = path.read_bytes() + (Path(f"{path}-wal").read_bytes() if Path(f"{path}-wal").exists() else b"")
        assert not any(t in live for t in texts), "deleted ballots remain while the file is open"
    data = path.read_bytes()
    assert not any(t in data for t in texts)
    assert not Path(f"{path}-wal").exists()


def test_open_vote_keeps_the_participant_on_the_ballot(tmp_path: Path):
    """In an open (non-secret) vote each ballot row keeps its participant."""
    path = tmp_path / "open.okrw"
    order = VOTERS[:4]
    cast = cast_in_order(path, order, secret=False)
    rows = raw_rows(path, "SELECT participant, scores FROM ballots")
    assert sorted(rows) == sorted((who, stored_json(s).decode()) for who, s in zip(order, cast, strict=True))
    with WorkshopFile.open(path, read_only=True) as f:
        vote = f.workshop.votes[0]
        assert [(b.participant, b.scores) for b in vote.ballots] == list(zip(order, cast, strict=True))
        assert vote.voters() == order


@pytest.mark.parametrize("secret", [True, False], ids=["secret", "open"])
def test_casting_twice_is_refused(tmp_path: Path, secret: bool):
    """A participant's second ballot in the same vote raises ValueError and is not stored."""
    with WorkshopFile.create(tmp_path / "twice.okrw", workshop(secret)) as f:
        f.cast_ballot("v1", "voter-01", distinct_scores(0))
        with pytest.raises(ValueError, match="already voted"):
            f.cast_ballot("v1", "voter-01", distinct_scores(1))
        assert len(f.workshop.votes[0].ballots) == 1
        path = f.path
    assert len(raw_rows(path, "SELECT * FROM ballots")) == 1


@pytest.mark.parametrize(
    ("method", "scores", "rule"),
    [
        ("dots", {"pr1": 4, "pr2": 2}, "exceeds budget 5"),
        ("dots", {"pr1": -1}, "must not be negative"),
        ("points", {"pr1": 60, "pr2": 30}, "must equal 1000"),
        ("rank", {"pr1": 1, "pr2": 1, "pr3": 3, "pr4": 4}, "ranks must be 1..4"),
        ("rank", {"pr1": 1, "pr2": 2, "pr3": 3}, "every item must be scored"),
        ("scale", {"pr1": 6, "pr2": 1, "pr3": 1, "pr4": 1}, "between 1 and 5"),
        ("scale", {"pr1": 2.5, "pr2": 1, "pr3": 1, "pr4": 1}, "whole number"),
        ("dots", {"elsewhere": 1}, "not on this vote"),
    ],
)
def test_invalid_ballot_is_refused_with_the_rule(tmp_path: Path, method: str, scores: dict, rule: str):
    """A ballot breaking its vote's rule raises ValueError naming the rule; nothing is stored."""
    with WorkshopFile.create(tmp_path / "bad.okrw", workshop(method=method)) as f:
        with pytest.raises(ValueError, match=re.escape(rule)):
            f.cast_ballot("v1", "voter-01", scores)
        assert f.workshop.votes[0].ballots == [] and f.workshop.votes[0].voted == []
        path = f.path
    assert raw_rows(path, "SELECT * FROM ballots") == raw_rows(path, "SELECT * FROM voters") == []


def test_ballot_for_an_unknown_vote_is_refused(tmp_workshop: WorkshopFile):
    """Casting into a vote id that does not exist raises ValueError naming it."""
    with pytest.raises(ValueError, match="nope"):
        tmp_workshop.cast_ballot("nope", "p1", {})
