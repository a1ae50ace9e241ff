"""How a source records the facts a board states about a posting, beside its text.

A reader keeps the provider's values in `Posting.source_fields` under the keys of `models.STRUCTURED_KEYS`
(and `work_model`, `seniority`, `addresses`, `all_locations`), and names in `source_fields["facts_from"]`
the provider field each fact came from: `{"salary": "lever:salaryRange"}`. Only the facts named there are
used, by `extract.source_facts.apply_source_facts`, which puts them on the extraction record in place of
what the text says; everything else in `source_fields` is kept for reference only.
"""

from __future__ import annotations

from typing import Any

FACTS_FROM = "facts_from"
FACTS = ("employment_type", "work_model", "remote", "salary", "seniority", "company", "locations")


def state(fields: dict[str, Any], fact: str, origin: str, key: str | None = None, value: Any = None) -> None:
    """Record that `origin` ("lever:salaryRange") states `fact`; its value, if given, goes to `key`."""
    if key is not None:
        fields[key] = value
    fields.setdefault(FACTS_FROM, {})[fact] = origin
