"""A file's bytes as text: its encoding (named with --encoding, or a UTF-16 / UTF-32 byte-order mark, which
says it without doubt), its lines read one at a time under a cap, and a message that names what the bytes
are when they are no text of that encoding: text in another encoding (try latin-1), UTF-16 without its mark,
or binary data, which no encoding reads."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import IO, Any

from rolemap.errors import InputError

MAX_LINE_BYTES = 8 * 1024 * 1024  # one posting; a longer line is skipped without being held in memory

# UTF-32's marks first: UTF-32 LE's opens with UTF-16 LE's
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SYNTAX = '\n\r{}[]":,'  # what a line reader splits on and JSON is written with


def is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def check_encoding(encoding: str, where: str) -> None:
    """An InputError naming `where` for an encoding Python does not know."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            f"{where}: unknown encoding {encoding!r} (e.g. utf-8, latin-1, cp1252, utf-16)"
        ) from None


def marked_encoding(head: bytes) -> str | None:
    """The encoding a UTF-16 or UTF-32 byte-order mark at the start of `head` names; None without one."""
    return next((name for mark, name in _MARKS if head.startswith(mark)), None)


def text_encoding(head: bytes, encoding: str) -> str:
    """The encoding to read bytes starting with `head` in: `encoding`, but a UTF-16 / UTF-32 mark wins over
    the default UTF-8 (they cannot both be right), and UTF-8's own mark is dropped."""
    if is_utf8(encoding):
        return marked_encoding(head) or "utf-8-sig"
    return encoding


def decode(data: bytes, where: str, encoding: str = "utf-8") -> str:
    """Bytes as text; an InputError naming `where` and what the bytes look like when they are not."""
    name = text_encoding(data[:4], encoding)
    if name == "utf-8-sig" and _utf16_unmarked(data[:64]):  # NULs are UTF-8 too: no decoding error tells
        raise InputError(f"{where}: {not_text(data, None, encoding)}")
    try:
        return data.decode(name)
    except UnicodeDecodeError as e:
        raise InputError(f"{where}: {not_text(data, e.start, encoding)}") from None
    except LookupError:
        raise InputError(f"{where}: unknown encoding {encoding!r}") from None


def not_text(data: bytes, offset: int | None, encoding: str) -> str:
    """Why `data` is no `encoding` text, and the advice that helps: another encoding (latin-1), UTF-16
    written without its mark, or none at all for binary data."""
    at = (
        f" (byte 0x{data[offset]:02x} at offset {offset})"
        if offset is not None and offset < len(data)
        else ""
    )
    head = data[:4096]
    if _utf16_unmarked(head):
        return (
            f"not {encoding} text{at}: UTF-16 without its byte-order mark? "
            "pass --encoding utf-16-le (or utf-16-be)"
        )
    if _binary(head):
        return f"not text{at}: it holds binary data (control bytes), no text in any encoding"
    return f"not {encoding} text{at}; pass --encoding latin-1 (or the file's real encoding)"


def _utf16_unmarked(head: bytes) -> bool:
    """ASCII written as UTF-16: a NUL at every other byte."""
    sample = head[:64]
    return len(sample) >= 8 and any(half.count(0) == len(half) for half in (sample[0::2], sample[1::2]))


_CONTROL = frozenset(range(32)) - {9, 10, 12, 13} | {127}


def _binary(head: bytes) -> bool:
    """A NUL, or more control bytes than text ever has (1 in 50): no encoding makes this text."""
    controls = sum(1 for b in head if b in _CONTROL)
    return b"\0" in head or controls * 50 > len(head)


def ascii_compatible(encoding: str) -> bool:
    """Whether `encoding` writes newlines and JSON's punctuation as ASCII does, so lines can be cut from its
    bytes (latin-1, cp1252, UTF-8 do; UTF-16 and UTF-32 do not)."""
    try:
        return _SYNTAX.encode(encoding) == _SYNTAX.encode("ascii")
    except (LookupError, UnicodeError):
        return False


def line_encoding(encoding: str) -> str:
    """The encoding of the lines `bounded_lines(f, encoding)` gives."""
    return encoding if ascii_compatible(encoding) else "utf-8"


def bounded_lines(f: IO[bytes], encoding: str = "utf-8", where: str = "input") -> Iterator[bytes | None]:
    """Lines of at most MAX_LINE_BYTES; a longer one is drained in chunks and given as None. Lines are in
    `line_encoding(encoding)`: as the file has them, or, for a file in UTF-16 or UTF-32 (named, or marked
    while the default UTF-8 is named), as UTF-8."""
    peek = getattr(f, "peek", None)
    marked = marked_encoding(peek(4)[:4]) if peek is not None and is_utf8(encoding) else None
    if marked or not ascii_compatible(encoding):
        f = io.BufferedReader(_Utf8Stream(f, marked or encoding, where), buffer_size=1 << 16)
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


class _Utf8Stream(io.RawIOBase):
    """A byte stream in another encoding, read as UTF-8 bytes. Bytes that are no text of that encoding end
    the read with one InputError naming `where`."""

    def __init__(self, raw: IO[bytes], encoding: str, where: str) -> None:
        self._text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        self._encoding, self._where = encoding, where
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._pending:
            try:
                self._pending = self._text.read(1 << 16).encode("utf-8")
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{self._where}: not {self._encoding} text ({e.reason}); the rest was not read"
                ) from None
            except UnicodeEncodeError:  # a lone surrogate
                raise InputError(f"{self._where}: not {self._encoding} text; the rest was not read") from None
            if not self._pending:
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def close(self) -> None:
        if not self.closed:
            self._text.detach()  # the caller closes the file it opened
        super().close()
