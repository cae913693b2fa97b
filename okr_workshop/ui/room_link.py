"""Room voting inside the app: the server runs in its own threads, the file stays in Qt's.

The desk wakes this object through a queued signal; the slot then stores what the phones
sent, in the Qt thread, through the same store calls the laptop's screens use, so the Vote
screen redraws on the usual "votes" change within a moment of a ballot. The server stops
when the facilitator says so, when the workshop file closes, and when the app quits.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from ..domain import model as m
from ..room.desk import Desk
from ..room.session import RoomSession
from .context import WorkshopContext

DEFAULT_PORT = 8765


class RoomLink(QObject):
    """Starts and stops room voting for one open workshop; ``changed`` fires on either."""

    changed = Signal()
    _wake = Signal()

    def __init__(self, ctx: WorkshopContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session: RoomSession | None = None
        self._wake.connect(self._drain, Qt.QueuedConnection)
        ctx.store.closing.append(self.stop)
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
        session = RoomSession(desk, host, port)
        try:
            session.start()
        except OSError:
            if port == 0:
                desk.close()
                raise
            session = RoomSession(desk, host, 0)
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
            self.changed.emit()

    def _drain(self) -> None:
        if self.session is not None:
            self.session.desk.drain()

    def _save_answers(self, participant: str, answers: dict[str, list[str]]) -> None:
        """As the laptop's private check stores them: one undo step naming who, never what."""
        ws = self.ctx.workshop
        existing = {a.question: a for a in ws.alignment_answers if a.participant == participant}
        with self.ctx.macro(f"Private answers from {ws.participant_name(participant)} (phone)"):
            for question, items in answers.items():
                self.ctx.edit(existing.get(question), m.AlignmentAnswer(participant, question, list(items)))
