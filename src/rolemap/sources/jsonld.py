"""HTML pages that carry schema.org JobPosting, the format job boards publish for search engines: as JSON-LD
(`<script type="application/ld+json">`, an object, a list or an `@graph`) or as microdata (`itemscope
itemtype=".../JobPosting"` with `itemprop`s).

The structured fields are the board's facts, kept in `source_fields` with where they came from
(sources/facts.py): `baseSalary` (a MonetaryAmount whose `value` is a number or a QuantitativeValue with
`minValue` / `maxValue` / `value` and `unitText`), `employmentType` (a string or a list), `jobLocationType:
TELECOMMUTE`, `applicantLocationRequirements` (remote limited to a country), `jobLocation` (Places with a
PostalAddress: `addressLocality`, `addressRegion`, `addressCountry`), `hiringOrganization.name`,
`datePosted`, `validThrough`. The description is the posting's text.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from rolemap.errors import PostingError
from rolemap.models import Posting
from rolemap.sources import facts
from rolemap.sources.clean import as_text, clean_posting, parse_json

_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}
MAX_MICRODATA_DEPTH = 8  # itemscopes inside a JobPosting (Place → PostalAddress → Country): a few


def jsonld_postings(html: str, where: str) -> Iterator[Posting | PostingError]:
    """Every JobPosting of the page, from its JSON-LD blocks and its microdata; a block that is broken or
    a posting that cannot be read is reported, and the others are read."""
    tree = LexborHTMLParser(html)
    blocks = tree.css('script[type="application/ld+json"]')
    items: list[tuple[str, dict[str, Any]]] = []
    errors: list[PostingError] = []
    for n, block in enumerate(blocks, 1):
        try:
            data = parse_json(block.text(deep=True, strip=True))
        except ValueError as e:
            errors.append(PostingError(f"{where} JSON-LD block {n}", str(e)))
            continue
        items.extend(("jsonld", item) for item in _job_postings(data))
    items.extend(("microdata", item) for item in microdata_job_postings(tree))
    yield from errors
    if not items and not errors:
        yield PostingError(
            where,
            'no schema.org JSON-LD block (<script type="application/ld+json">) and no JobPosting '
            "microdata (itemtype=…/JobPosting) in this page"
            if not blocks
            else "its JSON-LD holds no JobPosting (only other schema.org types)",
        )
    for n, (kind, item) in enumerate(items, 1):
        name = f"{where} JobPosting {n}"
        try:
            yield clean_posting(posting_from_jsonld(item, where, kind), name)
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError, RecursionError) as e:
            yield PostingError(name, str(e))


def _job_postings(data: Any) -> Iterator[dict[str, Any]]:
    """The JobPosting objects of a JSON-LD value: itself, the items of a list, the members of an @graph.
    Walked with a stack, so no nesting depth breaks it."""
    stack = [data]
    found = []
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            kind = value.get("@type")
            if kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind):
                found.append(value)
            elif "@graph" in value:
                stack.append(value["@graph"])
    yield from found


def microdata_job_postings(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every microdata JobPosting (`itemscope itemtype=".../JobPosting"`) as the dict its JSON-LD would be."""
    out = []
    for node in tree.css("[itemscope][itemtype]"):
        if str(node.attributes.get("itemtype") or "").rstrip("/").endswith("JobPosting"):
            out.append(_microdata_item(node, 0))
    return out


def _microdata_item(scope: LexborNode, depth: int) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": str(scope.attributes.get("itemtype") or "").rsplit("/", 1)[-1]}
    stack = list(reversed(list(_children(scope))))
    while stack:
        node = stack.pop()
        prop = node.attributes.get("itemprop")
        is_scope = "itemscope" in node.attributes
        if prop:
            value: Any
            if is_scope:
                value = _microdata_item(node, depth + 1) if depth < MAX_MICRODATA_DEPTH else None
            else:
                value = _microdata_value(node)
            for name in str(prop).split():
                if value is not None:
                    item.setdefault(name, []).append(value)
        if not is_scope:  # a nested item's properties are its own
            stack.extend(reversed(list(_children(node))))
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in item.items()}


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        if child.tag and not child.tag.startswith("-"):
            yield child
        child = child.next


def _microdata_value(node: LexborNode) -> str:
    attrs = node.attributes
    for attr, tags in (
        ("content", None),
        ("datetime", ("time",)),
        ("href", ("a", "link", "area")),
        ("src", ("img", "audio", "video", "source", "iframe", "embed")),
        ("value", ("data", "meter")),
    ):
        if attrs.get(attr) is not None and (tags is None or node.tag in tags):
            return str(attrs[attr])
    if node.attributes.get("itemprop") == "description":
        return node.html or ""  # the description's markup, as JSON-LD gives it
    return node.text(deep=True, separator=" ", strip=True)


def posting_from_jsonld(item: dict[str, Any], where: str, kind: str = "jsonld") -> Posting:
    """One JobPosting object as a posting; its facts named "jsonld:baseSalary" (or "microdata:…")."""
    fields: dict[str, Any] = {}
    company = _name(item.get("hiringOrganization"), "hiringOrganization")
    if company:
        facts.state(fields, "company", f"{kind}:hiringOrganization.name")
    salary = _salary(item.get("baseSalary"))
    if salary:
        facts.state(fields, "salary", f"{kind}:baseSalary", "salary", salary)
    location_type = _texts(item.get("jobLocationType"))
    if location_type:
        fields["remote"] = any("TELECOMMUTE" in t.upper() for t in location_type)
        facts.state(fields, "work_model", f"{kind}:jobLocationType", "work_model", ", ".join(location_type))
    kinds = _texts(item.get("employmentType"))
    if kinds:
        facts.state(fields, "employment_type", f"{kind}:employmentType", "employment_type", ",".join(kinds))
    valid = _text(item.get("validThrough"))
    if valid:
        fields["valid_through"] = valid
    offices = [a for a in (_place_address(p) for p in _items(item.get("jobLocation"))) if a]
    remote_in = [a for a in (_area(p) for p in _items(item.get("applicantLocationRequirements"))) if a]
    if offices or remote_in:
        origin = "jobLocation" if offices else "applicantLocationRequirements"
        facts.state(fields, "locations", f"{kind}:{origin}", "addresses", offices + remote_in)
    identifier = item.get("identifier")
    native = _text(identifier.get("value")) if isinstance(identifier, dict) else _text(identifier)
    title = _text(item.get("title")) or _text(item.get("name")) or ""
    description = _text(item.get("description")) or ""
    if not title and not description:
        raise ValueError("has neither a title nor a description")
    url = item.get("url")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"'url' must be a string (a URL), got {type(url).__name__}")
    key = native or url or hashlib.sha1(f"{title}\n{description}".encode("utf-8", "replace")).hexdigest()[:16]
    return Posting(
        id=f"jsonld-{hashlib.sha1(str(key).encode('utf-8', 'replace')).hexdigest()[:16]}"
        if not native
        else f"jsonld-{native}",
        title=title,
        description=description,
        company=company,
        location=_location_text(offices, remote_in),
        url=url or None,
        posted_at=_text(item.get("datePosted")),
        source="html",
        source_fields=fields,
    )


def _text(value: Any) -> str | None:
    """A text property: a string, a number, or a JSON-LD value object ({"@value": …})."""
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    return as_text(value) if not isinstance(value, (dict, list)) else None


def _texts(value: Any) -> list[str]:
    """A property that may be one text or a list of them."""
    values = value if isinstance(value, list) else [value]
    return [t for t in (_text(v) for v in values) if t]


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _name(value: Any, prop: str) -> str | None:
    """An Organization's name (or the organization given as plain text)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        name = value.get("name")
        text = _text(name)
        if name is not None and text is None:
            raise TypeError(f"'{prop}.name' must be text, got {type(name).__name__}")
        return text
    return _text(value)


def _salary(base: Any) -> dict[str, Any] | None:
    """A MonetaryAmount (its value a number or a QuantitativeValue), or a bare number (no currency)."""
    if isinstance(base, list):
        base = next((b for b in base if isinstance(b, dict)), None)
    if not isinstance(base, dict):
        return None
    value = base.get("value")
    if isinstance(value, dict):
        lo = _number(value.get("minValue", value.get("value")))
        hi = _number(value.get("maxValue", value.get("value")))
        unit = _text(value.get("unitText")) or _text(base.get("unitText"))
    else:
        lo = hi = _number(value)
        unit = _text(base.get("unitText"))
    if lo is None and hi is None:
        return None
    return {
        "min": lo,
        "max": hi,
        "currency": _text(base.get("currency")),
        "period": _PERIODS.get(unit.upper(), unit) if unit else None,
    }


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.replace(",", "").strip()
    try:
        number = float(value) if value is not None else None
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number is None or math.isfinite(number) else None


def _place_address(place: Any) -> dict[str, Any] | None:
    """A Place's PostalAddress as {"city", "region", "country"} (names or codes as given)."""
    return facts.postal_address(place.get("address")) if isinstance(place, dict) else None


def _area(area: Any) -> dict[str, Any] | None:
    """An applicantLocationRequirements entry (a Country or AdministrativeArea): remote limited to it."""
    name = _text(area.get("name")) if isinstance(area, dict) else _text(area)
    return {"city": None, "region": None, "country": name} if name else None


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _location_text(offices: list[dict[str, Any]], remote_in: list[dict[str, Any]]) -> str | None:
    """The places as one string for `Posting.location` ("Sydney, NSW, AU; Remote (US)")."""
    names = [
        a.get("text") or ", ".join(str(a[k]) for k in ("city", "region", "country") if a.get(k))
        for a in offices
    ]
    names += [f"Remote ({a['country']})" for a in remote_in]
    return "; ".join(n for n in names if n) or None
