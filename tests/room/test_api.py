"""The room's API on 127.0.0.1: joining, reading, voting, re-voting, answering, and stopping."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
import socket
import sqlite3

import pytest

from okr_workshop.domain import model as m
from okr_workshop.domain.room_rules import not_voted
from okr_workshop.domain.voting import tally
from okr_workshop.room.session import HeadlessRoom
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import TIMEOUT, Client

RANKING = {"pr1": 2, "pr2": 1, "pr3": 4, "pr4": 3}


def vote(store: WorkshopFile, vote_id: str) -> m.Vote:
    return next(v for v in store.workshop.votes if v.id == vote_id)


def test_join_by_personal_code_or_by_room_code_and_name(client: Client, codes, room: HeadlessRoom):
    """A personal code (any case, with spaces) or the room code plus a name from the list gives a token."""
    typed = " ".join(codes["p2"].lower())
    reply = client.request("POST", "/api/join", {"code": typed})
    assert reply.status == 200 and reply.data["participant"] == {"id": "p2", "name": "山田 太郎"}
    assert client.request("POST", "/api/people", {"room": "nope"}).status == 403
    people = client.request("POST", "/api/people", {"room": room.session.room_code.lower()})
    assert [p["id"] for p in people.data["people"]] == ["p1", "p2", "p3", "p4", "p5"]
    joined = client.request("POST", "/api/join", {"room": room.session.room_code, "participant": "p5"})
    assert joined.status == 200 and joined.data["participant"]["name"] == "Dept Head"
    me = client.request("GET", "/api/me", token=joined.data["token"]).data
    assert [v["id"] for v in me["votes"]] == ["v1", "v2", "v3", "v4", "v5"]
    assert me["votes"][4]["closed"] and not me["votes"][0]["voted"]
    assert me["votes"][0]["items"][0] == {"id": "pr1", "title": "Priority 1"}
    assert [q["id"] for q in me["check"]["questions"]] == list(m.QUESTIONS)
    assert me["check"]["questions"][0]["candidates"] == [f"Priority {i}" for i in range(1, 5)]
    assert me["check"]["questions"][2]["candidates"] == []


def test_a_resent_ballot_is_counted_once(client: Client, codes, store: WorkshopFile):
    """The same request key sent three times (a flaky connection) stores one ballot and says received each time."""
    token = client.join(codes["p1"])
    replies = [client.ballot(token, "v1", {"pr1": 2, "pr2": 1}, "flaky-wifi-1") for _ in range(3)]
    assert [r.status for r in replies] == [200, 200, 200]
    assert all(r.data["status"] == "received" for r in replies)
    assert [b.scores for b in vote(store, "v1").ballots] == [{"pr1": 2, "pr2": 1}]
    assert client.request("GET", "/api/me", token=token).data["votes"][0]["voted"]


def test_revoting_replaces_a_secret_ballot_and_keeps_it_unlinkable(client: Client, codes, store: WorkshopFile):
    """A second ballot with a new key replaces the first; the file holds one ballot without a name."""
    one, two = client.join(codes["p1"]), client.join(codes["p2"])
    assert client.ballot(one, "v2", RANKING, "rank-p1-first").status == 200
    assert client.ballot(two, "v2", {"pr1": 1, "pr2": 2, "pr3": 3, "pr4": 4}, "rank-p2-first").status == 200
    changed = client.ballot(one, "v2", {"pr1": 4, "pr2": 3, "pr3": 2, "pr4": 1}, "rank-p1-second")
    assert changed.status == 200 and changed.data["replaced"] is True
    v2 = vote(store, "v2")
    assert sorted(b.scores["pr1"] for b in v2.ballots) == [1, 4]
    assert v2.voted == ["p1", "p2"] and all(b.participant is None for b in v2.ballots)
    store.close()  # secret ballots may wait in memory until the file closes
    rows = sqlite3.connect(store.path).execute("SELECT participant FROM ballots WHERE vote = 'v2'").fetchall()
    assert rows == [(None,), (None,)]


def test_revoting_an_open_ballot_keeps_the_name(client: Client, codes, store: WorkshopFile):
    """In an open vote the replacement keeps the voter's name; only the device that cast a ballot replaces it."""
    phone, tablet = client.join(codes["p4"]), client.join(codes["p4"])
    assert client.ballot(phone, "v3", {"pr1": 100}, "points-first-1").status == 200
    other = client.ballot(tablet, "v3", {"pr1": 50, "pr4": 50}, "points-second-1")
    assert other.status == 409 and other.data["error"] == "other_device"
    assert client.ballot(phone, "v3", {"pr1": 50, "pr4": 50}, "points-second-2").status == 200
    assert [(b.participant, b.scores) for b in vote(store, "v3").ballots] == [("p4", {"pr1": 50, "pr4": 50})]


def test_answers_are_stored_as_the_laptop_stores_them(client: Client, codes, store: WorkshopFile):
    """Items are trimmed, blanks and repeats dropped; answering again replaces; the wrong shape is 422."""
    token = client.join(codes["p3"])
    answers = {"top_priorities": ["Priority 1", "  Win in Poland ", "win in poland", ""],
               "stop_or_wait": [], "dependencies": ["Data team → Sales"]}
    assert client.request("POST", "/api/answers", {"answers": answers, "key": "answers-one"}, token).status == 200
    own = {a.question: a.items for a in store.workshop.alignment_answers if a.participant == "p3"}
    assert own == {"top_priorities": ["Priority 1", "Win in Poland"], "stop_or_wait": [],
                   "dependencies": ["Data team → Sales"]}
    answers["top_priorities"] = ["Priority 2"]
    assert client.request("POST", "/api/answers", {"answers": answers, "key": "answers-two"}, token).status == 200
    assert [a.items for a in store.workshop.alignment_answers if a.participant == "p3"][0] == ["Priority 2"]
    me = client.request("GET", "/api/me", token=token).data
    assert me["check"]["answered"] and me["check"]["answers"]["top_priorities"] == ["Priority 2"]
    for bad in ({"top_priorities": []}, {**answers, "other": []}, {**answers, "stop_or_wait": "x"},
                {**answers, "dependencies": ["x" * 201]}):
        assert client.request("POST", "/api/answers", {"answers": bad, "key": "answers-bad"}, token).status == 422


def test_leaving_forgets_the_device(client: Client, codes):
    """After leave, the token opens nothing; joining again gives a new one."""
    token = client.join(codes["p1"])
    assert client.request("POST", "/api/leave", {}, token).status == 200
    assert client.request("GET", "/api/me", token=token).status == 401
    assert client.join(codes["p1"]) != token


def test_the_page_is_self_contained_and_locked_down(client: Client):
    """The page loads nothing from elsewhere; its CSP allows exactly its own inline script and style."""
    reply = client.request("GET", "/")
    page = reply.data.decode("utf-8")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    assert not re.search(r"(src|href)\s*=\s*[\"'](?!data:)", page), "no external script, style, font or image"
    assert "http://" not in page and "https://" not in page
    csp = reply.headers["content-security-policy"]
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert reply.headers["cache-control"] == "no-store" and reply.headers["x-content-type-options"] == "nosniff"


def test_stopping_frees_the_port_and_drops_open_connections(store: WorkshopFile):
    """After stop nothing listens: a kept-alive connection is closed and the port can be bound again."""
    room = HeadlessRoom(store, "127.0.0.1", 0).start()
    port = room.session.server.port
    kept = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    kept.sendall(b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    kept.settimeout(2)
    answer = kept.recv(4096)
    while b'"not_joined"' not in answer:
        answer += kept.recv(4096)
    room.stop()
    assert kept.recv(4096) == b""  # closed by the server, not left hanging (a hang would time out)
    kept.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    with socket.socket() as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


def test_i_abstain_is_a_ballot_with_no_scores_counted_apart(client: Client, codes, store: WorkshopFile):
    """{"scores": {}} is received for every method, stored as an abstention and tallied apart; /api/me says so."""
    one, two = client.join(codes["p1"]), client.join(codes["p2"])
    for vote_id in ("v1", "v2", "v3", "v4"):
        reply = client.ballot(one, vote_id, {}, f"abstain-{vote_id}-1")
        assert reply.status == 200 and reply.data == {"status": "received", "vote": vote_id, "replaced": False}
    assert client.ballot(two, "v2", RANKING, "rank-p2-real").status == 200
    v2 = vote(store, "v2")
    assert sorted(map(len, (b.scores for b in v2.ballots))) == [0, 4] and v2.voted == ["p1", "p2"]
    result = tally(v2)
    assert result.abstentions == 1 and result.turnout == 1
    assert [row["item"] for row in result.ranking][0] == "pr2"  # the abstention moves no item
    mine = {v["id"]: v for v in client.request("GET", "/api/me", token=one).data["votes"]}
    assert all(mine[v]["voted"] and mine[v]["abstained"] for v in ("v1", "v2", "v3", "v4"))
    theirs = {v["id"]: v for v in client.request("GET", "/api/me", token=two).data["votes"]}
    assert theirs["v2"]["voted"] and not theirs["v2"]["abstained"] and not theirs["v1"]["voted"]


def test_an_abstention_replaced_by_a_real_ballot_counts_once(client: Client, codes, store: WorkshopFile):
    """Abstain, then vote for real (and back): one ballot per person, secret or open, the last one counting."""
    token = client.join(codes["p3"])
    assert client.ballot(token, "v4", {}, "scale-abstain-1").status == 200
    real = client.ballot(token, "v4", {"pr1": 5, "pr2": 4, "pr3": 3, "pr4": 1}, "scale-real-1")
    assert real.status == 200 and real.data["replaced"] is True
    v4 = vote(store, "v4")
    assert [b.scores for b in v4.ballots] == [{"pr1": 5, "pr2": 4, "pr3": 3, "pr4": 1}] and v4.voted == ["p3"]
    assert tally(v4).abstentions == 0 and tally(v4).turnout == 1
    me = {v["id"]: v for v in client.request("GET", "/api/me", token=token).data["votes"]}
    assert me["v4"]["voted"] and not me["v4"]["abstained"]
    assert client.ballot(token, "v3", {"pr1": 100}, "points-real-1").status == 200
    assert client.ballot(token, "v3", {}, "points-abstain-1").data["replaced"] is True
    assert [(b.participant, b.scores) for b in vote(store, "v3").ballots] == [("p3", {})]
    assert tally(vote(store, "v3")).abstentions == 1


def test_someone_who_sits_a_vote_out_is_refused_and_not_waited_for(client: Client, codes, store: WorkshopFile):
    """403 "opted_out" before anything is stored, for a ballot and an abstention; the phone is told; the
    facilitator's "not voted yet" list leaves them out. A closed vote is still 409 "closed"."""
    token = client.join(codes["p2"])
    store.put(dataclasses.replace(vote(store, "v1"), opted_out=["p2"]))
    for scores in ({"pr1": 1}, {}):
        reply = client.ballot(token, "v1", scores, f"sits-out-{len(scores)}-1")
        assert reply.status == 403 and reply.data == {"error": "opted_out", "message": "You sit this vote out."}
    assert vote(store, "v1").ballots == [] and vote(store, "v1").voted == []
    me = {v["id"]: v for v in client.request("GET", "/api/me", token=token).data["votes"]}
    assert me["v1"]["sits_out"] and not me["v1"]["voted"] and not me["v2"]["sits_out"]
    assert "opted_out" not in me["v1"]  # a phone learns about its own person only
    other = client.join(codes["p1"])
    assert not client.request("GET", "/api/me", token=other).data["votes"][0]["sits_out"]
    assert not_voted(store.workshop, vote(store, "v1")) == ["p1", "p3", "p4", "p5"]
    assert not_voted(store.workshop, vote(store, "v2")) == ["p1", "p2", "p3", "p4", "p5"]
    for scores in ({"pr1": 1}, {}):
        closed = client.ballot(token, "v5", scores, f"closed-{len(scores)}-1")
        assert closed.status == 409 and closed.data["error"] == "closed"
    assert vote(store, "v5").ballots == []
