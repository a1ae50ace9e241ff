"""Matching a resume to a posting or a lane, from evidence: each requirement of the posting is met, partly
met or missing, with the resume line that proves it. The fit is counts, not a score: the same inputs give
the same answer, byte for byte."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.lane import Lane, select
from rolemap.analytics.market import multi_counts, values_by_row
from rolemap.extract.taxonomy import load_taxonomy
from rolemap.resume.read import Resume

_LEVEL_YEARS = {"intern": 0, "junior": 0, "mid": 2, "senior": 5, "staff": 8, "manager": 7}


@dataclass(frozen=True)
class Requirement:
    kind: str  # skill, years, seniority, salary
    name: str
    required: bool
    status: str  # met, partly, missing
    evidence: str  # the resume line that proves it, or why it is partly met
    line: int | None = None


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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def match_record(
    resume: Resume,
    posting_id: str,
    title: str,
    record: dict[str, Any],
    expected_pay: float | None = None,
    wanted_work_model: str | None = None,
) -> Fit:
    """Each requirement of an extraction record against the resume."""
    taxonomy = load_taxonomy()
    have = {s: _first_line(resume, s) for s in resume.skills}
    languages = {lang: True for lang in record.get("languages") or []}
    wanted = [(s["id"], bool(s["required"])) for s in record.get("skills") or []]
    wanted = [(lang, True) for lang in languages if lang in taxonomy] + [
        w for w in wanted if w[0] not in languages
    ]
    out = []
    for skill, required in wanted:
        if skill in have:
            text, line = have[skill]
            out.append(Requirement("skill", skill, required, "met", text, line))
            continue
        related = _related(skill, have, taxonomy)
        if related:
            text, line = have[related]
            out.append(
                Requirement("skill", skill, required, "partly", f"{related} (same family): {text}", line)
            )
        else:
            out.append(Requirement("skill", skill, required, "missing", ""))
    years = (record.get("years_experience") or {}).get("min")
    if years is not None:
        total = resume.total_years
        status = "met" if total >= years else "partly" if total >= years - 1 else "missing"
        out.append(
            Requirement("years", f"{years}+ years", True, status, f"{total:.1f} years in the dated roles")
        )
    level = record.get("seniority")
    if level in _LEVEL_YEARS:
        total = resume.total_years
        status = (
            "met"
            if total >= _LEVEL_YEARS[level]
            else "partly"
            if total >= _LEVEL_YEARS[level] - 2
            else "missing"
        )
        out.append(Requirement("seniority", level, True, status, f"{total:.1f} years in the dated roles"))
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
    return _fit(posting_id, title, out)


def _fit(posting_id: str, title: str, reqs: list[Requirement]) -> Fit:
    required = [r for r in reqs if r.required]
    nice = [r for r in reqs if not r.required]
    met = sum(r.status == "met" for r in required)
    partly = sum(r.status == "partly" for r in required)
    nice_met = sum(r.status == "met" for r in nice)
    missing = [r.name for r in required if r.status == "missing"]
    summary = (
        f"required: {met} of {len(required)} met, {partly} partly; nice-to-have: {nice_met} of {len(nice)} met"
        + (f"; missing: {', '.join(missing)}" if missing else "")
    )
    return Fit(posting_id, title, reqs, summary, met, partly, len(required), nice_met, len(nice))


def _first_line(resume: Resume, skill: str) -> tuple[str, int]:
    for b in resume.bullets:
        if skill in b.skills:
            return b.text, b.line
    return "", 0


def _related(skill: str, have: dict[str, Any], taxonomy: dict[str, Any]) -> str | None:
    """A skill the resume has that shares the wanted one's ecosystem (Flask for Django: both python) or,
    for datastores, messaging and clouds, its category (MySQL for PostgreSQL)."""
    entry = taxonomy.get(skill)
    if entry is None:
        return None
    for other in sorted(have):
        e = taxonomy.get(other)
        if e is None:
            continue
        if entry.parent and e.parent == entry.parent and e.category == entry.category:
            return other
        if entry.category in ("datastore", "messaging", "cloud") and e.category == entry.category:
            return other
    return None


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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def match_lane(resume: Resume, frame: MarketFrame, lane: Lane, top: int = 20) -> LaneFit:
    """The lane's postings ranked by fit (see _rank), and the skills the resume lacks, by how many of the
    lane's postings ask for them."""
    mask = select(frame, lane)
    rows = np.flatnonzero(mask)
    skills = values_by_row(frame, "skill", mask)
    languages = values_by_row(frame, "language", mask)
    ids, titles = frame.strings("id"), frame.strings("title")
    fits = []
    for r in rows.tolist():
        record = {
            "languages": [lang for lang, _ in languages.get(r, [])],
            "skills": [{"id": s, "required": req} for s, req in skills.get(r, [])],
        }
        fits.append(match_record(resume, ids[r] or "", titles[r] or "", record))
    fits.sort(key=_rank)
    n = int(mask.sum())
    asked = [*multi_counts(frame, "language", mask), *multi_counts(frame, "skill", mask)]
    learn = sorted(
        ((s.name, s.count, s.share) for s in asked if s.name not in resume.skills),
        key=lambda t: (-t[1], t[0]),
    )
    return LaneFit(lane.describe(), n, fits[:top], learn[:15])
