"""The document every rule reads: the text, where its title ends, its sections, and the word-list
phrases and taxonomy skills found in it (one Aho-Corasick pass, shared by all rules)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rolemap.extract.phrases import Hits, PhraseBook, book_lists, search_copy, title_book
from rolemap.extract.sections import SectionMap
from rolemap.extract.skill_matching import SingleLetterSkills, resolve_skills, skill_literals
from rolemap.extract.taxonomy import Match, load_taxonomy

_HEADER_MARKS = ("|", " – ", " — ", " - ", " / ")


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    title: tuple[int, int]  # the title, or a Hacker News header line when the title is empty
    hits: Hits
    sections: SectionMap
    skills: list[Match]

    @classmethod
    def read(cls, text: str) -> Document:
        copy = search_copy(text)
        title = _title_span(text)
        book, letters = _scanner()
        hits = book.find(text, copy).merged(title_book().find(text, copy, *title))
        skills = resolve_skills(text, hits, letters.find(text))
        return cls(text, title, hits, SectionMap(text, hits), skills)

    @property
    def title_text(self) -> str:
        return self.text[self.title[0] : self.title[1]]

    def in_title(self, start: int) -> bool:
        return self.title[0] <= start < self.title[1]


@cache
def _scanner() -> tuple[PhraseBook, SingleLetterSkills]:
    """The word lists and the skills taxonomy in one automaton: one pass over each document."""
    taxonomy = load_taxonomy()
    return PhraseBook(book_lists(), skill_literals(taxonomy)), SingleLetterSkills(taxonomy)


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
