"""docs/interchange.md is the contract: every report key it lists is in the demo's report."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import run_cli

REPO = Path(__file__).parents[2]
DOC = REPO / "docs" / "interchange.md"
DEMO = REPO / "resources" / "demo" / "demo.json"
NEXT = REPO / "resources" / "demo" / "demo-next.json"  # the same company a quarter later: history, retrospective


def listed_report_keys() -> list[str]:
    """The first word of each line of the code block under "## The report"."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## The report", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block, "docs/interchange.md has a code block of report keys"
    return [line.split()[0] for line in block.group(1).splitlines() if line.strip()]


def present(value: Any, parts: list[str]) -> bool:
    """``parts`` found under ``value``: ``<id>`` is any key, ``name[]`` a list of objects of
    which one has the rest (the demo holds at least one of each)."""
    if not parts:
        return True
    part, rest = parts[0], parts[1:]
    if part.startswith("<") and part.endswith(">"):
        return isinstance(value, dict) and any(present(v, rest) for v in value.values())
    if part.endswith("[]"):
        items = value.get(part[:-2]) if isinstance(value, dict) else None
        return isinstance(items, list) and any(present(item, rest) for item in items)
    return isinstance(value, dict) and part in value and present(value[part], rest)


def test_every_report_key_the_document_lists_is_in_the_demos_report(tmp_path: Path):
    """In the first demo's report, or (what only a later offsite has) in the next quarter's."""
    reports = []
    for demo in (DEMO, NEXT):
        done = run_cli("report", demo, home=tmp_path)
        assert done.returncode == 0, done
        reports.append(json.loads(done.stdout))
    keys = listed_report_keys()
    assert len(keys) > 100 and "coherence.findings[].code" in keys
    missing = [key for key in keys if not any(present(report, key.split(".")) for report in reports)]
    assert missing == []


@pytest.mark.parametrize("demo", [DEMO, NEXT], ids=["demo", "next quarter"])
def test_every_top_level_key_of_the_demo_document_is_described(demo: Path):
    text = DOC.read_text(encoding="utf-8")
    for key in json.loads(demo.read_text(encoding="utf-8")):
        assert f"`{key}`" in text or f"**`{key}" in text, key
