"""HTML pages that carry schema.org JobPosting JSON-LD, the format job boards publish for search engines.

The structured fields (baseSalary, employmentType, jobLocationType TELECOMMUTE, datePosted,
hiringOrganization, validThrough) are kept in `source_fields`; the description is the posting's text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from rolemap.errors import PostingError
from rolemap.models import Posting

_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}


def jsonld_postings(html: str, where: str) -> Iterator[Posting | PostingError]:
    """Every JobPosting in the page's JSON-LD blocks; a block that is broken or not a JobPosting is reported."""
    tree = LexborHTMLParser(html)
    blocks = tree.css('script[type="application/ld+json"]')
    if not blocks:
        yield PostingError(
            where, 'no schema.org JSON-LD block (<script type="application/ld+json">) in this page'
        )
        return
    found = 0
    for n, block in enumerate(blocks, 1):
        raw = block.text(deep=True, strip=True)
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            yield PostingError(f"{where} JSON-LD block {n}", f"not valid JSON ({e.msg} at char {e.pos})")
            continue
        for item in _job_postings(data):
            found += 1
            try:
                yield posting_from_jsonld(item, where)
            except (TypeError, ValueError, AttributeError) as e:
                yield PostingError(f"{where} JobPosting {found}", str(e))
    if not found:
        yield PostingError(where, "its JSON-LD holds no JobPosting (only other schema.org types)")


def _job_postings(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _job_postings(item)
    elif isinstance(data, dict):
        kind = data.get("@type")
        if kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind):
            yield data
        elif "@graph" in data:
            yield from _job_postings(data["@graph"])


def posting_from_jsonld(item: dict[str, Any], where: str) -> Posting:
    org = item.get("hiringOrganization")
    company = org.get("name") if isinstance(org, dict) else (org if isinstance(org, str) else None)
    fields: dict[str, Any] = {}
    salary = _salary(item.get("baseSalary"))
    if salary:
        fields["salary"] = salary
    location_type = item.get("jobLocationType")
    if location_type:
        fields["remote"] = "TELECOMMUTE" in str(location_type).upper()
    if item.get("employmentType"):
        kind = item["employmentType"]
        fields["employment_type"] = ",".join(kind) if isinstance(kind, list) else str(kind)
    if item.get("validThrough"):
        fields["valid_through"] = str(item["validThrough"])
    identifier = item.get("identifier")
    native = identifier.get("value") if isinstance(identifier, dict) else identifier
    title = str(item.get("title") or "")
    description = str(item.get("description") or "")
    if not title and not description:
        raise ValueError("has neither a title nor a description")
    key = native or item.get("url") or hashlib.sha1(f"{title}\n{description}".encode()).hexdigest()[:16]
    return Posting(
        id=f"jsonld-{hashlib.sha1(str(key).encode()).hexdigest()[:16]}" if not native else f"jsonld-{native}",
        title=title,
        description=description,
        company=company,
        location=_location(item.get("jobLocation")),
        url=item.get("url"),
        posted_at=str(item["datePosted"]) if item.get("datePosted") else None,
        source="html",
        source_fields=fields,
    )


def _salary(base: Any) -> dict[str, Any] | None:
    if not isinstance(base, dict):
        return None
    value = base.get("value")
    if isinstance(value, dict):
        lo = value.get("minValue", value.get("value"))
        hi = value.get("maxValue", value.get("value"))
        unit = value.get("unitText") or base.get("unitText")
    else:
        lo = hi = value
        unit = base.get("unitText")
    if lo is None and hi is None:
        return None
    return {
        "min": _number(lo),
        "max": _number(hi),
        "currency": base.get("currency"),
        "period": _PERIODS.get(str(unit).upper()) if unit else None,
    }


def _number(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _location(loc: Any) -> str | None:
    if isinstance(loc, list):
        names = [n for n in (_location(x) for x in loc) if n]
        return "; ".join(names) or None
    if isinstance(loc, dict):
        addr = loc.get("address")
        if isinstance(addr, dict):
            parts = [addr.get(k) for k in ("addressLocality", "addressRegion", "addressCountry")]
            return (
                ", ".join(str(p if not isinstance(p, dict) else p.get("name", "")) for p in parts if p)
                or None
            )
        if isinstance(addr, str):
            return addr
    return None
