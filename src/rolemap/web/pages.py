"""The HTML pages: market, postings, a posting with its evidence, tracker, trends, ingest, login. Plain
forms and links (no script), so every page works with the keyboard and the URL is the view: a filtered
market page can be bookmarked and shared. Pages read the same functions as the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

import nh3
from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from rolemap import __version__
from rolemap.analytics.covers import OPEN_MEANING, covers_line, posting_covers
from rolemap.analytics.freshness import coverage_line
from rolemap.analytics.lane import EMPLOYMENT_TYPES, FAMILIES, LEVELS, SYSTEM_TYPES, WORK_MODELS
from rolemap.analytics.listing import SORTS
from rolemap.analytics.stats import MIN_PERIOD
from rolemap.analytics.totals import totals_line
from rolemap.analytics.trends import charted
from rolemap.errors import InputError
from rolemap.present.evidence import segments
from rolemap.present.market_view import (
    JUNIOR_OR_INTERN,
    SENIOR_OR_ABOVE,
    lane_folded,
    median_card,
    middle_half_card,
    money,
    pct,
    range_card,
    roles_heading,
    share_card,
)
from rolemap.present.report import chart_set, gather
from rolemap.store.schema import TRACKER_STATUSES
from rolemap.store.tracker import (
    MAX_NOTES_CHARS,
    MAX_SALARY_CHARS,
    TrackerChange,
    save_entry,
    tracker_entries,
    untrack,
)
from rolemap.web import api
from rolemap.web.queries import A_PERIOD, ChangesQuery, MarketQuery, PostingsQuery, TrendsQuery
from rolemap.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    SESSION_COOKIE,
    SESSION_SECONDS,
    Forbidden,
    check_origin,
    client_address,
    csrf_matches,
    csrf_token,
)
from rolemap.web.uploads import upload_name

router = APIRouter(include_in_schema=False)
_env = Environment(
    loader=PackageLoader("rolemap.web", "templates"),
    autoescape=select_autoescape(["j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # templates ship with the package: no stat() of each one on every request
)
# An id as one segment of a path: Jinja's urlencode keeps "/", so an id "../etc/passwd" made the link
# "/postings/../etc/passwd", which a browser resolves to /etc/passwd (the route reads the encoded id whole).
_env.filters["segment"] = lambda value: quote(str(value), safe="")
# What a posting's original HTML may keep: text structure and links, never script, style, forms or media.
_ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "u", "a", "h1", "h2", "h3", "h4",
                 "h5", "h6", "blockquote", "pre", "code", "table", "thead", "tbody", "tr", "th", "td", "hr",
                 "div", "span", "dl", "dt", "dd", "sup", "sub"}  # fmt: skip
FILTER_CHOICES = {
    "family": (*FAMILIES, "all"), "seniority": LEVELS, "work_model": WORK_MODELS, "system_type": SYSTEM_TYPES,
    "employment_type": EMPLOYMENT_TYPES,
}  # fmt: skip


def share_with_templates(name: str, helper: Callable[..., Any]) -> None:
    """Make `helper` callable from every template (labels.py gives the posting page its label rows)."""
    _env.globals[name] = helper


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    token = csrf_token(request)
    guard = request.app.state.guard
    page = _env.get_template(template).render(
        request=request, csrf=token, csrf_field=CSRF_FIELD, can_write=guard.can_write(request),
        needs_login=guard.token is not None, version=__version__, money=money, pct=pct, link=link,
        totals_line=totals_line, coverage_line=coverage_line, covers_line=covers_line, lane_folded=lane_folded, roles_heading=roles_heading, open_meaning=OPEN_MEANING,
        median_card=median_card, share_card=share_card, range_card=range_card, middle_half_card=middle_half_card,
        web_link=web_link, choices=FILTER_CHOICES, SENIOR_OR_ABOVE=SENIOR_OR_ABOVE,
        JUNIOR_OR_INTERN=JUNIOR_OR_INTERN, **context,
    )  # fmt: skip
    response = HTMLResponse(page, status_code=status)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_https(request))
    return response


def link(path: str, filters: dict[str, Any], **changes: Any) -> str:
    """A URL for `path` with the current filters, some changed (None drops one)."""
    params = {**filters, **changes}
    params = {k: v for k, v in params.items() if v not in (None, "", [], False)}
    query = urlencode(params, doseq=True)
    return f"{path}?{query}" if query else path


def web_link(url: object) -> str | None:
    """A posting's URL when it may be a link: http(s), with a host, nothing a browser would strip or
    re-read (a tab inside "javascript:", spaces, quotes, control characters). Anything else is no link."""
    if not isinstance(url, str) or len(url) > 2000:
        return None
    if any(ord(ch) < 0x21 or ch in "\"'<>\\`" or ord(ch) == 0x7F for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


# ---- market, postings, trends --------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def market_page(request: Request, query: Annotated[MarketQuery, Query()]) -> Response:
    state = api.market_state(request)
    lane, snapshot = query.to_lane(), state.current()

    def compute() -> tuple[Any, dict[str, str]]:
        data = gather(snapshot.frame, lane, snapshot.scale, skills_level=query.skills_level)
        return data, chart_set(data)

    data, charts = state.answer(snapshot, ("market-page", lane, query.skills_level), compute)
    filters = query.filters()
    return render(request, "market.html.j2", {"d": data, "charts": charts, "filters": filters, "q": query})


@router.get("/postings", response_class=HTMLResponse)
async def postings_list(request: Request, query: Annotated[PostingsQuery, Query()]) -> Response:
    page = api.postings_page(api.market_state(request), query)
    filters = {k: v for k, v in query.filters().items() if k != "page"}
    lane_filters = {k: v for k, v in filters.items() if k not in ("q", "sort", "limit")}
    context = {"page": page, "filters": filters, "lane_filters": lane_filters, "q": query, "sorts": SORTS}
    return render(request, "postings.html.j2", context)


@router.get("/postings/{posting_id:path}", response_class=HTMLResponse)
async def posting_page(request: Request, posting_id: str) -> Response:
    record = api.posting_record(api.market_state(request), posting_id)
    extraction = record.get("extraction") or {}
    context = {
        "p": record,
        "x": extraction,
        "segments": segments(record["text"], extraction.get("evidence")),
        "original": nh3.clean(
            record["description"], tags=_ALLOWED_TAGS, link_rel="noopener noreferrer nofollow"
        ),
        "statuses": TRACKER_STATUSES,
    }
    return render(request, "posting.html.j2", context)


@router.get("/trends", response_class=HTMLResponse)
async def trends_page(
    request: Request,
    query: Annotated[TrendsQuery, Query()],
    before: Annotated[str | None, Query(pattern=A_PERIOD)] = None,
    after: Annotated[str | None, Query(pattern=A_PERIOD)] = None,
) -> Response:
    from rolemap.present import charts as chart_lib

    state = api.market_state(request)
    t = api.trends_of(state, query)
    figures = {}
    for dimension in ("language", "skill", "work_model", "seniority"):
        series = charted(t, dimension)
        if len(t.periods) > 1 and series:
            figures[dimension] = chart_lib.lines(
                t.periods,
                series,
                f"{dimension.replace('_', ' ')}: share of postings per {t.every}",
                [bool(why) for why in t.partial],
            )
    c = None
    if len(t.periods) > 1:  # default: the last two complete periods of the window
        filters = {k: v for k, v in query.filters().items() if k not in ("since", "until", "top")}
        complete = [p for p, why, n in zip(t.periods, t.partial, t.totals, strict=True) if n and not why]
        window = complete[-2:] if len(complete) > 1 else [None, None]
        c = api.changes_of(state, ChangesQuery(**filters, since=before or window[0], to=after or window[1]))
    context = {"t": t, "figures": figures, "c": c, "filters": query.filters(), "q": query,
               "before": before or "", "after": after or "", "min_period": MIN_PERIOD}  # fmt: skip
    return render(request, "trends.html.j2", context)


# ---- tracker -------------------------------------------------------------------------------------


@router.get("/tracker", response_class=HTMLResponse)
async def tracker_page(request: Request, query: Annotated[api.TrackerQuery, Query()]) -> Response:
    """The board (a column a status, every entry) and the table (filtered by status, sorted)."""
    state = api.market_state(request)
    board = tracker_entries(state.store)
    table = api.tracker_list(state, query) if query.status or query.sort != "updated" else board
    columns = {status: [e for e in board if e.status == status] for status in TRACKER_STATUSES}
    covers = posting_covers(state.store, [e.id for e in board])  # what the saved postings rest on
    context = {"board": columns, "entries": table, "statuses": TRACKER_STATUSES, "q": query,
               "shown_status": query.statuses(), "covers": covers}  # fmt: skip
    return render(request, "tracker.html.j2", context)


@router.post("/tracker/{posting_id:path}")
def tracker_form(
    request: Request,
    posting_id: str,
    status: Annotated[str | None, Form(max_length=20)] = None,
    notes: Annotated[str | None, Form(max_length=MAX_NOTES_CHARS)] = None,
    applied_on: Annotated[str | None, Form(max_length=40)] = None,
    follow_up_on: Annotated[str | None, Form(max_length=40)] = None,
    salary: Annotated[str | None, Form(max_length=MAX_SALARY_CHARS)] = None,
    action: Annotated[str, Form(max_length=10)] = "save",
    back: Annotated[str, Form(max_length=500)] = "/tracker",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Every tracker form: a card moved on the board (status only), the edit form (every field), the
    posting page's form (status and notes). A field the form does not send stays as it is."""
    request.app.state.guard.check_write(request, form_csrf=csrf_token)
    store = api.market_state(request).store
    if action == "remove":
        untrack(store, posting_id)
    else:
        change = TrackerChange(status=status, notes=notes, applied_on=applied_on, follow_up_on=follow_up_on,
                               salary=salary)  # fmt: skip
        save_entry(store, posting_id, change, datetime.now(UTC))
    return RedirectResponse(_local(back), status_code=303)


def _local(path: str) -> str:
    """Only a path on this site: never follow a form's `back` to another host."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/tracker"


# ---- ingest and login ----------------------------------------------------------------------------


@router.get("/ingest", response_class=HTMLResponse)
async def ingest_page(request: Request) -> Response:
    return render(request, "ingest.html.j2", {"result": None})


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_form(
    request: Request,
    url: Annotated[str, Form(max_length=2000)] = "",
    file: UploadFile | None = None,
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    request.app.state.guard.check_write(request, form_csrf=csrf_token)
    state = api.market_state(request)
    if file is not None and file.filename:
        name, data = upload_name(file.filename), await file.read()
    elif url.strip():
        name, data = await api.fetch_url(request, url.strip())
    else:
        raise InputError("ingest: give a URL or choose a file")
    result = await api.ingest_received(request, state, name, data)
    return render(request, "ingest.html.j2", {"result": result})


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request) -> Response:
    return render(request, "login.html.j2", {"failed": False})


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    token: Annotated[str, Form(max_length=500)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_origin(request)
    guard = request.app.state.guard
    if guard.token is None:
        return RedirectResponse("/", status_code=303)
    client = client_address(request)
    guard.limiter.check(client)  # 429 after too many failures from this address
    if not csrf_matches(request, csrf_token):
        return render(request, "login.html.j2", {"failed": True}, status=401)
    if not guard.token_matches(token):
        guard.limiter.failed(client)
        return render(request, "login.html.j2", {"failed": True}, status=401)
    guard.limiter.succeeded(client)
    previous = request.cookies.get(SESSION_COOKIE)
    if previous:
        guard.end_session(previous)
    response = RedirectResponse("/tracker", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, guard.new_session(), max_age=SESSION_SECONDS, httponly=True, samesite="strict",
        secure=_https(request),
    )  # fmt: skip
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Ends the browser's session: its value is refused from now on, and the cookie is deleted."""
    check_origin(request)
    if not csrf_matches(request, csrf_token):
        raise Forbidden("the form's CSRF token is missing or stale: reload the page and try again")
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        request.app.state.guard.end_session(session)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict", secure=_https(request))
    return response
