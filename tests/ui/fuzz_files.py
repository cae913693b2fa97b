"""Damaged workshop files, made by a seeded mutator: shared by tests/ui/test_fuzz_open.py and
tests/benchmarks/fuzz_open.py (no relative imports, so the script can import it by path).

Each case starts from a valid demo-like file and damages it one way: bits flipped, the file cut
short, bytes or whole pages overwritten, header fields changed, stored values of the wrong type
(through sqlite3), schema versions that are no version, tables dropped or added.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.store.workshop_file import write_new

REPO = Path(__file__).resolve().parents[2]
DEMO_JSON = REPO / "resources" / "demo" / "demo.json"

WRONG_VALUES: tuple[object, ...] = (
    "5", "XYZ", '"XYZ"', "[]", "{}", "[1, 2]", '{"a": "b"}', "null", "", 5, -1, 2.5, 1e308, None, b"\x00\xff",
    "not json {", '{"pr1": "x"}', "true", "nobody", "2026-13-45",
)
VERSIONS: tuple[object, ...] = (0, 1, 2, 5, 6, -1, 6.5, 8, 100, "7x", "", 2**40)


def base_file(folder: Path) -> Path:
    """A valid file: the demo plus a few dozen actions, so it spans several pages."""
    ws = workshop_from_document(json.loads(DEMO_JSON.read_text(encoding="utf-8")))
    ws.actions += [m.Action(f"bulk{i}", f"Bulk action number {i} " * 3) for i in range(40)]
    path = folder / "base.okrw"
    write_new(path, ws)
    return path


def _page_size(data: bytes) -> int:
    size = int.from_bytes(data[16:18], "big")
    return 65536 if size == 1 else (size or 4096)


def flip_bits(rng: random.Random, data: bytearray) -> None:
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)


def truncate(rng: random.Random, data: bytearray) -> None:
    del data[rng.randrange(len(data)):]


def overwrite_bytes(rng: random.Random, data: bytearray) -> None:
    start = rng.randrange(len(data))
    length = rng.randint(1, 512)
    data[start:start + length] = rng.randbytes(min(length, len(data) - start))


def overwrite_page(rng: random.Random, data: bytearray) -> None:
    size = _page_size(data)
    pages = max(1, len(data) // size)
    n = rng.randrange(pages)
    fill = rng.choice([bytes(size), rng.randbytes(size), b"\xff" * size])
    data[n * size:(n + 1) * size] = fill[: len(data) - n * size]


def header_field(rng: random.Random, data: bytearray) -> None:
    i = rng.choice([16, 17, 18, 19, 20, 21, 22, 23, 28, 31, 40, 44, 47, 52, 56, 60, 64, 68, 69, 96, 99])
    data[i] = rng.randrange(256)


BYTE_MUTATORS: tuple[Callable[[random.Random, bytearray], None], ...] = (
    flip_bits, truncate, overwrite_bytes, overwrite_page, header_field,
)


def _sql(path: Path, *statements: tuple[str, tuple]) -> None:
    conn = sqlite3.connect(path)
    try:
        for sql, args in statements:
            conn.execute(sql, args)
        conn.commit()
    finally:
        conn.close()


def wrong_value(rng: random.Random, path: Path) -> None:
    """One stored value of a random column of a random table set to a value of the wrong kind."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rng.shuffle(tables)
        for table in tables:
            if conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == 0:
                continue
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            column = rng.choice(columns)
            value = rng.choice(WRONG_VALUES)
            try:
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid IN (SELECT rowid FROM "{table}" '
                             f'LIMIT 1)' if _has_rowid(conn, table) else f'UPDATE "{table}" SET "{column}" = ?',
                             (value,))
            except sqlite3.Error:
                continue  # a NOT NULL or key constraint: try another table
            conn.commit()
            return
    finally:
        conn.close()


def _has_rowid(conn: sqlite3.Connection, table: str) -> bool:
    try:
        conn.execute(f'SELECT rowid FROM "{table}" LIMIT 1')
        return True
    except sqlite3.Error:
        return False


def schema_version(rng: random.Random, path: Path) -> None:
    _sql(path, ("UPDATE schema_version SET version = ?", (rng.choice(VERSIONS),)))


def schema_change(rng: random.Random, path: Path) -> None:
    change = rng.choice([
        ("DROP TABLE agenda", ()), ("DROP TABLE ballots", ()), ("DROP TABLE schema_version", ()),
        ("CREATE TABLE stranger (x)", ()), ("ALTER TABLE votes DROP COLUMN opted_out", ()),
        ("ALTER TABLE actions ADD COLUMN extra TEXT", ()), ("INSERT INTO schema_version VALUES (7)", ()),
        ("DELETE FROM info WHERE key = 'workshop'", ()), ("PRAGMA application_id = 1", ()),
        ("PRAGMA user_version = 99", ()),
    ])
    _sql(path, change)


SQL_MUTATORS: tuple[Callable[[random.Random, Path], None], ...] = (wrong_value, schema_version, schema_change)


def make_case(base: bytes, folder: Path, seed: int) -> tuple[Path, str]:
    """The damaged file of case ``seed`` in ``folder`` and the name of what was done to it."""
    rng = random.Random(seed)
    path = folder / f"case{seed}.okrw"
    path.write_bytes(base)
    if rng.random() < 0.55:
        data = bytearray(base)
        mutate = rng.choice(BYTE_MUTATORS)
        mutate(rng, data)
        path.write_bytes(bytes(data))
    else:
        mutate = rng.choice(SQL_MUTATORS)
        mutate(rng, path)
    for suffix in ("-wal", "-shm", "-journal"):  # sqlite3 leaves none after a clean close; make sure
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path, mutate.__name__
