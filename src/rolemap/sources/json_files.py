"""A JSON file: a saved job-board answer (Greenhouse, Lever, Ashby), a Hacker News item or thread from
Algolia, one posting of the contract's input format, or a list of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from rolemap.errors import InputError, PostingError
from rolemap.models import Posting
from rolemap.sources import boards, hn
from rolemap.sources.clean import parse_json
from rolemap.sources.contract import posting_from_object

PostingOrError = Posting | PostingError


def json_postings(path: Path, text: str) -> Iterator[PostingOrError]:
    where = str(path)
    try:
        data = parse_json(text)
    except ValueError as e:
        raise InputError(f"{path}: {e}") from None
    provider = boards.sniff_board(data)
    if provider:
        yield from _board_file(path, data, provider)
    elif hn.is_algolia_item(data):
        if data.get("type") == "story":
            yield from hn.algolia_thread(data)
        else:
            try:
                yield hn.from_algolia_item(data)
            except PostingError as e:
                yield e
    elif isinstance(data, list):
        if not data:
            raise InputError(f"{path}: no postings in it (an empty JSON list)")
        for n, item in enumerate(data, 1):
            yield posting_from_object(item, f"{where}[{n}]")
    elif isinstance(data, dict):
        yield posting_from_object(data, where)
    else:
        raise InputError(
            f"{path}: a JSON {type(data).__name__} is not a posting, a list of postings or a board answer"
        )


def _board_file(path: Path, data: Any, provider: str) -> Iterator[PostingOrError]:
    """A saved board answer. Its postings count as the board's complete listing (`Posting.board`: what is
    not in it is closed) only when it is a list answer whose board its jobs' own URLs name: one job, as a
    single-job endpoint answers, is no listing, and a file name ("jobs", as `curl -O` saves
    …/boards/acme/jobs) is only a guess at the board, so two companies' saved answers would close each
    other's postings."""
    one_job = isinstance(data, dict) and "jobs" not in data
    if one_job:
        data = [data] if provider == "lever" else {"jobs": [data]}
    jobs = boards.lever_jobs(data) if isinstance(data, list) else data.get("jobs", [])
    board = None
    for job in jobs:
        if isinstance(job, dict):
            url = job.get("absolute_url") or job.get("hostedUrl") or job.get("jobUrl")
            board = boards.board_from_url(url if isinstance(url, str) else None, provider)
            if board:
                break
    a_listing = board is not None and not one_job
    readers = {
        "greenhouse": boards.greenhouse_postings,
        "lever": boards.lever_postings,
        "ashby": boards.ashby_postings,
    }
    for item in readers[provider](data, board or path.name.split(".")[0]):
        if a_listing:
            yield item
        elif isinstance(item, Posting):
            yield replace(item, board=None)
        else:
            item.board = None  # nor does a failed job of it count for a listing
            yield item
