"""Greenhouse's job board answers (`/v1/boards/{board}/jobs?content=true`, and one job's `/jobs/{id}`): each
job a posting, with the facts the board states (sources/boards.py names them all)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rolemap.errors import PostingError
from rolemap.models import Posting
from rolemap.sources import fact_values, facts
from rolemap.sources.board_fields import (
    WORK_WORDS,
    PostingOrError,
    field_get,
    field_list,
    field_number,
    field_text,
    field_url,
    job_list,
    job_text,
    required,
    safe_job,
)


def greenhouse_postings(data: Any, board: str) -> Iterator[PostingOrError]:
    """The answer's jobs. When its own `meta.total` counts more jobs than its list holds, the listing is
    incomplete: one error says so, naming the board and no job, so that none of the board's postings is
    closed (pipeline.ingest), as when a job fails before its id is read."""
    where = f"greenhouse:{board}"
    jobs = job_list(data, "jobs", where)
    total = field_number(
        field_get(data.get("meta"), "total")
    )  # 3, 3.0 or "3" (the review's: a string closed jobs)
    if total is not None and total > len(jobs):
        yield PostingError(
            where,
            f"the answer lists {len(jobs)} of the {total:g} jobs its meta.total counts, so none of the "
            "board's postings is closed; fetch it again later",
            board=where,
        )
    for job in jobs:
        yield safe_job(job, where, lambda j: _greenhouse_job(j, board))


# Greenhouse's custom fields ("metadata") that carry a fact, by the field's name.
_GREENHOUSE_META = (
    (re.compile(r"(?i)employment|job type|commitment|contract type|type of (?:role|position)"), "employment_type"),
    (re.compile(r"(?i)workplace|work ?model|work arrangement|location type|remote"), "work_model"),
    (re.compile(r"(?i)seniority|(?:job|career|experience) level|^level$"), "seniority"),
)  # fmt: skip
_META_VALUE = {
    "employment_type": fact_values.employment_type_of,
    "work_model": fact_values.work_model_of,
    "seniority": fact_values.seniority_of,
}
_YES_NO = {"yes": True, "true": True, "no": False, "false": False}


def _greenhouse_job(job: dict[str, Any], board: str) -> Posting:
    fields: dict[str, Any] = {}
    if job.get("departments"):
        fields["department"] = ", ".join(
            field_text(d.get("name")) or "" for d in field_list(job["departments"]) if isinstance(d, dict)
        )
    for meta in field_list(job.get("metadata")):
        name, value = field_text(meta.get("name")) if isinstance(meta, dict) else None, _meta_value(meta)
        if name and isinstance(meta.get("value"), dict):  # a currency or currency_range custom field
            fields.setdefault("metadata", {})[name] = meta["value"]
            continue
        if not name or value is None:
            continue
        fields.setdefault("metadata", {})[name] = value
        for pattern, fact in _GREENHOUSE_META:
            if not pattern.search(name):
                continue
            # the first field of the fact's name whose value means something in the contract states it:
            # "Job Type: Remote" names no employment type, and "Employment Type: Part-time" after it does
            origin = f"greenhouse:metadata.{name}"
            if fact == "work_model" and value.lower() in _YES_NO:  # "Remote: Yes"
                if "remote" not in fields.get(facts.FACTS_FROM, {}):
                    facts.state(fields, "remote", origin, "remote", _YES_NO[value.lower()])
                break
            if _META_VALUE[fact](value) is None and fact_values.work_model_of(value) is not None:
                fact = "work_model"  # "Job Type: Remote": the value says what it is
            if fact not in fields.get(facts.FACTS_FROM, {}) and _META_VALUE[fact](value) is not None:
                facts.state(fields, fact, origin, fact, value)
                break
    location = field_text(field_get(job.get("location"), "name"))
    place_origin = "greenhouse:location.name"
    offices = _office_places(job.get("offices"))
    if location:
        facts.state(fields, "locations", place_origin)
        if offices:  # read where the name names no place: "Multiple Locations", "Hybrid"
            fields["office_locations"] = offices
    elif offices:  # no location name: the offices' places
        location, place_origin = "; ".join(offices), "greenhouse:offices"
        facts.state(fields, "locations", place_origin, "all_locations", offices)
    if location and WORK_WORDS.search(location) and "work_model" not in fields.get(facts.FACTS_FROM, {}):
        facts.state(fields, "work_model", place_origin, "work_model", location)
    salary = _greenhouse_pay(job.get("pay_input_ranges"))
    if salary:
        facts.state(fields, "salary", "greenhouse:pay_input_ranges", "salary", salary)
    else:
        named, salary = _greenhouse_pay_field(fields.get("metadata") or {})
        if salary:
            facts.state(fields, "salary", f"greenhouse:metadata.{named}", "salary", salary)
        elif words := _greenhouse_pay_words(fields.get("metadata") or {}):
            named, text = words  # "Salary Range: $120,000 - $150,000 CAD", read as the text's pay is
            facts.state(fields, "salary", f"greenhouse:metadata.{named}", "salary", text)
    company = field_text(job.get("company_name"))
    if company:
        facts.state(fields, "company", "greenhouse:company_name")
    return Posting(
        id=f"greenhouse-{board}-{required(job, 'id')}",
        title=job_text(job, "title") or "",
        description=job_text(job, "content") or "",
        company=company or board,
        location=location,
        url=field_url(job, "absolute_url"),
        posted_at=field_text(job.get("first_published")) or field_text(job.get("updated_at")),
        source="greenhouse",
        board=f"greenhouse:{board}",
        source_fields=fields,
    )


def _office_places(offices: Any) -> list[str]:
    """The places of a job's `offices` (`location`, else the office's `name`), each once."""
    places = (
        field_text(field_get(o, "location")) or field_text(field_get(o, "name")) for o in field_list(offices)
    )
    return list(dict.fromkeys(p for p in places if p))


def _meta_value(meta: Any) -> str | None:
    """A custom field's value as text: single values as they are, multi-selects joined."""
    if not isinstance(meta, dict):
        return None
    value = meta.get("value")
    if isinstance(value, list):
        return ", ".join(t for t in (field_text(v) for v in value) if t) or None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return field_text(value) or None


def _greenhouse_pay(ranges: Any) -> dict[str, Any] | None:
    """`pay_input_ranges` (asked for with ?pay_transparency=true): bands in cents, one per zone, the first
    the one the board shows first ("US National Range"). Greenhouse states no period."""
    band = next((r for r in field_list(ranges) if isinstance(r, dict)), None)
    if band is None:
        return None
    low, high = field_number(band.get("min_cents")), field_number(band.get("max_cents"))
    if low is None and high is None:
        return None
    return {
        "min": None if low is None else low / 100,
        "max": None if high is None else high / 100,
        "currency": field_text(band.get("currency_type")),
        "period": None,
        "title": field_text(band.get("title")),
    }


# A custom field that holds the posting's pay ("Pay Transparency Range", "Salary Range", "Base Pay"), and
# one that says per what it is paid ("Pay Frequency": "Annual" / "Hourly").
_PAY_FIELD = re.compile(r"(?i)\b(?:pay|salary|compensation|wage|base)\b")
_PAY_PERIOD_FIELD = re.compile(
    r"(?i)\b(?:pay|salary|wage|compensation)\b.*\b(?:frequency|period|interval|basis|type)\b"
)
_PERIOD_WORDS = {
    "annual": "year", "annually": "year", "yearly": "year", "year": "year", "salary": "year", "salaried": "year",
    "monthly": "month", "month": "month", "weekly": "week", "week": "week", "daily": "day", "day": "day",
    "hourly": "hour", "hour": "hour",
}  # fmt: skip


def _greenhouse_pay_field(metadata: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
    """The pay a board states in a `currency_range` (or `currency`) custom field, as (field name, salary):
    `{"unit": "USD", "min_value": "62.0", "max_value": "78.0"}`, amounts written as strings. Its period
    is the one a "Pay Frequency" field names; none otherwise (the amount's size decides)."""
    period = None
    for name, value in metadata.items():
        if isinstance(value, str) and _PAY_PERIOD_FIELD.search(name):
            period = _PERIOD_WORDS.get(value.strip().lower())
    pay = [(n, v) for n, v in metadata.items() if isinstance(v, dict) and _PAY_FIELD.search(n)]
    # a range first: a board that sends both also sends its bounds as single amounts ("Band Minimum")
    for name, value in sorted(pay, key=lambda item: "min_value" not in item[1]):
        low = field_number(value.get("min_value", value.get("amount")))
        high = field_number(value.get("max_value", value.get("amount")))
        if low is None and high is None:
            continue
        return name, {"min": low, "max": high, "currency": field_text(value.get("unit")), "period": period}
    return None, None


def _greenhouse_pay_words(metadata: dict[str, Any]) -> tuple[str, str] | None:
    """A pay custom field of short text with a figure in it, as (field name, its text)."""
    for name, value in metadata.items():
        if (
            isinstance(value, str)
            and _PAY_FIELD.search(name)
            and not _PAY_PERIOD_FIELD.search(name)
            and any(c.isdigit() for c in value)
        ):
            return name, value
    return None
