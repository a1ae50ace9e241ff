"""`rolemap jd new`: a job description from a role spec, in the seed template's sections and order, with
requirements that fit the level and a salary band from the spec or, failing that, from the market
(jd/market_band.py: the spec's country, in its currency, never mixed with another's).

Every sentence that states a fact (title, level, role, work model and where it reaches, places, employment
type, pay, stack) is written from the spec; defaults fill only what the spec leaves out, and a default duty
that says what one of the spec's duties already says (jd/duties.py) is left out."""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from typing import Any

from rolemap.jd.duties import meaning, same_duty
from rolemap.jd.market_band import MIN_POSTINGS_FOR_BAND, Band, propose_band
from rolemap.jd.messages import join_names
from rolemap.jd.roles import role_noun, with_article
from rolemap.jd.spec import RoleSpec, Salary, template

__all__ = ["MIN_POSTINGS_FOR_BAND", "Band", "JobDescription", "build", "propose_band"]
_EMPLOYMENT = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "internship": "INTERN",
    "temporary": "TEMPORARY",
}
_EMPLOYMENT_WORDS = {
    "full_time": "full-time role",
    "part_time": "part-time role",
    "contract": "contract role",
    "internship": "internship",
    "temporary": "temporary role",
}
_LEVEL_WORDS = {"intern": "", "junior": "junior", "mid": "mid-level", "senior": "senior", "staff": "staff"}
DEFAULT_REMOTE_COUNTRIES = ("US",)


@dataclass(frozen=True)
class JobDescription:
    spec: RoleSpec
    sections: list[
        tuple[str, list[str], list[str], list[str]]
    ]  # heading, paragraphs, bullets, closing paragraphs
    band: Band
    notes: list[str] = field(default_factory=list)


def spec_family(spec: RoleSpec) -> str:
    """The role family of the spec's title, as the extractor reads a posting's title (a "Software Engineer"
    is judged by its language and stack: backend for Go and PostgreSQL)."""
    from rolemap.extract.role_family import family_of
    from rolemap.extract.taxonomy import load_taxonomy, resolve_skill

    taxonomy = load_taxonomy()
    named = [resolve_skill(s) for s in [spec.language, *spec.stack]]
    skills = frozenset(e.id for e in named if e is not None)
    return family_of(spec.title, skills, {sid: e.category for sid, e in taxonomy.items()})


def build(spec: RoleSpec, band: Band) -> JobDescription:
    t = template()
    level = t["levels"][spec.level]
    overview = [
        f"We are looking for {with_article(role_phrase(spec))} to join {spec.company}. "
        + (spec.overview or f"You will build and run {t['system_words'][spec.system_type]['work']}.")
        + (f" Our stack: {', '.join(spec.stack)}." if spec.stack else f" You will write {spec.language}."),
        work_sentence(spec),
    ]
    if band.salary:
        overview.append(f"Pay: {money_range(band.salary)} base.")
    duties, repeated = responsibilities_and_repeats(spec)
    sections = [
        ("About the company", [spec.about or f"{spec.company} is hiring."], [], []),
        ("Role overview", overview, [], []),
        ("Key responsibilities", [], duties, []),
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
            _pay_lines(band, spec),
            spec.benefits,
            [
                spec.how_to_apply or "To apply, send your CV and a short note about a system you built.",
                t["equal_opportunity"],
            ],
        ),
    ]
    notes = [] if band.salary else [f"no salary band: {band.note}"]
    if not spec.benefits:
        notes.append(
            "the spec lists no benefits: Colorado, Washington, Illinois, Minnesota, Maryland and New Jersey "
            "require a general description of them in the posting; add 'benefits: [...]' to the spec"
        )
    notes += [f"the spec's responsibilities {a} and {b} say the same thing ({why})" for a, b, why in repeated]
    if len(spec.responsibilities) > 10:
        notes.append(
            f"the spec lists {len(spec.responsibilities)} responsibilities; the JD keeps the first 10"
        )
    return JobDescription(spec, sections, band, notes)


def role_phrase(spec: RoleSpec) -> str:
    """ "senior platform engineer": the spec's level, then the role its title names."""
    role = role_noun(spec.title, (spec.language, *spec.stack))
    level = _LEVEL_WORDS.get(spec.level, "")
    return f"{level} {role}".strip() if level and level not in role.lower().split() else role


def work_sentence(spec: RoleSpec) -> str:
    """Where the work is done, and for a remote role, who it is open to (the same countries as the JSON-LD's
    applicantLocationRequirements)."""
    kind = _EMPLOYMENT_WORDS[spec.employment_type]
    places = join_names(spec.locations, limit=len(spec.locations))
    if spec.work_model == "remote":
        countries = join_names([country_name(c) for c in remote_countries(spec)], limit=99)
        offices = f" Our offices: {places}." if spec.locations else ""
        return f"This is a remote {kind}, open to people who live in {countries}.{offices}"
    if spec.work_model == "hybrid":
        office = f"our office in {places}" if places else "our office"
        return f"This is a hybrid {kind}: part of the week in {office}, the rest from home."
    return f"This is an on-site {kind} in {places}." if places else f"This is an on-site {kind}."


def remote_countries(spec: RoleSpec) -> list[str]:
    return list(spec.remote_countries or DEFAULT_REMOTE_COUNTRIES)


def country_name(code: str) -> str:
    return str(template()["countries"].get(code.upper(), code))


def place_line(spec: RoleSpec) -> str:
    """The line under the title: "Acme · Remote (United States)", "Acme · Berlin, Germany (hybrid)"."""
    places = "; ".join(spec.locations)
    if spec.work_model == "remote":
        names = [country_name(c).removeprefix("the ") for c in remote_countries(spec)]
        return f"Remote ({join_names(names, limit=99)})"
    if spec.work_model == "hybrid":
        return f"{places} (hybrid)" if places else "Hybrid"
    return places or "On-site"


def responsibilities(spec: RoleSpec) -> list[str]:
    return responsibilities_and_repeats(spec)[0]


def responsibilities_and_repeats(spec: RoleSpec) -> tuple[list[str], list[tuple[int, int, str]]]:
    """The spec's own duties, then the template's defaults for the level, system type and common work —
    each default only when it says something none of the chosen ones says — 8 to 10 in all. Also the pairs
    of the spec's own duties that say the same thing (1-based), for a note."""
    t = template()
    defaults = t["responsibilities"]
    fill = {
        "language": spec.language,
        "datastore": next(
            (s for s in spec.stack if "sql" in s.lower() or "mongo" in s.lower()), "the database"
        ),
        **t["system_words"][spec.system_type],
    }
    pool = list(spec.responsibilities)
    meanings = [meaning(d) for d in pool]
    repeated = [
        (i + 1, j + 1, why)
        for i in range(len(meanings))
        for j in range(i + 1, len(meanings))
        if (why := same_duty(meanings[i], meanings[j]))
    ]
    extra = [*defaults.get(spec.level, []), *defaults[spec.system_type], *defaults["common"]]
    for line in (e.format(**fill) for e in extra):
        if len(pool) >= 8:
            break
        m = meaning(line)
        if not any(same_duty(m, chosen) for chosen in meanings):
            pool.append(line)
            meanings.append(m)
    return pool[:10], repeated


def requirements(spec: RoleSpec, level: dict[str, Any]) -> list[str]:
    out = []
    if level["years"]:
        out.append(f"{level['years']}+ years of professional software development experience")
    out.append(f"Professional experience writing {spec.language}")
    out.extend(f"Experience with {s}" for s in spec.must_have if s.lower() != spec.language.lower())
    out.extend(level["extra"])
    return out[:10]


def _pay_lines(band: Band, spec: RoleSpec) -> list[str]:
    if not band.salary:
        return []
    benefits = ", plus the benefits below" if spec.benefits else ""
    return [f"Salary: {money_range(band.salary)} base{benefits}."]


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
    lines = [f"# {jd.spec.title}", "", f"{jd.spec.company} · {place_line(jd.spec)}", ""]
    for heading, paragraphs, bullets, closing in jd.sections:
        lines += [f"## {heading}", ""]
        for p in paragraphs:
            lines += [p, ""]
        if bullets:
            lines += [f"- {b}" for b in bullets] + [""]
        for p in closing:
            lines += [p, ""]
    return "\n".join(lines)


def to_html_body(jd: JobDescription) -> str:
    """The JD as HTML elements, without the JSON-LD: what the JSON-LD's description holds."""
    e = html.escape
    parts = [f"<h1>{e(jd.spec.title)}</h1>", f"<p>{e(jd.spec.company)} · {e(place_line(jd.spec))}</p>"]
    for heading, paragraphs, bullets, closing in jd.sections:
        parts.append(f"<h2>{e(heading)}</h2>")
        parts.extend(f"<p>{e(p)}</p>" for p in paragraphs)
        if bullets:
            parts.append("<ul>" + "".join(f"<li>{e(b)}</li>" for b in bullets) + "</ul>")
        parts.extend(f"<p>{e(p)}</p>" for p in closing)
    return "\n".join(parts)


def to_html(jd: JobDescription, fragment: bool = False) -> str:
    """A complete page (or, with `fragment`, an <article> to paste into one), carrying the JobPosting
    JSON-LD in a <script type="application/ld+json"> block, so the page a team publishes is the one search
    engines read."""
    article = f"<article>\n{to_html_body(jd)}\n</article>"
    script = f'<script type="application/ld+json">\n{json_ld_for_script(to_json_ld(jd))}\n</script>'
    if fragment:
        return f"{script}\n{article}"
    e = html.escape
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(jd.spec.title)} · {e(jd.spec.company)}</title>",
            script,
            "</head>",
            "<body>",
            "<main>",
            article,
            "</main>",
            "</body>",
            "</html>",
        ]
    )


def json_ld_for_script(doc: dict[str, Any]) -> str:
    """JSON that is safe inside <script>: "<", ">" and "&" written as JSON escapes, so no text in the spec
    can close the block ("</script>") or open a comment; JSON readers get the same characters back."""
    text = json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def to_json_ld(jd: JobDescription) -> dict[str, Any]:
    """schema.org JobPosting with the properties Google's job search requires and recommends."""
    s = jd.spec
    doc: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": s.title,
        "description": to_html_body(jd),
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
        doc["applicantLocationRequirements"] = [{"@type": "Country", "name": c} for c in remote_countries(s)]
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
    """ "City, Region, Country" or "City, Country" (as the spec documents) → a schema.org Place. A US-style
    "City, ST" (no country) takes its country from the place reader that `jd lint` and the band use:
    "Denver, CO" is addressRegion CO in addressCountry US, not Colombia."""
    from rolemap.extract.gazetteer import gazetteer
    from rolemap.jd.jurisdictions import places_in

    g = gazetteer()
    parts = [p.strip() for p in location.split(",") if p.strip()] or [location]
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": parts[0]}
    if len(parts) == 2 and g.country(parts[-1]) is None and (region := g.region(parts[-1])):
        read = [p.country for p in places_in(location)]
        if region[0] in read:
            address["addressRegion"] = parts[-1]
            address["addressCountry"] = region[0]
            return {"@type": "Place", "address": address}
    if len(parts) >= 2:
        address["addressCountry"] = parts[-1]
    if len(parts) >= 3:
        address["addressRegion"] = parts[1]
    return {"@type": "Place", "address": address}


def to_json_ld_text(jd: JobDescription) -> str:
    return json.dumps(to_json_ld(jd), indent=1, ensure_ascii=False, allow_nan=False)
