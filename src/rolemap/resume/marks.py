"""A resume line's list mark: the character a bullet opens with, however it was typed ("● ", "▪ ", "– ",
"➢ ", "✓ ", "→ ", "» ", a Symbol font's private-use glyph), and the marks that are letters or signs of
their own ("o ", "+ ", "a) "), read as marks only where a run of lines opens with them.

`as_dashes` writes every mark found as "- ", the one mark `read.from_text` reads, so the rest of the reader
sees one kind of bullet; `opens_with_a_mark` is the PDF layout's test for a line opened by a glyph.
"""

from __future__ import annotations

import re
import unicodedata

# Symbols, dashes, arrows and other punctuation a bullet is typed with; the private-use area holds the
# glyphs of Symbol and Wingdings fonts (Word's U+F0B7, U+F0A7). Not the ones that open other text: a
# Markdown heading or table ("#", "|"), a quotation, a sum ("+", a mark only in a run), an e-mail's "@".
_MARK_CATEGORIES = frozenset({"So", "Sm", "Pd", "Po", "Pi", "Pf", "Co"})
_NOT_MARKS = frozenset("#|+<=>&%@/\\:;,.!?'\"()[]{}$^~`_")
# a letter or sign of its own, a mark only on a run of lines: "o Built…", "+ Led…", "a) Wrote…"
_RUN_MARK = re.compile(r"^(\s*)(?:(?P<sign>[o+])|(?P<letter>[a-z])\))\s+(?=\S)")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")


def is_mark(char: str) -> bool:
    """A character a bullet is typed with: a symbol, dash, arrow or punctuation mark ("•", "●", "–", "➢")."""
    return len(char) == 1 and char not in _NOT_MARKS and unicodedata.category(char) in _MARK_CATEGORIES


def opens_with_a_mark(line: str) -> bool:
    """A line opened by a mark and a space ("● Built…", "– Led…")."""
    stripped = line.lstrip()
    return is_mark(stripped[:1]) and stripped[1:2].isspace()


def as_dashes(lines: list[str]) -> list[str]:
    """The lines with each list mark written as "- " (a numbered item keeps its number): a typed mark of
    any kind, and "o ", "+ ", "a) " where at least two lines in a row (blank lines between them allowed)
    open with the same one, which a sentence opening with the word "o" or a sum never does."""
    out = list(lines)
    runs = _run_marks(lines)
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if opens_with_a_mark(line) and not stripped.startswith("- "):
            out[i] = line[: len(line) - len(stripped)] + "- " + stripped[1:].lstrip()
        elif i in runs:
            m = _RUN_MARK.match(line)
            assert m is not None
            out[i] = m[1] + "- " + line[m.end() :]
    return out


def _run_marks(lines: list[str]) -> set[int]:
    """The lines whose "o ", "+ " or "a) " is a list mark: two or more lines in a row open with the same
    sign, or with letters in order ("a)", "b)")."""
    marked: set[int] = set()
    previous: tuple[int, str] | None = None  # the last non-blank line's index and its mark's kind
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _RUN_MARK.match(line)
        kind = (m["sign"] or ")") if m else ""
        letter = m["letter"] if m else None
        if m and previous and previous[1] == kind:
            before = _RUN_MARK.match(lines[previous[0]])
            in_order = letter is None or (
                before is not None and before["letter"] and ord(letter) == ord(before["letter"]) + 1
            )
            if in_order:
                marked.update((previous[0], i))
        previous = (i, kind) if kind and not _NUMBERED.match(line) else None
    return marked


def join_wrapped(line: str, wrapped: str) -> str:
    """A wrapped line joined to the line it continues: with a space, or as one word where that line ends in
    a letter and a hyphen and the wrapped one opens in lowercase ("Kuber-" + "netes" → "Kubernetes", "Post-"
    + "greSQL" → "PostgreSQL"). The hyphen stays where both halves are English words ("cross-" +
    "functional"): a compound the writer hyphenated."""
    from rolemap.extract.lexicon import english_word

    line, wrapped = line.rstrip(), wrapped.strip()
    if not (len(line) > 1 and line.endswith("-") and line[-2].isalpha() and wrapped[:1].islower()):
        return f"{line} {wrapped}" if line else wrapped
    stem = line[:-1]
    before = stem.rsplit(None, 1)[-1].lstrip("([\"'")
    after = wrapped.split(None, 1)[0].rstrip(".,;:)\"'")
    hyphen = "-" if english_word(before) and english_word(after) else ""
    return f"{stem}{hyphen}{wrapped}"
