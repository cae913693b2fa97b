"""The room's HTTP server: aiohttp's low-level server on its own event loop, in one background thread.

Why aiohttp: the request parser faces the room's network, so it should be one that is fuzzed
and maintained, not hand-written. Why one event loop in one thread: 60 phones sending at once
must not each cost a thread fighting over the interpreter; a ballot waits for the file's thread
on a future, and a wrong code's answer sleeps, without holding any thread. No Qt here, so
``okr-workshop serve`` runs it without a QApplication.

Hardening lives at this level, before ``RoomApi`` sees a request: the request line and each
header are capped (431), a body over the limit is refused before it is read (413), chunked
bodies are refused (411), a foreign Host is 421 and a cross-site POST 403 (``hosts``), a silent
or slow client times out, connections are capped well above a room's needs, aiohttp's own error
pages are JSON and logged without a traceback, and ``stop`` closes every connection, so nothing
is served and nothing listens once the room is off.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import LineTooLong
from aiohttp.web_protocol import RequestHandler

from .api import MAX_BODY, Later, Pending, Request, Response, RoomApi, error, settle
from .hosts import HostCheck

log = logging.getLogger("okr_workshop.room")

MAX_CONNECTIONS = 4096  # far above a room (60 phones, a few tabs each); bounded by the open-file limit too
IDLE_SECONDS = 15.0  # a connection that sends nothing (or half a request head) for this long is closed
BODY_SECONDS = 10.0  # the whole body must arrive within this
STOP_SECONDS = 1.0  # stop waits this long for requests in flight, then cuts them off
MAX_LINE = 8 * 1024  # the request line
MAX_FIELD = 8 * 1024  # one header
MAX_HEADERS = 64
SERVER_NAME = "okr-workshop-room"
STRICT_HEADERS = ("Content-Length", "Authorization", "Content-Type", "Host")  # each at most once
COMMON_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Server": SERVER_NAME}


def open_file_limit() -> int:
    """How many files (sockets) this process may open; raised to the hard limit where it is low (macOS: 256)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit on sockets
        return 1 << 16
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_CONNECTIONS + 256 if hard == resource.RLIM_INFINITY else min(hard, MAX_CONNECTIONS + 256)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
    return 1 << 16 if soft == resource.RLIM_INFINITY else soft


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvloop's event loop where it is installed (Linux, macOS), the standard one elsewhere.

    Why: with 60 phones sending at once, each ballot's wait is the time the interpreter spends
    on the requests before it; uvloop runs the loop and its sockets in C (libuv), which in
    bench_room.py took the 60 phones' p99 from ~23 ms to ~18 ms and the throughput from ~3,000
    to ~3,700 ballots/s. aiohttp's request parser, the part facing the network, is the same.
    """
    try:
        import uvloop
    except ImportError:  # Windows has no uvloop: the standard loop serves the same, a little slower
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def to_web(response: Response, close: bool = False) -> web.Response:
    """RoomApi's answer as aiohttp's, with the headers every answer carries."""
    answer = web.Response(status=response.status, body=response.body,
                          headers={"Content-Type": response.content_type, **COMMON_HEADERS, **response.headers})
    if close:
        answer.force_close()
    return answer


def _wake_up(waiter: asyncio.Future) -> None:
    """A request's wait is over (its job finished, or it waited long enough)."""
    if not waiter.done():
        waiter.set_result(None)


class Mailbox:
    """Hands finished jobs from the file's thread to the event loop, a whole group at a time.

    Why: the file's thread settles a group of ballots together; waking the loop once per
    ballot (``asyncio.wrap_future`` does) cost a write to the loop's wake-up socket each, and
    every such system call handed the interpreter to the other thread and back, in the middle
    of a burst of 60 phones. Here only the first of a group wakes the loop; the rest ride along.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._lock = threading.Lock()
        self._due: list[asyncio.Future] = []

    def post(self, waiter: asyncio.Future, _job: object = None) -> None:
        """Any thread: ``waiter`` may stop waiting (a job's done-callback, the job passed last)."""
        with self._lock:
            self._due.append(waiter)
            first = len(self._due) == 1
        if first:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits any more
                self._loop.call_soon_threadsafe(self._deliver)

    def _deliver(self) -> None:
        with self._lock:
            due, self._due = self._due, []
        for waiter in due:
            _wake_up(waiter)


class RoomConnection(RequestHandler):
    """aiohttp's connection, with JSON error pages, no tracebacks logged, and the connection cap."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        manager = self._manager
        if isinstance(manager, RoomWebServer) and len(manager.connections) > manager.max_connections:
            transport.abort()  # full: refuse rather than queue behind slow clients

    def log_exception(self, *args: Any, **kw: Any) -> None:
        """aiohttp reports a bad request or a client gone mid-answer here: one line at debug, no traceback."""
        exc = kw.get("exc_info")
        self.logger.debug("room connection: %s", type(exc).__name__ if isinstance(exc, BaseException) else args[0])

    def handle_error(self, request: Any, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        """A request aiohttp could not parse: a JSON answer, and the connection closes."""
        self.log_exception("bad request", exc_info=exc)
        if isinstance(exc, LineTooLong):
            answer = error(431, "head_too_large", "The request head is too large.")
        elif status == 413:
            answer = error(413, "too_large", f"The request is larger than {MAX_BODY} bytes.")
        elif status >= 500:
            answer = error(500, "internal", "Something went wrong on the laptop; try again.")
        else:
            answer = error(status if 400 <= status < 500 else 400, "bad_request",
                           "That is not an HTTP request this server understands.")
        return to_web(answer, close=True)


class RoomWebServer(web.Server):
    """aiohttp's low-level server making ``RoomConnection``s."""

    def __init__(self, handler: Any, max_connections: int, **kwargs: Any):
        super().__init__(handler, **kwargs)
        self.max_connections = max_connections

    def __call__(self) -> RequestHandler:
        return RoomConnection(self, loop=self._loop, **self._kwargs)


class RoomServer:
    """Listens on ``host``:``port`` (0 = any free port) from ``start`` until ``stop``."""

    def __init__(self, api: RoomApi, host: str = "127.0.0.1", port: int = 0):
        self.api = api
        self.host = host
        self.requested_port = port
        self.port = 0
        self.hosts: HostCheck | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.BaseRunner | None = None
        self._mailbox: Mailbox | None = None
        self._loop_thread = 0  # the loop thread's ident

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
        loop = new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            self._loop_thread = threading.get_ident()
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._listen())
            except BaseException as exc:  # noqa: BLE001 - handed to the starting thread
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            _finish(loop)

        thread = threading.Thread(target=run, name="room-server", daemon=True)
        thread.start()
        ready.wait()
        if failure:
            thread.join()
            raise failure[0]
        self._loop, self._thread = loop, thread

    async def _listen(self) -> None:
        self._mailbox = Mailbox(asyncio.get_running_loop())
        server = RoomWebServer(
            self._handle, max_connections=min(MAX_CONNECTIONS, open_file_limit() - 128),
            handler_cancellation=False,  # a ballot's job runs on even if the phone goes
            keepalive_timeout=IDLE_SECONDS, lingering_time=0, access_log=None,  # no request is logged
            max_line_size=MAX_LINE, max_field_size=MAX_FIELD, max_headers=MAX_HEADERS, auto_decompress=False)
        server.request_factory = self._request_factory(server)
        runner = web.ServerRunner(server, handle_signals=False, shutdown_timeout=STOP_SECONDS)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.requested_port, backlog=512, reuse_address=True)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = runner.addresses[0][1]
        self.hosts = HostCheck(self.host, self.port)

    @staticmethod
    def _request_factory(server: web.Server) -> Any:
        def make(message: Any, payload: Any, protocol: Any, writer: Any, task: Any) -> web.BaseRequest:
            return web.BaseRequest(message, payload, protocol, writer, task, server._loop,
                                   client_max_size=MAX_BODY)
        return make

    def stop(self) -> None:
        """Stop listening and close every connection; the port is free when this returns."""
        loop, self._loop = self._loop, None
        if loop is None:
            return
        runner = self._runner
        if runner is not None:
            with contextlib.suppress(Exception):  # a stop must never fail: the thread is ended below anyway
                asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=STOP_SECONDS + 4)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None
        self._runner = None

    def after_turn(self, work: Callable[[], None]) -> bool:
        """Called in the loop's thread: run ``work`` once the loop has handled what is ready now
        (the other requests that arrived together), and True. From any other thread: False."""
        loop = self._loop
        if loop is None or threading.get_ident() != self._loop_thread:
            return False
        loop.call_soon(work)
        return True

    # ----- one request (in the loop's thread) -----------------------------------------------

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        refusal = self._refuse(request)
        if refusal is not None:
            return to_web(refusal, close=True)
        try:
            body = await self._body(request)
        except TimeoutError:
            return to_web(error(408, "too_slow", "The request took too long to arrive."), close=True)
        except web.HTTPRequestEntityTooLarge:
            return to_web(error(413, "too_large", f"The request is larger than {MAX_BODY} bytes."), close=True)
        try:
            result = self.api.handle(Request(request.method, request.path_qs, request.headers, body,
                                             request.remote or ""))
            if isinstance(result, Pending):
                result = await self._settled(result)
            elif isinstance(result, Later):
                await asyncio.sleep(result.delay)
                result = result.response
        except Exception:  # a bug must cost one request, never the server or the app
            log.exception("room request %s %s failed", request.method, request.path)
            result = error(500, "internal", "Something went wrong on the laptop; try again.")
        return to_web(result)

    @staticmethod
    async def _body(request: web.BaseRequest) -> bytes:
        """The body; a timer only when it has not all arrived with the head (a phone's small
        JSON nearly always has: a timer per request cost the burst of ballots for nothing)."""
        if not request.can_read_body:
            return b""
        if request.content.is_eof():
            return await request.read()
        async with asyncio.timeout(BODY_SECONDS):  # a timer, not a task per request as wait_for makes
            return await request.read()

    async def _settled(self, pending: Pending) -> Response:
        """Wait (holding no thread, never cancelling the job) for the file's thread to finish the
        job, up to ``pending.wait_seconds``; then its answer, or "busy" when it is still queued."""
        job = pending.future
        if not job.done():
            loop = asyncio.get_running_loop()
            waiter = loop.create_future()
            job.add_done_callback(functools.partial(self._mailbox.post, waiter))
            timer = loop.call_later(pending.wait_seconds, _wake_up, waiter)
            try:
                await waiter
            finally:
                timer.cancel()
        return settle(job)

    def _refuse(self, request: web.BaseRequest) -> Response | None:
        """The rules checked on the head alone, before the body is read; None when the request may go on."""
        headers = request.headers
        for name in STRICT_HEADERS:
            if len(headers.getall(name, ())) > 1:
                return error(400, "bad_request", f"The {name} header appears twice.")
        hosts = self.hosts
        if hosts is None or not hosts.host_ok(headers.get("Host")):
            return error(421, "wrong_host", "This server answers to its own address only.")
        if request.method == "POST" and not hosts.origin_ok(headers.get("Origin"), headers.get("Host")):
            return error(403, "wrong_origin", "Requests from other sites are refused.")
        if "Transfer-Encoding" in headers:
            return error(411, "length_required", "Send a Content-Length, not a chunked body.")
        length = headers.get("Content-Length", "0")
        if not length.isdigit() or len(length) > 9:
            return error(400, "bad_length", "Content-Length is not a number this server takes.")
        if int(length) > MAX_BODY:  # refused unread: the connection closes rather than swallow megabytes
            return error(413, "too_large", f"The request is larger than {MAX_BODY} bytes.")
        return None


def _finish(loop: asyncio.AbstractEventLoop) -> None:
    """After the loop stops: cut off whatever still runs (a held wrong-code answer), quietly, and close."""
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()

