"""Matching a resume to a posting or a lane, from evidence: each requirement of the posting is met, partly
met or missing, with the resume line that proves it. The fit is counts, not a score: the same inputs give
the same answer, byte for byte.

A skill the posting only says the company uses (`asked: false`: "our stack is …", an about section) is
not a requirement: it is matched the same way but listed apart, as their stack, and counted in no total.
A record without `asked` (an older store, the contract's input) asks for every skill."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from rolemap.analytics.covers import mask_covers
from rolemap.analytics.frame import MarketFrame, distinct_postings
from rolemap.analytics.lane import Lane, select
from rolemap.analytics.market import values_by_row
from rolemap.extract.taxonomy import load_taxonomy
from rolemap.models import MAX_PAY
from rolemap.resume.read import Resume

MAX_EXPECTED_PAY = MAX_PAY  # an expected pay above this is a typo, in any currency and period
_LEVEL_YEARS = {"intern": 0, "junior": 0, "mid": 2, "senior": 5, "staff": 8, "manager": 7}


@dataclass(frozen=True)
class Requirement:
    kind: str  # skill, years, seniority, salary; stack: a skill the company uses, not one it asks for
    name: str
    required: bool
    status: str  # met, partly, missing; unknown: years or level of a resume without a dated role
    evidence: str  # the resume line that proves it, or why it is partly met
    line: int | None = None
    proof: str = ""  # bullet (a bullet shows it), listed (only the Skills section names it), related


@dataclass(frozen=True)
class Fit:
    posting_id: str
    title: str
    requirements: list[Requirement]
    summary: str
    required_met: int
    required_partly: int
    required_total: int
    nice_met: int
    nice_total: int
    stack: list[Requirement] = field(default_factory=list)  # in their stack, not asked for: in no total

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def posting_title(row: dict[str, Any]) -> str:
    """A stored posting's title as the extraction reads it (a user's correction included), else the
    source's: an HN post has no title of its own, its extraction names the role."""
    return str((row.get("extraction") or {}).get("title") or row.get("title") or "")


def match_record(
    resume: Resume,
    posting_id: str,
    title: str,
    record: dict[str, Any],
    expected_pay: float | None = None,
    wanted_work_model: str | None = None,
) -> Fit:
    """Each requirement of an extraction record against the resume, and apart from them (`Fit.stack`) the
    skills it only says the company uses."""
    taxonomy = load_taxonomy()
    have = _evidence(resume)
    skills = record.get("skills") or []
    languages = set(record.get("languages") or [])
    # a language counts as asked unless the record's skills say the company only uses it, and as required
    # unless the record names it nice to have (`languages_nice`; or a skill entry of its id says so)
    used_only = [s["id"] for s in skills if not s.get("asked", True)]
    softened = {s["id"] for s in skills if s.get("asked", True) and not s.get("required", True)}
    softened |= set(record.get("languages_nice") or ())
    wanted = [
        (lang, lang not in softened)
        for lang in record.get("languages") or []
        if lang in taxonomy and lang not in used_only
    ]
    wanted += [
        (s["id"], bool(s["required"])) for s in skills if s.get("asked", True) and s["id"] not in languages
    ]
    years = resume.skills
    out = [_skill_requirement("skill", skill, required, have, taxonomy, years) for skill, required in wanted]
    stack = [_skill_requirement("stack", skill, False, have, taxonomy, years) for skill in used_only]
    out.extend(_experience(resume, record))
    offered = record.get("work_model")
    if wanted_work_model and offered:
        fits = offered == wanted_work_model or (wanted_work_model == "hybrid" and offered == "remote")
        out.append(
            Requirement(
                "work_model", offered, False, "met" if fits else "missing", f"you want {wanted_work_model}"
            )
        )
    salary = record.get("salary")
    if expected_pay is not None and salary and salary.get("max"):
        status = "met" if expected_pay <= salary["max"] else "missing"
        out.append(
            Requirement(
                "salary",
                f"up to {salary['max']:,.0f} {salary['currency']}/{salary['period']}",
                False,
                status,
                f"you expect {expected_pay:,.0f}",
            )
        )
    return _fit(posting_id, title, out, stack)


def _skill_requirement(
    kind: str,
    skill: str,
    required: bool,
    have: dict[str, tuple[str, int, str]],
    taxonomy: dict[str, Any],
    years: dict[str, float],
) -> Requirement:
    """One skill against the resume: met (a bullet or only the Skills section shows it), partly (a close
    skill shows it) or missing."""
    if skill in have:
        text, line, proof = have[skill]
        if proof == "listed":
            text = f"listed, no bullet shows it: {text}"
        return Requirement(kind, skill, required, "met", text, line, proof)
    related = _related(skill, have, taxonomy, years)
    if related is None:
        return Requirement(kind, skill, required, "missing", "")
    other, relation = related
    text, line, _ = have[other]
    return Requirement(kind, skill, required, "partly", f"{other} ({relation}): {text}", line, "related")


def _experience(resume: Resume, record: dict[str, Any]) -> list[Requirement]:
    """The posting's years and level against the years of the resume's dated roles; without a dated role
    they are unknown, not missing, and not counted."""
    out = []
    total = resume.total_years
    because = f"{total:.1f} years in the dated roles"
    unknown = "no dated role in the resume: not judged (matched on skills only)"
    years = (record.get("years_experience") or {}).get("min")
    if years is not None:
        status = "met" if total >= years else "partly" if total >= years - 1 else "missing"
        if not resume.dated:
            status, because = "unknown", unknown
        out.append(Requirement("years", f"{years}+ years", True, status, because))
    level = record.get("seniority")
    if level in _LEVEL_YEARS:
        need = _LEVEL_YEARS[level]
        status = "met" if total >= need else "partly" if total >= need - 2 else "missing"
        if not resume.dated:
            status, because = "unknown", unknown
        out.append(Requirement("seniority", level, True, status, because))
    return out


def _fit(posting_id: str, title: str, reqs: list[Requirement], stack: list[Requirement]) -> Fit:
    required = [r for r in reqs if r.required and r.status != "unknown"]
    nice = [r for r in reqs if not r.required]
    met = sum(r.status == "met" for r in required)
    listed = sum(r.status == "met" and r.proof == "listed" for r in required)
    partly = sum(r.status == "partly" for r in required)
    nice_met = sum(r.status == "met" for r in nice)
    missing = [r.name for r in required if r.status == "missing"]
    unknown = [r.name for r in reqs if r.status == "unknown"]
    summary = (
        f"required: {met} of {len(required)} met"
        + (f" ({listed} only listed)" if listed else "")
        + f", {partly} partly; nice-to-have: {nice_met} of {len(nice)} met"
        + (f"; missing: {', '.join(missing)}" if missing else "")
        + (f"; not judged (no dated role): {', '.join(unknown)}" if unknown else "")
        + (f"; in their stack, not asked for: {', '.join(r.name for r in stack)}" if stack else "")
    )
    return Fit(posting_id, title, reqs, summary, met, partly, len(required), nice_met, len(nice), stack)


def _evidence(resume: Resume) -> dict[str, tuple[str, int, str]]:
    """Each skill of the resume → its first bullet (proof "bullet") or, when no bullet names it, its line
    in the Skills section (proof "listed")."""
    have: dict[str, tuple[str, int, str]] = {}
    for b in resume.bullets:
        for s in b.skills:
            have.setdefault(s, (b.text, b.line, "bullet"))
    for b in resume.listed:
        for s in b.skills:
            have.setdefault(s, (b.text, b.line, "listed"))
    return have


def _related(
    skill: str, have: dict[str, Any], taxonomy: dict[str, Any], years: dict[str, float]
) -> tuple[str, str] | None:
    """The skill of the resume closest to the wanted one, and how. Closeness rests on the taxonomy's
    hierarchy and a small table of judged relations (`data/related.json`), never on a shared category alone:
    1. a child of the wanted skill (Flask for Python, Spring Boot for Spring: work in it is work in the wanted
       one), then its parent (Python for Django: the language, context only);
    2. a skill that implies it (PostgreSQL for SQL: a relational database);
    3. a sibling under the same parent and of the same category (Flask for Django), or a judged peer (Kotlin
       for Java, MySQL for PostgreSQL, C for C++, Docker for Kubernetes).
    Within a tier, the skill with more years of use, then the one a bullet shows, then by name."""
    entry = taxonomy.get(skill)
    if entry is None:
        return None
    judged = _judged()
    tiers: list[list[tuple[str, str]]] = [[], [], [], []]
    for other in have:
        e = taxonomy.get(other)
        if e is None or other == skill:
            continue
        if e.parent == skill:
            tiers[0].append((other, f"a {skill} {e.category}"))
        elif other == entry.parent:
            tiers[1].append((other, "parent"))
        elif other in judged.implies.get(skill, {}):
            tiers[2].append((other, judged.implies[skill][other]))
        elif entry.parent and e.parent == entry.parent and e.category == entry.category:
            tiers[3].append((other, "same family"))
        elif (skill, other) in judged.peers:
            tiers[3].append((other, judged.peers[skill, other]))
    for tier in tiers:
        if tier:
            return min(tier, key=lambda t: (-years.get(t[0], 0.0), have[t[0]][2] != "bullet", t[0]))
    return None


@dataclass(frozen=True)
class _Judged:
    implies: dict[str, dict[str, str]]  # wanted skill → {a skill that shows it: why}
    peers: dict[tuple[str, str], str]  # (wanted, had) → why, both ways


@cache
def _judged() -> _Judged:
    data = json.loads(resources.files("rolemap.resume").joinpath("data/related.json").read_text("utf-8"))
    implies = {i["skill"]: {by: i["because"] for by in i["by"]} for i in data["implies"]}
    peers = {
        (a, b): group["because"]
        for group in data["peers"]
        for a in group["skills"]
        for b in group["skills"]
        if a != b
    }
    return _Judged(implies, peers)


def _rank(fit: Fit) -> tuple[float, int, int, str]:
    """Share of required items met (partly counts half), then more met, then nice-to-have, then id."""
    covered = (fit.required_met + fit.required_partly / 2) / fit.required_total if fit.required_total else 0.0
    return (-covered, -fit.required_met, -fit.nice_met, fit.posting_id)


@dataclass(frozen=True)
class LaneFit:
    lane: str
    postings: int
    ranked: list[Fit]
    learn_next: list[tuple[str, int, float]]  # skill, postings asking for it, share of the lane
    covers: dict[str, Any] = field(
        default_factory=dict
    )  # the lane's months and postings (analytics/covers.py)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def match_lane(resume: Resume, frame: MarketFrame, lane: Lane, top: int = 20) -> LaneFit:
    """The lane's postings ranked by fit (see _rank), and the skills the resume lacks, by how many of the
    lane's postings ask for them (a posting that only says it uses one does not ask)."""
    mask = select(frame, lane)
    rows = np.flatnonzero(frame.first_rows(mask))  # a posting once, however many of its roles are in the lane
    skills = {
        r: [{"id": v.value, "required": v.required, "asked": v.asked} for v in values]
        for r, values in values_by_row(frame, "skill", mask).items()
    }
    languages = values_by_row(frame, "language", mask)
    ids, titles, companies = frame.strings("id"), frame.strings("title"), frame.strings("company")
    fits = []
    for r in rows.tolist():
        record = {"languages": [v.value for v in languages.get(r, [])], "skills": skills.get(r, [])}
        # a post without a title of its own (a Hacker News comment) is told by its hirer
        named = titles[r] or (f"at {companies[r]}" if companies[r] else "")
        fits.append(match_record(resume, ids[r] or "", named, record))
    fits.sort(key=_rank)
    n = int(rows.size)  # postings, as ranked: a posting of two roles in the lane is one to apply to
    counts = [*_postings_asking(frame, "language", mask), *_postings_asking(frame, "skill", mask)]
    learn = sorted(
        ((name, k, k / n) for name, k in counts if k and name not in resume.skills),
        key=lambda t: (-t[1], t[0]),
    )
    return LaneFit(
        lane.describe(), n, fits[:top], learn[:15], mask_covers(frame, mask, (lane.since, lane.until))
    )


def _postings_asking(frame: MarketFrame, field_name: str, mask: np.ndarray) -> list[tuple[str, int]]:
    """Each value of a multi-valued field by the lane's postings that ask for it (a skill only named as
    the company's stack is not asked), a posting once however many of its roles do."""
    pairs = frame.pairs[field_name]
    keep = mask[pairs.row] & (pairs.asked if pairs.asked is not None else True)
    size = len(pairs.vocab)
    counts = distinct_postings(frame.postings_of_rows()[pairs.row[keep]], pairs.code[keep], size)
    return [(pairs.vocab[i], int(counts[i])) for i in np.flatnonzero(counts)]
