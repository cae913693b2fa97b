"""The room's voice on the phone page in real Chromium: answer a prompt twice, ask a question, upvote
it from a second phone, and a department head's alignment check; then what the file holds.

Debian's chromium driven by Playwright (never ``playwright install``: nothing is downloaded).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from okr_workshop.room.session import HeadlessRoom
from okr_workshop.store.workshop_file import WorkshopFile

from .conftest import needs_chromium, voice_workshop

pytestmark = needs_chromium


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopFile]:
    with WorkshopFile.create(tmp_path / "voice.okrw", voice_workshop()) as f:
        yield f


def phone(browser, url: str, code: str, name: str):
    """A phone of its own (its own storage) joined with a personal code."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page.set_default_timeout(10_000)
    page.goto(url)
    page.fill("#code", code)
    page.click("#join")
    page.wait_for_selector(f"text=Hello, {name}")
    return page


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_phones_answer_ask_upvote_and_a_department_head_checks(browser, store: WorkshopFile):
    """Two answers to the anonymous prompt and one to the named one, an anonymous question upvoted from
    another phone (which never sees who asked), and the three questions from a department head."""
    with HeadlessRoom(store, "127.0.0.1", 0) as room:
        codes = {pid: c for pid, _, c in room.session.join_codes()}
        url = room.session.url()

        first = phone(browser, url, codes["p1"], "Zoë Åberg")
        assert first.locator("[data-prompt-card]").count() == 2  # the closed prompt is not offered
        assert "Anonymous" in first.inner_text("#sent-q1") and "name is kept" in first.inner_text("#sent-q2")
        first.fill("#answer-q1", "Fewer status meetings")
        first.click("button[data-send=q1]")
        first.wait_for_selector("#sent-q1 >> text=Sent — add another (1 answer sent)")
        assert first.input_value("#answer-q1") == ""
        first.fill("#answer-q1", "The weekly deck")
        first.press("#answer-q1", "Enter")
        first.wait_for_selector("#sent-q1 >> text=(2 answers sent)")
        first.fill("#answer-q2", "Churn in the north")
        first.click("button[data-send=q2]")
        first.wait_for_selector("#sent-q2 >> text=(1 answer sent)")

        assert not first.is_checked("#named")  # anonymous unless ticked
        first.fill("#question", "When do we decide on pricing?")
        first.click("#ask")
        first.wait_for_selector("#asked >> text=Question posted, without your name.")
        mine = first.locator("[data-question=rq5]")
        assert "Your question (anonymous)" in mine.inner_text()
        assert first.input_value("#question") == ""

        second = phone(browser, url, codes["p3"], "Ελένη Π.")
        theirs = second.locator("[data-question=rq5]")
        assert "pricing" in theirs.inner_text() and "Zoë" not in theirs.inner_text()
        assert "From 山田 太郎" in second.inner_text("[data-question=rq2]")  # a named question says who
        second.click("button[data-upvote=rq5]")
        second.wait_for_selector("button[data-upvote=rq5][aria-pressed=true]")
        assert second.is_disabled("button[data-upvote=rq5]")
        assert second.inner_text("button[data-upvote=rq5]") == "✓ 1"
        assert not second.is_disabled("button[data-upvote=rq1]")

        head = phone(browser, url, codes["p5"], "Dept Head")
        head.click("#check")
        head.click("button[data-option='Priority 3']")
        head.click("#next")
        head.fill("#own", "Office move")
        head.click("#next")
        head.click("#next")
        head.click("#confirm")
        head.wait_for_selector("#received")
        for page in (first, second, head):
            page.close()

    store.close()
    answers = rows(store.path, "SELECT prompt, participant, text FROM prompt_answers")
    assert sorted(answers, key=str) == sorted([("q1", None, "Fewer status meetings"), ("q1", None, "The weekly deck"),
                                              ("q2", "p1", "Churn in the north")], key=str)
    assert rows(store.path, "SELECT asked_by, upvotes, text FROM room_questions WHERE id = 'rq5'") == [
        (None, 1, "When do we decide on pricing?")]
    assert rows(store.path, "SELECT question, items FROM alignment_answers WHERE participant = 'p5' "
                            "ORDER BY question") == [
        ("dependencies", "[]"), ("stop_or_wait", '["Office move"]'), ("top_priorities", '["Priority 3"]')]
