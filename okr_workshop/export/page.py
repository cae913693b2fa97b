"""The page template: cover, portrait and landscape pages, the header and footer on every page
but the cover, "Page n of N", the table of contents and the PDF outline (bookmarks).

reportlab lays the pack out twice (``multiBuild``): the first pass finds the page of every
heading for the contents, the second prints them. The page total printed in the footer is the
previous pass's count; a zero-size indexing flowable asks for another pass if it changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, FrameBreak, KeepTogether, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from . import fonts, styles
from .blocks import is_heading

Progress = Callable[[str, int], None]  # (what is happening, pages so far)

# Binary (Flate-only) streams instead of ASCII85 on top: a quarter smaller, and reportlab's pure
# Python ASCII85 encoder was a tenth of the build time. Every PDF reader handles binary streams.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Running:
    """The words around every page: header left and right, footer left."""

    header: str
    copy_label: str
    footer: str


class PageTotal(Flowable):
    """Remembers how many pages the last pass made, and is satisfied once two passes agree."""

    def __init__(self, doc: BaseDocTemplate):
        super().__init__()
        self.doc = doc
        self.last: int | None = None
        self.current: int | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass

    def isIndexing(self) -> int:  # noqa: N802 - reportlab's name
        return 1

    def notify(self, kind: str, stuff: Any) -> None:
        """The document tells every indexing flowable about contents entries; this one ignores them."""

    def isSatisfied(self) -> bool:  # noqa: N802
        return self.last == self.current

    def beforeBuild(self) -> None:  # noqa: N802
        self.last = self.current

    def afterBuild(self) -> None:  # noqa: N802
        self.current = self.doc.page


def _skip_drawing(*args: Any, **kwargs: Any) -> None:
    return None


class PackFrame(Frame):
    """A frame that only measures in the first pass. That pass exists to find each heading's page
    for the contents and its PDF is thrown away, so drawing into it (most of a pass's time:
    tables, the map, charts) is skipped. Layout, splitting and the bookmarks happen as usual."""

    def add(self, flowable: Any, canv: Any, trySplit: int = 0) -> int:  # noqa: N803 - reportlab's name
        doc = getattr(canv, "_doctemplate", None)
        if doc is None or getattr(doc, "passes", 2) != 1:
            return super().add(flowable, canv, trySplit)
        # Shadow the method on this instance for this call only (through __dict__: reportlab's
        # Drawing refuses unknown attributes in __setattr__).
        flowable.__dict__["drawOn"] = _skip_drawing
        try:
            return super().add(flowable, canv, trySplit)
        finally:
            del flowable.__dict__["drawOn"]


class HeadingKeeper(KeepTogether):
    """What ``keepWithNext`` builds around a heading and what follows it: both move to the next
    page only when fewer than MIN_FOLLOW points would follow the heading here. reportlab's own
    KeepTogether moves a long table whole, leaving most of a page blank."""

    MIN_FOLLOW = 80.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Claim more than any page so that the frame asks for a split, where the measuring is
        # done once; KeepTogether's own wrap would first measure everything (a long table too).
        return avail_width, 0xFFFFFF

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        content = self._content[:]
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            return content
        head = sum(f.wrapOn(self.canv, avail_width, avail_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in content[:-1])
        room = avail_height - head
        last = content[-1]
        _, height = last.wrapOn(self.canv, avail_width, max(room, 0))
        if height + last.getSpaceBefore() <= room:
            return content  # all of it fits here
        if room >= self.MIN_FOLLOW and last.splitOn(self.canv, avail_width, room):
            return content  # the heading stays, what follows starts below it and splits
        return [FrameBreak(), *content]


def _headings(story: list[Any]) -> list[Any]:
    found = []
    for f in story:
        if is_heading(f):
            found.append(f)
        elif hasattr(f, "_content"):  # KeepTogether and friends
            found += _headings(list(f._content))
    return found


def seed_contents(toc: TableOfContents, story: list[Any]) -> None:
    """Give the contents its entries (page numbers unknown) before the first pass, so that pass
    lays out a contents of the final length: the pages after it do not move, and two passes
    suffice instead of three."""
    entries, key = [], 0
    for h in _headings(story):
        if h.toc_level > 1:
            continue
        key += 1
        if not h.outline_only:
            entries.append((h.toc_level, fonts.markup(h.toc_text), 0, f"s{key}"))
    toc._entries = entries


def contents_table() -> TableOfContents:
    from reportlab.platypus import TableStyle

    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [styles.style("toc1"), styles.style("toc2")]
    toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return toc


def _fit(text: str, size: float, width: float, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` points."""
    if fonts.string_width(text, size, bold) <= width:
        return text
    while text and fonts.string_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class PackDoc(BaseDocTemplate):
    """Three page templates (cover, portrait, landscape) on one paper size."""

    def __init__(self, target: Any, paper: styles.Paper, running: Running, meta: dict[str, str],
                 progress: Progress | None = None):
        m = styles.margin()
        super().__init__(target, pagesize=(paper.width, paper.height), leftMargin=m, rightMargin=m, topMargin=m,
                         bottomMargin=m, title=meta.get("title", ""), author=meta.get("author", ""),
                         subject=meta.get("subject", ""), creator=meta.get("creator", ""),
                         keywords=meta.get("keywords", ""), lang=meta.get("lang", "en"), allowSplitting=1,
                         initialFontName=fonts.REGULAR)
        self.keepTogetherClass = HeadingKeeper
        self.running = running
        self.progress = progress
        self.total = PageTotal(self)
        self.passes = 0
        self._keys = 0
        portrait = (paper.width, paper.height)
        landscape = paper.landscape
        self.addPageTemplates([
            PageTemplate("cover", [self._frame(portrait, "cover")], onPage=self._cover, pagesize=portrait),
            PageTemplate("portrait", [self._frame(portrait, "portrait")], onPage=self._decorate, pagesize=portrait),
            PageTemplate("landscape", [self._frame(landscape, "landscape")], onPage=self._decorate,
                         pagesize=landscape),
        ])

    @staticmethod
    def _frame(size: tuple[float, float], name: str) -> Frame:
        m = styles.margin()
        return PackFrame(m, m, size[0] - 2 * m, size[1] - 2 * m, id=name, leftPadding=0, rightPadding=0,
                         topPadding=0, bottomPadding=0)

    @staticmethod
    def frame_size(paper: styles.Paper, landscape: bool = False) -> tuple[float, float]:
        w, h = paper.landscape if landscape else (paper.width, paper.height)
        m = styles.margin()
        return w - 2 * m, h - 2 * m

    # ----- passes, headings, progress ---------------------------------------------------------

    def beforeDocument(self) -> None:  # noqa: N802 - reportlab's name
        self.passes += 1
        self._keys = 0
        self.canv.showOutline()  # open with the bookmarks showing (/PageMode /UseOutlines): the pack is long

    def afterPage(self) -> None:  # noqa: N802
        if self.progress is not None:
            self.progress("Checking page numbers" if self.passes == 1 else "Setting pages", self.page)

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802
        if not is_heading(flowable) or flowable.toc_level > 1:
            return
        self._keys += 1
        key = f"s{self._keys}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.toc_text, key, level=flowable.toc_level, closed=False)
        if not flowable.outline_only:
            self.notify("TOCEntry", (flowable.toc_level, fonts.markup(flowable.toc_text), self.page, key))

    # ----- decoration -------------------------------------------------------------------------

    def _cover(self, canv: Any, doc: BaseDocTemplate) -> None:
        width, _ = canv._pagesize
        m = styles.margin()
        canv.saveState()
        canv.setFillColor(HexColor(styles.ACCENT))
        canv.rect(0, canv._pagesize[1] - 14 * mm, width, 14 * mm, stroke=0, fill=1)
        canv.setFont(fonts.REGULAR, 8)
        canv.setFillColor(HexColor(styles.MUTED))
        canv.drawString(m, m / 2, self.running.footer)
        canv.drawRightString(width - m, m / 2, self.running.copy_label)
        canv.restoreState()

    def _decorate(self, canv: Any, doc: BaseDocTemplate) -> None:
        if self.passes == 1:  # the measuring pass (see PackFrame)
            return
        width, height = canv._pagesize
        m = styles.margin()
        canv.saveState()
        canv.setStrokeColor(HexColor(styles.RULE))
        canv.setLineWidth(0.5)
        top = height - m + 4 * mm
        canv.line(m, top - 2, width - m, top - 2)
        canv.line(m, m - 4 * mm, width - m, m - 4 * mm)
        canv.setFillColor(HexColor(styles.MUTED))
        label_width = fonts.string_width(self.running.copy_label, 8, bold=True)
        canv.setFont(fonts.BOLD, 8)
        canv.drawRightString(width - m, top + 2, self.running.copy_label)
        _draw_runs(canv, m, top + 2, _fit(self.running.header, 8, width - 2 * m - label_width - 12), 8)
        canv.setFont(fonts.REGULAR, 8)
        _draw_runs(canv, m, m - 4 * mm - 10, _fit(self.running.footer, 8, width * 0.6), 8)
        total = self.total.last
        page = f"Page {doc.page} of {total}" if total else f"Page {doc.page}"
        canv.drawRightString(width - m, m - 4 * mm - 10, page)
        canv.restoreState()


def _draw_runs(canv: Any, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
    """Text in DejaVu with fallback runs, left-aligned at (x, y)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for main, run in fonts.runs(text):
        name = fonts.font_for(main, bold)
        canv.setFont(name, size)
        canv.drawString(x, y, run)
        x += stringWidth(run, name, size)
