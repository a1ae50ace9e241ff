"""The salary band `rolemap jd new` proposes when the spec gives none: p25–p75 of the market's salaries for
the spec's language, level and role family in the spec's country, in that country's currency
(`data/currencies.json`, converted with the analytics pay scale: `analytics.pay.pay_scale`).

The city's (or metro's) salaries are used when there are enough; else the country's, and the note says it
widened. Countries are never mixed: a spec whose places span several countries, or a country with too few
salaries, gets no band, and the note says why and what to do. The note names n, the dates of the postings
the band rests on, the country and the currency."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from rolemap.agreement import counted
from rolemap.analytics.stats import MIN_FOR_HEADLINE
from rolemap.jd.spec import RoleSpec, Salary

if TYPE_CHECKING:
    from rolemap.analytics.frame import MarketFrame

# a band is a headline figure: with fewer market salaries than a headline median needs, none is proposed
MIN_POSTINGS_FOR_BAND = MIN_FOR_HEADLINE
NO_BAND_FIX = (
    "set salary: {min: …, max: …, currency: …} in the spec from your own pay data, "
    "or ingest more postings of this role and country"
)


@dataclass(frozen=True)
class Band:
    salary: Salary | None
    note: str  # where the band comes from, or why there is none


@cache
def country_currencies() -> dict[str, str]:
    raw = resources.files("rolemap.jd").joinpath("data/currencies.json").read_text(encoding="utf-8")
    return dict(json.loads(raw)["currencies"])


def spec_countries(spec: RoleSpec) -> tuple[list[str], str | None]:
    """The ISO countries the spec's work is in (its places; a remote role without places, the countries it
    is open to), and the city when it names exactly one."""
    from rolemap.jd.jurisdictions import places_in

    places = [p for loc in spec.locations for p in places_in(loc)]
    countries = list(dict.fromkeys(p.country for p in places))
    if not places and spec.work_model == "remote":
        countries = [c.upper() for c in (spec.remote_countries or ["US"])]
    cities = list(dict.fromkeys(p.city for p in places if p.city))
    return countries, cities[0] if len(cities) == 1 else None


def propose_band(spec: RoleSpec, frame: MarketFrame | None) -> Band:
    """The spec's salary; else p25–p75 of the market in the spec's country and currency (its city when
    that has enough salaries); else no band and a note saying why."""
    if spec.salary:
        return Band(spec.salary, "from the role spec")
    if frame is None:
        return Band(None, "no salary in the spec and no market data (--db) to propose one")
    from rolemap.analytics.lane import Lane, salary_counts, select
    from rolemap.analytics.pay import bundled_rates, pay_scale, pay_stats
    from rolemap.jd.generate import country_name, spec_family

    countries, city = spec_countries(spec)
    if len(countries) != 1:
        where = ", ".join(countries) or "no country"
        return Band(
            None,
            f"the spec's places are in {where}: a market band is one country's; "
            f"name one country's places, or {NO_BAND_FIX}",
        )
    country = countries[0]
    currency = country_currencies().get(country)
    rates = bundled_rates()
    if currency is None or currency not in rates.usd_per_unit:
        return Band(None, f"no currency known for {country} in the rate table; {NO_BAND_FIX}")
    scale = pay_scale(frame, currency, rates)
    base = {"language": (spec.language.lower(),), "seniority": (spec.level,), "family": (spec_family(spec),)}
    lanes = [("country", Lane(**base, country=(country,)))]  # type: ignore[arg-type]
    if city:
        lanes.insert(0, ("city", Lane(**base, country=(country,), city=(city,))))  # type: ignore[arg-type]
    what = f"{spec.language} {spec.level} {base['family'][0]}"
    tried: list[str] = []
    for kind, lane in lanes:
        mask = salary_counts(frame, lane, select(frame, lane))
        stats = pay_stats(scale, mask)
        place = city if kind == "city" else country_name(country).removeprefix("the ")
        if stats.count >= MIN_POSTINGS_FOR_BAND and stats.p25 and stats.p75:
            band = Salary(round(stats.p25, -3), round(stats.p75, -3), currency, "year")
            widened = f"; widened from {tried[0]}, fewer than {MIN_POSTINGS_FOR_BAND}" if tried else ""
            converted = (
                f"; {stats.converted} converted from another currency at the rates of {rates.date}"
                if stats.converted
                else ""
            )
            return Band(
                band,
                f"p25–p75 of {stats.count} market salaries of {what} roles in {place} ({country}), "
                f"yearly {currency}, {_window(frame, mask, scale.yearly)}{widened}{converted}",
            )
        tried.append(f"{place} ({counted(stats.count, 'salary', 'salaries')})")
    return Band(
        None,
        f"too few market salaries for {what} roles to propose a band: {' and '.join(tried)}, "
        f"at least {MIN_POSTINGS_FOR_BAND} needed in one country; other countries' pay is never mixed in; "
        f"{NO_BAND_FIX}",
    )


def _window(frame: MarketFrame, mask: np.ndarray, yearly: np.ndarray) -> str:
    """ "postings from 2024-01-05 to 2024-06-20": the dates the band's salaries were posted."""
    if "posted" not in frame.table.column_names:
        return "posting dates unknown"
    posted = frame.dates("posted")[mask & ~np.isnan(yearly)]
    posted = posted[~np.isnat(posted)]
    if not posted.size:
        return "posting dates unknown"
    return f"postings from {posted.min()} to {posted.max()}"
