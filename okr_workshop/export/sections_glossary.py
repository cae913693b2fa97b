"""A one-page glossary of the measures and frameworks the pack uses, worded from how the app
computes them, so a reader who was not at the keyboard can trust the numbers."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import NextPageTemplate, PageBreak

from ..domain.alignment import NARRATIVE_PROBLEM_BELOW, SHARED_STORY_FROM
from ..domain.decision_rights import DECIDER, LETTER_MEANINGS
from .blocks import PackContext, heading, para, rich

GLOSSARY = "Glossary"


def entries() -> list[tuple[str, str]]:
    """(term, one or two plain sentences)."""
    out = [
        ("Dots and points", "Each voter spreads a fixed budget (5 dots or 100 points unless set otherwise) over the "
                            "candidates; an item's score is the total it received, plus one per raised hand when "
                            "the room voted by show of hands."),
        ("Borda points", "In a ranking vote with m items, first place earns m−1 points, second m−2, and last place "
                         "0; an item's score is the sum over all ballots, each counted with its voter's weight."),
        ("Kendall's W", "How far the ranking ballots agree on the order, from 0 (no shared order) to 1 (everyone "
                        "ranked the items identically). It is shown only when at least two ballots rank every item."),
        ("The Condorcet winner", "The item that, compared with each other item one pair at a time, more ballots "
                                 "rank higher than lower. A vote may have none: then no item beats all the others."),
        ("Agreement", "For each alignment question, the average over every pair of executives of the answers they "
                      "share divided by all the distinct answers the two gave (spelling and case ignored). Below "
                      f"{round(NARRATIVE_PROBLEM_BELOW * 100)}% the leaders tell different stories; from "
                      f"{round(SHARED_STORY_FROM * 100)}% they broadly name the same things."),
    ]
    for framework, letters in LETTER_MEANINGS.items():
        words = "; ".join(f"{letter} = {name}" for letter, (name, _) in letters.items())
        out.append((framework, f"Decision-rights letters: {words}. In {framework} the final decider holds "
                               f"“{DECIDER[framework]}”, and each decision has exactly one."))
    return out


def section(ctx: PackContext) -> list[Any]:
    """Only when the pack shows a vote, an alignment check or decision rights: the terms it explains."""
    ws = ctx.ws
    if not (ws.votes or ws.alignment_answers or ws.decisions):
        return []
    # A page of its own: it is the page readers keep open beside the others.
    out: list[Any] = [NextPageTemplate("portrait"), PageBreak(), heading(GLOSSARY),
                      para("The measures and frameworks this pack uses, as the app computes them.", "lead")]
    out += [rich(("b", f"{term}. "), text) for term, text in entries()]
    return out
