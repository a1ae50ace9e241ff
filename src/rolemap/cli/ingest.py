"""`rolemap ingest`, `fetch` and `extract`: postings in, from files, job boards or extraction shards."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rolemap.agreement import agree, counted
from rolemap.cli.console import err
from rolemap.cli.options import DbOption, EngineOption, SchedulerOption, WorkersOption
from rolemap.errors import InputError

if TYPE_CHECKING:
    from rolemap.errors import PostingError
    from rolemap.models import Posting
    from rolemap.pipeline import IngestReport

ingest_app = typer.Typer()
MAX_ERRORS_SHOWN = 20
MAX_SECONDS = 3600.0  # the largest --rate and --timeout
MAX_RETRIES = 10  # the back-off doubles: the tenth retry waits over eight minutes


def _error_printer() -> Any:
    shown = 0

    def show(message: str) -> None:
        nonlocal shown
        shown += 1
        if shown <= MAX_ERRORS_SHOWN:
            err().print(f"[yellow]skipped[/] {message}", markup=True, highlight=False, soft_wrap=True)

    return show


def _run_ingest(
    db: str | None, items: Iterator[Posting | PostingError], total: int | None, what: str
) -> None:
    from rolemap.pipeline import ingest
    from rolemap.present.progress import progress_bar
    from rolemap.store.db import open_store

    store = open_store(db)
    show = _error_printer()
    with progress_bar(err(), f"ingesting {what}", total) as bar:
        report = ingest(store, items, on_progress=lambda n: bar.advance(bar.task_ids[0], n), on_error=show)
    _finish(report)


def _finish(report: IngestReport) -> None:
    if report.failed > MAX_ERRORS_SHOWN:
        err().print(f"… and {report.failed - MAX_ERRORS_SHOWN} more skipped postings", highlight=False)
    err().print(report.summary(), highlight=False, soft_wrap=True)  # one line, however narrow the terminal
    if report.failed:
        raise typer.Exit(1)


def _parse_map(value: str | None) -> dict[str, str]:
    if not value:
        return {}
    from rolemap.sources.contract import MAP_FIELDS

    mapping = {}
    for pair in value.split(","):
        target, sep, source = pair.partition("=")
        if not sep or not target.strip() or not source.strip():
            raise InputError(
                f"--map {value!r}: write it as field=column pairs, e.g. title=jobtitle,description=body"
            )
        if target.strip() not in MAP_FIELDS:
            raise InputError(
                f"--map {pair.strip()!r}: {target.strip()!r} is not a field rolemap reads; "
                f"use one of {', '.join(MAP_FIELDS)}"
            )
        mapping[target.strip()] = source.strip()
    return mapping


MAP_HELP = (
    "Columns of a CSV (or keys of JSON Lines) to read as rolemap's fields, FIELD=COLUMN,…: "
    "id, title, description, company, location, url, posted_at, and the board's own facts, which win over "
    "what the text says: salary_min, salary_max, salary_period, salary_currency, remote, employment_type, "
    "seniority, work_model. E.g. id=job_id,salary_min=min_salary,remote=remote_allowed. A CSV column "
    "already named as a field is read without a map; amounts may be written as sheets write them "
    "($120,000, 120k, 100 000)."
)


# --encoding of `ingest` and `extract`, defined once
EncodingOption = Annotated[
    str,
    typer.Option(
        "--encoding",
        help="Text encoding of the files (e.g. latin-1, cp1252, utf-16); a UTF-16 or UTF-32 file with its "
        "byte-order mark is read without it.",
    ),
]


@ingest_app.command("ingest")
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
        typer.Option("--map", help=MAP_HELP),
    ] = None,
    encoding: EncodingOption = "utf-8",
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
    from rolemap.cluster.engine import check_engine
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
    from rolemap.pipeline import IngestReport
    from rolemap.present.progress import progress_bar
    from rolemap.store.db import open_store
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
        with progress_bar(err(), f"loading {len(files)} shard(s) ({engine})", len(files)) as bar:

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
            err().print(
                f"exact copies across shards settled: {counted(settled, 'posting')} now "
                f"{agree(settled, 'points', 'point')} at one copy",
                highlight=False,
            )
        _finish(report)
    finally:
        store.engine.dispose()


@ingest_app.command("fetch")
def fetch_command(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="greenhouse:BOARD, lever:COMPANY, ashby:BOARD, hn:THREAD_ID, hn:latest (the newest "
            "'Ask HN: Who is hiring?' thread) or hn-algolia:THREAD_ID.",
            show_default=False,
        ),
    ] = None,
    boards: Annotated[
        Path | None,
        typer.Option(
            "--boards",
            help="A saved list of boards, one a line ('#' starts a comment), fetched one after another with a "
            "line for each; a board that fails is reported and the others go on.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    rate: Annotated[
        float, typer.Option(help="Seconds to wait between two requests (politeness), 0 to 3600.")
    ] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds before a request times out, up to 3600.")] = 20.0,
    retries: Annotated[
        int,
        typer.Option(
            help=f"Tries after the first (0 to {MAX_RETRIES}) for failures that may pass: connection errors, "
            "time-outs, 429 and 5xx answers."
        ),
    ] = 3,
) -> None:
    """Fetch live postings from job-board APIs and store them. Postings gone from a board are marked closed.

    Keep a current store with one command a month: list your boards in a file, one a line

        greenhouse:stripe
        lever:netflix
        hn:latest   # the newest "Who is hiring?" thread

    and run `rolemap fetch --boards boards.txt`. Exit code 1 when a board failed or a posting was skipped."""
    import httpx

    from rolemap.sources.http import Fetcher, parse_target, read_board_list

    _check_fetch_options(rate, timeout, retries)
    listed = list(targets or [])
    for target in listed:
        parse_target(target)
    if boards is not None:
        from_file, duplicates = read_board_list(boards)
        if duplicates:
            err().print(f"{boards}: {duplicates} duplicate line(s) skipped", highlight=False, soft_wrap=True)
        listed += [t for t in from_file if t not in listed]
    if not listed:
        raise InputError(
            "name a board (e.g. greenhouse:stripe or hn:latest), or a list of boards: --boards FILE"
        )
    fetcher = Fetcher(
        client=httpx.Client(timeout=timeout, follow_redirects=True), retries=retries, min_interval=rate
    )
    if len(listed) == 1 and boards is None:
        _fetch_one(db, listed[0], fetcher)
    else:
        _fetch_each(db, listed, fetcher)


def _check_fetch_options(rate: float, timeout: float, retries: int) -> None:
    """--rate, --timeout and --retries as numbers the fetcher can use, or an error naming the option."""
    if not 0 <= rate <= MAX_SECONDS:  # NaN fails every comparison
        raise InputError(f"--rate {rate:g}: must be 0 or more seconds, and at most {MAX_SECONDS:g}")
    if not 0 < timeout <= MAX_SECONDS:
        raise InputError(f"--timeout {timeout:g}: must be more than 0 seconds, and at most {MAX_SECONDS:g}")
    if retries < 0:
        raise InputError(f"--retries {retries}: must be 0 or more")
    if retries > MAX_RETRIES:
        raise InputError(f"--retries {retries}: must be at most {MAX_RETRIES}")


def _fetch_one(db: str | None, target: str, fetcher: Any) -> None:
    from rolemap.sources.http import fetch, resolve_target

    resolved, note = resolve_target(target, fetcher)
    if note:
        err().print(note, highlight=False, soft_wrap=True)
    _run_ingest(db, fetch(resolved, fetcher), None, resolved)


def _fetch_each(db: str | None, targets: list[str], fetcher: Any) -> None:
    """Each board in its own ingest: one that fails (unreachable, not found, an answer of the wrong shape)
    changes nothing of its postings (none closed) and the next one is fetched."""
    from rolemap.errors import FetchError
    from rolemap.pipeline import ingest
    from rolemap.sources.http import fetch, resolve_target
    from rolemap.store.db import open_store

    store = open_store(db)
    show = _error_printer()
    failed: list[str] = []
    skipped = 0
    for number, target in enumerate(targets, start=1):
        where = f"[{number}/{len(targets)}] {target}"
        try:
            resolved, note = resolve_target(target, fetcher)
            report = ingest(store, fetch(resolved, fetcher), on_error=show)
        except (FetchError, InputError) as e:
            failed.append(target)
            err().print(
                f"{where}: failed, its stored postings left as they were ({e.message})",
                highlight=False,
                soft_wrap=True,
            )
            continue
        skipped += report.failed
        err().print(
            f"{where}: {note + '; ' if note else ''}{report.summary()}", highlight=False, soft_wrap=True
        )
    refreshed = len(targets) - len(failed)
    err().print(
        f"{len(targets)} board(s): {refreshed} refreshed, {len(failed)} failed"
        + (f" ({', '.join(failed)})" if failed else "")
        + (f", {skipped} posting(s) skipped" if skipped else ""),
        highlight=False,
        soft_wrap=True,
    )
    if failed or skipped:
        raise typer.Exit(1)


@ingest_app.command("extract")
def extract_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="JSON Lines postings (id, title, description; a company of its own names the hirer the text "
            "does not); '-' for stdin. "
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
    encoding: EncodingOption = "utf-8",
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Write the extraction record of every posting (../shared/spec/extraction.md), one line each, in order.

    Exit code 0 when every line was read, 1 when some were not (they get {"id", "error"} records).

    With -o FOLDER/ (or --engine dask) every shard becomes FOLDER/<shard>.parquet: the same records, byte
    for byte, whichever engine ran it.

    Examples: rolemap extract postings.jsonl > records.jsonl;  rolemap extract --engine dask shards/ -o records/"""
    if output.endswith("/") or Path(output).is_dir() or engine != "local" or scheduler:
        if encoding.replace("_", "-").lower() not in ("utf-8", "utf8"):
            raise InputError(
                f"--encoding {encoding}: shards for -o FOLDER/ are read as UTF-8 (or UTF-16/32 with their "
                "byte-order mark); save them as UTF-8, or extract one file to JSON Lines output"
            )
        _extract_to_parquet(inputs, Path(output), engine, scheduler, workers)
        return
    if len(inputs) != 1:
        raise InputError("give one INPUT for JSON Lines output, or -o FOLDER/ to write Parquet shards")
    _extract_to_jsonl(inputs[0], output, encoding)


def _extract_to_jsonl(input_path: str, output: str, encoding: str = "utf-8") -> None:
    from rolemap.extract.batch import extract_lines
    from rolemap.present.progress import progress_bar

    src = sys.stdin.buffer if input_path == "-" else _open_input(Path(input_path))
    dst = sys.stdout if output == "-" else _open_output(Path(output))
    name = "stdin" if input_path == "-" else input_path
    try:
        with progress_bar(err(), "extracting", None) as bar:
            failed = extract_lines(src, dst, lambda n: bar.advance(bar.task_ids[0], n), name, encoding)
    except InputError:
        if dst is not sys.stdout and dst.tell() == 0:
            Path(output).unlink(missing_ok=True)  # refused before its first record: no empty output left
        raise
    finally:
        if dst is not sys.stdout:
            dst.close()
        if src is not sys.stdin.buffer:
            src.close()
    if failed:
        err().print(f"{failed} line(s) could not be read; see their error records", highlight=False)
        raise typer.Exit(1)


def _extract_to_parquet(
    inputs: list[str], out_dir: Path, engine: str, scheduler: str | None, workers: int | None
) -> None:
    from rolemap.cluster.engine import check_engine, run_units
    from rolemap.cluster.shards import ShardResult, extract_shard, list_shards, prepare_output
    from rolemap.present.progress import progress_bar

    if "-" in inputs or str(out_dir) == "-":
        raise InputError("Parquet output reads files and writes a folder: name the shards and -o FOLDER/")
    shards = list_shards([Path(i) for i in inputs])
    prepare_output(out_dir)
    show = _error_printer()
    failed = postings = 0
    with progress_bar(err(), f"extracting {len(shards)} shard(s) ({engine})", len(shards)) as bar:

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
    err().print(f"{postings} records in {out_dir}/, {failed} line(s) or shard(s) not read", highlight=False)
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
