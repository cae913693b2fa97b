"""The room's voice: the open prompts with their themes and counts, and the questions from the floor.

Secrecy follows the votes' rules (see ``domain.voice``): a hidden answer or question is in no copy;
no answer carries a name; the participants' copy quotes only what was said more than once (on a
named prompt, by two people or more) of a prompt the room was shown (``voice.shareable``), and
counts the rest, as the alignment check does. The facilitator's copy shows every visible answer
(``voice.themed``) and who asked a question from the floor when they put their name on it.
"""

from __future__ import annotations

from typing import Any

from ..domain import voice
from ..domain.model import Prompt, RoomQuestion, Workshop
from ..domain.themes import ThemeCount, linked_title
from .blocks import PackContext, heading, keep_with_next, new_section, note, para, plural, split_widths, table

TITLE = "The room's voice"
PROMPTS = "Open prompts"
FLOOR = "Questions from the floor"

# What a link names, in words: "action:a12" reads "action: <its title>".
LINK_WORDS: dict[str, str] = {
    "priority": "candidate priority",
    "not_now": "not now",
    "dependency": "dependency map",
    "risk": "risk log",
    "parking": "parking lot",
    "action": "action",
    "log": "decision log",
}
STATUS_WORDS: dict[str, str] = {
    "open": "Still open",
    "answered": "Answered in the room",
    "parked": "Parked",
    "action": "Became an action",
    "logged": "Logged as a decision",
}
STATUS_LINKS: dict[str, str] = {"parked": "parking", "action": "action", "logged": "log"}  # the link each implies


def link_words(ws: Workshop, link: str) -> str:
    """What a theme or a question became, in words: "action: Name one owner…", "risk log"; "" for none."""
    if not link:
        return ""
    kind = link.partition(":")[0]
    words = LINK_WORDS.get(kind, kind.replace("_", " "))
    title = linked_title(ws, link)
    return f"{words}: {title}" if title else words


def became(ws: Workshop, link: str) -> str:
    """A theme's link as the pack prints it beside the theme: "→ action: <title>"."""
    words = link_words(ws, link)
    return f"→ {words}" if words else ""


def visible_questions(ws: Workshop) -> list[RoomQuestion]:
    """The questions from the floor the pack shows: not hidden, most upvoted first (ties: first asked)."""
    return sorted((q for q in ws.room_questions if not q.hidden), key=lambda q: -q.upvotes)


def has_data(ctx: PackContext) -> bool:
    return bool(ctx.ws.prompts or visible_questions(ctx.ws))


def section(ctx: PackContext) -> list[Any]:
    if not has_data(ctx):
        return []
    ws = ctx.ws
    out = new_section(TITLE, "What the room said in its own words: the answers to open prompts, grouped into "
                             "themes, and the questions from the floor with their upvotes.")
    if ws.prompts:
        out.append(heading(PROMPTS, 1))
        out.append(note("Answers are counted without names. Answers the facilitator took down are in no copy."))
        linked = any(t.link for t in ws.themes if t.question in {p.id for p in ws.prompts})
        for prompt in ws.prompts:
            out += _prompt(ctx, prompt, linked)
    out += _floor(ctx)
    return out


def _prompt(ctx: PackContext, prompt: Prompt, linked: bool) -> list[Any]:
    """One prompt: its facts, then its themes with counts; ``linked``: a column for what themes became
    (every prompt's table has it when any has, so the tables line up)."""
    ws = ctx.ws
    answered = voice.answers_to(ws, prompt.id)
    people = len({a.participant for a in answered if a.participant})
    how = f"named, from {plural(people, 'person', 'people')}" if prompt.named else "anonymous"
    state = "shown to the room" if prompt.revealed else "not shown to the room"
    facts = f"{plural(len(answered), 'answer')} ({how}); {state}."
    taken_down = voice.taken_down(ws, prompt.id)
    if taken_down and ctx.facilitator:
        facts += f" {plural(taken_down, 'answer')} taken down and not shown."
    out: list[Any] = [heading(prompt.text, 2), keep_with_next(para(facts, "muted"))]
    rows: list[ThemeCount] = voice.themed(ws, prompt.id) if ctx.facilitator else voice.shareable(ws, prompt.id)
    by_people = prompt.named and not ctx.facilitator  # shareable counts people on a named prompt
    if rows:
        links = {t.id: t.link for t in ws.themes if t.question == prompt.id}
        header = ["Theme or answer", "People" if by_people else "Answers"]
        body = [[r.label, str(r.count)] for r in rows]
        shares = [5, 0.9]
        if linked:
            header.append("What it became")
            for row, r in zip(body, rows, strict=True):
                row.append(became(ws, links.get(r.theme or "", "")))
            shares = [3.6, 0.9, 3.2]
        out.append(table(header, body, split_widths(ctx.width, shares)))
    lone = 0 if ctx.facilitator else voice.unquoted(ws, prompt.id)
    if lone:
        lead = "And " if rows else ""
        why = "given once each" if prompt.revealed else "not shown to the room"
        out.append(para(f"{lead}{plural(lone, 'answer')} {why} (not quoted in this copy).", "small"))
    elif not rows:
        out.append(para("No answers yet.", "small"))
    return out


def _floor(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    questions = visible_questions(ws)
    if not questions:
        return []
    out: list[Any] = [heading(FLOOR, 1),
                      keep_with_next(para("Asked from phones during the day; others upvoted the ones they wanted "
                                          "answered. Most upvoted first.", "muted"))]
    rows = []
    for q in questions:
        text = q.text
        if ctx.facilitator and q.asked_by:
            text += f" (asked by {ctx.name(q.asked_by)})"
        happened = STATUS_WORDS.get(q.status, q.status)
        # "Became an action: <title>", not "Became an action: action: <title>"
        same = q.link.partition(":")[0] == STATUS_LINKS.get(q.status)
        detail = linked_title(ws, q.link) if same else link_words(ws, q.link)
        if detail:
            happened += f": {detail}"
        rows.append([text, str(q.upvotes), happened])
    out.append(table(["Question", "Upvotes", "What happened"], rows,
                     split_widths(ctx.width, [4.4, 0.9, 3])))
    return out
