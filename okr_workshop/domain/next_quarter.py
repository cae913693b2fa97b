"""The next offsite, started from the last one (``okr-workshop new --from``).

Offsites recur: the quarter ends with a strategy reset and the same team meets again. What
carries over is what the next offsite builds on or must answer for: the people, who decides
what and in which forum, the not-now list (an entry whose revisit has come is flagged), the
priorities as candidates remembering where they stood, the actions and parking-lot items still
open, and last quarter's key results as the retrospective's material. Not the votes, the
alignment answers or the OKRs themselves: those are this quarter's to make.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

from . import alignment
from .model import QUESTIONS, History, NotNow, PastKeyResult, Workshop, WorkshopInfo


def next_cycle(cycle: str) -> str:
    """The quarter after ``cycle`` ("2026-Q2" -> "2026-Q3", "2026-Q4" -> "2027-Q1"); "" when it is no quarter."""
    year, _, quarter = (cycle or "").strip().partition("-Q")
    if not (year.isdigit() and len(year) == 4 and quarter in ("1", "2", "3", "4")):
        return ""
    return f"{int(year) + 1}-Q1" if quarter == "4" else f"{year}-Q{int(quarter) + 1}"


def next_start(starts: str | None) -> str | None:
    """The previous start plus 13 weeks (a quarter's rhythm, on the same weekday); None without one."""
    try:
        return (date.fromisoformat(starts or "") + timedelta(weeks=13)).isoformat()
    except ValueError:
        return None


def revisit_due(entry: NotNow, starts: str | None) -> bool:
    """Whether a not-now entry's revisit (an ISO date) is on or before the new offsite's start. A
    revisit in words ("when billing is live") is never due by date: the room reads it."""
    when = (entry.revisit or "").strip()
    if not starts or len(when) != 10 or when[4] != "-" or when[7] != "-":
        return False
    return when <= starts  # ISO dates compare as text


def history_of(previous: Workshop) -> History:
    """The last offsite as this one remembers it."""
    info = previous.info
    return History(info.title, info.cycle, info.starts,
                   {q: alignment.agreement(previous, q) for q in QUESTIONS},
                   {p.id: p.status for p in previous.priorities})


def past_key_results(previous: Workshop) -> list[PastKeyResult]:
    """Last quarter's key results, each with its objective's words, ready to be scored."""
    objectives = {o.id: o.objective for o in previous.objectives}
    return [PastKeyResult(kr.id, objectives.get(kr.okr, ""), kr.title, kr.metric, kr.baseline, kr.target, kr.unit,
                          kr.owner, kr.due)
            for kr in previous.key_results]


def carry_over(previous: Workshop, cycle: str = "", starts: str | None = None) -> Workshop:
    """A new workshop for the next offsite (see the module docstring)."""
    info = previous.info
    return Workshop(
        info=WorkshopInfo(title=info.title, organisation=info.organisation, starts=starts, location=info.location,
                          facilitator=info.facilitator, cycle=cycle),
        participants=list(previous.participants),
        priorities=[dataclasses.replace(p, status="candidate") for p in previous.priorities],
        not_now=[dataclasses.replace(n, revisit_due=revisit_due(n, starts)) for n in previous.not_now],
        framework=previous.framework,
        roles=list(previous.roles),
        decisions=list(previous.decisions),
        forums=list(previous.forums),
        actions=[a for a in previous.actions if a.status == "open"],
        parking_lot=[p for p in previous.parking_lot if p.resolution == "open"],
        history=history_of(previous),
        past_key_results=past_key_results(previous),
    )


def has_history(ws: Workshop) -> bool:
    """Whether this offsite was started from a previous one (or given last quarter's key results)."""
    return ws.history != History() or bool(ws.past_key_results)


def report(ws: Workshop) -> dict[str, Any]:
    """The report's ``history`` key: the last offsite, then and now."""
    h = ws.history
    if not has_history(ws):
        return {"previous": None, "alignment": {}, "priorities": []}
    titles = {p.id: p.title for p in ws.priorities}
    now = {p.id: p.status for p in ws.priorities}

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return {
        "previous": {"title": h.title, "cycle": h.cycle, "starts": h.starts},
        "alignment": {q: {"before": rounded(h.alignment.get(q)), "now": rounded(alignment.agreement(ws, q))}
                      for q in QUESTIONS},
        "priorities": [{"id": pid, "title": titles.get(pid, ""), "before": before, "now": now.get(pid)}
                       for pid, before in h.priorities.items() if pid in now],
    }
