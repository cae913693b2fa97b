"""The risk log: every named risk with its mitigation, owner and date, so a risk the room saw on
the projector has someone acting on it after the offsite (or visibly nobody yet).

Sources: the coherence findings, the dependency map's risks, and the room's own: a theme of its
answers the facilitator turned into a risk ("Which hand-over will bite us?"). A mitigation is the follow-up
action: the one whose ``finding`` answers the coherence finding, or, for a map risk, the open
action whose source names every box of the risk.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import coherence, dependencies
from .model import Action, Workshop

NONE_YET = "None yet"


@dataclass(frozen=True)
class Entry:
    risk: str
    mitigation: str  # the follow-up action's title, or NONE_YET
    owner: str | None  # participant id
    date: str | None  # ISO date: the action's due date, else the dependency's needed-by
    source: str  # "coherence" | "dependencies" | "room"


def _map_follow_up(ws: Workshop, risk: dependencies.Risk) -> Action | None:
    labels = {n.id: n.label for n in ws.nodes}
    boxes = set(risk.nodes) | {n for e in risk.edges for n in e}
    names = [labels.get(b, b) for b in boxes]
    for a in ws.actions:
        if a.status == "dropped":
            continue
        if any(a.finding.endswith(f":{s}->{t}") for s, t in risk.edges):
            return a
        if names and a.source and all(n in a.source for n in names):
            return a
    return None


def risk_log(ws: Workshop) -> list[Entry]:
    """Coherence findings first (in their order), then the map's risks, most severe first."""
    out: list[Entry] = []
    risks = dependencies.risks(ws) if ws.edges else []
    mapped = {f"{s}->{t}" for r in risks for s, t in r.edges}
    for f in coherence.findings(ws):
        if f.ref in mapped and f.code == "threat_without_action":
            continue  # the same hand-over is a map risk below, with its mitigation column saying "None yet"
        action = coherence.follow_up(ws, f)
        out.append(Entry(f.text, action.title if action else NONE_YET, action.owner if action else None,
                         action.due if action else None, "coherence"))
    edges = {(e.source, e.target): e for e in ws.edges}
    for r in risks:
        action = _map_follow_up(ws, r)
        edge = edges.get(r.edges[0]) if len(r.edges) == 1 else None
        owner = action.owner if action else (edge.owner if edge else None)
        when = action.due if action else (edge.needed_by if edge else None)
        out.append(Entry(r.sentence, action.title if action else NONE_YET, owner, when, "dependencies"))
    for theme in ws.themes:
        if theme.link == "risk":
            action = next((a for a in ws.actions if a.status != "dropped" and a.source.endswith(theme.label)), None)
            out.append(Entry(f"The room named it: {theme.label}",
                             action.title if action else NONE_YET, action.owner if action else None,
                             action.due if action else None, "room"))
    return out
