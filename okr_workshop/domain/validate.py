"""Reading and writing the interchange document (docs/interchange.md).

``workshop_from_document`` checks everything the contract asks and raises
``InterchangeError`` naming the first offending place (``votes[0].ballots[3]``), so the
command line can print one clear line. ``document_from_workshop`` is its inverse.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime
from typing import Any

from . import coherence
from . import model as m
from .alignment import ACCOUNTABILITY_QUESTIONS
from .ballots import ballot_problem
from .clock import clock_time
from .limits import (  # noqa: F401 - MAX_* are read from here too
    MAX_AGENDA_DAYS,
    MAX_DAY_MINUTES,
    MAX_EXTENDED_MINUTES,
    MAX_HANDS,
    MAX_MAGNITUDE,
    MAX_PAUSED_SECONDS,
)
from .voice import MAX_ANSWER_CHARS, MAX_UPVOTES
from .vote_setup import MAX_BUDGET, MAX_ROUNDS
from .vote_status import MAX_WEIGHT, weights_problem

FORMAT = "okr-workshop"
VERSION = 1


BROKEN_TEXT = ("holds a broken character: half of an escaped pair (\\ud800 to \\udfff) without the other half; "
               "retype the text")


class InterchangeError(ValueError):
    """Bad input, with the place in the document that is wrong."""

    def __init__(self, place: str, message: str):
        super().__init__(f"{place}: {message}" if place else message)
        self.place = place
        self.message = message


class _Reader:
    """Typed access to one JSON object that knows where it is in the document."""

    def __init__(self, data: Any, place: str):
        if not isinstance(data, dict):
            raise InterchangeError(place, "must be an object")
        self.data = data
        self.place = place

    def at(self, key: str) -> str:
        shown = key if key.isprintable() else repr(key)  # a key with a line break stays on one line
        return f"{self.place}.{shown}" if self.place else shown

    def fail(self, key: str, message: str) -> InterchangeError:
        return InterchangeError(self.at(key), message)

    def id(self, key: str = "id") -> str:
        value = self.data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string")
        return self.storable(key, value)

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(key, "must be a string")
        return self.storable(key, value)

    def storable(self, key: str, value: str) -> str:
        """Text the file can hold. Every text that is stored passes here or is an id that did
        (references must name one, choices are fixed words), so nothing broken reaches SQLite."""
        if _is_broken_text(value):
            raise self.fail(key, BROKEN_TEXT)
        return value

    def required_text(self, key: str) -> str:
        value = self.text(key)
        if not value.strip():
            raise self.fail(key, "must not be empty")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.text(key)
        return value or None

    def choice(self, key: str, choices: Iterable[str], default: str | None = None) -> str:
        choices = tuple(choices)
        value = self.data.get(key)
        if value is None and default is not None:
            return default
        if value not in choices:
            raise self.fail(key, f"must be one of {', '.join(choices)} (got {_shown(value)})")
        return value

    def date(self, key: str, with_time: bool = False) -> str | None:
        value = self.optional_text(key)
        if value is None:
            return None
        try:
            (datetime if with_time else date).fromisoformat(value)
        except ValueError:
            kind = "date-time" if with_time else "date"
            raise self.fail(key, f"must be an ISO 8601 {kind} (got {_shown(value)})") from None
        return value

    def number(self, key: str, limit: float = MAX_MAGNITUDE) -> float | int | None:
        """A number of at most ``limit`` either side of 0 (a whole one must fit SQLite's INTEGER)."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise self.fail(key, "must be a number")
        if abs(value) > limit:
            raise self.fail(key, f"must be a number between {-limit:,} and {limit:,} (got {_shown(value)})")
        return value

    def integer(self, key: str, default: int | None, minimum: int, maximum: int) -> int | None:
        """A whole number in ``minimum..maximum``: every one is stored as an SQLite INTEGER."""
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "must be a whole number")
        if value < minimum:
            raise self.fail(key, f"must be at least {minimum:,} (got {_shown(value)})")
        if value > maximum:
            raise self.fail(key, f"must be at most {maximum:,} (got {_shown(value)})")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def list(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, "must be a list")
        return value

    def strings(self, key: str) -> list[str]:
        values = self.list(key)
        for i, v in enumerate(values):
            if not isinstance(v, str):
                raise InterchangeError(f"{self.at(key)}[{i}]", "must be a string")
            if _is_broken_text(v):
                raise InterchangeError(f"{self.at(key)}[{i}]", BROKEN_TEXT)
        return values

    def objects(self, key: str) -> list[_Reader]:
        place = self.at(key)
        return [_Reader(v, f"{place}[{i}]") for i, v in enumerate(self.list(key))]

    def child(self, key: str) -> _Reader:
        value = self.data.get(key)
        return _Reader({} if value is None else value, self.at(key))


def _shown(value: Any, width: int = 60) -> str:
    """A value as a message quotes it, cut short: a 4,000-digit number makes no readable line."""
    text = repr(value)
    return text if len(text) <= width else f"{text[:width]}... ({len(text):,} characters)"


def _unique(readers: list[_Reader], list_place: str) -> set[str]:
    """The ids of a list, each once; a set, so that every reference to them is found in one step."""
    ids: set[str] = set()
    for r in readers:
        ident = r.id()
        if ident in ids:
            raise r.fail("id", f"duplicate id {ident!r} in {list_place}")
        ids.add(ident)
    return ids


def _ref(r: _Reader, key: str, known: Collection[str], what: str, required: bool = False) -> str | None:
    """An id that must be one of ``known`` (a set: this runs once per reference)."""
    value = r.data.get(key)
    if value is None or value == "":
        if required:
            raise r.fail(key, f"must name a {what}")
        return None
    if not isinstance(value, str):
        raise r.fail(key, "must be a string id")
    if value not in known:
        raise r.fail(key, f"unknown {what} {value!r}")
    return value


def _is_broken_text(text: str) -> bool:
    """A lone UTF-16 surrogate (JSON ``"\\ud800"``) is no character: it has no UTF-8 form to store."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def workshop_from_document(doc: Any) -> m.Workshop:
    """Validate an interchange document and build the workshop it describes."""
    root = _Reader(doc, "")
    if doc.get("format") != FORMAT:
        raise InterchangeError("format", f"must be {FORMAT!r} (got {_shown(doc.get('format'))})")
    version = doc.get("version")
    if type(version) is not int or version != VERSION:
        if type(version) is int and version > VERSION:
            raise InterchangeError("version", f"{_shown(version)} is newer than this app reads ({VERSION})")
        raise InterchangeError("version", f"must be {VERSION} (got {_shown(version)})")

    ws = m.Workshop()
    people_r = root.objects("participants")
    people = _unique(people_r, "participants")
    for r in people_r:
        ws.participants.append(
            m.Participant(r.id(), r.required_text("name"), r.choice("role", m.ROLES, "executive"),
                          r.text("function"))
        )

    info = root.child("workshop")
    ws.info = m.WorkshopInfo(
        title=info.text("title", "Leadership offsite"),
        organisation=info.text("organisation"),
        starts=info.date("starts"),
        ends=info.date("ends"),
        location=info.text("location"),
        facilitator=_ref(info, "facilitator", people, "participant"),
        cycle=info.text("cycle"),
    )

    prio_r = root.objects("priorities")
    prios = _unique(prio_r, "priorities")
    for r in prio_r:
        ws.priorities.append(
            m.Priority(r.id(), r.required_text("title"), r.text("description"),
                       r.choice("status", m.PRIORITY_STATUSES, "candidate"))
        )

    seen_answers: set[tuple[str, str]] = set()
    for r in root.objects("alignment_answers"):
        who = _ref(r, "participant", people, "participant", required=True)
        question = r.choice("question", m.QUESTIONS)
        if (who, question) in seen_answers:
            raise r.fail("question", f"{who!r} already answered {question!r}")
        seen_answers.add((who, question))
        ws.alignment_answers.append(m.AlignmentAnswer(who, question, r.strings("items")))

    diag = root.child("diagnosis")
    signals = diag.strings("signals")
    for i, s in enumerate(signals):
        if s not in m.SIGNALS:
            raise InterchangeError(diag.at(f"signals[{i}]"), f"unknown signal {s!r}")
    ws.diagnosis = m.Diagnosis(list(dict.fromkeys(signals)), diag.strings("statements"),
                               _read_accountability(diag.child("accountability"), people))

    vote_r = root.objects("votes")
    _unique(vote_r, "votes")
    for r in vote_r:
        ws.votes.append(_read_vote(r, people, prios))
    vote_ids = {v.id for v in ws.votes}
    for r, vote in zip(vote_r, ws.votes, strict=True):
        if vote.follows is not None and (vote.follows == vote.id or vote.follows not in vote_ids):
            raise r.fail("follows", f"must name another vote, not {vote.follows!r}")
        _check_weights(ws, r, vote)

    nn_r = root.objects("not_now")
    _unique(nn_r, "not_now")
    for r in nn_r:
        ws.not_now.append(
            m.NotNow(r.id(), r.required_text("title"), _ref(r, "priority", prios, "priority"),
                     r.choice("decision", m.NOT_NOW_DECISIONS), r.text("reason"),
                     _ref(r, "owner", people, "participant"), r.optional_text("revisit"),
                     r.boolean("revisit_due", False))
        )

    to_r = root.objects("tradeoffs")
    _unique(to_r, "tradeoffs")
    for r in to_r:
        ws.tradeoffs.append(
            m.Tradeoff(r.id(), _ref(r, "choose", prios, "priority", required=True),
                       r.required_text("over"), r.text("rationale"), r.boolean("confirmed", False))
        )

    graph = root.child("dependency_graph")
    node_r = graph.objects("nodes")
    nodes = _unique(node_r, "dependency_graph.nodes")
    for r in node_r:
        ws.nodes.append(
            m.DepNode(r.id(), r.text("label") or r.id(), r.choice("kind", m.NODE_KINDS, "team"),
                      _ref(r, "owner", people, "participant"), r.number("x"), r.number("y"))
        )
    seen_edges: set[tuple[str, str]] = set()
    for r in graph.objects("edges"):
        src = _ref(r, "from", nodes, "node", required=True)
        dst = _ref(r, "to", nodes, "node", required=True)
        if src == dst:
            raise r.fail("to", "an edge cannot join a node to itself")
        if (src, dst) in seen_edges:
            raise r.fail("to", f"duplicate edge {src!r} -> {dst!r}")
        seen_edges.add((src, dst))
        ws.edges.append(
            m.DepEdge(src, dst, r.text("what"), _ref(r, "owner", people, "participant"),
                      r.date("needed_by"), r.choice("risk", m.RISKS, "medium"),
                      r.choice("status", m.EDGE_STATUSES, "open"))
        )

    rhythm_r = root.objects("rhythm")
    forums = _unique(rhythm_r, "rhythm")
    for r in rhythm_r:
        attendees = r.strings("attendees")
        for i, a in enumerate(attendees):
            if a not in people:
                raise InterchangeError(r.at(f"attendees[{i}]"), f"unknown participant {a!r}")
        ws.forums.append(
            m.Forum(r.id(), r.required_text("name"), r.choice("cadence", m.CADENCES),
                    r.text("purpose"), _ref(r, "owner", people, "participant"), attendees,
                    r.integer("duration_minutes", 60, 1, MAX_DAY_MINUTES), r.date("first", with_time=True),
                    r.text("decision_rights"), _questions(r))
        )

    ws.rollout = _read_rollout(root.child("rollout"), people)

    intake_r = root.objects("intake")
    _unique(intake_r, "intake")
    for r in intake_r:
        ws.intake.append(
            m.Intake(r.id(), r.required_text("title"), r.date("arrived"),
                     _ref(r, "requested_by", people, "participant"),
                     r.choice("decision", m.INTAKE_DECISIONS, "pending"),
                     _ref(r, "forum", forums, "forum"), r.date("decided"), r.text("note"))
        )

    dr = root.child("decision_rights")
    ws.framework = dr.choice("framework", m.FRAMEWORKS, "RAPID")
    role_r = dr.objects("roles")
    roles = _unique(role_r, "decision_rights.roles")
    for r in role_r:
        ws.roles.append(
            m.Role(r.id(), r.required_text("label"), _ref(r, "participant", people, "participant"))
        )
    dec_r = dr.objects("decisions")
    _unique(dec_r, "decision_rights.decisions")
    for r in dec_r:
        assignments = r.child("assignments")
        for role, letter in assignments.data.items():
            if role not in roles:
                raise assignments.fail(role, f"unknown role {role!r}")
            if letter not in m.FRAMEWORK_LETTERS[ws.framework]:
                raise assignments.fail(
                    role, f"{letter!r} is not a {ws.framework} letter ({', '.join(m.FRAMEWORK_LETTERS[ws.framework])})"
                )
        ws.decisions.append(
            m.Decision(r.id(), r.required_text("situation"), dict(assignments.data),
                       _ref(r, "forum", forums, "forum"), r.text("response"), r.text("escalation"))
        )

    okr_r = root.objects("okrs")
    _unique(okr_r, "okrs")
    kr_ids: set[str] = set()
    for r in okr_r:
        oid = r.id()
        ws.objectives.append(
            m.Objective(oid, r.required_text("objective"), _ref(r, "priority", prios, "priority"),
                        _ref(r, "owner", people, "participant"), r.strings("checkin"))
        )
        for k in r.objects("key_results"):
            kid = k.id()
            if kid in kr_ids:
                raise k.fail("id", f"duplicate key result id {kid!r}")
            kr_ids.add(kid)
            ws.key_results.append(
                m.KeyResult(kid, oid, k.required_text("title"), k.text("metric"), k.number("baseline"),
                            k.number("target"), k.text("unit"), _ref(k, "owner", people, "participant"),
                            k.date("due"))
            )

    act_r = root.objects("actions")
    _unique(act_r, "actions")
    for r in act_r:
        ws.actions.append(
            m.Action(r.id(), r.required_text("title"), _ref(r, "owner", people, "participant"),
                     r.date("due"), r.choice("status", m.ACTION_STATUSES, "open"), r.text("source"),
                     _read_finding(r))
        )
    ws.agenda = _read_agenda(root)
    ws.parking_lot = _read_parking_lot(root, people, {a.id for a in ws.actions}, {n.id for n in ws.not_now})
    ws.decision_log = _read_decision_log(root)
    ws.prompts, ws.prompt_answers = _read_prompts(root, people)
    ws.themes = _read_themes(root, {p.id for p in ws.prompts})
    ws.room_questions = _read_room_questions(root, people)
    ws.history, ws.past_key_results = _read_history(root, people)
    return ws


def _read_history(root: _Reader, people: set[str]) -> tuple[m.History, list[m.PastKeyResult]]:
    """The last offsite this one carried over from, and the retrospective of its key results."""
    h = root.child("history")
    alignment = h.child("alignment")
    for q, value in alignment.data.items():
        if q not in m.QUESTIONS:
            raise alignment.fail(q, f"{_shown(q)} is not an alignment question ({', '.join(m.QUESTIONS)})")
        if value is not None and not 0 <= alignment.number(q, 1) <= 1:
            raise alignment.fail(q, "must be an agreement from 0 to 1, or null")
    statuses = h.child("priorities")
    for pid, status in statuses.data.items():
        if status not in m.PRIORITY_STATUSES:
            raise statuses.fail(pid, f"must be one of {', '.join(m.PRIORITY_STATUSES)} (got {_shown(status)})")
    retro = root.child("retrospective")
    history = m.History(h.text("title"), h.text("cycle"), h.date("starts"), dict(alignment.data),
                        dict(statuses.data), retro.text("working"), retro.text("differently"))
    readers = retro.objects("key_results")
    _unique(readers, "retrospective.key_results")
    past = [m.PastKeyResult(r.id(), r.text("objective"), r.required_text("title"), r.text("metric"),
                            r.number("baseline"), r.number("target"), r.text("unit"),
                            _ref(r, "owner", people, "participant"), r.date("due"), r.number("actual"),
                            r.integer("confidence", None, 1, 5), r.text("learned"))
            for r in readers]
    return history, past


def _read_prompts(root: _Reader, people: set[str]) -> tuple[list[m.Prompt], list[m.PromptAnswer]]:
    """Open prompts with their answers. An anonymous prompt's answers name nobody and get a new
    random id on every import, as secret ballots do."""
    readers = root.objects("prompts")
    _unique(readers, "prompts")
    prompts: list[m.Prompt] = []
    answers: list[m.PromptAnswer] = []
    for r in readers:
        prompt = m.Prompt(r.id(), r.required_text("text"), r.boolean("named", False), r.boolean("revealed", False),
                          r.boolean("closed", False))
        if prompt.id in m.QUESTIONS:
            raise r.fail("id", f"{prompt.id!r} is an alignment question's name; give the prompt another id")
        prompts.append(prompt)
        for a in r.objects("answers"):
            who = _ref(a, "participant", people, "participant")
            if who is not None and not prompt.named:
                raise a.fail("participant", "the prompt is anonymous: its answers name nobody")
            text = a.required_text("text")
            if len(text) > MAX_ANSWER_CHARS:
                raise a.fail("text", f"is longer than {MAX_ANSWER_CHARS} characters")
            answers.append(m.PromptAnswer(new_ballot_id(), prompt.id, text, who, a.boolean("hidden", False)))
    return prompts, answers


def _read_themes(root: _Reader, prompts: set[str]) -> list[m.Theme]:
    readers = root.objects("themes")
    _unique(readers, "themes")
    themes: list[m.Theme] = []
    claimed: dict[tuple[str, str], str] = {}  # (question, folded answer) -> the theme that has it
    for r in readers:
        tid = r.id()
        question = r.required_text("question")
        if question not in m.QUESTIONS and question not in prompts:
            raise r.fail("question", f"must be an alignment question ({', '.join(m.QUESTIONS)}) or a prompt's id, "
                                     f"not {_shown(question)}")
        texts = r.strings("answers")
        for i, text in enumerate(texts):
            key = (question, text.strip().casefold())
            if not key[1]:
                raise InterchangeError(r.at(f"answers[{i}]"), "must not be empty")
            if claimed.get(key, tid) != tid:
                raise InterchangeError(r.at(f"answers[{i}]"), f"{_shown(text)} is already in theme {claimed[key]!r}")
            claimed[key] = tid
        link = r.text("link")
        if link and link.split(":", 1)[0] not in m.THEME_TARGETS:
            raise r.fail("link", f"must start with one of {', '.join(m.THEME_TARGETS)} (got {_shown(link)})")
        themes.append(m.Theme(tid, question, r.required_text("label"), texts, link))
    return themes


def _read_room_questions(root: _Reader, people: set[str]) -> list[m.RoomQuestion]:
    readers = root.objects("room_questions")
    _unique(readers, "room_questions")
    return [m.RoomQuestion(r.id(), r.required_text("text"), _ref(r, "asked_by", people, "participant"),
                           r.integer("upvotes", 0, 0, MAX_UPVOTES) or 0,
                           r.choice("status", m.ROOM_QUESTION_STATUSES, "open"), r.boolean("hidden", False),
                           r.text("link"))
            for r in readers]


def _local_time(r: _Reader, key: str) -> str | None:
    """A date-time on the room's clock: ISO 8601 without a UTC offset (the laptop's local time)."""
    value = r.date(key, with_time=True)
    if value is not None and datetime.fromisoformat(value).tzinfo is not None:
        raise r.fail(key, f"must be the room's local time, without a UTC offset (got {value!r})")
    return value


def _read_finding(r: _Reader) -> str:
    """An action's optional ``finding`` ({"code", "ref"}) as the key it is stored under; "" when absent."""
    if r.data.get("finding") is None:
        return ""
    f = r.child("finding")
    code = f.id("code")
    if ":" in code:
        raise f.fail("code", f"must not contain ':' (got {_shown(code)})")
    return coherence.key(code, f.optional_text("ref"))


def _finding_document(finding: str) -> dict[str, str | None] | None:
    """The stored key as {"code", "ref"}, None when the action answers no finding."""
    if not finding:
        return None
    code, ref = coherence.split_key(finding)
    return {"code": code, "ref": ref}


def _read_agenda(root: _Reader) -> list[m.AgendaSession]:
    """The run of show: sessions in order, with at most one running."""
    readers = root.objects("agenda")
    _unique(readers, "agenda")
    sessions: list[m.AgendaSession] = []
    running = 0
    for r in readers:
        start = r.text("start")
        if start and clock_time(start) is None:
            raise r.fail("start", f"must be a time of day like 09:00 (got {start!r})")
        started, ended, paused_at = _local_time(r, "started"), _local_time(r, "ended"), _local_time(r, "paused_at")
        if ended and not started:
            raise r.fail("ended", "a session cannot end before it has started")
        if started and ended and datetime.fromisoformat(ended) < datetime.fromisoformat(started):
            raise r.fail("ended", f"is before the start ({started})")
        if paused_at and (not started or ended):
            raise r.fail("paused_at", "only a running session can be paused")
        screen = r.data.get("screen")
        if screen is not None and screen not in m.AGENDA_SCREENS:
            raise r.fail("screen", f"must be one of {', '.join(m.AGENDA_SCREENS)} or null (got {screen!r})")
        sessions.append(m.AgendaSession(
            r.id(), r.required_text("title"), screen, r.integer("minutes", 30, 1, MAX_DAY_MINUTES) or 30,
            r.text("goal"), r.integer("day", 1, 1, MAX_AGENDA_DAYS) or 1, start, started, ended,
            r.integer("extended", 0, 0, MAX_EXTENDED_MINUTES) or 0, r.integer("paused", 0, 0, MAX_PAUSED_SECONDS) or 0,
            paused_at))
        running += bool(started and not ended)
        if running > 1:
            raise r.fail("ended", "another session is still running; only one can run at a time")
    return sessions


def _read_parking_lot(root: _Reader, people: set[str], actions: set[str], not_now: set[str]
                      ) -> list[m.ParkingItem]:
    readers = root.objects("parking_lot")
    _unique(readers, "parking_lot")
    items: list[m.ParkingItem] = []
    for r in readers:
        resolution = r.choice("resolution", m.PARKING_RESOLUTIONS, "open")
        link = None
        if resolution == "action":
            link = _ref(r, "link", actions, "action")
        elif resolution == "not_now":
            link = _ref(r, "link", not_now, "not-now entry")
        elif r.data.get("link") not in (None, ""):
            raise r.fail("link", f"only an item turned into an action or moved to not now links to one "
                                 f"(resolution is {resolution!r})")
        items.append(m.ParkingItem(r.id(), r.required_text("text"), _ref(r, "raised_by", people, "participant"),
                                   _local_time(r, "raised_at"), r.text("context"), resolution,
                                   r.text("note"), link))
    return items


def _read_decision_log(root: _Reader) -> list[m.LogEntry]:
    readers = root.objects("decision_log")
    _unique(readers, "decision_log")
    entries: list[m.LogEntry] = []
    for r in readers:
        at = _local_time(r, "at")
        if at is None:
            raise r.fail("at", "must say when (an ISO 8601 date-time)")
        entries.append(m.LogEntry(r.id(), at, r.choice("kind", m.LOG_KINDS, "manual"), r.required_text("text"),
                                  r.text("context"), r.text("ref")))
    return entries


def _questions(r: _Reader) -> list[str]:
    """A forum's standing questions: text, none of them blank."""
    questions = r.strings("questions")
    for i, q in enumerate(questions):
        if not q.strip():
            raise InterchangeError(r.at(f"questions[{i}]"), "must not be empty")
    return questions


def _read_accountability(r: _Reader, people: set[str]) -> dict[str, str]:
    """Question index -> the owner the room named, or "nobody"."""
    owners: dict[str, str] = {}
    questions = {str(i) for i in range(len(ACCOUNTABILITY_QUESTIONS))}
    for key, who in r.data.items():
        if key not in questions:
            raise InterchangeError(r.at(key), f"unknown accountability question {key!r} "
                                              f"(0..{len(ACCOUNTABILITY_QUESTIONS) - 1})")
        if who != m.NOBODY and (not isinstance(who, str) or who not in people):
            raise InterchangeError(r.at(key), f"unknown participant {who!r}")
        owners[key] = who
    return owners


def _read_rollout(r: _Reader, people: set[str]) -> m.RolloutPlan:
    pilots = []
    for p in r.objects("pilots"):
        pilots.append({"unit": p.required_text("unit"), "why": p.text("why")})
    cascade = [{"who": _ref(c, "who", people, "participant") or "", "tells": c.required_text("tells"),
                "by": c.date("by") or ""} for c in r.objects("cascade")]
    return m.RolloutPlan(r.date("senior_team_start"), pilots, _ref(r, "coach", people, "participant"),
                         r.text("expansion"), cascade)


def _read_hands(r: _Reader, items: set[str], method: str) -> dict[str, int]:
    hands: dict[str, int] = {}
    for item, count in r.data.items():
        if item not in items:
            raise InterchangeError(r.at(item), f"item {item!r} is not on this vote")
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_HANDS:
            raise InterchangeError(r.at(item), f"must be a whole number of hands from 0 to {MAX_HANDS} "
                                               f"(got {_shown(count)})")
        hands[item] = count
    if hands and method not in m.HAND_METHODS:
        raise InterchangeError(r.place, f"a show of hands counts only in {' or '.join(m.HAND_METHODS)} votes")
    return hands


def _read_vote(r: _Reader, people: set[str], prios: set[str]) -> m.Vote:
    vid = r.id()
    method = r.choice("method", m.VOTE_METHODS)
    items = r.strings("items")
    for i, item in enumerate(items):
        if item not in prios:
            raise InterchangeError(r.at(f"items[{i}]"), f"unknown priority {item!r}")
    if len(set(items)) != len(items):
        raise r.fail("items", "lists an item twice")
    secret = r.boolean("secret", True)
    cap = r.integer("cap", None, 1, MAX_BUDGET)
    if cap is not None and method != "dots":
        raise r.fail("cap", "only dot votes have a per-item cap")
    vote = m.Vote(vid, r.required_text("title"), method, r.integer("budget", None, 1, MAX_BUDGET), secret,
                  r.integer("round", 1, 1, MAX_ROUNDS) or 1, items, cap=cap, follows=r.optional_text("follows"),
                  hands=_read_hands(r.child("hands"), set(items), method), closed=r.boolean("closed", False),
                  revealed=r.boolean("revealed", True), weights=_read_weights(r.child("weights"), people),
                  opted_out=_read_opted_out(r, people))
    opted_out = set(vote.opted_out)
    named: set[str] = set()

    def claim(who: str, place: Callable[[], InterchangeError]) -> None:
        if who in named:
            raise place()
        named.add(who)

    voted = r.strings("voted")
    if voted and not secret:
        raise r.fail("voted", "only secret votes list voters; open ballots name their participant")
    for i, who in enumerate(voted):
        if who not in people:
            raise InterchangeError(r.at(f"voted[{i}]"), f"unknown participant {who!r}")
        if who in opted_out:
            raise InterchangeError(r.at(f"voted[{i}]"), f"{who!r} sits this vote out (opted_out)")
        claim(who, lambda i=i, who=who: InterchangeError(r.at(f"voted[{i}]"), f"{who!r} is named twice"))
    ballots: list[m.Ballot] = []
    for b in r.objects("ballots"):
        who = _ref(b, "participant", people, "participant", required=not secret)
        if who is not None:
            claim(who, lambda b=b, who=who: b.fail("participant", f"{who!r} has already voted"))
            if who in opted_out:
                raise b.fail("participant", f"{who!r} sits this vote out (opted_out)")
        scores = b.data.get("scores")
        problem = ballot_problem(vote, scores if scores is not None else {})
        if problem:
            raise InterchangeError(b.place, problem)
        weight = _weight(b, "weight") if "weight" in b.data else vote.weight_of(who)
        ballots.append(m.Ballot(new_ballot_id(), vid, dict(scores or {}), None if secret else who, weight))
    if named and len(ballots) > len(named):
        raise r.fail("ballots", f"{len(ballots)} ballots but only {len(named)} voters")
    if secret:
        random.SystemRandom().shuffle(ballots)
        voted_all = sorted(named)
    else:
        voted_all = sorted(set(voted))
    return dataclasses.replace(vote, ballots=ballots, voted=voted_all)


def _weight(r: _Reader, key: str) -> float:
    """A voter's weight: above 0, at most 10, in hundredths (the tally counts in them)."""
    value = r.data.get(key)
    in_range = isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= MAX_WEIGHT
    if not in_range or round(value * 100) != value * 100:  # in range first: round() of infinity raises
        raise r.fail(key, f"must be a number above 0 and at most {MAX_WEIGHT}, with at most two decimals "
                          f"(got {_shown(value)})")
    return value


def _read_weights(r: _Reader, people: set[str]) -> dict[str, float]:
    if not isinstance(r.data, dict):
        raise InterchangeError(r.place, "must be an object of participant: weight")
    for who in r.data:
        if who not in people:
            raise InterchangeError(r.at(who), f"unknown participant {who!r}")
    return {who: _weight(r, who) for who in r.data}


def _read_opted_out(r: _Reader, people: set[str]) -> list[str]:
    out = r.strings("opted_out")
    for i, who in enumerate(out):
        if who not in people:
            raise InterchangeError(r.at(f"opted_out[{i}]"), f"unknown participant {who!r}")
    if len(set(out)) != len(out):
        raise r.fail("opted_out", "names someone twice")
    return out


def _check_weights(ws: m.Workshop, r: _Reader, vote: m.Vote) -> None:
    """The vote dialog's rule for weights (``vote_status.weights_problem``), so an import cannot
    store what the screen refuses: above all, in a secret vote a weight only one voter holds
    would show which ballot is theirs. Checked as set before voting: the ballots came later."""
    if not vote.weights:
        return
    problem = weights_problem(ws, dataclasses.replace(vote, ballots=[]), vote.weights)
    if problem:
        raise r.fail("weights", f"vote {vote.id!r} ({_shown(vote.title)}): {problem}")


def new_ballot_id() -> str:
    """A random id, so neither the id nor its sort order says when a ballot was cast."""
    return random.SystemRandom().getrandbits(64).to_bytes(8, "big").hex()


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def document_from_workshop(ws: m.Workshop) -> dict[str, Any]:
    """The interchange document for a workshop. Secret ballots carry no participant."""
    doc = _document(ws)
    if ws.rollout != m.RolloutPlan():  # absent while empty, like the intake log
        plan = ws.rollout
        doc["rollout"] = _drop_empty({"senior_team_start": plan.senior_team_start,
                                      "pilots": [dict(p) for p in plan.pilots] or None, "coach": plan.coach,
                                      "expansion": plan.expansion or None,
                                      "cascade": [{k: v for k, v in c.items() if v} for c in plan.cascade] or None})
    if ws.intake:  # absent while empty, so documents from before the intake log stay unchanged
        doc["intake"] = [
            _drop_empty({"id": i.id, "title": i.title, "arrived": i.arrived, "requested_by": i.requested_by,
                         "decision": i.decision, "forum": i.forum, "decided": i.decided, "note": i.note or None})
            for i in ws.intake
        ]
    # The run of show: absent while empty, so documents from before it round-trip unchanged.
    if ws.agenda:
        doc["agenda"] = [
            _drop_empty({"id": s.id, "title": s.title, "screen": s.screen, "minutes": s.minutes,
                         "goal": s.goal or None, "day": s.day, "start": s.start or None, "started": s.started,
                         "ended": s.ended, "extended": s.extended or None, "paused": s.paused or None,
                         "paused_at": s.paused_at})
            for s in ws.agenda
        ]
    if ws.parking_lot:
        doc["parking_lot"] = [
            _drop_empty({"id": p.id, "text": p.text, "raised_by": p.raised_by, "raised_at": p.raised_at,
                         "context": p.context or None, "resolution": p.resolution, "note": p.note or None,
                         "link": p.link})
            for p in ws.parking_lot
        ]
    doc.update(_voice_document(ws))
    doc.update(_history_document(ws))
    if ws.decision_log:
        doc["decision_log"] = [
            _drop_empty({"id": e.id, "at": e.at, "kind": e.kind, "text": e.text, "context": e.context or None,
                         "ref": e.ref or None})
            for e in ws.decision_log
        ]
    return doc


def _history_document(ws: m.Workshop) -> dict[str, Any]:
    """The last offsite and the retrospective of its key results: each absent while empty."""
    doc: dict[str, Any] = {}
    h = ws.history
    if (h.title, h.cycle, h.starts, h.alignment, h.priorities) != ("", "", None, {}, {}):
        doc["history"] = _drop_empty({"title": h.title, "cycle": h.cycle or None, "starts": h.starts,
                                      "alignment": dict(h.alignment) or None, "priorities": dict(h.priorities) or None})
    if ws.past_key_results or h.working or h.differently:
        doc["retrospective"] = _drop_empty({
            "working": h.working or None, "differently": h.differently or None,
            "key_results": [_drop_empty({"id": k.id, "objective": k.objective or None, "title": k.title,
                                         "metric": k.metric or None, "baseline": k.baseline, "target": k.target,
                                         "unit": k.unit or None, "owner": k.owner, "due": k.due, "actual": k.actual,
                                         "confidence": k.confidence, "learned": k.learned or None})
                            for k in ws.past_key_results] or None})
    return doc


def _voice_document(ws: m.Workshop) -> dict[str, Any]:
    """Prompts with their answers, themes, questions from the floor: each absent while empty.
    An anonymous answer carries no id (a new one is drawn on import) and no participant."""
    doc: dict[str, Any] = {}
    answers: dict[str, list[m.PromptAnswer]] = {}
    for a in ws.prompt_answers:
        answers.setdefault(a.prompt, []).append(a)
    if ws.prompts:
        doc["prompts"] = [
            _drop_empty({"id": p.id, "text": p.text, "named": p.named or None, "revealed": p.revealed or None,
                         "closed": p.closed or None,
                         "answers": [_drop_empty({"text": a.text, "participant": a.participant,
                                                  "hidden": a.hidden or None}) for a in answers.get(p.id, [])]})
            for p in ws.prompts
        ]
    if ws.themes:
        doc["themes"] = [_drop_empty({"id": t.id, "question": t.question, "label": t.label,
                                      "answers": list(t.answers), "link": t.link or None}) for t in ws.themes]
    if ws.room_questions:
        doc["room_questions"] = [
            _drop_empty({"id": q.id, "text": q.text, "asked_by": q.asked_by, "upvotes": q.upvotes,
                         "status": q.status, "hidden": q.hidden or None, "link": q.link or None})
            for q in ws.room_questions
        ]
    return doc


def _document(ws: m.Workshop) -> dict[str, Any]:
    i = ws.info
    key_results: dict[str, list[m.KeyResult]] = {}  # by objective, in one pass (not one pass per objective)
    for kr in ws.key_results:
        key_results.setdefault(kr.okr, []).append(kr)
    return {
        "format": FORMAT,
        "version": VERSION,
        "workshop": _drop_empty({
            "title": i.title, "organisation": i.organisation, "starts": i.starts, "ends": i.ends,
            "location": i.location, "facilitator": i.facilitator, "cycle": i.cycle,
        }),
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "function": p.function} for p in ws.participants
        ],
        "priorities": [
            {"id": p.id, "title": p.title, "description": p.description, "status": p.status}
            for p in ws.priorities
        ],
        "alignment_answers": [
            {"participant": a.participant, "question": a.question, "items": list(a.items)}
            for a in ws.alignment_answers
        ],
        "diagnosis": _drop_empty({"signals": list(ws.diagnosis.signals),
                                  "statements": list(ws.diagnosis.statements),
                                  "accountability": dict(ws.diagnosis.accountability) or None}),
        "votes": [_vote_document(v) for v in ws.votes],
        "not_now": [
            _drop_empty({"id": n.id, "title": n.title, "priority": n.priority, "decision": n.decision,
                         "reason": n.reason, "owner": n.owner, "revisit": n.revisit,
                         "revisit_due": n.revisit_due or None})
            for n in ws.not_now
        ],
        "tradeoffs": [
            {"id": t.id, "choose": t.choose, "over": t.over, "rationale": t.rationale,
             **({"confirmed": True} if t.confirmed else {})}
            for t in ws.tradeoffs
        ],
        "dependency_graph": {
            "nodes": [
                _drop_empty({"id": n.id, "label": n.label, "kind": n.kind, "owner": n.owner,
                             "x": n.x, "y": n.y})
                for n in ws.nodes
            ],
            "edges": [
                _drop_empty({"from": e.source, "to": e.target, "what": e.what, "owner": e.owner,
                             "needed_by": e.needed_by, "risk": e.risk, "status": e.status})
                for e in ws.edges
            ],
        },
        "decision_rights": {
            "framework": ws.framework,
            "roles": [
                _drop_empty({"id": r.id, "label": r.label, "participant": r.participant}) for r in ws.roles
            ],
            "decisions": [
                _drop_empty({"id": d.id, "situation": d.situation, "assignments": dict(d.assignments),
                             "forum": d.forum, "response": d.response, "escalation": d.escalation or None})
                for d in ws.decisions
            ],
        },
        "okrs": [
            _drop_empty({
                "id": o.id, "objective": o.objective, "priority": o.priority, "owner": o.owner,
                "checkin": list(o.checkin) or None,
                "key_results": [
                    _drop_empty({"id": k.id, "title": k.title, "metric": k.metric, "baseline": k.baseline,
                                 "target": k.target, "unit": k.unit, "owner": k.owner, "due": k.due})
                    for k in key_results.get(o.id, [])
                ],
            })
            for o in ws.objectives
        ],
        "rhythm": [
            # decision_rights and questions only when set, so older documents round-trip unchanged
            _drop_empty({"id": f.id, "name": f.name, "cadence": f.cadence, "purpose": f.purpose,
                         "owner": f.owner, "attendees": list(f.attendees),
                         "duration_minutes": f.duration_minutes, "first": f.first,
                         "decision_rights": f.decision_rights or None, "questions": list(f.questions) or None})
            for f in ws.forums
        ],
        "actions": [
            _drop_empty({"id": a.id, "title": a.title, "owner": a.owner, "due": a.due, "status": a.status,
                         "source": a.source or None, "finding": _finding_document(a.finding)})
            for a in ws.actions
        ],
    }


def _vote_document(v: m.Vote) -> dict[str, Any]:
    doc = _drop_empty({"id": v.id, "title": v.title, "method": v.method, "budget": v.budget,
                       "secret": v.secret, "round": v.round, "items": list(v.items), "cap": v.cap,
                       "follows": v.follows, "hands": dict(v.hands) or None, "closed": v.closed or None,
                       "revealed": False if not v.revealed else None, "weights": dict(v.weights) or None,
                       "opted_out": list(v.opted_out) or None})
    if v.secret:
        doc["voted"] = v.voters()
        doc["ballots"] = [_drop_empty({"scores": dict(b.scores), "weight": _weight_value(b)}) for b in v.ballots]
    else:
        doc["ballots"] = [_drop_empty({"participant": b.participant, "scores": dict(b.scores),
                                       "weight": _weight_value(b)}) for b in v.ballots]
    return doc


def _weight_value(b: m.Ballot) -> float | None:
    return None if b.weight == 1 else b.weight
