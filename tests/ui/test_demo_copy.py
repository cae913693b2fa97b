"""The demo's fresh copy: built from the JSON once per version, then copied from the cache."""

from __future__ import annotations

from okr_workshop.domain.validate import document_from_workshop
from okr_workshop.store.workshop_file import WorkshopFile
from okr_workshop.ui import demo


def content(path) -> dict:
    with WorkshopFile.open(path, read_only=True) as f:
        return document_from_workshop(f.workshop)


def test_the_second_copy_comes_from_the_cache_and_holds_the_same_workshop(monkeypatch):
    """First copy: built and cached. Second: copied (the JSON is not validated again), same content."""
    first = demo.make_demo_copy()
    cached = list(demo.cache_folder().glob("demo-*.okrw"))
    assert len(cached) == 1
    monkeypatch.setattr("okr_workshop.domain.validate.workshop_from_document",
                        lambda doc: (_ for _ in ()).throw(AssertionError("built again")))
    second = demo.make_demo_copy()
    assert second != first and second.parent != first.parent
    assert content(second) == content(first)
    assert content(second)["workshop"]["organisation"] == "Baltica Freightworks"


def test_a_damaged_cache_is_replaced_by_a_fresh_build():
    """A cached file that is not one of ours is never opened: the demo is built again, and cached again."""
    demo.make_demo_copy()
    (cached,) = demo.cache_folder().glob("demo-*.okrw")
    cached.write_bytes(b"not a workshop at all")
    copy = demo.make_demo_copy()
    assert content(copy)["workshop"]["organisation"] == "Baltica Freightworks"
    assert cached.read_bytes().startswith(b"SQLite format 3\0")
