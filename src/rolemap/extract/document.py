"""The document every rule reads: the text, where its title ends, its sections, and the word-list
phrases found in it (one Aho-Corasick pass, shared by all rules)."""

from __future__ import annotations

from dataclasses import dataclass

from rolemap.extract.phrases import Hits, phrase_book, search_copy
from rolemap.extract.sections import SectionMap

_HEADER_MARKS = ("|", " – ", " — ", " - ", " / ")


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    copy: str  # lowercased, digits as '#': what the matchers scan
    title: tuple[int, int]  # the title, or a Hacker News header line when the title is empty
    hits: Hits
    sections: SectionMap

    @classmethod
    def read(cls, text: str) -> Document:
        copy = search_copy(text)
        hits = phrase_book().find(text, copy)
        return cls(text, copy, _title_span(text), hits, SectionMap(text, hits))

    @property
    def title_text(self) -> str:
        return self.text[self.title[0] : self.title[1]]

    def in_title(self, start: int) -> bool:
        return self.title[0] <= start < self.title[1]


def _title_span(text: str) -> tuple[int, int]:
    first_nl = text.find("\n")
    if first_nl == -1:
        return 0, len(text)
    if first_nl > 0:
        return 0, first_nl
    # No title: "Acme | Senior Backend Engineer | Berlin | REMOTE" on the first line plays its part.
    end = text.find("\n", 1)
    end = len(text) if end == -1 else end
    header = text[1:end]
    if len(header) <= 200 and any(mark in header for mark in _HEADER_MARKS):
        return 1, end
    return 0, 0
