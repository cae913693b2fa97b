"""Themes: answers the facilitator grouped because they say the same thing in other words.

An answer belongs to a theme when its trimmed, case-folded text equals one of the theme's
answers (the interchange's rule); an answer in no theme stands for itself. Grouping is the
facilitator's call; ``suggestions`` only proposes near-duplicates: the same words once case,
accents, plurals and small words are set aside, one answer's words inside another's, or a typo.

Every change here is returned as ``(before, after)`` record pairs (either may be None) for the
caller to store as one undoable step: the console, the CLI and the tests share these rules.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import Any, NamedTuple

from .model import (
    QUESTIONS,
    Action,
    DepNode,
    NotNow,
    ParkingItem,
    Priority,
    Theme,
    Workshop,
    free_ids,
)

Change = tuple[Any, Any]  # (record before, record after); None before = added, None after = removed

# Words that carry no meaning of their own in a short answer (English; other languages' answers
# still match on their own words and on fuzzy spelling).
SMALL_WORDS = frozenset((
    "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "from", "with", "without", "into",
    "our", "we", "us", "is", "are", "be", "need", "needs", "must", "can", "cannot", "not", "no", "do", "does",
    "have", "has", "it", "its", "this", "that",
))
OVERLAP_FROM = 2 / 3  # share of the shorter answer's words found in the longer one
TYPO_FROM = 90  # rapidfuzz ratio (0-100) of the folded texts: "Carier API" ~ "Carrier API"

TARGET_LABELS: dict[str, str] = {
    "priority": "Candidate priority",
    "not_now": "Not-now card",
    "dependency": "Dependency map box",
    "risk": "Risk",
    "parking": "Parking lot",
    "action": "Action",
}


class ThemeCount(NamedTuple):
    """One theme (or an ungrouped answer) as the room sees it: its label and how many named it."""

    label: str
    count: int
    theme: str | None  # the theme's id; None for an answer in no theme
    answers: list[str]  # the distinct spellings behind it, first given first


def normalise(item: str) -> str:
    """The comparison key: "Cut onboarding " and "cut Onboarding" are the same answer."""
    return item.strip().casefold()


def fold(text: str) -> str:
    """Case, accents and spacing set aside: "Zoë's  Café" and "zoe's cafe" fold alike."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def words(text: str) -> frozenset[str]:
    """The answer's meaningful words, folded, singular ("platforms" -> "platform")."""
    out = set()
    for w in re.findall(r"\w+", fold(text)):
        if w in SMALL_WORDS:
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


def _key(text: str) -> tuple[str, frozenset[str]]:
    """What the comparison reads of an answer: its folded text and its meaningful words."""
    return fold(text), words(text)


def _alike(a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> bool:
    (fa, wa), (fb, wb) = a, b
    if fa == fb:
        return True
    if wa and wa == wb:
        return True
    shared = len(wa & wb)
    if shared >= 2 and shared / min(len(wa), len(wb)) >= OVERLAP_FROM:
        return True
    from rapidfuzz import fuzz  # imported on first use: the domain loads without it until then

    return fuzz.ratio(fa, fb) >= TYPO_FROM


def near_duplicates(a: str, b: str) -> bool:
    """Whether two answers probably say the same thing (see the module docstring)."""
    return _alike(_key(a), _key(b))


def themes_of(ws: Workshop, question: str) -> list[Theme]:
    return [t for t in ws.themes if t.question == question]


def theme_index(themes: Iterable[Theme]) -> dict[str, Theme]:
    """Each grouped answer's comparison key -> its theme."""
    return {normalise(text): t for t in themes for text in t.answers if normalise(text)}


def counted_as(ws: Workshop, question: str) -> Callable[[str], str]:
    """The key an answer counts as when agreement is computed on themes: its theme, or itself."""
    index = theme_index(themes_of(ws, question))

    def key(item: str) -> str:
        folded = normalise(item)
        theme = index.get(folded)
        return f"theme:{theme.id}" if theme else folded

    return key


def count(ws: Workshop, question: str, answers: Sequence[tuple[str, str]]) -> list[ThemeCount]:
    """Themes and ungrouped answers with how many distinct people (or answers) named them, most
    first, ties in order of first mention. ``answers`` are (who, text): a person naming two answers
    of one theme counts once; pass a unique "who" per answer to count answers instead."""
    index = theme_index(themes_of(ws, question))
    label: dict[str, str] = {}
    spellings: dict[str, list[str]] = {}
    who: dict[str, set[str]] = {}
    theme_id: dict[str, str | None] = {}
    for person, text in answers:
        folded = normalise(text)
        if not folded:
            continue
        theme = index.get(folded)
        key = f"theme:{theme.id}" if theme else folded
        label.setdefault(key, theme.label if theme else text.strip())
        theme_id.setdefault(key, theme.id if theme else None)
        seen = spellings.setdefault(key, [])
        if text.strip() not in seen:
            seen.append(text.strip())
        who.setdefault(key, set()).add(person)
    rows = [ThemeCount(label[k], len(who[k]), theme_id[k], spellings[k]) for k in label]
    return sorted(rows, key=lambda r: -r.count)


def suggestions(ws: Workshop, question: str, texts: Sequence[str]) -> list[list[str]]:
    """Groups of two or more near-duplicate answers (distinct spellings) not yet in one theme,
    largest first. A group may hold answers of one existing theme plus newcomers to it."""
    first: dict[str, str] = {}  # spellings that differ only in case already count as one answer
    for text in texts:
        if normalise(text):
            first.setdefault(normalise(text), text.strip())
    distinct = list(first.values())
    index = theme_index(themes_of(ws, question))
    grouped = [normalise(t) in index for t in distinct]
    keys = [_key(t) for t in distinct]  # once per answer, not once per pair: 300 answers are 45,000 pairs
    parent = list(range(len(distinct)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(distinct)), 2):
        if grouped[i] and grouped[j]:
            continue  # both grouped already (together or apart: the facilitator's call stands)
        if root(i) != root(j) and _alike(keys[i], keys[j]):
            parent[root(i)] = root(j)
    groups: dict[int, list[str]] = {}
    for i, text in enumerate(distinct):
        groups.setdefault(root(i), []).append(text)
    out = []
    for group in groups.values():
        themes = {index[normalise(t)].id for t in group if normalise(t) in index}
        if len(group) >= 2 and len(themes) <= 1 and not all(normalise(t) in index for t in group):
            out.append(group)
    return sorted(out, key=len, reverse=True)


def label_for(texts: Sequence[str]) -> str:
    """A first label for a new theme: the shortest answer (the room renames it)."""
    return min((t.strip() for t in texts if t.strip()), key=len, default="Theme")


def group(ws: Workshop, question: str, texts: Sequence[str], into: str | None = None,
          label: str | None = None) -> list[Change]:
    """Put ``texts`` in one theme: the theme ``into`` (an id), the one theme some of them are in
    already, or a new one labelled ``label``. Each text leaves any other theme of the question;
    a theme left empty goes."""
    if question not in QUESTIONS and all(p.id != question for p in ws.prompts):
        raise ValueError(f"no question or prompt {question!r}")
    texts = [t.strip() for t in texts if t.strip()]
    if not texts:
        return []
    mine = themes_of(ws, question)
    index = theme_index(mine)
    if into is None:
        present = list(dict.fromkeys(index[normalise(t)].id for t in texts if normalise(t) in index))
        into = present[0] if len(present) == 1 else None
    target = next((t for t in mine if t.id == into), None)
    if into is not None and target is None:
        raise ValueError(f"no theme {into!r} for {question!r}")
    moving = {normalise(t) for t in texts}
    changes: list[Change] = []
    for theme in mine:
        if theme is target:
            continue
        kept = [a for a in theme.answers if normalise(a) not in moving]
        if len(kept) != len(theme.answers):
            changes.append((theme, dataclasses.replace(theme, answers=kept) if kept else None))
    if target is None:
        new_id = next(free_ids("t", (t.id for t in ws.themes)))
        changes.append((None, Theme(new_id, question, (label or "").strip() or label_for(texts), texts)))
    else:
        have = {normalise(a) for a in target.answers}
        added = [t for t in dict.fromkeys(texts) if normalise(t) not in have]
        after = dataclasses.replace(target, answers=list(target.answers) + added,
                                    label=(label or "").strip() or target.label)
        if after != target:
            changes.append((target, after))
    return changes


def ungroup(ws: Workshop, theme_id: str, texts: Sequence[str] | None = None) -> list[Change]:
    """Take ``texts`` (default: all) out of a theme; the theme goes when none is left."""
    theme = next(t for t in ws.themes if t.id == theme_id)
    leaving = {normalise(t) for t in (texts if texts is not None else theme.answers)}
    kept = [a for a in theme.answers if normalise(a) not in leaving]
    return [(theme, dataclasses.replace(theme, answers=kept) if kept else None)]


def linked_title(ws: Workshop, link: str) -> str:
    """The words of the record a theme's or a question's link names ("action:a12" -> the action's
    title); "" for no link, a mark without a record ("risk"), or a record deleted since."""
    kind, _, ref = link.partition(":")
    records, attribute = {
        "priority": (ws.priorities, "title"), "not_now": (ws.not_now, "title"), "dependency": (ws.nodes, "label"),
        "parking": (ws.parking_lot, "text"), "action": (ws.actions, "title"), "log": (ws.decision_log, "text"),
    }.get(kind, ([], ""))
    record = next((r for r in records if r.id == ref), None) if ref else None
    return getattr(record, attribute) if record is not None else ""


def becomes(ws: Workshop, theme_id: str, target: str, source: str = "") -> list[Change]:
    """Turn a theme into a candidate priority, a not-now card, a map box, a risk, a parking-lot
    item or an action, in one move: the new record, and the theme remembering what it became.
    A risk is the theme itself, marked: the risk log lists it (``risk_log``)."""
    theme = next(t for t in ws.themes if t.id == theme_id)
    words_of = source or f"The room's answers: {theme.label}"
    record: Any
    if target == "priority":
        record = Priority(next(free_ids("pr", (p.id for p in ws.priorities))), theme.label,
                          f"From the room's answers ({len(theme.answers)})")
    elif target == "not_now":
        record = NotNow(next(free_ids("nn", (n.id for n in ws.not_now))), theme.label, reason=words_of)
    elif target == "dependency":
        record = DepNode(next(free_ids("n", (n.id for n in ws.nodes))), theme.label, "initiative")
    elif target == "parking":
        record = ParkingItem(next(free_ids("pk", (p.id for p in ws.parking_lot))), theme.label, context=words_of)
    elif target == "action":
        record = Action(next(free_ids("a", (a.id for a in ws.actions))), theme.label, source=words_of)
    elif target == "risk":
        return [(theme, dataclasses.replace(theme, link="risk"))]
    else:
        raise ValueError(f"a theme cannot become {target!r}")
    return [(None, record), (theme, dataclasses.replace(theme, link=f"{target}:{record.id}"))]
