"""Small market frames written by hand, so every statistic can be checked against arithmetic."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pyarrow as pa

from rolemap.analytics.frame import MULTI, MarketFrame, Pairs


def make_frame(rows: list[dict[str, Any]]) -> MarketFrame:
    def col(name: str) -> list[Any]:
        return [r.get(name) for r in rows]

    def cat(name: str) -> pa.DictionaryArray:
        return pa.array(col(name), pa.string()).dictionary_encode()

    table = pa.table(
        {
            "id": pa.array([r.get("id", f"p{i}") for i, r in enumerate(rows)], pa.string()),
            "title": pa.array([r.get("title", "") for r in rows], pa.string()),
            "company": cat("company"),
            "location": cat("location"),
            "source": cat("source"),
            "posted": pa.array(
                [dt.date.fromisoformat(r["posted"]) if r.get("posted") else None for r in rows], pa.date32()
            ),
            "is_open": pa.array([r.get("open", True) for r in rows], pa.bool_()),
            # open for the month it was posted (the Hacker News rule) unless a row says otherwise
            "open_from": pa.array([_date(r.get("open_from", r.get("posted"))) for r in rows], pa.date32()),
            "open_until": pa.array(
                [_date(r.get("open_until")) or _month_end(r.get("posted")) for r in rows], pa.date32()
            ),
            "reposts": pa.array([r.get("reposts", 0) for r in rows], pa.int32()),
            "seniority": cat("seniority"),
            "primary_language": cat("primary_language"),
            "work_model": cat("work_model"),
            "employment_type": cat("employment_type"),
            "years_min": pa.array(col("years_min"), pa.float64()),
            "salary_min": pa.array(col("salary_min"), pa.float64()),
            "salary_max": pa.array(col("salary_max"), pa.float64()),
            "salary_currency": cat("salary_currency"),
            "salary_period": cat("salary_period"),
            "salary_from_source": pa.array([bool(r.get("salary_from_source")) for r in rows], pa.bool_()),
        }
    )
    if any("posting" in r for r in rows):  # the roles of one posting: rows next to one another, one index
        table = table.append_column(
            "posting", pa.array([r.get("posting", i) for i, r in enumerate(rows)], pa.int64())
        )
    pairs = {}
    for field in MULTI:
        items: list[tuple[int, str, bool, bool]] = []  # row, value, required, asked
        for i, r in enumerate(rows):
            for value in r.get(field, []):
                # a skill is "id", ("id", required) or ("id", required, asked)
                name, required, asked, *_ = (
                    (*value, True) if isinstance(value, tuple) else (value, True, True)
                )
                items.append((i, name, required, asked))
        vocab = sorted({name for _, name, _, _ in items})
        pairs[field] = Pairs(
            np.array([i for i, *_ in items], np.int32),
            np.array([vocab.index(n) for _, n, _, _ in items], np.int32),
            vocab,
            np.array([req for _, _, req, _ in items], bool) if field == "skill" else None,
            np.array([asked for *_, asked in items], bool) if field == "skill" else None,
        )
    return MarketFrame(table, pairs)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _month_end(posted: str | None) -> dt.date | None:
    from rolemap.analytics.freshness import month_end

    return month_end(dt.date.fromisoformat(posted), 1) if posted else None
