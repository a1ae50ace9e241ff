"""What the server does with an upload, bounded in size and in time.

- `upload_name`: the base name of what the sender called its file, printable, never "." or "..": it only
  picks the reader (by suffix) and names the upload in messages.
- `check_upload`: an upload holds at most `max_bytes` once decompressed and `max_lines` lines. A gzip is
  decompressed in chunks and refused at the first chunk past a cap, before any posting is read, so a small
  bomb (a megabyte of gzip that holds twenty million lines) costs milliseconds, not minutes.
- `run_stoppable` runs an ingest in a worker thread and stops it between two postings when the client
  disconnects or the server is told to stop (SIGTERM, SIGINT: `watch_shutdown`); `limited` is where the
  ingest looks. What was stored before stays stored (each batch is one transaction).
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, TypeVar

from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from rolemap.errors import InputError, PostingError, RolemapError
from rolemap.models import Posting
from rolemap.web.security import TooLarge

MAX_UPLOAD_LINES = 200_000  # lines (JSON Lines, CSV) or postings (any format) in one upload
POLL_SECONDS = 0.2  # how often a running ingest's client and the server's state are looked at
_CHUNK = 1 << 20
_GZIP = b"\x1f\x8b"
T = TypeVar("T")


class IngestStopped(RolemapError):
    code = "R503"


def upload_name(filename: str | None) -> str:
    """'../../etc/passwd.jsonl' → 'passwd.jsonl' (at most its last 100 characters); a name that leaves
    nothing but dots ('..', 'a/.') is an InputError."""
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()[-100:]
    if not base.strip("."):
        shown = (filename or "")[:60]
        raise InputError(
            f"{shown!r}: not a file name; name the upload after what it holds (jobs.jsonl, jobs.csv, page.html)"
        )
    return base


def check_upload(name: str, data: bytes, max_bytes: int, max_lines: int) -> None:
    """Raise TooLarge (413) when the upload holds more than max_bytes once decompressed, or more than
    max_lines lines; InputError when its gzip cannot be read."""
    size = lines = 0
    for chunk in _gunzip(name, data) if data[:2] == _GZIP else (data,):
        size += len(chunk)
        lines += chunk.count(b"\n")
        if size > max_bytes:
            raise TooLarge(
                f"{name}: more than {max_bytes / 2**20:g} MB once decompressed; the server takes at most "
                "that in one upload (rolemap serve --max-upload-mb): split it"
            )
        if lines > max_lines:
            raise TooLarge(
                f"{name}: more than {max_lines:,} lines; the server takes at most that in one upload: split it"
            )


def _gunzip(name: str, data: bytes) -> Iterator[bytes]:
    """The decompressed bytes of each gzip member in turn, a megabyte at a time."""
    rest = data
    while rest[:2] == _GZIP:
        inflater = zlib.decompressobj(wbits=31)
        pending = rest
        while not inflater.eof:
            try:
                out = inflater.decompress(pending, _CHUNK)
            except zlib.error as e:
                raise InputError(f"{name}: not a readable gzip file ({e})") from None
            pending = inflater.unconsumed_tail
            if not out and not pending:
                raise InputError(f"{name}: not a readable gzip file (it breaks off before its end)")
            yield out
        rest = inflater.unused_data
    if rest.strip(b"\x00"):
        raise InputError(f"{name}: not a readable gzip file (something else follows it)")


# The file readers (sources/files.py) advise the terminal's options, which an upload does not have.
_SAVE_AS_UTF8 = (
    "save it as UTF-8 and upload it again (`rolemap ingest --encoding latin-1` reads it in a terminal)"
)
_UPLOAD_ADVICE = (
    (re.compile(r"pass --encoding latin-1 \(or the (?:file's )?real encoding\)"), _SAVE_AS_UTF8),
    (re.compile(r"\(pass --encoding latin-1 or the real encoding\)"), f"({_SAVE_AS_UTF8})"),
    (
        re.compile(r"pass --format with one of .*$"),
        "give the file the suffix of its format: .jsonl, .csv, .json, .html or .txt",
    ),
)


def for_upload(message: str) -> str:
    """A reader's message with the advice an upload can follow: "not utf-8 text; save it as UTF-8…", not
    "pass --encoding latin-1"."""
    for pattern, advice in _UPLOAD_ADVICE:
        message = pattern.sub(advice.replace("\\", "\\\\"), message)
    return message


def limited(
    items: Iterable[Posting | PostingError], name: str, stop: threading.Event, max_items: int
) -> Iterator[Posting | PostingError]:
    """The items, until `stop` is set (IngestStopped) or past max_items (one error, and the rest unread);
    the readers' errors carry the advice an upload can follow (for_upload)."""
    try:
        for n, item in _advised(items):
            if stop.is_set():
                raise IngestStopped(
                    f"{name}: ingest stopped (the client went away or the server is stopping); "
                    "what was stored before stays"
                )
            if n >= max_items:
                yield PostingError(
                    name, f"more than {max_items:,} postings in one upload; the rest was not read"
                )
                return
            yield item
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()  # a reader's temporary file goes now, not when the generator is collected


def _advised(items: Iterable[Posting | PostingError]) -> Iterator[tuple[int, Posting | PostingError]]:
    n = 0
    try:
        for item in items:
            if isinstance(item, PostingError):
                message = item.message.removeprefix(f"{item.where}: ")
                item = PostingError(item.where, for_upload(message), item.posting_id)
            yield n, item
            n += 1
    except PostingError:
        raise
    except InputError as e:  # the whole file: not UTF-8, a format the name does not tell
        raise InputError(for_upload(e.message)) from None


# Set when the process is told to stop: a running ingest ends at its next posting.
SHUTDOWN = threading.Event()


async def run_stoppable(request: Request, work: Callable[[threading.Event], T]) -> T:
    """work(stop) in a worker thread; `stop` is set when the client disconnects, when the server is told
    to stop, or when this request itself is cancelled (uvicorn's graceful-shutdown timeout)."""
    stop = threading.Event()
    task = asyncio.ensure_future(run_in_threadpool(work, stop))
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=POLL_SECONDS)
            if done:
                return task.result()
            if SHUTDOWN.is_set() or await request.is_disconnected():
                stop.set()
    finally:
        stop.set()
        if not task.done():
            task.add_done_callback(_quietly)


def _quietly(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()  # retrieved: a stopped ingest's error has no one left to answer


_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def watch_shutdown() -> Iterator[None]:
    """While inside, SIGTERM and SIGINT set SHUTDOWN before reaching the handler they had (uvicorn's,
    which then waits for running requests). Only the main thread may set signal handlers: elsewhere (a
    test client) nothing is changed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    SHUTDOWN.clear()
    before: dict[int, Any] = {sig: signal.getsignal(sig) for sig in _SIGNALS}

    def on_signal(sig: int, frame: FrameType | None) -> None:
        SHUTDOWN.set()
        handler = before[sig]
        if callable(handler):
            handler(sig, frame)
        elif handler == signal.SIG_DFL:
            signal.signal(sig, signal.SIG_DFL)
            os.kill(os.getpid(), sig)

    for sig in _SIGNALS:
        signal.signal(sig, on_signal)
    try:
        yield
    finally:
        for number, handler in before.items():
            if signal.getsignal(number) is on_signal:
                signal.signal(number, handler)
