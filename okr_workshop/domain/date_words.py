"""Dates in words, one way everywhere: "17 April 2026", "12–13 March 2026", or, for readers who
want them sortable, ISO "2026-04-17".

The pack, the stage and the screens show the same dates, so they format them with these. A date
written inside a sentence the app stored earlier (a decision log entry, a risk sentence) is
rewritten with ``dates_in_text`` so that one document never mixes the two styles.
"""

from __future__ import annotations

import re
from datetime import date, datetime

STYLES = ("long", "iso")
DEFAULT_STYLE = "long"  # "12 March 2026": unambiguous in every English locale, unlike 03/12/2026

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
# ISO dates and date-times as the model stores them ("2026-04-01", "2026-03-12T14:44:00").
ISO_DATE = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2})?)?(?![\d-])")
# A day, a month's name (full or short) and a year: "12 Mar 2026", "3 September 2026".
_YEAR = re.compile(r"\d{4}")  # both kinds of date hold a four-digit year: most text has none, and is left alone
LONG_DATE = re.compile(r"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? (\d{4})\b")


def _check(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r} ({' or '.join(STYLES)})")


def parse_when(text: str | None) -> datetime | date | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text.strip() else date.fromisoformat(text)
    except ValueError:
        return None


def as_date(text: str | None) -> date | None:
    """The day of an ISO date or date-time; None when there is none."""
    when = parse_when(text)
    return when.date() if isinstance(when, datetime) else when


def _day(d: date, style: str) -> str:
    return d.isoformat() if style == "iso" else f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def fmt_date(text: str | None, weekday: bool = False, empty: str = "—", style: str = DEFAULT_STYLE) -> str:
    """"2026-04-17" -> "17 April 2026" (or "2026-04-17" in the iso style); a date-time also gets
    its time. Unparsable text is shown as is."""
    _check(style)
    when = parse_when(text)
    if when is None:
        return text or empty
    day = when.date() if isinstance(when, datetime) else when
    out = _day(day, style)
    if weekday:
        out = f"{day.strftime('%a')} {out}"
    if isinstance(when, datetime):
        out += f" {when.strftime('%H:%M')}" if style == "iso" else f", {when.strftime('%H:%M')}"
    return out


def fmt_day_month(day: date, style: str = DEFAULT_STYLE) -> str:
    """A short label where the year is plain from the context (a calendar's week): "12 Mar", "03-12"."""
    _check(style)
    return f"{day.month:02d}-{day.day:02d}" if style == "iso" else f"{day.day} {_MONTHS[day.month - 1][:3]}"


def short_date(text: str | None) -> str:
    """"2026-04-12" (or a date-time) -> "12 Apr", for a view where the year is plain; anything
    that is not a date is shown as it is."""
    day = as_date(text)
    return fmt_day_month(day) if day is not None else text or ""


def fmt_span(starts: str | None, ends: str | None, style: str = DEFAULT_STYLE) -> str:
    """"12–13 March 2026", "30 March – 2 April 2026", or whichever end is known; in the iso style
    "2026-03-12 – 2026-03-13"."""
    _check(style)
    a, b = parse_when(starts), parse_when(ends)
    a = a.date() if isinstance(a, datetime) else a
    b = b.date() if isinstance(b, datetime) else b
    if a is None and b is None:
        return starts or ends or ""
    if a is None or b is None or a == b:
        d = a or b
        assert d is not None
        return _day(d, style)
    if style == "iso":
        return f"{a.isoformat()} – {b.isoformat()}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {_MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {_MONTHS[a.month - 1]} – {b.day} {_MONTHS[b.month - 1]} {b.year}"
    return f"{_day(a, style)} – {_day(b, style)}"


def dates_in_text(text: str, style: str = DEFAULT_STYLE) -> str:
    """``text`` with every full date in it (ISO, or day, month name and year) written in ``style``,
    so that a sentence stored with an ISO date reads like the rest of the document."""
    _check(style)
    if not text or not _YEAR.search(text):
        return text

    def iso(match: re.Match[str]) -> str:
        day, time = match.group(1), match.group(2)
        return fmt_date(f"{day}T{time}" if time else day, style=style)

    def long(match: re.Match[str]) -> str:
        month = next((i for i, name in enumerate(_MONTHS, 1) if name.startswith(match.group(2))), None)
        try:
            day = date(int(match.group(3)), month or 0, int(match.group(1)))
        except ValueError:
            return match.group(0)
        return _day(day, style)

    return LONG_DATE.sub(long, ISO_DATE.sub(iso, text))
