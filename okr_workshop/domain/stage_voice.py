"""The stage's views of the room's voice: the answers to a prompt, and the questions from the floor.

Both show what the room sent from their phones, so both guard it the same way: no answer before
its reveal, no hidden answer, and nobody named beside what they sent.
"""

from __future__ import annotations

from . import model as m
from . import voice
from .stage_rows import Figure, Live, Row, StageRef, _Draft, _entry, _gone, _wrapped, counted
from .themes import ThemeCount


def _prompt(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """A prompt's answers as themes with counts once revealed; until then only how many answered.
    Never a hidden answer, never a name (even on a named prompt the stage shows counts and texts)."""
    prompt = next((p for p in ws.prompts if p.id == ref.key), None)
    if prompt is None:
        return _gone("Prompt", "prompt", width)
    rows = voice.on_stage(ws, prompt.id)
    if rows is None:  # not revealed: not even the themes are computed, so no answer can leak
        count = len(voice.answers_to(ws, prompt.id))
        return _Draft(prompt.text, "Answering is closed" if prompt.closed else "Answer from your phone",
                      [_entry("Answers hidden until the facilitator reveals them", width, "muted")],
                      Figure(counted(count, "answer")))
    total = sum(r.count for r in rows)
    draft = _Draft(prompt.text, _answer_summary(total, rows))
    top = max((r.count for r in rows), default=0) or 1
    counts = [r for r in rows if r.count > 1 or r.theme]
    draft.entries = [_entry(r.label, width, "strong" if r.theme else "body", figure=str(r.count), bar=r.count / top)
                     for r in counts]
    once = [r.label for r in rows if r not in counts]
    if once:  # bars of one each say nothing: the rest as a list, the room reads more of it per page
        heading = [Row("")] + _wrapped(f"Said once ({len(once)})", width, "strong") if counts else []
        said = [_entry(text, width, lead="•") for text in once]
        draft.entries += [heading + said[0]] + said[1:]
    if not rows:
        draft.entries = [_entry("No answers yet.", width, "muted")]
    return draft


def _answer_summary(total: int, rows: list[ThemeCount]) -> str:
    """ "9 answers: 2 themes, 2 on their own" """
    if not total:
        return ""
    themes = sum(r.theme is not None for r in rows)
    alone = len(rows) - themes
    parts = [counted(themes, "theme")] if themes else []
    parts += [f"{alone} on {'its' if alone == 1 else 'their'} own"] if alone and themes else []
    head = counted(total, "answer")
    return f"{head}: {', '.join(parts)}" if parts else head


def _questions(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """The open questions from the floor, most upvoted first: text and upvotes, never who asked."""
    waiting = voice.open_questions(ws)
    shown = waiting[:voice.TOP_QUESTIONS]
    draft = _Draft("Questions from the floor", f"{len(waiting)} open, most upvoted first" if waiting else "",
                   spaced=True)
    draft.entries = [_entry(q.text, width, lead=str(i), figure=f"▲ {q.upvotes}") for i, q in enumerate(shown, 1)]
    if len(waiting) > len(shown):
        draft.entries.append(_entry(f"…and {len(waiting) - len(shown)} more: upvote yours on your phone", width,
                                    "muted"))
    if not waiting:
        draft.entries = [_entry("No questions yet: send yours from your phone", width, "muted")]
    return draft
