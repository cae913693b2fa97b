"""Each commit flushed to the disk by a background thread, so that no click waits for the disk.

The workshop file runs in WAL mode with ``synchronous=NORMAL``: a commit is written to the log
(``FILE-wal``) and handed to the operating system without waiting for the disk. A crash of the
app loses nothing (the operating system writes it), and SQLite keeps the file consistent
through a power cut; what NORMAL alone gives up is the last commits before a power cut. So
after each commit this thread flushes the log (fsync) at once, and a burst of commits shares
one flush. The window for a power cut to undo a step is the flush's few milliseconds, after
the click has been answered. With ``synchronous=FULL`` the click waited for the flush itself:
usually 1-5 ms on the development machine, now and then over 100 ms (bench_soak's longest
stalls were commits waiting on the disk), which the room would see.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .output_file import fsync_path

STOP_SECONDS = 10.0  # ``close`` waits this long for the last flush


class LogFlusher:
    """Flushes ``FILE-wal`` after every ``committed``; ``wait`` until what was committed is flushed."""

    def __init__(self, database: Path):
        self._log = Path(f"{database}-wal")
        self._cond = threading.Condition()
        self._asked = 0  # commits told so far
        self._flushed = 0  # commits the last finished flush covered
        self._stopping = False
        # Started at the first commit: a file only read needs no thread, and until then no
        # thread but the caller's runs for the store (see workshop_file._sqlite_utils).
        self._thread: threading.Thread | None = None

    def committed(self) -> None:
        """A transaction just committed: flush the log soon (now, or after the flush under way)."""
        with self._cond:
            self._asked += 1
            self._cond.notify_all()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="okr-workshop log flush", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Until every commit told so far is on the disk; False when ``timeout`` ran out first."""
        with self._cond:
            return self._cond.wait_for(lambda: self._flushed >= self._asked, timeout)

    def close(self) -> None:
        """Flush what is left, then end the thread."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=STOP_SECONDS)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._asked > self._flushed or self._stopping)
                if self._asked == self._flushed:  # stopping, with nothing left to flush
                    return
                covered = self._asked
            fsync_path(self._log, writable=True)  # a log SQLite removed at close needs none
            with self._cond:
                self._flushed = covered
                self._cond.notify_all()
