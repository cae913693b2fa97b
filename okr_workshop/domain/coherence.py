"""Does the story hold together? Checks across the workshop's steps, and actions that answer them.

Each step of the offsite can look fine on its own while the whole does not: an objective that
rests on a stopped priority, a critical few chosen by a vote that is still open, a forum nobody
owns. Each finding names its record so it can become an owned, dated action; the action keeps
the finding's key (``Action.finding``), so the finding shows who follows it up.

``pilot_without_lead_or_date`` is not checked: a rollout pilot carries only a unit and a reason
(``RolloutPlan.pilots``), no lead and no date to miss.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from . import model as m
from .date_words import short_date
from .vote_status import voting_status

# What each check is called where an action says what it came from.
CHECK_WORDS: dict[str, str] = {
    "critical_few_on_open_vote": "critical few chosen by an open vote",
    "critical_few_low_turnout": "critical few chosen on a low turnout",
    "critical_few_without_objective": "critical few without an objective",
    "deferred_without_revisit": "deferred without a revisit",
    "threat_without_action": "threatening dependency without an action",
    "decision_without_forum": "decision without a forum",
    "objective_off_critical_few": "objective outside the critical few",
    "objective_without_priority": "objective without a priority",
    "vague_objective": "vague objective",
    "kr_no_change": "key result that asks for no change",
    "no_rhythm": "no operating rhythm",
    "no_weekly_forum": "no weekly forum",
    "no_monthly_forum": "no monthly forum",
    "no_quarterly_forum": "no quarterly forum",
    "forum_without_purpose": "forum without a purpose",
    "forum_without_owner": "forum without an owner",
    "action_without_owner": "action without an owner",
    "action_without_due": "action without a due date",
}

TURNOUT_QUORUM = 2 / 3  # below this share of who could vote, the critical few lack a mandate
VAGUE_MAX_WORDS = 4
# Words that show an objective names who benefits or what changes: a slogan has none of them.
_OUTCOME = re.compile(
    r"\d|%|\b(?:customers?|clients?|users?|buyers?|shippers?|patients?|members?|partners?|so that|from|to|by"
    r"|within|without|per)\b"
)
_WORD = re.compile(r"[^\W_][\w'’-]*")

CADENCE_PURPOSE = {
    "weekly": "unblocks delivery and manages risk",
    "monthly": "looks at performance patterns and capacity",
    "quarterly": "resets priorities and learns",
}
PRIORITY_FATE = {
    "stopped": "which was stopped",
    "deferred": "which was deferred",
    "bau": "which is kept as business as usual",
    "candidate": "which is still only a candidate",
}


@dataclass(frozen=True)
class Finding:
    code: str
    ref: str | None  # the id of the record it is about, or None
    text: str  # one plain sentence naming the record by its title


Found = Iterator[tuple[str | None, str]]  # (ref, text) from one check


def key(code: str, ref: str | None) -> str:
    """What an action remembers of the finding it answers: "code:ref" (ref "" when None)."""
    return f"{code}:{ref or ''}"


def split_key(text: str) -> tuple[str, str | None]:
    """The inverse of ``key``: codes hold no colon, a ref may."""
    code, _, ref = text.partition(":")
    return code, ref or None


# ----- the checks ---------------------------------------------------------------------------


def _status_of(ws: m.Workshop) -> dict[str, str]:
    return {p.id: p.status for p in ws.priorities}


def _objective_off_critical_few(ws: m.Workshop) -> Found:
    status = _status_of(ws)
    for o in ws.objectives:
        if o.priority in status and status[o.priority] != "selected":
            fate = PRIORITY_FATE.get(status[o.priority], f"which is {status[o.priority]}")
            yield o.id, f"The objective “{o.objective}” rests on “{ws.priority_title(o.priority)}”, {fate}."


def _objective_without_priority(ws: m.Workshop) -> Found:
    for o in ws.objectives:
        if not o.priority:
            yield o.id, f"The objective “{o.objective}” comes from no priority, so nothing ties it to the critical few."


def is_vague(objective: str) -> bool:
    """A short slogan ("Drive innovation") that names no customer and no outcome."""
    words = _WORD.findall(objective)
    return 0 < len(words) <= VAGUE_MAX_WORDS and not _OUTCOME.search(objective.casefold())


def _vague_objective(ws: m.Workshop) -> Found:
    for o in ws.objectives:
        if is_vague(o.objective):
            yield o.id, (f"The objective “{o.objective}” is a slogan: it names no customer and no outcome, "
                         "so nobody can tell when it is reached.")


def _critical_few_without_objective(ws: m.Workshop) -> Found:
    named = {o.priority for o in ws.objectives}
    for p in ws.priorities:
        if p.status == "selected" and p.id not in named:
            yield p.id, f"The priority “{p.title}” is in the critical few, but no objective comes from it."


def _deciding_votes(ws: m.Workshop) -> list[tuple[m.Vote, list[str]]]:
    """Each vote the critical few came from (the latest vote listing each selected priority),
    with the selected priorities it decided, in the votes' order."""
    decided: dict[str, list[str]] = {}
    for p in ws.priorities:
        if p.status != "selected":
            continue
        vote = next((v for v in reversed(ws.votes) if p.id in v.items), None)
        if vote is not None:
            decided.setdefault(vote.id, []).append(p.id)
    return [(v, decided[v.id]) for v in ws.votes if v.id in decided]


def _titles(ws: m.Workshop, ids: list[str]) -> str:
    quoted = [f"“{ws.priority_title(i)}”" for i in ids]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _critical_few_on_open_vote(ws: m.Workshop) -> Found:
    for vote, chosen in _deciding_votes(ws):
        if not vote.closed:
            verb = "is" if len(chosen) == 1 else "are"
            yield vote.id, (f"{_titles(ws, chosen)} {verb} selected, but the vote “{vote.title}” "
                            "they came from is still open.")


def _critical_few_low_turnout(ws: m.Workshop) -> Found:
    for vote, _chosen in _deciding_votes(ws):
        status = voting_status(ws, vote)
        could, did = len(status.expected), len(status.voted)
        if could and did < TURNOUT_QUORUM * could:
            yield vote.id, (f"The critical few rest on the vote “{vote.title}”, where only {did} of {could} "
                            "who could vote did.")


def _number(value: float) -> str:
    return f"{value:g}"


def _kr_no_change(ws: m.Workshop) -> Found:
    for kr in ws.key_results:
        if kr.baseline is not None and kr.target is not None and kr.baseline == kr.target:
            yield kr.id, (f"The key result “{kr.title}” has the same baseline and target "
                          f"({_number(kr.target)}{kr.unit and ' ' + kr.unit}), so it asks for no change.")


def _deferred_without_revisit(ws: m.Workshop) -> Found:
    for n in ws.not_now:
        if n.decision == "defer" and not (n.revisit or "").strip():
            yield n.id, f"“{n.title}” is deferred with no revisit date or trigger, so “not now” may become “never”."


def _edge_words(ws: m.Workshop, edge: m.DepEdge) -> str:
    labels = {n.id: n.label for n in ws.nodes}
    return f"{labels.get(edge.source, edge.source)} → {labels.get(edge.target, edge.target)}"


def _threat(edge: m.DepEdge) -> str:
    """Why a hand-over threatens delivery ("" when it does not): blocked, or high risk. A
    delivered one threatens nothing any more."""
    if edge.status == "blocked":
        return "is blocked"
    if edge.risk == "high" and edge.status != "done":
        return "is high risk"
    return ""


def _answered(ws: m.Workshop, edge: m.DepEdge) -> bool:
    """An open action answers the edge: made from its finding, or captured on it (its source names it)."""
    made = key("threat_without_action", edge.id)
    words = _edge_words(ws, edge)
    return any(a.status == "open" and (a.finding == made or words in a.source or edge.id in a.source)
               for a in ws.actions)


def _threat_without_action(ws: m.Workshop) -> Found:
    for e in ws.edges:
        why = _threat(e)
        if why and not _answered(ws, e):
            yield e.id, f"The hand-over “{_edge_words(ws, e)}” {why} and no open action answers it."


def _decision_without_forum(ws: m.Workshop) -> Found:
    for d in ws.decisions:
        if not d.forum:
            yield d.id, f"The decision “{d.situation}” names no forum where it is taken."


def _no_rhythm(ws: m.Workshop) -> Found:
    if not ws.forums:
        yield None, "No forum is set up: nothing brings the leaders back together after the offsite."


def _missing_cadence(cadence: str) -> Callable[[m.Workshop], Found]:
    def check(ws: m.Workshop) -> Found:
        if ws.forums and all(f.cadence != cadence for f in ws.forums):
            yield None, f"There is no {cadence} forum that {CADENCE_PURPOSE[cadence]}."
    return check


def _forum_without_purpose(ws: m.Workshop) -> Found:
    for f in ws.forums:
        if not f.purpose.strip():
            yield f.id, f"The forum “{f.name}” has no purpose, so it risks becoming calendar theatre."


def _forum_without_owner(ws: m.Workshop) -> Found:
    for f in ws.forums:
        if not f.owner:
            yield f.id, f"The forum “{f.name}” has no owner, so nobody makes sure it happens."


def _action_without_owner(ws: m.Workshop) -> Found:
    for a in ws.actions:
        if a.status == "open" and not a.owner:
            yield a.id, f"The action “{a.title}” has no owner."


def _action_without_due(ws: m.Workshop) -> Found:
    for a in ws.actions:
        if a.status == "open" and not a.due:
            yield a.id, f"The action “{a.title}” has no due date."


# Every check, in the fixed order findings are listed in: along the flow of the offsite.
CHECKS: dict[str, Callable[[m.Workshop], Found]] = {
    "critical_few_on_open_vote": _critical_few_on_open_vote,
    "critical_few_low_turnout": _critical_few_low_turnout,
    "critical_few_without_objective": _critical_few_without_objective,
    "deferred_without_revisit": _deferred_without_revisit,
    "threat_without_action": _threat_without_action,
    "decision_without_forum": _decision_without_forum,
    "objective_off_critical_few": _objective_off_critical_few,
    "objective_without_priority": _objective_without_priority,
    "vague_objective": _vague_objective,
    "kr_no_change": _kr_no_change,
    "no_rhythm": _no_rhythm,
    "no_weekly_forum": _missing_cadence("weekly"),
    "no_monthly_forum": _missing_cadence("monthly"),
    "no_quarterly_forum": _missing_cadence("quarterly"),
    "forum_without_purpose": _forum_without_purpose,
    "forum_without_owner": _forum_without_owner,
    "action_without_owner": _action_without_owner,
    "action_without_due": _action_without_due,
}
CODES: tuple[str, ...] = tuple(CHECKS)


def _ref_order(ref: str | None) -> tuple[Any, ...]:
    """None first, then ids in natural order ("o2" before "o10")."""
    if ref is None:
        return ()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", ref) if p)


# The checks the Rhythm screen shows beside its own warnings (which already cover a forum without
# an owner and a missing quarterly reset).
RHYTHM_GAPS = ("no_weekly_forum", "no_monthly_forum", "forum_without_purpose")


def findings(ws: m.Workshop, codes: tuple[str, ...] = CODES) -> list[Finding]:
    """Every finding (or those of ``codes``), by the fixed code order (``CODES``), then by ref."""
    out: list[Finding] = []
    for code in (c for c in CODES if c in codes):
        found = sorted(CHECKS[code](ws), key=lambda pair: _ref_order(pair[0]))
        out += [Finding(code, ref, text) for ref, text in found]
    return out


def report(ws: m.Workshop) -> dict[str, Any]:
    """The report's ``coherence`` key: codes and refs only, the words are the screens' business."""
    return {"findings": [{"code": f.code, "ref": f.ref} for f in findings(ws)]}


# ----- follow-up actions --------------------------------------------------------------------


def follow_up(ws: m.Workshop, f: Finding) -> m.Action | None:
    """The open action made from this finding, if any: a done or dropped one no longer follows it up."""
    made = key(f.code, f.ref)
    return next((a for a in ws.actions if a.status == "open" and a.finding == made), None)


def follow_up_words(ws: m.Workshop, f: Finding) -> str:
    """"action a7 (Anna Nowak, 12 Apr)" while its action is open, else ""."""
    action = follow_up(ws, f)
    if action is None:
        return ""
    who = ws.participant_name(action.owner) or "no owner"
    when = short_date(action.due) or "no date"
    return f"action {action.id} ({who}, {when})"


def _new_action_id(ws: m.Workshop) -> str:
    return next(m.free_ids("a", (a.id for a in ws.actions)))


# The kind of record each code is about, and each kind's (id, title) pairs.
_KIND_OF: dict[str, str] = {
    "critical_few_on_open_vote": "vote", "critical_few_low_turnout": "vote",
    "critical_few_without_objective": "priority", "deferred_without_revisit": "not_now",
    "threat_without_action": "edge", "decision_without_forum": "decision",
    "objective_off_critical_few": "objective", "objective_without_priority": "objective",
    "vague_objective": "objective", "kr_no_change": "key_result",
    "forum_without_purpose": "forum", "forum_without_owner": "forum",
    "action_without_owner": "action", "action_without_due": "action",
}
_TITLES: dict[str, Callable[[m.Workshop], list[tuple[str, str]]]] = {
    "vote": lambda ws: [(v.id, v.title) for v in ws.votes],
    "priority": lambda ws: [(p.id, p.title) for p in ws.priorities],
    "not_now": lambda ws: [(n.id, n.title) for n in ws.not_now],
    "edge": lambda ws: [(e.id, _edge_words(ws, e)) for e in ws.edges],
    "decision": lambda ws: [(d.id, d.situation) for d in ws.decisions],
    "objective": lambda ws: [(o.id, o.objective) for o in ws.objectives],
    "key_result": lambda ws: [(k.id, k.title) for k in ws.key_results],
    "forum": lambda ws: [(f.id, f.name) for f in ws.forums],
    "action": lambda ws: [(a.id, a.title) for a in ws.actions],
}


def _name(ws: m.Workshop, code: str, ref: str | None) -> str:
    """The title of the record a finding is about, as an action's title quotes it."""
    kind = _KIND_OF.get(code)
    records = _TITLES[kind](ws) if kind else []
    return next((title for rid, title in records if rid == ref), ref or "")


ACTION_TITLES: dict[str, str] = {
    "critical_few_on_open_vote": "Close the vote “{name}” and confirm the critical few",
    "critical_few_low_turnout": "Confirm the critical few of “{name}” with those who did not vote",
    "critical_few_without_objective": "Write an objective for “{name}”",
    "deferred_without_revisit": "Give “{name}” a revisit date or trigger",
    "threat_without_action": "Unblock or de-risk “{name}” with its owner",
    "decision_without_forum": "Name the forum that decides “{name}”",
    "objective_off_critical_few": "Tie “{name}” to a selected priority, or drop it",
    "objective_without_priority": "Tie “{name}” to one of the critical few",
    "vague_objective": "Rewrite “{name}” to say who benefits and what changes",
    "kr_no_change": "Set a target for “{name}” that differs from its baseline",
    "no_rhythm": "Set up the weekly, monthly and quarterly forums",
    "no_weekly_forum": "Set up a weekly forum to unblock delivery",
    "no_monthly_forum": "Set up a monthly forum for performance and capacity",
    "no_quarterly_forum": "Set up a quarterly forum to reset priorities",
    "forum_without_purpose": "Give “{name}” a purpose",
    "forum_without_owner": "Name an owner for “{name}”",
    "action_without_owner": "Name an owner for “{name}”",
    "action_without_due": "Set a due date for “{name}”",
}


def action_title(ws: m.Workshop, f: Finding) -> str:
    """What to do about a finding, as an imperative that names its record."""
    return ACTION_TITLES[f.code].format(name=_name(ws, f.code, f.ref))


def action_for(ws: m.Workshop, f: Finding, owner: str | None, due: str | None) -> m.Action:
    """A new open action that answers ``f`` and remembers it, so the finding shows its follow-up."""
    return m.Action(_new_action_id(ws), action_title(ws, f), owner, due, "open",
                    f"Coherence check: {CHECK_WORDS[f.code]}", key(f.code, f.ref))
