"""The board's facts first: where a source states a fact (employment type, work model, salary, seniority,
company, places), that is the record's value, and what the text says fills only what the source leaves out.

A source names its facts in `Posting.source_fields["facts_from"]` (sources/facts.py). Here each is put into
the contract's value sets (`full_time` … `temporary`; `remote` / `hybrid` / `onsite`; a salary
`{min, max, currency, period}` with an ISO 4217 code and a period of hour / day / week / month / year; the
contract's seniority levels; places as `Location(city, ISO 3166-1 alpha-2 country)`) and written over the
text's value. `Extraction.source_facts[field]` says where a value came from ("lever:salaryRange",
"csv:min_salary"); the text's evidence spans for that field are kept when they agree with the source and
dropped when they do not. A value that does not fit the contract (LinkedIn's "Volunteer", a salary with
no currency) is no fact, and the text's value stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Any

from rolemap.extract.company_names import clean_company, clean_typed_company, typed_company_name
from rolemap.extract.document import Document
from rolemap.extract.salary import amount_of, extract_salary
from rolemap.models import MAX_PAY, Extraction, Location, Posting, Span
from rolemap.sources.fact_values import (
    employment_type_of,
    period_of,
    remote_flag,
    seniority_of,
    work_model_of,
)
from rolemap.text.clean import document_text

FACTS_FROM = "facts_from"  # the key sources/facts.py writes
MAX_COMPANY_CHARS = 200


def apply_source_facts(extraction: Extraction, posting: Posting, text: str | None = None) -> Extraction:
    """`extraction` with every fact `posting`'s source states in place of the text's value. `text`: the
    posting's document text when the caller has it (text.document_text), so it is not made twice."""
    origins = _origins_of(posting)
    changes: dict[str, Any] = {}
    stated: dict[str, str] = {}
    for field, read in _READERS:
        origin, value = read(posting, origins)
        if origin is None:
            continue
        changes[field] = value
        stated[field] = origin
    owner = board_owner(posting, extraction.company, text) if "company" not in changes else None
    if owner is not None:
        stated["company"], owner_span = owner
        changes["company"] = owner_span.text
    if not changes:
        return extraction
    evidence = dict(extraction.evidence)
    for field, value in changes.items():
        if not _same(field, getattr(extraction, field), value):
            evidence.pop(field, None)
    if owner is not None:
        evidence["company"] = (owner_span,)
    if "salary" in changes and not (
        extraction.salary_families and _same("salary", extraction.salary, changes["salary"])
    ):
        # a board's salary field is its one job's: it counts for every family the posting's roles are of (the
        # text's salary ties to the role it is written under; a board's, stated apart, to no one role)
        changes["salary_families"] = extraction.role_families if changes["salary"] else ()
    if "seniority" in changes and len(extraction.roles) == 1:
        changes["roles"] = (replace(extraction.roles[0], seniority=changes["seniority"]),)
    return replace(
        extraction, **changes, evidence=evidence, source_facts={**extraction.source_facts, **stated}
    )


def company_the_text_leaves_out(extraction: Extraction, posting: Posting, text: str = "") -> Extraction:
    """`extraction` with the company the posting's own field states (a contract input's `company`) where
    the text names none. The extraction record's company is the text's reading (the spec: "as the text
    gives it"; a recruiter's posting names the client it hires for), so the field only fills its gap and
    `source_facts` says where the name came from; ingestion writes a stated company over the text's.
    Where the text names the company, the field only says where that name ends (`_as_the_source_ends_it`).
    `text`: the document text the extraction's evidence points into."""
    origin, name = _company_fact(posting, _origins_of(posting))
    if extraction.company is not None:
        return _as_the_source_ends_it(extraction, name, text) if origin and text else extraction
    if origin is None:
        return extraction
    cleaned = clean_typed_company(name)
    if not cleaned or not typed_company_name(cleaned):
        return extraction
    return replace(extraction, company=cleaned, source_facts={**extraction.source_facts, "company": origin})


def _as_the_source_ends_it(extraction: Extraction, stated: str, text: str) -> Extraction:
    """The text's company read as the whole name the source states, where the text's is its first words and
    the text writes the whole name too: "Stavis" of "Stavis Seafoods, A Profand Company" is Stavis Seafoods,
    "Morgan" The Morgan Library & Museum where the text opens "The Morgan Library & Museum invites
    applications", when the board's company column says so; a text that never writes the whole name ("About
    SKF" under "SKF Group") keeps its own. The name stays the text's words, with their evidence."""
    if not extraction.company or "|" in stated or not _a_shorter_form(extraction.company, stated):
        return extraction  # "Swagelok Pittsburgh | Tri-State Area": a board's page title, not a name
    # written as a name (not "stavis seafoods" in a sentence, "STAVIS SEAFOODS" in a header; the column's
    # "RUSH University Medical Center" is the text's "Rush University Medical Center"), and not the start of
    # a longer name ("Google Cloud" of "Google Cloud Platform is a plus")
    longer = "" if stated.endswith(".") else r"(?!\s+(?-i:[A-Z]))"  # "Inc. The …": a new sentence
    pattern = r"(?<!\w)" + re.escape(stated).replace("'", "['’]").replace("’", "['’]") + r"(?!\w)" + longer
    whole = next((m for m in re.finditer(pattern, text, re.I) if _written_as_a_name(m.group())), None)
    name = clean_company(whole.group()) if whole else None
    if not whole or not name or len(name) <= len(extraction.company):
        return extraction
    spans = extraction.evidence.get("company") or ()
    evidence = {
        **extraction.evidence,
        "company": (Span(whole.start(), whole.end(), whole.group()), *spans[1:]),
    }
    return replace(extraction, company=name, evidence=evidence)


def _written_as_a_name(words: str) -> bool:
    """Each word capitalised, save the small ones that join a name ("Big Brothers Big Sisters of Broward"), and
    not all in capitals (a header's shout)."""
    parts = re.findall(r"[^\W\d_][\w'’.&-]*", words)
    return not words.isupper() and all(p[0].isupper() or p.lower() in _JOINING for p in parts)


_JOINING = frozenset({"of", "and", "the", "for", "at", "in", "on", "de", "du", "la"})


def _a_shorter_form(name: str, stated: str) -> bool:
    """ "Stavis" of "Stavis Seafoods", "Morgan" of "The Morgan Library & Museum": the first words."""
    words = re.findall(r"\w+", name.casefold())
    whole = re.findall(r"\w+", stated.casefold())
    for form in (words, words[1:] if words[:1] == ["the"] else words):
        for full in (whole, whole[1:] if whole[:1] == ["the"] else whole):
            if form and len(form) < len(full) and full[: len(form)] == form:
                return True
    return False


def _origins_of(posting: Posting) -> dict[str, Any]:
    origins = posting.source_fields.get(FACTS_FROM) if isinstance(posting.source_fields, dict) else None
    return origins if isinstance(origins, dict) else {}


def _same(field: str, old: Any, new: Any) -> bool:
    if field == "locations":
        return set(old) == set(new)
    return bool(old == new)


# --- one reader a field: (origin, value) when the source states it, (None, None) when it does not --------

Read = tuple[str | None, Any]


def _origin(origins: dict[str, Any], fact: str) -> str | None:
    origin = origins.get(fact)
    return origin if isinstance(origin, str) and origin else None


def _stated(fact: str, normalise: Callable[[Any], Any]) -> Callable[[Posting, dict[str, Any]], Read]:
    """The reader of a fact the source keeps under its own name, put into the contract's values."""

    def read(posting: Posting, origins: dict[str, Any]) -> Read:
        origin = _origin(origins, fact)
        value = normalise(posting.source_fields.get(fact)) if origin else None
        return (origin, value) if value else (None, None)

    return read


def _work_model_fact(posting: Posting, origins: dict[str, Any]) -> Read:
    origin = _origin(origins, "work_model")
    value = work_model_of(posting.source_fields.get("work_model")) if origin else None
    if value:
        return origin, value
    origin = _origin(origins, "remote")
    flag = remote_flag(posting.source_fields.get("remote")) if origin else None
    if flag is True:
        return origin, "remote"
    return (None, None)


def _company_fact(posting: Posting, origins: dict[str, Any]) -> Read:
    origin = _origin(origins, "company")
    # a column's stray separator is no part of the name ("Infotech Spectrum Inc,")
    name = (
        " ".join(posting.company.strip(",;| \t\n").split())
        if origin and isinstance(posting.company, str)
        else ""
    )
    return (origin, name) if name and len(name) <= MAX_COMPANY_CHARS else (None, None)


_BOARDS = frozenset({"greenhouse", "lever", "ashby"})  # each board is one company's: sources/boards.py


def board_owner(posting: Posting, named: str | None, text: str | None = None) -> tuple[str, Span] | None:
    """A job board hosts one company's postings, so its owner is the hirer even where the answer has no
    company field (Lever, Ashby): "lever:ramp" is Ramp's, spelled and evidenced where the posting's text
    writes it with a capital or a digit first ("Ramp builds…", "1Password is…"). A slug is no name, so a
    text that never writes it leaves the company to the text's readers, as does a slug of one or two
    letters (any capital "A" would spell it); a company the text names otherwise is kept (a slug may
    shorten it). Returns (origin, span in the document text) or None."""
    kind, _, slug = (posting.board or "").partition(":")
    letters = [c for c in slug.casefold() if c.isalnum()]
    if kind not in _BOARDS or not 3 <= len(letters) <= MAX_COMPANY_CHARS:
        return None
    if named and [c for c in named.casefold() if c.isalnum()] != letters:
        return None
    text = document_text(posting.title, posting.description) if text is None else text
    spelled = re.compile(r"\b" + r"[ .&'-]?".join(map(re.escape, letters)) + r"\b", re.IGNORECASE)
    for match in spelled.finditer(text, 0, 20_000):
        first = match.group(0)[0]
        if first.isupper() or first.isdigit():
            return f"{kind}:board", Span(match.start(), match.end(), match.group(0))
    return None


def _locations_fact(posting: Posting, origins: dict[str, Any]) -> Read:
    origin = _origin(origins, "locations")
    if not origin:
        return None, None
    fields = posting.source_fields
    found: list[Location] = []
    addresses = fields.get("addresses")
    for address in addresses if isinstance(addresses, list) else []:
        found.extend(address_locations(address))
    names = fields.get("all_locations")
    texts = [n for n in names if isinstance(n, str)] if isinstance(names, list) else []
    if not found and not texts and posting.location:
        texts = [posting.location]
    for text in texts:
        found.extend(places_of(text))
    offices = fields.get("office_locations")
    if not found and isinstance(offices, list):  # "Multiple Locations", "Hybrid": the board's offices
        found = [place for name in offices if isinstance(name, str) for place in places_of(name)]
        origin = f"{origin.split(':', 1)[0]}:offices"
    places = tuple(dict.fromkeys(found))
    return (origin, places) if places else (None, None)


# The order the record's fields are read in; each reader is independent of the others. (The lambda names
# salary_of, defined below this table.)
_READERS: tuple[tuple[str, Callable[[Posting, dict[str, Any]], Read]], ...] = (
    ("employment_type", _stated("employment_type", employment_type_of)),
    ("work_model", _work_model_fact),
    ("salary", _stated("salary", lambda v: salary_of(v))),
    ("seniority", _stated("seniority", seniority_of)),
    ("company", _company_fact),
    ("locations", _locations_fact),
)


# --- pay ------------------------------------------------------------------------------------------------

_PAY_TEXT_CHARS = 300  # of a field that states pay in words: a range and its currency, not an essay


def salary_of(value: Any) -> dict[str, Any] | None:
    """A board's salary as the contract's `{min, max, currency, period}`, or None when it is not one: no
    figure, no ISO 4217 currency, or no period (stated, or plain from the size: ≥ 15,000 a year, < 200 an
    hour — as the text reader decides). A field that states pay in words ("$120,000 - $150,000 CAD", a
    Greenhouse short-text custom field) is read as the text's salary is."""
    if isinstance(value, str):
        return extract_salary(Document.read("\n" + value[:_PAY_TEXT_CHARS]))[0]
    if not isinstance(value, dict):
        return None
    code = _stated_currency(value)
    if code is None:
        return None
    low, high = _amount(value.get("min"), code), _amount(value.get("max"), code)
    if low is None and high is None:
        return None
    if high is None:
        high = low
    if low is not None and high is not None and low > high:
        low, high = high, low
    period = period_of(value.get("period")) or _period_from_size(high or low or 0)
    if period is None:
        return None
    return {"min": _tidy(low), "max": _tidy(high), "currency": code, "period": period}


def _stated_currency(value: dict[str, Any]) -> str | None:
    """The salary's ISO 4217 code: its currency field's, else the one its amounts are written with ("$120,000",
    "€70.000", "95000 USD"), the text's symbols and codes (`currencies` in data/wordlists.json: "$" alone is
    USD), when both amounts that name one name the same."""
    currency = value.get("currency")
    if isinstance(currency, str) and re.fullmatch(r"[A-Za-z]{3}", currency.strip()):
        return currency.strip().upper()
    if currency not in (None, ""):
        return None  # a currency field of no ISO code: no salary, as before
    written = {_written_currency(value.get(end)) for end in ("min", "max")} - {None}
    return written.pop() if len(written) == 1 else None


_CURRENCY_BEFORE = re.compile(r"\s*([^\d\s]{1,4})\s?\d")  # "$120,000", "US$ 95000", "EUR 70.000"
_CURRENCY_AFTER = re.compile(r"\d\s?[kK]?\s?([^\d\s.,]{1,3})\s*\Z")  # "70.000 €", "95000 USD", "120k$"


def _written_currency(amount: Any) -> str | None:
    if not isinstance(amount, str):
        return None
    text = amount[:40]
    tokens = [m.group(1) for m in (_CURRENCY_BEFORE.match(text), _CURRENCY_AFTER.search(text)) if m]
    names = _currency_names()
    codes = {names["symbols"].get(t) or names["codes"].get(t.upper()) for t in tokens} - {None}
    return codes.pop() if len(codes) == 1 else None


@cache
def _currency_names() -> dict[str, dict[str, str]]:
    from rolemap.extract.wordlists import load_wordlist

    table = load_wordlist("currencies")
    return {"symbols": dict(table["symbols"]), "codes": dict(table["codes"])}


# a spreadsheet's amount as people type it: "$120,000", "120k", "£80,000.00", "100 000 EUR", "USD 95000"
_TYPED_AMOUNT = re.compile(
    r"(?i)(?:[a-z]{3}\s?|[$€£¥]\s?)?(?P<number>\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"\s?(?P<thousands>k)?(?:\s?[a-z]{3})?"
)


def _amount(value: Any, currency: str) -> float | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, str):
        typed = _TYPED_AMOUNT.fullmatch(value.strip()[:40])
        if typed is None:
            number = _as_float(value.replace(",", "").strip())  # "1.2e5": checked below as any number is
        else:
            # as the text's amounts are read: "70.000" is 70,000 in euros
            number = amount_of(typed["number"].replace("\u00a0", " "), typed["thousands"], currency)
    else:
        number = _as_float(value)
    # NaN fails both comparisons: no figure
    return number if number is not None and 0 < number < MAX_PAY else None


def _as_float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _period_from_size(value: float) -> str | None:
    if value >= 15_000:
        return "year"
    if 0 < value < 200:
        return "hour"
    return None


def _tidy(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == int(value) else round(value, 2)


# --- places ---------------------------------------------------------------------------------------------


def places_of(text: str) -> list[Location]:
    """The places a board's location string names (the gazetteer of extract/places.py), a country alone
    dropped where the same string names a city in it ("New York, NY" is New York, not also "the US")."""
    read = _place_reader()
    if read is None or not text.strip():
        return []
    places = read(text)
    with_city = {p.country for p in places if p.city}
    return [p for p in places if p.city or p.country not in with_city]


def address_locations(address: Any) -> list[Location]:
    """A PostalAddress ({"city", "region", "country"}, or {"text"}) as places: the country as its ISO
    code, the city as the gazetteer names it (or as written, when the gazetteer does not know it)."""
    if not isinstance(address, dict):
        return []
    if isinstance(address.get("text"), str):
        return places_of(address["text"])
    city, region, country = (
        address.get(k) if isinstance(address.get(k), str) else None for k in ("city", "region", "country")
    )
    code = country_code(country) if country else None
    if not city:
        return [Location(None, code)] if code else []
    known = [p for p in places_of(", ".join(x for x in (city, region, country) if x)) if p.city]
    known = [p for p in known if code is None or p.country == code] or known
    if known:
        return known[:1]
    return [Location(" ".join(city.split()), code)] if code else []


def country_code(value: str) -> str | None:
    """ "US", "us", "USA", "United States", "Germany" → the ISO 3166-1 alpha-2 code; None if not a country."""
    text = value.strip()
    if re.fullmatch(r"[A-Za-z]{2}", text):
        code = {"UK": "GB"}.get(text.upper(), text.upper())  # the UK's own, reserved, code
        known = _country_codes()
        return code if known is None or code in known else None
    places = places_of(text)
    return places[0].country if len(places) == 1 and places[0].city is None else None


@cache
def _place_reader() -> Callable[[str], list[Location]] | None:
    try:
        from rolemap.extract.places import read_places
    except ImportError:  # the gazetteer is not installed: places are left to the text
        return None
    return read_places


@cache
def _country_codes() -> frozenset[str] | None:
    try:
        from rolemap.extract.gazetteer import gazetteer
    except ImportError:
        return None
    return frozenset(code for code in gazetteer().countries.values() if code)
