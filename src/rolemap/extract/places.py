"""Places of work: the readers of the gazetteer (`gazetteer.py`: GeoNames through `scripts/build_gazetteer.py`).

A place is claimed only where the text says it is one, so a town called "Mobile" or "Cloud" never turns an
ad into a place of work:
- `read_places(segment)` reads a string that is a place by position: a board's location field, a Hacker
  News header segment, the words after "Location:" — every part must be a known place (or a work-model
  word) or nothing is claimed;
- `place_mentions` reads places out of running text with it: "City, ST" pairs, places after cues, the
  firm's own sites and the country remote work is limited to.
Metro names fold to their city (NYC → New York, Bay Area → San Francisco); a city without a region is the
most populous of that name.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rolemap.extract.gazetteer import MIN_BARE_POPULATION, Gazetteer, gazetteer
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Location

# Words that stand beside a place in a location segment without being one ("London Onsite", "NYC or Remote").
_FLAG_WORDS = frozenset(
    [
        "remote",
        "remotely",
        "onsite",
        "on-site",
        "in-office",
        "office",
        "hybrid",
        "relo",
        "relocation",
        "ok",
        "only",
        "preferred",
        "or",
        "and",
        "area",
        "metro",
        "greater",
        "downtown",
        "hq",
        "headquarters",
        "full-time",
        "fulltime",
        "full",
        "time",
        "part-time",
        "part",
        "contract",
        "visa",
        "intern",
        "interns",
        "the",
        "based",
        "anywhere",
        "worldwide",
        "global",
        "globally",
        "timezone",
        "timezones",
        "tz",
        "utc",
        "friendly",
        "possible",
        "welcome",
        "required",
        "assistance",
        "available",
        "on",
        "site",
        "in",
        "also",
        # a country's own part: "the continental US", "mainland China"
        "continental",
        "contiguous",
        "mainland",
    ]
)
_PARTS = re.compile(r"\s*(?:[;|/()\[\]•+&]|\bor\b|\band\b|\s[-‒–—]\s)\s*", re.I)
_STATE_THEN_CITY = re.compile(r"([A-Z]{2})\s*[-‒–—]\s*([A-Z])")


def read_places(segment: str) -> list[Location]:
    """The places a location-only string names; [] unless every part of it is a place or a flag word."""
    return parse_places(segment) or []


def parse_places(segment: str) -> list[Location] | None:
    """The places of a location-only string; None when some part of it is not a place ("Senior Engineer"),
    [] when it is place-like but names no one place ("EU", "Remote")."""
    # spaces made single: a run of them costs each pattern that opens on `\s*` a try at every one
    segment = " ".join(segment.split())
    found = _parse_places(segment)
    if found is None:
        found = _metro_area(segment)
    return None if found is None else list(found)


@lru_cache(maxsize=50_000)  # headers repeat their places ("San Francisco, CA", "REMOTE") post after post
def _parse_places(segment: str) -> tuple[Location, ...] | None:
    segment = _NEAR_NOTE.sub(" ", segment)  # "Vienna, VA (near Washington, DC)": a landmark, not an office
    # "RI ‒ Woonsocket", "TX - Irving": a board's state, then the city in it, is the city
    if (in_state := state_then_city(segment.strip())) and len(in_state[1]) == len(segment.strip()):
        return (in_state[0],)
    outside, inside = _BRACKETED.sub(" / ", segment), " / ".join(_BRACKETED.findall(segment))
    found: list[Location] = []
    within: list[Location] = []
    noted = False  # a part in brackets that names no place: a note
    for text, into in ((outside, found), (inside, within)):
        for part in _PARTS.split(text):
            part = part.strip(" ,.:!")
            if not part:
                continue
            places = _part_places(part)
            if places is None and into is within and found:
                noted = True  # "London (London Bridge currently)", "Boston, MA (Cambridge, Harvard Sq)"
                continue
            if places is None:
                return None
            into.extend(places)
    if noted:
        # read without the notes where what stands outside can only be a place ("Utrecht (city centre), NL";
        # "Casper (https://…)" is a firm's name); what the brackets name beside it stays a district of it
        bare = _BRACKETED.sub(" ", segment)
        if not confident_place(bare):
            return None
        found = list(_parse_places(bare) or ())
    return tuple(_neighbours(_unique(found + _districts(within, found))))


def state_then_city(text: str) -> tuple[Location, str] | None:
    """A US state's code, a dash, then a city of that state opening `text` ("RI ‒ Woonsocket Job Type: Full
    Time", "TX - Irving", as boards list a location): the city, and the words that name it."""
    state_first = _STATE_THEN_CITY.match(text)
    region = gazetteer().region(state_first.group(1)) if state_first else None
    if state_first is None or region is None or region[0] != "US":
        return None
    words = list(re.finditer(r"[\w.'-]+", text[state_first.start(2) :]))[:3]
    for n in range(len(words), 0, -1):  # the longest name first: "West Palm Beach", not "West"
        name = text[state_first.start(2) : state_first.start(2) + words[n - 1].end()]
        place = city_in(name, state_first.group(1))
        if place and place.city:
            return place, text[: state_first.start(2) + words[n - 1].end()]
    return None


_BRACKETED = re.compile(r"\(([^()]*)\)")
# the end of a metro area's name: "… Metropolitan Area", "… Region", "… Metroplex" (a run of spaces tried once)
_AREA_END = re.compile(r"(?i)(?<!\s)\s+(?:metro(?:politan)?\s+)?(?:area|metroplex)$|(?<=\S)\s+region$")


def _metro_area(segment: str) -> tuple[Location, ...] | None:
    """A metro area named by its cities ("Greater Minneapolis-St. Paul Area", "Raleigh-Durham-Chapel Hill
    Area", "New York City Metropolitan Area", "Greater Pittsburgh Region": LinkedIn's place names) is its
    first city's, as the spec folds a metro to its city; read only where the whole name is no place ("Bay
    Area" is a metro of its own) and where what it folds to is a city."""
    end = _AREA_END.search(segment)
    if end is None:
        return None
    named = segment[: end.start()]
    greater = re.match(r"(?i)greater\s+", named)
    if (
        not named
        or any(c in named for c in ",()/|")
        or (end.group().lower().endswith("region") and not greater)
    ):
        return None  # "Schleswig-Holstein Region", "Central Region": a region, not a metro
    for name in (named, named[greater.end() :] if greater else None):  # "Greater Sudbury" is a city's name
        for city in (name, re.split(r"\s*-{1,2}\s*", name, maxsplit=1)[0]) if name else ():
            found = _parse_places(city)
            if found and all(place.city for place in found):  # "Victoria Metropolitan Area": no state
                return found
    return None


# the words that place an office by another place: "near Boston", "outside of Boston, MA", "south of Los Angeles"
NEAR_WORDS = r"(?:near|outside(?: of)?|close to|minutes from|(?:north|south|east|west) of)"
# a note in brackets that places the office by another place: "(near Boston)", "(just outside of Boston, MA)",
# "(south of Los Angeles)", "(in the Indianapolis, IN metropolitan area)"
_NEAR_NOTE = re.compile(
    rf"(?i)\(\s*(?:(?:just |right )?{NEAR_WORDS}|in the [^()]{{1,40}}\b(?:metro(?:politan)?|greater) area)\b[^()]*\)"
)


def _districts(within: list[Location], outside: list[Location]) -> list[Location]:
    """ "New York (Manhattan/Soho)": what the brackets name beside a city is a district of it, not a town
    abroad that shares the district's name; places in brackets count only in the countries named outside."""
    countries = {p.country for p in outside}
    return [p for p in within if not countries or p.country in countries]


def _neighbours(places: list[Location]) -> list[Location]:
    """ "Santa Clara / San Francisco / Toronto": a name that several countries hold is read in the country
    of the places named beside it (the US Santa Clara, not Cuba's)."""
    countries = [p.country for p in places if p.city]
    if len(countries) < 2:
        return places
    g = gazetteer()
    out = []
    for place in places:
        here = g.city(place.city or "", place.country)
        if place.city and countries.count(place.country) == 1 and here and here.population < 500_000:
            other = next(
                (
                    c
                    # the commonest first; a tie in the order named (a set's order changes with the hash seed)
                    for c in sorted(dict.fromkeys(countries), key=countries.count, reverse=True)
                    if c != place.country and (there := g.city(place.city, c)) and there.population >= 15_000
                ),
                None,
            )
            if other:
                place = Location(place.city, other)
        out.append(place)
    return _unique(out)


def _population(g: Gazetteer, place: Location) -> int:
    if place.city and place.city.lower() in g.metros:
        return 10_000_000
    city = g.city(place.city or "", place.country)
    return city.population if city else 0


CONFIDENT_POPULATION = 100_000


@lru_cache(maxsize=50_000)
def confident_place(segment: str) -> bool:
    """A segment that can only be a place: a city with its region or country ("Malibu, CA"), a metro, a
    country or region, or a city of some size named alone; not a small town's name, which a company may
    share ("Nava")."""
    places = parse_places(segment)
    if not places:
        return False
    head, _, rest = _BRACKETED.sub(" ", segment).partition(",")
    if rest and not (city_in(head.strip(), _bare(rest.split(",")[0])) or _one_place(head.strip())):
        return False  # "Kensho, Boston, MA": a name, then the places
    if "," in segment or len(places) > 1 or _city_then_region(_bare(segment)):
        return True
    g = gazetteer()
    return all(not p.city or _population(g, p) >= CONFIDENT_POPULATION for p in places)


def _part_places(part: str) -> list[Location] | None:
    """One part: "Cambridge, MA", "Leuven, Belgium", "Mayfair, London Onsite"; None if not a place.
    A short capitalised piece that is not a place (a district: "Mayfair") is passed over when another
    piece of the part is one."""
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    out: list[Location] = []
    unknown = False
    i = 0
    while i < len(pieces):
        name = _bare(pieces[i])
        # ("Gurgaon, IN": India's code is a filler word's spelling)
        after = (_bare(pieces[i + 1]) or pieces[i + 1]) if i + 1 < len(pieces) else ""
        if not name:
            i += 1
            continue
        pair = (city_in(pieces[i].strip(), after) or city_in(name, after)) if after else None
        if pair is None and (region := _region_then_its_country(after)):
            pair = city_in(name, region)  # "Burlington, MA USA": Burlington of Massachusetts, not of Ontario
        if pair is None and after and "-" in name:  # "Kitchener-Waterloo, ON": twin cities of one region
            twins = [city_in(side, after) for side in name.split("-")]
            if all(twin and twin.city for twin in twins):  # "Portland-Oregon": a state is no twin
                out.extend(twins)  # type: ignore[arg-type]
                i += 2
                continue
        if pair is not None:
            out.append(pair)
            i += 2
            continue
        if (across := _across_a_region(name, pieces[i + 1 : i + 3])) is not None:
            out.append(across)  # "Bangalore, Karnataka, India"
            i += 3
            continue
        single = _one_place(pieces[i].strip()) or _one_place(name) or _city_then_region(name)
        if single is None and name.rstrip(".").lower() in _firms_forms():
            return None  # "Spring, Inc.": a firm named like a town
        if single is None:
            if len(name.split()) > 3 or not name[:1].isupper():
                return None
            unknown = True
        elif single.city or single.country:  # "EU", "Worldwide" are known, but no one country
            out.append(single)
        i += 1
    return None if unknown and not out else out


@cache
def _firms_forms() -> frozenset[str]:
    return frozenset(form.lower() for form in load_wordlist("legal_forms")["firm"])


def _across_a_region(name: str, then: list[str]) -> Location | None:
    """A city, a region the gazetteer does not hold, then the city's country ("Bangalore, Karnataka, India",
    "Gurgaon, Haryana, India"): the city in that country, where the region is no place of its own."""
    if len(then) < 2 or not _REGION_NAME.fullmatch(then[0]) or _one_place(then[0]) is not None:
        return None
    country = then[1]
    if len(country) <= 3 or not gazetteer().country(country):  # a country's name, not a code ("CA")
        return None
    found = city_in(name, country)
    return found if found is not None and found.city else None


_REGION_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}")


def _region_then_its_country(words: str) -> str | None:
    """The region of "MA USA", "Ontario Canada": a region's code or name, then the country it lies in."""
    region, _, country = words.rpartition(" ")
    if not region:
        return None
    g = gazetteer()
    found, code = g.region(region), g.country(country)
    return region if found is not None and code is not None and found[0] == code else None


@lru_cache(maxsize=50_000)
def _city_then_region(name: str) -> Location | None:
    """ "Conshohocken PA", "London UK", "Ottawa Ontario": a city and its region written without a comma, the
    city with its capital ("the continental US" is no town Continental)."""
    words = name.split()
    if not words or not words[0][:1].isupper():
        return None
    for cut in (1, 2):
        if len(words) > cut:
            found = city_in(" ".join(words[:-cut]), " ".join(words[-cut:]))
            if found:
                return found
    return None


@lru_cache(maxsize=50_000)
def _bare(piece: str) -> str:
    """The piece without the work-model and filler words around a place ("London Onsite" → "London")."""
    return " ".join(w for w in piece.split() if w.lower().strip(".!") not in _FLAG_WORDS and not w.isdigit())


@lru_cache(maxsize=50_000)  # names repeat post after post; the answers are pure
def city_in(name: str, where: str) -> Location | None:
    """ "Cambridge", "MA" → Cambridge, US; "Melbourne", "AU" → Melbourne, AU; None if that city is not there.
    A two-letter code is read as a US state or Canadian province first, then as a country ("Berlin, DE")."""
    g = gazetteer()
    whole = g.metros.get(f"{name}, {where}".lower())  # "Washington, DC"
    if whole:
        return Location(*whole)
    readings: list[tuple[str, str | None]] = []
    region = g.region(where)
    if region:
        readings.append((region[0], region[1]))
    country = g.country(where)
    if (
        country is None
        and where.isupper()
        and len(where) == 2
        and (any(c.country == where for c in g.towns(name)) or g.by_other_name(name, where))
    ):
        country = where  # an ISO code GeoNames knows though the alias list does not ("Melbourne, AU")
    if country:
        readings.append((country, None))
    metro = g.metros.get(name.lower())
    own_region = g.region(name)
    for country_code, region_code in readings:
        if metro and metro[1] == country_code:
            return Location(metro[0], country_code)
        if own_region and own_region[0] == country_code:
            return Location(None, country_code)  # "Florida, United States": a region, not the town Florida
        city = g.city(name, country_code, region_code) or g.by_other_name(name, country_code, region_code)
        if city:
            return Location(city.name, city.country)
    return None


@lru_cache(maxsize=50_000)
def _one_place(name: str) -> Location | None:
    """A piece on its own: a metro, a city of some size, a country or a region; None if not a place."""
    g = gazetteer()
    key = name.lower().removeprefix("the ")  # "the Bay Area" is the metro, not the Bay of its words
    if key in g.metros:
        metro_city, metro_country = g.metros[key]
        return Location(metro_city, metro_country)
    country = g.country(name)
    if country is not None:
        return Location(None, country or None)
    region = g.region(name)
    if region is not None:
        return Location(None, region[0])
    if key in g.not_places or not name[:1].isupper():
        return None
    if len(name) <= 3 and name.isupper():
        return None  # two or three capitals are a code ("NYC, TO"), never a town's name ("To", Burkina Faso)
    city = g.city(name)
    if city and city.population >= MIN_BARE_POPULATION:
        return Location(city.name, city.country)
    return None


def as_city_state(place: Location) -> Location:
    """A city-state named as a country is its city too ("Singapore", "Hong Kong"); other places as given."""
    city = gazetteer().city_states.get(place.country or "") if place.city is None else None
    return Location(city, place.country) if city else place


def _unique(places: list[Location]) -> list[Location]:
    return list(dict.fromkeys(places))


def starts_with_a_city(name: str, population: int = 1_000_000) -> bool:
    """ "London Gatwick": a big city's name and one word more reads as a place, not a hirer."""
    words = name.split()
    if len(words) != 2:
        return False
    city = gazetteer().city(words[0])
    return bool(city and city.population >= population)
