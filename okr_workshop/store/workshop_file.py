"""The ``.okrw`` workshop file: open with checks and a lock, one transaction per edit.

Every public method that changes something commits before it returns (WAL), and a thread
flushes each commit to the disk at once (``log_flusher``), so a crash loses at most the edit in
flight, a power cut at most the steps of the last few milliseconds. A file that is damaged,
foreign or from a newer version is refused before anything writes to it. The in-memory
``workshop`` mirrors the file after every commit, so screens redraw without re-reading it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import random
import shutil
import sqlite3
import stat
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..domain import model as m
from ..domain.ballots import ballot_problem
from ..domain.validate import new_ballot_id
from .file_check import (  # noqa: F401 - SQLITE_MAGIC, FileBusyError, check_file: re-exported for callers
    SQLITE_MAGIC,
    FileBusyError,
    NotWritableError,
    WorkshopFileError,
    check_file,
    check_workshop,
    open_checked,
    read_only_uri,
    refusal,
    writable,
)
from .log_flusher import LogFlusher
from .output_file import OutputError, write_output
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, TABLE_OF, TABLES, Table
from .secret_batches import Held, HeldBallots

SIDECARS = ("-wal", "-shm", "-journal")  # SQLite's files beside a database, paired to it by name only
UNDO_LOG_LIMIT = 200
BUSY_TIMEOUT_MS = 2000  # another program's brief write lock is waited for, up to this long

Record = Any  # any record dataclass of domain.model listed in schema.TABLES


class FileInUseError(WorkshopFileError):
    """Another window or process has the file open for editing."""


class ReadOnlyError(WorkshopFileError):
    """An edit was attempted on a file opened read-only."""


class BallotRefused(ValueError):
    """A ballot of a batch breaks a rule; ``index`` says which one (the message says why)."""

    def __init__(self, index: int, message: str):
        super().__init__(message)
        self.index = index


@dataclasses.dataclass(frozen=True)
class Cast:
    """One ballot to store. ``replaces`` is the voter's earlier ballot id when re-voting."""

    vote: str
    participant: str | None
    scores: dict[str, int]
    replaces: str | None = None


def _sqlite_utils() -> Any:
    """sqlite-utils, imported on first use.

    sqlite-utils imports numpy (~0.2 s) only to store numpy values, which this app never
    passes; hiding numpy during that one import keeps a command or a first edit fast. numpy stays
    importable afterwards for matplotlib. Only while no other thread runs: the window's warm-up
    thread may be importing matplotlib, which must find numpy.
    """
    if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules and threading.active_count() == 1:
        sys.modules["numpy"] = None  # type: ignore[assignment]
        try:
            import sqlite_utils
        finally:
            del sys.modules["numpy"]
    import sqlite_utils

    return sqlite_utils


class _FileLock:
    """An advisory lock that tells a second window the file is already open for editing."""

    def __init__(self, path: Path):
        # Non-blocking: opening a pipe for reading would wait for a writer forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        self._fh = os.fdopen(fd, "rb")  # held for the life of the lock
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            try:
                msvcrt.locking(self._fh.fileno(), msvcrt.LK_NBLCK, 1)
            except OSError:
                self._fh.close()
                raise FileInUseError(f"{path}: already open in another okr-workshop window") from None
            return
        import fcntl

        try:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            raise FileInUseError(f"{path}: already open in another okr-workshop window") from None

    def release(self) -> None:
        self._fh.close()


def _row(table: Table, record: Record, position: int) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in table.skip:
            continue
        value = getattr(record, f.name)
        if f.name in table.json_columns:
            value = json.dumps(value, ensure_ascii=False)
        elif f.name in table.bool_columns:
            value = int(value)
        row[f.name] = value
    row["position"] = position
    return row


def _upsert(db: Any, table: Table, row: dict[str, Any]) -> None:
    """Insert or update one row by its key, in plain SQL: sqlite-utils' ``upsert`` reads the
    table's layout again on every call (half the cost of a phone's answer in a burst)."""
    columns = ", ".join(f'"{c}"' for c in row)  # quoted: "over", "first" and "at" are SQL words
    marks = ", ".join("?" * len(row))
    keys = ", ".join(f'"{c}"' for c in table.pk)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in row if c not in table.pk)
    db.execute(f"INSERT INTO {table.name} ({columns}) VALUES ({marks}) "
               f"ON CONFLICT ({keys}) DO UPDATE SET {updates}", list(row.values()))


# Records of which a workshop has exactly one, kept as JSON in the ``info`` table:
# kind -> (info key, attribute of domain.Workshop). The key is also the change section.
SINGLETONS: dict[type, tuple[str, str]] = {
    m.WorkshopInfo: ("workshop", "info"),
    m.Diagnosis: ("diagnosis", "diagnosis"),
    m.RolloutPlan: ("rollout", "rollout"),
    m.History: ("history", "history"),
}


def _record(table: Table, row: sqlite3.Row) -> Record:
    values: dict[str, Any] = {}
    columns = row.keys()
    for f in dataclasses.fields(table.kind):
        if f.name in table.skip or f.name not in columns:  # an older file opened read-only lacks newer columns
            continue
        value = row[f.name]
        if f.name in table.json_columns:
            value = json.loads(value)
        elif f.name in table.bool_columns:
            value = bool(value)
        values[f.name] = value
    return table.kind(**values)


class WorkshopFile:
    """One open workshop file. Create with ``open`` or ``create``; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _FileLock | None, read_only: bool):
        self.path = path
        self.read_only = read_only
        self._conn = conn
        self._lock = lock
        self._db = None
        self.listeners: list[Callable[[str], None]] = []
        self.closing: list[Callable[[], None]] = []  # told first when the file closes (room voting stops)
        self._held = HeldBallots()  # secret ballots waiting for their batch (see secret_batches)
        self._step_depth = 0
        self._told: dict[str, None] = {}  # the sections a step changed, told once when it ends
        self._held_at_step = self._held
        self._checkpoint_due = False
        self.workshop = self._load()
        self._flusher = None if read_only else LogFlusher(path)

    # ----- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> WorkshopFile:
        """Open an existing file; every refusal is a one-line ``WorkshopFileError``.

        The file is checked and loaded through a read-only connection first (``file_check``),
        its records held to the import's rules; only a file that passed is opened for writing,
        and only then migrated (after a ``.vN.bak`` copy). ``FileInUseError``: another window
        edits it; ``NotWritableError``: no permission to change it (open it read-only);
        ``FileBusyError``: another program holds a lock on it.
        """
        path = Path(path)
        conn, version = open_checked(path)
        try:
            reader = cls(path, conn, None, True)
        except BaseException as exc:
            conn.close()
            if isinstance(exc, (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError,
                                RecursionError)):
                raise refusal(path, exc) from None
            raise
        try:
            check_workshop(path, reader.workshop)
        except BaseException:
            reader.close()
            raise
        if read_only:
            return reader
        reader.close()
        return cls._open_for_writing(path, version)

    @classmethod
    def _open_for_writing(cls, path: Path, version: int) -> WorkshopFile:
        """The checked file, locked, connected for writing and migrated."""
        if not writable(path):
            raise NotWritableError(f"{path}: read-only (no permission to change it or its folder); "
                                   "open it read-only, or save a copy somewhere you can write")
        lock = _FileLock(path)
        try:
            if version < SCHEMA_VERSION:
                shutil.copy2(path, path.with_name(f"{path.name}.v{version}.bak"))
            conn = _connect(path)
            try:
                _migrate(conn, version)
                store = cls(path, conn, lock, False)
            except BaseException:
                conn.close()
                raise
            if version < SCHEMA_VERSION:
                store._flusher.committed()  # the migration's commit, flushed like an edit's
            return store
        except BaseException as exc:
            lock.release()
            if isinstance(exc, sqlite3.Error):
                raise refusal(path, exc) from None
            if isinstance(exc, OSError):
                raise WorkshopFileError(f"{path}: cannot be opened for writing ({exc.strerror or exc})") from None
            raise

    @classmethod
    def create(cls, path: str | os.PathLike[str], workshop: m.Workshop | None = None,
               replace: bool = False) -> WorkshopFile:
        """Write a new file holding ``workshop`` (see ``write_new``) and open it."""
        write_new(path, workshop, replace)
        return cls.open(path)

    def close(self) -> None:
        if self._conn is None:
            return
        for stop in list(self.closing):
            stop()
        if not self.read_only:
            with contextlib.suppress(sqlite3.Error):  # a file gone or full: those voters vote again
                self._write_held(self._held.votes())
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()
        self._conn = None
        if self._flusher is not None:
            self._flusher.close()
            self._flusher = None
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> WorkshopFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save_copy(self, target: str | os.PathLike[str], without_ballots_of: Sequence[str] = (),
                  complete: Sequence[str] = ()) -> None:
        """A consistent copy of the file as it is now, through SQLite's backup API.

        ``without_ballots_of``: votes whose ballots and voters the copy leaves out (a restore
        point's open secret votes). They are dropped in an in-memory copy, so their ballots
        never reach the disk, not even in a temporary file. ``complete``: secret votes about to
        close, whose ballots still waiting for their batch the copy includes, all at once.
        """
        target = Path(target)
        real = Path(os.path.realpath(target))
        if real == self.path.resolve():
            raise WorkshopFileError(f"{target}: is the open file; choose another name")
        # A connection of its own: it sees what is committed, and a backup from this store's
        # connection would wait forever while a step's transaction is open on it.
        source = sqlite3.connect(read_only_uri(self.path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            waiting = {v.id: v for v in self.workshop.votes if v.id in complete and self._held.entries(v.id)}
            if without_ballots_of or waiting:
                memory = _without_ballots(source, without_ballots_of, list(waiting.values()))
                source.close()
                source = memory
            _clear_for_replace(real)
            write_output(target, lambda tmp: _copy_into(source, tmp), special_ok=False, private=True)
        except OutputError as exc:
            raise WorkshopFileError(str(exc)) from None
        except sqlite3.Error as exc:
            raise WorkshopFileError(f"{target}: cannot write the copy ({exc})") from None
        finally:
            source.close()

    # ----- reading ---------------------------------------------------------------------------

    def _load(self) -> m.Workshop:
        conn = self._conn
        ws = m.Workshop()
        info = dict(conn.execute("SELECT key, value FROM info").fetchall())
        for kind, (key, attribute) in SINGLETONS.items():
            if key in info:
                setattr(ws, attribute, kind(**json.loads(info[key])))
        if "framework" in info:
            ws.framework = json.loads(info["framework"])
        version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
        for table in TABLES:
            if table.since > version:  # an older file opened read-only, not migrated
                continue
            rows = conn.execute(f"SELECT * FROM {table.name} ORDER BY position").fetchall()
            setattr(ws, table.workshop_list, [_record(table, r) for r in rows])
        ws.votes = [self._with_ballots(v) for v in ws.votes]
        return ws

    def _with_ballots(self, vote: m.Vote, known: Sequence[m.Ballot] = ()) -> m.Vote:
        """``vote`` with its ballots and voters as the file has them, plus the secret ballots
        still waiting for their batch. A ballot equal to one in ``known`` (the vote as it was)
        is that very object: each reveal or close keeps the vote in the undo history, and
        without sharing each copy would hold its own 60 ballots (a room day: tens of MB)."""
        ballots, voted = self._stored_ballots(vote.id)
        held = self._held.entries(vote.id)
        if held:
            ballots, voted = _with_held(ballots, voted, held)
        if known:
            same = {b.id: b for b in known}
            ballots = [same[b.id] if same.get(b.id) == b else b for b in ballots]
        return dataclasses.replace(vote, ballots=ballots, voted=voted)

    def _stored_ballots(self, vote_id: str) -> tuple[list[m.Ballot], list[str]]:
        """A vote's ballots and voters in the file. Open ballots in participant order, so exports
        and screens are stable from one load to the next; secret ones (no participant) in the
        order of their random ids."""
        rows = self._conn.execute(
            "SELECT * FROM ballots WHERE vote = ? ORDER BY participant, id", (vote_id,)
        ).fetchall()  # * : an older file opened read-only has no weight column (every weight is 1)
        ballots = [m.Ballot(r["id"], vote_id, json.loads(r["scores"]), r["participant"],
                            _weight(r["weight"]) if "weight" in r.keys() else 1) for r in rows]  # noqa: SIM118 - a Row's "in" reads values
        voted = [r[0] for r in self._conn.execute(
            "SELECT participant FROM voters WHERE vote = ? ORDER BY participant", (vote_id,))]
        return ballots, voted

    def undo_log(self) -> list[dict[str, Any]]:
        """The saved undo history, oldest first (see ``ui.commands``)."""
        rows = self._conn.execute("SELECT command FROM undo_log ORDER BY seq").fetchall()
        return [json.loads(r[0]) for r in rows]

    # ----- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        """One edit's writes, all or nothing; inside a user step they join the step's transaction."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path}: opened read-only; changes are not possible")
        if self._db is None:
            self._db = _sqlite_utils().Database(self._conn)
        held = self._held.copy()
        try:
            with self._db.atomic():
                yield self._db
        except BaseException:
            self._held = held  # rolled back: the ballots it took are waiting again
            raise
        if not self._conn.in_transaction:
            self._after_commit()

    # ----- one user step, one transaction ---------------------------------------------------------

    def begin_step(self) -> None:
        """Start a user step: every write until ``end_step`` (the data, the undo log, the decision
        log) commits together, so a crash never leaves one without the others. Steps nest; the
        outermost one decides."""
        if self._step_depth == 0 and not self.read_only and not self._conn.in_transaction:
            self._conn.execute("BEGIN IMMEDIATE")  # may raise (another program writes): no step began
            self._held_at_step = self._held.copy()
        self._step_depth += 1

    def end_step(self, ok: bool = True) -> None:
        """Finish a step: commit it, or (``ok`` False: it failed half-way) roll it back and read
        the file again, so the screens show what the file holds."""
        self._step_depth -= 1
        if self._step_depth > 0:
            return
        if self.read_only or self._conn is None or not self._conn.in_transaction:
            self._tell()
            return
        if ok:
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error:
                ok = False
        if not ok:
            if self._conn.in_transaction:  # a failed COMMIT may have ended it already
                self._conn.execute("ROLLBACK")
            self._held = self._held_at_step
            self.workshop = self._load()
            self._told = {"all": None}
            self._tell()
            return
        self._after_commit()
        self._tell()

    @contextlib.contextmanager
    def step(self) -> Iterator[None]:
        """``with store.step(): ...``: see ``begin_step``."""
        self.begin_step()
        ok = False
        try:
            yield
            ok = True
        finally:
            self.end_step(ok)

    def _after_commit(self) -> None:
        if self._flusher is not None:
            self._flusher.committed()
        if self._checkpoint_due:
            self._checkpoint_due = False
            self._forget_history()

    def _changed(self, section: str) -> None:
        """Tell the listeners which section changed; inside a step, once per section when it ends
        (a first map drop stores 60 boxes: the screens redraw once, not 60 times)."""
        self._told[section] = None
        if self._step_depth == 0:
            self._tell()

    def _tell(self) -> None:
        told, self._told = self._told, {}
        for section in told:
            for listener in list(self.listeners):
                listener(section)

    def put(self, record: Record, position: int | None = None) -> None:
        """Insert or replace one record (matched by its ``id``) in one transaction.

        A new record goes to ``position`` (default: the end); a replaced one keeps its place.
        """
        if type(record) in SINGLETONS:
            key, attribute = SINGLETONS[type(record)]
            with self._transaction() as db:
                value = json.dumps(dataclasses.asdict(record), ensure_ascii=False)
                db["info"].upsert({"key": key, "value": value}, pk="key")
            setattr(self.workshop, attribute, record)
            return self._changed(key)
        table = TABLE_OF[type(record)]
        items: list[Record] = getattr(self.workshop, table.workshop_list)
        index = next((i for i, r in enumerate(items) if r.id == record.id), None)
        with self._transaction() as db:
            if index is None:
                pos = self._make_room(db, table, position)
                if isinstance(record, m.Vote):
                    self._held.drop(record.id)  # a vote put back whole (redo) brings its ballots itself
                    _write_ballots(db, record)
            else:
                pos = index
            _upsert(db, table, _row(table, record, pos))
            if isinstance(record, m.Vote) and record.closed and index is not None:
                self._flush_held(db, record.id, self._held.take_all(record.id))
                self._checkpoint_due = True  # the closed vote's history leaves the log now
        if isinstance(record, m.Vote):
            record = self._with_ballots(record, items[index].ballots if index is not None else record.ballots)
        if index is None:
            items.insert(pos, record)
        else:
            items[index] = record
        self._changed(table.workshop_list)

    def _make_room(self, db: Any, table: Table, position: int | None) -> int:
        """Positions are list indexes; inserting at one shifts the rest down."""
        count = db.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]
        if position is None or position >= count:
            return count
        db.execute(f"UPDATE {table.name} SET position = position + 1 WHERE position >= ?", [position])
        return position

    def replace(self, old: Record, new: Record) -> None:
        """Replace a record whose key changed (an answer moved to another question, an edge
        to another node) in one transaction, keeping its place in the list."""
        with self._transaction():
            position = self.delete(old)
            self.put(new, position)

    def warm_up(self) -> None:
        """Import sqlite-utils now (after the first frame) so the first edit does not wait."""
        if self.read_only:
            return
        sqlite_utils = _sqlite_utils()
        if self._db is None and self._conn is not None:  # the file may have closed before this ran
            self._db = sqlite_utils.Database(self._conn)

    def delete(self, record: Record) -> int:
        """Remove one record; return its position so that undo can put it back in place."""
        table = TABLE_OF[type(record)]
        items: list[Record] = getattr(self.workshop, table.workshop_list)
        index = next((i for i, r in enumerate(items) if r.id == record.id), None)
        if index is None:
            raise ValueError(f"no {table.name} record {record.id!r} to delete")
        where = " AND ".join(f"{k} = ?" for k in table.pk)
        key = [getattr(record, k) for k in table.pk]
        with self._transaction() as db:
            db.execute(f"DELETE FROM {table.name} WHERE {where}", key)
            db.execute(f"UPDATE {table.name} SET position = position - 1 WHERE position > ?", [index])
            if isinstance(record, m.Vote):
                db.execute("DELETE FROM ballots WHERE vote = ?", [record.id])
                db.execute("DELETE FROM voters WHERE vote = ?", [record.id])
                self._held.drop(record.id)
                self._checkpoint_due = True
        items.pop(index)
        self._changed(table.workshop_list)
        return index

    def set_framework(self, framework: str) -> None:
        if framework not in m.FRAMEWORKS:
            raise ValueError(f"unknown framework {framework!r}")
        with self._transaction() as db:
            db["info"].upsert({"key": "framework", "value": json.dumps(framework)}, pk="key")
        self.workshop.framework = framework
        self._changed("decisions")

    def cast_ballot(self, vote_id: str, participant: str | None, scores: dict[str, int]) -> str:
        """Store one ballot and return its random id. In a secret vote the ballot row carries no
        voter; the voter is recorded in ``voters`` only, so nothing links the two."""
        return self.cast_ballots([Cast(vote_id, participant, scores)])[0]

    def replace_ballot(self, vote_id: str, participant: str, ballot_id: str, scores: dict[str, int]) -> str:
        """Re-voting: swap ``participant``'s ballot ``ballot_id`` for a new one (a new random id)
        in one transaction, until the vote is closed. ``voters`` is left as it is, and a secret
        vote's ballots are rewritten in random order, so the file shows no trace of which
        ballot was replaced. The caller vouches that ``ballot_id`` is this voter's: in a secret
        vote only the room server's memory knows that, never the file."""
        return self.cast_ballots([Cast(vote_id, participant, scores, replaces=ballot_id)])[0]

    def cast_ballots(self, casts: Sequence[Cast]) -> list[str]:
        """Store several ballots in one transaction and return their ids, in order.

        The room server commits the ballots that arrive together as one group: one sync and one
        reshuffle per secret vote instead of one per phone. All or nothing: a cast that breaks a
        rule raises ``BallotRefused`` naming its index, and nothing is stored.
        """
        votes = {v.id: (i, v) for i, v in enumerate(self.workshop.votes)}
        batch_voters: set[tuple[str, str]] = set()
        replaced: set[str] = set()
        for n, cast in enumerate(casts):
            problem = _cast_problem(self.workshop, votes, cast, batch_voters, replaced)
            if problem:
                raise BallotRefused(n, problem)
        ids = [new_ballot_id() for _ in casts]
        touched = list(dict.fromkeys(c.vote for c in casts))
        after: dict[str, m.Vote] = {}
        with self._transaction() as db:
            for vote_id in touched:
                vote = votes[vote_id][1]
                mine = [(ballot_id, c) for ballot_id, c in zip(ids, casts, strict=True) if c.vote == vote_id]
                gone = {c.replaces for _, c in mine if c.replaces is not None}
                new = [m.Ballot(ballot_id, vote_id, dict(c.scores), None if vote.secret else c.participant,
                                vote.weight_of(c.participant)) for ballot_id, c in mine]
                voters = sorted(set(vote.voters()) | {c.participant for _, c in mine if c.participant is not None})
                if vote.secret:  # held back, and written in batches (see secret_batches)
                    for ballot, (_, c) in zip(new, mine, strict=True):
                        self._held.add(ballot, c.participant if c.replaces is None else None, c.replaces)
                    self._flush_held(db, vote_id, self._held.due(vote_id))
                else:
                    _replace_open_ballots(db, vote_id, gone, new)
                ballots = [b for b in vote.ballots if b.id not in gone] + new
                after[vote_id] = dataclasses.replace(vote, ballots=_stored_order(ballots), voted=voters)
        for vote_id, vote in after.items():  # the file's new state, without reading it back
            self.workshop.votes[votes[vote_id][0]] = vote
        if touched:
            self._changed("votes")
        return ids

    def _flush_held(self, db: Any, vote_id: str, batch: list[Held]) -> None:
        """Write a batch of held secret ballots with their voters' marks, the vote's ballots
        rewritten in random order. The log may keep this state: it adds a whole batch at once."""
        if not batch:
            return
        _rewrite_secret_ballots(db, vote_id, *_with_held(*self._stored_ballots(vote_id), batch))

    def _write_held(self, vote_ids: Sequence[str]) -> None:
        """Write every ballot still held for ``vote_ids`` (the file is closing)."""
        if not vote_ids:
            return
        with self._transaction() as db:
            for vote_id in vote_ids:
                self._flush_held(db, vote_id, self._held.take_all(vote_id))

    def _forget_history(self) -> None:
        """Empty the write-ahead log, so a copy of it holds no earlier state of a secret vote.
        Best effort and never waiting: a reader in another process may keep the log for now
        (each state it keeps adds ballots and voters in batches only, see secret_batches)."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA busy_timeout=0")
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    def replace_all(self, workshop: m.Workshop) -> None:
        """Replace everything with ``workshop`` (an import into an open file) in one transaction."""
        with self._transaction() as db:
            for table in ("info", "ballots", "voters", "undo_log", *(t.name for t in TABLES)):
                db.execute(f"DELETE FROM {table}")
            _write_all(self._conn, workshop)
            self._held.drop()
        self.workshop = self._load()
        self._changed("all")

    def record_undo(self, command: dict[str, Any]) -> None:
        """Keep an undoable command in the file so undo survives a restart."""
        with self._transaction() as db:
            db.execute("INSERT INTO undo_log (command) VALUES (?)", [json.dumps(command, ensure_ascii=False)])
            db.execute("DELETE FROM undo_log WHERE seq <= (SELECT MAX(seq) FROM undo_log) - ?",
                       [UNDO_LOG_LIMIT])

    def drop_undo(self, count: int) -> None:
        """Forget the newest ``count`` saved commands (they were undone and replaced)."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM undo_log WHERE seq IN (SELECT seq FROM undo_log ORDER BY seq DESC LIMIT ?)",
                [count],
            )


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)  # before the first statement: WAL needs a lock
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")  # the log flushed by LogFlusher, not while a click waits
    conn.execute("PRAGMA secure_delete=ON")  # a deleted secret ballot leaves no trace in free pages
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def write_new(path: str | os.PathLike[str], workshop: m.Workshop | None = None, replace: bool = False) -> None:
    """Write a new file holding ``workshop``; it appears only once complete.

    The file is in write-ahead-log mode from the start, so a program reading it (a backup, an
    ``sqlite3`` shell) never keeps the first open from switching to it.
    """
    path = Path(path)
    if path.exists() and not replace:
        raise WorkshopFileError(f"{path}: already exists")
    made: list[Path] = []

    def build(tmp: Path) -> None:
        made.append(tmp)
        _build(tmp, workshop or m.Workshop())
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()

    try:
        _clear_for_replace(Path(os.path.realpath(path)))
        write_output(path, build, special_ok=False, private=True, durable=True)
    except OutputError as exc:
        raise WorkshopFileError(str(exc)) from None
    finally:
        for tmp in made:
            for suffix in SIDECARS:
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def _build(tmp: Path, ws: m.Workshop) -> None:
    """Write a complete new file at ``tmp`` with one sync at the end.

    Nobody can see ``tmp`` until it is renamed into place, so it needs no journal and no
    sync per statement: a crash leaves only a stray temporary file.
    """
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        _migrate(conn, 0)
        _write_all(conn, ws)
    finally:
        conn.close()
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    """Run forward migrations, all in one transaction."""
    if version >= SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for v in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[v].split(";"):
                if statement.strip():
                    conn.execute(statement)
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _write_all(conn: sqlite3.Connection, ws: m.Workshop) -> None:
    """Write a whole workshop into empty tables, in the caller's transaction or a new one.

    Plain ``executemany``: a bulk write needs none of sqlite-utils' introspection, and
    importing it here would cost the demo ~0.2 s before its window appears.
    """
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT OR REPLACE INTO info (key, value) VALUES (?, ?)",
            [*((key, json.dumps(dataclasses.asdict(getattr(ws, attribute)), ensure_ascii=False))
               for key, attribute in SINGLETONS.values()),
             ("framework", json.dumps(ws.framework))],
        )
        for table in TABLES:
            rows = [_row(table, r, i) for i, r in enumerate(getattr(ws, table.workshop_list))]
            if rows:
                columns = list(rows[0])
                conn.executemany(
                    f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [[row[c] for c in columns] for row in rows],
                )
        for vote in ws.votes:
            _write_ballots(conn, vote)
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise


def _clear_for_replace(path: Path) -> None:
    """Before a new file takes ``path``: refuse if a window edits it, and delete the old file's
    leftover journal: SQLite pairs ``NAME-wal`` with ``NAME`` by name alone and would replay
    a stale log (from a crashed session) over the new file."""
    try:
        st = os.stat(path)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        return  # a folder or a device: write_output refuses it
    try:
        _FileLock(path).release()
    except PermissionError:
        raise WorkshopFileError(f"{path}: cannot be replaced (permission denied)") from None
    for suffix in SIDECARS:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _without_ballots(conn: sqlite3.Connection, vote_ids: Sequence[str], complete: Sequence[m.Vote] = ()
                     ) -> sqlite3.Connection:
    """An in-memory copy of ``conn``'s database without the ballots and voters of ``vote_ids``,
    and with every ballot of the ``complete`` votes, rebuilt from scratch (no free pages, no row
    order left to read). Nothing touches the disk: the temporary database VACUUM uses is kept
    in memory too."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        memory.execute("PRAGMA temp_store=MEMORY")
        memory.execute(f"PRAGMA page_size={conn.execute('PRAGMA page_size').fetchone()[0]}")
        conn.backup(memory)
        marks = ", ".join("?" * len(vote_ids))
        memory.execute(f"DELETE FROM ballots WHERE vote IN ({marks})", list(vote_ids))
        memory.execute(f"DELETE FROM voters WHERE vote IN ({marks})", list(vote_ids))
        for vote in complete:
            _rewrite_secret_ballots(memory, vote.id, vote.ballots, vote.voted)
        memory.execute("VACUUM")
    except BaseException:
        memory.close()
        raise
    return memory


def _copy_into(source: sqlite3.Connection, tmp: Path) -> None:
    """``source``'s database into the empty file ``tmp``, as a single file (no log beside it)."""
    dst = sqlite3.connect(tmp)
    try:
        with dst:
            source.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()


def _rewrite_secret_ballots(db: Any, vote_id: str, ballots: list[m.Ballot], voters: list[str]) -> None:
    """Write a secret vote's ballots anew in random order, and its voters in id order.

    SQLite stores each new row's bytes below the previous one's in a page, so rows inserted
    one per cast spell out the casting order in the file; pairing the n-th ballot with the
    n-th voter would name every secret ballot. With ``secure_delete`` the old bytes are zeroed.
    Each table is written in one statement (from a JSON list): the room server rewrites while
    request threads want the interpreter, and every statement gives it up once.
    """
    rows = [[b.id, json.dumps(b.scores, ensure_ascii=False, sort_keys=True), b.weight] for b in ballots]
    random.SystemRandom().shuffle(rows)
    db.execute("DELETE FROM ballots WHERE vote = ?", [vote_id])
    db.execute("DELETE FROM voters WHERE vote = ?", [vote_id])
    db.execute("INSERT INTO ballots (id, vote, participant, scores, weight) SELECT json_extract(value, '$[0]'), ?, "
               "NULL, json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?) "
               "ORDER BY CAST(key AS INTEGER)",
               [vote_id, json.dumps(rows, ensure_ascii=False)])
    db.execute("INSERT INTO voters (vote, participant) SELECT ?, value FROM json_each(?) ORDER BY CAST(key AS INTEGER)",
               [vote_id, json.dumps(sorted(voters), ensure_ascii=False)])


def _replace_open_ballots(db: Any, vote_id: str, gone: set[str], new: list[m.Ballot]) -> None:
    """An open vote: drop the replaced ballots, add the new ones with their voters' names."""
    if gone:
        db.execute("DELETE FROM ballots WHERE vote = ? AND id IN (SELECT value FROM json_each(?))",
                   [vote_id, json.dumps(sorted(gone))])
    rows = [[b.id, b.participant, json.dumps(b.scores, ensure_ascii=False, sort_keys=True), b.weight] for b in new]
    db.execute("INSERT INTO ballots (id, vote, participant, scores, weight) SELECT json_extract(value, '$[0]'), ?, "
               "json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') "
               "FROM json_each(?)",
               [vote_id, json.dumps(rows, ensure_ascii=False)])
    db.execute("INSERT OR IGNORE INTO voters (vote, participant) SELECT ?, value FROM json_each(?)",
               [vote_id, json.dumps(sorted({b.participant for b in new if b.participant}), ensure_ascii=False)])


def _weight(value: float) -> float:
    """A weight as read back: 2.0 as 2, so a ballot compares equal to the one written."""
    return int(value) if float(value).is_integer() else value


def _with_held(ballots: list[m.Ballot], voted: list[str], held: Sequence[Held]) -> tuple[list[m.Ballot], list[str]]:
    """A vote's ballots and voters once ``held`` joins them: the ballots they replace go, theirs
    come in (in stored order), and so do their voters."""
    gone = {h.replaces for h in held}
    return (_stored_order([b for b in ballots if b.id not in gone] + [h.ballot for h in held]),
            sorted(set(voted) | {h.voter for h in held if h.voter is not None}))


def _stored_order(ballots: list[m.Ballot]) -> list[m.Ballot]:
    """The order ``_with_ballots`` reads them in: by participant (secret ones have none), then id."""
    return sorted(ballots, key=lambda b: (b.participant or "", b.id))


def _cast_problem(ws: m.Workshop, votes: dict[str, tuple[int, m.Vote]], cast: Cast,
                  batch_voters: set[tuple[str, str]], replaced: set[str]) -> str | None:
    """Why ``cast`` cannot be stored next to the casts already checked in its batch."""
    if cast.vote not in votes:
        return f"no vote {cast.vote!r}"
    vote = votes[cast.vote][1]
    if vote.closed:
        return "this vote is closed: no more ballots"
    if cast.participant is not None and cast.participant in vote.opted_out:
        return f"{ws.participant_name(cast.participant) or cast.participant} sits this vote out"
    problem = ballot_problem(vote, cast.scores)
    if problem:
        return problem
    who = cast.participant
    if cast.replaces is None:
        if who is not None and (who in vote.voters() or (vote.id, who) in batch_voters):
            return f"{ws.participant_name(who) or who} has already voted"
        if who is not None:
            batch_voters.add((vote.id, who))
        return None
    old = next((b for b in vote.ballots if b.id == cast.replaces), None)
    if who is None or who not in vote.voters() or old is None or cast.replaces in replaced:
        return "there is no earlier ballot of this voter to replace"
    if not vote.secret and old.participant != who:
        return "that ballot belongs to someone else"
    replaced.add(cast.replaces)
    return None


def _insert_ballot(db: Any, vote: m.Vote, participant: str | None, scores: dict[str, Any], weight: float = 1
                   ) -> str:
    ballot_id = new_ballot_id()
    db.execute(
        "INSERT INTO ballots (id, vote, participant, scores, weight) VALUES (?, ?, ?, ?, ?)",
        [ballot_id, vote.id, None if vote.secret else participant,
         json.dumps(scores, ensure_ascii=False, sort_keys=True), weight],
    )
    if participant is not None:
        db.execute("INSERT OR IGNORE INTO voters (vote, participant) VALUES (?, ?)", [vote.id, participant])
    return ballot_id


def _write_ballots(db: Any, vote: m.Vote) -> None:
    ballots = list(vote.ballots)
    if vote.secret:  # the list may come in casting order; the file must not keep it
        random.SystemRandom().shuffle(ballots)
    for ballot in ballots:
        _insert_ballot(db, vote, ballot.participant, ballot.scores, ballot.weight)
    for who in sorted(vote.voted):
        db.execute("INSERT OR IGNORE INTO voters (vote, participant) VALUES (?, ?)", [vote.id, who])
