"""Restore points: rotating copies of an open workshop, so a whole session segment can be undone.

Each point is a complete workshop file made with SQLite's backup API (``WorkshopFile.save_copy``)
plus a small JSON note (when, why, what it held). The points of one workshop live in one folder
under a root the caller chooses (the app uses the user's data folder: see ``ui/restore.py``),
named after the workshop and a hash of its full path, so the list is read back from disk after
a restart. Only the newest ``keep`` points stay.

Secret ballots: two copies taken while a secret vote is still collecting ballots could be
compared to tell who cast which ballot (the voters and the ballots added between the two
copies). So a point never keeps the ballots of a secret vote that is still open, unless the
caller says that vote's ballots are final (the point taken just before it closes). They are
dropped from an in-memory copy before anything is written, so no file, not even a temporary
one, ever holds them. Restoring such a point brings the vote back without its ballots; its note
says so. A point is written under a temporary name and renamed; a run killed half way leaves a
temporary file that the next start removes (``output_file.remove_leftovers``).

Usage::

    points = RestorePoints(store.path, root)
    points.make(store, "Opened")
    for point in points.list():          # newest first
        print(point.made, point.reason)
    points.restore(store, points.list()[-1])
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from ..domain import model as m
from .output_file import OutputError, remove_leftovers, write_output
from .workshop_file import WorkshopFile, WorkshopFileError

KEEP = 30
NOTE_SUFFIX = ".json"
FILE_SUFFIX = ".okrw"


@dataclasses.dataclass(frozen=True)
class RestorePoint:
    """One copy on disk and what its note says about it."""

    path: Path
    made: datetime  # local time
    reason: str
    summary: str = ""
    note: str = ""  # what the copy lacks on purpose (secret ballots of an open vote)

    @property
    def label(self) -> str:
        return f"{self.made:%a %d %b %H:%M:%S} ({self.reason})"


def folder_for(workshop: Path, root: Path) -> Path:
    """The folder holding the points of ``workshop``: readable name, unique by full path."""
    resolved = str(Path(workshop).resolve())
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:12]
    stem = re.sub(r"[^\w.-]+", "-", Path(workshop).stem).strip("-.")[:40] or "workshop"
    return Path(root) / f"{stem}-{digest}"


def summary(workshop: m.Workshop) -> str:
    """What a point holds, in a few counts the facilitator recognises."""
    closed = sum(1 for v in workshop.votes if v.closed)
    parts = [
        f"{len(workshop.participants)} people",
        f"{len(workshop.votes)} votes ({closed} closed)",
        f"{len(workshop.not_now)} not now",
        f"{len(workshop.edges)} dependencies",
        f"{len(workshop.objectives)} objectives",
        f"{len(workshop.actions)} actions",
    ]
    return " · ".join(parts)


def open_secret_votes(workshop: m.Workshop, final: Collection[str] = ()) -> list[m.Vote]:
    """Secret votes still collecting ballots, whose partial ballots a copy must not keep."""
    return [v for v in workshop.votes
            if v.secret and not v.closed and v.id not in final and (v.ballots or v.voted)]


class RestorePoints:
    """The restore points of one workshop file."""

    def __init__(self, workshop: str | os.PathLike[str], root: str | os.PathLike[str], keep: int = KEEP):
        self.workshop = Path(workshop).resolve()
        self.folder = folder_for(self.workshop, Path(root))
        self.keep = max(1, keep)
        remove_leftovers([self.folder])  # copies and notes a killed run left half-written

    # ----- making ----------------------------------------------------------------------------

    def make(self, store: WorkshopFile, reason: str, final: Collection[str] = ()) -> RestorePoint:
        """Copy the open file now; ``final`` names secret votes whose ballots are complete."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            self.folder.chmod(0o700)  # strategy content: the owner's eyes only
        made = datetime.now()
        stem = self._free_stem(made)
        target = self.folder / f"{stem}{FILE_SUFFIX}"
        stripped = open_secret_votes(store.workshop, final)
        store.save_copy(target, without_ballots_of=[v.id for v in stripped], complete=list(final))
        note = ""
        if stripped:
            titles = ", ".join(f"“{v.title}”" for v in stripped)
            note = f"without the ballots of the secret vote{'s' if len(stripped) > 1 else ''} {titles} (still open)"
        point = RestorePoint(target, made, reason, summary(store.workshop), note)
        _write_note(point, self.workshop, store.workshop.info.title)
        self._rotate()
        return point

    def _free_stem(self, made: datetime) -> str:
        stem = made.strftime("%Y%m%d-%H%M%S-%f")
        while (self.folder / f"{stem}{FILE_SUFFIX}").exists():  # two in one microsecond (tests)
            stem += "x"
        return stem

    def _rotate(self) -> None:
        for point in self.list()[self.keep:]:
            self.delete(point)

    def delete(self, point: RestorePoint) -> None:
        point.path.unlink(missing_ok=True)
        point.path.with_suffix(NOTE_SUFFIX).unlink(missing_ok=True)

    # ----- reading ---------------------------------------------------------------------------

    def list(self) -> list[RestorePoint]:
        """Every point on disk, newest first. A copy without its note (a crash between the two
        writes) is still listed, dated by its name."""
        if not self.folder.is_dir():
            return []
        points = [_read_point(path) for path in self.folder.glob(f"*{FILE_SUFFIX}")]
        return sorted((p for p in points if p is not None), key=lambda p: (p.made, p.path.name), reverse=True)

    def load(self, point: RestorePoint) -> m.Workshop:
        """The workshop a point holds; WorkshopFileError if the copy is damaged or missing."""
        try:
            with WorkshopFile.open(point.path, read_only=True) as copy:
                return copy.workshop
        except (sqlite3.Error, ValueError, TypeError, KeyError) as exc:
            raise WorkshopFileError(f"{point.path}: damaged ({exc})") from None

    def restore(self, store: WorkshopFile, point: RestorePoint) -> RestorePoint:
        """Replace the open file's content with ``point``'s in one transaction, after keeping
        the current state as a point of its own (returned), so restoring can be undone too."""
        workshop = self.load(point)  # refuse a damaged copy before touching anything
        before = self.make(store, f"Before restoring to {point.made:%H:%M:%S}")
        store.replace_all(workshop)
        return before


def _write_note(point: RestorePoint, workshop: Path, title: str) -> None:
    note = {"made": point.made.isoformat(), "reason": point.reason, "summary": point.summary, "note": point.note,
            "workshop": str(workshop), "title": title}
    data = json.dumps(note, ensure_ascii=False, indent=1).encode("utf-8")
    try:
        write_output(point.path.with_suffix(NOTE_SUFFIX), lambda tmp: tmp.write_bytes(data), private=True)
    except OutputError as exc:
        raise WorkshopFileError(str(exc)) from None


def _read_point(path: Path) -> RestorePoint | None:
    note: dict = {}
    with contextlib.suppress(OSError, ValueError):
        note = json.loads(path.with_suffix(NOTE_SUFFIX).read_text(encoding="utf-8"))
    try:
        made = datetime.fromisoformat(note["made"])
    except (KeyError, TypeError, ValueError):
        try:
            made = datetime.strptime(path.stem.rstrip("x"), "%Y%m%d-%H%M%S-%f")
        except ValueError:
            return None  # not one of ours
    return RestorePoint(path, made, str(note.get("reason") or "Unknown"), str(note.get("summary") or ""),
                        str(note.get("note") or ""))
