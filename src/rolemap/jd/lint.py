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
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Any

from rolemap.agreement import counted
from rolemap.extract.document import Document
from rolemap.extract.engine import MAX_TEXT_CHARS, extract_document
from rolemap.extract.phrases import PhraseBook
from rolemap.jd.consistency import RULES as CONSISTENCY_RULES
from rolemap.jd.consistency import Page, consistency_findings, page_json_ld
from rolemap.jd.findings import SEVERITIES, Finding, Section
from rolemap.jd.jurisdictions import law_table
from rolemap.jd.pay_checks import pay_findings
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
    "pay-range": "No salary range for the role (or a single figure where the law asks for a range)",
    "no-benefits": "No description of benefits where a pay-transparency law asks for one",
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
# the years of experience each level usually asks for (least, most; None: no top), as the rule's fix says.
# A posting is flagged only when the years it asks for fall wholly outside its level's band.
LEVEL_YEARS: dict[str, tuple[int, int | None]] = {
    "intern": (0, 1),
    "junior": (0, 2),
    "mid": (2, 4),
    "senior": (5, None),
    "staff": (8, None),
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@cache
def _data(name: str) -> Any:
    return json.loads(resources.files("rolemap.jd").joinpath(f"data/{name}").read_text(encoding="utf-8"))


@cache
def _book() -> PhraseBook:
    wording, laws = _data("wording.json"), law_table()
    lists: dict[str, list[str]] = {
        "masculine": [s + "*" for s in wording["masculine"]],
        "feminine": [s + "*" for s in wording["feminine"]],
        "not_coded": wording["not_coded"],
        "eeo": wording["eeo"],
        "apply": wording["apply"],
        "vague_pay": wording["vague_pay"],
        "benefits": wording["benefits"],
        "leadership": wording["leadership"],
        "remote_anywhere": wording["remote_anywhere"],
        "junior_duties": wording["junior_duties"],
        **{f"lives_in/{k}": v for k, v in laws["lives_in"].items() if not k.startswith("_")},
        **{f"exclusionary/{i}": e["phrases"] for i, e in enumerate(wording["exclusionary"])},
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
    for check in (_sections, pay_findings, _level, _requirements, _wording, style_findings, _closing):
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
    most = (record.years_experience or {}).get("max")
    band = LEVEL_YEARS.get(str(level))
    asked = (years, most if most is not None else years)  # "2+" asks for 2; "3-6" for 3 to 6
    if band and (asked[1] < band[0] or (band[1] is not None and asked[0] > band[1])):
        out.append(
            Finding(
                "level-years",
                "warning",
                span.start,
                span.end,
                f"{with_article(str(level))} title asks for {_years_asked(years, most)} years",
                "match the years to the level (intern 0–1, junior 0–2, mid 2–4, senior 5+, staff 8+)",
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


def _years_asked(least: int, most: int | None) -> str:
    return f"{least}–{most}" if most is not None and most != least else f"{least}+"


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
