"""The role page of a lane over a Parquet dataset (the shards of `rolemap extract -o FOLDER/`), computed
by DuckDB where the data lies, for datasets too large for the market frame of one store.

Why DuckDB and not Dask for this: the figures are a handful of grouped counts and quantiles. DuckDB runs
them as streaming, multi-threaded scans of the Parquet files (reading only the columns asked for, spilling
to disk when a grouping outgrows memory), so one machine answers over hundreds of millions of postings in
seconds without loading them; a Dask dataframe would need a cluster for what one scan does, and its
exact quantiles would shuffle every salary. Extraction, where the CPU goes, stays on Dask.

Counted as in the store: one posting per exact copy (the smallest id of a fingerprint) and, once
`rolemap near-dups --dataset` has written `_near_dups.parquet`, one per near-duplicate group. Every
posting of a dataset is open (a file has no closing date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from rolemap.analytics.freshness import open_months
from rolemap.analytics.lane import FAMILIES, LEVELS, WORK_MODELS, Lane, city_names, country_codes
from rolemap.analytics.market import FAMILY_TITLES, Market, Share
from rolemap.analytics.pay import HOURS_A_YEAR, MIN_FOR_MEDIAN, PLAUSIBLE_YEAR, Rates, bundled_rates, stats_of
from rolemap.analytics.reposts import repost_months
from rolemap.analytics.stats import wilson
from rolemap.analytics.totals import totals_of
from rolemap.cluster.dedup import NEAR_DUPS_FILE, first_copies_sql, sql_string
from rolemap.cluster.load import dataset_files
from rolemap.errors import InputError

# Version-2 fields are read from the stored record itself, so a dataset written before them still answers.
_FAMILIES = "coalesce(CAST(json_extract(record, '$.role_families') AS VARCHAR[]), [])"
_SALARY_FAMILIES = "coalesce(CAST(json_extract(record, '$.salary_families') AS VARCHAR[]), [])"
_PLACES = "coalesce(CAST(json_extract(record, '$.locations') AS STRUCT(city VARCHAR, country VARCHAR)[]), [])"
_COUNTRIES = f"list_filter(list_transform({_PLACES}, lambda p: p.country), lambda c: c IS NOT NULL)"
_CITIES = f"list_transform(list_filter({_PLACES}, lambda p: p.city IS NOT NULL), lambda p: p.city || ', ' || p.country)"
_NEEDED = (
    "id, json_extract_string(record, '$.company') AS company, seniority, work_model, "
    "salary_min, salary_max, salary_currency, salary_period, languages, skills, skills_required, "
    "json_extract(record, '$.source_facts.salary') IS NOT NULL AS salary_from_source, "
    "TRY_CAST(substr(posted_at, 1, 10) AS DATE) AS posted, "
    f"{_FAMILIES} AS families, {_SALARY_FAMILIES} AS salary_families, {_COUNTRIES} AS countries, "
    f"{_CITIES} AS cities"
)
_COMPANY_KEY = "lower(regexp_replace(trim(company), '\\s+', ' ', 'g'))"


def dataset_market(
    folder: Path, lane: Lane, top: int = 15, currency: str = "USD", rates: Rates | None = None
) -> Market:
    import duckdb

    rates = rates or bundled_rates()
    currency = currency.upper()
    if currency not in rates.usd_per_unit:
        raise InputError(f"--currency {currency}: the rate table ({rates.source}) has no rate for it")
    con = duckdb.connect()
    try:
        _counted_view(con, folder)
        where, params = _lane_filter(lane)
        # a table (DuckDB spills it to disk when large): a view cannot take the filter's parameters
        con.execute(f"CREATE TEMP TABLE lane AS SELECT {_NEEDED} FROM counted WHERE {where}", params)
        mix_where, mix_params = _lane_filter(
            replace(lane, family=())
        )  # the role mix: before the family filter
        con.execute(
            f"CREATE TEMP TABLE mix AS SELECT {_FAMILIES} AS families FROM counted WHERE {mix_where}",
            mix_params,
        )
        return replace(_market(con, lane, top, currency, rates), totals=_totals(con, folder))
    finally:
        con.close()


def _counted_view(con: Any, folder: Path) -> None:
    near = folder / NEAR_DUPS_FILE
    dropped = (
        f"WHERE id NOT IN (SELECT id FROM read_parquet({sql_string(str(near))}))" if near.exists() else ""
    )
    con.execute(  # exact copies first (the smallest id stays), then near-duplicates
        f"CREATE TEMP VIEW counted AS SELECT * FROM ({first_copies_sql(dataset_files([folder]))}) {dropped}"
    )


def _totals(con: Any, folder: Path) -> dict[str, int]:
    """The store's vocabulary of totals (analytics/totals.py) for a dataset: stored = postings with a
    record, unique = one a fingerprint, counted = after near-duplicate groups."""
    files = dataset_files([folder])
    listed = ", ".join(sql_string(str(f)) for f in files)
    stored = con.execute(
        f"SELECT count(DISTINCT id) FROM read_parquet([{listed}]) WHERE error IS NULL"
    ).fetchone()[0]
    unique = con.execute(f"SELECT count(*) FROM ({first_copies_sql(files)})").fetchone()[0]
    counted = con.execute("SELECT count(*) FROM counted").fetchone()[0]
    # reposts are not folded over a dataset: its totals say so, save when folding is turned off anyway
    return totals_of((stored, stored - unique, unique - counted), 0 if repost_months() == 0 else None)


def _lane_filter(lane: Lane) -> tuple[str, list[Any]]:
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    for column in ("seniority", "work_model", "employment_type", "source"):
        wanted = getattr(lane, column)
        if wanted:
            clauses.append(f"{column} IN (SELECT unnest(?))")
            params.append([w.lower() for w in wanted])
    if lane.company:
        clauses.append(f"{_COMPANY_KEY} IN (SELECT unnest(?))")
        params.append([" ".join(c.lower().split()) for c in lane.company])
    if lane.location:
        clauses.append("regexp_matches(location, ?, 'i')")
        params.append("|".join(f"(^|\\W){_re2_escape(n)}($|\\W)" for n in lane.location))
    for field, column in (("language", "languages"), ("system_type", "system_types"), ("skill", "skills")):
        wanted = getattr(lane, field)
        if wanted:
            clauses.append(f"list_has_any(list_transform({column}, lambda x: lower(x)), ?)")
            params.append([w.lower() for w in wanted])
    if lane.family:
        clauses.append(f"list_has_any({_FAMILIES}, ?)")
        params.append(list(lane.family))
    if lane.country:
        clauses.append(f"list_has_any({_COUNTRIES}, ?)")
        params.append(list(country_codes(lane.country)))
    if lane.city:
        clauses.append(
            f"list_has_any(list_transform({_CITIES}, lambda c: lower(c)), ?) OR "
            f"list_has_any(list_transform({_PLACES}, lambda p: lower(p.city)), ?)"
        )
        names = [c.lower() for c in city_names(lane.city)]
        params.extend([names, names])
    # the jobs open at some time in the window, as the store's lanes read it (analytics/freshness.py):
    # a dataset's postings are read once, open from their posting month for open_months() months
    opened = f"coalesce(TRY_CAST(substr(posted_at, 1, 10) AS DATE), DATE '{_as_of()}')"
    if lane.since:
        clauses.append(f"last_day({opened} + to_months({open_months() - 1})) >= ?")
        params.append(lane.since)
    if lane.until:
        clauses.append(f"{opened} < ?")
        params.append(lane.until)
    return " AND ".join(clauses), params


def _as_of() -> dt.date:
    """The reference date of "open now" over a dataset: the day it is read (a store's is its newest
    fetch; a dataset's records carry no fetch time)."""
    return dt.date.today()


def _coverage(con: Any) -> dict[str, Any]:
    """freshness.coverage over the lane: each posting open from its posting month (the reference date when
    it has none) for open_months() months."""
    as_of = _as_of()
    first, last, open_now = con.execute(
        f"""WITH spans AS (SELECT coalesce(posted, ?) AS opened FROM lane),
        ends AS (SELECT opened, last_day(opened + to_months({open_months() - 1})) AS closes FROM spans)
        SELECT strftime(min(opened), '%Y-%m'), strftime(max(closes), '%Y-%m'),
               count(*) FILTER (WHERE closes >= ?) FROM ends""",
        [as_of, as_of],
    ).fetchone()
    return {"first": first, "last": last, "open_now": int(open_now or 0), "as_of": as_of.isoformat()}


def _re2_escape(text: str) -> str:
    return "".join(f"\\{c}" if not c.isalnum() and c != " " else c for c in text)


def _market(con: Any, lane: Lane, top: int, currency: str, rates: Rates) -> Market:
    n = con.execute("SELECT count(*) FROM lane").fetchone()[0]
    covers = _coverage(con)
    levels = _ordered(con, "seniority", LEVELS, n)
    known = sum(s.count for s in levels if s.name != "unknown")
    senior = sum(s.count for s in levels if s.name in ("senior", "staff", "manager"))
    junior = sum(s.count for s in levels if s.name in ("intern", "junior"))
    skills = _multi(con, "skills", n, required=True)
    paid = f"list_has_any(salary_families, {_sql_list(lane.family)})" if lane.family else "TRUE"
    return Market(
        title=", ".join(FAMILY_TITLES.get(f, f) for f in lane.family) or "All roles",
        lane=lane.describe(),
        postings=n,
        open_positions=covers["open_now"],
        companies=con.execute(
            f"SELECT count(DISTINCT {_COMPANY_KEY}) FROM lane WHERE trim(company) <> ''"
        ).fetchone()[0],
        top_companies=_companies(con, n, top),
        levels=levels,
        senior_share=senior / known if known else None,
        junior_share=junior / known if known else None,
        work_models=_ordered(con, "work_model", WORK_MODELS, n),
        pay=_pay(con, currency, rates, paid),
        languages=_multi(con, "languages", n)[:top],
        skills=skills[:top],
        together=_together(con, [s.name for s in skills[: max(top, 2)]], top),
        families=sorted(
            _multi(con, "families", con.execute("SELECT count(*) FROM mix").fetchone()[0], table="mix"),
            key=lambda s: FAMILIES.index(s.name) if s.name in FAMILIES else 99,
        ),
        countries=_multi(con, "countries", n)[:top],
        cities=_multi(con, "cities", n)[:top],
        pay_countries=_pay_countries(con, top),
        message="" if n else f"no postings match ({lane.describe()}): widen the filters",
        with_level=known,
        senior_interval=wilson(senior, known),
        junior_interval=wilson(junior, known),
        coverage=covers,
    )


def _share(name: str, count: int, n: int, required: int | None = None) -> Share:
    return Share(name, int(count), count / n if n else 0.0, required)


def _ordered(con: Any, column: str, order: tuple[str, ...], n: int) -> list[Share]:
    tally = dict(con.execute(f"SELECT {column}, count(*) FROM lane GROUP BY 1").fetchall())
    unknown = tally.pop(None, 0)
    return [*(_share(v, tally.get(v, 0), n) for v in order), _share("unknown", unknown, n)]


def _companies(con: Any, n: int, top: int) -> list[Share]:
    rows = con.execute(
        f"""SELECT arg_min(regexp_replace(trim(company), '\\s+', ' ', 'g'), id) AS name, count(*) AS c
        FROM lane WHERE trim(company) <> '' GROUP BY {_COMPANY_KEY} ORDER BY c DESC, name LIMIT ?""",
        [top],
    ).fetchall()
    return [_share(name, c, n) for name, c in rows]


def _multi(con: Any, column: str, n: int, required: bool = False, table: str = "lane") -> list[Share]:
    if required:
        rows = con.execute(
            """SELECT s.value, count(*) AS c, count(*) FILTER (WHERE s.required) FROM (
                SELECT unnest(skills) AS value, unnest(skills_required) AS required FROM lane) s
            GROUP BY 1 ORDER BY c DESC, 1"""
        ).fetchall()
        return [_share(v, c, n, r) for v, c, r in rows]
    rows = con.execute(
        f"SELECT value, count(*) AS c FROM (SELECT unnest(list_distinct({column})) AS value FROM {table}) "
        "GROUP BY 1 ORDER BY c DESC, 1"
    ).fetchall()
    return [_share(v, c, n) for v, c in rows]


def _together(con: Any, skills: list[str], top: int) -> list[tuple[str, str, int]]:
    if len(skills) < 2:
        return []
    rows = con.execute(
        """WITH asked AS (
            SELECT s.id, list_position(?, s.skill) AS place FROM (SELECT id, unnest(skills) AS skill FROM lane) s
            WHERE list_contains(?, s.skill))
        SELECT a.place, b.place, count(*) FROM asked a JOIN asked b ON a.id = b.id AND a.place < b.place
        GROUP BY 1, 2""",
        [skills, skills],
    ).fetchall()
    out = [(skills[a - 1], skills[b - 1], int(c)) for a, b, c in rows]
    return sorted(out, key=lambda t: (-t[2], t[0], t[1]))[:top]


def _pay_countries(con: Any, top: int) -> list[Share]:
    """Where the usable salaries come from (after `_pay` made the table `usable`)."""
    rows = con.execute(
        "SELECT value, count(*) AS c FROM (SELECT unnest(list_distinct(countries)) AS value FROM usable "
        "WHERE ok) GROUP BY 1 ORDER BY c DESC, 1"
    ).fetchall()
    n = con.execute("SELECT count(*) FROM usable WHERE ok").fetchone()[0]
    return [_share(v, c, n) for v, c in rows][:top]


def _sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(sql_string(v) for v in values) + "]"


def _pay(con: Any, currency: str, rates: Rates, paid: str = "TRUE") -> Any:
    """pay.pay_scale and pay_stats, as one SQL aggregate: each figure annualised and converted. `paid`
    keeps the salaries that count for the lane (in a family lane, those tied to a role of the family)."""
    periods = list(HOURS_A_YEAR.items())
    factors = [(c, f) for c in rates.usd_per_unit if (f := rates.factor(c, currency))]
    con.execute("CREATE TEMP TABLE per_year(period VARCHAR, hours DOUBLE)")
    con.executemany("INSERT INTO per_year VALUES (?, ?)", periods)
    con.execute("CREATE TEMP TABLE factor(currency VARCHAR, factor DOUBLE)")
    con.executemany("INSERT INTO factor VALUES (?, ?)", factors)
    low, high = PLAUSIBLE_YEAR
    con.execute(
        f"""CREATE TEMP TABLE usable AS WITH figures AS (
            SELECT l.countries, l.salary_from_source, l.salary_period AS period, l.salary_currency AS currency,
                   coalesce((l.salary_min + l.salary_max) / 2, l.salary_min, l.salary_max) AS middle,
                   p.hours, f.factor
            FROM lane l LEFT JOIN per_year p ON p.period = l.salary_period
            LEFT JOIN factor f ON f.currency = l.salary_currency WHERE {paid}),
        judged AS (
            SELECT *, middle IS NOT NULL AND period IS NOT NULL AND currency IS NOT NULL AS stated,
                   middle * hours * factor AS yearly FROM figures)
        SELECT *, stated AND yearly BETWEEN ? AND ? AS ok FROM judged""",
        [low, high],
    )
    row = con.execute(
        """SELECT count(*) FILTER (WHERE ok), count(*) FILTER (WHERE stated),
               count(*) FILTER (WHERE ok AND period <> 'year'), count(*) FILTER (WHERE ok AND currency <> ?),
               count(*) FILTER (WHERE stated AND NOT coalesce(ok, FALSE)),
               quantile_cont(yearly, [0.25, 0.5, 0.75]) FILTER (WHERE ok),
               min(yearly) FILTER (WHERE ok), max(yearly) FILTER (WHERE ok),
               count(*) FILTER (WHERE ok AND salary_from_source)
        FROM usable""",
        [currency],
    ).fetchone()
    count, stated, annualised, converted, left_out, quartiles, lowest, highest, board = row
    shown = (*quartiles, lowest, highest) if count >= MIN_FOR_MEDIAN else None
    stats = stats_of(count, stated, annualised, converted, left_out, currency, rates, shown)
    return replace(stats, from_board=board, from_text=count - board)
