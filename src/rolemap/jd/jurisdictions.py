"""Which pay-transparency laws reach a job description: where the work is, read with rolemap's own place
reader, matched against the law table of `data/pay_transparency.json`.

Where the work is comes from the strongest statement the text makes, in this order:
1. a location field ("Location: Washington DC-Baltimore Area"), or a place on a line of the header (the
   lines before the first section heading, the title's line too);
2. else the places the extractor reads as places of work, except those in a sentence about someone else
   (investors, clients, a recruiter's address: `not_work_words` in the table).
A place is read as the extractor reads it (`extract.places.read_places`), then its region by the pair the
text writes: in "City, XX" the XX decides ("Vancouver, WA" is Washington, "Toronto, ON, CA" is Ontario,
the CA after ON being Canada); a city written alone is the most populous of its name. A law is matched by
its country, region and (for a city's own law) city, never by a word somewhere in the text, so an
investor in New York or an "Iselin, NJ" in a signature reaches no law."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rolemap.models import Span

_LOCATION_FIELD = re.compile(
    r"(?:^|(?<=[a-z)\]]))[ \t#*_]*(?:Job |Work )?Locations?[ \t*_]*:[ \t*_]*([^\n]+)", re.I | re.M
)
_FIELD_END = re.compile(r"(?<=[A-Za-z.)])(?=[A-Z][a-z]+(?: [A-Za-z]+)?:)|\s[-–—|]\s|\s{2,}|(?<=\))-")
# where one place ends and the next begins: "Chicago, IL and Minneapolis, MN", "NYC / Remote", and a
# board's metro of two cities, "Washington DC-Baltimore Area"
_PIECES = re.compile(r"(?<=[A-Za-z])-(?=[A-Z])|;|/|&|\b(?:or|and)\b")
_HEADING = re.compile(r"^\s*#{1,6}\s")
# a remote role open to one state or province only: "Remote (Texas residents only)", "Remote (Colorado
# only)", "open only to residents of Texas", "you must live in Colorado"
_NAME = r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?"
_REMOTE_ONLY_IN = re.compile(
    rf"\((?P<a>{_NAME})[ \t]+(?:residents[ \t]+|based[ \t]+)?only\)"
    r"|\b(?:open[ \t]+only[ \t]+to[ \t]+(?:residents|people|candidates|applicants)[ \t]+(?:of|in|living[ \t]+in|based[ \t]+in)"
    r"|must[ \t]+(?:live|reside|be[ \t]+based|be[ \t]+located)[ \t]+in)"
    rf"[ \t]+(?:the[ \t]+state[ \t]+of[ \t]+|the[ \t]+province[ \t]+of[ \t]+)?(?P<b>{_NAME})"
)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


@dataclass(frozen=True)
class WorkPlace:
    """Where the work is: an ISO country, the gazetteer's region code within it, and the city if named."""

    country: str
    region: str | None
    city: str | None
    span: Span


@cache
def law_table() -> dict[str, Any]:
    raw = resources.files("rolemap.jd").joinpath("data/pay_transparency.json").read_text(encoding="utf-8")
    return dict(json.loads(raw))


@cache
def _law_places() -> dict[str, tuple[str, str | None, frozenset[str]]]:
    """Each law's (country, region code, city names in lower case) as the gazetteer writes them."""
    from rolemap.extract.gazetteer import gazetteer

    g = gazetteer()
    out = {}
    for j in law_table()["jurisdictions"]:
        region = g.region(j["region"]) if j.get("region") else None
        if j.get("region") and (region is None or region[0] != j["country"]):
            raise ValueError(
                f"pay_transparency.json: {j['id']}: region {j['region']!r} not in {j['country']}"
            )
        out[j["id"]] = (
            j["country"],
            region[1] if region else None,
            frozenset(c.lower() for c in j.get("cities", ())),
        )
    return out


def places_in(segment: str, at: int = 0) -> list[WorkPlace]:
    """The places a location string names, each with its region by the pair the string writes."""
    from rolemap.extract.gazetteer import gazetteer
    from rolemap.extract.places import read_places

    g = gazetteer()
    out: list[WorkPlace] = []
    # "Washington DC-Baltimore Area": a board's metro of two cities, each read
    for piece in _PIECES.split(segment):
        piece = piece.strip(" .,:()")
        if not piece:
            continue
        words = [w.strip(" .()") for w in piece.split(",")]
        region_here = _region_written(g, words)
        for place in read_places(piece):
            if place.country is None:
                continue
            span = Span(at, at + len(segment), segment)
            if place.city is None:
                if region_here and region_here[0] == place.country:
                    out.append(WorkPlace(place.country, region_here[1], None, span))
                elif not region_here:
                    out.append(WorkPlace(place.country, None, None, span))
                continue
            if region_here and region_here[0] == place.country:
                region: str | None = region_here[1]
            else:
                written = _space_code(g, piece, place.country)
                town = g.city(place.city, place.country)
                named = g.region(
                    place.city
                )  # "New York": the city the gazetteer keeps under its state's name
                same = named[1] if named and named[0] == place.country else None
                region = written or (town.region if town else same)
            out.append(WorkPlace(place.country, region, place.city, span))
        if not read_places(piece) and region_here:  # "Colorado", "Remote - CO"
            out.append(WorkPlace(region_here[0], region_here[1], None, Span(at, at + len(segment), segment)))
    return list(dict.fromkeys(out))


def _region_written(g: Any, words: list[str]) -> tuple[str, str] | None:
    """The region a "City, XX[, Country]" string writes: the first part after the city that is a region,
    kept only when a country written after it agrees ("Toronto, ON, CA": Ontario, Canada). With no region
    after the first part, a first part that is a region followed only by its own country is the region
    ("California, United States", "Ontario, Canada": how boards write a state-wide posting)."""
    for i, word in enumerate(words[1:] if len(words) > 1 else words, start=1 if len(words) > 1 else 0):
        region = g.region(word)
        if region is None:
            continue
        after = [g.country(w) for w in words[i + 1 :]]
        if any(c and c != region[0] for c in after):
            continue
        return region
    if len(words) > 1:
        region = g.region(words[0])
        if region is not None and all(g.country(w) == region[0] for w in words[1:]):
            return region
    return None


def _space_code(g: Any, piece: str, country: str) -> str | None:
    """ "Washington DC": a region code after the city without a comma."""
    for code in re.findall(r"\b([A-Z]{2})\b", piece):
        region = g.region(code)
        if region and region[0] == country:
            return str(region[1])
    return None


def work_places(text: str, record: Any, sections_start: int | None = None) -> list[WorkPlace]:
    """Where the work is, by the strongest statement the text makes (see the module's docstring)."""
    found: list[WorkPlace] = []
    for m in _LOCATION_FIELD.finditer(text):
        for value, at in _field_places(m.group(1)):
            found += places_in(value, m.start(1) + at)
    header_end = sections_start if sections_start is not None else _first_heading(text)
    if not found:
        line_start = 0
        for line in text[:header_end].split("\n"):
            found += places_in(line.strip(" #*_"), line_start) if _looks_like_place_line(line) else []
            line_start += len(line) + 1
    if found:
        return found
    others = law_table()["not_work_words"]
    for span in record.evidence.get("locations", ()):
        sentence = _sentence_around(text, span.start)
        if any(re.search(rf"\b{w}", sentence, re.I) for w in others):
            continue
        found += places_in(span.text, span.start)
    return list(dict.fromkeys(found))


def _field_places(value: str) -> list[tuple[str, int]]:
    """The parts of a location field's value that name places, with their offsets: the first part, and each
    part after it that names a place too ("Remote (Canada) – Toronto, ON office": the office's province
    as well as the country), up to the first that names none (a board's next field glued on: "Berlin -
    Full time", "BerlinSalary: …"). A separator inside brackets parts nothing ("Toronto, ON (Remote –
    Canada)")."""
    cuts, depth, counted = [], 0, 0
    for m in _FIELD_END.finditer(
        value
    ):  # the brackets open before each separator, counted once left to right
        depth += value.count("(", counted, m.start()) - value.count(")", counted, m.start())
        counted = m.start()
        if depth <= 0:
            cuts.append(m)
    bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(value)]
    parts = [(value[a:b], a) for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    kept = parts[:1]
    for part, at in parts[1:]:
        if not places_in(part):
            break
        kept.append((part, at))
    return kept


def _looks_like_place_line(line: str) -> bool:
    """A header line that may hold a place: a title line with a place after a separator, or a short line."""
    return len(line) < 120


def _first_heading(text: str) -> int:
    from rolemap.jd.spec import template

    names = {n.lower() for s in template()["sections"] for n in s["names"]}
    pos = 0
    for line in text.split("\n"):
        bare = line.strip(" #*_:-\t").lower()
        if pos and (bare in names or _HEADING.match(line)):
            return pos
        pos += len(line) + 1
    return min(len(text), 400)


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [e for e in (text.find(c, at) for c in ".!?\n") if e != -1]
    return text[start : min(ends) if ends else len(text)]


def remote_limited_to(text: str) -> list[WorkPlace]:
    """The states or provinces a remote role is limited to ("Remote (Colorado only)", "open only to
    residents of Texas", "must live in Colorado"), as places of work; none when it names no region."""
    from rolemap.extract.gazetteer import gazetteer

    g = gazetteer()
    out = []
    for m in _REMOTE_ONLY_IN.finditer(text):
        name = m.group("a") or m.group("b")
        region = g.region(name)
        if region is not None:
            out.append(WorkPlace(region[0], region[1], None, Span(m.start(), m.end(), m.group(0))))
    return list(dict.fromkeys(out))


def laws_reached(
    text: str, record: Any, remote_regions: set[str], today: dt.date, places: list[WorkPlace] | None = None
) -> list[dict[str, Any]]:
    """The laws in force on `today` that reach this posting: by the places it is done in, and for a remote
    role, the laws that reach remote work from the countries it is open to."""
    places = work_places(text, record) if places is None else places
    remote = record.work_model == "remote"
    limited = remote_limited_to(text) if remote else []
    if limited:  # "Remote (Texas residents only)": that state's law, not those of every state
        places = [*places, *limited]
    # a remote role open to a country ("remote within Canada only"), as the place reader reads it
    countries = {p.country for p in places if p.city is None and p.region is None} if remote else set()
    regions = set(remote_regions) | {{"US": "us", "CA": "canada"}.get(c, "other") for c in countries}
    remote_us = not limited and ("us" in regions or (remote and not regions and not places))
    remote_ca = not limited and "canada" in regions
    where = _law_places()
    out: list[dict[str, Any]] = []
    for j in law_table()["jurisdictions"]:
        if dt.date.fromisoformat(j["effective"]) > today:
            continue
        country, region, cities = where[j["id"]]
        named = any(
            p.country == country
            and (region is None or p.region == region)
            and (not cities or (p.city or "").lower() in cities)
            and (p.region is not None or region is None)
            for p in places
        )
        reached_remotely = (
            j["remote"] == "yes"
            and not cities
            and ((remote_us and country == "US") or (remote_ca and country == "CA"))
        )
        if named or reached_remotely:
            out.append(j)
    return out
