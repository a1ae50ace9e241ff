"""Split a posting's text into sections (about, responsibilities, requirements, nice-to-have, benefits,
apply) from its headings, and mark the sentences that soften a requirement ("X is a plus")."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rolemap.extract.wordlists import load_wordlist

# A heading: a short line ending in ':' / all caps / a Markdown heading / "-- Title --" / **Title**.
_HEADING_SHAPE = re.compile(
    r"^(?:#{1,6}\s*|\*\*|__|-{2,}\s*)?(?P<body>[A-Za-z][^\n]{0,70}?)(?:\*\*|__|\s*-{2,})?\s*:?\s*$"
)
_NICE_SENTENCE = re.compile(
    r"\b(?:nice[- ]to[- ]haves?|(?:a|big|huge|major|definite|strong)\s+plus|pluses|is a bonus|are a bonus|"
    r"bonus(?: points)?(?: if| for)?|preferred|desirable|desired|ideally|would be (?:great|nice|awesome|a plus)|"
    r"not required|good to have|helpful|advantageous|an advantage|extra credit)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Section:
    kind: str  # "title", "header", "about", "responsibilities", "requirements", "nice", "benefits", "apply", "body"
    start: int
    end: int


class SectionMap:
    """Answers, for any offset of the document, which section it stands in and whether its sentence
    marks a skill as nice-to-have."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sections = _split(text)
        self._starts = [s.start for s in self.sections]

    def kind_at(self, offset: int) -> str:
        i = bisect_right(self._starts, offset) - 1
        return self.sections[max(i, 0)].kind

    def is_nice_to_have(self, start: int, end: int) -> bool:
        if self.kind_at(start) == "nice":
            return True
        left = max(self.text.rfind("\n", 0, start), _sentence_start(self.text, start))
        right_nl = self.text.find("\n", end)
        right = len(self.text) if right_nl == -1 else right_nl
        dot = self.text.find(". ", end, right)
        sentence = self.text[left + 1 : dot if dot != -1 else right]
        return bool(_NICE_SENTENCE.search(sentence))


def _sentence_start(text: str, offset: int) -> int:
    dot = text.rfind(". ", 0, offset)
    return dot + 1 if dot != -1 else -1


def classify_heading(line: str) -> str | None:
    """The section kind a heading line opens, or None when the line is not a heading."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return None
    shape = _HEADING_SHAPE.match(stripped)
    if not shape:
        return None
    body = shape.group("body").strip(" *_-#").lower()
    looks_like_heading = (
        stripped.endswith(":")
        or stripped.startswith(("#", "**", "__", "--"))
        or (stripped.isupper() and len(stripped) > 3)
        or (len(body.split()) <= 4 and not stripped.endswith((".", "!", "?", ",")))
    )
    if not looks_like_heading:
        return None
    for kind, phrases in _heading_words().items():
        if any(body.startswith(p) or f" {p}" in f" {body}" for p in phrases):
            return kind
    return None


def _heading_words() -> dict[str, tuple[str, ...]]:
    # Order matters: "nice" before "requirements" so "preferred qualifications" is nice-to-have.
    words = load_wordlist("section_headings")
    return {
        kind: tuple(words[kind])
        for kind in ("nice", "benefits", "apply", "responsibilities", "requirements", "about")
    }


def _split(text: str) -> list[Section]:
    first_nl = text.find("\n")
    title_end = len(text) if first_nl == -1 else first_nl
    sections = [Section("title", 0, title_end)]
    kind, start = "body", title_end + 1
    offset = title_end + 1
    for line in text[title_end + 1 :].split("\n"):
        heading = classify_heading(line) if len(line) <= 80 else None
        if heading:
            sections.append(Section(kind, start, offset))
            kind, start = heading, offset
        offset += len(line) + 1
    sections.append(Section(kind, start, len(text)))
    return [s for s in sections if s.end > s.start or s.kind == "title"]
