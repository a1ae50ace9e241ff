"""The ingest pipeline: sources → text → extract → store, in batches, one transaction each.

Every posting is made safe to store first (`sources.clean.clean_posting`: one place, whichever source it came
from), then extracted, and the facts its source states put in place of the text's (`apply_source_facts`).
One bad posting is one reported failure: it cannot be read, cleaned, extracted or stored, and the others
are."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rolemap.errors import InputError, PostingError
from rolemap.extract import extract_text
from rolemap.extract.source_facts import apply_source_facts
from rolemap.models import Posting
from rolemap.sources.clean import clean_posting
from rolemap.store.db import Store
from rolemap.store.repository import Prepared, close_missing, save_batch
from rolemap.text import document_text

BATCH_SIZE = 500


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    updated: int = 0
    duplicates: int = 0
    failed: int = 0
    closed: int = 0
    held_open: int = 0  # boards with a job whose id could not be read: none of their postings closed
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        closed = f", {self.closed} closed" if self.closed else ""
        if self.held_open:
            closed += f", none closed on {self.held_open} board(s): a job failed before its id was read"
        return (
            f"read {self.read}, stored {self.stored}, updated {self.updated}, "
            f"duplicates {self.duplicates}, failed {self.failed}{closed}"
        )


def prepare(posting: Posting) -> Prepared:
    """A posting with its extraction record: what its text says, and over that what its source states."""
    text = document_text(posting.title, posting.description)
    return Prepared(posting, apply_source_facts(extract_text(posting.id, text), posting, text), text)


def ingest(
    store: Store,
    items: Iterable[Posting | PostingError],
    *,
    now: datetime | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    close_boards: bool = True,
) -> IngestReport:
    """Store every posting with its extraction. A bad posting is counted and reported, never the batch.
    Boards whose complete listing was read have their vanished postings marked closed. A job the listing
    still has but that failed (one bad field, an extractor bug) is not gone: it stays as it was, open; a
    board with a job that failed before its id could be read closes nothing, since which job it is cannot
    be told."""
    now = now or datetime.now(UTC)
    report = IngestReport()
    seen_by_board: dict[str, set[str]] = {}
    unreadable: set[str] = set()  # boards with a job whose id is unknown
    for batch in _batches(items, report, on_error, seen_by_board, unreadable):
        prepared = []
        for posting in batch:
            if posting.board:
                seen_by_board.setdefault(posting.board, set()).add(posting.id)
            try:
                prepared.append(prepare(posting))
            except Exception as e:  # an extractor bug must cost one posting, not the run
                _fail(report, on_error, f"{posting.id}: could not be extracted ({type(e).__name__}: {e})")
        result = save_batch(store, prepared, now)
        report.stored += result.stored
        report.updated += result.updated
        report.duplicates += result.duplicates
        for posting_id, reason in result.failed:
            _fail(report, on_error, f"{posting_id}: could not be stored ({reason})")
        if on_progress:
            on_progress(len(batch))
    if close_boards:
        report.held_open = len(unreadable & seen_by_board.keys())
        for board, seen in seen_by_board.items():
            if board not in unreadable:
                report.closed += close_missing(store, board, seen, now)
    return report


def _batches(
    items: Iterable[Posting | PostingError],
    report: IngestReport,
    on_error: Callable[[str], None] | None,
    seen_by_board: dict[str, set[str]],
    unreadable: set[str],
) -> Iterator[list[Posting]]:
    """Clean postings in batches. When the source breaks off (an unreadable file), the postings read
    before are still stored, then the error goes on up."""
    batch: list[Posting] = []
    try:
        for item in items:
            report.read += 1
            if not isinstance(item, PostingError):
                item = clean_posting(item)
            if isinstance(item, PostingError):
                _fail(report, on_error, item.message)
                if item.board and item.posting_id:  # still on the board: kept as it was
                    seen_by_board.setdefault(item.board, set()).add(item.posting_id)
                elif item.board:
                    unreadable.add(item.board)
                continue
            batch.append(item)
            if len(batch) >= BATCH_SIZE:
                yield batch
                batch = []
    except InputError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def _fail(report: IngestReport, on_error: Callable[[str], None] | None, message: str) -> None:
    report.failed += 1
    if len(report.errors) < 1000:
        report.errors.append(message)
    if on_error:
        on_error(message)
