"""Building the PDF rollout pack off the UI thread, with progress and cancel.

The build (reportlab's layout) takes about a second; in a worker thread the
window keeps painting and the progress dialog can be cancelled. The worker builds from a
snapshot of the workshop (the record lists copied; records are frozen), so an edit made while
it runs cannot change what it reads halfway through. Signals cross back to the UI thread
queued, as Qt does for a receiver living in another thread.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from ..domain.model import Workshop
from . import handover


def snapshot(ws: Workshop) -> Workshop:
    """A copy the UI thread's edits cannot touch: every list copied, the frozen records shared."""
    lists = {f.name: list(getattr(ws, f.name)) for f in dataclasses.fields(ws) if isinstance(getattr(ws, f.name), list)}
    return dataclasses.replace(ws, **lists)


class _Worker(QObject):
    progress = Signal(int, str)  # per mille, words
    finished = Signal(str, int)  # path, pages
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, ws: Workshop, path: str, facilitator: bool, paper: str, stop: threading.Event):
        super().__init__()
        self.ws, self.path, self.facilitator, self.paper, self.stop = ws, path, facilitator, paper, stop

    @Slot()
    def run(self) -> None:
        from ..export.pdf_pack import Cancelled, write_pack
        from ..store.output_file import OutputError

        def report(fraction: float, words: str) -> None:
            if self.stop.is_set():
                raise Cancelled
            self.progress.emit(round(fraction * 1000), words)

        try:
            result = write_pack(self.ws, self.path, facilitator=self.facilitator, paper=self.paper, progress=report)
        except Cancelled:
            self.cancelled.emit()
        except OutputError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(f"{self.path}:\n{exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 - a failed export must never take the window down
            self.failed.emit(f"The pack could not be built: {type(exc).__name__}: {exc}")
        else:
            self.finished.emit(self.path, result.pages)


_ALIVE: set[PackJob] = set()  # running jobs keep themselves alive: closing a screen must not kill the thread


class PackJob(QObject):
    """One export: ``start()``, then ``progress``/``finished``/``failed``/``cancelled``; ``cancel()`` stops it.

    The job has no Qt parent on purpose: a window closed mid-export must not destroy a running
    thread (Qt aborts the process when that happens). It lives until its thread has stopped,
    and the application waits for it (cancelled) before quitting."""

    progress = Signal(int, str)
    finished = Signal(str, int)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()  # after any of the three endings, once the thread has stopped

    def __init__(self, ws: Workshop, path: str | Path, facilitator: bool = False, paper: str = "a4"):
        super().__init__()
        self._stop = threading.Event()
        self._thread = QThread(self)
        self._worker = _Worker(snapshot(ws), str(path), facilitator, paper, self._stop)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.finished.connect(self.finished)
        self._worker.failed.connect(self.failed)
        self._worker.cancelled.connect(self.cancelled)
        for ending in (self._worker.finished, self._worker.failed, self._worker.cancelled):
            ending.connect(self._thread.quit)
        self._thread.finished.connect(self._ended)

    def start(self) -> None:
        handover.hold(self)  # the window keeps its turns while the build runs
        _ALIVE.add(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop_now)
        self._thread.start()

    def _ended(self) -> None:
        _ALIVE.discard(self)
        handover.release(self)
        self.done.emit()

    def _stop_now(self) -> None:
        self.cancel()
        self.wait()

    def cancel(self) -> None:
        self._stop.set()

    def running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms)
