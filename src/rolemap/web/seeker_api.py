"""The seeker tools as JSON under /api: a resume read, its bullets coached, matched to a posting or to a
lane. And the one way every seeker route (these and the pages of seeker.py) receives a resume.

A resume is personal data. An upload is read in memory for the request and forgotten: nothing is stored,
nothing written to disk, nothing logged (the access log shows the path only; messages name the file and
what is wrong, never its content; a reader that fails unexpectedly is reported by the kind of its error
alone). So that a person need not upload again for each step, the answer of POST /api/resume (and the
resume page) is the parsed resume itself, which the next request may send back instead of the file: the
record (`ResumeRecord`) is checked like any other input, and tampering with it can only change its own
sender's answers. Writes' rules apply (security.py): the token when the server has one, the Origin, and
on the pages the CSRF token."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from rolemap.errors import InputError, RolemapError
from rolemap.resume.coach import BulletReview
from rolemap.resume.match import MAX_EXPECTED_PAY, Fit, LaneFit
from rolemap.resume.read import MAX_BYTES, Bullet, Resume, Role
from rolemap.resume.text_files import READABLE, SUFFIXES, TEXT_SUFFIXES
from rolemap.web import api
from rolemap.web.queries import MarketQuery, WorkModel
from rolemap.web.security import CSRF_FIELD, Forbidden, TooLarge, csrf_matches
from rolemap.web.uploads import check_upload, upload_name

log = logging.getLogger("rolemap.web")
MAX_CARRIED = 1 << 20  # the parsed resume a form sends back: a real one is a few tens of kilobytes
# The limits of a resume record: what an upload is fitted to when it is read (fit_record) and what a record
# sent back is checked against (ResumeRecord), so the server never answers with a record it would refuse.
MAX_TEXT = 5000  # a bullet, a role's heading, a note: characters
MAX_NAME = 200  # a skill, a section, the file's name
MAX_ROLES, MAX_ROLE_BULLETS, MAX_BULLETS = 200, 500, 2000
MAX_LISTED, MAX_SKILLS, MAX_SECTIONS, MAX_NOTES, MAX_BULLET_SKILLS = 500, 2000, 100, 20, 200
MAX_YEARS = 100.0  # a skill's years of use
_MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
Text = Annotated[str, Field(max_length=MAX_TEXT)]
Name = Annotated[str, Field(max_length=MAX_NAME)]
Years = Annotated[float, Field(ge=0, le=MAX_YEARS, allow_inf_nan=False)]


class ResumeBullet(BaseModel):
    # strict: JSON's true is no line number, nor "3" a count (pydantic would coerce both)
    model_config = ConfigDict(extra="forbid", strict=True)
    text: Text
    skills: list[Name] = Field(max_length=MAX_BULLET_SKILLS)
    line: int = Field(ge=0, le=10_000_000)


class ResumeRole(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    heading: Text
    start: str | None = Field(None, pattern=_MONTH)
    end: str | None = Field(None, pattern=_MONTH)
    bullets: list[ResumeBullet] = Field(max_length=MAX_ROLE_BULLETS)


class ResumeRecord(BaseModel):
    """A resume as rolemap read it: what POST /api/resume answers, and what the other seeker endpoints
    take back instead of the file."""

    model_config = ConfigDict(extra="forbid", strict=True)
    source: Name
    sections: list[Name] = Field(max_length=MAX_SECTIONS)
    roles: list[ResumeRole] = Field(max_length=MAX_ROLES)
    bullets: list[ResumeBullet] = Field(max_length=MAX_BULLETS, description="Every bullet, in roles or not.")
    skills: dict[Name, Years] = Field(
        max_length=MAX_SKILLS, description="Skill → years of use in dated roles."
    )
    as_of: str = Field(
        "", pattern=r"^(\d{4}-(0[1-9]|1[0-2]))?$", description="The month a current role counts up to."
    )
    listed: list[ResumeBullet] = Field(
        default_factory=list, max_length=MAX_LISTED, description="Skills lines."
    )
    notes: list[Text] = Field(
        default_factory=list, max_length=MAX_NOTES, description="What could not be read."
    )

    def resume(self) -> Resume:
        def bullet(b: ResumeBullet) -> Bullet:
            return Bullet(b.text, list(b.skills), b.line)

        roles = [Role(r.heading, r.start, r.end, [bullet(b) for b in r.bullets]) for r in self.roles]
        return Resume(
            self.source, list(self.sections), roles, [bullet(b) for b in self.bullets], dict(self.skills),
            self.as_of, [bullet(b) for b in self.listed], list(self.notes),
        )  # fmt: skip


class MatchQuery(MarketQuery):
    """A lane to match against: the market page's filters (backend roles unless `family` says)."""

    top: int = Field(20, ge=1, le=200, description="How many postings to rank.")


class CoachAnswer(BaseModel):
    bullets: list[BulletReview]


@dataclass(frozen=True)
class Received:
    """A resume a request brought (an upload, or the record of an earlier one) and its other form fields."""

    resume: Resume
    fields: dict[str, list[str]]

    @property
    def carried(self) -> str:
        """The parsed resume as JSON, for the next form's hidden field."""
        return json.dumps(self.resume.as_dict(), ensure_ascii=False, separators=(",", ":"))

    def field(self, name: str) -> str:
        return (self.fields.get(name) or [""])[0]


async def received_resume(request: Request, form_csrf: bool = False) -> Received:
    """The resume of a multipart form (field `file`: PDF, DOCX, Markdown/text, JSON Resume; or field
    `resume`: the record an earlier answer gave), of a urlencoded form (`resume`), or a JSON body (the
    record itself). Its other fields come back as they are. `form_csrf`: a page's form, whose CSRF token
    is checked before the upload is read."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json" and not form_csrf:
        body = await request.body()
        return Received(record_resume(body), {})
    if kind not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise InputError(
            f"resume: send a multipart upload (field 'file') or the JSON of a read resume, not {kind or 'no content type'}"
        )
    upload: UploadFile | None = None
    fields: dict[str, list[str]] = {}
    try:
        async with request.form(max_files=1, max_fields=80, max_part_size=MAX_CARRIED) as form:
            for key, value in form.multi_items():
                if isinstance(value, str):
                    fields.setdefault(key, []).append(value)
                elif key == "file" and value.filename:
                    upload = value
            if form_csrf and not csrf_matches(request, (fields.get(CSRF_FIELD) or [""])[0]):
                raise Forbidden("the form's CSRF token is missing or stale: reload the page and try again")
            if upload is not None:
                name, data = upload_name(upload.filename), await upload.read()
                return Received(await read_upload(request, name, data), fields)
    except RolemapError:
        raise
    except Exception as e:  # the multipart parser's own errors: a malformed body, two files, 81 fields
        # Starlette's words name the rule broken ("Too many files. Maximum number of files is 1."), never
        # the body's content
        said = str(getattr(e, "detail", "") or getattr(e, "message", "") or type(e).__name__)
        raise InputError(f"resume: the form cannot be read: {said[:200]}") from None
    carried = fields.get("resume", [""])[0]
    if not carried.strip():
        raise InputError("resume: choose a file (PDF, DOCX, Markdown, text or JSON Resume)")
    return Received(record_resume(carried), fields)


def record_resume(body: str | bytes) -> Resume:
    """A resume record sent back (ResumeRecord); a bad one is one line that names what is wrong in it,
    never its values."""
    if len(body) > MAX_CARRIED:
        raise InputError(f"resume: the record is larger than {MAX_CARRIED // 1024} KB; upload the file again")
    try:
        return ResumeRecord.model_validate_json(body).resume()
    except ValidationError as e:
        raise InputError(f"resume: not a resume record from this server ({_where(e)})") from None


def _where(error: ValidationError) -> str:
    """The first problem of a record: where it is and the rule it breaks, never the value."""
    first = error.errors(include_input=False, include_url=False)[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "record"
    if first.get("type") == "string_pattern_mismatch" and "(0[1-9]|1[0-2])" in str(first.get("ctx", {})):
        return f"{where}: not a month; use YYYY-MM, months 01 to 12"
    return f"{where}: {first.get('msg', 'invalid')}"


async def read_upload(request: Request, name: str, data: bytes) -> Resume:
    """An uploaded resume, read in a worker thread (a PDF's layout is CPU work) under the upload caps."""
    settings = request.app.state.settings
    return await run_in_threadpool(
        read_uploaded, name, data, settings.max_upload_bytes, settings.max_upload_lines
    )


def read_uploaded(name: str, data: bytes, max_bytes: int, max_lines: int) -> Resume:
    from rolemap.resume.read import read_resume_bytes

    if not name.lower().endswith(SUFFIXES):  # said as the CLI says it (resume/text_files.format_of)
        suffix = Path(name).suffix.lower()
        kind = f"a {suffix} file" if suffix else "a file without a suffix here"
        raise InputError(f"{name}: rolemap cannot read {kind}; send {READABLE}")
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if len(data) > MAX_BYTES:
        raise TooLarge(
            f"{name}: {len(data) / 2**20:.1f} MB is too large for a resume (limit {MAX_BYTES // 2**20} MB)"
        )
    if name.lower().endswith(_TEXT_SUFFIXES) and len(data) > MAX_CARRIED:  # refused before a long read
        raise TooLarge(
            f"{name}: {len(data) / 2**20:.1f} MB of text is more than a resume record carries "
            f"(limit {MAX_CARRIED // 1024} KB); a resume is a few pages"
        )
    check_upload(name, data, max_bytes, max_lines)
    try:
        resume = read_resume_bytes(data, Path(name))
    except RolemapError:
        raise
    except Exception as e:  # a reader's own failure: its message may quote the file, so only its kind is kept
        log.warning("a resume upload could not be read: %s", type(e).__name__)
        raise InputError(f"{name}: could not be read as a resume ({type(e).__name__})") from None
    return fit_record(resume, name)


_TEXT_SUFFIXES = (*TEXT_SUFFIXES, ".json")  # their bytes are mostly the record's text


def fit_record(resume: Resume, name: str) -> Resume:
    """A resume read from an upload fitted to the limits of a record (ResumeRecord), so that its answer and
    the hidden field of its page are records this server takes back: a text over MAX_TEXT characters (a
    bullet, a heading) is cut, with a note; more roles, bullets or skills than a record holds, or a record
    over MAX_CARRIED, is refused with the limit named (a 400 or 413, never a 500)."""
    cut = 0

    def fitted(text: str, limit: int = MAX_TEXT) -> str:
        nonlocal cut
        if len(text) <= limit:
            return text
        cut += 1
        return text[: limit - 1] + "…"

    def bullet(b: Bullet) -> Bullet:
        return Bullet(fitted(b.text), [fitted(s, MAX_NAME) for s in b.skills[:MAX_BULLET_SKILLS]], b.line)

    counts = [
        ("roles", len(resume.roles), MAX_ROLES), ("bullets", len(resume.bullets), MAX_BULLETS),
        ("bullets in one role", max((len(r.bullets) for r in resume.roles), default=0), MAX_ROLE_BULLETS),
        ("lines of skills", len(resume.listed), MAX_LISTED), ("skills", len(resume.skills), MAX_SKILLS),
        ("sections", len(resume.sections), MAX_SECTIONS),
    ]  # fmt: skip
    for what, count, limit in counts:
        if count > limit:
            raise InputError(f"{name}: {count:,} {what}; a resume read here holds at most {limit:,}")
    roles = [Role(fitted(r.heading), r.start, r.end, [bullet(b) for b in r.bullets]) for r in resume.roles]
    bullets, listed = [bullet(b) for b in resume.bullets], [bullet(b) for b in resume.listed]
    notes = [fitted(n) for n in resume.notes]
    if cut:
        notes.append(f"{cut} text(s) longer than {MAX_TEXT:,} characters were cut to that length")
    fit = Resume(
        fitted(resume.source, MAX_NAME), [fitted(s, MAX_NAME) for s in resume.sections], roles, bullets,
        {fitted(k, MAX_NAME): v for k, v in resume.skills.items()}, resume.as_of, listed, notes[-MAX_NOTES:],
    )  # fmt: skip
    size = len(Received(fit, {}).carried.encode())
    if size > MAX_CARRIED:
        raise TooLarge(
            f"{name}: the resume read is {size // 1024:,} KB; a resume record carries at most {MAX_CARRIED // 1024} KB"
        )
    try:
        ResumeRecord.model_validate(fit.as_dict())
    except ValidationError as e:  # a value the readers made that no record holds: named, never shown
        raise InputError(f"{name}: the resume read is not a record this server keeps ({_where(e)})") from None
    return fit


# ---- routes ------------------------------------------------------------------------------------


def _not_stored(response: Response) -> None:
    """Every answer here holds a resume (read, coached or matched): never stored by a browser or a proxy."""
    response.headers["Cache-Control"] = "no-store"


router = APIRouter(
    prefix="/api", tags=["seeker"], responses=api._ERRORS,
    dependencies=[Depends(api._one_value_each), Depends(_not_stored)],
)  # fmt: skip
_RESUME_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "PDF, DOCX, Markdown/text or JSON Resume"},
                        "resume": {"type": "string", "description": "or: the JSON of POST /api/resume's answer"},
                    },
                }
            },
            "application/json": {"schema": {"$ref": "#/components/schemas/ResumeRecord"}},
        },
    }
}  # fmt: skip


@router.post(
    "/resume", response_model=ResumeRecord, openapi_extra=_RESUME_BODY,
    summary="Read a resume: sections, dated roles, bullets with their skills, years per skill (nothing kept)",
)  # fmt: skip
async def api_resume(request: Request) -> dict[str, Any]:
    request.app.state.guard.check_write(request)
    return (await received_resume(request)).resume.as_dict()


@router.post(
    "/resume/coach", response_model=CoachAnswer, openapi_extra=_RESUME_BODY,
    summary="Each bullet against the guide's four questions, with a rewrite in its own words",
)  # fmt: skip
async def api_coach(request: Request) -> dict[str, Any]:
    from rolemap.resume.coach import coach

    request.app.state.guard.check_write(request)
    resume = (await received_resume(request)).resume
    return {"bullets": [r.as_dict() for r in coach(resume)]}


@router.post(
    "/match/{posting_id:path}", response_model=Fit, openapi_extra=_RESUME_BODY,
    summary="A resume against a stored posting: each requirement met, partly, listed or missing, with its line",
    description="`stack`: the skills the posting only says the company uses, matched the same way but counted in no total.",
)  # fmt: skip
async def api_match_posting(
    request: Request,
    posting_id: str,
    expect: Annotated[float | None, Query(ge=0, le=MAX_EXPECTED_PAY, description="Your expected pay, in the posting's currency and period.")] = None,
    want: Annotated[WorkModel | None, Query(description="The work model you want.")] = None,
) -> dict[str, Any]:  # fmt: skip
    request.app.state.guard.check_write(request)
    resume = (await received_resume(request)).resume
    return posting_fit(request, posting_id, resume, expect, want).as_dict()


@router.post(
    "/match", response_model=LaneFit, openapi_extra=_RESUME_BODY,
    summary="A resume against a lane (backend unless family says): ranked postings and the skills to learn next",
)  # fmt: skip
async def api_match_lane(request: Request, query: Annotated[MatchQuery, Query()]) -> dict[str, Any]:
    request.app.state.guard.check_write(request)
    resume = (await received_resume(request)).resume
    return lane_fit(request, query, resume).as_dict()


def posting_fit(
    request: Request, posting_id: str, resume: Resume, expect: float | None = None, want: str | None = None
) -> Fit:
    from rolemap.resume.match import match_record, posting_title

    record = api.posting_record(api.market_state(request), posting_id)  # NotFound: 404
    return match_record(
        resume, posting_id, posting_title(record), record.get("extraction") or {}, expect, want
    )


def lane_fit(request: Request, query: MatchQuery, resume: Resume) -> LaneFit:
    """The lane's postings ranked against the resume: computed per request (the resume is never a cache
    key, so nothing of it outlives the answer)."""
    from rolemap.resume.match import match_lane

    snapshot = api.market_state(request).current()
    return match_lane(resume, snapshot.frame, query.to_lane(), query.top)
