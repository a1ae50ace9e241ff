"""The role spec a hiring manager writes (YAML), read and checked: every problem names its field."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rolemap.errors import InputError
from rolemap.models import EMPLOYMENT_TYPES, LEVELS, SYSTEM_TYPES, WORK_MODELS

PERIODS = ("hour", "day", "week", "month", "year")
MAX_SPEC_BYTES = 256 * 1024


@dataclass(frozen=True)
class Salary:
    min: float
    max: float
    currency: str = "USD"
    period: str = "year"


@dataclass(frozen=True)
class RoleSpec:
    company: str
    title: str
    level: str
    language: str
    about: str = ""
    website: str = ""
    overview: str = ""
    stack: list[str] = field(default_factory=list)
    system_type: str = "product"
    work_model: str = "onsite"
    locations: list[str] = field(default_factory=list)
    remote_countries: list[str] = field(default_factory=list)
    employment_type: str = "full_time"
    responsibilities: list[str] = field(default_factory=list)
    must_have: list[str] = field(default_factory=list)
    nice_to_have: list[str] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    how_to_apply: str = ""
    salary: Salary | None = None
    date_posted: dt.date = field(default_factory=dt.date.today)
    valid_through: dt.date | None = None


@cache
def template() -> dict[str, Any]:
    """The seed's JD template as data (jd/data/template.yaml)."""
    raw = resources.files("rolemap.jd").joinpath("data/template.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(raw))


def load_spec(path: Path) -> RoleSpec:
    try:
        with path.open("rb") as f:
            data = f.read(MAX_SPEC_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read the role spec ({e.strerror or e})") from None
    if len(data) > MAX_SPEC_BYTES:
        raise InputError(f"{path}: larger than {MAX_SPEC_BYTES // 1024} KB; a role spec is a page of YAML")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})") from None
    try:
        data = yaml.load(raw, Loader=_SpecLoader)  # a SafeLoader that keeps dates as text
    except yaml.YAMLError as e:
        raise InputError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    return parse_spec(data, str(path))


class _SpecLoader(yaml.SafeLoader):
    """YAML's safe loader without its timestamp reading: a date stays text until `_date` reads it, so an
    impossible one ("2027-13-45") is an error that names its field, not PyYAML's ValueError."""


_SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_spec(data: Any, where: str = "role spec") -> RoleSpec:
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a mapping of fields (company, title, level, language, …)")
    company = data.get("company")
    name, about, website = (
        (company.get("name"), company.get("about", ""), company.get("website", ""))
        if isinstance(company, dict)
        else (company, data.get("about", ""), data.get("website", ""))
    )
    for key, value in (("company", name), ("title", data.get("title")), ("language", data.get("language"))):
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{where}: '{key}' is required (text)")
    choices = {
        "level": LEVELS,
        "system_type": SYSTEM_TYPES,
        "work_model": WORK_MODELS,
        "employment_type": EMPLOYMENT_TYPES,
    }
    picked = {}
    for key, allowed in choices.items():
        default = {"system_type": "product", "work_model": "onsite", "employment_type": "full_time"}.get(key)
        value = str(data.get(key, default) or "").strip().lower().replace("-", "_")
        if key == "work_model":
            value = value.replace("_", "")
        if value not in allowed:
            raise InputError(f"{where}: '{key}' must be one of {', '.join(allowed)} (got {data.get(key)!r})")
        picked[key] = value
    date_posted = _date(data.get("date_posted"), "date_posted", where) or dt.date.today()
    valid_through = _date(data.get("valid_through"), "valid_through", where)
    if valid_through is not None and valid_through < date_posted:
        raise InputError(
            f"{where}: 'valid_through' ({valid_through}) is before 'date_posted' ({date_posted}): "
            "the posting would expire before it is posted"
        )
    salary = _salary(data.get("salary"), where)
    locations = _strings(data.get("locations", data.get("location")), "locations", where)
    spec = RoleSpec(
        company=str(name).strip(),
        title=data["title"].strip(),
        language=data["language"].strip(),
        about=_text(about, "company.about", where),
        website=_text(website, "company.website", where),
        overview=_text(data.get("overview", ""), "overview", where),
        stack=_strings(data.get("stack"), "stack", where),
        locations=locations,
        remote_countries=_strings(data.get("remote_countries"), "remote_countries", where),
        responsibilities=_strings(data.get("responsibilities"), "responsibilities", where),
        must_have=_strings(data.get("must_have"), "must_have", where),
        nice_to_have=_strings(data.get("nice_to_have"), "nice_to_have", where),
        benefits=_strings(data.get("benefits"), "benefits", where),
        how_to_apply=_text(data.get("how_to_apply", ""), "how_to_apply", where),
        salary=salary,
        date_posted=date_posted,
        valid_through=valid_through,
        **picked,
    )
    if spec.work_model != "remote" and not locations:
        kind = "an on-site" if spec.work_model == "onsite" else "a hybrid"
        raise InputError(
            f"{where}: {kind} job needs a place of work: add 'locations: [\"City, Region, Country\"]' "
            "(or work_model: remote)"
        )
    return spec


def _text(value: Any, key: str, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: '{key}' must be text")
    return " ".join(value.split())


def _strings(value: Any, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise InputError(f"{where}: '{key}' must be a list of text items")
    return [" ".join(str(v).split()) for v in value if str(v).strip()]


def _salary(value: Any, where: str) -> Salary | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(
            f"{where}: 'salary' must be a mapping: {{min: 120000, max: 150000, currency: USD, period: year}}"
        )
    low, high = (_amount(value, key, where) for key in ("min", "max"))
    if not 0 < low <= high:
        raise InputError(f"{where}: 'salary' min must be positive and not above max ({low:g} > {high:g})")
    period = str(value.get("period", "year")).lower()
    if period not in PERIODS:
        raise InputError(f"{where}: 'salary.period' must be one of {', '.join(PERIODS)}")
    from rolemap.jd.pay_checks import pay_problem, range_problem

    if low < high and (problem := range_problem(low, high, period)):
        raise InputError(
            f"{where}: 'salary' {low:,.0f}–{high:,.0f} a {period}: {problem}; `jd lint` would flag it. "
            "Give the band you would pay for this role"
        )
    for key, amount in (("min", low), ("max", high)):
        if problem := pay_problem(amount, period):
            raise InputError(f"{where}: 'salary.{key}' {problem}. Give the band you would pay for this role")
    currency = str(value.get("currency", "USD")).upper()
    if len(currency) != 3 or not currency.isalpha():
        raise InputError(f"{where}: 'salary.currency' must be an ISO 4217 code such as USD or EUR")
    return Salary(low, high, currency, period)


def _amount(salary: dict[str, Any], key: str, where: str) -> float:
    """A salary end as a finite number: not text, a yes/no (YAML reads `true` as 1) or .inf/.nan."""
    value = salary.get(key)
    try:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError
        amount = float(value)  # text too: YAML reads 1e5 (no dot) as a string
    except OverflowError:  # an integer of hundreds of digits
        amount = math.inf
    except ValueError:
        shown = "nothing" if value is None else repr(value)[:40]
        raise InputError(f"{where}: 'salary.{key}' must be a number such as 120000 (got {shown})") from None
    if not math.isfinite(amount):
        shown = str(value) if len(str(value)) <= 20 else f"a {len(str(value))}-digit number"
        raise InputError(f"{where}: 'salary.{key}' must be a finite number (got {shown})")
    return amount


def _date(value: Any, key: str, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{where}: '{key}' must be a date like 2026-11-23 (got {str(value)!r})") from None
