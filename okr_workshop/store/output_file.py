"""Writing a file the user named, and the temporary files that takes.

Every export and every copy of a workshop goes through ``write_output``: a regular file (or a
new name) is written to a temporary file beside it and renamed into place, so a failure or a
kill never leaves half a file under the user's name. A symlink is written through, to the file
it points at, and stays a symlink. A pipe or a character device (``/dev/null``, ``/dev/stdout``)
cannot be replaced by a rename: it is written straight, once the whole output is ready.

The app's temporary files all carry one recognisable name, ``.okr-workshop-tmp.PID.RANDOM.tmp``,
so ``remove_leftovers`` can delete the ones a killed run left behind, and nothing else: never a
file of another program, nor one a running okr-workshop is still writing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

TEMP_PREFIX = ".okr-workshop-tmp."
TEMP_SUFFIX = ".tmp"
_LEFTOVER = re.compile(r"^\.okr-workshop-tmp\.(\d+)\.[A-Za-z0-9_]+\.tmp(-journal|-wal|-shm)?$")
STALE_AFTER_S = 24 * 3600  # where a process cannot be asked whether it still runs (Windows)


class OutputError(Exception):
    """The output cannot be written there; the message (one line) names the path and why."""


def temp_file(folder: Path) -> Path:
    """A new, empty, owner-only file in ``folder`` named as the app's own temporary file."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{os.getpid()}.", suffix=TEMP_SUFFIX)
    os.close(fd)
    return Path(name)


def write_output(target: str | os.PathLike[str], write: Callable[[Path], None], *, special_ok: bool = True,
                 private: bool = False, durable: bool = False) -> Path:
    """Write ``target`` by calling ``write(path)`` on a temporary file, then put it in place.

    ``special_ok``: a pipe or a character device gets the bytes (else: refused);
    ``private``: the file stays owner-only (else it gets the mode of the file it replaces, or
    the mode any new file gets); ``durable``: synced, rename included, before returning.
    Returns the path written (a symlink's target). Raises ``OutputError``; an exception of
    ``write`` other than OSError (a cancel) passes through, leaving nothing behind.
    """
    shown = os.fspath(target)
    real = Path(os.path.realpath(target))  # a symlink is written through, not replaced
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write ({exc.strerror})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{shown}: is a folder; choose a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):
        if not special_ok or not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            raise OutputError(f"{shown}: not a regular file; choose a file name")
        _write_special(shown, real, write)
        return real
    if not real.parent.is_dir():
        raise OutputError(f"{shown}: folder {real.parent} does not exist")
    tmp: Path | None = None
    try:
        tmp = temp_file(real.parent)
        write(tmp)
        if not private:
            os.chmod(tmp, st.st_mode & 0o7777 if st is not None else 0o666 & ~_umask())
        if durable:
            fsync_path(tmp)
        os.replace(tmp, real)
        tmp = None
        if durable:
            fsync_path(real.parent)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return real


def _write_special(shown: str, real: Path, write: Callable[[Path], None]) -> None:
    """The whole output first (a writer may rewrite its file, as the PDF's passes do), then
    its bytes into the pipe or device in one go."""
    tmp: Path | None = None
    try:
        tmp = temp_file(Path(tempfile.gettempdir()))
        write(tmp)
        with open(tmp, "rb") as source, open(real, "wb") as sink:
            shutil.copyfileobj(source, sink)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def fsync_path(path: Path, writable: bool = False) -> None:
    """Make the file's bytes, or a rename in a folder, durable (where the platform allows); a
    path that cannot be opened or flushed is left as it is. ``writable``: open the file for
    writing to flush it (Windows flushes only such a handle; a folder cannot be opened so)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0) if writable else os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_leftovers(folders: Iterable[str | os.PathLike[str]]) -> int:
    """Delete the app's temporary files that a killed run left in ``folders``; return how many.

    Only names made by ``temp_file``, and only those whose process has ended (or, where that
    cannot be asked, that are a day old): a running export's file is left alone. One folder
    listing each: cheap enough for every start.
    """
    removed = 0
    for folder in dict.fromkeys(Path(f) for f in folders):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _LEFTOVER.match(entry.name)
            if match is None or _alive(int(match.group(1)), entry):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def _alive(pid: int, entry: os.DirEntry) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - os.kill would end the process there
        try:
            return time.time() - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER_S
        except OSError:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's process, running
        return True
    return True
