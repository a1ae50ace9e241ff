"""`rolemap jd new` and `rolemap jd lint`: the employer tools."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from rolemap.agreement import counted
from rolemap.cli.console import err
from rolemap.cli.options import existing_db
from rolemap.errors import InputError
from rolemap.store.url import ENV_VAR

jd_app = typer.Typer(
    help="Write a job description from a role spec, and lint any job description.", no_args_is_help=True
)


@jd_app.command("new")
def new_command(
    spec_file: Annotated[Path, typer.Argument(metavar="ROLE.yaml", help="The role spec (see docs/jd.md).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="md, html (a page with its JSON-LD) or json-ld.")
    ] = "md",
    fragment: Annotated[
        bool,
        typer.Option(
            "--fragment", help="With --format html: an <article> and its JSON-LD <script>, not a whole page."
        ),
    ] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help=f"Store for the market salary band (default: ${ENV_VAR}, else the file `rolemap info` shows).",
        ),
    ] = None,
    no_market: Annotated[
        bool, typer.Option("--no-market", help="Do not propose a band from market data.")
    ] = False,
) -> None:
    """Write a job description in the template's sections (About the company, Role overview, Key
    responsibilities, Requirements, Nice-to-have skills, Benefits and how to apply), with a salary band
    from the spec or the market.

    Example: rolemap jd new role.yaml -o jd.md --format md
    """
    from rolemap.jd.generate import build, propose_band, to_html, to_json_ld_text, to_markdown
    from rolemap.jd.spec import load_spec

    if format not in ("md", "html", "json-ld"):
        raise InputError(f"--format {format!r}: use md, html or json-ld")
    if fragment and format != "html":
        raise InputError("--fragment goes with --format html")
    spec = load_spec(spec_file)
    frame = None
    if spec.salary is None and not no_market:
        from rolemap.analytics.frame import load_frame
        from rolemap.store.db import open_store

        frame = load_frame(open_store(existing_db(db)))
    band = propose_band(spec, frame)
    jd = build(spec, band)
    if format == "html":
        page = to_html(jd, fragment=fragment)
    else:
        page = {"md": to_markdown, "json-ld": to_json_ld_text}[format](jd)
    for note in jd.notes:
        err().print(f"note: {note}", highlight=False)
    if band.salary:
        err().print(f"salary band {band.note}", highlight=False)
    if output is None:
        print(page)
    else:
        try:
            output.write_text(page + "\n", encoding="utf-8")
        except OSError as e:
            raise InputError(f"{output}: cannot write ({e.strerror})") from None
        err().print(f"wrote {output}", highlight=False)


@jd_app.command("lint")
def lint_command(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...", help="Job descriptions: text, Markdown or HTML; '-' reads standard input."
        ),
    ],
    format: Annotated[str, typer.Option("--format", help="text, json, sarif or github.")] = "text",
    min_severity: Annotated[
        str, typer.Option("--min-severity", help="error, warning or info: hide what is below.")
    ] = "info",
    date: Annotated[
        str | None, typer.Option("--date", help="Check the laws in force on this day (default: today).")
    ] = None,
    stdin_name: Annotated[
        str, typer.Option("--stdin-name", help="The file name to report for '-' (standard input).")
    ] = "-",
) -> None:
    """Check job descriptions: template sections, pay range and pay-transparency laws, level against
    years, requirement count, gender-coded and exclusionary wording, readability, EEO statement, how to
    apply; and the JD against itself: duplicated duties, a title the text contradicts, work-model and pay
    statements that disagree (with each other or with the page's JSON-LD). Exits 1 when any error is
    found, so a hiring team's CI or pre-commit hook can run it; --format github prints annotations.

    A file that cannot be read (missing, empty, not text) is reported on one line of standard error and
    the others are still linted; the exit code is then 1.

    Example: rolemap jd lint jd.md other.html --format sarif > jd.sarif
    """
    import datetime as dt
    import sys

    from rolemap.jd.files import STDIN, lint_jd, read_jd
    from rolemap.jd.findings import SEVERITIES
    from rolemap.jd.report import FORMATS, as_github, as_json, as_sarif, as_text

    if format not in FORMATS:
        raise InputError(f"--format {format!r}: use {', '.join(FORMATS[:-1])} or {FORMATS[-1]}")
    if min_severity not in SEVERITIES:
        raise InputError(f"--min-severity {min_severity!r}: use error, warning or info")
    try:
        today = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise InputError(f"--date {date!r}: use a date like 2026-11-23") from None
    if files.count(STDIN) > 1:
        raise InputError("'-' (standard input) may be named once")
    shown = SEVERITIES[: SEVERITIES.index(min_severity) + 1]
    results, errors, unread, started = [], 0, 0, time.perf_counter()
    for name in files:
        try:
            raw = read_jd(name, sys.stdin.buffer if name == STDIN else None)
        except InputError as e:  # one bad file is reported and the rest are linted
            err().print(f"error: {e.message}", markup=False, highlight=False, soft_wrap=True)
            unread += 1
            continue
        linted = lint_jd(stdin_name if name == STDIN else name, raw, today)
        errors += sum(f.severity == "error" for f in linted.findings)
        results.append(replace(linted, findings=[f for f in linted.findings if f.severity in shown]))
    if not results:  # no file could be read: its one error line says it all
        raise typer.Exit(1)
    if format in ("text", "github"):
        text = (
            "\n".join(filter(None, (as_text(r) for r in results))) if format == "text" else as_github(results)
        )
        if text:
            print(text)
        counts = {s: sum(f.severity == s for r in results for f in r.findings) for s in SEVERITIES}
        err().print(
            f"{counted(len(files), 'file')}{f' ({unread} not read)' if unread else ''}: {counted(counts['error'], 'error')}, {counted(counts['warning'], 'warning')}, "
            f"{counted(counts['info'], 'note')} ({time.perf_counter() - started:.1f} s)",
            highlight=False,
        )
    else:
        print(as_json(results) if format == "json" else as_sarif(results))
    if errors or unread:
        raise typer.Exit(1)
