"""The query strings of the pages and the API, as checked models: one set of lane filters shared by every
view, so a market page, its postings list and its JSON are the same URL with a different path. Empty
form fields are dropped; free-text filters also take commas (language=go,python)."""

from __future__ import annotations

import difflib
from typing import Any, Literal

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, model_validator

from rolemap.analytics.covers import OPEN_MEANING
from rolemap.analytics.lane import Lane, city_parts, parse_window
from rolemap.analytics.listing import MAX_PAGE_SIZE
from rolemap.analytics.market import pay_dimension

Level = Literal["intern", "junior", "mid", "senior", "staff", "manager"]
WorkModel = Literal["remote", "hybrid", "onsite"]
Employment = Literal["full_time", "part_time", "contract", "internship", "temporary"]
SystemType = Literal["product", "data", "distributed", "platform", "security"]
Sort = Literal["newest", "oldest", "title", "company", "salary"]
Every = Literal["quarter", "month"]
# one set of names for the page, the API and the command line: `level` and `seniority` are one grouping
PayDimension = Literal[
    "level",
    "seniority",
    "system_type",
    "work_model",
    "language",
    "scope",
    "employment_type",
    "family",
    "country",
    "city",
]
Family = Literal[
    "backend",
    "fullstack",
    "frontend",
    "mobile",
    "data",
    "ml",
    "infra",
    "security",
    "qa",
    "embedded",
    "other_software",
    "non_software",
    "all",
]
MAX_VALUES = 20
_FREE_TEXT = frozenset(
    {"language", "skill", "company", "location", "source", "country", "city", "since", "until", "to", "q"}
)
_ONE_PERIOD = r"\d{4}(?:[-_ ]?(?:[Qq][1-4]|\d{1,2}))?"  # what lane.parse_period reads
A_PERIOD = rf"^{_ONE_PERIOD}$"
PERIOD = rf"^(?:{_ONE_PERIOD})?$"  # blank: no period (a blank form field)


class LaneFilters(BaseModel):
    model_config = ConfigDict(str_max_length=100)

    language: list[str] = Field(default_factory=list, max_length=MAX_VALUES)
    seniority: list[Level] = Field(default_factory=list)
    system_type: list[SystemType] = Field(default_factory=list)
    work_model: list[WorkModel] = Field(default_factory=list)
    employment_type: list[Employment] = Field(default_factory=list)
    skill: list[str] = Field(default_factory=list, max_length=MAX_VALUES)
    company: list[str] = Field(default_factory=list, max_length=MAX_VALUES)
    location: list[str] = Field(default_factory=list, max_length=MAX_VALUES)
    source: list[str] = Field(default_factory=list, max_length=MAX_VALUES)
    family: list[Family] = Field(default_factory=list, description="Role families; all: every role.")
    country: list[str] = Field(default_factory=list, max_length=MAX_VALUES)
    city: list[str] = Field(default_factory=list, max_length=MAX_VALUES)
    open: bool = Field(False, description=f"Only postings {OPEN_MEANING}.")

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, data: Any) -> Any:
        """A form's blank text fields mean "no filter"; choices (checkboxes) are never blank, so a blank
        one is refused like any other wrong value."""
        if not isinstance(data, dict):
            return data
        out = {}
        for key, value in data.items():
            if key in _FREE_TEXT and isinstance(value, list) and len(value) <= MAX_VALUES:
                value = [v for v in value if not (isinstance(v, str) and not v.strip())]
            if key in _FREE_TEXT and value in ("", []):
                continue
            out[key] = value
        return out

    def lane(self, since: str | None = None, until: str | None = None) -> Lane:
        def split(values: list[str]) -> tuple[str, ...]:
            return tuple(v.strip().lower() for item in values for v in item.split(",") if v.strip())

        start, end = parse_window(since, until, ("since", "until"))
        return Lane(
            language=split(self.language), seniority=tuple(self.seniority), system_type=tuple(self.system_type),
            work_model=tuple(self.work_model), employment_type=tuple(self.employment_type),
            skill=split(self.skill), company=split(self.company), location=split(self.location),
            source=split(self.source), family=tuple(f for f in self.family if f != "all"),
            country=split(self.country), city=city_parts(split(self.city)),
            since=start, until=end,
            open_only=self.open,
        )  # fmt: skip

    def filters(self) -> dict[str, Any]:
        """The non-default filters, for building links that keep them."""
        return {k: v for k, v in self.model_dump().items() if v not in ([], None, False, "")}


LIST_PARAMETERS = frozenset(
    name for name, f in LaneFilters.model_fields.items() if getattr(f.annotation, "__origin__", None) is list
)


def check_repeats(pairs: list[tuple[str, str]]) -> None:
    """A parameter that takes one value, given twice (limit=1&limit=2), is refused, not silently cut."""
    seen: set[str] = set()
    for name, _ in pairs:
        if name in seen and name not in LIST_PARAMETERS:
            raise ValueError(f"{name}: give it once (only the filters take several values)")
        seen.add(name)


class LaneQuery(LaneFilters):
    since: str | None = Field(None, pattern=PERIOD, description="First period: 2017, 2017Q1 or 2017-03.")
    until: str | None = Field(None, pattern=PERIOD, description="Last period, included.")

    def to_lane(self) -> Lane:
        return self.lane(self.since, self.until)


class PostingsQuery(LaneQuery):
    q: str = Field("", max_length=200, description="Words that must all occur (title, company, text).")
    sort: Sort = "newest"
    page: int = Field(1, ge=1, le=100_000)
    limit: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def _backend() -> list[Family]:
    return ["backend"]


class RolePageQuery(LaneQuery):
    """A lane of the role page: backend roles (the seed's "Backend Engineer" page) unless `family` says
    otherwise; family=all shows every role. The market, its pay and its target profile share it, as the
    command line's `market`, `pay` and `profile` do."""

    family: list[Family] = Field(
        default_factory=_backend, description="Role families (default backend); all: every role."
    )


class MarketQuery(RolePageQuery):
    top: int = Field(15, ge=1, le=200)
    skills_level: Literal["named", "parent"] = Field(
        "named", description="Top skills as postings name them, or rolled up to their parent (rhel → linux)."
    )


class PayQuery(RolePageQuery):
    family: list[Family] = Field(
        default_factory=_backend,
        description="Role families (default backend; with by=family, every family); all: every role.",
    )
    by: PayDimension = Field("seniority", description="The grouping; level and seniority are the same one.")
    min_cell: int = Field(5, ge=1, le=10_000)
    currency: str | None = Field(
        None,
        pattern=r"^[A-Za-z]{3}$",
        description="The currency of every figure (default USD), as --currency.",
    )

    @model_validator(mode="before")
    @classmethod
    def _every_family_by_family(cls, data: Any) -> Any:
        """Pay compared by family compares every family unless `family` names some."""
        return every_family_by_family(data)

    def dimension(self) -> str:
        """The grouping as the analytics name it (level → seniority)."""
        return pay_dimension(self.by)


def every_family_by_family(data: Any) -> Any:
    """Pay compared by family compares every family unless `family` names some (the page and the API)."""
    if isinstance(data, dict) and data.get("by") == "family" and not data.get("family"):
        return {**data, "family": ["all"]}
    return data


class ProfileQuery(RolePageQuery):
    min_share: float = Field(0.3, ge=0.0, le=1.0)


class TrendsQuery(LaneQuery):
    every: Every = "quarter"
    top: int = Field(8, ge=1, le=50)


class ChangesQuery(LaneFilters):
    since: str | None = Field(
        None,
        pattern=PERIOD,
        description="The earlier period (2017Q1, or 2017-03 with every=month); default: the complete period before `to`.",
    )
    to: str | None = Field(
        None, pattern=PERIOD, description="The later period (default: the newest complete one)."
    )
    every: Every = "quarter"
    alpha: float = Field(0.05, ge=0.0001, le=0.5)


async def known_parameters(request: Request) -> None:
    """A query parameter the route does not read is refused (422), naming the nearest it does: a typo
    such as `langauge=go` would otherwise answer for the whole market, as if for the lane asked."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = query_names(route)
    unknown = [name for name in dict.fromkeys(request.query_params) if name not in known]
    if unknown:
        raise RequestValidationError(
            [
                {"loc": ("query", name), "msg": unknown_parameter(name, known), "type": "extra_forbidden"}
                for name in unknown
            ]
        )


def query_names(route: APIRoute) -> frozenset[str]:
    """The query parameters a route reads: each query model's fields and each plain query parameter."""
    names = _ROUTE_NAMES.get(route.path_format + " ".join(sorted(route.methods or ())))
    if names is not None:
        return names
    found: set[str] = set()
    dependants = [route.dependant]
    while dependants:  # the route's own parameters and its dependencies'
        dependant = dependants.pop()
        dependants += dependant.dependencies
        for param in dependant.query_params:
            model = param.field_info.annotation
            if isinstance(model, type) and issubclass(model, BaseModel):
                found |= {f.alias or name for name, f in model.model_fields.items()}
            else:
                found.add(param.alias)
    names = _ROUTE_NAMES[route.path_format + " ".join(sorted(route.methods or ()))] = frozenset(found)
    return names


_ROUTE_NAMES: dict[str, frozenset[str]] = {}


def body_names(route: APIRoute) -> frozenset[str]:
    """The fields of a route's JSON body (its body model's), for naming a field it does not take."""
    found: set[str] = set()
    for param in route.dependant.body_params:
        model = param.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            found |= {f.alias or name for name, f in model.model_fields.items()}
    return frozenset(found)


def unknown_parameter(name: str, known: frozenset[str], body: bool = False) -> str:
    """ "not a parameter here; did you mean language?"; of a body's field, "not a field of this body; it
    takes notes, salary, …" (`body`)."""
    near = difflib.get_close_matches(name.lower(), sorted(known), n=1, cutoff=0.6)
    takes = "it takes" if body else "this route takes"
    hint = f"; did you mean {near[0]}?" if near else f"; {takes} {', '.join(sorted(known)) or 'none'}"
    return f"not a {'field of this body' if body else 'parameter here'}{hint}"
