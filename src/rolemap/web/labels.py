"""Your own labels on the web: a form a field on the posting page (`_labels.html.j2`, included there), and
the API: `PUT` / `DELETE /api/postings/{id}/labels/{field}`, `GET /api/labels` and `GET /api/labels/export`
(JSON Lines in the labels format of ../shared/eval/score.py). Writes are guarded like the tracker's (token
or session, Origin, and the form's CSRF token); each rewrites the posting's rows in one transaction and
tells the market state to look at the store again, so every figure uses the correction at once."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from rolemap.errors import NotFound
from rolemap.extract.corrections import (
    FIELDS,
    RECORD_KEY,
    SET_BY_YOU,
    check_field,
    choices,
    parse_text,
    user_mark,
    value_text,
)
from rolemap.store.corrections import clear_corrections, corrected_labels, list_corrections, set_correction
from rolemap.web import api, pages

router = APIRouter(tags=["labels"], responses=api._ERRORS, dependencies=api.CHECKED_QUERY)
MAX_FORM_VALUE = 20_000  # the longest list a form field takes (200 skills or places)
_FIELD_DOC = "One of: " + ", ".join(FIELDS)
NAMES = {
    "seniority": "level", "work_model": "work model", "employment_type": "employment",
    "primary_language": "main language", "languages": "languages", "years_min": "minimum years",
    "system_types": "system types", "role_families": "role families", "skills": "skills",
    "company": "company", "title": "title", "salary": "salary", "locations": "places",
}  # fmt: skip
HINTS = {
    "skills": "python,django,docker? (? = nice to have)",
    "salary": "120000-150000,USD,year",
    "locations": "Berlin:DE,US",
    "years_min": "5",
}


def label_rows(record: dict[str, Any] | None) -> list[dict[str, Any]]:
    """What the posting page's label forms show, a field each: the value as typed, whether you set it (and
    what the extractor had read), and the choices of a closed set."""
    record = record or {}
    rows = []
    for field in FIELDS:
        key = RECORD_KEY[field]
        mine = user_mark(record, key)
        closed = choices(field)
        single = closed if field not in ("languages", "system_types", "role_families") else ()
        rows.append(
            {
                "field": field, "name": NAMES[field], "text": value_text(field, record.get(key)),
                "mine": mine is not None, "set_at": str((mine or {}).get("set_at") or "")[:10],
                "was": value_text(field, mine.get("was")) if mine else "",
                "choices": single, "hint": HINTS.get(field, ", ".join(closed)), "set_by_you": SET_BY_YOU,
            }
        )  # fmt: skip
    return rows


# The posting page includes `_labels.html.j2`, which calls this (pages.py builds the page's context).
pages.share_with_templates("label_rows", label_rows)


# ---- the posting page's forms --------------------------------------------------------------------


@router.post("/labels/{posting_id:path}", include_in_schema=False)
def label_form(
    request: Request,
    posting_id: str,
    field: Annotated[str, Form(max_length=40)] = "",
    value: Annotated[str, Form(max_length=MAX_FORM_VALUE)] = "",
    action: Annotated[str, Form(max_length=10)] = "set",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    request.app.state.guard.check_write(request, form_csrf=csrf_token)
    state = api.market_state(request)
    check_field(field)
    if action == "clear":
        clear_corrections(state.store, posting_id, [field])
    else:
        set_correction(state.store, posting_id, field, parse_text(field, value), datetime.now(UTC))
    state.invalidate()
    return RedirectResponse(f"/postings/{quote(posting_id, safe='')}#label-{field}", status_code=303)


# ---- the API ---------------------------------------------------------------------------------------


class LabelValue(BaseModel):
    model_config = ConfigDict(extra="forbid")  # {"value": …, "foo": 1} is refused, naming foo

    value: Any = Field(
        description="The field's value in JSON: a level, a list of ids, a salary {min, max, currency, period}, "
        "places [{city, country}], skills [{id, required}] or ids; null: the posting states none."
    )


class Correction(BaseModel):
    posting_id: str
    field: str
    value: Any
    set_at: str


class CorrectionList(BaseModel):
    fields: list[str] = Field(description="The fields you can correct")
    corrections: list[Correction]


@router.put(
    "/api/postings/{posting_id:path}/labels/{field}", response_model=Correction,
    summary="Correct one field of a posting (your own label): it wins over the extractor everywhere",
)  # fmt: skip
def api_set_label(request: Request, posting_id: str, field: str, body: LabelValue) -> dict[str, Any]:
    request.app.state.guard.check_write(request)
    state = api.market_state(request)
    done = set_correction(state.store, posting_id, field, body.value, datetime.now(UTC))
    state.invalidate()
    return done.as_dict()


@router.delete(
    "/api/postings/{posting_id:path}/labels/{field}", status_code=204,
    summary="Forget a correction: the extractor's value comes back",
)  # fmt: skip
def api_clear_label(request: Request, posting_id: str, field: str) -> Response:
    request.app.state.guard.check_write(request)
    state = api.market_state(request)
    if not clear_corrections(state.store, posting_id, [field]):
        raise NotFound(f"posting {posting_id[:200]!r}: no correction of {field}")
    state.invalidate()
    return Response(status_code=204)


@router.get("/api/labels", response_model=CorrectionList, summary="Your corrections, by posting and field")
async def api_labels(request: Request) -> dict[str, Any]:
    found = list_corrections(api.market_state(request).store)
    return {"fields": list(FIELDS), "corrections": [c.as_dict() for c in found]}


@router.get(
    "/api/labels/export", summary="Your corrections as labels for ../shared/eval/score.py (JSON Lines)",
    responses={200: {"description": "One line a corrected posting: its id and corrected fields",
                     "content": {"application/x-ndjson": {"schema": {"type": "string"}}}}},
)  # fmt: skip
async def api_labels_export(request: Request) -> Response:
    labels = corrected_labels(api.market_state(request).store)
    return Response(
        "".join(json.dumps(label, ensure_ascii=False) + "\n" for label in labels),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="rolemap-labels.jsonl"'},
    )
