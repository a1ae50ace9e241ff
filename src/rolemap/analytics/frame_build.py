"""The market frame made from its base (analytics/frame_base.py): exact copies and near-duplicates set
aside, each company's reposts of a role folded into one row (analytics/reposts.py), each job's open span and
freshness judged (analytics/freshness.py), the totals counted. Whole-table steps in numpy and Arrow, each
distinct value (a date, a company name) read once; the frame is a function of the base alone, so a base
brought up to date gives exactly the frame a whole read gives.

The repost grouping is plain Python, so it reads only the rows that can fold (a company naming other rows);
a base brought up to date carries the series of its last frame, and only the companies a change touched
are grouped anew (a series never crosses companies).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from importlib.resources import files
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from rolemap.analytics.frame import MULTI, MarketFrame, Pairs, _values
from rolemap.analytics.frame_base import Base, BasePairs
from rolemap.analytics.freshness import days, open_months, open_spans
from rolemap.analytics.reposts import (
    TITLE_SIMILARITY,
    company_fold,
    repost_groups,
    repost_months,
    series_rows,
)
from rolemap.analytics.role_rows import RoleRows, expand_pairs, role_rows
from rolemap.analytics.totals import totals_of


def frame_of(base: Base, today: dt.date | None = None) -> MarketFrame:
    """The frame of a base: exact copies and near-duplicates set aside, each job's reposts folded into one
    row. A function of the base alone, so a base brought up to date gives the frame a whole read gives."""
    return frame_and_base(base, today)[0]


def frame_and_base(base: Base, today: dt.date | None = None) -> tuple[MarketFrame, Base]:
    """The frame of a base, and the base with the repost series it was folded by, to be cached with it: the
    next update then groups again only the postings of the companies a change touched."""
    copies, near = base.flags("duplicate"), base.flags("near_duplicate")
    unique = np.flatnonzero(~copies & ~near)  # base rows of the postings counted, in id order
    kept, jobs, groups = _one_row_a_job(base, unique, today)
    heads = np.full(base.size, -1, np.int64)
    heads[unique] = unique[groups]
    taken = unique[kept]
    position = np.full(base.size, -1, np.int64)  # each base row's posting among those kept; -1: not counted
    position[taken] = np.arange(taken.size)
    roles = role_rows(base.pairs.get("role"), base.pairs["salary_family"], position, taken.size)
    totals = totals_of((base.size, int(copies.sum()), int((~copies & near).sum())), jobs.folded)
    t = _taken(base.table, taken)
    if roles.any_expanded:  # one row a role: each posting's row repeated for each of its roles
        t = t.take(roles.source)
        jobs = replace(jobs, **{f: getattr(jobs, f)[roles.source] for f in _JOB_ARRAYS})
    salary_dropped = ~roles.salary_kept
    table = pa.table(
        {
            "id": t["id"],
            "title": t["title"],
            "company": _categorical(_one_spelling_column(t["company"])),
            "location": _categorical(t["location"]),
            "source": _categorical(t["source"]),
            "posted": pa.array(jobs.posted, pa.date32(), mask=np.isnat(jobs.posted)),
            "is_open": pa.array(jobs.is_open, pa.bool_()),  # judged per source
            "open_from": pa.array(jobs.open_from, pa.date32(), mask=np.isnat(jobs.open_from)),
            "open_until": pa.array(jobs.open_until, pa.date32(), mask=np.isnat(jobs.open_until)),
            "reposts": pa.array(jobs.reposts, pa.int32()),
            "seniority": _categorical(_role_levels(t["seniority"], roles)),
            "primary_language": _categorical(_cleared(t["primary_language"], ~roles.software_kept)),
            "work_model": _categorical(t["work_model"]),
            "employment_type": _categorical(t["employment_type"]),
            "years_min": _cleared(t["years_min"], ~roles.years_kept),
            "salary_min": _cleared(t["salary_min"], salary_dropped),
            "salary_max": _cleared(t["salary_max"], salary_dropped),
            "salary_currency": _categorical(_cleared(t["salary_currency"], salary_dropped)),
            "salary_period": _categorical(_cleared(t["salary_period"], salary_dropped)),
            "salary_from_source": _cleared(t["salary_from_source"], salary_dropped, False),
            # the posting each row is a role of (its index among the frame's postings), and how many
            # roles that posting has in the frame (analytics/role_rows.py)
            "posting": pa.array(roles.source, pa.int32()),
            "roles": pa.array(roles.rows[roles.source], pa.int32()),
        }
    ).combine_chunks()
    table = table.replace_schema_metadata({"as_of": jobs.as_of.isoformat()})  # kept by the Arrow cache file
    frame = MarketFrame(
        table, {name: _frame_pairs(base.pairs[name], name, position, roles) for name in MULTI}, totals
    )
    return frame, replace(base, heads=heads, dirty=None, marks={**base.marks, "series_rule": series_rule()})


def series_rule() -> list[Any]:
    """What a repost series depends on besides the postings: the window, the title similarity and the
    words left out of titles. Series carried in a base made under another rule are made anew."""
    words = hashlib.sha256(files("rolemap.analytics").joinpath("data/title_words.json").read_bytes())
    return [repost_months(), TITLE_SIMILARITY, words.hexdigest()[:16], "places: country, city"]


@dataclass(frozen=True)
class _Jobs:
    posted: np.ndarray  # each kept row's posting day (datetime64[D], NaT: none)
    open_from: np.ndarray  # the first and last day each kept row's job was open
    open_until: np.ndarray
    is_open: np.ndarray  # at the reference date
    reposts: np.ndarray  # postings folded into the row
    folded: int
    as_of: dt.date  # the reference date of `is_open`


def _one_row_a_job(
    base: Base, unique: np.ndarray, today: dt.date | None
) -> tuple[np.ndarray, _Jobs, np.ndarray]:
    """The counted rows (`unique`, base rows) kept, each company's reposts of a role folded into one
    (analytics/reposts.py), each kept row's open span and freshness (analytics/freshness.py), and each
    counted row's series (its first row). The row kept is the series' earliest posting that states a
    salary, else its earliest: a job keeps its pay when any of its postings gave it."""
    rows = _taken(base.table.select(_JOB_COLUMNS), unique)
    posted, posted_index, posted_days = _dates(rows.column("posted_at"), _day)
    first_seen, last_seen, closed = (
        _dates(rows.column(c), None)[2] for c in ("first_seen", "last_seen", "closed_at")
    )
    newest = last_seen[~np.isnat(last_seen)]
    reference = today or (newest.max().astype(object) if newest.size else dt.date.today())
    board = np.asarray(rows.column("board").to_numpy(zero_copy_only=False), bool)
    start, end, is_open = open_spans(
        board, posted_days, first_seen, last_seen, closed, open_months(), reference
    )
    # only rows whose company names another row can fold, and a series never crosses companies: the
    # grouping reads the rows of the companies to group (all, or those a change touched) alone, in the
    # same order, so it makes the same series (row numbers mapped back)
    groups = np.arange(rows.num_rows)
    anew = _carried_series(base, unique, _may_fold(rows.column("company")), groups)
    named = {f: _local(base.pairs[f], unique[anew], base.size) for f in ("family", "country", "city")}
    some = rows.take(anew)
    companies, levels, titles = (some.column(c).to_pylist() for c in ("company", "seniority", "title"))
    found = repost_groups(
        companies, named["family"], levels, titles, [posted[i] for i in posted_index[anew].tolist()],
        repost_months(), countries=named["country"], cities=named["city"],
    )  # fmt: skip
    groups[anew] = anew[np.array(found, np.int64)] if found else groups[anew]
    folded_rows = groups != np.arange(groups.size)
    salaried = rows.column("salary_min").is_valid().to_numpy(zero_copy_only=False) | rows.column(
        "salary_max"
    ).is_valid().to_numpy(zero_copy_only=False)
    day = np.where(
        np.isnat(posted_days), np.iinfo(np.int64).max, posted_days.astype(np.int64)
    )  # undated last
    keep = np.ones(len(groups), bool)
    reposts = np.zeros(len(groups), np.int32)
    for kept, members in series_rows(groups, day, salaried, np.flatnonzero(folded_rows).tolist()).items():
        keep[members] = False
        keep[kept] = True
        start[kept], end[kept] = start[members].min(), end[members].max()  # first to last posting's months
        is_open[kept] = is_open[members].any()
        reposts[kept] = len(members) - 1
    jobs = _Jobs(
        posted_days[keep],
        start[keep],
        end[keep],
        is_open[keep],
        reposts[keep],
        int(folded_rows.sum()),
        reference,
    )
    return np.flatnonzero(keep), jobs, groups


def _carried_series(base: Base, unique: np.ndarray, may: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Of the rows that may fold (`may`, counted rows), those to group anew; the others are given, in
    `groups`, the series the base carries for them: their company's postings are as they were then."""
    if base.heads is None or base.dirty is None or base.marks.get("series_rule") != series_rule():
        return may
    clean = may[~base.dirty[unique[may]]]
    heads = base.heads[unique[clean]]
    counted = np.full(base.size, -1, np.int64)
    counted[unique] = np.arange(unique.size)
    carried = counted[np.maximum(heads, 0)]
    if (heads < 0).any() or (carried < 0).any():
        return may  # a carried series that does not fit: group them all
    groups[clean] = carried
    return may[base.dirty[unique[may]]]


_JOB_ARRAYS = ("posted", "open_from", "open_until", "is_open", "reposts")  # per kept row, as _Jobs holds them
# the base columns the folding and the freshness read
_JOB_COLUMNS = ["posted_at", "first_seen", "last_seen", "closed_at", "board", "company", "seniority", "title",
                "salary_min", "salary_max"]  # fmt: skip


def _taken(table: pa.Table, rows: np.ndarray) -> pa.Table:
    """The rows (ascending) of a table; the table itself when they are all of it."""
    return table if rows.size == table.num_rows else table.take(rows)


def _may_fold(companies: pa.ChunkedArray) -> np.ndarray:
    """The rows whose company, spacing and case folded as analytics/reposts.py folds it, names other rows
    too: the only ones a repost series can hold."""
    encoded = companies.combine_chunks().dictionary_encode()
    names: dict[str, int] = {}
    folded_code = np.array(
        [names.setdefault(company_fold(c), len(names)) for c in encoded.dictionary.to_pylist()]
        + [-1],
        np.int64,
    )  # fmt: skip
    if "" in names:
        folded_code[folded_code == names[""]] = -1  # a blank name is no company
    code = folded_code[encoded.indices.fill_null(len(folded_code) - 1).to_numpy(zero_copy_only=False)]
    seen = np.bincount(code[code >= 0], minlength=len(names) + 1)
    return np.flatnonzero((code >= 0) & (seen[np.maximum(code, 0)] >= 2))


def _dates(column: pa.ChunkedArray, parse: Any) -> tuple[list[Any], np.ndarray, np.ndarray]:
    """A column of dates or times in text as (its distinct values parsed, each row's index into them,
    datetime64[D] with NaT for none), each distinct value parsed once: by `parse` (to a date or None), or
    by freshness.days when None."""
    encoded = _categorical(column)  # the values the rows hold, each once
    distinct = encoded.dictionary.to_pylist()
    index = encoded.indices.fill_null(len(distinct)).to_numpy(zero_copy_only=False)
    if parse is None:
        as_days = np.concatenate([days(distinct), np.array(["NaT"], "datetime64[D]")])
        return [], index, as_days[index]
    parsed = [parse(v) for v in distinct] + [None]
    return parsed, index, np.array(parsed, "datetime64[D]")[index]


def _local(pairs: BasePairs, unique: np.ndarray, size: int) -> list[frozenset[str]]:
    """Each counted posting's values of a field, as a set (empty when none)."""
    position = np.full(size, -1, np.int64)
    position[unique] = np.arange(unique.size)
    rows = position[pairs.row]
    inside = rows >= 0
    none: frozenset[str] = frozenset()
    named: dict[int, set[str]] = {}
    for r, c in zip(rows[inside].tolist(), pairs.code[inside].tolist(), strict=True):
        named.setdefault(r, set()).add(pairs.vocab[c])
    out = [none] * unique.size
    for r, values in named.items():
        out[r] = frozenset(values)
    return out


def _frame_pairs(pairs: BasePairs, name: str, position: np.ndarray, roles: RoleRows) -> Pairs:
    """A base field's pairs on the frame's rows (`position`: each base row's posting among those kept, -1:
    not counted; analytics/role_rows.py gives each posting's values to its role rows), the vocabulary in
    code point order: the same whichever order the store gave the pairs in."""
    rows, vocab, code, flags = expand_pairs(pairs, name, position, roles)
    order = sorted(range(len(vocab)), key=vocab.__getitem__)
    recode = np.empty(len(order), np.int32)
    recode[order] = np.arange(len(order), dtype=np.int32)
    return Pairs(rows.astype(np.int32), recode[code], [vocab[i] for i in order], **flags)


def _cleared(column: pa.ChunkedArray, drop: np.ndarray, blank: Any = None) -> pa.Array | pa.ChunkedArray:
    """The column with `blank` (none) on the rows in `drop`: a role's row does not carry what the posting
    does not tie to it (analytics/role_rows.py)."""
    if not drop.any():
        return column
    values = _plain(column)
    return pc.if_else(pa.array(drop), pa.scalar(blank, values.type), values)


def _role_levels(column: pa.ChunkedArray, roles: RoleRows) -> pa.Array | pa.ChunkedArray:
    """The posting's level on a posting's only row; a role's own level on the rows of a posting with
    several roles (none when the role names none)."""
    if not roles.any_expanded:
        return column
    own = np.array([*roles.levels, None], object)[roles.level]  # -1: none
    return pc.if_else(pa.array(roles.expanded), pa.array(own, pa.string()), _plain(column))


def _plain(column: pa.ChunkedArray) -> pa.Array:
    """A column as one array of its values (a dictionary column decoded), for pc.if_else."""
    values = column.combine_chunks()
    return values.cast(values.type.value_type) if isinstance(values, pa.DictionaryArray) else values


def _categorical(column: pa.ChunkedArray | pa.Array) -> pa.DictionaryArray:
    """A column as a dictionary of the values its rows hold, in the order they first appear (what
    `dictionary_encode` of its values gives), whatever dictionary it came with: the base's dictionaries
    depend on the order changes came in, the frame's must not."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if not isinstance(column, pa.DictionaryArray):
        return column.dictionary_encode()
    index, valid = _values(column.indices)
    uniq, first = np.unique(index[valid], return_index=True)
    order = uniq[np.argsort(first, kind="stable")]
    recode = np.zeros(max(len(column.dictionary), 1), np.int32)
    recode[order] = np.arange(order.size, dtype=np.int32)
    codes = pa.array(np.where(valid, recode[np.where(valid, index, 0)], 0), pa.int32(), mask=~valid)
    return pa.DictionaryArray.from_arrays(codes, column.dictionary.take(pa.array(order, pa.int64())))


def _one_spelling_column(names: pa.ChunkedArray) -> pa.Array:
    """`_one_spelling` of a column, each distinct name read once: its dictionary lists them in the order
    they first appear, so each is given the same first spelling as row by row."""
    encoded = _categorical(names)
    return pa.array(_one_spelling(encoded.dictionary.to_pylist()), pa.string()).take(encoded.indices)


def _one_spelling(names: list[str | None]) -> list[str | None]:
    """ "Acme", "ACME " and "acme" are one company, and "The Acme Group" and "Acme Group": each is shown as its
    first spelling."""
    first: dict[str, str] = {}
    out: list[str | None] = []
    for name in names:
        name = " ".join((name or "").split())
        out.append(first.setdefault(company_fold(name), name) if name else None)
    return out


def _day(posted: str | None) -> dt.date | None:
    if not posted:
        return None
    try:
        return dt.date.fromisoformat(posted[:10])
    except ValueError:
        return None
