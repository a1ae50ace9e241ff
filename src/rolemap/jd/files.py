"""Job descriptions as files or standard input, linted: read with a size cap, decoded, refused with one
clear line when they are not text; and where each finding is in the file as written (for an HTML page,
the line of the page that holds the flagged words, not the line of its rendered text)."""

from __future__ import annotations

import datetime as dt
import html
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rolemap.errors import InputError
from rolemap.jd.findings import Finding
from rolemap.jd.lint import lint_document

MAX_JD_BYTES = 1024 * 1024  # a job description is a few kilobytes; a page with its markup, some hundred
STDIN = "-"
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Linted:
    """One linted JD: its name, the text the findings point into, the findings, and the file as written."""

    where: str
    text: str
    findings: list[Finding]
    source: str | None = None  # the file as written, when it is not `text` (an HTML page)
    _lines: Lines = field(init=False, repr=False, compare=False)
    _source_lines: Lines | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lines", Lines(self.text))
        object.__setattr__(self, "_source_lines", Lines(self.source) if self.source is not None else None)

    def position(self, offset: int, end: int | None = None) -> tuple[int, int]:
        """1-based line and column of a finding in the file as written."""
        if self.source is None or self._source_lines is None:
            return self._lines.at(offset)
        found = _find_in_markup(self.source, self.text[offset : end if end is not None else offset])
        return self._source_lines.at(found) if found is not None else (1, 1)

    def region(self, f: Finding) -> tuple[int, int, int, int]:
        """Start line and column, end line and column of a finding in the file as written."""
        start_line, start_col = self.position(f.start, f.end)
        if self.source is not None:
            width = max(1, min(f.end - f.start, 200))
            return start_line, start_col, start_line, start_col + width
        end_line, end_col = self._lines.at(max(f.end, f.start))
        return start_line, start_col, end_line, max(end_col, start_col) if end_line == start_line else end_col


class Lines:
    """Offsets → 1-based line and column."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def _find_in_markup(markup: str, words: str) -> int | None:
    """Where the flagged words stand in the page's markup (as written or entity-escaped), if they do."""
    first_line = words.strip().split("\n", 1)[0][:60].strip()
    if not first_line:
        return None
    for form in (first_line, html.escape(first_line, quote=False), html.escape(first_line)):
        found = markup.find(form)
        if found != -1:
            return found
    return None


def read_jd(where: str, stream: BinaryIO | None = None) -> str:
    """A JD's text from a file (or standard input when `where` is "-"), refused with one line when it is
    missing, empty, larger than MAX_JD_BYTES or not text."""
    if where == STDIN:
        if stream is None:
            raise InputError("-: no standard input to read")
        data = stream.read(MAX_JD_BYTES + 1)
        name = "standard input"
    else:
        path = Path(where)
        if not path.exists():
            raise InputError(f"{where}: no such file")
        if not path.is_file():
            raise InputError(f"{where}: not a file (name the job descriptions, e.g. {where}/*.md)")
        try:
            with path.open("rb") as f:
                data = f.read(MAX_JD_BYTES + 1)
        except OSError as e:
            raise InputError(f"{where}: cannot read ({e.strerror})") from None
        name = where
    if len(data) > MAX_JD_BYTES:
        raise InputError(
            f"{name}: larger than {MAX_JD_BYTES // 1024} KB; a job description is a few KB of text, Markdown or HTML"
        )
    if not data.strip():
        raise InputError(f"{name}: empty; nothing to lint")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "a job description must be text, Markdown or HTML"
        ) from None
    if "\x00" in text:
        raise InputError(
            f"{name}: binary data (a NUL byte at offset {text.index(chr(0))}); not a job description"
        )
    return text


def lint_jd(where: str, raw: str, today: dt.date | None = None) -> Linted:
    """Lint one JD as written: HTML by its name or its tags."""
    is_html = where.lower().endswith(_HTML_SUFFIXES) or None
    text, findings = lint_document(raw, today, html=is_html)
    return Linted(where, text, findings, None if text == raw else raw)
