"""The room's voice at the desk: prompt answers, questions from the floor and upvotes.

The desk queues these jobs with the ballots and hands a turn's worth to ``VoiceDesk.store_turn``
in the file's thread, which stores them all in one transaction. An anonymous answer gets a
random id and a random place among the answers, so neither says whose or when. Who upvoted which
question, who asked an anonymous one and how many answers each person sent to a prompt are kept
here, in memory only, never in the file; request threads read them with single lookups.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from ..domain import model as m
from ..domain import voice
from ..domain.validate import new_ballot_id
from ..store.workshop_file import WorkshopFile
from .refusal import Refusal, not_a_voter, not_stored, resolve

log = logging.getLogger("okr_workshop.room")


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


@dataclass
class _Turn:
    """What one turn stored so far, for checks within the turn (two upvotes in one)."""

    ids: set[str]  # every answer id in the file, and those given this turn
    sent: Counter[tuple[str, str]] = field(default_factory=Counter)
    upvoted: set[tuple[str, str]] = field(default_factory=set)
    asked: dict[str, str] = field(default_factory=dict)
    counted: dict[str, m.RoomQuestion] = field(default_factory=dict)  # question -> with this turn's upvotes


class VoiceDesk:
    """Stores the voice jobs of a turn and remembers, in memory only, what the file must not tell."""

    def __init__(self, store: WorkshopFile, is_voter: Callable[[str], bool]):
        self.store = store
        self._is_voter = is_voter  # the desk's view of the people, as of the last change to them
        self._sent: Counter[tuple[str, str]] = Counter(  # (participant, prompt) -> answers sent
            (a.participant, a.prompt) for a in store.workshop.prompt_answers if a.participant)
        self._upvoted: set[tuple[str, str]] = set()  # (participant, question): who upvoted what
        self._asked: dict[str, str] = {}  # question -> who asked it from a phone (named or not)
        self._random = random.SystemRandom()

    # ----- the file's thread ------------------------------------------------------------------

    def store_turn(self, jobs: list[tuple[VoiceJob, Future]]) -> None:
        """Store a turn's answers, questions and upvotes in one transaction; the memory (who
        upvoted, how many answers) learns them only once the file holds them."""
        ws = self.store.workshop
        turn = _Turn({a.id for a in ws.prompt_answers})
        done: list[tuple[Future, dict[str, Any]]] = []
        try:
            with self.store.step():
                for job, future in jobs:
                    try:
                        done.append((future, self._store_one(ws, job, turn)))
                    except Refusal as refusal:
                        resolve(future, problem=refusal)
                for question in turn.counted.values():  # each question once, however many upvotes
                    self.store.put(question)
        except Exception:  # a full disk, another program writing: the phones retry
            log.exception("storing %d answers, questions or upvotes failed", len(jobs))
            stored = False
        else:
            stored = self.store.workshop is ws  # a failed commit reads the file again: nothing was stored
        if not stored:  # every job of the turn not refused already: "try again"
            for _, future in jobs:
                resolve(future, problem=not_stored())
            return
        self._sent.update(turn.sent)
        self._upvoted.update(turn.upvoted)
        self._asked.update(turn.asked)
        for future, result in done:
            resolve(future, result)

    def _store_one(self, ws: m.Workshop, job: VoiceJob, turn: _Turn) -> dict[str, Any]:
        if not self._is_voter(job.participant):
            raise not_a_voter()
        if isinstance(job, PromptAnswerJob):
            return self._prompt_answer(ws, job, turn)
        if isinstance(job, QuestionJob):
            return self._question(ws, job, turn)
        return self._upvote(ws, job, turn)

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

    def _question(self, ws: m.Workshop, job: QuestionJob, turn: _Turn) -> dict[str, Any]:
        question = voice.new_question(ws, job.text, job.participant if job.named else None)
        self.store.put(question)
        turn.asked[question.id] = job.participant
        return {"status": "received", "id": question.id}

    def _upvote(self, ws: m.Workshop, job: UpvoteJob, turn: _Turn) -> dict[str, Any]:
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

    # ----- what a phone may read of the memory (any thread) --------------------------------------

    def answers_sent(self, participant: str, prompt: str) -> int:
        """How many answers ``participant`` sent to ``prompt`` from a phone (named ones: ever)."""
        return self._sent.get((participant, prompt), 0)

    def has_upvoted(self, participant: str, question: str) -> bool:
        """Whether ``participant`` upvoted ``question`` during this room run (the file cannot tell)."""
        return (participant, question) in self._upvoted

    def asked(self, participant: str, question: str) -> bool:
        """Whether ``participant`` asked ``question`` from a phone during this room run."""
        return self._asked.get(question) == participant
