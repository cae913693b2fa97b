"""Decision rights: exactly one final decider per decision, and the softer warnings."""

from __future__ import annotations

import pytest

from okr_workshop.domain.decision_rights import (
    DECIDER,
    GOVERNANCE_TEMPLATES,
    LETTER_MEANINGS,
    LETTERS,
    PROBLEM_TEXT,
    problems,
    warnings,
)
from okr_workshop.domain.model import Decision, Workshop


def workshop(framework: str, *rows: dict[str, str], forum: str | None = "f1") -> Workshop:
    """Decisions d1, d2, ... with the given role -> letter assignments."""
    decisions = [Decision(f"d{i}", f"Situation {i}", row, forum) for i, row in enumerate(rows, start=1)]
    return Workshop(framework=framework, decisions=decisions)


def test_letters_and_meanings_agree_for_every_framework():
    """Every letter of every framework has a name and an explanation, and the decider is one of them."""
    for framework, letters in LETTERS.items():
        assert tuple(LETTER_MEANINGS[framework]) == letters
        assert DECIDER[framework] in letters


def test_rapid_flags_missing_and_duplicate_deciders_in_decision_order():
    """RAPID: no D is no_decider, two Ds are multiple_deciders; a single D is fine."""
    ws = workshop("RAPID", {"ceo": "D", "cfo": "R"}, {"ceo": "R", "cfo": "A"}, {"ceo": "D", "cto": "D"})
    assert problems(ws) == [
        {"decision": "d2", "problem": "no_decider"},
        {"decision": "d3", "problem": "multiple_deciders"},
    ]


@pytest.mark.parametrize("framework", ["RACI", "DACI"])
def test_raci_and_daci_use_a_as_the_decider(framework):
    """In RACI and DACI the A is the final decider, and a D (DACI's driver) is not."""
    rows = [{"ceo": "A"}, {"ceo": "R" if framework == "RACI" else "D"}, {"ceo": "A", "cfo": "A"}]
    assert problems(workshop(framework, *rows)) == [
        {"decision": "d2", "problem": "no_decider"},
        {"decision": "d3", "problem": "multiple_deciders"},
    ]


def test_a_decision_without_assignments_has_no_decider():
    """An empty row is a problem, not silently fine."""
    assert problems(workshop("RAPID", {})) == [{"decision": "d1", "problem": "no_decider"}]


def test_decisions_without_a_forum_are_warned_about():
    """A decision with no forum gets a no_forum warning."""
    ws = workshop("RAPID", {"ceo": "D"}, forum=None)
    assert warnings(ws) == [{"decision": "d1", "warning": "no_forum"}]


def test_one_role_deciding_far_more_than_others_is_a_bottleneck():
    """A role that decides three or more rows, twice as many as anyone else, is a bottleneck."""
    rows = [{"ceo": "D"}, {"ceo": "D"}, {"ceo": "D"}, {"ceo": "D"}, {"cfo": "D"}, {"cfo": "D"}]
    assert warnings(workshop("RAPID", *rows)) == [{"role": "ceo", "warning": "bottleneck", "decisions": 4}]


def test_evenly_shared_decisions_raise_no_bottleneck():
    """Three roles deciding a similar number of rows is healthy."""
    rows = [{"ceo": "D"}, {"ceo": "D"}, {"ceo": "D"}, {"cfo": "D"}, {"cfo": "D"}, {"cto": "D"}, {"cto": "D"}]
    assert warnings(workshop("RAPID", *rows)) == []


def test_governance_templates_cover_the_four_usual_situations():
    """The four situations of the domain come with an owner and a response."""
    assert len(GOVERNANCE_TEMPLATES) == 4
    assert all(t.situation and t.owner and t.response for t in GOVERNANCE_TEMPLATES)
    assert set(PROBLEM_TEXT) == {"no_decider", "multiple_deciders"}
