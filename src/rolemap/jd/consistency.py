"""Rules that check a job description against itself, and against the JSON-LD on the same page:

- `duplicate-responsibility`: two duties that say the same thing (by meaning: jd/duties.py);
- `title-mismatch`: the body introduces the role as another kind or level than the title names
  ("Platform Engineer" … "we are looking for a backend engineer"), a senior title with junior duties, or a
  JSON-LD title that is not the page's;
- `work-model-conflict`: remote offered and refused; remote anywhere and limited to a country; the text and
  the JSON-LD disagreeing on remote work or on the countries it is open to;
- `pay-mismatch`: pay stated twice with different figures (an hourly rate that is not the yearly range, two
  ranges neither of which contains the other), or a JSON-LD baseSalary the text does not state.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from rolemap.extract.document import Document
from rolemap.extract.phrases import Hits
from rolemap.extract.salary import salary_candidates
from rolemap.jd.duties import meaning, same_duty
from rolemap.jd.findings import Finding, Section
from rolemap.jd.messages import join_names
from rolemap.jd.roles import LEVEL_RANK, families, introductions
from rolemap.models import Extraction, Span

RULES = {
    "duplicate-responsibility": "Two responsibilities that say the same thing",
    "title-mismatch": "The title and the body describe different roles",
    "work-model-conflict": "Statements about where the work is done contradict each other",
    "pay-mismatch": "Pay stated twice with different figures",
}
MAX_DUTIES = 60  # duties compared pairwise; a longer list is not a duty list
_HOURS = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}  # to a yearly figure
_PER = {"hour": "an hour", "day": "a day", "week": "a week", "month": "a month", "year": "a year"}
_SAME_PAY = 0.04  # two statements of pay within 4% are the same figure (2,000 vs 2,080 hours)
_QUALIFIED_AFTER = re.compile(
    r"^[\s,]*(?:(?:per|a|an|/)\s*\w+|hourly|annually|yearly)?[\s,.)]*(?:for|in|at)\b", re.I
)
_QUALIFIED_BEFORE = re.compile(
    r"\b(?:zones?|tiers?|levels?|bands?|grades?|locations?|regions?|areas?|metros?|markets?|cit(?:y|ies)|"
    r"states?|offices?|[lp]\d|ic\d|part[- ]time|full[- ]time|hiring range|full range)\b|\bin [A-Z]",
    re.I,
)
_RANGE_LABEL = re.compile(  # "Hiring range: …, full range: …": two ranges the text tells apart
    r"\b(?:hiring|full|starting|entry|lifespan|entire|overall|total|whole|maximum|minimum)\s+"
    r"(?:pay\s+|salary\s+|compensation\s+|base\s+)?(?:range|band|rate|salary|pay)\b"
    r"|\bcompensation range\b|\brange (?:for|of) this (?:position|role)\b",
    re.I,
)
_COUNTRY_CODES = {
    "us": "us", "usa": "us", "united states": "us", "united states of america": "us", "u.s.": "us",
    "ca": "canada", "can": "canada", "canada": "canada",
}  # fmt: skip


@dataclass(frozen=True)
class Page:
    """What the page's own JSON-LD JobPosting says, where the linted text came from an HTML page."""

    title: str | None
    remote: bool | None  # jobLocationType TELECOMMUTE; None when the JSON-LD does not say
    countries: tuple[str, ...]  # applicantLocationRequirements names
    salary: tuple[float, float, str] | None  # min, max, period


def page_json_ld(html: str) -> Page | None:
    """The first JobPosting in the page's JSON-LD, or None."""
    from selectolax.lexbor import LexborHTMLParser

    for block in LexborHTMLParser(html).css('script[type="application/ld+json"]'):
        try:
            data = json.loads(block.text(deep=True, strip=True))
        except json.JSONDecodeError:
            continue
        item = _job_posting(data)
        if item is not None:
            return _page(item)
    return None


def _job_posting(data: Any) -> dict[str, Any] | None:
    if isinstance(data, list):
        return next((found for d in data if (found := _job_posting(d)) is not None), None)
    if isinstance(data, dict):
        kind = data.get("@type")
        if kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind):
            return data
        if "@graph" in data:
            return _job_posting(data["@graph"])
    return None


def _page(item: dict[str, Any]) -> Page:
    location_type = item.get("jobLocationType")
    remote = None if location_type is None else "TELECOMMUTE" in str(location_type).upper()
    required = item.get("applicantLocationRequirements") or []
    required = required if isinstance(required, list) else [required]
    countries = tuple(str(r.get("name") if isinstance(r, dict) else r) for r in required if r)
    salary = None
    base = item.get("baseSalary")
    if isinstance(base, dict) and isinstance(base.get("value"), dict):
        value = base["value"]
        try:
            low = float(value.get("minValue", value.get("value")))
            high = float(value.get("maxValue", value.get("value")))
            salary = (low, high, str(value.get("unitText") or "YEAR").lower())
        except (TypeError, ValueError):
            salary = None
    title = item.get("title")
    return Page(str(title) if title else None, remote, countries, salary)


def remote_regions(hits: Hits, remote: bool) -> set[str]:
    """The places a remote role is said to be open to: "us", "canada", or "other" (a statement that names
    neither). Statements about people ("open to people who live in…") count only for a remote role."""
    regions = {label for label in hits.labels("remote_in")}
    if remote:
        named = {label for label in hits.labels("lives_in") if label != "other"}
        regions |= named
        others = [
            s
            for s in hits.spans("lives_in/other")
            if not any(n.start == s.start for label in named for n in hits.spans(f"lives_in/{label}"))
        ]
        if others:
            regions.add("other")
    return regions


def consistency_findings(
    text: str,
    doc: Document,
    hits: Hits,
    record: Extraction,
    sections: dict[str, Section],
    page: Page | None = None,
) -> list[Finding]:
    return [
        *_duplicate_duties(text, sections),
        *_title(text, doc, hits, record, page),
        *_work_model(doc, hits, record, page),
        *_pay_twice(text, doc, page),
    ]


def _duplicate_duties(text: str, sections: dict[str, Section]) -> list[Finding]:
    section = sections.get("responsibilities")
    if section is None:
        return []
    items = section.items(text)[:MAX_DUTIES]
    meanings = [meaning(item.text) for item in items]
    out: list[Finding] = []
    reported: set[int] = set()
    for j in range(len(items)):
        for i in range(j):
            if i in reported:
                continue
            why = same_duty(meanings[i], meanings[j])
            if why:
                reported.add(j)
                out.append(
                    Finding(
                        "duplicate-responsibility",
                        "warning",
                        items[j].start,
                        items[j].end,
                        f"'{_short(items[j].text)}' says what '{_short(items[i].text)}' already says ({why})",
                        "merge the two into one duty",
                    )
                )
                break
    return out


def _title(text: str, doc: Document, hits: Hits, record: Extraction, page: Page | None) -> list[Finding]:
    out: list[Finding] = []
    title_end = doc.title[1]
    title = doc.title_text
    named = families(re.sub(r"\([^)]*\)", " ", title))  # "(ML experience a plus)" is no role
    level = record.seniority if _level_from_title(doc, record) else None
    intros = introductions(text[title_end:])
    says_title_role = any(intro.families & named for intro in intros)  # "a devops and a backend engineer"
    for intro in intros:
        span = Span(intro.span.start + title_end, intro.span.end + title_end, intro.span.text)
        if named and intro.families and not says_title_role:
            out.append(
                Finding(
                    "title-mismatch",
                    "warning",
                    span.start,
                    span.end,
                    f"the title names a {join_names(sorted(named))} role, but the text says '{span.text}'",
                    "use the title's words for the role, or retitle it",
                )
            )
        if level in LEVEL_RANK and intro.level and abs(LEVEL_RANK[level] - LEVEL_RANK[intro.level]) >= 2:
            out.append(
                Finding(
                    "title-mismatch",
                    "warning",
                    span.start,
                    span.end,
                    f"the title says {level}, but the text says '{span.text}'",
                    "say one level throughout",
                )
            )
    if level in ("senior", "staff", "manager"):
        for span in hits.spans("junior_duties"):
            out.append(
                Finding(
                    "title-mismatch",
                    "warning",
                    span.start,
                    span.end,
                    f"a {level} title with a junior role's duty: '{span.text}'",
                    "retitle the role, or describe the duties of the level",
                )
            )
    if page and page.title and _norm(page.title) != _norm(title):
        out.append(
            Finding(
                "title-mismatch",
                "warning",
                doc.title[0],
                doc.title[1],
                f"the page's JSON-LD title '{page.title}' is not the title '{title.strip()}'",
                "give search engines the title the page shows",
            )
        )
    return out


def _level_from_title(doc: Document, record: Extraction) -> bool:
    evidence = record.evidence.get("seniority", ())
    return bool(evidence) and doc.in_title(evidence[0].start)


def _work_model(doc: Document, hits: Hits, record: Extraction, page: Page | None) -> list[Finding]:
    out: list[Finding] = []
    said = doc.hits  # the extraction's work-model phrases; `hits` holds the linter's own lists
    not_work = said.spans("work_model/not_work")
    refused = [s for s in said.spans("work_model/onsite_strong") if not _inside(s, not_work)]
    offered = [
        s for s in said.spans("work_model/remote") if not _inside(s, refused) and not _inside(s, not_work)
    ]
    hybrid = said.spans("work_model/hybrid")
    if offered and refused and not hybrid:
        first, second = sorted((offered[0], refused[0]), key=lambda s: s.start)
        out.append(
            _conflict(
                second, f"'{second.text}' contradicts '{first.text}'", "say once whether the role is remote"
            )
        )
    remote = record.work_model == "remote"
    anywhere = hits.spans("remote_anywhere")
    regions = remote_regions(hits, remote)
    if anywhere and regions:
        limit = next(
            s
            for label in sorted(regions)
            for s in (*hits.spans(f"remote_in/{label}"), *hits.spans(f"lives_in/{label}"))
        )
        first, second = sorted((anywhere[0], limit), key=lambda s: s.start)
        out.append(
            _conflict(
                second,
                f"'{second.text}' and '{first.text}' say different things about where the role is open",
                "name the countries the role is open to, once",
            )
        )
    if page is None:
        return out
    where = (offered or refused or hybrid or [Span(doc.title[0], doc.title[1], "")])[0]
    if page.remote and (refused or (hybrid and not offered)) and record.work_model != "remote":
        out.append(
            _conflict(
                where,
                "the page's JSON-LD says the job is remote (TELECOMMUTE), the text does not",
                "make them agree",
            )
        )
    if remote and not page.remote:
        out.append(
            _conflict(
                where,
                "the text says the job is remote, but the page's JSON-LD has no jobLocationType TELECOMMUTE: "
                "search engines list it as on-site",
                'add "jobLocationType": "TELECOMMUTE" and applicantLocationRequirements',
            )
        )
    if page.remote and page.countries:
        ld = {_COUNTRY_CODES.get(c.lower(), c.lower()) for c in page.countries}
        names = join_names(list(page.countries))
        if anywhere:
            out.append(
                _conflict(
                    anywhere[0],
                    f"'{anywhere[0].text}', but the page's JSON-LD limits applicants to {names}",
                    "name the same countries in the text",
                )
            )
        named = regions - {"other"}
        if named and not named <= ld:
            out.append(
                _conflict(
                    where,
                    f"the text opens the role to {join_names(sorted(named - ld))}, the page's JSON-LD to {names}",
                    "name the same countries in the text and in applicantLocationRequirements",
                )
            )
    return out


def _conflict(span: Span, message: str, fix: str) -> Finding:
    return Finding("work-model-conflict", "warning", span.start, span.end, message, fix)


def _inside(span: Span, others: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end for o in others)


@dataclass(frozen=True)
class _Pay:
    low: float
    high: float
    period: str
    span: Span

    def yearly(self) -> tuple[float, float]:
        factor = _HOURS.get(self.period, 1)
        return self.low * factor, self.high * factor


def _pay_twice(text: str, doc: Document, page: Page | None) -> list[Finding]:
    stated = [
        _Pay(c.min, c.max, c.period, c.span)
        for c in salary_candidates(doc)
        if c.min is not None and c.max is not None and c.min < c.max and c.score >= 3
    ]
    plain = [p for p in stated if not _qualified(text, p.span)]
    out: list[Finding] = []
    for j in range(1, len(plain)):
        a, b = plain[0], plain[j]
        if _agree(text, a, b):
            continue
        out.append(
            Finding(
                "pay-mismatch",
                "warning",
                b.span.start,
                b.span.end,
                f"pay is stated as {a.span.text} {_PER[a.period]} and as {b.span.text} {_PER[b.period]}, which do not agree"
                + (
                    f" (full time, {b.span.text} {_PER[b.period]} is {_yearly_text(b)} a year)"
                    if a.period != b.period
                    else ""
                ),
                "state the pay once, or say which range applies to what",
            )
        )
        break
    if page and page.salary and stated:
        low, high, period = page.salary
        ld = _Pay(low, high, period if period in _HOURS else "year", Span(0, 0, ""))
        if not any(_same(ld.yearly(), p.yearly()) for p in stated):
            out.append(
                Finding(
                    "pay-mismatch",
                    "warning",
                    stated[0].span.start,
                    stated[0].span.end,
                    f"the page's JSON-LD baseSalary ({low:,.0f}–{high:,.0f} {_PER[ld.period]}) is not the pay the text states ({stated[0].span.text})",
                    "give search engines the range the page shows",
                )
            )
    return out


def _agree(text: str, a: _Pay, b: _Pay) -> bool:
    """The same pay in two periods (an hourly rate of 2,080 hours a year), or in one period the same range,
    or one inside the other where the text says which is which ("Hiring range: …, full range: …")."""
    if _same(a.yearly(), b.yearly()):
        return True
    nested = _contains(a.yearly(), b.yearly()) or _contains(b.yearly(), a.yearly())
    labelled = any(_RANGE_LABEL.search(text[max(0, p.span.start - 60) : p.span.start]) for p in (a, b))
    return a.period == b.period and nested and labelled


def _yearly_text(p: _Pay) -> str:
    low, high = p.yearly()
    return f"{low:,.0f}–{high:,.0f}"  # no currency sign: the figures are only compared


def _qualified(text: str, span: Span) -> bool:
    """A range said to be for a place, level or kind of work ("$42,000 a year for Center", "Zone B:
    $120k–$150k"), one of several that do not contradict each other."""
    line_start = text.rfind("\n", 0, span.start) + 1
    before = text[max(line_start, span.start - 40) : span.start]
    return bool(_QUALIFIED_AFTER.match(text[span.end : span.end + 40]) or _QUALIFIED_BEFORE.search(before))


def _same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return all(abs(x - y) <= _SAME_PAY * max(x, y) for x, y in zip(a, b, strict=True))


def _contains(outer: tuple[float, float], inner: tuple[float, float]) -> bool:
    return outer[0] * (1 - _SAME_PAY) <= inner[0] and inner[1] <= outer[1] * (1 + _SAME_PAY)


def _norm(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.lower()))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
