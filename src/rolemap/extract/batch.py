"""The `rolemap extract` contract: JSON Lines in, one record a line out, in order, errors as records."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO

from rolemap.errors import InputError, PostingError
from rolemap.extract.engine import extract_posting
from rolemap.models import Posting
from rolemap.sources.boards import sniff_board
from rolemap.sources.contract import posting_from_object
from rolemap.sources.decoding import MAX_LINE_BYTES, bounded_lines, check_encoding, decode, line_encoding

_PROGRESS_EVERY = 200


def extract_lines(
    src: IO[bytes],
    dst: IO[str],
    on_progress: Callable[[int], None] | None = None,
    name: str = "input",
    encoding: str = "utf-8",
) -> int:
    """Returns how many lines could not be read. An input that is no JSON Lines at all (a page, a board's
    answer spread over lines) is one InputError at its first line, not an error record a line. Lines are
    read in `encoding` (a UTF-16 or UTF-32 input is known by its byte-order mark)."""
    failed = 0
    pending = 0
    first = True
    check_encoding(encoding, name)
    lines_in = line_encoding(encoding)
    for number, line in enumerate(bounded_lines(src, encoding, name), 1):
        if line is not None and not line.strip():
            continue
        if first:
            first = False
            if (kind := _not_json_lines(line)) is not None:
                raise InputError(
                    f"{name}: {kind}, not JSON Lines (one posting a line); `rolemap ingest` reads pages, "
                    "board answers and CSV"
                )
        record = _record(line, f"line {number}", lines_in)
        failed += "error" in record
        dst.write(record_json(record) + "\n")
        pending += 1
        if on_progress and pending == _PROGRESS_EVERY:
            on_progress(pending)
            pending = 0
    if on_progress and pending:
        on_progress(pending)
    return failed


def _not_json_lines(line: bytes | None) -> str | None:
    """What a first line says the whole input is, when it is no posting's line: an HTML page ("<"), or a
    JSON document written over many lines (its first line opens an object or a list and ends opening
    another: "{", "[{", '{"jobs": ['). A broken posting's line ('{"id": "a", "title":') is only itself."""
    head = (line or b"").strip()
    if head.startswith(b"<"):
        return "an HTML page"
    if head[:1] in (b"{", b"[") and head.endswith((b"{", b"[")) and not _parses(head):
        return "a JSON document written over many lines"
    return None


def _parses(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def _record(line: bytes | None, where: str, encoding: str = "utf-8") -> dict[str, object]:
    item = read_line(line, where, encoding)
    return item if isinstance(item, dict) else record_of(item, where)


def read_line(line: bytes | None, where: str, encoding: str = "utf-8") -> Posting | dict[str, object]:
    """The posting of one input line (its bytes in `encoding`), or the error record that stands for it."""
    if line is None:
        return {"id": None, "error": f"{where}: longer than {MAX_LINE_BYTES // 2**20} MB"}
    try:
        data = json.loads(decode(line, where, encoding))
    except json.JSONDecodeError as e:
        return {"id": None, "error": f"{where}: not valid JSON ({e.msg} at column {e.colno})"}
    except Exception as e:  # InputError from decode: not UTF-8
        return {"id": None, "error": getattr(e, "message", str(e))}
    return read_object(data, where)


def read_object(data: object, where: str) -> Posting | dict[str, object]:
    if provider := sniff_board(data):  # a saved board answer on one line: many jobs, not one posting
        return {
            "id": None,
            "error": f"{where}: a {provider} board answer, not a posting; read it with `rolemap ingest`",
        }
    item = posting_from_object(data, where)
    if isinstance(item, PostingError):
        raw_id = data.get("id") if isinstance(data, dict) else None
        return {"id": raw_id if isinstance(raw_id, (str, int)) else None, "error": item.message}
    return item


def record_of(item: Posting, where: str, text: str | None = None) -> dict[str, object]:
    """The extraction record of a posting (of its document text when already made)."""
    try:
        return extract_posting(item, text).as_dict()
    except Exception as e:  # an extractor bug costs this line, not the run
        return {"id": item.id, "error": f"{where}: could not be extracted ({type(e).__name__})"}


def record_json(record: dict[str, object]) -> str:
    """A record as one line of `rolemap extract` output (without its newline)."""
    return json.dumps(record, ensure_ascii=False)
