"""The two listings with the guide's five columns (title, language, level, system type, repeated
requirements): the lane's postings (`rolemap list`) and the seeker's saved tracker (`rolemap tracker`), as
terminal output and CSV.

A terminal narrower than WIDE_ENOUGH gets one record a posting (its id whole on the first line, the rest
wrapped at words) instead of a table: nine or twelve columns in 80 characters fold every word."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from rolemap.agreement import counted
from rolemap.analytics.covers import covers_line
from rolemap.present.market_view import to_csv

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rolemap.analytics.market import TrackerRow
    from rolemap.store.tracker import TrackerEntry

WIDE_ENOUGH = 140  # columns from which the table reads better than records

LANE_COLUMNS = (
    "id", "title", "company", "language", "level", "system_type", "work_model", "posted", "repeated",
)  # fmt: skip
SAVED_COLUMNS = (
    "title", "language", "level", "system_type", "repeated", "company", "status", "applied_on",
    "follow_up_on", "salary", "notes", "url", "id", "saved_at", "updated_at",
)  # fmt: skip
# What the saved tracker's terminal table shows (the CSV has every column).
SAVED_TABLE = (
    "id", "title", "language", "level", "system_type", "repeated", "company", "status", "applied_on",
    "follow_up_on", "salary", "notes",
)  # fmt: skip
HEADINGS = {"system_type": "system type", "work_model": "work model", "applied_on": "applied",
            "follow_up_on": "follow up", "repeated": "repeated requirements"}  # fmt: skip


def cell(value: Any) -> str:
    if value is None:
        return ""
    return "; ".join(value) if isinstance(value, list) else str(value)


def lane_listing(
    rows: list[TrackerRow], total: int, offset: int, width: int, covers: dict[str, Any] | None = None
) -> Group:
    """The lane's rows, then how many are shown and what the whole lane covers (analytics/covers.py)."""
    # "1 of 1 posting", "3 of 40 postings": the noun agrees with the total; "from the 21st" would need
    # ordinals, so the rows skipped are said instead
    shown = f"{len(rows):,} of {counted(total, 'posting')} shown, newest first" + (
        ", the first one skipped" if offset == 1 else f", the first {offset:,} skipped" if offset else ""
    )
    if covers:
        shown += f"\nThe lane: {covers_line(covers)}"
    if width >= WIDE_ENOUGH:
        return Group(_table(rows, LANE_COLUMNS), Text(shown))
    records = [
        _record(
            r.id,
            [r.title or "(no title)", r.company],
            [r.language, r.level, r.system_type, r.work_model, r.posted],
            [("repeated", ", ".join(r.repeated)), *([("roles in the lane", r.roles)] if r.roles else [])],
        )
        for r in rows
    ]
    return Group(*records, Text(shown))


def lane_csv(rows: list[TrackerRow]) -> str:
    return to_csv(LANE_COLUMNS, ([cell(getattr(r, c)) for c in LANE_COLUMNS] for r in rows))


def saved_listing(
    entries: list[TrackerEntry], width: int, filtered: bool, covers: dict[str, Any] | None = None
) -> Group:
    """The saved postings, then how many and what they cover (analytics/covers.py)."""
    if not entries:
        return Group(
            Text(
                "No tracked posting has that status."
                if filtered
                else "The tracker is empty: "
                "`rolemap tracker add ID` saves a posting (`rolemap list` shows the ids)."
            )
        )
    tracked = f"Tracked: {covers_line(covers)}" if covers else _tracked(len(entries))
    if width >= WIDE_ENOUGH:
        table = _table(entries, SAVED_TABLE)
        return Group(table, Text(tracked))
    records = [
        _record(
            e.id,
            [e.title or "(no title)", e.company, e.status.upper()],
            [e.language, e.level, e.system_type],
            [
                ("applied", e.applied_on),
                ("follow up", e.follow_up_on),
                ("salary", e.salary),
                ("repeated", ", ".join(e.repeated)),
                ("notes", e.notes),
            ],
        )
        for e in entries
    ]
    return Group(*records, Text(tracked))


def saved_csv(entries: list[TrackerEntry]) -> str:
    """The tracker a seeker keeps: the guide's five columns first, then company, status, dates, pay, notes."""
    return to_csv(SAVED_COLUMNS, ([cell(getattr(e, c)) for c in SAVED_COLUMNS] for e in entries))


def _table(rows: Sequence[Any], columns: Sequence[str]) -> Table:
    table = Table(show_edge=False)
    for column in columns:
        # ids are never cut nor folded; words wrap at spaces
        table.add_column(HEADINGS.get(column, column), no_wrap=column == "id")
    for r in rows:
        table.add_row(*(Text(cell(getattr(r, c))) for c in columns))  # a title "[b]" is text, not markup
    return table


def _record(posting_id: str, head: list[str], guide: list[str], extras: list[tuple[str, str]]) -> Group:
    """One posting in a few short lines: its id whole, then, indented, title and company, the guide's
    columns and whatever else it has, each wrapped at words by the console."""
    text = Text(" · ".join(part for part in head if part))
    text.append("\n" + " · ".join(part or "–" for part in guide), style="cyan")
    for name, value in extras:
        if value:
            text.append(f"\n{name}: ", style="dim")
            text.append(value.replace("\n", " "))
    return Group(Text(posting_id, style="bold"), Padding(text, (0, 0, 1, 2), expand=False))


def _tracked(n: int) -> str:
    return counted(n, "tracked posting")
