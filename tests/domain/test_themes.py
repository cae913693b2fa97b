"""Themes: agreement counted on them, the level-lower comparison, grouping and suggestions.

Every expected figure is worked out by hand in the test's docstring or comment.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okr_workshop.domain import themes
from okr_workshop.domain.alignment import agreement, answer_groups, levels
from okr_workshop.domain.model import AlignmentAnswer, Participant, Prompt, Theme, Workshop

Q = "dependencies"


def room(execs: dict[str, list[str]], heads: dict[str, list[str]] | None = None,
         grouped: list[list[str]] | None = None) -> Workshop:
    """Executives and department heads with their answers to ``Q``; ``grouped`` the themes t1, t2, ..."""
    heads = heads or {}
    people = [Participant("f", "Facilitator", "facilitator")]
    people += [Participant(who, who.upper(), "executive") for who in execs]
    people += [Participant(who, who.upper(), "participant") for who in heads]
    answers = [AlignmentAnswer(who, Q, items) for who, items in {**execs, **heads}.items()]
    found = [Theme(f"t{i}", Q, texts[0], texts) for i, texts in enumerate(grouped or [], start=1)]
    return Workshop(participants=people, alignment_answers=answers, themes=found)


THREE = {"a": ["Data platform", "Billing"], "b": ["data team capacity"], "c": ["Billing"]}


def test_agreement_counts_a_grouped_answer_as_its_theme_and_keeps_the_raw_figure() -> None:
    """Raw: {data platform, billing}, {data team capacity}, {billing}: pairs 0, 1/2, 0 -> 1/6.
    With "Data platform" and "data team capacity" one theme: {t1, billing}, {t1}, {billing}:
    pairs 1/2, 1/2, 0 -> 1/3."""
    ws = room(THREE, grouped=[["Data platform", "Data team capacity"]])
    assert agreement(ws, Q, raw=True) == pytest.approx(1 / 6)
    assert agreement(ws, Q) == pytest.approx(1 / 3)


def test_an_ungrouped_answer_counts_as_itself_trimmed_and_case_folded() -> None:
    """" billing " and "BILLING" are one answer: the two executives agree completely (1.0)."""
    ws = room({"a": [" billing "], "b": ["BILLING"]}, grouped=[["Data platform"]])
    assert agreement(ws, Q) == agreement(ws, Q, raw=True) == 1.0


def test_a_theme_matches_answers_trimmed_and_case_folded() -> None:
    ws = room({"a": ["  DATA PLATFORM"], "b": ["data team capacity "]},
              grouped=[["Data platform", "Data team capacity"]])
    assert agreement(ws, Q) == 1.0
    assert [(g.item, g.count) for g in answer_groups(ws, Q)] == [("Data platform", 2)]


def test_levels_compare_executives_department_heads_and_every_pair_across() -> None:
    """Themes: t1 = {Data platform, data team capacity}.
    Executives a {t1, billing}, b {t1}: 1/2. Department heads d {billing}, e {t1, hiring}: 0.
    Across: a-d 1/2, a-e 1/3, b-d 0, b-e 1/2 -> (4/3) / 4 = 1/3."""
    ws = room({"a": ["Data platform", "Billing"], "b": ["data team capacity"]},
              {"d": ["Billing"], "e": ["Data platform", "Hiring"]},
              grouped=[["Data platform", "Data team capacity"]])
    found = levels(ws, Q)
    assert found["executive"] == pytest.approx(1 / 2)
    assert found["participant"] == pytest.approx(0)
    assert found["across"] == pytest.approx(1 / 3)


def test_levels_are_null_without_enough_answers() -> None:
    """Under two answers in a group: its agreement is None; "across" needs one on each side."""
    only_leaders = levels(room({"a": ["Billing"], "b": ["Billing"]}), Q)
    assert only_leaders == {"executive": 1.0, "participant": None, "across": None}
    one_each = levels(room({"a": ["Billing"]}, {"d": ["Billing", "Hiring"]}), Q)
    assert one_each == {"executive": None, "participant": None, "across": 0.5}


def test_top_answers_per_level_use_the_theme_label() -> None:
    ws = room(THREE, {"d": ["Data team capacity"], "e": ["data platform"]},
              grouped=[["Data platform", "Data team capacity"]])
    assert [g.item for g in answer_groups(ws, Q, "participant")] == ["Data platform"]
    assert answer_groups(ws, Q, "participant")[0].count == 2


# --- grouping -------------------------------------------------------------------------------------


def apply(ws: Workshop, changes: list) -> None:
    """Apply (before, after) theme changes to the workshop's list, as the store would."""
    for before, after in changes:
        items = ws.themes
        if before is None:
            items.append(after)
        elif after is None:
            items.remove(before)
        else:
            items[items.index(before)] = after


def test_group_makes_a_theme_then_adds_to_it_and_moves_answers_between_themes() -> None:
    ws = room(THREE)
    apply(ws, themes.group(ws, Q, ["Data platform", "data team capacity"], label="Data"))
    assert [(t.id, t.label, t.answers) for t in ws.themes] == [("t1", "Data", ["Data platform", "data team capacity"])]
    apply(ws, themes.group(ws, Q, ["Billing", "Payroll"]))
    assert ws.themes[1].label == "Billing"  # the shortest answer, until renamed
    apply(ws, themes.group(ws, Q, ["DATA PLATFORM"], into="t2"))  # moved: t1 keeps the other answer
    assert ws.themes[0].answers == ["data team capacity"]
    assert ws.themes[1].answers == ["Billing", "Payroll", "DATA PLATFORM"]
    apply(ws, themes.group(ws, Q, ["data team capacity"], into="t2"))
    assert [t.id for t in ws.themes] == ["t2"]  # t1 left empty: gone


def test_grouping_with_a_grouped_answer_joins_its_theme() -> None:
    ws = room(THREE, grouped=[["Billing"]])
    apply(ws, themes.group(ws, Q, ["billing", "Payroll"]))
    assert [(t.id, t.answers) for t in ws.themes] == [("t1", ["Billing", "Payroll"])]


def test_ungroup_takes_answers_out_and_an_empty_theme_goes() -> None:
    ws = room(THREE, grouped=[["Billing", "Payroll"]])
    apply(ws, themes.ungroup(ws, "t1", ["payroll"]))
    assert ws.themes[0].answers == ["Billing"]
    apply(ws, themes.ungroup(ws, "t1"))
    assert ws.themes == []


def test_group_refuses_an_unknown_question_or_theme() -> None:
    ws = room(THREE)
    with pytest.raises(ValueError):
        themes.group(ws, "q9", ["x"])
    with pytest.raises(ValueError):
        themes.group(ws, Q, ["x"], into="t9")
    ws.prompts.append(Prompt("q9", "What should we stop?"))
    assert themes.group(ws, "q9", ["x"])[0][1].question == "q9"


@pytest.mark.parametrize(("target", "kind", "link"), [
    ("priority", "priorities", "priority:pr1"), ("not_now", "not_now", "not_now:nn1"),
    ("dependency", "nodes", "dependency:n1"), ("parking", "parking_lot", "parking:pk1"),
    ("action", "actions", "action:a1"),
])
def test_a_theme_becomes_a_record_in_one_move(target: str, kind: str, link: str) -> None:
    ws = room(THREE, grouped=[["Billing", "Payroll"]])
    (_, record), (before, after) = themes.becomes(ws, "t1", target)
    words = next(getattr(record, f) for f in ("title", "label", "text") if hasattr(record, f))
    assert record.id == link.split(":")[1] and words == "Billing"
    assert before is ws.themes[0] and after.link == link


def test_a_theme_becomes_a_risk_by_being_marked() -> None:
    ws = room(THREE, grouped=[["Billing"]])
    assert themes.becomes(ws, "t1", "risk") == [(ws.themes[0], Theme("t1", Q, "Billing", ["Billing"], "risk"))]


# --- suggestions --------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [
    ("Zoë's café", "zoes cafe"),  # accents, case, punctuation (the apostrophe splits a word)
    ("Data platforms capacity", "capacity of the data platform"),  # plural, small words, word order
    ("Custom enterprise features", "Custom features for single enterprise deals"),  # one inside the other
    ("Carrier API certification", "Carier API certifcation"),  # typos
])
def test_near_duplicates(a: str, b: str) -> None:
    assert themes.near_duplicates(a, b) and themes.near_duplicates(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("Data Platform capacity", "Onboarding capacity in Customer Operations"),
    ("Open the Nordic market", "Replace the legacy billing system"),
    ("Billing", "Hiring"),
])
def test_not_near_duplicates(a: str, b: str) -> None:
    assert not themes.near_duplicates(a, b)


def test_suggestions_group_near_duplicates_once_and_skip_what_is_grouped() -> None:
    texts = ["Data platform capacity", "capacity of the data platforms", "DATA PLATFORM CAPACITY", "Billing",
             "Hiring"]
    ws = room(THREE)
    assert themes.suggestions(ws, Q, texts) == [["Data platform capacity", "capacity of the data platforms"]]
    ws = room(THREE, grouped=[["Data platform capacity", "capacity of the data platforms"]])
    assert themes.suggestions(ws, Q, texts) == []
    ws = room(THREE, grouped=[["Data platform capacity"]])  # a newcomer to an existing theme is suggested
    assert themes.suggestions(ws, Q, texts) == [["Data platform capacity", "capacity of the data platforms"]]


def test_suggestions_never_merge_two_themes_the_facilitator_kept_apart() -> None:
    ws = room(THREE, grouped=[["Data platform capacity"], ["capacity of the data platforms"]])
    assert themes.suggestions(ws, Q, ["Data platform capacity", "capacity of the data platforms"]) == []


@given(st.text(max_size=30), st.text(max_size=30))
def test_near_duplicates_is_symmetric_and_fold_is_stable(a: str, b: str) -> None:
    assert themes.near_duplicates(a, b) == themes.near_duplicates(b, a)
    assert themes.fold(themes.fold(a)) == themes.fold(a)
