"""`rolemap tracker`: the seeker's saved postings, the same store table the web page and the API show.
`rolemap tracker` lists them; `add`, `set` and `rm` change them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from rolemap.cli.console import out
from rolemap.cli.options import AsCsv, DbOption, JsonOption, existing_db
from rolemap.errors import InputError

if TYPE_CHECKING:
    from datetime import datetime

    from rolemap.store.db import Store
    from rolemap.store.tracker import TrackerChange

STATUS_HELP = "saved, applied, interviewing, offer, rejected or closed."

tracker_app = typer.Typer(
    name="tracker",
    invoke_without_command=True,  # `rolemap tracker` alone lists; `rolemap tracker add ID` changes
)  # its help is the listing's docstring

PostingId = Annotated[str, typer.Argument(metavar="ID", help="The posting's id (`rolemap list` shows them).")]
Note = Annotated[str | None, typer.Option("--note", help="Your notes (replace the old ones; '' clears).")]
Applied = Annotated[
    str | None,
    typer.Option("--applied", help="The day you applied, YYYY-MM-DD ('' clears).", show_default=False),
]
FollowUp = Annotated[
    str | None, typer.Option("--follow-up", help="The day to follow up, YYYY-MM-DD ('' clears).")
]
Salary = Annotated[
    str | None,
    typer.Option(
        "--salary",
        help="The pay you noted, as you write it: '€70k', '€70-80k', '120000 USD' ('' clears); its amount "
        "(a range's low end) sorts by salary.",
    ),
]


@tracker_app.callback()
def tracker_list(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", help=f"Only these statuses: {STATUS_HELP} Repeat or use commas."),
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            help="updated (last changed first), date (applied, newest first), follow-up (nearest first), "
            "salary (highest first, in USD when the currency has a rate) or status.",
        ),
    ] = "updated",
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: AsCsv = False,
) -> None:
    """Your tracker: the postings you saved, with status, dates, pay and notes.

    Lists them with the guide's five columns (title, language, level, system type, repeated requirements),
    company, status, the days you applied and will follow up, pay and notes; narrower than 140 columns, one
    record a posting. Below them, what they cover: "3 postings from 2017-01 to 2018-04" (the months they
    were open; --json: "covers"); --csv gives the rows alone. The web page /tracker and the API /api/tracker
    show the same store.

    Examples: rolemap tracker add ID --applied 2026-12-01 --salary '€70k';  rolemap tracker set ID --status offer;
    rolemap tracker --status applied,interviewing --sort date;  rolemap tracker --csv > tracker.csv
    """
    ctx.obj = db  # a subcommand without its own --db uses the one given before it
    if ctx.invoked_subcommand is not None:
        return
    from rolemap.analytics.covers import posting_covers
    from rolemap.analytics.pay import bundled_rates
    from rolemap.present import listing_view as view
    from rolemap.store.db import open_store
    from rolemap.store.tracker import tracker_entries

    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    wanted = [s.strip() for item in status or [] for s in item.split(",") if s.strip()]
    store = open_store(existing_db(db))
    entries = tracker_entries(store, wanted, sort, bundled_rates().usd_per_unit)
    if as_csv:
        print(view.saved_csv(entries), end="")
        return
    covers = posting_covers(store, [e.id for e in entries])
    if as_json:
        print(json.dumps({"entries": [e.as_dict() for e in entries], "covers": covers}, indent=1))
    else:
        out().print(view.saved_listing(entries, out().width, filtered=bool(wanted), covers=covers))


@tracker_app.command("add")
def add_command(
    ctx: typer.Context,
    posting_id: PostingId,
    status: Annotated[str, typer.Option("--status", help=STATUS_HELP)] = "saved",
    note: Note = None,
    applied: Applied = None,
    follow_up: FollowUp = None,
    salary: Salary = None,
    db: DbOption = None,
) -> None:
    """Save a posting to your tracker.

    Example: rolemap tracker add greenhouse-acme-123 --status applied --applied 2026-12-01 --salary '€70k'
    """
    from rolemap.store.tracker import add_entry

    change = _change(status, note, applied, follow_up, salary)
    add_entry(_store(db or ctx.obj), posting_id, change, _now())
    out().print(f"tracked {posting_id} ({status})", markup=False, highlight=False)
    _say_no_amount(change)


@tracker_app.command("set")
def set_command(
    ctx: typer.Context,
    posting_id: PostingId,
    status: Annotated[str | None, typer.Option("--status", help=STATUS_HELP, show_default=False)] = None,
    note: Note = None,
    applied: Applied = None,
    follow_up: FollowUp = None,
    salary: Salary = None,
    db: DbOption = None,
) -> None:
    """Change a tracked posting: its status, notes, dates or pay; what you do not give stays as it is.

    Example: rolemap tracker set greenhouse-acme-123 --status interviewing --follow-up 2026-12-08
    """
    from rolemap.store.tracker import set_entry

    change = _change(status, note, applied, follow_up, salary)
    set_entry(_store(db or ctx.obj), posting_id, change, _now())
    out().print(f"updated {posting_id}", markup=False, highlight=False)
    _say_no_amount(change)


@tracker_app.command("rm")
def rm_command(ctx: typer.Context, posting_id: PostingId, db: DbOption = None) -> None:
    """Take a posting off your tracker (the posting stays in the store).

    Example: rolemap tracker rm greenhouse-acme-123
    """
    from rolemap.errors import NotFound
    from rolemap.store.tracker import untrack

    if not untrack(_store(db or ctx.obj), posting_id):
        raise NotFound(f"posting {posting_id[:200]!r}: not on the tracker; `rolemap tracker` lists it")
    out().print(f"removed {posting_id}", markup=False, highlight=False)


def _change(
    status: str | None, note: str | None, applied: str | None, follow_up: str | None, salary: str | None
) -> TrackerChange:
    from rolemap.store.tracker import TrackerChange

    return TrackerChange(status=status, notes=note, applied_on=applied, follow_up_on=follow_up, salary=salary)


def _say_no_amount(change: TrackerChange) -> None:
    """Pay with no amount in it ("lots") is kept as a note: said on stderr, so the seeker knows."""
    from rolemap.cli.console import err
    from rolemap.store.tracker import no_amount_read

    if said := no_amount_read(change):
        err().print(f"note: {said}", markup=False, highlight=False)


def _store(db: str | None) -> Store:
    from rolemap.store.db import open_store

    return open_store(db)


def _now() -> datetime:
    from datetime import UTC, datetime

    return datetime.now(UTC)
