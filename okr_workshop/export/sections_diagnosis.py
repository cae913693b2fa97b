"""The diagnosis: the warning signals and what they usually mean, the blunt statements, who owns
what (nobody is a finding), and the alignment check's spread.

The alignment check was private: this section shows answers and how many named each, never
who named what, in both copies. An answer only one person named is counted, not quoted, in the
participants' copy: with each person's function on the cover, a lone answer ("the ERP
migration") can often be traced to the one executive it belongs to. The facilitator's copy
quotes them.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor

from ..domain import alignment
from ..domain.model import NOBODY, QUESTIONS, SIGNALS
from . import charts, styles
from .blocks import PackContext, heading, keep_with_next, new_section, note, para, plural, rich, split_widths, table

TITLE = "Diagnosis"
ALIGNMENT = "Alignment check"
ANSWERS_SHOWN = 15


def has_data(ctx: PackContext) -> bool:
    d = ctx.ws.diagnosis
    return bool(d.signals or d.statements or d.accountability or ctx.ws.alignment_answers)


def section(ctx: PackContext) -> list[Any]:
    if not has_data(ctx):
        return []
    ws = ctx.ws
    out = new_section(TITLE, "Where execution breaks down today, in the room's own words.")
    count = alignment.signal_count(ws)
    out.append(heading("Warning signals", 1))
    verdict = ("Two or more signals: the problem is execution design, not effort."
               if alignment.execution_design_problem(ws)
               else "Fewer than two signals: effort and design are not yet the question.")
    out.append(para(f"{count} of {len(SIGNALS)} present. {verdict}"))
    rows, extra = [], []
    for i, code in enumerate(SIGNALS, start=1):
        seen, meaning = alignment.SIGNAL_MEANINGS[code]
        present = code in ws.diagnosis.signals
        rows.append(["Present" if present else "Not seen", seen, meaning])
        if present:
            extra.append(("BACKGROUND", (0, i), (0, i), HexColor(styles.TINTS["vermillion"])))
    out.append(table(["", "What the room sees", "What it usually means"], rows,
                     split_widths(ctx.width, [1.1, 3, 3]), extra=extra, cell_style="cell"))
    if ws.diagnosis.statements:  # quoted once, on the one-page summary, not again here
        out.append(note(f"The room's {plural(len(ws.diagnosis.statements), 'blunt statement')} about it "
                        "open the pack: “What we said out loud” on The offsite on one page."))
    out += _accountability(ctx)
    out += _alignment(ctx)
    return out


def _accountability(ctx: PackContext) -> list[Any]:
    owners = ctx.ws.diagnosis.accountability
    if not owners:
        return []
    rows, extra = [], []
    for i, question in enumerate(alignment.ACCOUNTABILITY_QUESTIONS):
        owner = owners.get(str(i))
        if owner == NOBODY:
            rows.append([question, "Nobody", alignment.accountability_finding(i)])
            extra.append(("BACKGROUND", (1, i + 1), (2, i + 1), HexColor(styles.TINTS["vermillion"])))
        elif owner:
            rows.append([question, ctx.name(owner), ""])
        else:
            rows.append([question, "not discussed", ""])
    return [heading("Who owns what", 1),
            table(["Accountability question", "Owner", "Finding"], rows, split_widths(ctx.width, [3, 1.6, 2.6]),
                  extra=extra)]


def _question(ctx: PackContext, q: str, score: float | None) -> list[Any]:
    """One alignment question: its verdict, the answers several named, the ones only one named."""
    ws = ctx.ws
    groups = alignment.answer_groups(ws, q)
    people = alignment.responses(ws, q)
    percent = alignment.agreement_percent(score)
    level = f"Agreement {percent} %. " if percent is not None else ""
    said = alignment.agreement_verdict(score)
    if not ctx.unsaid([said]):  # the explanation once; after that, its headline only ("Wide variation.")
        said = said.split(":", 1)[0].rstrip(".") + "."
    verdict = f"{level}{said} {alignment.spread_summary(people, len(groups))}"
    out: list[Any] = [heading(alignment.QUESTION_LABELS[q], 2), keep_with_next(para(verdict))]
    kinds = alignment.ANSWER_KINDS
    shared = [g for g in groups if g.count > 1]
    if shared:
        rows = [[g.item, f"{g.count} of {people}", kinds[alignment.answer_kind(g.count, people)]] for g in shared]
        out.append(table(["Named by more than one", "Named by", ""], rows, split_widths(ctx.width, [5, 1.1, 1.6])))
    alone = [g.item for g in groups if g.count <= 1]
    if alone and ctx.facilitator:
        shown = "; ".join(alone[:ANSWERS_SHOWN])
        more = f"; and {plural(len(alone) - ANSWERS_SHOWN, 'more')}" if len(alone) > ANSWERS_SHOWN else ""
        out.append(rich(("b", f"Named by one person only ({len(alone)}): "), f"{shown}{more}.", style="small"))
    elif alone:
        out.append(para(lone_answers(len(alone), bool(shared)), "small"))
    return out


def lone_answers(count: int, others: bool) -> str:
    """The participants' copy counts the answers only one person gave (see the module docstring)."""
    noun = plural(count, "answer")
    lead = "And " if others else ""
    return f"{lead}{noun} named by one person each (not quoted in this copy)."


def _alignment(ctx: PackContext) -> list[Any]:
    ws = ctx.ws
    if not ws.alignment_answers:
        return []
    out: list[Any] = [heading(ALIGNMENT, 1)]
    out.append(para("Each executive answered three questions privately. Agreement is the mean overlap between "
                    "every two executives' answers (0 % nothing in common, 100 % identical). Wide variation is "
                    "a leadership narrative problem, not an alignment success."))
    scores = {q: alignment.agreement(ws, q) for q in QUESTIONS}
    out.append(charts.agreement_chart([(alignment.QUESTION_SHORT[q], scores[q]) for q in QUESTIONS],
                                      alignment.NARRATIVE_PROBLEM_BELOW, alignment.SHARED_STORY_FROM, ctx.width))
    for q in QUESTIONS:
        out += _question(ctx, q, scores[q])  # the heading keeps its verdict and the table's start with it
    out.append(note("Counts only: who gave which answer stays with the facilitator and is in no copy of this pack."))
    return out
