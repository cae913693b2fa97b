"""``okr-workshop export FILE --ics OUT``: the installed script writes the operating rhythm as a calendar
that icalendar reads, also to stdout, and refuses what it cannot do without writing anything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from icalendar import Calendar

from .conftest import DEMO_JSON, demo_document


def write_json_document(path: Path, doc: dict) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def summaries(data: bytes) -> list[str]:
    return [str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")]


def test_export_ics_writes_one_recurring_event_per_forum(cli, tmp_path: Path, demo_okrw: Path):
    """From a .okrw: one VEVENT per forum with its rule, names in every script intact, nothing else left behind."""
    shutil.copy(demo_okrw, tmp_path / "x.okrw")
    result = cli("export", "x.okrw", "--ics", "rhythm.ics")
    assert result.returncode == 0, str(result)
    assert result.stderr == ""
    data = (tmp_path / "rhythm.ics").read_bytes()
    assert summaries(data) == [f["name"] for f in demo_document()["rhythm"]]
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [e["RRULE"].to_ical().decode() for e in events][:3] == [
        "FREQ=WEEKLY", "FREQ=MONTHLY;BYDAY=4TU", "FREQ=MONTHLY;INTERVAL=3;BYDAY=4TH"]
    assert "田中 愛子" in str(events[0]["DESCRIPTION"]) and "Дмитрий Волков" in str(events[0]["DESCRIPTION"])
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".config") == ["rhythm.ics", "x.okrw"]


def test_export_ics_from_json_to_stdout(cli):
    """From an interchange document to standard output, CRLF line ends as RFC 5545 asks."""
    result = cli("export", DEMO_JSON, "--ics", "-")
    assert result.returncode == 0, str(result)
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    assert len(summaries(result.stdout_bytes)) == len(demo_document()["rhythm"])


def test_a_forum_without_a_first_meeting_is_exported_and_reported(cli, tmp_path: Path):
    """The forum starts on the cycle's first Monday, and one note on stderr says so; the exit status is 0."""
    doc = demo_document()
    del doc["rhythm"][1]["first"]
    write_json_document(tmp_path / "in.json", doc)
    result = cli("export", "in.json", "--ics", "out.ics")
    assert result.returncode == 0, str(result)
    assert result.stderr.strip() == ("okr-workshop: note: Monthly business review: no first meeting; "
                                     "the calendar starts it on 2026-04-06 09:00")
    assert len(summaries((tmp_path / "out.ics").read_bytes())) == 4


def test_export_ics_onto_the_workshop_itself_is_refused(cli, tmp_path: Path, demo_okrw: Path):
    """Naming the workshop as the output is refused with exit status 2, and the workshop is untouched."""
    shutil.copy(demo_okrw, tmp_path / "x.okrw")
    before = (tmp_path / "x.okrw").read_bytes()
    result = cli("export", "x.okrw", "--ics", "x.okrw")
    assert result.returncode == 2
    assert "choose another name" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "x.okrw").read_bytes() == before


def test_a_rhythm_without_forums_is_refused_and_nothing_is_written(cli, tmp_path: Path):
    """No forums, no calendar: exit 2, one line naming the file, no output file."""
    doc = demo_document()
    doc["rhythm"] = []
    doc["decision_rights"]["decisions"] = [{k: v for k, v in d.items() if k != "forum"}
                                           for d in doc["decision_rights"]["decisions"]]
    write_json_document(tmp_path / "in.json", doc)
    result = cli("export", "in.json", "--ics", "out.ics")
    assert result.returncode == 2, str(result)
    assert result.stderr.count("\n") == 1 and "in.json" in result.stderr and "no forums" in result.stderr
    assert not (tmp_path / "out.ics").exists()
