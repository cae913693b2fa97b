"""The room's voice: open prompts with short answers, and questions from the floor with upvotes.

The rules the phones, the laptop, the stage and the pack share: what an answer or a question may
hold, what the room may see (never a hidden answer; answers only once revealed), and which
questions are on top. Secrecy follows the votes' rules: an anonymous answer or question names
nobody anywhere, and the pack never shows an answer only one named person gave.
"""

from __future__ import annotations

import dataclasses
import re

from .model import Prompt, PromptAnswer, RoomQuestion, Workshop, free_ids
from .themes import ThemeCount, count, counted_as, normalise

MAX_ANSWER_CHARS = 200  # a short answer; more is a speech
MAX_QUESTION_CHARS = 300
MAX_ANSWERS_PER_PERSON = 20  # per prompt, from one person (a named prompt counts; an anonymous one, per phone)
MAX_UPVOTES = 100_000
TOP_QUESTIONS = 5  # how many the stage shows
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # no keyboard types these (a paste or a script can)

PROMPT_EXAMPLES: tuple[str, ...] = (
    "What should we stop?",
    "Which risk worries you most?",
    "Which hand-over will bite us?",
)


def text_problem(text: object, limit: int, what: str = "answer") -> str | None:
    """Why a typed answer or question cannot be stored; None when it can."""
    if not isinstance(text, str):
        return f"the {what} must be text"
    if not text.strip():
        return f"the {what} is empty"
    if len(text) > limit:
        return f"the {what} is longer than {limit} characters"
    if CONTROL.search(text):
        return f"the {what} holds characters that cannot be typed"
    return None


def answer(ws: Workshop, prompt_id: str, text: str, participant: str | None, answer_id: str) -> PromptAnswer:
    """The answer to store: named only on a named prompt (an anonymous prompt drops the name)."""
    prompt = prompt_of(ws, prompt_id)
    return PromptAnswer(answer_id, prompt.id, text.strip(), participant if prompt.named else None)


def prompt_of(ws: Workshop, prompt_id: str) -> Prompt:
    prompt = next((p for p in ws.prompts if p.id == prompt_id), None)
    if prompt is None:
        raise KeyError(prompt_id)
    return prompt


def new_prompt(ws: Workshop, text: str, named: bool = False, revealed: bool = False) -> Prompt:
    return Prompt(next(free_ids("q", (p.id for p in ws.prompts))), text.strip(), named, revealed)


def answers_to(ws: Workshop, prompt_id: str, with_hidden: bool = False) -> list[PromptAnswer]:
    """A prompt's answers; the hidden ones only for the facilitator's moderation list."""
    return [a for a in ws.prompt_answers if a.prompt == prompt_id and (with_hidden or not a.hidden)]


def taken_down(ws: Workshop, prompt_id: str) -> int:
    """How many of a prompt's answers the facilitator hid: counted, never shown."""
    return sum(1 for a in ws.prompt_answers if a.prompt == prompt_id and a.hidden)


def themed(ws: Workshop, prompt_id: str) -> list[ThemeCount]:
    """The visible answers grouped by theme, each answer counted once (two people giving the same
    words count twice: it is how many said it)."""
    shown = answers_to(ws, prompt_id)
    return count(ws, prompt_id, [(a.id, a.text) for a in shown])


def shareable(ws: Workshop, prompt_id: str) -> list[ThemeCount]:
    """What the participants' copy may quote: nothing of a prompt the room was never shown, and
    only themes and answers given more than once (on a named prompt: by two people or more, counted
    in people), as for the alignment check; ``unquoted`` counts the rest."""
    prompt = prompt_of(ws, prompt_id)
    if not prompt.revealed:
        return []
    if not prompt.named:
        return [row for row in themed(ws, prompt_id) if row.count >= 2]
    people = [(a.participant or a.id, a.text) for a in answers_to(ws, prompt_id)]
    return [row for row in count(ws, prompt_id, people) if row.count >= 2]


def unquoted(ws: Workshop, prompt_id: str) -> int:
    """How many visible answers the participants' copy does not quote (see ``shareable``)."""
    key = counted_as(ws, prompt_id)
    quoted = {f"theme:{row.theme}" if row.theme else normalise(row.answers[0]) for row in shareable(ws, prompt_id)}
    return sum(1 for a in answers_to(ws, prompt_id) if key(a.text) not in quoted)


def on_stage(ws: Workshop, prompt_id: str) -> list[ThemeCount] | None:
    """What the stage may show of a prompt: its themes once revealed, None while hidden (the stage
    shows how many answered)."""
    return themed(ws, prompt_id) if prompt_of(ws, prompt_id).revealed else None


def open_questions(ws: Workshop) -> list[RoomQuestion]:
    """Questions from the floor still waiting, most upvoted first (ties: first asked first)."""
    waiting = [q for q in ws.room_questions if q.status == "open" and not q.hidden]
    return sorted(waiting, key=lambda q: -q.upvotes)


def top_questions(ws: Workshop, limit: int = TOP_QUESTIONS) -> list[RoomQuestion]:
    return open_questions(ws)[:limit]


def new_question(ws: Workshop, text: str, asked_by: str | None = None) -> RoomQuestion:
    return RoomQuestion(next(free_ids("rq", (q.id for q in ws.room_questions))), text.strip(), asked_by)


def upvoted(question: RoomQuestion) -> RoomQuestion:
    return dataclasses.replace(question, upvotes=min(question.upvotes + 1, MAX_UPVOTES))
