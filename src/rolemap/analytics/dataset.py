"""The role page of a lane over a Parquet dataset (the shards of `rolemap extract -o FOLDER/`), computed
by DuckDB where the data lies, for datasets too large for the market frame of one store.

Why DuckDB and not Dask for this: the figures are a handful of grouped counts and quantiles. DuckDB runs
them as streaming, multi-threaded scans of the Parquet files (reading only the columns asked for, spilling
to disk when a grouping outgrows memory), so one machine answers over hundreds of millions of postings in
seconds without loading them; a Dask dataframe would need a cluster for what one scan does, and its
exact quantiles would shuffle every salary. Extraction, where the CPU goes, stays on Dask.

Counted as in the store: one posting per exact copy (the smallest id of a fingerprint), once
`rolemap near-dups --dataset` has written `_near_dups.parquet` one per near-duplicate group, and a company's
reposts of one role folded into one job by the store's own rule (analytics/reposts.py: `repost_groups` and
`series_rows` over the columns the rule reads, pulled from DuckDB; the jobs kept and their spans go back as a
table). A dataset's postings are read once: each is open for `open_months()` months from its posting month
(analytics/freshness.py), judged at the day it is read (a file has no fetch time nor closing date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from rolemap.analytics.freshness import open_months, window_months
from rolemap.analytics.lane import FAMILIES, LEVELS, WORK_MODELS, Lane, city_names, country_codes
from rolemap.analytics.market import FAMILY_TITLES, Market, Share
from rolemap.analytics.pay import (
    HOURS_A_YEAR,
    MIN_FOR_MEDIAN,
    PLAUSIBLE_YEAR,
    Rates,
    bundled_rates,
    headline_pay,
    stats_of,
)
from rolemap.analytics.reposts import folded, repost_groups, repost_months, series_rows
from rolemap.analytics.role_rows import OWNER_FAMILIES, SIDES, skill_owners
from rolemap.analytics.stats import median_rank, wilson
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
# whether each skill is asked (not only named as the company's stack): a record without the flag asks
_SKILLS_ASKED = (
    "list_transform(coalesce(json_extract(record, '$.skills[*]'), []), "
    "lambda s: coalesce(CAST(json_extract(s, '$.asked') AS BOOLEAN), true))"
)
_ROLES = "coalesce(CAST(json_extract(record, '$.roles') AS STRUCT(title VARCHAR, family VARCHAR, seniority VARCHAR)[]), [])"
# The columns of `role_rows` the page reads (families, salary families and asked flags are the row's own)
_NEEDED = (
    "id, row_key, json_extract_string(record, '$.company') AS company, seniority, work_model, "
    "salary_min, salary_max, salary_currency, salary_period, languages, skills, skills_required, "
    "skills_asked, json_extract(record, '$.source_facts.salary') IS NOT NULL AS salary_from_source, "
    "TRY_CAST(substr(posted_at, 1, 10) AS DATE) AS posted, "
    f"families, salary_families, {_COUNTRIES} AS countries, "
    f"{_CITIES} AS cities, reposts, open_from, open_until"
)
# One row a role (analytics/role_rows.py, the store's rule): a posting's distinct roles as store/roles.py
# labels them ("family:level": the record's roles of its families, then a family no role has, no level),
# in code point order; a posting of two or more becomes one row each, with its role's family and level,
# the salary only when tied to its family, years only when its roles share one family, no skills,
# languages or system types on a non-software role of a posting that also hires software roles, and no
# skill that is another of its roles' (`skill_owners`: a client-side, phone or back-end skill on a row of
# another side's family, when the posting hires a role of the skill's families).
_OWNER_FAMILIES = "MAP {" + ", ".join(f"'{k}': {list(v)}" for k, v in OWNER_FAMILIES.items()) + "}"
_OWNERS = f"{_OWNER_FAMILIES}[_kind_of[skills[i]]]"  # the families the i-th skill is for, if any
_KEPT_SKILLS = (
    f"list_filter(range(1, len(skills) + 1), lambda i: _label IS NULL OR NOT list_contains({list(SIDES)}, _family) "
    f"OR _kind_of[skills[i]] IS NULL OR list_contains({_OWNERS}, _family) "
    f"OR NOT list_has_any(_label_families, {_OWNERS}))"
)
_ROLE_ROWS = f"""CREATE TEMP VIEW role_rows AS
WITH labelled AS (
    SELECT *, list_sort(list_distinct(list_concat(
        list_transform(list_filter(_roles, lambda r: list_contains(_families, r.family)),
                       lambda r: r.family || ':' || coalesce(r.seniority, '')),
        list_transform(list_filter(_families, lambda f: NOT list_contains(list_transform(_roles, lambda r: r.family), f)),
                       lambda f: f || ':')))) AS _labels
    FROM (SELECT *, {_FAMILIES} AS _families, {_ROLES} AS _roles, {_SALARY_FAMILIES} AS _salary_families,
                 {_SKILLS_ASKED} AS _skills_asked FROM counted)),
expanded AS (
    SELECT *, unnest(CASE WHEN len(_labels) >= 2 THEN _labels ELSE [NULL::VARCHAR] END) AS _label,
           len(list_distinct(list_transform(_labels, lambda l: split_part(l, ':', 1)))) AS _kinds
    FROM labelled),
judged AS (
    SELECT *, split_part(_label, ':', 1) AS _family,
           _label IS NOT NULL AND split_part(_label, ':', 1) = 'non_software' AND _kinds > 1 AS _bare,
           _label IS NULL OR list_contains(_salary_families, split_part(_label, ':', 1)) AS _paid,
           _label IS NULL OR _kinds = 1 AS _years,
           list_transform(_labels, lambda l: split_part(l, ':', 1)) AS _label_families,
           _owners.kind_of AS _kind_of
    FROM expanded, skill_owners AS _owners),
kept AS (SELECT *, {_KEPT_SKILLS} AS _kept FROM judged)
SELECT * REPLACE (
        CASE WHEN _label IS NULL THEN seniority ELSE nullif(split_part(_label, ':', 2), '') END AS seniority,
        CASE WHEN _bare THEN NULL ELSE primary_language END AS primary_language,
        CASE WHEN _bare THEN []::VARCHAR[] ELSE languages END AS languages,
        CASE WHEN _bare THEN []::VARCHAR[] ELSE system_types END AS system_types,
        CASE WHEN _bare THEN []::VARCHAR[] ELSE list_transform(_kept, lambda i: skills[i]) END AS skills,
        CASE WHEN _bare THEN []::BOOLEAN[] ELSE list_transform(_kept, lambda i: skills_required[i]) END
            AS skills_required,
        CASE WHEN _years THEN years_min END AS years_min,
        CASE WHEN _paid THEN salary_min END AS salary_min,
        CASE WHEN _paid THEN salary_max END AS salary_max,
        CASE WHEN _paid THEN salary_currency END AS salary_currency,
        CASE WHEN _paid THEN salary_period END AS salary_period),
    CASE WHEN _label IS NULL THEN _families ELSE [_family] END AS families,
    CASE WHEN NOT _paid THEN []::VARCHAR[] WHEN _label IS NULL THEN _salary_families ELSE [_family] END
        AS salary_families,
    CASE WHEN _bare THEN []::BOOLEAN[] ELSE list_transform(_kept, lambda i: _skills_asked[i]) END
        AS skills_asked,
    id || '#' || coalesce(_label, '') AS row_key
FROM kept"""
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
        reposts = _counted_view(con, folder)
        owners = skill_owners()
        con.execute(
            "CREATE TEMP TABLE skill_owners AS SELECT MAP(?::VARCHAR[], ?::VARCHAR[]) AS kind_of",
            [list(owners), list(owners.values())],
        )
        con.execute(_ROLE_ROWS)
        where, params = _lane_filter(lane)
        # a table (DuckDB spills it to disk when large): a view cannot take the filter's parameters
        con.execute(f"CREATE TEMP TABLE lane AS SELECT {_NEEDED} FROM role_rows WHERE {where}", params)
        mix_where, mix_params = _lane_filter(
            replace(lane, family=())
        )  # the role mix: before the family filter
        con.execute(
            f"CREATE TEMP TABLE mix AS SELECT families FROM role_rows WHERE {mix_where}",
            mix_params,
        )
        return replace(_market(con, lane, top, currency, rates), totals=_totals(con, folder, reposts))
    finally:
        con.close()


def dataset_covers(folder: Path) -> dict[str, Any]:
    """What `rolemap near-dups --dataset` compares rests on (analytics/covers.py's record): the dataset's
    postings that are not exact copies, each open from its posting month for open_months() months."""
    import duckdb

    as_of = _as_of()
    with duckdb.connect() as con:
        row = con.execute(
            f"""WITH spans AS (
                SELECT coalesce(TRY_CAST(substr(posted_at, 1, 10) AS DATE), ?) AS opened
                FROM ({first_copies_sql(dataset_files([folder]))})),
            ends AS (SELECT opened, last_day(opened + to_months({open_months() - 1})) AS closes FROM spans)
            SELECT strftime(min(opened), '%Y-%m'), strftime(max(closes), '%Y-%m'), count(*),
                   count(*) FILTER (WHERE closes >= ?) FROM ends""",
            [as_of, as_of],
        ).fetchone()
    first, last, n, open_now = row if row else (None, None, 0, 0)  # an aggregate: always one row
    return {
        "from": first,
        "to": last,
        "postings": int(n),
        "open_now": int(open_now or 0),
        "as_of": as_of.isoformat(),
    }


def _counted_view(con: Any, folder: Path) -> int:
    """The views `kept` (exact copies, then near-duplicates set aside) and `counted` (reposts folded too,
    with each job's `reposts`, `open_from` and `open_until`); returns the number of reposts folded."""
    near = folder / NEAR_DUPS_FILE
    dropped = (
        f"WHERE id NOT IN (SELECT id FROM read_parquet({sql_string(str(near))}))" if near.exists() else ""
    )
    con.execute(  # exact copies first (the smallest id stays), then near-duplicates
        f"CREATE TEMP VIEW kept AS SELECT * FROM ({first_copies_sql(dataset_files([folder]))}) {dropped}"
    )
    reposts = _fold_reposts(con)
    posted = "TRY_CAST(substr(k.posted_at, 1, 10) AS DATE)"
    con.execute(
        f"""CREATE TEMP VIEW counted AS SELECT k.*, coalesce(s.reposts, 0) AS reposts,
            coalesce(s.first_posted, {posted}, DATE '{_as_of()}') AS open_from,
            last_day(coalesce(s.last_posted, {posted}, DATE '{_as_of()}') + to_months({open_months() - 1}))
                AS open_until
        FROM kept k LEFT JOIN series s ON s.id = k.id
        WHERE k.id NOT IN (SELECT id FROM folded_away)"""
    )
    return reposts


def _fold_reposts(con: Any) -> int:
    """reposts.repost_groups over the kept postings that can be folded at all (a company, a date), read
    in the store's row order (by id: the rule settles ties by row); writes the temporary tables `series`
    (each job kept: its reposts, first and last posting day) and `folded_away` (the reposts set aside)."""
    rows = con.execute(
        f"""SELECT id, json_extract_string(record, '$.company') AS company, {_FAMILIES} AS families,
            seniority, coalesce(json_extract_string(record, '$.title'), title) AS title,
            TRY_CAST(substr(posted_at, 1, 10) AS DATE) AS posted, {_COUNTRIES} AS countries,
            {_CITIES} AS cities, salary_min IS NOT NULL OR salary_max IS NOT NULL AS salaried
        FROM kept WHERE trim(json_extract_string(record, '$.company')) <> ''
            AND TRY_CAST(substr(posted_at, 1, 10) AS DATE) IS NOT NULL
        ORDER BY id"""
    ).fetchall()
    ids, companies, families, levels, titles, posted, countries, cities, salaried = (
        (list(c) for c in zip(*rows, strict=True)) if rows else ([] for _ in range(9))
    )
    groups = repost_groups(
        companies,
        [frozenset(f) for f in families],
        levels,
        titles,
        posted,
        repost_months(),
        countries=[frozenset(c) for c in countries],
        cities=[frozenset(c) for c in cities],
    )
    jobs = series_rows(groups, posted, salaried)
    # lists as parameters, unnested side by side: no Arrow import for a table of a few columns
    con.execute(
        "CREATE TEMP TABLE series AS SELECT unnest(?::VARCHAR[]) AS id, unnest(?::BIGINT[]) AS reposts, "
        "unnest(?::DATE[]) AS first_posted, unnest(?::DATE[]) AS last_posted",
        [
            [ids[k] for k in jobs],
            [len(rows) - 1 for rows in jobs.values()],
            [min(posted[r] for r in rows) for rows in jobs.values()],
            [max(posted[r] for r in rows) for rows in jobs.values()],
        ],
    )
    away = [ids[r] for kept, rows in jobs.items() for r in rows if r != kept]
    con.execute("CREATE TEMP TABLE folded_away AS SELECT unnest(?::VARCHAR[]) AS id", [away])
    return folded(groups)


def _totals(con: Any, folder: Path, reposts: int) -> dict[str, int]:
    """The store's vocabulary of totals (analytics/totals.py) for a dataset: stored = postings with a
    record, unique = one a fingerprint, then near-duplicate groups and reposts set aside."""
    files = dataset_files([folder])
    listed = ", ".join(sql_string(str(f)) for f in files)
    stored = con.execute(
        f"SELECT count(DISTINCT id) FROM read_parquet([{listed}]) WHERE error IS NULL"
    ).fetchone()[0]
    unique = con.execute(f"SELECT count(*) FROM ({first_copies_sql(files)})").fetchone()[0]
    kept = con.execute("SELECT count(*) FROM kept").fetchone()[0]
    return totals_of((stored, stored - unique, unique - kept), reposts)


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
    for field, column in (("language", "languages"), ("system_type", "system_types")):
        wanted = getattr(lane, field)
        if wanted:
            clauses.append(f"list_has_any(list_transform({column}, lambda x: lower(x)), ?)")
            params.append([w.lower() for w in wanted])
    if lane.skill or lane.skill_language:  # any of the skill filter's values, a language given as one too
        clauses.append(
            "(list_has_any(list_transform(skills, lambda x: lower(x)), ?) "
            "OR list_has_any(list_transform(languages, lambda x: lower(x)), ?))"
        )
        params += [[w.lower() for w in lane.skill], [w.lower() for w in lane.skill_language]]
    if lane.family:  # the row's own family (`role_rows`)
        clauses.append("list_has_any(families, ?)")
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
    # the jobs open at some time in the window, as the store's lanes read it (analytics/lane.py): each job's
    # span runs from its first posting's month to the end of its last one's open months (`counted`)
    if lane.since:
        clauses.append("open_until >= ?")
        params.append(lane.since)
    if lane.until:
        clauses.append("open_from < ?")
        params.append(lane.until)
    if lane.open_only:  # open at the reference date, as freshness.coverage counts "open now"
        clauses.append("open_until >= ?")
        params.append(_as_of())
    return " AND ".join(clauses), params


def _as_of() -> dt.date:
    """The reference date of "open now" over a dataset: the day it is read (a store's is its newest
    fetch; a dataset's records carry no fetch time)."""
    return dt.date.today()


def _coverage(con: Any, lane: Lane) -> dict[str, Any]:
    """freshness.coverage over the lane: the first month a job of it was open, the last (inside the lane's
    window), and how many are open at the reference date."""
    as_of = _as_of()
    start, end, open_now = con.execute(
        "SELECT min(open_from), max(open_until), count(*) FILTER (WHERE open_until >= ?) FROM lane", [as_of]
    ).fetchone()
    first, last = window_months(start, end, (lane.since, lane.until))
    return {"first": first, "last": last, "open_now": int(open_now or 0), "as_of": as_of.isoformat()}


def _re2_escape(text: str) -> str:
    return "".join(f"\\{c}" if not c.isalnum() and c != " " else c for c in text)


def _market(con: Any, lane: Lane, top: int, currency: str, rates: Rates) -> Market:
    n, postings = con.execute("SELECT count(*), count(DISTINCT id) FROM lane").fetchone()
    covers = _coverage(con, lane)
    levels = _ordered(con, "seniority", LEVELS, n)
    known = sum(s.count for s in levels if s.name != "unknown")
    senior = sum(s.count for s in levels if s.name in ("senior", "staff", "manager"))
    junior = sum(s.count for s in levels if s.name in ("intern", "junior"))
    skills = _multi(con, "skills", n, required=True)
    paid = f"list_has_any(salary_families, {_sql_list(lane.family)})" if lane.family else "TRUE"
    return Market(
        title=", ".join(FAMILY_TITLES.get(f, f) for f in lane.family) or "All roles",
        lane=lane.describe(),
        postings=int(postings),
        open_positions=covers["open_now"],
        companies=con.execute(
            f"SELECT count(DISTINCT {_COMPANY_KEY}) FROM lane WHERE trim(company) <> ''"
        ).fetchone()[0],
        top_companies=_companies(con, n, top),
        levels=levels,
        senior_share=senior / known if known else None,
        junior_share=junior / known if known else None,
        work_models=_ordered(con, "work_model", WORK_MODELS, n),
        pay=headline_pay(_pay(con, currency, rates, paid)),
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
        reposts_folded=int(  # a posting's, once
            con.execute(
                "SELECT coalesce(sum(r), 0) FROM (SELECT any_value(reposts) AS r FROM lane GROUP BY id)"
            ).fetchone()[0]
        ),
        roles=int(n),
    )


def _share(name: str, count: int, n: int, required: int | None = None, asked: int | None = None) -> Share:
    return Share(name, int(count), count / n if n else 0.0, required, asked)


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
            """SELECT s.value, count(*) AS c, count(*) FILTER (WHERE s.required AND s.asked),
                count(*) FILTER (WHERE s.asked) FROM (
                SELECT unnest(skills) AS value, unnest(skills_required) AS required, unnest(skills_asked) AS asked
                FROM lane) s
            GROUP BY 1 ORDER BY c DESC, 1"""
        ).fetchall()
        return [_share(v, c, n, r, a) for v, c, r, a in rows]
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
            SELECT s.row_key, list_position(?, s.skill) AS place FROM (SELECT row_key, unnest(skills) AS skill FROM lane) s
            WHERE list_contains(?, s.skill))
        SELECT a.place, b.place, count(*) FROM asked a JOIN asked b ON a.row_key = b.row_key AND a.place < b.place
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
    # plausible or not in US dollars, whatever the currency shown (pay.PLAUSIBLE_YEAR)
    factors = [(c, f, rates.factor(c, "USD")) for c in rates.usd_per_unit if (f := rates.factor(c, currency))]
    con.execute("CREATE TEMP TABLE per_year(period VARCHAR, hours DOUBLE)")
    con.executemany("INSERT INTO per_year VALUES (?, ?)", periods)
    con.execute("CREATE TEMP TABLE factor(currency VARCHAR, factor DOUBLE, usd DOUBLE)")
    con.executemany("INSERT INTO factor VALUES (?, ?, ?)", factors)
    low, high = PLAUSIBLE_YEAR
    con.execute(
        f"""CREATE TEMP TABLE usable AS WITH figures AS (
            SELECT l.countries, l.salary_from_source, l.salary_period AS period, l.salary_currency AS currency,
                   coalesce((l.salary_min + l.salary_max) / 2, l.salary_min, l.salary_max) AS middle,
                   p.hours, f.factor, f.usd
            FROM lane l LEFT JOIN per_year p ON p.period = l.salary_period
            LEFT JOIN factor f ON f.currency = l.salary_currency WHERE {paid}
            -- a posting's salary once, however many of its roles it counts for (pay.pay_stats)
            QUALIFY row_number() OVER (PARTITION BY l.id
                ORDER BY l.salary_min IS NULL AND l.salary_max IS NULL, l.row_key) = 1),
        judged AS (
            SELECT *, middle IS NOT NULL AND period IS NOT NULL AND currency IS NOT NULL AS stated,
                   middle * hours * factor AS yearly, middle * hours * usd AS yearly_usd FROM figures)
        SELECT *, stated AND yearly_usd BETWEEN ? AND ? AS ok FROM judged""",
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
    shown = (*quartiles, lowest, highest) if count >= MIN_FOR_MEDIAN else None  # stats_of withholds the rest
    stats = replace(
        stats_of(count, stated, annualised, converted, left_out, currency, rates, shown),
        from_board=board,
        from_text=count - board,
    )
    j = median_rank(int(count), 0.95)  # the order-statistic interval of the median, as pay.pay_stats gives
    if j < 1 or stats.median is None:
        return stats
    low, high = (
        con.execute("SELECT yearly FROM usable WHERE ok ORDER BY yearly LIMIT 1 OFFSET ?", [k]).fetchone()[0]
        for k in (j - 1, count - j)
    )
    return replace(stats, median_low=float(low), median_high=float(high))
