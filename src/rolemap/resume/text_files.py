"""Which files a resume is read from, and a text resume's bytes as text.

The suffix says the format: PDF, DOCX, JSON Resume, or text (Markdown, plain text); a file with no suffix
is known by its first bytes. Anything else (RTF, ODT, HTML, an image, an archive) is refused by name, not
read as text into an empty profile. Text is UTF-8 (with or without a BOM) or UTF-16 (a BOM, or the zero
bytes of ASCII text saved as UTF-16 without one); text in no Unicode encoding is read as Windows-1252
(Latin-1's superset, what Windows editors save) where that gives plausible text, and refused with the fix
("save it as UTF-8") where it does not.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from rolemap.errors import InputError

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
SUFFIXES = (".pdf", ".docx", ".json", *TEXT_SUFFIXES)  # what the CLI and the web read (the web: by name only)
READABLE = "a resume as .pdf, .docx, .md, .txt or JSON Resume .json"


def format_of(raw: bytes, path: Path) -> str:
    """ "pdf", "docx", "json" or "text": by the file's suffix, or by its first bytes where it has none."""
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx"):
        _check_renamed(raw, path, suffix)
    if suffix in SUFFIXES and suffix not in TEXT_SUFFIXES:
        return suffix[1:]
    if suffix in TEXT_SUFFIXES:
        return "text"
    if not suffix:
        if raw.startswith(b"%PDF"):
            return "pdf"
        if raw.startswith(b"PK\x03\x04"):
            return "docx"
        if raw.lstrip()[:1] in (b"{", b"[") and not raw.lstrip().startswith(b"{\\rtf"):
            return "json"
        if not raw.lstrip().startswith((b"{\\rtf", b"<")):
            return "text"
    kind = f"a {suffix} file" if suffix else "this kind of file"
    raise InputError(f"{path.name}: rolemap cannot read {kind}; save {READABLE}")


def _check_renamed(raw: bytes, path: Path, suffix: str) -> None:
    """A Word file named .pdf, or a PDF named .docx, refused with what it really is and the fix, not as a
    damaged file of the kind its name says."""
    is_pdf, is_zip = b"%PDF" in raw[:1024], raw.startswith(b"PK\x03\x04")  # a PDF may open after junk
    if suffix == ".pdf" and is_zip and not is_pdf:
        raise InputError(
            f"{path.name}: this is a Word (.docx) or other zip file named .pdf; rename it to .docx"
        )
    if suffix == ".docx" and is_pdf and not is_zip:
        raise InputError(f"{path.name}: this is a PDF file named .docx; rename it to .pdf")


def decode_text(raw: bytes, path: Path) -> str:
    """A text file's bytes as text (see the module's docstring)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(raw, "utf-16", path)
    head = raw[:4096]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16:
            return _decoded(raw, utf16, path)
        raise InputError(f"{path.name}: binary data, not a text resume (save {READABLE})")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _plausible(text):
        return text
    raise InputError(
        f"{path.name}: not UTF-8 text; save it as UTF-8 (or as {READABLE.removeprefix('a resume as ')})"
    )


def _decoded(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: damaged UTF-16 text; save it as UTF-8") from None


def _utf16_without_bom(head: bytes) -> str | None:
    """ASCII text saved as UTF-16 without a BOM has a zero byte in every other place: before each letter
    (big-endian) or after it (little-endian)."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4 or len(head) % 2:
        return None
    if even.count(0) >= len(even) * 0.9 and odd.count(0) == 0:
        return "utf-16-be"
    if odd.count(0) >= len(odd) * 0.9 and even.count(0) == 0:
        return "utf-16-le"
    return None


def _plausible(text: str) -> bool:
    """Text a person wrote: no control characters but line breaks and tabs, and most characters outside
    ASCII letters ("Müller", "São Paulo") or punctuation (the dashes, quotes and bullets of Windows-1252)
    rather than symbols."""
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text):
        return False
    wide = [c for c in text if ord(c) > 127]
    written = sum(c.isalpha() or unicodedata.category(c).startswith("P") or c == "€" for c in wide)
    return written >= len(wide) * 0.8
