"""Coherence across the workshop's steps: each check fires on what breaks the story and only then,
and each finding can become an owned, dated action that the finding then shows."""

from __future__ import annotations

import dataclasses

import pytest

from okr_workshop.domain import coherence as c
from okr_workshop.domain import model as m
from okr_workshop.domain.report import build_report

PEOPLE = [m.Participant(f"p{i}", name, "executive") for i, name in
          enumerate(["Anna Nowak", "Ben Ode", "Cleo Park"], start=1)]
ALL_FORUMS = [m.Forum(f"f{i}", f"{c} review", c, "Decide what to do", "p1") for i, c in
              enumerate(m.CADENCES, start=1)]


def ws_with(**parts) -> m.Workshop:
    """A small coherent workshop (people, one forum per cadence) with ``parts`` replaced."""
    return m.Workshop(**{"participants": list(PEOPLE), "forums": list(ALL_FORUMS), **parts})


def codes(ws: m.Workshop) -> list[tuple[str, str | None]]:
    return [(f.code, f.ref) for f in c.findings(ws)]


def only(ws: m.Workshop, code: str) -> list[c.Finding]:
    return [f for f in c.findings(ws) if f.code == code]


def test_a_coherent_workshop_has_no_findings() -> None:
    ws = ws_with(
        priorities=[m.Priority("pr1", "Win mid-market logistics", status="selected")],
        objectives=[m.Objective("o1", "Shippers onboard within 30 days", "pr1", "p1")],
        key_results=[m.KeyResult("k1", "o1", "Median onboarding days", baseline=74, target=30)],
        not_now=[m.NotNow("n1", "Enterprise custom work", decision="defer", revisit="2026-07-01")],
        decisions=[m.Decision("d1", "Priority conflict", forum="f1")],
        actions=[m.Action("a1", "Send the pack", "p1", "2026-04-12")],
    )
    assert codes(ws) == []


def test_every_code_has_words_and_an_action_title() -> None:
    assert set(c.CODES) == set(c.CHECKS) == set(c.CHECK_WORDS) == set(c.ACTION_TITLES)
    assert "pilot_without_lead_or_date" not in c.CODES  # pilots carry no lead and no date


# ----- objectives and the critical few ------------------------------------------------------------


@pytest.mark.parametrize("status, words", [
    ("stopped", "which was stopped"), ("deferred", "which was deferred"),
    ("bau", "business as usual"), ("candidate", "still only a candidate"),
])
def test_an_objective_on_a_priority_outside_the_critical_few(status: str, words: str) -> None:
    ws = ws_with(priorities=[m.Priority("pr1", "Enterprise custom work", status=status)],
                 objectives=[m.Objective("o1", "Drive innovation for our shippers", "pr1", "p1")])
    [f] = only(ws, "objective_off_critical_few")
    assert f.ref == "o1"
    assert f.text.startswith("The objective “Drive innovation for our shippers” rests on “Enterprise custom work”,")
    assert words in f.text


def test_an_objective_on_a_selected_priority_is_on_the_critical_few() -> None:
    ws = ws_with(priorities=[m.Priority("pr1", "Win mid-market", status="selected")],
                 objectives=[m.Objective("o1", "Shippers onboard within 30 days", "pr1", "p1")])
    assert only(ws, "objective_off_critical_few") == []


def test_an_objective_without_a_priority() -> None:
    ws = ws_with(objectives=[m.Objective("o1", "Shippers onboard within 30 days", None),
                             m.Objective("o2", "Carriers get paid within 5 days", "pr1")],
                 priorities=[m.Priority("pr1", "Pay fast", status="selected")])
    assert [f.ref for f in only(ws, "objective_without_priority")] == ["o1"]


def test_a_selected_priority_that_no_objective_names() -> None:
    ws = ws_with(priorities=[m.Priority("pr1", "Win mid-market", status="selected"),
                             m.Priority("pr2", "Pay carriers fast", status="selected"),
                             m.Priority("pr3", "Open Berlin", status="candidate")],
                 objectives=[m.Objective("o1", "Carriers get paid within 5 days", "pr2")])
    [f] = only(ws, "critical_few_without_objective")
    assert (f.ref, f.text) == ("pr1", "The priority “Win mid-market” is in the critical few, but no objective "
                                      "comes from it.")


@pytest.mark.parametrize("title", ["Drive innovation", "Operational excellence", "Be the best",
                                   "Grow", "World-class execution everywhere now"])
def test_a_short_slogan_is_a_vague_objective(title: str) -> None:
    ws = ws_with(objectives=[m.Objective("o1", title)])
    assert [f.ref for f in only(ws, "vague_objective")] == ["o1"]


@pytest.mark.parametrize("title", [
    "Delight our customers", "Users renew without calls", "Grow revenue 20%", "Onboard in 30 days",
    "Cut churn so that margins hold", "Move from reactive to proactive service", "Shippers love the portal",
    "Make every hand-over between our teams fast and owned end to end", "",
])
def test_an_objective_naming_a_customer_an_outcome_or_many_words_is_not_vague(title: str) -> None:
    ws = ws_with(objectives=[m.Objective("o1", title)])
    assert only(ws, "vague_objective") == []


# ----- the vote the critical few came from ----------------------------------------------------------


def vote_ws(closed: bool, voted: list[str]) -> m.Workshop:
    """Three executives; pr1 and pr2 selected from v2 (the latest vote listing them)."""
    return ws_with(
        priorities=[m.Priority("pr1", "Win mid-market", status="selected"),
                    m.Priority("pr2", "Pay carriers fast", status="selected"),
                    m.Priority("pr3", "Open Berlin", status="stopped")],
        objectives=[m.Objective("o1", "Shippers onboard within 30 days", "pr1"),
                    m.Objective("o2", "Carriers get paid within 5 days", "pr2")],
        votes=[m.Vote("v1", "First round", items=["pr1", "pr2", "pr3"], voted=["p1", "p2", "p3"]),
               m.Vote("v2", "What matters most?", items=["pr1", "pr2"], voted=voted, closed=closed,
                      follows="v1")],
    )


def test_the_critical_few_on_a_vote_that_is_still_open() -> None:
    [f] = only(vote_ws(False, ["p1", "p2", "p3"]), "critical_few_on_open_vote")
    assert f.ref == "v2"  # the latest vote listing them, not the open first round
    assert f.text == ("“Win mid-market” and “Pay carriers fast” are selected, but the vote “What matters most?” "
                      "they came from is still open.")
    assert only(vote_ws(True, ["p1", "p2", "p3"]), "critical_few_on_open_vote") == []


def test_no_vote_finding_without_selected_priorities() -> None:
    ws = vote_ws(False, [])
    ws.priorities = [dataclasses.replace(p, status="candidate") for p in ws.priorities]
    assert only(ws, "critical_few_on_open_vote") == only(ws, "critical_few_low_turnout") == []


def test_the_critical_few_on_a_low_turnout() -> None:
    [f] = only(vote_ws(True, ["p1"]), "critical_few_low_turnout")
    assert (f.ref, f.text) == ("v2", "The critical few rest on the vote “What matters most?”, where only 1 of 3 "
                                     "who could vote did.")
    assert only(vote_ws(True, ["p1", "p2"]), "critical_few_low_turnout") == []  # two thirds is enough


# ----- key results, not now, dependencies, decisions -----------------------------------------------


def test_a_key_result_whose_target_is_its_baseline() -> None:
    ws = ws_with(key_results=[m.KeyResult("k1", "o1", "Win rate", baseline=40, target=40.0, unit="%"),
                              m.KeyResult("k2", "o1", "NPS", baseline=20, target=35),
                              m.KeyResult("k3", "o1", "Churn", baseline=None, target=None)])
    [f] = only(ws, "kr_no_change")
    assert (f.ref, f.text) == ("k1", "The key result “Win rate” has the same baseline and target (40 %), so it asks "
                                     "for no change.")


def test_a_deferral_without_a_revisit() -> None:
    ws = ws_with(not_now=[m.NotNow("n1", "Enterprise custom work", decision="defer"),
                          m.NotNow("n2", "Berlin office", decision="defer", revisit="When churn < 5%"),
                          m.NotNow("n3", "Legacy portal", decision="stop")])
    assert [f.ref for f in only(ws, "deferred_without_revisit")] == ["n1"]
    assert "“Enterprise custom work” is deferred" in only(ws, "deferred_without_revisit")[0].text


def dep_ws(*actions: m.Action, **edge: str) -> m.Workshop:
    return ws_with(nodes=[m.DepNode("eng", "Core Engineering"), m.DepNode("bill", "Billing")],
                   edges=[m.DepEdge("eng", "bill", **edge)], actions=list(actions))


@pytest.mark.parametrize("edge, why", [({"status": "blocked"}, "is blocked"), ({"risk": "high"}, "is high risk")])
def test_a_blocked_or_high_risk_hand_over_without_an_action(edge: dict[str, str], why: str) -> None:
    [f] = only(dep_ws(**edge), "threat_without_action")
    assert (f.ref, f.text) == ("eng->bill", f"The hand-over “Core Engineering → Billing” {why} and no open action "
                                            "answers it.")


def test_a_hand_over_that_threatens_nothing_or_has_its_action() -> None:
    assert only(dep_ws(risk="medium", status="at_risk"), "threat_without_action") == []
    assert only(dep_ws(risk="high", status="done"), "threat_without_action") == []
    made = m.Action("a1", "Unblock", "p1", "2026-04-12", finding="threat_without_action:eng->bill")
    assert only(dep_ws(made, status="blocked"), "threat_without_action") == []
    captured = m.Action("a1", "Unblock", "p1", "2026-04-12", source="Dependencies: Core Engineering → Billing")
    assert only(dep_ws(captured, status="blocked"), "threat_without_action") == []
    done = dataclasses.replace(made, status="done")
    assert len(only(dep_ws(done, status="blocked"), "threat_without_action")) == 1


def test_a_decision_without_a_forum() -> None:
    ws = ws_with(decisions=[m.Decision("d1", "A shared dependency slips"), m.Decision("d2", "Conflict", forum="f1")])
    [f] = only(ws, "decision_without_forum")
    assert (f.ref, f.text) == ("d1", "The decision “A shared dependency slips” names no forum where it is taken.")


# ----- the rhythm and the actions -------------------------------------------------------------------


def test_no_forum_at_all_is_no_rhythm_not_three_missing_cadences() -> None:
    assert codes(ws_with(forums=[])) == [("no_rhythm", None)]


def test_each_missing_cadence() -> None:
    weekly = ALL_FORUMS[0]
    assert codes(ws_with(forums=[weekly])) == [("no_monthly_forum", None), ("no_quarterly_forum", None)]
    assert codes(ws_with(forums=ALL_FORUMS[1:])) == [("no_weekly_forum", None)]


def test_forums_without_purpose_or_owner() -> None:
    bare = m.Forum("f9", "Ops sync", "weekly", " ", None)
    ws = ws_with(forums=[*ALL_FORUMS, bare])
    assert codes(ws) == [("forum_without_purpose", "f9"), ("forum_without_owner", "f9")]
    assert only(ws, "forum_without_purpose")[0].text.startswith("The forum “Ops sync” has no purpose")


def test_open_actions_without_owner_or_due_date() -> None:
    ws = ws_with(actions=[m.Action("a1", "Send the pack"), m.Action("a2", "Book rooms", "p1"),
                          m.Action("a3", "Old", status="done"), m.Action("a4", "Gone", status="dropped"),
                          m.Action("a5", "Fine", "p2", "2026-04-12")])
    assert codes(ws) == [("action_without_owner", "a1"), ("action_without_due", "a1"), ("action_without_due", "a2")]


def test_findings_follow_the_code_order_then_the_ref_in_natural_order() -> None:
    ws = ws_with(actions=[m.Action(f"a{i}", f"Action {i}", "p1") for i in (10, 2, 1)],
                 objectives=[m.Objective("o1", "Grow", None)])
    assert codes(ws) == [("objective_without_priority", "o1"), ("vague_objective", "o1"),
                         ("action_without_due", "a1"), ("action_without_due", "a2"), ("action_without_due", "a10")]


# ----- the report -----------------------------------------------------------------------------------


def test_the_report_lists_codes_and_refs_only() -> None:
    ws = ws_with(forums=[], decisions=[m.Decision("d1", "Conflict")])
    assert c.report(ws) == {"findings": [{"code": "decision_without_forum", "ref": "d1"},
                                         {"code": "no_rhythm", "ref": None}]}
    assert build_report(ws)["coherence"] == c.report(ws)


# ----- follow-up actions ----------------------------------------------------------------------------


def test_key_and_split_key_are_inverse() -> None:
    assert c.key("no_rhythm", None) == "no_rhythm:"
    assert c.key("threat_without_action", "a->b") == "threat_without_action:a->b"
    assert c.split_key("threat_without_action:a->b") == ("threat_without_action", "a->b")
    assert c.split_key("no_rhythm:") == ("no_rhythm", None)


def test_action_for_makes_an_open_action_with_a_fresh_id_that_remembers_the_finding() -> None:
    ws = ws_with(forums=[*ALL_FORUMS, m.Forum("f9", "Weekly review", "weekly", "", "p1")],
                 actions=[m.Action("a1", "Send", "p1", "2026-04-01"), m.Action("a3", "Book", "p1", "2026-04-01")])
    [f] = c.findings(ws)
    action = c.action_for(ws, f, "p1", "2026-04-12")
    assert action == m.Action("a2", "Give “Weekly review” a purpose", "p1", "2026-04-12", "open",
                              "Coherence check: forum without a purpose", "forum_without_purpose:f9")


@pytest.mark.parametrize("code, ref, title", [
    ("no_weekly_forum", None, "Set up a weekly forum to unblock delivery"),
    ("threat_without_action", "eng->bill", "Unblock or de-risk “Core Engineering → Billing” with its owner"),
])
def test_action_titles_name_the_record(code: str, ref: str | None, title: str) -> None:
    ws = dep_ws(status="blocked")
    assert c.action_for(ws, c.Finding(code, ref, ""), None, None).title == title


def test_an_open_follow_up_shows_a_done_one_does_not() -> None:
    ws = ws_with(forums=[*ALL_FORUMS, m.Forum("f9", "Weekly review", "weekly", "", "p1")])
    [f] = c.findings(ws)
    assert c.follow_up(ws, f) is None and c.follow_up_words(ws, f) == ""
    action = dataclasses.replace(c.action_for(ws, f, "p1", "2026-04-12"), id="a7")
    ws.actions.append(action)
    [still] = c.findings(ws)  # the forum still has no purpose: the finding stays, now followed up
    assert c.follow_up(ws, still) == action
    assert c.follow_up_words(ws, still) == "action a7 (Anna Nowak, 12 Apr)"
    ws.actions[-1] = dataclasses.replace(action, status="done")
    assert c.follow_up(ws, still) is None and c.follow_up_words(ws, still) == ""


def test_follow_up_words_without_owner_or_date() -> None:
    ws = ws_with(forums=[])
    [f] = c.findings(ws)
    ws.actions.append(c.action_for(ws, f, None, None))
    assert c.follow_up_words(ws, f) == "action a1 (no owner, no date)"
