"""What the offsite decided and who owns it, per critical-few priority: the page that opens the
pack, so a reader who stops after one page still knows the priorities, their owners, where they
are reviewed, what they wait on and what threatens them.

Also the status stamp ("Draft", "Interim, after day N", "Final"): a pack exported mid-offsite
must not pass for the final word, so the stamp is derived from the agenda, not typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import coherence, dependencies
from .model import DepEdge, Forum, Objective, Priority, Workshop
from .voting import tally

STATUS_WORDS = {"stopped": "stopped", "deferred": "deferred", "bau": "kept as business as usual",
                "candidate": "not selected"}
EDGE_STATUS_ORDER = ("blocked", "at_risk", "open")
RISK_ORDER = ("high", "medium", "low")

_WORD = re.compile(r"[^\W\d_]+")
_COMMON = frozenset({
    "the", "and", "for", "with", "from", "that", "this", "our", "its", "are", "into", "over", "each", "all",
    "not", "new", "than", "team", "teams", "us", "we", "them", "they", "who", "what", "within", "above", "below",
    "cut", "raise", "grow", "reduce", "increase", "improve", "become", "stay", "win", "first", "through",
})


def words(*texts: str) -> set[str]:
    """Significant words, lower-cased, a plural "s" dropped: "Customers" meets "Customer Success"."""
    found = set()
    for text in texts:
        for w in _WORD.findall((text or "").casefold()):
            if len(w) < 3 or w in _COMMON:
                continue
            found.add(w[:-1] if len(w) > 4 and w.endswith("s") else w)
    return found - _COMMON


@dataclass(frozen=True)
class Decided:
    """One critical-few priority with what hangs on it."""

    priority: Priority
    rank: int | None  # its rank in the latest vote it was on (None: never on a ballot with votes)
    objectives: tuple[Objective, ...]
    forum: Forum | None
    forum_why: str  # "its purpose covers it" | "the weekly execution forum" | ""
    dependency: DepEdge | None
    risk: str  # the top risk in a sentence, "" when none is named
    flags: tuple[str, ...]  # inconsistencies, in words


def _ranks(ws: Workshop) -> dict[str, int]:
    """Each priority's rank in the latest round with ballots that had it on the ballot."""
    ranks: dict[str, int] = {}
    for vote in sorted(ws.votes, key=lambda v: v.round):
        if not (vote.ballots or any(vote.hands.values())):
            continue
        for row in tally(vote).ranking:
            ranks[row["item"]] = row["rank"]
    return ranks


def voted_order(ws: Workshop, priorities: Iterable[Priority]) -> list[tuple[Priority, int | None]]:
    """Priorities by their rank in the latest round they were voted on; unvoted ones keep the
    workshop's order after them."""
    ranks = _ranks(ws)
    listed = list(priorities)
    order = sorted(range(len(listed)), key=lambda i: (ranks.get(listed[i].id) is None,
                                                      ranks.get(listed[i].id, 0), i))
    return [(listed[i], ranks.get(listed[i].id)) for i in order]


def review_forum(ws: Workshop, texts: Iterable[str]) -> tuple[Forum | None, str]:
    """The forum that reviews a priority: the one whose purpose or decision rights share the most
    words with the priority and its objectives (two at least), else the weekly forum."""
    topic = words(*texts)
    best: tuple[int, int] | None = None
    chosen: Forum | None = None
    for i, f in enumerate(ws.forums):
        shared = len(topic & words(f.purpose, f.decision_rights))
        if shared >= 2 and (best is None or (shared, -i) > best):
            best, chosen = (shared, -i), f
    if chosen is not None:
        return chosen, "its purpose covers it"
    weekly = next((f for f in ws.forums if f.cadence == "weekly"), None)
    if weekly is not None:
        return weekly, "the weekly execution forum"
    return None, ""


def related_nodes(ws: Workshop, title: str, texts: Iterable[str], ref: str = "") -> set[str]:
    """The map's boxes about a priority: one with its id, else those whose label shares a word with
    its title, else with its objectives and key results (descriptions are too wordy to match on)."""
    for topic in (words(title), words(*texts)):
        found = {n.id for n in ws.nodes if n.id == ref or topic & words(n.label)}
        if found:
            return found
    return set()


def _edge_key(e: DepEdge) -> tuple[int, int, str]:
    return (EDGE_STATUS_ORDER.index(e.status), RISK_ORDER.index(e.risk) if e.risk in RISK_ORDER else 1,
            e.needed_by or "9999")


def key_dependency(ws: Workshop, nodes: set[str]) -> DepEdge | None:
    """The riskiest live edge touching the boxes: blocked before at risk before open, then by risk
    level, then the earliest needed-by date."""
    live = [e for e in ws.edges if e.status != "done" and (e.source in nodes or e.target in nodes)]
    return min(live, key=_edge_key, default=None)


def top_risk(risks: list[dependencies.Risk], nodes: set[str], skip: DepEdge | None) -> str:
    """The most severe named risk touching the boxes, other than the key dependency itself."""
    for r in risks:
        touched = set(r.nodes) | {n for e in r.edges for n in e}
        if not touched & nodes:
            continue
        if skip is not None and r.edges == ((skip.source, skip.target),):
            continue
        return r.sentence
    return ""


def _flags(ws: Workshop, p: Priority, objectives: tuple[Objective, ...]) -> list[str]:
    found = []
    if not objectives:
        found.append("No objective yet.")
    for o in objectives:
        if not o.owner:
            found.append(f"Objective “{o.objective}” has no owner.")
        krs = ws.key_results_of(o.id)
        if not krs:
            found.append(f"Objective “{o.objective}” has no key results.")
        for kr in krs:
            if not kr.owner:
                found.append(f"Key result “{kr.title}” has no owner.")
    return found


def critical_few(ws: Workshop) -> list[Decided]:
    """The selected priorities in voted order, each with its objectives, forum, key dependency,
    top risk and what does not add up."""
    selected = [p for p in ws.priorities if p.status == "selected"]
    risks = dependencies.risks(ws) if ws.edges else []
    findings = coherence.findings(ws)
    out = []
    for p, rank in voted_order(ws, selected):
        objectives = tuple(o for o in ws.objectives if o.priority == p.id)
        texts = [*(o.objective for o in objectives), *(kr.title for o in objectives for kr in ws.key_results_of(o.id))]
        forum, why = review_forum(ws, [p.title, *texts])
        nodes = related_nodes(ws, p.title, texts, p.id)
        edge = key_dependency(ws, nodes)
        flags = _flags(ws, p, objectives)
        refs = {p.id, *(o.id for o in objectives), *(kr.id for o in objectives for kr in ws.key_results_of(o.id))}
        if edge is not None:
            refs.add(edge.id)
        flags += [f.text for f in findings if f.ref in refs and f.text not in flags]
        out.append(Decided(p, rank, objectives, forum, why, edge, top_risk(risks, nodes, edge), tuple(flags)))
    return out


def inconsistencies(ws: Workshop) -> list[str]:
    """What does not add up across the critical few, in plain words (beyond one priority)."""
    status = {p.id: p.status for p in ws.priorities}
    titles = {p.id: p.title for p in ws.priorities}
    selected = [p for p in ws.priorities if p.status == "selected"]
    found = []
    built_on = [o for o in ws.objectives if o.priority in status]
    if not selected and built_on:
        names = "; ".join(dict.fromkeys(titles[o.priority or ""] for o in built_on))
        found.append(f"No priority is marked as selected, yet {len(built_on)} objective"
                     f"{'s are' if len(built_on) != 1 else ' is'} built on priorities ({names}): "
                     "select the critical few, or say why these objectives stand.")
    for o in ws.objectives:
        if o.priority in status and status[o.priority] not in ("selected", "candidate"):
            found.append(f"Objective “{o.objective}” rests on a {STATUS_WORDS[status[o.priority]]} priority "
                         f"({titles[o.priority or '']}).")
        elif o.priority in status and status[o.priority] == "candidate" and selected:
            found.append(f"Objective “{o.objective}” rests on a priority that was not selected "
                         f"({titles[o.priority or '']}).")
        elif o.priority and o.priority not in status:
            found.append(f"Objective “{o.objective}” names a priority the workshop does not have.")
        elif not o.priority:
            found.append(f"Objective “{o.objective}” names no priority.")
    return found


# ----- the status stamp ------------------------------------------------------------------------


def status_stamp(ws: Workshop) -> str:
    """"Final" when every agenda session has ended, "Interim, after day N" when some have (N: the
    last day with an ended session), "Draft" when none has (or there is no agenda)."""
    ended = [s for s in ws.agenda if s.ended]
    if ws.agenda and len(ended) == len(ws.agenda):
        return "Final"
    if ended:
        return f"Interim, after day {max(s.day for s in ended)}"
    return "Draft"
