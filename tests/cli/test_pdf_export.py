"""``okr-workshop export FILE --pdf OUT [--facilitator] [--paper a4|letter]``: the installed script
writes the rollout pack, from a workshop file or a JSON document."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import DEMO_JSON


def page_size(path: Path) -> tuple[int, int]:
    box = PdfReader(str(path)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def qpdf_ok(path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    out = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def test_export_pdf_writes_the_participants_copy(cli, tmp_path: Path, demo_okrw: Path):
    """The default is the participants' copy on A4; nothing else is left in the folder."""
    shutil.copy(demo_okrw, tmp_path / "x.okrw")
    result = cli("export", "x.okrw", "--pdf", "pack.pdf")
    assert result.returncode == 0, str(result)
    assert result.stdout == "" and result.stderr == ""
    pack = tmp_path / "pack.pdf"
    qpdf_ok(pack)
    reader = PdfReader(str(pack))
    assert "participants' copy" in reader.metadata.subject
    assert page_size(pack) == (595, 842)
    # (HOME is tmp_path: the parsed fonts are kept in ~/.cache, a hidden folder)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["pack.pdf", "x.okrw"]


def test_export_pdf_facilitators_copy_on_letter_paper(cli, tmp_path: Path, demo_okrw: Path):
    shutil.copy(demo_okrw, tmp_path / "x.okrw")
    result = cli("export", "x.okrw", "--pdf", "pack.pdf", "--facilitator", "--paper", "letter")
    assert result.returncode == 0, str(result)
    reader = PdfReader(str(tmp_path / "pack.pdf"))
    assert "facilitator's copy" in reader.metadata.subject
    assert page_size(tmp_path / "pack.pdf") == (612, 792)
    assert "Who voted what" in "".join(page.extract_text() for page in reader.pages)


def test_export_pdf_from_json_to_standard_output(cli, tmp_path: Path):
    """A JSON document works as input, and - writes the PDF bytes to stdout."""
    result = cli("export", DEMO_JSON, "--pdf", "-")
    assert result.returncode == 0, str(result)
    assert result.stdout_bytes.startswith(b"%PDF-") and result.stdout_bytes.rstrip().endswith(b"%%EOF")
    (tmp_path / "from-stdout.pdf").write_bytes(result.stdout_bytes)
    qpdf_ok(tmp_path / "from-stdout.pdf")


def test_export_pdf_replaces_an_existing_pack(cli, tmp_path: Path, demo_okrw: Path):
    shutil.copy(demo_okrw, tmp_path / "x.okrw")
    (tmp_path / "pack.pdf").write_text("old", encoding="utf-8")
    result = cli("export", "x.okrw", "--pdf", "pack.pdf")
    assert result.returncode == 0, str(result)
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")
