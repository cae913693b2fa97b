"""Checking a workshop file before anything writes to it.

A file chosen in a dialog, on the command line or from the recent list may be anything: a
pipe, a text file, another program's database, a file cut short by a failed copy, one whose
values were changed by hand. Every check here reads through a read-only SQLite connection
(``immutable`` where nothing else can be writing the file), so a refused file keeps every
byte, and no ``-wal`` or ``-shm`` file appears beside it. What the file holds must pass the
rules an import passes (``WorkshopFile.open`` loads it read-only and calls ``check_workshop``);
only then is it opened for writing, and only then migrated.

Every refusal is a ``WorkshopFileError`` whose message is one line that starts with the path.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

from ..domain import model as m
from ..domain.validate import InterchangeError, document_from_workshop, workshop_from_document
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, TABLES

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_WAIT_S = 1.5  # how long a file another program is writing is waited for before saying so
INTEGRITY_ROWS = 100  # problems integrity_check lists at most (only the count of the rest is shown)

# What may go wrong while reading stored values into records: a wrong type, a missing key.
READ_ERRORS = (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)


class WorkshopFileError(Exception):
    """The file cannot be used; the message says why in words for the facilitator."""


class FileBusyError(WorkshopFileError):
    """Another program (not an okr-workshop window) holds a lock on the file."""


class NotWritableError(WorkshopFileError):
    """The file (or its folder) may be read but not changed; it can still be opened read-only."""


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def in_use(path: Path) -> FileBusyError:
    return FileBusyError(f"{path}: in use by another program; close it and try again")


def refusal(path: Path, exc: BaseException) -> WorkshopFileError:
    """The one-line refusal for an error met while reading ``path``: busy, or damaged."""
    if isinstance(exc, WorkshopFileError):
        return exc
    if _is_busy(exc):
        return in_use(path)
    return WorkshopFileError(f"{path}: damaged ({one_line(exc) or type(exc).__name__})")


def _is_busy(exc: BaseException) -> bool:
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


# ----- the file itself ------------------------------------------------------------------------


def check_kind(path: Path) -> os.stat_result:
    """Refuse what is not a regular file before opening it: opening a pipe would wait forever."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise WorkshopFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise WorkshopFileError(f"{path}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise WorkshopFileError(f"{path}: is a folder, not a workshop file")
    if not stat.S_ISREG(st.st_mode):
        raise WorkshopFileError(f"{path}: not a regular file (a pipe, a device or a socket), not a workshop file")
    return st


def _header(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(100)
    except OSError as exc:
        raise WorkshopFileError(f"{path}: cannot be read ({exc.strerror})") from None


def has_log(path: Path) -> bool:
    """A non-empty write-ahead log beside the file: it is open elsewhere, or was not closed cleanly."""
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except OSError:
        return False


def read_only_uri(path: Path, header: bytes | None = None) -> str:
    """Read without leaving traces or taking locks where that is safe.

    A file in write-ahead-log mode with no log beside it is written by nobody (a writer keeps
    the log until it closes), so SQLite may treat it as immutable and creates no ``-wal`` or
    ``-shm`` files. Any other file is read with SQLite's ordinary locks, which a rollback-journal
    reader takes without writing anything, so a program writing it is noticed and waited for.
    """
    header = _header(path) if header is None else header
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal_mode = len(header) > 19 and header[18] == 2 and header[19] == 2
    if wal_mode and not os.path.exists(f"{path}-wal") and not os.path.exists(f"{path}-journal"):
        uri += "&immutable=1"
    return uri


def writable(path: Path) -> bool:
    """Whether the file and its folder (where SQLite keeps its log) may be written."""
    return os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)


# ----- the database ---------------------------------------------------------------------------


def open_checked(path: str | os.PathLike[str]) -> tuple[sqlite3.Connection, int]:
    """A read-only connection to a file that passed every check but its content, and its version.

    Refuses a missing, special, damaged, foreign or newer file without writing to it.
    """
    path = Path(path)
    check_kind(path)
    header = _header(path)
    if not header.startswith(SQLITE_MAGIC):
        raise WorkshopFileError(f"{path}: not an okr-workshop file (it is not an SQLite database)")
    try:
        conn = sqlite3.connect(read_only_uri(path, header), uri=True, isolation_level=None,
                               check_same_thread=False, timeout=BUSY_WAIT_S)
    except sqlite3.Error as exc:
        raise WorkshopFileError(f"{path}: cannot be read ({one_line(exc)})") from None
    conn.row_factory = sqlite3.Row
    try:
        version = _check_database(conn, path)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, READ_ERRORS):
            raise refusal(path, exc) from None
        raise
    return conn, version


def check_file(path: str | os.PathLike[str]) -> int:
    """Refuse a file that is not a usable workshop without writing to it; return its version.

    Checks the file's kind, header, integrity, version and tables. What the tables hold is
    checked against the import's rules by ``WorkshopFile.open`` (it needs the records loaded).
    """
    conn, version = open_checked(path)
    conn.close()
    return version


def _check_database(conn: sqlite3.Connection, path: Path) -> int:
    deadline = time.monotonic() + BUSY_WAIT_S
    while True:  # the busy timeout covers most waits; a lock held while SQLite opens the file is retried here
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            break
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    if app_id != APPLICATION_ID:
        raise WorkshopFileError(f"{path}: an SQLite database, but not an okr-workshop file")
    _check_integrity(conn, path)
    version = _check_version(conn, path)
    _check_tables(conn, path, version)
    return version


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """quick_check, or the full integrity_check when the last session did not close cleanly."""
    check = "integrity_check" if has_log(path) else "quick_check"
    rows = [r[0] for r in conn.execute(f"PRAGMA {check}({INTEGRITY_ROWS})").fetchall()]
    problems = [line.strip() for row in rows for line in str(row).splitlines()
                if line.strip() and not line.startswith("*** in database")]
    if problems and problems != ["ok"]:
        more = len(problems) - 1
        extra = "" if not more else f"; and {more}{'+' if len(rows) >= INTEGRITY_ROWS else ''} more problem" + (
            "s" if more > 1 else "")
        raise WorkshopFileError(f"{path}: damaged ({problems[0]}{extra})")


def _check_version(conn: sqlite3.Connection, path: Path) -> int:
    try:
        rows = conn.execute("SELECT version FROM schema_version").fetchall()
    except sqlite3.OperationalError as exc:
        if _is_busy(exc):
            raise
        raise WorkshopFileError(f"{path}: damaged (its schema version is missing)") from None
    if len(rows) != 1:
        raise WorkshopFileError(f"{path}: damaged (it holds {len(rows)} schema versions, not one)")
    version = rows[0][0]
    if type(version) is int and version > SCHEMA_VERSION:
        raise WorkshopFileError(
            f"{path}: made by a newer okr-workshop (file version {version}, this app reads up to "
            f"{SCHEMA_VERSION}); update the app to open it"
        )
    if type(version) is not int or version < 1:
        raise WorkshopFileError(f"{path}: damaged (its schema version {version!r} is not one this app wrote)")
    return version


@functools.cache
def expected_tables(version: int) -> dict[str, tuple[tuple[str, str, bool, bool], ...]]:
    """The tables of a file at ``version``: name -> its columns (name, type, not null, in the key),
    as the migrations up to that version make them."""
    conn = sqlite3.connect(":memory:")
    try:
        for v in range(version):
            conn.executescript(MIGRATIONS[v])
        return _tables(conn)
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection) -> dict[str, tuple[tuple[str, str, bool, bool], ...]]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: tuple((r[1], str(r[2]).upper(), bool(r[3]), bool(r[5]))
                        for r in conn.execute(f'PRAGMA table_info("{name}")')) for name in names}


# Columns holding JSON, beyond schema.TABLES: table -> column -> the kind of value.
_MORE_JSON: dict[str, dict[str, type]] = {"ballots": {"scores": dict}, "undo_log": {"command": dict}}
_JSON_WORDS = {list: "a JSON list", dict: "a JSON object"}


@functools.lru_cache(maxsize=1)
def _column_rules() -> dict[str, tuple[dict[str, type], set[str]]]:
    """table -> (JSON columns and the container each holds, yes/no columns)."""
    rules: dict[str, tuple[dict[str, type], set[str]]] = {}
    for table in TABLES:
        fields = {f.name: f for f in dataclasses.fields(table.kind)}
        json_kinds = {c: dict if fields[c].default_factory is dict else list for c in table.json_columns}
        rules[table.name] = (json_kinds, set(table.bool_columns))
    for name, columns in _MORE_JSON.items():
        rules[name] = (columns, set())
    return rules


def _check_tables(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """The tables and columns this version has, and every stored value of the type its column says."""
    expected = expected_tables(version)
    found = _tables(conn)
    for name in sorted(set(expected) | set(found)):
        if name not in found:
            raise WorkshopFileError(f"{path}: damaged (table {name} is missing)")
        if name not in expected:
            raise WorkshopFileError(f"{path}: damaged (table {name} is not one this app writes)")
        if found[name] != expected[name]:
            raise WorkshopFileError(f"{path}: damaged (the columns of table {name} are not the ones this app writes)")
    rules = _column_rules()
    for name, columns in expected.items():
        json_columns, bool_columns = rules.get(name, ({}, set()))
        for n, row in enumerate(conn.execute(f'SELECT * FROM "{name}"')):
            for (column, kind, not_null, _), value in zip(columns, row, strict=True):
                problem = _value_problem(value, kind, not_null, json_columns.get(column), column in bool_columns)
                if problem is None and name == "info" and column == "value":
                    problem = _json_problem(value, dict if row[0] in OBJECT_INFO else None)
                if problem:
                    where = f"info {row[0]!r}" if name == "info" else f"{name}.{column} in row {n + 1}"
                    raise WorkshopFileError(f"{path}: damaged ({where}: {problem})")


OBJECT_INFO = ("workshop", "diagnosis", "rollout", "history")  # the info rows that hold a JSON object


def _value_problem(value: Any, kind: str, not_null: bool, json_kind: type | None, yes_no: bool) -> str | None:
    if value is None:
        return "is empty" if not_null else None
    if kind == "INTEGER" and type(value) is not int:
        return f"{value!r} is not a whole number"
    if kind == "REAL" and type(value) not in (int, float):
        return f"{value!r} is not a number"
    if kind == "TEXT" and type(value) is not str:
        return f"{value!r} is not text"
    if yes_no and value not in (0, 1):
        return f"{value!r} is not 0 or 1"
    if json_kind is not None:
        return _json_problem(value, json_kind)
    return None


def _json_problem(value: Any, json_kind: type | None) -> str | None:
    if type(value) is not str:
        return f"{value!r} is not JSON text"
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return f"{_short(value)} is not JSON"
    if json_kind is not None and type(parsed) is not json_kind:
        return f"{_short(value)} is not {_JSON_WORDS[json_kind]}"
    return None


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


# ----- what the file holds ----------------------------------------------------------------------


def check_workshop(path: Path, workshop: m.Workshop) -> None:
    """Refuse a file whose records an import would refuse, or would change: the workshop goes
    through the interchange document and the import's own validator (which names the first bad
    place), and what the validator makes of it must give the same document again (an empty
    text where a date or a reference belongs, which import reads as absent, is damage here)."""
    try:
        document = document_from_workshop(workshop)
        again = document_from_workshop(workshop_from_document(document))
    except InterchangeError as exc:
        raise WorkshopFileError(f"{path}: damaged ({one_line(exc)})") from None
    except READ_ERRORS as exc:
        raise WorkshopFileError(f"{path}: damaged (a stored value cannot be read: {one_line(exc)})") from None
    document, again = _canonical(document), _canonical(again)
    if _same_text(document, again):  # the usual case, in C; the walk below names the place
        return
    found = _difference(document, again, "")
    if found is not None:
        place, value = found
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise WorkshopFileError(f"{path}: damaged ({place}: {shown} is not a value this app stores)")


def _canonical(document: dict[str, Any]) -> dict[str, Any]:
    """Secret ballots in a fixed order: the file keeps them in random order on purpose."""
    for vote in document.get("votes", []):
        if vote.get("secret"):
            vote["ballots"] = sorted(vote.get("ballots", []), key=lambda b: json.dumps(b, sort_keys=True))
    return document


def _same_text(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether both documents read the same as JSON, which tells apart 1, 1.0 and true as
    ``_difference`` does. False when unsure (a NaN, which never equals itself there)."""
    try:
        return json.dumps(a, sort_keys=True, allow_nan=False) == json.dumps(b, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        return False


def _difference(a: Any, b: Any, place: str) -> tuple[str, Any] | None:
    """The first place where ``a`` and ``b`` differ, and ``a``'s value there."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            found = _difference(a.get(key), b.get(key), f"{place}.{key}" if place else str(key))
            if found is not None:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _difference(x, y, f"{place}[{i}]")
            if found is not None:
                return found
        return None
    return None if a == b and type(a) is type(b) else (place, a)
