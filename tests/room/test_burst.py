"""Many phones at once: ballots are grouped, answered, stored once, and the app redraws in moderation."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from okr_workshop.room.desk import BallotJob, Desk
from okr_workshop.room.server import Mailbox
from okr_workshop.room.session import HeadlessRoom
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import Client

VOTERS = ["p1", "p2", "p3", "p4", "p5"]
SCALE = {"pr1": 5, "pr2": 4, "pr3": 3, "pr4": 1}


class FakeLoop:
    """Counts the wake-ups a Mailbox asks for and runs them when told."""

    def __init__(self) -> None:
        self.scheduled: list = []

    def call_soon_threadsafe(self, callback, *args) -> None:
        self.scheduled.append((callback, args))

    def run(self) -> None:
        scheduled, self.scheduled = self.scheduled, []
        for callback, args in scheduled:
            callback(*args)


def test_a_mailbox_wakes_the_loop_once_for_a_whole_group():
    """Jobs finished together (the desk settles a group) cost the loop one wake-up, and every waiter hears."""
    loop = asyncio.new_event_loop()
    try:
        fake = FakeLoop()
        mailbox = Mailbox(fake)  # type: ignore[arg-type]
        waiters = [loop.create_future() for _ in range(5)]
        poster = threading.Thread(target=lambda: [mailbox.post(w) for w in waiters])
        poster.start()
        poster.join()
        assert len(fake.scheduled) == 1
        fake.run()
        assert all(w.done() for w in waiters)
        cancelled = loop.create_future()
        cancelled.cancel()
        mailbox.post(cancelled)  # a phone gone, its request cancelled: no error
        fake.run()
        assert len(fake.scheduled) == 0
    finally:
        loop.close()


def test_the_desk_is_woken_once_after_the_servers_turn(store: WorkshopFile):
    """Jobs read in one turn of the server's loop wake the file's thread once, after the turn;
    a job queued where no turn can be waited for (another thread) wakes it at once."""
    wakes: list[int] = []
    desk = Desk(store, lambda: wakes.append(1))
    deferred: list = []
    desk.wake_after(lambda wake: deferred.append(wake) or True)
    futures = [desk.submit(BallotJob(p, "v4", SCALE, "device"), f"key-{p}-0001") for p in VOTERS[:3]]
    assert wakes == [] and len(deferred) == 1
    deferred[0]()
    assert wakes == [1]
    desk.drain()
    assert all(f.result(timeout=0)["status"] == "received" for f in futures)
    desk.wake_after(lambda wake: False)  # cannot defer: wake now
    desk.submit(BallotJob("p4", "v4", SCALE, "device"), "key-p4-0001")
    assert wakes == [1, 1]
    desk.close()


def test_after_turn_only_defers_in_the_loops_own_thread(room: HeadlessRoom):
    server = room.session.server
    assert not server.after_turn(lambda: None)  # the test's thread is not the loop's
    ran = threading.Event()

    async def in_loop() -> bool:
        return server.after_turn(ran.set)

    assert asyncio.run_coroutine_threadsafe(in_loop(), server._loop).result(timeout=5)
    assert ran.wait(5)


def test_phones_voting_together_are_each_stored_once(client: Client, codes, store: WorkshopFile):
    """Five phones, each on every secret and open vote at once, one of them resending: every
    answer is "received" and the file holds each ballot exactly once."""
    tokens = {p: client.join(codes[p]) for p in VOTERS}
    jobs = [(p, v) for p in VOTERS for v in ("v1", "v3", "v4")] + [("p2", "v4")]  # p2 resends one
    scores = {"v1": {"pr1": 2, "pr2": 1}, "v3": {"pr1": 60, "pr4": 40}, "v4": SCALE}
    with ThreadPoolExecutor(len(jobs)) as pool:
        replies = list(pool.map(lambda job: client.ballot(tokens[job[0]], job[1], scores[job[1]],
                                                          f"key-{job[0]}-{job[1]}-1"), jobs))
    assert all(r.status == 200 and r.data["status"] == "received" for r in replies), replies
    for vote_id in ("v1", "v3", "v4"):
        vote = next(v for v in store.workshop.votes if v.id == vote_id)
        assert len(vote.ballots) == len(VOTERS)
        assert sorted(vote.voters()) == VOTERS


def test_the_app_tells_the_screens_about_a_burst_of_ballots_in_moderation(store: WorkshopFile, qtbot):
    """Inside the app the desk stores on Qt's thread; "votes" reaches the screens at most once per
    REDRAW_GAP_MS while ballots arrive, the last one after every ballot is in the workshop."""
    from okr_workshop.ui.context import WorkshopContext
    from okr_workshop.ui.room_link import REDRAW_GAP_MS, RoomLink

    ctx = WorkshopContext(store)
    link = RoomLink(ctx)
    told: list[tuple[float, int]] = []  # (when, ballots then in v4)

    def heard(section: str) -> None:
        if section == "votes":
            v4 = next(v for v in ctx.workshop.votes if v.id == "v4")
            told.append((time.monotonic(), len(v4.ballots)))

    ctx.changed.connect(heard)
    session = link.start("127.0.0.1", 0)
    try:
        client = Client(session.server.port)
        codes = {pid: code for pid, _, code in session.join_codes()}
        replies: list[Future] = []
        pool = ThreadPoolExecutor(len(VOTERS))  # the HTTP calls wait on Qt's thread: not from it
        started = time.monotonic()
        for n, p in enumerate(VOTERS):
            replies.append(pool.submit(lambda p=p, n=n: (time.sleep(0.03 * n),
                                                         client.ballot(client.join(codes[p]), "v4", SCALE,
                                                                       f"key-{p}-burst"))[1]))
        qtbot.waitUntil(lambda: all(r.done() for r in replies), timeout=10_000)
        pool.shutdown()
        assert all(r.result().status == 200 for r in replies)
        qtbot.waitUntil(lambda: told and told[-1][1] == len(VOTERS), timeout=5000)
        elapsed_ms = (time.monotonic() - started) * 1000
        assert 1 <= len(told) <= elapsed_ms / REDRAW_GAP_MS + 2
        gaps = [(b - a) * 1000 for (a, _), (b, _) in zip(told, told[1:], strict=False)]
        assert all(g >= REDRAW_GAP_MS - 20 for g in gaps), gaps
    finally:
        link.stop()
