"""A name already joined cannot be taken with the room code; only the device that cast a ballot replaces it;
the facilitator's console sees who joined and can release or reassign a name."""

from __future__ import annotations

from okr_workshop.room.api import NAME_IN_USE
from okr_workshop.room.codes import BY_PERSONAL_CODE, BY_ROOM_CODE
from okr_workshop.room.session import HeadlessRoom
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import Client

RANKING = {"pr1": 2, "pr2": 1, "pr3": 4, "pr4": 3}


def join_by_room(client: Client, room: HeadlessRoom, who: str):
    return client.request("POST", "/api/join", {"room": room.session.room_code, "participant": who})


def ballots(store: WorkshopFile, vote_id: str):
    return next(v for v in store.workshop.votes if v.id == vote_id).ballots


def test_a_joined_name_cannot_be_taken_with_the_room_code(client: Client, codes, room: HeadlessRoom,
                                                          store: WorkshopFile):
    """q5 joined with a personal code: the room code plus that name is 409 name_in_use, and nothing the
    impostor could send replaces the ballot. The personal code still works (it is the person's secret)."""
    owner = client.join(codes["p1"])
    assert client.ballot(owner, "v1", {"pr1": 2}, "owner-ballot-1").status == 200
    taken = join_by_room(client, room, "p1")
    assert taken.status == 409 and taken.data == {"error": "name_in_use", "message": NAME_IN_USE}
    assert NAME_IN_USE == "That name is already in use: ask the facilitator"
    assert [b.scores for b in ballots(store, "v1")] == [{"pr1": 2}]
    first = join_by_room(client, room, "p2")  # a name nobody joined yet: the room code works once
    assert first.status == 200
    assert join_by_room(client, room, "p2").status == 409  # ...and not a second time
    assert client.join(codes["p2"])  # the personal code still does


def test_only_the_device_that_voted_replaces_its_ballot(client: Client, codes, store: WorkshopFile):
    """A second token of the same person cannot replace a ballot, secret or open: 409 other_device."""
    phone, tablet = client.join(codes["p4"]), client.join(codes["p4"])
    for vote_id, first, second in (("v2", RANKING, {"pr1": 1, "pr2": 2, "pr3": 3, "pr4": 4}),
                                   ("v3", {"pr1": 100}, {"pr2": 100})):
        assert client.ballot(phone, vote_id, first, f"phone-{vote_id}-1").status == 200
        other = client.ballot(tablet, vote_id, second, f"tablet-{vote_id}-1")
        assert other.status == 409 and other.data["error"] == "other_device", other
        assert client.ballot(tablet, vote_id, {}, f"tablet-{vote_id}-2").status == 409  # an abstention too
        assert [b.scores for b in ballots(store, vote_id)] == [first]
        again = client.ballot(phone, vote_id, second, f"phone-{vote_id}-2")
        assert again.status == 200 and again.data["replaced"] is True
        assert [b.scores for b in ballots(store, vote_id)] == [second]


def test_the_console_lists_joins_and_can_release_or_reassign(client: Client, codes, room: HeadlessRoom):
    """joined() says how many devices and how they joined; release frees the name for the room code;
    reassign also retires the personal code and issues a new one."""
    session = room.session
    phone, tablet = client.join(codes["p1"]), client.join(codes["p1"])
    assert join_by_room(client, room, "p2").status == 200
    joined = session.joined()
    assert set(joined) == {"p1", "p2"}
    assert joined["p1"].devices == 2 and joined["p1"].via == (BY_PERSONAL_CODE,)
    assert joined["p2"].devices == 1 and joined["p2"].via == (BY_ROOM_CODE,)

    assert session.release("p1") == 2
    assert "p1" not in session.joined()
    for token in (phone, tablet):
        assert client.request("GET", "/api/me", token=token).status == 401
    assert join_by_room(client, room, "p1").status == 200  # free again
    assert client.join(codes["p1"])  # the personal code is unchanged by a release

    new_code = session.reassign("p2")
    assert new_code != codes["p2"] and "p2" not in session.joined()
    assert client.request("POST", "/api/join", {"code": codes["p2"]}).status == 403  # retired
    assert client.join(new_code)
    assert dict((pid, c) for pid, _, c in session.join_codes())["p2"] == new_code
