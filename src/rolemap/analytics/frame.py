"""The market frame: the store's unique postings as columns (Arrow files, read as numpy arrays), one row a
role (a posting hiring a backend engineer and a product manager is two rows: analytics/role_rows.py), so
every market question is a handful of vector operations instead of a SQL scan of millions of rows.

A frame is built from the store once and cached beside it (`<db>.market/<state>/`: Arrow IPC and .npy
files, memory-mapped), with its base: every stored posting as read, before copies are set aside and reposts
folded (analytics/frame_base.py). When the store changes (its posting count, newest `last_seen` or close
date, near-duplicate groups or corrections moved), the base is brought up to date from the postings the
change touched, or read whole when the change is not one of those, and the frame is made again from it
(analytics/frame_build.py). Multi-valued fields (skills, languages, system types, domains, scope) are pairs
of arrays: row → code, the vocabulary in code point order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.feather as feather

from rolemap.analytics.frame_base import Base, Sources, fetch_base, read_base, update_base, write_base
from rolemap.analytics.freshness import open_months
from rolemap.analytics.reposts import repost_months
from rolemap.errors import StoreError
from rolemap.store.db import HEAD_REVISION

if TYPE_CHECKING:
    from rolemap.store.db import Store

FORMAT = "12"  # bump when the files below change shape, or what they hold does (11: a role row leaves the skills another role of its posting is hired for; 12: reposts in two cities of one country are two jobs)
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

# Read whole (frame_base.py names the postings of a change after them); after the posting and the skill,
# one column for each flag field of Pairs, in its order.
_SKILLS_SQL = "SELECT posting_id, skill_id, required, asked FROM posting_skills"
_LABELS_SQL = "SELECT posting_id, field, value FROM posting_labels"


@dataclass(frozen=True)
class Pairs:
    """One multi-valued field: row[i] has value vocab[code[i]]; `required` and `asked` (false: the posting
    only says the company uses it) only for skills."""

    row: np.ndarray
    code: np.ndarray
    vocab: list[str]
    required: np.ndarray | None = None
    asked: np.ndarray | None = None


# the base also reads each posting's roles (store/roles.py), which make the frame's rows (role_rows.py)
_SOURCES = Sources(_SKILLS_SQL, tuple(f.name for f in fields(Pairs))[3:], _LABELS_SQL, (*MULTI[1:], "role"))


@dataclass(frozen=True)
class MarketFrame:
    table: pa.Table  # one row a role of a counted posting (one row for a posting of one role or none)
    pairs: dict[str, Pairs]
    totals: dict[str, int] = field(default_factory=dict)  # the store's totals (analytics/totals.py)

    @property
    def size(self) -> int:
        """The number of rows: of roles."""
        return self.table.num_rows

    def postings_of_rows(self) -> np.ndarray:
        """Each row's posting (its index among the frame's postings; a posting's rows are next to one
        another); a frame made by hand without the column has one row a posting."""
        if "posting" not in self.table.column_names:
            return np.arange(self.size, dtype=np.int64)
        return self.counts("posting")

    def first_rows(self, mask: np.ndarray) -> np.ndarray:
        """The rows of `mask` that are the first of their posting in it: a list shows a posting once."""
        return first_of_postings(self.postings_of_rows(), mask)

    def postings_in(self, mask: np.ndarray) -> int:
        """How many postings the rows of `mask` are roles of."""
        return int(self.first_rows(mask).sum())

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


def first_of_postings(posting: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The rows of `mask` that are the first of their posting in it, from each row's posting (a posting's
    rows next to one another)."""
    rows = np.flatnonzero(mask)
    first = np.ones(rows.size, bool)
    first[1:] = posting[rows[1:]] != posting[rows[:-1]]
    out = np.zeros(mask.size, bool)
    out[rows[first]] = True
    return out


def distinct_postings(postings: np.ndarray, cells: np.ndarray, size: int) -> np.ndarray:
    """How many distinct postings each cell (0 ≤ cell < size) holds, from each row's posting and cell. A
    share of a lane is of postings, and a test counts postings: a post hiring three roles that all ask for
    PHP is one posting asking for it, not three observations (its roles share its words); counted by role,
    a Hacker News quarter of 152 posts had been n = 319 and its tests too sure."""
    keys = np.unique(postings.astype(np.int64) * size + cells)
    return np.bincount(keys % size, minlength=size)


def load_frame(store: Store, cache: Path | None = None) -> MarketFrame:
    """The frame of the store, from the cache when it is current."""
    key = store_key(store)
    folder = cache if cache is not None else cache_folder(store)
    if folder is not None:
        frame = _read_cache(folder, key)
        if frame is not None:
            return frame
    from rolemap.analytics.frame_build import frame_and_base  # it imports this module

    base = read_store_base(store, _newest_base(folder) if folder is not None else None)
    frame, base = frame_and_base(base)
    if folder is not None:
        _write_cache(folder, key, frame, base)
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
    """The frame of the store, read whole: one row a job. `today` is the date "open" is judged at; by
    default the store's newest fetch (analytics/freshness.py), so a cached frame stays true until the store
    changes."""
    from rolemap.analytics.frame_build import frame_of  # it imports this module

    return frame_of(read_store_base(store), today)


def read_store_base(store: Store, previous: Base | None = None) -> Base:
    """The store's base (frame_base.py): `previous` brought up to date when the change since it is a set
    of postings touched, else the store read whole. One snapshot."""
    try:
        with store.read() as conn, conn.begin():
            base = update_base(conn, previous, _SOURCES) if previous is not None else None
            return base if base is not None else fetch_base(conn, _SOURCES)
    except Exception as e:  # the store's driver errors, named for the user
        raise StoreError(f"{store.describe()}: cannot read postings for the market view ({e})") from e


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
                for part in ("row", "code", "required", "asked")
                if (place / f"{name}.{part}.npy").exists()
            }
            pairs[name] = Pairs(
                arrays["row"], arrays["code"], vocab[name], arrays.get("required"), arrays.get("asked")
            )
        return MarketFrame(table, pairs, json.loads((place / "totals.json").read_text()))
    except (OSError, ValueError, KeyError, pa.ArrowException):
        return None  # no cache, an old one or a damaged one: build anew


def _newest_base(folder: Path) -> Base | None:
    """The base cached with the newest state in `folder`: what a change is read against."""
    try:
        states = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".draft-")]
        states.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None  # no cache yet, or another process is replacing it
    for state in states:
        base = read_base(state / "base")
        if base is not None:
            return base
    return None


def _write_cache(folder: Path, key: dict[str, object], frame: MarketFrame, base: Base | None = None) -> None:
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
        if base is not None:
            write_base(draft / "base", base)
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
        if p.asked is not None:
            np.save(folder / f"{name}.asked.npy", p.asked, allow_pickle=False)
    (folder / "vocab.json").write_text(json.dumps({n: p.vocab for n, p in frame.pairs.items()}))
    (folder / "totals.json").write_text(json.dumps(frame.totals))
    (folder / "key.json").write_text(json.dumps(key))
