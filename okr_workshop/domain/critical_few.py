"""Turning a vote into the critical few: the top items are selected, the rest wait for a decision.

The rest go back to "candidate", which the not-now screen lists as undecided until the room
stops, defers or keeps each one as business as usual. Items already stopped, deferred or kept
as BAU were decided earlier and are left alone.
"""

from __future__ import annotations

import dataclasses

from .model import Priority, Vote, Workshop
from .voting import tally

CRITICAL_FEW_MAX = 5  # keep about 3-5: more than this is not a choice


def top_items(vote: Vote, count: int) -> list[str]:
    """The items ranked ``count`` or better, best first; a tie at the cut brings all tied items in."""
    return [row["item"] for row in tally(vote).ranking if row["rank"] <= count]


def too_many(count: int) -> str | None:
    """The warning for a critical few that is not few, else None."""
    if count > CRITICAL_FEW_MAX:
        return (f"{count} priorities is not a critical few: keep {CRITICAL_FEW_MAX} or fewer, "
                "and send the rest to the not-now list.")
    return None


def decide(ws: Workshop, vote: Vote, chosen: list[str]) -> list[tuple[Priority, Priority]]:
    """(before, after) for every priority of the vote whose status changes."""
    changes = []
    by_id = {p.id: p for p in ws.priorities}
    for item in vote.items:
        before = by_id.get(item)
        if before is None:
            continue
        if item in chosen:
            status = "selected"
        elif before.status in ("candidate", "selected"):
            status = "candidate"
        else:
            continue
        if before.status != status:
            changes.append((before, dataclasses.replace(before, status=status)))
    return changes
