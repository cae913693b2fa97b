"""The page template: cover, portrait and landscape pages, the header and footer on every page
but the cover, "Page n of N", the table of contents and the PDF outline (bookmarks).

reportlab lays the pack out once. The numbers that are known only at the end (each contents
entry's page, and the N of "Page n of N") are PDF form XObjects: the pages refer to them by
name as they are drawn, and they are written after the last page, before the file is saved.
The contents is seeded with its entries before the pass, so it has its final length from the
start; if the layout finds other headings than the seed (never in practice), a second pass
with the headings found makes it right.
"""

from __future__ import annotations

from ast import literal_eval
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, KeepTogether, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents, drawPageNumbers

from . import fonts, styles
from .blocks import is_heading

Progress = Callable[[str, int, float], None]  # (what is happening, pages so far, share of the story laid out)
Entry = tuple[int, str, str]  # a contents entry: (level, markup, bookmark key)

# Binary (Flate-only) streams instead of ASCII85 on top: a quarter smaller, and reportlab's pure
# Python ASCII85 encoder was a tenth of the build time. Every PDF reader handles binary streams.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Running:
    """The words around every page: header left and right, footer left."""

    header: str
    copy_label: str
    footer: str


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
    """Give the contents its entries before the pass (their pages come at the end, see PackDoc),
    so that it is laid out at its final length and the pages after it do not move."""
    entries: list[tuple[int, str, int, str]] = []
    key = 0
    for h in _headings(story):
        if h.toc_level > 1:
            continue
        key += 1
        if not h.outline_only:
            entries.append((h.toc_level, fonts.markup(h.toc_text), 0, f"s{key}"))
    toc._lastEntries = entries  # what TableOfContents lays out; no multiBuild swaps them in


class PackContents(TableOfContents):
    """reportlab's contents, except that an entry's dots and page number are a form the document
    fills in after the last page (see PackDoc.defer_entry_number); the entry's text is unchanged."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        size = super().wrap(avail_width, avail_height)

        def entry_end(canvas: Any, kind: str, label: str) -> None:
            _, level, key = label.split(",")
            style = self.getLevelStyle(int(level))
            dots = self.dotsMinLevel >= 0 and int(level) >= self.dotsMinLevel
            canvas._doctemplate.defer_entry_number(canvas, literal_eval(key), style, avail_width, dots)

        self.canv.setNamedCB("drawTOCEntryEnd", entry_end)  # the name the entries' <onDraw> calls
        return size


def contents_table() -> TableOfContents:
    from reportlab.platypus import TableStyle

    toc = PackContents(dotsMinLevel=0)
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
        self._keys = 0
        self._found: list[Entry] = []  # the contents entries this pass found, in order
        self._pages: dict[str, int] = {}  # bookmark key -> page
        self._numbers: list[tuple[str, str, Any, float, float, float, bool]] = []  # deferred contents numbers
        self._footers: list[int] = []  # pages whose "Page n of N" waits for N
        self._size, self._laid_out = 1, 0.0  # the story's flowables, and the share of them laid out
        self.setProgressCallBack(self._count)
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
        return Frame(m, m, size[0] - 2 * m, size[1] - 2 * m, id=name, leftPadding=0, rightPadding=0,
                         topPadding=0, bottomPadding=0)

    @staticmethod
    def frame_size(paper: styles.Paper, landscape: bool = False) -> tuple[float, float]:
        w, h = paper.landscape if landscape else (paper.width, paper.height)
        m = styles.margin()
        return w - 2 * m, h - 2 * m

    # ----- the pass, headings, progress ------------------------------------------------------

    def lay_out(self, story: list[Any], toc: TableOfContents, last: bool = False) -> list[Entry] | None:
        """Lay the story out in one pass and save the PDF. When the contents seeded in ``toc``
        differ from the headings the layout found, nothing is saved and those headings are
        returned (unless this is the ``last`` try): the caller lays out a fresh story again
        with them (a drawn story cannot be reused)."""
        self.build(story)
        if not last and self._found != [(level, text, key) for level, text, _, key in toc._lastEntries]:
            return list(self._found)
        self._write_numbers()
        self.canv.save()
        return None

    def _endBuild(self) -> None:  # noqa: N802 - reportlab's name
        self._doSave = 0  # lay_out saves, once the numbers are written
        super()._endBuild()

    def _count(self, kind: str, value: int) -> None:
        """reportlab's progress: the story's length, then how much of it is laid out."""
        if kind == "SIZE_EST":
            self._size = max(value, 1)
        elif kind == "PROGRESS":
            self._laid_out = min(value / self._size, 1.0)

    def beforeDocument(self) -> None:  # noqa: N802 - reportlab's name
        self._keys = 0
        self._found, self._pages, self._numbers, self._footers = [], {}, [], []
        self.canv.showOutline()  # open with the bookmarks showing (/PageMode /UseOutlines): the pack is long

    def afterPage(self) -> None:  # noqa: N802
        if self.progress is not None:
            self.progress("Setting pages", self.page, self._laid_out)

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802
        if not is_heading(flowable) or flowable.toc_level > 1:
            return
        self._keys += 1
        key = f"s{self._keys}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.toc_text, key, level=flowable.toc_level, closed=False)
        self._pages[key] = self.page
        if not flowable.outline_only:
            self._found.append((flowable.toc_level, fonts.markup(flowable.toc_text), key))

    # ----- numbers known at the end -----------------------------------------------------------

    def defer_entry_number(self, canv: Any, key: str, style: Any, avail_width: float, dots: bool) -> None:
        """Where a contents entry's text ends: its dots and page number, as a form written later."""
        x, y = canv._curr_tx_info["cur_x"], canv._curr_tx_info["cur_y"]
        name = f"toc-{key}"
        self._numbers.append((name, key, style, avail_width, x, y, dots))
        canv.doForm(name)
        canv.linkRect("", key, (x, y, avail_width, y + style.leading), relative=1)

    def _write_numbers(self) -> None:
        """The forms the pages refer to: each contents entry's dots and page (reportlab's own
        drawing of them), and every footer's "Page n of N"."""
        canv = self.canv
        for name, key, style, avail_width, x, y, dots in self._numbers:
            canv.beginForm(name, -1, y - style.fontSize, avail_width + 1, y + 2 * style.fontSize)  # the line
            canv._curr_tx_info = {"cur_x": x, "cur_y": y}
            drawPageNumbers(canv, style, [(self._pages.get(key, 0), None)], avail_width, 0, " . " if dots else "")
            canv.endForm()
        total = self.page
        for page in self._footers:
            canv.beginForm(f"page-{page}", -200, -4, 1, 12)
            canv.setFont(fonts.REGULAR, 8)
            canv.setFillColor(HexColor(styles.MUTED))
            canv.drawRightString(0, 0, f"Page {page} of {total}")
            canv.endForm()

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
        canv.translate(width - m, m - 4 * mm - 10)
        canv.doForm(f"page-{doc.page}")  # "Page n of N", right-aligned here: N is known at the end
        self._footers.append(doc.page)
        canv.restoreState()


def _draw_runs(canv: Any, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
    """Text in DejaVu with fallback runs, left-aligned at (x, y)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for main, run in fonts.runs(text):
        name = fonts.font_for(main, bold)
        canv.setFont(name, size)
        canv.drawString(x, y, run)
        x += stringWidth(run, name, size)
