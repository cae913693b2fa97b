"""The demo offsites: the shipped JSON in a fresh file each time.

Two demos: the spring offsite (``demo.json``) and the same company one quarter later
(``demo-next.json``, started from the first with ``okr-workshop new --from``), which shows the
retrospective and the then-and-now.

The first demo of a version builds the file from the JSON and keeps a copy in the user's cache
folder; later demos copy that file, which spares the start the validation and the writing
(about 15 ms of a 0.2 s start). The copy's name carries a hash of the JSON, the schema
version and the app's version, so a changed demo or a new release never opens a stale one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import zlib
from pathlib import Path

from .. import __version__
from ..resource_lookup import resource
from ..store.schema import APPLICATION_ID, SCHEMA_VERSION
from ..store.workshop_file import SQLITE_MAGIC, write_new


def cache_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.CacheLocation)
    return Path(base or Path.home() / ".cache" / "okr-workshop")


def _looks_like_ours(path: Path) -> bool:
    """An SQLite file with our application id: the header, not a full check (the store does that)."""
    with path.open("rb") as f:
        head = f.read(72)
    return head.startswith(SQLITE_MAGIC) and int.from_bytes(head[68:72], "big") == APPLICATION_ID


DEMOS = {
    "demo.json": ("demo offsite.okrw", "demo"),
    "demo-next.json": ("demo offsite (next quarter).okrw", "next-quarter-demo"),
}
"""The shipped demo -> (the copy's file name, its cache file's prefix)."""


def make_demo_copy(name: str = "demo.json") -> Path:
    """A new workshop file holding the demo ``name`` (one of ``DEMOS``), in a folder of its own."""
    file_name, prefix = DEMOS[name]
    folder = Path(tempfile.mkdtemp(prefix="okr-workshop-demo-"))
    path = folder / file_name
    source = resource(f"demo/{name}").read_bytes()
    # crc32, not a hashlib digest: hashlib loads OpenSSL (~3 ms); telling versions apart is enough.
    key = f"{zlib.crc32(source):08x}-{len(source)}-{SCHEMA_VERSION}-{__version__}"
    cached = cache_folder() / f"{prefix}-{key}.okrw"
    with contextlib.suppress(OSError):
        shutil.copyfile(cached, path)
        if _looks_like_ours(path):
            return path
        path.unlink()  # not ours after all (a damaged cache): build a fresh one below
    from ..domain.validate import workshop_from_document

    write_new(path, workshop_from_document(json.loads(source.decode("utf-8"))))
    with contextlib.suppress(OSError):  # no cache (a read-only home, a full disk): build it each time
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(path, partial)
        os.replace(partial, cached)  # whole or not at all, even with two instances starting at once
    return path
