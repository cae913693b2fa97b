"""A walk through the demo offsite: every screen is reachable and shows the demo's real data."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from okr_workshop.domain import decision_rights as dr
from okr_workshop.domain import okrs
from okr_workshop.resource_lookup import resource
from okr_workshop.ui.screens import SCREENS

from .helpers import find_table, screen_named

SCREEN_KEYS = [Qt.Key_1, Qt.Key_2, Qt.Key_3, Qt.Key_4, Qt.Key_5, Qt.Key_6, Qt.Key_7, Qt.Key_8, Qt.Key_9, Qt.Key_0]


@pytest.fixture(scope="module")
def demo_doc() -> dict:
    """The shipped demo document, to compare what the screens show against."""
    return json.loads(resource("demo/demo.json").read_text(encoding="utf-8"))


def test_clicking_each_nav_item_shows_its_screen(demo_window, qtbot):
    """A mouse click on each navigation entry makes that entry's screen the current one."""
    nav = demo_window.nav
    assert nav.count() == len(SCREENS)
    for row in reversed(range(nav.count())):  # reversed: the first row is current already
        item = nav.item(row)
        nav.scrollToItem(item)
        qtbot.mouseClick(nav.viewport(), Qt.LeftButton, pos=nav.visualItemRect(item).center())
        assert nav.currentRow() == row
        assert demo_window.current_screen() is demo_window.screens[row]
        assert demo_window.current_screen().isVisible()


def test_ctrl_digit_shortcuts_switch_screens(demo_window, qtbot):
    """Ctrl+1 … Ctrl+9 open screens 1 to 9 and Ctrl+0 opens the tenth, from wherever the focus is."""
    demo_window.activateWindow()
    qtbot.waitActive(demo_window)
    for index in [*range(1, len(SCREEN_KEYS)), 0]:  # end on Ctrl+1 so every key changes the screen
        qtbot.keyClick(demo_window.nav, SCREEN_KEYS[index], Qt.ControlModifier)
        assert demo_window.nav.currentRow() == index
        assert demo_window.current_screen() is demo_window.screens[index]


def test_overview_shows_people_priorities_and_flags(demo_window, qtbot, demo_doc):
    """Overview lists every participant and priority and, once the analysis ran, the flags."""
    screen = screen_named(demo_window, "Overview")
    assert find_table(screen, "People").model.rowCount() == len(demo_doc["participants"]) == 11
    assert find_table(screen, "Candidate priorities").model.rowCount() == len(demo_doc["priorities"])
    title = screen.fields[0][1]
    assert title.text() == demo_doc["workshop"]["title"]
    assert title.cursorPosition() == 0  # a long title shows its beginning, not its end
    qtbot.waitUntil(lambda: "dependency cycle" in screen.flags.text())
    assert "1 decision without exactly one decider" in screen.flags.text()
    assert "5 places where the story does not hold together (below)" in screen.flags.text()  # docs/demo.md


def test_diagnose_shows_answers_signals_and_verdict(demo_window, demo_doc):
    """Diagnose lists the alignment answers, ticks the demo's signals and states the verdict."""
    screen = screen_named(demo_window, "Diagnose")
    answers = find_table(screen, "Alignment check answers")
    assert answers.model.rowCount() == len(demo_doc["alignment_answers"])
    ticked = {s for s, box in screen.signal_boxes.items() if box.isChecked()}
    assert ticked == set(demo_doc["diagnosis"]["signals"])
    assert "execution design" in screen.verdict.text()
    assert screen.statements.toPlainText().splitlines() == demo_doc["diagnosis"]["statements"]


def test_vote_results_have_a_row_per_item(demo_window, demo_doc):
    """The Vote screen lists the demo votes and shows a result row for every item of the current one."""
    screen = screen_named(demo_window, "Vote")
    votes = find_table(screen, "Votes")
    assert votes.model.rowCount() == len(demo_doc["votes"])
    for row, vote_doc in enumerate(demo_doc["votes"]):
        votes.view.setCurrentIndex(votes.model.index(row, 0))
        assert screen.current_vote().id == vote_doc["id"]
        assert screen.results.rowCount() == len(vote_doc["items"])
        assert f"{len(vote_doc['ballots'])} ballots" in screen.summary.text()


def test_not_now_and_tradeoffs_show_demo_rows(demo_window, demo_doc):
    """Not now & trade-offs lists the demo's not-now items and trade-offs."""
    screen = screen_named(demo_window, "Not now & trade-offs")
    assert find_table(screen, "Reasons, owners and revisit dates").model.rowCount() == len(demo_doc["not_now"])
    tradeoffs = find_table(screen, "Trade-offs: we choose X even at the expense of Y")
    assert tradeoffs.model.rowCount() == len(demo_doc["tradeoffs"])


def test_dependencies_analysis_names_the_cycle(demo_window, qtbot, demo_doc):
    """Dependencies lists nodes and edges, and the deferred analysis names the circular dependency."""
    screen = screen_named(demo_window, "Dependencies")
    graph = demo_doc["dependency_graph"]
    assert find_table(screen, "Teams and initiatives").model.rowCount() == len(graph["nodes"])
    assert find_table(screen, "Dependencies (A must deliver to B)").model.rowCount() == len(graph["edges"])
    qtbot.waitUntil(lambda: any("Circular dependency" in r.sentence for r in screen.risks.risks))
    assert "Circular dependency" in screen.risks.item(0).text()
    assert "Billing replacement" in screen.risks.item(0).text()


def test_decision_rights_problems_name_the_faulty_decision(demo_window, demo_doc):
    """Decision rights shows the matrix and names the decision that has more than one final decider."""
    screen = screen_named(demo_window, "Decision rights")
    ws = demo_window.ctx.workshop
    assert find_table(screen, "Roles").model.rowCount() == len(demo_doc["decision_rights"]["roles"])
    decisions = find_table(screen, "Decisions")
    assert decisions.model.rowCount() == len(demo_doc["decision_rights"]["decisions"])
    # situation, check, a column per role, forum, response, escalation
    assert decisions.model.columnCount() == len(ws.roles) + 5
    problems = dr.problems(ws)
    assert problems, "the demo is meant to contain a faulty decision"
    listed = "\n".join(screen.problems.item(i).text() for i in range(screen.problems.count()))
    situations = {d.id: d.situation for d in ws.decisions}
    for problem in problems:
        assert situations[problem["decision"]] in listed
    assert "A team misses a key result" in listed


def test_okr_findings_are_listed(demo_window, demo_doc):
    """OKRs lists objectives and key results and every coaching finding the domain reports."""
    screen = screen_named(demo_window, "OKRs")
    assert find_table(screen, "Objectives").model.rowCount() == len(demo_doc["okrs"])
    key_results = sum(len(o["key_results"]) for o in demo_doc["okrs"])
    assert find_table(screen, "Key results").model.rowCount() == key_results
    findings = okrs.findings(demo_window.ctx.workshop)
    assert findings
    shown = [screen.findings.item(i).text() for i in range(screen.findings.count())]
    assert len(shown) == len(findings)
    assert any("Launch the self-serve configuration wizard" in text for text in shown)


def test_rhythm_and_actions_show_demo_rows(demo_window, demo_doc):
    """Rhythm lists the demo forums and Actions the demo actions."""
    assert find_table(screen_named(demo_window, "Rhythm"), "Forums").model.rowCount() == len(demo_doc["rhythm"])
    actions = find_table(screen_named(demo_window, "Actions"), "Action list")
    assert actions.model.rowCount() == len(demo_doc["actions"])


def test_export_screen_shows_the_report(demo_window, qtbot):
    """Export shows the report as JSON once its deferred timer ran."""
    screen = screen_named(demo_window, "Export")
    qtbot.waitUntil(lambda: screen.report.toPlainText().startswith("{"))
    report = json.loads(screen.report.toPlainText())
    assert report["dependencies"]["cycles"]
