"""How the pack looks: paper, margins, type, and the Okabe-Ito colours the app uses.

Okabe-Ito stays distinguishable for the common forms of colour blindness, and the pack never
relies on colour alone: every coloured cell or line also says what it means in words, a mark or
a line style. Tints are light enough for black text and still visible in greyscale print.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..palette import INK, MUTED, OKABE_ITO
from . import fonts

__all__ = ["INK", "MUTED", "OKABE_ITO"]  # the pack's modules take the palette from here
RULE = "#9CA3AF"
HEADER_FILL = "#E5E7EB"
ZEBRA = "#F6F7F9"
ACCENT = OKABE_ITO["blue"]

# Light tints (the matrix and the calendar use them behind black text).
TINTS = {
    "blue": "#C7E0F0",
    "vermillion": "#F7CDB0",
    "yellow": "#F7EE9E",
    "green": "#BFE6D8",
    "orange": "#F8DFA6",
    "sky": "#D3EAF8",
    "purple": "#F0D6E5",
}

PAPERS = ("a4", "letter")
MARGIN_MM = 18.0
HEADER_MM = 9.0  # from the top edge to the header's baseline
FOOTER_MM = 9.0


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # points, portrait
    height: float

    @property
    def landscape(self) -> tuple[float, float]:
        return self.height, self.width


def paper(name: str) -> Paper:
    from reportlab.lib.pagesizes import A4, LETTER

    key = name.lower()
    if key not in PAPERS:
        raise ValueError(f"unknown paper size {name!r} (a4 or letter)")
    size = A4 if key == "a4" else LETTER
    return Paper(key, size[0], size[1])


def margin() -> float:
    from reportlab.lib.units import mm

    return MARGIN_MM * mm


@lru_cache(maxsize=1)
def sheet() -> dict[str, object]:
    """The paragraph styles by name; built once (after the fonts are registered)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    fonts.register()
    ink, muted = HexColor(INK), HexColor(MUTED)
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=9.5, leading=13, textColor=ink,
                          spaceAfter=4, alignment=TA_LEFT, bulletFontName=fonts.REGULAR)

    def style(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "small": style("small", fontSize=8, leading=10.5),
        "muted": style("muted", fontSize=8.5, leading=11.5, textColor=muted),
        "cell": style("cell", fontSize=8, leading=10, spaceAfter=0),
        "cell_bold": style("cell_bold", fontName=fonts.BOLD, fontSize=8, leading=10, spaceAfter=0),
        "cell_head": style("cell_head", fontName=fonts.BOLD, fontSize=8, leading=10, spaceAfter=0),
        "cell_tiny": style("cell_tiny", fontSize=6.5, leading=8, spaceAfter=0),
        "cell_center": style("cell_center", fontSize=8, leading=10, spaceAfter=0, alignment=TA_CENTER),
        "h1": style("h1", fontName=fonts.BOLD, fontSize=19, leading=23, spaceBefore=20, spaceAfter=8,
                    textColor=HexColor(ACCENT), keepWithNext=1),
        "h2": style("h2", fontName=fonts.BOLD, fontSize=13, leading=16, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        "h3": style("h3", fontName=fonts.BOLD, fontSize=10.5, leading=13.5, spaceBefore=7, spaceAfter=3,
                    keepWithNext=1),
        "lead": style("lead", fontSize=10.5, leading=14.5, spaceAfter=8, textColor=muted),
        "quote": style("quote", fontName=fonts.BOLD, fontSize=12, leading=16, leftIndent=10, spaceBefore=4,
                       spaceAfter=8, borderPadding=(4, 4, 4, 8), borderColor=HexColor(OKABE_ITO["vermillion"]),
                       borderWidth=0, textColor=ink),
        "bullet": style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=2),
        "cover_org": style("cover_org", fontName=fonts.BOLD, fontSize=30, leading=36, textColor=HexColor(ACCENT)),
        "cover_title": style("cover_title", fontName=fonts.BOLD, fontSize=20, leading=25, spaceAfter=14),
        "cover_fact": style("cover_fact", fontSize=11.5, leading=16, spaceAfter=2),
        "toc1": style("toc1", fontSize=11, leading=16, leftIndent=0),
        "toc2": style("toc2", fontSize=9.5, leading=12.5, leftIndent=16, textColor=muted),
    }


def style(name: str):
    return sheet()[name]
