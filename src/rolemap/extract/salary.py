"""Base pay as the posting states it: ranges and single figures, k / thousands separators of both
conventions, $ € £ and ISO codes, hour / day / week / month / year, "up to" and "from". Never equity,
bonus, OTE, sign-on money, funding or prices; never min > max.

Every candidate amount is found by one regex (linear: no nested quantifiers), then scored by its context;
the best plausible candidate wins. Units are taken from words next to the amount, and from magnitude only
when the text says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rolemap.extract.document import Document
from rolemap.extract.phrases import windows_around
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

_CUR = load_wordlist("currencies")
_SYMBOLS = sorted(_CUR["symbols"], key=len, reverse=True)
_CODES = sorted(_CUR["codes"], key=len, reverse=True)
DOT_IS_DECIMAL = frozenset(_CUR["dot_is_decimal"])  # currencies whose amounts write decimals with a dot

_WINDOW = 40  # characters before a currency where its amount can start ("120,000.00 - 150,000.00 USD")
# A currency is tried only where one of the first characters of its symbols and codes stands (the regex
# engine would otherwise try every alternative at every place); no currency is longer than the longest.
_FIRST_CHARACTERS = "".join(sorted({re.escape(c[0]) for c in [*_SYMBOLS, *_CODES]}))
_LONGEST_CURRENCY = max(len(c) for c in [*_SYMBOLS, *_CODES])
_cur_alt = (
    rf"(?=[{_FIRST_CHARACTERS}])(?:"
    + "|".join([*(re.escape(s) for s in _SYMBOLS), *(rf"\b{c}\b" for c in _CODES)])
    + ")"
)
_NUM = r"\d{1,3}(?:[,.\u202f '’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,3})?"
_MULT = r"(?:[kK]\b|[mM]{1,2}\b|\s?(?:thousand|million)\b)"
_PERIOD_WORDS = (
    r"(?:/\s?(?:hr|hour|h|yr|year|y|annum|mo|month|wk|week|day|d)\b|"
    r"(?:per|an|a|each|every|/)\s?(?:hour|hr|year|yr|annum|month|week|day)\b|"
    r"hourly|annually|annual|yearly|monthly|weekly|daily|p\.?\s?a\.?(?!\w)|p/h|p\.h\.|pcm)"
)
# "80k - 120k+ CHF": a "+" between an amount and its currency's code; before anything else it joins more
# pay to the base ("$150k+ bonus", "$150k+ $30k bonus": a sign opens the next amount, see _CONNECTOR)
_A_CODE = "|".join(rf"\b{c}\b" for c in _CODES)
_PLUS_CODE = rf"(?:\+(?=\s?(?:{_A_CODE})))?"
# An amount's first digit stands at most a currency and a space after where it starts: a place without a
# digit that near starts none, and the lookahead says so before the alternatives are tried.
_MONEY = re.compile(
    rf"(?=[\s\S]{{0,{_LONGEST_CURRENCY + 1}}}\d)(?P<cur1>{_cur_alt})?\s?(?P<n1>{_NUM})\s?(?P<m1>{_MULT})?{_PLUS_CODE}\s?(?P<code1>{_cur_alt})?"
    rf"\s?(?P<p1>{_PERIOD_WORDS})?"
    rf"(?:\s?(?:-|–|—|~|to|and)\s?(?P<cur2>{_cur_alt})?\s?(?P<n2>{_NUM})\s?(?P<m2>{_MULT})?"
    rf"{_PLUS_CODE}\s?(?P<code2>{_cur_alt})?)?",
    re.I,
)
_PERIOD_AFTER = re.compile(rf"^\s?\(?(?:\w+\s)?{_PERIOD_WORDS}", re.I)
_PERIOD_BEFORE = re.compile(
    r"\b(?P<p>hourly|annual|yearly|monthly|weekly|daily)\s+(?:base\s+)?(?:pay|rate|salary|wage|compensation)",
    re.I,
)
_NAMED_AS_PAY = re.compile(r"(?:salary|pay|wage|compensation)(?:\s+(?:of|is|range))?\s*:?\s*$", re.I)
_UP_TO = re.compile(r"(?:up\s+to|maximum\s+of|max\.?|not\s+to\s+exceed)\s*$", re.I)
_SALARY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|paid|compensation|comp|wage|wages|rate|base|range|earn|earning|income|"
    r"remuneration|brutto|gross|band|tc|ctc|package|per\s+hour|hourly)\b",
    re.I,
)
_NOT_PAY_BEFORE = re.compile(
    r"\b(?:bonus(?:es)?|equity|ote|on[- ]target(?:\s+earnings)?|commissions?|sign[- ]?on|signing|stipend|"
    r"relocation|raised|raise|funding|revenue|valuation|budget|tuition|reimburse\w*|allowance|credit|grants?|"
    r"insured|round|seed|series [a-e]|investors?|arr|gmv|sales|bookings|"
    r"prize|award|investment|invested|arr|worth|cost|costs|price|savings|spend\w*|over|donat\w*|"
    r"referral|401\(?k\)?|match\w*|tips|loan\w*|assistance|premiums?|discount|insurance|market|"
    r"\bcover\w*)\W{0,3}(?:of|up to|is|:|worth|at|about|around|nearly|over|than)?\W{0,3}$",
    re.I,
)
_NOT_PAY_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s){0,3}?(?:bonus|equity|in equity|ote|commission|sign[- ]?on|stipend|relocation|"
    r"signing|funding|in funding|raised|revenue|arr|valuation|seed|series|market|in sales|in revenue|"
    r"users|customers|in tips|tips|per user|off|budget|investment|grant|of funding|401|match|"
    r"allowance|reimburs\w*|credit|loan|towards|for (?:relocation|equipment|learning|education))\b",
    re.I,
)
# an amount in billions is a market, a fund or a wager, never pay: "$6.4 billion", "£55bn" (the word right
# after the figure: "$150,000 at a 2 billion dollar company" is pay)
_IN_BILLIONS = re.compile(r"\s?(?:billion|bn|trillion)\b", re.I)
# "$150k + equity", "$80,000 - $125,000 along with commission": the base, then more
_CONNECTOR = re.compile(
    r"^\s?\+?\s?(?:\+|plus\b|and\b|with\b|along with\b|as well as\b|in addition to\b|,)", re.I
)
_PLAUSIBLE = {
    "hour": (5, 1500),
    "day": (40, 10000),
    "week": (150, 40000),
    "month": (400, 150000),
    "year": (8000, 900_000),  # a seven-figure "salary" in a posting is funding, revenue or a prize
}
_PERIOD_OF = {
    "h": "hour", "hr": "hour", "hour": "hour", "hourly": "hour", "p/h": "hour", "p.h.": "hour",
    "d": "day", "day": "day", "daily": "day",
    "wk": "week", "week": "week", "weekly": "week",
    "mo": "month", "month": "month", "monthly": "month", "pcm": "month",
    "y": "year", "yr": "year", "year": "year", "annum": "year", "annually": "year", "annual": "year",
    "yearly": "year", "pa": "year", "p.a.": "year", "p.a": "year", "pa.": "year",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SalaryCandidate:
    min: float | None
    max: float | None
    currency: str
    period: str
    score: int
    span: Span

    def as_record(self) -> dict[str, object]:
        return {
            "min": _tidy(self.min),
            "max": _tidy(self.max),
            "currency": self.currency,
            "period": self.period,
        }


def extract_salary(doc: Document) -> tuple[dict[str, object] | None, tuple[Span, ...]]:
    best = choose(salary_candidates(doc), doc.text)
    if best is None:
        return None, ()
    return best.as_record(), (best.span,)


def choose(candidates: list[SalaryCandidate], text: str) -> SalaryCandidate | None:
    """The best-scored amount (the first of equals), then three readings of how postings state pay:
    "starts at $23 with progressions up to $24/hour" is one range; a band that contains the first one
    ("hiring range $18.50-22.75, full range $18.50-27.00") is the position's whole band; and the same
    pay stated twice ("$33.77-38.00 hourly or $70,250-79,040 annually") is read in years."""
    if not candidates:
        return None
    top = max(c.score for c in candidates)
    tied = [c for c in candidates if c.score == top]
    best = tied[0]
    best = _joined_up_to(best, candidates, text) or _joined_levels(best, tied, text) or best
    wider = [c for c in tied if c is not best and _contains(c, best)]
    if wider:
        best = max(wider, key=lambda c: (c.max or 0) - (c.min or 0))
    yearly = [c for c in tied if c.period == "year" and abs(c.span.start - best.span.end) <= _SAME_STATEMENT]
    if best.period != "year" and yearly:
        best = yearly[0]
    return best


_SAME_STATEMENT = 40  # characters between two amounts that state the same pay in two units


def _joined_up_to(
    best: SalaryCandidate, candidates: list[SalaryCandidate], text: str
) -> SalaryCandidate | None:
    if best.min is None:  # "up to $24": a starting figure just before it makes the range
        starts = [
            c
            for c in candidates
            if c.min is not None
            and c.min == c.max
            and c.currency == best.currency
            and 0 <= best.span.start - c.span.end <= 60
            and "\n" not in text[c.span.end : best.span.start]
            and c.min < (best.max or 0)
        ]
        if starts:
            c = starts[-1]
            return SalaryCandidate(
                c.min,
                best.max,
                best.currency,
                best.period,
                best.score,
                Span(c.span.start, best.span.end, text[c.span.start : best.span.end]),
            )
    return None


def _joined_levels(best: SalaryCandidate, tied: list[SalaryCandidate], text: str) -> SalaryCandidate | None:
    """Overlapping bands stated side by side for one job ("Technician I: $35.89 - $52.04 per hour
    Technician II: $41.29 - $59.86 per hour") span the job's whole band."""
    band = best
    for c in tied:
        if c is best or c.currency != band.currency or c.period != band.period:
            continue
        if None in (c.min, c.max, band.min, band.max) or not 0 <= c.span.start - band.span.end <= 60:
            continue  # the gap is measured before it is cut out: a slice of the whole text per pair is quadratic
        gap = text[band.span.end : c.span.start]
        if "\n" in gap or not (c.min <= band.max and band.min <= c.max):  # type: ignore[operator]
            continue
        band = SalaryCandidate(
            min(band.min, c.min),  # type: ignore[type-var]
            max(band.max, c.max),  # type: ignore[type-var]
            band.currency,
            band.period,
            band.score,
            Span(band.span.start, c.span.end, text[band.span.start : c.span.end]),
        )
    return band if band is not best else None


def _contains(outer: SalaryCandidate, inner: SalaryCandidate) -> bool:
    return (
        outer.currency == inner.currency
        and outer.period == inner.period
        and outer.min is not None
        and inner.min is not None
        and outer.max is not None
        and inner.max is not None
        and outer.min <= inner.min
        and inner.max <= outer.max
        and (outer.min, outer.max) != (inner.min, inner.max)
    )


def salary_candidates(doc: Document, check_plausible: bool = True) -> list[SalaryCandidate]:
    """Amounts next to a currency: the money regex runs only in short windows around a currency sign
    or code, which the shared phrase pass has already found."""
    text = doc.text
    out: list[SalaryCandidate] = []
    seen: set[int] = set()
    for start, end in windows_around(text, doc.hits.spans("anchors/currency"), _WINDOW, 2 * _WINDOW):
        for m in _MONEY.finditer(text, start, end):
            if m.start() in seen:
                continue
            seen.add(m.start())
            candidate = _read_candidate(text, m, check_plausible)
            if candidate is not None:
                out.append(candidate)
    return out


def _read_candidate(text: str, m: re.Match[str], check_plausible: bool = True) -> SalaryCandidate | None:
    """One amount read with its context; with check_plausible=False also figures no salary could be
    ("$3K-$360K"), for the JD linter to point at."""
    currency = _currency_of(m, text)
    after = text[m.end() : m.end() + 40]
    if currency is None:
        return None
    before = text[max(0, m.start() - 45) : m.start()]
    if _NOT_PAY_BEFORE.search(before) or (_NOT_PAY_AFTER.search(after) and not _CONNECTOR.match(after)):
        return None
    if _IN_BILLIONS.match(after):
        return None
    low = amount_of(m.group("n1"), m.group("m1"), currency)
    high = amount_of(m.group("n2"), m.group("m2"), currency) if m.group("n2") else None
    if low is None:
        return None
    if high is not None:
        low, high = _share_multiplier(low, high, m)
    period = _period(m, before, after)
    if period is None:
        period = _period_from_magnitude(high or low, _NAMED_AS_PAY.search(before) is not None)
        if period is None:
            return None
        if period != "year" and not _pay_context(text, m, after):
            return None  # "the $10 genome": a small sum with no unit is pay only where the text says so
    if high is None:
        low, high = _open_ended(low, before, after)
    lo, hi = low, high
    if lo is not None and hi is not None and lo > hi:
        if hi * 3 < lo:
            return None
        lo, hi = hi, lo
    if check_plausible and not all(_plausible(v, period) for v in (lo, hi) if v is not None):
        return None
    score = 0
    if _SALARY_WORDS.search(text[max(0, m.start() - 80) : m.start()]) or _SALARY_WORDS.search(after[:25]):
        score += 3
    score += 2 if m.group("n2") else 0
    score += 1 if (m.group("p1") or _PERIOD_AFTER.match(after)) else 0
    end = m.start() + len(m.group(0).rstrip())
    span = Span(m.start(), end, text[m.start() : end])
    return SalaryCandidate(lo, hi, currency, period, score, span)


# A currency's code written beside the amount: after it, past a period or a bracket ("$105,000/yr CAD",
# "$70k-$90k (CAD)"), or before its sign ("CAD $110k"); never one that goes on into a word or a figure, the
# design software's or another amount's ("$28/hr CAD drafting", "$120k (EUR 110k for Berlin)")
_UPPER_CODES = "|".join(c for c in _CODES if c.isupper())
_CODE_AFTER = re.compile(rf"\s?(?:(?:/|per)\s?[a-z]+\s?)?\(?(?P<code>{_UPPER_CODES})\b")
_CODE_BEFORE = re.compile(rf"\b(?P<code>{_UPPER_CODES})\s?\Z")
_CODE_GOES_ON = re.compile(r"\s?[\d$€£]")
# a code that is a word of job text too, followed by a word that is no period's: "CAD drafting", "CAD designer"
_WORD_CODES = frozenset({"CAD"})  # computer-aided design
_A_WORD_AFTER = re.compile(
    rf"\s+(?!{_PERIOD_WORDS}|(?:per|plus|base|gross|salary|and|or|to|with|depending)\b)[a-z]"
)


def _currency_of(m: re.Match[str], text: str) -> str | None:
    """The amount's currency: a symbol that names one ("€", "C$"), else a code written beside the amount
    (a bare "$" is Canada's, Australia's or Singapore's dollar where the code says so: "$90k CAD"), else "$"
    as USD."""
    symbol = m.group("cur1") or m.group("cur2")
    if symbol and symbol.strip() != "$":
        return _currency(symbol)
    for group in ("code1", "code2"):
        if m.group(group) and _code_alone(text, m.group(group), m.end(group)):
            return _currency(m.group(group))
    after = _CODE_AFTER.match(text, m.end())
    if after and _code_alone(text, after.group("code"), after.end()):
        return _currency(after.group("code"))
    before = _CODE_BEFORE.search(text, max(0, m.start() - 5), m.start()) if symbol else None
    return _currency(before.group("code") if before else symbol)


def _code_alone(text: str, code: str, end: int) -> bool:
    if _CODE_GOES_ON.match(text, end):
        return False
    return code.strip().upper() not in _WORD_CODES or not _A_WORD_AFTER.match(text, end)


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    token = token.strip()
    return _CUR["symbols"].get(token) or _CUR["codes"].get(token.upper())


def amount_of(number: str | None, multiplier: str | None, currency: str) -> float | None:
    """ "120,000" with its multiplier ("k", "thousand", "m") read in its currency's convention: "70.000" is
    70,000 in euros, 70 in dollars."""
    if not number:
        return None
    value = parse_number(number, dot_is_decimal=currency in DOT_IS_DECIMAL)
    if value is None:
        return None
    mult = (multiplier or "").strip().lower()
    if mult in ("k", "thousand"):
        value *= 1_000
    elif mult in ("m", "mm", "million"):
        value *= 1_000_000
    return value


_SEPARATOR = re.compile(r"[,.\u202f '’]")  # of thousands or decimals (an apostrophe: Swiss thousands)


def parse_number(number: str, dot_is_decimal: bool = True) -> float | None:
    """'120,000' → 120000; '70.000' → 70000 (unless dots are decimal points here); '56.41' → 56.41."""
    groups = _SEPARATOR.split(number)
    seps = _SEPARATOR.findall(number)
    if not seps:
        return float(number)
    last_sep, last_group = seps[-1], groups[-1]
    decimal_last = len(last_group) != 3 or (last_sep == "." and dot_is_decimal and len(seps) == 1)
    if last_sep == "," and len(seps) == 1 and len(last_group) == 3:
        decimal_last = False
    if decimal_last and last_sep in ",.":
        whole = "".join(groups[:-1])
        return float(f"{whole}.{last_group}") if whole else None
    return float("".join(groups))


def _share_multiplier(low: float, high: float, m: re.Match[str]) -> tuple[float, float]:
    """'$120-150k' means 120k-150k: a k on one side scales a bare number on the other."""
    if m.group("m2") and not m.group("m1") and low < 1000 <= high and low * 1000 <= high * 10:
        return low * 1000, high
    if m.group("m1") and not m.group("m2") and high < 1000 <= low:
        return low, high * 1000
    return low, high


def _period(m: re.Match[str], before: str, after: str) -> str | None:
    word = m.group("p1")
    if not word:
        found = _PERIOD_AFTER.match(after)
        word = found.group(0) if found else None
    if word:
        return _normalise_period(word)
    found_before = _PERIOD_BEFORE.search(before)
    return _PERIOD_OF[found_before.group("p").lower()] if found_before else None


_SPACE_OR_BRACKET = re.compile(r"[\s()]")
_PER = re.compile(r"^(?:\w+?)?(?:per|an|a|each|every|/)(?=hour|hr|year|yr|annum|month|week|day|h|y|d|mo|wk)")
_PERIODS_LONGEST_FIRST = sorted(_PERIOD_OF, key=len, reverse=True)


def _normalise_period(word: str) -> str | None:
    token = _SPACE_OR_BRACKET.sub("", word.lower())
    token = _PER.sub("", token)
    token = token.lstrip("/")
    for key in _PERIODS_LONGEST_FIRST:
        if token.endswith(key):
            return _PERIOD_OF[key]
    return None


# Pay words for a small sum without a unit; no word boundary before them, since boards glue lines together
# ("Hours: 22.5hrs/weekSalary: $23.00/hr").
# "pay" is the reader's price, not pay, after "you": "you'll pay $5 if you fill your prescription today"
_PAY_CONTEXT = re.compile(
    r"(?i)(?:salar|(?<!\byou )(?<!\byou'll )(?<!\byou’ll )(?<!\byou will )pay\b|paid|wage|compensat|remunerat|\brate\b|hourly|per\s+hour|an\s+hour|/\s*h(?:ou)?r|"
    r"\bhr\b|stipend|earn|hiring range|range\s*:|\bbase\b)"
)


def _pay_context(text: str, m: re.Match[str], after: str) -> bool:
    return bool(
        _PAY_CONTEXT.search(text, max(0, m.start() - 80), m.start()) or _PAY_CONTEXT.search(after[:25])
    )


def _period_from_magnitude(value: float, named_as_pay: bool) -> str | None:
    if value >= 15_000:
        return "year"
    if value < 200:
        return "hour"
    if named_as_pay and value >= 1_000:
        return "month"  # "Salary of $4,200": a salary of that size is a monthly one
    return None  # 200-15,000 with no unit word: a month, a week or a bonus; say nothing


def _open_ended(value: float, before: str, after: str) -> tuple[float | None, float | None]:
    # "from $X" and "$X+" are read as the single figure stated, as boards record them; only "up to"
    # leaves the minimum unknown (../shared/spec/extraction.md).
    if _UP_TO.search(before):
        return None, value
    return value, value


def _plausible(value: float, period: str) -> bool:
    lo, hi = _PLAUSIBLE[period]
    return lo <= value <= hi


def _tidy(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == int(value) else round(value, 2)
