"""What the reveal says about the answers (verdict, scatter, groups), who has finished the private
check, and the accountability findings: pure functions, no Qt."""

from __future__ import annotations

import pytest

from okr_workshop.domain import alignment
from okr_workshop.domain.alignment import (
    ACCOUNTABILITY_QUESTIONS,
    ACCOUNTABILITY_SUBJECTS,
    NARRATIVE_PROBLEM_BELOW,
    QUESTION_SHORT,
    SHARED_STORY_FROM,
    accountability_finding,
    agreement_level,
    agreement_percent,
    agreement_verdict,
    answer_kind,
    finished,
    nobody_owns,
    responses,
    spread_breakdown,
    spread_summary,
    waiting,
)
from okr_workshop.domain.model import NOBODY, QUESTIONS, AlignmentAnswer, Diagnosis, Participant, Workshop


def test_thresholds_are_ordered_inside_zero_to_one():
    """The narrative-problem threshold lies below the shared-story one, both strictly inside 0..1."""
    assert 0 < NARRATIVE_PROBLEM_BELOW < SHARED_STORY_FROM < 1


@pytest.mark.parametrize(("score", "level"), [
    (0.0, "narrative_problem"),
    (0.2197, "narrative_problem"),  # the demo's top priorities
    (NARRATIVE_PROBLEM_BELOW - 1e-9, "narrative_problem"),
    (NARRATIVE_PROBLEM_BELOW, "partial"),
    (0.5, "partial"),
    (SHARED_STORY_FROM - 1e-9, "partial"),
    (SHARED_STORY_FROM, "shared"),
    (1.0, "shared"),
    (None, None),
])
def test_agreement_level_at_and_around_the_thresholds(score, level):
    """Below the first threshold is a narrative problem, from the second on a shared story; None stays None."""
    assert agreement_level(score) == level


def test_a_low_score_is_called_a_leadership_narrative_problem():
    """Wide variation is named for what it is, not graded as a weak success."""
    text = agreement_verdict(0.1)
    assert "leadership narrative problem" in text
    assert "not an alignment success" in text
    assert "narrative problem" not in agreement_verdict(0.5)
    assert "narrative problem" not in agreement_verdict(0.9)


def test_each_level_has_its_own_verdict_and_missing_answers_say_so():
    """Three levels, three different sentences; no score asks for more answers."""
    texts = {agreement_verdict(s) for s in (0.1, 0.5, 0.9)}
    assert len(texts) == 3
    assert "at least two" in agreement_verdict(None)


@pytest.mark.parametrize(("score", "percent"), [(0.2197, 22), (0.0655, 7), (0.0119, 1), (1.0, 100), (0.0, 0),
                                                (0.125, 12), (None, None)])
def test_agreement_percent_is_the_whole_percentage(score, percent):
    """The screens' percentage: the score times 100, rounded to a whole number."""
    assert agreement_percent(score) == percent


@pytest.mark.parametrize(("count", "people", "kind"), [
    (8, 8, "everyone"), (3, 8, "several"), (2, 8, "several"), (1, 8, "one"), (1, 1, "one"), (2, 2, "everyone"),
])
def test_answer_kind_groups_by_how_many_named_it(count, people, kind):
    """Everyone, several, or only one person; one person alone is "one" even when alone in answering."""
    assert answer_kind(count, people) == kind


def test_spread_summary_reads_as_a_sentence_in_singular_and_plural():
    """"8 executives gave 17 different answers", with the singular and the empty case spelt right."""
    assert spread_summary(8, 17) == "8 executives gave 17 different answers."
    assert spread_summary(1, 1) == "1 executive gave 1 answer."
    assert spread_summary(2, 1) == "2 executives gave 1 answer."
    assert spread_summary(0, 0) == "No executive has answered yet."


def test_spread_breakdown_counts_each_group():
    """How many answers everyone, several people, or only one person named."""
    assert spread_breakdown([8, 3, 1, 1], 8) == "1 named by everyone, 1 by several people, 2 by only one person"
    assert spread_breakdown([2, 1], 8) == "none named by everyone, 1 by several people, 1 by only one person"


def _workshop(answers: dict[str, tuple[str, ...]]) -> Workshop:
    people = [Participant("f", "Facilitator", "facilitator"), Participant("d", "Dept head", "participant")]
    people += [Participant(pid, pid.upper()) for pid in ("e1", "e2", "e3")]
    records = [AlignmentAnswer(pid, q, ["x"]) for pid, questions in answers.items() for q in questions]
    return Workshop(participants=people, alignment_answers=records)


def test_finished_means_all_three_questions_answered_by_an_executive():
    """An executive with two of three answers is still waiting; other roles are never listed."""
    ws = _workshop({"e1": QUESTIONS, "e2": QUESTIONS[:2], "d": QUESTIONS, "f": QUESTIONS})
    assert finished(ws) == ["e1"]
    assert waiting(ws) == ["e2", "e3"]
    assert finished(ws, role="participant") == ["d"]


def test_an_empty_answer_still_counts_as_answered():
    """Naming nothing to stop is an answer; the person has finished."""
    ws = _workshop({})
    ws.alignment_answers = [AlignmentAnswer("e1", q, [] if q == "stop_or_wait" else ["x"]) for q in QUESTIONS]
    assert finished(ws) == ["e1"]
    assert responses(ws, "stop_or_wait") == 1


def test_responses_counts_executives_once_per_question():
    """Only executives who answered this question count."""
    ws = _workshop({"e1": QUESTIONS, "e2": ("top_priorities",), "d": QUESTIONS})
    assert responses(ws, "top_priorities") == 2
    assert responses(ws, "dependencies") == 1
    assert responses(ws, "dependencies", role=None) == 2


def test_nobody_is_a_finding_for_that_question_only():
    """Questions answered with "nobody" are listed and worded as findings; named or open ones are not."""
    ws = Workshop(diagnosis=Diagnosis(accountability={"0": NOBODY, "1": "e1", "3": NOBODY}))
    assert nobody_owns(ws) == [0, 3]
    assert accountability_finding(0) == "Nobody owns the customer outcome: that is itself a finding."
    assert nobody_owns(Workshop()) == []


def test_wording_covers_every_accountability_question_and_question():
    """Every accountability question has a subject and every alignment question a short label."""
    assert len(ACCOUNTABILITY_SUBJECTS) == len(ACCOUNTABILITY_QUESTIONS)
    assert set(QUESTION_SHORT) == set(QUESTIONS)
    assert set(alignment.ANSWER_KINDS) == {"everyone", "several", "one"}
