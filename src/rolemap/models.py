"""The plain records that flow between pipeline stages.

A source yields `Posting`s; `text.plain_text` turns a posting's description into the text that
extraction reads; `extract.extract_posting` returns an `Extraction`. Both are frozen: stages make new
records, never change old ones, so a stage can run in any process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

# Keys a source may set in `Posting.source_fields` for structured facts the board itself gives.
# They are kept beside the text and never used by `extract` (see ../shared/spec/extraction.md).
STRUCTURED_KEYS = (
    "salary",  # {"min", "max", "currency", "period"} as the board states it
    "remote",  # bool: the board flags the job as remote / telecommute
    "employment_type",  # the board's own value, e.g. "FULL_TIME"
    "valid_through",  # ISO date the posting expires
    "department",
)


# The value sets of the extraction record (../shared/spec/extraction.md).
LEVELS = ("intern", "junior", "mid", "senior", "staff", "manager")
WORK_MODELS = ("remote", "hybrid", "onsite")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "internship", "temporary")
SYSTEM_TYPES = ("product", "data", "distributed", "platform", "security")
# No pay is this large (or larger): a developer's yearly pay in dong or rupiah is under it (IDR 1.2e9 is
# about USD 75k), so a salary above it, stated by a board, labelled by a user or expected, is a typo or a
# broken field ("min_cents": 10**30). One bound for every place a figure of pay comes in.
MAX_PAY = 1e10
FAMILIES = (
    "backend", "fullstack", "frontend", "mobile", "data", "ml", "infra", "security", "qa", "embedded",
    "other_software", "non_software",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Posting:
    """One job posting as a source gave it."""

    id: str
    title: str = ""
    description: str = ""
    company: str | None = None
    location: str | None = None
    url: str | None = None
    posted_at: str | None = None
    source: str = "file"  # "jsonl", "csv", "html", "greenhouse", "lever", "ashby", "hn", "text"
    board: str | None = None  # a complete listing this posting came from, e.g. "greenhouse:acme"
    source_fields: dict[str, Any] = field(default_factory=dict)

    def as_input(self) -> dict[str, Any]:
        """The posting in the input format of the extraction contract."""
        out: dict[str, Any] = {"id": self.id, "title": self.title, "description": self.description}
        for key in ("company", "location", "url", "posted_at"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


class Span(NamedTuple):
    """A stretch of the document text: text == document[start:end]. A named tuple, not a frozen dataclass:
    extraction makes a hundred a posting, and a tuple is made in half the time."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Skill:
    """A skill the posting names. `required` is the contract's (false for nice-to-have); `asked` is ours:
    false when the text only says the company uses it (its stack, about-us text, "we use …"). A reader
    counts a skill as required only when it is asked and required."""

    id: str
    required: bool
    asked: bool = True


@dataclass(frozen=True, slots=True)
class Location:
    """A place of work: a city with its ISO 3166-1 alpha-2 country, or a country alone (remote limited
    to it)."""

    city: str | None
    country: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"city": self.city, "country": self.country}


@dataclass(frozen=True, slots=True)
class Role:
    """One role a posting hires for: its title as written, its family and its level."""

    title: str
    family: str
    seniority: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "family": self.family, "seniority": self.seniority}


@dataclass(frozen=True, slots=True)
class Extraction:
    """The extraction record of ../shared/spec/extraction.md, plus documented extra fields."""

    id: str
    languages: tuple[str, ...] = ()
    primary_language: str | None = None
    seniority: str | None = None
    system_types: tuple[str, ...] = ()
    work_model: str | None = None
    employment_type: str | None = None
    years_experience: dict[str, int | None] | None = None
    salary: dict[str, Any] | None = None
    skills: tuple[Skill, ...] = ()
    evidence: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    # version 2: who hires, for which roles, where
    company: str | None = None
    title: str | None = None
    locations: tuple[Location, ...] = ()
    role_families: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    # extras beyond the contract
    domains: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    salary_families: tuple[str, ...] = ()  # the role families the salary is tied to (all, when one family)
    topics: tuple[str, ...] = ()  # fields and qualities named (scalability, distributed systems): not skills
    # field → where a structured source stated it ("lever:salaryRange"); that value won over the text's
    source_facts: dict[str, str] = field(default_factory=dict)
    # of `languages`, those asked for only as nice to have (the contract's languages carry no `required`)
    languages_nice: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Extraction:
        """The inverse of `as_dict` (a record read back from `rolemap extract` output)."""
        return cls(
            id=record["id"],
            languages=tuple(record.get("languages") or ()),
            primary_language=record.get("primary_language"),
            seniority=record.get("seniority"),
            system_types=tuple(record.get("system_types") or ()),
            work_model=record.get("work_model"),
            employment_type=record.get("employment_type"),
            years_experience=record.get("years_experience"),
            salary=record.get("salary"),
            skills=tuple(
                Skill(s["id"], bool(s["required"]), bool(s.get("asked", True)))
                for s in record.get("skills") or ()
            ),
            evidence={k: tuple(Span(**s) for s in v) for k, v in (record.get("evidence") or {}).items()},
            company=record.get("company"),
            title=record.get("title"),
            locations=tuple(Location(**loc) for loc in record.get("locations") or ()),
            role_families=tuple(record.get("role_families") or ()),
            roles=tuple(Role(**r) for r in record.get("roles") or ()),
            domains=tuple(record.get("domains") or ()),
            scope=tuple(record.get("scope") or ()),
            salary_families=tuple(record.get("salary_families") or ()),
            topics=tuple(record.get("topics") or ()),
            source_facts=dict(record.get("source_facts") or {}),
            languages_nice=tuple(record.get("languages_nice") or ()),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "languages": list(self.languages),
            "primary_language": self.primary_language,
            "seniority": self.seniority,
            "system_types": list(self.system_types),
            "work_model": self.work_model,
            "employment_type": self.employment_type,
            "years_experience": self.years_experience,
            "salary": self.salary,
            "skills": [{"id": s.id, "required": s.required, "asked": s.asked} for s in self.skills],
            "company": self.company,
            "title": self.title,
            "locations": [loc.as_dict() for loc in self.locations],
            "role_families": list(self.role_families),
            "roles": [r.as_dict() for r in self.roles],
            "evidence": {k: [s.as_dict() for s in v] for k, v in self.evidence.items() if v},
            "domains": list(self.domains),
            "scope": list(self.scope),
            "salary_families": list(self.salary_families),
            "topics": list(self.topics),
            "source_facts": dict(self.source_facts),
            "languages_nice": list(self.languages_nice),
        }
