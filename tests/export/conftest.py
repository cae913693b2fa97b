"""Helpers for the pack tests: build a pack once per module, read its text, pages and outline."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from okr_workshop.domain.model import Workshop
from okr_workshop.export.pdf_pack import PackResult, build_pack

from .factories import demo_workshop, privacy_workshop


@dataclass
class Pack:
    path: Path
    result: PackResult

    @property
    def reader(self) -> PdfReader:
        return PdfReader(str(self.path))

    def pages_text(self) -> list[str]:
        """The text of every page, as pdftotext reads it (pypdf when poppler is missing)."""
        if shutil.which("pdftotext"):
            out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(self.path), "-"], capture_output=True,
                                 check=True).stdout.decode("utf-8")
            return out.split("\f")[: self.result.pages]
        return [page.extract_text() or "" for page in self.reader.pages]

    def text(self) -> str:
        return "\n".join(self.pages_text())

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, 1-based page) for every bookmark, in order."""
        reader = self.reader
        found: list[tuple[int, str, int]] = []

        def walk(items, level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    found.append((level, item.title, reader.get_destination_page_number(item) + 1))

        walk(reader.outline, 0)
        return found


def make_pack(ws: Workshop, folder: Path, name: str, **options) -> Pack:
    path = folder / name
    return Pack(path, build_pack(ws, path, **options))


def qpdf_check(path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed (apt-get install qpdf)")
    out = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("packs")


@pytest.fixture(scope="module")
def demo_pack(folder: Path) -> Pack:
    """The demo with four priorities chosen as the critical few: the participants' copy."""
    return make_pack(demo_workshop(), folder, "demo.pdf")


@pytest.fixture(scope="module")
def demo_facilitator_pack(folder: Path) -> Pack:
    return make_pack(demo_workshop(), folder, "demo-facilitator.pdf", facilitator=True)


@pytest.fixture(scope="module")
def privacy_packs(folder: Path) -> dict[str, Pack]:
    ws = privacy_workshop()
    return {"participants": make_pack(ws, folder, "privacy.pdf"),
            "facilitator": make_pack(ws, folder, "privacy-facilitator.pdf", facilitator=True)}
