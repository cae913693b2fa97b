"""TrueType fonts parsed once per machine, not once per export.

reportlab reads a font's tables (the character map, the widths, where each glyph sits) in pure
Python: about 0.1 s for Droid Sans Fallback (50 000 glyphs) and 0.05 s for the three DejaVu
faces, on every run of ``okr-workshop export --pdf``. What it reads is kept in the user's cache
folder with ``marshal`` (plain numbers, strings and containers: loading it runs no code) and
used again while the font file, reportlab and this format are unchanged. The font file's bytes
are read afresh each time (the subset embedded in the PDF comes from them). A missing,
unwritable or damaged cache only costs the parse.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from array import array
from collections.abc import Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

FORMAT = 2
# The reportlab releases whose TTFont this module rebuilds field by field (``_font``, ``_face``):
# another release parses the font as usual, so that a changed TTFont never gets a stale shape.
TESTED_WITH = ("5.1.",)
_NAME_TAG = "TTFNameBytes"  # a font name (bytes with its text), kept as (tag, bytes, text)
_PACKED = "packed"  # a big table of numbers, kept as machine arrays (see _pack): fast to load


def cache_folder() -> Path:
    """Where the parsed fonts go: the platform's per-user cache folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "okr-workshop" / "fonts"


def load(name: str, path: Path) -> Any:
    """``TTFont(name, path)``, from the cache when it holds this very file's parse."""
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFont

    if not Version.startswith(TESTED_WITH):
        return TTFont(name, str(path))
    try:
        stat = path.stat()
        entry = _entry(path, stat)
    except (OSError, RuntimeError):  # no such font (reportlab says so), or no home folder to cache in
        return TTFont(name, str(path))
    try:
        font = _from_cache(name, path, entry, stat.st_size)
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
        font = None  # damaged or from elsewhere: parsed again and replaced
    if font is None:
        font = TTFont(name, str(path))
        _store(font, entry)
    return font


def _entry(path: Path, stat: os.stat_result) -> Path:
    """The cache file for this font file as it is now, parsed by this reportlab."""
    from reportlab import Version

    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{Version}|{FORMAT}|{sys.version_info[:2]}"
    return cache_folder() / f"{path.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


def _from_cache(name: str, path: Path, entry: Path, size: int) -> Any | None:
    """The font rebuilt from ``entry`` without parsing, or None when there is no entry."""
    if not entry.is_file():
        return None
    state = _loads(entry.read_bytes())
    if not isinstance(state, dict) or "unitsPerEm" not in state or "charToGlyph" not in state:
        raise ValueError(f"{entry}: not a parsed font")
    data = path.read_bytes()
    if len(data) != size:
        raise ValueError(f"{path}: changed while read")
    return _font(name, _face(state, data))


def _face(state: dict[str, Any], data: bytes) -> Any:
    """A TTFontFace holding what ``TTFontFile.extractInfo`` found, as it left it."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    for key, value in state.items():
        if isinstance(value, tuple) and len(value) == 3 and value[0] == _NAME_TAG:
            value = TTFNameBytes(value[1])
        elif isinstance(value, tuple) and value and value[0] == _PACKED:
            value = _unpack(value)
        face.__dict__[key] = value
    face._ttf_data = data
    face._pdfScale = _scale(face.unitsPerEm)
    return face


def _font(name: str, face: Any) -> Any:
    """A TTFont around ``face``: what ``TTFont.__init__`` sets once it has parsed the file."""
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, unShapedFontGlob

    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in unShapedFontGlob)
    return font


def _scale(units_per_em: int) -> Any:
    """Font units to PDF's thousandths of an em, as extractInfo's own scale."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _loads(blob: bytes) -> Any:
    """``marshal.loads`` with the cyclic garbage collector paused: it would scan the font's
    tables again and again while they are made, for nothing (they hold no cycles)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(blob)
    finally:
        if paused:
            gc.enable()


def _numbers(values: Sequence[Any]) -> array | None:
    """``values`` as a machine array when they are all ints (or all floats), else None."""
    kinds = {type(v) for v in values}
    if kinds == {int}:
        try:
            return array("q", values)
        except OverflowError:
            return None
    return array("d", values) if kinds == {float} else None


def _pack(value: Any) -> Any:
    """The font's big tables (glyph positions, metrics, the character map and its widths) as
    arrays of numbers; anything else as it is."""
    if isinstance(value, list) and len(value) > 256:
        if all(type(v) is tuple and len(v) == 2 for v in value):
            columns = [_numbers([v[i] for v in value]) for i in (0, 1)]
            if all(c is not None for c in columns):
                return (_PACKED, "pairs", *(c.typecode for c in columns), *(c.tobytes() for c in columns))
        column = _numbers(value)
        if column is not None:
            return (_PACKED, "list", column.typecode, column.tobytes())
    if isinstance(value, dict) and len(value) > 256:
        keys, values = _numbers(list(value)), _numbers(list(value.values()))
        if keys is not None and values is not None:
            return (_PACKED, "dict", keys.typecode, values.typecode, keys.tobytes(), values.tobytes())
    return value


def _column(typecode: str, data: bytes) -> list[Any]:
    column = array(typecode)
    column.frombytes(data)
    return column.tolist()


def _unpack(value: tuple) -> Any:
    """What ``_pack`` made, back as the list or dict reportlab made."""
    kind = value[1]
    if kind == "list":
        return _column(value[2], value[3])
    if kind == "pairs":
        return list(zip(_column(value[2], value[4]), _column(value[3], value[5]), strict=True))
    if kind == "dict":
        return dict(zip(_column(value[2], value[4]), _column(value[3], value[5]), strict=True))
    raise ValueError(f"unknown packed table {kind!r}")


def _store(font: Any, entry: Path) -> None:
    """Keep ``font``'s parse in ``entry``: written whole under a temporary name, then renamed."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    state = {}
    for key, value in font.face.__dict__.items():
        if key in ("_ttf_data", "_pdfScale"):
            continue
        state[key] = (_NAME_TAG, bytes(value), value.ustr) if isinstance(value, TTFNameBytes) else _pack(value)
    try:
        blob = marshal.dumps(state)
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=entry.stem, suffix=".tmp", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(blob)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        font = entry.stem.rsplit("-", 1)[0]
        for stale in entry.parent.glob(f"{font}-*.marshal"):
            if stale != entry and stale.stem.rsplit("-", 1)[0] == font:  # an older file or reportlab's parse
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # no cache this time: the next run parses again
