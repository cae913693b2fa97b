"""The venue checks the facilitator runs the night before: will room voting, the PDF pack and
the app's own files work here, offline?

No Qt here (the screens check lives in the dialog, ``ui/preflight_dialog.py``), so a check can
run in a worker thread. Every check returns a ``Check`` and never raises: a pre-flight check
reports a failure, it does not become one. Each is bounded in time.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PASS, WARN, FAIL, NOT_AVAILABLE = "pass", "warn", "fail", "n/a"
ROOM_TIMEOUT = 3.0  # seconds for the page to arrive from the laptop's own server
LOW_DISK_BYTES = 200 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Check:
    name: str
    status: str  # PASS, WARN, FAIL or NOT_AVAILABLE
    detail: str

    @property
    def ok(self) -> bool:
        return self.status in (PASS, WARN)


def check_resources() -> Check:
    """The files the app ships: the demo, the phones' page and the icon."""
    from .resource_lookup import resource

    name = "App files (demo, phone page, icon)"
    try:
        for item in ("demo/demo.json", "room/index.html", "icons/okr-workshop-256.png"):
            resource(item)
    except FileNotFoundError as exc:
        return Check(name, FAIL, f"{exc}. Reinstall the app before the offsite.")
    return Check(name, PASS, "Installed on this computer; nothing is downloaded at the venue.")


def check_room(address: str, timeout: float = ROOM_TIMEOUT) -> Check:
    """Start the room's real server briefly on ``address`` (a free port) and fetch its page over
    that address, as a phone would. Stopped before this returns."""
    from .room.network import LOOPBACK
    from .room.session import HeadlessRoom
    from .store.workshop_file import WorkshopFile, write_new

    name = f"Room voting on {address}"
    folder = Path(tempfile.mkdtemp(prefix="okr-workshop-preflight-"))
    try:
        path = folder / "preflight.okrw"
        write_new(path)
        with WorkshopFile.open(path) as store:
            room = HeadlessRoom(store, address, 0)
            try:
                room.start()
            except OSError as exc:
                return Check(name, FAIL, f"Cannot listen on {address}: {exc.strerror or exc}. "
                                         "Connect to the room's network and run the check again.")
            try:
                url = room.session.url()
                started = time.monotonic()
                page = _fetch(url, timeout)
                elapsed = time.monotonic() - started
            except (OSError, urllib.error.URLError) as exc:
                return Check(name, FAIL, f"Listening on {url}, but the page did not arrive ({_reason(exc)}). "
                                         "A firewall on this laptop may block it.")
            finally:
                room.stop()
    except Exception as exc:  # noqa: BLE001 - reported, never raised (see the module's docstring)
        return Check(name, FAIL, f"The check itself failed: {exc}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if b"<html" not in page[:2000].lower():
        return Check(name, FAIL, f"{url} answered, but not with the phones' page.")
    served = f"Served the phones' page at {url} in {elapsed * 1000:.0f} ms."
    if address == LOOPBACK or address.startswith("127."):
        return Check(name, WARN, f"{served} This address is this computer only: phones cannot reach it. "
                                 "Join the room's Wi-Fi and choose its network.")
    return Check(name, PASS, f"{served} Phones on this network can reach this laptop at {address}. "
                             "A guest Wi-Fi that keeps devices apart can still block them: try one phone "
                             "when room voting is on.")


def _fetch(url: str, timeout: float) -> bytes:
    # No proxy: a proxy set for the venue's internet would never reach this laptop's own address.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as response:
        return response.read(64 * 1024)


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
    return str(reason)


def check_pdf() -> Check:
    """Build the demo's rollout pack into a temporary folder (removed afterwards)."""
    name = "PDF rollout pack"
    if importlib.util.find_spec("okr_workshop.export.pdf_pack") is None:
        return Check(name, NOT_AVAILABLE, "This version of the app cannot make the PDF pack.")
    folder = Path(tempfile.mkdtemp(prefix="okr-workshop-preflight-"))
    try:
        from .domain.validate import workshop_from_document
        from .export.pdf_pack import build_pack
        from .resource_lookup import resource

        workshop = workshop_from_document(json.loads(resource("demo/demo.json").read_text(encoding="utf-8")))
        target = folder / "demo pack.pdf"
        started = time.monotonic()
        build_pack(workshop, target)
        elapsed = time.monotonic() - started
        data = target.read_bytes()
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        return Check(name, FAIL, f"Building the demo's pack failed: {type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not data.startswith(b"%PDF"):
        return Check(name, FAIL, "The demo's pack was written, but it is not a PDF.")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    detail = f"The demo's pack: {pages} pages, {len(data) // 1024} KB, in {elapsed:.1f} s."
    fonts = _cjk_font_note()
    if fonts:
        return Check(name, WARN, f"{detail} {fonts}")
    return Check(name, PASS, detail)


def _cjk_font_note() -> str:
    try:
        from .export import fonts
    except ImportError:
        return ""
    available = getattr(fonts, "fallback_available", None)
    if available is None or available():
        return ""
    return "No font for Japanese, Chinese or Korean names was found: such names would print as boxes."


def check_restore_folder(root: Path) -> Check:
    """Restore points can be written, and the disk has room for them."""
    name = "Restore points"
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".probe-"):
            pass
        free = shutil.disk_usage(root).free
    except OSError as exc:
        return Check(name, FAIL, f"Cannot write to {root}: {exc.strerror or exc}.")
    where = f"Kept in {root} ({free // (1024 * 1024):,} MB free)."
    if free < LOW_DISK_BYTES:
        return Check(name, WARN, f"{where} The disk is nearly full: free some space before the offsite.")
    return Check(name, PASS, where)
