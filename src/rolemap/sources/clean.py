"""The one check every posting passes before it is extracted or stored, whichever source it came from.

`clean_posting` makes a `Posting` safe to store anywhere (SQLite, PostgreSQL, JSON, Parquet): text fields
are strings (numbers are written out, objects refused), NUL bytes and lone surrogates (`"\\ud800"`, which
no UTF-8 encoder accepts) are removed, the fields the store keeps in bounded columns fit them, and
`source_fields` is plain JSON of bounded depth. A posting that cannot be made safe becomes one
`PostingError` naming it, so it costs only itself.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from typing import Any

from rolemap.errors import PostingError
from rolemap.models import Posting
from rolemap.sources.dates import posted_date

MAX_ID_CHARS = 200  # the store's id column
MAX_SOURCE_FIELDS_DEPTH = 12  # deeper values in source_fields are dropped: no board nests that far
MAX_SOURCE_FIELDS_CHARS = 1_000_000  # all strings of source_fields together
_CAPS = {"company": 300, "location": 300, "posted_at": 40, "board": 200, "source": 20}
_UNSAFE = re.compile("[\x00\ud800-\udfff]")
_OPTIONAL = ("company", "location", "url", "posted_at", "board")


def parse_json(text: str) -> Any:
    """`json.loads`, whose failures are one ValueError with a short reason: not JSON, or nested too deeply
    to read (a RecursionError otherwise)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    except RecursionError:
        raise ValueError("not readable JSON: nested too deeply") from None


def clean_text(value: str) -> str:
    """`value` without NUL bytes and lone surrogates (cheap when there are none)."""
    if "\x00" not in value:
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            pass
    return _UNSAFE.sub("", value)


def as_text(value: Any) -> str | None:
    """A field value as text: strings and numbers are; None, booleans and containers are not."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else str(value)
    return None


def clean_posting(posting: Posting, where: str | None = None) -> Posting | PostingError:
    """The posting made safe to store, or the error that stands for it (see the module docstring)."""
    if where is None:
        where = clean_text(posting.id)[:MAX_ID_CHARS] if isinstance(posting.id, str) else "posting"
    try:
        return _clean(posting)
    except _Refused as e:
        raw_id = as_text(posting.id)
        return PostingError(where, str(e), raw_id[:MAX_ID_CHARS] if raw_id else None)


class _Refused(ValueError):
    pass


def _clean(posting: Posting) -> Posting:
    changes: dict[str, Any] = {}
    posting_id = _text_field(posting, "id")
    if not posting_id or not posting_id.strip():
        raise _Refused("has no usable id")
    if len(posting_id) > MAX_ID_CHARS:
        raise _Refused(f"its id is longer than {MAX_ID_CHARS} characters")
    if posting_id != posting.id:
        changes["id"] = posting_id
    for name in ("title", "description"):
        text = _text_field(posting, name) or ""
        if text != getattr(posting, name):
            changes[name] = text
    for name in _OPTIONAL:
        value = _text_field(posting, name)
        cap = _CAPS.get(name)
        if value is not None and cap and len(value) > cap:
            value = value[:cap]
        if value is not None and not value.strip():
            value = None
        if value != getattr(posting, name):
            changes[name] = value
    given = changes.get("posted_at", posting.posted_at)
    if given is not None and (iso := posted_date(given)) != given:
        changes["posted_at"] = iso  # "04.02.2024", an epoch: the ISO date; "yesterday": no date
        if iso is None and isinstance(posting.source_fields, dict):
            changes["source_fields"] = {**posting.source_fields, "posted_at_as_given": given}
    source = _text_field(posting, "source") or "file"
    if source != posting.source:
        changes["source"] = source[: _CAPS["source"]]
    fields = changes.get("source_fields", posting.source_fields)
    if not isinstance(fields, dict):
        changes["source_fields"] = {}
    else:
        budget = [MAX_SOURCE_FIELDS_CHARS]
        cleaned = _plain_json(fields, 0, budget)
        if cleaned != fields or budget[0] < 0:
            changes["source_fields"] = cleaned if isinstance(cleaned, dict) else {}
    return replace(posting, **changes) if changes else posting


def _text_field(posting: Posting, name: str) -> str | None:
    value = getattr(posting, name)
    if value is None:
        return None
    text = as_text(value)
    if text is None:
        raise _Refused(f"'{name}' must be a string, got {type(value).__name__}")
    return text


_DROP = object()


def _plain_json(value: Any, depth: int, budget: list[int]) -> Any:
    """`value` as plain JSON: strings cleaned, non-finite numbers and unknown types dropped, nothing deeper
    than MAX_SOURCE_FIELDS_DEPTH (which also bounds this recursion), strings within the shared character
    budget."""
    if isinstance(value, str):
        budget[0] -= len(value)
        return clean_text(value) if budget[0] >= 0 else _DROP
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else _DROP
    if depth >= MAX_SOURCE_FIELDS_DEPTH:
        return _DROP
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                continue
            cleaned = _plain_json(item, depth + 1, budget)
            if cleaned is not _DROP:
                out[clean_text(key)] = cleaned
        return out
    if isinstance(value, (list, tuple)):
        items = (_plain_json(item, depth + 1, budget) for item in value)
        return [item for item in items if item is not _DROP]
    return _DROP
