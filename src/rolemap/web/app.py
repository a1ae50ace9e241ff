"""The web app: FastAPI serving the pages (Jinja2, no script) and the JSON API under /api, over one store.

`create_app(store, settings)` builds it; `rolemap serve` runs it with uvicorn (with `--workers N`, each
process builds its own with `app_from_environment`). Errors are JSON ({"error": message, "code": …})
under /api and an HTML page elsewhere, with the right 4xx code."""

from __future__ import annotations

import json
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from rolemap import __version__
from rolemap.errors import DataError, FetchError, InputError, NotFound, RolemapError, StoreError
from rolemap.sources.url import UrlPolicy
from rolemap.store.db import Store, open_store
from rolemap.web.queries import A_PERIOD, PERIOD, body_names, unknown_parameter
from rolemap.web.security import (
    Forbidden,
    Guard,
    HardeningMiddleware,
    Misdirected,
    TooLarge,
    TooManyAttempts,
    Unauthorized,
    allowed_hosts,
)
from rolemap.web.state import MarketState
from rolemap.web.uploads import MAX_UPLOAD_LINES, IngestStopped, watch_shutdown

STATIC = Path(__file__).parent / "static"
_STATUS: list[tuple[type[RolemapError], int]] = [
    (NotFound, 404), (TooLarge, 413), (Unauthorized, 401), (Forbidden, 403), (Misdirected, 421),
    (TooManyAttempts, 429), (InputError, 400), (FetchError, 502), (StoreError, 503), (IngestStopped, 503),
    (DataError, 500),
]  # fmt: skip


@dataclass(frozen=True)
class WebSettings:
    token: str | None = None
    max_upload_bytes: int = 20 * 2**20  # a body, and an upload once decompressed
    max_upload_lines: int = MAX_UPLOAD_LINES  # lines (or postings) in one upload
    url_policy: UrlPolicy = field(default_factory=UrlPolicy)
    recheck_seconds: float = 1.0
    listen: str = "127.0.0.1"  # the address served: with the loopback names, what the Host header may be
    allowed_hosts: tuple[str, ...] = ()  # more names the Host header may be (--allowed-host)
    session_key: str | None = None  # hex; signs session cookies (one per server start, shared by workers)


# How `rolemap serve --workers N` hands its store and settings to worker processes, which uvicorn starts
# from an import string (the URL policy and recheck interval keep their defaults there).
SERVE_ENV = "ROLEMAP_SERVE"


def serve_environment(store: Store, settings: WebSettings) -> str:
    return json.dumps(
        {
            "db": store.url, "token": settings.token, "max_upload_bytes": settings.max_upload_bytes,
            "listen": settings.listen, "allowed_hosts": list(settings.allowed_hosts),
            "session_key": settings.session_key,
        }
    )  # fmt: skip


def app_from_environment() -> FastAPI:
    config = json.loads(os.environ[SERVE_ENV])
    settings = WebSettings(
        token=config["token"], max_upload_bytes=config["max_upload_bytes"], listen=config["listen"],
        allowed_hosts=tuple(config["allowed_hosts"]), session_key=config["session_key"],
    )  # fmt: skip
    return create_app(open_store(config["db"], migrate=False), settings)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """While the server runs, SIGTERM / SIGINT also stop a running ingest at once (see uploads.py)."""
    with watch_shutdown():
        yield


def create_app(store: Store, settings: WebSettings | None = None) -> FastAPI:
    from rolemap.web import api, labels, pages, seeker, seeker_api

    settings = settings or WebSettings()
    app = FastAPI(
        title="rolemap",
        version=__version__,
        summary="The backend job market from real postings: market figures, postings with evidence, a tracker.",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json is the document
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.market = MarketState(store, settings.recheck_seconds)
    key = bytes.fromhex(settings.session_key) if settings.session_key else None
    app.state.guard = Guard(settings.token, key)
    app.add_middleware(
        HardeningMiddleware,
        max_body=settings.max_upload_bytes,
        error_page=error_response,
        hosts=allowed_hosts(settings.listen, settings.allowed_hosts),
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(labels.router)  # your own labels: the API and the posting page's forms
    app.include_router(seeker_api.router)  # resume, match: the seeker tools
    app.include_router(pages.router)
    app.include_router(seeker.router)
    app.add_exception_handler(RolemapError, _rolemap_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    return app


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str, code: str, extra: Any = None) -> Response:
    if wants_json(request):
        body: dict[str, Any] = {"error": message, "code": code}
        if extra is not None:
            body["detail"] = extra
        return JSONResponse(body, status_code=status)
    from rolemap.web.pages import render

    return render(request, "error.html.j2", {"status": status, "message": message}, status=status)


async def _rolemap_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RolemapError)
    status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 500)
    return error_response(request, status, as_the_web_names_it(exc.message), exc.code)


# the analytics' errors name an option as the command line writes it ("--skill 'zzz'", "--since 2018-01-01");
# on the web the same value is a query parameter or a form field
# Only an option given with its value as the errors write one (quoted, a number or a code: "--skill 'zzz'",
# "--since 2018-01-01", "--currency XYZ") is one a user sent; a command quoted in a hint ("`rolemap ingest
# --encoding latin-1`") or a list of options ("give --status, --note or --salary") is left as written.
_OPTION = re.compile(r"(?<![\w`-])--([a-z][a-z-]*) (?=['\"\dA-Z])")


def as_the_web_names_it(message: str) -> str:
    """ "--skill 'zzz': not a skill…" → "skill='zzz': not a skill…"."""
    return _OPTION.sub(lambda m: m[1].replace("-", "_") + "=", message)


PERIODS = (PERIOD, A_PERIOD)  # the query patterns of a period (web/queries.py)
_CHOICES = re.compile(r"^\^\(([\w|-]+)\)\$$")  # a pattern that lists the values: ^(updated|date|salary)$


def _problem(error: dict[str, Any], request: Request, body: Any = None) -> str:
    """One validation error in words. A period that fails its pattern reads as the CLI says it (lane.py's
    parse_period), not as pydantic's "String should match pattern '^(?:\\d{4}…'"; a body that is no JSON
    says where it breaks; a body's field the route does not take is named as an unknown parameter is."""
    loc = tuple(error.get("loc", ()))
    where = ".".join(str(p) for p in loc[1:]) or (loc[0] if loc == ("body",) else "request")
    kind, pattern = error.get("type"), error.get("ctx", {}).get("pattern")
    if kind == "json_invalid":
        reason = str(error.get("ctx", {}).get("error") or "")
        said = f": {reason[:1].lower()}{reason[1:]}" if reason else ""
        return f"body: not valid JSON{said} ({_json_place(body, loc[1] if len(loc) > 1 else 0)})"
    if (
        kind == "extra_forbidden"
        and loc[:1] == ("body",)
        and isinstance(route := request.scope.get("route"), APIRoute)
    ):
        return f"{where}: {unknown_parameter(str(loc[-1]), body_names(route), body=True)}"
    if kind == "string_pattern_mismatch" and pattern in PERIODS:
        return f"{where} {error.get('input')!r}: not a period; use 2017, 2017Q1 or 2017-03"
    if kind == "string_pattern_mismatch" and (choices := _CHOICES.match(str(pattern))):
        return f"{where} {error.get('input')!r}: use one of {choices.group(1).replace('|', ', ')}"
    return f"{where}: {error.get('msg', 'invalid')}"


def _json_place(doc: Any, position: Any) -> str:
    """ "line 1, column 2", as the JSON reader counts: where a body stops being JSON."""
    if not isinstance(doc, str) or not isinstance(position, int):
        return "it cannot be read"
    line = doc.count("\n", 0, position) + 1
    return f"line {line}, column {position - doc.rfind(chr(10), 0, position)}"


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [_problem(e, request, exc.body) for e in exc.errors()]
    detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
    return error_response(request, 422, "; ".join(problems[:5]) or "invalid request", "R422", detail)


# What FastAPI's "There was an error parsing the body" was caused by, in words that name the body
_UNREADABLE_BODY: list[tuple[type[BaseException], str]] = [
    (UnicodeDecodeError, "body: not UTF-8 text"),
    (RecursionError, "body: nested too deeply to read"),
]


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = {404: "no such page", 405: "method not allowed here"}.get(exc.status_code, str(exc.detail))
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        cause = exc.__cause__
        message = next(
            (said for kind, said in _UNREADABLE_BODY if isinstance(cause, kind)), "body: unreadable"
        )
    response = error_response(request, exc.status_code, message, f"R{exc.status_code}")
    if exc.headers:
        response.headers.update(exc.headers)
    return response
