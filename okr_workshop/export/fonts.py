"""The pack's fonts: DejaVu Sans, embedded, and a fallback for the scripts DejaVu lacks.

DejaVu Sans covers Latin, Greek and Cyrillic. matplotlib ships it (regular, bold and oblique
are used) in ``mpl-data/fonts/ttf``; that folder is found through the import system
without importing matplotlib, so the command line stays fast. A Debian system copy is the
second choice. Characters DejaVu has no glyph for (Japanese, Chinese, Korean) are set in Droid
Sans Fallback when the system has it (Debian's ``fonts-droid-fallback``); it is registered only
when a text needs it. Without it such characters print as empty boxes. reportlab does no bidi
reordering, so Hebrew and Arabic come out in reversed order: see the README.

reportlab embeds only the glyphs used (a subset), so the PDF stays small.
"""

from __future__ import annotations

import importlib.util
import threading
from functools import lru_cache
from pathlib import Path

FAMILY = "PackSans"
REGULAR, BOLD, OBLIQUE = FAMILY, f"{FAMILY}-Bold", f"{FAMILY}-Oblique"
FALLBACK = "PackFallback"

FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
}
SYSTEM_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FALLBACK_FILES = (
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/truetype/droid/DroidSansFallback.ttf"),
)

_lock = threading.Lock()  # the GUI builds the pack in a worker thread
_state: dict[str, object] = {}


class FontsMissing(RuntimeError):
    """No copy of DejaVu Sans was found: the pack cannot be set."""


def dejavu_folder() -> Path:
    """The folder holding DejaVuSans*.ttf: matplotlib's bundled copy, else the system's."""
    spec = importlib.util.find_spec("matplotlib")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "mpl-data" / "fonts" / "ttf"
        if all((folder / name).is_file() for name in FILES.values()):
            return folder
    if all((SYSTEM_DEJAVU / name).is_file() for name in FILES.values()):
        return SYSTEM_DEJAVU
    raise FontsMissing("DejaVu Sans was not found (neither matplotlib's copy nor /usr/share/fonts)")


def register() -> None:
    """Register the DejaVu family once per process (safe to call from any thread)."""
    with _lock:
        if "dejavu" in _state:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics

        from . import font_cache

        folder = dejavu_folder()
        for name, file in FILES.items():
            pdfmetrics.registerFont(font_cache.load(name, folder / file))
        # Bold oblique is never used on its own; <b><i> sets bold (one font file fewer to parse).
        for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, OBLIQUE), (1, 1, BOLD)):
            addMapping(FAMILY, bold, italic, name)
        _state["cmap"] = frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph)
        # The same as characters, with the white space a text may hold: one C-speed subset test
        # tells whether DejaVu sets a whole text (the pack asks for every paragraph).
        _state["chars"] = frozenset(map(chr, _state["cmap"])) | frozenset("\n\t ")  # type: ignore[call-overload]
        _state["dejavu"] = True


def fallback_available() -> bool:
    return any(p.is_file() for p in FALLBACK_FILES)


def _register_fallback() -> bool:
    """Droid Sans Fallback, registered on first need; False when the system lacks it."""
    with _lock:
        if "fallback" in _state:
            return bool(_state["fallback"])
        path = next((p for p in FALLBACK_FILES if p.is_file()), None)
        if path is not None:
            from reportlab.lib.fonts import addMapping
            from reportlab.pdfbase import pdfmetrics

            from . import font_cache

            font = font_cache.load(FALLBACK, path)
            pdfmetrics.registerFont(font)
            for bold in (0, 1):  # no bold or italic face: <b> inside a fallback run keeps the one face
                for italic in (0, 1):
                    addMapping(FALLBACK, bold, italic, FALLBACK)
            _state["fallback_cmap"] = frozenset(font.face.charToGlyph)
        _state["fallback"] = path is not None
        return path is not None


def _covered(char: str) -> bool:
    return ord(char) in _state["cmap"] or char in "\n\t "  # type: ignore[operator]


@lru_cache(maxsize=4096)
def runs(text: str) -> tuple[tuple[bool, str], ...]:
    """``text`` cut into runs: (True, run) for what DejaVu sets, (False, run) for what needs the
    fallback font. One run of (True, text) when DejaVu covers all of it."""
    register()
    if _state["chars"].issuperset(text):  # type: ignore[attr-defined]
        return ((True, text),) if text else ()
    if not _register_fallback():
        return ((True, text),)  # boxes, as the README says; better than dropping the text
    fallback = _state["fallback_cmap"]
    out: list[tuple[bool, str]] = []
    for char in text:
        main = _covered(char) or ord(char) not in fallback  # type: ignore[operator]
        if out and out[-1][0] == main:
            out[-1] = (main, out[-1][1] + char)
        else:
            out.append((main, char))
    return tuple(out)


def escape(text: str) -> str:
    """``text`` safe inside a Paragraph's markup: what xml.sax.saxutils.escape does, without
    importing it (it pulls in urllib, http and ssl: a twentieth of a second at every start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str | None) -> str:
    """``text`` escaped for a reportlab Paragraph, with runs DejaVu cannot set in the fallback font."""
    if not text:
        return ""
    parts = runs(text)
    if len(parts) == 1 and parts[0][0]:
        return escape(text)
    return "".join(escape(run) if main else f'<font face="{FALLBACK}">{escape(run)}</font>' for main, run in parts)


def font_for(main: bool, bold: bool = False) -> str:
    """The registered font name for a run from ``runs``."""
    if not main:
        return FALLBACK
    return BOLD if bold else REGULAR


def string_width(text: str, size: float, bold: bool = False) -> float:
    """The printed width of ``text`` in points, fallback runs included."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(run, font_for(main, bold), size) for main, run in runs(text))
