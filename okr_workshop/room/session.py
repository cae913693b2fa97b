"""One run of room voting: the codes, the desk, the API and the server, started and stopped together."""

from __future__ import annotations

import gc

from ..resource_lookup import resource
from ..store.workshop_file import WorkshopFile
from .api import RoomApi
from .codes import Joined, Roster, format_code
from .desk import Desk, DeskThread, RoomView
from .server import RoomServer

PAGE = "room/index.html"
# The interpreter's switch interval is left at its default (5 ms). It used to be lowered to 1 ms
# while the room was on, so the file's thread got its turn between the server's requests; since
# the server wakes that thread once per turn of its loop and hears back once per group
# (``Desk.wake_after``, ``server.Mailbox``), the threads hand over rarely, and forcing a hand-over
# every millisecond only cost: in bench_room.py, run back to back on a busy machine, 5 ms won 8
# rounds of 10, median p99 ~29 ms against ~43 ms at 1 ms.


def load_page() -> str:
    """The phone page: one file with its CSS and JS inline, shipped in the package's resources."""
    return resource(PAGE).read_text(encoding="utf-8")


class RoomSession:
    """Listens from ``start`` until ``stop``; codes and device tokens live exactly as long."""

    def __init__(self, desk: Desk, host: str = "127.0.0.1", port: int = 0, page: str | None = None,
                 freeze_heap: bool = True):
        """``freeze_heap``: keep the heap out of the collector's reach while the room is on (see
        ``start``); False where the process did that for good already (the app's window)."""
        self.desk = desk
        self.freeze_heap = freeze_heap
        self.roster = Roster(desk.view.people)
        self._people = desk.view.people
        desk.view_listeners.append(self._view_changed)
        self.api = RoomApi(desk, self.roster, page if page is not None else load_page())
        self.server = RoomServer(self.api, host, port)

    @property
    def room_code(self) -> str:
        """As it is shown (``ABCD-EFGH``); typed with or without the dash, in any case."""
        return format_code(self.roster.room_code)

    def url(self, address: str | None = None) -> str:
        return self.server.url(address)

    def join_codes(self) -> list[tuple[str, str, str]]:
        """(participant id, name, personal join code as shown) for everyone who can join, in list order."""
        people = self.desk.view.people
        return [(pid, name, format_code(self.roster.add(pid))) for pid, name in people.items()]

    # ----- the facilitator's console (any thread) -------------------------------------------

    def joined(self) -> dict[str, Joined]:
        """Who has joined: participant -> devices and how they joined."""
        return self.roster.joined()

    def release(self, participant: str) -> int:
        """Forget the person's devices so the name can be joined again (a phone lost, a wrong tap)."""
        return self.roster.release(participant)

    def reassign(self, participant: str) -> str:
        """Forget the person's devices and give them a new personal code (shown); the old one stops working."""
        return format_code(self.roster.reassign(participant))

    def wrong_codes(self) -> int:
        """About how many wrong codes were tried in the last minute or so."""
        return self.api.guesses.recent_failures()

    def _view_changed(self, view: RoomView) -> None:
        if view.people == self._people:
            return  # a ballot, not a new person: nothing to check for every one of them
        self._people = view.people
        for pid in view.people:  # someone added during the session gets a code too
            self.roster.add(pid)

    def start(self) -> None:
        self.server.start()
        self.desk.wake_after(self.server.after_turn)
        # Everything alive now (modules, the workshop, the server) stays alive while the room is
        # on: moved out of the collector's reach, a full collection no longer walks it in the
        # middle of a burst of ballots (it cost one burst ~20 ms in bench_room.py).
        if self.freeze_heap:
            gc.freeze()

    def stop(self) -> None:
        self.desk.close()  # first: the phones still waiting hear "stopped" while the server can tell them
        self.desk.wake_after(None)
        self.server.stop()
        if self.freeze_heap:
            gc.unfreeze()


class HeadlessRoom:
    """The room without Qt (``okr-workshop serve``, tests, the benchmark): its own writer thread."""

    def __init__(self, store: WorkshopFile, host: str = "127.0.0.1", port: int = 0):
        self.writer = DeskThread(store)
        self.session = RoomSession(self.writer.desk, host, port)

    def start(self) -> HeadlessRoom:
        self.session.start()
        return self

    def stop(self) -> None:
        self.session.stop()
        self.writer.stop()

    def __enter__(self) -> HeadlessRoom:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
