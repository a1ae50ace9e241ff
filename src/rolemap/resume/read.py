"""Reading a resume (PDF, DOCX, Markdown or text, JSON Resume) into sections, dated roles and bullets, with
the taxonomy's skills found in each bullet, the Skills section's listed skills, and years of use per skill
from the dated roles. Each format is first laid out as lines (`pdf.py`: positions, columns, headings by
style; `word.py`: paragraphs and tables; `jsonresume.py` reads JSON Resume straight into a Resume); then
`from_text` reads those lines.

A resume is personal data: error messages name the file and the problem, never its content. A hostile file
is one clear InputError, never a traceback or a machine's memory: a DOCX is unpacked part by part in
chunks, each held to the size its zip directory states and all to MAX_DOCX_UNPACKED (word.py), before
python-docx sees a repacked copy; a PDF is read within tight pypdf limits (MAX_PDF_STREAM bytes a stream,
pdf.py); a JSON resume nested too deeply to parse is refused; a file over MAX_BYTES is not read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from rolemap.errors import InputError
from rolemap.extract.phrases import PhraseBook
from rolemap.extract.skill_matching import SkillMatcher
from rolemap.extract.taxonomy import load_taxonomy
from rolemap.resume.dates import DATE_RANGE, DURATION, dates_of_a_role, days_first, range_months
from rolemap.resume.headings import a_technology_label as _a_technology_label
from rolemap.resume.headings import resume_words as _words  # coach.py reads the word lists by this name
from rolemap.resume.headings import section_of as _section_of
from rolemap.resume.marks import as_dashes, join_wrapped
from rolemap.resume.notes import reading_notes
from rolemap.resume.pdf import pdf_text, unspaced
from rolemap.resume.spoken import a_language_level
from rolemap.resume.text_files import decode_text, format_of
from rolemap.resume.word import docx_text
from rolemap.text import plain_text

MAX_BYTES = 10 * 2**20  # no resume is larger; a bigger file is refused before it is read
_EMPHASIS = re.compile(r"\*\*|__|`")  # Markdown bold and code marks inside a line
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,2}[.)])\s+")
# "Skills: Python, Go", "Environment: Java, Spring, Oracle": a label of a few words, a colon, its values
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z &/+-]{1,30}?)\s*:\s*(?P<values>\S.*)$")
_LABEL_ALONE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z &/+-]{1,30}?)\s*:$")


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
    listed: list[Bullet] = field(default_factory=list)  # the Skills section's lines, with their skills
    notes: list[str] = field(default_factory=list)  # what could not be read, said plainly

    @property
    def dated(self) -> bool:
        """Whether any role has dates: without one, years and level are unknown (not zero)."""
        return any(r.start for r in self.roles)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def total_years(self) -> float:
        return _years(_intervals(self.roles, self.as_of))


def read_resume(path: Path, today: dt.date | None = None) -> Resume:
    return read_resume_bytes(_bytes(path), Path(path.name), today)


def read_resume_bytes(raw: bytes, path: Path, today: dt.date | None = None) -> Resume:
    """A resume from its bytes (an upload, kept in memory), read as its name's suffix says; `path` only
    names it in messages."""
    if not raw:
        raise InputError(f"{path.name}: the file is empty")
    if len(raw) > MAX_BYTES:
        raise _too_large(path, len(raw))
    kind = format_of(raw, path)  # RTF, an image, an archive: refused by name, not read as text
    if kind == "json":
        from rolemap.resume.jsonresume import from_json_resume

        return from_json_resume(_json(raw, path), path.name, today)
    notes: list[str] = []
    if kind == "pdf":
        text, notes = pdf_text(raw, path)
    elif kind == "docx":
        text = docx_text(raw, path)
    else:
        text = plain_text(decode_text(raw, path))
    if not text.strip():
        raise InputError(f"{path.name}: no text could be read from this resume")
    resume = from_text(text, path.name, today)
    return replace(resume, notes=[*notes, *resume.notes]) if notes else resume


def _too_large(path: Path, size: int) -> InputError:
    """The size to one decimal: 10.4 MB is not "10 MB … (limit 10 MB)"."""
    return InputError(
        f"{path.name}: {size / 2**20:.1f} MB is too large for a resume (limit {MAX_BYTES // 2**20} MB)"
    )


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(path, size)
        if size == 0:
            raise InputError(f"{path.name}: the file is empty")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a resume") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None


def _json(raw: bytes, path: Path) -> Any:
    try:
        return json.loads(decode_text(raw, path))
    except json.JSONDecodeError as e:
        raise InputError(f"{path.name}: not valid JSON (line {e.lineno})") from None
    except RecursionError:
        raise InputError(f"{path.name}: not a JSON Resume (nested too deeply to read)") from None


@cache
def _skills() -> SkillMatcher:
    return SkillMatcher(load_taxonomy())


@cache
def _practices() -> PhraseBook:
    return PhraseBook({f"practice/{k}": v for k, v in _words()["practices"].items() if not k.startswith("_")})


def listed_skills(line: str) -> list[str]:
    """The skills a line of a Skills section names: its heading is the technical context that a lone "Go",
    "Rust" or "Puppet" needs to be the technology, as a label's is ("Skills: Go")."""
    return skills_in(f"Skills: {line}", listing=True)


def skills_in(text: str, listing: bool = False) -> list[str]:
    """The taxonomy's skills a line names, then the practice skills its wording shows ("added test
    coverage" → unit-testing; data/resume.json `practices`). On a line that lists what a person knows
    (`listing`), a human language's level is none ("English (Fluent)": spoken.py)."""
    found = [
        m.skill.id for m in _skills().find(text) if not (listing and a_language_level(text, m.start, m.end))
    ]
    found += _practices().find(text).labels("practice")
    return list(dict.fromkeys(found))


def from_text(text: str, source: str, today: dt.date | None = None) -> Resume:
    """Sections from heading lines; in the experience section, role headers (a line with a date range, and
    the short title, employer and place lines around it) open a role and the lines after them are its
    bullets. A heading this module does not know (Publications, Awards) ends the section before it."""
    return _Outline(today or dt.date.today()).read(text, source)


class _Outline:
    """One pass over a resume's lines (see from_text)."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.sections: list[str] = []
        self.section: str | None = None
        self.level = 0  # the `#` count of the current section's heading (0: a plain line)
        self.roles: list[Role] = []
        self.loose: list[Bullet] = []
        self.listed: list[Bullet] = []
        self.pending: list[str] = []  # short header lines not yet given to a role
        self.head: list[str] | None = None  # the open role's heading parts
        self.dates: tuple[str | None, str | None] = (None, None)
        self.bullets: list[Bullet] = []
        self.stack: list[Bullet] = []  # the open role's technology lines ("Environment: Java, Oracle")
        self.stacks: list[list[Bullet]] = []  # each closed role's, in the order of self.roles
        self.last: Bullet | None = None  # the bullet a wrapped line continues
        self.short: tuple[str, int, bool] | None = (
            None  # a marked line of 1–2 words its next line may continue
        )
        self.wrapping: Bullet | None = None  # a technology line whose values go on on the next line
        self.sublabel: tuple[str, int] | None = None  # a heading inside Skills the next line decides
        self.day_first = False  # the resume writes a day before the month ("25/06/2019")

    def read(self, text: str, source: str) -> Resume:
        self.day_first = days_first(text)  # "25/06/2019" somewhere: its "05/06/2019" is 5 June too
        for n, line in enumerate(as_dashes(text.splitlines()), 1):
            self.line(n, line)
        self.close()
        notes = reading_notes(self.roles, self.sections)
        return finish(
            source, self.sections, self.roles, self.loose, self.today, self.listed, notes, self.stacks
        )

    def line(self, n: int, line: str) -> None:
        level = len(line) - len(line.lstrip("#")) if line.startswith("#") else 0
        stripped = unspaced(_EMPHASIS.sub("", line.strip().strip("#*_ ")).strip())
        if not stripped:
            return
        short, self.short = self.short, None
        # inside a role a short line of a section's words may head a part of it ("Overview", "Key
        # Technologies:"): read by its words only outside one, or written as a heading (capitals, `#`)
        kind = _section_of(stripped, by_words=self.head is None or level > 0 or stripped.isupper())
        if self.sublabel is not None:
            self._settle_sublabel(stripped if not kind else "")
        if (
            kind
            and self.section == "skills"
            and kind != "skills"
            and _a_technology_label(stripped.rstrip(":"))
        ):
            self.sublabel = (kind, level)  # "Languages" inside Skills: its items say which it is
            self.listed.append(Bullet(stripped, [], n))
            return
        if kind:
            self.close()
            self.section, self.level = kind, level
            self.sections.append(kind)
            return
        dates = DATE_RANGE.search(stripped)
        marked = bool(_BULLET.match(line))
        if level and not dates and self._ends_section(level):
            self.close()
            if self.sections:  # a `# Name` heading before the first section is none
                self.section, self.level = "other", level
                self.sections.append("other")
            return
        if self.section == "skills":
            item = _BULLET.sub("", stripped)
            self.listed.append(Bullet(item, listed_skills(item), n))
            return
        if self.section not in (None, "experience", "summary", "projects"):
            return  # education, publications, awards…: never roles, never bullets to coach
        wrapped, self.wrapping = self.wrapping, None
        if wrapped is not None and not marked and not dates and self._continue(wrapped, stripped):
            return
        if self._technology_line(n, _BULLET.sub("", stripped)):
            return
        in_roles = self.section in (None, "experience")
        if in_roles and dates and not marked and len(stripped) < 140 and dates_of_a_role(stripped, dates):
            self.open_role(DURATION.sub("", DATE_RANGE.sub("", stripped)), dates)
            return
        if in_roles and not marked and not DURATION.sub("", stripped).strip(" ·|,()"):
            return  # LinkedIn's "5 yrs 11 mos" under an employer: no heading's part, no bullet
        content = (
            _EMPHASIS.sub("", _BULLET.sub("", line)).strip().strip("*_ ").strip() if marked else stripped
        )
        if short is not None and not marked and content[:1].islower() and not _header_like(content):
            joined = join_wrapped(short[0], content)  # "- Automated Kuber-" / "netes cluster upgrades …"
            self.add_bullet(Bullet(joined, skills_in(joined), short[1]), short[2])
            return
        if (
            not marked
            and self.last is not None
            and content[:1].islower()
            and not self.pending
            and not _header_like(content)
        ):
            self.extend_last(content)  # a wrapped line of the bullet above
            return
        if in_roles and not marked and (level or _header_like(content)):
            self.pending.append(content)
            return
        if self.section is None and not marked:
            return  # the name, a tagline, contact lines
        if self.section == "summary" and not marked:
            return
        if len(content.split()) < 3:
            if marked:  # its next line may go on with it; no line goes on with the bullet before it
                self.short, self.last = (content, n, in_roles), None
            return
        self.add_bullet(Bullet(content, skills_in(content), n), in_roles)

    def _settle_sublabel(self, line: str) -> None:
        """A heading inside Skills that is also a section's ("Languages"): a sub-label of the skills when
        the line after it names technologies ("Python, Go"), its own section when it does not ("English,
        German"), or when a heading follows it (`line` empty). Its own section opens late, so the line
        after it is read in it and not listed as a skill."""
        kind, level = self.sublabel or ("other", 0)
        self.sublabel = None
        if line and listed_skills(_BULLET.sub("", line)):
            return
        self.listed.pop()  # the label, listed while undecided
        self.close()
        self.section, self.level = kind, level
        self.sections.append(kind)

    def _technology_line(self, n: int, line: str) -> bool:
        """A line that lists technologies under a label, outside a Skills section: "Skills: Python, Go" under
        the name, "Technical Skills: …" in a summary, "Environment: Java, Spring, Oracle" or "Tech stack: …"
        under a role. Its skills are listed, as a Skills section's are (a line to show, not a bullet to
        coach), and under a dated role they are that role's time too. A label that names no technology list
        ("Languages: English, French") or values with no skill in them are left to the other rules."""
        labelled = _LABELLED.match(line) or _LABEL_ALONE.match(line)
        if not labelled or not _a_technology_label(labelled["label"]):
            return False
        skills = skills_in(line, listing=True)  # the label is the technical context a lone "Go" needs
        alone = not labelled.groupdict().get("values")  # "Environment:" with its values on the next line
        if not skills and not alone:
            return False
        listed = Bullet(line, skills, n)
        if skills:
            self._keep(listed)
        if alone or line.rstrip().endswith(","):
            self.wrapping = listed  # its values go on on the next line
        return True

    def _keep(self, listed: Bullet, replacing: Bullet | None = None) -> None:
        """A technology line into the listed lines, and the open role's stack under a dated role."""
        in_a_role = self.head is not None and self.section in (None, "experience")
        for group, kept in ((self.listed, True), (self.stack, in_a_role)):
            if replacing in group:
                group[group.index(replacing)] = listed
            elif kept:
                group.append(listed)

    def _continue(self, wrapped: Bullet, line: str) -> bool:
        """The next line of a technology line that ends with a comma or its label ("Environment: C#, ASP.NET,
        / Azure Functions, Redis, Docker"): its values, where it names skills and no label of its own."""
        skills = skills_in(f"{wrapped.text} {line}", listing=True)
        if len(skills) <= len(wrapped.skills) or _LABELLED.match(line) or _section_of(line):
            return False
        joined = Bullet(f"{wrapped.text} {line}", skills, wrapped.line)
        self._keep(joined, replacing=wrapped if wrapped.skills else None)
        if line.rstrip().endswith(","):
            self.wrapping = joined
        return True

    def _ends_section(self, level: int) -> bool:
        if self.section == "experience" and self.level and level > self.level:
            return False  # `### Acme` under `## Experience`: a role header
        return level <= self.level if self.level else level <= 2

    def open_role(self, rest: str, dates: re.Match[str]) -> None:
        pending = self.pending
        self.close()
        parts = [*pending, rest.strip(" \t|,–-—()·*_")]
        self.head = [p for p in parts if p]
        self.dates = range_months(dates, self.today, self.day_first)
        self.pending = []

    def add_bullet(self, bullet: Bullet, in_roles: bool) -> None:
        if self.pending and in_roles:
            if self.head is not None and not self.bullets:
                self.head.extend(self.pending)  # the employer or place line under the dates
            else:
                pending = self.pending
                self.close()
                self.head, self.dates = pending, (None, None)  # a role without dates
            self.pending = []
        if self.head is not None and in_roles:
            self.bullets.append(bullet)
        else:
            self.loose.append(bullet)
        self.last = bullet

    def extend_last(self, content: str) -> None:
        last = self.last
        assert last is not None
        text = join_wrapped(last.text, content)
        joined = Bullet(text, skills_in(text), last.line)
        for group in (self.bullets, self.loose):
            if group and group[-1] is last:
                group[-1] = joined
        self.last = joined

    def close(self) -> None:
        if self.head is not None:
            heading = " · ".join(dict.fromkeys(self.head))
            self.roles.append(Role(heading, self.dates[0], self.dates[1], list(self.bullets)))
            self.stacks.append(self.stack)
        self.head, self.dates, self.pending, self.last = None, (None, None), [], None
        self.bullets, self.stack, self.wrapping = [], [], None  # a new role or section: no line goes on


def _header_like(line: str) -> bool:
    """A title, employer or place line: short, no full stop, most words capitalised or split by a
    separator ("Senior Engineer", "Acme Payments, Berlin", "Engineer at Acme")."""
    words = line.split()
    if not words or len(words) > 10 or line.rstrip().endswith((".", ";", ":")):
        return False
    if any(sep in line for sep in (" | ", " · ", " — ", " – ", " @ ")) or re.search(r"\bat [A-Z]", line):
        return True
    capital = sum(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return capital >= max(2, len(words) * 0.6) or (len(words) == 1 and words[0][:1].isupper())


def finish(
    source: str,
    sections: list[str],
    roles: list[Role],
    loose: list[Bullet],
    today: dt.date,
    listed: list[Bullet] | None = None,
    notes: list[str] | None = None,
    stacks: list[list[Bullet]] | None = None,
) -> Resume:
    """The Resume with each skill's years: the months of the dated roles whose bullets or technology lines
    (`stacks`, one list a role: "Environment: Java, Oracle") name it or a skill of its ecosystem (a Flask
    role is Python time: the taxonomy's parent column), overlaps counted once. A skill only listed (Skills
    section) or in undated bullets has 0 years; a parent never named anywhere is not added."""
    as_of = today.strftime("%Y-%m")
    listed = listed or []
    bullets = [b for r in roles for b in r.bullets] + loose
    named = {s for b in [*bullets, *listed] for s in b.skills}
    parents = _parents()
    years: dict[str, list[tuple[int, int]]] = {s: [] for s in named}
    for i, role in enumerate(roles):
        span = _interval(role, as_of)
        if not span:
            continue
        for b in role.bullets + (stacks[i] if stacks else []):
            for s in b.skills:
                for owner in (s, *_ancestors(s, parents)):
                    if owner in years:
                        years[owner].append(span)
    skills = {s: round(_years(spans), 1) for s, spans in sorted(years.items())}
    return Resume(
        source, list(dict.fromkeys(sections)), roles, bullets, skills, as_of, list(listed), list(notes or [])
    )


@cache
def _parents() -> dict[str, str]:
    return {e.id: e.parent for e in load_taxonomy().values() if e.parent}


def _ancestors(skill: str, parents: dict[str, str]) -> list[str]:
    out: list[str] = []
    while (skill := parents.get(skill, "")) and skill not in out and len(out) < 5:
        out.append(skill)
    return out


def _interval(role: Role, as_of: str) -> tuple[int, int] | None:
    if not role.start:
        return None
    start = _index(role.start)
    end = _index(role.end or as_of or dt.date.today().strftime("%Y-%m"))  # a resume sent back without as_of
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
