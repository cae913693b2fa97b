"""Building blocks every section uses: the context it reads, headings that feed the contents and
the bookmarks, paragraphs with font fallback, tables that split across pages with their header
repeated, and dates in words.

Dates: every section formats them with ``fmt_date``/``fmt_span`` from here, which follow the
pack's date style (``PackContext.dates``), and every paragraph and cell passes its text through
``date_words.dates_in_text``, so a date inside a stored sentence (a decision log entry, a risk)
reads like the others. The style is held in a context variable that the PackContext sets, so
that the sections' helpers need no extra argument.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle

from ..domain import date_words
from ..domain.model import NOBODY, Workshop
from . import fonts, styles

_DATES: ContextVar[str] = ContextVar("pack_dates", default=date_words.DEFAULT_STYLE)


@dataclass
class PackContext:
    """What a section needs: the workshop, which copy this is, and the frame sizes (points)."""

    ws: Workshop
    facilitator: bool
    paper: styles.Paper
    width: float  # portrait frame
    height: float
    land_width: float  # landscape frame
    land_height: float
    dates: str = date_words.DEFAULT_STYLE  # "long" or "iso" (date_words.STYLES)
    cache: dict[str, Any] = field(default_factory=dict)  # analysis shared between sections

    def __post_init__(self) -> None:
        if self.dates not in date_words.STYLES:
            raise ValueError(f"unknown date style {self.dates!r} ({' or '.join(date_words.STYLES)})")
        _DATES.set(self.dates)  # the pack being built now: fmt_date and every paragraph follow it

    def name(self, pid: str | None, empty: str = "—") -> str:
        if pid == NOBODY:
            return "Nobody"
        return self.ws.participant_name(pid) or (pid or empty)

    def unsaid(self, sentences: Sequence[str]) -> list[str]:
        """The ``sentences`` this pack has not printed yet, remembered as printed now: a standard
        explanation (a verdict, a coaching hint) is said in full once, not under every item."""
        said = self.cache.setdefault("said", set())
        fresh = [s for s in sentences if s not in said]
        said.update(fresh)
        return fresh

    def once(self, key: str, compute: Any) -> Any:
        """``compute()`` the first time ``key`` is asked for, then the remembered value."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


# ----- dates ----------------------------------------------------------------------------------


def fmt_date(text: str | None, weekday: bool = False, empty: str = "—") -> str:
    return date_words.fmt_date(text, weekday=weekday, empty=empty, style=_DATES.get())


def fmt_span(starts: str | None, ends: str | None) -> str:
    return date_words.fmt_span(starts, ends, style=_DATES.get())


def fmt_day_month(day: date) -> str:
    return date_words.fmt_day_month(day, style=_DATES.get())


def dated(text: str | None) -> str:
    """``text`` with any date in it written in the pack's style."""
    return date_words.dates_in_text(text or "", _DATES.get())


# ----- text -----------------------------------------------------------------------------------


class PackParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width. reportlab measures a paragraph again
    and again at the same width (a table's rows, a split, a kept-together block, the frame), and
    line breaking is most of the layout's time; the result depends on the width alone."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        known = self.__dict__.setdefault("_broken", {})
        if avail_width in known:
            self.width, self.height, self.blPara, self._wrapWidths = known[avail_width]
            return self.width, self.height
        size = super().wrap(avail_width, avail_height)
        if size != (0, 0x7FFFFFFF):  # reportlab's answer for a width too narrow for any text
            known[avail_width] = (self.width, self.height, self.blPara, self._wrapWidths)
        return size


def para(text: str | None, style: str = "body", raw: bool = False) -> Any:
    """A Paragraph of plain ``text`` (escaped, with font fallback); ``raw`` takes markup as is."""
    return PackParagraph(dated(text) if raw else fonts.markup(dated(text)), styles.style(style))


def rich(*parts: tuple[str, str] | str, style: str = "body") -> Any:
    """A Paragraph from pieces: plain strings, or (tag, text) with tag "b" or "i"."""
    out = []
    for part in parts:
        if isinstance(part, tuple):
            tag, text = part
            out.append(f"<{tag}>{fonts.markup(dated(text))}</{tag}>")
        else:
            out.append(fonts.markup(dated(part)))
    return PackParagraph("".join(out), styles.style(style))


def bullets(items: Sequence[str], style: str = "bullet") -> list[Any]:
    return [PackParagraph(fonts.markup(dated(item)), styles.style(style), bulletText="•") for item in items]


class Heading(PackParagraph):
    """A heading the document template turns into a contents line and a PDF bookmark."""

    toc_level = 0
    toc_text = ""
    outline_only = False


def heading(text: str, level: int = 0, outline_only: bool = False) -> Any:
    """A section (level 0), subsection (1) or minor heading (2). Levels 0 and 1 go into the
    contents and the PDF outline; ``outline_only`` keeps a bookmark out of the printed contents."""
    flowable = Heading(fonts.markup(text), styles.style(("h1", "h2", "h3")[level]))
    flowable.toc_level = level
    flowable.toc_text = text
    flowable.outline_only = outline_only
    return flowable


def keep_with_next(flowable: Any) -> Any:
    """``flowable`` kept on the page of what follows it (a heading's lead line, a table's caption):
    the page template's HeadingKeeper moves them together, or lets what follows split below."""
    flowable.keepWithNext = 1
    return flowable


def is_heading(flowable: Any) -> bool:
    return isinstance(flowable, Heading)


SECTION_ROOM_PT = 280.0  # about 40 % of a page: a portrait section starts below the last one when this is left


class SectionBreak(CondPageBreak):
    """A new page when less than ``height`` is left on this one, or when this page is landscape
    (a portrait section never starts on a landscape page)."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        template = self._doctemplateAttr("pageTemplate")
        if getattr(template, "id", "portrait") != "portrait":
            frame = self._doctemplateAttr("frame")
            if frame:
                from reportlab.platypus.doctemplate import FrameBreak

                frame.add_generated_content(FrameBreak)
            return 0, 0
        return super().wrap(avail_width, avail_height)


def new_section(title: str, lead: str | None = None, landscape: bool = False, first: Sequence[Any] = (),
                width: float = 0.0) -> list[Any]:
    """The section's heading and its one-line lead. A portrait section follows the one before on
    the same page when enough of it is left (a page break before every small section left pages
    mostly blank); a landscape section starts a page of its own. ``first``: flowables that must
    open the section together (a chart that cannot split), ``width`` wide; the section starts on
    a new page unless they fit below the last one."""
    if landscape:
        out: list[Any] = [NextPageTemplate("landscape"), PageBreak()]
    else:
        room = SECTION_ROOM_PT + sum(f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in first)
        out = [NextPageTemplate("portrait"), SectionBreak(room)]
    out.append(heading(title))
    if lead:
        out.append(para(lead, "lead"))
    return out


def spacer(height: float = 6) -> Any:
    return Spacer(1, height)


# ----- tables ---------------------------------------------------------------------------------


Cell = Any  # a string (wrapped as a Paragraph) or any flowable

MIN_ROWS = 3  # rows a table keeps on each side of a page break (no lone row at a page's foot or head)


class PackTable(Table):
    """A table that splits across pages like any other (header repeated), but never leaves
    fewer than MIN_ROWS rows on either side of the break: it breaks earlier, or moves whole."""

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts = super().split(avail_width, avail_height)
        if len(parts) != 2:
            return parts
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            return parts  # a fresh page already: take what fits
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        first = len(parts[0]._cellvalues) - head
        second = len(parts[1]._cellvalues) - head
        if first < MIN_ROWS:
            return []
        if second < MIN_ROWS:
            keep = first - (MIN_ROWS - second)
            if keep < MIN_ROWS:
                return []
            return super().split(avail_width, sum(self._rowHeights[:head + keep]) + 0.01)
        return parts


def _cell(value: Cell, style: str) -> Any:
    """A cell's flowable: text becomes a wrapping Paragraph (dates in the pack's style)."""
    if value is None:
        return para("", style)
    if isinstance(value, str):
        return para(value, style)
    return value


def table(header: Sequence[Cell], rows: Sequence[Sequence[Cell]], widths: Sequence[float],
          extra: Sequence[tuple] = (), zebra: bool = True, cell_style: str = "cell") -> Any:
    """A table whose first row repeats on every page it spans. ``widths`` are points; strings
    become wrapping Paragraphs, so no cell overflows its column."""
    data = [[_cell(h, "cell_head") for h in header]] + [[_cell(v, cell_style) for v in row] for row in rows]
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # Table's default is Helvetica, which is not embedded
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(styles.HEADER_FILL)),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, HexColor(styles.INK)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, HexColor(styles.RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [HexColor("#FFFFFF"), HexColor(styles.ZEBRA)]))
    commands.extend(extra)
    return PackTable(data, colWidths=list(widths), repeatRows=1, style=TableStyle(commands), hAlign="LEFT")


def split_widths(total: float, shares: Sequence[float]) -> list[float]:
    """Column widths in points from relative shares that fill ``total``."""
    whole = sum(shares)
    return [total * s / whole for s in shares]


def note(text: str) -> Any:
    """A muted line that says why something is missing or what a mark means."""
    return para(text, "muted")


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (plural_form or noun + 's')}"
