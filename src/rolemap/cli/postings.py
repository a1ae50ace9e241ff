"""`rolemap list`, `show`, `export`, `info` and `summary`: what the store holds."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rolemap.agreement import counted
from rolemap.cli.console import err, out
from rolemap.cli.options import (
    AsCsv,
    City,
    Company,
    Country,
    DbOption,
    Employment,
    Family,
    JsonOption,
    Language,
    Location,
    OpenOnly,
    Seniority,
    Since,
    Skill,
    Source,
    SystemType,
    Until,
    WorkModel,
    existing_db,
    lane_filters,
    lane_of,
)
from rolemap.errors import InputError

if TYPE_CHECKING:
    from rich.table import Table

postings_app = typer.Typer()


@postings_app.command("list")
def list_command(
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="How many postings, newest first.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    language: Language = None, seniority: Seniority = None, system_type: SystemType = None,
    work_model: WorkModel = None, employment_type: Employment = None, skill: Skill = None, company: Company = None,
    location: Location = None, source: Source = None, family: Family = None, country: Country = None, city: City = None, since: Since = None, until: Until = None, open_only: OpenOnly = False,
    db: DbOption = None, as_json: JsonOption = False, as_csv: AsCsv = False,
) -> None:  # fmt: skip
    """The postings of a lane, newest first, with the guide's five columns.

    Title, language, level, system type and the requirements a posting shares with at least 30% of the
    lane (asked skills only: a skill the posting only names as the company's stack is none), plus id, company, work model and the day posted; copies, near-duplicates and a company's reposts
    of one role count once. Narrower than 140 columns, one record a posting. Below the list, what it
    covers: "412 postings from 2013-08 to 2018-04" (--json: "covers"); --csv gives the rows alone. It lists
    every role's postings unless --family narrows them (the role page, `market`, opens on backend roles:
    `rolemap list --family backend` lists the postings it counts).

    Example: rolemap list --skill kubernetes --work-model remote --csv > lane.csv
    """
    from rolemap.analytics import market as market_lib
    from rolemap.analytics.covers import lane_covers
    from rolemap.cli.market import market_frame
    from rolemap.present import listing_view as view

    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    lane = lane_of(**lane_filters(locals()))
    frame = market_frame(db)
    rows, total = market_lib.tracker(frame, lane, offset + limit)
    rows = rows[offset:]
    if as_csv:
        print(view.lane_csv(rows), end="")
        return
    covers = lane_covers(frame, lane)
    if as_json:
        data = {
            "lane": lane.describe(),
            "postings": total,
            "covers": covers,
            "offset": offset,
            "rows": [r.__dict__ for r in rows],
        }
        print(json.dumps(data, default=str, indent=1))
    else:
        out().print(view.lane_listing(_headed(rows, db), total, offset, out().width, covers))


def _headed(rows: list[Any], db: str | None) -> list[Any]:
    """On the terminal, a posting without a title (an HN comment) shows the words it opens with instead
    ("Lyft | San Francisco | ONSITE"): what a reader would call its title."""
    untitled = [r.id for r in rows if not r.title][:500]
    if not untitled:
        return rows
    import textwrap

    from rolemap.store.db import open_store
    from rolemap.store.repository import snippets

    heads = snippets(open_store(existing_db(db)), untitled, chars=160)
    return [
        r
        if r.title
        else dataclasses.replace(r, title=textwrap.shorten(heads.get(r.id, ""), 70, placeholder=" …"))
        for r in rows
    ]


@postings_app.command("show")
def show_command(
    posting_id: Annotated[str, typer.Argument(metavar="ID")], db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Show one posting: its fields, its source fields and its extraction record.

    Example: rolemap show hn-16493838 --json
    """
    from rich.text import Text

    from rolemap.extract.corrections import user_mark
    from rolemap.store.db import open_store
    from rolemap.store.repository import get_posting

    row = get_posting(open_store(existing_db(db)), posting_id)
    if row is None:
        raise InputError(f"no posting with id {posting_id!r}; `rolemap list` shows the ids")
    if as_json:
        out().print_json(json.dumps(row, default=str))
        return
    for key in (
        "id",
        "title",
        "company",
        "location",
        "url",
        "posted_at",
        "source",
        "board",
        "first_seen",
        "last_seen",
        "closed_at",
        "duplicate_of",
    ):
        if row.get(key):  # the value as text: a title holding "[/bold]" is a posting's words, not markup
            out().print(Text.assemble((key, "bold"), f": {row[key]}"), highlight=False)
    if row.get("source_fields"):
        fields = json.dumps(row["source_fields"], default=str)
        out().print(Text.assemble(("source fields", "bold"), f": {fields}"), highlight=False)
    record = row.get("extraction") or {}
    out().print("[bold]extraction[/]:")
    for key, value in record.items():
        mark = user_mark(record, key)  # your own label (rolemap label)
        if key not in ("id", "evidence", "extracted") and (value not in (None, [], {}) or mark):
            mine = f"  (set by you; the extractor read {json.dumps(mark.get('was'))})" if mark else ""
            out().print(f"  {key}: {json.dumps(value)}{mine}", markup=False, highlight=False)
    out().print("[bold]text[/]:")
    out().print(row.get("text", ""), markup=False, highlight=False)


@postings_app.command("export")
def export_command(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[
        str, typer.Option("-o", "--output", help="File to write; '-' for stdout (not parquet).")
    ] = "-",
) -> None:
    """Export every stored posting with its extraction record.

    Example: rolemap export --format parquet -o postings.parquet
    """
    from rolemap.present.export import export, export_format
    from rolemap.store.db import open_store
    from rolemap.store.repository import iter_postings

    export_format(fmt)
    rows = iter_postings(open_store(existing_db(db)))
    target: Path | Any = sys.stdout if output == "-" else Path(output)
    try:
        n = export(rows, fmt, target)
    except OSError as e:
        if output == "-":
            raise
        raise InputError(f"{output}: cannot write the export ({e.strerror or e})") from None
    err().print(f"exported {counted(n, 'posting')}", highlight=False)


@postings_app.command("info")
def info_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Where the store is, its schema version and how many postings it holds.

    Example: rolemap info --json
    """
    from rolemap import __version__
    from rolemap.store.db import default_db_path, sqlite_summary

    found = sqlite_summary(existing_db(db))  # a current SQLite file: read without importing SQLAlchemy
    if found is None:
        from rolemap.store.db import info_counts, open_store, schema_revision
        from rolemap.store.repository import store_totals

        store = open_store(db)
        found = {"db": store.describe(), "schema": schema_revision(store), **info_counts(store_totals(store))}
    info = {"version": __version__, **found, "default_db": str(default_db_path())}
    if as_json:
        out().print_json(json.dumps(info))
        return
    for key, value in info.items():
        out().print(f"{key:>15}: {value}", highlight=False)


@postings_app.command("summary")
def summary_command(
    db: DbOption = None,
    top: Annotated[int, typer.Option(min=1, max=100, help="How many languages and skills to list.")] = 10,
    as_json: JsonOption = False,
) -> None:
    """A first market summary: postings, levels, top languages and skills, stated pay.

    Example: rolemap ingest --sample && rolemap summary --top 5
    """
    from rolemap.analytics import market_summary
    from rolemap.analytics.freshness import coverage_line
    from rolemap.analytics.stats import MIN_FOR_HEADLINE
    from rolemap.analytics.totals import totals_line
    from rolemap.store.db import open_store

    s = market_summary(open_store(existing_db(db)), top=top)
    if as_json:
        out().print_json(json.dumps(dataclasses.asdict(s)))
        return
    if not s.postings:
        out().print(
            "The store holds no postings yet: run `rolemap ingest --sample` or `rolemap ingest FILE`."
        )
        return
    out().print(
        f"[bold]{s.postings:,}[/] unique postings from [bold]{s.companies:,}[/] companies; "
        f"{coverage_line(s.coverage)}\n{totals_line(s.totals)}; the market commands count the "
        f"{s.totals.get('counted', 0):,}",
        highlight=False,
    )
    # the shares are of every unique posting, so the ones that state no level are a row too: without it
    # "senior 9%" reads as a share of the levelled postings (the market's senior share is 76%)
    stated = sum(s.levels.values())
    out().print(_share_table("level", [*s.levels.items(), ("not stated", s.postings - stated)], s))
    out().print(_share_table("language", s.top_languages, s))
    out().print(_share_table("skill", s.top_skills, s))
    if not s.salaries:
        out().print("No posting states its pay.")
    shown = [f for f in s.salaries if f.median is not None][:3]
    for f in shown:
        out().print(
            f"pay ({f.currency} per {f.period}: {f.count:,} of the {s.postings:,} unique postings state it; the "
            f"market commands count {s.totals.get('counted', 0):,}, each job once): median {f.median:,.0f}, "
            f"middle half {f.p25:,.0f}–{f.p75:,.0f}"
            + (f"; {f.left_out:,} implausible once yearly, left out" if f.left_out else ""),
            highlight=False,
        )
    rest = sum(f.count + f.left_out for f in s.salaries if f not in shown)
    if rest:
        out().print(
            f"{counted(rest, 'more salary', 'more salaries')} in other currencies or periods, or too few in theirs "
            f"for a median (at least {MIN_FOR_HEADLINE}): `rolemap pay` puts every salary on one yearly scale.",
            highlight=False,
        )


def _share_table(name: str, rows: list[tuple[str, int]], s: Any) -> Table:
    from rich.table import Table

    table = Table(name, "postings", "share")
    for key, count in rows:
        table.add_row(key, f"{count:,}", f"{s.share(count):.0%}")
    return table
