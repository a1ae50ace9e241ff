"""The gazetteer of places: GeoNames' cities, countries and regions with the hand-kept layer (metro names,
country aliases, words that are towns but no place in an ad), built into `data/places.tsv.gz` by
`scripts/build_gazetteer.py` and read here once. `places.py` and `place_mentions.py` read places with it."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

MIN_BARE_POPULATION = 15_000  # a city named without its region must be at least a town of this size


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str
    region: str
    population: int


@dataclass(frozen=True, eq=False)
class Gazetteer:
    cities: dict[str, list[str]]  # lower-case name → its cities' rows, most populous first (read on use)
    countries: dict[str, str]  # lower-case name or alias → ISO code ("" = not one country: "EU")
    regions: dict[str, tuple[str, str]]  # exact code or lower-case name → (country, region code)
    metros: dict[str, tuple[str, str]]  # lower-case metro name → (city, country)
    not_places: frozenset[str]
    city_states: dict[str, str]  # country code → the city that is the whole country: "SG" → "Singapore"
    other_names: dict[str, list[str]]  # lower-case other name ("bangalore") → its cities' rows, as cities

    def region(self, word: str) -> tuple[str, str] | None:
        """A region by its code as written (upper case: "IN" is Indiana, "in" is not) or its name."""
        if word.isupper() and len(word) <= 3:
            return self.regions.get(word)
        return self.regions.get(word.lower()) if not word.isupper() or len(word) > 3 else None

    def country(self, word: str) -> str | None:
        if len(word) <= 3 and not word.isupper():
            return None  # "us", "uk" in running text are words
        found = self.countries.get(word.lower())
        if found is None and _DOTTED.fullmatch(word):
            return self.countries.get(word.lower() + ".")  # "U.S" of "the U.S.", its last dot read as a stop
        return found

    def towns(self, name: str) -> tuple[City, ...]:
        return _towns(self, name.lower())

    def city(self, name: str, country: str | None = None, region: str | None = None) -> City | None:
        return _first_there(self.towns(name), country, region)

    def by_other_name(self, name: str, country: str, region: str | None = None) -> City | None:
        """A city by another of its names, in the country written beside it ("Bangalore, India", "Kiev,
        Ukraine"): GeoNames' other names are words and people's names too, so never alone."""
        rows = self.other_names.get(name.lower(), ())
        return _first_there((_city_row(row) for row in rows), country, region)


def _first_there(cities: Iterable[City], country: str | None, region: str | None) -> City | None:
    """The first (most populous) of `cities` in that country and region, either unknown when None."""
    for city in cities:
        if (country is None or city.country == country) and (region is None or city.region == region):
            return city
    return None


_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")


# GeoNames codes that are no ISO 3166-1 country today: the Netherlands Antilles (AN, withdrawn 2010) and
# Serbia and Montenegro (CS, 2006). Kosovo's XK, user-assigned, is kept: GeoNames and the places read use it.
_WITHDRAWN = frozenset({"AN", "CS"})


@cache
def iso_countries() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes (and XK): the countries of the gazetteer a place is read into, and the
    only ones a lane filter or a label takes."""
    return frozenset(gazetteer().countries.values()) - {""} - _WITHDRAWN


@cache
def gazetteer() -> Gazetteer:
    cities: dict[str, list[str]] = {}
    countries: dict[str, str] = {}
    regions: dict[str, tuple[str, str]] = {}
    metros: dict[str, tuple[str, str]] = {}
    not_places: set[str] = set()
    city_states: dict[str, str] = {}
    other_names: dict[str, list[str]] = {}
    raw = resources.files("rolemap.extract").joinpath("data/places.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    for line in lines[1:]:  # the first line names the source
        kind, written, rest = line.split("\t", 2)
        if kind == "city":  # rows come most populous first within a name; parsed only when looked up
            cities.setdefault(written.lower(), []).append(rest)
            continue
        if kind == "other_name":
            other_names.setdefault(written.lower(), []).append(rest)
            continue
        canonical, country, region, _ = rest.split("\t")
        if kind == "country":
            countries.setdefault(written.lower(), country)
        elif kind == "region":
            regions[written if written.isupper() and len(written) <= 3 else written.lower()] = (
                country,
                region,
            )
        elif kind == "metro":
            metros[written.lower()] = (canonical, country)
        elif kind == "city_state":
            city_states[country] = canonical
        else:
            not_places.add(written.lower())
    return Gazetteer(cities, countries, regions, metros, frozenset(not_places), city_states, other_names)


@lru_cache(maxsize=20_000)
def _towns(g: Gazetteer, key: str) -> tuple[City, ...]:
    rows = g.cities.get(key)
    if rows is None:  # "Ft. Lauderdale", "Mt. Vernon": GeoNames writes the word out
        short = next((s for s in _ABBREVIATED if key.startswith(s)), None)
        rows = g.cities.get(_ABBREVIATED[short] + key[len(short) :]) if short else None
    if rows is None and " " in key:  # "Winston Salem", "Wilkes Barre": GeoNames joins them with hyphens
        rows = g.cities.get(key.replace(" ", "-"))
    return tuple(_city_row(row) for row in rows or ())


_ABBREVIATED = {"ft. ": "fort ", "ft ": "fort ", "mt. ": "mount ", "mt ": "mount "}


def _city_row(row: str) -> City:
    name, country, region, population = row.split("\t")
    return City(name, country, region, int(population))
