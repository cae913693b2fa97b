"""The phone page in real Chromium: join, a dot vote, a ranking vote, the alignment check and "I abstain".

Debian's chromium driven by Playwright (never ``playwright install``: nothing is downloaded).
The connection is made flaky on purpose: one answer is lost after the ballot was stored, and one
ballot is sent while offline and resumed after a reload. The file must hold exactly the ballots cast.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from okr_workshop.room.api import NAME_IN_USE
from okr_workshop.room.session import HeadlessRoom
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import Client, needs_chromium

pytestmark = needs_chromium


def file_ballots(path: Path) -> list[tuple[str, str | None, str]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT vote, participant, scores FROM ballots").fetchall())
    finally:
        conn.close()


def test_a_phone_joins_votes_twice_answers_and_the_file_holds_exactly_that(browser, store: WorkshopFile,
                                                                          tmp_path: Path):
    """Join with a personal code, a dots ballot (its answer lost once), a ranking sent offline and resumed
    after a reload, the three answers and "I abstain" on the rating vote; the points vote is one the person
    sits out. Exactly two ballots, one abstention and three answers are stored."""
    v3 = next(v for v in store.workshop.votes if v.id == "v3")
    store.put(dataclasses.replace(v3, opted_out=["p1"]))
    with HeadlessRoom(store, "127.0.0.1", 0) as room:
        code = {pid: c for pid, _, c in room.session.join_codes()}["p1"]
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
        page.set_default_timeout(10_000)
        page.goto(room.session.url())

        page.fill("#code", code.lower())
        page.click("#join")
        page.wait_for_selector("text=Hello, Zoë Åberg")
        assert "You sit this one out" in page.inner_text("[data-card=v3]")
        assert page.locator("[data-card=v3] button").count() == 0

        # Dots, with a cap of 3: the third dot on one item cannot be added, the fourth is refused by the page.
        lost = {"count": 0}

        def lose_first_answer(route):
            response = route.fetch()  # the laptop stores the ballot...
            if lost["count"] == 0:
                lost["count"] += 1
                route.abort()  # ...but the phone never hears back, and sends again with the same key
            else:
                route.fulfill(response=response)

        page.route("**/api/ballot", lose_first_answer)
        page.click("button[data-vote=v1]")
        for item, times in (("pr2", 3), ("pr4", 1)):
            for _ in range(times):
                page.click(f"button[data-item={item}][data-step='1']")
        assert page.is_disabled("button[data-item=pr2][data-step='1']")  # the cap of 3
        assert "1 of 5 dots left" in page.inner_text("#status")
        page.click("button[data-item=pr2][data-step='-1']")
        page.click("#submit")
        page.wait_for_selector("#received", timeout=15_000)
        assert lost["count"] == 1
        page.unroute("**/api/ballot")

        # Ranking, sent while the network is down; a reload resumes it with the same key.
        page.click("text=Back to the votes")
        page.click("button[data-vote=v2]")
        page.click("button[data-up=pr3]")
        page.click("button[data-up=pr3]")
        page.click("button[data-down=pr1]")
        page.route("**/api/ballot", lambda route: route.abort())
        page.click("#submit")
        page.wait_for_selector("text=still trying")
        page.unroute("**/api/ballot")
        page.reload()
        page.wait_for_selector("#received")

        # The private alignment check: tick a candidate, type two of your own.
        page.click("text=Back to the votes")
        page.click("#check")
        page.click("button[data-option='Priority 2']")
        page.fill("#own", "Hire a COO")
        page.click("#add")
        page.click("#next")
        page.fill("#own", "Office move")
        page.press("#own", "Enter")
        page.click("#next")
        page.fill("#own", "Data team → Sales")
        page.click("#next")  # what is typed but not added counts, as on the laptop
        assert "Hire a COO" in page.inner_text("main")
        page.click("#confirm")
        page.wait_for_selector("#received")

        page.click("text=Back to the votes")
        page.wait_for_selector("text=✓ Answered")
        assert page.locator("text=✓ You have voted").count() == 2

        # "I abstain": on a vote already cast it needs a second tap; on the rating vote it is sent at once.
        page.click("button[data-abstain=v1]")
        assert "Tap again" in page.inner_text("button[data-abstain=v1]")
        page.click("button[data-abstain=v4]")
        page.wait_for_selector("#received")
        assert page.inner_text("#received") == "Received — you abstained"
        page.click("text=Back to the votes")
        page.wait_for_selector("[data-card=v4] >> text=✓ You abstained")
        assert page.locator("button[data-abstain=v4]").count() == 0
        assert page.locator("text=✓ You have voted").count() == 2
        page.close()

    store.close()  # secret ballots may wait in memory until the file closes
    assert file_ballots(store.path) == [
        ("v1", None, '{"pr2": 2, "pr4": 1}'),
        ("v2", None, '{"pr1": 3, "pr2": 2, "pr3": 1, "pr4": 4}'),
        ("v4", None, "{}"),
    ]
    voters = sqlite3.connect(store.path).execute("SELECT vote, participant FROM voters ORDER BY vote").fetchall()
    assert voters == [("v1", "p1"), ("v2", "p1"), ("v4", "p1")]
    assert {a.question: a.items for a in store.workshop.alignment_answers if a.participant == "p1"} == {
        "top_priorities": ["Priority 2", "Hire a COO"], "stop_or_wait": ["Office move"],
        "dependencies": ["Data team → Sales"]}


def test_a_name_already_joined_shows_name_in_use(browser, store: WorkshopFile):
    """Someone joined with their personal code; picking their name with the room code (typed grouped and in
    lower case) shows exactly "That name is already in use: ask the facilitator" and joins nothing."""
    with HeadlessRoom(store, "127.0.0.1", 0) as room:
        code = {pid: c for pid, _, c in room.session.join_codes()}["p2"]
        Client(room.session.server.port).join(code)
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        page.set_default_timeout(10_000)
        page.goto(room.session.url())
        page.fill("#room", room.session.room_code.lower())
        page.click("#show-names")
        page.click("#names >> text=山田 太郎")
        page.wait_for_selector(f"text={NAME_IN_USE}")
        assert page.inner_text("p.error").strip() == NAME_IN_USE
        assert room.session.joined()["p2"].devices == 1
        page.close()
