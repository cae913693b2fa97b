"""The pack leads with what was decided and who owns it: the first content page, the status
stamp, a "What I own" block and bookmark per owner, and the first 30 days in date order.
Expectations come from the workshop, never from the demo's facts."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.decided import critical_few
from okr_workshop.domain.first_days import first_days, start_monday
from okr_workshop.domain.ownership import ownership

from .conftest import Pack, make_pack
from .factories import demo_workshop

WHEN = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) ([A-Z][a-z]+) (\d{4})")


def small() -> m.Workshop:
    """One selected priority with an owned objective, a KR, a forum, an action and a dependency."""
    ws = m.Workshop(info=m.WorkshopInfo("Offsite", "Org", "2026-03-12", "2026-03-13"))
    ws.participants = [m.Participant("p1", "Ann Ash"), m.Participant("p2", "Bo Birch")]
    ws.priorities = [m.Priority("pr1", "Faster onboarding", status="selected")]
    ws.objectives = [m.Objective("o1", "Customers live in a month", "pr1", "p2")]
    ws.key_results = [m.KeyResult("kr1", "o1", "Cut days to live", baseline=74, target=30, unit="days", owner="p1")]
    ws.actions = [m.Action("a1", "Invite the forums", "p1", "2026-03-16")]
    ws.nodes = [m.DepNode("n1", "Data team", owner="p1"), m.DepNode("n2", "Onboarding")]
    ws.edges = [m.DepEdge("n1", "n2", "Events", owner="p2", needed_by="2026-04-01")]
    ws.forums = [m.Forum("f1", "Weekly review", "weekly", owner="p2", first="2026-03-24T09:00")]
    return ws


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def first_content_page(pack: Pack) -> str:
    """The first page after the contents (the contents may run over two pages)."""
    outline = pack.outline()
    first = min(page for level, title, page in outline if level == 0 and title != "Contents")
    return flat(pack.pages_text()[first - 1])


def section_text(pack: Pack, title: str) -> str:
    top = [(t, p) for level, t, p in pack.outline() if level == 0]
    i = [t for t, _ in top].index(title)
    start = top[i][1]
    end = top[i + 1][1] if i + 1 < len(top) else pack.result.pages + 1
    return flat("\n".join(pack.pages_text()[start - 1:max(end - 1, start)]))


def parse_day(day: str, month: str, year: str) -> date:
    for fmt in ("%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(f"{day} {month} {year}", fmt).date()
        except ValueError:
            pass
    raise AssertionError(f"not a date: {day} {month} {year}")


def test_the_first_content_page_names_every_critical_few_priority_with_its_owner(demo_pack: Pack):
    ws = demo_workshop()
    page = first_content_page(demo_pack)
    assert "Decided and owned" in page
    few = critical_few(ws)
    assert few, "the demo pack is made with a critical few"
    for d in few:
        assert d.priority.title in page, d.priority.title
        for o in d.objectives:
            owner = ws.participant_name(o.owner) or "No owner yet"
            assert owner in page, (d.priority.title, owner)
    assert "No priority has been selected yet" not in page
    positions = [page.find(d.priority.title) for d in few]
    assert positions == sorted(positions)  # in voted order


def test_every_owner_with_an_action_has_a_block_and_a_bookmark(demo_pack: Pack):
    ws = demo_workshop()
    owners = {a.owner for a in ws.actions if a.owner and a.status != "dropped" and ws.participant_name(a.owner)}
    assert owners
    text = section_text(demo_pack, "What I own")
    outline = demo_pack.outline()
    start = next(i for i, (level, title, _) in enumerate(outline) if level == 0 and title == "What I own")
    marks = []
    for level, title, _ in outline[start + 1:]:
        if level == 0:
            break
        marks.append(title)
    for pid in owners:
        assert ws.participant_name(pid) in text and ws.participant_name(pid) in marks, pid
    assert len(marks) == len(ownership(ws))


def test_the_first_30_days_start_on_the_monday_after_and_run_in_date_order(demo_pack: Pack):
    ws = demo_workshop()
    monday = start_monday(ws)
    assert monday is not None and monday.weekday() == 0
    text = section_text(demo_pack, "The first 30 days")
    table = text.split("After the first 30 days")[0].split("Not dated yet")[0]
    days = [parse_day(*g) for g in WHEN.findall(table)]
    steps = first_days(ws)
    assert days and days == sorted(days)
    assert len(days) == len(steps) and days[0] == steps[0].when >= monday
    assert all((d - monday).days < 30 for d in days)


def _sessions(ended: int) -> list[m.AgendaSession]:
    out = []
    for i, day in enumerate((1, 1, 2, 2)):
        s = m.AgendaSession(f"s{i}", f"Session {i}", "overview", day=day)
        if i < ended:
            s = dataclasses.replace(s, started=f"2026-03-1{1 + day}T09:00:00", ended=f"2026-03-1{1 + day}T10:00:00")
        out.append(s)
    return out


@pytest.mark.parametrize(("ended", "words"), [(0, "Draft"), (2, "Interim, after day 1"), (4, "Final")])
def test_the_stamp_on_the_cover_and_the_first_page(tmp_path: Path, ended: int, words: str):
    ws = small()
    ws.agenda = _sessions(ended)
    pack = make_pack(ws, tmp_path, f"stamp{ended}.pdf")
    cover = flat(pack.pages_text()[0])
    assert f"{words} · exported" in cover
    page = first_content_page(pack)
    assert f"{words} · exported" in page and "Decided and owned" in page


def test_objectives_on_no_selected_priority_are_an_inconsistency_not_an_empty_choice(tmp_path: Path):
    ws = small()
    ws.priorities = [dataclasses.replace(p, status="candidate") for p in ws.priorities]
    text = flat(make_pack(ws, tmp_path, "unselected.pdf").text())
    assert "No priority is marked as selected" in text
    assert "No priority has been selected yet" not in text


def test_the_glossary_explains_the_measures_on_a_page_of_its_own(demo_pack: Pack):
    text = section_text(demo_pack, "Glossary")
    for term in ("Borda points", "Kendall's W", "The Condorcet winner", "Agreement", "RAPID", "RACI", "DACI"):
        assert term in text, term
    page = next(p for level, t, p in demo_pack.outline() if level == 0 and t == "Glossary")
    assert flat(demo_pack.pages_text()[page - 1]).split("Participants' copy ")[1].startswith("Glossary")


def test_a_critical_few_too_big_for_one_page_still_opens_with_every_priority_and_owner(tmp_path: Path):
    """Past what one legible page holds, an overview names each priority and owner; the detail flows on."""
    ws = small()
    ws.priorities, ws.objectives, ws.key_results = [], [], []
    for i in range(6):
        ws.priorities.append(m.Priority(f"pr{i}", f"Priority number {i}", status="selected"))
        ws.objectives.append(m.Objective(f"o{i}", f"Objective for priority {i}", f"pr{i}", ("p1", "p2")[i % 2]))
        ws.key_results += [m.KeyResult(f"kr{i}-{k}", f"o{i}", f"Key result {k} of objective {i}", owner="p1",
                                       baseline=1, target=2) for k in range(8)]
    pack = make_pack(ws, tmp_path, "big.pdf")
    page = first_content_page(pack)
    for i in range(6):
        assert f"Priority number {i}" in page
    assert "Ann Ash" in page and "Bo Birch" in page
