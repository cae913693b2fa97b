"""Reading an interchange document's bytes as JSON, with one clear line for every way it fails.

The command line and the window's Import… both read documents through ``parse_document``, so a
file that one refuses with a sentence the other does not refuse with a traceback.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any


class DocumentError(ValueError):
    """The bytes are not a JSON document this app can read; the message names the place."""


def parse_document(data: bytes, name: str) -> Any:
    """The JSON value in ``data`` (UTF-8, a byte order mark ignored), or DocumentError."""
    try:
        # UTF-8 whatever the locale says: JSON is UTF-8 (RFC 8259), and a latin-1 or cp1252
        # locale would otherwise turn every Greek or Polish name into mojibake.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{name}: not JSON (not UTF-8 text: byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{name}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise DocumentError(f"{name}: not a workshop document (nested too deeply)") from None
    except ValueError:  # Python refuses to read a whole number of more than 4300 digits
        raise DocumentError(f"{name}: {_where_too_long_number(text)}a number with more than "
                            f"{sys.get_int_max_str_digits()} digits; no field takes one") from None


def _where_too_long_number(text: str) -> str:
    """ "line L, column C: " of the first whole number too long for Python to read, or "".

    json does not say where it stopped; the text was valid JSON up to that number, so the first
    run of too many digits that is neither inside a string nor part of a decimal or exponent is it.
    """
    too_long = sys.get_int_max_str_digits() + 1
    # A whole string (skipped), or a run of too many digits with no sign, point or letter beside it.
    token = re.compile(rf'"[^"\\]*(?:\\.[^"\\]*)*"|(?<![\w.+-])(-?\d{{{too_long},}})(?![\w.])')
    for match in token.finditer(text):
        if match.group(1):
            start = match.start(1)
            line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
            return f"line {line}, column {column}: "
    return ""
