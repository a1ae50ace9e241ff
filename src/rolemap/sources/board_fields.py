"""What the job-board readers (greenhouse.py, boards.py) share: a provider's field read as text, a list, a
number or a URL; a job's id; a job read into a posting or into the one error that stands for it."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from rolemap.errors import InputError, PostingError
from rolemap.models import Posting
from rolemap.sources.clean import as_text, clean_posting

PostingOrError = Posting | PostingError

# A place name that says how the job is worked ("Remote - US", "Hybrid"): a work model the board states.
WORK_WORDS = re.compile(r"(?i)\b(?:remote|hybrid|on-?site|in[- ]office|telecommute)\b")


def job_list(data: Any, key: str, where: str) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise InputError(
            f"{where}: expected a JSON object with a {key!r} list; this is not that board's format"
        )
    return data[key]


def required(job: dict[str, Any], key: str) -> str:
    value = field_text(job.get(key))
    if not value:
        raise ValueError(f"has no {key!r}")
    return re.sub(r"[^A-Za-z0-9_.-]", "_", value)


def id_field(job: dict[str, Any]) -> str:
    return required(job, "id")


def safe_job(
    job: Any,
    where: str,
    build: Callable[[dict[str, Any]], Posting],
    id_of: Callable[[dict[str, Any]], str] = id_field,
) -> PostingOrError:
    """A job as a posting, or the error that stands for it, naming its board (`where`, "greenhouse:acme")
    and, when its id could be read (`id_of`: the provider's own way, as the posting's id is made), the
    posting's id: a job the board lists with a bad field is still on the board, not closed (pipeline.ingest)."""
    if not isinstance(job, dict):
        return PostingError(where, f"a job is a {type(job).__name__}, not an object", board=where)
    try:
        job_id: str | None = id_of(job)
    except ValueError:
        job_id = None
    shown = (field_text(job.get("id")) or job_id or "?")[:100]  # as the board writes it
    try:
        posting = build(job)
        if not posting.title.strip() and not posting.description.strip():
            raise ValueError("has neither a title nor a description")
        cleaned = clean_posting(posting, f"{where} job {shown}")
        if isinstance(cleaned, PostingError):
            cleaned.board, cleaned.posting_id = where, posting.id
        return cleaned
    except (ValueError, TypeError, AttributeError, KeyError, OverflowError, RecursionError) as e:
        posting_id = f"{where.replace(':', '-', 1)}-{job_id}" if job_id else None
        return PostingError(f"{where} job {shown}", str(e), posting_id, board=where)


def job_text(job: dict[str, Any], key: str) -> str | None:
    """A job's title or description: text, or absent; any other type makes the job one reported error
    (a title of ["a"] or content of {"html": …} is a broken answer, not an empty posting)."""
    value = job.get(key)
    if value is not None and isinstance(value, (dict, list, bool)):
        raise TypeError(f"{key!r} must be a string, got {type(value).__name__}")
    return field_text(value)


def field_text(value: Any) -> str | None:
    """A provider's text field: a string (or a number written out); anything else is no text."""
    return as_text(value) if not isinstance(value, (dict, list)) else None


def field_get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def field_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def field_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def field_url(job: dict[str, Any], key: str) -> str | None:
    value = job.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError(f"{key!r} must be a string (a URL), got {type(value).__name__}")
    return value
