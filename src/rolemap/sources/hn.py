"""Hacker News "Ask HN: Who is hiring?" comments: one top-level comment is one posting.

Three shapes are read: the official HN API item (`{"id", "by", "time", "text", "kids", "parent"}`), the
Algolia search API item (`{"id", "author", "created_at", "text", "children"}`), and the monthly dump rows of
../shared/data/hn_whoishiring_2013_2018 (`{"hn_item_id", "month", "text_html", ...}`).
A comment has no title, company or location field: the extractor reads them from its text (a first line
`Company | Role | Location | ...` is kept as `source_fields["header"]` for display). An HN job story
(`"type": "job"`) has a title of its own ("Justin.tv is looking for a Lead Flash Engineer!").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from rolemap.errors import PostingError
from rolemap.models import Posting
from rolemap.text import plain_text

_SEPARATORS = re.compile(r"\s[|•–—/-]\s|\|")


def header_line(text: str) -> str | None:
    """The first line when it is shaped like a header (`Acme | Senior Backend Engineer | Berlin`), kept
    for display. What its segments are (company, roles, places) is the extractor's reading
    (`extract/identity.py`), not a guess of this source's."""
    first = plain_text(text).split("\n", 1)[0].strip()
    return first if len(first) <= 300 and _SEPARATORS.search(first) else None


def posting_from_hn(
    item_id: Any,
    html: str,
    posted_at: str | None,
    user: str | None,
    source_fields: dict[str, Any] | None = None,
    title: str = "",
) -> Posting:
    if item_id in (None, ""):
        raise PostingError("hn item", "has no id")
    if (not html or not html.strip()) and not title.strip():
        raise PostingError(f"hn item {item_id}", "has no text (deleted or dead comment)", str(item_id))
    header = header_line(html)
    fields = dict(source_fields or {})
    if user:
        fields["user"] = user
    if header:
        fields["header"] = header
    return Posting(
        id=f"hn-{item_id}",
        title=title,
        description=html,
        url=f"https://news.ycombinator.com/item?id={item_id}",
        posted_at=posted_at,
        source="hn",
        source_fields=fields,
    )


def from_dump_row(row: dict[str, Any]) -> Posting:
    """A row of the 2013–2018 dump: the month is the thread's; derived_* fields are kept, not trusted."""
    month = row.get("month")
    item_id = _item_id(row.get("hn_item_id"))
    fields = {k: v for k, v in row.items() if k.startswith("derived_")}
    if row.get("derived_remote"):
        fields["remote"] = True
    return posting_from_hn(
        item_id,
        _html(row, "text_html", item_id),
        f"{month}-01" if isinstance(month, str) and month else None,
        _user(row.get("user")),
        fields,
    )


def is_gone(item: Any) -> bool:
    """An HN API answer that is no comment to read: a deleted or dead item, or `null` (the API's answer
    for an id with no item)."""
    return item is None or (isinstance(item, dict) and bool(item.get("deleted") or item.get("dead")))


def from_api_item(item: dict[str, Any]) -> Posting:
    item_id = _item_id(item.get("id"))
    if item.get("deleted") or item.get("dead"):
        raise PostingError(f"hn item {item_id}", "is deleted or dead", item_id)
    story = item.get("title")
    title = story if item.get("type") == "job" and isinstance(story, str) else ""
    return posting_from_hn(
        item_id,
        _html(item, "text", item_id),  # a job story may hold only its title (and a URL)
        _unix_date(item.get("time"), item_id),
        _user(item.get("by")),
        title=title,
    )


def from_algolia_item(item: dict[str, Any]) -> Posting:
    item_id = _item_id(item.get("id"))
    created = item.get("created_at")
    if created is not None and not isinstance(created, str):
        raise PostingError(
            f"hn item {item_id}", f"'created_at' must be an ISO date, got {type(created).__name__}"
        )
    return posting_from_hn(
        item_id, _html(item, "text", item_id), created[:10] if created else None, _user(item.get("author"))
    )


def _item_id(value: Any) -> str | None:
    """An item id: a number (or its digits as a string); anything else is no id."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit() and len(value) <= 20):
        return str(value)
    return None


def _html(item: dict[str, Any], key: str, item_id: str | None) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PostingError(f"hn item {item_id}", f"'{key}' must be text, got {type(value).__name__}", item_id)
    return value


def _user(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _unix_date(value: Any, item_id: str | None) -> str | None:
    """The API's `time` (Unix seconds) as an ISO date; a number written as text is accepted."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PostingError(f"hn item {item_id}", f"'time' must be Unix seconds, got {value!r:.40}", item_id)
    try:
        return datetime.fromtimestamp(value, UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        raise PostingError(f"hn item {item_id}", f"'time' is not a date ({value!r:.40})", item_id) from None


def algolia_thread(thread: dict[str, Any]) -> Iterator[Posting | PostingError]:
    """Every top-level comment of an Algolia thread item (replies are discussion, not postings). A deleted
    comment (Algolia keeps it with no text and no author) is no posting and no failure, as the API's is."""
    children = thread.get("children")
    for child in children if isinstance(children, list) else []:
        if not isinstance(child, dict):
            yield PostingError("hn thread", f"a comment is a {type(child).__name__}, not an object")
            continue
        if not child.get("text") and not child.get("author"):
            continue
        try:
            yield from_algolia_item(child)
        except PostingError as e:
            yield e


def is_algolia_item(data: Any) -> bool:
    return isinstance(data, dict) and "children" in data and ("author" in data or "story_id" in data)


def is_api_item(data: Any) -> bool:
    return isinstance(data, dict) and "by" in data and "type" in data and "id" in data


def is_dump_row(data: Any) -> bool:
    return isinstance(data, dict) and "hn_item_id" in data and "text_html" in data
