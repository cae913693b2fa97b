"""OKR findings with the contract's codes, and the restatement prompts."""

from __future__ import annotations

import pytest

from okr_workshop.domain.model import KeyResult, Objective, Workshop
from okr_workshop.domain.okrs import FINDING_TEXT, findings, is_activity, restatement_hint

CODES = {"activity_not_outcome", "missing_baseline", "missing_target", "no_owner", "no_key_results",
         "too_many_key_results", "too_many_objectives"}


def good_kr(kr_id: str, okr: str = "o1", title: str = "Raise the win rate") -> KeyResult:
    return KeyResult(kr_id, okr, title, "win rate", 18, 30, "%", "p1")


def test_a_well_formed_okr_has_no_findings():
    """An owned objective with owned, measured outcome KRs is clean."""
    ws = Workshop(objectives=[Objective("o1", "Grow", owner="p1")], key_results=[good_kr("k1")])
    assert findings(ws) == []


@pytest.mark.parametrize("title", [
    "Launch three campaigns", "ship the dashboard", "RUN manager training", "Implement reporting",
    "Build a portal", "Hold monthly reviews", "Create a playbook", "Deliver the API", "Complete the audit",
    "Roll out the new CRM", "roll-out pricing", "  “Launch” the wizard",
])
def test_activity_verbs_at_the_start_are_flagged(title):
    """A KR opening with an activity verb (any case, or "roll out") is activity_not_outcome."""
    assert is_activity(title)


@pytest.mark.parametrize("title", [
    "Shipment accuracy above 99%", "Increase activation", "Reduce the run rate of incidents", "Rollover rate",
    "", "Improve launch conversion",
])
def test_outcome_titles_are_not_flagged(title):
    """Only the first word counts, and whole words only ("Shipment" is not "ship")."""
    assert not is_activity(title)


def test_each_key_result_finding_uses_the_contract_code():
    """Missing baseline, missing target, missing owner and an activity verb each produce their code."""
    kr = KeyResult("k1", "o1", "Launch the wizard", baseline=None, target=None, owner=None)
    ws = Workshop(objectives=[Objective("o1", "Grow", owner="p1")], key_results=[kr])
    assert findings(ws) == [
        {"okr": "o1", "key_result": "k1", "finding": "activity_not_outcome"},
        {"okr": "o1", "key_result": "k1", "finding": "missing_baseline"},
        {"okr": "o1", "key_result": "k1", "finding": "missing_target"},
        {"okr": "o1", "key_result": "k1", "finding": "no_owner"},
    ]


def test_a_baseline_of_zero_is_not_missing():
    """Zero is a real baseline; only an absent one is flagged."""
    kr = KeyResult("k1", "o1", "Raise NPS", baseline=0, target=0, owner="p1")
    ws = Workshop(objectives=[Objective("o1", "Grow", owner="p1")], key_results=[kr])
    assert findings(ws) == []


def test_objective_level_findings_have_no_key_result():
    """An objective with no owner and no KRs yields findings with key_result None."""
    ws = Workshop(objectives=[Objective("o1", "Grow")])
    assert findings(ws) == [
        {"okr": "o1", "key_result": None, "finding": "no_owner"},
        {"okr": "o1", "key_result": None, "finding": "no_key_results"},
    ]


def test_more_than_five_key_results_is_too_many():
    """Six KRs on one objective is too_many_key_results; five is fine."""
    five = [good_kr(f"k{i}") for i in range(5)]
    ws = Workshop(objectives=[Objective("o1", "Grow", owner="p1")], key_results=five)
    assert findings(ws) == []
    ws.key_results.append(good_kr("k5"))
    assert findings(ws) == [{"okr": "o1", "key_result": None, "finding": "too_many_key_results"}]


def test_more_than_five_objectives_is_one_workshop_finding_first():
    """Six objectives give one too_many_objectives finding with okr and key_result None, listed first."""
    objectives = [Objective(f"o{i}", "Grow", owner="p1") for i in range(6)]
    krs = [good_kr(f"k{i}", f"o{i}") for i in range(6)]
    krs[3] = KeyResult("k3", "o3", "Raise the win rate", target=30, owner="p1")
    assert findings(Workshop(objectives=objectives, key_results=krs)) == [
        {"okr": None, "key_result": None, "finding": "too_many_objectives"},
        {"okr": "o3", "key_result": "k3", "finding": "missing_baseline"},
    ]


def test_findings_follow_objective_then_key_result_order():
    """Findings come in the order of the objectives and their key results."""
    ws = Workshop(
        objectives=[Objective("o2", "B", owner="p1"), Objective("o1", "A", owner="p1")],
        key_results=[good_kr("k1", "o1", "Ship it"), good_kr("k2", "o2", "Build it")],
    )
    assert [(f["okr"], f["key_result"]) for f in findings(ws)] == [("o2", "k2"), ("o1", "k1")]


def test_every_code_has_an_explanation():
    """Each finding code has a sentence for the screen and the PDF."""
    assert set(FINDING_TEXT) == CODES


def test_restatement_hint_quotes_the_title_and_a_matching_example():
    """The prompt repeats the KR and shows a weak-to-strong example with the same verb."""
    hint = restatement_hint("Ship the mobile app")
    assert "Ship the mobile app" in hint
    assert "Ship the new dashboard" in hint


def test_restatement_hint_works_for_any_title():
    """An outcome-like or empty title still gets a usable prompt."""
    assert "baseline" in restatement_hint("Increase retention")
    assert restatement_hint("")


def test_selected_priorities_without_an_objective_are_offered() -> None:
    from okr_workshop.domain.model import Objective, Priority, Workshop
    from okr_workshop.domain.okrs import objectives_to_offer

    ws = Workshop(priorities=[Priority("a", "A", status="selected"), Priority("b", "B", status="selected"),
                              Priority("c", "C")],
                  objectives=[Objective("o1", "Win A", priority="a")])
    assert objectives_to_offer(ws) == ["b"]


@pytest.mark.parametrize("title, draft", [
    ("Ship the new dashboard", "Increase active use of the dashboard among its target users"),
    ("launch three campaigns", "Improve the conversion quality of marketing-qualified leads"),
    ("Build carrier scorecards",
     "Increase [what changes for customers or the business] thanks to carrier scorecards"),
    ("Roll out the API", "Increase [what changes for customers or the business] thanks to the API"),
    ("Faster quotes", "Increase [what changes for customers or the business] thanks to Faster quotes"),
])
def test_a_draft_restatement_starts_the_conversation(title: str, draft: str) -> None:
    from okr_workshop.domain.okrs import draft_restatement

    assert draft_restatement(title) == draft


NEW_VERBS = ("hire", "recruit", "replace", "migrate", "train", "develop", "deploy", "release", "publish",
             "introduce", "establish", "design", "write", "organise", "organize", "conduct", "start")


@pytest.mark.parametrize("verb", NEW_VERBS)
@pytest.mark.parametrize("case", [str.lower, str.capitalize, str.upper])
def test_the_wider_activity_verbs_are_flagged_in_any_case(verb: str, case) -> None:
    """Hiring, migrating, training... say what we will do, not what changes (the first word, any case)."""
    title = case(f"{verb} the new thing")
    assert is_activity(title)
    assert findings(Workshop(objectives=[Objective("o1", "Grow", owner="p1")],
                             key_results=[good_kr("k1", title=title)])) == [
        {"okr": "o1", "key_result": "k1", "finding": "activity_not_outcome"}]


@pytest.mark.parametrize("title", ["HIRE 25 engineers", "Set up the PMO", "set up a review board", "SET UP pmo",
                                   "Set-up the PMO", "setup the PMO", "  “Set up” the wizard", "Set\tup the PMO"])
def test_set_up_is_a_two_word_activity_verb(title: str) -> None:
    """"Set up" is matched like "roll out": two words, a hyphen or none between them."""
    assert is_activity(title)


@pytest.mark.parametrize("title", [
    "Starters grow to 40% of orders", "Designers' churn falls below 5%", "Hires stay beyond a year",
    "Trainees reach full speed in 30 days", "Releases reach customers within a day", "Set uptime at 99.9%",
    "Setups per week double", "Set of carriers grows", "Writers' backlog halves", "Deployment lead time halves",
    "Replacement parts arrive within 48 hours", "Development cost per feature falls",
])
def test_words_that_only_begin_like_the_new_verbs_are_not_flagged(title: str) -> None:
    """Whole words only: a noun that starts with a verb's letters is an outcome, and "set" alone is no verb."""
    assert not is_activity(title)


def test_the_okr_editor_live_check_uses_the_same_function() -> None:
    """The editor's live check calls okrs.is_activity, so it flags exactly what the findings flag."""
    from pathlib import Path

    import okr_workshop

    screen = Path(okr_workshop.__file__).parent / "ui" / "screens" / "okrs.py"  # read, not imported: no Qt here
    assert "okrs.is_activity(text)" in screen.read_text(encoding="utf-8")


def test_a_draft_restatement_drops_a_two_word_verb() -> None:
    from okr_workshop.domain.okrs import draft_restatement

    assert draft_restatement("Set up the PMO") == (
        "Increase [what changes for customers or the business] thanks to the PMO")
