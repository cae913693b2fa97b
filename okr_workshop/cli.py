"""The ``okr-workshop`` command: the GUI, and the headless import / export / report.

Bad input ends with exit status 2 and one line on stderr that names the file and the place,
never a traceback, and nothing written. Qt is imported only to open the window.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .command_names import COMMANDS

# ``new`` until command_names lists it (that module is shared with ``launch``).
EXIT_BAD_INPUT = 2


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _gui_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="okr-workshop",
        description="Run a leadership offsite offline: diagnose, vote, decide, map, govern, export.",
        epilog=(
            "commands (each has --help):\n"
            "  import IN.json -o OUT.okrw        validate and store a workshop\n"
            "  new --from PREV.okrw -o NEXT.okrw start the next offsite from the last one\n"
            "  export FILE.okrw --json OUT.json  write the interchange document (also --pdf, --graphml, --ics,\n"
            "                                    --csv OUT_DIR for every vote's results, --okr-csv OUT.csv\n"
            "                                    for the company's OKR tool)\n"
            "  report FILE.okrw                  print the analysis as JSON\n"
            "  serve FILE.okrw                   room voting without the GUI"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", help="a workshop file (.okrw) to open")
    p.add_argument("--demo", action="store_true", help="open a fresh copy of the sample offsite")
    p.add_argument("--exit-after-start", action="store_true",
                   help="exit 0 once the first frame is painted (benchmarks, smoke tests)")
    p.add_argument("--version", action="version", version=f"okr-workshop {__version__}")
    return p


def _command_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="okr-workshop")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    imp = sub.add_parser("import", help="validate an interchange document and store it as a workshop")
    imp.add_argument("input", help="the JSON document, or - for standard input")
    imp.add_argument("-o", "--output", required=True, help="the workshop file to write (.okrw)")
    imp.add_argument("--force", action="store_true", help="replace the output file if it exists")
    new = sub.add_parser(
        "new", help="start the next offsite from the last one",
        description="Start the next offsite from the last one: the participants, decision rights and rhythm, "
                    "the not-now list (an entry whose revisit date is on or before the new start is flagged "
                    "revisit_due), the priorities as candidates remembering their last status, the open actions "
                    "and parking-lot items, and last quarter's key results for the retrospective. The new OKRs "
                    "start empty. The previous file is only read.")
    new.add_argument("--from", dest="source", required=True, metavar="PREVIOUS",
                     help="the last offsite's workshop file (.okrw) or interchange document (.json), read-only")
    new.add_argument("-o", "--output", required=True, metavar="NEXT", help="the new workshop file to write (.okrw)")
    new.add_argument("--cycle", help="the new cycle; default: the quarter after the previous cycle (2026-Q2 -> "
                                     "2026-Q3), or none when the previous cycle is not a quarter")
    new.add_argument("--starts", metavar="YYYY-MM-DD",
                     help="the new offsite's first day; default: the previous start plus 13 weeks")
    new.add_argument("--force", action="store_true", help="replace the output file if it exists")
    exp = sub.add_parser("export", help="write the workshop in another format")
    exp.add_argument("file", help="the workshop file (.okrw)")
    fmt = exp.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--json", metavar="OUT", help="the interchange document: a file, or - for standard output")
    fmt.add_argument("--pdf", metavar="OUT", help="the PDF rollout pack: a file, or - for standard output")
    fmt.add_argument("--graphml", metavar="OUT",
                     help="the dependency graph as GraphML: a file, or - for standard output")
    fmt.add_argument("--ics", metavar="OUT",
                     help="the operating rhythm as a calendar: a file, or - for standard output")
    fmt.add_argument("--csv", metavar="OUT_DIR",
                     help="every vote's results, as OUT_DIR/vote-results.csv: a folder (not standard output)")
    fmt.add_argument("--okr-csv", metavar="OUT",
                     help="one row per key result for the company's OKR tool (UTF-8 with a BOM): a file, or - for "
                          "standard output")
    exp.add_argument("--facilitator", action="store_true",
                     help="with --pdf: the facilitator's copy (adds who voted what in open votes)")
    exp.add_argument("--paper", choices=("a4", "letter"), default="a4", help="with --pdf: the paper size (a4)")
    from .domain.date_words import DEFAULT_STYLE, STYLES  # a few lines of plain Python: no cost at start

    exp.add_argument("--dates", choices=STYLES, default=DEFAULT_STYLE,
                     help=f"with --pdf: how dates are written, long (12 March 2026) or iso (2026-03-12); "
                          f"default: {DEFAULT_STYLE}")
    exp.add_argument("--okr-csv-style", default="generic", metavar="STYLE",
                     help="with --okr-csv: whose import columns to write, generic (any tool with a column "
                          "mapping, or a spreadsheet) or a named tool's (see docs/command-line.md; a wrong name "
                          "lists them); default: generic")
    rep = sub.add_parser("report", help="print the analysis as JSON")
    rep.add_argument("file", help="a workshop file (.okrw), an interchange document (.json), or - for JSON on stdin")
    srv = sub.add_parser(
        "serve", help="run room voting without the GUI",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        description="Serve the phone voting page for a workshop file until Ctrl-C (or SIGTERM). Prints the "
                    "addresses to open, the room code and everyone's personal join code; codes and joined "
                    "phones live in memory only and end with the server.")
    srv.add_argument("file", metavar="FILE", help="the workshop file (.okrw) whose votes the phones see")
    srv.add_argument("--host", default="0.0.0.0",
                     help="the address to listen on: one of this computer's addresses, or 0.0.0.0 for all")
    srv.add_argument("--port", type=int, default=8765, help="the TCP port (0 picks a free one)")
    reh = sub.add_parser(
        "rehearse", help="write every stage view, every page, as PNG files",
        description="Draw what the room will see on the stage, every view and every page in show order, as "
                    "PNG files (01-title.png, 02-title-2.png, ...) at the projector's size. Needs no display.")
    reh.add_argument("file", metavar="FILE", help="the workshop file (.okrw), opened read-only")
    reh.add_argument("--out", required=True, metavar="DIR", help="the folder for the PNG files (made if missing)")
    reh.add_argument("--size", default="1280x720", metavar="WxH", help="the stage's size in pixels (1280x720)")
    return p


def _read_document(source: str) -> Any:
    name = "<stdin>" if source == "-" else source
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except FileNotFoundError:
        raise UserError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{name}: is a folder, not a JSON document") from None
    except OSError as exc:
        raise UserError(f"{name}: cannot read ({exc.strerror})") from None
    from .domain.json_text import DocumentError, parse_document

    try:
        return parse_document(data, name)
    except DocumentError as exc:
        raise UserError(str(exc)) from None


def _workshop_from_json(source: str):
    """A workshop from an interchange document; bad input is a UserError naming the place."""
    from .domain.validate import InterchangeError, workshop_from_document

    name = "<stdin>" if source == "-" else source
    doc = _read_document(source)
    try:
        return workshop_from_document(doc)
    except InterchangeError as exc:
        raise UserError(f"{name}: {exc}") from None


def _load_workshop(source: str):
    """A workshop from a .okrw file (read-only, so it works while the app has it open) or JSON."""
    from .store.workshop_file import WorkshopFile, WorkshopFileError

    if source == "-" or source.lower().endswith(".json"):
        return _workshop_from_json(source)
    try:
        with WorkshopFile.open(source, read_only=True) as wf:
            return wf.workshop
    except WorkshopFileError as exc:
        raise UserError(str(exc)) from None
    except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError) as exc:
        # It passed the header checks but its tables are not what this app wrote (a missing
        # table or column, a JSON column that does not parse): damaged, not a crash.
        raise UserError(f"{source}: damaged ({exc})") from None


def _make_folder(folder: Path, given: str) -> None:
    """The output folder a command was given, made if missing (its parent must exist)."""
    if folder.exists():
        return
    if not folder.parent.exists():
        raise UserError(f"{given}: folder {folder.parent} does not exist")
    try:
        folder.mkdir()
    except OSError as exc:
        raise UserError(f"{given}: cannot create ({exc.strerror})") from None


def _write_atomically(target: str, write: Callable[[Path], None]) -> None:
    """Write the output through ``store.output_file``: whole or not at all for a file (through a
    symlink to its target), straight into a pipe or a device; a folder is refused."""
    from .store.output_file import OutputError, write_output

    try:
        write_output(target, write)
    except OutputError as exc:
        raise UserError(str(exc)) from None


def _remove_leftovers(args: argparse.Namespace) -> None:
    """Before a command writes: delete the temporary files a killed run left where it writes."""
    from .store.output_file import remove_leftovers

    outputs = [getattr(args, name, None) for name in ("output", "json", "pdf", "graphml", "ics", "okr_csv")]
    folders = [Path(o).parent for o in outputs if o and o != "-"]
    if getattr(args, "csv", None):
        folders.append(Path(args.csv))
    if args.command == "serve":
        folders.append(Path(args.file).parent)
    folders.append(Path(tempfile.gettempdir()))  # what writing into a pipe or a device leaves
    remove_leftovers(folders)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _print_stdout(text: str) -> None:
    """JSON on stdout as UTF-8 bytes, whatever the console or locale encoding is."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # stdout replaced by a text-only stream (an embedding, a test)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def cmd_import(args: argparse.Namespace) -> int:
    if args.output == "-":
        raise UserError("-o -: a workshop file cannot go to standard output; name a .okrw file")
    workshop = _workshop_from_json(args.input)
    out = _new_file_place(args.output, args.force)
    try:
        _write_new_file(out, workshop, args.force)
    except (OverflowError, UnicodeEncodeError) as exc:  # the importer refuses these first; a safety net
        raise UserError(f"{args.input}: holds a number or text a workshop file cannot store ({exc})") from None
    print(f"{out}: stored {workshop.info.title!r} with {len(workshop.participants)} participants", file=sys.stderr)
    return 0


def _new_file_place(output: str, force: bool) -> Path:
    """Where a new workshop file goes: not over an existing file unless ``force``, in a folder that exists."""
    out = Path(output)
    if out.exists() and not force:
        raise UserError(f"{out}: already exists (add --force to replace it)")
    if not out.parent.exists():
        raise UserError(f"{out}: folder {out.parent} does not exist")
    return out


def _write_new_file(out: Path, workshop, force: bool) -> None:
    """Write a new workshop file whole (``write_new``); any failure is one line."""
    from .store.workshop_file import WorkshopFileError, write_new

    try:
        write_new(out, workshop, replace=force)
    except WorkshopFileError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{out}: cannot write ({exc.strerror})") from None
    except sqlite3.Error as exc:
        raise UserError(f"{out}: cannot write ({exc})") from None


def _iso_date(text: str, option: str) -> str:
    """``text`` if it is a real calendar date written YYYY-MM-DD; else a UserError naming ``option``."""
    import datetime as dt

    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise UserError(f"{option} {text}: not a date; write it as YYYY-MM-DD, e.g. 2026-06-25")


def cmd_new(args: argparse.Namespace) -> int:
    """The next offsite from the last one; the previous file is opened read-only and never written."""
    from .domain.next_quarter import carry_over, next_cycle, next_start

    if args.output == "-":
        raise UserError("-o -: a workshop file cannot go to standard output; name a .okrw file")
    starts = _iso_date(args.starts, "--starts") if args.starts is not None else None
    if args.source != "-" and _same_file(args.source, args.output):
        raise UserError(f"{args.output}: is the previous workshop; the next one needs a file of its own")
    out = _new_file_place(args.output, args.force)
    previous = _load_workshop(args.source)
    cycle = next_cycle(previous.info.cycle) if args.cycle is None else args.cycle.strip()
    workshop = carry_over(previous, cycle, starts if args.starts is not None else next_start(previous.info.starts))
    _write_new_file(out, workshop, args.force)
    print(f"{out}: {carried(workshop)}", file=sys.stderr)
    return 0


def carried(ws) -> str:
    """One line of what came over from the last offsite."""
    due = sum(n.revisit_due for n in ws.not_now)
    counts = [(len(ws.participants), "participant"), (len(ws.priorities), "priority"),
              (len(ws.decisions), "decision right"), (len(ws.forums), "forum"), (len(ws.not_now), "not-now entry"),
              (len(ws.actions), "open action"), (len(ws.parking_lot), "open parking-lot item"),
              (len(ws.past_key_results), "past key result")]
    words = ", ".join(f"{n} {_plural(word, n)}" for n, word in counts)
    when = f", starts {ws.info.starts}" if ws.info.starts else ""
    return f"{ws.info.cycle or 'next offsite'}{when}: carried {words} ({due} not-now due for a revisit)"


def _plural(word: str, n: int) -> str:
    if n == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def cmd_export(args: argparse.Namespace) -> int:
    if args.graphml is not None:
        return _export_graphml(args)
    if args.ics is not None:
        return _export_ics(args)
    if args.pdf is not None:
        return _export_pdf(args)
    if args.csv is not None:
        return _export_csv(args)
    if args.okr_csv is not None:
        return _export_okr_csv(args)
    from .domain.validate import document_from_workshop

    if args.json != "-" and _same_file(args.file, args.json):
        raise UserError(f"{args.json}: is the workshop being exported; choose another name")
    text = json.dumps(document_from_workshop(_load_workshop(args.file)), ensure_ascii=False, indent=2) + "\n"
    if args.json == "-":
        _print_stdout(text)
    else:
        _write_atomically(args.json, lambda p: p.write_bytes(text.encode("utf-8")))  # "\n" on every OS
    return 0


def _export_graphml(args: argparse.Namespace) -> int:
    from .domain.graphml import to_graphml

    if args.graphml != "-" and _same_file(args.file, args.graphml):
        raise UserError(f"{args.graphml}: is the workshop being exported; choose another name")
    text = to_graphml(_load_workshop(args.file))
    if args.graphml == "-":
        _print_stdout(text)
    else:
        _write_atomically(args.graphml, lambda p: p.write_bytes(text.encode("utf-8")))
    return 0


def _export_pdf(args: argparse.Namespace) -> int:
    """The rollout pack; the participants' copy unless --facilitator."""
    from .export.pdf_pack import build_pack

    if args.pdf != "-" and _same_file(args.file, args.pdf):
        raise UserError(f"{args.pdf}: is the workshop being exported; choose another name")
    workshop = _load_workshop(args.file)
    options: dict[str, object] = {"facilitator": args.facilitator, "paper": args.paper, "dates": args.dates}
    if args.pdf == "-":
        import io

        buffer = io.BytesIO()
        build_pack(workshop, buffer, **options)
        sys.stdout.flush()
        sys.stdout.buffer.write(buffer.getvalue())
        sys.stdout.buffer.flush()
    else:
        _write_atomically(args.pdf, lambda p: build_pack(workshop, p, **options))
    return 0


def _export_csv(args: argparse.Namespace) -> int:
    """Every vote's results in OUT_DIR (made if missing; its parent must exist)."""
    from .export.results_csv import FILE_NAME, to_csv

    folder = Path(args.csv)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{args.csv}: is a file; --csv takes a folder")
    workshop = _load_workshop(args.file)  # refused before the folder is made
    _make_folder(folder, args.csv)
    data = to_csv(workshop)
    target = folder / FILE_NAME
    _write_atomically(str(target), lambda p: p.write_bytes(data))
    print(f"{target}: results of {len(workshop.votes)} votes", file=sys.stderr)
    return 0


def _export_okr_csv(args: argparse.Namespace) -> int:
    """One row per key result, in the columns of the OKR tool named by --okr-csv-style."""
    from .export.okr_csv import STYLES, write_okr_csv  # only this export pays for it

    if args.okr_csv_style not in STYLES:
        raise UserError(f"--okr-csv-style {args.okr_csv_style}: choose one of {', '.join(STYLES)}")
    if args.okr_csv != "-" and _same_file(args.file, args.okr_csv):
        raise UserError(f"{args.okr_csv}: is the workshop being exported; choose another name")
    workshop = _load_workshop(args.file)
    try:
        write_okr_csv(workshop, args.okr_csv, args.okr_csv_style)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{args.okr_csv}: cannot write ({exc.strerror or exc})") from None
    if args.okr_csv != "-":
        print(f"{args.okr_csv}: {len(workshop.key_results)} key results ({args.okr_csv_style})", file=sys.stderr)
    return 0


def _export_ics(args: argparse.Namespace) -> int:
    """The operating rhythm as iCalendar; what it had to assume (a forum with no first meeting)
    goes to stderr, one line per forum."""
    from .domain.calendar_ics import NothingToExport, notes, to_ics

    if args.ics != "-" and _same_file(args.file, args.ics):
        raise UserError(f"{args.ics}: is the workshop being exported; choose another name")
    workshop = _load_workshop(args.file)
    try:
        text = to_ics(workshop)
    except NothingToExport as exc:
        raise UserError(f"{args.file}: {exc}") from None
    if args.ics == "-":
        _print_stdout(text)
    else:
        _write_atomically(args.ics, lambda p: p.write_bytes(text.encode("utf-8")))
    for note in notes(workshop):
        print(f"okr-workshop: note: {note}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .domain.report import build_report

    report = build_report(_load_workshop(args.file))
    _print_stdout(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Room voting without the GUI: print the address and the codes, serve until Ctrl-C."""
    import signal
    import threading

    from .room.session import HeadlessRoom
    from .store.workshop_file import WorkshopFile, WorkshopFileError

    if not 0 <= args.port <= 65535:
        raise UserError(f"--port {args.port}: must be between 0 and 65535")
    try:
        store = WorkshopFile.open(args.file)
    except WorkshopFileError as exc:
        raise UserError(str(exc)) from None
    except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError) as exc:
        raise UserError(f"{args.file}: damaged ({exc})") from None
    stop = threading.Event()
    room = None
    # Before listening: a SIGTERM that arrives as soon as the banner is out must stop cleanly, not kill.
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        room = HeadlessRoom(store, args.host, args.port)
        try:
            room.start()
        except OSError as exc:
            raise UserError(f"{args.host}:{args.port}: cannot listen ({exc.strerror or exc})") from None
        _print_room(room)
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    finally:
        try:
            if room is not None:
                room.stop()
            store.close()
        finally:
            signal.signal(signal.SIGTERM, previous)
    print("okr-workshop: room voting stopped", file=sys.stderr)
    return 0


def cmd_rehearse(args: argparse.Namespace) -> int:
    """Every stage view as PNG files, drawn offscreen: the rehearsal the night before."""
    from .stage.rehearse import parse_size

    size = parse_size(args.size)
    if size is None:
        raise UserError(f"--size {args.size}: give the stage's size as WIDTHxHEIGHT in pixels, e.g. 1280x720")
    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{args.out}: is a file; --out takes a folder")
    workshop = _load_workshop(args.file)
    _make_folder(folder, args.out)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt starts: no display needed
    from .stage.rehearse import rehearse

    try:
        written = rehearse(workshop, folder, *size)
    except OSError as exc:
        raise UserError(str(exc)) from None
    print(f"{folder}: {len(written)} stage pages at {size[0]}x{size[1]}", file=sys.stderr)
    return 0


def _print_room(room) -> None:
    """The addresses to open, the room code and everyone's personal join code, on stdout."""
    from .room.network import local_addresses

    session = room.session
    host = session.server.host
    wildcard = host in ("0.0.0.0", "::", "")
    urls = [session.url(a.address) for a in local_addresses()] if wildcard else [session.url()]
    lines = ["Room voting is on. Phones open:", *(f"  {url}" for url in urls),
             f"Room code: {session.room_code}", "Personal join codes:"]
    lines += [f"  {code}  {name}" for _, name, code in session.join_codes()]
    lines.append("Press Ctrl-C to stop.")
    _print_stdout("\n".join(lines) + "\n")
    if sys.stdout.isatty():
        with contextlib.suppress(Exception):  # a console that cannot draw blocks just gets no QR code
            import segno

            segno.make(urls[0], error="m").terminal(compact=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            handler = {"import": cmd_import, "new": cmd_new, "export": cmd_export, "report": cmd_report,
                       "serve": cmd_serve, "rehearse": cmd_rehearse}
            if args.command != "report":
                _remove_leftovers(args)
            return handler[args.command](args)
        args = _gui_parser().parse_args(argv)
        if args.file and args.demo:
            raise UserError("give a workshop file or --demo, not both")
        from .ui.app import run_app

        return run_app(file=args.file, demo=args.demo, exit_after_start=args.exit_after_start)
    except UserError as exc:
        print(f"okr-workshop: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python's final flush of
        # stdout from printing "Exception ignored ... BrokenPipeError".
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

