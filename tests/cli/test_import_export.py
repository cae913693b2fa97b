"""``okr-workshop import`` and ``export --json``: the interchange document survives the trip through
a workshop file, from files and standard streams, and an existing workshop is never overwritten
by accident."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from okr_workshop import __version__

from .conftest import DEMO_BYTES, DEMO_JSON, canonical, demo_document, run_cli

SQLITE_MAGIC = b"SQLite format 3\x00"


@pytest.fixture(scope="module")
def exported(demo_okrw: Path, module_home: Path) -> Path:
    """The shared demo workshop exported once with ``export --json``."""
    out = module_home / "exported.json"
    result = run_cli("export", demo_okrw, "--json", out, home=module_home)
    assert result.returncode == 0, str(result)
    return out


def test_import_creates_a_workshop_file_and_nothing_else(cli, tmp_path: Path):
    """import exits 0, writes an SQLite workshop file, and leaves no temporary or journal files."""
    result = cli("import", DEMO_JSON, "-o", "x.okrw")

    assert result.returncode == 0, str(result)
    assert (tmp_path / "x.okrw").read_bytes()[:16] == SQLITE_MAGIC
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".config") == ["x.okrw"]
    assert "x.okrw" in result.stderr  # says what it stored, on stderr
    assert result.stdout == ""


def test_export_json_equals_the_imported_document(exported: Path):
    """export --json writes the imported document again (secret ballots as a multiset, voters as a set)."""
    doc = json.loads(exported.read_bytes())

    assert canonical(doc) == canonical(demo_document())


def test_export_writes_secret_ballots_without_participants(exported: Path):
    """A secret vote's exported ballots carry no participant; the voters are listed apart."""
    doc = json.loads(exported.read_bytes())
    secret = [v for v in doc["votes"] if v.get("secret", True)]

    assert secret, "the demo has a secret vote"
    for vote in secret:
        assert all(set(b) == {"scores"} for b in vote["ballots"]), vote["ballots"]
        assert len(vote["voted"]) == len(vote["ballots"])


def test_export_file_gets_the_permissions_of_any_new_file(exported: Path):
    """The exported document gets 0666 minus the umask, not the owner-only mode of a temporary file."""
    umask = os.umask(0)
    os.umask(umask)

    assert exported.stat().st_mode & 0o777 == 0o666 & ~umask


def test_export_to_dash_prints_the_document_on_stdout(demo_okrw: Path, module_home: Path, exported: Path):
    """export --json - prints the same UTF-8 document on stdout and writes no file."""
    before = sorted(p.name for p in module_home.iterdir())
    result = run_cli("export", demo_okrw, "--json", "-", home=module_home)

    assert result.returncode == 0, str(result)
    assert result.stdout_bytes == exported.read_bytes()
    assert sorted(p.name for p in module_home.iterdir()) == before
    assert not (module_home / "-").exists()


def test_round_trip_through_exported_json_is_idempotent(exported: Path, tmp_path: Path, cli):
    """Importing the exported JSON and exporting again gives the same document."""
    shutil.copy(exported, tmp_path / "first.json")
    assert cli("import", "first.json", "-o", "again.okrw").returncode == 0
    result = cli("export", "again.okrw", "--json", "second.json")

    assert result.returncode == 0, str(result)
    first = json.loads((tmp_path / "first.json").read_bytes())
    second = json.loads((tmp_path / "second.json").read_bytes())
    assert canonical(second) == canonical(first) == canonical(demo_document())
    # Open votes keep their ballot order and voters exactly.
    open_votes = [v for v in second["votes"] if not v.get("secret", True)]
    assert open_votes == [v for v in first["votes"] if not v.get("secret", True)]


def test_import_dash_reads_the_document_from_stdin(cli, tmp_path: Path):
    """import - -o y.okrw reads the document from standard input."""
    result = cli("import", "-", "-o", "y.okrw", stdin=DEMO_BYTES)

    assert result.returncode == 0, str(result)
    exported = cli("export", "y.okrw", "--json", "-")
    assert exported.returncode == 0, str(exported)
    assert canonical(exported.json()) == canonical(demo_document())


def test_import_refuses_an_existing_output_without_force(cli, tmp_path: Path):
    """import will not replace an existing file: exit 2, one line naming it and --force, file untouched."""
    target = tmp_path / "x.okrw"
    target.write_bytes(b"precious work")

    result = cli("import", DEMO_JSON, "-o", target)

    assert result.returncode == 2, str(result)
    assert len(result.stderr.splitlines()) == 1
    assert "x.okrw" in result.stderr and "--force" in result.stderr
    assert target.read_bytes() == b"precious work"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".config") == ["x.okrw"]


def test_import_force_replaces_an_existing_output(cli, tmp_path: Path):
    """import --force replaces an existing file with the new workshop."""
    target = tmp_path / "x.okrw"
    target.write_bytes(b"old")

    result = cli("import", DEMO_JSON, "-o", target, "--force")

    assert result.returncode == 0, str(result)
    assert target.read_bytes()[:16] == SQLITE_MAGIC
    exported = cli("export", target, "--json", "-")
    assert canonical(exported.json()) == canonical(demo_document())


def test_version_prints_the_package_version(cli):
    """--version exits 0 and names the program and its version."""
    result = cli("--version")

    assert result.returncode == 0, str(result)
    assert result.stdout.strip() == f"okr-workshop {__version__}"


def test_help_lists_the_headless_commands(cli):
    """--help exits 0 and lists import, export and report."""
    result = cli("--help")

    assert result.returncode == 0, str(result)
    for command in ("import", "export", "report"):
        assert f"  {command} " in result.stdout, command
