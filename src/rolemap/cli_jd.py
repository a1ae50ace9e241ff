"""`rolemap jd new` and `rolemap jd lint`: the employer tools."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from rolemap.errors import InputError
from rolemap.store.db import ENV_VAR

jd_app = typer.Typer(
    help="Write a job description from a role spec, and lint any job description.", no_args_is_help=True
)
err = Console(stderr=True)


@jd_app.command("new")
def new_command(
    spec_file: Annotated[Path, typer.Argument(metavar="ROLE.yaml", help="The role spec (see docs/jd.md).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="md, html or json-ld.")] = "md",
    db: Annotated[
        str | None, typer.Option("--db", help=f"Store for the market salary band (default: ${ENV_VAR}).")
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
    spec = load_spec(spec_file)
    frame = None
    if spec.salary is None and not no_market:
        from rolemap.analytics.frame import load_frame
        from rolemap.store.db import open_store

        frame = load_frame(open_store(db))
    band = propose_band(spec, frame)
    jd = build(spec, band)
    page = {"md": to_markdown, "html": to_html, "json-ld": to_json_ld_text}[format](jd)
    for note in jd.notes:
        err.print(f"note: {note}", highlight=False)
    if band.salary:
        err.print(f"salary band {band.note}", highlight=False)
    if output is None:
        print(page)
    else:
        try:
            output.write_text(page + "\n", encoding="utf-8")
        except OSError as e:
            raise InputError(f"{output}: cannot write ({e.strerror})") from None
        err.print(f"wrote {output}", highlight=False)


@jd_app.command("lint")
def lint_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Job descriptions: text, Markdown or HTML.")
    ],
    format: Annotated[str, typer.Option("--format", help="text, json or sarif.")] = "text",
    min_severity: Annotated[
        str, typer.Option("--min-severity", help="error, warning or info: hide what is below.")
    ] = "info",
    date: Annotated[
        str | None, typer.Option("--date", help="Check the laws in force on this day (default: today).")
    ] = None,
) -> None:
    """Check job descriptions: template sections, pay range and pay-transparency laws, level against
    years, requirement count, gender-coded and exclusionary wording, readability, EEO statement, how to
    apply. Exits 1 when any error is found, so a hiring team's CI can run it.

    Example: rolemap jd lint jd.md other.html --format sarif > jd.sarif
    """
    import datetime as dt

    from rolemap.jd.lint import SEVERITIES, lint_text
    from rolemap.jd.report import as_json, as_sarif, as_text
    from rolemap.sources.files import check_readable, decode
    from rolemap.text import looks_like_html, plain_text

    if format not in ("text", "json", "sarif"):
        raise InputError(f"--format {format!r}: use text, json or sarif")
    if min_severity not in SEVERITIES:
        raise InputError(f"--min-severity {min_severity!r}: use error, warning or info")
    try:
        today = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise InputError(f"--date {date!r}: use a date like 2026-11-23") from None
    shown = SEVERITIES[: SEVERITIES.index(min_severity) + 1]
    results, errors, started = [], 0, time.perf_counter()
    for path in files:
        check_readable(path)
        raw = decode(path.read_bytes(), str(path))
        text = plain_text(raw) if looks_like_html(raw) or path.suffix.lower() in (".html", ".htm") else raw
        text, findings = lint_text(text, today)
        errors += sum(f.severity == "error" for f in findings)
        results.append((str(path), text, [f for f in findings if f.severity in shown]))
    if format == "text":
        for where, text, findings in results:
            if findings:
                print(as_text(where, text, findings))
        counts = {s: sum(f.severity == s for _, _, fs in results for f in fs) for s in SEVERITIES}
        err.print(
            f"{len(files)} file(s): {counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes ({time.perf_counter() - started:.1f} s)",
            highlight=False,
        )
    else:
        print(as_json(results) if format == "json" else as_sarif(results))
    if errors:
        raise typer.Exit(1)
