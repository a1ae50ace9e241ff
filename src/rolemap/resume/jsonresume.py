"""A JSON Resume (jsonresume.org) as a Resume: `work[]` with `position`, the employer as `name` (the
current schema) or `company` (the older one), `startDate`, `endDate`, `summary`, `highlights`; `skills[]`
with `name` and `keywords` as the listed skills. JSON has no lines: a bullet's `line` counts the texts read,
in order, from 1.

A field of the wrong type is one InputError naming the file and the field (`"skills": 5`), except where
the meaning is plain: a string where a list of strings belongs (`"skills": "Python, Go"`, `"keywords":
"Go, Rust"`: its comma-separated items; `"highlights": "Built…"`: one highlight)."""

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
        highlights = _texts(job.get("highlights"), source, "work[].highlights", split=False)
        texts = [t for t in [job.get("summary"), *highlights] if isinstance(t, str) and t.strip()]
        bullets = []
        for t in texts:
            line += 1
            bullets.append(Bullet(t.strip(), skills_in(t), line))
        employer = job.get("name") or job.get("company")
        heading = " · ".join(v for v in (job.get("position"), employer) if isinstance(v, str) and v)
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
    for group in _skill_groups(data.get("skills"), source):
        keywords = _texts(group.get("keywords"), source, "skills[].keywords", split=True)
        words = [str(w) for w in [group.get("name"), *keywords] if isinstance(w, str) and w.strip()]
        if words:
            line += 1
            text = ", ".join(words)
            listed.append(Bullet(text, skills_in(text, listing=True), line))
    sections = [
        k
        for k in ("summary", "experience", "education", "skills", "projects")
        if data.get({"summary": "basics", "experience": "work"}.get(k, k))
    ]
    notes = [] if any(r.start for r in roles) else [_NO_DATES]
    return finish(source, sections, roles, [], today, listed, notes)


def _skill_groups(value: Any, source: str) -> list[dict[str, Any]]:
    """`skills`: a list of groups, or a string of comma-separated skills read as one group of them."""
    if isinstance(value, str):
        return [{"keywords": value}]
    return [g for g in _checked_list(value, source, "skills") if isinstance(g, dict)]


def _texts(value: Any, source: str, name: str, split: bool) -> list[Any]:
    """A list of strings as the schema has it; a string where it belongs: its comma-separated items
    (`split`, a list of names) or itself (a sentence)."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",")] if split else [value]
    return _checked_list(value, source, name)


def _checked_list(value: Any, source: str, name: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{source}: not a JSON Resume: '{name}' must be a list, not {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "an object" if isinstance(value, dict) else "a string"
