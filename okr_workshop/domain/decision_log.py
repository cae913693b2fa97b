"""The decision log: what the room decided, when and where.

``log_entries_for(before, after, ws)`` reads one record change and returns the decisions it
shows (a vote closed, a priority selected, stopped, deferred or kept as business as usual, a
decider named, a trade-off confirmed). The UI calls it for every edit and stores the entries
in the same undo step as the edit, so the log never claims a decision that was undone.
``entries_for_step`` does the same for all the changes of one undo step and merges what
belongs together (the priorities one Decide selects are one decision, not five).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from . import model as m

KIND_LABELS = {
    "manual": "By hand",
    "vote_closed": "Vote closed",
    "vote_reopened": "Vote reopened",
    "results_revealed": "Results revealed",
    "critical_few": "Critical few",
    "stopped": "Stopped",
    "deferred": "Deferred",
    "bau": "Business as usual",
    "decider_named": "Decider named",
    "tradeoff_confirmed": "Trade-off confirmed",
}
_STATUS_KIND = {"selected": "critical_few", "stopped": "stopped", "deferred": "deferred", "bau": "bau"}
_DECISION_KIND = {"stop": "stopped", "defer": "deferred", "bau": "bau"}


def _entry(kind: str, text: str, ref: str) -> m.LogEntry:
    return m.LogEntry("", "", kind, text, "", ref)


def _score(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _vote_result(vote: m.Vote, ws: m.Workshop) -> str:
    from .voting import tally

    if not vote.ballots and not vote.hands:
        return "no ballots"
    result = tally(vote)
    top = [f"{ws.priority_title(r['item'])} ({_score(r['score'])})" for r in result.ranking if r["rank"] <= 3]
    turnout = f"{result.turnout} ballot{'s' if result.turnout != 1 else ''}"
    if result.abstentions:
        turnout += f", {result.abstentions} abstaining"
    if result.weighted:
        turnout += ", weighted"
    return f"{turnout}. Top: {', '.join(top)}" if top else turnout


def _not_now_text(kind: str, title: str, entry: m.NotNow | None) -> str:
    if kind == "critical_few":
        return f"Selected for the critical few: {title}"
    if kind == "stopped":
        return f"Stopped: {title}"
    if kind == "bau":
        return f"Kept as business as usual, outside the OKRs: {title}"
    revisit = f" (revisit {entry.revisit})" if entry is not None and entry.revisit else ""
    return f"Deferred, not now: {title}{revisit}"


def _decider_text(decision: m.Decision, role_id: str, ws: m.Workshop) -> str:
    role = next((r for r in ws.roles if r.id == role_id), None)
    label = role.label if role else role_id
    person = ws.participant_name(role.participant) if role else ""
    who = f"{label} ({person})" if person else label
    return f"{who} decides: {decision.situation}"


def log_entries_for(before: Any, after: Any, ws: m.Workshop) -> list[m.LogEntry]:
    """The decisions one change shows; entries without id, time or context (the caller adds them)."""
    if after is None:
        return []
    if isinstance(after, m.Vote):
        was = isinstance(before, m.Vote) and before.closed
        found: list[m.LogEntry] = []
        if after.closed and not was:
            found.append(_entry("vote_closed", f"Vote closed: “{after.title}”, {_vote_result(after, ws)}",
                                f"vote:{after.id}"))
        if was and not after.closed:
            found.append(_entry("vote_reopened", f"Vote reopened: “{after.title}”", f"vote:{after.id}"))
        if after.revealed and isinstance(before, m.Vote) and not before.revealed:
            found.append(_entry("results_revealed", f"Results revealed to the room: “{after.title}”, "
                                f"{_vote_result(after, ws)}", f"vote:{after.id}"))
        return found
    if isinstance(after, m.Priority):
        kind = _STATUS_KIND.get(after.status)
        if kind is None or (isinstance(before, m.Priority) and before.status == after.status):
            return []
        entry = next((n for n in ws.not_now if n.priority == after.id), None)
        return [_entry(kind, _not_now_text(kind, after.title, entry), f"priority:{after.id}")]
    if isinstance(after, m.NotNow):
        if isinstance(before, m.NotNow) and before.decision == after.decision:
            return []
        kind = _DECISION_KIND[after.decision]
        ref = f"priority:{after.priority}" if after.priority else f"not_now:{after.id}"
        title = ws.priority_title(after.priority) if after.priority else after.title
        return [_entry(kind, _not_now_text(kind, title, after), ref)]
    if isinstance(after, m.Decision):
        from .decision_rights import deciders  # here: the window's first frame need not wait for it

        now = deciders(ws.framework, after.assignments)
        was_named = deciders(ws.framework, before.assignments) if isinstance(before, m.Decision) else []
        if len(now) == 1 and now != was_named:
            return [_entry("decider_named", _decider_text(after, now[0], ws), f"decision:{after.id}")]
        return []
    if isinstance(after, m.Tradeoff) and after.confirmed and not (isinstance(before, m.Tradeoff) and before.confirmed):
        text = f"Trade-off confirmed: we choose {ws.priority_title(after.choose)} even at the expense of {after.over}"
        return [_entry("tradeoff_confirmed", text, f"tradeoff:{after.id}")]
    return []


def _merge(entries: list[m.LogEntry]) -> list[m.LogEntry]:
    """One entry per record (the richer text wins: a not-now entry knows the revisit date), and
    the priorities selected in one step as one critical-few entry."""
    by_ref: dict[tuple[str, str], m.LogEntry] = {}
    for e in entries:
        key = (e.kind, e.ref)
        if key not in by_ref or len(e.text) > len(by_ref[key].text):
            by_ref[key] = e
    merged = list(by_ref.values())
    chosen = [e for e in merged if e.kind == "critical_few"]
    if len(chosen) > 1:
        titles = [e.text.removeprefix("Selected for the critical few: ") for e in chosen]
        first = merged.index(chosen[0])
        merged = [e for e in merged if e.kind != "critical_few"]
        merged.insert(first, _entry("critical_few", f"The critical few: {'; '.join(titles)}",
                                    ",".join(e.ref for e in chosen)))
    return merged


def _net(changes: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Each record's change over the whole step: first before, last after. A row moved (deleted
    and put back elsewhere) or a vote closed and reopened within one step decides nothing."""
    net: dict[tuple[str, Any], list[Any]] = {}
    for before, after in changes:
        record = after if after is not None else before
        key = (type(record).__name__, getattr(record, "id", None))
        if key in net:
            net[key][1] = after
        else:
            net[key] = [before, after]
    return [(b, a) for b, a in net.values() if b != a]


def entries_for_step(changes: Iterable[tuple[Any, Any]], ws: m.Workshop, framework_switched: bool = False
                     ) -> list[m.LogEntry]:
    """The decisions all the changes of one undo step show, merged. Switching the framework moves
    every letter, so the deciders it carries over are not new decisions."""
    found: list[m.LogEntry] = []
    for before, after in _net(changes):
        found += log_entries_for(before, after, ws)
    if framework_switched:
        found = [e for e in found if e.kind != "decider_named"]
    return _merge(found)


def with_ids(entries: Sequence[m.LogEntry], existing: Sequence[m.LogEntry], at: str, context: str
             ) -> list[m.LogEntry]:
    """The entries ready to store: fresh ids (l1, l2, ...), the time and where the room was."""
    taken = {e.id for e in existing}
    out: list[m.LogEntry] = []
    n = 1
    for e in entries:
        while f"l{n}" in taken:
            n += 1
        taken.add(f"l{n}")
        out.append(dataclasses.replace(e, id=f"l{n}", at=at, context=e.context or context))
    return out


def summary(ws: m.Workshop) -> list[dict[str, str]]:
    """The log for the report and the pack: time, kind, what was decided, where."""
    return [{"id": e.id, "at": e.at, "kind": e.kind, "label": KIND_LABELS.get(e.kind, e.kind), "text": e.text,
             "context": e.context} for e in ws.decision_log]
