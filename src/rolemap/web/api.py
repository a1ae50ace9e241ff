"""The JSON API: every page's data (postings, posting, market, pay, profile, trends, changes, tracker) and
the writes (ingest, tracker). Query strings are the pages' own (see queries.py)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rolemap.analytics import market as market_lib
from rolemap.analytics import trends as trends_lib
from rolemap.analytics.covers import posting_covers
from rolemap.analytics.listing import PostingPage, matching_rows, page_of, skill_terms
from rolemap.analytics.market import Market, PayBy, Profile
from rolemap.analytics.pay import PayScale, bundled_rates, pay_scale
from rolemap.analytics.trends import Changes, Trends
from rolemap.errors import InputError, NotFound, RolemapError
from rolemap.pipeline import ingest
from rolemap.present.export import plain
from rolemap.present.listing_view import saved_csv
from rolemap.sources.files import read_bytes
from rolemap.sources.url import fetch_public
from rolemap.store.repository import get_posting, snippets
from rolemap.store.schema import TRACKER_STATUSES
from rolemap.store.search import query_words, search_ids
from rolemap.store.tracker import (
    MAX_NOTES_CHARS,
    MAX_SALARY_CHARS,
    SORTS,
    TrackerChange,
    TrackerEntry,
    no_amount_read,
    save_entry,
    tracker_entries,
    tracker_status,
    untrack,
)
from rolemap.web.app import as_the_web_names_it
from rolemap.web.queries import (
    ChangesQuery,
    MarketQuery,
    PayQuery,
    PostingsQuery,
    ProfileQuery,
    TrendsQuery,
    check_repeats,
    known_parameters,
)
from rolemap.web.state import MarketState
from rolemap.web.uploads import MAX_UPLOAD_LINES, check_upload, limited, run_stoppable, upload_name


class ErrorBody(BaseModel):
    error: str = Field(description="What is wrong, naming the input; one line.")
    code: str = Field(
        description="A short code: R100 bad input, R102 not found, R401, R403, R413, R421, R422…"
    )
    detail: list[dict[str, Any]] | None = Field(None, description="Each invalid parameter (422 only).")


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in [(400, "The input cannot be used as asked"), (401, "A write without the server's token"),
                         (403, "A cross-site or CSRF-less write"), (404, "No such posting"),
                         (413, "The body, or an upload once decompressed, is larger than the server's limit"),
                         (421, "A Host header the server does not answer for (see --allowed-host)"),
                         (422, "A parameter or body that does not match this document"),
                         (429, "Too many failed attempts at the token from this address"),
                         (500, "The server failed on this request (the error is in its log)"),
                         (502, "The URL to ingest could not be fetched"),
                         (503, "An ingest stopped because the server is stopping")]
}  # fmt: skip


async def _one_value_each(request: Request) -> None:
    try:
        check_repeats(request.query_params.multi_items())
    except ValueError as e:
        raise RequestValidationError([{"loc": ("query",), "msg": str(e), "type": "value_error"}]) from None


# Every GET of the API takes only its own query parameters, each once (the labels' routes too: labels.py)
CHECKED_QUERY = [Depends(_one_value_each), Depends(known_parameters)]
router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS, dependencies=CHECKED_QUERY)
MAX_REPORTED_ERRORS = 20


def market_state(request: Request) -> MarketState:
    state: MarketState = request.app.state.market
    return state


async def _state(request: Request) -> MarketState:
    return market_state(request)


# Reads are `async def`: they run on the event loop, one at a time in each server process, which for
# CPU-bound reads beats a thread pool whose threads contend for the GIL (about twice the requests a
# second for posting and market pages, measured with bench/web_bench.py). Writes stay `def`, in the
# thread pool: SQLite's write lock may make them wait, and that must not stall the loop.
State = Annotated[MarketState, Depends(_state)]


# ---- postings ----------------------------------------------------------------------------------


def postings_page(state: MarketState, query: PostingsQuery) -> PostingPage:
    """A page of postings with their snippets, kept per store version, as are the rows it is cut from
    (the next page is a slice of them) and a search's matches (a common word matches tens of thousands)."""
    lane, snapshot = query.to_lane(), state.current()
    if query.q.strip():
        query_words(query.q)  # the length and word-count checks, on the query as typed
    rest, skills = skill_terms(query.q)
    words = tuple(query_words(rest)) if rest.strip() else None

    def rows() -> np.ndarray:
        hits = search_ids(state.store, " ".join(words)) if words else None
        return matching_rows(snapshot.listing, lane, hits, query.sort, skills)

    def page() -> PostingPage:
        matching = state.answer(snapshot, ("rows", lane, words, skills, query.sort), rows)
        cut = page_of(snapshot.listing, matching, lane, query.q, query.sort, query.page, query.limit)
        heads = snippets(state.store, [p.id for p in cut.items])
        return replace(cut, items=[replace(p, snippet=heads.get(p.id, "")) for p in cut.items])

    key = ("postings", lane, words, query.q, query.sort, query.page, query.limit)
    return state.answer(snapshot, key, page)


@router.get(
    "/postings", response_model=PostingPage, summary="Postings of a lane: filtered, searched, sorted, paged"
)
async def api_postings(state: State, query: Annotated[PostingsQuery, Query()]) -> dict[str, object]:
    return postings_page(state, query).as_dict()


class Posting(BaseModel):
    id: str
    title: str
    company: str | None
    location: str | None
    url: str | None
    source: str
    posted_at: str | None
    first_seen: str
    last_seen: str
    closed_at: str | None
    duplicate_of: str | None
    text: str = Field(description="title + newline + plain description: what evidence offsets point into")
    description: str = Field(description="the description as the source gave it (untrusted HTML)")
    source_fields: dict[str, Any]
    extraction: dict[str, Any] | None
    tracker: dict[str, Any] | None


def posting_record(state: MarketState, posting_id: str) -> dict[str, Any]:
    row = get_posting(state.store, posting_id)
    if row is None:
        raise NotFound(f"posting {posting_id[:200]!r}: not in the store")
    keep = set(Posting.model_fields) - {"tracker"}
    out = {k: plain(v) for k, v in row.items() if k in keep}
    entry = tracker_status(state.store, posting_id)
    out["tracker"] = {k: plain(v) for k, v in entry.items() if k != "posting_id"} if entry else None
    return out


@router.get("/postings/{posting_id:path}", response_model=Posting, summary="One posting with its extraction")
async def api_posting(state: State, posting_id: str) -> dict[str, Any]:
    return posting_record(state, posting_id)


# ---- market ------------------------------------------------------------------------------------


def market_of(state: MarketState, query: MarketQuery) -> Market:
    lane, snapshot = query.to_lane(), state.current()
    key = ("market", lane, query.top, query.skills_level)
    return state.answer(
        snapshot,
        key,
        lambda: market_lib.market(snapshot.frame, lane, query.top, snapshot.scale, query.skills_level),
    )


@router.get("/market", response_model=Market, summary="The role page of a lane")
async def api_market(state: State, query: Annotated[MarketQuery, Query()]) -> dict[str, object]:
    return market_of(state, query).as_dict()


def pay_of(state: MarketState, query: PayQuery) -> PayBy:
    lane, snapshot, by = query.to_lane(), state.current(), query.dimension()
    currency = (query.currency or snapshot.scale.currency).upper()

    def scale() -> PayScale:  # the command line's `pay --currency`: the same pay scale in another currency
        if currency == snapshot.scale.currency:
            return snapshot.scale
        return state.answer(snapshot, ("scale", currency), lambda: pay_scale(snapshot.frame, currency))

    key = ("pay", lane, by, query.min_cell, currency)
    return state.answer(
        snapshot, key, lambda: market_lib.pay_by(snapshot.frame, lane, by, scale(), query.min_cell)
    )


@router.get(
    "/pay",
    response_model=PayBy,
    summary="Yearly pay compared by level, system type, scope…",
    description=(
        "One cell a value of `by`: `postings`, `pay` (the raw cell: `count`, `p25`, `median`, `p75`, "
        "`median_low`/`median_high`, `from_board`/`from_text`: salaries from a board's own fields and read "
        "in the text), `too_few`, and `premium` (`premium`, `low`, `high` as fractions, 0.15 = +15%; "
        "`postings`, `companies`, `status`: estimated, baseline, too few or not separable), the pay over "
        "the lane's baseline at the same level and country. `premiums` says what they rest on: `method`, "
        "`baseline`, `controls`, `salaried`, `fitted`, `left_out` (reason → postings), `message` (why "
        "none, when none). docs/market.md, Pay."
    ),
)
async def api_pay(state: State, query: Annotated[PayQuery, Query()]) -> dict[str, object]:
    return pay_of(state, query).as_dict()


@router.get("/profile", response_model=Profile, summary="The target profile of a lane")
async def api_profile(state: State, query: Annotated[ProfileQuery, Query()]) -> dict[str, object]:
    lane, snapshot = query.to_lane(), state.current()
    key = ("profile", lane, query.min_share)
    found = state.answer(snapshot, key, lambda: market_lib.profile(snapshot.frame, lane, query.min_share))
    return found.as_dict()


def trends_of(state: MarketState, query: TrendsQuery) -> Trends:
    lane, snapshot = query.to_lane(), state.current()
    key = ("trends", lane, query.every, query.top)
    return state.answer(
        snapshot, key, lambda: trends_lib.trends(snapshot.frame, lane, query.every, query.top)
    )


@router.get("/trends", response_model=Trends, summary="Shares of languages, skills, levels… per period")
async def api_trends(state: State, query: Annotated[TrendsQuery, Query()]) -> dict[str, object]:
    return trends_of(state, query).as_dict()


def changes_of(state: MarketState, query: ChangesQuery) -> Changes:
    lane, snapshot = query.lane(), state.current()
    since, to = query.since.upper() if query.since else None, query.to.upper() if query.to else None
    key = ("changes", lane, since, to, query.every, query.alpha)

    def compute() -> Changes:
        try:
            return trends_lib.changes(snapshot.frame, lane, since, to, query.every, query.alpha)
        except InputError as e:  # "period '2016-13' is not a quarter…": which of the two
            raise InputError(period_named(e.message, {"since": since, "to": to})) from None

    return state.answer(snapshot, key, compute)


def period_named(message: str, given: dict[str, str | None]) -> str:
    """The analytics name a bad period "period '2016-13'"; the web names the parameter that gave it:
    "since '2016-13' is not a quarter…"."""
    names = [name for name, label in given.items() if label and message.startswith(f"period {label!r}")]
    return " and ".join(names) + message.removeprefix("period") if names else message


@router.get("/changes", response_model=Changes, summary="What rose or fell between two periods, tested")
async def api_changes(state: State, query: Annotated[ChangesQuery, Query()]) -> dict[str, object]:
    return changes_of(state, query).as_dict()


# ---- tracker -----------------------------------------------------------------------------------


class TrackerList(BaseModel):
    statuses: list[str]
    sorts: list[str]
    entries: list[TrackerEntry]
    covers: dict[str, Any] = Field(
        default_factory=dict,
        description="What the entries rest on, as `rolemap tracker --json` and the /postings answer have it: "
        "the months their postings were open (from, to), how many, how many open now and the day that is "
        "judged at (analytics/covers.py).",
    )


class TrackerQuery(BaseModel):
    status: str = Field(
        "", max_length=200, description="Only these statuses, separated by commas (applied,interviewing)."
    )
    sort: str = Field(
        "updated", pattern="^(" + "|".join(SORTS) + ")$",
        description="updated (last changed first), date (applied, newest first), follow-up (nearest first), "
        "salary (highest first, in USD when the currency has a rate) or status.",
    )  # fmt: skip

    def statuses(self) -> list[str]:
        return [s.strip() for s in self.status.split(",") if s.strip()]


class TrackerChangeBody(BaseModel):
    """A field not given stays as it is; "" clears a date, the notes or the salary. Any other field is
    refused (422), not dropped: a typo ("note") would otherwise write nothing and answer 200."""

    model_config = ConfigDict(extra="forbid")

    status: str | None = Field(
        None, max_length=20, description="saved, applied, interviewing, offer, rejected or closed; a new "
        "entry without one is saved.",
    )  # fmt: skip
    notes: str | None = Field(None, max_length=MAX_NOTES_CHARS)
    applied_on: str | None = Field(None, max_length=40, description="The day applied, YYYY-MM-DD.")
    follow_up_on: str | None = Field(None, max_length=40, description="The day to follow up, YYYY-MM-DD.")
    salary: str | None = Field(
        None, max_length=MAX_SALARY_CHARS, description="The pay noted, as written: '€70k', '120000 USD'."
    )


def tracker_list(state: MarketState, query: TrackerQuery) -> list[TrackerEntry]:
    """The same listing as `rolemap tracker`: filtered by status, sorted."""
    return tracker_entries(state.store, query.statuses(), query.sort, bundled_rates().usd_per_unit)


@router.get("/tracker", response_model=TrackerList, summary="The saved postings, the guide's five columns")
async def api_tracker(state: State, query: Annotated[TrackerQuery, Query()]) -> dict[str, object]:
    return await run_in_threadpool(_tracker_answer, state, query)  # two store reads: off the event loop


def _tracker_answer(state: MarketState, query: TrackerQuery) -> dict[str, object]:
    entries = tracker_list(state, query)
    return {
        "statuses": list(TRACKER_STATUSES),
        "sorts": list(SORTS),
        "entries": [e.as_dict() for e in entries],
        "covers": posting_covers(state.store, [e.id for e in entries]),
    }


@router.get(
    "/tracker.csv", summary="The tracker as CSV",
    responses={200: {"description": "One row a saved posting", "content": {"text/csv": {"schema": {"type": "string"}}}}},
)  # fmt: skip
async def api_tracker_csv(state: State, query: Annotated[TrackerQuery, Query()]) -> Response:
    return Response(
        saved_csv(tracker_list(state, query)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="rolemap-tracker.csv"'},
    )


@dataclass(frozen=True)
class SavedEntry(TrackerEntry):
    warnings: list[str] = field(default_factory=list)  # "salary 'lots': no amount read; kept as a note…"


@router.put(
    "/tracker/{posting_id:path}", response_model=SavedEntry, summary="Save a posting or change its entry"
)
def api_track(
    state: State, request: Request, posting_id: str, change: TrackerChangeBody
) -> dict[str, object]:
    request.app.state.guard.check_write(request)
    written = TrackerChange(**change.model_dump())
    save_entry(state.store, posting_id, written, datetime.now(UTC))
    entry = next(e for e in tracker_entries(state.store) if e.id == posting_id)
    said = no_amount_read(written)
    return {**entry.as_dict(), "warnings": [as_the_web_names_it(said)] if said else []}


@router.delete("/tracker/{posting_id:path}", status_code=204, summary="Take a posting off the tracker")
def api_untrack(state: State, request: Request, posting_id: str) -> Response:
    request.app.state.guard.check_write(request)
    if not untrack(state.store, posting_id):
        raise NotFound(f"posting {posting_id[:200]!r}: not on the tracker")
    return Response(status_code=204)


# ---- ingest ------------------------------------------------------------------------------------


class IngestUrl(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=2000, description="An http(s) page with schema.org JobPosting JSON-LD, or a "
                     "JSON / JSON Lines / CSV file of postings, on a public address.")  # fmt: skip


class IngestResult(BaseModel):
    source: str
    read: int
    stored: int
    updated: int
    duplicates: int
    failed: int
    errors: list[str]


_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": IngestUrl.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}


@router.post(
    "/ingest", response_model=IngestResult, openapi_extra=_INGEST_BODY,
    summary="Add postings: a public URL ({\"url\": …}) or an uploaded file (multipart, field 'file')",
)  # fmt: skip
async def api_ingest(state: State, request: Request) -> dict[str, object]:
    request.app.state.guard.check_write(request)
    name, data = await _ingest_input(request)
    return await ingest_received(request, state, name, data)


async def _ingest_input(request: Request) -> tuple[str, bytes]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            body = IngestUrl.model_validate_json(await request.body())
        except ValidationError as e:
            raise InputError(f'ingest: the JSON body must be {{"url": "https://…"}} ({_first(e)})') from None
        return await fetch_url(request, body.url)
    if kind == "multipart/form-data":
        try:
            async with request.form(max_files=1, max_fields=5) as form:
                upload = form.get("file")
                if upload is None or isinstance(upload, str):
                    raise InputError("ingest: send the file in a multipart field named 'file'")
                data = await upload.read()
        except RolemapError:
            raise
        except Exception as e:  # the multipart parser's own errors: a malformed body
            raise InputError(
                f"ingest: the upload is not a readable multipart form ({type(e).__name__})"
            ) from None
        name = upload_name(upload.filename)
        if not data.strip():
            raise InputError(f"{name}: is empty")
        return name, data
    raise InputError(f'ingest: send JSON {{"url": …}} or a multipart upload, not {kind or "no content type"}')


async def fetch_url(request: Request, url: str) -> tuple[str, bytes]:
    """A public URL's body, named for read_bytes (the SSRF rules are in sources/url.py)."""
    fetched = await run_in_threadpool(fetch_public, url, request.app.state.settings.url_policy)
    return name_for(fetched.url, fetched.content_type), fetched.body


async def ingest_received(request: Request, state: MarketState, name: str, data: bytes) -> dict[str, object]:
    """An upload or a fetched file, checked against the caps, then ingested in a worker thread that stops
    when the client leaves or the server stops (uploads.py)."""
    settings = request.app.state.settings

    def work(stop: threading.Event) -> dict[str, object]:
        check_upload(name, data, settings.max_upload_bytes, settings.max_upload_lines)
        return ingest_bytes(state, name, data, stop, settings.max_upload_lines)

    return await run_stoppable(request, work)


def ingest_bytes(
    state: MarketState,
    name: str,
    data: bytes,
    stop: threading.Event | None = None,
    max_items: int = MAX_UPLOAD_LINES,
) -> dict[str, object]:
    errors: list[str] = []
    items = limited(read_bytes(name, data), name, stop or threading.Event(), max_items)
    try:
        report = ingest(state.store, items, on_error=errors.append, close_boards=False)
    finally:
        state.invalidate()  # a stopped ingest may have stored some batches
    if report.failed and not (report.stored or report.updated or report.duplicates):
        raise InputError(f"{name}: no posting could be read ({errors[0] if errors else 'unknown reason'})")
    return {
        "source": name, "read": report.read, "stored": report.stored, "updated": report.updated,
        "duplicates": report.duplicates, "failed": report.failed, "errors": errors[:MAX_REPORTED_ERRORS],
    }  # fmt: skip


_TYPES = {"text/html": ".html", "application/json": ".json", "application/ld+json": ".json",
          "application/x-ndjson": ".jsonl", "application/jsonl": ".jsonl", "text/csv": ".csv",
          "text/plain": ".txt", "text/markdown": ".md"}  # fmt: skip


def name_for(url: str, content_type: str) -> str:
    """A file name for a fetched URL: its last path part, with the suffix its content type implies."""
    tail = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "page"
    suffix = _TYPES.get(content_type)
    if suffix and not tail.lower().endswith(suffix):
        tail += suffix
    return tail


def _first(e: ValidationError) -> str:
    error = e.errors()[0]
    return f"{'.'.join(str(p) for p in error.get('loc', ())) or 'body'}: {error.get('msg', 'invalid')}"
