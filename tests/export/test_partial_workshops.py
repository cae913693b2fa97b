"""A pack for a workshop in any state: empty, half filled, or the demo with any one part missing.
Sections with nothing to show are left out cleanly; nothing breaks."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from okr_workshop.domain import model as m
from okr_workshop.export.pdf_pack import SECTION_TITLES, Cancelled, build_pack, write_pack

from .conftest import make_pack, qpdf_check
from .factories import demo_workshop

LIST_PARTS = [f.name for f in dataclasses.fields(m.Workshop) if f.name not in ("info", "diagnosis", "framework",
                                                                                  "rollout", "history")]


def half_filled() -> m.Workshop:
    """Half an offsite: people, candidates, a vote nobody cast a ballot in, a map with one box,
    an objective without key results, a forum without a first date, an action without an owner."""
    ws = m.Workshop(info=m.WorkshopInfo("Половина офсайта", "Ακρόπολις Logistics", "2026-05-04", None, "", None, ""))
    ws.participants = [m.Participant("p1", "Ελένη Κωνσταντίνου"), m.Participant("p2", "Ольга Смирнова"),
                       m.Participant("p3", "Zoë Åberg", "participant")]
    ws.priorities = [m.Priority("a", "Grow the installed base"), m.Priority("b", "Fix invoicing", status="selected")]
    ws.votes = [m.Vote("v1", "First impressions", "scale", None, True, 1, ["a", "b"])]
    ws.nodes = [m.DepNode("n1", "Lonely team")]
    ws.objectives = [m.Objective("o1", "Invoices people trust")]
    ws.forums = [m.Forum("f1", "Weekly review", "weekly")]
    ws.actions = [m.Action("x1", "Find an owner for invoicing")]
    ws.diagnosis = m.Diagnosis(signals=["managers_cannot_say_no"])
    return ws


def test_an_empty_workshop_gets_a_cover_contents_and_summary(tmp_path: Path):
    """Workshop() with nothing in it: three pages, valid, no section but the summary."""
    pack = make_pack(m.Workshop(), tmp_path, "empty.pdf")
    qpdf_check(pack.path)
    assert pack.result.sections == ("The offsite on one page",)
    text = pack.text()
    assert "No priority has been selected yet." in text
    assert pack.result.pages == 3


def test_a_half_filled_workshop_shows_what_it_has(tmp_path: Path):
    """Names in Greek and Cyrillic, the critical few, the sections with content, no crash on gaps."""
    pack = make_pack(half_filled(), tmp_path, "half.pdf")
    qpdf_check(pack.path)
    text = " ".join(pack.text().split())
    for expected in ("Ακρόπολις Logistics", "Половина офсайта", "Ελένη Κωνσταντίνου", "Ольга Смирнова", "Zoë Åberg",
                     "1. Fix invoicing", "No ballots were cast in this vote.", "Lonely team",
                     "The objective has no key results", "No owner yet"):
        assert expected in text, expected
    assert set(pack.result.sections) == {"Decided and owned", "The offsite on one page", "The first 30 days",
                                         "Diagnosis", "Vote results", "Not now and trade-offs", "OKRs",
                                         "Dependency map", "Risk log", "Operating rhythm", "Check-in guide",
                                         "Actions", "Glossary"}
    assert [t for _, t, _ in pack.outline() if t in SECTION_TITLES] == list(pack.result.sections)


@pytest.mark.parametrize("part", LIST_PARTS)
def test_the_demo_without_one_part_still_builds(part: str):
    """Removing any one list from the demo (votes, edges, forums, ...) leaves a valid pack."""
    ws = demo_workshop()
    setattr(ws, part, [])
    buffer = io.BytesIO()
    result = build_pack(ws, buffer)
    assert result.pages >= 3
    assert len(PdfReader(buffer).pages) == result.pages


def test_a_map_with_stored_positions_and_new_boxes_builds(tmp_path: Path):
    """Boxes the facilitator placed keep their place; a box added later goes beside them (the app's rule)."""
    from okr_workshop.export.map_drawing import positions

    ws = demo_workshop()
    ws.nodes = [dataclasses.replace(n, x=float(i * 400), y=0.0) for i, n in enumerate(ws.nodes)]
    ws.nodes.append(m.DepNode("late", "Added after arranging"))
    placed = positions(ws)
    assert placed["eng"] == (ws.nodes[1].x, 0.0)
    assert placed["late"] not in [(n.x, n.y) for n in ws.nodes[:-1]]
    qpdf_check(make_pack(ws, tmp_path, "placed.pdf").path)


def test_letter_paper_gives_letter_pages(tmp_path: Path):
    pack = make_pack(demo_workshop(), tmp_path, "letter.pdf", paper="letter")
    sizes = {tuple(round(float(x)) for x in p.mediabox.upper_right) for p in pack.reader.pages}
    assert sizes == {(612, 792), (792, 612)}  # portrait pages and the landscape map


def test_an_unknown_paper_size_is_refused_before_anything_is_written(tmp_path: Path):
    with pytest.raises(ValueError, match="paper"):
        build_pack(m.Workshop(), tmp_path / "x.pdf", paper="a3")
    assert not (tmp_path / "x.pdf").exists()


def test_progress_runs_from_zero_to_one_and_a_cancel_leaves_nothing(tmp_path: Path):
    """The callback sees increasing fractions ending at 1.0; raising Cancelled stops write_pack
    and removes its temporary file."""
    seen: list[float] = []
    write_pack(demo_workshop(), tmp_path / "ok.pdf", progress=lambda f, w: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 20

    def stop_halfway(fraction: float, words: str) -> None:
        if fraction > 0.5:
            raise Cancelled

    with pytest.raises(Cancelled):
        write_pack(demo_workshop(), tmp_path / "stopped.pdf", progress=stop_halfway)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.pdf"]


def test_building_a_pack_never_imports_qt():
    """The command line builds the pack without loading PySide6 (it would cost start-up time)."""
    probe = ("import io, sys\n"
             "from okr_workshop.domain.model import Workshop\n"
             "from okr_workshop.export.pdf_pack import build_pack\n"
             "build_pack(Workshop(), io.BytesIO())\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6'))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_one_layout_pass_and_a_wrong_seed_costs_a_second(monkeypatch: pytest.MonkeyPatch):
    """The contents is seeded before the pass, so one pass sets every page number. Should the seed
    ever miss a heading, a second pass with the headings found prints the same pack."""
    from okr_workshop.export import page

    right = io.BytesIO()
    assert build_pack(demo_workshop(), right).passes == 1
    seed = page.seed_contents

    def missing_one(toc, story) -> None:
        seed(toc, story)
        toc._lastEntries = toc._lastEntries[:-1]

    monkeypatch.setattr(page, "seed_contents", missing_one)
    healed = io.BytesIO()
    assert build_pack(demo_workshop(), healed).passes == 2
    texts = [[p.extract_text() for p in PdfReader(b).pages] for b in (right, healed)]
    assert texts[0] == texts[1]
