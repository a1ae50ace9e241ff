"""A DOCX resume as lines of text, in document order: paragraphs **and tables** (the usual Word template
sets a role's title, employer and dates in a table row, and some put the whole page in a two-column table).

A hostile DOCX is one clear InputError: the package is unpacked part by part in chunks, each held to the
size its zip directory states and all to MAX_DOCX_UNPACKED, before python-docx sees a repacked copy.

Lines come out in the shape `read.from_text` reads: `#`… for a heading style (its level kept, so "Heading 1"
sections and "Heading 2" roles stay apart), `- ` for a list paragraph (a list style or Word numbering), and
a table row of short cells as one line, cells joined by " | " ("Senior Engineer | Acme | 2019 – 2023").
A cell holding more than a few paragraphs, or a list, a heading or a paragraph opened by a typed bullet
mark ("▪ Built…"), is a layout cell: its paragraphs are lines of their own, left cell first. A text box
(`w:txbxContent`, a sidebar's usual frame) is read where it is anchored, after its paragraph's own text.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from rolemap.errors import InputError
from rolemap.resume.marks import opens_with_a_mark

MAX_DOCX_UNPACKED = 50 * 2**20  # a DOCX that unpacks to more than this is a zip bomb
MAX_DOCX_PARTS = 1000  # files inside a DOCX; a real one has a few dozen
_CHUNK = 1 << 20
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def docx_text(raw: bytes, path: Path) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(_unpacked_docx(raw, path)))
        return "\n".join(_block_lines(document.element.body, _Styles(document)))
    except InputError:
        raise
    except Exception:  # python-docx raises several kinds on a damaged package
        raise InputError(f"{path.name}: a damaged DOCX (it cannot be opened)") from None


def _block_lines(parent: Any, styles: _Styles, depth: int = 0) -> list[str]:
    """The lines of a body or a table cell: its paragraphs and tables in order, and those inside content
    controls (`w:sdt`, which some templates wrap sections in). The XML is walked directly, once: python-docx's
    cell API rebuilds a table's whole grid for every row, quadratic in a hostile table's size."""
    lines: list[str] = []
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            line = _paragraph_line(child, styles.name(child))
            if line.strip():
                lines.append(line)
            if depth < 5:
                for box in _text_boxes(child):
                    lines.extend(_block_lines(box, styles, depth + 1))
        elif child.tag == f"{_W}tbl" and depth < 5:
            lines.extend(_table_lines(child, styles, depth))
        elif child.tag == f"{_W}sdt" and depth < 5:
            for content in child.iterchildren(f"{_W}sdtContent"):
                lines.extend(_block_lines(content, styles, depth + 1))
    return lines


def _text_boxes(p: Any) -> list[Any]:
    """The text boxes a paragraph anchors, each once: Word writes a box twice, as a shape and, inside
    `mc:Fallback`, as VML for older readers; a box inside another is read with it."""
    boxes = []
    for box in p.iter(f"{_W}txbxContent"):
        ancestors = list(box.iterancestors())
        outer = ancestors[: ancestors.index(p)] if p in ancestors else ancestors
        if not any(a.tag in (_FALLBACK, f"{_W}txbxContent") for a in outer):
            boxes.append(box)
    return boxes


def _table_lines(table: Any, styles: _Styles, depth: int) -> list[str]:
    lines: list[str] = []
    for row in table.iterchildren(f"{_W}tr"):
        cells = [_block_lines(tc, styles, depth + 1) for tc in row.iterchildren(f"{_W}tc")]
        layout = any(
            len(c) > 3 or any(ln.startswith(("- ", "#")) or opens_with_a_mark(ln) for ln in c) for c in cells
        )
        if layout:
            for c in cells:
                lines.extend(c)
        else:
            joined = " | ".join(" · ".join(c) for c in cells if c)
            if joined:
                lines.append(joined)
    return lines


class _Styles:
    """Paragraph style names by style id, read once: python-docx looks a paragraph's style up with an XPath
    search of the whole styles part each time, quadratic over a long document."""

    def __init__(self, document: Any) -> None:
        self.names: dict[str, str] = {}
        for style in document.styles.element.iterchildren(f"{_W}style"):
            name = style.find(f"{_W}name")
            if name is not None:
                self.names[style.get(f"{_W}styleId", "")] = (name.get(f"{_W}val") or "").lower()

    def name(self, p: Any) -> str:
        ppr = p.find(f"{_W}pPr")
        ref = ppr.find(f"{_W}pStyle") if ppr is not None else None
        return self.names.get(ref.get(f"{_W}val", ""), "") if ref is not None else ""


def _paragraph_line(p: Any, style: str) -> str:
    """A `w:p` element (python-docx's CT_P, whose text is its runs' text) as a line."""
    text = str(p.text or "").strip()
    if style == "title":
        return "# " + text
    if style.startswith("heading"):
        level = style.removeprefix("heading").strip()
        return "#" * (int(level) if level.isdigit() and 0 < int(level) < 7 else 2) + " " + text
    ppr = p.find(f"{_W}pPr")
    numbered = ppr is not None and ppr.find(f"{_W}numPr") is not None
    return ("- " if "list" in style or numbered else "") + text


def _unpacked_docx(raw: bytes, path: Path) -> bytes:
    """The DOCX repacked from its parts, each inflated here in chunks: a part that unpacks to more than its
    zip directory states (which the zip-bomb check trusted before), or all of them to more than
    MAX_DOCX_UNPACKED, is refused at the first chunk past it. python-docx reads whole parts at once, so it
    only ever sees this copy, whose sizes are true."""
    bomb = InputError(
        f"{path.name}: the DOCX unpacks to more than {MAX_DOCX_UNPACKED // 2**20} MB (a zip bomb?)"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError):
        raise InputError(f"{path.name}: not a DOCX file (not a zip archive)") from None
    if len(parts) > MAX_DOCX_PARTS:
        raise InputError(f"{path.name}: a damaged DOCX ({len(parts):,} parts; a real one has a few dozen)")
    if sum(info.file_size for info in parts) > MAX_DOCX_UNPACKED:
        raise bomb
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as clean:
        for info in parts:  # each held to its stated size, and those were summed above
            clean.writestr(info.filename, _docx_part(raw, info, path))
    return out.getvalue()


def _docx_part(raw: bytes, info: zipfile.ZipInfo, path: Path) -> bytes:
    """One part's bytes, inflated a megabyte at a time and never past the size its directory entry states."""
    damaged = InputError(f"{path.name}: a damaged DOCX (its part {info.filename[:80]!r} cannot be read)")
    header = raw[info.header_offset : info.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04" or info.flag_bits & 0x1:
        raise damaged  # no local header where the directory says, or encrypted
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = info.header_offset + 30 + name_length + extra_length
    packed = raw[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        data = packed
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        chunks: list[bytes] = []
        size = 0
        pending = packed
        try:
            while not inflater.eof:
                chunk = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                if not chunk and not pending:
                    break  # the data ends before the stream does
                size += len(chunk)
                if size > info.file_size:
                    raise InputError(
                        f"{path.name}: the DOCX unpacks to more than its zip directory states (a zip bomb?)"
                    )
                chunks.append(chunk)
        except zlib.error:
            raise damaged from None
        data = b"".join(chunks)
    else:
        raise damaged
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        raise damaged
    return data
