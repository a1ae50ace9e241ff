"""One vocabulary of totals, defined once and named the same in `info`, `summary`, the role page (CLI, web,
JSON, report):

- **stored**: every posting in the store;
- **exact copies**: postings with the same content as an earlier one, from any source (`duplicate_of`);
- **unique**: stored minus exact copies;
- **near-duplicates**: unique postings that repeat another with small edits, once `rolemap near-dups
  --apply` grouped them (`near_duplicate_of`);
- **reposts folded**: the rest that repeat an earlier posting of the same company, role families, level and a
  similar title within a few months (analytics/reposts.py): one job, counted once;
- **counted**: unique minus near-duplicates and reposts folded: what every market figure counts, each a job
  once.

So "3,197 stored, 2,908 unique (289 exact copies set aside), 2,414 counted (437 near-duplicates and 57
reposts set aside)" always adds up. A lane then counts its share of the counted postings.
"""

from __future__ import annotations

from typing import Any

from rolemap.agreement import counted

# Plain SQL, so the market frame (any driver's cursor) and `rolemap info` (sqlite3 alone) read it alike.
TOTALS_SQL = (
    "SELECT count(*), "
    "coalesce(sum(CASE WHEN duplicate_of IS NOT NULL THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN duplicate_of IS NULL AND near_duplicate_of IS NOT NULL THEN 1 ELSE 0 END), 0) "
    "FROM postings"
)


def totals_of(row: tuple[Any, ...], reposts: int) -> dict[str, int]:
    """The row of TOTALS_SQL (or a dataset's same three counts) and the count of reposts folded as the
    named totals."""
    stored, copies, near = (int(v or 0) for v in row) if row else (0, 0, 0)
    unique = stored - copies
    totals = {"stored": stored, "exact_copies": copies, "unique": unique, "near_duplicates": near}
    return {**totals, "reposts": reposts, "counted": unique - near - reposts}


def read_totals(dbapi_connection: Any) -> dict[str, int]:
    """The store's totals through any DB-API connection (the standard sqlite3 module for `rolemap info`)."""
    from rolemap.analytics.reposts import count_reposts

    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(TOTALS_SQL)
        row = tuple(cursor.fetchone() or ())
    finally:
        cursor.close()
    return totals_of(row, count_reposts(dbapi_connection))


def totals_line(totals: dict[str, int]) -> str:
    """ "3,197 stored, 2,908 unique (289 exact copies set aside), 2,414 counted (437 near-duplicates and 57
    reposts set aside)"; "" when the totals are not known (a Parquet dataset has no store)."""
    if not totals:
        return ""
    near, reposts = counted(totals["near_duplicates"], "near-duplicate"), counted(totals["reposts"], "repost")
    copies = counted(totals["exact_copies"], "exact copy", "exact copies")
    return (
        f"{totals['stored']:,} stored, {totals['unique']:,} unique ({copies} set aside), "
        f"{totals['counted']:,} counted ({near} and {reposts} set aside)"
    )
