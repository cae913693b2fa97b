"""The pack's "Last quarter": a workshop carried over from the demo, with last quarter's key results
scored, the room's answers, and then against now. The plain demo (a first offsite) has no such section."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain import retrospective
from okr_workshop.domain.next_quarter import carry_over, has_history
from okr_workshop.export import sections_retrospective as retro
from okr_workshop.export.pdf_pack import ALL_SECTION_TITLES, CARRIED_OVER, SECTION_TITLES, _sections

from .conftest import Pack, make_pack
from .factories import demo_workshop
from .reading import repeated_paragraphs, section_blocks

WORKING = "Partly: the weekly review moved, but nobody stopped anything to make room."
DIFFERENTLY = "Fewer key results, and decide the Nordic question at the offsite, not after it."
# kr id -> (baseline, target, actual, confidence, learned); None keeps the demo's figure
ACTUALS: dict[str, tuple[float | None, float | None, float | None, int | None, str]] = {
    "kr1": (10, 20, 15, 4, "Carrier data was the slow part, not the mapping."),
    "kr2": (None, None, 36, 3, ""),  # 12 % → 60 %: 36 % is half way
    "kr4": (None, None, 30, 5, "The price book won deals; the case studies came too late."),
}


def carried_workshop() -> m.Workshop:
    """The demo's next offsite: three key results with actuals, the two questions answered, a not-now
    entry due again, the critical few chosen again (pr1 and pr2 kept, pr5 new) and an alignment check."""
    ws = carry_over(demo_workshop(), cycle="2026-Q3", starts="2026-07-02")
    krs = []
    for kr in ws.past_key_results:
        if kr.id in ACTUALS:
            baseline, target, actual, confidence, learned = ACTUALS[kr.id]
            kr = dataclasses.replace(kr, baseline=kr.baseline if baseline is None else baseline,
                                     target=kr.target if target is None else target, actual=actual,
                                     confidence=confidence, learned=learned)
        krs.append(kr)
    ws.past_key_results = krs
    ws.history = dataclasses.replace(ws.history, working=WORKING, differently=DIFFERENTLY)
    ws.priorities = [dataclasses.replace(p, status="selected") if p.id in ("pr1", "pr2", "pr5") else p
                     for p in ws.priorities]
    first = ws.priorities[0].title
    ws.alignment_answers = [m.AlignmentAnswer(pid, "top_priorities", [first, ws.priorities[1].title])
                            for pid in ("p1", "p2", "p3")]
    return ws


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def in_row(text: str, *cells: str, reach: int = 160) -> bool:
    """Whether ``cells`` follow one another in ``text``, each within ``reach`` characters of the one
    before: a table row's cells, whose first lines pdftotext puts side by side (later lines follow)."""
    at = text.find(cells[0])
    for cell in cells[1:]:
        if at < 0:
            return False
        found = text.find(cell, at + 1)
        if found < 0 or found - at > reach:
            return False
        at = found
    return at >= 0


@pytest.fixture(scope="module")
def carried() -> m.Workshop:
    return carried_workshop()


@pytest.fixture(scope="module")
def packs(carried: m.Workshop, folder: Path) -> dict[str, Pack]:
    return {"participants": make_pack(carried, folder, "carried.pdf"),
            "facilitator": make_pack(carried, folder, "carried-facilitator.pdf", facilitator=True)}


def section_text(pack: Pack) -> str:
    """The text from the section's heading to the next section's."""
    text = flat(pack.text())
    start = text.index(retro.TITLE, text.index("Contents") + 2000)
    sections = pack.result.sections
    after = sections[sections.index(retro.TITLE) + 1]
    return text[start:text.index(after, start)]


def test_scores_follow_the_usual_grading(carried: m.Workshop):
    """10 → 20 with 15 achieved is half way; 12 % → 60 % with 36 % too; a target passed scores 1.0."""
    scores = retrospective.scores(carried)
    assert scores["kr1"] == pytest.approx(0.5) and scores["kr2"] == pytest.approx(0.5)
    assert scores["kr4"] == 1.0 and scores["kr3"] is None
    assert retrospective.mean_score(carried) == pytest.approx(2 / 3)


def test_the_section_sits_before_the_diagnosis(packs: dict[str, Pack]):
    """Registered in its place: the pack's sections follow ALL_SECTION_TITLES, and the outline holds it."""
    assert [title for title, _ in _sections()] == list(ALL_SECTION_TITLES)
    assert retro.TITLE in CARRIED_OVER and retro.TITLE not in SECTION_TITLES  # the demo, a first offsite, has none
    sections = packs["participants"].result.sections
    assert retro.TITLE in sections
    assert list(sections) == [t for t in ALL_SECTION_TITLES if t in sections]
    assert sections.index(retro.TITLE) + 1 == sections.index("Diagnosis")
    outline = packs["participants"].outline()
    assert any(level == 0 and title == retro.TITLE for level, title, _ in outline)
    assert any(level == 1 and title == retro.SCORED for level, title, _ in outline)


@pytest.mark.parametrize("copy", ["participants", "facilitator"])
def test_the_key_results_are_scored_with_their_objective(packs: dict[str, Pack], copy: str):
    """Each past key result under its objective's words, baseline → target, actual, score, confidence,
    lesson and owner (named in both copies: the team's own pack)."""
    text = section_text(packs[copy])
    assert "This offsite follows “Spring leadership offsite: from plan to weekly rhythm” (cycle 2026-Q2), " \
           "which started on 12 March 2026." in text
    assert "New customers ship through us within a month of signing" in text
    assert in_row(text, "Cut the median time", "10 days → 20", "15 days", "0.5", "4 of 5", "Carrier data was the")
    assert in_row(text, "Raise the share of new", "12% → 60%", "36%", "0.5", "3 of 5")
    assert in_row(text, "Increase the win rate on", "18% → 28%", "30%", "1.0", "5 of 5", "The price book won")
    assert in_row(text, "Launch the self-serve", "—", "—", "—", "—")  # nothing to score against
    assert "Owner: Marta Ibáñez Córdoba" in text
    assert "Mean score 0.7 over 3 scored key results; 9 not scored yet" in text


@pytest.mark.parametrize("copy", ["participants", "facilitator"])
def test_flags_answers_and_due_entries_are_in_words(packs: dict[str, Pack], copy: str):
    """The revisit flag in words, the entry due again (n6, revisit 25 June), and the two answers."""
    text = section_text(packs[copy])
    assert f"⚠ {retrospective.FLAG_WORDS['revisit_due']}" in text
    assert f"⚠ {retrospective.FLAG_WORDS['sandbagging']}" not in text
    assert retro.DUE_AGAIN in text and in_row(text, "Healthy margin on", "Defer", "25 June 2026", "Ελένη")
    assert "Rebrand and new website" not in text  # its revisit (1 September) is still to come
    for question, answer in ((retrospective.QUESTIONS["working"], WORKING),
                             (retrospective.QUESTIONS["differently"], DIFFERENTLY)):
        assert question in text and answer in text


def test_then_and_now_says_what_changed(packs: dict[str, Pack]):
    """Agreement then (the demo's 22 %) and now (three identical answers: 100 %); the critical few
    kept, dropped and new."""
    text = section_text(packs["participants"])
    assert in_row(text, "Then", "Now", "Change")
    assert in_row(text, "What are our top priorities this quarter?", "22 %", "100 %", "+78 points")
    assert in_row(text, "What should stop, or wait", "10 %", "—")
    assert "2 kept, 2 dropped, 1 new." in text
    assert in_row(text, "Win the mid-market shipper segment", "critical few", "critical few", "Kept")
    assert in_row(text, "Carrier network API v2", "critical few", "candidate", "Dropped")
    assert in_row(text, "Healthy margin on professional services deferred", "critical few", "New")


def test_the_section_says_everything_once(packs: dict[str, Pack], carried: m.Workshop):
    """No sentence of eight words or more twice (an objective's words may head its table)."""
    pack = packs["participants"]
    starts = [(title, page) for level, title, page in pack.outline() if level == 0 and title != "Contents"]
    blocks = section_blocks(pack.path, starts)[retro.TITLE]
    assert blocks
    assert repeated_paragraphs(blocks, {kr.objective for kr in carried.past_key_results}) == {}


def test_before_the_room_chooses_again_nothing_reads_dropped():
    """Straight after carry_over nothing is selected: last quarter's critical few are "Not chosen yet"."""
    ws = carry_over(demo_workshop(), cycle="2026-Q3", starts="2026-07-02")
    rows = retro.critical_few_changes(ws)
    assert [row[3] for row in rows] == ["Not chosen yet"] * 4
    assert [row[0] for row in rows][:1] == ["Win the mid-market shipper segment"]


def test_overreach_is_flagged(tmp_path: Path):
    """Every key result far short of its target: the mean is under 0.3 and the pack says so."""
    ws = carry_over(demo_workshop(), cycle="2026-Q3")
    ws.past_key_results = [dataclasses.replace(kr, baseline=0, target=10, actual=1) for kr in ws.past_key_results]
    text = section_text(make_pack(ws, tmp_path, "overreach.pdf"))
    assert f"⚠ {retrospective.FLAG_WORDS['overreach']}" in text
    assert "Mean score 0.1 over 12 scored key results." in text


def test_the_plain_demo_has_no_such_section(demo_pack: Pack):
    """A first offsite: no history, no past key results, no section (and nothing in the contents)."""
    assert not has_history(demo_workshop())
    assert retro.TITLE not in demo_pack.result.sections
    assert all(title != retro.TITLE for _, title, _ in demo_pack.outline())
