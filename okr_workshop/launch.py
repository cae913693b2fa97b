"""The ``okr-workshop`` command's front door: the window's plain starts skip argparse.

``okr-workshop``, ``okr-workshop FILE.okrw``, ``--demo`` and ``--exit-after-start`` open the
window at once; everything else (the commands, ``--help``, ``--version``, a mistake) goes to
``cli.main``, whose parser explains. Importing argparse and looking up its translations costs
the start about 10 ms, a twentieth of the time to the first frame.
"""

from __future__ import annotations

import sys

from .command_names import COMMANDS

WINDOW_FLAGS = ("--demo", "--exit-after-start")


def window_args(argv: list[str]) -> tuple[str | None, bool, bool] | None:
    """(file, demo, exit_after_start) for a plain start of the window; None for anything else."""
    flags = [a for a in argv if a.startswith("-")]
    files = [a for a in argv if not a.startswith("-")]
    if any(f not in WINDOW_FLAGS for f in flags) or len(set(flags)) != len(flags) or len(files) > 1:
        return None
    if files and (files[0] in COMMANDS or "--demo" in flags):
        return None  # a command, or a file and --demo together: the parser says what is wrong
    return (files[0] if files else None), "--demo" in flags, "--exit-after-start" in flags


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    plain = window_args(argv)
    if plain is None:
        from .cli import main as cli_main

        return cli_main(argv)
    # The store and the domain before Qt: PySide6 hooks every import made after its own and
    # reads each new module's source (looking for its ``__feature__`` switches); these ~40
    # modules need no Qt, and imported first they skip that.
    from .store import workshop_file  # noqa: F401
    from .ui.app import run_app

    file, demo, exit_after_start = plain
    try:
        return run_app(file=file, demo=demo, exit_after_start=exit_after_start)
    except KeyboardInterrupt:
        return 130


def gui_main() -> int:
    return main()
