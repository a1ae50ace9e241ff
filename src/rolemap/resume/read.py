"""Reading a resume (PDF, DOCX, Markdown or text, JSON Resume) into sections, dated roles and bullets, with
the taxonomy's skills found in each bullet and years of use per skill from the dated roles.

A resume is personal data: error messages name the file and the problem, never its content. A hostile file
is one clear InputError, never a traceback or a machine's memory: a DOCX is unpacked part by part in
chunks, each held to the size its zip directory states and all to MAX_DOCX_UNPACKED, before python-docx
sees a repacked copy; a PDF is read within tight pypdf limits (MAX_PDF_STREAM bytes a stream); a JSON
resume nested too deeply to parse is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rolemap.errors import InputError
from rolemap.extract.phrases import PhraseBook
from rolemap.extract.taxonomy import SkillMatcher, load_taxonomy
from rolemap.resume.pdf import pdf_text
from rolemap.resume.word import docx_text
from rolemap.text import plain_text

MAX_BYTES = 10 * 2**20  # no resume is larger; a bigger file is refused before it is read
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_DATE = r"(?:(?:[A-Za-z]{3,9}\.?\s+)?\d{4}(?:[-/.]\d{1,2})?|present|current|now|today)"
_RANGE = re.compile(rf"(?P<start>{_DATE})\s*(?:-|–|—|to|until)\s*(?P<end>{_DATE})", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Bullet:
    text: str
    skills: list[str]
    line: int  # 1-based line of the resume's text


@dataclass(frozen=True)
class Role:
    heading: str
    start: str | None  # YYYY-MM
    end: str | None  # YYYY-MM, None while current
    bullets: list[Bullet]


@dataclass(frozen=True)
class Resume:
    source: str
    sections: list[str]
    roles: list[Role]
    bullets: list[Bullet]  # every bullet, in roles or not
    skills: dict[str, float] = field(default_factory=dict)  # skill → years of use (0 when undated)
    as_of: str = ""  # YYYY-MM: the month a current role ("– Present") is counted up to

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def total_years(self) -> float:
        return _years(_intervals(self.roles, self.as_of))


def read_resume(path: Path, today: dt.date | None = None) -> Resume:
    raw = _bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return from_json_resume(_json(raw, path), path.name, today)
    if suffix == ".pdf":
        text = pdf_text(raw, path)
    elif suffix == ".docx":
        text = docx_text(raw, path)
    else:
        text = _decode(raw, path)
        text = plain_text(text)
    if not text.strip():
        raise InputError(f"{path.name}: no text could be read from this resume")
    return from_text(text, path.name, today)


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{path.name}: {size / 2**20:.0f} MB is too large for a resume (limit {MAX_BYTES // 2**20} MB)"
            )
        if size == 0:
            raise InputError(f"{path.name}: the file is empty")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a resume") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None


def _decode(raw: bytes, path: Path) -> str:
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path.name}: binary data, not a text resume (use .pdf, .docx, .md, .txt or .json)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: not UTF-8 text") from None


def _json(raw: bytes, path: Path) -> Any:
    try:
        return json.loads(_decode(raw, path))
    except json.JSONDecodeError as e:
        raise InputError(f"{path.name}: not valid JSON (line {e.lineno})") from None
    except RecursionError:
        raise InputError(f"{path.name}: not a JSON Resume (nested too deeply to read)") from None


@cache
def _words() -> dict[str, Any]:
    return dict(
        json.loads(resources.files("rolemap.resume").joinpath("data/resume.json").read_text(encoding="utf-8"))
    )


@cache
def _headings() -> PhraseBook:
    return PhraseBook({f"section/{k}": v for k, v in _words()["sections"].items()})


@cache
def _skills() -> SkillMatcher:
    return SkillMatcher(load_taxonomy())


def skills_in(text: str) -> list[str]:
    return list(dict.fromkeys(m.skill.id for m in _skills().find(text)))


def from_text(text: str, source: str, today: dt.date | None = None) -> Resume:
    """Sections from heading lines; in the experience section, a line with a date range opens a role and
    the lines after it are its bullets."""
    sections: list[str] = []
    roles: list[Role] = []
    loose: list[Bullet] = []
    current: str | None = None
    role_head: tuple[str, str | None, str | None] | None = None
    role_bullets: list[Bullet] = []
    today = today or dt.date.today()

    def close_role() -> None:
        if role_head:
            roles.append(Role(role_head[0], role_head[1], role_head[2], list(role_bullets)))
        role_bullets.clear()

    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip().strip("#*_ ").strip()
        if not stripped:
            continue
        kind = _section_of(stripped)
        if kind:
            close_role()
            role_head, current = None, kind
            sections.append(kind)
            continue
        dates = _RANGE.search(stripped)
        if dates and not _BULLET.match(line) and len(stripped) < 140:
            close_role()
            role_head = (
                _RANGE.sub("", stripped).strip(" |,–-—()"),
                _month(dates["start"], today),
                _month(dates["end"], today, end=True),
            )
            continue
        if current not in ("experience", "projects") and not role_head and not _BULLET.match(line):
            continue  # the name, a tagline, the summary, the skills list: not bullets
        content = _BULLET.sub("", line).strip()
        if len(content.split()) < 3:
            continue
        bullet = Bullet(content, skills_in(content), n)
        (role_bullets if role_head else loose).append(bullet)
    close_role()
    return _finish(source, sections, roles, loose, today)


def from_json_resume(data: Any, source: str, today: dt.date | None = None) -> Resume:
    """The jsonresume.org schema: work[] with position, name, startDate, endDate, highlights, summary."""
    if not isinstance(data, dict) or not isinstance(data.get("work", []), list):
        raise InputError(f"{source}: not a JSON Resume (expected an object with a 'work' list)")
    today = today or dt.date.today()
    roles = []
    line = 0
    for job in data.get("work") or []:
        if not isinstance(job, dict):
            continue
        texts = [
            t
            for t in [job.get("summary"), *(job.get("highlights") or [])]
            if isinstance(t, str) and t.strip()
        ]
        bullets = []
        for t in texts:
            line += 1
            bullets.append(Bullet(t.strip(), skills_in(t), line))
        heading = " · ".join(str(job[k]) for k in ("position", "name") if job.get(k))
        start, end = job.get("startDate"), job.get("endDate")
        roles.append(
            Role(
                heading,
                _month(str(start), today) if start else None,
                _month(str(end), today, end=True) if end else None,
                bullets,
            )
        )
    sections = [
        k
        for k in ("summary", "experience", "education", "skills", "projects")
        if data.get({"summary": "basics", "experience": "work"}.get(k, k))
    ]
    return _finish(source, sections, roles, [], today)


def _finish(
    source: str, sections: list[str], roles: list[Role], loose: list[Bullet], today: dt.date
) -> Resume:
    as_of = today.strftime("%Y-%m")
    bullets = [b for r in roles for b in r.bullets] + loose
    years: dict[str, list[tuple[int, int]]] = {}
    for role in roles:
        span = _interval(role, as_of)
        for b in role.bullets:
            for s in b.skills:
                years.setdefault(s, [])
                if span:
                    years[s].append(span)
    for b in loose:
        for s in b.skills:
            years.setdefault(s, [])
    skills = {s: round(_years(spans), 1) for s, spans in sorted(years.items())}
    return Resume(source, list(dict.fromkeys(sections)), roles, bullets, skills, as_of)


def _section_of(line: str) -> str | None:
    if len(line) > 40 or len(line.split()) > 4:
        return None
    body = line.rstrip(":").strip()
    hits = _headings().find(body)
    for kind in _words()["sections"]:
        for span in hits.spans(f"section/{kind}"):
            if span.start == 0 and span.end >= len(body) - 1:
                return kind
    return None


def _month(text: str, today: dt.date, end: bool = False) -> str | None:
    t = text.strip().lower().rstrip(".")
    if t in ("present", "current", "now", "today"):
        return None if end else today.strftime("%Y-%m")
    m = re.match(r"(?:(?P<mon>[a-z]{3})[a-z]*\.?\s+)?(?P<year>\d{4})(?:[-/.](?P<num>\d{1,2}))?", t)
    if not m:
        return None
    month = _MONTHS.get(m["mon"] or "", 0) or int(m["num"] or (12 if end else 1))
    return f"{m['year']}-{min(max(month, 1), 12):02d}"


def _interval(role: Role, as_of: str) -> tuple[int, int] | None:
    if not role.start:
        return None
    start = _index(role.start)
    end = _index(role.end or as_of)
    return (start, end + 1) if end >= start else None


def _index(month: str) -> int:
    year, m = month.split("-")
    return int(year) * 12 + int(m) - 1


def _intervals(roles: list[Role], as_of: str) -> list[tuple[int, int]]:
    return [span for r in roles if (span := _interval(r, as_of))]


def _years(spans: list[tuple[int, int]]) -> float:
    """Years covered by month intervals, overlaps counted once."""
    months = 0
    last_end = -1
    for start, end in sorted(spans):
        start = max(start, last_end)
        if end > start:
            months += end - start
        last_end = max(last_end, end)
    return months / 12
