"""Who may vote or answer from a phone, what a typed alignment answer may hold, and what of the
room's voice (open prompts, questions from the floor) a phone may read.

The laptop's ballot and private-check screens follow the same rules; keeping them here lets
the room server (which has no Qt) be the authority without copying them.
"""

from __future__ import annotations

from collections.abc import Mapping

from .alignment import normalise
from .model import QUESTIONS, Participant, Vote, Workshop
from .voice import open_questions

# Candidate priorities make sense as answers to these; a dependency is the person's own words.
WITH_CANDIDATES = ("top_priorities", "stop_or_wait")
MAX_ITEMS = 20  # per question: more is not an answer, it is a list dump
MAX_ITEM_CHARS = 200
FLOOR_SHOWN = 30  # questions from the floor a phone lists: the top ones; a longer list is not read on a phone

HINTS = {
    "top_priorities": "Tick the few that matter most, or type your own.",
    "stop_or_wait": "What should be stopped, paused or deferred to make room? Tick or type.",
    "dependencies": "Type each one: which team or delivery could hold up another?",
}


def votes(ws: Workshop, person: Participant) -> bool:
    """Everyone but the facilitator votes (the same rule as the pass-the-laptop ballot)."""
    return person.role != "facilitator" and person.id != ws.info.facilitator


def may_vote(ws: Workshop, participant: str) -> bool:
    """``votes`` for a participant id (False for an id nobody has)."""
    person = next((p for p in ws.participants if p.id == participant), None)
    return person is not None and votes(ws, person)


def room_people(ws: Workshop) -> list[Participant]:
    """The people who can join from a phone: voters, in the workshop's order (one pass: looking
    each one up by id again would take participants x participants steps)."""
    return [p for p in ws.participants if votes(ws, p)]


def expected_voters(ws: Workshop, vote: Vote) -> list[str]:
    """Everyone who may vote (everyone but the facilitator), less those who sit this one out.
    Here, not in ``vote_status``: that module builds on this one, so ``not_voted`` may not import it."""
    out = set(vote.opted_out)
    return [p.id for p in room_people(ws) if p.id not in out]


def not_voted(ws: Workshop, vote: Vote) -> list[str]:
    """Who is expected to vote on ``vote`` and has not yet (those who sit it out are not waited
    for): names only ever, never what anyone voted."""
    done = set(vote.voters())
    return [p for p in expected_voters(ws, vote) if p not in done]


def candidates(ws: Workshop, question: str) -> list[str]:
    """What a person may tick for ``question``: the priorities' titles, or nothing to tick."""
    return [p.title for p in ws.priorities] if question in WITH_CANDIDATES else []


def clean_items(items: list[str]) -> list[str]:
    """Trimmed, without blanks, each answer once (compared as the agreement score compares)."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        text = item.strip()
        key = normalise(text)
        if key and key not in seen:
            seen.add(key)
            out.append(text)
    return out


def answers_problem(answers: object) -> str | None:
    """Why a phone's answers to the three questions cannot be stored; None when they can."""
    if not isinstance(answers, Mapping):
        return "answers must be an object of question: [items]"
    unknown = [q for q in answers if q not in QUESTIONS]
    if unknown:
        return f"{str(unknown[0])[:40]!r} is not one of the three questions"
    missing = [q for q in QUESTIONS if q not in answers]
    if missing:
        return f"question {missing[0]!r} has no answer (send an empty list to name nothing)"
    for question, items in answers.items():
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            return f"answer to {question!r} must be a list of texts"
        if len(items) > MAX_ITEMS:
            return f"answer to {question!r} has more than {MAX_ITEMS} items"
        if any(len(i) > MAX_ITEM_CHARS for i in items):
            return f"an item in {question!r} is longer than {MAX_ITEM_CHARS} characters"
    return None


def open_prompts(ws: Workshop) -> list[dict[str, object]]:
    """The prompts phones may answer (not closed), without their answers: those are the stage's."""
    return [{"id": p.id, "text": p.text, "named": p.named} for p in ws.prompts if not p.closed]


def floor_questions(ws: Workshop, limit: int = FLOOR_SHOWN) -> list[dict[str, object]]:
    """The visible open questions, most upvoted first. ``by`` is the asker's name only on a question
    they put their name on; ``asked_by`` (an id) is for telling a phone which are its own, never sent."""
    names = {p.id: p.name for p in ws.participants}
    return [{"id": q.id, "text": q.text, "upvotes": q.upvotes, "asked_by": q.asked_by,
             "by": names.get(q.asked_by, "") if q.asked_by else None}
            for q in open_questions(ws)[:limit]]
