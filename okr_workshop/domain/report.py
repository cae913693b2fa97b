"""The analysis behind ``okr-workshop report``: every key of the contract in
docs/interchange.md, plus a few that the PDF and the screens reuse.

Plain JSON types only (lists, dicts, str, int, float rounded to 4 places, None). Ballots
never appear, only their tallies, so a secret vote cannot be traced to a person here.
"""

from __future__ import annotations

from typing import Any

from . import (
    alignment,
    coherence,
    decision_log,
    decision_rights,
    dependencies,
    next_quarter,
    not_now,
    okrs,
    retrospective,
    rhythm,
    run_of_show,
    voice,
    voting,
)
from .model import QUESTIONS, Vote, Workshop

DECIMALS = 4
TOP_THEMES = 3  # the leaders' and the department heads' top answers, side by side


def _num(value: float) -> float | int:
    """Round floats for a stable, readable report; whole numbers from sums stay ints."""
    if isinstance(value, int):  # bool too, which is an int
        return value
    return round(float(value), DECIMALS)


def _opt(value: float | None) -> float | int | None:
    return None if value is None else _num(value)


def vote_report(vote: Vote, ws: Workshop | None = None) -> dict[str, Any]:
    """One vote's entry: turnout, ranking, spread per item, consensus measures, and the
    shift since the round it follows."""
    result = voting.tally(vote)
    earlier = next((v for v in ws.votes if v.id == vote.follows), None) if ws and vote.follows else None
    return {
        "title": vote.title,
        "method": vote.method,
        "round": vote.round,
        "secret": vote.secret,
        "turnout": result.turnout,
        "ranking": [
            {"item": r["item"], "score": _num(r["score"]), "rank": r["rank"]} for r in result.ranking
        ],
        "condorcet_winner": result.condorcet_winner,
        "kendall_w": _opt(result.kendall_w),
        "items": {
            item: {"mean": _num(result.mean[item]), "stdev": _num(result.stdev[item])} for item in vote.items
        },
        "most_disputed": list(result.most_disputed),
        "hands": dict(vote.hands),
        "follows": vote.follows,
        "shift": voting.round_shift(earlier, vote) if earlier else {},
        "abstentions": result.abstentions,
        "weight": _num(result.weight),
        "weights": dict(vote.weights),
        "opted_out": list(vote.opted_out),
        "revealed": vote.revealed,
        "closed": vote.closed,
    }


def _alignment(ws: Workshop) -> dict[str, Any]:
    roles = {p.id: p.role for p in ws.participants}
    out: dict[str, Any] = {}
    for q in QUESTIONS:
        answered = {a.participant for a in ws.alignment_answers
                    if a.question == q and roles.get(a.participant) == "executive"}
        levels = alignment.levels(ws, q)
        score = levels["executive"]  # on themes: a grouped answer counts as its theme
        groups = alignment.answer_groups(ws, q)
        heads = alignment.answer_groups(ws, q, "participant")
        out[q] = {
            "agreement": _opt(score),
            "agreement_raw": _opt(alignment.agreement(ws, q, raw=True)),
            "levels": {level: _opt(value) for level, value in levels.items()},
            "top_by_level": {"executive": [g.item for g in groups[:TOP_THEMES]],
                             "participant": [g.item for g in heads[:TOP_THEMES]]},
            "level": alignment.agreement_level(score),
            "verdict": alignment.agreement_verdict(score),
            "responses": len(answered),
            "distinct": len(groups),
            # Counts only: who said what stays with the facilitator.
            "answers": [{"item": g.item, "count": g.count, "kind": alignment.answer_kind(g.count, len(answered))}
                        for g in groups],
        }
    return out


def _voice(ws: Workshop) -> dict[str, Any]:
    """Prompts with their themes and counts (hidden answers left out, nobody named), and the
    questions from the floor."""
    return {
        "prompts": [{"id": p.id, "text": p.text, "named": p.named, "revealed": p.revealed, "closed": p.closed,
                     "answers": len(voice.answers_to(ws, p.id)),
                     "hidden": voice.taken_down(ws, p.id),
                     "themes": [{"label": r.label, "count": r.count, "theme": r.theme}
                                for r in voice.themed(ws, p.id)]}
                    for p in ws.prompts],
        "themes": [{"id": t.id, "question": t.question, "label": t.label, "answers": len(t.answers),
                    "link": t.link or None} for t in ws.themes],
        "questions": [{"id": q.id, "text": q.text, "upvotes": q.upvotes, "status": q.status, "asked_by": q.asked_by,
                       "link": q.link or None} for q in ws.room_questions if not q.hidden],
    }


def _diagnosis(ws: Workshop) -> dict[str, Any]:
    owners = ws.diagnosis.accountability
    return {
        "signals": list(ws.diagnosis.signals),
        "signal_count": alignment.signal_count(ws),
        "execution_design_problem": alignment.execution_design_problem(ws),
        "statements": list(ws.diagnosis.statements),
        # Owner: a participant id, "nobody" (itself a finding), or null when the room has not said.
        "accountability": [
            {"question": text, "owner": owners.get(str(i)),
             "owner_name": ws.participant_name(owners.get(str(i))) or None}
            for i, text in enumerate(alignment.ACCOUNTABILITY_QUESTIONS)
        ],
        "nobody_owns": [alignment.ACCOUNTABILITY_QUESTIONS[i] for i in alignment.nobody_owns(ws)],
    }


def _dependencies(ws: Workshop) -> dict[str, Any]:
    return {
        "cycles": (loops := dependencies.cycles(ws, limit=dependencies.CYCLE_LIMIT + 1))[:dependencies.CYCLE_LIMIT],
        "cycles_capped": len(loops) > dependencies.CYCLE_LIMIT,  # there are more than the ones listed
        "critical_chain": dependencies.critical_chain(ws),
        "blocking": dependencies.blocking(ws),
        "unowned_edges": dependencies.unowned_edges(ws),
        "risks": [r.as_dict() for r in dependencies.risks(ws)],
    }


def _priorities(ws: Workshop) -> dict[str, Any]:
    referenced = {n.priority for n in ws.not_now if n.priority}
    return {
        "undecided": [p.id for p in ws.priorities if p.status == "candidate" and p.id not in referenced],
        "selected": [p.id for p in ws.priorities if p.status == "selected"],
        "not_now": [n.id for n in ws.not_now],
    }


def build_report(ws: Workshop) -> dict[str, Any]:
    """The whole analysis as JSON-ready data; the same numbers the screens and the PDF show."""
    return {
        "workshop": {"title": ws.info.title, "organisation": ws.info.organisation, "cycle": ws.info.cycle},
        "votes": {v.id: vote_report(v, ws) for v in ws.votes},
        "alignment": _alignment(ws),
        "voice": _voice(ws),
        "diagnosis": _diagnosis(ws),
        "dependencies": _dependencies(ws),
        "decision_rights": {
            "framework": ws.framework,
            "problems": decision_rights.problems(ws),
            "warnings": decision_rights.warnings(ws),
            "findings": [{"code": f.code, "severity": f.severity, "decision": f.decision, "role": f.role,
                          "text": f.text} for f in decision_rights.check(ws).findings],
            "escalation_paths": [{"decision": d.id, "forum": d.forum, "escalation": d.escalation or None}
                                 for d in ws.decisions],
        },
        "rhythm": rhythm.report(ws),
        "okrs": {"findings": okrs.findings(ws)},
        "priorities": _priorities(ws),
        "focus": not_now.report(ws),
        "run_of_show": _run_of_show(ws),
        "coherence": coherence.report(ws),
        "retrospective": retrospective.report(ws),
        "history": next_quarter.report(ws),
    }


def _run_of_show(ws: Workshop) -> dict[str, Any]:
    """The agenda planned against actual, the parking lot and the decision log."""
    lot = ws.parking_lot
    return {
        "agenda": run_of_show.session_report(ws.agenda),
        "parking_lot": {
            "open": sum(1 for p in lot if p.resolution == "open"),
            "resolved": sum(1 for p in lot if p.resolution == "resolved"),
            "actions": sum(1 for p in lot if p.resolution == "action"),
            "not_now": sum(1 for p in lot if p.resolution == "not_now"),
            "items": [{"id": p.id, "text": p.text, "raised_by": p.raised_by,
                       "raised_by_name": ws.participant_name(p.raised_by) or None, "resolution": p.resolution,
                       "link": p.link} for p in lot],
        },
        "decision_log": decision_log.summary(ws),
    }
