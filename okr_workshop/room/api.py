"""The room's small JSON API and its one page, independent of the HTTP plumbing.

``RoomApi.handle`` takes a parsed request and returns a response; ``server`` does the sockets.
Every refusal is a 4xx (or a 503 "try again") with a JSON body ``{"error", "message"}``;
nothing a request holds (a ballot's scores, an answer) is ever logged.

    GET  /              the phone page (inline CSS and JS; nothing else is served)
    POST /api/people    {"room"}                         -> {"people": [{"id", "name"}]}
    POST /api/join      {"code"} | {"room", "participant"} -> {"token", "participant"}
                        (409 "name_in_use" when the room code names someone already joined)
    GET  /api/me        (token)                          -> who you are, the votes, the check, the open
                        prompts (how many answers you sent to each) and the top open questions from the
                        floor (whether you upvoted each, whether it is yours)
    POST /api/ballot    (token) {"vote", "scores", "key"} -> {"status": "received", "replaced"}
                        ("scores": {} is an explicit "I abstain"; 403 "opted_out" if you sit the vote out;
                        409 "other_device" when another device of yours cast the ballot being replaced)
    POST /api/answers   (token) {"answers", "key"}        -> {"status": "received"}
    POST /api/prompt-answer (token) {"prompt", "text", "key"} -> {"status": "received", "answered"}
                        (422 "invalid_answer", 404 "no_prompt", 409 "closed", 409 "too_many")
    POST /api/question  (token) {"text", "named", "key"}  -> {"status": "received", "id"}
                        (422 "invalid_question"; 429 "slow_down" past a few questions a minute)
    POST /api/upvote    (token) {"question", "key"}       -> {"status": "received", "upvotes"}
                        (404 "no_question" unless open and shown, 409 "already_upvoted")
    POST /api/leave     (token)                          -> {"status": "left"}

Who upvoted what, and who asked an anonymous question, is known to the desk's memory only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from ..domain.room_rules import answers_problem
from ..domain.voice import MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, text_problem
from .codes import BY_PERSONAL_CODE, BY_ROOM_CODE, NameInUse, Roster
from .desk import AnswersJob, BallotJob, Desk
from .guessing import GuessGuard
from .limits import QUESTION_BURST, QUESTIONS_PER_SECOND, RateLimiter
from .refusal import Refusal
from .view import RoomView
from .voice_desk import PromptAnswerJob, QuestionJob, UpvoteJob

MAX_BODY = 16 * 1024  # bytes: the largest real request (three answers of 20 items) is a few KiB
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")
WAIT_SECONDS = 5.0  # a request waits this long for the file's thread, then the phone retries
MAX_DIGITS = 30  # the longest integer a request may hold (Python refuses over 4,300 digits, slowly)
NAME_IN_USE = "That name is already in use: ask the facilitator"
ROUTES: dict[str, tuple[str, ...]] = {
    "/": ("GET",),
    "/api/people": ("POST",),
    "/api/join": ("POST",),
    "/api/me": ("GET",),
    "/api/ballot": ("POST",),
    "/api/answers": ("POST",),
    "/api/prompt-answer": ("POST",),
    "/api/question": ("POST",),
    "/api/upvote": ("POST",),
    "/api/leave": ("POST",),
}
MAX_ID_CHARS = 64  # a prompt's or question's id ("q3", "rq12"); longer is not an id


@dataclass
class Request:
    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes = b""
    client: str = ""


@dataclass
class Pending:
    """A ballot or answers queued for the file's thread: the server waits for ``future`` (up to
    ``wait_seconds``, without holding a thread) and answers with ``settle``."""

    future: Future
    wait_seconds: float


@dataclass
class Later:
    """An answer the server sends only after ``delay`` seconds (a wrong code while the room is being
    guessed at): it sleeps on its event loop, holding no thread."""

    response: Response
    delay: float


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def json_response(status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), headers=headers or {})


def error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return json_response(status, {"error": code, "message": message}, headers)


class WrongCode(Refusal):
    """A wrong room or personal code: its answer may be held back ``delay`` seconds (see ``guessing``)."""

    def __init__(self, message: str, delay: float = 0.0):
        super().__init__(403, "wrong_code", message, math.ceil(delay) if delay > 0 else None)
        self.delay = delay


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError("number too long")
    return int(text)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page_headers(page: str) -> dict[str, str]:
    """Only the page's own inline script and style may run; it may talk to this server only."""
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    script_src = " ".join(_csp_hash(s) for s in scripts) or "'none'"
    style_src = " ".join(_csp_hash(s) for s in styles) or "'none'"
    csp = (f"default-src 'none'; script-src {script_src}; style-src {style_src}; connect-src 'self'; "
           "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return {"Content-Security-Policy": csp, "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}


class RoomApi:
    """The routes above. Thread-safe: it reads the desk's snapshot and queues jobs on the desk."""

    def __init__(self, desk: Desk, roster: Roster, page: str, wait_seconds: float = WAIT_SECONDS,
                 clock: Callable[[], float] | None = None):
        self.desk = desk
        self.roster = roster
        self.page = page.encode("utf-8")
        self.page_headers = page_headers(page)
        self.wait_seconds = wait_seconds
        extra = {"clock": clock} if clock else {}
        self.per_device = RateLimiter(burst=30, per_second=5, **extra)
        self.guesses = GuessGuard(**extra)  # wrong codes, counted for the whole room
        self.per_asker = RateLimiter(burst=QUESTION_BURST, per_second=QUESTIONS_PER_SECOND, **extra)  # per person
        self.max_devices_per_person = 10

    # ----- routing ---------------------------------------------------------------------------

    def handle(self, req: Request) -> Response | Pending | Later:
        path = req.path.split("?", 1)[0]
        if path == "/index.html":
            path = "/"
        allowed = ROUTES.get(path)
        if allowed is None:
            return error(404, "not_found", "Nothing here: the room serves its page and its API only.")
        if req.method not in allowed:
            return error(405, "method_not_allowed", f"Use {', '.join(allowed)} here.",
                         {"Allow": ", ".join(allowed)})
        try:
            if path == "/":
                return Response(200, self.page, "text/html; charset=utf-8", dict(self.page_headers))
            if path in ("/api/people", "/api/join"):
                body = self._json(req)
                return self._people(req, body) if path == "/api/people" else self._join(req, body)
            device = self._device(req)
            if path == "/api/me":
                return json_response(200, self._me(device.participant))
            body = self._json(req)
            if path == "/api/ballot":
                return self._ballot(device.participant, device.token, body)
            if path == "/api/answers":
                return self._answers(device.participant, body)
            if path == "/api/prompt-answer":
                return self._prompt_answer(device.participant, body)
            if path == "/api/question":
                return self._question(device.participant, body)
            if path == "/api/upvote":
                return self._upvote(device.participant, body)
            self.roster.forget(device.token)
            return json_response(200, {"status": "left"})
        except Refusal as refusal:
            headers = {"Retry-After": str(refusal.retry_after)} if refusal.retry_after else None
            answer = error(refusal.status, refusal.code, refusal.message, headers)
            delay = getattr(refusal, "delay", 0.0)
            return Later(answer, delay) if delay > 0 else answer

    # ----- reading the request ------------------------------------------------------------

    def _json(self, req: Request) -> dict[str, Any]:
        kind = req.headers.get("Content-Type", "") or ""
        if kind.split(";")[0].strip().lower() != "application/json":
            raise Refusal(415, "not_json", "Send JSON with Content-Type: application/json.")
        if len(req.body) > MAX_BODY:
            raise Refusal(413, "too_large", f"The request is larger than {MAX_BODY} bytes.")
        try:
            data = json.loads(req.body.decode("utf-8"), parse_int=_bounded_int)
        except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: broken JSON or a huge number
            raise Refusal(400, "malformed_json", "The request is not valid JSON (or holds a number too long).") \
                from None
        if not isinstance(data, dict):
            raise Refusal(400, "malformed_json", "The request must be a JSON object.")
        return data

    def _device(self, req: Request):
        auth = req.headers.get("Authorization", "") or ""
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        device = self.roster.device(token) if token else None
        if device is None or device.participant not in self.desk.view.people:
            raise Refusal(401, "not_joined", "This device has not joined the room (or the room server restarted).")
        if not self.per_device.allow(device.token):
            wait = self.per_device.retry_after(device.token)
            raise Refusal(429, "slow_down", "Too many requests from this device; wait a moment.", wait)
        return device

    def _failed(self, message: str) -> Refusal:
        """A wrong code: counted for the whole room, answered at once or held back (``guessing``).
        A right code is never checked against this, so a phone that knows its code is never locked out."""
        verdict = self.guesses.failed()
        if verdict.refuse_now:
            return Refusal(429, "slow_down", "Too many wrong codes in this room; check yours and try again.",
                           verdict.retry_after)
        return WrongCode(message, verdict.delay)

    @staticmethod
    def _key(body: Mapping[str, Any]) -> str:
        key = body.get("key")
        if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
            raise Refusal(400, "bad_key", "A request key of 8 to 64 letters, digits, - or _ is required.")
        return key

    # ----- joining ---------------------------------------------------------------------------

    def _people(self, req: Request, body: dict[str, Any]) -> Response:
        room = body.get("room")
        if not isinstance(room, str) or not self.roster.room_code_matches(room):
            raise self._failed("That is not the room code on the screen.")
        view = self.desk.view
        return json_response(200, {"people": [{"id": p, "name": n} for p, n in view.people.items()]})

    def _join(self, req: Request, body: dict[str, Any]) -> Response:
        view = self.desk.view
        code, room, who = body.get("code"), body.get("room"), body.get("participant")
        if isinstance(code, str) and code.strip():
            participant = self.roster.by_join_code(code)
            if participant is None or participant not in view.people:
                raise self._failed("That personal code is not known here.")
            via = BY_PERSONAL_CODE
        elif isinstance(room, str) and isinstance(who, str):
            if not self.roster.room_code_matches(room):
                raise self._failed("That is not the room code on the screen.")
            if who not in view.people:
                raise Refusal(404, "no_person", "That name is not on the list.")
            participant, via = who, BY_ROOM_CODE
        else:
            raise Refusal(400, "bad_request", "Send your personal code, or the room code and your name.")
        try:
            device = self.roster.issue(participant, self.max_devices_per_person, via)
        except NameInUse:
            raise Refusal(409, "name_in_use", NAME_IN_USE) from None
        return json_response(200, {"token": device.token,
                                   "participant": {"id": participant, "name": view.people[participant]}})

    # ----- what a phone reads ------------------------------------------------------------------

    def _me(self, participant: str) -> dict[str, Any]:
        view: RoomView = self.desk.view
        own = view.answers.get(participant, {})
        return {
            "participant": {"id": participant, "name": view.people.get(participant, "")},
            "workshop": view.title,
            "votes": [{**v, "voted": participant in view.voted.get(v["id"], ()),
                       "abstained": participant in view.abstained.get(v["id"], ()),
                       "sits_out": participant in view.opted_out.get(v["id"], ())} for v in view.votes],
            "check": {"questions": view.questions, "answers": own,
                      "answered": all(q["id"] in own for q in view.questions)},
            "prompts": [{**p, "answered": self.desk.answers_sent(participant, p["id"])} for p in view.prompts],
            "questions": [self._floor_item(q, participant) for q in view.floor],
        }

    def _floor_item(self, q: dict[str, Any], participant: str) -> dict[str, Any]:
        """A question as one phone sees it: never who asked an anonymous one (its own: "mine")."""
        item = {"id": q["id"], "text": q["text"], "upvotes": q["upvotes"],
                "upvoted": self.desk.has_upvoted(participant, q["id"]),
                "mine": q["asked_by"] == participant or self.desk.asked(participant, q["id"])}
        if q["by"]:
            item["by"] = q["by"]
        return item

    # ----- what a phone sends ------------------------------------------------------------------

    def _ballot(self, participant: str, token: str, body: dict[str, Any]) -> Pending:
        key = self._key(body)
        vote, scores = body.get("vote"), body.get("scores")
        if not isinstance(vote, str) or not isinstance(scores, dict) or len(scores) > 200:
            raise Refusal(400, "bad_request", "Send the vote's id and its scores as an object.")
        return self._wait(self.desk.submit(BallotJob(participant, vote, scores, token), key))

    def _answers(self, participant: str, body: dict[str, Any]) -> Pending:
        key = self._key(body)
        answers = body.get("answers")
        problem = answers_problem(answers)
        if problem:
            raise Refusal(422, "invalid_answers", problem)
        return self._wait(self.desk.submit(AnswersJob(participant, {q: list(i) for q, i in answers.items()}), key))

    def _prompt_answer(self, participant: str, body: dict[str, Any]) -> Pending:
        key = self._key(body)
        prompt, text = body.get("prompt"), body.get("text")
        if not _an_id(prompt):
            raise Refusal(400, "bad_request", "Send the question's id and your answer.")
        problem = text_problem(text, MAX_ANSWER_CHARS, "answer")
        if problem:
            raise Refusal(422, "invalid_answer", problem)
        return self._wait(self.desk.submit(PromptAnswerJob(participant, prompt, text), key))

    def _question(self, participant: str, body: dict[str, Any]) -> Pending:
        key = self._key(body)
        text, named = body.get("text"), body.get("named", False)
        if not isinstance(named, bool):
            raise Refusal(400, "bad_request", '"named" is true or false.')
        problem = text_problem(text, MAX_QUESTION_CHARS, "question")
        if problem:
            raise Refusal(422, "invalid_question", problem)
        job = QuestionJob(participant, text, named)
        if not self.desk.known(job, key) and not self.per_asker.allow(participant):
            raise Refusal(429, "slow_down", "That is a lot of questions at once; wait a moment.",
                          self.per_asker.retry_after(participant))
        return self._wait(self.desk.submit(job, key))

    def _upvote(self, participant: str, body: dict[str, Any]) -> Pending:
        key = self._key(body)
        question = body.get("question")
        if not _an_id(question):
            raise Refusal(400, "bad_request", "Send the id of the question to upvote.")
        return self._wait(self.desk.submit(UpvoteJob(participant, question), key))

    def _wait(self, future: Future) -> Pending:
        return Pending(future, self.wait_seconds)


def _an_id(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_CHARS


def settle(future: Future) -> Response:
    """The answer to a finished job: "received", or its refusal; a job still waiting is "busy"."""
    if not future.done():
        return error(503, "busy", "The facilitator's laptop is busy; sending again.", {"Retry-After": "1"})
    problem = future.exception()
    if isinstance(problem, Refusal):
        headers = {"Retry-After": str(problem.retry_after)} if problem.retry_after else None
        return error(problem.status, problem.code, problem.message, headers)
    if problem is not None:
        return error(500, "internal", "Something went wrong on the laptop; try again.")
    return json_response(200, future.result())
