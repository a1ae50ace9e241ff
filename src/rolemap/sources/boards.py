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

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from rolemap.errors import InputError
from rolemap.models import Posting
from rolemap.sources import facts
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
from rolemap.sources.greenhouse import greenhouse_postings

__all__ = ["ashby_postings", "board_from_url", "greenhouse_postings", "lever_postings", "sniff_board"]


def lever_postings(data: Any, company: str) -> Iterator[PostingOrError]:
    if isinstance(data, dict) and data.get("ok") is False:
        problem = field_text(data.get("error")) or "no reason given"
        raise InputError(f"lever:{company}: the API answered with an error: {problem[:200]}")
    if not isinstance(data, list):
        raise InputError(f"lever:{company}: expected a JSON list of postings, got {type(data).__name__}")
    for job in lever_jobs(data):
        yield safe_job(job, f"lever:{company}", lambda j: _lever_job(j, company))


def lever_jobs(data: list[Any]) -> list[Any]:
    """The postings of a Lever answer: the list itself, or, fetched with `group=team|location|commitment`,
    the postings of each group (`[{"title": "Engineering", "postings": […]}]`), in order."""
    if not any(_is_lever_group(item) for item in data):
        return data
    return [job for item in data for job in (item["postings"] if _is_lever_group(item) else [item])]


def _is_lever_group(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("postings"), list) and "hostedUrl" not in item


def _lever_job(job: dict[str, Any], company: str) -> Posting:
    cats: dict[str, Any] = job["categories"] if isinstance(job.get("categories"), dict) else {}
    parts = [job_text(job, "description") or job_text(job, "descriptionPlain") or ""]
    for block in field_list(job.get("lists")):
        if isinstance(block, dict):
            parts.append(
                f"<h3>{field_text(block.get('text')) or ''}</h3><ul>{field_text(block.get('content')) or ''}</ul>"
            )
    parts.append(_lever_pay_text(job))  # the page shows the pay it describes
    parts.append(field_text(job.get("additional")) or "")
    fields: dict[str, Any] = {}
    commitment = field_text(cats.get("commitment"))
    if commitment:
        facts.state(fields, "employment_type", "lever:categories.commitment", "employment_type", commitment)
    level = field_text(cats.get("level"))
    if level:
        facts.state(fields, "seniority", "lever:categories.level", "seniority", level)
    if field_text(cats.get("team")):
        fields["department"] = field_text(cats["team"])
    workplace = field_text(job.get("workplaceType"))
    location = field_text(cats.get("location"))
    if workplace:
        fields["workplace_type"] = workplace
        fields["remote"] = workplace == "remote"
        if workplace != "unspecified":
            facts.state(fields, "work_model", "lever:workplaceType", "work_model", workplace)
    if location and WORK_WORDS.search(location) and "work_model" not in fields.get(facts.FACTS_FROM, {}):
        facts.state(fields, "work_model", "lever:categories.location", "work_model", location)
    all_locations = [t for t in (field_text(x) for x in field_list(cats.get("allLocations"))) if t]
    if all_locations:
        facts.state(fields, "locations", "lever:categories.allLocations", "all_locations", all_locations)
    elif location:
        facts.state(fields, "locations", "lever:categories.location")
    country = field_text(job.get("country"))
    if country and workplace == "remote":
        fields["addresses"] = [{"city": None, "country": country}]
        fields.setdefault(facts.FACTS_FROM, {}).setdefault("locations", "lever:country")
    salary = job.get("salaryRange")
    if isinstance(salary, dict) and (salary.get("min") is not None or salary.get("max") is not None):
        interval = field_text(salary.get("interval"))
        value = {
            "min": field_number(salary.get("min")),
            "max": field_number(salary.get("max")),
            "currency": field_text(salary.get("currency")),
            "period": _lever_period(interval),
        }
        if value["period"] or not interval:
            facts.state(fields, "salary", "lever:salaryRange", "salary", value)
        else:  # "one-time": a sum, not a rate
            fields["salary"] = {**value, "interval": interval}
    created = job.get("createdAt")
    return Posting(
        id=f"lever-{company}-{required(job, 'id')}",
        title=job_text(job, "text") or "",
        description="".join(parts),
        company=company,
        location=location,
        url=field_url(job, "hostedUrl"),
        posted_at=_epoch_date(created),
        source="lever",
        board=f"lever:{company}",
        source_fields=fields,
    )


def _lever_pay_text(job: dict[str, Any]) -> str:
    """`salaryDescription` (HTML), else `salaryDescriptionPlain`: the pay in the posting's words, as its page
    shows it ("The base salary range for this role is $160,000 - $190,000 per year.")."""
    rich = job_text(job, "salaryDescription")
    if rich:
        return rich
    plain = job_text(job, "salaryDescriptionPlain")
    return f"<p>{html.escape(plain)}</p>" if plain else ""


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
    jobs = job_list(data, "jobs", f"ashby:{board}")
    for job in jobs:
        yield safe_job(job, f"ashby:{board}", lambda j: _ashby_job(j, board), _ashby_id)


def _ashby_job(job: dict[str, Any], board: str) -> Posting:
    fields: dict[str, Any] = {}
    kind = field_text(job.get("employmentType"))
    if kind:
        facts.state(fields, "employment_type", "ashby:employmentType", "employment_type", kind)
    workplace = field_text(job.get("workplaceType"))
    if workplace:
        facts.state(fields, "work_model", "ashby:workplaceType", "work_model", workplace)
    if isinstance(job.get("isRemote"), bool):
        fields["remote"] = job["isRemote"]
        if not workplace:
            facts.state(fields, "remote", "ashby:isRemote")
    if field_text(job.get("department")):
        fields["department"] = field_text(job["department"])
    if job.get("isListed") is False:  # open and reachable by its link, but not shown on the board
        fields["listed"] = False
    location = field_text(job.get("location"))
    addresses = [a for a in [facts.postal_address(field_get(job.get("address"), "postalAddress"))] if a]
    others = []
    for place in field_list(job.get("secondaryLocations")):
        if isinstance(place, dict):
            where = place.get("address")
            address = facts.postal_address(field_get(where, "postalAddress") or where)
            if address:
                addresses.append(address)
            elif field_text(place.get("location")):
                others.append(field_text(place.get("location")))
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
        title=job_text(job, "title") or "",
        description=job_text(job, "descriptionHtml") or job_text(job, "descriptionPlain") or "",
        company=board,
        location=location,
        url=field_url(job, "jobUrl"),
        posted_at=field_text(job.get("publishedAt")),
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
    components = list(field_list(comp.get("summaryComponents")))
    for tier in field_list(comp.get("compensationTiers")):
        if isinstance(tier, dict):
            components.extend(field_list(tier.get("components")))
    for part in components:
        if isinstance(part, dict) and part.get("compensationType") == "Salary":
            low, high = field_number(part.get("minValue")), field_number(part.get("maxValue"))
            if low is None and high is None:
                continue
            interval = field_text(part.get("interval"))
            period = _ASHBY_PERIODS.get(interval.strip().upper()) if interval else None
            salary = {
                "min": low,
                "max": high,
                "currency": field_text(part.get("currencyCode")),
                "period": period,
            }
            if interval and period is None:
                salary["interval"] = interval  # "2 WEEK": kept, and no fact (see _ashby_job)
            return salary
    return None


def _ashby_id(job: dict[str, Any]) -> str:
    """The job's `id`; Ashby's documented answer has none, and then the id its `jobUrl` ends with
    (jobs.ashbyhq.com/{board}/{id}) stands for it."""
    if field_text(job.get("id")) or not isinstance(job.get("jobUrl"), str):
        return required(job, "id")
    tail = job["jobUrl"].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return required({"id": tail if "ashbyhq.com/" in job["jobUrl"] and tail else None}, "id")


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
    if isinstance(data, list) and data and isinstance(data[0], dict):
        first = data[0]
        if _is_lever_group(first):  # fetched with group=: the groups' first posting says it
            first = next(
                (j for g in data if _is_lever_group(g) for j in g["postings"] if isinstance(j, dict)), {}
            )
        if "hostedUrl" in first or "categories" in first:
            return "lever"
    return None
