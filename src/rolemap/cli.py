"""The rolemap command line: a thin client of the library. Each command parses its arguments, calls one
library function and formats the result; errors become one line on stderr and exit code 1."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from rolemap import __version__
from rolemap.analytics import market_summary
from rolemap.cli_jd import jd_app
from rolemap.cli_market import market_app
from rolemap.cli_resume import resume_app, seeker_app
from rolemap.cli_web import web_app
from rolemap.cluster.engine import check_engine
from rolemap.errors import InputError, PostingError, RolemapError
from rolemap.models import Posting
from rolemap.pipeline import IngestReport, ingest
from rolemap.present.progress import progress_bar
from rolemap.store.db import ENV_VAR, default_db_path, open_store, schema_revision
from rolemap.store.repository import count_postings, get_posting, iter_postings, list_postings

app = typer.Typer(
    name="rolemap",
    help="Turn real job postings into a clear map of the backend job market.\n\n"
    "Start with: rolemap ingest --sample && rolemap summary",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
taxonomy_app = typer.Typer(help="Inspect and validate the skills taxonomy.", no_args_is_help=True)
app.add_typer(taxonomy_app, name="taxonomy")
app.registered_commands.extend(market_app.registered_commands)  # market, pay, profile, tracker, trends…
app.add_typer(jd_app, name="jd")
app.add_typer(resume_app, name="resume")
app.registered_commands.extend(seeker_app.registered_commands)  # match, watch
app.registered_commands.extend(web_app.registered_commands)  # serve

out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=f"Database URL or SQLite file path (default: ${ENV_VAR}, else {default_db_path()}).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
MAX_ERRORS_SHOWN = 20

EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        help="local: this process; dask: a Dask cluster (--scheduler, else one worker process per core).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask).",
        show_default=False,
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Workers of the local Dask cluster (default: one per core).",
        show_default=False,
    ),
]


def _error_printer() -> Any:
    shown = 0

    def show(message: str) -> None:
        nonlocal shown
        shown += 1
        if shown <= MAX_ERRORS_SHOWN:
            err.print(f"[yellow]skipped[/] {message}", markup=True, highlight=False, soft_wrap=True)

    return show


def _run_ingest(
    db: str | None, items: Iterator[Posting | PostingError], total: int | None, what: str
) -> None:
    store = open_store(db)
    show = _error_printer()
    with progress_bar(err, f"ingesting {what}", total) as bar:
        report = ingest(store, items, on_progress=lambda n: bar.advance(bar.task_ids[0], n), on_error=show)
    _finish(report)


def _finish(report: IngestReport) -> None:
    if report.failed > MAX_ERRORS_SHOWN:
        err.print(f"… and {report.failed - MAX_ERRORS_SHOWN} more skipped postings", highlight=False)
    err.print(report.summary(), highlight=False)
    if report.failed:
        raise typer.Exit(1)


def _parse_map(value: str | None) -> dict[str, str]:
    if not value:
        return {}
    mapping = {}
    for pair in value.split(","):
        target, sep, source = pair.partition("=")
        if not sep or not target.strip() or not source.strip():
            raise InputError(
                f"--map {value!r}: write it as field=column pairs, e.g. title=jobtitle,description=body"
            )
        mapping[target.strip()] = source.strip()
    return mapping


@app.command("ingest")
def ingest_command(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(help="Files to read: .jsonl .csv .json .html .txt .md (.gz ok).", show_default=False),
    ] = None,
    db: DbOption = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Load the bundled sample of real HN postings.")
    ] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Read every SOURCE as this format: "
            "jsonl, csv, json, html or text (default: from the file name).",
        ),
    ] = None,
    column_map: Annotated[
        str | None,
        typer.Option(
            "--map", help="CSV columns to rename, e.g. title=jobtitle,description=jobdescription,id=job_id."
        ),
    ] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of the files.")] = "utf-8",
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Load postings from files into the store, extracting every field. Re-ingesting updates, never duplicates.

    A bad posting is reported and skipped; the exit code is 1 when any was skipped.

    Parquet made by `rolemap extract … -o FOLDER/` (name the files or the FOLDER) is loaded as it is, one
    shard a unit of work; --engine dask loads the shards in parallel into PostgreSQL, and a re-run after a
    crash loses and duplicates nothing. Example:
    rolemap ingest --engine dask --db postgresql://rolemap@db/market records/"""
    from rolemap.sources import read_file, sample_postings
    from rolemap.sources.files import check_readable, count_lines

    paths = list(sources or [])
    if not paths and not sample:
        raise InputError("name at least one SOURCE file, or pass --sample")
    if paths and all(_is_dataset(p) for p in paths) and not sample:
        _load_dataset(db, paths, check_engine(engine), scheduler, workers)
        return
    if engine != "local" or scheduler:
        raise InputError(
            "--engine dask loads extraction shards (Parquet): make them first with "
            "rolemap extract --engine dask SHARDS… -o FOLDER/, then ingest FOLDER/"
        )
    mapping = _parse_map(column_map)
    for path in paths:
        check_readable(path)

    def items() -> Iterator[Posting | PostingError]:
        if sample:
            yield from sample_postings()
        for path in paths:
            yield from read_file(path, fmt, mapping, encoding)

    from rolemap.sources import SAMPLE_PATH

    total = sum(count_lines(p) or 0 for p in ([SAMPLE_PATH] if sample else []) + paths) or None
    what = "the bundled sample" if sample and not paths else f"{len(paths) + sample} source(s)"
    _run_ingest(db, items(), total, what)


def _is_dataset(path: Path) -> bool:
    """Extraction output: a Parquet file, or a folder of them."""
    return path.suffix == ".parquet" or (path.is_dir() and any(path.glob("*.parquet")))


def _load_dataset(
    db: str | None, paths: list[Path], engine: Any, scheduler: str | None, workers: int | None
) -> None:
    from rolemap.cluster.engine import run_units
    from rolemap.cluster.load import LoadResult, dataset_files, load_shard, load_time
    from rolemap.store.repository import settle_duplicates

    files = dataset_files(paths)
    store = open_store(db)  # migrated here, once, before any unit opens it
    if engine == "dask" and store.is_sqlite:
        raise InputError(
            f"{store.describe()}: --engine dask loads into PostgreSQL (every worker writes at once; "
            "SQLite has one writer): pass --db postgresql://…, or use --engine local"
        )
    try:
        report = IngestReport()
        show = _error_printer()
        with progress_bar(err, f"loading {len(files)} shard(s) ({engine})", len(files)) as bar:

            def done(result: LoadResult) -> None:
                report.read += result.stored + result.updated + result.duplicates + result.skipped
                report.stored += result.stored
                report.updated += result.updated
                report.duplicates += result.duplicates
                bar.advance(bar.task_ids[0], 1)

            def shard_failed(args: tuple[Any, ...], why: str) -> None:
                report.failed += 1
                show(f"{args[1]}: not loaded, nothing of its failing batch was written ({why}); run again")
                bar.advance(bar.task_ids[0], 1)

            now = load_time()
            run_units(
                load_shard,
                [(store.url, str(f), now) for f in files],
                engine=engine,
                scheduler=scheduler,
                workers=workers,
                on_done=done,
                on_failed=shard_failed,
            )
        settled = settle_duplicates(store)
        if settled:
            err.print(
                f"exact copies across shards settled: {settled} postings now point at one copy",
                highlight=False,
            )
        _finish(report)
    finally:
        store.engine.dispose()


@app.command("fetch")
def fetch_command(
    targets: Annotated[
        list[str],
        typer.Argument(
            help="greenhouse:BOARD, lever:COMPANY, ashby:BOARD, hn:THREAD_ID or hn-algolia:THREAD_ID.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    rate: Annotated[float, typer.Option(help="Seconds to wait between two requests (politeness).")] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds before a request times out.")] = 20.0,
    retries: Annotated[
        int, typer.Option(help="Tries after the first for 429/5xx answers and time-outs.")
    ] = 3,
) -> None:
    """Fetch live postings from job-board APIs and store them. Postings gone from a board are marked closed."""
    import httpx

    from rolemap.sources import Fetcher, fetch, parse_target

    for target in targets:
        parse_target(target)
    fetcher = Fetcher(
        client=httpx.Client(timeout=timeout, follow_redirects=True), retries=retries, min_interval=rate
    )

    def items() -> Iterator[Posting | PostingError]:
        for target in targets:
            yield from fetch(target, fetcher)

    _run_ingest(db, items(), None, ", ".join(targets))


@app.command("extract")
def extract_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="JSON Lines postings (id, title, description); '-' for stdin. "
            "With -o FOLDER/: shards (.jsonl, .jsonl.gz, .parquet) or folders of them.",
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "-o",
            "--output",
            help="Where to write the records; '-' for stdout; FOLDER/ for Parquet, one file a shard.",
        ),
    ] = "-",
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Write the extraction record of every posting (../shared/spec/extraction.md), one line each, in order.

    Exit code 0 when every line was read, 1 when some were not (they get {"id", "error"} records).

    With -o FOLDER/ (or --engine dask) every shard becomes FOLDER/<shard>.parquet: the same records, byte
    for byte, whichever engine ran it. Example: rolemap extract --engine dask shards/ -o records/"""
    if output.endswith("/") or Path(output).is_dir() or engine != "local" or scheduler:
        _extract_to_parquet(inputs, Path(output), engine, scheduler, workers)
        return
    if len(inputs) != 1:
        raise InputError("give one INPUT for JSON Lines output, or -o FOLDER/ to write Parquet shards")
    _extract_to_jsonl(inputs[0], output)


def _extract_to_jsonl(input_path: str, output: str) -> None:
    from rolemap.extract.batch import extract_lines

    src = sys.stdin.buffer if input_path == "-" else _open_input(Path(input_path))
    dst = sys.stdout if output == "-" else _open_output(Path(output))
    try:
        with progress_bar(err, "extracting", None) as bar:
            failed = extract_lines(src, dst, on_progress=lambda n: bar.advance(bar.task_ids[0], n))
    finally:
        if dst is not sys.stdout:
            dst.close()
        if src is not sys.stdin.buffer:
            src.close()
    if failed:
        err.print(f"{failed} line(s) could not be read; see their error records", highlight=False)
        raise typer.Exit(1)


def _extract_to_parquet(
    inputs: list[str], out_dir: Path, engine: str, scheduler: str | None, workers: int | None
) -> None:
    from rolemap.cluster.engine import run_units
    from rolemap.cluster.shards import ShardResult, extract_shard, list_shards, prepare_output

    if "-" in inputs or str(out_dir) == "-":
        raise InputError("Parquet output reads files and writes a folder: name the shards and -o FOLDER/")
    shards = list_shards([Path(i) for i in inputs])
    prepare_output(out_dir)
    show = _error_printer()
    failed = postings = 0
    with progress_bar(err, f"extracting {len(shards)} shard(s) ({engine})", len(shards)) as bar:

        def done(result: ShardResult) -> None:
            nonlocal failed, postings
            postings += result.postings
            failed += result.failed
            for message in result.errors:
                show(message)
            bar.advance(bar.task_ids[0], 1)

        def shard_failed(args: tuple[Any, ...], why: str) -> None:
            nonlocal failed
            failed += 1
            show(f"{args[0]}: {why}")
            bar.advance(bar.task_ids[0], 1)

        run_units(
            extract_shard,
            [(str(s), str(out_dir)) for s in shards],
            engine=check_engine(engine),
            scheduler=scheduler,
            workers=workers,
            on_done=done,
            on_failed=shard_failed,
        )
    err.print(f"{postings} records in {out_dir}/, {failed} line(s) or shard(s) not read", highlight=False)
    if failed:
        raise typer.Exit(1)


def _open_input(path: Path) -> Any:
    from rolemap.sources.files import check_readable

    check_readable(path)
    return path.open("rb")


def _open_output(path: Path) -> Any:
    try:
        return path.open("w", encoding="utf-8")
    except OSError as e:
        raise InputError(f"{path}: cannot write ({e.strerror})") from None


@app.command("list")
def list_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=10000, help="How many postings.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    open_only: Annotated[bool, typer.Option("--open", help="Only postings not closed.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List stored postings, newest first, with their level, language and work model."""
    rows = list_postings(open_store(db), limit=limit, offset=offset, include_closed=not open_only)
    if as_json:
        out.print_json(json.dumps(rows, default=str))
        return
    table = Table("id", "title", "company", "posted", "level", "language", "work model")
    for r in rows:
        title = r["title"] or (r["source_fields"] or {}).get("header", "")
        table.add_row(
            r["id"],
            _cut(title, 50),
            _cut(r["company"] or "", 28),
            (r["posted_at"] or "")[:10],
            r["seniority"] or "",
            r["primary_language"] or "",
            r["work_model"] or "",
        )
    out.print(table)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command("show")
def show_command(
    posting_id: Annotated[str, typer.Argument(metavar="ID")], db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Show one posting: its fields, its source fields and its extraction record."""
    row = get_posting(open_store(db), posting_id)
    if row is None:
        raise InputError(f"no posting with id {posting_id!r}; `rolemap list` shows the ids")
    if as_json:
        out.print_json(json.dumps(row, default=str))
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
        if row.get(key):
            out.print(f"[bold]{key}[/]: {row[key]}", highlight=False)
    if row.get("source_fields"):
        out.print("[bold]source fields[/]:", json.dumps(row["source_fields"], default=str), highlight=False)
    record = row.get("extraction") or {}
    out.print("[bold]extraction[/]:")
    for key, value in record.items():
        if key not in ("id", "evidence") and value not in (None, [], {}):
            out.print(f"  {key}: {json.dumps(value)}", highlight=False)
    out.print("[bold]text[/]:")
    out.print(row.get("text", ""), markup=False, highlight=False)


@app.command("export")
def export_command(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[
        str, typer.Option("-o", "--output", help="File to write; '-' for stdout (not parquet).")
    ] = "-",
) -> None:
    """Export every stored posting with its extraction record."""
    from rolemap.present.export import export

    rows = iter_postings(open_store(db))
    target: Path | Any = sys.stdout if output == "-" else Path(output)
    n = export(rows, fmt, target)
    err.print(f"exported {n} postings", highlight=False)


@app.command("info")
def info_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Where the store is, its schema version and how many postings it holds."""
    store = open_store(db)
    info = {
        "version": __version__,
        "db": store.describe(),
        "schema": schema_revision(store),
        "postings": count_postings(store),
        "default_db": str(default_db_path()),
    }
    if as_json:
        out.print_json(json.dumps(info))
        return
    for key, value in info.items():
        out.print(f"{key:>10}: {value}", highlight=False)


@app.command("summary")
def summary_command(
    db: DbOption = None, top: Annotated[int, typer.Option(min=1, max=100)] = 10, as_json: JsonOption = False
) -> None:
    """A first market summary: postings, levels, top languages and skills, stated pay."""
    s = market_summary(open_store(db), top=top)
    if as_json:
        out.print_json(json.dumps(dataclasses.asdict(s)))
        return
    if not s.postings:
        out.print("The store holds no postings yet: run `rolemap ingest --sample` or `rolemap ingest FILE`.")
        return
    out.print(
        f"[bold]{s.postings:,}[/] postings ({s.open_postings:,} open) from [bold]{s.companies:,}[/] companies"
    )
    out.print(_share_table("level", list(s.levels.items()), s))
    out.print(_share_table("language", s.top_languages, s))
    out.print(_share_table("skill", s.top_skills, s))
    if not s.salaries:
        out.print("No posting states its pay.")
    for f in s.salaries[:3]:
        out.print(
            f"pay ({f.currency} per {f.period}, {f.count} postings that state it): median {f.median:,.0f}, "
            f"middle half {f.p25:,.0f}–{f.p75:,.0f}",
            highlight=False,
        )


def _share_table(name: str, rows: list[tuple[str, int]], s: Any) -> Table:
    table = Table(name, "postings", "share")
    for key, count in rows:
        table.add_row(key, f"{count:,}", f"{s.share(count):.0%}")
    return table


@taxonomy_app.command("check")
def taxonomy_check(
    path: Annotated[
        Path | None, typer.Argument(help="A skills.tsv to check (default: the bundled one).")
    ] = None,
) -> None:
    """Validate the skills taxonomy: columns, ids, categories, parents and alias clashes."""
    from importlib import resources

    from rolemap.extract.taxonomy import parse_taxonomy

    if path is None:
        text = resources.files("rolemap.extract").joinpath("data/skills.tsv").read_text(encoding="utf-8")
        where = "skills.tsv"
    else:
        from rolemap.sources.files import check_readable

        check_readable(path)
        text, where = path.read_text(encoding="utf-8"), str(path)
    entries = parse_taxonomy(text, where)
    by_category: dict[str, int] = {}
    for e in entries.values():
        by_category[e.category] = by_category.get(e.category, 0) + 1
    out.print(
        f"{where}: {len(entries)} skills, {sum(len(e.aliases) for e in entries.values())} aliases, all valid",
        highlight=False,
    )
    out.print(", ".join(f"{k} {v}" for k, v in sorted(by_category.items())), highlight=False)


def version_callback(value: bool) -> None:
    if value:
        out.print(f"rolemap {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn real job postings into a clear map of the backend job market."""


def main() -> None:
    try:
        app()
    except RolemapError as e:
        err.print(f"error: {e.message}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted; every batch stored so far is complete", highlight=False)
        sys.exit(130)
