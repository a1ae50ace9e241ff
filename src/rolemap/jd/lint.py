"""`rolemap jd lint`: check a job description against the seed template, pay-transparency laws and the
job-ad wording research, and against itself (jd/consistency.py: duplicated duties, a title the body
contradicts, work-model and pay statements that disagree, with each other or with the page's JSON-LD). Each
finding has a rule id, a severity, the span it is about, a message and, where there is one, a fix. Word lists
and law tables are data (jd/data/)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Any

from rolemap.agreement import counted
from rolemap.extract.document import Document
from rolemap.extract.engine import MAX_TEXT_CHARS, extract_document
from rolemap.extract.phrases import PhraseBook
from rolemap.extract.salary import salary_candidates
from rolemap.jd.consistency import RULES as CONSISTENCY_RULES
from rolemap.jd.consistency import Page, consistency_findings, page_json_ld, remote_regions
from rolemap.jd.findings import SEVERITIES, Finding, Section
from rolemap.jd.messages import law_message
from rolemap.jd.roles import with_article
from rolemap.jd.spec import template
from rolemap.jd.style import STOPWORDS, flesch_reading_ease, style_findings
from rolemap.jd.words import action_verb
from rolemap.models import Span

__all__ = ["RULES", "SEVERITIES", "Finding", "Section", "flesch_reading_ease", "lint_document", "lint_text"]

RULES = {
    "missing-section": "A section of the template is missing",
    "responsibility-count": "Key responsibilities should number 8 to 10",
    "responsibility-verb": "A responsibility should start with an action verb",
    "pay-range": "No salary range for the role",
    "vague-pay": "Vague pay words instead of a range",
    "open-ended-pay": "Pay given as 'up to' or 'from' only",
    "misleading-range": "A salary range too wide or mixed to inform",
    "level-years": "The title's level and the years asked disagree",
    "level-scope": "The title's level and the responsibilities disagree",
    "too-many-requirements": "More hard requirements than most candidates will read as reachable",
    "duplicate-requirement": "The same requirement twice",
    "gender-coded": "Gender-coded wording",
    "exclusionary": "Exclusionary or off-putting wording",
    "keyword-stuffing": "A phrase repeated like an SEO keyword",
    "readability": "Hard to read",
    "length": "Length outside the band that performs well",
    "no-eeo": "No equal-opportunity statement",
    "no-apply": "No clear way to apply",
    **CONSISTENCY_RULES,
}
MAX_REQUIREMENTS = (
    10  # research (facts.md 2.5): requirements are read as hard gates; label the rest nice-to-have
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@cache
def _data(name: str) -> Any:
    return json.loads(resources.files("rolemap.jd").joinpath(f"data/{name}").read_text(encoding="utf-8"))


@cache
def _book() -> PhraseBook:
    wording, laws = _data("wording.json"), _data("pay_transparency.json")
    lists: dict[str, list[str]] = {
        "masculine": [s + "*" for s in wording["masculine"]],
        "feminine": [s + "*" for s in wording["feminine"]],
        "not_coded": wording["not_coded"],
        "eeo": wording["eeo"],
        "apply": wording["apply"],
        "vague_pay": wording["vague_pay"],
        "leadership": wording["leadership"],
        "remote_anywhere": wording["remote_anywhere"],
        "junior_duties": wording["junior_duties"],
        **{f"lives_in/{k}": v for k, v in laws["lives_in"].items() if not k.startswith("_")},
        **{f"exclusionary/{i}": e["phrases"] for i, e in enumerate(wording["exclusionary"])},
        **{f"law/{j['id']}": j["aliases"] for j in laws["jurisdictions"]},
        **{f"remote_in/{k}": v for k, v in laws["remote_in"].items() if not k.startswith("_")},
    }
    for section in template()["sections"]:
        lists[f"section/{section['id']}"] = section["names"]
    return PhraseBook(lists)


def lint_document(
    raw: str, today: dt.date | None = None, html: bool | None = None
) -> tuple[str, list[Finding]]:
    """Lint a JD as written: Markdown or text as it is, HTML as its rendered text (`html` None: told by
    its tags), checked also against the page's own JSON-LD. The findings point into the returned text."""
    from rolemap.text import looks_like_html, plain_text

    if html is None:
        html = looks_like_html(raw)
    if not html:
        return lint_text(raw, today)
    return lint_text(plain_text(raw), today, page_json_ld(raw))


def lint_text(
    raw_text: str, today: dt.date | None = None, page: Page | None = None
) -> tuple[str, list[Finding]]:
    """The plain text the findings point into, and the findings, most severe first. `page` is what the
    page's JSON-LD says, when the text came from an HTML page that has one."""
    text = raw_text if raw_text.strip() else "\n"
    doc = Document.read(text[:MAX_TEXT_CHARS])
    hits = _book().find(text)
    record = extract_document("jd", doc)
    sections = find_sections(text, hits)
    findings: list[Finding] = []
    for check in (_sections, _pay, _level, _requirements, _wording, style_findings, _closing):
        findings.extend(check(text, doc, hits, record, sections, today or dt.date.today()))
    findings.extend(consistency_findings(text, doc, hits, record, sections, page))
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.start, f.rule))
    return text, findings


def find_sections(text: str, hits: Any) -> dict[str, Section]:
    """Heading lines: short lines that are mostly a section name ("Key Responsibilities", "## Requirements:")."""
    found: list[tuple[int, str, Span]] = []
    for section in template()["sections"]:
        for span in hits.spans(f"section/{section['id']}"):
            line_start = text.rfind("\n", 0, span.start) + 1
            line_end = text.find("\n", span.end)
            line_end = len(text) if line_end == -1 else line_end
            line = text[line_start:line_end]
            body = line.strip(" #*_:-–—\t").strip()
            prefix = text[line_start : span.start].strip(" #*_-\t0123456789.)")
            if prefix or len(body.split()) > 7 or len(span.text) < 0.5 * len(body):
                continue
            found.append((line_start, section["id"], Span(line_start, line_end, line)))
    found.sort()
    sections: dict[str, Section] = {}
    for i, (_start, sid, span) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        if sid not in sections or (end - span.end) > (sections[sid].end - sections[sid].heading.end):
            sections[sid] = Section(sid, span, end)  # a section named twice: the longer body counts
    return sections


def _sections(
    text: str, doc: Any, hits: Any, record: Any, sections: dict[str, Section], today: dt.date
) -> list[Finding]:
    out: list[Finding] = []
    for section in template()["sections"]:
        if section["id"] not in sections:
            out.append(
                Finding(
                    "missing-section",
                    "warning",
                    0,
                    0,
                    f"no '{section['heading']}' section",
                    f"add a '{section['heading']}' heading and its content",
                )
            )
    resp = sections.get("responsibilities")
    if resp:
        items = resp.items(text)
        if not 8 <= len(items) <= 10:
            out.append(
                Finding(
                    "responsibility-count",
                    "warning",
                    resp.heading.start,
                    resp.heading.end,
                    f"{counted(len(items), 'responsibility', 'responsibilities')}; the template asks for 8 to 10",
                    "merge or split duties to 8–10 concrete ones",
                )
            )
        for item in items:
            first = _WORD.search(item.text)
            if first is None:
                continue
            ok, why = action_verb(first.group(0))
            if not ok:
                out.append(
                    Finding(
                        "responsibility-verb",
                        "info",
                        item.start,
                        item.end,
                        _VERB_MESSAGES[why].format(word=first.group(0)),
                        "start with a verb: 'Design…', 'Build…', 'Own…'",
                    )
                )
    return out


_VERB_MESSAGES = {
    "not a verb": "'{word}' is not a verb: start the duty with an action verb",
    "not an action": "'{word}' names no action: start the duty with an action verb",
    "past tense": "'{word}' is in the past tense: start the duty with the verb's plain form",
}


def _laws_reached(text: str, hits: Any, record: Any, today: dt.date) -> list[dict[str, Any]]:
    """The pay-transparency laws in force that this posting falls under, by its places and remote reach."""
    laws = _data("pay_transparency.json")["jurisdictions"]
    named = {j["id"] for j in laws if hits.spans(f"law/{j['id']}")}
    remote = record.work_model == "remote"
    regions = remote_regions(hits, remote)
    remote_us = "us" in regions or (remote and not regions)  # a remote posting that names no place: the US
    remote_ca = "canada" in regions
    out: list[dict[str, Any]] = []
    for j in laws:
        if dt.date.fromisoformat(j["effective"]) > today:
            continue
        reached_remotely = j["remote"] == "yes" and (
            (remote_us and j["id"].startswith("US")) or (remote_ca and j["id"].startswith("CA"))
        )
        if j["id"] in named or reached_remotely:
            out.append(j)
    return out


@dataclass(frozen=True)
class _Range:
    low: float
    high: float
    period: str
    span: Span

    @property
    def ratio(self) -> float:
        return self.high / self.low if self.low else float("inf")


def _pay(
    text: str, doc: Any, hits: Any, record: Any, sections: dict[str, Section], today: dt.date
) -> list[Finding]:
    laws = _laws_reached(text, hits, record, today)
    law_names = [j["name"] for j in laws]
    severity = "error" if laws else "warning"
    why = f" ({law_message('pay-range', law_names)})" if laws else ""
    candidates = salary_candidates(doc, check_plausible=False)
    ranges = [
        _Range(c.min, c.max, c.period, c.span)
        for c in candidates
        if c.min is not None and c.max is not None and c.min < c.max
    ]
    plausible = [r for r in ranges if r.ratio < 3 and r.low >= _floor(r.period)]
    out: list[Finding] = []
    if not plausible:
        out.append(
            Finding(
                "pay-range",
                severity,
                0,
                0,
                "no salary range for this role" + why,
                "state the base pay as a range: '$140,000–$170,000 a year'",
            )
        )
    for span in hits.spans("vague_pay"):
        out.append(
            Finding(
                "vague-pay",
                "warning" if plausible else severity,
                span.start,
                span.end,
                f"'{span.text}' says nothing about pay" + why,
                "replace with the range",
            )
        )
    for r in ranges:
        if r.ratio >= 3 or r.low < _floor(r.period):
            message = f"the range {r.span.text} spans {r.ratio:,.0f}× from bottom to top: it tells a candidate nothing about this role"
            out.append(
                Finding(
                    "misleading-range",
                    "error" if laws else "warning",
                    r.span.start,
                    r.span.end,
                    message,
                    "give the band for this role and level",
                )
            )
    periods = {c.period for c in candidates if c.score >= 3}
    if len(periods) > 1:
        out.append(
            Finding(
                "misleading-range",
                "warning",
                0,
                0,
                f"pay is stated in several periods ({', '.join(sorted(periods))}): say which applies",
                "one range, one period",
            )
        )
    strict = [j["name"] for j in laws if j.get("open_ended_forbidden")]
    for c in candidates:
        if _open_ended(text, c.min, c.max, c.span):
            note = f" ({law_message('open-ended-pay', strict)})" if strict else ""
            out.append(
                Finding(
                    "open-ended-pay",
                    "error" if strict else "warning",
                    c.span.start,
                    c.span.end,
                    f"'{c.span.text}' is open-ended{note}",
                    "give both ends of the range",
                )
            )
    for j in laws:
        spread = j.get("max_spread")
        for r in plausible:
            if (
                spread
                and r.period == "year"
                and r.high - r.low > spread
                and r.high <= j.get("spread_exempt_above", 1e12)
            ):
                out.append(
                    Finding(
                        "misleading-range",
                        "error",
                        r.span.start,
                        r.span.end,
                        law_message("misleading-range", [j["name"]], spread=f"{spread:,}"),
                        "narrow the range",
                    )
                )
    return out


def _open_ended(text: str, low: float | None, high: float | None, span: Span) -> bool:
    """'up to $150k', 'from $120k', '$120k+': one end only."""
    if (low is None) != (high is None):
        return True
    around = text[max(0, span.start - 15) : span.end + 2]
    return (
        low is not None
        and low == high
        and bool(re.search(r"\b(?:up to|from|starting at)\b|\d\s*\+", around, re.I))
    )


def _floor(period: str) -> float:
    return {"hour": 7, "day": 50, "week": 250, "month": 1000, "year": 10000}.get(period, 0)


def _level(
    text: str, doc: Any, hits: Any, record: Any, sections: dict[str, Section], today: dt.date
) -> list[Finding]:
    out: list[Finding] = []
    level, years = record.seniority, (record.years_experience or {}).get("min")
    title = record.evidence.get("seniority", ())
    in_title = bool(title and title[0].start < (text.find("\n") if "\n" in text else len(text)))
    if not in_title or years is None:
        return out
    span = record.evidence.get("years_experience", (Span(0, 0, ""),))[0]
    wrong = (
        (level in ("intern", "junior") and years >= 4)
        or (level == "mid" and years >= 8)
        or (level in ("senior", "staff") and years <= 1)
    )
    if wrong:
        out.append(
            Finding(
                "level-years",
                "warning",
                span.start,
                span.end,
                f"{with_article(str(level))} title asks for {years}+ years",
                "match the years to the level (junior 0–2, mid 2–4, senior 5+, staff 8+)",
            )
        )
    if level in ("intern", "junior"):
        for lead in hits.spans("leadership"):
            out.append(
                Finding(
                    "level-scope",
                    "warning",
                    lead.start,
                    lead.end,
                    f"{with_article(str(level))} role that is asked to '{lead.text}'",
                    "move the duty to a senior role, or retitle the role",
                )
            )
    return out


def _requirements(
    text: str, doc: Any, hits: Any, record: Any, sections: dict[str, Section], today: dt.date
) -> list[Finding]:
    section = sections.get("requirements")
    if section is None:
        return []
    items = section.items(text)
    out: list[Finding] = []
    if len(items) > MAX_REQUIREMENTS:
        out.append(
            Finding(
                "too-many-requirements",
                "warning",
                section.heading.start,
                section.heading.end,
                f"{len(items)} requirements: each reads as a hard gate, and many qualified people stop at the first one they lack",
                f"keep at most {MAX_REQUIREMENTS} real must-haves and move the rest to nice-to-have",
            )
        )
    words = [_content_words(item.text) for item in items]
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            same_words = words[i] == words[j] or (
                len(words[i] & words[j]) >= 0.75 * len(words[i] | words[j])
                and SequenceMatcher(None, a.text.lower(), b.text.lower()).ratio() >= 0.85
            )  # "Experience with Spark" and "Experience with SQL" share letters, not a requirement
            if same_words:
                out.append(
                    Finding(
                        "duplicate-requirement",
                        "warning",
                        b.start,
                        b.end,
                        f"repeats '{a.text[:60]}'",
                        "drop one of them",
                    )
                )
    return out


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text) if w.lower() not in STOPWORDS)


def _wording(
    text: str, doc: Any, hits: Any, record: Any, sections: dict[str, Section], today: dt.date
) -> list[Finding]:
    out: list[Finding] = []
    exempt = hits.spans("not_coded")
    counts: Counter[str] = Counter()
    for gender in ("masculine", "feminine"):
        seen: set[int] = set()
        for span in hits.spans(gender):
            if span.start in seen or any(e.start <= span.start < e.end for e in exempt):
                continue
            seen.add(span.start)
            counts[gender] += 1
            context = text[max(0, span.start - 30) : span.end + 30].replace("\n", " ")
            out.append(
                Finding(
                    "gender-coded",
                    "info",
                    span.start,
                    span.end,
                    f"{gender}-coded word '{span.text}' (…{context}…)",
                )
            )
    score = counts["feminine"] - counts["masculine"]
    if counts:
        verdict = (
            "neutral"
            if score == 0
            else ("strongly " if abs(score) > 3 else "")
            + ("feminine" if score > 0 else "masculine")
            + "-coded"
        )
        severity = "warning" if verdict == "strongly masculine-coded" else "info"
        out.append(
            Finding(
                "gender-coded",
                severity,
                0,
                0,
                f"overall {verdict}: {counts['masculine']} masculine- and {counts['feminine']} feminine-coded words (Gaucher, Friesen & Kay 2011; a heuristic, its effect on who applies is debated)",
                "swap masculine-coded words for neutral ones ('lead' → 'guide', 'competitive' → 'strong')"
                if score < 0
                else "",
            )
        )
    for i, entry in enumerate(_data("wording.json")["exclusionary"]):
        for span in hits.spans(f"exclusionary/{i}"):
            out.append(
                Finding(
                    "exclusionary",
                    "warning",
                    span.start,
                    span.end,
                    f"'{span.text}': {entry['why']}",
                    entry["instead"],
                )
            )
    return out


def _closing(
    text: str, doc: Any, hits: Any, record: Any, sections: dict[str, Section], today: dt.date
) -> list[Finding]:
    out: list[Finding] = []
    if not hits.spans("eeo"):
        out.append(
            Finding(
                "no-eeo",
                "warning",
                0,
                0,
                "no equal-opportunity statement",
                "add one: 'We are an equal opportunity employer…'",
            )
        )
    has_link = re.search(r"https?://|\S+@\S+\.\w+|\[email\]", text)
    headings = [sec.heading for sec in sections.values()]
    said = [h for h in hits.spans("apply") if not any(g.start <= h.start < g.end for g in headings)]
    if not said and not has_link:
        out.append(
            Finding(
                "no-apply",
                "warning",
                0,
                0,
                "no way to apply is given",
                "say how: a link, an address, the steps",
            )
        )
    return out
