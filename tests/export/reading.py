"""Reading a pack back as a participant does, for the tests: the paragraphs on each page (from
poppler's ``pdftotext -bbox-layout``) and how much of each page is left blank (from the page
rendered by ``pdftoppm``)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from okr_workshop.export import styles

XHTML = "{http://www.w3.org/1999/xhtml}"
MIN_WORDS = 9  # "more than about eight words": shorter text is a name, a label or a cell value
# Where one paragraph (or one bullet, or one sentence) ends and the next begins in extracted text.
UNIT_BREAK = re.compile(r"\s*•\s*|(?<=[.!?])\s+(?=[“\"A-Z0-9])|(?<=[.!?]”)\s+")


def need_poppler() -> None:
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed")


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    height: float  # points
    blocks: tuple[str, ...]  # pdftotext's text blocks in the body, between the running header and footer


def pages(path: Path) -> list[Page]:
    """Every page's text blocks, without the running header and footer (they repeat by design)."""
    need_poppler()
    out = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    root = ET.fromstring(out)
    margin = styles.margin() * 0.8
    found = []
    for n, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        height = float(page.get("height", 0))
        blocks = []
        for block in page.iter(f"{XHTML}block"):
            if float(block.get("yMax", 0)) < margin or float(block.get("yMin", 0)) > height - margin:
                continue
            words = [w.text or "" for w in block.iter(f"{XHTML}word")]
            blocks.append(" ".join(words))
        found.append(Page(n, height, tuple(blocks)))
    return found


def units(text: str) -> list[str]:
    """``text`` cut into paragraphs, bullets and sentences, white space made single."""
    return [u.strip() for u in UNIT_BREAK.split(re.sub(r"\s+", " ", text)) if u.strip()]


def section_blocks(path: Path, starts: list[tuple[str, int]]) -> dict[str, list[tuple[int, str]]]:
    """Each section's text blocks as (page, text), from its heading to the next section's.

    ``starts`` are the sections' (title, first page) in order, from the PDF outline. A page can
    hold the end of one section and the start of the next: the blocks before the heading belong
    to the section before.
    """
    found: dict[str, list[tuple[int, str]]] = {title: [] for title, _ in starts}
    current: str | None = None
    queue = list(starts)
    for page in pages(path):
        while queue and queue[0][1] < page.number:  # its heading was not found as a block: from its page on
            current = queue.pop(0)[0]
        for block in page.blocks:
            while queue and queue[0][1] == page.number and block.startswith(queue[0][0]):
                current = queue.pop(0)[0]
            if current is not None:
                found[current].append((page.number, block))
    return found


def repeated_paragraphs(blocks: list[tuple[int, str]], names: set[str]) -> dict[str, list[int]]:
    """Text of at least MIN_WORDS words printed more than once among ``blocks``, with its pages.
    ``names`` are the workshop's own names (an objective, a situation, an action): a name may label
    a row in two tables or head a subsection without being a repeated paragraph."""
    seen: dict[str, list[int]] = {}
    for page, block in blocks:
        for unit in units(block):
            if len(unit.split()) >= MIN_WORDS and unit.strip("“”\"'.:") not in names:
                seen.setdefault(unit, []).append(page)
    return {text: where for text, where in seen.items() if len(where) > 1}


def blank_share(path: Path, page: int, dpi: int = 36) -> float:
    """How much of the page's frame (the area between the margins) is blank below its last mark.

    The page is rendered (pdftoppm, greyscale) and the frame's rows are scanned from the bottom for
    the lowest one with a visible mark. Rendering sees what a reader sees, text, tables, chart
    images and vector drawings alike; text extraction would miss a chart or a map.
    """
    need_poppler()
    raw = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)],
                         capture_output=True, check=True).stdout
    width, height, pixels = _pgm(raw)
    scale = dpi / 72
    top = int(styles.margin() * scale) + 1
    bottom = height - int(styles.margin() * scale) - 1
    for row in range(bottom, top, -1):
        line = pixels[row * width:(row + 1) * width]
        if min(line) < 200:
            return (bottom - row) / (bottom - top)
    return 1.0


def _pgm(raw: bytes) -> tuple[int, int, bytes]:
    """(width, height, 8-bit pixels) of a binary PGM (P5), the format pdftoppm -gray writes."""
    fields: list[bytes] = []
    at = 0
    while len(fields) < 4:
        while raw[at:at + 1].isspace():
            at += 1
        if raw[at:at + 1] == b"#":
            at = raw.index(b"\n", at) + 1
            continue
        end = at
        while not raw[end:end + 1].isspace():
            end += 1
        fields.append(raw[at:end])
        at = end
    assert fields[0] == b"P5" and fields[3] == b"255", fields
    width, height = int(fields[1]), int(fields[2])
    return width, height, raw[at + 1:at + 1 + width * height]

