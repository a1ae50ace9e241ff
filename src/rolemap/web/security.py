"""What makes the server safe to expose.

- Every response carries a strict Content-Security-Policy (no script at all, nothing from another origin)
  and the usual hardening headers; posting HTML is sanitised before it is shown, everything else escaped.
- Request bodies are capped before they are read whole.
- Reads are open. Writes (ingest, tracker) need the server's token when it has one (it must, to listen
  beyond loopback): `Authorization: Bearer TOKEN` from a program, or the session cookie that /login sets
  for a browser. A write that a browser sends from another site is refused by its Origin header, and the
  pages' forms also carry a CSRF token (double-submit: a random cookie the form must repeat).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import Request

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


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Guard:
    """The server's secrets: its token (None: writes open, loopback only) and a per-process key for
    session cookies, so a cookie never holds the token itself and ends with the process."""

    def __init__(self, token: str | None) -> None:
        self.token = token or None
        self._key = secrets.token_bytes(32)

    def session_value(self) -> str:
        return hmac.new(self._key, b"session", hashlib.sha256).hexdigest()

    def token_matches(self, given: str) -> bool:
        return self.token is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def can_write(self, request: Request) -> bool:
        if self.token is None:
            return True
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer ") and self.token_matches(header[7:].strip()):
            return True
        return hmac.compare_digest(request.cookies.get(SESSION_COOKIE, ""), self.session_value())

    def check_write(self, request: Request, form_csrf: str | None = None) -> None:
        """Raise unless this request may change something. `form_csrf`: the token a page form posted."""
        check_origin(request)
        if not self.can_write(request):
            raise Unauthorized(
                "this server needs its token for changes: send 'Authorization: Bearer TOKEN', "
                "or log in at /login"
            )
        if form_csrf is not None and not csrf_matches(request, form_csrf):
            raise Forbidden("the form's CSRF token is missing or stale: reload the page and try again")


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


class HardeningMiddleware:
    """Security headers on every response; request bodies over `max_body` refused with 413 (by the
    Content-Length up front, or while streaming when there is none)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        length = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if length.isdigit() and int(length) > self.max_body:
            await self._too_large(send_with_headers)
            return
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise TooLarge("body too large")
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except TooLarge:
            if not started:
                await self._too_large(send_with_headers)

    async def _too_large(self, send: Send) -> None:
        body = json.dumps({"error": f"request body larger than {self.max_body // 2**20} MB", "code": "R413"})
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body.encode()})
