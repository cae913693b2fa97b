"""The front door: plain starts of the window skip argparse; everything else reaches the parser."""

from __future__ import annotations

import pytest

from okr_workshop.launch import window_args


@pytest.mark.parametrize(("argv", "expected"), [
    ([], (None, False, False)),
    (["offsite.okrw"], ("offsite.okrw", False, False)),
    (["--demo"], (None, True, False)),
    (["--demo", "--exit-after-start"], (None, True, True)),
    (["--exit-after-start", "Ελληνικά.okrw"], ("Ελληνικά.okrw", False, True)),
])
def test_plain_window_starts_are_read_directly(argv, expected):
    assert window_args(argv) == expected


@pytest.mark.parametrize("argv", [
    ["--help"], ["-h"], ["--version"], ["export", "x.okrw", "--json", "-"], ["report", "x.okrw"],
    ["a.okrw", "b.okrw"], ["a.okrw", "--demo"], ["--demo", "--demo"], ["--dmeo"], ["-"],
])
def test_anything_else_goes_to_the_parser(argv):
    assert window_args(argv) is None


def test_the_parser_still_explains_a_mistake(cli):
    """A misspelt flag ends with status 2 and one line from the parser, as before."""
    result = cli("--dmeo")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "--dmeo" in result.stderr
    both = cli("x.okrw", "--demo")
    assert both.returncode == 2 and "not both" in both.stderr
