"""How a source records the facts a board states about a posting, beside its text.

A reader keeps the provider's values in `Posting.source_fields` under the keys of `models.STRUCTURED_KEYS`
(and `work_model`, `seniority`, `addresses`, `all_locations`), and names in `source_fields["facts_from"]`
the provider field each fact came from: `{"salary": "lever:salaryRange"}`. Only the facts named there are
used, by `extract.source_facts.apply_source_facts`, which puts them on the extraction record in place of
what the text says; everything else in `source_fields` is kept for reference only.
"""

from __future__ import annotations

import re
from typing import Any

from rolemap.sources.clean import as_text

FACTS_FROM = "facts_from"
FACTS = ("employment_type", "work_model", "remote", "salary", "seniority", "company", "locations")


def state(fields: dict[str, Any], fact: str, origin: str, key: str | None = None, value: Any = None) -> None:
    """Record that `origin` ("lever:salaryRange") states `fact`; its value, if given, goes to `key`."""
    if key is not None:
        fields[key] = value
    fields.setdefault(FACTS_FROM, {})[fact] = origin


# What boards write in a city's place when the job has none: "addressLocality": "Remote".
_NO_CITY = re.compile(
    r"(?i)^\s*(?:remote|anywhere|virtual|telecommut\w*|work from home|wfh|home[- ]?based|distributed)\b"
)


def is_remote_place(text: Any) -> bool:
    """ "Remote", "Anywhere", "Home-based": a place name that says the job has no place."""
    return isinstance(text, str) and bool(_NO_CITY.match(text))


def postal_address(address: Any) -> dict[str, Any] | None:
    """A schema.org PostalAddress (Ashby and JSON-LD both send one) as {"city", "region", "country"},
    names or codes as given; a plain string is kept as {"text"}; None when it names no place. A locality
    that says the job has none ("Remote") is no city."""
    if isinstance(address, list):
        address = next((a for a in address if isinstance(a, dict)), None)
    if isinstance(address, str):
        return {"city": None, "region": None, "country": None, "text": address}
    if not isinstance(address, dict):
        return None
    country = address.get("addressCountry")
    city = _text(address.get("addressLocality"))
    out = {
        "city": None if is_remote_place(city) else city,
        "region": _text(address.get("addressRegion")),
        "country": _text(country) or _text(country.get("name") if isinstance(country, dict) else None),
    }
    return out if any(out.values()) else None


def _text(value: Any) -> str | None:
    """A text property: a string, a number, or a JSON-LD value object ({"@value": …})."""
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    return as_text(value) if not isinstance(value, (dict, list)) else None
