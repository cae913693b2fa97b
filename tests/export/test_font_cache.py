"""Parsed fonts kept between runs: the same font as a fresh parse, and a damaged cache costs
only the parse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from okr_workshop.export import font_cache, fonts

from .conftest import qpdf_check


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    return font_cache.cache_folder()


def _regular() -> Path:
    return fonts.dejavu_folder() / fonts.FILES[fonts.REGULAR]


def _same(a: TTFont, b: TTFont) -> None:
    left = {k: v for k, v in vars(a.face).items() if k != "_pdfScale"}
    right = {k: v for k, v in vars(b.face).items() if k != "_pdfScale"}
    assert left == right
    assert sorted(vars(a)) == sorted(vars(b))
    assert a.face._pdfScale(7) == b.face._pdfScale(7)
    assert a.stringWidth("Łukasz → Ελένη", 9) == b.stringWidth("Łukasz → Ελένη", 9)


def test_a_cached_font_is_the_parsed_font(cache_home: Path):
    parsed = TTFont("parsed", str(_regular()))
    first = font_cache.load("first", _regular())  # parses and keeps
    assert len(list(cache_home.glob("DejaVuSans-*.marshal"))) == 1
    again = font_cache.load("again", _regular())  # from the cache
    _same(parsed, first)
    _same(parsed, again)
    assert again.fontName == "again"


def test_a_damaged_cache_entry_is_parsed_again_and_replaced(cache_home: Path):
    font_cache.load("x", _regular())
    entry = next(cache_home.glob("DejaVuSans-*.marshal"))
    entry.write_bytes(b"\x00not a font")
    _same(TTFont("parsed", str(_regular())), font_cache.load("y", _regular()))
    assert entry.read_bytes() != b"\x00not a font"


def test_an_unwritable_cache_still_gives_the_font(cache_home: Path):
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("a file where the folder would go")
    _same(TTFont("parsed", str(_regular())), font_cache.load("z", _regular()))


def test_a_pack_set_from_cached_fonts_is_the_same_pack(tmp_path: Path):
    """Two fresh processes with one cache folder: the first parses and keeps the fonts, the second
    sets the pack from the cache. Both packs pass qpdf and read the same."""
    probe = ("import sys\n"
             "from okr_workshop.export.pdf_pack import build_pack\n"
             "sys.path.insert(0, sys.argv[2])\n"
             "from factories import demo_workshop\n"
             "build_pack(demo_workshop(), sys.argv[1])\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    packs = [tmp_path / "parsed.pdf", tmp_path / "cached.pdf"]
    for pack in packs:
        subprocess.run([sys.executable, "-c", probe, str(pack), str(Path(__file__).parent)], env=env, check=True,
                       cwd=Path(__file__).parents[2])
    assert len(list((tmp_path / "cache" / "okr-workshop" / "fonts").glob("*.marshal"))) >= 3
    texts = []
    for pack in packs:
        qpdf_check(pack)
        texts.append([page.extract_text() for page in PdfReader(str(pack)).pages])
    assert texts[0] == texts[1]
    assert "Ελένη Παπαδοπούλου" in " ".join(texts[1])


def test_an_older_entry_for_the_same_font_is_dropped(cache_home: Path):
    cache_home.mkdir(parents=True)
    stale = cache_home / "DejaVuSans-0000000000000000.marshal"
    stale.write_bytes(b"from an older reportlab")
    bold = fonts.dejavu_folder() / fonts.FILES[fonts.BOLD]
    font_cache.load("b", bold)
    font_cache.load("x", _regular())
    assert not stale.exists()
    assert len(list(cache_home.glob("DejaVuSans-????????????????.marshal"))) == 1
    assert len(list(cache_home.glob("DejaVuSans-Bold-*.marshal"))) == 1  # another font: kept


def test_a_reportlab_release_not_tested_with_parses_the_font_and_caches_nothing(cache_home, monkeypatch):
    """The cache rebuilds reportlab's font objects field by field, as the tested release makes
    them; any other release gets them made by reportlab itself."""
    import reportlab

    monkeypatch.setattr(reportlab, "Version", "9.9.9")
    font = font_cache.load("Untested", _regular())
    _same(font, TTFont("Untested", str(_regular())))
    assert not cache_home.exists() or not any(cache_home.iterdir())
