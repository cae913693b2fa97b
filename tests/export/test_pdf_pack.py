"""The rollout pack of the demo offsite: a valid PDF that holds every section, the critical few,
names in every script the demo uses, a contents with bookmarks, metadata, and fonts embedded."""

from __future__ import annotations

import re

import pytest

from okr_workshop.domain.date_words import dates_in_text
from okr_workshop.export import fonts
from okr_workshop.export.pdf_pack import SECTION_TITLES

from .conftest import Pack, qpdf_check
from .factories import CRITICAL_FEW, demo_workshop

NAMES = {
    "Latin": ("Łukasz Wierzbicki", "Søren Kjærgaard", "Zoë Faure-Bénard", "Ayşe Yıldırım"),
    "Greek": ("Ελένη Παπαδοπούλου",),
    "Cyrillic": ("Дмитрий Волков",),
}


def base_fonts(pack: Pack) -> set[str]:
    """The fonts the pages use, without the subset prefix ("ABCDEF+DejaVuSans" -> "DejaVuSans")."""
    reader = pack.reader
    return {reader.get_object(ref)["/BaseFont"].split("+")[-1] for page in reader.pages
            for ref in (page["/Resources"].get("/Font") or {}).values()}


def flat(text: str) -> str:
    """Text with runs of white space made one space: tables wrap names over lines."""
    return re.sub(r"\s+", " ", text)


def test_the_demo_pack_passes_qpdf_check(demo_pack: Pack, demo_facilitator_pack: Pack):
    """Both copies are structurally valid PDF."""
    qpdf_check(demo_pack.path)
    qpdf_check(demo_facilitator_pack.path)


def test_every_section_heading_is_in_the_text(demo_pack: Pack):
    """The demo fills every section, so every heading appears, in order, and the pack says so."""
    text = flat(demo_pack.text())
    positions = [text.find(title, text.find("Contents") + 1 + 2000) for title in SECTION_TITLES]
    assert all(p >= 0 for p in positions), [t for t, p in zip(SECTION_TITLES, positions, strict=True) if p < 0]
    assert demo_pack.result.sections == SECTION_TITLES


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_in_latin_greek_and_cyrillic_come_out_as_text(demo_pack: Pack, script: str):
    """Names extract exactly as typed: the glyphs are real text in an embedded font, not shapes."""
    text = flat(demo_pack.text())
    for name in NAMES[script]:
        assert name in text, f"{script} name {name!r} missing"


@pytest.mark.skipif(not fonts.fallback_available(), reason="Droid Sans Fallback (fonts-droid-fallback) missing")
def test_japanese_names_use_the_fallback_font(demo_pack: Pack):
    """田中 愛子 prints in Droid Sans Fallback, and extracts as the same characters."""
    assert "田中" in demo_pack.text() and "愛子" in demo_pack.text()
    assert "DroidSansFallback" in base_fonts(demo_pack)


def test_fonts_are_embedded_subsets(demo_pack: Pack):
    """Every font the pack uses is embedded (a TrueType subset), so it prints the same everywhere."""
    reader = demo_pack.reader
    seen = set()
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = reader.get_object(ref)
            seen.add(font["/BaseFont"])
            descendant = font.get("/DescendantFonts")
            descriptor = (reader.get_object(descendant[0]) if descendant else font).get("/FontDescriptor")
            assert descriptor is not None, f"{font['/BaseFont']} has no descriptor"
            descriptor = reader.get_object(descriptor)
            assert any(k in descriptor for k in ("/FontFile2", "/FontFile", "/FontFile3")), font["/BaseFont"]
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= {name.split("+")[-1] for name in seen}


def test_the_critical_few_are_named_on_the_summary_page(demo_pack: Pack):
    """The one-page summary names the chosen priorities once and points to "Decided and owned",
    which lists them with their owners (tests/export/test_pack_story.py)."""
    ws = demo_workshop()
    titles = [p.title for p in ws.priorities if p.id in CRITICAL_FEW]
    page = next(p for level, t, p in demo_pack.outline() if level == 0 and t == "The offsite on one page")
    summary = flat(demo_pack.pages_text()[page - 1])
    for title in titles:
        assert title in summary
    assert "see Decided and owned" in summary
    assert "What we said out loud" in summary and "Top risks" in summary and "The next dates" in summary


def test_the_decision_log_feeds_the_summary_and_has_its_own_section(demo_pack: Pack):
    """The summary names the latest decisions and the open parking lot; the Decision log section
    lists every entry with its time and where the room was, and what is still parked."""
    ws = demo_workshop()
    pages = [flat(t) for t in demo_pack.pages_text()]
    summary = next(t for t in pages if "The offsite on one page" in t and "Contents" not in t)
    assert "Decisions taken" in summary
    # the demo's offsite is over: the latest decision is the rollout, agreed near the close of day two
    assert ws.decision_log[-1].text.startswith("Rollout agreed")
    assert ": Rollout agreed: the senior team starts on 16 March" in summary
    assert "still in the parking lot" not in summary  # the close settled both parked questions
    top = [(title, page) for level, title, page in demo_pack.outline() if level == 0]
    at = [title for title, _ in top].index("Decision log")
    last = top[at + 1][1] - 1 if at + 1 < len(top) else len(pages)
    log = " ".join(pages[top[at][1] - 1:last])  # 22 entries run over more than one page
    assert "Decision log What the room decided" in log
    words = set(log.split())
    for entry in ws.decision_log:  # table cells wrap, and pdftotext interleaves their lines
        printed = dates_in_text(entry.text)  # a date stored in the entry prints in the pack's style
        assert set(printed.split()) <= words, printed
    assert len(re.findall(r"1[23] Mar\w* 2026,", log)) == len(ws.decision_log)
    assert "Still in the parking lot" not in log and "(raised by Zoë Faure-Bénard)" not in log
    assert "Who owns the pricing, finance and billing loop" not in log  # became an action: not still parked


def test_the_outline_holds_every_section_with_its_page(demo_pack: Pack):
    """PDF bookmarks: every section at the top level, subsections under it, pages in order."""
    outline = demo_pack.outline()
    top = [(title, page) for level, title, page in outline if level == 0]
    assert [t for t, _ in top] == ["Contents", *SECTION_TITLES]
    pages = [page for _, page in top]
    assert pages == sorted(pages) and pages[0] == 2
    assert any(level == 1 and title.startswith("Round 1:") for level, title, _ in outline)
    assert demo_pack.reader.page_mode in (None, "/UseOutlines", "/UseNone")


def test_the_contents_page_lists_the_sections_with_page_numbers(demo_pack: Pack):
    """Page 2 is the contents; each section's printed page number is its bookmark's page."""
    first = min(page for level, title, page in demo_pack.outline() if level == 0 and title != "Contents")
    contents = "\n".join(demo_pack.pages_text()[1:first - 1])  # the contents may run over two pages
    for level, title, page in demo_pack.outline():
        if level == 0 and title != "Contents":
            line = next((ln for ln in contents.splitlines() if ln.strip().startswith(title)), None)
            assert line is not None, title
            assert line.rstrip().endswith(str(page)), (title, line)


def test_metadata_names_the_offsite_the_facilitator_and_the_copy(demo_pack: Pack, demo_facilitator_pack: Pack):
    """Title, author and subject are set; the subject says which copy it is."""
    meta = demo_pack.reader.metadata
    assert meta.title == "Baltica Freightworks: Spring leadership offsite: from plan to weekly rhythm (rollout pack)"
    assert meta.author == "Ingrid Vestergaard-Holm"
    assert "participants' copy" in meta.subject
    assert "facilitator's copy" in demo_facilitator_pack.reader.metadata.subject


def test_every_page_but_the_cover_has_a_header_and_page_n_of_total(demo_pack: Pack):
    """Running header (organisation, copy) and footer ("Page n of N") on every page after the cover."""
    pages = demo_pack.pages_text()
    total = len(pages)
    assert total == demo_pack.result.pages == len(demo_pack.reader.pages)
    for n, text in enumerate(pages[1:], start=2):
        assert f"Page {n} of {total}" in text, n
        assert "Baltica Freightworks" in text and "Participants' copy" in text, n
    assert "Page 1 of" not in pages[0]


def test_long_tables_repeat_their_header_on_every_page(folder):
    """A table that runs over pages (every dependency of a big map) repeats its header row."""
    from .conftest import make_pack
    from .factories import large_workshop

    pack = make_pack(large_workshop(people=20, priorities=30, dependencies=160, decisions=6, objectives=3,
                                    ballots=10), folder, "long-tables.pdf")
    qpdf_check(pack.path)
    pages = [flat(t) for t in pack.pages_text()]
    with_header = [i for i, t in enumerate(pages) if "From → to" in t and "Needed" in t]
    assert len(with_header) >= 3, "the dependency table spans pages and repeats its header"
    assert with_header == list(range(with_header[0], with_header[0] + len(with_header)))


def test_the_dependency_map_is_drawn_as_vector_shapes_on_a_landscape_page(demo_pack: Pack):
    """The map page is landscape and its boxes' labels are text (vector drawing, not a picture)."""
    outline = dict((title, page) for level, title, page in demo_pack.outline() if level == 0)
    page = demo_pack.reader.pages[outline["Dependency map"] - 1]
    width, height = (float(x) for x in page.mediabox.upper_right)
    assert width > height
    text = flat(demo_pack.pages_text()[outline["Dependency map"] - 1])
    for label in ("Core Engineering", "Customer Success", "Marketing", "BLOCKED", "AT RISK", "no owner"):
        assert label in text
    assert not page.images, "the map is vector shapes, not an embedded image"


def test_charts_are_vector_drawings(demo_pack: Pack):
    """The charts are vector shapes at their printed size (sharp at any zoom, no matplotlib in the
    export): no embedded image anywhere, and the charts' words are in the text layer."""
    from okr_workshop.export import charts

    drawing = charts.ranking_chart([("A", 3.0, "1", True), ("B", 1.0, "2", False)], "dots", 400.0)
    assert drawing.wrap(400.0, 1000.0)[0] == 400.0
    assert not [img for page in demo_pack.reader.pages for img in page.images]
    text = flat(" ".join(demo_pack.pages_text()))
    for words in ("narrative problem", "shared story", "dots in total", "Borda points", "100 %"):
        assert words in text


def test_chart_ticks_are_round_numbers():
    from okr_workshop.export import charts

    assert charts.nice_ticks(8.96, 220.0, 7.0) == [0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert charts.nice_ticks(29.12, 220.0, 7.0) == [0, 5, 10, 15, 20, 25]
    assert charts.nice_ticks(1.12, 220.0, 7.0)[-1] <= 1.12
