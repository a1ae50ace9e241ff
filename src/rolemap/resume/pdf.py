"""A PDF resume's text in reading order, from pypdf's text pieces and where each is drawn.

pypdf reports every piece of text it shows with its text matrix, font and size (`visitor_text`), inside the
same hostile-input limits as before (read.py: `_pdf_limits`). From those pieces this module rebuilds what a
reader sees:

- lines: pieces on one baseline, left to right;
- columns: a page whose lines start at a second, fixed x on many lines, with no piece crossing it, is two
  columns, read left column first, then right;
- headings: a short line set larger than the body text, in capitals, or letter-spaced ("O P E N S O U R C E",
  rejoined to "OPEN SOURCE") comes out as a `## ` line, so `read.from_text` ends the section before it;
- bullets: a line opened by a bullet glyph comes out as `- `; the lines under it, set one line lower and
  indented at least as far as its text, are joined into it (a wrapped bullet is one bullet).

The result is text in the Markdown-ish shape `read.from_text` reads, one line a visual line.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolemap.errors import InputError
from rolemap.resume.dates import DATE_RANGE

MAX_PDF_STREAM = 8 * 2**20  # bytes one PDF stream may decompress to (a resume page's content is kilobytes)

_BULLET_GLYPHS = "•·▪◦●■–-*‣∙"
_SPACED = re.compile(r"^(?:\S {1,3}){3,}\S$")  # single characters, one to three spaces apart


@dataclass(frozen=True)
class Piece:
    page: int
    x: float
    y: float  # baseline, from the page's bottom
    text: str
    size: float
    bold: bool


@dataclass
class Line:
    page: int
    x: float
    y: float
    text: str
    size: float
    bold: bool
    pieces: int


@contextmanager
def _pypdf_quiet() -> Iterator[None]:
    """pypdf logs what it repairs ("invalid pdf header", "EOF marker not found") as warnings on its own
    logger; with no handler set, Python prints them on stderr above rolemap's one-line error (and a server
    would log them for every upload). Whatever pypdf could not read becomes one InputError here instead."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def pdf_text(raw: bytes, path: Path) -> str:
    """The PDF's text in reading order (layout_text), read within tight pypdf limits."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        with _pypdf_quiet(), apply_configuration(
            zlib_maximum_output_length=MAX_PDF_STREAM, lzw_maximum_output_length=MAX_PDF_STREAM,
            run_length_maximum_output_length=MAX_PDF_STREAM, jbig2_maximum_output_length=MAX_PDF_STREAM,
            brotli_maximum_output_length=MAX_PDF_STREAM, maximum_declared_stream_length=MAX_PDF_STREAM,
            array_based_stream_maximum_output_length=MAX_PDF_STREAM, image_maximum_buffer_size=MAX_PDF_STREAM,
            stream_decoding_work_maximum_length=4 * MAX_PDF_STREAM, stream_parsing_work_maximum_count=500_000,
            xform_maximum_invocations_per_extraction=500,
            jbig2dec_binary=None,  # never run a program on a file someone sent
        ):  # fmt: skip
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted:
                raise InputError(f"{path.name}: the PDF is encrypted; save an unprotected copy")
            pieces: list[Piece] = []
            width = 612.0
            for number, page in enumerate(reader.pages[:20]):
                width = float(page.mediabox.width) or width
                pieces.extend(page_pieces(page, number))
            text = layout_text(pieces, width)
    except InputError:
        raise
    except LimitReachedError:
        raise InputError(
            f"{path.name}: the PDF decompresses to more than a resume holds (over {MAX_PDF_STREAM // 2**20} MB "
            "in one stream: a decompression bomb?)"
        ) from None
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        zlib.error,
    ):
        raise InputError(f"{path.name}: not a readable PDF") from None
    if not text.strip():
        raise InputError(
            f"{path.name}: the PDF has no text layer (a scanned image?); export it from the original document"
        )
    return text


def page_pieces(page: Any, number: int) -> list[Piece]:
    """Every piece of text pypdf shows on the page, with its position, size and weight."""
    pieces: list[Piece] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        name = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
        bold = any(w in name for w in ("Bold", "Black", "Heavy", "Semibold", "Demi"))
        for k, part in enumerate(text.split("\n")):
            if part.strip():
                pieces.append(
                    Piece(number, x, y - k * size * scale * 1.2, part, round(size * scale, 1), bold)
                )

    page.extract_text(visitor_text=visit)
    return pieces


def layout_text(pieces: list[Piece], page_width: float = 612.0) -> str:
    """The pieces of every page as lines in reading order (see the module's docstring)."""
    lines: list[Line] = []
    for number in sorted({p.page for p in pieces}):
        on_page = [p for p in pieces if p.page == number]
        for column in _columns(on_page, page_width):
            lines.extend(_lines(column))
    if not lines:
        return ""
    body = _body_size(lines)
    return "\n".join(_marked(lines, body))


def _lines(pieces: list[Piece]) -> list[Line]:
    """Pieces on one baseline (within a third of their size) joined left to right, top line first."""
    rows: list[list[Piece]] = []
    for p in sorted(pieces, key=lambda p: (-p.y, p.x)):
        if rows and abs(rows[-1][0].y - p.y) <= max(p.size, 1.0) / 3:
            rows[-1].append(p)
        else:
            rows.append([p])
    out = []
    for row in rows:
        row.sort(key=lambda p: p.x)
        text = _join(row)
        size = max(p.size for p in row)
        bold = all(p.bold for p in row)
        out.append(Line(row[0].page, row[0].x, row[0].y, text, size, bold, len(row)))
    return out


def _join(row: list[Piece]) -> str:
    """Pieces of a line as text: a space where pypdf's pieces do not already carry one; single letters
    drawn one by one (letter spacing) keep wider gaps as word breaks."""
    if len(row) >= 4 and all(len(p.text.strip()) == 1 for p in row):
        gaps = [b.x - a.x for a, b in itertools.pairwise(row)]
        usual = sorted(gaps)[len(gaps) // 2]
        text = row[0].text.strip()
        for gap, p in zip(gaps, row[1:], strict=True):
            text += ("  " if gap > usual * 1.5 else " ") + p.text.strip()
        return text
    text = ""
    for p in row:
        part = p.text
        if text and not text.endswith(" ") and not part.startswith(" "):
            text += " "
        text += part
    return re.sub(r"\s+", " ", text).strip()


def _columns(pieces: list[Piece], page_width: float) -> list[list[Piece]]:
    """One list of pieces for a one-column page; left then right for two columns. The boundary is an x at
    which pieces start on at least five different lines, in the middle of the page, that no piece on the
    left runs across (its text's width estimated at half its size a character), and whose pieces are not
    just dates set at a tab stop."""
    starts = Counter(round(p.x) for p in pieces if page_width * 0.25 < p.x < page_width * 0.75)
    for x, _ in starts.most_common(3):
        right = [p for p in pieces if p.x >= x - 2]
        left = [p for p in pieces if p.x < x - 2]
        if len({round(p.y) for p in right}) < 5 or not left:
            continue
        if sum(bool(DATE_RANGE.search(p.text)) for p in right) * 2 >= len(right):
            continue
        crossing = [p for p in left if p.x + len(p.text) * p.size * 0.45 > x + 4]
        if len(crossing) <= len(left) // 20:
            return [left, right]
    return [pieces]


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0]


def _marked(lines: list[Line], body: float) -> list[str]:
    """Lines as text: headings as `## …`, bullets as `- …` with their wrapped lines joined in."""
    out: list[str] = []
    bullet: Line | None = None  # the bullet line the next lines may continue
    indent = 0.0  # where that bullet's text starts
    previous: Line | None = None
    for line in lines:
        text = unspaced(line.text)
        heading = text != line.text or _looks_like_heading(line, text, body)
        glyph = text[:1] in _BULLET_GLYPHS and text[1:2] == " "
        continues = (
            bullet is not None
            and previous is not None
            and not heading
            and not glyph
            and line.page == previous.page
            and 0 < previous.y - line.y <= previous.size * 1.6
            and line.x >= indent - 1
            and not DATE_RANGE.search(text)
            and not line.bold
        )
        if continues:
            out[-1] += " " + text
        elif heading:
            out.append("## " + text)
            bullet = None
        elif glyph:
            out.append("- " + text[2:].strip())
            bullet, indent = line, line.x + line.size * 0.5
        else:
            out.append(text)
            bullet = None
        previous = line
    return out


def _looks_like_heading(line: Line, text: str, body: float) -> bool:
    words = text.split()
    if not words or len(words) > 4 or any(c.isdigit() for c in text) or DATE_RANGE.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= 4 and all(c.isupper() for c in letters)
    return line.size >= body * 1.15 or (capitals and line.bold)


def unspaced(text: str) -> str:
    """Letter-spaced text rejoined: "O P E N  S O U R C E" → "OPEN SOURCE" (two or more spaces break words);
    other text unchanged."""
    stripped = text.strip()
    if not _SPACED.match(stripped):
        return text
    words = re.split(r"\s{2,}", stripped)
    return " ".join(w.replace(" ", "") for w in words)
