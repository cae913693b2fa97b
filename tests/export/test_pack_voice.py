"""The room's voice in the pack: the prompts' themes and counts, what each theme became, the
questions from the floor, and the alignment check on themes a level lower. Never a hidden answer
or question, never a name on an answer, never one named person's lone answer in the participants'
copy; the facilitator's copy quotes that answer and names who asked a question under their name."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.export import sections_voice
from okr_workshop.export.pdf_pack import build_pack

from .conftest import Pack, make_pack
from .factories import demo_workshop

VOICE = "The room's voice"
HIDDEN_ANSWER = "Everything marketing throws over the wall"
LONE = "Quagga stocktake in the Gdańsk depot"  # one named person's answer: theirs alone to trace
SHARED = "Night shift cover"
HIDDEN_QUESTION = "Why is the okapi budget secret?"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def section_text(pack: Pack, title: str) -> str:
    """The text of one section, from its heading to the next section's (pages from the outline)."""
    starts = [(t, page) for level, t, page in pack.outline() if level == 0 and t != "Contents"]
    index = next(i for i, (t, _) in enumerate(starts) if t == title)
    first = starts[index][1]
    after = starts[index + 1] if index + 1 < len(starts) else None
    pages = pack.pages_text()[first - 1:(after[1] if after else len(pack.pages_text()))]
    text = flat("\n".join(pages))
    text = text[text.index(title):]
    return text[:text.index(after[0])] if after and after[0] in text else text


def named_prompt_workshop() -> m.Workshop:
    """The demo plus a named prompt: two people gave one answer, one person an answer of their own;
    the shared theme became an action; a hidden question and one asked under a name."""
    ws = demo_workshop()
    ws.prompts = [*ws.prompts, m.Prompt("q3", "What keeps you up at night?", named=True, revealed=True)]
    ws.prompt_answers = [*ws.prompt_answers, m.PromptAnswer("x1", "q3", SHARED, "p2"),
                         m.PromptAnswer("x2", "q3", "night shift cover", "p3"), m.PromptAnswer("x3", "q3", LONE, "p4")]
    ws.actions = [*ws.actions, m.Action("a99", "Staff the night desk")]
    ws.themes = [*ws.themes, m.Theme("t99", "q3", SHARED, [SHARED], link="action:a99")]
    ws.room_questions = [*ws.room_questions, m.RoomQuestion("rq9", HIDDEN_QUESTION, upvotes=50, hidden=True),
                         m.RoomQuestion("rq10", "Who signs off the pilot?", asked_by="p6", upvotes=2,
                                        status="action", link="action:a99")]
    return ws


@pytest.fixture(scope="module")
def named_packs(folder: Path) -> dict[str, Pack]:
    ws = named_prompt_workshop()
    return {"participants": make_pack(ws, folder, "named.pdf"),
            "facilitator": make_pack(ws, folder, "named-facilitator.pdf", facilitator=True)}


def test_the_demo_pack_has_the_rooms_voice(demo_pack: Pack):
    """The demo's revealed prompt, its themes with their counts and what they became, the
    questions from the floor with upvotes and what happened to them."""
    assert VOICE in demo_pack.result.sections
    text = section_text(demo_pack, VOICE)
    assert "Which hand-over will bite us?" in text
    assert "8 answers (anonymous); shown to the room." in text
    assert re.search(r"Sales to onboarding 3 → risk log", text)
    assert re.search(r"The billing cut-over 3\b", text)
    assert "Which risk worries you most?" in text
    # never shown to the room: counted, not quoted; the answers given once are counted too
    assert "3 answers not shown to the room (not quoted in this copy)" in text
    assert "TransNordic certification slips" not in text
    assert "Carrier certification to Customer Success" not in text
    assert "And 2 answers given once each" in text
    assert "Questions from the floor" in text
    assert re.search(r"Do the pilot teams keep their other targets this quarter\? 7 Answered in the room", text)
    assert "Logged as a decision:" in text
    assert "Still open" in text


@pytest.mark.parametrize("copy", ["participants", "facilitator"])
def test_a_hidden_answer_is_in_no_copy(copy: str, demo_pack: Pack, demo_facilitator_pack: Pack):
    pack = demo_pack if copy == "participants" else demo_facilitator_pack
    assert HIDDEN_ANSWER not in flat(pack.text())


def test_the_asker_is_named_only_in_the_facilitators_copy(demo_pack: Pack, demo_facilitator_pack: Pack):
    """rq4 was asked under Tomás's name: the facilitator's copy says so, the participants' does not."""
    ws = demo_workshop()
    asker = ws.participant_name("p9")
    assert f"(asked by {asker})" in section_text(demo_facilitator_pack, VOICE)
    assert asker not in section_text(demo_pack, VOICE)


def test_agreement_is_on_themes_with_the_words_beside_it_and_a_level_lower(demo_pack: Pack):
    """Dependencies: 15 % on themes, 1 % word for word; executives, department heads and across the
    two levels side by side, with each level's top themes."""
    text = section_text(demo_pack, "Diagnosis")
    deps = text[text.index("Which cross-functional dependencies could derail delivery?"):]
    assert "Agreement 15 % on themes (1 % word for word)." in deps
    assert re.search(r"Executives \(8\) 15 % The billing and pricing loop \(4\); Data Platform capacity \(3\)", deps)
    assert re.search(r"Department heads \(2\) 33 % The billing and pricing loop \(2\)", deps)
    assert "Across the two levels 29 %" in deps
    assert "→ action: Name one owner for the pricing" in deps  # what the theme became


def test_one_department_heads_lone_answer_is_counted_not_shown(demo_pack: Pack, demo_facilitator_pack: Pack):
    """A department head's answer nobody else at their level gave is theirs alone: the participants'
    copy leaves it out of their top themes, the facilitator's copy shows it."""
    participants = section_text(demo_pack, "Diagnosis")
    facilitator = section_text(demo_facilitator_pack, "Diagnosis")
    assert "Case studies need customers' sign-off" not in participants
    assert "Case studies need customers' sign-off (1)" in facilitator
    assert re.search(r"Department heads \(2\) 0 ?% none named by more than one", participants)


def test_a_named_prompts_lone_answer_is_only_in_the_facilitators_copy(named_packs: dict[str, Pack]):
    """On a named prompt the participants' copy shows what two people gave and counts the rest; the
    facilitator's copy quotes the lone answer. No copy names who answered."""
    ws = named_prompt_workshop()
    participants = section_text(named_packs["participants"], VOICE)
    facilitator = section_text(named_packs["facilitator"], VOICE)
    assert LONE not in participants
    assert "1 answer given once each (not quoted in this copy)" in participants
    assert re.search(rf"{SHARED} 2 → action: Staff the night desk", participants)
    assert LONE in facilitator
    answerers = [ws.participant_name(pid) for pid in ("p2", "p3", "p4")]
    for text in (participants, facilitator):
        assert not [name for name in answerers if name in text]
        assert HIDDEN_QUESTION not in text
    assert "Became an action: Staff the night desk" in participants
    assert ws.participant_name("p6") not in participants
    assert f"(asked by {ws.participant_name('p6')})" in facilitator


@pytest.mark.parametrize("questions", ["none", "hidden only"])
def test_no_section_without_prompts_or_questions(questions: str):
    """Nothing to say: no section (a hidden question alone is nothing the pack may show)."""
    import io

    ws = demo_workshop()
    ws.prompts, ws.prompt_answers = [], []
    ws.themes = [t for t in ws.themes if t.question in m.QUESTIONS]
    ws.room_questions = ([] if questions == "none"
                         else [dataclasses.replace(q, hidden=True) for q in ws.room_questions])
    result = build_pack(ws, io.BytesIO())
    assert VOICE not in result.sections
    assert "Diagnosis" in result.sections


def test_links_read_as_words():
    """What a theme or a question became, named by its record's title; a link to a removed record
    keeps its kind."""
    ws = demo_workshop()
    assert sections_voice.became(ws, "action:a1").startswith("→ action: Name one owner")
    assert sections_voice.became(ws, "risk") == "→ risk log"
    assert sections_voice.became(ws, "action:gone") == "→ action"
    assert sections_voice.became(ws, "") == ""
