"""What else must change when a record is deleted, so that no reference is left dangling.

Every reference the interchange checks on import must still resolve after a delete, or the
workshop could not be exported and imported again. Owners and links are cleared; records that
cannot exist without the deleted one (a node's edges, an objective's key results, a
participant's private and named answers, a trade-off about a priority) go with it. A delete that would
take a cast ballot's meaning away is refused instead.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from . import model as m

Change = tuple[Any, Any]  # (before, after); after None = delete


class DeleteRefused(ValueError):
    """The delete would break something that must not change (a cast ballot)."""


def _cleared(records: list[Any], field: str, value: str) -> list[Change]:
    return [(r, dataclasses.replace(r, **{field: None})) for r in records if getattr(r, field) == value]


def _participant(ws: m.Workshop, pid: str) -> list[Change]:
    for vote in ws.votes:
        if pid in vote.voters():
            raise DeleteRefused(f"{ws.participant_name(pid)} has voted in “{vote.title}”; a cast ballot stays.")
    changes: list[Change] = [(a, None) for a in ws.alignment_answers if a.participant == pid]
    changes += [(a, None) for a in ws.prompt_answers if a.participant == pid]  # named answers go with the person
    for records, field in ((ws.room_questions, "asked_by"), (ws.not_now, "owner"), (ws.nodes, "owner"),
                           (ws.edges, "owner"), (ws.roles, "participant"), (ws.objectives, "owner"),
                           (ws.key_results, "owner"),
                           (ws.actions, "owner"), (ws.intake, "requested_by"), (ws.parking_lot, "raised_by")):
        changes += _cleared(records, field, pid)
    for forum in ws.forums:
        after = dataclasses.replace(forum, owner=None if forum.owner == pid else forum.owner,
                                    attendees=[a for a in forum.attendees if a != pid])
        if after != forum:
            changes.append((forum, after))
    if ws.info.facilitator == pid:
        changes.append((ws.info, dataclasses.replace(ws.info, facilitator=None)))
    owners = ws.diagnosis.accountability
    if pid in owners.values():
        kept = {q: who for q, who in owners.items() if who != pid}
        changes.append((ws.diagnosis, dataclasses.replace(ws.diagnosis, accountability=kept)))
    plan = ws.rollout
    if plan.coach == pid or any(c.get("who") == pid for c in plan.cascade):
        cascade = [{**c, "who": ""} if c.get("who") == pid else c for c in plan.cascade]
        changes.append((plan, dataclasses.replace(plan, coach=None if plan.coach == pid else plan.coach,
                                                  cascade=cascade)))
    return changes


def _priority(ws: m.Workshop, pid: str) -> list[Change]:
    changes: list[Change] = []
    for vote in ws.votes:
        if pid in vote.items:
            if vote.ballots or vote.voted:
                raise DeleteRefused(f"“{ws.priority_title(pid)}” is on “{vote.title}”, which has ballots.")
            changes.append((vote, dataclasses.replace(
                vote, items=[i for i in vote.items if i != pid],
                hands={i: n for i, n in vote.hands.items() if i != pid})))
    changes += _cleared(ws.not_now, "priority", pid)
    changes += _cleared(ws.objectives, "priority", pid)
    changes += [(t, None) for t in ws.tradeoffs if t.choose == pid]
    return changes


def consequences(ws: m.Workshop, record: Any) -> list[Change]:
    """The changes to make, before deleting ``record``, so nothing refers to it any more."""
    if isinstance(record, m.Participant):
        return _participant(ws, record.id)
    if isinstance(record, m.Priority):
        return _priority(ws, record.id)
    if isinstance(record, m.DepNode):
        return [(e, None) for e in ws.edges if record.id in (e.source, e.target)]
    if isinstance(record, m.Objective):
        return [(k, None) for k in ws.key_results if k.okr == record.id]
    if isinstance(record, m.Forum):
        return _cleared(ws.decisions, "forum", record.id) + _cleared(ws.intake, "forum", record.id)
    if isinstance(record, m.Role):
        return [(d, dataclasses.replace(d, assignments={r: x for r, x in d.assignments.items() if r != record.id}))
                for d in ws.decisions if record.id in d.assignments]
    if isinstance(record, m.Vote):
        return _cleared(ws.votes, "follows", record.id)
    if isinstance(record, m.Action):
        return _cleared([p for p in ws.parking_lot if p.resolution == "action"], "link", record.id)
    if isinstance(record, m.NotNow):
        return _cleared([p for p in ws.parking_lot if p.resolution == "not_now"], "link", record.id)
    if isinstance(record, m.Prompt):  # its answers and the themes they were grouped into go with it
        return ([(a, None) for a in ws.prompt_answers if a.prompt == record.id]
                + [(t, None) for t in ws.themes if t.question == record.id])
    return []
