"""The PDF rollout pack: what every participant takes home.

``build_pack(ws, target)`` writes the pack for a workshop in any state of completion: a
section with nothing to show is left out, and a workshop with nothing at all still gets its
cover and one-page summary. ``progress(fraction, words)`` is called as the pack takes shape; it
may raise ``Cancelled`` to stop (the GUI's Cancel button does).

The participants' copy (the default) shows results only. The facilitator's copy adds, for open
votes only, who voted what, and who asked a question from the floor when they gave their name.
Secret ballots carry no name in the model (``Ballot.participant`` is None) and the pack never
reads one, so no copy can name a secret voter; nobody's private alignment answers appear in
either copy, nor any name on a prompt's answer.

Usage::

    from okr_workshop.export.pdf_pack import build_pack
    build_pack(workshop, "pack.pdf", facilitator=False, paper="a4")
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from .. import __version__
from ..domain.model import Workshop
from ..store.output_file import write_output

Progress = Callable[[float, str], None]

# Every section title in the order they appear (tests check them in the text). A workshop carried
# over from the last offsite adds CARRIED_OVER; the demo, a first offsite, fills all the others.
ALL_SECTION_TITLES = (
    "Decided and owned",
    "The offsite on one page",
    "What I own",
    "The first 30 days",
    "Last quarter",
    "Diagnosis",
    "The room's voice",
    "Vote results",
    "Not now and trade-offs",
    "OKRs",
    "Dependency map",
    "Risk log",
    "Decision rights",
    "Operating rhythm",
    "Rollout plan",
    "Check-in guide",
    "Actions",
    "Decision log",
    "Glossary",
)
CARRIED_OVER = ("Last quarter",)
SECTION_TITLES = tuple(t for t in ALL_SECTION_TITLES if t not in CARRIED_OVER)
SECTION_SHARE = 0.45  # of the progress bar: assembling sections (charts included); the rest is layout


class Cancelled(Exception):
    """Raised by a progress callback to stop building; nothing is written."""


@dataclass(frozen=True)
class PackResult:
    pages: int
    passes: int
    sections: tuple[str, ...]  # the section titles the pack holds


def _sections() -> list[tuple[str, Callable[[Any], list[Any]]]]:
    from . import (
        sections_decided,
        sections_diagnosis,
        sections_first30,
        sections_front,
        sections_glossary,
        sections_governance,
        sections_map,
        sections_okrs,
        sections_owners,
        sections_retrospective,
        sections_risks,
        sections_rollout,
        sections_run,
        sections_voice,
        sections_votes,
    )

    return [
        ("Decided and owned", sections_decided.section),
        ("The offsite on one page", sections_front.summary),
        ("What I own", sections_owners.section),
        ("The first 30 days", sections_first30.section),
        ("Last quarter", sections_retrospective.section),
        ("Diagnosis", sections_diagnosis.section),
        ("The room's voice", sections_voice.section),
        ("Vote results", sections_votes.votes_section),
        ("Not now and trade-offs", sections_votes.not_now_section),
        ("OKRs", sections_okrs.section),
        ("Dependency map", sections_map.section),
        ("Risk log", sections_risks.section),
        ("Decision rights", sections_governance.decisions_section),
        ("Operating rhythm", sections_governance.rhythm_section),
        ("Rollout plan", sections_rollout.rollout_section),
        ("Check-in guide", sections_okrs.checkin_section),
        ("Actions", sections_rollout.actions_section),
        ("Decision log", sections_run.section),
        ("Glossary", sections_glossary.section),
    ]


def metadata(ws: Workshop, facilitator: bool) -> dict[str, str]:
    info = ws.info
    title = f"{info.organisation}: {info.title}" if info.organisation else info.title
    author = ws.participant_name(info.facilitator) or info.organisation or "okr-workshop"
    copy = "facilitator's copy" if facilitator else "participants' copy"
    return {
        "title": f"{title} (rollout pack)",
        "author": author,
        "subject": f"OKR rollout pack, {copy}" + (f", {info.cycle}" if info.cycle else ""),
        "creator": f"okr-workshop {__version__}",
        "keywords": ", ".join(k for k in ("OKR", "rollout pack", info.organisation, info.cycle) if k),
    }


def build_pack(ws: Workshop, target: str | os.PathLike[str] | IO[bytes], facilitator: bool = False,
               paper: str = "a4", progress: Progress | None = None, dates: str = "long") -> PackResult:
    """Write the pack for ``ws`` to ``target`` (a path or a binary file); ``dates``: "long"
    (12 March 2026) or "iso" (2026-03-12), one style for every date in it."""
    from . import fonts, sections_front
    from .page import PackDoc, Running, seed_contents

    report = progress or (lambda fraction, words: None)
    report(0.0, "Preparing fonts")
    fonts.register()
    info = ws.info
    running = Running(
        header=" · ".join(x for x in (info.organisation, info.title) if x),
        copy_label=sections_front.copy_label(facilitator),
        footer="Confidential: for the people who were there",
    )

    def on_page(words: str, page: int, laid_out: float) -> None:
        report(min(SECTION_SHARE + (1 - SECTION_SHARE) * laid_out, 0.99), f"{words}: page {page}")

    target_arg = os.fspath(target) if isinstance(target, (str, os.PathLike)) else target
    entries = None
    for passes in (1, 2):
        story, toc, present, sheet = _story(ws, facilitator, paper, dates, report)
        if entries is None:
            seed_contents(toc, story)
        else:  # the seed missed a heading (see page.py): this pass prints the headings the first one found
            toc._lastEntries = [(level, text, 0, key) for level, text, key in entries]
        doc = PackDoc(target_arg, sheet, running, metadata(ws, facilitator), on_page)
        entries = doc.lay_out(story, toc, last=passes == 2)
        if entries is None:
            break
    report(1.0, "Done")
    return PackResult(doc.page, passes, tuple(present))


def _story(ws: Workshop, facilitator: bool, paper: str, dates: str,
           report: Progress) -> tuple[list[Any], Any, list[str], Any]:
    """(story, its contents flowable, the titles of the sections present, the paper), built
    fresh: a context remembers what it has said, and a laid-out story cannot be laid out again."""
    from reportlab.platypus.tableofcontents import TableOfContents

    from . import sections_front, styles
    from .blocks import PackContext
    from .page import PackDoc

    sheet = styles.paper(paper)
    width, height = PackDoc.frame_size(sheet)
    land_width, land_height = PackDoc.frame_size(sheet, landscape=True)
    ctx = PackContext(ws, facilitator, sheet, width, height, land_width, land_height, dates=dates)
    story: list[Any] = sections_front.cover(ctx) + sections_front.contents(ctx)
    present: list[str] = []
    parts = _sections()
    for i, (title, make) in enumerate(parts):
        report(SECTION_SHARE * i / len(parts), f"Writing: {title}")
        flowables = make(ctx)
        if flowables:
            present.append(title)
            story.extend(flowables)
    toc = next(f for f in story if isinstance(f, TableOfContents))
    return story, toc, present, sheet


def write_pack(ws: Workshop, path: str | os.PathLike[str], facilitator: bool = False, paper: str = "a4",
               progress: Progress | None = None, dates: str = "long") -> PackResult:
    """``build_pack`` into a temporary file beside ``path``, then moved into place: a failure or a
    cancel leaves no half-written pack behind (see ``store.output_file``; it raises OutputError)."""
    results: list[PackResult] = []
    write_output(path, lambda tmp: results.append(
        build_pack(ws, tmp, facilitator=facilitator, paper=paper, progress=progress, dates=dates)))
    return results[0]
