"""The market frame's base: every stored posting the frame is made from, with its value pairs, as the store
holds them (exact copies and near-duplicates still in, reposts not folded, freshness not judged). It is
cached with the frame (frame.py), so that a store change is read as the postings it touched instead of the
whole store, and the frame made again from the merged base gives what a whole read gives.

What a change touched, and how it is found:
- a posting stored or stored again: the repository stamps `last_seen` with the ingest's time, newer than the
  base's newest, or equal to it when a later batch of the same ingest wrote it (the count of postings at that
  time then grew, and every posting at it is read again);
- a posting closed: `closed_at` at or after the base's newest close;
- a posting whose corrections were set or cleared: the corrections table (a user's own labels, small) is
  compared whole with the base's copy of it;
- exact copies and near-duplicate groups, which change rows with no time stamp (`settle_duplicates`,
  `near-dups --apply`): every posting's two marks are read again (one scan of `postings`).

Anything else is not read as a delta (`update_base` returns None, the caller reads the store whole): no base,
another format, schema revision or kind of pairs, postings removed, a newest fetch time moved back (a clock
set back), or a change touching most of the store (a whole read is then as fast). Rows are in code point
order of their ids (SQLite's own; PostgreSQL is asked for it with COLLATE "C"), so new ones merge in place.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather

from rolemap.analytics.reposts import company_fold
from rolemap.store.db import HEAD_REVISION

BASE_FORMAT = "2"  # bump when the files below change shape
# Text columns with few values are kept as dictionaries (small files, cheap to reorder); ids and titles as text.
_CODED = pa.dictionary(pa.int32(), pa.string())
_SCHEMA = pa.schema(
    [("id", pa.string()), ("title", pa.string())]
    + [(name, _CODED) for name in ("company", "location", "source", "posted_at", "seniority", "primary_language",
                                   "work_model", "employment_type")]
    + [(name, pa.float64()) for name in ("years_min", "salary_min", "salary_max")]
    + [(name, _CODED) for name in ("salary_currency", "salary_period", "first_seen", "last_seen", "closed_at")]
    + [(name, pa.bool_()) for name in ("board", "duplicate", "near_duplicate", "salary_from_source")]
)  # fmt: skip
# _SCHEMA's columns in order. Times are the driver's text (SQLite) or the text of its datetime (PostgreSQL):
# the frame reads only their day, the same from either.
_ROWS_SQL = """
SELECT p.id, COALESCE(e.title, p.title), e.company, p.location, p.source, p.posted_at,
       e.seniority, e.primary_language, e.work_model, e.employment_type,
       e.years_min, e.salary_min, e.salary_max, e.salary_currency, e.salary_period,
       p.first_seen, p.last_seen, p.closed_at,
       p.board IS NOT NULL, p.duplicate_of IS NOT NULL, p.near_duplicate_of IS NOT NULL,
       CASE WHEN e.salary_min IS NULL AND e.salary_max IS NULL THEN FALSE ELSE {salary_from_source} END
FROM postings p LEFT JOIN extractions e ON e.posting_id = p.id
{where}
ORDER BY p.id{collate}
"""
_DIALECT = {  # a salary from the board's own fields: the record names its origin (extract/source_facts.py)
    "sqlite": {"salary_from_source": "json_extract(e.record, '$.source_facts.salary') IS NOT NULL",
               "collate": "", "time": ":at"},
    "postgresql": {"salary_from_source": "(e.record::jsonb -> 'source_facts' -> 'salary') IS NOT NULL",
                   "collate": ' COLLATE "C"', "time": "CAST(:at AS TIMESTAMP WITH TIME ZONE)"},
}  # fmt: skip
_MARKED_SQL = (
    "SELECT id, duplicate_of IS NOT NULL, near_duplicate_of IS NOT NULL FROM postings "
    "WHERE duplicate_of IS NOT NULL OR near_duplicate_of IS NOT NULL"
)
_CORRECTIONS_SQL = "SELECT posting_id, field, set_at FROM corrections"
_CHUNK = 500  # ids one query names: far below any driver's limit on parameters
_MOST, _FEW = (
    0.25,
    5000,
)  # a change touching more than this share of the store (and more than a few) is read whole


@dataclass(frozen=True)
class Sources:
    """Where the pairs are read. `skills_sql` gives (posting id, skill, then one column a flag named in
    `skill_flags`); `labels_sql` gives (posting id, field, value), kept for the fields in `label_fields`."""

    skills_sql: str
    skill_flags: tuple[str, ...]
    labels_sql: str
    label_fields: tuple[str, ...]

    def signature(self) -> list[Any]:
        return [self.skills_sql, list(self.skill_flags), self.labels_sql, list(self.label_fields)]


@dataclass(frozen=True)
class BasePairs:
    """One multi-valued field of every posting: base row[i] has vocab[code[i]], and the flags of the pair."""

    row: np.ndarray
    code: np.ndarray
    vocab: list[str]
    flags: dict[str, np.ndarray]


@dataclass(frozen=True)
class Base:
    table: pa.Table  # one row a stored posting, in id order, the columns of _SCHEMA
    pairs: dict[str, BasePairs]  # "skill" and each label field
    marks: dict[str, Any]  # the store state it was read at (`_marks_of`)
    # the repost series of the base's last frame (frame_build.py): each counted row's series' first row,
    # -1 for rows not counted; and after an update, the rows of the companies the change touched
    heads: np.ndarray | None = None
    dirty: np.ndarray | None = None

    @property
    def size(self) -> int:
        return self.table.num_rows

    def flags(self, column: str) -> np.ndarray:
        return np.asarray(self.table.column(column).to_numpy(zero_copy_only=False), bool)


def fetch_base(conn: Any, sources: Sources) -> Base:
    """The whole base, read in the caller's transaction (one snapshot). Python's cycle collector is paused
    meanwhile: the millions of row tuples hold no cycles, and it would walk them over and over."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        table = _rows_table(_fetch(conn, _rows_sql(conn.dialect.name, "")))
        ids = table.column("id").combine_chunks()
        pairs = _pairs_of(_fetch(conn, sources.skills_sql), _fetch(conn, sources.labels_sql), ids, sources)
        return Base(table, pairs, _marks_of(conn, sources))
    finally:
        if was_on:
            gc.enable()


def update_base(conn: Any, base: Base, sources: Sources) -> Base | None:
    """The base of the store now, from `base` and the postings changed since it was read, in the caller's
    transaction; None when the change is not a set of postings touched (the module's docstring)."""
    before, now = base.marks, _marks_of(conn, sources)
    if (
        any(before.get(k) != now[k] for k in ("format", "revision", "dialect", "sources"))
        or not before["newest"]
    ):
        return None
    changed = set(_ids_at(conn, "last_seen >", before["newest"]))
    at_newest = _count_at(conn, "last_seen =", before["newest"])
    expected = before["at_newest"] - _left_time(base.table, changed, before["newest"])
    if at_newest < expected:
        return None  # a posting's fetch time moved back, or postings were removed
    if at_newest > expected:  # a later batch of the ingest the base was read during: every posting of
        changed.update(_ids_at(conn, "last_seen =", before["newest"]))  # that time is read again
    if before["closed"]:
        changed.update(_ids_at(conn, "closed_at >=", before["closed"]))
    else:
        changed.update(_column(conn, "SELECT id FROM postings WHERE closed_at IS NOT NULL"))
    fixed = {tuple(c) for c in before["corrections"]} ^ {tuple(c) for c in now["corrections"]}
    changed.update(posting_id for posting_id, _, _ in fixed)
    if len(changed) > max(_MOST * now["count"], _FEW):
        return None
    if base.size + len(changed) < now["count"]:
        return None  # postings added with an older time than the base's newest (a clock set back)
    if changed:
        table, pairs, new_row = _merged(conn, base, sorted(changed), sources)
    else:
        table, pairs, new_row = base.table, base.pairs, np.arange(base.size)
    if table.num_rows != now["count"]:
        return None  # postings removed, or added with an older time than the base's newest
    table = _marked(table, _fetch(conn, _MARKED_SQL))
    if base.heads is None or "series_rule" not in before:
        return Base(table, pairs, now)
    heads, dirty = _carried(base, table, new_row)
    return Base(table, pairs, {**now, "series_rule": before["series_rule"]}, heads, dirty)


def _carried(old: Base, table: pa.Table, new_row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The old base's repost series on the new rows, and the rows of every company a change touched (its
    postings read again, in their old and new versions, or counted or set aside anew): their series are
    made anew."""
    assert old.heads is not None
    moved = new_row[: old.size]
    kept = np.flatnonzero(moved >= 0)
    heads = np.full(table.num_rows, -1, np.int64)
    was = np.asarray(old.heads, np.int64)[kept]
    heads[moved[kept]] = np.where(was >= 0, new_row[np.maximum(was, 0)], -1)
    counted_before = ~(old.flags("duplicate") | old.flags("near_duplicate"))[kept]
    new_flags = np.asarray(table.column("duplicate").to_numpy(zero_copy_only=False), bool) | np.asarray(
        table.column("near_duplicate").to_numpy(zero_copy_only=False), bool
    )
    flipped = moved[kept][counted_before == new_flags[moved[kept]]]
    touched = np.concatenate([new_row[old.size :], flipped])
    gone = np.flatnonzero(moved < 0)
    names = set(_company_names(table.column("company").take(touched).to_pylist()))
    names |= set(_company_names(old.table.column("company").take(gone).to_pylist()))
    company = table.column("company").combine_chunks()
    hit = np.array([n in names for n in _company_names(company.dictionary.to_pylist())] + [False], bool)
    return heads, hit[company.indices.fill_null(len(company.dictionary)).to_numpy(zero_copy_only=False)]


def _company_names(companies: list[str | None]) -> list[str]:
    """Companies as the repost grouping compares them (analytics/reposts.py: spacing, case and "The" folded)."""
    return [company_fold(c) for c in companies]


def _merged(
    conn: Any, base: Base, wanted: list[str], sources: Sources
) -> tuple[pa.Table, dict[str, BasePairs], np.ndarray]:
    """The base with the postings `wanted` read again: rows, pairs, and for each old row then each row
    read its row in the result (-1: replaced)."""
    delta = _rows_table(_chunked(conn, _rows_sql(conn.dialect.name, "WHERE p.id IN ({ids})"), wanted))
    table, new_row = _merged_rows(base.table, delta)
    skills = _chunked(conn, sources.skills_sql + " WHERE posting_id IN ({ids})", wanted)
    labels = _chunked(conn, sources.labels_sql + " WHERE posting_id IN ({ids})", wanted)
    fresh = _pairs_of(skills, labels, delta.column("id").combine_chunks(), sources)
    pairs = {name: _merged_pairs(base.pairs[name], fresh[name], new_row, base.size) for name in base.pairs}
    return table, pairs, new_row


def _left_time(table: pa.Table, changed: set[str], newest: str) -> int:
    """How many postings at the base's newest fetch time are among those fetched since (`changed`)."""
    if not changed:
        return 0
    moved = pc.is_in(table.column("id"), value_set=pa.array(sorted(changed), pa.string()))
    return int(pc.sum(pc.and_(moved, pc.equal(table.column("last_seen"), newest))).as_py() or 0)


def read_base(folder: Path) -> Base | None:
    """The base cached in `folder` (memory-mapped), None when there is none or it cannot be read."""
    try:
        marks = json.loads((folder / "marks.json").read_text())
        vocab = json.loads((folder / "vocab.json").read_text())
        table = feather.read_table(folder / "rows.arrow", memory_map=True)
        pairs = {}
        for name, flags in marks["pair_flags"].items():
            arrays = {
                part: np.load(folder / f"{name}.{part}.npy", mmap_mode="r", allow_pickle=False)
                for part in ("row", "code", *flags)
            }
            pairs[name] = BasePairs(
                arrays.pop("row"), arrays.pop("code"), vocab[name], {f: arrays[f] for f in flags}
            )
        if table.schema != _SCHEMA:
            return None
        heads = np.load(folder / "heads.npy", allow_pickle=False) if (folder / "heads.npy").exists() else None
        return Base(
            table, pairs, marks, heads if heads is not None and len(heads) == table.num_rows else None
        )
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        return None


def write_base(folder: Path, base: Base) -> None:
    """The base's files in `folder` (a draft the caller renames into place)."""
    folder.mkdir()
    feather.write_feather(base.table, folder / "rows.arrow", compression="uncompressed")
    for name, p in base.pairs.items():
        for part, array in (("row", p.row), ("code", p.code), *p.flags.items()):
            np.save(folder / f"{name}.{part}.npy", np.ascontiguousarray(array), allow_pickle=False)
    if base.heads is not None:
        np.save(folder / "heads.npy", np.ascontiguousarray(base.heads), allow_pickle=False)
    (folder / "vocab.json").write_text(json.dumps({n: p.vocab for n, p in base.pairs.items()}))
    pair_flags = {n: list(p.flags) for n, p in base.pairs.items()}
    (folder / "marks.json").write_text(json.dumps({**base.marks, "pair_flags": pair_flags}))


def _rows_sql(dialect: str, where: str) -> str:
    words = _DIALECT[dialect]
    return _ROWS_SQL.format(
        salary_from_source=words["salary_from_source"], collate=words["collate"], where=where
    )


def _rows_table(rows: list[tuple[Any, ...]]) -> pa.Table:
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [() for _ in _SCHEMA]
    arrays = []
    for f, values in zip(_SCHEMA, columns, strict=True):
        if pa.types.is_boolean(f.type):
            arrays.append(pa.array(np.array([bool(v) for v in values], bool)))
        elif f.name in ("first_seen", "last_seen", "closed_at"):
            arrays.append(pa.array([_text(v) for v in values], pa.string()).dictionary_encode())
        elif f.type == _CODED:
            arrays.append(pa.array(values, pa.string()).dictionary_encode())
        else:
            arrays.append(pa.array(values, f.type))
    return pa.Table.from_arrays(arrays, schema=_SCHEMA)


def _pairs_of(
    skills: list[tuple[Any, ...]], labels: list[tuple[Any, ...]], ids: pa.Array, sources: Sources
) -> dict[str, BasePairs]:
    """The pairs of the postings `ids` (rows of the table they are in); pairs of other postings dropped."""
    skill_columns: list[Any] = (
        list(zip(*skills, strict=True)) if skills else [() for _ in range(2 + len(sources.skill_flags))]
    )
    out = {
        "skill": _encoded(
            ids,
            skill_columns[0],
            skill_columns[1],
            dict(zip(sources.skill_flags, skill_columns[2:], strict=True)),
        )
    }
    label_columns: list[Any] = list(zip(*labels, strict=True)) if labels else [(), (), ()]
    pids, fields, values = (pa.array(c, pa.string()) for c in label_columns)
    for name in sources.label_fields:
        chosen = pc.equal(fields, name)
        out[name] = _encoded(ids, pids.filter(chosen), values.filter(chosen), {})
    return out  # fmt: skip


def _encoded(ids: pa.Array, pids: Any, values: Any, flags: dict[str, Any]) -> BasePairs:
    """Rows found by id in C (pyarrow's index_in)."""
    rows = pc.index_in(pa.array(pids, pa.string()), value_set=ids)
    keep = rows.is_valid().to_numpy(zero_copy_only=False)
    encoded = pa.array(values, pa.string()).dictionary_encode()
    return BasePairs(
        rows.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int32)[keep],
        encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)[keep],
        encoded.dictionary.to_pylist(),
        {name: np.array([bool(v) for v in column], bool)[keep] for name, column in flags.items()},
    )


def _merged_rows(old: pa.Table, delta: pa.Table) -> tuple[pa.Table, np.ndarray]:
    """`old` with the rows of `delta` in place of its rows of the same id, new ids merged in id order; and
    for each row of old then delta, its row in the result (-1: replaced)."""
    n, m = old.num_rows, delta.num_rows
    replaced = pc.is_in(old.column("id"), value_set=delta.column("id").combine_chunks())
    keep = np.concatenate([~np.asarray(replaced.to_numpy(zero_copy_only=False), bool), np.ones(m, bool)])
    both = pa.concat_tables([old, delta])
    chosen = np.flatnonzero(keep)
    order = chosen[pc.sort_indices(both.column("id").take(chosen)).to_numpy()]
    new_row = np.full(n + m, -1, np.int64)
    new_row[order] = np.arange(order.size)
    return both.take(order).combine_chunks(), new_row


def _merged_pairs(old: BasePairs, fresh: BasePairs, new_row: np.ndarray, n: int) -> BasePairs:
    """The pairs of postings kept from `old` and all of `fresh` (rows of the delta), on the merged rows; the
    vocabulary keeps only values some pair has."""
    index = {v: i for i, v in enumerate(old.vocab)}
    vocab = list(old.vocab) + [v for v in fresh.vocab if v not in index]
    index.update((v, i) for i, v in enumerate(vocab))
    to_merged = np.array([index[v] for v in fresh.vocab], np.int32)
    row = np.concatenate([new_row[old.row], new_row[n + np.asarray(fresh.row, np.int64)]])
    code = np.concatenate([old.code, to_merged[fresh.code]]).astype(np.int32)
    flags = {name: np.concatenate([old.flags[name], fresh.flags[name]]) for name in old.flags}
    keep = row >= 0
    used = np.flatnonzero(np.bincount(code[keep], minlength=len(vocab)))
    recode = np.full(len(vocab), -1, np.int32)
    recode[used] = np.arange(used.size, dtype=np.int32)
    return BasePairs(
        row[keep].astype(np.int32),
        recode[code[keep]],
        [vocab[i] for i in used],
        {name: values[keep] for name, values in flags.items()},
    )


def _marked(table: pa.Table, marked: list[tuple[Any, ...]]) -> pa.Table:
    """The table with every posting's copy and near-duplicate marks as `marked` (the marked ids) says."""
    ids = table.column("id")
    for position, name in ((1, "duplicate"), (2, "near_duplicate")):
        chosen = pa.array([r[0] for r in marked if r[position]], pa.string())
        flag = (
            pc.is_in(ids, value_set=chosen).combine_chunks()
            if len(chosen)
            else pa.array(np.zeros(len(ids), bool))
        )
        table = table.set_column(table.schema.get_field_index(name), name, flag)
    return table  # fmt: skip


def _marks_of(conn: Any, sources: Sources) -> dict[str, Any]:
    """What `update_base` compares: the newest fetch and close times (text, as the driver gives them), how
    many postings carry that newest fetch time, and every correction."""
    newest = _text(_column(conn, "SELECT max(last_seen) FROM postings")[0])
    return {
        "format": BASE_FORMAT,
        "revision": HEAD_REVISION,
        "dialect": conn.dialect.name,
        "sources": sources.signature(),
        "count": int(_column(conn, "SELECT count(*) FROM postings")[0] or 0),
        "newest": newest,
        "at_newest": _count_at(conn, "last_seen =", newest) if newest else 0,
        "closed": _text(_column(conn, "SELECT max(closed_at) FROM postings")[0]),
        "corrections": sorted([str(p), str(f), _text(t)] for p, f, t in _fetch(conn, _CORRECTIONS_SQL)),
    }


def _text(value: Any) -> str | None:
    return value if value is None or isinstance(value, str) else str(value)


def _fetch(conn: Any, sql: str) -> list[tuple[Any, ...]]:
    """All rows as plain tuples, through the driver's own cursor: millions of rows, no row objects."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _column(conn: Any, sql: str) -> list[Any]:
    return [row[0] for row in _fetch(conn, sql)]


def _timed(conn: Any, condition: str, select: str, at: str) -> list[Any]:
    from sqlalchemy import text

    sql = f"SELECT {select} FROM postings WHERE {condition} {_DIALECT[conn.dialect.name]['time']}"
    return [row[0] for row in conn.execute(text(sql), {"at": at})]


def _count_at(conn: Any, condition: str, at: str) -> int:
    return int(_timed(conn, condition, "count(*)", at)[0])


def _ids_at(conn: Any, condition: str, at: str) -> list[str]:
    return [str(i) for i in _timed(conn, condition, "id", at)]


def _chunked(conn: Any, sql: str, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The rows of `sql` (`{ids}` where the ids go) for `ids`, a chunk at a time, through the driver's own
    cursor (tens of thousands of rows: no row objects)."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    cursor = conn.connection.cursor()
    out: list[tuple[Any, ...]] = []
    try:
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            cursor.execute(sql.format(ids=", ".join([mark] * len(chunk))), chunk)
            out += cursor.fetchall()
    finally:
        cursor.close()
    return out
