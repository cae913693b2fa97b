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
from ..domain.model import NOBODY, QUESTIONS, SIGNALS, Workshop
from ..domain.themes import themes_of
from . import charts, styles
from .blocks import (
    PackContext,
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
from .sections_voice import became

TITLE = "Diagnosis"
ALIGNMENT = "Alignment check"
ANSWERS_SHOWN = 15
TOP_THEMES = 3  # each level's top themes, side by side


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
    """One alignment question: its verdict, the answers several named, the ones only one named, and
    the check a level lower when department heads answered it."""
    ws = ctx.ws
    groups = alignment.answer_groups(ws, q)
    people = alignment.responses(ws, q)
    said = alignment.agreement_verdict(score)
    if not ctx.unsaid([said]):  # the explanation once; after that, its headline only ("Wide variation.")
        said = said.split(":", 1)[0].rstrip(".") + "."
    verdict = f"{agreement_words(ws, q, score)}{said} {alignment.spread_summary(people, len(groups))}"
    out: list[Any] = [heading(alignment.QUESTION_LABELS[q], 2), keep_with_next(para(verdict))]
    kinds = alignment.ANSWER_KINDS
    shared = [g for g in groups if g.count > 1]
    if shared:
        links = {t.label: t.link for t in themes_of(ws, q) if t.link}
        rows = [[_item_cell(ws, g.item, links.get(g.item, "")), f"{g.count} of {people}",
                 kinds[alignment.answer_kind(g.count, people)]] for g in shared]
        out.append(table(["Named by more than one", "Named by", ""], rows, split_widths(ctx.width, [5, 1.1, 1.6])))
    alone = [g.item for g in groups if g.count <= 1]
    if alone and ctx.facilitator:
        shown = "; ".join(alone[:ANSWERS_SHOWN])
        more = f"; and {plural(len(alone) - ANSWERS_SHOWN, 'more')}" if len(alone) > ANSWERS_SHOWN else ""
        out.append(rich(("b", f"Named by one person only ({len(alone)}): "), f"{shown}{more}.", style="small"))
    elif alone:
        out.append(para(lone_answers(len(alone), bool(shared)), "small"))
    out += _levels(ctx, q)
    return out


def agreement_words(ws: Workshop, q: str, score: float | None) -> str:
    """"Agreement 15 % on themes (1 % word for word). ", or "Agreement 22 %. " when nothing was grouped."""
    percent = alignment.agreement_percent(score)
    if percent is None:
        return ""
    if not themes_of(ws, q):
        return f"Agreement {percent} %. "
    raw = alignment.agreement_percent(alignment.agreement(ws, q, raw=True))
    return f"Agreement {percent} % on themes ({raw} % word for word). "


def _item_cell(ws: Workshop, item: str, link: str) -> Any:
    """An answer, with what its theme became under it ("→ action: <title>")."""
    after = became(ws, link)
    return [para(item, "cell"), para(after, "cell")] if after else item


def _top(ctx: PackContext, q: str, role: str) -> str:
    """A level's top themes, as this copy may show them: the participants' copy quotes only what two
    or more of that level named (one department head's answer is theirs alone to trace)."""
    groups = alignment.answer_groups(ctx.ws, q, role)
    if not ctx.facilitator:
        groups = [g for g in groups if g.count > 1]
    shown = [f"{g.item} ({g.count})" for g in groups[:TOP_THEMES]]
    return "; ".join(shown) if shown else "none named by more than one"


def _levels(ctx: PackContext, q: str) -> list[Any]:
    """Executives next to department heads on one question: each level's agreement, the agreement
    across the two, and each level's top themes side by side."""
    ws = ctx.ws
    heads = alignment.responses(ws, q, "participant")
    if not heads:
        return []
    levels = alignment.levels(ws, q)
    leaders = alignment.responses(ws, q)

    def percent(value: float | None) -> str:
        shown = alignment.agreement_percent(value)
        return "—" if shown is None else f"{shown} %"

    rows = [[f"Executives ({leaders})", percent(levels["executive"]), _top(ctx, q, "executive")],
            [f"Department heads ({heads})", percent(levels["participant"]), _top(ctx, q, "participant")],
            ["Across the two levels", percent(levels["across"]), ""]]
    return [spacer(4), table(["A level lower", "Agreement", f"Top {TOP_THEMES} themes (named by)"], rows,
                  split_widths(ctx.width, [1.9, 1.1, 4.7]))]


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
    if ws.themes and any(themes_of(ws, q) for q in QUESTIONS):
        out.append(para("Agreement is on themes: answers the room grouped because they say the same thing in "
                        "other words count as one. The agreement word for word is beside it."))
    if any(alignment.responses(ws, q, "participant") for q in QUESTIONS):
        out.append(para("Department heads answered the same questions, a level lower. “Across the two levels” "
                        "is the mean overlap between every executive's answers and every department head's."))
    scores = {q: alignment.agreement(ws, q) for q in QUESTIONS}
    out.append(charts.agreement_chart([(alignment.QUESTION_SHORT[q], scores[q]) for q in QUESTIONS],
                                      alignment.NARRATIVE_PROBLEM_BELOW, alignment.SHARED_STORY_FROM, ctx.width))
    for q in QUESTIONS:
        out += _question(ctx, q, scores[q])  # the heading keeps its verdict and the table's start with it
    out.append(note("Counts only: who gave which answer stays with the facilitator and is in no copy of this pack."))
    return out
