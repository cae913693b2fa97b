"""The room's HTTP server: a small HTTP/1.1 server on asyncio, in one background thread.

Why not ``http.server``: it spends a thread per connection, and with 60 phones sending at once
those threads fight over the interpreter (the first version measured p99 of 90-200 ms for a
burst of ballots). One event-loop thread parses every request; a ballot waits for the file's
thread on a future without holding any thread. No Qt here, so ``okr-workshop serve`` runs it
without a QApplication.

Hardening lives at this level: the request head is capped, a body over the limit is refused
before it is read, a slow or silent client times out, open connections are capped, and
``stop`` closes every connection, so nothing is served and nothing listens once the room is off.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from email.utils import formatdate
from http import HTTPStatus

from .api import MAX_BODY, Pending, Request, Response, RoomApi, error, settle

log = logging.getLogger("okr_workshop.room")

MAX_CONNECTIONS = 256
MAX_HEAD = 16 * 1024  # request line and headers together
IDLE_SECONDS = 15.0  # a connection that sends nothing for this long is closed
BODY_SECONDS = 10.0  # the whole body must arrive within this
SERVER_NAME = "okr-workshop-room"


class BadRequest(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.response = error(status, code, message)


def parse_head(head: bytes) -> tuple[str, str, str, dict[str, str]]:
    """Method, target, version and headers (lower-case names) of a request head, or BadRequest."""
    try:
        text = head.decode("latin-1")
    except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes every byte
        raise BadRequest(400, "bad_request", "Unreadable request.") from None
    lines = text.split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[0].isalpha() or not parts[1].startswith("/") or \
            parts[2] not in ("HTTP/1.1", "HTTP/1.0"):
        raise BadRequest(400, "bad_request", "That is not an HTTP request this server understands.")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            raise BadRequest(400, "bad_request", "A header line is malformed.")
        key = name.lower()
        if key in headers and key in ("content-length", "authorization", "content-type", "host"):
            raise BadRequest(400, "bad_request", f"The {name} header appears twice.")
        headers[key] = value.strip()
    return parts[0], parts[1], parts[2], headers


def _observe(future: asyncio.Future) -> None:
    """A job that finished after its phone stopped waiting: its outcome is read, never reported."""
    if not future.cancelled():
        future.exception()


class _Headers(dict):
    """Header lookup by any capitalisation, as RoomApi reads them."""

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return super().get(key.lower(), default)


def encode(response: Response, keep_alive: bool, head_only: bool = False) -> bytes:
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = "Unknown"
    lines = [f"HTTP/1.1 {response.status} {reason}", f"Server: {SERVER_NAME}",
             f"Date: {formatdate(usegmt=True)}", f"Content-Type: {response.content_type}",
             f"Content-Length: {len(response.body)}", "Cache-Control: no-store", "X-Content-Type-Options: nosniff",
             *(f"{name}: {value}" for name, value in response.headers.items()),
             "Connection: keep-alive" if keep_alive else "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (b"" if head_only else response.body)


class RoomServer:
    """Listens on ``host``:``port`` (0 = any free port) from ``start`` until ``stop``."""

    def __init__(self, api: RoomApi, host: str = "127.0.0.1", port: int = 0):
        self.api = api
        self.host = host
        self.requested_port = port
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task] = set()

    @property
    def running(self) -> bool:
        return self._loop is not None

    def url(self, address: str | None = None) -> str:
        """The address phones open; ``address`` stands in for a wildcard host."""
        host = address or self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    # ----- starting and stopping (called from any thread) ------------------------------------

    def start(self) -> None:
        """Bind and serve; raises OSError when the address is taken or not this machine's."""
        if self._loop is not None:
            return
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                self._server = loop.run_until_complete(asyncio.start_server(
                    self._connection, self.host, self.requested_port, limit=MAX_HEAD, backlog=128,
                    reuse_address=True))
                self.port = self._server.sockets[0].getsockname()[1]
            except BaseException as exc:  # noqa: BLE001 - handed to the starting thread
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

        thread = threading.Thread(target=run, name="room-server", daemon=True)
        thread.start()
        ready.wait()
        if failure:
            thread.join()
            raise failure[0]
        self._loop, self._thread = loop, thread

    def stop(self) -> None:
        """Stop listening and close every connection; the port is free when this returns."""
        loop, self._loop = self._loop, None
        if loop is None:
            return
        done = threading.Event()

        async def close() -> None:
            if self._server is not None:
                self._server.close()
            for writer in list(self._writers):
                writer.transport.abort()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            if self._server is not None:
                await self._server.wait_closed()
            done.set()

        def shut() -> None:
            task = loop.create_task(close())
            task.add_done_callback(lambda _: loop.stop())

        loop.call_soon_threadsafe(shut)
        done.wait(timeout=5)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None
        self._server = None

    # ----- one connection (in the loop's thread) ------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if len(self._writers) >= MAX_CONNECTIONS:  # full: refuse rather than queue behind slow clients
            writer.transport.abort()
            return
        self._writers.add(writer)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        peer = writer.get_extra_info("peername")
        client = peer[0] if isinstance(peer, tuple) else ""
        try:
            while await self._one_request(reader, writer, client):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, TimeoutError):
            pass
        except Exception:  # a bug must cost one connection, never the server or the app
            log.exception("room connection failed")
        finally:
            self._writers.discard(writer)
            self._tasks.discard(task)  # type: ignore[arg-type]
            writer.close()

    async def _one_request(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, client: str) -> bool:
        """Serve one request; False when the connection should close."""
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), IDLE_SECONDS)
        except asyncio.IncompleteReadError:
            return False  # the client went away between requests
        except asyncio.LimitOverrunError:
            await self._send(writer, error(431, "head_too_large", "The request head is too large."), False)
            return False
        try:
            method, target, version, headers = parse_head(head[:-4])
            length = self._length(headers)
        except BadRequest as bad:
            await self._send(writer, bad.response, False)
            return False
        body = await asyncio.wait_for(reader.readexactly(length), BODY_SECONDS) if length else b""
        connection = headers.get("connection", "").lower()
        keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
        try:
            result = self.api.handle(Request(method, target, _Headers(headers), body, client))
            if isinstance(result, Pending):
                wrapped = asyncio.wrap_future(result.future)
                wrapped.add_done_callback(_observe)
                await asyncio.wait({wrapped}, timeout=result.wait_seconds)  # never cancels the job
                result = settle(result.future)
        except Exception:
            log.exception("room request %s %s failed", method, target.split("?")[0])
            result = error(500, "internal", "Something went wrong on the laptop; try again.")
        await self._send(writer, result, keep_alive, head_only=method == "HEAD")
        return keep_alive

    @staticmethod
    def _length(headers: dict[str, str]) -> int:
        if "transfer-encoding" in headers:
            raise BadRequest(411, "length_required", "Send a Content-Length, not a chunked body.")
        text = headers.get("content-length", "0")
        if not text.isdigit():
            raise BadRequest(400, "bad_length", "Content-Length is not a number.")
        length = int(text)
        if length > MAX_BODY:  # refused unread: the connection closes rather than swallow megabytes
            raise BadRequest(413, "too_large", f"The request is larger than {MAX_BODY} bytes.")
        return length

    @staticmethod
    async def _send(writer: asyncio.StreamWriter, response: Response, keep_alive: bool,
                    head_only: bool = False) -> None:
        writer.write(encode(response, keep_alive, head_only))
        await asyncio.wait_for(writer.drain(), BODY_SECONDS)
