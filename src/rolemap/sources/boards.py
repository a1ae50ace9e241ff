"""The public job-board APIs that companies expose: Greenhouse, Lever and Ashby.

Each `*_postings` function turns one API answer (already parsed JSON) into postings; the shapes are the
providers' documented ones (see tests/fixtures/boards/). A job missing its id, or with a field of the wrong
type, is reported and skipped; the others are read.

The facts a board states (employment type, workplace, pay, places, the company's name) are kept in
`source_fields` with the provider field they came from (sources/facts.py): Greenhouse `location.name` (else
its `offices`' places), `metadata` ("Employment Type: Full-time", the first field of a fact's name whose
value means one; a `currency_range` pay field with its "Pay Frequency", or a short-text one in words),
`company_name`, `pay_input_ranges`; Lever `categories.commitment`, `categories.level`,
`categories.location` / `allLocations`, `workplaceType`, `salaryRange`; Ashby `employmentType`,
`workplaceType`, `isRemote`, `address` / `secondaryLocations`, `compensation`. A pay whose period the board
states in a way that is no period of the contract (Lever's "one-time", Ashby's "2 WEEK") is kept in
`source_fields` but stated as no fact: a sign-on sum or a fortnight's pay is not a salary a year.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from rolemap.errors import InputError, PostingError
from rolemap.models import Posting
from rolemap.sources import fact_values, facts
from rolemap.sources.clean import as_text, clean_posting

PostingOrError = Posting | PostingError


def greenhouse_postings(data: Any, board: str) -> Iterator[PostingOrError]:
    """The answer's jobs. When its own `meta.total` counts more jobs than its list holds, the listing is
    incomplete: one error says so, naming the board and no job, so that none of the board's postings is
    closed (pipeline.ingest), as when a job fails before its id is read."""
    where = f"greenhouse:{board}"
    jobs = _job_list(data, "jobs", where)
    total = _number(_get(data.get("meta"), "total"))  # 3, 3.0 or "3" (the review's: a string closed jobs)
    if total is not None and total > len(jobs):
        yield PostingError(
            where,
            f"the answer lists {len(jobs)} of the {total:g} jobs its meta.total counts, so none of the "
            "board's postings is closed; fetch it again later",
            board=where,
        )
    for job in jobs:
        yield _safe(job, where, lambda j: _greenhouse_job(j, board))


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
_WORK_WORDS = re.compile(r"(?i)\b(?:remote|hybrid|on-?site|in[- ]office|telecommute)\b")


def _greenhouse_job(job: dict[str, Any], board: str) -> Posting:
    fields: dict[str, Any] = {}
    if job.get("departments"):
        fields["department"] = ", ".join(
            _text(d.get("name")) or "" for d in _list(job["departments"]) if isinstance(d, dict)
        )
    for meta in _list(job.get("metadata")):
        name, value = _text(meta.get("name")) if isinstance(meta, dict) else None, _meta_value(meta)
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
    location = _text(_get(job.get("location"), "name"))
    place_origin = "greenhouse:location.name"
    if location:
        facts.state(fields, "locations", place_origin)
    elif offices := [t for t in (_text(_get(o, "location")) for o in _list(job.get("offices"))) if t]:
        places = list(dict.fromkeys(offices))  # no location name: the offices' places
        location, place_origin = "; ".join(places), "greenhouse:offices"
        facts.state(fields, "locations", place_origin, "all_locations", places)
    if location and _WORK_WORDS.search(location) and "work_model" not in fields.get(facts.FACTS_FROM, {}):
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
    company = _text(job.get("company_name"))
    if company:
        facts.state(fields, "company", "greenhouse:company_name")
    return Posting(
        id=f"greenhouse-{board}-{_required(job, 'id')}",
        title=_job_text(job, "title") or "",
        description=_job_text(job, "content") or "",
        company=company or board,
        location=location,
        url=_url(job, "absolute_url"),
        posted_at=_text(job.get("first_published")) or _text(job.get("updated_at")),
        source="greenhouse",
        board=f"greenhouse:{board}",
        source_fields=fields,
    )


def _meta_value(meta: Any) -> str | None:
    """A custom field's value as text: single values as they are, multi-selects joined."""
    if not isinstance(meta, dict):
        return None
    value = meta.get("value")
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t) or None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return _text(value) or None


def _greenhouse_pay(ranges: Any) -> dict[str, Any] | None:
    """`pay_input_ranges` (asked for with ?pay_transparency=true): bands in cents, one per zone, the first
    the one the board shows first ("US National Range"). Greenhouse states no period."""
    band = next((r for r in _list(ranges) if isinstance(r, dict)), None)
    if band is None:
        return None
    low, high = _number(band.get("min_cents")), _number(band.get("max_cents"))
    if low is None and high is None:
        return None
    return {
        "min": None if low is None else low / 100,
        "max": None if high is None else high / 100,
        "currency": _text(band.get("currency_type")),
        "period": None,
        "title": _text(band.get("title")),
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
        low = _number(value.get("min_value", value.get("amount")))
        high = _number(value.get("max_value", value.get("amount")))
        if low is None and high is None:
            continue
        return name, {"min": low, "max": high, "currency": _text(value.get("unit")), "period": period}
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


def lever_postings(data: Any, company: str) -> Iterator[PostingOrError]:
    if isinstance(data, dict) and data.get("ok") is False:
        problem = _text(data.get("error")) or "no reason given"
        raise InputError(f"lever:{company}: the API answered with an error: {problem[:200]}")
    if not isinstance(data, list):
        raise InputError(f"lever:{company}: expected a JSON list of postings, got {type(data).__name__}")
    for job in data:
        yield _safe(job, f"lever:{company}", lambda j: _lever_job(j, company))


def _lever_job(job: dict[str, Any], company: str) -> Posting:
    cats: dict[str, Any] = job["categories"] if isinstance(job.get("categories"), dict) else {}
    parts = [_job_text(job, "description") or _job_text(job, "descriptionPlain") or ""]
    for block in _list(job.get("lists")):
        if isinstance(block, dict):
            parts.append(
                f"<h3>{_text(block.get('text')) or ''}</h3><ul>{_text(block.get('content')) or ''}</ul>"
            )
    parts.append(_text(job.get("additional")) or "")
    fields: dict[str, Any] = {}
    commitment = _text(cats.get("commitment"))
    if commitment:
        facts.state(fields, "employment_type", "lever:categories.commitment", "employment_type", commitment)
    level = _text(cats.get("level"))
    if level:
        facts.state(fields, "seniority", "lever:categories.level", "seniority", level)
    if _text(cats.get("team")):
        fields["department"] = _text(cats["team"])
    workplace = _text(job.get("workplaceType"))
    location = _text(cats.get("location"))
    if workplace:
        fields["workplace_type"] = workplace
        fields["remote"] = workplace == "remote"
        if workplace != "unspecified":
            facts.state(fields, "work_model", "lever:workplaceType", "work_model", workplace)
    if location and _WORK_WORDS.search(location) and "work_model" not in fields.get(facts.FACTS_FROM, {}):
        facts.state(fields, "work_model", "lever:categories.location", "work_model", location)
    all_locations = [t for t in (_text(x) for x in _list(cats.get("allLocations"))) if t]
    if all_locations:
        facts.state(fields, "locations", "lever:categories.allLocations", "all_locations", all_locations)
    elif location:
        facts.state(fields, "locations", "lever:categories.location")
    country = _text(job.get("country"))
    if country and workplace == "remote":
        fields["addresses"] = [{"city": None, "country": country}]
        fields.setdefault(facts.FACTS_FROM, {}).setdefault("locations", "lever:country")
    salary = job.get("salaryRange")
    if isinstance(salary, dict) and (salary.get("min") is not None or salary.get("max") is not None):
        interval = _text(salary.get("interval"))
        value = {
            "min": _number(salary.get("min")),
            "max": _number(salary.get("max")),
            "currency": _text(salary.get("currency")),
            "period": _lever_period(interval),
        }
        if value["period"] or not interval:
            facts.state(fields, "salary", "lever:salaryRange", "salary", value)
        else:  # "one-time": a sum, not a rate
            fields["salary"] = {**value, "interval": interval}
    created = job.get("createdAt")
    return Posting(
        id=f"lever-{company}-{_required(job, 'id')}",
        title=_job_text(job, "text") or "",
        description="".join(parts),
        company=company,
        location=location,
        url=_url(job, "hostedUrl"),
        posted_at=_epoch_date(created),
        source="lever",
        board=f"lever:{company}",
        source_fields=fields,
    )


def _epoch_date(millis: Any) -> str | None:
    if isinstance(millis, bool) or not isinstance(millis, (int, float)):
        return None
    try:
        return datetime.fromtimestamp(millis / 1000, UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


_LEVER_INTERVAL = re.compile(r"per-(year|month|week|day|hour)-(?:salary|wage)")


def _lever_period(interval: str | None) -> str | None:
    """Lever's `salaryRange.interval` ("per-year-salary", "per-hour-wage", "per-day-wage") as a period;
    None for one that is not a rate ("one-time")."""
    m = _LEVER_INTERVAL.fullmatch(interval.strip().lower()) if interval else None
    return m.group(1) if m else None


def ashby_postings(data: Any, board: str) -> Iterator[PostingOrError]:
    jobs = _job_list(data, "jobs", f"ashby:{board}")
    for job in jobs:
        yield _safe(job, f"ashby:{board}", lambda j: _ashby_job(j, board), _ashby_id)


def _ashby_job(job: dict[str, Any], board: str) -> Posting:
    fields: dict[str, Any] = {}
    kind = _text(job.get("employmentType"))
    if kind:
        facts.state(fields, "employment_type", "ashby:employmentType", "employment_type", kind)
    workplace = _text(job.get("workplaceType"))
    if workplace:
        facts.state(fields, "work_model", "ashby:workplaceType", "work_model", workplace)
    if isinstance(job.get("isRemote"), bool):
        fields["remote"] = job["isRemote"]
        if not workplace:
            facts.state(fields, "remote", "ashby:isRemote")
    if _text(job.get("department")):
        fields["department"] = _text(job["department"])
    if job.get("isListed") is False:  # open and reachable by its link, but not shown on the board
        fields["listed"] = False
    location = _text(job.get("location"))
    addresses = [a for a in [facts.postal_address(_get(job.get("address"), "postalAddress"))] if a]
    others = []
    for place in _list(job.get("secondaryLocations")):
        if isinstance(place, dict):
            where = place.get("address")
            address = facts.postal_address(_get(where, "postalAddress") or where)
            if address:
                addresses.append(address)
            elif _text(place.get("location")):
                others.append(_text(place.get("location")))
    if addresses:
        fields["addresses"] = addresses
    if others:
        fields["all_locations"] = [location, *others] if location else others
    if addresses or location or others:
        facts.state(fields, "locations", "ashby:address" if addresses else "ashby:location")
    salary = _ashby_salary(job.get("compensation"))
    if salary and "interval" not in salary:
        facts.state(fields, "salary", "ashby:compensation", "salary", salary)
    elif salary:  # "2 WEEK", "6 MONTH": no period of the contract
        fields["salary"] = salary
    return Posting(
        id=f"ashby-{board}-{_ashby_id(job)}",
        title=_job_text(job, "title") or "",
        description=_job_text(job, "descriptionHtml") or _job_text(job, "descriptionPlain") or "",
        company=board,
        location=location,
        url=_url(job, "jobUrl"),
        posted_at=_text(job.get("publishedAt")),
        source="ashby",
        board=f"ashby:{board}",
        source_fields=fields,
    )


_ASHBY_PERIODS = {"1 YEAR": "year", "1 MONTH": "month", "1 HOUR": "hour", "1 WEEK": "week", "1 DAY": "day"}


def _ashby_salary(comp: Any) -> dict[str, Any] | None:
    """The salary component of `compensation` (?includeCompensation=true): the summary's, else the
    first tier's."""
    if not isinstance(comp, dict):
        return None
    components = list(_list(comp.get("summaryComponents")))
    for tier in _list(comp.get("compensationTiers")):
        if isinstance(tier, dict):
            components.extend(_list(tier.get("components")))
    for part in components:
        if isinstance(part, dict) and part.get("compensationType") == "Salary":
            low, high = _number(part.get("minValue")), _number(part.get("maxValue"))
            if low is None and high is None:
                continue
            interval = _text(part.get("interval"))
            period = _ASHBY_PERIODS.get(interval.strip().upper()) if interval else None
            salary = {"min": low, "max": high, "currency": _text(part.get("currencyCode")), "period": period}
            if interval and period is None:
                salary["interval"] = interval  # "2 WEEK": kept, and no fact (see _ashby_job)
            return salary
    return None


def _ashby_id(job: dict[str, Any]) -> str:
    """The job's `id`; Ashby's documented answer has none, and then the id its `jobUrl` ends with
    (jobs.ashbyhq.com/{board}/{id}) stands for it."""
    if _text(job.get("id")) or not isinstance(job.get("jobUrl"), str):
        return _required(job, "id")
    tail = job["jobUrl"].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return _required({"id": tail if "ashbyhq.com/" in job["jobUrl"] and tail else None}, "id")


def _job_list(data: Any, key: str, where: str) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise InputError(
            f"{where}: expected a JSON object with a {key!r} list; this is not that board's format"
        )
    return data[key]


def _required(job: dict[str, Any], key: str) -> str:
    value = _text(job.get(key))
    if not value:
        raise ValueError(f"has no {key!r}")
    return re.sub(r"[^A-Za-z0-9_.-]", "_", value)


def _id_field(job: dict[str, Any]) -> str:
    return _required(job, "id")


def _safe(
    job: Any,
    where: str,
    build: Callable[[dict[str, Any]], Posting],
    id_of: Callable[[dict[str, Any]], str] = _id_field,
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
    shown = (_text(job.get("id")) or job_id or "?")[:100]  # as the board writes it
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


def _job_text(job: dict[str, Any], key: str) -> str | None:
    """A job's title or description: text, or absent; any other type makes the job one reported error
    (a title of ["a"] or content of {"html": …} is a broken answer, not an empty posting)."""
    value = job.get(key)
    if value is not None and isinstance(value, (dict, list, bool)):
        raise TypeError(f"{key!r} must be a string, got {type(value).__name__}")
    return _text(value)


def _text(value: Any) -> str | None:
    """A provider's text field: a string (or a number written out); anything else is no text."""
    return as_text(value) if not isinstance(value, (dict, list)) else None


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _url(job: dict[str, Any], key: str) -> str | None:
    value = job.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError(f"{key!r} must be a string (a URL), got {type(value).__name__}")
    return value


def board_from_url(url: str | None, provider: str) -> str | None:
    """The board token in a job's own URL: boards.greenhouse.io/{board}/jobs/1 → board."""
    if not url:
        return None
    patterns = {
        "greenhouse": r"greenhouse\.io/(?:embed/job_app\?for=)?([A-Za-z0-9_-]+)",
        "lever": r"lever\.co/([A-Za-z0-9_-]+)",
        "ashby": r"ashbyhq\.com/([A-Za-z0-9_.-]+)",
    }
    m = re.search(patterns[provider], url)
    return m.group(1) if m else None


def sniff_board(data: Any) -> str | None:
    """Which provider's answer this parsed JSON is, from the fields only that provider uses: a board's list,
    or one job as the single-job endpoints answer (Greenhouse /jobs/{id}, Lever /postings/{site}/{id})."""
    if isinstance(data, dict) and "jobs" not in data:
        if "absolute_url" in data and ("internal_job_id" in data or "content" in data):
            return "greenhouse"
        if "hostedUrl" in data and "categories" in data:
            return "lever"
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        first = next((j for j in data["jobs"] if isinstance(j, dict)), {})
        if "absolute_url" in first or "internal_job_id" in first or ("meta" in data and "jobs" in data):
            return "greenhouse"
        if "jobUrl" in first or "apiVersion" in data or "isRemote" in first:
            return "ashby"
        return "greenhouse" if not first else None
    if (
        isinstance(data, list)
        and data
        and isinstance(data[0], dict)
        and ("hostedUrl" in data[0] or "categories" in data[0])
    ):
        return "lever"
    return None
