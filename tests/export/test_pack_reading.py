"""The pack as a participant reads it: every text once, pages that are not left mostly blank,
one date style, actions in date order, every escalation with its decider, check-in questions
for every objective, a dependency map whose names all read whole, lone alignment answers counted
(not quoted) in the participants' copy, and the bookmarks open beside the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okr_workshop.domain import date_words, rollout
from okr_workshop.domain import decision_rights as dr
from okr_workshop.domain.model import Workshop
from okr_workshop.export import map_drawing
from okr_workshop.export.pdf_pack import SECTION_TITLES

from . import reading
from .conftest import Pack, make_pack
from .factories import demo_workshop, large_workshop

CHECKED_SECTIONS = SECTION_TITLES  # every section is held to "every text once"
MAX_BLANK = 0.6


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def names(ws: Workshop) -> set[str]:
    """The workshop's own names: they label rows and subsections, and may do so more than once."""
    found = {o.objective for o in ws.objectives} | {k.title for k in ws.key_results}
    found |= {d.situation for d in ws.decisions} | {a.title for a in ws.actions} | {p.title for p in ws.priorities}
    found |= {n.label for n in ws.nodes} | {f.name for f in ws.forums} | {s.what for s in rollout.steps(ws)}
    return {n for n in found if n}


def section_starts(pack: Pack) -> list[tuple[str, int]]:
    return [(title, page) for level, title, page in pack.outline() if level == 0 and title != "Contents"]


@pytest.mark.parametrize("copy", ["participants", "facilitator"])
def test_no_paragraph_is_printed_twice(copy: str, demo_pack: Pack, demo_facilitator_pack: Pack):
    """No paragraph, bullet or sentence of more than eight words appears twice in the summary and
    the sections after it (the blunt statements, the pilots, the coach and the expansion criteria
    each printed once). Text is read back with pdftotext and cut into sentences and bullets, so a
    table that wraps differently cannot hide a repeat; the workshop's own names (an objective, an
    action) may label more than one table."""
    pack = demo_pack if copy == "participants" else demo_facilitator_pack
    by_section = reading.section_blocks(pack.path, section_starts(pack))
    blocks = [b for title in CHECKED_SECTIONS for b in by_section.get(title, [])]
    assert blocks
    repeated = reading.repeated_paragraphs(blocks, names(demo_workshop()))
    assert not repeated, "\n".join(f"{pages}: {text}" for text, pages in repeated.items())


def test_statements_pilots_coach_and_expansion_each_print_once(demo_pack: Pack):
    """The defects this suite was written for, checked by name as well."""
    ws = demo_workshop()
    text = flat(demo_pack.text())
    for statement in ws.diagnosis.statements:
        assert text.count(flat(statement)[:60]) == 1, statement
    for pilot in ws.rollout.pilots:
        assert text.count(f"{pilot['unit']}:") == 1, pilot
    coach = ws.participant_name(ws.rollout.coach)
    assert text.count(f"Internal OKR coach: {coach}") == 1
    assert text.count(flat(ws.rollout.expansion)[:60]) == 1


def _blank_pages(pack: Pack) -> list[tuple[int, float]]:
    """Pages after the contents more than MAX_BLANK blank, other than a section's last page.

    A page is a section's last page when the next page starts a section at its top, or when it
    is the pack's last page. Blankness is measured on the rendered page (reading.blank_share)."""
    starts = section_starts(pack)
    contents_end = min(page for _, page in starts) - 1
    total = pack.result.pages
    first_blocks = {p.number: p.blocks[0] if p.blocks else "" for p in reading.pages(pack.path)}
    section_tops = {page for title, page in starts if first_blocks.get(page, "").startswith(title)}
    found = []
    for page in range(contents_end + 1, total):
        if page + 1 in section_tops:
            continue
        share = reading.blank_share(pack.path, page)
        if share > MAX_BLANK:
            found.append((page, round(share, 2)))
    return found


def test_no_page_is_left_mostly_blank(demo_pack: Pack, demo_facilitator_pack: Pack):
    """Content flows: a long table or a small section starts where the last one ended, headings
    stay with what follows them, and no page but a section's last is more than 60 % blank."""
    assert _blank_pages(demo_pack) == []
    assert _blank_pages(demo_facilitator_pack) == []


def test_the_large_workshop_leaves_no_page_mostly_blank(large_pack: Pack):
    assert _blank_pages(large_pack) == []


# ----- dates --------------------------------------------------------------------------------------


ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LONG = date_words.LONG_DATE


def test_the_long_style_pack_has_no_iso_date(demo_pack: Pack):
    text = demo_pack.text()
    assert LONG.search(text)
    assert not ISO.findall(text)


def test_the_iso_style_pack_has_no_long_date(folder: Path):
    pack = make_pack(demo_workshop(), folder, "demo-iso.pdf", dates="iso")
    text = pack.text()
    assert ISO.search(text)
    assert not LONG.findall(text), LONG.findall(text)[:5]


def test_dates_in_words_and_in_iso():
    """One function per kind of date, two styles; a date in a stored sentence follows the style."""
    assert date_words.fmt_date("2026-03-12") == "12 March 2026"
    assert date_words.fmt_date("2026-03-12", style="iso") == "2026-03-12"
    assert date_words.fmt_date("2026-03-12T14:44:00", weekday=True) == "Thu 12 March 2026, 14:44"
    assert date_words.fmt_date("2026-03-12T14:44:00", style="iso") == "2026-03-12 14:44"
    assert date_words.fmt_span("2026-03-12", "2026-03-13", style="iso") == "2026-03-12 – 2026-03-13"
    stored = "revisit 2026-10-01, then 12 Mar 2026"
    assert date_words.dates_in_text(stored) == "revisit 1 October 2026, then 12 March 2026"
    assert date_words.dates_in_text(stored, "iso") == "revisit 2026-10-01, then 2026-03-12"
    assert date_words.dates_in_text("Q3 2026-Q4, 30 Feb 2026") == "Q3 2026-Q4, 30 Feb 2026"
    with pytest.raises(ValueError):
        date_words.fmt_date("2026-03-12", style="us")


# ----- what the sections say ----------------------------------------------------------------------


def test_severity_is_stated_once(demo_pack: Pack, large_pack: Pack):
    """No severity word followed by a second rating ("Medium: High risk ...")."""
    for pack in (demo_pack, large_pack):
        text = flat(pack.text())
        assert not re.search(r"\b(High|Medium|Low)( severity)?: (High|Medium|Low)\b", text)
        assert not re.search(r"\b(High|Medium|Low): (Blocked|At risk|Nobody|Circular)", text)


def test_actions_are_listed_by_due_date_then_owner(demo_pack: Pack):
    """The Actions table reads in due-date order (no date last), owners in order within a date."""
    ws = demo_workshop()
    expected = sorted(ws.actions, key=lambda a: (not a.due, a.due or "", ws.participant_name(a.owner) or "~"))
    text = flat(demo_pack.text())
    section = text[text.rindex("Actions Every action"):]
    positions = [section.find(a.title.split()[0] + " " + a.title.split()[1]) for a in expected]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)


def test_every_escalation_path_names_its_decider(demo_pack: Pack):
    """Beside each escalation path: the final decider's role and the person holding it."""
    ws = demo_workshop()
    text = flat(demo_pack.text())
    section = text[text.index("Escalation paths Situation"):]
    roles = {r.id: r for r in ws.roles}
    for d in ws.decisions:
        for role_id in dr.deciders(ws.framework, d.assignments):
            role = roles[role_id]
            assert role.label in section
            if role.participant:
                assert ws.participant_name(role.participant) in section
    assert "Who decides" in section


def test_the_check_in_guide_covers_every_objective(demo_pack: Pack):
    ws = demo_workshop()
    text = flat(demo_pack.text())
    guide = text[text.index("Check-in guide Check-ins"):]
    guide = guide[:guide.index("Before every check-in")]
    for o in ws.objectives:
        assert o.objective in guide, o.objective
        for question in o.checkin:
            assert flat(question)[:40] in guide
    assert guide.count("Will:") >= len(ws.objectives)


def test_lone_alignment_answers_are_counted_in_the_participants_copy(demo_pack: Pack,
                                                                     demo_facilitator_pack: Pack):
    """An answer only one executive gave can be traced to them through the functions on the cover:
    the participants' copy counts them, the facilitator's copy quotes them."""
    from okr_workshop.domain import alignment
    from okr_workshop.domain.model import QUESTIONS

    ws = demo_workshop()
    participants = flat(" ".join(p.extract_text() for p in demo_pack.reader.pages))
    facilitator = flat(" ".join(p.extract_text() for p in demo_facilitator_pack.reader.pages))
    lone_total = 0
    for q in QUESTIONS:
        groups = alignment.answer_groups(ws, q)
        lone = [g.item for g in groups if g.count <= 1]
        lone_total += len(lone)
        if lone:
            assert re.search(rf"{len(lone)} answers? named by one person each", participants)
        for item in lone:
            if all(item not in g.item for g in groups if g.count > 1) and item not in flat(_public_text(ws)):
                assert item not in participants, item
            assert item in facilitator, item
    assert lone_total


def _public_text(ws: Workshop) -> str:
    """What the workshop names elsewhere in the pack (a lone answer may also be a priority's title)."""
    return " ".join([*names(ws), *(p.description for p in ws.priorities)])


def test_the_pdf_opens_with_its_bookmarks_showing(demo_pack: Pack):
    assert demo_pack.reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


# ----- the dependency map -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_pack(folder: Path) -> Pack:
    return make_pack(large_workshop(), folder, "large.pdf")


def test_every_box_of_a_large_map_is_named_whole(large_pack: Pack):
    """A 60-box map cannot carry its names at a readable size: the overview numbers its boxes and
    "The boxes" gives each number its whole name. No label is cut ("…") anywhere."""
    ws = large_workshop()
    text = flat(large_pack.text())
    for node in ws.nodes:
        assert node.label in text, node.label
    assert not re.search(r"\w…", text), re.findall(r"\S+…", text)[:5]  # nothing cut short anywhere
    outline = dict((title, page) for level, title, page in large_pack.outline() if level == 0)
    map_page = flat(large_pack.pages_text()[outline["Dependency map"] - 1])
    assert "The boxes" in text and "An overview of" in map_page


def _strings(node) -> list:
    from reportlab.graphics.shapes import Group, String

    found = []
    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            found.append(child)
        elif isinstance(child, Group):
            found += _strings(child)
    return found


@pytest.mark.parametrize("make", [demo_workshop, large_workshop], ids=["demo", "large"])
def test_no_map_text_is_smaller_than_7_pt_nor_cut(make):
    """Every String drawn on the map (names, owners, tags, badges, the legend) is at least 7 pt,
    and the demo's boxes carry their whole names."""
    from okr_workshop.domain import dependencies

    ws = make()
    picture = map_drawing.MapPicture(ws, dependencies.cycles(ws, limit=200), dependencies.critical_chain(ws),
                                     dependencies.blocking(ws))
    width, height = 770.0, 400.0  # about a landscape A4 frame less the legend
    if picture.needs_numbers(width, height):
        order = picture.reading_order()
        picture = map_drawing.MapPicture(ws, [], None, {}, {n: i for i, n in enumerate(order, 1)})
    strings = _strings(picture.drawing(width, height)) + _strings(map_drawing.legend(width, True, True))
    assert strings
    assert min(s.fontSize for s in strings) >= 7
    assert not any(s.text.endswith("…") for s in strings)
    if make is demo_workshop:
        drawn = " ".join(s.text for s in strings)
        for node in ws.nodes:
            assert all(word in drawn for word in node.label.split()), node.label


def test_the_export_command_offers_both_date_styles_and_names_the_default():
    """``okr-workshop export --dates {long,iso}``; its help says which one is used without it."""
    from okr_workshop import cli

    parser = cli._command_parser()
    export = next(a for a in parser._subparsers._group_actions[0].choices.values() if a.prog.endswith("export"))
    help_text = flat(export.format_help())
    assert "--dates {long,iso}" in help_text and f"default: {date_words.DEFAULT_STYLE}" in help_text
    args = parser.parse_args(["export", "x.okrw", "--pdf", "x.pdf", "--dates", "iso"])
    assert args.dates == "iso"
    assert parser.parse_args(["export", "x.okrw", "--pdf", "x.pdf"]).dates == date_words.DEFAULT_STYLE
