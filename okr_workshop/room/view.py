"""The phones' picture of the workshop, built in the file's thread and read by request threads.

Kept apart from the desk so the picture's rules (what a phone may see) read on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..domain import model as m
from ..domain.alignment import QUESTION_LABELS, QUESTION_SHORT
from ..domain.room_rules import HINTS, candidates, floor_questions, open_prompts, room_people

# The file's sections the picture is built from: a change to any of them rebuilds it.
VIEW_SECTIONS = frozenset({"votes", "priorities", "participants", "alignment_answers", "workshop", "all",
                           "prompts", "prompt_answers", "room_questions"})


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
    """Who abstained in ``vote``: named on an open ballot, or (secret) known to the desk only."""
    empty = {b.id for b in vote.ballots if b.abstains}
    if not empty:
        return frozenset()
    named = {b.participant for b in vote.ballots if b.abstains and b.participant}
    mine = {who for (who, vote_id), ballot in ballot_of.items() if vote_id == vote.id and ballot in empty}
    return frozenset(named | mine)
