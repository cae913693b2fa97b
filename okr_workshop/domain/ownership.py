"""Who owns what: every record that names a person as its owner, gathered per person.

A participant takes home one page that says what they personally carry out of the room; a
record with an owner nobody can find on that page is a hand-over that will be dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .decision_rights import deciders
from .model import NOBODY, Action, Decision, DepEdge, DepNode, Forum, KeyResult, Objective, Workshop


@dataclass(frozen=True)
class Owned:
    """Everything one person owns. ``decisions`` are those where they hold the final-decider role."""

    person: str  # participant id
    objectives: tuple[Objective, ...] = ()
    key_results: tuple[KeyResult, ...] = ()
    actions: tuple[Action, ...] = ()
    edges: tuple[DepEdge, ...] = ()
    nodes: tuple[DepNode, ...] = ()
    decisions: tuple[Decision, ...] = ()
    forums: tuple[Forum, ...] = ()

    @property
    def count(self) -> int:
        return sum(len(getattr(self, f.name)) for f in fields(self) if f.name != "person")


def decider_people(ws: Workshop, decision: Decision) -> list[str]:
    """The participants holding the final-decider letter in one decision row."""
    people = {r.id: r.participant for r in ws.roles}
    return [p for role in deciders(ws.framework, decision.assignments) if (p := people.get(role))]


def ownership(ws: Workshop) -> list[Owned]:
    """One Owned per person who owns anything, in the participants' order (unknown ids after)."""
    found: dict[str, dict[str, list]] = {}

    def add(owner: str | None, kind: str, record: object) -> None:
        if owner and owner != NOBODY:
            found.setdefault(owner, {}).setdefault(kind, []).append(record)

    for o in ws.objectives:
        add(o.owner, "objectives", o)
    for kr in ws.key_results:
        add(kr.owner, "key_results", kr)
    for a in ws.actions:
        if a.status != "dropped":
            add(a.owner, "actions", a)
    for e in ws.edges:
        add(e.owner, "edges", e)
    for n in ws.nodes:
        add(n.owner, "nodes", n)
    for d in ws.decisions:
        for person in dict.fromkeys(decider_people(ws, d)):
            add(person, "decisions", d)
    for f in ws.forums:
        add(f.owner, "forums", f)
    position = {p.id: i for i, p in enumerate(ws.participants)}
    order = sorted(found, key=lambda pid: (position.get(pid, len(position)), pid))
    return [Owned(pid, **{kind: tuple(records) for kind, records in found[pid].items()}) for pid in order]
