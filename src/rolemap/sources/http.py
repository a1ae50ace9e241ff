"""Fetching job-board APIs politely: timeouts, retries with back-off, a clear User-Agent, a rate limit.

The HTTP client, the clock and the sleep are passed in, so tests run against a local server (or
httpx.MockTransport) and never wait for real. Base URLs can be overridden for the same reason.
"""

from __future__ import annotations

import codecs
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from rolemap import __version__
from rolemap.errors import FetchError, InputError, PostingError
from rolemap.models import Posting
from rolemap.sources import boards, hn

USER_AGENT = f"rolemap/{__version__} (job-market research; respects rate limits)"
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# failures that may pass, so are tried again: the network (refused, reset, unreachable), a connection the
# server closed mid-answer, a proxy that failed; and time-outs (httpx.TimeoutException).
TRANSIENT_ERRORS = (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError)

DEFAULT_BASES = {
    "greenhouse": "https://boards-api.greenhouse.io/v1/boards",
    "lever": "https://api.lever.co/v0/postings",
    "ashby": "https://api.ashbyhq.com/posting-api/job-board",
    "hn": "https://hacker-news.firebaseio.com/v0",
    "hn-algolia": "https://hn.algolia.com/api/v1",
}


@dataclass
class Fetcher:
    """GETs JSON with retries. `min_interval` seconds pass between two requests (the rate limit)."""

    client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=20.0, follow_redirects=True))
    retries: int = 3
    backoff: float = 1.0
    min_interval: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: float | None = None

    def __post_init__(self) -> None:
        if self.retries < 0:  # no try at all would leave nothing to report
            raise InputError(f"retries {self.retries}: must be 0 or more")

    def get_json(self, url: str, params: dict[str, str] | None = None) -> Any:
        """The parsed answer. Only what may pass is tried again: a connection that failed or broke off, a
        time-out, 429 and 5xx; any other failure (a redirect loop, a 404) is the same on every try."""
        for attempt in range(self.retries + 1):
            self._wait_turn()
            try:
                response = self.client.get(
                    url, params=params, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
                )
            except httpx.TimeoutException:
                problem = "timed out"
            except TRANSIENT_ERRORS as e:
                problem = f"could not connect ({type(e).__name__})"
            except httpx.TooManyRedirects:
                raise FetchError(f"{url}: redirect loop (too many redirects); check the board name") from None
            except httpx.HTTPError as e:
                raise FetchError(f"{url}: request failed ({type(e).__name__}: {str(e)[:200]})") from None
            else:
                if response.status_code == 200:
                    return _parse(response, url)
                if response.status_code == 404:
                    raise FetchError(f"{url}: 404 not found; check the board or company name")
                if response.status_code not in RETRY_STATUSES:
                    raise FetchError(f"{url}: HTTP {response.status_code}")
                problem = f"HTTP {response.status_code}"
                if attempt < self.retries:
                    self.sleep(_retry_after(response) or self.backoff * 2**attempt)
                    continue
            if attempt < self.retries:
                self.sleep(self.backoff * 2**attempt)
        raise FetchError(f"{url}: {problem} after {self.retries + 1} tries; try again later")

    def _wait_turn(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.min_interval:
            self.sleep(self.min_interval - (now - self._last))
        self._last = self.clock()


def _parse(response: httpx.Response, url: str) -> Any:
    """JSON is UTF-8 (RFC 8259; UTF-16 and -32 are told by their bytes); an answer that is not, and declares
    another charset in its Content-Type (`charset=iso-8859-1`), is read in that charset."""
    if len(response.content) > MAX_RESPONSE_BYTES:
        raise FetchError(f"{url}: answer larger than {MAX_RESPONSE_BYTES // 2**20} MB")
    try:
        try:
            return json.loads(response.content)
        except UnicodeDecodeError:
            declared = _declared_charset(response)
            if declared is None:
                raise
            return json.loads(response.content.decode(declared))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise FetchError(f"{url}: answered with something that is not JSON") from None
    except RecursionError:  # an answer nested thousands deep: one board's failure, not the run's
        raise FetchError(f"{url}: answered with JSON nested too deeply to read") from None


def _declared_charset(response: httpx.Response) -> str | None:
    """The charset the answer's Content-Type names, when Python knows it and it is not UTF-8."""
    try:
        name = codecs.lookup(response.charset_encoding or "").name
    except LookupError:
        return None
    return None if name == "utf-8" else name


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return min(float(value), 60.0) if value.replace(".", "", 1).isdigit() else None


def parse_target(target: str) -> tuple[str, str]:
    """'greenhouse:acme' → ('greenhouse', 'acme'); names the kinds it knows when it does not."""
    kind, _, name = target.partition(":")
    if kind not in ("greenhouse", "lever", "ashby", "hn", "hn-algolia") or not name:
        raise InputError(
            f"{target[:80]!r}: not a fetch target; use greenhouse:BOARD, lever:COMPANY, ashby:BOARD, "
            "hn:THREAD_ID, hn:latest or hn-algolia:THREAD_ID"
        )
    if len(name) > 100 or not all(ch.isalnum() or ch in "-_." for ch in name):
        raise InputError(f"{target[:80]!r}: the name may hold only letters, digits, '-', '_' and '.'")
    if kind.startswith("hn") and not name.isdigit() and (kind, name) != ("hn", "latest"):
        raise InputError(f"{target!r}: an HN thread id is a number, e.g. hn:16052538, or hn:latest")
    return kind, name


# The account posts three threads a month: "Who is hiring?", "Who wants to be hired?", freelancers.
HIRING_ACCOUNT = "whoishiring"
HIRING_TITLE = "Ask HN: Who is hiring?"
SUBMISSIONS_LOOKED_AT = 12  # three threads a month: the newest four months


def latest_hiring_thread(fetcher: Fetcher, bases: dict[str, str] | None = None) -> tuple[str, str]:
    """The newest "Ask HN: Who is hiring?" thread, as (item id, title): the `whoishiring` account's newest
    submissions (item ids grow with time) read one by one until one has that title; deleted or dead items
    and items that are not objects are passed over."""
    base = {**DEFAULT_BASES, **(bases or {})}["hn"]
    where = f"hn user {HIRING_ACCOUNT}"
    submitted = _object(fetcher.get_json(f"{base}/user/{HIRING_ACCOUNT}.json"), where).get("submitted")
    if not isinstance(submitted, list):
        raise FetchError(f"{where}: the answer has no 'submitted' list of item ids")
    ids = sorted(
        {i for i in submitted if isinstance(i, int) and not isinstance(i, bool) and i > 0}, reverse=True
    )
    for item_id in ids[:SUBMISSIONS_LOOKED_AT]:
        item = fetcher.get_json(f"{base}/item/{item_id}.json")
        if not isinstance(item, dict) or item.get("deleted") or item.get("dead"):
            continue
        title = item.get("title")
        if isinstance(title, str) and title.startswith(HIRING_TITLE):
            return str(item_id), title
    raise FetchError(
        f"{where}: no '{HIRING_TITLE}' thread among its {min(len(ids), SUBMISSIONS_LOOKED_AT)} newest "
        "submissions; name the thread instead: hn:THREAD_ID"
    )


def resolve_target(target: str, fetcher: Fetcher, bases: dict[str, str] | None = None) -> tuple[str, str]:
    """A target with `hn:latest` made the newest hiring thread's id, and a note saying which thread it is."""
    if parse_target(target) != ("hn", "latest"):
        return target, ""
    thread_id, title = latest_hiring_thread(fetcher, bases)
    return f"hn:{thread_id}", f"hn:latest is thread {thread_id}, {title[:120]!r}"


def fetch(
    target: str, fetcher: Fetcher, bases: dict[str, str] | None = None
) -> Iterator[Posting | PostingError]:
    target, _ = resolve_target(target, fetcher, bases)
    kind, name = parse_target(target)
    base = {**DEFAULT_BASES, **(bases or {})}[kind]
    if kind == "greenhouse":
        # pay_transparency=true adds each job's `pay_input_ranges`; without it the answer has no pay
        answer = fetcher.get_json(f"{base}/{name}/jobs", {"content": "true", "pay_transparency": "true"})
        yield from boards.greenhouse_postings(answer, name)
    elif kind == "lever":
        yield from boards.lever_postings(fetcher.get_json(f"{base}/{name}", {"mode": "json"}), name)
    elif kind == "ashby":
        answer = fetcher.get_json(f"{base}/{name}", {"includeCompensation": "true"})
        yield from boards.ashby_postings(answer, name)
    elif kind == "hn-algolia":
        yield from hn.algolia_thread(_object(fetcher.get_json(f"{base}/items/{name}"), target))
    else:
        yield from _hn_thread(fetcher, base, name, target)


def _hn_thread(fetcher: Fetcher, base: str, thread_id: str, target: str) -> Iterator[Posting | PostingError]:
    """The thread's top-level comments as postings. A deleted or dead comment, and an id the API answers
    `null` for, is no posting and no failure: every real thread has some, and they are passed over."""
    story = _object(fetcher.get_json(f"{base}/item/{thread_id}.json"), target)
    for kid in story.get("kids") or []:
        where = f"hn item {kid}"
        try:
            url = f"{base}/item/{int(kid)}.json"
        except (TypeError, ValueError, OverflowError):
            yield PostingError(where, "is not an item id")
            continue
        try:
            item = fetcher.get_json(url)
            if hn.is_gone(item):
                continue
            yield hn.from_api_item(_object(item, where))
        except PostingError as e:  # named once, by the thread's id for it
            yield PostingError(where, e.message.removeprefix(f"{e.where}: "), e.posting_id)
        except (FetchError, InputError) as e:  # "hn item 7: timed out …", not "hn item 7: URL: timed out …"
            yield PostingError(where, e.message.removeprefix(f"{url}: ").removeprefix(f"{where}: "))


def _object(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise FetchError(f"{where}: expected a JSON object from the API, got {type(data).__name__}")
    return data


MAX_BOARD_LIST_BYTES = 256 * 1024
MAX_BOARDS = 500  # a month's refresh at one request a second stays under ten minutes of board requests


def read_board_list(path: Path) -> tuple[list[str], int]:
    """The targets of a saved board list (one a line, `#` starts a comment) and how many duplicate lines were
    dropped. The whole file is checked before anything is fetched: a line that is not a target is an error
    naming its line, so a typo never costs a month's refresh of the boards after it."""
    from rolemap.sources.files import check_readable

    check_readable(path)
    if path.stat().st_size > MAX_BOARD_LIST_BYTES:
        raise InputError(
            f"{path}: larger than {MAX_BOARD_LIST_BYTES // 1024} KB; a board list holds one board a line"
        )
    data = path.read_bytes()
    if b"\x00" in data:
        raise InputError(
            f"{path}: binary data, not a list of boards; write one a line, e.g. greenhouse:stripe"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    targets: list[str] = []
    duplicates = 0
    for number, line in enumerate(text.splitlines(), start=1):
        target = line.split("#", 1)[0].strip()
        if not target:
            continue
        try:
            parse_target(target)
        except InputError as e:
            raise InputError(f"{path}, line {number}: {e.message}") from None
        if target in targets:
            duplicates += 1
            continue
        targets.append(target)
        if len(targets) > MAX_BOARDS:
            raise InputError(f"{path}: more than {MAX_BOARDS} boards; split the list and fetch it in parts")
    if not targets:
        raise InputError(f"{path}: no boards listed; write one a line, e.g. greenhouse:stripe or hn:latest")
    return targets, duplicates
