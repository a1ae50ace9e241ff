"""extract_record: one posting in, the extraction record of ../shared/spec/extraction.md out."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, partial
from typing import Any

from rolemap.extract.document import Document
from rolemap.extract.employment import detect_employment_type
from rolemap.extract.identity import locations_of, read_identity
from rolemap.extract.role_build import build_roles, role_key, role_name
from rolemap.extract.role_family import (
    DESCRIBED,
    across_the_stack,
    family_from_skills,
    server_side_topics,
    side_of_the_work,
    trade_text,
)
from rolemap.extract.role_lines import roles_in_labelled_lines, roles_in_text
from rolemap.extract.role_mentions import (
    engineers_of_no_kind,
    kind_asked,
    roles_in_lists,
    roles_in_openings,
    roles_in_sentences,
)
from rolemap.extract.roles import role_book, seniority_of, technologies_in, title_family
from rolemap.extract.salary import extract_salary
from rolemap.extract.seniority import detect_seniority
from rolemap.extract.signals import classify_system_types, detect_labels
from rolemap.extract.skills import (
    a_stack_not_a_name,
    nice_to_have_languages,
    pick_languages,
    pick_skills,
    pick_topics,
    server_runtimes,
    tally_matches,
    without_role_names,
    without_the_hirer,
)
from rolemap.extract.source_facts import FACTS_FROM, company_the_text_leaves_out
from rolemap.extract.taxonomy import load_taxonomy
from rolemap.extract.work_model import detect_work_model
from rolemap.extract.years import extract_years
from rolemap.models import Extraction, Posting, Role, Span
from rolemap.text import document_text

_IDENTITY_TAGS = (
    "identity/place_cue", "identity/remote", "identity/company_hiring", "identity/company_eeo",
    "identity/company_is_a", "identity/company_field", "identity/company_intro",
    "identity/company_about", "identity/company_legal",
)  # fmt: skip
# read_identity's names for them: "identity/company_hiring" → "hiring"
_IDENTITY_ANCHORS = tuple((tag.split("/", 1)[1].removeprefix("company_"), tag) for tag in _IDENTITY_TAGS)
MAX_TEXT_CHARS = 1_000_000  # a description longer than this is cut: no real posting is, and rules stay fast


@cache
def _ecosystem() -> tuple[dict[str, str], dict[str, str | None]]:
    taxonomy = load_taxonomy()
    return {sid: e.category for sid, e in taxonomy.items()}, {sid: e.parent for sid, e in taxonomy.items()}


def extract_posting(posting: Posting, text: str | None = None) -> Extraction:
    """The record from the posting's title and description (../shared/eval/LABELING.md), with the company
    its own field states where the text names none; a source's own company, place, salary and flags are
    written over the text's at ingestion (`extract.source_facts`). `text`: the posting's document text
    when the caller has it (text.document_text), so it is not made twice."""
    if text is None:
        text = document_text(posting.title, posting.description)
    extraction = extract_text(posting.id, text)
    return company_the_text_leaves_out(extraction, posting, text)


def extract_text(posting_id: str, text: str) -> Extraction:
    """Every field from the document text (title + "\\n" + plain description)."""
    return extract_document(posting_id, Document.read(text[:MAX_TEXT_CHARS]))


def extract_document(posting_id: str, doc: Document) -> Extraction:
    """Every field from a document already read (the JD linter reads it once for its own rules too)."""
    categories, parents = _ecosystem()
    tallies = tally_matches(doc.skills, doc)
    years, years_spans = extract_years(doc)
    seniority, seniority_spans = detect_seniority(doc, years, years_spans)
    work_model, work_spans = detect_work_model(doc)
    employment, employment_spans = detect_employment_type(doc)
    salary, salary_spans = extract_salary(doc)
    anchors = {name: doc.hits.spans(tag) for name, tag in _IDENTITY_ANCHORS}
    identity = read_identity(doc.text, anchors)
    # a language read only inside the hirer's name ("GoGuardian", "SwiftDemand") is the firm's, as a skill is
    hirer_free = without_the_hirer(tallies, doc.text, identity.company)
    topics, topic_spans = pick_topics(hirer_free, categories)  # "MaxCDN" names no CDN
    # unless that "hirer" is a header's stack misread ("Python/C"): asked only when the name took a match
    stack_read_as_hirer = len(hirer_free) < len(tallies) and a_stack_not_a_name(
        tallies, doc.text, identity.company
    )
    language_tallies = tallies if stack_read_as_hirer else hirer_free
    languages, primary, language_spans = pick_languages(language_tallies, categories, parents)
    locations, location_spans = locations_of(identity, doc.text, anchors)
    titles = (
        identity.titles
        if doc.text.startswith("\n")
        else ([(identity.title, identity.title_span)] if identity.title and identity.title_span else [])
    )
    own_title = not doc.text.startswith("\n") and bool(titles)  # the posting's own title: one role
    header_end = doc.text.find("\n", 1)
    prose = len(doc.text)  # where the hiring sentences of a post without a title of its own start
    if not titles or doc.text.startswith("\n"):  # a post without a title lists its roles in its text too
        nouns = doc.hits.spans("identity/role_noun")
        body = header_end if header_end > 0 else len(doc.text)
        titles += roles_in_text(doc.text, body, nouns) + roles_in_lists(doc.text, body)
        titles += roles_in_labelled_lines(doc.text, body, titles)
        # a header that names no role may say it in a sentence ("Acme | we're looking for an android developer");
        # only a post without a title has such a header, from offset 1 (its text opens with the empty title)
        # (a header that is a hiring sentence is read as one too: "Ultimate Software is hiring Software
        # Engineers (C#, Golang), Security Operations Center Engineers, Software Test Engineers")
        header = doc.text.startswith("\n") and (
            not titles or role_book().hiring_cue.search(doc.text, 1, body)
        )
        prose = 1 if header else body
        titles += roles_in_sentences(doc.text, prose, nouns, generic=not titles)
        titles += roles_in_openings(doc.text, prose, titles)
        # in the order the text names them, whichever reader found them
        titles.sort(key=lambda title: title[1].start)
    asked = without_role_names(hirer_free, titles)
    skills, skill_spans = pick_skills(asked, categories)
    runtimes = server_runtimes(asked, doc.text) if "javascript" in languages else frozenset()
    skill_ids = frozenset(s.id for s in skills) | frozenset(languages) | runtimes
    required_ids = frozenset(s.id for s in skills if s.required and s.asked) | frozenset(languages) | runtimes
    build = partial(
        build_roles,
        posting_level=seniority,
        skills=skill_ids,
        categories=categories,
        own_title=own_title,
        required=required_ids,
        trade=lambda: trade_text(doc.text, doc.title[1]),
    )
    roles = build(titles)
    # "IFTTT is looking for engineers to help build …", "We're after engineers … as well as account
    # managers": engineers of no kind are the software role of a post that names no other
    if (
        not own_title
        and all(role.family == "non_software" for role, _ in roles)
        and (
            engineers := engineers_of_no_kind(
                doc.text, prose, doc.hits.spans("identity/role_noun"), tuple(r.title for r, _ in roles)
            )
        )
    ):
        roles = build(sorted(titles + engineers, key=lambda title: title[1].start))
    stated_kind = False  # the posting's sentences say the kind of its own title's role
    if own_title and len(roles) == 1:
        role, span = roles[0]
        asked_role = kind_asked(role, doc.text, doc.title[1], doc.hits.spans("identity/role_noun"))
        stated_kind = asked_role is not role
        roles = [(asked_role, span)]
    if work := server_side_topics(topics):
        roles = [(side_of_the_work(role, work), span) for role, span in roles]
    if len(roles) == 1 and not stated_kind:  # a posting's only role: the stack it tells is that role's
        roles = [(across_the_stack(roles[0][0], doc.text), roles[0][1])]
    seniority, seniority_spans = _level_of_the_roles(doc, roles, seniority, seniority_spans)
    if own_title and len(roles) == 1 and not (seniority_spans and doc.in_title(seniority_spans[0].start)):
        roles, seniority, seniority_spans = _an_architect(
            roles, seniority, seniority_spans, years_spans, categories
        )
    # no role named: the kind its technologies say; with none, no family (a reader's comment, "Several open
    # positions", a post whose roles no reader found): the reader is not sure, so the field stays empty
    families = tuple(dict.fromkeys(r.family for r, _ in roles)) or (
        (family_from_skills(skill_ids, categories),) if skill_ids else ()
    )
    # The system types classify the software a role works on: a posting that hires no software role has
    # none ("on call" in a nurse's shifts, "compliance" in a designer's duties are no backend system).
    system_types, system_spans = (
        classify_system_types(doc, families, _a_role_of_one_kind(doc, roles, families))
        if families != ("non_software",)
        else ((), ())
    )
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
        "topics": tuple(topic_spans),
        "company": (identity.company_span,) if identity.company and identity.company_span else (),
        "title": (identity.title_span,) if identity.title and identity.title_span else (),
        "locations": tuple(location_spans),
        "roles": tuple(span for _, span in roles),
        "role_families": tuple(dict.fromkeys(span for _, span in roles)),
    }
    return Extraction(
        id=posting_id,
        languages=languages,
        languages_nice=nice_to_have_languages(language_tallies, languages),
        primary_language=primary,
        seniority=seniority,
        system_types=system_types,
        work_model=work_model,
        employment_type=employment,
        years_experience=years,
        salary=salary,
        skills=skills,
        company=identity.company,
        title=identity.title or _titles_once(titles),
        locations=tuple(locations),
        role_families=families,
        roles=tuple(r for r, _ in roles),
        evidence={k: v for k, v in evidence.items() if v},
        salary_families=salary_families(roles, families, salary_spans, doc.title[1]) if salary else (),
        domains=detect_labels("domains", doc),
        scope=detect_labels("scope", doc),
        topics=topics,
    )


def salary_families(
    roles: list[tuple[Role, Span]], families: tuple[str, ...], salary_spans: tuple[Span, ...], header_end: int
) -> tuple[str, ...]:
    """The families a posting's salary counts for (`families`: the posting's, its roles' or, when it names
    none, the one its technologies say): every family when there is one; else the family of the role the
    salary is written under (the nearest role title before it, past the header); none when the text does
    not tie it to one role (a product manager's pay is not a backend salary)."""
    if len(families) <= 1 or not salary_spans:
        return families
    at = salary_spans[0].start
    before = [(span.start, role.family) for role, span in roles if span.start <= at]
    if not before or at <= header_end:
        return ()
    return (max(before)[1],)


def _titles_once(titles: list[tuple[str, Span]]) -> str | None:
    """The roles a post names, each once as first written: a role its header and its text both name is one."""
    first: dict[str, str] = {}
    for title, _ in titles:
        bare = role_name(title) or title
        first.setdefault(role_key(bare.lower()), bare)  # "Senior Backend Engineer" is "Sr. Backend Engineers"
    return ", ".join(first.values()) or None


def _names(span: Span, language: str, tallies: dict[str, Any]) -> bool:
    tally = tallies.get(language)
    return bool(tally and span in tally.spans)


def extract_record(row: dict[str, Any]) -> dict[str, Any]:
    """The contract's record for one input object (id, title, description; a company of its own)."""
    company = row.get("company") if isinstance(row.get("company"), str) else None
    posting = Posting(
        id=str(row["id"]),
        title=str(row.get("title") or ""),
        description=str(row.get("description") or ""),
        company=company,
        source="jsonl",
        source_fields={FACTS_FROM: {"company": "jsonl:company"}} if company else {},
    )
    return extract_posting(posting).as_dict()


def _a_role_of_one_kind(
    doc: Document, roles: list[tuple[Role, Span]], families: tuple[str, ...]
) -> tuple[str, Span] | None:
    """The family of a described posting that hires only for mobile apps, or only for infrastructure, and
    where it names one of its roles (a bare title, as the Dice titles are, describes no work)."""
    if families not in (("mobile",), ("infra",)) or len(doc.text) - doc.title[1] < DESCRIBED:
        return None
    span = next((span for role, span in roles if role.family == families[0]), None)
    return (families[0], span) if span else None


def _an_architect(
    roles: list[tuple[Role, Span]],
    level: str | None,
    spans: tuple[Span, ...],
    years_spans: tuple[Span, ...],
    categories: dict[str, str],
) -> tuple[list[tuple[Role, Span]], str | None, tuple[Span, ...]]:
    """An architect of software is at staff level (the contract's levels) where no word gives the level,
    whatever the years say: a title the wordlists' qualified forms miss ("Azure Architect", "Hadoop
    Architect") says so by a software technology it names or by the family its own words name. An
    architect named by a design tool ("Revit Architect") or of no known kind ("Project Architect",
    "Landscape Architect": buildings and gardens) says nothing, nor does a role named with another title
    ("Developer/Architect", "Developer and Architect": either level), nor a level the text gives ("We are
    looking for a Senior SAP FICO Architect")."""
    role, span = roles[0]
    if (
        not _ARCHITECT.search(role.title)
        or _ANOTHER_TITLE.search(role.title)
        or seniority_of(role.title)
        or (level is not None and spans != years_spans)
    ):
        return roles, level, spans
    software = title_family(role.title) not in (None, "non_software", "other_software") or any(
        categories[skill] not in _DESIGN_TOOLS for skill in technologies_in(role.title)
    )
    return (
        ([(replace(role, seniority="staff"), span)], "staff", (span,)) if software else (roles, level, spans)
    )


_ARCHITECT = re.compile(r"(?i)\barchitects?$")
# another title the role is named with, whatever joins it ("Developer/Architect", "Administrator-Architect",
# "Developer and Architect"): the role book's nouns stop at a hyphen, so these are listed here
_ANOTHER_TITLE = re.compile(
    r"(?i)/|\b(?:engineer|developer|administrator|admin|analyst|consultant|programmer|manager|lead|designer)s?\b"
)
_DESIGN_TOOLS = frozenset({"business", "trade"})  # the taxonomy's office and trade software: Revit, AutoCAD


def _level_of_the_roles(
    doc: Document, roles: list[tuple[Role, Span]], level: str | None, spans: tuple[Span, ...]
) -> tuple[str | None, tuple[Span, ...]]:
    """A post without a title of its own whose roles all name one level ("Senior Backend Engineer", "Senior
    Frontend Developer" in its text) is at that level, as its title would say: the level no title word
    gave (the years asked, or none) gives way. Roles named at different levels, in its header or its text,
    give the post none, as the labels leave a level out where the roles disagree ("Hiring Senior & Junior
    iOS engineers" on a second line; the prose readers keep each level of "senior and junior developers")."""
    if not doc.text.startswith("\n"):
        return level, spans
    named = [(seniority_of(role.title), span) for role, span in roles]
    if len({own for own, span in named if own}) > 1:
        return None, ()  # "Senior and junior engineers", "Sr. Engineer, …, Engineering Manager"
    if level == "intern" and len(named) > 1 and any(own != "intern" for own, _ in named):
        return None, ()  # "INTERN, REMOTE" beside "UI designers, PHP developers": interns are welcome too
    if spans and doc.in_title(spans[0].start):
        return level, spans
    if not named or len({own for own, _ in named}) != 1 or named[0][0] is None:
        return level, spans
    return named[0][0], (named[0][1],)
