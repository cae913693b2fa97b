"""Where the server's threads hand ballots, answers, questions and upvotes to the workshop file.

The file (and the in-memory workshop the screens draw from) is touched by one thread only:
the Qt thread in the app, a writer thread in ``okr-workshop serve``. Request threads queue a
job and wait on its future; ``drain`` runs in the file's thread and stores everything queued
since the last turn, ballots as one transaction (a group commit: 60 phones pressing Submit in
the same second cost one sync, not 60). The room's voice (prompt answers, questions from the
floor, upvotes) is stored the same way by ``voice_desk``: all of one turn in one transaction.

Also kept here, in memory only: which ballot is whose for re-voting (a secret vote's file
cannot tell, by design), which device (token) cast it, so only that device can replace it, and
the answers to recent idempotency keys, so a phone that resends after a dropped connection gets
"received" again and its ballot is never counted twice.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from ..domain import model as m
from ..domain.ballots import ballot_problem
from ..domain.room_rules import clean_items, may_vote
from ..store.workshop_file import BallotRefused, Cast, WorkshopFile
from .refusal import Refusal, not_a_voter, not_stored, resolve
from .view import VIEW_SECTIONS, RoomView, build_view
from .voice_desk import PromptAnswerJob, QuestionJob, UpvoteJob, VoiceDesk, VoiceJob

# Importers of this module use these names from here as well.
__all__ = ["REMEMBERED_KEYS", "AnswersJob", "BallotJob", "Desk", "DeskThread", "Job", "PromptAnswerJob", "QuestionJob",
           "Refusal", "RoomView", "UpvoteJob", "VoiceJob", "build_view", "save_answers_to_store"]

log = logging.getLogger("okr_workshop.room")

REMEMBERED_KEYS = 20_000  # idempotency keys kept (a few per ballot sent: far above a room's needs)


@dataclass(frozen=True)
class BallotJob:
    participant: str
    vote: str
    scores: dict[str, int]
    device: str = ""  # the token it came from: only that device may replace the ballot later


@dataclass(frozen=True)
class AnswersJob:
    participant: str
    answers: dict[str, list[str]]


Job = BallotJob | AnswersJob | VoiceJob


def save_answers_to_store(store: WorkshopFile) -> Callable[[str, dict[str, list[str]]], None]:
    """Headless: each answer replaces the person's earlier one for that question."""

    def save(participant: str, answers: dict[str, list[str]]) -> None:
        for question, items in answers.items():
            store.put(m.AlignmentAnswer(participant, question, items))

    return save


def _stopped() -> Refusal:
    return Refusal(503, "stopped", "Room voting has stopped.")


class Desk:
    """The queue between request threads and the file's thread (see the module docstring)."""

    def __init__(self, store: WorkshopFile, wake: Callable[[], None],
                 save_answers: Callable[[str, dict[str, list[str]]], None] | None = None):
        self.store = store
        self._wake = wake
        self._save_answers = save_answers or save_answers_to_store(store)
        self._lock = threading.Lock()
        self._queue: list[tuple[Job, Future]] = []
        self._woken = False
        self._later: Callable[[Callable[[], None]], bool] | None = None
        self._closed = False
        self._keys: OrderedDict[tuple[str, str], tuple[Job, Future]] = OrderedDict()
        self._ballot_of: dict[tuple[str, str], str] = {}  # (participant, vote) -> ballot id, for re-voting
        self._cast_by: dict[tuple[str, str], str] = {}  # (participant, vote) -> the device token that cast it
        self.voice = VoiceDesk(store, is_voter=lambda participant: participant in self.view.people)
        self.view_listeners: list[Callable[[RoomView], None]] = []
        self.view = build_view(store.workshop, self._ballot_of)
        store.listeners.append(self._on_changed)

    # ----- request threads -------------------------------------------------------------------

    def submit(self, job: Job, key: str) -> Future:
        """Queue ``job`` under the phone's idempotency ``key``; a resend gets the first one's future."""
        with self._lock:
            if self._closed:
                raise _stopped()
            slot = (job.participant, key)
            known = self._keys.get(slot)
            if known is not None and _failed_for_now(known[1]):
                known = None  # "not stored, try again": the resend is a new attempt
            if known is not None:
                if known[0] != job:  # compared as data: a resend must carry the very same request
                    raise Refusal(409, "key_reused", "This request key was already used for something else.")
                self._keys.move_to_end(slot)
                return known[1]
            future: Future = Future()
            self._keys[slot] = (job, future)
            if len(self._keys) > REMEMBERED_KEYS:
                self._keys.popitem(last=False)
            self._queue.append((job, future))
            wake = not self._woken
            self._woken = True
        if wake and (self._later is None or not self._later(self._wake)):
            self._wake()
        return future

    def known(self, job: Job, key: str) -> bool:
        """Whether ``job`` was queued under ``key`` already: a resend, which costs no rate limit."""
        with self._lock:
            known = self._keys.get((job.participant, key))
        return known is not None and known[0] == job

    def wake_after(self, later: Callable[[Callable[[], None]], bool] | None) -> None:
        """Wake the file's thread through ``later`` (it returns False when it cannot defer: wake now).

        Why: the server reads the requests of 60 phones in one turn of its loop; waking the file's
        thread at the first of them made it store one or two ballots per transaction while it
        fought the server for the interpreter. Woken once the turn is over, it stores them all."""
        self._later = later

    def close(self) -> None:
        """Stop taking jobs; whatever is still queued is answered "try again"."""
        with self._lock:
            self._closed = True
            queued, self._queue = self._queue, []
        for _, future in queued:
            resolve(future, problem=_stopped())
        if self._on_changed in self.store.listeners:
            self.store.listeners.remove(self._on_changed)

    # What a phone may read of the voice desk's memory (any thread).

    def answers_sent(self, participant: str, prompt: str) -> int:
        """How many answers ``participant`` sent to ``prompt`` from a phone (named ones: ever)."""
        return self.voice.answers_sent(participant, prompt)

    def has_upvoted(self, participant: str, question: str) -> bool:
        """Whether ``participant`` upvoted ``question`` during this room run (the file cannot tell)."""
        return self.voice.has_upvoted(participant, question)

    def asked(self, participant: str, question: str) -> bool:
        """Whether ``participant`` asked ``question`` from a phone during this room run."""
        return self.voice.asked(participant, question)

    # ----- the file's thread ------------------------------------------------------------------

    def drain(self) -> None:
        """Store everything queued so far. Runs in the thread that owns the workshop file."""
        with self._lock:
            jobs, self._queue = self._queue, []
            self._woken = False
        if not jobs:
            return
        ballots: list[tuple[BallotJob, Future]] = []
        voiced: list[tuple[VoiceJob, Future]] = []
        for job, future in jobs:
            if isinstance(job, BallotJob):
                ballots.append((job, future))
            elif isinstance(job, AnswersJob):
                self._answer(job, future)
            else:
                voiced.append((job, future))
        if voiced:
            self.voice.store_turn(voiced)
        while ballots:  # a phone that sent twice in one turn: its second ballot waits for the next group
            group, later, seen = [], [], set()
            voted: dict[str, set[str]] = {}  # vote -> who voted, read once per group (the file is as it was)
            for job, future in ballots:
                if (job.vote, job.participant) in seen:
                    later.append((job, future))
                    continue
                seen.add((job.vote, job.participant))
                try:
                    group.append((self._cast_for(job, voted), job, future))
                except Refusal as refusal:
                    resolve(future, problem=refusal)
            self._commit(group)
            ballots = later

    def _cast_for(self, job: BallotJob, voted: dict[str, set[str]]) -> Cast:
        """The store's cast for ``job``, or the Refusal the phone hears. ``voted`` caches each
        vote's voters for the group: a burst checks dozens of ballots against the same vote."""
        vote = next((v for v in self.store.workshop.votes if v.id == job.vote), None)
        if vote is None or not vote.items:
            raise Refusal(404, "no_vote", "There is no such vote.")
        if job.participant not in self.view.people:  # ``may_vote``, as of the last change to the people
            raise not_a_voter()
        if vote.closed:
            raise Refusal(409, "closed", "The facilitator has closed this vote.")
        if job.participant in vote.opted_out:
            raise Refusal(403, "opted_out", "You sit this vote out.")
        problem = ballot_problem(vote, job.scores)
        if problem:
            raise Refusal(422, "invalid_ballot", problem)
        if vote.id not in voted:
            voted[vote.id] = set(vote.voters())
        if job.participant not in voted[vote.id]:
            return Cast(vote.id, job.participant, job.scores)
        if self._cast_by.get((job.participant, vote.id)) != job.device:
            raise Refusal(409, "other_device", "You voted on this one from another device (or on the laptop): "
                          "change it there, or ask the facilitator.")
        if vote.secret:  # only this desk knows whose it is, and only while the file still holds it
            earlier = self._ballot_of.get((job.participant, vote.id))
            if earlier not in {b.id for b in vote.ballots}:
                earlier = None
        else:
            earlier = next((b.id for b in vote.ballots if b.participant == job.participant), None)
        if earlier is None:
            raise Refusal(409, "already_voted", "You have voted on this one already; a secret ballot cast before "
                          "the room server restarted (or on the laptop) cannot be changed.")
        return Cast(vote.id, job.participant, job.scores, replaces=earlier)

    def _commit(self, group: list[tuple[Cast, BallotJob, Future]]) -> None:
        while group:
            try:
                ids = self.store.cast_ballots([cast for cast, _, _ in group])
            except BallotRefused as refused:  # the file's own check caught what ours did not
                _, _, future = group.pop(refused.index)
                resolve(future, problem=Refusal(409, "refused", str(refused)))
                continue
            except Exception:  # a full disk, a file gone: the phones retry, the app carries on
                log.exception("storing %d ballots failed", len(group))
                for _, _, future in group:
                    resolve(future, problem=not_stored())
                return
            for (_, job, _), ballot_id in zip(group, ids, strict=True):
                self._ballot_of[(job.participant, job.vote)] = ballot_id
                self._cast_by[(job.participant, job.vote)] = job.device
            if any(not cast.scores for cast, _, _ in group):
                self.refresh()  # the file's listener ran before ``_ballot_of`` knew whose abstention it is
            for cast, job, future in group:
                resolve(future, {"status": "received", "vote": job.vote, "replaced": cast.replaces is not None})
            return

    def _answer(self, job: AnswersJob, future: Future) -> None:
        if not may_vote(self.store.workshop, job.participant):
            resolve(future, problem=not_a_voter())
            return
        try:
            self._save_answers(job.participant, {q: clean_items(items) for q, items in job.answers.items()})
        except Exception:
            log.exception("storing alignment answers failed")
            resolve(future, problem=not_stored())
            return
        resolve(future, {"status": "received"})

    def _on_changed(self, section: str) -> None:
        if section in VIEW_SECTIONS:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the phones' picture (the facilitator added a vote, closed one, renamed someone)."""
        self.view = build_view(self.store.workshop, self._ballot_of)
        for listener in list(self.view_listeners):
            listener(self.view)


def _failed_for_now(future: Future) -> bool:
    """A finished job whose refusal was passing (5xx): a resend must try again, not get it back."""
    if not future.done():
        return False
    problem = future.exception()
    return isinstance(problem, Refusal) and problem.status >= 500


class DeskThread:
    """The file's thread for the headless server: it wakes when a job is queued."""

    def __init__(self, store: WorkshopFile, **kwargs: Any):
        self._event = threading.Event()
        self._stop = False
        store.warm_up()  # import sqlite-utils now, not while the first ballot waits
        self.desk = Desk(store, self._event.set, **kwargs)
        self._thread = threading.Thread(target=self._run, name="room-desk", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            self._event.wait()
            self._event.clear()
            if self._stop:
                return
            try:
                self.desk.drain()
            except Exception:  # never let one bad turn end the writer
                log.exception("room desk turn failed")

    def stop(self) -> None:
        self.desk.close()
        self._stop = True
        self._event.set()
        self._thread.join(timeout=5)
