"""A PDF resume's text in reading order, from pypdf's text pieces and where each is drawn.

pypdf reports every piece of text it shows with its text matrix, font and size (`visitor_text`), inside the
same hostile-input limits as before (read.py: `_pdf_limits`). From those pieces this module rebuilds what a
reader sees:

- running headers and footers: a line at the top or bottom of every page that repeats on each (the name
  and contact line, "Page 1 of 2" with its number changing), and any "Page N of M", are dropped;
- lines: pieces on one baseline, left to right; pieces that touch (a word a PDF writer split in two runs,
  "Kube" + "rnetes", measured by the font's own widths) are joined with no space;
- columns: a page whose lines start at a second, fixed x on many lines, with no piece crossing it, is two
  columns, read left column first, then right;
- headings: a short line set larger than the body text, in capitals, or letter-spaced ("O P E N S O U R C E",
  rejoined to "OPEN SOURCE") comes out as a `## ` line, so `read.from_text` ends the section before it;
- bullets: a line opened by a bullet glyph (any mark `marks.is_mark` knows) comes out as `- `; the lines under it, set one line lower and
  indented at least as far as its text, are joined into it (a wrapped bullet is one bullet; a word hyphenated
  across the break is one word again: `marks.join_wrapped`);
- ligatures: the code points a PDF writer maps its ligature glyphs to (U+FB00–FB06: "ﬁ", "ﬂ", "ﬀ") are the
  letters they stand for ("Conﬁgured Airﬂow" → "Configured Airflow").

Only the first MAX_PAGES pages are read (a resume is two or three); `pdf_text` says so when there are more.

The result is text in the Markdown-ish shape `read.from_text` reads, one line a visual line.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolemap.errors import InputError
from rolemap.resume.dates import DATE_RANGE
from rolemap.resume.marks import join_wrapped, opens_with_a_mark

MAX_PDF_STREAM = 8 * 2**20  # bytes one PDF stream may decompress to (a resume page's content is kilobytes)

# "Page 2 of 3", or a piece that is only "2 of 3" or "2/3" (a page's number is small and at most the count;
# "09/2019", "2019 / 2021" are a role's dates)
_PAGE_NUMBER = re.compile(r"\bpage\s+\d+\s+(?:of|/)\s+\d+\b|^\W*(\d{1,2})\s*(?:of|/)\s*(\d{1,2})\W*$", re.I)
_SPACED = re.compile(r"^(?:\S {1,3}){3,}\S$")  # single characters, one to three spaces apart
MAX_PAGES = 20  # pages read: a resume is two or three; a 200-page thesis is not read whole
# the ligatures of the Alphabetic Presentation Forms block, as their letters (their compatibility form)
_LIGATURES = str.maketrans({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)})


@dataclass(frozen=True)
class Piece:
    page: int
    x: float
    y: float  # baseline, from the page's bottom
    text: str
    size: float
    bold: bool
    end: float | None = None  # where its text ends, by the font's widths (None: the font gives none)


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


def pdf_text(raw: bytes, path: Path) -> tuple[str, list[str]]:
    """The PDF's text in reading order (layout_text), read within tight pypdf limits, and the notes on what
    was not read (the pages past MAX_PAGES).

    An encrypted PDF is refused with one message whichever cipher it uses: pypdf tries the empty password
    as it opens one, and for AES it needs the cryptography package, which rolemap does not install (pypdf's
    DependencyError, raised before `is_encrypted` can be asked)."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

    encrypted = InputError(f"{path.name}: the PDF is encrypted; save an unprotected copy")

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
                raise encrypted
            pieces: list[Piece] = []
            width = 612.0
            for number, page in enumerate(reader.pages[:MAX_PAGES]):
                width = float(page.mediabox.width) or width
                pieces.extend(page_pieces(page, number))
            text = layout_text(pieces, width)
            pages = len(reader.pages)
    except InputError:
        raise
    except DependencyError:  # AES (or an image codec pypdf lacks): an encrypted file says it is one
        if b"/Encrypt" in raw:
            raise encrypted from None
        raise InputError(f"{path.name}: not a readable PDF") from None
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
    notes = []
    if pages > MAX_PAGES:
        notes.append(
            f"only the first {MAX_PAGES} pages of {pages} were read: put the experience and skills first"
        )
    return text, notes


def page_pieces(page: Any, number: int) -> list[Piece]:
    """Every piece of text pypdf shows on the page, with its position, size and weight."""
    pieces: list[Piece] = []
    widths: dict[int, dict[str, float] | None] = {}  # a font's character widths, read once a page

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        name = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
        bold = any(w in name for w in ("Bold", "Black", "Heavy", "Semibold", "Demi"))
        if id(font) not in widths:
            widths[id(font)] = _character_widths(font)
        font_widths = widths[id(font)]
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if part.strip():
                end = None
                if font_widths and len(parts) == 1:
                    em = sum(font_widths.get(c, font_widths["default"]) for c in part) / 1000
                    end = x + em * size * abs(tm[0] * cm[0] or scale)
                text_of = part.translate(_LIGATURES)  # widths above are the ligature glyphs' own
                pieces.append(
                    Piece(number, x, y - k * size * scale * 1.2, text_of, round(size * scale, 1), bold, end)
                )

    page.extract_text(visitor_text=visit)
    return pieces


def _character_widths(font: Any) -> dict[str, float] | None:
    """A font's glyph widths (thousandths of its size) by the character each shows, with a "default"; None
    where pypdf cannot read them. A composite font's widths are by glyph code: its character map names the
    character each code shows."""
    try:
        from pypdf.generic._font import Font  # pypdf is pinned: this is its own width table

        read = Font.from_font_resource(font)
        widths = {str(k): float(v) for k, v in read.character_widths.items()}
        for code, char in read.character_map.items():
            if isinstance(char, str) and len(char) == 1 and code in widths:
                widths[char] = widths[code]
        widths.setdefault("default", 500.0)
        return widths
    except Exception:  # a damaged font dictionary: pieces are joined as before, by their own spaces
        return None


def layout_text(pieces: list[Piece], page_width: float = 612.0) -> str:
    """The pieces of every page as lines in reading order (see the module's docstring)."""
    lines: list[Line] = []
    pieces = _without_running_lines(pieces)
    for number in sorted({p.page for p in pieces}):
        on_page = [p for p in pieces if p.page == number]
        for column in _columns(on_page, page_width):
            lines.extend(_lines(column))
    if not lines:
        return ""
    body = _body_size(lines)
    return "\n".join(_marked(lines, body))


def _a_page_number(text: str) -> bool:
    m = _PAGE_NUMBER.search(text)
    return m is not None and (m[1] is None or 0 < int(m[1]) <= int(m[2]))


def _without_running_lines(pieces: list[Piece]) -> list[Piece]:
    """The pieces without page numbers ("Page 1 of 2") and, on a document of several pages, without the
    running header and footer: a piece among the three top or bottom baselines of its page whose text (its
    digits aside) stands at the same height on every page."""
    pieces = [p for p in pieces if not _a_page_number(p.text)]
    pages = sorted({p.page for p in pieces})
    if len(pages) < 2:
        return pieces
    edges: dict[int, set[int]] = {}
    for number in pages:
        heights = sorted({round(p.y) for p in pieces if p.page == number})
        edges[number] = {*heights[:3], *heights[-3:]}

    def key(p: Piece) -> tuple[int, str]:
        return round(p.y), re.sub(r"\d+", "#", p.text.strip())

    on_pages: dict[tuple[int, str], set[int]] = {}
    for p in pieces:
        if round(p.y) in edges[p.page] and re.search(r"[^\W\d]{2}", p.text):
            on_pages.setdefault(key(p), set()).add(p.page)
    running = {k for k, where in on_pages.items() if len(where) == len(pages)}
    return [p for p in pieces if key(p) not in running]


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
    for before, p in zip([None, *row], row, strict=False):
        part = p.text
        if text and not text.endswith(" ") and not part.startswith(" ") and not _touching(before, p):
            text += " "
        text += part
    return re.sub(r"\s+", " ", text).strip()


def _touching(before: Piece | None, piece: Piece) -> bool:
    """A piece drawn where the one before it ends, within a tenth of its size (a word space is a quarter
    to a third): one word split in two runs ("Kube" + "rnetes"), joined with no space."""
    if before is None or before.end is None:
        return False
    gap = piece.x - before.end
    return -0.3 * piece.size < gap < 0.1 * piece.size


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
        glyph = opens_with_a_mark(text)
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
            out[-1] = join_wrapped(out[-1], text)
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
