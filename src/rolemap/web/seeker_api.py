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

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from rolemap.errors import InputError, RolemapError
from rolemap.resume.coach import BulletReview
from rolemap.resume.match import Fit, LaneFit
from rolemap.resume.read import MAX_BYTES, Bullet, Resume, Role
from rolemap.web import api
from rolemap.web.queries import MarketQuery, WorkModel
from rolemap.web.security import CSRF_FIELD, Forbidden, TooLarge, csrf_matches
from rolemap.web.uploads import check_upload, upload_name

log = logging.getLogger("rolemap.web")
SUFFIXES = (".pdf", ".docx", ".md", ".markdown", ".txt", ".text", ".json")
MAX_CARRIED = 1 << 20  # the parsed resume a form sends back: a real one is a few tens of kilobytes
_MONTH = r"^\d{4}-\d{2}$"
Text = Annotated[str, Field(max_length=5000)]
Name = Annotated[str, Field(max_length=200)]


class ResumeBullet(BaseModel):
    # strict: JSON's true is no line number, nor "3" a count (pydantic would coerce both)
    model_config = ConfigDict(extra="forbid", strict=True)
    text: Text
    skills: list[Name] = Field(max_length=200)
    line: int = Field(ge=0, le=10_000_000)


class ResumeRole(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    heading: Text
    start: str | None = Field(None, pattern=_MONTH)
    end: str | None = Field(None, pattern=_MONTH)
    bullets: list[ResumeBullet] = Field(max_length=500)


class ResumeRecord(BaseModel):
    """A resume as rolemap read it: what POST /api/resume answers, and what the other seeker endpoints
    take back instead of the file."""

    model_config = ConfigDict(extra="forbid", strict=True)
    source: Name
    sections: list[Name] = Field(max_length=100)
    roles: list[ResumeRole] = Field(max_length=200)
    bullets: list[ResumeBullet] = Field(max_length=2000, description="Every bullet, in roles or not.")
    skills: dict[Name, float] = Field(max_length=2000, description="Skill → years of use in dated roles.")
    as_of: str = Field("", pattern=r"^(\d{4}-\d{2})?$", description="The month a current role counts up to.")
    listed: list[ResumeBullet] = Field(default_factory=list, max_length=500, description="Skills lines.")
    notes: list[Text] = Field(default_factory=list, max_length=20, description="What could not be read.")

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
    except Exception as e:  # the multipart parser's own errors: a malformed body
        raise InputError(f"resume: the form cannot be read ({type(e).__name__})") from None
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
        error = e.errors()[0]
        where = ".".join(str(p) for p in error.get("loc", ())) or "record"
        raise InputError(
            f"resume: not a resume record from this server ({where}: {error.get('msg', 'invalid')})"
        ) from None


async def read_upload(request: Request, name: str, data: bytes) -> Resume:
    """An uploaded resume, read in a worker thread (a PDF's layout is CPU work) under the upload caps."""
    settings = request.app.state.settings
    return await run_in_threadpool(
        read_uploaded, name, data, settings.max_upload_bytes, settings.max_upload_lines
    )


def read_uploaded(name: str, data: bytes, max_bytes: int, max_lines: int) -> Resume:
    from rolemap.resume.read import read_resume_bytes

    if not name.lower().endswith(SUFFIXES):
        raise InputError(f"{name}: not a resume file; send a .pdf, .docx, .md, .txt or JSON Resume .json")
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if len(data) > MAX_BYTES:
        raise TooLarge(
            f"{name}: {len(data) / 2**20:.0f} MB is too large for a resume (limit {MAX_BYTES // 2**20} MB)"
        )
    check_upload(name, data, max_bytes, max_lines)
    try:
        return read_resume_bytes(data, Path(name))
    except RolemapError:
        raise
    except Exception as e:  # a reader's own failure: its message may quote the file, so only its kind is kept
        log.warning("a resume upload could not be read: %s", type(e).__name__)
        raise InputError(f"{name}: could not be read as a resume ({type(e).__name__})") from None


# ---- routes ------------------------------------------------------------------------------------

router = APIRouter(
    prefix="/api", tags=["seeker"], responses=api._ERRORS, dependencies=[Depends(api._one_value_each)]
)
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
    expect: Annotated[float | None, Query(ge=0, le=1e9, description="Your expected pay, in the posting's currency and period.")] = None,
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
    from rolemap.resume.match import match_record

    record = api.posting_record(api.market_state(request), posting_id)  # NotFound: 404
    return match_record(
        resume, posting_id, record["title"] or "", record.get("extraction") or {}, expect, want
    )


def lane_fit(request: Request, query: MatchQuery, resume: Resume) -> LaneFit:
    """The lane's postings ranked against the resume: computed per request (the resume is never a cache
    key, so nothing of it outlives the answer)."""
    from rolemap.resume.match import match_lane

    snapshot = api.market_state(request).current()
    return match_lane(resume, snapshot.frame, query.to_lane(), query.top)
