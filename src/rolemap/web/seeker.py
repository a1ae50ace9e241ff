"""The seeker's pages: a resume uploaded and read, its bullets coached, matched to a posting (from the
posting's page) or to a lane; and pay by level or scope and the target profile of a lane, with their
charts and tables. Plain forms, no script, like every page (pages.py).

A resume is read in memory and forgotten when the page is sent (seeker_api.py says how). The page that
shows it carries the parsed resume in a hidden form field, so that "Coach", "Match" and "Match in detail"
need no second upload; the server keeps nothing, and these pages are sent with `Cache-Control: no-store`
so the browser does not keep them on disk either. Closing the tab forgets the resume."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import Field, ValidationError, model_validator

from rolemap.analytics import market as market_lib
from rolemap.analytics.market import PayBy, Profile, pay_dimension
from rolemap.analytics.stats import MIN_FOR_HEADLINE
from rolemap.errors import InputError
from rolemap.present import charts
from rolemap.resume.match import MAX_EXPECTED_PAY
from rolemap.resume.read import Resume
from rolemap.web import api
from rolemap.web.pages import render
from rolemap.web.queries import LIST_PARAMETERS, PayDimension, PayQuery, RolePageQuery, every_family_by_family
from rolemap.web.seeker_api import MatchQuery, Received, lane_fit, posting_fit, received_resume

router = APIRouter(include_in_schema=False)
PAY_VIEWS = (
    "level",
    "scope",
    "system_type",
    "work_model",
    "language",
    "family",
)  # the links at the top of /pay
WORK_MODELS = ("remote", "hybrid", "onsite")


class PayPageQuery(RolePageQuery):
    """/pay: the role page's lane (backend roles unless `family` says) and the dimension to compare."""

    by: PayDimension = "level"  # the API's names (queries.py): level and seniority are one grouping
    min_cell: int = Field(5, ge=1, le=10_000)
    currency: str | None = Field(None, pattern=r"^[A-Za-z]{3}$")

    @model_validator(mode="before")
    @classmethod
    def _one_name_a_grouping(cls, data: Any) -> Any:
        """by=seniority is shown as the page names it (level); by=family compares every family."""
        if isinstance(data, dict) and data.get("by") == "seniority":
            data = {**data, "by": "level"}
        return every_family_by_family(data)

    def pay_query(self) -> PayQuery:
        return PayQuery.model_validate({**self.model_dump(exclude={"by"}), "by": pay_dimension(self.by)})


class ProfilePageQuery(RolePageQuery):
    min_share: float = Field(0.3, ge=0.0, le=1.0)


def _private(response: Response) -> Response:
    """A page holding a resume: never stored by the browser or a proxy."""
    response.headers["Cache-Control"] = "no-store"
    return response


# ---- resume: read, coach -------------------------------------------------------------------------


@router.get("/resume", response_class=HTMLResponse)
async def resume_page(request: Request) -> Response:
    return render(request, "resume.html.j2", {"got": None})


@router.post("/resume", response_class=HTMLResponse)
async def resume_read(request: Request) -> Response:
    got = await _received(request)
    return _private(render(request, "resume.html.j2", {"got": got, "r": got.resume, **read_view(got.resume)}))


def read_view(resume: Resume) -> dict[str, Any]:
    """What the read page lists beside the roles: the bullets outside any role, the skills by years, and
    what shows each skill (the first bullet that names it, or only the Skills section)."""
    in_roles = {(b.text, b.line) for role in resume.roles for b in role.bullets}
    loose = [b for b in resume.bullets if (b.text, b.line) not in in_roles]
    shown: dict[str, str] = {}
    for b in resume.bullets:
        for skill in b.skills:
            shown.setdefault(skill, f"a bullet, line {b.line}")
    for b in resume.listed:
        for skill in b.skills:
            shown.setdefault(skill, f"listed only (line {b.line}), no bullet shows it")
    skills = sorted(resume.skills.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = {skill: shown.get(skill, "its ecosystem (a related skill's bullets)") for skill, _ in skills}
    return {"loose": loose, "skills": skills, "shown": shown}


@router.post("/resume/coach", response_class=HTMLResponse)
async def resume_coach(request: Request) -> Response:
    from rolemap.resume.coach import QUESTIONS, coach

    got = await _received(request)
    reviews = coach(got.resume)
    counts = {v: sum(r.verdict == v for r in reviews) for v in ("strong", "ok", "weak")}
    context = {"got": got, "reviews": reviews, "counts": counts, "questions": QUESTIONS}
    return _private(render(request, "resume_coach.html.j2", context))


async def _received(request: Request) -> Received:
    request.app.state.guard.check_write(request)  # the token (when set) and the Origin, before the body
    return await received_resume(request, form_csrf=True)


# ---- match: a posting, a lane --------------------------------------------------------------------


@router.get("/match/{posting_id:path}", response_class=HTMLResponse)
async def match_posting_page(request: Request, posting_id: str) -> Response:
    record = api.posting_record(api.market_state(request), posting_id)
    return render(request, "resume_match.html.j2", {"p": record, "got": None, "fit": None})


@router.post("/match/{posting_id:path}", response_class=HTMLResponse)
async def match_posting(request: Request, posting_id: str) -> Response:
    record = api.posting_record(api.market_state(request), posting_id)  # 404 before any upload is read
    got = await _received(request)
    expect, want = _expect(got.field("expect")), got.field("want") or None
    if want not in (None, *WORK_MODELS):
        raise InputError(f"want {want[:20]!r}: use remote, hybrid or onsite")
    fit = posting_fit(request, posting_id, got.resume, expect, want)
    context = {"p": record, "got": got, "fit": fit, "expect": got.field("expect"), "want": want or ""}
    return _private(render(request, "resume_match.html.j2", context))


@router.get("/match", response_class=HTMLResponse)
async def match_lane_page(request: Request, query: Annotated[MatchQuery, Query()]) -> Response:
    return render(request, "resume_lane.html.j2", {"q": query, "got": None, "result": None})


@router.post("/match", response_class=HTMLResponse)
async def match_lane(request: Request) -> Response:
    got = await _received(request)
    query = lane_query(got.fields)
    result = lane_fit(request, query, got.resume)
    return _private(render(request, "resume_lane.html.j2", {"q": query, "got": got, "result": result}))


def lane_query(fields: dict[str, list[str]]) -> MatchQuery:
    """The lane filters a form sent (the same names as the market page's query string)."""
    data: dict[str, Any] = {}
    for name in MatchQuery.model_fields:
        if name in fields:
            data[name] = fields[name] if name in LIST_PARAMETERS else fields[name][0]
    try:
        return MatchQuery.model_validate(data)
    except ValidationError as e:
        error = e.errors()[0]
        where = ".".join(str(p) for p in error.get("loc", ())) or "filters"
        raise InputError(f"filters: {where}: {error.get('msg', 'invalid')}") from None


def _expect(text: str) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text.replace(",", "").strip())
    except ValueError:
        raise InputError(f"expected pay {text[:20]!r}: give a number, such as 120000") from None
    if not 0 <= value <= MAX_EXPECTED_PAY:
        raise InputError(f"expected pay: give a number between 0 and {MAX_EXPECTED_PAY:,.0f}")
    return value


# ---- pay by level and scope, the target profile ---------------------------------------------------


@router.get("/pay", response_class=HTMLResponse)
async def pay_page(request: Request, query: Annotated[PayPageQuery, Query()]) -> Response:
    pay_query = query.pay_query()
    p = api.pay_of(api.market_state(request), pay_query)
    context = {"p": p, "chart": pay_chart(p, query.by), "q": query, "filters": query.filters(),
               "api_filters": pay_query.filters(), "views": PAY_VIEWS,
               "model": getattr(p, "premiums", None), "premium_cell": premium_cell}  # fmt: skip
    return render(request, "pay.html.j2", context)


def premium_cell(premium: Any) -> str:
    """A cell's premium over the lane's baseline at the same level and place (analytics/premiums.py):
    the estimate with its 95% interval and n, or why there is none."""
    if premium is None:
        return "–"
    status = getattr(premium, "status", "")
    n = f"n = {premium.postings:,}"
    if status == "estimated" and premium.premium is not None:
        interval = f", 95% {premium.low:+.0%} to {premium.high:+.0%}" if premium.low is not None else ""
        return f"{premium.premium:+.0%} ({n}{interval})"
    return f"{status} ({n})" if status else "–"


def pay_chart(p: PayBy, by: str) -> str:
    """Each cell's middle half and median, its n in the label; cells without a median are left out (the
    table lists them)."""
    cells = [c for c in p.cells if c.pay.median is not None][:20]
    if not cells:
        return ""
    labels = [f"{c.value} (n={c.pay.count}{', too few' if c.too_few else ''})" for c in cells]
    return charts.pay_ranges(
        labels,
        [c.pay.p25 or 0 for c in cells],
        [c.pay.median or 0 for c in cells],
        [c.pay.p75 or 0 for c in cells],
        f"Yearly pay by {by.replace('_', ' ')} ({p.currency}): middle half and median",
    )


@router.get("/profile", response_class=HTMLResponse)
async def profile_page(request: Request, query: Annotated[ProfilePageQuery, Query()]) -> Response:
    state, lane = api.market_state(request), query.to_lane()
    snapshot = state.current()
    found: Profile = state.answer(  # the same key as /api/profile: one answer for both
        snapshot, ("profile", lane, query.min_share),
        lambda: market_lib.profile(snapshot.frame, lane, query.min_share),
    )  # fmt: skip
    context = {"p": found, "figures": profile_charts(found), "q": query, "filters": query.filters(),
               "too_few": found.roles < MIN_FOR_HEADLINE, "least": MIN_FOR_HEADLINE}  # fmt: skip
    return render(request, "profile.html.j2", context)


def profile_charts(p: Profile) -> dict[str, str]:
    out = {}
    for key, title, shares in (
        ("must", "Must-have: share of postings asking", p.must_have),
        ("nice", "Nice-to-have: share of postings asking", p.nice_to_have),
        ("languages", "Languages: share of postings naming each", p.languages),
    ):
        if shares:
            rows = shares[:20]
            out[key] = charts.bars(
                [f"{s.name} (n={s.count})" for s in rows], [s.share for s in rows], title, True
            )
    return out
