"""Places of work named in running text, read with the gazetteer of `places.py`: "City, ST" / "City,
Country" pairs and "City ST" without the comma (the gazetteer must hold that city in that region or
country), places after cues ("Location:", "based in", "office in") or the names such words open on, the
sites a firm calls its own ("our Culver City office") and the country that remote work is limited to
("Remote (US only)", "remote within Canada"); never the places a list leaves out ("Remote (Excluding: CA,
NY)")."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import cache, lru_cache
from itertools import chain

from rolemap.extract.gated import Gated
from rolemap.extract.gazetteer import Gazetteer, gazetteer
from rolemap.extract.lexicon import english_word
from rolemap.extract.places import NEAR_WORDS, city_in, read_places, state_then_city
from rolemap.extract.roles import technology_names
from rolemap.models import Location, Span

_WORD = re.compile(r"[^\W\d_][\w.'’-]*", re.U)
MAX_PAIRS_READ = 2_000  # "City, Region" anchors read in one text (a real posting has a few dozen at most)

# "Lake Success, NY", "Leuven, Belgium": a comma before a region or country is the anchor; only then are the
# (up to four) capitalised words before it read as a city. The region is a code, a code glued to the next
# field ("Dallas, TXSchedule:", "Hartford, CT6 Months") or a capitalised name ("Houston, TexasRegular" is Texas)
_COMMA_REGION = re.compile(
    r",[ \t]?((?:[A-Z]{2}(?=[A-Z][a-z]|\d)|[A-Z]+(?![a-z])|[A-Z][a-z]+)(?:[ -][A-Z][a-z]+){0,2})"
)
# "our Culver City office", "at our Coffeyville location", "our New York and London offices": a place of
# work by the word after it; every name read must be a place. It opens on "[Oo]", which the engine looks for
# at C speed, and checks the word's edge after.
_OUR_SITE = re.compile(
    r"[Oo](?<![\w][Oo])ur ((?:[A-Z][\w.'’-]*)(?:(?:[ ]|,[ ]|[ ](?:and|&)[ ])[A-Z][\w.'’-]*){0,4})[ ]"
    r"(?i:offices?|location|facility|campus|clinic|store|branch|headquarters|HQ|studio)\b"
)
# "in the St. Louis metropolitan area", "in the NYC metro market": the metro a post works in
_METRO_AREA = Gated(
    r"\bin the ((?:[A-Z][\w.'’-]*)(?:[ ][A-Z][\w.'’-]*){0,3})[ ](?i:metro(?:politan)?|greater)[ ]"
    r"(?i:area|region|market)\b",
    *("etro ", "etropolitan ", "reater ", "ETRO", "REATER"),
)
# "Tampa FL", "Richmond VA 23219", "Albany NY / Remote": a city and its state or province code (or name:
# "Portland Oregon", `_space_region_names`) written without the comma. Only a code (upper case, alone or
# glued to the next field) after a word in lower case is read (the reader checks the letter before the
# space: a pattern opening on the space runs at C speed), and the words before it must be a city of that
# region, so "REMOTE OR ONSITE" is no town in Oregon.
_SPACE_CODE = re.compile(r"[ ]([A-Z]{2,3})(?=[^A-Za-z]|[A-Z][a-z]|$)")
# "West Texas", "Northern California": a compass word before a region names a part of it, not a town
_COMPASS = frozenset(f"{w}{end}" for w in ("north", "south", "east", "west") for end in ("", "ern"))
_BASED = re.compile(r"[- ]based\b")
_CITY_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*[ -]){0,3}[A-Z][\w.'’-]*)$")
_CUE_TAIL = re.compile(r"s?[ \t:–—-]*")
# an article or an adjective of the noun just before "location" ("a larger location in Clayton"); a field's
# label opens its line or a segment, or lists its places ("our locations: Bay Area, …"), and a site of work
# is named so ("at our location in Pittsburgh", "the customer location in Chantilly")
_A_NOUN_NOT_A_LABEL = re.compile(
    r"\b(?:a|an|the|this|that|another|new|larger|bigger|smaller|second|third)[ \t]+$"
)
_A_PREPOSITION_AFTER = re.compile(r"s?[ \t]+(?:in|at|on|near|of)\b")  # not a list after ":" or "("
# Where a cue's place ends: a sentence, a separator, a verb or preposition, or the next field glued on
# where a board lost the line break ("Quincy, MADuration: 6 months", "Richmond VA 23219Duration").
_CUE_STOP = re.compile(
    r"(?<=[a-z])\.\s|\s{2,}|\s(?i:with|for|to|at|we|our|you|is|are|will)\s|\s[-–—|]\s"
    r"|(?<=\b[A-Z]{2})(?=[A-Z][a-z]|\d)|(?<=\d)(?=[A-Z][a-z])"
    r"|(?<=[A-Za-z.)])(?=[A-Z][a-z]+(?:[ ][A-Za-z]+)?:)"  # "San DiegoJob Type:", "Washington D.COffice Schedule:"
)
# "Location:" glued to the field before it where a board lost the line break ("Lead Java developerLocation:
# New Jersey"): the scan's cues start at a word, so these are found apart, by their capital and colon
_GLUED_CUE = Gated(r"(?<=[a-z)\]])(?:Job |Work )?Locations?:", "ocation:", "ocations:")
# The capitalised names a cue's words open on, with the commas, slashes and "and" between them: "Berlin" of
# "Berlin and backed by investors", "Austin, TX" of "Austin, TX, where we build"
# (past a word or two in small letters: "in sunny San Diego", "the vibrant Chamblee/Atlanta area")
_NAMES = re.compile(
    r"(?:[a-z]+[ ]){0,2}?([A-Z][\w.'’-]*(?:(?:[ ]|,[ ]?|[ ]?/[ ]?|[ ](?:and|&|or)[ ])[A-Z][\w.'’-]*)*)"
)
# "join our growing team in San Diego", "join their team in Jacksonville": a cue with its words between
_JOIN_TEAM = Gated(r"(?i:join) (?:our|the|their|a) (?:[\w-]+ ){0,3}?team in", "team in")
_WORK_MODEL_ONLY = re.compile(r"(?i)\s*(?:remote|hybrid|on-?site|in[- ]office)\s*")
_REMOTE_LIMIT = re.compile(
    r"(?i)(?:\b(?:only|based|within|in|from|across|anywhere in|throughout)\b|[(\[,:–—-])\s*(?:the\s+)?$"
)


def places_in_text(
    text: str, cue_words: list[tuple[str, int]]
) -> tuple[list[tuple[Location, Span]], list[tuple[Location, Span]]]:
    """Places of work the running text names, each with its span: "City, ST" pairs and the places that
    make up the words after a cue (`cue_values`); and apart, the places named only to place another by
    ("near Boston, MA") or in a street address (a recruiter's, the head office's), which count only where
    no city of work is named. The country remote work is limited to: `remote_countries`."""
    g = gazetteer()
    found: list[tuple[Location, Span]] = []
    near: list[tuple[Location, Span]] = []
    for n, m in enumerate(_COMMA_REGION.finditer(text)):
        if n >= MAX_PAIRS_READ:
            break  # a text with thousands of "X, Y" pairs is a list, not a posting: its first ones suffice
        where = _region_words(g, m.group(1))
        pair = _city_before(text, m.start(), where) if where else None
        if pair and where:
            end = m.start(1) + len(where)
            kept = _near_or_not(text, pair[1], near, found)
            if kept is not None:
                kept.append((pair[0], Span(pair[1], end, text[pair[1] : end])))
    for m in chain(_SPACE_CODE.finditer(text), _space_region_names().finditer(text)):
        region = m.group(1)
        before = text[m.start() - 1] if m.start() else ""
        if not (before.islower() or before == ".") or g.region(region) is None:
            continue
        pair = _city_before(text, m.start(), region)
        if pair and text[pair[1] : m.start()].lower() not in _COMPASS:
            span = Span(pair[1], m.end(1), text[pair[1] : m.end(1)])
            kept = _near_or_not(text, pair[1], near, found)
            if kept is not None:
                kept.append((pair[0], span))
    for head, at in cue_words:
        for place in read_places(head):
            found.append((place, Span(at, at + len(head), head)))
    return found, near


def _near_or_not(text: str, at: int, near: list[_Found], found: list[_Found]) -> list[_Found] | None:
    """Where a place read at `at` belongs: with the places of work, with those named to place another by or
    in a street address, or (None) nowhere, as a place the text leaves out."""
    if _EXCLUDED.search(text, max(0, at - 80), at):
        return None
    aside = _NEAR.search(text, max(0, at - 30), at) or _STREET.search(text, max(0, at - 70), at)
    return near if aside else found


_Found = tuple[Location, Span]
# a place named to place the office by it, not an office: "Vienna, VA (near Washington, DC)", "just outside
# of Boston, MA", "30 minutes from Philadelphia, PA"
_NEAR = re.compile(rf"(?i)\b(?:{NEAR_WORDS}|minutes of|suburbs? of)\s+(?:the\s+)?$")


# the places a list leaves out, to the end of its clause: "Remote (Excluding: CA, CT, NY, DC)", "any state
# except Colorado, Denver, CO", "not open to candidates in Austin, TX"
_LEAVES_OUT = re.compile(r"(?i)\b(?:excluding|except|with the exception of|not (?:open|available))\b")
_EXCLUDED = re.compile(
    r"(?i)\b(?:excluding|except|with the exception of|not (?:open|available) (?:to [\w ]+ )?in)\b"
    r"[^\n.;()]*$"
)


# "360 Tolland Turnpike, Suite 2D, Manchester, CT", "99 Wood Ave South Suite # 308, Iselin, NJ"
_STREET = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|"
    r"Ln|Lane|Way|Pkwy|Parkway|Turnpike|Pike|Hwy|Highway|Ct|Court|Pl|Place|Plaza|Sq|Square|Cir|Circle)\b"
    r"[.,]?[^\n]{0,40}$"
)


def _city_before(text: str, anchor: int, where: str) -> tuple[Location, int] | None:
    """The city of region or country `where` that the capitalised words before `anchor` end with, and
    where its name starts ("Lake Success" of "Location Lake Success, NY")."""
    city = _CITY_BEFORE.search(text, max(0, anchor - 60), anchor)
    found = _pair_at(city.group(1), where) if city else None
    return (found[0], city.end(1) - len(found[1])) if found and city else None


@cache
def _space_region_names() -> re.Pattern[str]:
    """ "Portland Oregon", "Dayton Ohio": the gazetteer's region names after a space, capitalised."""
    names = sorted((n for n in gazetteer().regions if not n.isupper()), key=len, reverse=True)
    return re.compile(r"[ ](?=[A-Z])(" + "|".join(re.escape(n.title()) for n in names) + r")(?![a-z])")


_CUE_REACH = 80  # characters after a cue read for its places
_PART_OF_A_WORD = re.compile(r"\w+$")


def cue_values(text: str, cues: list[Span]) -> Iterator[tuple[str, int]]:
    """The words after each cue, to where the place they name ends, and where they start: `cues` are
    where the document's scan found the words that announce a place ("Location:", "based in")."""
    found = [Span(m.start(), m.end(), m.group()) for p in (_GLUED_CUE, _JOIN_TEAM) for m in p.finditer(text)]
    for cue in [*cues, *found]:
        if (
            cue.text.lower().startswith("location")
            and _A_NOUN_NOT_A_LABEL.search(text, max(0, cue.start - 30), cue.start)
            and _A_PREPOSITION_AFTER.match(text, cue.end)
        ):
            continue  # "expanded to a larger location in Clayton": the noun in a sentence, no field's label
        after = _CUE_TAIL.match(text, cue.end).end()  # type: ignore[union-attr]
        line = text[after : after + _CUE_REACH].split("\n", 1)[0]
        if len(line) == _CUE_REACH and text[after + _CUE_REACH : after + _CUE_REACH + 1].isalnum():
            line = _PART_OF_A_WORD.sub("", line)  # "… and New Jersey / Pen(nsylvania)" is no town "Pen"
        # "Primary Location: RI ‒ Woonsocket Job Type: Full Time", "TX - Austin or CA - San Francisco"
        if state_then_city(line):
            yield from _states_then_cities(line, after)
            continue
        parts = _CUE_STOP.split(line, maxsplit=2)
        head, at = parts[0], after
        if len(parts) > 1 and _WORK_MODEL_ONLY.fullmatch(head):  # "Location: Hybrid | London"
            at = after + line.find(parts[1], len(head))
            head = parts[1]
        left_out = _LEAVES_OUT.search(head)  # "Remote (Excluding: CA, NY, DC)": the places after it are not
        yield (head[: left_out.start()] if left_out else head), at


def _states_then_cities(line: str, at: int) -> Iterator[tuple[str, int]]:
    """Each "ST - City" of a list of them opening `line` (at offset `at`), and where it starts."""
    while in_state := state_then_city(line):
        yield in_state[1], at
        joined = _STATES_JOINED.match(line, len(in_state[1]))
        if joined is None:
            return
        at, line = at + joined.end(), line[joined.end() :]


_STATES_JOINED = re.compile(r"[ \t]*(?:[,;/&]|\bor\b|\band\b)[ \t]*")


def cue_openers(
    cue_words: list[tuple[str, int]], countries: Collection[str]
) -> Iterator[tuple[Location, Span]]:
    """ "in the heart of Berlin and backed by investors", "in downtown San Mateo, minutes from Caltrain":
    where the words after a cue are not all places, the names they open on, read as `our_sites` reads a
    site's name (plainly one city, in a country the posting names otherwise)."""
    for head, at in cue_words:
        if read_places(head):
            continue  # places_in_text's
        names = _NAMES.match(head)
        if names:
            for place in _own_places(names.group(1), countries):
                yield place, Span(at + names.start(1), at + names.end(1), names.group(1))


def our_sites(text: str, countries: Collection[str]) -> Iterator[tuple[Location, Span]]:
    """ "in our Culver City office", "at our New York and London offices", "a Chicago-based startup", "in the
    St. Louis metropolitan area": the places of work a firm calls its own sites or its base. Named bare, a city must be the one of its name
    ("our London office": London, Ontario is a twentieth of it; not "our Cambridge office") and, when the
    posting names other places (`countries`), lie in one of their countries ("our SoHo offices" of a New
    York firm is no town in England)."""
    for m in (*_OUR_SITE.finditer(text), *_METRO_AREA.finditer(text)):
        for place in _own_places(m.group(1), countries):
            yield place, Span(m.start(1), m.end(1), m.group(1))
    for m in _BASED.finditer(text):  # "a Chicago-based startup", "our London based development team"
        named = _CITY_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if named and named.group(1).lower() not in technology_names():  # "Ajax based", "Spring based"
            for place in _own_places(named.group(1), countries):
                if place.city:  # "a US-based company" of a remote role is no place of work
                    yield place, Span(named.start(1), named.end(1), named.group(1))


def _own_places(named: str, countries: Collection[str]) -> list[Location]:
    """The places a name that stands in a sentence reads as: each plainly one city, in `countries` if any."""
    places = read_places(named)
    if len(places) > 1 and "," in named and not _AND.search(named):
        places = read_places(named.rsplit(",", 1)[1])  # "our SoHo, NYC office": a district, its city
    if not all(_plainly_one(p) for p in places):
        return []
    return [p for p in places if not countries or p.country in countries]


_AND = re.compile(r" (?:and|&) ")


def _plainly_one(place: Location) -> bool:
    """No town of another country bears the city's name with a tenth of its people or more."""
    towns = gazetteer().towns(place.city or "")
    here = max((t.population for t in towns if t.country == place.country), default=0)
    return all(t.population * 10 < here for t in towns if t.country != place.country)


@lru_cache(maxsize=50_000)
def _region_words(g: Gazetteer, words: str) -> str | None:
    """The leading words that name a region or a country ("New York City" → "New York"), or None."""
    parts = words.split(" ")
    for k in range(len(parts), 0, -1):
        head = " ".join(parts[:k])
        if g.region(head) or g.country(head):
            return head
    return None


@lru_cache(maxsize=50_000)
def _pair_at(words: str, where: str) -> tuple[Location, str] | None:
    """The longest tail of `words` that is a city in `where` ("Location Lake Success", "NY" → Lake Success)."""
    raw = words.split(" ")
    for k in range(len(raw)):
        name = " ".join(raw[k:])
        place = city_in(name, where)
        if place is not None:
            return place, name
    # a board glued the field before the city to it ("Program ManagerPortland, OR", "TRVJP2700Hartford, CT",
    # "BD102816New Britain, CT"): the words from the last seam of case or digits on, where the whole fails; a
    # city's own words run together are that city ("NorthCharleston, SC"), and what stands before the seam
    # must be a field's: a code with digits, an English word of four letters or more or the place before it,
    # not a brand's syllable ("MyDallas", "PayBoston")
    for k, word in enumerate(raw):
        seams = [m.start() for m in _GLUED_SEAM.finditer(word)]
        if not seams:
            continue
        at, rest = seams[-1], raw[k + 1 :]
        spaced = " ".join([word[:at] + " " + word[at:], *rest])
        if (place := city_in(spaced, where)) is not None:
            return place, " ".join([word, *rest])
        before = word[:at]
        field = (
            any(c.isdigit() for c in before)
            or (len(before) >= 4 and english_word(before))
            or gazetteer().region(before)
            is not None  # a list of places run together: "Eagan, MinnesotaWoodbury, MN"
        )
        name = " ".join([word[at:], *rest])
        if field and (place := city_in(name, where)) is not None:
            return place, name
    return None


_GLUED_SEAM = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z])")


_ONLY_AFTER = re.compile(r"(?i)[\s-]*only\b")
_COUNTRY_BEFORE = re.compile(r"([A-Z][\w.]*)[\s-]+(?:based|only)?[\s-]*$")  # "US-based remote"


def remote_countries(text: str, remotes: list[Span]) -> Iterator[tuple[Location, Span]]:
    """ "Remote (US only)", "remote within Canada", "US-based remote": the country remote work is limited to."""
    g = gazetteer()
    for m in remotes:
        after = text[m.end : m.end + 40].split("\n", 1)[0]
        before = text[max(0, m.start - 25) : m.start].rsplit("\n", 1)[-1]
        for word in _WORD.finditer(after):
            country = _country_word(g, word.group())
            prefix = after[: word.start()]
            # "Remote (US only)", "remote within Canada"; "Remote US Only": the country next, "only" after it
            limited = _REMOTE_LIMIT.search(prefix) or (
                not prefix.strip() and _ONLY_AFTER.match(after, word.end()) is not None
            )
            if country and limited and len(prefix) < 20:
                stop = m.end + word.start() + len(word.group())
                yield Location(None, country), Span(m.start, stop, text[m.start : stop])
                break
        tail = _COUNTRY_BEFORE.search(before)
        if tail:
            country = _country_word(g, tail.group(1))
            if country:
                start = m.start - len(before) + tail.start(1)
                yield Location(None, country), Span(start, m.end, text[start : m.end])


def _country_word(g: Gazetteer, word: str) -> str | None:
    word = word.strip(".,;:()")
    country = g.country(word)
    return country or None
