"""The room's voice through the API: prompt answers, questions from the floor and upvotes.

Anonymous answers must name nobody anywhere in the file (nor its WAL), be stored once under a
resent key and not keep the order they came in; who upvoted what stays in the desk's memory.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.alignment import levels
from okr_workshop.domain.voice import MAX_ANSWER_CHARS, MAX_ANSWERS_PER_PERSON, MAX_QUESTION_CHARS
from okr_workshop.room.api import settle
from okr_workshop.room.desk import Desk, PromptAnswerJob, QuestionJob, UpvoteJob
from okr_workshop.room.limits import QUESTION_BURST
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import Client, voice_workshop

ANSWER_ID = re.compile(r"[0-9a-f]{16}")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopFile]:
    """This module's file holds prompts and questions (see ``voice_workshop``)."""
    with WorkshopFile.create(tmp_path / "voice.okrw", voice_workshop()) as f:
        yield f


def answer(client: Client, token: str, prompt: str, text: str, key: str):
    return client.request("POST", "/api/prompt-answer", {"prompt": prompt, "text": text, "key": key}, token)


def upvote(client: Client, token: str, question: str, key: str):
    return client.request("POST", "/api/upvote", {"question": question, "key": key}, token)


def ask(client: Client, token: str, text: str, key: str, **extra):
    return client.request("POST", "/api/question", {"text": text, "key": key, **extra}, token)


def question(store: WorkshopFile, qid: str) -> m.RoomQuestion:
    return next(q for q in store.workshop.room_questions if q.id == qid)


def file_bytes(path: Path) -> bytes:
    """The file and its write-ahead log, as they are on disk now."""
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_me_lists_the_open_prompts_and_the_open_questions(client: Client, codes):
    """Closed prompts, hidden and answered questions are left out; questions come most upvoted first;
    only a named question says who asked, and a phone is told which questions are its own."""
    token = client.join(codes["p2"])
    me = client.request("GET", "/api/me", token=token).data
    assert me["prompts"] == [{"id": "q1", "text": "What should we stop?", "named": False, "answered": 0},
                             {"id": "q2", "text": "Which risk worries you?", "named": True, "answered": 0}]
    assert me["questions"] == [
        {"id": "rq2", "text": "Why now?", "upvotes": 3, "upvoted": False, "mine": True, "by": "山田 太郎"},
        {"id": "rq1", "text": "Who owns the billing cut-over?", "upvotes": 2, "upvoted": False, "mine": False}]
    other = client.request("GET", "/api/me", token=client.join(codes["p1"])).data
    assert [q["mine"] for q in other["questions"]] == [False, False]


def test_at_most_thirty_questions_are_listed(client: Client, codes, store: WorkshopFile):
    """A long list is cut to the 30 most upvoted."""
    for n in range(40):
        store.put(m.RoomQuestion(f"rq{10 + n}", f"Question {n}", upvotes=n))
    me = client.request("GET", "/api/me", token=client.join(codes["p1"])).data
    assert len(me["questions"]) == 30 and me["questions"][0]["text"] == "Question 39"
    assert [q["upvotes"] for q in me["questions"]] == sorted((q["upvotes"] for q in me["questions"]), reverse=True)


def test_a_resent_answer_is_stored_exactly_once(client: Client, codes, store: WorkshopFile):
    """The same key three times (a flaky connection) stores one answer; a new key adds another."""
    token = client.join(codes["p1"])
    replies = [answer(client, token, "q1", "  The weekly status deck ", "answer-key-1") for _ in range(3)]
    assert [r.status for r in replies] == [200, 200, 200]
    assert all(r.data == {"status": "received", "answered": 1} for r in replies)
    assert [a.text for a in store.workshop.prompt_answers] == ["The weekly status deck"]
    assert answer(client, token, "q1", "Gold plating", "answer-key-2").data["answered"] == 2
    assert len(store.workshop.prompt_answers) == 2
    reused = answer(client, token, "q1", "Something else", "answer-key-1")
    assert reused.status == 409 and reused.data["error"] == "key_reused"
    me = client.request("GET", "/api/me", token=token).data
    assert [p["answered"] for p in me["prompts"]] == [2, 0]


def test_anonymous_answers_name_nobody_and_do_not_keep_their_order(client: Client, codes, store: WorkshopFile,
                                                                    room):
    """Twelve answers from four phones: no participant, random ids, no token in the file or its WAL,
    and the stored order is not the order they came in."""
    tokens = {p: client.join(codes[p]) for p in ("p1", "p2", "p3", "p5")}
    sent: list[str] = []
    for n in range(3):
        for who, token in tokens.items():
            text = f"Anonymous answer {who}-{n} zq{n}x"
            assert answer(client, token, "q1", text, f"anon-{who}-{n}").status == 200
            sent.append(text)
    stored = [a for a in store.workshop.prompt_answers if a.prompt == "q1"]
    assert sorted(a.text for a in stored) == sorted(sent)
    assert all(a.participant is None and ANSWER_ID.fullmatch(a.id) for a in stored)
    assert [a.text for a in stored] != sent, "the stored order must not be the order of arrival"
    live = file_bytes(store.path)
    assert all(t.encode() not in live for t in tokens.values())
    room.stop()
    store.close()
    data = file_bytes(store.path)
    assert all(t.encode() not in data for t in tokens.values())
    conn = sqlite3.connect(store.path)
    try:
        rows = conn.execute("SELECT id, participant, text FROM prompt_answers ORDER BY position").fetchall()
        undo = conn.execute("SELECT COUNT(*) FROM undo_log").fetchone()[0]
    finally:
        conn.close()
    assert {r[1] for r in rows} == {None} and sorted(r[2] for r in rows) == sorted(sent)
    assert [r[2] for r in rows] == [a.text for a in stored] and undo == 0


def test_named_answers_keep_the_person_in_order(client: Client, codes, store: WorkshopFile):
    """On a named prompt the answer keeps who gave it and the answers keep their order."""
    one, two = client.join(codes["p1"]), client.join(codes["p5"])
    assert answer(client, one, "q2", "Churn in the north", "named-key-1").status == 200
    assert answer(client, two, "q2", "Hiring freeze", "named-key-2").status == 200
    assert answer(client, one, "q2", "Data quality", "named-key-3").data["answered"] == 2
    assert [(a.participant, a.text) for a in store.workshop.prompt_answers] == [
        ("p1", "Churn in the north"), ("p5", "Hiring freeze"), ("p1", "Data quality")]


def test_closed_unknown_too_long_and_too_many_are_refused(client: Client, codes, store: WorkshopFile):
    """409 closed, 404 unknown, 422 for an empty or too long text, 409 past the per-person limit."""
    token = client.join(codes["p3"])
    closed = answer(client, token, "q3", "Late", "closed-1")
    assert closed.status == 409 and closed.data["error"] == "closed"
    assert answer(client, token, "q9", "Lost", "unknown-1").data["error"] == "no_prompt"
    for text in ("", "   ", "x" * (MAX_ANSWER_CHARS + 1)):
        reply = answer(client, token, "q1", text, "invalid-1")
        assert reply.status == 422 and reply.data["error"] == "invalid_answer"
    assert answer(client, token, "q1", "x" * MAX_ANSWER_CHARS, "longest-1").status == 200
    for n in range(1, MAX_ANSWERS_PER_PERSON):
        assert answer(client, token, "q1", f"More {n}", f"many-{n:03d}").status == 200
    over = answer(client, token, "q1", "One too many", "many-over")
    assert over.status == 409 and over.data["error"] == "too_many"
    assert len(store.workshop.prompt_answers) == MAX_ANSWERS_PER_PERSON


def test_one_upvote_per_person_counted_in_the_file_kept_in_memory(client: Client, codes, store: WorkshopFile):
    """A second upvote (new key) is 409; a resend of the first is "received" again and not counted;
    the asker may upvote their own question; hidden, answered and unknown questions are 404. The file
    holds only the counts."""
    one, two = client.join(codes["p1"]), client.join(codes["p2"])
    first = upvote(client, one, "rq1", "upvote-1")
    assert first.status == 200 and first.data == {"status": "received", "upvotes": 3}
    assert upvote(client, one, "rq1", "upvote-1").data == {"status": "received", "upvotes": 3}
    again = upvote(client, one, "rq1", "upvote-2")
    assert again.status == 409 and again.data["error"] == "already_upvoted"
    assert upvote(client, two, "rq1", "upvote-3").data["upvotes"] == 4
    assert upvote(client, two, "rq2", "upvote-own").data["upvotes"] == 4  # their own question: allowed
    for qid in ("rq3", "rq4", "rq99"):
        gone = upvote(client, one, qid, f"upvote-{qid}")
        assert gone.status == 404 and gone.data["error"] == "no_question"
    assert question(store, "rq1").upvotes == 4 and question(store, "rq3").upvotes == 0
    mine = {q["id"]: q["upvoted"] for q in client.request("GET", "/api/me", token=one).data["questions"]}
    assert mine == {"rq1": True, "rq2": False}
    store.close()
    conn = sqlite3.connect(store.path)
    try:
        rows = conn.execute("SELECT id, asked_by, upvotes FROM room_questions ORDER BY position").fetchall()
    finally:
        conn.close()
    assert rows == [("rq1", None, 4), ("rq2", "p2", 4), ("rq3", None, 0), ("rq4", None, 0)]


def test_a_question_names_its_asker_only_when_asked_to(client: Client, codes, store: WorkshopFile):
    """Anonymous by default; "named": true keeps the asker. Others see the name on the named one only."""
    asker, other = client.join(codes["p4"]), client.join(codes["p1"])
    anonymous = ask(client, asker, "  Who decides on pricing? ", "question-1")
    named = ask(client, asker, "Can we hire in Q3?", "question-2", named=True)
    assert anonymous.data == {"status": "received", "id": "rq5"} and named.data["id"] == "rq6"
    assert [(q.text, q.asked_by) for q in store.workshop.room_questions[-2:]] == [
        ("Who decides on pricing?", None), ("Can we hire in Q3?", "p4")]
    seen = {q["id"]: q for q in client.request("GET", "/api/me", token=other).data["questions"]}
    assert "by" not in seen["rq5"] and not seen["rq5"]["mine"] and seen["rq6"]["by"] == "Sam Okafor"
    own = {q["id"]: q for q in client.request("GET", "/api/me", token=asker).data["questions"]}
    assert own["rq5"]["mine"] and own["rq6"]["mine"] and "by" not in own["rq5"]
    too_long = ask(client, asker, "x" * (MAX_QUESTION_CHARS + 1), "question-3")
    assert too_long.status == 422 and too_long.data["error"] == "invalid_question"
    assert ask(client, asker, "Named?", "question-4", named="yes").status == 400
    assert len(store.workshop.room_questions) == 6


def test_a_flood_of_questions_is_slowed_down(client: Client, codes, store: WorkshopFile):
    """A few questions at once are fine; more get 429 with Retry-After and store nothing; a resend of
    a question already received is not counted against the person."""
    token = client.join(codes["p1"])
    for n in range(QUESTION_BURST):
        assert ask(client, token, f"Question {n}", f"flood-{n:03d}").status == 200
    assert ask(client, token, "Question 0", "flood-000").status == 200  # a resend
    flood = ask(client, token, "One more", "flood-over")
    assert flood.status == 429 and flood.data["error"] == "slow_down" and int(flood.headers["retry-after"]) >= 1
    assert len(store.workshop.room_questions) == 4 + QUESTION_BURST


@pytest.mark.parametrize("path,body", [
    ("/api/prompt-answer", {"prompt": "q1", "text": 5}),
    ("/api/prompt-answer", {"prompt": ["q1"], "text": "x"}),
    ("/api/prompt-answer", {"prompt": "q" * 5000, "text": "x"}),
    ("/api/prompt-answer", {"prompt": "q1", "text": "é" * 4000}),
    ("/api/prompt-answer", {"prompt": "q1", "text": {"$gt": ""}}),
    ("/api/prompt-answer", {"prompt": None, "text": None}),
    ("/api/question", {"text": ["a"]}),
    ("/api/question", {"text": "ok", "named": 1}),
    ("/api/question", {"text": "ok", "named": None}),
    ("/api/question", {"text": "\u0000" * 400}),
    ("/api/question", {"text": "Why\u0000 now?\u001b[2J"}),
    ("/api/prompt-answer", {"prompt": "q1", "text": "bell\u0007"}),
    ("/api/upvote", {"question": 7}),
    ("/api/upvote", {"question": {"id": "rq1"}}),
    ("/api/upvote", {"question": ""}),
    ("/api/upvote", {"question": "rq1' OR 1=1 --"}),
])
def test_hostile_input_is_a_4xx_and_stores_nothing(client: Client, codes, store: WorkshopFile, path, body):
    """Wrong types, huge values and made-up ids: always 4xx JSON, never 5xx, nothing stored."""
    token = client.join(codes["p1"])
    before = (list(store.workshop.prompt_answers), list(store.workshop.room_questions))
    reply = client.request("POST", path, {**body, "key": "hostile-key-1"}, token)
    assert 400 <= reply.status < 500 and reply.data["error"], reply
    no_key = client.request("POST", path, body, token)
    assert 400 <= no_key.status < 500 and no_key.data["error"] in ("bad_key", "too_large")
    assert client.request("POST", path, raw=b'{"text": "x", "key": ', token=token).status == 400
    assert (store.workshop.prompt_answers, store.workshop.room_questions) == before


def test_a_department_head_answers_the_check_from_a_phone(client: Client, codes, store: WorkshopFile):
    """Role "participant" joins and answers the three questions exactly like an executive; the level
    check then sees both levels."""
    head, executive = client.join(codes["p5"]), client.join(codes["p1"])
    answers = {"top_priorities": ["Priority 1", "Hire a COO"], "stop_or_wait": ["Office move"], "dependencies": []}
    for token, key in ((head, "check-head-1"), (executive, "check-exec-1")):
        assert client.request("POST", "/api/answers", {"answers": answers, "key": key}, token).status == 200
    stored = {(a.participant, a.question): a.items for a in store.workshop.alignment_answers}
    assert stored[("p5", "top_priorities")] == ["Priority 1", "Hire a COO"]
    assert client.request("GET", "/api/me", token=head).data["check"]["answered"]
    assert levels(store.workshop, "top_priorities")["across"] == 1.0


def test_a_turn_of_many_answers_is_one_transaction_and_a_failed_one_stores_nothing(store: WorkshopFile,
                                                                                   monkeypatch):
    """Everything queued before a drain is stored in one step (the screens hear each section once); when
    storing fails, every phone of the turn hears "try again", nothing is kept and the memory learns nothing."""
    desk = Desk(store, lambda: None)
    heard: list[str] = []
    store.listeners.append(heard.append)
    jobs: list[Future] = []
    for n in range(30):
        jobs.append(desk.submit(PromptAnswerJob(f"p{1 + n % 5}", "q1", f"Answer {n}"), f"turn-key-{n:03d}"))
    jobs.append(desk.submit(QuestionJob("p1", "Is this one transaction?"), "turn-question"))
    jobs.append(desk.submit(UpvoteJob("p2", "rq1"), "turn-upvote-1"))
    jobs.append(desk.submit(UpvoteJob("p2", "rq1"), "turn-upvote-2"))  # the same upvote twice in one turn
    desk.drain()
    assert [settle(f).status for f in jobs] == [200] * 32 + [409]
    assert heard.count("prompt_answers") == 1 and heard.count("room_questions") == 1
    assert len(store.workshop.prompt_answers) == 30 and question(store, "rq1").upvotes == 3

    real_put = store.put
    calls = {"n": 0}

    def failing_put(record, position=None):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real_put(record, position)

    monkeypatch.setattr(store, "put", failing_put)
    failed = [desk.submit(PromptAnswerJob("p3", "q1", f"Lost {n}"), f"fail-key-{n}") for n in range(3)]
    failed.append(desk.submit(UpvoteJob("p3", "rq1"), "fail-upvote"))
    desk.drain()
    assert [settle(f).status for f in failed] == [503] * 4
    assert len(store.workshop.prompt_answers) == 30 and question(store, "rq1").upvotes == 3
    assert desk.answers_sent("p3", "q1") == 6 and not desk.has_upvoted("p3", "rq1")
    monkeypatch.setattr(store, "put", real_put)
    retried = desk.submit(UpvoteJob("p3", "rq1"), "fail-upvote")  # the phone's resend: a new attempt
    desk.drain()
    assert settle(retried).status == 200 and question(store, "rq1").upvotes == 4
    desk.close()


def test_inside_the_app_the_screens_hear_answers_questions_and_upvotes(store: WorkshopFile, qtbot):
    """The app's desk drains on Qt's thread; the screens hear "prompt_answers" and "room_questions"
    (coalesced like "votes") once the file holds what the phones sent."""
    from concurrent.futures import ThreadPoolExecutor

    from okr_workshop.ui.context import WorkshopContext
    from okr_workshop.ui.room_link import RoomLink

    ctx = WorkshopContext(store)
    link = RoomLink(ctx)
    heard: list[tuple[str, int, int]] = []  # (section, answers then, rq1's upvotes then)
    ctx.changed.connect(lambda s: heard.append((s, len(ctx.workshop.prompt_answers), question(store, "rq1").upvotes)))
    session = link.start("127.0.0.1", 0)
    try:
        client = Client(session.server.port)
        codes = {pid: code for pid, _, code in session.join_codes()}
        with ThreadPoolExecutor(3) as pool:  # the HTTP calls wait on Qt's thread: not from it
            sent = [pool.submit(lambda: answer(client, client.join(codes["p1"]), "q1", "From the app", "app-key-1")),
                    pool.submit(lambda: upvote(client, client.join(codes["p2"]), "rq1", "app-key-2")),
                    pool.submit(lambda: ask(client, client.join(codes["p3"]), "Asked in the app", "app-key-3"))]
            qtbot.waitUntil(lambda: all(f.done() for f in sent), timeout=10_000)
        assert [f.result().status for f in sent] == [200, 200, 200]
        qtbot.waitUntil(lambda: any(s == "prompt_answers" and n == 1 for s, n, _ in heard) and any(
            s == "room_questions" and up == 3 for s, _, up in heard), timeout=5000)
        assert store.workshop.room_questions[-1].text == "Asked in the app"
    finally:
        link.stop()
