"""The stage's retrospective view: how last quarter's key results scored, and the story then and now.

Owners stay off it: the room grades outcomes, not people. Its own module because it reads last
quarter's history, which no other view touches.
"""

from __future__ import annotations

from . import alignment, retrospective
from . import model as m
from .next_quarter import has_history
from .stage_alignment import agreement_text
from .stage_rows import PAGE_BREAK, Entry, Live, Row, StageRef, _Draft, _entry, _number, _wrapped, from_to

RETRO_TITLE = "Last quarter: how we scored"
# The flags in a few words for the subtitle; the rows under it give ``retrospective.FLAG_WORDS``.
FLAG_SHORT = {"sandbagging": "targets too safe", "overreach": "targets out of reach",
              "revisit_due": "a not-now revisit is due"}
FIRST_OFFSITE = "This is a first offsite: there is no last quarter to score yet."


def _retrospective(ws: m.Workshop, ref: StageRef, width: int, live: Live) -> _Draft:
    """Last quarter's key results, most missed first (where the conversation starts), each with its
    score as a bar and its actual against its target; the mean and the flags in the subtitle; then
    the alignment and the critical few, then and now. Owners stay off the stage: the room grades
    outcomes, not people."""
    if not has_history(ws):
        return _Draft(RETRO_TITLE, entries=[_entry(FIRST_OFFSITE, width, "muted")])
    krs = ws.past_key_results
    mean = retrospective.mean_score(ws)
    scored = sum(s is not None for s in retrospective.scores(ws).values())
    head = (f"Mean score {retrospective.score_text(mean)} ({scored} of {len(krs)} scored)" if scored
            else "Nothing scored yet")
    flags = [FLAG_SHORT[f] for f in retrospective.flags(ws)]
    draft = _Draft(RETRO_TITLE, " · ".join(t for t in (ws.history.cycle, head, *flags) if t))
    draft.entries = [_past_key_result(kr, width) for kr in missed_first(krs)]
    if not krs:
        draft.entries.append(_entry("Last quarter had no key results to score.", width, "muted"))
    draft.entries += [PAGE_BREAK, *_then_and_now(ws, width)]
    return draft


def missed_first(krs: list[m.PastKeyResult]) -> list[m.PastKeyResult]:
    """The lowest score first; those that cannot be scored last, in their own order."""
    order = {kr.id: i for i, kr in enumerate(krs)}
    return sorted(krs, key=lambda kr: (retrospective.score(kr) is None, retrospective.score(kr) or 0.0, order[kr.id]))


def _past_key_result(kr: m.PastKeyResult, width: int) -> Entry:
    """ "Cut the median time to first shipment   ███████   0.7", then "actual 41 · 74 → 30 days"."""
    value = retrospective.score(kr)
    aim = from_to(kr) if kr.baseline is not None else f"target {_number(kr.target, kr.unit)}"
    if kr.target is None:
        note = "No target: not scored"
    elif kr.actual is None:
        note = f"No actual yet · {aim}"
    else:
        note = f"Actual {_number(kr.actual, kr.unit)} · {aim}"
    return _entry(kr.title, width, "strong" if value is not None else "body", figure=retrospective.score_text(value),
                  bar=value, note=note)


def _then_and_now(ws: m.Workshop, width: int) -> list[Entry]:
    """The alignment check's agreement per question and the critical few, at the last offsite
    and now: did the story converge?"""
    h = ws.history
    title = f"Then and now{f' (then: {h.cycle})' if h.cycle else ''}"
    entries: list[Entry] = [_wrapped(title, width, "strong") + [Row("")]]
    for q in m.QUESTIONS:  # before this offsite's check has answers, "22% then" alone
        now = alignment.agreement(ws, q)
        then = agreement_text(h.alignment.get(q))
        entries.append(_entry(f"Agreement: {alignment.QUESTION_SHORT[q]}", width, bar=now,
                              figure=f"{then} then" if now is None else f"{then} → {agreement_text(now)}"))
    before = sum(status == "selected" for status in h.priorities.values())
    chosen = [p for p in ws.priorities if p.status == "selected"]
    kept = [p.title for p in chosen if h.priorities.get(p.id) == "selected"]
    entries.append(_entry("The critical few", width, figure=f"{before} → {len(chosen)}" if chosen else f"{before} then",
                          note=f"Still chosen: {' · '.join(kept)}" if kept else ""))
    return entries
