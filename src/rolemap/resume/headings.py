"""Which section a resume's heading line opens: the section phrases of data/resume.json (`sections`), a
letter-spaced heading whose word breaks were lost ("O P E N S O U R C E"), and a heading those phrases do
not list, read by its words (`heading_words`: "Technical Expertise", "Tools & Technologies")."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from rolemap.extract.phrases import PhraseBook


@cache
def resume_words() -> dict[str, Any]:
    """data/resume.json, read once."""
    return dict(
        json.loads(resources.files("rolemap.resume").joinpath("data/resume.json").read_text(encoding="utf-8"))
    )


@cache
def _headings() -> PhraseBook:
    return PhraseBook({f"section/{k}": v for k, v in resume_words()["sections"].items()})


def section_of(line: str, by_words: bool = True) -> str | None:
    """The section a heading line opens ("Work Experience" → experience), or None for another line."""
    if len(line) > 40 or len(line.split()) > 5:
        return None
    body = line.rstrip(":").strip()
    if len(body.split()) <= 4:
        for candidate in (body, *_compact_names().get(re.sub(r"\W", "", body.lower()), [])):
            hits = _headings().find(candidate)
            for kind in resume_words()["sections"]:
                for span in hits.spans(f"section/{kind}"):
                    if span.start == 0 and span.end >= len(candidate) - 1:
                        return kind
    return _section_by_words(body) if by_words else None


def _section_by_words(body: str) -> str | None:
    """A heading the section phrases do not list, read by its words (`heading_words` in resume.json): every
    word a section's noun or a qualifier, one noun at least ("Technical Expertise", "Tools & Technologies").
    """
    words = re.findall(r"[\w&/]+", body.lower())
    if not words or any(c.isdigit() for c in body) or "," in body:
        return None
    nouns, qualifiers = _heading_words()
    if not all(w in nouns or w in qualifiers for w in words):
        return None
    kinds = {nouns[w] for w in words if w in nouns}
    return next((kind for kind in resume_words()["heading_words"]["nouns"] if kind in kinds), None)


@cache
def _heading_words() -> tuple[dict[str, str], frozenset[str]]:
    """`heading_words` of resume.json: each noun's section, and the qualifiers."""
    words = resume_words()["heading_words"]
    nouns = {noun: kind for kind, kind_nouns in words["nouns"].items() for noun in kind_nouns}
    return nouns, frozenset(words["qualifiers"])


@cache
def _compact_names() -> dict[str, list[str]]:
    """Section names without spaces ("opensource" → "open source"), for letter-spaced headings whose word
    breaks were lost ("O P E N S O U R C E")."""
    from rolemap.extract.phrases import expand

    names: dict[str, list[str]] = {}
    for phrases in resume_words()["sections"].values():
        for phrase in phrases:
            for literal in expand(phrase):
                names.setdefault(re.sub(r"\W", "", literal), []).append(literal)
    return names


def a_technology_label(label: str) -> bool:
    """A Skills section's name ("Technical Skills", "Tools") or a label of the technologies a role used."""
    return section_of(label) == "skills" or label.strip().lower() in resume_words()["technology_labels"]
