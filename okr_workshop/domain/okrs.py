"""Checks on the draft OKRs, and prompts that help the room rewrite a weak key result.

The checks are deliberately blunt (the first word, a missing number): they start a
conversation in the room, they do not grade anyone.
"""

from __future__ import annotations

import re

from .model import Workshop

ACTIVITY_VERBS = frozenset({
    "launch", "ship", "run", "implement", "build", "hold", "create", "deliver", "complete",
    "hire", "recruit", "replace", "migrate", "train", "develop", "deploy", "release", "publish", "introduce",
    "establish", "design", "write", "organise", "organize", "conduct", "start",
})
# Activity verbs of two words, matched like "roll out": "Set up the PMO", "set-up", "setup".
ACTIVITY_PHRASES = ("roll out", "set up")
MAX_OBJECTIVES = 5
MAX_KEY_RESULTS = 5

FINDING_TEXT: dict[str, str] = {
    "activity_not_outcome": "Starts with an activity; a key result should say what changes because of it.",
    "missing_baseline": "Has no baseline, so nobody can tell whether the number moved.",
    "missing_target": "Has no target, so nobody can tell when it is achieved.",
    "no_owner": "Nobody owns it, so nobody will chase it between reviews.",
    "no_key_results": "The objective has no key results: nothing says how we will know it worked.",
    "too_many_key_results": f"More than {MAX_KEY_RESULTS} key results on one objective dilutes its focus.",
    "too_many_objectives": f"More than {MAX_OBJECTIVES} objectives: these are not the critical few.",
}

# Weak key result -> stronger restatement, the examples the room is shown.
RESTATEMENTS: tuple[tuple[str, str], ...] = (
    ("Launch three campaigns", "Improve the conversion quality of marketing-qualified leads"),
    ("Ship the new dashboard", "Increase active use of the dashboard among its target users"),
    ("Run manager training", "Raise managers' adoption of the new review rhythm"),
    ("Implement new reporting", "Shorten decision lag in the monthly business reviews"),
)

_FIRST_WORD = re.compile(r"[\W_]*([^\W_]+)")
_TWO_WORD_VERB = re.compile(r"[\W_]*(?:" + "|".join(p.replace(" ", r"[\s-]*") for p in ACTIVITY_PHRASES) + r")\b")


def is_activity(title: str) -> bool:
    """True when the title opens with an activity verb ("Launch ...", "roll out ...", "Set up ...")."""
    text = title.strip().casefold()
    if _TWO_WORD_VERB.match(text):
        return True
    first = _FIRST_WORD.match(text)
    return bool(first) and first.group(1) in ACTIVITY_VERBS


def findings(ws: Workshop) -> list[dict[str, str | None]]:
    """Every finding as {"okr", "key_result", "finding"}: the workshop-wide one first, then
    each objective in order, its own findings before those of its key results."""
    found: list[dict[str, str | None]] = []

    def add(okr: str | None, kr: str | None, code: str) -> None:
        found.append({"okr": okr, "key_result": kr, "finding": code})

    if len(ws.objectives) > MAX_OBJECTIVES:
        add(None, None, "too_many_objectives")
    for o in ws.objectives:
        krs = ws.key_results_of(o.id)
        if not o.owner:
            add(o.id, None, "no_owner")
        if not krs:
            add(o.id, None, "no_key_results")
        elif len(krs) > MAX_KEY_RESULTS:
            add(o.id, None, "too_many_key_results")
        for kr in krs:
            if is_activity(kr.title):
                add(o.id, kr.id, "activity_not_outcome")
            if kr.baseline is None:
                add(o.id, kr.id, "missing_baseline")
            if kr.target is None:
                add(o.id, kr.id, "missing_target")
            if not kr.owner:
                add(o.id, kr.id, "no_owner")
    return found


def _example_for(title: str) -> tuple[str, str]:
    first = _FIRST_WORD.match(title.strip().casefold())
    verb = first.group(1) if first else ""
    for weak, strong in RESTATEMENTS:
        if weak.split()[0].casefold() == verb:
            return weak, strong
    return RESTATEMENTS[0]


def restatement_hint(title: str) -> str:
    """A question for the room that turns an activity into an outcome, with a worked example
    that starts with the same verb when there is one."""
    weak, strong = _example_for(title)
    example = f"For example, “{weak}” becomes “{strong}”."
    shown = title.strip()
    if is_activity(title):
        return (f"“{shown}” says what we will do. If it works, what will be different for customers "
                f"or the business, and how would we measure that from a baseline to a target? {example}")
    return (f"Can we measure “{shown}” from a baseline to a target? If it describes work rather than "
            f"its effect, ask what would change if the work succeeded. {example}")


# GROW: the coaching questions for the first check-ins, as a starting point the room edits.
CHECKIN_QUESTIONS: tuple[str, ...] = (
    "Goal: what would success look like beyond the numbers?",
    "Reality: what challenges are you facing, and which assumptions need re-checking?",
    "Options: what are the biggest risks or dependencies, and what could we do about them?",
    "Will: what will you do before the next check-in, and how does it serve the long-term vision?",
)


def objectives_to_offer(ws: Workshop) -> list[str]:
    """Selected priorities that no objective comes from yet: each should get one."""
    covered = {o.priority for o in ws.objectives}
    return [p.id for p in ws.priorities if p.status == "selected" and p.id not in covered]


def draft_restatement(title: str) -> str:
    """A first outcome-shaped draft for the room to edit, never applied on its own.

    With a worked example for the same verb, the example's outcome; otherwise a frame that
    names what to fill in.
    """
    first = _FIRST_WORD.match(title.strip().casefold())
    verb = first.group(1) if first else ""
    for weak, strong in RESTATEMENTS:
        if weak.split()[0].casefold() == verb:
            return strong
    text = title.strip()
    if is_activity(text):
        opening = _TWO_WORD_VERB.match(text.casefold()) or _FIRST_WORD.match(text)
        text = text[opening.end():].strip()
    return f"Increase [what changes for customers or the business] thanks to {text or 'this work'}"
