"""Words that agree in number with a count: "1 repost", "2 reposts", "0 reposts"; "1 posting counts",
"2 postings count". Every stage that prints a count with a noun uses these (analytics' totals and covers,
present, the CLI, the JD linter's messages), so none of them grows its own `"s" if n != 1`.

English only, as every message of rolemap is: a noun whose plural is not noun + "s" ("company",
"companies"; "exact copy", "exact copies") is given its plural by the caller."""

from __future__ import annotations


def agree(n: int, one: str, many: str) -> str:
    """`one` for exactly one, `many` for any other count (0 and fractions included: "0 postings")."""
    return one if n == 1 else many


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """The count with thousands separators and its noun in number: "1 posting", "2,914 postings";
    `plural` when it is not `noun` + "s"."""
    return f"{n:,} {agree(n, noun, plural if plural is not None else noun + 's')}"
