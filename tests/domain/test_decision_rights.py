"""Decision rights: exactly one final decider per decision, and the softer warnings."""

from __future__ import annotations

import dataclasses

import pytest

from okr_workshop.domain.decision_rights import (
    DECIDER,
    GOVERNANCE_TEMPLATES,
    LETTER_MEANINGS,
    LETTERS,
    PROBLEM_TEXT,
    check,
    counterpart,
    from_templates,
    letters_to_ask,
    problems,
    remap,
    suggestion,
    unused_templates,
    warnings,
)
from okr_workshop.domain.model import Decision, Forum, Role, Workshop


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


# --- the matrix check ---------------------------------------------------------------------------


def test_check_lists_problems_before_warnings_and_marks_rows_and_roles():
    """check() puts the hard problems first, then the softer warnings, and indexes them by row and role."""
    rows = [{"ceo": "D"}, {"ceo": "D"}, {"ceo": "D"}, {"ceo": "D", "cfo": "D"}, {"cfo": "R"}]
    ws = workshop("RAPID", *rows)
    ws.decisions[0] = dataclasses.replace(ws.decisions[0], forum=None)
    result = check(ws)
    assert [(f.code, f.severity) for f in result.findings] == [
        ("multiple_deciders", "problem"), ("no_decider", "problem"), ("no_forum", "warning"), ("bottleneck", "warning"),
    ]
    assert result.by_decision == {"d4": ("multiple_deciders",), "d5": ("no_decider",), "d1": ("no_forum",)}
    assert result.bottlenecks == {"ceo": 4}
    assert result.findings[0].text.startswith("Situation 4: ")
    assert "4 of 5 decisions" in result.findings[-1].text


def test_a_clean_matrix_has_no_findings():
    """One decider per row, every row in a forum, decisions spread: nothing to mark."""
    result = check(workshop("RACI", {"ceo": "A", "cfo": "R"}, {"cfo": "A"}))
    assert result.findings == () and result.by_decision == {} and result.bottlenecks == {}


# --- switching framework ------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), [(s, t) for s in LETTERS for t in LETTERS if s != t])
def test_the_decider_maps_to_the_decider_in_every_direction(source, target):
    """Whatever the switch, the final decider stays the final decider."""
    assert counterpart(source, target, DECIDER[source]) == DECIDER[target]


@pytest.mark.parametrize(("source", "target"), [(s, t) for s in LETTERS for t in LETTERS if s != t])
def test_mapped_letters_and_suggestions_belong_to_the_target(source, target):
    """Every obvious counterpart and every suggestion is a letter of the target framework (or empty)."""
    for letter in LETTERS[source]:
        mapped = counterpart(source, target, letter)
        if mapped is None:
            assert suggestion(source, target, letter) in ("", *LETTERS[target])
        else:
            assert mapped in LETTERS[target]


def test_rapid_to_raci_maps_the_obvious_letters_and_asks_for_the_rest():
    """D->A, P->R, I->C are obvious; Recommend and Agree have no RACI counterpart, so they are asked."""
    ws = workshop("RAPID", {"ceo": "D", "cfo": "A", "coo": "R", "cto": "P", "cpo": "I"})
    assert letters_to_ask(ws, "RACI") == ["R", "A"]
    [(before, after)] = remap(ws, "RACI", {"R": "R", "A": "C"})
    assert before.assignments["ceo"] == "D"
    assert after.assignments == {"ceo": "A", "cfo": "C", "coo": "R", "cto": "R", "cpo": "C"}


def test_raci_to_daci_keeps_shared_letters_and_empties_a_cell_when_asked():
    """A, C and I mean the same in RACI and DACI; Responsible is asked, and "" leaves the cell empty."""
    ws = workshop("RACI", {"ceo": "A", "cfo": "C", "coo": "R", "cto": "I"}, {"ceo": "A"})
    assert letters_to_ask(ws, "DACI") == ["R"]
    changes = remap(ws, "DACI", {"R": ""})
    assert [after.assignments for _, after in changes] == [{"ceo": "A", "cfo": "C", "cto": "I"}]


def test_a_switch_without_unmapped_letters_needs_no_answers():
    """RAPID D/P/I only: everything maps without a question."""
    ws = workshop("RAPID", {"ceo": "D", "cto": "P", "cfo": "I"})
    assert letters_to_ask(ws, "RACI") == []
    assert remap(ws, "RACI")[0][1].assignments == {"ceo": "A", "cto": "R", "cfo": "C"}


def test_a_missing_or_foreign_answer_is_refused():
    """remap() refuses to guess: an unanswered letter or an answer from the wrong framework is an error."""
    ws = workshop("DACI", {"ceo": "A", "coo": "D"})
    with pytest.raises(ValueError, match="no obvious counterpart"):
        remap(ws, "RACI")
    with pytest.raises(ValueError, match="not a RACI letter"):
        remap(ws, "RACI", {"D": "P"})


def test_switching_keeps_a_double_decider_visible():
    """Two RAPID deciders become two RACI deciders: the fault survives the switch instead of vanishing."""
    ws = workshop("RAPID", {"cpo": "D", "cto": "D"})
    [(_, after)] = remap(ws, "RACI")
    after_switch = Workshop(framework="RACI", decisions=[after])
    assert problems(after_switch) == [{"decision": "d1", "problem": "multiple_deciders"}]


# --- templates ------------------------------------------------------------------------------------


def test_templates_become_decisions_with_response_escalation_forum_and_decider():
    """Each picked template is a new row with the template's texts, the first forum of its cadence and
    the chosen role as the decider of the current framework; ids do not clash with existing rows."""
    ws = Workshop(
        framework="RACI",
        roles=[Role("ceo", "CEO"), Role("coo", "COO")],
        forums=[Forum("f1", "Weekly", "weekly"), Forum("f2", "Monthly", "monthly")],
        decisions=[Decision("d1", "Hiring freeze exceptions", {"ceo": "A"}, "f2")],
    )
    conflict, slip = GOVERNANCE_TEMPLATES[0], GOVERNANCE_TEMPLATES[1]
    made = from_templates(ws, [(conflict, "ceo"), (slip, None)])
    assert [d.id for d in made] == ["d2", "d3"]
    assert made[0] == Decision("d2", conflict.situation, {"ceo": "A"}, "f2", conflict.response, conflict.escalation)
    assert made[1].assignments == {} and made[1].forum == "f1" and made[1].escalation == slip.escalation


def test_templates_already_in_the_matrix_are_not_offered_again():
    """A situation already present (any case) is left out of the templates on offer."""
    ws = workshop("RAPID", {})
    ws.decisions[0] = dataclasses.replace(ws.decisions[0], situation="  priority CONFLICT between functions ")
    assert [t.situation for t in unused_templates(ws)] == [t.situation for t in GOVERNANCE_TEMPLATES[1:]]


def test_every_template_has_an_escalation_path_and_a_cadence():
    """The four situations come with where they escalate and which forum usually takes them."""
    assert all(t.escalation and t.cadence in ("weekly", "monthly", "quarterly") for t in GOVERNANCE_TEMPLATES)
