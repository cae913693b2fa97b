"""The pack's fonts: DejaVu found without importing matplotlib, runs of CJK set in the fallback,
and text DejaVu cannot set never dropped."""

from __future__ import annotations

import subprocess
import sys

import pytest

from okr_workshop.export import fonts


def test_dejavu_is_found_without_importing_matplotlib():
    """Locating and registering the fonts leaves matplotlib unimported (the CLI stays fast)."""
    probe = ("import sys\n"
             "from okr_workshop.export import fonts\n"
             "fonts.register()\n"
             "print(fonts.dejavu_folder())\n"
             "print('matplotlib' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    folder, imported = out.stdout.split()
    assert imported == "False"
    assert folder.endswith(("mpl-data/fonts/ttf", "truetype/dejavu"))


def test_latin_greek_and_cyrillic_stay_in_dejavu():
    for text in ("Łukasz Wierzbicki", "Ελένη Παπαδοπούλου", "Дмитрий Волков", "Søren Ó Briain ✓ → ⚠"):
        assert fonts.runs(text) == ((True, text),)
        assert fonts.markup(text) == text.replace("&", "&amp;")


@pytest.mark.skipif(not fonts.fallback_available(), reason="Droid Sans Fallback (fonts-droid-fallback) missing")
def test_japanese_runs_go_to_the_fallback_font():
    assert fonts.runs("Marketing: 田中 愛子") == ((True, "Marketing: "), (False, "田中"), (True, " "), (False, "愛子"))
    assert fonts.markup("田中 & co") == f'<font face="{fonts.FALLBACK}">田中</font> &amp; co'


def test_without_a_fallback_font_the_text_is_kept(monkeypatch: pytest.MonkeyPatch):
    """No Droid Sans Fallback on the system: CJK stays in DejaVu (boxes on paper, as the README
    says) rather than disappearing."""
    monkeypatch.setattr(fonts, "_state", {k: v for k, v in fonts._state.items() if not k.startswith("fallback")})
    monkeypatch.setattr(fonts, "FALLBACK_FILES", ())
    fonts.runs.cache_clear()
    try:
        assert fonts.runs("田中") == ((True, "田中"),)
        assert fonts.markup("a < 田中") == "a &lt; 田中"
    finally:
        fonts.runs.cache_clear()


def test_markup_escapes_what_paragraphs_would_read_as_tags():
    assert fonts.markup("<b>R&D</b>") == "&lt;b&gt;R&amp;D&lt;/b&gt;"
    assert fonts.markup(None) == "" and fonts.markup("") == ""
