"""Tables of the ``.okrw`` file and the migrations between schema versions.

Each record kind of the domain has one table with a ``position`` column that keeps the
facilitator's order. Secret ballots live in a WITHOUT ROWID table keyed by a random id, so
neither a rowid nor the physical order tells when a ballot was cast; who has voted lives in
``voters``, apart from what was voted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import model as m

APPLICATION_ID = 0x4F4B5257  # "OKRW" in the SQLite header: tells our files from others
SCHEMA_VERSION = 10


@dataclass(frozen=True)
class Table:
    """How one record kind maps to one table."""

    name: str
    kind: type
    workshop_list: str  # attribute of domain.Workshop holding these records
    pk: tuple[str, ...] = ("id",)
    json_columns: tuple[str, ...] = ()
    bool_columns: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()  # fields stored elsewhere
    since: int = 1  # the schema version that added the table


TABLES: tuple[Table, ...] = (
    Table("participants", m.Participant, "participants"),
    Table("priorities", m.Priority, "priorities"),
    Table("alignment_answers", m.AlignmentAnswer, "alignment_answers", ("participant", "question"),
          ("items",)),
    Table("votes", m.Vote, "votes", json_columns=("items", "hands", "weights", "opted_out"),
          bool_columns=("secret", "closed", "revealed"),
          skip=("ballots", "voted")),
    Table("not_now", m.NotNow, "not_now", bool_columns=("revisit_due",)),
    Table("tradeoffs", m.Tradeoff, "tradeoffs", bool_columns=("confirmed",)),
    Table("intake", m.Intake, "intake", since=3),
    Table("dep_nodes", m.DepNode, "nodes"),
    Table("dep_edges", m.DepEdge, "edges", ("source", "target")),
    Table("dr_roles", m.Role, "roles"),
    Table("decisions", m.Decision, "decisions", json_columns=("assignments",)),
    Table("objectives", m.Objective, "objectives", json_columns=("checkin",)),
    Table("key_results", m.KeyResult, "key_results"),
    Table("forums", m.Forum, "forums", json_columns=("attendees", "questions")),
    Table("actions", m.Action, "actions"),
    Table("agenda", m.AgendaSession, "agenda", since=6),
    Table("parking_lot", m.ParkingItem, "parking_lot", since=6),
    Table("decision_log", m.LogEntry, "decision_log", since=6),
    Table("prompts", m.Prompt, "prompts", bool_columns=("named", "revealed", "closed"), since=9),
    Table("prompt_answers", m.PromptAnswer, "prompt_answers", bool_columns=("hidden",), since=9),
    Table("themes", m.Theme, "themes", json_columns=("answers",), since=9),
    Table("room_questions", m.RoomQuestion, "room_questions", bool_columns=("hidden",), since=9),
    Table("past_key_results", m.PastKeyResult, "past_key_results", since=10),
)
TABLE_OF: dict[type, Table] = {t.kind: t for t in TABLES}

_V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE participants (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
    function TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL);
CREATE TABLE priorities (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE alignment_answers (participant TEXT NOT NULL, question TEXT NOT NULL, items TEXT NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (participant, question)) WITHOUT ROWID;
CREATE TABLE votes (id TEXT PRIMARY KEY, title TEXT NOT NULL, method TEXT NOT NULL, budget INTEGER,
    secret INTEGER NOT NULL, round INTEGER NOT NULL, items TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE ballots (id TEXT PRIMARY KEY, vote TEXT NOT NULL, participant TEXT, scores TEXT NOT NULL)
    WITHOUT ROWID;
CREATE TABLE voters (vote TEXT NOT NULL, participant TEXT NOT NULL, PRIMARY KEY (vote, participant))
    WITHOUT ROWID;
CREATE TABLE not_now (id TEXT PRIMARY KEY, title TEXT NOT NULL, priority TEXT, decision TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '', owner TEXT, revisit TEXT, position INTEGER NOT NULL);
CREATE TABLE tradeoffs (id TEXT PRIMARY KEY, choose TEXT NOT NULL, over TEXT NOT NULL,
    rationale TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL);
CREATE TABLE dep_nodes (id TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL, owner TEXT,
    x REAL, y REAL, position INTEGER NOT NULL);
CREATE TABLE dep_edges (source TEXT NOT NULL, target TEXT NOT NULL, what TEXT NOT NULL DEFAULT '',
    owner TEXT, needed_by TEXT, risk TEXT NOT NULL, status TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (source, target));
CREATE TABLE dr_roles (id TEXT PRIMARY KEY, label TEXT NOT NULL, participant TEXT, position INTEGER NOT NULL);
CREATE TABLE decisions (id TEXT PRIMARY KEY, situation TEXT NOT NULL, assignments TEXT NOT NULL,
    forum TEXT, response TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL);
CREATE TABLE objectives (id TEXT PRIMARY KEY, objective TEXT NOT NULL, priority TEXT, owner TEXT,
    position INTEGER NOT NULL);
CREATE TABLE key_results (id TEXT PRIMARY KEY, okr TEXT NOT NULL, title TEXT NOT NULL,
    metric TEXT NOT NULL DEFAULT '', baseline, target, unit TEXT NOT NULL DEFAULT '', owner TEXT,
    due TEXT, position INTEGER NOT NULL);
CREATE TABLE forums (id TEXT PRIMARY KEY, name TEXT NOT NULL, cadence TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '', owner TEXT, attendees TEXT NOT NULL, duration_minutes INTEGER NOT NULL,
    first TEXT, position INTEGER NOT NULL);
CREATE TABLE actions (id TEXT PRIMARY KEY, title TEXT NOT NULL, owner TEXT, due TEXT, status TEXT NOT NULL,
    position INTEGER NOT NULL);
CREATE TABLE undo_log (seq INTEGER PRIMARY KEY, command TEXT NOT NULL);
"""

# Version 2: dot votes with a per-item cap, rounds that follow an earlier vote, show-of-hands counts.
_V2 = """
ALTER TABLE votes ADD COLUMN cap INTEGER;
ALTER TABLE votes ADD COLUMN follows TEXT;
ALTER TABLE votes ADD COLUMN hands TEXT NOT NULL DEFAULT '{}';
"""

# Version 3: the mid-cycle intake log; trade-offs the room has confirmed.
_V3 = """
CREATE TABLE intake (id TEXT PRIMARY KEY, title TEXT NOT NULL, arrived TEXT, requested_by TEXT,
    decision TEXT NOT NULL, forum TEXT, decided TEXT, note TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL);
ALTER TABLE tradeoffs ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 0;
"""

# Version 4: escalation paths for decisions; what each forum may decide and the questions it asks.
_V4 = """
ALTER TABLE decisions ADD COLUMN escalation TEXT NOT NULL DEFAULT '';
ALTER TABLE forums ADD COLUMN decision_rights TEXT NOT NULL DEFAULT '';
ALTER TABLE forums ADD COLUMN questions TEXT NOT NULL DEFAULT '[]';
"""

# Version 5: check-in questions per objective, where an action came from, closed votes.
_V5 = """
ALTER TABLE objectives ADD COLUMN checkin TEXT NOT NULL DEFAULT '[]';
ALTER TABLE actions ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE votes ADD COLUMN closed INTEGER NOT NULL DEFAULT 0;
"""

# Version 6: the run of show: the agenda with its timeboxes and actual times, the parking lot,
# the decision log.
_V6 = """
CREATE TABLE agenda (id TEXT PRIMARY KEY, title TEXT NOT NULL, screen TEXT, minutes INTEGER NOT NULL,
    goal TEXT NOT NULL DEFAULT '', day INTEGER NOT NULL DEFAULT 1, start TEXT NOT NULL DEFAULT '', started TEXT,
    ended TEXT, extended INTEGER NOT NULL DEFAULT 0, paused INTEGER NOT NULL DEFAULT 0, paused_at TEXT,
    position INTEGER NOT NULL);
CREATE TABLE parking_lot (id TEXT PRIMARY KEY, text TEXT NOT NULL, raised_by TEXT, raised_at TEXT,
    context TEXT NOT NULL DEFAULT '', resolution TEXT NOT NULL DEFAULT 'open', note TEXT NOT NULL DEFAULT '',
    link TEXT, position INTEGER NOT NULL);
CREATE TABLE decision_log (id TEXT PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '', ref TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL);
"""

# Version 7: results hidden until revealed, voters' weights, voters who sit a vote out; each
# ballot keeps the weight it was cast with.
_V7 = """
ALTER TABLE votes ADD COLUMN revealed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE votes ADD COLUMN weights TEXT NOT NULL DEFAULT '{}';
ALTER TABLE votes ADD COLUMN opted_out TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ballots ADD COLUMN weight REAL NOT NULL DEFAULT 1;
"""

# Version 8: the coherence finding an action answers, so the finding shows its follow-up.
_V8 = """
ALTER TABLE actions ADD COLUMN finding TEXT NOT NULL DEFAULT '';
"""

# Version 9: the room's voice: open prompts and their short answers (anonymous ones keyed by a
# random id in a WITHOUT ROWID table, so neither a rowid nor the physical order tells whose), the
# themes answers are grouped into, questions from the floor with their upvote counts.
_V9 = """
CREATE TABLE prompts (id TEXT PRIMARY KEY, text TEXT NOT NULL, named INTEGER NOT NULL DEFAULT 0,
    revealed INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL);
CREATE TABLE prompt_answers (id TEXT PRIMARY KEY, prompt TEXT NOT NULL, text TEXT NOT NULL, participant TEXT,
    hidden INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE themes (id TEXT PRIMARY KEY, question TEXT NOT NULL, label TEXT NOT NULL, answers TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL);
CREATE TABLE room_questions (id TEXT PRIMARY KEY, text TEXT NOT NULL, asked_by TEXT,
    upvotes INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'open', hidden INTEGER NOT NULL DEFAULT 0,
    link TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL) WITHOUT ROWID;
"""

# Version 10: the next quarter: last quarter's key results for the retrospective, a not-now entry
# whose revisit fell due before this offsite (the history itself is an ``info`` singleton).
_V10 = """
CREATE TABLE past_key_results (id TEXT PRIMARY KEY, objective TEXT NOT NULL, title TEXT NOT NULL,
    metric TEXT NOT NULL DEFAULT '', baseline, target, unit TEXT NOT NULL DEFAULT '', owner TEXT, due TEXT,
    actual, confidence INTEGER, learned TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL);
ALTER TABLE not_now ADD COLUMN revisit_due INTEGER NOT NULL DEFAULT 0;
"""

# MIGRATIONS[n] takes a file from schema version n to n + 1. Version 0 is an empty file.
MIGRATIONS: dict[int, str] = {0: _V1, 1: _V2, 2: _V3, 3: _V4, 4: _V5, 5: _V6, 6: _V7, 7: _V8, 8: _V9, 9: _V10}
