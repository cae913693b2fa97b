"""The workshop as plain data.

Records are frozen so that an edit is always "replace this record with that one": the
store writes it, the undo stack keeps the before and after, and nothing changes behind
anyone's back. Field names follow the interchange document (docs/interchange.md); where
Python forbids the JSON name (``from``) the record uses ``source``/``target``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

ROLES = ("facilitator", "executive", "participant")
PRIORITY_STATUSES = ("candidate", "selected", "stopped", "deferred", "bau")
NOT_NOW_DECISIONS = ("stop", "defer", "bau")
INTAKE_DECISIONS = ("pending", "approve", "defer", "reject")
CADENCES = ("weekly", "monthly", "quarterly")
RISKS = ("low", "medium", "high")
EDGE_STATUSES = ("open", "at_risk", "blocked", "done")
QUESTIONS = ("top_priorities", "stop_or_wait", "dependencies")
SIGNALS = (
    "initiatives_added_mid_quarter",
    "managers_cannot_say_no",
    "green_reports_outcomes_lag",
    "cross_functional_work_slow",
)
VOTE_METHODS = ("dots", "points", "rank", "scale")
HAND_METHODS = ("dots", "points")  # where a raised hand counts as one dot or point for an item
FRAMEWORKS = ("RAPID", "RACI", "DACI")
# Each framework's letters, in the order the matrix cycles through them (domain.decision_rights
# has the rules; the letters live here, so reading a file needs no more than the model).
FRAMEWORK_LETTERS: dict[str, tuple[str, ...]] = {
    "RAPID": ("R", "A", "P", "I", "D"),
    "RACI": ("R", "A", "C", "I"),
    "DACI": ("D", "A", "C", "I"),
}
NODE_KINDS = ("team", "initiative", "priority", "external")
ACTION_STATUSES = ("open", "done", "dropped")
# The screens an agenda session can use: the module names of the UI's screens (None = a break).
AGENDA_SCREENS = ("overview", "diagnose", "vote", "not_now", "dependencies", "decision_rights", "okrs", "rhythm",
                  "actions", "run_of_show", "voice", "retrospective")
PARKING_RESOLUTIONS = ("open", "resolved", "action", "not_now")
# What a theme of the room's answers can become in one move (see domain.themes).
THEME_TARGETS = ("priority", "not_now", "dependency", "risk", "parking", "action")
# Where a question from the floor ends up: still open, answered on the spot, parked, turned into an
# action or into a decision-log entry.
ROOM_QUESTION_STATUSES = ("open", "answered", "parked", "action", "logged")
LOG_KINDS = ("manual", "vote_closed", "vote_reopened", "results_revealed", "critical_few", "stopped", "deferred",
             "bau", "decider_named", "tradeoff_confirmed")

Method = Literal["dots", "points", "rank", "scale"]


@dataclass(frozen=True)
class WorkshopInfo:
    title: str = "Leadership offsite"
    organisation: str = ""
    starts: str | None = None
    ends: str | None = None
    location: str = ""
    facilitator: str | None = None
    cycle: str = ""


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    role: str = "executive"
    function: str = ""


@dataclass(frozen=True)
class Priority:
    id: str
    title: str
    description: str = ""
    status: str = "candidate"


@dataclass(frozen=True)
class AlignmentAnswer:
    """One executive's private answer to one of the three alignment questions."""

    participant: str
    question: str
    items: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.participant}/{self.question}"


@dataclass(frozen=True)
class Diagnosis:
    signals: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    # accountability question index ("0".."3") -> the participant the room names, or NOBODY
    accountability: dict[str, str] = field(default_factory=dict)


NOBODY = "nobody"  # the room could name no owner: itself a finding


@dataclass(frozen=True)
class Ballot:
    """What was voted. In a secret vote ``participant`` is None: who voted lives in
    ``Vote.voted`` and nothing links the two."""

    id: str
    vote: str
    scores: dict[str, int | float]
    participant: str | None = None
    weight: float = 1  # the voter's weight in this vote, fixed when the ballot was cast

    @property
    def abstains(self) -> bool:
        """An explicit "I abstain": a ballot with no scores, counted apart from the others."""
        return not self.scores


@dataclass(frozen=True)
class Vote:
    id: str
    title: str
    method: str = "dots"
    budget: int | None = None
    secret: bool = True
    round: int = 1
    items: list[str] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    voted: list[str] = field(default_factory=list)
    cap: int | None = None  # dots: the most one voter may put on one item
    follows: str | None = None  # the earlier round this vote repeats after discussion
    hands: dict[str, int] = field(default_factory=dict)  # show-of-hands counts keyed in by the facilitator
    closed: bool = False  # the facilitator closed it: no more ballots, no re-voting
    revealed: bool = True  # False: the room sees only the turnout until the facilitator reveals
    weights: dict[str, float] = field(default_factory=dict)  # participant: weight (1 when absent)
    opted_out: list[str] = field(default_factory=list)  # voters who sit this vote out

    def weight_of(self, participant: str | None) -> float:
        return self.weights.get(participant, 1) if participant else 1

    @property
    def effective_budget(self) -> int | None:
        if self.method == "points":
            return self.budget if self.budget is not None else 100
        if self.method == "dots":
            return self.budget if self.budget is not None else 5
        return None

    def voters(self) -> list[str]:
        """Everyone who has cast a ballot, secret or open, in a stable order."""
        named = [b.participant for b in self.ballots if b.participant]
        return sorted(set(self.voted) | set(named))


@dataclass(frozen=True)
class NotNow:
    id: str
    title: str
    priority: str | None = None
    decision: str = "defer"
    reason: str = ""
    owner: str | None = None
    revisit: str | None = None
    revisit_due: bool = False  # carried from the last offsite with its revisit on or before this one's start


@dataclass(frozen=True)
class Intake:
    """A new initiative that arrived mid-cycle, and what the forum decided: proof that the
    priorities were protected after the offsite."""

    id: str
    title: str
    arrived: str | None = None  # ISO date
    requested_by: str | None = None  # participant id
    decision: str = "pending"
    forum: str | None = None  # the forum that decided
    decided: str | None = None  # ISO date
    note: str = ""


@dataclass(frozen=True)
class Tradeoff:
    id: str
    choose: str
    over: str
    rationale: str = ""
    confirmed: bool = False  # the room read it on the projector and agreed


@dataclass(frozen=True)
class DepNode:
    id: str
    label: str
    kind: str = "team"
    owner: str | None = None
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True)
class DepEdge:
    """``target`` depends on ``source``: the source must deliver to the target."""

    source: str
    target: str
    what: str = ""
    owner: str | None = None
    needed_by: str | None = None
    risk: str = "medium"
    status: str = "open"

    @property
    def id(self) -> str:
        return f"{self.source}->{self.target}"


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    participant: str | None = None


@dataclass(frozen=True)
class Decision:
    id: str
    situation: str
    assignments: dict[str, str] = field(default_factory=dict)
    forum: str | None = None
    response: str = ""
    escalation: str = ""  # where it goes when the decider cannot or will not decide in time


@dataclass(frozen=True)
class KeyResult:
    id: str
    okr: str
    title: str
    metric: str = ""
    baseline: float | None = None
    target: float | None = None
    unit: str = ""
    owner: str | None = None
    due: str | None = None


@dataclass(frozen=True)
class Objective:
    id: str
    objective: str
    priority: str | None = None
    owner: str | None = None
    checkin: list[str] = field(default_factory=list)  # the coaching questions for the first check-ins


@dataclass(frozen=True)
class Forum:
    id: str
    name: str
    cadence: str = "weekly"
    purpose: str = ""
    owner: str | None = None
    attendees: list[str] = field(default_factory=list)
    duration_minutes: int = 60
    first: str | None = None
    decision_rights: str = ""  # what this forum may decide; without it a forum is calendar theatre
    questions: list[str] = field(default_factory=list)  # the standing questions it asks every time


@dataclass(frozen=True)
class Action:
    id: str
    title: str
    owner: str | None = None
    due: str | None = None
    status: str = "open"
    source: str = ""  # what it came from, in words ("Dependencies: Core Engineering → Billing")
    finding: str = ""  # the coherence finding it answers, "code:ref" (domain.coherence.key); "" when none


@dataclass(frozen=True)
class RolloutPlan:
    """Roll out small: the senior team first, then one or two pilot units, then expand once
    behaviour holds. The dates of the first forums come from the rhythm."""

    senior_team_start: str | None = None  # ISO date
    pilots: list[dict[str, str]] = field(default_factory=list)  # [{"unit": ..., "why": ...}]
    coach: str | None = None  # the internal OKR coach, a participant id
    expansion: str = ""  # the criteria for rolling out further
    # The communication cascade: who tells whom, by when, so nobody hears it first in the corridor.
    # [{"who": participant id or "", "tells": "whom, in words", "by": ISO date or ""}]
    cascade: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class AgendaSession:
    """One timeboxed session of the run of show. Times are local ISO date-times (seconds).

    ``minutes`` is the plan; ``extended`` the minutes the room added on the day (+5), which
    count as overrun. ``paused`` holds the seconds spent paused so far; while paused,
    ``paused_at`` says since when. ``start`` ("HH:MM") pins the planned start (the first
    session of a day, lunch); without it a session follows the one before.
    """

    id: str
    title: str
    screen: str | None = None
    minutes: int = 30
    goal: str = ""
    day: int = 1
    start: str = ""
    started: str | None = None
    ended: str | None = None
    extended: int = 0
    paused: int = 0
    paused_at: str | None = None


@dataclass(frozen=True)
class ParkingItem:
    """An off-topic question or a deferred debate, parked so the room can move on. Before the
    day ends each is resolved, turned into an action, or moved to the not-now list; ``link``
    then names the action or not-now entry it became."""

    id: str
    text: str
    raised_by: str | None = None  # participant id
    raised_at: str | None = None  # ISO date-time
    context: str = ""  # where the room was when it came up
    resolution: str = "open"
    note: str = ""
    link: str | None = None


@dataclass(frozen=True)
class LogEntry:
    """One decision the room took, with when and where. ``kind`` is "manual" for an entry typed
    by hand; the others are written by the app when it sees the decision happen. ``ref`` names
    the record it is about ("vote:v1", "priority:pr3"), empty when none."""

    id: str
    at: str
    kind: str = "manual"
    text: str = ""
    context: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Prompt:
    """An open question put to the room ("What should we stop?"); phones and the laptop send short
    answers. Anonymous unless ``named``; the stage shows only how many answered until ``revealed``."""

    id: str
    text: str
    named: bool = False
    revealed: bool = False
    closed: bool = False


@dataclass(frozen=True)
class PromptAnswer:
    """One short answer to a prompt. An anonymous answer has no ``participant`` and a random ``id``:
    nothing in the file says whose it is. ``hidden``: the facilitator took it down (moderation); it
    never reaches the stage, the report or the participants' copy."""

    id: str
    prompt: str
    text: str
    participant: str | None = None
    hidden: bool = False


@dataclass(frozen=True)
class Theme:
    """Answers the facilitator grouped because they say the same thing. ``question`` is an alignment
    question ("dependencies") or a prompt's id; ``answers`` are answer texts, matched trimmed and
    case-folded. ``link`` names what the theme became ("priority:pr7", "risk"), empty when nothing."""

    id: str
    question: str
    label: str
    answers: list[str] = field(default_factory=list)
    link: str = ""


@dataclass(frozen=True)
class RoomQuestion:
    """A question from the floor, posted from a phone (anonymous unless the asker put their name on
    it) and upvoted by others. Who upvoted is not kept in the file, only how many."""

    id: str
    text: str
    asked_by: str | None = None
    upvotes: int = 0
    status: str = "open"
    hidden: bool = False
    link: str = ""  # the action or decision-log entry it became: "action:a3", "log:l7"


@dataclass(frozen=True)
class PastKeyResult:
    """Last quarter's key result, carried over as the retrospective's material (not a new OKR):
    what it promised, what was achieved (``actual``), how sure the room is of that figure
    (``confidence``, 1 to 5) and what it learned."""

    id: str
    objective: str  # the objective's words then
    title: str
    metric: str = ""
    baseline: float | None = None
    target: float | None = None
    unit: str = ""
    owner: str | None = None
    due: str | None = None
    actual: float | None = None
    confidence: int | None = None
    learned: str = ""


@dataclass(frozen=True)
class History:
    """What this offsite carried over from the one before (``okr-workshop new --from``): the last
    offsite's title, cycle and start, its agreement per alignment question, and the status each
    carried priority had then. Empty for a first offsite."""

    title: str = ""
    cycle: str = ""
    starts: str | None = None
    alignment: dict[str, float | None] = field(default_factory=dict)  # question -> agreement then (themes)
    priorities: dict[str, str] = field(default_factory=dict)  # priority id -> its status then
    # The seeds' retrospective questions, in the room's words.
    working: str = ""  # are the OKRs working?
    differently: str = ""  # what would we do differently?


@dataclass
class Workshop:
    """The whole workshop. Lists keep the order the facilitator gave them."""

    info: WorkshopInfo = field(default_factory=WorkshopInfo)
    participants: list[Participant] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    alignment_answers: list[AlignmentAnswer] = field(default_factory=list)
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    votes: list[Vote] = field(default_factory=list)
    not_now: list[NotNow] = field(default_factory=list)
    tradeoffs: list[Tradeoff] = field(default_factory=list)
    intake: list[Intake] = field(default_factory=list)
    nodes: list[DepNode] = field(default_factory=list)
    edges: list[DepEdge] = field(default_factory=list)
    framework: str = "RAPID"
    roles: list[Role] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    key_results: list[KeyResult] = field(default_factory=list)
    forums: list[Forum] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    rollout: RolloutPlan = field(default_factory=RolloutPlan)
    agenda: list[AgendaSession] = field(default_factory=list)
    parking_lot: list[ParkingItem] = field(default_factory=list)
    decision_log: list[LogEntry] = field(default_factory=list)
    prompts: list[Prompt] = field(default_factory=list)
    prompt_answers: list[PromptAnswer] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    room_questions: list[RoomQuestion] = field(default_factory=list)
    history: History = field(default_factory=History)
    past_key_results: list[PastKeyResult] = field(default_factory=list)

    def participant_name(self, pid: str | None) -> str:
        for p in self.participants:
            if p.id == pid:
                return p.name
        return ""

    def priority_title(self, pid: str | None) -> str:
        for p in self.priorities:
            if p.id == pid:
                return p.title
        return pid or ""

    def key_results_of(self, objective_id: str) -> list[KeyResult]:
        return [kr for kr in self.key_results if kr.okr == objective_id]

    def executives(self) -> list[Participant]:
        return [p for p in self.participants if p.role == "executive"]


def free_ids(prefix: str, taken: Iterable[str]) -> Iterator[str]:
    """ "a1", "a2", ... skipping the ids ``taken``: every new record gets the lowest free one."""
    used = set(taken)
    return (f"{prefix}{n}" for n in itertools.count(1) if f"{prefix}{n}" not in used)
