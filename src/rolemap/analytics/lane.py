"""A lane: the postings a set of filters selects ("Go, senior, distributed, remote, since 2017"). Filters
combine with AND; a filter given several values matches any of them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np

from rolemap.analytics.frame import MarketFrame
from rolemap.errors import InputError
from rolemap.models import EMPLOYMENT_TYPES, FAMILIES, LEVELS, SYSTEM_TYPES, WORK_MODELS

# The contract's value sets live with the records (models.py), so a command that only needs them (jd lint)
# does not load the market frame's libraries.
__all__ = ["EMPLOYMENT_TYPES", "FAMILIES", "LEVELS", "SYSTEM_TYPES", "WORK_MODELS", "Lane", "select"]
_PERIOD = re.compile(r"^(\d{4})(?:[-_ ]?(?:Q([1-4])|(\d{1,2})))?$", re.I)


@dataclass(frozen=True)
class Lane:
    language: tuple[str, ...] = ()
    seniority: tuple[str, ...] = ()
    system_type: tuple[str, ...] = ()
    work_model: tuple[str, ...] = ()
    employment_type: tuple[str, ...] = ()
    skill: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    family: tuple[str, ...] = ()  # role families (../shared/spec/extraction.md, version 2)
    country: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes or country names ("de", "germany", "uk")
    city: tuple[str, ...] = ()  # "berlin", "london, gb", or a metro name ("nyc", "bay area")
    since: dt.date | None = None
    until: dt.date | None = None  # exclusive
    open_only: bool = False
    # languages given as a skill ("--skill golang"): the taxonomy files them as languages, and postings
    # name a language in `language`, so they are matched there, as any one of the skill filter's values;
    # `skill_typed` keeps the words as given, so describe() says "skill golang read as language go"
    skill_language: tuple[str, ...] = ()
    skill_typed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name, allowed in (
            ("seniority", LEVELS),
            ("work_model", WORK_MODELS),
            ("employment_type", EMPLOYMENT_TYPES),
            ("system_type", SYSTEM_TYPES),
            ("family", FAMILIES),
        ):
            bad = [v for v in getattr(self, name) if v not in allowed]
            if bad:
                raise InputError(f"--{name.replace('_', '-')} {bad[0]!r}: use one of {', '.join(allowed)}")
        if self.since and self.until and self.since >= self.until:
            raise InputError(f"--since {self.since} is not before --until {self.until}")
        # a skill or language as a user types it ("postgres", "k8s", "golang", "C#") is read as the
        # taxonomy's id, and describe() shows that id: the user sees what their word was read as
        typed = {sid: value for value in self.skill for sid in known_skill_ids((value,), "skill")}
        for name in ("skill", "language"):
            if getattr(self, name):
                object.__setattr__(self, name, known_skill_ids(getattr(self, name), name))
        languages = [sid for sid in self.skill if is_language(sid)]
        if languages:
            object.__setattr__(self, "skill", tuple(s for s in self.skill if not is_language(s)))
            object.__setattr__(self, "skill_language", (*self.skill_language, *languages))
            object.__setattr__(self, "skill_typed", (*self.skill_typed, *(typed[sid] for sid in languages)))

    def describe(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value in ((), None, False) or f.name in ("skill_language", "skill_typed"):
                continue
            shown = ", ".join(value) if isinstance(value, tuple) else str(value)
            parts.append(f"{f.name.replace('_', ' ')}: {shown}")
        read_as = [
            f"skill {typed} read as language {sid}"
            for typed, sid in zip(self.skill_typed, self.skill_language, strict=False)
        ]
        return "; ".join(parts + read_as) or "all postings"

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in ((), None, False):
                out[f.name] = list(value) if isinstance(value, tuple) else str(value)
        return out


def select(frame: MarketFrame, lane: Lane) -> np.ndarray:
    """A boolean mask over the frame's rows: the lane's postings."""
    mask = np.ones(frame.size, bool)
    for column in ("seniority", "work_model", "employment_type", "source"):
        wanted = getattr(lane, column)
        if wanted:
            mask &= _in_vocab(frame, column, {w.lower() for w in wanted})
    if lane.company:
        mask &= _in_vocab(frame, "company", {c.lower() for c in lane.company}, fold=True)
    if lane.location:
        mask &= _contains(frame, "location", lane.location)
    for name, pair in (
        ("language", "language"),
        ("system_type", "system_type"),
        ("family", "family"),
    ):
        wanted = getattr(lane, name)
        if wanted:
            mask &= has_any(frame, pair, {w.lower() for w in wanted})
    if lane.skill or lane.skill_language:  # any of the skill filter's values, languages among them
        wanted = np.zeros(frame.size, bool)
        if lane.skill:  # a skill's lane holds the products under it: --skill linux includes RHEL postings
            wanted |= has_any(frame, "skill", set(rolled_up(lane.skill)))
        if lane.skill_language:
            wanted |= has_any(frame, "language", set(lane.skill_language))
        mask &= wanted
    if lane.country:
        mask &= has_any(frame, "country", {c.lower() for c in country_codes(lane.country)})
    if lane.city:
        mask &= _cities(frame, lane.city)
    if lane.since or lane.until:
        mask &= in_window(frame, lane.since, lane.until)
    if lane.open_only:
        mask &= frame.flags("is_open")
    return mask


def in_window(frame: MarketFrame, since: dt.date | None, until: dt.date | None) -> np.ndarray:
    """The rows of the jobs open at some time in [since, until) (analytics/freshness.py) in a month their
    source covers, by the rule trends and changes count a job in a period with (analytics/periods.py): a
    series of reposts open from 2016-06 to 2016-08 is no job of 2016-07 when its source has no posting of
    that month. A row without a date of its own, which the calendar leaves out of every period, is tested by
    its open span alone."""
    from rolemap.analytics.periods import calendar

    opened, closed = frame.dates("open_from"), frame.dates("open_until")
    span = np.ones(frame.size, bool)
    if since:
        span &= closed >= np.datetime64(since)
    if until:
        span &= opened < np.datetime64(until)
    months = calendar(frame, "month")
    chosen, _ = months.window(since, until)
    row = np.repeat(np.arange(frame.size), np.diff(months.pair_start))
    covered = np.zeros(frame.size, bool)
    covered[row[np.isin(months.pair_period, chosen)]] = True
    return span & (covered | months.undated)


def skill_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """Each value as the taxonomy's id ("postgres" → postgresql, "C#" → csharp); a word the taxonomy
    does not know is kept as typed (its lane is simply empty)."""
    from rolemap.extract.taxonomy import resolve_skill

    out = []
    for value in values:
        entry = resolve_skill(value)
        out.append(entry.id if entry else value.strip().lower())
    return tuple(dict.fromkeys(out))


def known_skill_ids(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    """Each value as the taxonomy's id; a word it does not know is an error, not an empty lane: every
    skill and language the extractor stores is a taxonomy id, so "kubernetess" (or an injection attempt)
    could only ever match nothing, and the user would read "no postings" as a fact about the market."""
    from rolemap.extract.taxonomy import resolve_skill

    for value in values:
        if resolve_skill(value) is None:
            kind = "language" if option == "language" else "skill"
            raise InputError(
                f"--{option} {value!r}: not a {kind} the taxonomy knows; `rolemap taxonomy search WORD` finds one"
            )
    return skill_ids(values)


def is_language(skill_id: str) -> bool:
    """Whether the taxonomy files an id as a language of the contract (go, cpp, csharp): postings name
    those in their `language` field."""
    from rolemap.extract.taxonomy import load_taxonomy

    entry = load_taxonomy().get(skill_id)
    return entry is not None and entry.is_language


def rolled_up(skills: tuple[str, ...]) -> tuple[str, ...]:
    """The skills and every product under them in the taxonomy (linux → rhel, centos, ubuntu …)."""
    from rolemap.extract.taxonomy import descendants_of

    return tuple(dict.fromkeys(s for skill in skills for s in (skill, *descendants_of(skill))))


def salary_counts(frame: MarketFrame, lane: Lane, mask: np.ndarray) -> np.ndarray:
    """The lane's postings whose salary counts for it: in a lane of role families, only salaries the text
    ties to a role of those families (a product manager's pay in a post that also hires a backend
    engineer is not a backend salary)."""
    if not lane.family:
        return mask
    return mask & has_any(frame, "salary_family", set(lane.family))


def country_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """ "de", "Germany", "UK" → ISO codes, by the extraction gazetteer; an unknown name is an error."""
    out = []
    for value in values:
        code = _country_code(value)
        if not code:
            raise InputError(f"--country {value!r}: not a country; use an ISO code (de, us, gb) or a name")
        out.append(code)
    return tuple(out)


def _country_code(value: str) -> str | None:
    """The ISO code of a country's code or name as the gazetteer knows it ("de", "Germany", "UK" → DE, DE,
    GB); None for anything else ("xx" is two letters and no country)."""
    from rolemap.extract.gazetteer import gazetteer, iso_countries

    code = gazetteer().countries.get(value.strip().lower())
    if code is None and value.strip().upper() in iso_countries():
        code = value.strip().upper()
    return code


def city_parts(values: tuple[str, ...]) -> tuple[str, ...]:
    """Cities as a list option gives them, split on commas, what qualifies a city kept with it ("berlin,
    london, gb" → berlin; london, gb): "london, gb" is one city, not London and a city named GB. A part
    qualifies the city before it when it is a region holding that city or a country (`_qualifier`), or two
    letters (a code: one that is neither is an error in `city_names`, not a city of its own)."""
    parts: list[str] = []
    for part in (p.strip() for value in values for p in value.split(",")):
        if part and parts and "," not in parts[-1] and (len(part) == 2 or _qualifier(parts[-1], part)):
            parts[-1] = f"{parts[-1]}, {part}"
        elif part:
            parts.append(part)
    return tuple(parts)


def _qualifier(city: str, part: str) -> str | None:
    """The country a city's qualifier places it in: a region of a country that holds a city of that name
    first ("san francisco, ca" is California, US; "atlanta, georgia" the state, not the country; "london,
    on" Ontario, CA), else a country's code or name ("london, de", "london, uk"); None for neither."""
    from rolemap.extract.gazetteer import gazetteer

    g = gazetteer()
    written = part.strip()
    region = g.region(written.upper() if len(written) <= 3 else written)
    if region and g.city(city.strip(), region[0], region[1]):
        return region[0]
    return _country_code(written)


def city_names(wanted: tuple[str, ...]) -> tuple[str, ...]:
    """ "nyc" → "new york", "london, gb" and "london, uk" → "london, gb": the names the frame's "City, CC"
    values are matched with; a country the gazetteer does not know is an error."""
    from rolemap.extract.gazetteer import gazetteer

    metros = gazetteer().metros
    names = []
    for value in wanted:
        city, _, country = value.partition(",")
        city = metros.get(city.strip().lower(), (city.strip(),))[0].lower()
        if not country.strip():
            names.append(city)
            continue
        code = _qualifier(city, country)
        if code is None:
            raise InputError(
                f"--city {value!r}: {country.strip()!r} is no country, nor a region holding {city.strip()!r}; "
                "write 'london, gb' or 'austin, tx'"
            )
        names.append(f"{city}, {code.lower()}")
    return tuple(names)


def _cities(frame: MarketFrame, wanted: tuple[str, ...]) -> np.ndarray:
    """Cities by name ("london" finds every London; "london, gb" one), metro names folded (nyc → New York)."""
    names = set(city_names(wanted))
    return rows_where(frame, "city", lambda v: v in names or v.rsplit(", ", 1)[0] in names)


def has_any(frame: MarketFrame, field: str, values: set[str]) -> np.ndarray:
    return rows_where(frame, field, values.__contains__)


def rows_where(frame: MarketFrame, field: str, keep: Callable[[str], bool]) -> np.ndarray:
    """The rows with a value of a multi-valued field that `keep` accepts (given in lower case)."""
    pairs = frame.pairs[field]
    codes = [i for i, v in enumerate(pairs.vocab) if keep(v.lower())]
    mask = np.zeros(frame.size, bool)
    if codes:
        mask[pairs.row[np.isin(pairs.code, codes)]] = True
    return mask


def _in_vocab(frame: MarketFrame, column: str, values: set[str], fold: bool = False) -> np.ndarray:
    codes, vocab = frame.codes(column)
    keep = [i for i, v in enumerate(vocab) if (v.lower() if fold else v) in values]
    return np.isin(codes, keep)


def _contains(frame: MarketFrame, column: str, needles: tuple[str, ...]) -> np.ndarray:
    """Values holding one of the needles as whole words: "US" finds "Austin, TX, US", not "Austin"."""
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in needles), re.I)
    codes, vocab = frame.codes(column)
    keep = [i for i, v in enumerate(vocab) if pattern.search(v)]
    return np.isin(codes, keep)


def parse_window(
    since: str | None, until: str | None, options: tuple[str, str] = ("--since", "--until")
) -> tuple[dt.date | None, dt.date | None]:
    """The window [since, until) of two periods as the user wrote them ('2017', '2016Q4'); an empty one is
    an error that echoes the values given, not the days they became."""
    start = parse_period(since, option=options[0]) if since else None
    end = parse_period(until, end=True, option=options[1]) if until else None
    if start and end and start >= end:
        raise InputError(
            f"{options[0]} {since!r} begins after {options[1]} {until!r} ends: no day is in the window; "
            "give a first period no later than the last"
        )
    return start, end


def parse_period(text: str, end: bool = False, option: str = "") -> dt.date:
    """'2017', '2017Q1', '2017-03' → the first day of that period (the day after it when end=True).
    `option` ("--since", "until") opens the error, so it names the argument, not only the value."""
    shown = f"{option} {text!r}" if option else repr(text)
    m = _PERIOD.match(text.strip())
    if not m:
        raise InputError(f"{shown}: not a period; use 2017, 2017Q1 or 2017-03")
    year = int(m.group(1))
    if not 1900 <= year <= 2999:
        raise InputError(f"{shown}: year {year} is out of range; use a year between 1900 and 2999")
    if m.group(2):
        first_month, months = (int(m.group(2)) - 1) * 3 + 1, 3
    elif m.group(3):
        first_month, months = int(m.group(3)), 1
        if not 1 <= first_month <= 12:
            raise InputError(f"{shown}: month {first_month} does not exist")
    else:
        first_month, months = 1, 12
    if not end:
        return dt.date(year, first_month, 1)
    month_index = year * 12 + first_month - 1 + months
    return dt.date(month_index // 12, month_index % 12 + 1, 1)
