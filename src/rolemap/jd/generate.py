"""`rolemap jd new`: a job description from a role spec, in the seed template's sections and order, with
requirements that fit the level and a salary band from the spec or, failing that, from the market."""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from typing import Any

from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.lane import Lane, select
from rolemap.analytics.market import MIN_CELL
from rolemap.analytics.pay import pay_scale, pay_stats
from rolemap.jd.spec import RoleSpec, Salary, template

MIN_POSTINGS_FOR_BAND = 10  # fewer market salaries than this: no band is proposed, the note says so
_EMPLOYMENT = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "internship": "INTERN",
    "temporary": "TEMPORARY",
}
_WORK = {"remote": "remote", "hybrid": "hybrid (part office, part home)", "onsite": "on-site"}
_LEVEL_WORDS = {
    "intern": "an intern",
    "junior": "a junior",
    "mid": "a mid-level",
    "senior": "a senior",
    "staff": "a staff-level",
    "manager": "an engineering manager as",
}


@dataclass(frozen=True)
class Band:
    salary: Salary | None
    note: str  # where the band comes from, or why there is none


@dataclass(frozen=True)
class JobDescription:
    spec: RoleSpec
    sections: list[
        tuple[str, list[str], list[str], list[str]]
    ]  # heading, paragraphs, bullets, closing paragraphs
    band: Band
    notes: list[str] = field(default_factory=list)


def propose_band(spec: RoleSpec, frame: MarketFrame | None) -> Band:
    """The spec's salary; else p25–p75 of the market for the same language and level (and location when
    that leaves enough postings); else a note saying the sample is too small."""
    if spec.salary:
        return Band(spec.salary, "from the role spec")
    if frame is None:
        return Band(None, "no salary in the spec and no market data (--db) to propose one")
    scale = pay_scale(frame, "USD")
    lanes = [Lane(language=(spec.language.lower(),), seniority=(spec.level,))]
    if spec.locations:
        lanes.insert(
            0,
            Lane(language=(spec.language.lower(),), seniority=(spec.level,), location=tuple(spec.locations)),
        )
    for lane in lanes:
        stats = pay_stats(scale, select(frame, lane))
        if stats.count >= max(MIN_POSTINGS_FOR_BAND, MIN_CELL) and stats.p25 and stats.p75:
            band = Salary(round(stats.p25, -3), round(stats.p75, -3), "USD", "year")
            return Band(band, f"p25–p75 of {stats.count} market salaries ({lane.describe()})")
    return Band(
        None,
        f"too few market salaries for {spec.language} {spec.level} roles to propose a band (fewer than {MIN_POSTINGS_FOR_BAND})",
    )


def build(spec: RoleSpec, band: Band) -> JobDescription:
    t = template()
    level = t["levels"][spec.level]
    stack = ", ".join(spec.stack) if spec.stack else spec.language
    where = ", ".join(spec.locations) if spec.locations else "anywhere we can employ you"
    overview = [
        f"We are looking for {_LEVEL_WORDS[spec.level]} backend engineer to join {spec.company}. "
        + (spec.overview or f"You will build and run {spec.system_type} systems in {spec.language}.")
        + f" Our stack: {stack}.",
        f"This is a {_WORK[spec.work_model]} {spec.employment_type.replace('_', '-')} role ({where}).",
    ]
    if band.salary:
        overview.append(f"Pay: {money_range(band.salary)} base.")
    sections = [
        ("About the company", [spec.about or f"{spec.company} is hiring."], [], []),
        ("Role overview", overview, [], []),
        ("Key responsibilities", [], responsibilities(spec), []),
        ("Requirements", [], requirements(spec, level), []),
        (
            "Nice-to-have skills",
            [],
            [f"Experience with {s}" for s in spec.nice_to_have]
            or ["Curiosity about the parts of the stack you have not used yet"],
            [],
        ),
        (
            "Benefits and how to apply",
            _pay_lines(band),
            spec.benefits,
            [
                spec.how_to_apply or "To apply, send your CV and a short note about a system you built.",
                t["equal_opportunity"],
            ],
        ),
    ]
    notes = [] if band.salary else [f"no salary band: {band.note}"]
    return JobDescription(spec, sections, band, notes)


def responsibilities(spec: RoleSpec) -> list[str]:
    """The spec's own, then the template's defaults for the system type, level and common work, 8 to 10."""
    defaults = template()["responsibilities"]
    fill = {
        "language": spec.language,
        "datastore": next(
            (s for s in spec.stack if "sql" in s.lower() or "mongo" in s.lower()), "the database"
        ),
    }
    pool = list(spec.responsibilities)
    extra = [*defaults.get(spec.level, []), *defaults[spec.system_type], *defaults["common"]]
    for line in (e.format(**fill) for e in extra):
        if len(pool) >= 8:
            break
        if line not in pool:
            pool.append(line)
    return pool[:10]


def requirements(spec: RoleSpec, level: dict[str, Any]) -> list[str]:
    out = []
    if level["years"]:
        out.append(f"{level['years']}+ years of professional software development experience")
    out.append(f"Professional experience writing {spec.language}")
    out.extend(f"Experience with {s}" for s in spec.must_have if s.lower() != spec.language.lower())
    out.extend(level["extra"])
    return out[:10]


def _pay_lines(band: Band) -> list[str]:
    return [f"Salary: {money_range(band.salary)} base, plus the benefits below."] if band.salary else []


def money_range(s: Salary) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(s.currency, "")
    unit = {"hour": "an hour", "day": "a day", "week": "a week", "month": "a month", "year": "a year"}[
        s.period
    ]

    def one(v: float) -> str:
        return f"{symbol}{v:,.0f}" if symbol else f"{v:,.0f}"

    code = "" if symbol else f" {s.currency}"
    return f"{one(s.min)}–{one(s.max)}{code} {unit}"


def to_markdown(jd: JobDescription) -> str:
    lines = [
        f"# {jd.spec.title}",
        "",
        f"{jd.spec.company} · {', '.join(jd.spec.locations) or jd.spec.work_model}",
        "",
    ]
    for heading, paragraphs, bullets, closing in jd.sections:
        lines += [f"## {heading}", ""]
        for p in paragraphs:
            lines += [p, ""]
        if bullets:
            lines += [f"- {b}" for b in bullets] + [""]
        for p in closing:
            lines += [p, ""]
    return "\n".join(lines)


def to_html(jd: JobDescription) -> str:
    e = html.escape
    parts = [f"<h1>{e(jd.spec.title)}</h1>", f"<p>{e(jd.spec.company)}</p>"]
    for heading, paragraphs, bullets, closing in jd.sections:
        parts.append(f"<h2>{e(heading)}</h2>")
        parts.extend(f"<p>{e(p)}</p>" for p in paragraphs)
        if bullets:
            parts.append("<ul>" + "".join(f"<li>{e(b)}</li>" for b in bullets) + "</ul>")
        parts.extend(f"<p>{e(p)}</p>" for p in closing)
    return "\n".join(parts)


def to_json_ld(jd: JobDescription) -> dict[str, Any]:
    """schema.org JobPosting with the properties Google's job search requires and recommends."""
    s = jd.spec
    doc: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": s.title,
        "description": to_html(jd),
        "datePosted": s.date_posted.isoformat(),
        "validThrough": (s.valid_through or s.date_posted + dt.timedelta(days=60)).isoformat(),
        "employmentType": _EMPLOYMENT[s.employment_type],
        "hiringOrganization": {
            "@type": "Organization",
            "name": s.company,
            **({"sameAs": s.website} if s.website else {}),
        },
        "directApply": False,
    }
    if s.work_model == "remote":
        doc["jobLocationType"] = "TELECOMMUTE"
        doc["applicantLocationRequirements"] = [
            {"@type": "Country", "name": c} for c in s.remote_countries or ["US"]
        ]
    if s.work_model != "remote" or s.locations:
        doc["jobLocation"] = [_place(loc) for loc in s.locations or ["Unknown"]]
    if jd.band.salary:
        b = jd.band.salary
        doc["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": b.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": b.min,
                "maxValue": b.max,
                "unitText": b.period.upper(),
            },
        }
    return doc


def _place(location: str) -> dict[str, Any]:
    """ "City, Region, Country" or "City, Country" (as the spec documents) → a schema.org Place."""
    parts = [p.strip() for p in location.split(",") if p.strip()] or [location]
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": parts[0]}
    if len(parts) >= 2:
        address["addressCountry"] = parts[-1]
    if len(parts) >= 3:
        address["addressRegion"] = parts[1]
    return {"@type": "Place", "address": address}


def to_json_ld_text(jd: JobDescription) -> str:
    return json.dumps(to_json_ld(jd), indent=1, ensure_ascii=False)
