"""The market frame: the store's unique postings as columns (Arrow files, read as numpy arrays), so every
market question is a handful of vector operations instead of a SQL scan of millions of rows.

A frame is built from the store once and cached beside it (`<db>.market/<state>/`: Arrow IPC and .npy
files, memory-mapped); it is rebuilt when the store changes (its posting count, newest `last_seen` or
newest close date moved). Multi-valued fields (skills, languages, system types, domains, scope) are pairs
of arrays: posting row → code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather

from rolemap.analytics.freshness import days, open_months, open_spans
from rolemap.analytics.reposts import folded, repost_groups, repost_months
from rolemap.analytics.totals import TOTALS_SQL, totals_of
from rolemap.errors import StoreError
from rolemap.store.db import HEAD_REVISION

if TYPE_CHECKING:
    from rolemap.store.db import Store

FORMAT = "6"  # bump when the files below change shape
CATEGORICAL = (
    "company",
    "location",
    "source",
    "seniority",
    "primary_language",
    "work_model",
    "employment_type",
    "salary_currency",
    "salary_period",
)
MULTI = ("skill", "language", "system_type", "domain", "scope", "family", "country", "city", "salary_family")

_POSTINGS_SQL = """
SELECT p.id, COALESCE(e.title, p.title), e.company, p.location, p.source, p.posted_at, p.closed_at IS NULL AS is_open,
       e.seniority, e.primary_language, e.work_model, e.employment_type, e.years_min,
       e.salary_min, e.salary_max, e.salary_currency, e.salary_period,
       CASE WHEN e.salary_min IS NULL AND e.salary_max IS NULL THEN FALSE ELSE {salary_from_source} END,
       p.board, p.first_seen, p.last_seen, p.closed_at
FROM postings p LEFT JOIN extractions e ON e.posting_id = p.id
WHERE p.duplicate_of IS NULL AND p.near_duplicate_of IS NULL
ORDER BY p.id
"""
# A salary from the board's own fields: the record names its origin (extract/source_facts.py); only rows
# with a salary read the record's JSON.
_SALARY_FROM_SOURCE = {
    "sqlite": "json_extract(e.record, '$.source_facts.salary') IS NOT NULL",
    "postgresql": "(e.record::jsonb -> 'source_facts' -> 'salary') IS NOT NULL",
}
# Read whole: rows of duplicates are dropped while mapping ids to rows, cheaper than a join in SQL.
_SKILLS_SQL = "SELECT posting_id, skill_id, required FROM posting_skills"
_LABELS_SQL = "SELECT posting_id, field, value FROM posting_labels"


@dataclass(frozen=True)
class Pairs:
    """One multi-valued field: row[i] has value vocab[code[i]]; `required` only for skills."""

    row: np.ndarray
    code: np.ndarray
    vocab: list[str]
    required: np.ndarray | None = None


@dataclass(frozen=True)
class MarketFrame:
    table: pa.Table  # one row a counted posting
    pairs: dict[str, Pairs]
    totals: dict[str, int] = field(default_factory=dict)  # the store's totals (analytics/totals.py)

    @property
    def size(self) -> int:
        return self.table.num_rows

    # Columns become numpy arrays read straight from their Arrow buffers: pyarrow's own conversion of a
    # column with nulls goes through its pandas layer, which imports pandas (0.2 s) whenever it is
    # installed (statsmodels brings it), and a market command needs none of it.

    def codes(self, column: str) -> tuple[np.ndarray, list[str]]:
        """A categorical column as (codes with -1 for none, vocabulary)."""
        col = self.table.column(column).combine_chunks()
        if not isinstance(col, pa.DictionaryArray):
            col = col.dictionary_encode()
        codes, valid = _values(col.indices)
        return np.where(valid, codes, -1).astype(np.int32), col.dictionary.to_pylist()

    def numbers(self, column: str) -> np.ndarray:
        """A numeric column as floats, NaN for none."""
        values, valid = _values(self.table.column(column).combine_chunks().cast(pa.float64()))
        return np.where(valid, values, np.nan)

    def flags(self, column: str) -> np.ndarray:
        """A boolean column as bools, False for none."""
        values, valid = _values(self.table.column(column).combine_chunks())
        return values & valid

    def counts(self, column: str) -> np.ndarray:
        """An integer column as int64, 0 for none."""
        values, valid = _values(self.table.column(column).combine_chunks().cast(pa.int64()))
        return np.where(valid, values, 0)

    def dates(self, column: str) -> np.ndarray:
        """A date column as datetime64[D], NaT for none."""
        values, valid = _values(self.table.column(column).combine_chunks().cast(pa.int32()))
        return np.where(valid, values.astype(np.int64), np.iinfo(np.int64).min).view("datetime64[D]")

    @property
    def as_of(self) -> str | None:
        """The date "open" is judged at (analytics/freshness.py), ISO; None for a frame made by hand."""
        value = (self.table.schema.metadata or {}).get(b"as_of")
        return value.decode() if value else None

    def strings(self, column: str) -> list[str | None]:
        return self.table.column(column).to_pylist()


def load_frame(store: Store, cache: Path | None = None) -> MarketFrame:
    """The frame of the store, from the cache when it is current."""
    key = store_key(store)
    folder = cache if cache is not None else cache_folder(store)
    if folder is not None:
        frame = _read_cache(folder, key)
        if frame is not None:
            return frame
    frame = build_frame(store)
    if folder is not None:
        _write_cache(folder, key, frame)
    return frame


def cached_sqlite_frame(database: str) -> MarketFrame | None:
    """The cached frame of a SQLite store file when it is current, checked through the standard sqlite3
    module: a command over an unchanged store then imports no SQLAlchemy (a fifth of `rolemap market`).
    None when the file, its cache or its newest migration is missing: open the store and `load_frame`."""
    folder = _sqlite_cache_folder(database)
    if folder is None or not folder.is_dir():
        return None
    try:  # mode=rw: never creates the file; isolation_level None: the BEGIN below is the only transaction
        conn = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=rw", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("BEGIN")  # deferred: one snapshot, as Store.read() gives, never the write lock
        if _fetch_one(conn, "SELECT version_num FROM alembic_version") != (HEAD_REVISION,):
            return None
        key = _key_of(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return _read_cache(folder, key)


def cache_folder(store: Store) -> Path | None:
    """`<file>.market/` beside a SQLite file; a folder in the user's cache for a server database."""
    if store.is_sqlite:
        return _sqlite_cache_folder(store.engine.url.database)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    digest = hashlib.sha256(store.url.encode()).hexdigest()[:16]
    return Path(base) / "rolemap" / f"market-{digest}"


def build_frame(store: Store, today: dt.date | None = None) -> MarketFrame:
    """The frame of the store: one row a job. `today` is the date "open" is judged at; by default the
    store's newest fetch (analytics/freshness.py), so a cached frame stays true until the store changes."""
    try:
        with store.read() as conn:
            postings_sql = _POSTINGS_SQL.format(salary_from_source=_SALARY_FROM_SOURCE[conn.dialect.name])
            rows, skills, labels = (_fetch(conn, sql) for sql in (postings_sql, _SKILLS_SQL, _LABELS_SQL))
            counts = _fetch_one(conn.connection, TOTALS_SQL)
    except Exception as e:  # the store's driver errors, named for the user
        raise StoreError(f"{store.describe()}: cannot read postings for the market view ({e})") from e
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [() for _ in range(21)]
    columns, jobs = _one_row_a_job(columns, labels, today)
    totals = totals_of(counts, jobs.folded)
    ids = list(columns[0])
    table = pa.table(
        {
            "id": pa.array(ids, pa.string()),
            "title": pa.array(columns[1], pa.string()),
            "company": _categorical(_one_spelling(columns[2])),
            "location": _categorical(columns[3]),
            "source": _categorical(columns[4]),
            "posted": pa.array([_day(d) for d in columns[5]], pa.date32()),
            "is_open": pa.array(jobs.is_open, pa.bool_()),  # not columns[6]: judged per source
            "open_from": pa.array(jobs.open_from, pa.date32(), mask=np.isnat(jobs.open_from)),
            "open_until": pa.array(jobs.open_until, pa.date32(), mask=np.isnat(jobs.open_until)),
            "reposts": pa.array(jobs.reposts, pa.int32()),
            "seniority": _categorical(columns[7]),
            "primary_language": _categorical(columns[8]),
            "work_model": _categorical(columns[9]),
            "employment_type": _categorical(columns[10]),
            "years_min": pa.array(columns[11], pa.float64()),
            "salary_min": pa.array(columns[12], pa.float64()),
            "salary_max": pa.array(columns[13], pa.float64()),
            "salary_currency": _categorical(columns[14]),
            "salary_period": _categorical(columns[15]),
            "salary_from_source": pa.array([bool(v) for v in columns[16]], pa.bool_()),
        }
    )
    table = table.replace_schema_metadata({"as_of": jobs.as_of.isoformat()})  # kept by the Arrow cache file
    id_set = table.column("id").combine_chunks()
    skill_columns: list[Any] = list(zip(*skills, strict=True)) if skills else [(), (), ()]
    pairs = {"skill": _pairs(id_set, skill_columns[0], skill_columns[1], skill_columns[2])}
    label_columns: list[Any] = list(zip(*labels, strict=True)) if labels else [(), (), ()]
    fields = pa.array(label_columns[1], pa.string())
    for field_name in MULTI[1:]:
        chosen = pc.equal(fields, field_name).to_numpy(zero_copy_only=False)
        pids = [p for p, keep in zip(label_columns[0], chosen, strict=True) if keep]
        values = [v for v, keep in zip(label_columns[2], chosen, strict=True) if keep]
        pairs[field_name] = _pairs(id_set, pids, values)
    return MarketFrame(table, pairs, totals)


@dataclass(frozen=True)
class _Jobs:
    open_from: np.ndarray  # the first and last day each kept row's job was open (datetime64[D], NaT: none)
    open_until: np.ndarray
    is_open: np.ndarray  # at the reference date
    reposts: np.ndarray  # postings folded into the row
    folded: int
    as_of: dt.date  # the reference date of `is_open`


def _one_row_a_job(
    columns: list[Any], labels: list[tuple[Any, ...]], today: dt.date | None
) -> tuple[list[Any], _Jobs]:
    """The columns with each company's reposts of a role folded into one row (analytics/reposts.py), and
    each kept row's open span and freshness (analytics/freshness.py). The row kept is the series' earliest
    posting that states a salary, else its earliest: a job keeps its pay when any of its postings gave it."""
    posted = [_day(d) for d in columns[5]]
    first_seen, last_seen, closed = (days(columns[c]) for c in (18, 19, 20))
    newest = last_seen[~np.isnat(last_seen)]
    reference = today or (newest.max().astype(object) if newest.size else dt.date.today())
    board = np.array([b is not None for b in columns[17]], bool)
    start, end, is_open = open_spans(
        board, np.array(posted, "datetime64[D]"), first_seen, last_seen, closed, open_months(), reference
    )
    named: dict[tuple[str, str], set[str]] = {}
    for posting_id, field_name, value in labels:
        if field_name in ("family", "country"):
            named.setdefault((field_name, posting_id), set()).add(value)
    none: frozenset[str] = frozenset()
    fams, places = (
        [frozenset(named[f, i]) if (f, i) in named else none for i in columns[0]]
        for f in ("family", "country")
    )
    groups = repost_groups(
        columns[2], fams, columns[7], columns[1], posted, repost_months(), countries=places
    )
    series: dict[int, list[int]] = {}  # only the series of several postings: most rows stand alone
    for i, g in enumerate(groups):
        if g != i:
            series.setdefault(g, [g]).append(i)
    keep = np.ones(len(groups), bool)
    reposts = np.zeros(len(groups), np.int32)
    for first, rows in series.items():
        rows.sort(key=lambda r: (posted[r] or dt.date.max, r))
        salaried = [r for r in rows if columns[12][r] is not None or columns[13][r] is not None]
        kept = salaried[0] if salaried else first
        keep[rows] = False
        keep[kept] = True
        start[kept], end[kept] = start[rows].min(), end[rows].max()  # first to last posting's months
        is_open[kept] = is_open[rows].any()
        reposts[kept] = len(rows) - 1
    index = np.flatnonzero(keep).tolist()
    jobs = _Jobs(start[keep], end[keep], is_open[keep], reposts[keep], folded(groups), reference)
    return [[column[r] for r in index] for column in columns], jobs


def _fetch(conn: Any, sql: str) -> list[tuple[Any, ...]]:
    """All rows as plain tuples, through the driver's own cursor: millions of rows, no row objects."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _values(array: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A fixed-width or boolean Arrow array as (values, valid) numpy arrays, read from its buffers."""
    n, offset = len(array), array.offset
    validity, data = array.buffers()[:2]
    valid = _bits(validity, offset, n) if validity is not None else np.ones(n, bool)
    if pa.types.is_boolean(array.type):
        return _bits(data, offset, n), valid
    kind = "f" if pa.types.is_floating(array.type) else "i" if pa.types.is_signed_integer(array.type) else "u"
    dtype = np.dtype(f"{kind}{array.type.bit_width // 8}")
    if data is None:  # an array of nulls only
        return np.zeros(n, dtype), valid
    return np.frombuffer(data, dtype=dtype, count=offset + n)[offset:], valid


def _bits(buffer: pa.Buffer, offset: int, n: int) -> np.ndarray:
    return np.unpackbits(np.frombuffer(buffer, np.uint8), bitorder="little")[offset : offset + n].astype(bool)


def _categorical(values: list[str | None] | tuple[str | None, ...]) -> pa.DictionaryArray:
    return pa.array(list(values), pa.string()).dictionary_encode()


def _one_spelling(names: tuple[str | None, ...]) -> list[str | None]:
    """ "Acme", "ACME " and "acme" are one company: each is shown as its first spelling."""
    first: dict[str, str] = {}
    out: list[str | None] = []
    for name in names:
        name = " ".join((name or "").split())
        out.append(first.setdefault(name.casefold(), name) if name else None)
    return out


def _day(posted: str | None) -> dt.date | None:
    if not posted:
        return None
    try:
        return dt.date.fromisoformat(posted[:10])
    except ValueError:
        return None


def _pairs(ids: pa.Array, pids: Any, values: Any, required: Any = None) -> Pairs:
    """Rows found by id in C (pyarrow's index_in); rows of duplicate postings (not in ids) are dropped."""
    rows = pc.index_in(pa.array(pids, pa.string()), value_set=ids)
    keep = rows.is_valid().to_numpy(zero_copy_only=False)
    encoded = pa.array(values, pa.string()).dictionary_encode()
    return Pairs(
        rows.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int32)[keep],
        encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)[keep],
        encoded.dictionary.to_pylist(),
        np.array(required, bool)[keep] if required is not None else None,
    )


def _sqlite_cache_folder(database: str | None) -> Path | None:
    if not database or database == ":memory:":
        return None
    return Path(database).with_name(Path(database).name + ".market")


# The store's state: five queries, each answered from an index. Grouping again changes no time stamp: the
# count of grouped postings and their largest id say it. Plain SQL through the driver's cursor, so that
# store_key (any store) and cached_sqlite_frame (sqlite3 alone) read the same values.
_KEY_SQL = (
    "SELECT count(*) FROM postings",
    "SELECT max(last_seen) FROM postings",
    "SELECT max(closed_at) FROM postings",
    "SELECT count(near_duplicate_of), max(near_duplicate_of) FROM postings",
    # a user's corrections rewrite extraction rows only: their count and newest time say it (each one set
    # gets a time later than any before it, so no two states of the table share the pair)
    "SELECT count(*), max(set_at) FROM corrections",
)


def store_key(store: Store) -> dict[str, object]:
    with store.read() as conn, conn.begin():  # one snapshot for the five
        return _key_of(conn.connection)


def _key_of(dbapi_connection: Any) -> dict[str, object]:
    (count,), (newest,), (closed,), grouped, fixed = (_fetch_one(dbapi_connection, sql) for sql in _KEY_SQL)
    return {
        "open_months": open_months(), "repost_months": repost_months(), "format": FORMAT, "postings": count, "newest": str(newest), "closed": str(closed),
        "near_duplicates": [grouped[0], grouped[1]], "corrections": [fixed[0], str(fixed[1])],
    }  # fmt: skip


def _fetch_one(dbapi_connection: Any, sql: str) -> tuple[Any, ...]:
    """The first row, () for none."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        row = cursor.fetchone()
        return tuple(row) if row is not None else ()
    finally:
        cursor.close()


def cache_place(folder: Path, key: dict[str, object]) -> Path:
    """One subfolder per store state: a cache once written is never changed, only replaced whole."""
    return folder / hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


def _read_cache(folder: Path, key: dict[str, object]) -> MarketFrame | None:
    place = cache_place(folder, key)
    try:
        if json.loads((place / "key.json").read_text()) != key:
            return None
        table = feather.read_table(place / "postings.arrow", memory_map=True)
        vocab = json.loads((place / "vocab.json").read_text())
        pairs = {}
        for name in MULTI:
            arrays = {
                part: np.load(place / f"{name}.{part}.npy", mmap_mode="r", allow_pickle=False)
                for part in ("row", "code", "required")
                if (place / f"{name}.{part}.npy").exists()
            }
            pairs[name] = Pairs(arrays["row"], arrays["code"], vocab[name], arrays.get("required"))
        return MarketFrame(table, pairs, json.loads((place / "totals.json").read_text()))
    except (OSError, ValueError, KeyError, pa.ArrowException):
        return None  # no cache, an old one or a damaged one: build anew


def _write_cache(folder: Path, key: dict[str, object], frame: MarketFrame) -> None:
    """Written in a temporary folder and renamed into place, so processes building the same frame at
    once (the server's workers) never read each other's half-written files; older states are removed
    (a process still reading one keeps its memory-mapped files until it lets go)."""
    place = cache_place(folder, key)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        draft = Path(tempfile.mkdtemp(dir=folder, prefix=".draft-"))
    except OSError:
        return  # a cache that cannot be written only costs time
    try:
        _write_files(draft, key, frame)
        shutil.rmtree(place, ignore_errors=True)  # a damaged one
        draft.rename(place)  # fails when another process has just put the same state in place
    except OSError:
        shutil.rmtree(draft, ignore_errors=True)
        return
    for old in folder.iterdir():  # older states, and the files of the format before this one
        if old != place and not old.name.startswith(".draft-"):
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)


def _write_files(folder: Path, key: dict[str, object], frame: MarketFrame) -> None:
    feather.write_feather(frame.table, folder / "postings.arrow", compression="uncompressed")
    for name, p in frame.pairs.items():
        np.save(folder / f"{name}.row.npy", p.row, allow_pickle=False)
        np.save(folder / f"{name}.code.npy", p.code, allow_pickle=False)
        if p.required is not None:
            np.save(folder / f"{name}.required.npy", p.required, allow_pickle=False)
    (folder / "vocab.json").write_text(json.dumps({n: p.vocab for n, p in frame.pairs.items()}))
    (folder / "totals.json").write_text(json.dumps(frame.totals))
    (folder / "key.json").write_text(json.dumps(key))
