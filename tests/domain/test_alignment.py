"""Agreement between the executives' private answers, and the signals verdict."""

from __future__ import annotations

import pytest

from okr_workshop.domain.alignment import (
    ACCOUNTABILITY_QUESTIONS,
    EXAMPLE_STATEMENTS,
    QUESTION_LABELS,
    SIGNAL_MEANINGS,
    agreement,
    answer_groups,
    execution_design_problem,
    signal_count,
)
from okr_workshop.domain.model import QUESTIONS, SIGNALS, AlignmentAnswer, Diagnosis, Participant, Workshop

Q = "top_priorities"


def workshop(*answers: tuple[str, list[str]], role: str = "executive", question: str = Q) -> Workshop:
    """Executives e0, e1, ... each giving the matching answer, plus a facilitator."""
    people = [Participant("f", "Facilitator", "facilitator")]
    people += [Participant(who, who.upper(), role) for who, _ in answers]
    return Workshop(participants=people,
                    alignment_answers=[AlignmentAnswer(who, question, items) for who, items in answers])


def test_identical_answers_agree_completely():
    """Two executives naming the same priorities agree at 1.0."""
    ws = workshop(("e1", ["Growth", "Churn"]), ("e2", ["Churn", "Growth"]))
    assert agreement(ws, Q) == 1.0


def test_disjoint_answers_do_not_agree_at_all():
    """No shared item means agreement 0."""
    assert agreement(workshop(("e1", ["Growth"]), ("e2", ["Churn"])), Q) == 0.0


def test_answers_are_compared_after_trimming_and_case_folding():
    """" Cut Onboarding " and "cut onboarding" are the same answer; ß folds to ss."""
    ws = workshop(("e1", [" Cut Onboarding ", "Straße"]), ("e2", ["cut onboarding", "STRASSE"]))
    assert agreement(ws, Q) == 1.0


def test_agreement_is_the_mean_of_pairwise_jaccard():
    """Three executives: the mean over the three pairs of |A and B| / |A or B|."""
    ws = workshop(("e1", ["a", "b"]), ("e2", ["a"]), ("e3", ["c"]))
    assert agreement(ws, Q) == pytest.approx((0.5 + 0.0 + 0.0) / 3)


def test_two_empty_answers_count_as_agreeing():
    """Two executives who both name nothing agree (on having nothing), similarity 1."""
    assert agreement(workshop(("e1", []), ("e2", ["  "])), Q) == 1.0


def test_agreement_needs_two_executive_answers():
    """Under two executive answers there is nothing to compare: None."""
    assert agreement(workshop(("e1", ["a"])), Q) is None
    assert agreement(workshop(), Q) is None


def test_agreement_counts_only_executives_by_default():
    """Participants and facilitators do not dilute the executives' agreement."""
    ws = workshop(("e1", ["a"]), ("e2", ["a"]))
    ws.participants.append(Participant("d1", "Dept head", "participant"))
    ws.alignment_answers.append(AlignmentAnswer("d1", Q, ["z"]))
    ws.alignment_answers.append(AlignmentAnswer("f", Q, ["y"]))
    assert agreement(ws, Q) == 1.0
    assert agreement(ws, Q, role=None) == pytest.approx(1 / 6)


def test_agreement_can_be_repeated_with_department_heads():
    """The same check run on role "participant" compares their answers only."""
    ws = workshop(("d1", ["a"]), ("d2", ["b"]), role="participant")
    assert agreement(ws, Q) is None
    assert agreement(ws, Q, role="participant") == 0.0


def test_agreement_is_per_question():
    """Answers to another question do not count."""
    ws = workshop(("e1", ["a"]), ("e2", ["a"]), question="stop_or_wait")
    assert agreement(ws, Q) is None
    assert agreement(ws, "stop_or_wait") == 1.0


def test_answer_groups_count_people_most_named_first():
    """Groups merge spellings, show the first spelling, and sort by how many named them."""
    ws = workshop(("e1", ["Churn", "Growth"]), ("e2", [" growth", "Hiring"]), ("e3", ["GROWTH"]))
    groups = answer_groups(ws, Q)
    assert [(g.item, g.count) for g in groups] == [("Growth", 3), ("Churn", 1), ("Hiring", 1)]
    assert groups[0].participants == ["e1", "e2", "e3"]


def test_answer_groups_count_a_repeated_answer_once_per_person():
    """Naming the same thing twice is one vote for it, not two."""
    ws = workshop(("e1", ["Growth", "growth "]), ("e2", ["Churn"]))
    groups = answer_groups(ws, Q)
    assert groups[0] == ("Growth", 1, ["e1"])


def test_two_signals_mean_an_execution_design_problem():
    """One signal is a warning; two or more point at execution design."""
    ws = Workshop(diagnosis=Diagnosis(signals=["managers_cannot_say_no"]))
    assert signal_count(ws) == 1 and not execution_design_problem(ws)
    ws.diagnosis = Diagnosis(signals=["managers_cannot_say_no", "cross_functional_work_slow"])
    assert signal_count(ws) == 2 and execution_design_problem(ws)


def test_signal_count_ignores_duplicates_and_unknown_signals():
    """A repeated or unknown signal does not inflate the count."""
    ws = Workshop(diagnosis=Diagnosis(signals=["managers_cannot_say_no", "managers_cannot_say_no", "x"]))
    assert signal_count(ws) == 1


def test_wording_covers_every_signal_and_question():
    """Each signal and question has the words the screens and the PDF show."""
    assert set(SIGNAL_MEANINGS) == set(SIGNALS)
    assert all(label and meaning for label, meaning in SIGNAL_MEANINGS.values())
    assert set(QUESTION_LABELS) == set(QUESTIONS)
    assert len(ACCOUNTABILITY_QUESTIONS) == 4
    assert len(EXAMPLE_STATEMENTS) >= 4
