"""Pay on one scale: every stated salary annualised (hour × 2080, day × 260, week × 52, month × 12) and
converted to one currency with a dated rate table, implausible figures left out and counted.

A posting's figure is the middle of its range ("$120k–$150k" → 135k), or the one figure it states ("up to
$150k" → 150k). Statistics say how many figures they rest on and how many were annualised, converted and
left out, so a wide range never stands without its reason.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from rolemap.analytics.frame import MarketFrame, first_of_postings
from rolemap.analytics.stats import MIN_FOR_HEADLINE, median_interval
from rolemap.errors import DataError, InputError

HOURS_A_YEAR = {"hour": 2080.0, "day": 260.0, "week": 52.0, "month": 12.0, "year": 1.0}
# A full-time year of pay outside this band, in US dollars whatever currency the figures are shown in, is a
# misread figure or not a salary: "a yearly 3,000", "an hourly 90,000". (Judged in the shown currency, a
# yen or krona scale had left out every salary above a million of it: n and the median moved with
# --currency.)
PLAUSIBLE_YEAR = (10_000.0, 1_000_000.0)


def plausible_year(yearly_usd: Any) -> Any:
    """Whether a full-time year of pay in US dollars (a number or a numpy array of them) is a salary: the
    one test the pay scale, the summary and a Parquet dataset's SQL (with PLAUSIBLE_YEAR) apply."""
    return (yearly_usd >= PLAUSIBLE_YEAR[0]) & (yearly_usd <= PLAUSIBLE_YEAR[1])


MIN_FOR_MEDIAN = 3  # fewer figures than this: no median is printed, the output says why
MIN_FOR_SPREAD = 5  # quartiles and the range from fewer figures are the figures themselves: none printed
# A headline card (market in the CLI, the web market page, the report) shows a median only from
# MIN_FOR_HEADLINE figures and says "too few" below; a table's cell from its own least n (`--min-cell`, never
# under MIN_FOR_MEDIAN), marked "too few" below it.


@dataclass(frozen=True)
class Rates:
    date: str
    base: str
    usd_per_unit: dict[str, float]
    source: str = "bundled"

    def factor(self, currency: str, target: str) -> float | None:
        """How many `target` one `currency` is worth, or None when the table lacks either."""
        a, b = self.usd_per_unit.get(currency), self.usd_per_unit.get(target)
        return a / b if a and b else None


@cache
def bundled_rates() -> Rates:
    raw = resources.files("rolemap.analytics").joinpath("data/rates.json").read_text(encoding="utf-8")
    return parse_rates(raw, "rates.json (bundled)")


def load_rates(path: Path | None) -> Rates:
    if path is None:
        return bundled_rates()
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the rate table ({e})") from None
    return parse_rates(raw, str(path))


def parse_rates(raw: str, where: str) -> Rates:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise DataError(f"{where}: not valid JSON ({e})") from None
    rates = data.get("rates") if isinstance(data, dict) else None
    if not isinstance(rates, dict) or not rates or not isinstance(data.get("date"), str):
        raise DataError(f'{where}: expected {{"date": "YYYY-MM-DD", "rates": {{"EUR": 1.07, ...}}}}')
    bad = [k for k, v in rates.items() if not isinstance(v, (int, float)) or isinstance(v, bool) or v <= 0]
    if bad:
        raise DataError(f"{where}: the rate of {bad[0]} must be a positive number")
    if "USD" not in {k.upper() for k in rates}:  # what a salary is, is judged in US dollars (PLAUSIBLE_YEAR)
        raise DataError(f"{where}: the table needs a rate for USD, whatever its base")
    return Rates(
        data["date"], str(data.get("base", "USD")), {k.upper(): float(v) for k, v in rates.items()}, where
    )


@dataclass(frozen=True)
class PayScale:
    """Every posting's pay as one yearly figure in one currency (NaN where none is usable)."""

    yearly: np.ndarray
    stated: np.ndarray  # the posting states a salary
    annualised: np.ndarray  # stated per hour / day / week / month
    converted: np.ndarray  # stated in another currency
    implausible: np.ndarray  # stated, but outside the plausible band once annualised
    unconvertible: np.ndarray  # a currency the rate table lacks
    currency: str
    rates: Rates
    from_board: np.ndarray | None = None  # usable, and stated in the board's own salary fields, not the text
    # each row's posting (frame.postings_of_rows): a posting's salary is one figure, however many of its
    # roles it counts for ("Senior Backend Engineer … an experienced backend developer": one salary, not two)
    posting: np.ndarray | None = None


def pay_scale(frame: MarketFrame, currency: str = "USD", rates: Rates | None = None) -> PayScale:
    rates = rates or bundled_rates()
    currency = currency.upper()
    if currency not in rates.usd_per_unit:
        raise InputError(f"--currency {currency}: the rate table ({rates.source}) has no rate for it")
    low, high = frame.numbers("salary_min"), frame.numbers("salary_max")
    middle = np.where(np.isnan(low), high, np.where(np.isnan(high), low, (low + high) / 2))
    period_codes, periods = frame.codes("salary_period")
    currency_codes, currencies = frame.codes("salary_currency")
    per_year = np.array([HOURS_A_YEAR.get(p, np.nan) for p in periods] + [np.nan])[period_codes]
    factor = np.array([rates.factor(c, currency) or np.nan for c in currencies] + [np.nan])[currency_codes]
    in_usd = np.array([rates.factor(c, "USD") or np.nan for c in currencies] + [np.nan])[currency_codes]
    stated = ~np.isnan(middle) & (period_codes >= 0) & (currency_codes >= 0)
    yearly = middle * per_year * factor
    yearly_usd = middle * per_year * in_usd
    unconvertible = stated & np.isnan(factor)
    implausible = stated & ~unconvertible & ~plausible_year(yearly_usd)
    usable = stated & ~unconvertible & ~implausible
    year_code = periods.index("year") if "year" in periods else -2
    target_code = currencies.index(currency) if currency in currencies else -2
    return PayScale(
        yearly=np.where(usable, yearly, np.nan),
        stated=stated,
        annualised=usable & (period_codes != year_code),
        converted=usable & (currency_codes != target_code),
        implausible=implausible,
        unconvertible=unconvertible,
        currency=currency,
        rates=rates,
        from_board=_board_salaries(frame, usable),
        posting=frame.postings_of_rows(),
    )


def _board_salaries(frame: MarketFrame, usable: np.ndarray) -> np.ndarray | None:
    """The usable salaries stated in a board's structured fields (extract/source_facts.py), not read in
    the text; None for a frame that does not say."""
    if "salary_from_source" not in frame.table.column_names:
        return None
    return usable & frame.flags("salary_from_source")


@dataclass(frozen=True)
class PayStats:
    count: int  # figures the statistics rest on
    stated: int  # postings of the lane that state pay at all
    annualised: int
    converted: int
    left_out: int  # implausible or in a currency without a rate
    currency: str
    median: float | None
    p25: float | None
    p75: float | None
    low: float | None
    high: float | None
    note: str
    median_low: float | None = None  # the median's 95% order-statistic interval (from 6 figures)
    median_high: float | None = None
    too_few: bool = True  # fewer than MIN_FOR_HEADLINE figures: a card says "too few", not a median
    # of `count`: figures from a board's structured salary fields, and figures read in the posting's text
    # (None where the origin is not known: a Parquet dataset)
    from_board: int | None = None
    from_text: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def pay_stats(scale: PayScale, mask: np.ndarray, least: int = MIN_FOR_HEADLINE) -> PayStats:
    """The statistics of the salaries of `mask`, each posting's once; `too_few` below `least` of them (a
    headline's n by default)."""
    if scale.posting is not None:
        mask = first_of_postings(scale.posting, mask & scale.stated)
    values = scale.yearly[mask]
    values = values[~np.isnan(values)]
    quartiles = None
    if values.size >= MIN_FOR_MEDIAN:
        p25, median, p75 = (float(v) for v in np.percentile(values, [25, 50, 75]))
        quartiles = (p25, median, p75, float(values.min()), float(values.max()))
    stats = stats_of(
        int(values.size),
        int(scale.stated[mask].sum()),
        int(scale.annualised[mask].sum()),
        int(scale.converted[mask].sum()),
        int((scale.implausible | scale.unconvertible)[mask].sum()),
        scale.currency,
        scale.rates,
        quartiles,
        least,
    )
    if scale.from_board is not None:
        board = int(scale.from_board[mask].sum())
        stats = replace(stats, from_board=board, from_text=stats.count - board)
    interval = median_interval(values)
    if interval is None or stats.median is None:
        return stats
    return replace(stats, median_low=interval[0], median_high=interval[1])


def stats_of(
    count: int,
    stated: int,
    annualised: int,
    converted: int,
    left_out: int,
    currency: str,
    rates: Rates,
    quartiles: tuple[float, float, float, float, float] | None,
    least: int = MIN_FOR_HEADLINE,
) -> PayStats:
    """The statistics and their note from counts and (p25, median, p75, lowest, highest) of the usable
    yearly figures, whoever computed them (numpy here, DuckDB over a Parquet dataset); `too_few` below
    `least` figures, and no quartiles or range below MIN_FOR_SPREAD."""
    least = max(least, MIN_FOR_MEDIAN)
    common = dict(
        count=count,
        stated=stated,
        annualised=annualised,
        converted=converted,
        left_out=left_out,
        currency=currency,
        too_few=count < least,
    )
    if count < MIN_FOR_MEDIAN or quartiles is None:
        note = (
            f"too few salaries for a median: {count} usable of {stated} stated "
            f"(at least {MIN_FOR_MEDIAN} needed)"
        )
        return PayStats(**common, median=None, p25=None, p75=None, low=None, high=None, note=note)  # type: ignore[arg-type]
    p25, median, p75, low, high = quartiles
    if count < least:  # the quartiles and the range rest on the n too small for the median: none is shown
        headline = "a headline" if least == MIN_FOR_HEADLINE else "a"
        spread = f"Too few for {headline} median, middle half or range (at least {least} needed)."
    elif count < MIN_FOR_SPREAD:
        p25 = p75 = low = high = None  # type: ignore[assignment]
        spread = f"Too few for a middle half or range (at least {MIN_FOR_SPREAD} needed)."
    else:
        spread = f"The range is the lowest and highest figure; half the salaries are between {_k(p25)} and {_k(p75)}."
    note = (
        f"yearly {currency}, from {count} salaries (a posting's once, counted for the roles the text ties "
        f"it to); {annualised} converted from hourly/daily/weekly/monthly pay, {converted} from "
        f"another currency (rates of {rates.date}), {left_out} left out as implausible or without a rate. "
        + spread
    )
    return PayStats(**common, median=median, p25=p25, p75=p75, low=low, high=high, note=note)  # type: ignore[arg-type]


def headline_pay(stats: PayStats) -> PayStats:
    """The statistics a headline card (the role page, the pay page's overall figures, the report) may show:
    below MIN_FOR_HEADLINE figures the median is withheld, and so is every figure resting on the same n
    (quartiles, middle half, range, the median's interval). A table cell is held to its own least n
    (`--min-cell`), the same way (`withheld`)."""
    return withheld(stats) if stats.too_few else stats


def withheld(stats: PayStats) -> PayStats:
    """The statistics with every figure computed from the salaries taken out: their counts and note stay."""
    return replace(
        stats, median=None, p25=None, p75=None, low=None, high=None, median_low=None, median_high=None
    )


def _k(value: float) -> str:
    return f"{value / 1000:,.0f}k" if value >= 10_000 else f"{value:,.0f}"
