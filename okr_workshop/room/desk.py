"""Where the server's threads hand ballots, answers, questions and upvotes to the workshop file.

The file (and the in-memory workshop the screens draw from) is touched by one thread only:
the Qt thread in the app, a writer thread in ``okr-workshop serve``. Request threads queue a
job and wait on its future; ``drain`` runs in the file's thread and stores everything queued
since the last turn, ballots as one transaction (a group commit: 60 phones pressing Submit in
the same second cost one sync, not 60).

Also kept here, in memory only: which ballot is whose for re-voting (a secret vote's file
cannot tell, by design), which device (token) cast it, so only that device can replace it, and
the answers to recent idempotency keys, so a phone that resends after a dropped connection gets
"received" again and its ballot is never counted twice.

The room's voice (prompt answers, questions from the floor, upvotes) is stored the same way: all
of one turn in one transaction. An anonymous answer gets a random id and a random place among the
answers, so neither says whose or when. Who upvoted which question, who asked an anonymous one and
how many answers each person sent to a prompt are kept here, in memory only, never in the file.
"""

from __future__ import annotations

import logging
import random
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field
from typing import Any

from ..domain import model as m
from ..domain import voice
from ..domain.alignment import QUESTION_LABELS, QUESTION_SHORT
from ..domain.ballots import ballot_problem
from ..domain.room_rules import HINTS, candidates, clean_items, floor_questions, may_vote, open_prompts, room_people
from ..domain.validate import new_ballot_id
from ..store.workshop_file import BallotRefused, Cast, WorkshopFile

log = logging.getLogger("okr_workshop.room")

REMEMBERED_KEYS = 20_000  # idempotency keys kept (a few per ballot sent: far above a room's needs)


class Refusal(Exception):
    """A request the room answers with a 4xx or 503: ``status``, a stable ``code``, words for a person."""

    def __init__(self, status: int, code: str, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after


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


@dataclass(frozen=True)
class PromptAnswerJob:
    participant: str
    prompt: str
    text: str


@dataclass(frozen=True)
class QuestionJob:
    participant: str
    text: str
    named: bool = False


@dataclass(frozen=True)
class UpvoteJob:
    participant: str
    question: str


VoiceJob = PromptAnswerJob | QuestionJob | UpvoteJob
Job = BallotJob | AnswersJob | VoiceJob


@dataclass(frozen=True)
class RoomView:
    """What phones may read, rebuilt in the file's thread after every change and swapped in
    whole, so request threads read a consistent picture without a lock."""

    title: str = ""
    people: dict[str, str] = field(default_factory=dict)  # participant -> name, voters only
    votes: list[dict[str, Any]] = field(default_factory=list)
    voted: dict[str, frozenset[str]] = field(default_factory=dict)  # vote -> who voted
    abstained: dict[str, frozenset[str]] = field(default_factory=dict)  # vote -> whose ballot is "I abstain"
    opted_out: dict[str, frozenset[str]] = field(default_factory=dict)  # vote -> who sits it out
    questions: list[dict[str, Any]] = field(default_factory=list)
    answers: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # participant -> own answers
    prompts: list[dict[str, Any]] = field(default_factory=list)  # the open prompts
    floor: list[dict[str, Any]] = field(default_factory=list)  # open questions from the floor, top first


def build_view(ws: m.Workshop, ballot_of: dict[tuple[str, str], str] | None = None) -> RoomView:
    """The phones' picture of the workshop: votes with their rules, never anyone's ballot.

    Each phone is told only about its own person (``RoomApi._me``): whether they voted, whether
    their ballot is an abstention and whether they sit a vote out. Whose secret ballot abstains
    is known only from ``ballot_of``, the desk's memory of the ballots cast from phones.
    """
    titles = {p.id: p.title for p in ws.priorities}
    votes = [
        {"id": v.id, "title": v.title, "method": v.method, "budget": v.effective_budget, "cap": v.cap,
         "secret": v.secret, "closed": v.closed, "round": v.round,
         "items": [{"id": i, "title": titles.get(i, i)} for i in v.items]}
        for v in ws.votes if v.items
    ]
    answers: dict[str, dict[str, list[str]]] = {}
    for a in ws.alignment_answers:
        answers.setdefault(a.participant, {})[a.question] = list(a.items)
    questions = [{"id": q, "label": QUESTION_LABELS[q], "short": QUESTION_SHORT[q], "hint": HINTS[q],
                  "candidates": candidates(ws, q)} for q in m.QUESTIONS]
    return RoomView(
        title=ws.info.title,
        people={p.id: p.name for p in room_people(ws)},
        votes=votes,
        voted={v.id: frozenset(v.voters()) for v in ws.votes},
        abstained={v.id: _abstainers(v, ballot_of or {}) for v in ws.votes},
        opted_out={v.id: frozenset(v.opted_out) for v in ws.votes},
        questions=questions,
        answers=answers,
        prompts=open_prompts(ws),
        floor=floor_questions(ws),
    )


def _abstainers(vote: m.Vote, ballot_of: dict[tuple[str, str], str]) -> frozenset[str]:
    """Who abstained in ``vote``: named on an open ballot, or (secret) known to this desk only."""
    empty = {b.id for b in vote.ballots if b.abstains}
    if not empty:
        return frozenset()
    named = {b.participant for b in vote.ballots if b.abstains and b.participant}
    mine = {who for (who, vote_id), ballot in ballot_of.items() if vote_id == vote.id and ballot in empty}
    return frozenset(named | mine)


def save_answers_to_store(store: WorkshopFile) -> Callable[[str, dict[str, list[str]]], None]:
    """Headless: each answer replaces the person's earlier one for that question."""

    def save(participant: str, answers: dict[str, list[str]]) -> None:
        for question, items in answers.items():
            store.put(m.AlignmentAnswer(participant, question, items))

    return save


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
        # The room's voice, in memory only (request threads read these with single lookups):
        self._sent: Counter[tuple[str, str]] = Counter(  # (participant, prompt) -> answers sent
            (a.participant, a.prompt) for a in store.workshop.prompt_answers if a.participant)
        self._upvoted: set[tuple[str, str]] = set()  # (participant, question): who upvoted what
        self._asked: dict[str, str] = {}  # question -> who asked it from a phone (named or not)
        self._random = random.SystemRandom()
        self.view_listeners: list[Callable[[RoomView], None]] = []
        self.view = build_view(store.workshop, self._ballot_of)
        store.listeners.append(self._on_changed)

    # ----- request threads -------------------------------------------------------------------

    def submit(self, job: Job, key: str) -> Future:
        """Queue ``job`` under the phone's idempotency ``key``; a resend gets the first one's future."""
        with self._lock:
            if self._closed:
                raise Refusal(503, "stopped", "Room voting has stopped.")
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
            if not future.done():
                _resolve(future, problem=Refusal(503, "stopped", "Room voting has stopped."))
        if self._on_changed in self.store.listeners:
            self.store.listeners.remove(self._on_changed)

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
            self._voice(voiced)
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
                    _resolve(future, problem=refusal)
            self._commit(group)
            ballots = later

    def _cast_for(self, job: BallotJob, voted: dict[str, set[str]]) -> Cast:
        """The store's cast for ``job``, or the Refusal the phone hears. ``voted`` caches each
        vote's voters for the group: a burst checks dozens of ballots against the same vote."""
        ws = self.store.workshop
        vote = next((v for v in ws.votes if v.id == job.vote), None)
        if vote is None or not vote.items:
            raise Refusal(404, "no_vote", "There is no such vote.")
        if job.participant not in self.view.people:  # ``may_vote``, as of the last change to the people
            raise Refusal(403, "not_a_voter", "You are not on this workshop's list of voters.")
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
        earlier = self._ballot_of.get((job.participant, vote.id))
        if vote.secret and earlier not in {b.id for b in vote.ballots}:
            earlier = None
        if not vote.secret:
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
                _resolve(future, problem=Refusal(409, "refused", str(refused)))
                continue
            except Exception:  # a full disk, a file gone: the phones retry, the app carries on
                log.exception("storing %d ballots failed", len(group))
                for _, _, future in group:
                    _resolve(future, problem=Refusal(503, "not_stored", "Not stored yet; trying again.", 2))
                return
            for (_, job, _), ballot_id in zip(group, ids, strict=True):
                self._ballot_of[(job.participant, job.vote)] = ballot_id
                self._cast_by[(job.participant, job.vote)] = job.device
            if any(not cast.scores for cast, _, _ in group):
                self.refresh()  # the file's listener ran before ``_ballot_of`` knew whose abstention it is
            for cast, job, future in group:
                _resolve(future, {"status": "received", "vote": job.vote, "replaced": cast.replaces is not None})
            return

    def _answer(self, job: AnswersJob, future: Future) -> None:
        if not may_vote(self.store.workshop, job.participant):
            _resolve(future, problem=Refusal(403, "not_a_voter", "You are not on this workshop's list of voters."))
            return
        try:
            self._save_answers(job.participant, {q: clean_items(items) for q, items in job.answers.items()})
        except Exception:
            log.exception("storing alignment answers failed")
            _resolve(future, problem=Refusal(503, "not_stored", "Not stored yet; trying again.", 2))
            return
        _resolve(future, {"status": "received"})

    # ----- the room's voice (the file's thread) -------------------------------------------------

    def _voice(self, jobs: list[tuple[VoiceJob, Future]]) -> None:
        """Store a turn's answers, questions and upvotes in one transaction; the desk's memory
        (who upvoted, how many answers) learns them only once the file holds them."""
        ws = self.store.workshop
        turn = _Turn({a.id for a in ws.prompt_answers})
        done: list[tuple[Future, dict[str, Any]]] = []
        try:
            with self.store.step():
                for job, future in jobs:
                    try:
                        done.append((future, self._voice_one(ws, job, turn)))
                    except Refusal as refusal:
                        _resolve(future, problem=refusal)
                for question in turn.counted.values():  # each question once, however many upvotes
                    self.store.put(question)
        except Exception:  # a full disk, another program writing: the phones retry
            log.exception("storing %d answers, questions or upvotes failed", len(jobs))
            done_ok = False
        else:
            done_ok = self.store.workshop is ws  # a failed commit reads the file again: nothing was stored
        if not done_ok:  # every job of the turn not refused already: "try again"
            for _, future in jobs:
                _resolve(future, problem=Refusal(503, "not_stored", "Not stored yet; trying again.", 2))
            return
        self._sent.update(turn.sent)
        self._upvoted.update(turn.upvoted)
        self._asked.update(turn.asked)
        for future, result in done:
            _resolve(future, result)

    def _voice_one(self, ws: m.Workshop, job: VoiceJob, turn: _Turn) -> dict[str, Any]:
        if job.participant not in self.view.people:
            raise Refusal(403, "not_a_voter", "You are not on this workshop's list of voters.")
        if isinstance(job, PromptAnswerJob):
            return self._prompt_answer(ws, job, turn)
        if isinstance(job, QuestionJob):
            question = voice.new_question(ws, job.text, job.participant if job.named else None)
            self.store.put(question)
            turn.asked[question.id] = job.participant
            return {"status": "received", "id": question.id}
        question = turn.counted.get(job.question) or next((q for q in ws.room_questions if q.id == job.question), None)
        if question is None or question.hidden or question.status != "open":
            raise Refusal(404, "no_question", "That question is not open any more.")
        slot = (job.participant, question.id)
        if slot in self._upvoted or slot in turn.upvoted:
            raise Refusal(409, "already_upvoted", "You have upvoted this question already.")
        after = voice.upvoted(question)
        turn.counted[question.id] = after  # stored at the end of the turn (a put costs ~0.5 ms)
        turn.upvoted.add(slot)
        return {"status": "received", "upvotes": after.upvotes}

    def _prompt_answer(self, ws: m.Workshop, job: PromptAnswerJob, turn: _Turn) -> dict[str, Any]:
        prompt = next((p for p in ws.prompts if p.id == job.prompt), None)
        if prompt is None:
            raise Refusal(404, "no_prompt", "There is no such question.")
        if prompt.closed:
            raise Refusal(409, "closed", "The facilitator has closed this question.")
        slot = (job.participant, prompt.id)
        sent = self._sent[slot] + turn.sent[slot]
        if sent >= voice.MAX_ANSWERS_PER_PERSON:
            raise Refusal(409, "too_many", f"You have sent {voice.MAX_ANSWERS_PER_PERSON} answers to this "
                          "question: that is the most one person may.")
        answer_id = new_ballot_id()
        while answer_id in turn.ids:  # 64 random bits: never, but an id taken would replace an answer
            answer_id = new_ballot_id()
        turn.ids.add(answer_id)
        record = voice.answer(ws, prompt.id, job.text, job.participant, answer_id)
        # Anonymous: anywhere among the answers, so the stored order does not tell who answered when.
        position = None if prompt.named else self._random.randint(0, len(ws.prompt_answers))
        self.store.put(record, position)
        turn.sent[slot] += 1
        return {"status": "received", "answered": sent + 1}

    # ----- what a phone may read of the desk's memory (any thread) ----------------------------------

    def answers_sent(self, participant: str, prompt: str) -> int:
        """How many answers ``participant`` sent to ``prompt`` from a phone (named ones: ever)."""
        return self._sent.get((participant, prompt), 0)

    def has_upvoted(self, participant: str, question: str) -> bool:
        return (participant, question) in self._upvoted

    def asked(self, participant: str, question: str) -> bool:
        """Whether ``participant`` asked ``question`` from a phone during this room run."""
        return self._asked.get(question) == participant

    def _on_changed(self, section: str) -> None:
        if section in ("votes", "priorities", "participants", "alignment_answers", "workshop", "all",
                       "prompts", "prompt_answers", "room_questions"):
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the phones' picture (the facilitator added a vote, closed one, renamed someone)."""
        self.view = build_view(self.store.workshop, self._ballot_of)
        for listener in list(self.view_listeners):
            listener(self.view)


@dataclass
class _Turn:
    """What one turn of the desk stored so far, for checks within the turn (two upvotes in one)."""

    ids: set[str]  # every answer id in the file, and those given this turn
    sent: Counter[tuple[str, str]] = field(default_factory=Counter)
    upvoted: set[tuple[str, str]] = field(default_factory=set)
    asked: dict[str, str] = field(default_factory=dict)
    counted: dict[str, m.RoomQuestion] = field(default_factory=dict)  # question -> with this turn's upvotes


def _resolve(future: Future, result: Any = None, problem: BaseException | None = None) -> None:
    """Settle a job's future once; one that is settled or cancelled already is left alone."""
    if future.done():
        return
    try:
        if problem is not None:
            future.set_exception(problem)
        else:
            future.set_result(result)
    except InvalidStateError:  # settled by another thread in between
        pass


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
