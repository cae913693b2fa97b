"""The stage's diagnosis views: who has finished the private alignment check, then each question's reveal.

The reveal shows what the room named and how many named it, never who; when department heads
took the check too, it adds pages comparing the two levels ("a level lower"). Kept apart from
``stage`` because privacy rules here are the strictest on the stage: one head's answers alone stay
off it.
"""

from __future__ import annotations

from . import alignment
from . import model as m
from .stage_rows import PAGE_BREAK, Entry, Figure, Live, Row, StageRef, _Draft, _entry, _wrapped
from .themes import themes_of

LEVEL_NAMES = {"executive": "Executives agree", "participant": "Department heads agree",
               "across": "Across the two levels"}
LEVEL_WORDS = {"narrative_problem": "Executives and department heads name different things: the story changes a "
                                    "level lower.",
               "partial": "Executives and department heads share part of the story, not all of it.",
               "shared": "Executives and department heads broadly name the same things."}
LEVEL_TOP = 3  # what each level names first, the two lists on one page
LEVEL_PRIVATE_BELOW = 2  # one department head's answers alone would say who named what


def _check_progress(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """Who has finished the private check, by name, and how many: never what anyone answered. The
    department heads who take the check a level lower count with the executives."""
    done = alignment.finished(ws) + alignment.finished(ws, "participant")
    expected = len(done) + len(alignment.waiting(ws)) + len(alignment.waiting(ws, "participant"))
    label = "has finished" if len(done) == 1 and expected == 1 else "have finished"
    draft = _Draft("The private alignment check", figure=Figure(f"{len(done)} of {expected}", label))
    names = " · ".join(_unbroken(ws.participant_name(pid)) for pid in done)  # a name never splits across rows
    draft.entries = [_entry(names, width) if done else _entry("Nobody has finished yet.", width, "muted")]
    return draft


def _alignment(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """One question's reveal: each answer (grouped answers as their theme) with how many named it,
    never who; then the verdict; then, when department heads answered, the check a level lower."""
    question = ref.key if ref.key in alignment.QUESTION_LABELS else m.QUESTIONS[0]
    groups = alignment.answer_groups(ws, question)
    people = alignment.responses(ws, question)
    draft = _Draft(alignment.QUESTION_LABELS[question], alignment.spread_summary(people, len(groups)))
    draft.entries = [_entry(_agreement_words(ws, question), width, "strong") + [Row("")]]
    shared = [g for g in groups if g.count > 1]
    draft.entries += [_entry(g.item, width, figure=f"{g.count} of {people}", bar=g.count / max(1, people))
                      for g in shared]
    once = [g.item for g in groups if g.count == 1]
    if once:  # the long tail as one paragraph: counts only, never who
        heading = [Row("")] if shared else []
        heading += _wrapped(f"Named by one person each ({len(once)})", width, "strong")
        first, *rest = _entry(" · ".join(_unbroken(i) for i in once), width)
        draft.entries += [heading + [first]] + [[row] for row in rest]  # rows fill a page, not a whole block
    draft.entries += _level_lower(ws, question, width)
    return draft


def _agreement_words(ws: m.Workshop, question: str) -> str:
    """ "Agreement 15% on themes (1% word for word). Wide variation: ..." """
    score = alignment.agreement(ws, question)
    percent = alignment.agreement_percent(score)
    verdict = alignment.agreement_verdict(score)
    if percent is None:
        return verdict
    if not themes_of(ws, question):
        return f"Agreement {percent}%. {verdict}"
    raw = alignment.agreement_percent(alignment.agreement(ws, question, raw=True))
    return f"Agreement {percent}% on themes ({raw}% word for word). {verdict}"


def agreement_text(score: float | None) -> str:
    """ "22%", or "–" with no answers to agree on: the agreement as a figure beside its bar."""
    percent = alignment.agreement_percent(score)
    return "–" if percent is None else f"{percent}%"


def _level_lower(ws: m.Workshop, question: str, width: int) -> list[Entry]:
    """The check a level lower, on pages of its own: each level's agreement and across them as
    bars with a sentence, then what each level names first. Nothing when no department head
    answered; one alone keeps their answers private (on a stage, "the department heads" names them)."""
    heads = alignment.responses(ws, question, "participant")
    if not heads:
        return []
    found = alignment.levels(ws, question)
    block = _wrapped("A level lower", width, "strong")
    for level, name in LEVEL_NAMES.items():
        score = found[level]
        block += _entry(name, width, figure=agreement_text(score), bar=score if score is not None else 0.0)
    level = alignment.agreement_level(found["across"])
    if level is not None:
        block += [Row("")] + _wrapped(LEVEL_WORDS[level], width)
    if heads < LEVEL_PRIVATE_BELOW:
        block += [Row("")] + _wrapped(
            "One department head has answered: what they named stays private until another does.", width, "muted")
        return [PAGE_BREAK, block]
    entries = [PAGE_BREAK, block, PAGE_BREAK]
    for role, name in (("executive", "Executives name first"), ("participant", "Department heads name first")):
        people = alignment.responses(ws, question, role)
        top = alignment.answer_groups(ws, question, role)[:LEVEL_TOP]
        rows = [row for g in top for row in _entry(g.item, width, figure=f"{g.count} of {people}")]
        if rows:  # a level's list stays whole on its page: the room compares the two
            entries.append(([Row("")] if len(entries) > 3 else []) + _wrapped(name, width, "strong") + rows)
    return entries


def _unbroken(text: str) -> str:
    """Words joined by no-break spaces, so a name or a short answer never splits across rows."""
    return text.replace(" ", "\u00a0") if len(text) <= 28 else text
