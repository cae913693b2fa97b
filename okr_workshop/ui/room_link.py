"""Room voting inside the app: the server runs in its own threads, the file stays in Qt's.

The desk wakes this object through a queued signal; the slot then stores what the phones
sent, in the Qt thread, through the same store calls the laptop's screens use, so the Vote
screen redraws on the usual "votes" change within a moment of a ballot. The server stops
when the facilitator says so, when the workshop file closes, and when the app quits.

Why the "votes" change is coalesced: 60 phones pressing Submit together make dozens of
small commits a second, and each "votes" change redraws the Vote screen's chart and tables
on this thread (tens of ms each): told every time, the window froze for a quarter of a second
(tests/benchmarks/bench_room_gui.py). The ballots are still stored and answered at once; the
screens hear "votes" at most once per ``REDRAW_GAP_MS``, and a lone ballot at once. The room's
voice comes in bursts the same way (a prompt answered by the whole room, a popular question
upvoted), so "prompt_answers" and "room_questions" are told on the same beat.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from ..domain import model as m
from ..room.desk import Desk
from ..room.session import RoomSession
from .context import WorkshopContext

DEFAULT_PORT = 8765
REDRAW_GAP_MS = 80  # while ballots arrive, the screens redraw at most this often (a redraw takes 20-40 ms)
COALESCED = ("votes", "prompt_answers", "room_questions")  # what phones send in bursts: told on a beat


class RoomLink(QObject):
    """Starts and stops room voting for one open workshop; ``changed`` fires on either."""

    changed = Signal()
    _wake = Signal()

    def __init__(self, ctx: WorkshopContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session: RoomSession | None = None
        self._wake.connect(self._drain, Qt.QueuedConnection)
        self._redraw_due = QTimer(self)  # the coalesced changes (see the module docstring)
        self._redraw_due.setSingleShot(True)
        self._redraw_due.timeout.connect(self._tell_due)
        self._due: dict[str, None] = {}  # the sections waiting for ``_redraw_due``, in order
        self._told_at = -1.0  # time.monotonic() of the last coalesced change told
        ctx.store.closing.append(self._file_closing)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def running(self) -> bool:
        return self.session is not None

    def start(self, host: str, port: int = DEFAULT_PORT) -> RoomSession:
        """Listen on ``host`` only (the chosen network); a taken port falls back to a free one."""
        if self.session is not None:
            return self.session
        if self.ctx.read_only:
            raise OSError("the workshop is open read-only")
        desk = Desk(self.ctx.store, self._wake.emit, self._save_answers)
        # The app's window froze its heap after its warm-up (MainWindow.warm_up); a session's own
        # freeze would be undone at its stop for everything, the window's part included.
        session = RoomSession(desk, host, port, freeze_heap=False)
        try:
            session.start()
        except OSError:
            if port == 0:
                desk.close()
                raise
            session = RoomSession(desk, host, 0, freeze_heap=False)
            try:
                session.start()
            except OSError:
                desk.close()
                raise
        self.session = session
        self.changed.emit()
        return session

    def stop(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.stop()
            if self._redraw_due.isActive():  # the last ballots: on screen now, not in a moment
                self._redraw_due.stop()
                self._tell_due()
            self.changed.emit()

    def _file_closing(self) -> None:
        """The file closes: nothing is left to redraw, only the server to stop."""
        self._redraw_due.stop()
        self._due.clear()
        self.stop()

    def _drain(self) -> None:
        """Store what the phones sent now; tell the screens about the bursts a little later.

        ``ctx.changed`` is held while the desk stores (the store's own listeners, the desk's
        among them, still hear everything at once); a change not in ``COALESCED`` (a phone's
        private answers) is told right after, the others through ``_redraw_due``."""
        if self.session is None:
            return
        store = self.ctx.store
        sections: list[str] = []
        store.listeners.append(sections.append)
        was_blocked = self.ctx.blockSignals(True)
        try:
            self.session.desk.drain()
        finally:
            self.ctx.blockSignals(was_blocked)
            if sections.append in store.listeners:
                store.listeners.remove(sections.append)
        for section in dict.fromkeys(sections):
            if section in COALESCED:
                self._later(section)
            else:
                self.ctx.changed.emit(section)

    def _later(self, section: str) -> None:
        self._due[section] = None
        if self._redraw_due.isActive():
            return  # already due: it will show these too
        since_ms = (time.monotonic() - self._told_at) * 1000
        self._redraw_due.start(max(0, int(REDRAW_GAP_MS - since_ms)))

    def _tell_due(self) -> None:
        self._told_at = time.monotonic()
        due, self._due = self._due, {}
        for section in due:
            self.ctx.changed.emit(section)

    def _save_answers(self, participant: str, answers: dict[str, list[str]]) -> None:
        """As the laptop's private check stores them: one undo step naming who, never what."""
        ws = self.ctx.workshop
        existing = {a.question: a for a in ws.alignment_answers if a.participant == participant}
        with self.ctx.macro(f"Private answers from {ws.participant_name(participant)} (phone)"):
            for question, items in answers.items():
                self.ctx.edit(existing.get(question), m.AlignmentAnswer(participant, question, list(items)))
