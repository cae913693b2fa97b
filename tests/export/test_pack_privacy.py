"""Who voted what and who answered what: never in the participants' copy; in the facilitator's
copy only for open votes; a secret ballot nowhere with a name.

The privacy workshop adds voters whose names appear nowhere else in the workshop: the cover's
"Who was there" names each of them once, so any further occurrence is a leak.
"""

from __future__ import annotations

import re

from .conftest import Pack, qpdf_check

SECRET_VOTERS = ("Xanthippe", "Ξενοφών", "Ярослава")  # secret dot vote and the private alignment check
OPEN_VOTERS = ("Quirinus", "Ωρίων")  # an open scale vote


def count(pack: Pack, word: str) -> int:
    return len(re.findall(re.escape(word), pack.text()))


def test_both_privacy_packs_are_valid(privacy_packs: dict[str, Pack]):
    for pack in privacy_packs.values():
        qpdf_check(pack.path)


def test_secret_voters_and_alignment_answers_carry_no_name_in_either_copy(privacy_packs: dict[str, Pack]):
    """A secret voter (who also answered the alignment check) is named once: in "Who was there"."""
    for copy, pack in privacy_packs.items():
        for name in SECRET_VOTERS:
            assert count(pack, name) == 1, f"{name} appears {count(pack, name)} times in the {copy} copy"
        assert "Zeppelin programme" in pack.text()  # their answer is counted, without them


def test_open_votes_are_named_only_in_the_facilitators_copy(privacy_packs: dict[str, Pack]):
    """The participants' copy names open voters only as people who were there; the facilitator's
    copy adds who voted what in the open vote."""
    participants, facilitator = privacy_packs["participants"], privacy_packs["facilitator"]
    for name in OPEN_VOTERS:
        assert count(participants, name) == 1
        assert count(facilitator, name) == 2
    assert "Who voted what" not in participants.text()
    text = re.sub(r"\s+", " ", facilitator.text())
    assert "Who voted what (facilitator's copy, open vote)" in text


def test_the_secret_vote_section_lists_counts_not_people(privacy_packs: dict[str, Pack]):
    """From the secret vote's heading to the next vote's, no participant is named, in either copy."""
    from .factories import privacy_workshop

    people = [p.name for p in privacy_workshop().participants]
    for copy, pack in privacy_packs.items():
        text = re.sub(r"\s+", " ", pack.text())
        body = text.index("Vote results", text.index("Contents") + 2000)  # past the contents page
        start = text.index("Round 3: Secret dots", body)
        section = text[start:text.index("Round 4: Open scale", start)]
        assert "secret ballot; 3 ballots" in section
        leaked = [name for name in people if name in section]
        assert leaked == [], f"{leaked} named in the secret vote of the {copy} copy"


def test_the_demos_secret_vote_names_nobody_in_the_facilitators_copy(demo_facilitator_pack: Pack):
    """In the demo the first vote is secret: the facilitator's copy adds ballots for the open
    second round only, and none under the first."""
    text = re.sub(r"\s+", " ", demo_facilitator_pack.text())
    first = text.index("Round 1: Which of these matters most for Q2?", text.index("Vote results", 3000))
    second = text.index("Round 2: Rank the top five", first)
    assert "Who voted what" not in text[first:second]
    assert "Who voted what" in text[second:]
