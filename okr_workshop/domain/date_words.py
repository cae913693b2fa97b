"""Dates in words, one way everywhere: "17 Apr 2026", "12–13 March 2026".

The pack, the stage and the screens show the same dates, so they format them with these.
"""

from __future__ import annotations

from datetime import date, datetime


def parse_when(text: str | None) -> datetime | date | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text.strip() else date.fromisoformat(text)
    except ValueError:
        return None


def fmt_date(text: str | None, weekday: bool = False, empty: str = "—") -> str:
    """"2026-04-17" -> "17 Apr 2026"; a date-time also gets its time. Unparsable text is shown as is."""
    when = parse_when(text)
    if when is None:
        return text or empty
    day = when.date() if isinstance(when, datetime) else when
    out = f"{day.day} {day.strftime('%b')} {day.year}"
    if weekday:
        out = f"{day.strftime('%a')} {out}"
    if isinstance(when, datetime):
        out += f", {when.strftime('%H:%M')}"
    return out


def fmt_span(starts: str | None, ends: str | None) -> str:
    """"12–13 March 2026", "30 March – 2 April 2026", or whichever end is known."""
    a, b = parse_when(starts), parse_when(ends)
    a = a.date() if isinstance(a, datetime) else a
    b = b.date() if isinstance(b, datetime) else b
    if a is None and b is None:
        return starts or ends or ""
    if a is None or b is None or a == b:
        d = a or b
        return f"{d.day} {d.strftime('%B')} {d.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {a.strftime('%B')} {a.year}"
    if a.year == b.year:
        return f"{a.day} {a.strftime('%B')} – {b.day} {b.strftime('%B')} {b.year}"
    return f"{a.day} {a.strftime('%B')} {a.year} – {b.day} {b.strftime('%B')} {b.year}"
