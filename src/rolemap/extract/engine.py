"""extract_record: one posting in, the extraction record of ../shared/spec/extraction.md out."""

from __future__ import annotations

from functools import cache
from typing import Any

from rolemap.extract.document import Document
from rolemap.extract.employment import detect_employment_type
from rolemap.extract.salary import extract_salary
from rolemap.extract.seniority import detect_seniority
from rolemap.extract.signals import classify_system_types, detect_labels
from rolemap.extract.skills import pick_languages, pick_skills, tally_matches
from rolemap.extract.taxonomy import load_taxonomy
from rolemap.extract.work_model import detect_work_model
from rolemap.extract.years import extract_years
from rolemap.models import Extraction, Posting, Span
from rolemap.text import document_text

MAX_TEXT_CHARS = 1_000_000  # a description longer than this is cut: no real posting is, and rules stay fast


@cache
def _ecosystem() -> tuple[dict[str, str], dict[str, str | None]]:
    taxonomy = load_taxonomy()
    return {sid: e.category for sid, e in taxonomy.items()}, {sid: e.parent for sid, e in taxonomy.items()}


def extract_posting(posting: Posting) -> Extraction:
    return extract_text(posting.id, document_text(posting.title, posting.description))


def extract_text(posting_id: str, text: str) -> Extraction:
    """Every field from the document text (title + "\\n" + plain description)."""
    return extract_document(posting_id, Document.read(text[:MAX_TEXT_CHARS]))


def extract_document(posting_id: str, doc: Document) -> Extraction:
    """Every field from a document already read (the JD linter reads it once for its own rules too)."""
    categories, parents = _ecosystem()
    tallies = tally_matches(doc.skills, doc)
    skills, skill_spans = pick_skills(tallies, categories)
    languages, primary, language_spans = pick_languages(tallies, categories, parents)
    years, years_spans = extract_years(doc)
    seniority, seniority_spans = detect_seniority(doc, years, years_spans)
    work_model, work_spans = detect_work_model(doc)
    employment, employment_spans = detect_employment_type(doc)
    salary, salary_spans = extract_salary(doc)
    system_types, system_spans = classify_system_types(doc)
    evidence: dict[str, tuple[Span, ...]] = {
        "languages": tuple(language_spans),
        "primary_language": tuple(s for s in language_spans if primary and _names(s, primary, tallies))[:1],
        "seniority": seniority_spans,
        "system_types": system_spans,
        "work_model": work_spans,
        "employment_type": employment_spans,
        "years_experience": years_spans if years else (),
        "salary": salary_spans,
        "skills": tuple(skill_spans),
    }
    return Extraction(
        id=posting_id,
        languages=languages,
        primary_language=primary,
        seniority=seniority,
        system_types=system_types,
        work_model=work_model,
        employment_type=employment,
        years_experience=years,
        salary=salary,
        skills=skills,
        evidence={k: v for k, v in evidence.items() if v},
        domains=detect_labels("domains", doc),
        scope=detect_labels("scope", doc),
    )


def _names(span: Span, language: str, tallies: dict[str, Any]) -> bool:
    tally = tallies.get(language)
    return bool(tally and span in tally.spans)


def extract_record(row: dict[str, Any]) -> dict[str, Any]:
    """The contract's record for one input object (id, title, description)."""
    posting = Posting(
        id=str(row["id"]), title=str(row.get("title") or ""), description=str(row.get("description") or "")
    )
    return extract_posting(posting).as_dict()
