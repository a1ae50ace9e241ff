"""What makes the server safe to expose.

- Every response carries a strict Content-Security-Policy (no script at all, nothing from another origin)
  and the usual hardening headers, error answers included (500s too: the hardening layer turns them into
  the API's JSON or the error page itself); posting HTML is sanitised before it is shown, everything else
  escaped.
- A request whose Host header is not one of the server's names is refused (421), so a page whose name
  rebinds to 127.0.0.1 cannot read or write through a visitor's browser (DNS rebinding).
- Request bodies are capped before they are read whole (413, with or without a Content-Length).
- Reads are open. Writes (ingest, tracker) need the server's token when it has one (it must, to listen
  beyond loopback): `Authorization: Bearer TOKEN` from a program, or the session cookie that /login sets
  for a browser (a fresh signed value each login, ended by /logout; failed attempts are rate-limited). A
  write that a browser sends from another site is refused by its Origin header, and the pages' forms also
  carry a CSRF token (double-submit: a random cookie the form must repeat).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import threading
import time
import traceback
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from fastapi import Request
from starlette.responses import Response

from rolemap.errors import RolemapError

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make form posts say "Origin: null"
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
CSRF_COOKIE, SESSION_COOKIE, CSRF_FIELD = "rolemap_csrf", "rolemap_session", "csrf_token"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class Forbidden(RolemapError):
    code = "R403"


class Unauthorized(RolemapError):
    code = "R401"


class TooLarge(RolemapError):
    code = "R413"


class Misdirected(RolemapError):
    code = "R421"


class TooManyAttempts(RolemapError):
    code = "R429"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# ---- Host names ----------------------------------------------------------------------------------

LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")


def host_name(value: str) -> str:
    """A Host header (or an --allowed-host) without its port, lowercased: "[::1]:8000" → "[::1]",
    "Example.COM.:80" → "example.com", "::1" → "[::1]"."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    if value.count(":") > 1:  # a bare IPv6 address
        return f"[{value}]"
    return value.split(":", 1)[0].rstrip(".")


def allowed_hosts(listen: str | None, names: Iterable[str] = ()) -> frozenset[str]:
    """The names this server answers for: the address it listens on (unless a wildcard), the loopback
    names and the ones given with --allowed-host."""
    found = {*LOCAL_NAMES, *(host_name(n) for n in names if n.strip())}
    if listen and listen not in ("0.0.0.0", "::", "[::]", ""):
        found.add(host_name(listen))
    return frozenset(found)


# ---- tokens, sessions and failed logins -----------------------------------------------------------

SESSION_SECONDS = 12 * 3600
MAX_FAILED_LOGINS = 5  # a client address, within FAILED_LOGIN_WINDOW seconds; then refused until it ends
FAILED_LOGIN_WINDOW = 60.0


class LoginLimiter:
    """Failed attempts at the token (the login form, a wrong Bearer token) per client address: past
    MAX_FAILED_LOGINS within the window, more attempts are refused (429) until the oldest ages out."""

    def __init__(
        self,
        max_failures: int = MAX_FAILED_LOGINS,
        window: float = FAILED_LOGIN_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures, self.window, self.clock = max_failures, window, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        with self._lock:
            recent = self._recent(client)
            if recent is not None and len(recent) >= self.max_failures:
                wait = max(1, round(recent[0] + self.window - self.clock()))
                raise TooManyAttempts(f"too many failed logins from this address; try again in {wait} s")

    def failed(self, client: str) -> None:
        with self._lock:
            if len(self._failures) > 10_000:  # forget the quiet addresses, so memory stays bounded
                for key in [k for k in self._failures if not self._recent(k)]:
                    del self._failures[key]
            self._failures.setdefault(client, deque(maxlen=self.max_failures)).append(self.clock())

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _recent(self, client: str) -> deque[float] | None:
        recent = self._failures.get(client)
        while recent and recent[0] <= self.clock() - self.window:
            recent.popleft()
        return recent


class Guard:
    """The server's secrets: its token (None: writes open, loopback only) and the key that signs session
    cookies, so a cookie never holds the token itself. Each login gets a fresh value (a random id and an
    expiry, signed); /logout ends it. The key is made per server start (`rolemap serve` hands it to its
    worker processes), so sessions end with the server."""

    def __init__(
        self,
        token: str | None,
        key: bytes | None = None,
        clock: Callable[[], float] = time.time,
        limiter: LoginLimiter | None = None,
    ) -> None:
        self.token = token or None
        self._key = key or secrets.token_bytes(32)
        self._clock = clock
        self._ended: dict[str, float] = {}  # session ids logged out → their expiry
        self._lock = threading.Lock()
        self.limiter = limiter or LoginLimiter()

    def new_session(self) -> str:
        session_id = secrets.token_urlsafe(18)
        expires = int(self._clock()) + SESSION_SECONDS
        return f"{session_id}.{expires}.{self._sign(session_id, expires)}"

    def session_ok(self, value: str) -> bool:
        session_id, _ = self._read(value)
        if session_id is None:
            return False
        with self._lock:
            return session_id not in self._ended

    def end_session(self, value: str) -> None:
        session_id, expires = self._read(value)
        if session_id is None:
            return
        with self._lock:
            now = self._clock()
            for old in [k for k, until in self._ended.items() if until < now]:
                del self._ended[old]
            self._ended[session_id] = expires

    def _read(self, value: str) -> tuple[str | None, float]:
        """(id, expiry) of a well-signed, unexpired session value; (None, 0) otherwise."""
        session_id, _, rest = value.partition(".")
        expires_text, _, mac = rest.partition(".")
        if not (session_id and expires_text.isdigit() and mac):
            return None, 0
        expires = int(expires_text)
        if not hmac.compare_digest(mac, self._sign(session_id, expires)) or expires < self._clock():
            return None, 0
        return session_id, expires

    def _sign(self, session_id: str, expires: int) -> str:
        return hmac.new(self._key, f"session {session_id} {expires}".encode(), hashlib.sha256).hexdigest()

    def token_matches(self, given: str) -> bool:
        return self.token is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def can_write(self, request: Request) -> bool:
        if self.token is None:
            return True
        given = _bearer(request)
        if given is not None and self.token_matches(given):
            return True
        return self.session_ok(request.cookies.get(SESSION_COOKIE, ""))

    def check_write(self, request: Request, form_csrf: str | None = None) -> None:
        """Raise unless this request may change something. `form_csrf`: the token a page form posted.
        A Bearer token is an attempt at the token like the login form: from an address past the failed-login
        limit it is refused before it is looked at, and a wrong one counts as a failure."""
        check_origin(request)
        if self.token is not None:
            given = _bearer(request)
            if given is not None:
                client = client_address(request)
                self.limiter.check(client)
                if not self.token_matches(given):
                    self.limiter.failed(client)
                    raise Unauthorized("the Bearer token is not this server's")
            elif not self.session_ok(request.cookies.get(SESSION_COOKIE, "")):
                raise Unauthorized(
                    "this server needs its token for changes: send 'Authorization: Bearer TOKEN', "
                    "or log in at /login"
                )
        if form_csrf is not None and not csrf_matches(request, form_csrf):
            raise Forbidden("the form's CSRF token is missing or stale: reload the page and try again")


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def check_origin(request: Request) -> None:
    """Browsers send Origin with every cross-site POST/PUT/DELETE: it must be this server."""
    origin = request.headers.get("origin")
    if origin is None:
        return  # not a browser (curl, a script): the token decides
    if origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
        raise Forbidden(f"a change requested from another site ({origin[:80]}) is refused")


def csrf_matches(request: Request, given: str) -> bool:
    """The form repeats the page's CSRF cookie (double submit)."""
    expected = request.cookies.get(CSRF_COOKIE, "")
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def csrf_token(request: Request) -> str:
    """The page's CSRF token: the cookie's value, or a new one (set on the response by the caller)."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)


ErrorPage = Callable[[Request, int, str, str], Response]
log = logging.getLogger("rolemap.web")


def log_failure(scope: Scope, error: BaseException) -> None:
    """An unexpected error, logged by its kind and the code it went through, never by its message: an
    error's text may quote what a request sent or an answer held (pydantic's errors quote the values they
    refuse), and a resume is never logged."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error("%s %s failed: %s\n%s", scope.get("method"), scope.get("path"), type(error).__name__, frames)


class HardeningMiddleware:
    """The layer every request passes and every answer leaves through: the Host check, the body cap
    (413 by the Content-Length up front, or while streaming when there is none, whatever the app made of
    it), the security headers, and the answer to an error nothing else handled (logged by its kind and place, never its message, then the API's
    JSON or the error page, with the same headers). `error_page` makes those answers."""

    def __init__(
        self, app: ASGIApp, max_body: int, error_page: ErrorPage, hosts: frozenset[str] | None = None
    ) -> None:
        self.app, self.max_body, self.error_page, self.hosts = app, max_body, error_page, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = exceeded = replaced = False

        async def secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        async def answer(status: int, text: str, code: str) -> None:
            try:
                response = self.error_page(Request(scope), status, text, code)
            except Exception as e:  # the error page itself failed: a plain JSON answer still goes out
                log_failure(scope, e)
                body = json.dumps({"error": text, "code": code})
                response = Response(body, status, media_type="application/json")
            await response(scope, receive, secured)

        headers = dict(scope.get("headers", []))
        if self.hosts is not None:
            host = headers.get(b"host", b"").decode("latin-1")
            if host_name(host) not in self.hosts:
                shown = host[:100] or "(none)"
                await answer(
                    421,
                    f"this server does not answer for the host {shown!r}; start it with "
                    f"--allowed-host NAME to add a name",
                    Misdirected.code,
                )
                return
        length = headers.get(b"content-length", b"0")
        if length.isdigit() and int(length) > self.max_body:
            await answer(413, self._too_large_text(), TooLarge.code)
            return
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                exceeded = True
                raise TooLarge(self._too_large_text())
            return message

        async def from_app(message: Message) -> None:
            nonlocal replaced
            if replaced:
                return  # the app's own answer to a body it could not read whole: ours went out instead
            if exceeded and message["type"] == "http.response.start" and message["status"] != 413:
                replaced = True  # e.g. FastAPI's 400 "error parsing the body" for a chunked one too large
                await answer(413, self._too_large_text(), TooLarge.code)
                return
            await secured(message)

        try:
            await self.app(scope, counted_receive, from_app)
        except TooLarge:
            if not started:
                await answer(413, self._too_large_text(), TooLarge.code)
        except Exception as e:
            if started:
                raise
            log_failure(scope, e)
            await answer(500, "the server failed on this request; the error is in its log", "R500")

    def _too_large_text(self) -> str:
        return f"request body larger than {self.max_body / 2**20:g} MB"
