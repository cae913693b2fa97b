"""Roll out small: the plan's steps in order and what it still lacks (DOMAIN.md, step 8).

Start with the senior team, pilot in one or two units where the pain is visible, name an
internal OKR coach, and expand once behaviour holds. The first forums come from the rhythm,
so the plan and the calendar never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Workshop

MAX_PILOTS = 2


@dataclass(frozen=True)
class Step:
    when: str | None  # ISO date or date-time, None when not yet set
    what: str


def steps(ws: Workshop) -> list[Step]:
    """The rollout as dated steps: the senior team, the first forums, the pilots, the expansion."""
    plan = ws.rollout
    names = {p.id: p.name for p in ws.participants}
    out = [Step(plan.senior_team_start, "The senior team starts working with the OKRs and the rhythm")]
    forums = sorted((f for f in ws.forums if f.first), key=lambda f: f.first or "")
    out += [Step(f.first, f"First {f.name} ({f.cadence})") for f in forums]
    for pilot in plan.pilots:
        why = f": {pilot['why']}" if pilot.get("why") else ""
        out.append(Step(None, f"Pilot in {pilot['unit']}{why}"))
    if plan.coach:
        out.append(Step(None, f"Internal OKR coach: {names.get(plan.coach, plan.coach)}"))
    if plan.expansion:
        out.append(Step(None, f"Expand when: {plan.expansion}"))
    return out


def gaps(ws: Workshop) -> list[str]:
    """What the plan still lacks, in words for the room."""
    plan = ws.rollout
    found = []
    if not plan.senior_team_start:
        found.append("No start date for the senior team.")
    if not plan.pilots:
        found.append("No pilot unit: pick one or two where the pain is visible.")
    elif len(plan.pilots) > MAX_PILOTS:
        found.append(f"{len(plan.pilots)} pilot units: start with one or two.")
    if any(not p.get("why") for p in plan.pilots):
        found.append("A pilot unit without a reason: say why it goes first.")
    if not plan.coach:
        found.append("No internal OKR coach named.")
    if not plan.expansion.strip():
        found.append("No expansion criteria: say what behaviour must hold before rolling out further.")
    if not any(f.first for f in ws.forums):
        found.append("No forum has a first date yet.")
    return found
