"""Near-duplicate groups over a Parquet dataset of extraction shards, written beside it as
`_near_dups.parquet` (one row a posting that does not count: its id, the id that counts, the similarity).

The costly part, a MinHash signature per posting, was made by the (parallel) extraction. What is left is
locality-sensitive hashing done band by band: for one band at a time, each posting's band key is computed
from its stored signature, postings sharing a key become candidate pairs, and the band's keys are dropped
before the next. Memory is then the postings' ids and dates plus one band of keys (12 bytes a posting),
never the signatures of the whole dataset; candidates are checked against their signatures, read again
for those postings only, and joined into groups as in `analytics.near_dups`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from datasketch import MinHashLSH

from rolemap.analytics.near_dups import CANDIDATE_MARGIN, NUM_PERM, NearGroup, check_threshold, join_groups
from rolemap.cluster.load import dataset_files

NEAR_DUPS_FILE = "_near_dups.parquet"
BIG_BUCKET = 50  # postings sharing one band key beyond this are compared with the bucket's first only
_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class Counted:
    """The dataset's postings that count before near-duplicate grouping (one a fingerprint, the smallest
    id), in the order that chooses a group's representative: earliest posted first, then by id."""

    files: list[Path]
    ids: list[str]
    where: list[tuple[int, int]]  # (file, row) of each posting


def dataset_near_groups(folder: Path, threshold: float) -> tuple[list[NearGroup], int]:
    """Groups of near-duplicates among the dataset's postings (largest first) and how many postings."""
    check_threshold(threshold)
    counted = counted_postings(folder)
    lsh = MinHashLSH(threshold=max(0.05, threshold - CANDIDATE_MARGIN), num_perm=NUM_PERM)
    keys = band_keys(counted, lsh.b, lsh.r)
    candidates: set[tuple[int, int]] = set()
    for band in range(lsh.b):
        candidates.update(_same_key_pairs(keys[:, band]))
    del keys
    return join_groups(counted.ids, _checked(counted, candidates, threshold)), len(counted.ids)


def first_copies_sql(files: list[Path]) -> str:
    """SQL (DuckDB) for the shards' postings that count before near-duplicate grouping: rows with a record,
    one a fingerprint (the smallest id), each with the `filename` and `file_row_number` it came from."""
    listed = ", ".join(sql_string(str(f)) for f in files)
    return f"""SELECT * FROM read_parquet([{listed}], filename = true, file_row_number = true)
        WHERE error IS NULL
        QUALIFY row_number() OVER (PARTITION BY fingerprint ORDER BY id) = 1"""


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def counted_postings(folder: Path) -> Counted:
    import duckdb

    files = dataset_files([folder])
    place = {str(f): i for i, f in enumerate(files)}
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT id, filename, file_row_number FROM ({first_copies_sql(files)}) "
            "ORDER BY coalesce(posted_at, ''), id"
        ).fetchall()
    return Counted(files, [r[0] for r in rows], [(place[r[1]], r[2]) for r in rows])


def _signatures(
    counted: Counted, wanted: np.ndarray | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(posting indexes, their signatures as rows of NUM_PERM uint32), one file at a time."""
    by_file: dict[int, list[tuple[int, int]]] = {}
    for i, (f_index, row) in enumerate(counted.where):
        if wanted is None or wanted[i]:
            by_file.setdefault(f_index, []).append((row, i))
    for f_index, rows in by_file.items():
        column = pq.read_table(counted.files[f_index], columns=["minhash"]).column("minhash")
        taken = column.take(pa.array([r for r, _ in rows], pa.int64())).to_pylist()
        matrix = np.frombuffer(b"".join(taken), dtype="<u4").reshape(len(rows), NUM_PERM)
        yield np.array([i for _, i in rows], np.int64), matrix


def band_keys(counted: Counted, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per posting and band, equal when the band's signature values are: (postings × bands)."""
    keys = np.zeros((len(counted.ids), bands), np.uint64)
    for indexes, matrix in _signatures(counted):
        wide = matrix.astype(np.uint64)
        for band in range(bands):
            key = np.full(len(indexes), band, np.uint64)
            for column in range(band * rows, (band + 1) * rows):
                key = (key ^ wide[:, column]) * _MIX  # wraps around: a multiplicative hash
            keys[indexes, band] = key
    return keys


def _same_key_pairs(keys: np.ndarray) -> Iterator[tuple[int, int]]:
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    shared = ends - starts > 1
    for start, end in zip(starts[shared], ends[shared], strict=True):
        members = sorted(order[start:end].tolist())
        if len(members) > BIG_BUCKET:  # a band of boilerplate many postings share: a star, not all pairs
            yield from ((members[0], m) for m in members[1:])
            continue
        yield from ((a, b) for n, a in enumerate(members) for b in members[n + 1 :])


def _checked(
    counted: Counted, candidates: set[tuple[int, int]], threshold: float
) -> list[tuple[int, int, float]]:
    """The candidate pairs whose estimated similarity reaches the threshold."""
    wanted = np.zeros(len(counted.ids), bool)
    for a, b in candidates:
        wanted[a] = wanted[b] = True
    sigs: dict[int, np.ndarray] = {}
    for indexes, matrix in _signatures(counted, wanted):
        sigs.update(zip(indexes.tolist(), matrix, strict=True))
    out = []
    for a, b in sorted(candidates):
        estimate = float(np.count_nonzero(sigs[a] == sigs[b])) / NUM_PERM
        if estimate >= threshold:
            out.append((a, b, estimate))
    return out


def write_near_dups(folder: Path, groups: list[NearGroup]) -> Path:
    """`folder/_near_dups.parquet`: the postings that do not count, each with the one that does."""
    rows = [(member, g.ids[0], g.lowest) for g in groups for member in g.ids[1:]]
    table = pa.table(
        {
            "id": pa.array([r[0] for r in rows], pa.string()),
            "counted_as": pa.array([r[1] for r in rows], pa.string()),
            "group_lowest_similarity": pa.array([r[2] for r in rows], pa.float64()),
        }
    )
    target = folder / NEAR_DUPS_FILE
    draft = folder / f".{NEAR_DUPS_FILE}.draft"
    pq.write_table(table, draft)
    draft.replace(target)
    return target
