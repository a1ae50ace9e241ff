"""Postings from local files: JSON Lines, CSV, JSON (board API answers, HN items), HTML with JSON-LD,
and plain text / Markdown (one posting per file). Large inputs are streamed; one bad line is reported and
skipped, never the file."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import logging
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolemap.errors import InputError, PostingError
from rolemap.models import Posting
from rolemap.sources.clean import clean_posting, parse_json
from rolemap.sources.contract import contract_posting, posting_from_object, salary_without_currency
from rolemap.sources.decoding import (
    MAX_LINE_BYTES,
    bounded_lines,
    check_encoding,
    decode,
    line_encoding,
    not_text,
    text_encoding,
)
from rolemap.sources.json_files import json_postings
from rolemap.sources.jsonld import jsonld_postings

PostingOrError = Posting | PostingError

_log = logging.getLogger("rolemap.sources")

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # a whole JSON / HTML / text file is parsed at once, so it is capped


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one file may hold once decompressed. A file past a cap is "too large": what was read
    before stays read, the rest is not read."""

    max_bytes: int = 16 * 2**30
    max_lines: int = 50_000_000
    max_ratio: int = 100  # decompressed / compressed size of a gzip file, checked past RATIO_FLOOR bytes


RATIO_FLOOR = 2**20
FILE_LIMITS = Limits()  # a file named on the command line
RECEIVED_LIMITS = Limits(max_bytes=256 * 2**20, max_lines=200_000)  # bytes received: an upload, a page

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
    path: Path,
    fmt: str | None = None,
    column_map: dict[str, str] | None = None,
    encoding: str = "utf-8",
    limits: Limits = FILE_LIMITS,
) -> Iterator[PostingOrError]:
    """Every posting of one file, each made safe to store (`clean_posting`), or the error of one posting.
    A file that cannot be read at all is an InputError; one that breaks off part-way (a truncated gzip, a
    cap reached) gives what was read and one PostingError naming the file."""
    check_readable(path)
    check_encoding(encoding, str(path))
    column_map = column_map or {}
    fmt = fmt or detect_format(path)
    if fmt == "jsonl":
        items = jsonl_postings(path, column_map, limits, encoding)
    elif fmt == "csv":
        items = csv_postings(path, column_map, encoding, limits)
    elif fmt == "json":
        items = json_postings(path, _read_document(path, encoding, limits))
    elif fmt == "html":
        items = jsonld_postings(_read_document(path, encoding, limits), str(path))
    elif fmt == "text":
        items = iter([text_posting(path, _read_document(path, encoding, limits))])
    else:
        raise InputError(f"{path}: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    for item in items:
        yield item if isinstance(item, PostingError) else clean_posting(item)


def read_bytes(
    name: str, data: bytes, fmt: str | None = None, limits: Limits = RECEIVED_LIMITS
) -> Iterator[PostingOrError]:
    """Postings from bytes received (an upload, a fetched page), read as a file called `name` would be.
    Messages name `name`, never the temporary file."""
    safe = Path(name.replace("\\", "/")).name.strip() or "upload"  # no folders from the sender
    if safe in (".", ".."):
        safe = "upload"
    with tempfile.TemporaryDirectory(prefix="rolemap-") as folder:
        path = Path(folder) / safe[:100]
        path.write_bytes(data)
        try:
            for item in read_file(path, fmt, limits=limits):
                if isinstance(item, PostingError):
                    item = PostingError(item.where.replace(str(path), safe), item.message.split(": ", 1)[-1])
                yield item
        except InputError as e:
            raise InputError(e.message.replace(str(path), safe)) from None


def _open_binary(path: Path, limits: Limits = FILE_LIMITS) -> io.BufferedReader:
    """The file's bytes, gunzipped when it is gzip, within `limits`. A corrupt or truncated gzip, a cap
    reached or a read error surfaces as one InputError naming the file, whichever reader is reading."""
    raw = path.open("rb")
    try:
        gz = gzip.GzipFile(fileobj=raw, mode="rb") if raw.read(2) == b"\x1f\x8b" else None
        raw.seek(0)
    except OSError:
        raw.close()
        raise
    return io.BufferedReader(_CappedStream(raw, gz, str(path), limits), buffer_size=1 << 16)


class _CappedStream(io.RawIOBase):
    def __init__(self, raw: io.BufferedReader, gz: gzip.GzipFile | None, where: str, limits: Limits) -> None:
        self._raw, self._gz, self._where, self._limits = raw, gz, where, limits
        self._bytes = self._lines = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            n = (self._gz or self._raw).readinto(buffer)
        except (EOFError, zlib.error) as e:
            raise InputError(
                f"{self._where}: not a readable gzip file ({e}); the rest was not read"
            ) from None
        except OSError as e:  # gzip.BadGzipFile is one
            kind = "not a readable gzip file" if self._gz else "could not be read"
            raise InputError(f"{self._where}: {kind} ({e.strerror or e}); the rest was not read") from None
        if not n:
            return 0
        self._bytes += n
        self._lines += bytes(memoryview(buffer)[:n]).count(b"\n")
        self._check()
        return n

    def _check(self) -> None:
        limits = self._limits
        if self._bytes > limits.max_bytes:
            raise InputError(
                f"{self._where}: too large (more than {limits.max_bytes / 2**30:g} GB of data); "
                "split it; the rest was not read"
            )
        if self._lines > limits.max_lines:
            raise InputError(
                f"{self._where}: too large (more than {limits.max_lines:,} lines); split it; the rest was not read"
            )
        if self._gz is not None and self._bytes > RATIO_FLOOR:
            packed = max(self._raw.tell(), 1)
            if self._bytes > limits.max_ratio * packed:
                raise InputError(
                    f"{self._where}: too large (it decompresses to more than {limits.max_ratio} times its "
                    "size: a decompression bomb?); the rest was not read"
                )

    def close(self) -> None:
        if self._gz is not None:
            self._gz.close()
        self._raw.close()
        super().close()


def _read_document(path: Path, encoding: str, limits: Limits = FILE_LIMITS) -> str:
    with _open_binary(path, limits) as f:
        data = f.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"{path}: larger than {MAX_DOCUMENT_BYTES // 2**20} MB; split it, or use JSON Lines, which is streamed"
        )
    if not data.strip():
        raise InputError(f"{path}: is empty")
    return decode(data, str(path), encoding)


def jsonl_postings(
    path: Path,
    column_map: dict[str, str] | None = None,
    limits: Limits = FILE_LIMITS,
    encoding: str = "utf-8",
) -> Iterator[PostingOrError]:
    """One posting a line, in `encoding` (a UTF-16 or UTF-32 file is known by its byte-order mark)."""
    read_any = False
    lines_in = line_encoding(encoding)
    noted = _SalaryNotice(path)
    with _open_binary(path, limits) as f:
        lines = enumerate(bounded_lines(f, encoding, str(path)), 1)
        while True:
            try:
                number, line = next(lines)
            except StopIteration:
                break
            except InputError as e:  # a corrupt or truncated gzip, a cap: what was read stays read
                if not read_any:
                    raise
                yield PostingError(str(path), e.message.split(": ", 1)[-1])
                return
            where = f"{path}:{number}"
            if line is not None and not line.strip():
                continue
            read_any = True
            if line is None:
                yield PostingError(
                    where, f"too large: a line longer than {MAX_LINE_BYTES // 2**20} MB; skipped"
                )
                continue
            try:
                data = parse_json(decode(line, where, lines_in))
            except InputError as e:
                yield PostingError(where, e.message.split(": ", 1)[1])
                continue
            except ValueError as e:  # JSONDecodeError, or nesting too deep
                yield PostingError(where, str(e))
                continue
            yield noted(posting_from_object(data, where, column_map))
    if not read_any:
        raise InputError(f"{path}: is empty")


def csv_postings(
    path: Path, column_map: dict[str, str], encoding: str, limits: Limits = FILE_LIMITS
) -> Iterator[PostingOrError]:
    """CSV with the contract's column names, or others renamed with --map title=jobtitle,...

    Read strictly: a quote that is never closed is an error naming the line where its field starts (not
    a giant field that swallows the rest of the file), and a malformed row costs only that row, as does a
    field larger than MAX_LINE_BYTES. A file of a header and no rows is an InputError, as an empty one is."""
    csv.field_size_limit(MAX_LINE_BYTES)
    with _open_binary(path, limits) as raw:
        head = raw.peek(4096)[:4096]
        text = io.TextIOWrapper(raw, encoding=text_encoding(head, encoding), newline="")
        lines = _CsvLines(text)
        reader = csv.DictReader(lines, strict=True)
        try:
            header = reader.fieldnames
        except UnicodeDecodeError:
            raise InputError(f"{path}: {not_text(head, None, encoding)}") from None
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
        rows = 0
        for item in _csv_rows(path, reader, lines, rename, column_map, encoding):
            rows += 1
            yield item
        if not rows:
            raise InputError(f"{path}: no postings in it (a header row and no row under it)")


class _CsvLines:
    """The lines a csv reader reads, counted, and whether the row being read holds a quote still open (an
    odd number of quote marks since the row began; a doubled quote counts twice), so that after a field too
    large to read the reader can go on at the line that closes it."""

    def __init__(self, text: Iterator[str]) -> None:
        self._text = text
        self.number = 0
        self.quote_open = False

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        line = next(self._text)
        self.number += 1
        if line.count('"') % 2:
            self.quote_open = not self.quote_open
        return line

    def close_row(self) -> bool:
        """Read on to the end of the row begun (past the line that closes its open quote); False when the
        file ends first."""
        while self.quote_open:
            try:
                next(self)
            except StopIteration:
                return False
        return True


def _csv_rows(
    path: Path,
    reader: csv.DictReader[str],
    lines: _CsvLines,
    rename: dict[str, str],
    column_map: dict[str, str],
    encoding: str,
) -> Iterator[PostingOrError]:
    noted = _SalaryNotice(path)
    while True:
        start = lines.number + 1  # the line this row starts on (a quoted field may span lines)
        lines.quote_open = False
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            yield PostingError(
                f"{path}:{start}",
                f"not {encoding} text; the rest of the file was not read "
                "(pass --encoding latin-1 or the real encoding)",
            )
            return
        except csv.Error as e:
            too_large = "field larger than field limit" in str(e)
            if "unexpected end of data" in str(e) or (too_large and not lines.close_row()):
                yield PostingError(
                    f"{path}:{start}",
                    "a quoted field starts on this line and its quote is never closed; "
                    "the rest of the file was not read",
                )
                return
            if too_large:
                yield PostingError(
                    f"{path}:{start}",
                    f"a field larger than {MAX_LINE_BYTES // 2**20} MB; row skipped",
                )
                continue
            yield PostingError(f"{path}:{start}", f"not valid CSV ({e}); row skipped")
            continue
        except InputError as e:  # a corrupt or truncated gzip, a cap
            yield PostingError(f"{path}:{start}", e.message.split(": ", 1)[-1])
            return
        yield noted(_csv_row(row, rename, column_map, f"{path}:{start}"))


class _SalaryNotice:
    """Says once for a file, on stderr (the `rolemap.sources` logger), that its salary columns were not read
    for want of a currency: a fact the user mapped is never dropped without a word."""

    def __init__(self, path: Path) -> None:
        self._path, self._said = path, False

    def __call__(self, item: PostingOrError) -> PostingOrError:
        if not self._said and isinstance(item, Posting) and salary_without_currency(item):
            self._said = True
            _log.warning(
                "%s: salary columns ignored: no currency (map salary_currency to a column that names it, "
                "or write the amounts with it: $120,000)",
                self._path,
            )
        return item


def _csv_row(
    row: dict[str | None, Any], rename: dict[str, str], column_map: dict[str, str], where: str
) -> PostingOrError:
    if None in row:
        return PostingError(where, "has more fields than the header")
    data = {rename.get(k, k): v for k, v in row.items() if k is not None}
    if not data.get("id"):
        basis = f"{data.get('title', '')}\n{data.get('company', '')}\n{data.get('description', '')}"
        data["id"] = f"csv-{hashlib.sha1(basis.encode('utf-8', 'replace')).hexdigest()[:16]}"
    try:
        return contract_posting(data, where, source="csv", column_map=column_map)
    except PostingError as e:
        return e


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
    """Lines in a JSON Lines file (a quick count for the progress bar); None for other formats and for a
    file that cannot be read to its end (the reader reports why)."""
    try:
        if detect_format(path) != "jsonl":
            return None
        with _open_binary(path) as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    except (InputError, OSError, EOFError, zlib.error):
        return None
