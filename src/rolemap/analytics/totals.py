"""One vocabulary of totals, defined once and named the same in `info`, `summary`, the role page (CLI, web,
JSON, report):

- **stored**: every posting in the store;
- **exact copies**: postings with the same content as an earlier one, from any source (`duplicate_of`);
- **unique**: stored minus exact copies;
- **near-duplicates**: unique postings that repeat another with small edits, once `rolemap near-dups
  --apply` grouped them (`near_duplicate_of`);
- **counted**: unique minus near-duplicates: what every market figure counts, each a job once.

So "3,197 stored, 2,908 unique (289 exact copies set aside), 2,471 counted (437 near-duplicates set aside)"
always adds up. A lane then counts its share of the counted postings.
"""

from __future__ import annotations

from typing import Any

# Plain SQL, so the market frame (any driver's cursor) and `rolemap info` (sqlite3 alone) read it alike.
TOTALS_SQL = (
    "SELECT count(*), "
    "coalesce(sum(CASE WHEN duplicate_of IS NOT NULL THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN duplicate_of IS NULL AND near_duplicate_of IS NOT NULL THEN 1 ELSE 0 END), 0) "
    "FROM postings"
)


def totals_of(row: tuple[Any, ...]) -> dict[str, int]:
    """The row of TOTALS_SQL as the named totals."""
    stored, copies, near = (int(v or 0) for v in row) if row else (0, 0, 0)
    unique = stored - copies
    return {
        "stored": stored, "exact_copies": copies, "unique": unique, "near_duplicates": near,
        "counted": unique - near,
    }  # fmt: skip


def totals_line(totals: dict[str, int]) -> str:
    """ "3,197 stored, 2,908 unique (289 exact copies set aside), 2,471 counted (437 near-duplicates set
    aside)"; "" when the totals are not known (a Parquet dataset has no store)."""
    if not totals:
        return ""
    return (
        f"{totals['stored']:,} stored, {totals['unique']:,} unique ({totals['exact_copies']:,} exact copies "
        f"set aside), {totals['counted']:,} counted ({totals['near_duplicates']:,} near-duplicates set aside)"
    )
