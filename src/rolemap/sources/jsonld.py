"""HTML pages that carry schema.org JobPosting, the format job boards publish for search engines: as JSON-LD
(`<script type="application/ld+json">`, an object, a list or an `@graph`) or as microdata (`itemscope
itemtype=".../JobPosting"` with `itemprop`s).

The structured fields are the board's facts, kept in `source_fields` with where they came from
(sources/facts.py): `baseSalary` (a MonetaryAmount whose `value` is a number or a QuantitativeValue with
`minValue` / `maxValue` / `value` and `unitText`), `employmentType` (a string or a list), `jobLocationType:
TELECOMMUTE`, `applicantLocationRequirements` (remote limited to a country), `jobLocation` (Places with a
PostalAddress: `addressLocality`, `addressRegion`, `addressCountry`), `hiringOrganization.name`,
`datePosted`, `validThrough`. The description is the posting's text.

Pages are read as real sites write them: a script block typed `application/ld+json; charset=utf-8`, JSON
with comments, trailing commas or a CDATA wrapper (sources/loose_json.py), a JobPosting as a page's
`mainEntity` or an item of a list, `@type` written as a URL, `hiringOrganization` given as a reference
(`{"@id": …}`) to an Organization elsewhere in the `@graph`, the old `baseSalary` number with
`salaryCurrency`, and HTML entities in titles and names. A job a page marks up twice (JSON-LD and
microdata) is read once, from its JSON-LD; postings of one page that share its URL get ids of their own.
"""

from __future__ import annotations

import hashlib
import html as html_entities
import math
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from rolemap.errors import PostingError
from rolemap.models import Posting
from rolemap.sources import facts
from rolemap.sources.clean import as_text, clean_posting
from rolemap.sources.loose_json import parse_embedded_json

_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}
MAX_MICRODATA_DEPTH = 8  # itemscopes inside a JobPosting (Place → PostalAddress → Country): a few


def jsonld_postings(html: str, where: str) -> Iterator[Posting | PostingError]:
    """Every JobPosting of the page, from its JSON-LD blocks and its microdata; a block that is broken or
    a posting that cannot be read is reported, and the others are read."""
    tree = LexborHTMLParser(html)
    blocks = [b for b in tree.css("script[type]") if _is_jsonld_type(b.attributes.get("type"))]
    items: list[tuple[str, dict[str, Any]]] = []
    errors: list[PostingError] = []
    for n, block in enumerate(blocks, 1):
        try:
            data = parse_embedded_json(block.text(deep=True, strip=True))
        except ValueError as e:
            errors.append(PostingError(f"{where} JSON-LD block {n}", str(e)))
            continue
        items.extend(("jsonld", item) for item in _job_postings(data))
    in_jsonld = {_title_key(item) for _, item in items} - {""}  # a job marked up twice is read once
    items.extend(
        ("microdata", item) for item in microdata_job_postings(tree) if _title_key(item) not in in_jsonld
    )
    urls = Counter(item.get("url") for _, item in items if isinstance(item.get("url"), str))
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
            shared_url = urls[item.get("url")] > 1 if isinstance(item.get("url"), str) else False
            yield clean_posting(posting_from_jsonld(item, where, kind, shared_url), name)
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError, RecursionError) as e:
            yield PostingError(name, str(e))


def _is_jsonld_type(value: Any) -> bool:
    """`application/ld+json`, however a page cases or parameterises it."""
    return isinstance(value, str) and value.strip().lower().startswith("application/ld+json")


def _is_job_posting(node: dict[str, Any]) -> bool:
    """`"@type": "JobPosting"`, also written as a URL ("http://schema.org/JobPosting"), a prefixed name
    ("schema:JobPosting") or one of a list of types."""
    kinds = node.get("@type")
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if isinstance(kind, str) and re.split(r"[/:#]", kind.strip())[-1] == "JobPosting":
            return True
    return False


_REFERENCED = ("hiringOrganization", "jobLocation", "baseSalary", "applicantLocationRequirements")


def _job_postings(data: Any) -> Iterator[dict[str, Any]]:
    """The JobPosting objects of a JSON-LD value wherever they sit (the value itself, a list, an @graph, a
    page's `mainEntity`, a list's items), with references (`{"@id": …}`) to other nodes of the block
    replaced by those nodes. Walked with a stack, so no nesting depth breaks it."""
    stack = [data]
    found = []
    nodes: dict[str, dict[str, Any]] = {}
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            node_id = value.get("@id")
            if isinstance(node_id, str) and len(value) > 1:
                nodes.setdefault(node_id, value)
            if _is_job_posting(value):
                if not set(value) <= {"@id", "@type"}:  # a bare reference to a posting read elsewhere
                    found.append(value)
            else:
                stack.extend(reversed([v for v in value.values() if isinstance(v, (dict, list))]))
    for posting in found:
        yield {**posting, **{k: _resolved(posting[k], nodes) for k in _REFERENCED if k in posting}}


def _resolved(value: Any, nodes: dict[str, dict[str, Any]]) -> Any:
    """A reference `{"@id": …}` (alone or in a list) as the node it names, when the block has it."""
    if isinstance(value, list):
        return [_resolved(v, nodes) for v in value]
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
        return nodes.get(value["@id"], value)
    return value


def _title_key(item: dict[str, Any]) -> str:
    title = _plain(item.get("title")) or _plain(item.get("name")) or ""
    return " ".join(title.casefold().split())


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


def posting_from_jsonld(
    item: dict[str, Any], where: str, kind: str = "jsonld", shared_url: bool = False
) -> Posting:
    """One JobPosting object as a posting; its facts named "jsonld:baseSalary" (or "microdata:…").
    `shared_url`: other postings of the page have the same `url`, so the id is not made from it alone."""
    fields: dict[str, Any] = {}
    company = _name(item.get("hiringOrganization"), "hiringOrganization")
    if company:
        facts.state(fields, "company", f"{kind}:hiringOrganization.name")
    salary = _salary(item.get("baseSalary"), _text(item.get("salaryCurrency")))
    if salary:
        facts.state(fields, "salary", f"{kind}:baseSalary", "salary", salary)
    location_type = _texts(item.get("jobLocationType"))
    if location_type:
        fields["remote"] = any("TELECOMMUTE" in t.upper() for t in location_type)
        facts.state(fields, "work_model", f"{kind}:jobLocationType", "work_model", ", ".join(location_type))
    elif _says_remote(_items(item.get("jobLocation"))):
        facts.state(fields, "work_model", f"{kind}:jobLocation", "work_model", "Remote")
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
    if isinstance(identifier, list):  # several PropertyValues: the first is the board's own
        identifier = next((i for i in identifier if i is not None), None)
    native = _text(identifier.get("value")) if isinstance(identifier, dict) else _text(identifier)
    # the identifier is the hiring organisation's own ("1001" at a bank and at a hospital): the hirer's name
    # makes it one across sites (the PropertyValue's name only without one: sites write "Job ID" there)
    owner = company or (_text(identifier.get("name")) if isinstance(identifier, dict) else None)
    title = _plain(item.get("title")) or _plain(item.get("name")) or ""
    description = _text(item.get("description")) or ""
    if not title and not description:
        raise ValueError("has neither a title nor a description")
    url = item.get("url")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"'url' must be a string (a URL), got {type(url).__name__}")
    page = f"{url}\n{title}" if url and shared_url else url
    key = (
        native or page or hashlib.sha1(f"{title}\n{description}".encode("utf-8", "replace")).hexdigest()[:16]
    )
    return Posting(
        id=f"jsonld-{hashlib.sha1(str(key).encode('utf-8', 'replace')).hexdigest()[:16]}"
        if not native
        else "-".join(filter(None, ("jsonld", _slug(owner), native))),
        title=title,
        description=description,
        company=company,
        location=_location_text(offices, remote_in),
        url=url or None,
        posted_at=_text(item.get("datePosted")),
        source="html",
        source_fields=fields,
    )


_NOT_IN_A_SLUG = re.compile(r"[^0-9a-z]+")


def _slug(name: str | None) -> str:
    """ "Umbrella Corp." → "umbrella-corp": a name as a part of an id; a name in no Latin letters
    ("株式会社メルカリ") as a short hash of it."""
    slug = _NOT_IN_A_SLUG.sub("-", html_entities.unescape(name or "").casefold()).strip("-")[:40].rstrip("-")
    return slug or (hashlib.sha1(name.encode("utf-8", "replace")).hexdigest()[:8] if name else "")


def _text(value: Any) -> str | None:
    """A text property: a string, a number, or a JSON-LD value object ({"@value": …})."""
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    return as_text(value) if not isinstance(value, (dict, list)) else None


def _plain(value: Any) -> str | None:
    """A plain-text property (a title, a name) with the HTML entities sites leave in it decoded:
    "Harbor &amp; Pine" is Harbor & Pine."""
    text = _text(value)
    return " ".join(html_entities.unescape(text).split()) or None if text else None


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
        text = _plain(name)
        if name is not None and text is None and _text(name) is None:
            raise TypeError(f"'{prop}.name' must be text, got {type(name).__name__}")
        return text
    return _plain(value)


def _salary(base: Any, salary_currency: str | None = None) -> dict[str, Any] | None:
    """A MonetaryAmount (its value a number or a QuantitativeValue), a PriceSpecification, or the old
    bare number whose currency is the posting's `salaryCurrency`."""
    if isinstance(base, list):
        base = next((b for b in base if isinstance(b, dict)), base[0] if base else None)
    currency = salary_currency
    if isinstance(base, dict) and any(k in base for k in ("price", "minPrice", "maxPrice")):
        lo = _number(base.get("minPrice", base.get("price")))
        hi = _number(base.get("maxPrice", base.get("price")))
        unit = _text(base.get("unitText"))
        currency = _text(base.get("priceCurrency")) or currency
    elif isinstance(base, dict):
        value = base.get("value")
        if isinstance(value, dict):
            lo = _number(value.get("minValue", value.get("value")))
            hi = _number(value.get("maxValue", value.get("value")))
            unit = _text(value.get("unitText")) or _text(base.get("unitText"))
        else:
            lo = hi = _number(value)
            unit = _text(base.get("unitText"))
        currency = _text(base.get("currency")) or currency
    elif isinstance(base, (int, float, str)):
        lo = hi = _number(base)
        unit = None
    else:
        return None
    if lo is None and hi is None:
        return None
    return {
        "min": lo,
        "max": hi,
        "currency": currency,
        "period": _PERIODS.get(unit.upper(), unit) if unit else None,
    }


def _number(value: Any) -> float | str | None:
    """An amount: a JSON number as it is; one written as text ("65.000", "120,000", "$ 95000", microdata's
    every value) kept as written, for the salary reader (extract/source_facts.py) to read in its currency's
    convention: "65.000" is 65,000 euros and 65 dollars."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = " ".join(value.split())[:40]
        return text if any(c.isdigit() for c in text) else None
    try:
        number = float(value) if value is not None else None
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number is None or math.isfinite(number) else None


def _place_address(place: Any) -> dict[str, Any] | None:
    """A Place's PostalAddress as {"city", "region", "country"} (names or codes as given); a Place given
    as plain text ("Berlin, Germany") or by its name alone as {"text"}."""
    if isinstance(place, str):
        return None if facts.is_remote_place(place) else facts.postal_address(_plain(place))
    if not isinstance(place, dict):
        return None
    address = facts.postal_address(place.get("address"))
    name = _plain(place.get("name"))
    if address is None and name and not facts.is_remote_place(name):
        return facts.postal_address(name)
    return address


def _says_remote(places: list[Any]) -> bool:
    """A jobLocation whose place is "Remote" ("addressLocality": "Remote", "jobLocation": "Anywhere")."""
    for place in places:
        address = place.get("address") if isinstance(place, dict) else place
        named = address.get("addressLocality") if isinstance(address, dict) else address
        if facts.is_remote_place(_text(named)) or (
            isinstance(place, dict) and facts.is_remote_place(_text(place.get("name")))
        ):
            return True
    return False


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
