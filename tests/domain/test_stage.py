"""The stage's view models: what the room may see, laid out in rows, paginated, nothing secret."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.date_words import fmt_span
from okr_workshop.domain.stage import (
    KINDS,
    RoomInfo,
    StageRef,
    build,
    show_order,
    text_bar,
    view_title,
    wrap,
)
from okr_workshop.domain.validate import workshop_from_document

DEMO = Path(__file__).parents[2] / "resources/demo/demo.json"


@pytest.fixture
def ws() -> m.Workshop:
    return workshop_from_document(json.loads(DEMO.read_bytes()))


def hidden(ws: m.Workshop, vote_id: str = "v1") -> m.Workshop:
    ws.votes = [dataclasses.replace(v, revealed=False) if v.id == vote_id else v for v in ws.votes]
    return ws


def test_show_order_follows_the_agenda_then_adds_the_rest(ws):
    order = show_order(ws)
    kinds = [r.kind for r in order]
    assert kinds[0] == "title"
    assert kinds.index("join") < kinds.index("vote")  # the room joins before the first vote
    assert [r.key for r in order if r.kind == "vote"] == ["v1", "v2"]
    assert [r.key for r in order if r.kind == "okr"] == [o.id for o in ws.objectives]
    assert StageRef("back_at", "10:50") in order  # the morning break ends at 10:50 by the plan
    assert {"critical_few", "actions"} <= set(kinds)
    assert len(order) == len(set(order))
    assert set(kinds) <= set(KINDS)


def test_show_order_without_an_agenda_still_shows_everything(ws):
    ws.agenda = []
    kinds = [r.kind for r in show_order(ws)]
    assert kinds[:4] == ["title", "join", "vote", "vote"]
    assert kinds[-1] == "decision_log"
    assert set(KINDS) - set(kinds) == {"blank", "back_at"}  # every other kind still has its view


def test_the_agenda_brings_each_screen_its_views(ws):
    order = show_order(ws)
    kinds = [r.kind for r in order]
    assert set(KINDS) - set(kinds) == {"blank"}  # the demo's show order covers every kind
    assert kinds.index("check_progress") < kinds.index("alignment") < kinds.index("join")  # diagnose, then vote
    assert [r.key for r in order if r.kind == "alignment"] == list(m.QUESTIONS)
    assert kinds.index("critical_few") < kinds.index("not_now") < kinds.index("tradeoff") < kinds.index("threats")
    assert [r.key for r in order if r.kind == "tradeoff"] == [t.id for t in ws.tradeoffs]
    assert [r.key for r in order if r.kind == "decision"] == [d.id for d in ws.decisions]
    assert kinds.index("threats") < kinds.index("parking_lot") < kinds.index("decision")  # day one's parking lot
    assert kinds.index("forums") < kinds.index("actions") < kinds.index("decision_log")  # the log closes day two


def test_title_view_paginates_the_agenda(ws):
    first = build(ws, StageRef("title"), rows=8, width=40)
    assert first.title == ws.info.title
    assert "12–13 March 2026" in first.subtitle and "Sopot" in first.subtitle
    assert first.pages > 1 and len(first.rows) <= 8
    shown = [r.text for p in range(first.pages) for r in build(ws, StageRef("title", page=p), 8, 40).rows]
    for session in ws.agenda:
        assert session.title.split()[0] in " ".join(shown)
    assert build(ws, StageRef("title", page=99), 8, 40).page == first.pages - 1  # clamped


def test_every_row_fits_its_width_and_every_page_its_rows(ws):
    room = RoomInfo("http://10.0.0.2:8765", "K7Q-4MZ")
    for rows, width in ((6, 24), (10, 40), (14, 70)):
        for ref in show_order(ws):
            model = build(ws, ref, rows, width, room)
            for page in range(model.pages):
                shown = build(ws, StageRef(ref.kind, ref.key, page), rows, width, room)
                sub = len(wrap(shown.subtitle, width)) if shown.subtitle else 0
                assert sub + len(shown.rows) + (4 if shown.figure else 0) <= max(rows, sub + 4 + 1)
                for row in shown.rows:
                    assert len(row.text) + (len(row.lead) + 2 if row.lead else 0) <= width


def test_long_words_wrap_instead_of_being_cut(ws):
    ws.actions = [m.Action("a1", "X" * 120, due="2026-04-01")]
    rows = build(ws, StageRef("actions"), rows=20, width=30).rows
    assert "".join(r.text for r in rows if r.style != "muted").count("X") == 120


def test_revealed_vote_ranks_with_scores_and_bars(ws):
    model = build(ws, StageRef("vote", "v1"), rows=40, width=60)
    scored = [r for r in model.rows if r.figure]
    assert [r.lead for r in scored][:2] == ["=1", "=1"]
    assert scored[0].bar == 1 and all(0 <= r.bar <= 1 for r in scored)
    assert "8 ballots" in model.subtitle
    assert "█" in model.as_text()


def test_hidden_secret_vote_shows_turnout_only(ws):
    ws = hidden(ws)
    vote = ws.votes[0]
    assert vote.secret
    model = build(ws, StageRef("vote", "v1"), rows=12, width=48)
    assert model.figure is not None and model.figure.value == "8 of 10"
    assert model.figure.label == "have voted"
    text = " ".join(model.texts())
    assert all(r.bar is None and not r.figure for r in model.rows)
    names = [p.name for p in ws.participants]
    assert not any(name in text for name in names)
    titles = [ws.priority_title(i) for i in vote.items]
    assert not any(title in text for title in titles)  # no ranking either
    besides_question = " ".join(t for t in model.texts() if t != vote.title)
    assert {c for c in besides_question if c.isdigit()} <= set("8 of 10")  # no score, only the turnout


def test_hidden_vote_never_tallies(ws, monkeypatch):
    import okr_workshop.domain.stage as stage

    monkeypatch.setattr(stage, "chart_for", lambda *a: pytest.fail("a hidden vote was tallied"))
    build(hidden(ws), StageRef("vote", "v1"))


def test_join_shows_the_address_and_the_code_it_is_given(ws):
    model = build(ws, StageRef("join"), room=RoomInfo("http://10.0.0.2:8765", "K7Q-4MZ"))
    assert model.figure.value == "K7Q-4MZ"
    assert any("http://10.0.0.2:8765" in r.text for r in model.rows)
    assert build(ws, StageRef("join")).figure is None


def test_critical_few_okr_actions_back_at_and_blank(ws):
    few = build(ws, StageRef("critical_few"), rows=30, width=60)
    assert [r.lead for r in few.rows if r.lead] == ["1", "2", "3", "4"]  # the demo's room chose four
    ws.priorities = [dataclasses.replace(p, status="candidate") if p.id in ("pr3", "pr4") else p
                     for p in ws.priorities]
    few = build(ws, StageRef("critical_few"), rows=30, width=60)
    assert [r.lead for r in few.rows if r.lead] == ["1", "2"]
    okr = build(ws, StageRef("okr", "o1"), rows=30, width=60)
    assert okr.title == ws.objectives[0].objective
    assert any("74 → 30 days" in (r.figure or r.text) for r in okr.rows)
    actions = build(ws, StageRef("actions"), rows=8, width=50)
    assert actions.pages > 1 and actions.subtitle.startswith(f"{len(ws.actions)} open")
    back = build(ws, StageRef("back_at", "10:50"))
    assert back.title == "Break" and back.figure.value == "10:50" and back.figure.label == "Back at"
    assert build(ws, StageRef("back_at", "13:30")).title == "Lunch"
    blank = build(ws, StageRef("blank"))
    assert blank.texts() == []


def test_words_and_bars():
    assert fmt_span("2026-03-12", "2026-03-13") == "12–13 March 2026"
    assert fmt_span("2026-03-30", "2026-04-02") == "30 March – 2 April 2026"
    assert fmt_span(None, None) == ""
    assert text_bar(1.0, 4) == "████" and text_bar(0.0, 4) == "    " and text_bar(0.5, 3) == "█▌ "


def all_texts(ws: m.Workshop, ref: StageRef, rows: int = 12, width: int = 48) -> list[str]:
    """Every text of every page of a view."""
    pages = build(ws, ref, rows, width).pages
    return [t for p in range(pages) for t in build(ws, StageRef(ref.kind, ref.key, p), rows, width).texts()]


def answer_items(ws: m.Workshop) -> set[str]:
    return {item.strip() for a in ws.alignment_answers for item in a.items if item.strip()}


def test_check_progress_names_who_finished_and_never_what_they_answered(ws):
    model = build(ws, StageRef("check_progress"), rows=30, width=60)
    assert model.figure.value == "10 of 10" and model.figure.label == "have finished"  # with the department heads
    shown = " ".join(r.text for r in model.rows).replace("\u00a0", " ")  # a name never splits across rows
    heads = [p for p in ws.participants if p.role == "participant"]
    assert shown == " · ".join(p.name for p in ws.executives() + heads)
    text = " ".join(all_texts(ws, StageRef("check_progress"), 8, 30))
    assert not [item for item in answer_items(ws) if item in text]
    ws.alignment_answers = [a for a in ws.alignment_answers if a.participant != "p1" or a.question != "dependencies"]
    assert build(ws, StageRef("check_progress")).figure.value == "9 of 10"


def test_alignment_shows_counts_and_the_verdict_never_who_named_what(ws):
    from okr_workshop.domain import alignment

    for question in m.QUESTIONS:
        model = build(ws, StageRef("alignment", question), rows=40, width=70)
        groups = alignment.answer_groups(ws, question)
        assert model.title == alignment.QUESTION_LABELS[question]
        people = alignment.responses(ws, question)
        shared = [g for g in groups if g.count > 1]
        counted = [(r.text, r.figure) for r in model.rows if r.figure]
        assert [f for _, f in counted] == [f"{g.count} of {people}" for g in shared]  # the domain's numbers
        assert all(g.item.startswith(text) for (text, _), g in zip(counted, shared, strict=True))
        once = [g.item for g in groups if g.count == 1]
        tail = " ".join(r.text for r in model.rows if not r.figure).replace("\u00a0", " ")
        assert f"Named by one person each ({len(once)})" in tail and all(item in tail for item in once)
        verdict = alignment.agreement_verdict(alignment.agreement(ws, question))
        assert verdict.split(":")[0] in " ".join(r.text for r in model.rows if r.style == "strong")
        text = " ".join(all_texts(ws, StageRef("alignment", question), 8, 30))
        assert not [p.name for p in ws.participants if p.name in text]
        assert not [p.name.split()[0] for p in ws.participants if p.name.split()[0] in text]


def test_not_now_board_groups_stop_defer_and_bau(ws):
    model = build(ws, StageRef("not_now"), rows=30, width=60)
    strong = [r.text for r in model.rows if r.style == "strong"]
    assert strong == ["Stop", "Defer: not now", "Keep as business as usual"]
    text = model.as_text()
    assert text.index("Customer-hosted edition") < text.index("Open the Nordic market") < text.index("Monthly release")
    assert "from 1 Oct" in text and model.subtitle.startswith("1 stopped, 5 deferred, 2 kept")
    assert build(ws, StageRef("not_now"), rows=5, width=40).pages > 1


def test_tradeoff_one_per_view(ws):
    model = build(ws, StageRef("tradeoff", "t1"), rows=12, width=48)
    assert model.title == f"We choose {ws.priority_title('pr2')}"
    text = model.as_text()
    assert "Custom features for single enterprise deals" in text and "waiting list" in text
    assert model.subtitle == "Agreed by the room" and model.rows[0].text == "even at the expense of"
    ws.tradeoffs[0] = dataclasses.replace(ws.tradeoffs[0], confirmed=False)
    assert build(ws, StageRef("tradeoff", "t1")).subtitle == ""
    assert "no longer" in build(ws, StageRef("tradeoff", "gone")).as_text()


def test_threats_name_loops_blocked_and_at_risk_hand_overs(ws):
    from okr_workshop.domain import dependencies

    model = build(ws, StageRef("threats"), rows=60, width=70)
    found = [r for r in dependencies.risks(ws) if r.kind in ("cycle", "blocked", "at_risk")]
    assert [r.figure for r in model.rows if r.figure] == [
        {"cycle": "loop", "blocked": "blocked", "at_risk": "at risk"}[r.kind] for r in found]
    assert model.subtitle == "1 loop, 1 blocked, 4 at risk"
    text = model.as_text().replace("\u00a0", " ")  # a date is never broken across rows
    assert "Core Engineering → Billing replacement" in text and "needed by 1 Apr" in text
    assert build(ws, StageRef("threats"), rows=8, width=40).pages > 1


def test_decision_shows_letters_forum_and_problems(ws):
    d3 = build(ws, StageRef("decision", "d3"), rows=20, width=60)
    assert d3.title == "A team misses a key result"
    assert "Monthly business review" in d3.subtitle and "RAPID" in d3.subtitle
    assert d3.rows[0].text.startswith("2 deciders")
    letters = [r.lead for r in d3.rows if r.lead and r.lead != "!"]
    assert letters == ["I", "I", "D", "D"]
    assert [r.figure for r in d3.rows if r.lead == "D"] == ["Decide", "Decide"]
    ws.decisions[0] = dataclasses.replace(ws.decisions[0], forum=None, assignments={"ceo": "R"})
    d1 = build(ws, StageRef("decision", "d1"), rows=20, width=60)
    assert [r.text.split(":")[0] for r in d1.rows if r.lead == "!"] == ["No decider", "No forum"]
    assert "no forum" in d1.subtitle


def test_forums_parking_lot_and_decision_log_paginate(ws):
    forums = build(ws, StageRef("forums"), rows=8, width=48)
    assert forums.pages > 1 and forums.rows[0].text == ws.forums[0].name and forums.rows[0].figure == "Weekly"
    assert "Owner: " in build(ws, StageRef("forums"), rows=60, width=60).as_text()
    lot = build(ws, StageRef("parking_lot"), rows=30, width=60)
    assert lot.subtitle == "0 open of 2" and [r.figure for r in lot.rows if r.figure] == ["resolved", "action"]
    log = build(ws, StageRef("decision_log"), rows=60, width=60)
    leads = [r.lead for r in log.rows if r.lead]
    assert leads[:4] == ["12:41", "14:18", "14:26", "14:44"] and leads[-2:] == ["14:55", "16:08"]
    assert leads == [e.at[11:16] for e in ws.decision_log] and log.pages == 1
    assert build(ws, StageRef("decision_log"), rows=4, width=40).pages > 1


def test_threats_show_the_worst_few_and_count_the_rest(ws):
    ring = [m.DepNode(f"r{i}", f"Ring team {i}") for i in range(9)]
    ws.nodes += ring
    ws.edges += [m.DepEdge(f"r{i}", f"r{(i + 1) % 9}", f"Hand-over {i}", needed_by=f"2026-05-{10 + i:02d}",
                           status="at_risk") for i in range(9)]
    model = build(ws, StageRef("threats"), rows=200, width=70)
    text = model.as_text().replace("\u00a0", " ")
    shown = [r.figure for r in model.rows if r.figure]
    assert len(shown) == 8 and shown[:2] == ["loop", "loop"] and "blocked" in shown  # loops, then blocked
    assert text.index("needed by 10 Apr") < text.index("needed by 17 Apr") < text.index("needed by 10 May")
    assert "…and 8 more" in text  # 2 loops, 1 blocked and 13 at risk found: 8 shown
    loop = "Ring team 0 → Ring team 1 → Ring team 2 → Ring team 3 → … → Ring team 8 → Ring team 0 (9 boxes)"
    assert loop in " ".join(text.splitlines()).replace(" loop ", " ")  # a long loop names its first boxes


def test_back_at_counts_down_only_with_a_clock(ws):
    from datetime import datetime

    assert build(ws, StageRef("back_at", "10:50")).rows == ()  # a rehearsal has no clock
    assert build(ws, StageRef("back_at", "10:50"), now=datetime(2026, 3, 12, 10, 38)).as_text().endswith("in 12 min")
    assert build(ws, StageRef("back_at", "10:50"), now=datetime(2026, 3, 12, 10, 49)).as_text().endswith(
        "in a minute")
    assert build(ws, StageRef("back_at", "10:50"), now=datetime(2026, 3, 12, 10, 52)).as_text().endswith(
        "We start again now")


def test_title_marks_the_running_session_and_its_time_left(ws):
    from datetime import datetime

    ws.agenda = [dataclasses.replace(s, started=None, ended=None) for s in ws.agenda]
    assert not any(r.lead == "▶" for r in build(ws, StageRef("title"), rows=60, width=70).rows)
    first = ws.agenda[0]
    ws.agenda[0] = dataclasses.replace(first, started="2026-03-12T09:00:00")
    now = datetime(2026, 3, 12, 9, 8, 30)
    model = build(ws, StageRef("title"), rows=60, width=70, now=now)
    assert (model.rows[0].lead, model.rows[0].text, model.rows[0].figure) == ("▶", f"Now: {first.title}",
                                                                             f"{first.minutes - 8} min left")
    assert [r.style for r in model.rows if r.text == first.title] == ["strong"]
    late = build(ws, StageRef("title"), rows=60, width=70, now=datetime(2026, 3, 12, 9, first.minutes + 3))
    assert late.rows[0].figure == "3 min over"
    assert build(ws, StageRef("title"), rows=60, width=70).rows[0].figure == ""  # no clock, no countdown


def test_calendar_says_when_each_forum_meets_this_quarter(ws):
    model = build(ws, StageRef("calendar"), rows=60, width=70)
    text = model.as_text()
    assert model.title == "The quarter's meetings"
    assert "Every Tue 09:00, 12 meetings from 7 Apr" in text
    assert "Tue 13:00: 28 Apr, 26 May, 23 Jun" in text and "Thu 09:00: 25 Jun" in text
    assert "busiest week 22 Jun" in model.subtitle
    ws.forums = []
    assert build(ws, StageRef("calendar")).as_text().endswith("No forums yet.")


def test_the_decision_log_writes_its_dates_in_words(ws):
    text = build(ws, StageRef("decision_log"), rows=400, width=70).as_text()
    assert "revisit 1 October 2026" in " ".join(text.split()) and not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_a_views_title_is_the_one_its_pages_show_without_building_them(ws):
    from tests.stage.workshops import large_workshop

    for workshop in (ws, large_workshop()):
        room = RoomInfo("192.168.1.20:8765", "ABCD-EFGH")
        for ref in show_order(workshop):
            assert view_title(workshop, ref, room) == build(workshop, ref, room=room).title, ref
