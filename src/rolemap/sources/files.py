"""Postings from local files: JSON Lines, CSV, JSON (board API answers, HN items), HTML with JSON-LD,
and plain text / Markdown (one posting per file). Large inputs are streamed; one bad line is reported and
skipped, never the file."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from rolemap.errors import InputError, PostingError
from rolemap.models import Posting
from rolemap.sources import boards, hn
from rolemap.sources.jsonld import jsonld_postings

PostingOrError = Posting | PostingError

MAX_LINE_BYTES = 8 * 1024 * 1024  # one posting; a longer line is skipped without being held in memory
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # a whole JSON / HTML / text file is parsed at once, so it is capped
CONTRACT_FIELDS = ("id", "title", "description", "company", "location", "url", "posted_at")

FORMATS = ("jsonl", "csv", "json", "html", "text")
_SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".json": "json", ".html": "html", ".htm": "html",
    ".txt": "text", ".md": "text", ".markdown": "text", ".text": "text",
}  # fmt: skip


def check_readable(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; name the files inside it (e.g. {path}/*.jsonl)")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")


def detect_format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _SUFFIXES:
        return _SUFFIXES[suffixes[-1]]
    with _open_binary(path) as f:
        head = f.read(512).lstrip()
    if head.startswith((b"{", b"[")):
        return "jsonl" if head.startswith(b"{") and b"\n{" in head else "json"
    if head.startswith(b"<"):
        return "html"
    raise InputError(
        f"{path}: cannot tell its format from the name; pass --format with one of {', '.join(FORMATS)}"
    )


def read_file(
    path: Path, fmt: str | None = None, column_map: dict[str, str] | None = None, encoding: str = "utf-8"
) -> Iterator[PostingOrError]:
    check_readable(path)
    fmt = fmt or detect_format(path)
    if fmt == "jsonl":
        yield from jsonl_postings(path)
    elif fmt == "csv":
        yield from csv_postings(path, column_map or {}, encoding)
    elif fmt == "json":
        yield from json_postings(path, _read_document(path, encoding))
    elif fmt == "html":
        yield from jsonld_postings(_read_document(path, encoding), str(path))
    elif fmt == "text":
        yield text_posting(path, _read_document(path, encoding))
    else:
        raise InputError(f"{path}: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def read_bytes(name: str, data: bytes, fmt: str | None = None) -> Iterator[PostingOrError]:
    """Postings from bytes received (an upload, a fetched page), read as a file called `name` would be.
    Messages name `name`, never the temporary file."""
    safe = Path(name.replace("\\", "/")).name.strip() or "upload"  # no folders from the sender
    with tempfile.TemporaryDirectory(prefix="rolemap-") as folder:
        path = Path(folder) / safe[:100]
        path.write_bytes(data)
        try:
            for item in read_file(path, fmt):
                if isinstance(item, PostingError):
                    item = PostingError(item.where.replace(str(path), safe), item.message.split(": ", 1)[-1])
                yield item
        except InputError as e:
            raise InputError(e.message.replace(str(path), safe)) from None


def _open_binary(path: Path) -> IO[bytes]:
    with path.open("rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _read_document(path: Path, encoding: str) -> str:
    with _open_binary(path) as f:
        data = f.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"{path}: larger than {MAX_DOCUMENT_BYTES // 2**20} MB; split it, or use JSON Lines, which is streamed"
        )
    if not data.strip():
        raise InputError(f"{path}: is empty")
    return decode(data, str(path), encoding)


def decode(data: bytes, where: str, encoding: str = "utf-8") -> str:
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            f"{where}: not {encoding} text (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "pass --encoding latin-1 (or the file's real encoding)"
        ) from None
    except LookupError:
        raise InputError(f"{where}: unknown encoding {encoding!r}") from None


def jsonl_postings(path: Path) -> Iterator[PostingOrError]:
    read_any = False
    with _open_binary(path) as f:
        for number, line in enumerate(bounded_lines(f), 1):
            where = f"{path}:{number}"
            if line is None:
                yield PostingError(where, f"line longer than {MAX_LINE_BYTES // 2**20} MB; skipped")
                continue
            if not line.strip():
                continue
            read_any = True
            try:
                data = json.loads(decode(line, where))
            except InputError as e:
                yield PostingError(where, e.message.split(": ", 1)[1])
                continue
            except json.JSONDecodeError as e:
                yield PostingError(where, f"not valid JSON ({e.msg} at column {e.colno})")
                continue
            yield posting_from_object(data, where)
    if not read_any:
        raise InputError(f"{path}: is empty")


def bounded_lines(f: IO[bytes]) -> Iterator[bytes | None]:
    """Lines of at most MAX_LINE_BYTES; a longer one is drained in chunks and given as None."""
    while True:
        line = f.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (chunk := f.readline(1 << 20)) and not chunk.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def posting_from_object(data: Any, where: str) -> PostingOrError:
    """One JSON object: a contract posting, an HN dump row or an HN API item."""
    if not isinstance(data, dict):
        return PostingError(where, f"expected a JSON object, got {type(data).__name__}")
    try:
        if hn.is_dump_row(data):
            return hn.from_dump_row(data)
        if hn.is_api_item(data):
            return hn.from_api_item(data)
        return contract_posting(data, where)
    except PostingError as e:
        return PostingError(where, e.message)


def contract_posting(data: dict[str, Any], where: str, source: str = "jsonl") -> Posting:
    """A posting in the input format of ../shared/spec/extraction.md; other keys go to source_fields."""
    raw_id = data.get("id")
    if raw_id in (None, "") or isinstance(raw_id, (dict, list, bool)):
        raise PostingError(where, "has no usable 'id' (a string is required)")
    for key in ("title", "description"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise PostingError(
                where, f"'{key}' must be a string, got {type(data[key]).__name__}", str(raw_id)
            )
    if not data.get("title") and not data.get("description"):
        raise PostingError(where, "has neither a title nor a description", str(raw_id))
    optional = {
        k: str(data[k]) for k in ("company", "location", "url", "posted_at") if data.get(k) not in (None, "")
    }
    if "posted_at" in optional:
        optional["posted_at"] = posted_date(optional["posted_at"])
    return Posting(
        id=str(raw_id),
        title=data.get("title") or "",
        description=data.get("description") or "",
        source=source,
        source_fields={k: v for k, v in data.items() if k not in CONTRACT_FIELDS},
        **optional,
    )


_EPOCH = re.compile(r"^\d{9,13}(?:\.0+)?$")


def posted_date(value: str) -> str:
    """ISO dates pass through; a Unix timestamp in seconds or milliseconds (LinkedIn's "1713397508000.0")
    becomes the ISO date (UTC) it stands for."""
    value = value.strip()
    if not _EPOCH.match(value):
        return value
    seconds = float(value)
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    return datetime.fromtimestamp(seconds, UTC).date().isoformat()


def csv_postings(path: Path, column_map: dict[str, str], encoding: str) -> Iterator[PostingOrError]:
    """CSV with the contract's column names, or others renamed with --map title=jobtitle,..."""
    csv.field_size_limit(MAX_LINE_BYTES)
    with _open_binary(path) as raw:
        text = io.TextIOWrapper(
            raw, encoding="utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding, newline=""
        )
        reader = csv.DictReader(text)
        try:
            header = reader.fieldnames
        except UnicodeDecodeError:
            raise InputError(
                f"{path}: not {encoding} text; pass --encoding latin-1 (or the real encoding)"
            ) from None
        except csv.Error as e:
            raise InputError(f"{path}: not valid CSV ({e})") from None
        if not header:
            raise InputError(f"{path}: is empty")
        rename = {source: target for target, source in column_map.items()}
        missing_maps = [s for s in rename if s not in header]
        if missing_maps:
            raise InputError(
                f"{path}: --map names columns that are not in the file: {missing_maps}; columns: {header}"
            )
        columns = [rename.get(c, c) for c in header]
        if "title" not in columns and "description" not in columns:
            raise InputError(
                f"{path}: no 'title' or 'description' column (columns: {', '.join(header)}); "
                "rename yours with --map title=COLUMN,description=COLUMN"
            )
        number = 1
        try:
            for number, row in enumerate(reader, 2):
                yield _csv_row(row, rename, f"{path}:{number}")
        except UnicodeDecodeError:
            yield PostingError(
                f"{path}:{number + 1}",
                f"not {encoding} text; the rest of the file was not read "
                "(pass --encoding latin-1 or the real encoding)",
            )
        except csv.Error as e:
            yield PostingError(
                f"{path}:{number + 1}", f"not valid CSV ({e}); the rest of the file was not read"
            )


def _csv_row(row: dict[str | None, Any], rename: dict[str, str], where: str) -> PostingOrError:
    if None in row:
        return PostingError(where, "has more fields than the header")
    data = {rename.get(k, k): v for k, v in row.items() if k is not None}
    if not data.get("id"):
        basis = f"{data.get('title', '')}\n{data.get('company', '')}\n{data.get('description', '')}"
        data["id"] = f"csv-{hashlib.sha1(basis.encode()).hexdigest()[:16]}"
    try:
        return contract_posting(data, where, source="csv")
    except PostingError as e:
        return e


def json_postings(path: Path, text: str) -> Iterator[PostingOrError]:
    where = str(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    provider = boards.sniff_board(data)
    if provider:
        yield from _board_file(path, data, provider)
    elif hn.is_algolia_item(data):
        if data.get("type") == "story":
            yield from hn.algolia_thread(data)
        else:
            yield hn.from_algolia_item(data)
    elif isinstance(data, list):
        for n, item in enumerate(data, 1):
            yield posting_from_object(item, f"{where}[{n}]")
    elif isinstance(data, dict):
        yield posting_from_object(data, where)
    else:
        raise InputError(
            f"{path}: a JSON {type(data).__name__} is not a posting, a list of postings or a board answer"
        )


def _board_file(path: Path, data: Any, provider: str) -> Iterator[PostingOrError]:
    jobs = data if isinstance(data, list) else data.get("jobs", [])
    first = next((j for j in jobs if isinstance(j, dict)), {})
    url = first.get("absolute_url") or first.get("hostedUrl") or first.get("jobUrl")
    board = boards.board_from_url(url, provider) or path.name.split(".")[0]
    readers = {
        "greenhouse": boards.greenhouse_postings,
        "lever": boards.lever_postings,
        "ashby": boards.ashby_postings,
    }
    yield from readers[provider](data, board)


def text_posting(path: Path, text: str) -> PostingOrError:
    """A plain-text or Markdown file is one posting: its first line is the title."""
    lines = text.strip().split("\n", 1)
    title = lines[0].strip().lstrip("#").strip().strip("*_").strip()[:300]
    body = lines[1] if len(lines) > 1 else ""
    digest = hashlib.sha1(text.encode()).hexdigest()[:16]
    return Posting(
        id=f"text-{digest}", title=title, description=body, source="text", source_fields={"file": path.name}
    )


def count_lines(path: Path) -> int | None:
    """Lines in a JSON Lines file (a quick count for the progress bar); None for other formats."""
    try:
        if detect_format(path) != "jsonl":
            return None
        with _open_binary(path) as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    except (InputError, OSError):
        return None
