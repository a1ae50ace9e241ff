"""The options several commands share, each defined once: the store (--db), --json and --csv, the Dask
engine, the pay scale and the lane filters of the market and seeker commands.

Only Typer is imported here: the command tree and --help are built from these without the libraries the
commands use (rolemap.cli's start-up test keeps it so)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rolemap.analytics.covers import OPEN_MEANING
from rolemap.errors import InputError
from rolemap.store.url import ENV_VAR, default_db_path, named_but_absent

if TYPE_CHECKING:
    from rolemap.analytics.lane import Lane

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=f"Database URL or SQLite file path (default: ${ENV_VAR}, else {default_db_path()}).",
        show_default=False,
    ),
]
# The market, seeker and web commands' --db: the same option with its shorter help.
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", help=f"Database URL or SQLite file (default: ${ENV_VAR}, else the file `rolemap info` shows)."
    ),
]


def existing_db(db: str | None) -> str | None:
    """--db of a command that reads the store, refused when it names a SQLite file that is not there: a
    mistyped path had made an empty store and "no postings yet"."""
    if (path := named_but_absent(db)) is not None:
        named = "--db" if db else f"${ENV_VAR}"
        raise InputError(f"{named} {path}: no store there; `rolemap ingest --db {path} FILE` makes one")
    return db


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]
AsCsv = Annotated[bool, typer.Option("--csv", help="Print CSV.")]

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

Currency = Annotated[str, typer.Option(help="Currency every salary is converted to.")]
RatesFile = Annotated[
    Path | None,
    typer.Option("--rates", help="Your own exchange-rate table (JSON, same shape as the bundled one)."),
]


# The lane filters. A command takes the ones it needs as parameters of these names, and turns them into a
# Lane with lane_of(**lane_filters(locals())).
def _many(help_text: str, name: str) -> Any:
    return typer.Option(
        name, help=help_text + " Repeat or separate with commas.", rich_help_panel="Lane filters"
    )


Language = Annotated[list[str] | None, _many("Programming language (go, python, java…).", "--language")]
Seniority = Annotated[
    list[str] | None, _many("Level: intern, junior, mid, senior, staff, manager.", "--seniority")
]
SystemType = Annotated[
    list[str] | None, _many("System type: product, data, distributed, platform, security.", "--system-type")
]
WorkModel = Annotated[list[str] | None, _many("remote, hybrid or onsite.", "--work-model")]
Employment = Annotated[
    list[str] | None,
    _many("full_time, part_time, contract, internship, temporary.", "--employment-type"),
]
Skill = Annotated[list[str] | None, _many("Skill id (kubernetes, postgresql…).", "--skill")]
Company = Annotated[list[str] | None, _many("Company name (exact, any case).", "--company")]
Location = Annotated[
    list[str] | None,
    _many("Words the location holds (Berlin, US, London…; whole words, any case).", "--location"),
]
Source = Annotated[list[str] | None, _many("Source: hn, jsonl, csv, greenhouse, lever, ashby…", "--source")]
Family = Annotated[
    list[str] | None,
    _many(
        "Role family: backend, fullstack, frontend, mobile, data, ml, infra, security, qa, embedded, "
        "other_software, non_software; all: every role.",
        "--family",
    ),
]
Country = Annotated[
    list[str] | None,
    _many("Country of a place of work: ISO code or name (us, de, uk, germany).", "--country"),
]
City = Annotated[
    list[str] | None,
    _many("City of a place of work (berlin, 'london, gb'); metro names fold (nyc, sf, bay area).", "--city"),
]
Since = Annotated[
    str | None, typer.Option(help="First period: 2017, 2017Q1 or 2017-03.", rich_help_panel="Lane filters")
]
Until = Annotated[
    str | None,
    typer.Option(help="Last period, included: 2018, 2018Q1 or 2018-03.", rich_help_panel="Lane filters"),
]
OpenOnly = Annotated[
    bool, typer.Option("--open", help=f"Only postings {OPEN_MEANING}.", rich_help_panel="Lane filters")
]

LANE_FILTERS = (
    "language", "seniority", "system_type", "work_model", "employment_type", "skill", "company", "location",
    "source", "family", "country", "city", "since", "until", "open_only",
)  # fmt: skip


def lane_filters(values: dict[str, Any]) -> dict[str, Any]:
    """The lane filters among a command's parameters (its locals()). A command with --to (changes) uses
    --since as its earlier period, not as a filter."""
    return {k: values[k] for k in LANE_FILTERS if k in values and not (k == "since" and "to" in values)}


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip().lower() for item in values or [] for v in item.split(",") if v.strip())


def role_page_families(family: list[str] | None) -> list[str]:
    """The families of a lane of the role page (`market`, `pay`, `profile`, `report`, `match`): backend roles
    unless --family says otherwise (all: every role), as the web's `RolePageQuery`. A backend seeker's page
    holds no iOS engineer's asks and tells no one to learn angular next."""
    return family or ["backend"]


def lane_of(**filters: Any) -> Lane:
    from rolemap.analytics.lane import Lane, city_parts, parse_window

    since, until = parse_window(filters.pop("since"), filters.pop("until"))
    filters["family"] = [f for f in _split(filters.get("family")) if f != "all"]  # all: every role
    split = {k: _split(v) for k, v in filters.items() if k != "open_only"}
    if "city" in split:
        split["city"] = city_parts(split["city"])  # "london, gb" is one city
    return Lane(
        **split,
        since=since,
        until=until,
        open_only=filters.get("open_only", False),
    )
