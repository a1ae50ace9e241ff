"""A JSON Resume (jsonresume.org) as a Resume: `work[]` with `position`, the employer as `name` (the
current schema) or `company` (the older one), `startDate`, `endDate`, `summary`, `highlights`; `skills[]`
with `name` and `keywords` as the listed skills. JSON has no lines: a bullet's `line` counts the texts read,
in order, from 1."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rolemap.errors import InputError
from rolemap.resume.dates import month
from rolemap.resume.read import Bullet, Resume, Role, finish, skills_in

_NO_DATES = (
    "no dated role found (no startDate in work[]): years and level are unknown, and matching goes by the "
    "resume's skills"
)


def from_json_resume(data: Any, source: str, today: dt.date | None = None) -> Resume:
    if not isinstance(data, dict) or not isinstance(data.get("work", []), list):
        raise InputError(f"{source}: not a JSON Resume (expected an object with a 'work' list)")
    today = today or dt.date.today()
    roles = []
    line = 0
    for job in data.get("work") or []:
        if not isinstance(job, dict):
            continue
        highlights = _list(job.get("highlights"))
        texts = [t for t in [job.get("summary"), *highlights] if isinstance(t, str) and t.strip()]
        bullets = []
        for t in texts:
            line += 1
            bullets.append(Bullet(t.strip(), skills_in(t), line))
        employer = job.get("name") or job.get("company")
        heading = " · ".join(str(v) for v in (job.get("position"), employer) if v)
        start, end = job.get("startDate"), job.get("endDate")
        roles.append(
            Role(
                heading,
                month(str(start), today) if start else None,
                month(str(end), today, end=True) if end else None,
                bullets,
            )
        )
    listed = []
    for group in data.get("skills") or []:
        if not isinstance(group, dict):
            continue
        keywords = _list(group.get("keywords"))
        words = [str(w) for w in [group.get("name"), *keywords] if isinstance(w, str) and w.strip()]
        if words:
            line += 1
            text = ", ".join(words)
            listed.append(Bullet(text, skills_in(text), line))
    sections = [
        k
        for k in ("summary", "experience", "education", "skills", "projects")
        if data.get({"summary": "basics", "experience": "work"}.get(k, k))
    ]
    notes = [] if any(r.start for r in roles) else [_NO_DATES]
    return finish(source, sections, roles, [], today, listed, notes)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
