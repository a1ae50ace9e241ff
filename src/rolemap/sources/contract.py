"""The input format of ../shared/spec/extraction.md (an object with id, title, description, company,
location, url, posted_at) read into a `Posting`, from JSON Lines, CSV rows or `--map`ped columns, with the
facts the record states as a board would (its own company and place, and mapped salary, remote, employment
type, seniority or work model columns). An HN dump row or HN API item found in a JSON Lines file is read by
`hn.py`."""

from __future__ import annotations

from typing import Any

from rolemap.errors import PostingError
from rolemap.models import Posting
from rolemap.sources import hn
from rolemap.sources.clean import as_text, clean_posting
from rolemap.sources.facts import FACTS_FROM

PostingOrError = Posting | PostingError

CONTRACT_FIELDS = ("id", "title", "description", "company", "location", "url", "posted_at")
# What `--map FIELD=COLUMN` may name besides the contract's fields: the board's own facts, which win over
# what the text says (see extract/source_facts.py).
FACT_FIELDS = (
    "salary_min", "salary_max", "salary_period", "salary_currency", "remote", "employment_type", "seniority",
    "work_model",
)  # fmt: skip
MAP_FIELDS = CONTRACT_FIELDS + FACT_FIELDS


def posting_from_object(data: Any, where: str, column_map: dict[str, str] | None = None) -> PostingOrError:
    """One JSON object: a contract posting, an HN dump row or an HN API item, made safe to store."""
    if not isinstance(data, dict):
        return PostingError(where, f"expected a JSON object, got {type(data).__name__}")
    try:
        if hn.is_dump_row(data):
            posting = hn.from_dump_row(data)
        elif hn.is_api_item(data):
            posting = hn.from_api_item(data)
        else:
            posting = contract_posting(_renamed(data, column_map), where, "jsonl", column_map)
    except PostingError as e:
        return e if e.where == where else PostingError(where, e.message, e.posting_id)
    except (TypeError, ValueError, AttributeError, KeyError, OverflowError, RecursionError) as e:
        return PostingError(where, f"not a posting this reader understands ({type(e).__name__}: {e})")
    return clean_posting(posting, where)


def _renamed(data: dict[str, Any], column_map: dict[str, str] | None) -> dict[str, Any]:
    if not column_map:
        return data
    rename = {source: target for target, source in column_map.items()}
    return {rename.get(k, k): v for k, v in data.items()}


def contract_posting(
    data: dict[str, Any], where: str, source: str = "jsonl", column_map: dict[str, str] | None = None
) -> Posting:
    """A posting in the input format of ../shared/spec/extraction.md; other keys go to source_fields.
    Fields named by `column_map` (--map) that are board facts (FACT_FIELDS, a company) are recorded as
    facts, with the column they came from."""
    raw_id = data.get("id")
    if raw_id in (None, "") or isinstance(raw_id, (dict, list, bool)):
        raise PostingError(where, "has no usable 'id' (a string is required)")
    for key in ("title", "description"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise PostingError(
                where, f"'{key}' must be a string, got {type(data[key]).__name__}", str(raw_id)
            )
    if not data.get("title") and not data.get("description"):
        raise PostingError(where, "has neither a title nor a description", str(raw_id))
    optional = {}
    for k in ("company", "location", "url", "posted_at"):
        if data.get(k) in (None, ""):
            continue
        text = as_text(data[k])
        if text is None:
            raise PostingError(where, f"'{k}' must be a string, got {type(data[k]).__name__}", str(raw_id))
        optional[k] = text
    fields = {k: v for k, v in data.items() if k not in CONTRACT_FIELDS}
    return Posting(
        id=str(raw_id),
        title=data.get("title") or "",
        description=data.get("description") or "",
        source=source,
        source_fields=_with_facts(fields, data, source, column_map or {}),
        **optional,
    )


def _with_facts(
    fields: dict[str, Any], data: dict[str, Any], source: str, column_map: dict[str, str]
) -> dict[str, Any]:
    """source_fields with the mapped facts gathered (`salary_*` columns into one `salary`) and where each
    came from in `facts_from` ("csv:min_salary"). A record's own company and location fields (the
    contract input's `company` and `location`, or the columns mapped to them) are facts too."""
    origins: dict[str, str] = {}

    def column(field: str) -> str:
        return f"{source}:{column_map.get(field, field)}"

    # a fact is a field mapped to a column or, in a CSV, a column already named as rolemap names the fact
    # ("salary_min", "work_model"): a sheet written for rolemap needs no --map of each column onto itself.
    # A JSON key is a fact only when mapped: plain contract input is read from its text alone.
    def given(field: str) -> bool:
        return data.get(field) not in (None, "") and (field in column_map or source == "csv")

    parts = {p: fields.pop(f"salary_{p}", None) for p in ("min", "max", "currency", "period")}
    if given("salary_min") or given("salary_max"):
        fields["salary"] = parts
        if parts["currency"] not in (None, "") or any(_names_a_currency(parts[p]) for p in ("min", "max")):
            origins["salary"] = column("salary_min" if given("salary_min") else "salary_max")
    elif any(v not in (None, "") for v in parts.values()):
        fields.update({f"salary_{p}": v for p, v in parts.items() if v not in (None, "")})
    for field in ("remote", "employment_type", "seniority", "work_model"):
        if given(field):
            origins[field] = column(field)
    if data.get("company") not in (None, ""):
        origins["company"] = column("company")
    if data.get("location") not in (None, ""):
        origins["locations"] = column("location")
    if origins:
        fields[FACTS_FROM] = origins
    return fields


def _names_a_currency(amount: Any) -> bool:
    """An amount written with its currency ("$120,000", "€70.000", "95000 USD"): more than the figure, its
    separators and a "k". Which currency it names is read with the salary (extract/source_facts.py)."""
    return isinstance(amount, str) and any(
        not (c.isdigit() or c.isspace() or c in ".,'’kK-") for c in amount.strip()
    )


def salary_without_currency(posting: Posting) -> bool:
    """Whether the record's salary columns were left unread, no currency stated for them: no currency column
    and no amount written with its currency."""
    fields = posting.source_fields
    salary = fields.get("salary") if isinstance(fields, dict) else None
    origins = fields.get(FACTS_FROM) if isinstance(fields, dict) else None
    return (
        isinstance(salary, dict)
        and "interval" not in salary
        and not (isinstance(origins, dict) and "salary" in origins)
        and posting.source in ("csv", "jsonl")
    )
