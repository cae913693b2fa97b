"""Last quarter: where this offsite came from, how the last offsite's key results scored, and what
changed since (the alignment check's agreement and the critical few, then and now).

Only a workshop started from the last one (``okr-workshop new --from``, ``next_quarter.carry_over``)
has it; a first offsite's pack is untouched. Nothing in it is secret: scores, actuals and lessons
are the team's own, so owners are named in both copies, and agreement is a figure, never an answer.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor

from ..domain import alignment, retrospective
from ..domain.model import QUESTIONS, History, NotNow, PastKeyResult, Workshop
from ..domain.next_quarter import has_history
from . import styles
from .blocks import (
    PackContext,
    fmt_date,
    heading,
    keep_with_next,
    new_section,
    note,
    para,
    plural,
    rich,
    spacer,
    split_widths,
    table,
)
from .sections_votes import DECISION_WORDS

TITLE = "Last quarter"
SCORED = "Key results, scored"
LOOKING_BACK = "Looking back"
THEN_AND_NOW = "Then and now"
DUE_AGAIN = "Not now, due to be decided again"
NO_OBJECTIVE = "Without an objective"

# The usual grading colours: 0.7 and over on track for a stretch target, under 0.4 a miss.
SCORE_TINTS = ((0.7, "green"), (0.4, "yellow"), (0.0, "vermillion"))
STATUS_WORDS = {"candidate": "candidate", "selected": "critical few", "stopped": "stopped", "deferred": "deferred",
                "bau": "business as usual"}
CHANGE_TINTS = {"Kept": "green", "Dropped": "orange", "New": "sky", "Not chosen yet": "yellow"}


def section(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not has_history(ws):
        return []
    out = new_section(TITLE, "Where this offsite starts from: the last offsite's key results scored, what the "
                             "room learned, and what has changed since.")
    came_from = _came_from(ws.history)
    if came_from:
        out.append(para(came_from))
    out += _scored(ctx)
    out += _due_again(ctx)
    out += _looking_back(ws.history)
    out += _then_and_now(ctx)
    return out


def _came_from(h: History) -> str:
    """"This offsite follows “<title>” (cycle 2026-Q2), which started on 12 March 2026."."""
    if not (h.title or h.cycle):
        return ""
    what = f"“{h.title}”" if h.title else "the last offsite"
    cycle = f" (cycle {h.cycle})" if h.cycle else ""
    when = f", which started on {fmt_date(h.starts)}" if h.starts else ""
    return f"This offsite follows {what}{cycle}{when}."


# ----- the retrospective ----------------------------------------------------------------------


def amount(value: float | None, unit: str, empty: str = "?") -> str:
    """"74 days", "12%", "3"; ``empty`` for no value."""
    if value is None:
        return empty
    if not unit:
        return f"{value:g}"
    return f"{value:g}{unit}" if unit in ("%", "pp", "‰") else f"{value:g} {unit}"


def from_to(kr: PastKeyResult) -> str:
    """"74 days → 30 days", "? → 25%"; "—" when neither end was set."""
    if kr.baseline is None and kr.target is None:
        return "—"
    return f"{amount(kr.baseline, kr.unit)} → {amount(kr.target, kr.unit)}"


def score_tint(value: float) -> Any:
    """The cell shade for a score (SCORE_TINTS)."""
    return next(HexColor(styles.TINTS[name]) for bottom, name in SCORE_TINTS if value >= bottom)


def by_objective(krs: list[PastKeyResult]) -> list[tuple[str, list[PastKeyResult]]]:
    """The key results grouped under their objective's words, objectives in order of first appearance."""
    groups: dict[str, list[PastKeyResult]] = {}
    for kr in krs:
        groups.setdefault(kr.objective.strip(), []).append(kr)
    return list(groups.items())


def _scored(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.past_key_results:
        return []
    out: list[Any] = [heading(SCORED, 1),
                      note("A score is the share of the way from baseline to target travelled by the end of the "
                           "quarter: 0.0 nothing moved, 1.0 the target reached or passed. Shaded green from 0.7, "
                           "yellow from 0.4, red below. Confidence is how sure the room is of the actual figure, "
                           "from 1 (a guess) to 5 (measured).")]
    widths = split_widths(ctx.width, [2.9, 1.6, 1, 0.8, 1.3, 2.8])
    for objective, krs in by_objective(ws.past_key_results):
        out.append(heading(objective or NO_OBJECTIVE, 2))
        rows, extra = [], []
        for i, kr in enumerate(krs, start=1):
            value = retrospective.score(kr)
            if value is not None:
                extra.append(("BACKGROUND", (3, i), (3, i), score_tint(value)))
            confidence = f"{kr.confidence} of {retrospective.CONFIDENCE[1]}" if kr.confidence is not None else "—"
            rows.append([_kr_cell(ctx, kr), from_to(kr), amount(kr.actual, kr.unit, "—"),
                         retrospective.score_text(value), confidence, kr.learned or ""])
        out.append(table(["Key result", "Baseline → target", "Actual", "Score", "Confidence", "What we learned"],
                         rows, widths, extra=extra))
    out += [spacer(4), _mean(ws)]
    out += [para(f"⚠ {retrospective.FLAG_WORDS[code]}") for code in retrospective.flags(ws)]
    return out


def _kr_cell(ctx: PackContext, kr: PastKeyResult) -> Any:
    """The key result's words, with its owner and due date under them."""
    facts = [f"Owner: {ctx.name(kr.owner, '')}" if kr.owner else "No owner"]
    if kr.due:
        facts.append(f"due {fmt_date(kr.due)}")
    return [para(kr.title, "cell"), para(", ".join(facts), "cell_tiny")]


def _mean(ws: Workshop) -> Any:
    found = [s for s in retrospective.scores(ws).values() if s is not None]
    unscored = len(ws.past_key_results) - len(found)
    rest = f"; {unscored} not scored yet (no actual figure, or no target to score against)." if unscored else "."
    mean = retrospective.mean_score(ws)
    if mean is None:
        return para("No key result is scored yet: enter the actual figure each one reached.")
    return rich("Mean score ", ("b", retrospective.score_text(mean)),
                f" over {plural(len(found), 'scored key result')}{rest}")


def due_again(ws: Workshop) -> list[NotNow]:
    return [n for n in ws.not_now if n.revisit_due]


def _due_again(ctx: PackContext) -> list[Any]:
    entries = due_again(ctx.ws)
    if not entries:
        return []
    rows = [[n.title, DECISION_WORDS.get(n.decision, n.decision), fmt_date(n.revisit, empty=n.revisit or "—"),
             ctx.name(n.owner) if n.owner else "—", n.reason] for n in entries]
    return [heading(DUE_AGAIN, 2),
            keep_with_next(para("Their revisit date came before this offsite: each is decided again here.",
                                "muted")),
            table(["Item", "Decided then", "Revisit", "Owner", "Why, then"], rows,
                  split_widths(ctx.width, [2.2, 1.2, 1.3, 1.4, 3.6]))]


def _looking_back(h: History) -> list[Any]:
    answers = [(retrospective.QUESTIONS[key], text.strip()) for key, text in
               (("working", h.working), ("differently", h.differently)) if text.strip()]
    if not answers:
        return []
    out: list[Any] = [heading(LOOKING_BACK, 1)]
    for question, text in answers:
        out += [heading(question, 2), para(text)]
    return out


# ----- then and now ---------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    shown = alignment.agreement_percent(value)
    return "—" if shown is None else f"{shown} %"


def _change(then: float | None, now: float | None) -> str:
    if then is None or now is None:
        return ""
    points = (alignment.agreement_percent(now) or 0) - (alignment.agreement_percent(then) or 0)
    if points == 0:
        return "no change"
    return f"{'+' if points > 0 else '−'}{abs(points)} points"


def critical_few_changes(ws: Workshop) -> list[tuple[str, str, str, str]]:
    """(title, then, now, what changed) for every priority in the critical few then or now: kept,
    dropped (with what it is now) or new; then's in their order, then the new ones. Before the room
    has chosen again, last quarter's are "Not chosen yet", not dropped."""
    then = [pid for pid, status in ws.history.priorities.items() if status == "selected"]
    now = {p.id: p for p in ws.priorities}
    chosen = any(p.status == "selected" for p in ws.priorities)
    rows = []
    for pid in then:
        priority = now.get(pid)
        if priority is None:
            rows.append(("(no longer on the list)", "critical few", "—", "Dropped"))
        elif not chosen:
            rows.append((priority.title, "critical few", STATUS_WORDS.get(priority.status, priority.status),
                         "Not chosen yet"))
        elif priority.status == "selected":
            rows.append((priority.title, "critical few", "critical few", "Kept"))
        else:
            rows.append((priority.title, "critical few", STATUS_WORDS.get(priority.status, priority.status),
                         "Dropped"))
    for p in ws.priorities:
        if p.status == "selected" and p.id not in then:
            was = ws.history.priorities.get(p.id)
            rows.append((p.title, STATUS_WORDS.get(was, was) if was else "not on the list", "critical few", "New"))
    return rows


def _then_and_now(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    h = ws.history
    then_head = f"Then ({h.cycle})" if h.cycle else "Then"
    now_head = f"Now ({ws.info.cycle})" if ws.info.cycle else "Now"
    out: list[Any] = []
    agreement = [(q, h.alignment.get(q), alignment.agreement(ws, q)) for q in QUESTIONS]
    if any(then is not None or now is not None for _, then, now in agreement):
        rows = [[alignment.QUESTION_LABELS[q], _percent(then), _percent(now), _change(then, now)]
                for q, then, now in agreement]
        out += [heading("The alignment check", 2),
                keep_with_next(para("Agreement between the executives' private answers (the mean overlap; "
                                    "“—”: fewer than two answered).", "muted")),
                table(["Question", then_head, now_head, "Change"], rows, split_widths(ctx.width, [4.2, 1.1, 1.1, 1.2]))]
    changes = critical_few_changes(ws)
    if changes:
        kept = sum(1 for row in changes if row[3] == "Kept")
        dropped = sum(1 for row in changes if row[3] == "Dropped")
        new = sum(1 for row in changes if row[3] == "New")
        if any(p.status == "selected" for p in ws.priorities):
            summary = f"{kept} kept, {dropped} dropped, {new} new."
        else:
            summary = "This offsite has not chosen its critical few yet: last quarter's are listed as they stood."
        extra = [("BACKGROUND", (3, i), (3, i), HexColor(styles.TINTS[CHANGE_TINTS[row[3]]]))
                 for i, row in enumerate(changes, start=1)]
        out += [heading("The critical few", 2), keep_with_next(para(summary, "muted")),
                table(["Priority", then_head, now_head, "What changed"], [list(row) for row in changes],
                      split_widths(ctx.width, [4.2, 1.3, 1.3, 1.2]), extra=extra)]
    if out:
        out.insert(0, heading(THEN_AND_NOW, 1))
    return out
