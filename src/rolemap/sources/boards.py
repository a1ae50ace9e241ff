"""The public job-board APIs that companies expose: Greenhouse, Lever and Ashby.

Each `*_postings` function turns one API answer (already parsed JSON) into postings; the shapes are the
providers' documented ones (see tests/fixtures/boards/). A job missing its id is reported and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from rolemap.errors import InputError, PostingError
from rolemap.models import Posting

PostingOrError = Posting | PostingError


def greenhouse_postings(data: Any, board: str) -> Iterator[PostingOrError]:
    jobs = _job_list(data, "jobs", f"greenhouse:{board}")
    for job in jobs:
        yield _safe(job, f"greenhouse:{board}", lambda j: _greenhouse_job(j, board))


def _greenhouse_job(job: dict[str, Any], board: str) -> Posting:
    fields: dict[str, Any] = {}
    if job.get("departments"):
        fields["department"] = ", ".join(d.get("name", "") for d in job["departments"] if isinstance(d, dict))
    for meta in job.get("metadata") or []:
        if isinstance(meta, dict) and meta.get("name") and meta.get("value") not in (None, ""):
            fields.setdefault("metadata", {})[meta["name"]] = meta["value"]
    return Posting(
        id=f"greenhouse-{board}-{_required(job, 'id')}",
        title=str(job.get("title") or ""),
        description=str(job.get("content") or ""),
        company=job.get("company_name") or board,
        location=(job.get("location") or {}).get("name") if isinstance(job.get("location"), dict) else None,
        url=job.get("absolute_url"),
        posted_at=job.get("first_published") or job.get("updated_at"),
        source="greenhouse",
        board=f"greenhouse:{board}",
        source_fields=fields,
    )


def lever_postings(data: Any, company: str) -> Iterator[PostingOrError]:
    if not isinstance(data, list):
        raise InputError(f"lever:{company}: expected a JSON list of postings, got {type(data).__name__}")
    for job in data:
        yield _safe(job, f"lever:{company}", lambda j: _lever_job(j, company))


def _lever_job(job: dict[str, Any], company: str) -> Posting:
    cats = job.get("categories") or {}
    parts = [job.get("description") or job.get("descriptionPlain") or ""]
    for block in job.get("lists") or []:
        if isinstance(block, dict):
            parts.append(f"<h3>{block.get('text', '')}</h3><ul>{block.get('content', '')}</ul>")
    parts.append(job.get("additional") or "")
    fields: dict[str, Any] = {}
    if cats.get("commitment"):
        fields["employment_type"] = cats["commitment"]
    if cats.get("team"):
        fields["department"] = cats["team"]
    if job.get("workplaceType"):
        fields["workplace_type"] = job["workplaceType"]
        fields["remote"] = job["workplaceType"] == "remote"
    salary = job.get("salaryRange")
    if isinstance(salary, dict) and salary.get("min") is not None:
        fields["salary"] = {
            "min": salary.get("min"),
            "max": salary.get("max"),
            "currency": salary.get("currency"),
            "period": _lever_period(salary.get("interval")),
        }
    created = job.get("createdAt")
    return Posting(
        id=f"lever-{company}-{_required(job, 'id')}",
        title=str(job.get("text") or ""),
        description="".join(parts),
        company=company,
        location=cats.get("location"),
        url=job.get("hostedUrl"),
        posted_at=datetime.fromtimestamp(created / 1000, UTC).date().isoformat()
        if isinstance(created, int)
        else None,
        source="lever",
        board=f"lever:{company}",
        source_fields=fields,
    )


def _lever_period(interval: Any) -> str | None:
    mapping = {
        "per-year-salary": "year",
        "per-month-salary": "month",
        "per-week-salary": "week",
        "per-day-salary": "day",
        "per-hour-wage": "hour",
    }
    return mapping.get(str(interval)) if interval else None


def ashby_postings(data: Any, board: str) -> Iterator[PostingOrError]:
    jobs = _job_list(data, "jobs", f"ashby:{board}")
    for job in jobs:
        yield _safe(job, f"ashby:{board}", lambda j: _ashby_job(j, board))


def _ashby_job(job: dict[str, Any], board: str) -> Posting:
    fields: dict[str, Any] = {}
    if job.get("employmentType"):
        fields["employment_type"] = job["employmentType"]
    if "isRemote" in job:
        fields["remote"] = bool(job["isRemote"])
    if job.get("department"):
        fields["department"] = job["department"]
    salary = _ashby_salary(job.get("compensation"))
    if salary:
        fields["salary"] = salary
    return Posting(
        id=f"ashby-{board}-{_required(job, 'id')}",
        title=str(job.get("title") or ""),
        description=str(job.get("descriptionHtml") or job.get("descriptionPlain") or ""),
        company=board,
        location=job.get("location"),
        url=job.get("jobUrl"),
        posted_at=job.get("publishedAt"),
        source="ashby",
        board=f"ashby:{board}",
        source_fields=fields,
    )


def _ashby_salary(comp: Any) -> dict[str, Any] | None:
    if not isinstance(comp, dict):
        return None
    for tier in comp.get("summaryComponents") or []:
        if isinstance(tier, dict) and tier.get("compensationType") == "Salary":
            period = {
                "1 YEAR": "year",
                "1 MONTH": "month",
                "1 HOUR": "hour",
                "1 WEEK": "week",
                "1 DAY": "day",
            }
            return {
                "min": tier.get("minValue"),
                "max": tier.get("maxValue"),
                "currency": tier.get("currencyCode"),
                "period": period.get(str(tier.get("interval"))),
            }
    return None


def _job_list(data: Any, key: str, where: str) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise InputError(
            f"{where}: expected a JSON object with a {key!r} list; this is not that board's format"
        )
    return data[key]


def _required(job: dict[str, Any], key: str) -> str:
    value = job.get(key)
    if value in (None, ""):
        raise ValueError(f"has no {key!r}")
    return re.sub(r"[^A-Za-z0-9_.-]", "_", str(value))


def _safe(job: Any, where: str, build: Callable[[dict[str, Any]], Posting]) -> PostingOrError:
    if not isinstance(job, dict):
        return PostingError(where, f"a job is a {type(job).__name__}, not an object")
    try:
        return build(job)
    except (ValueError, TypeError, AttributeError, KeyError) as e:
        return PostingError(f"{where} job {job.get('id', '?')}", str(e))


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
    """Which provider's answer this parsed JSON is, from the fields only that provider uses."""
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
