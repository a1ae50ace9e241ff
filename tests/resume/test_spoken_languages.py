"""Human languages on a Skills line (defect report: "Fluent" counted as a skill): neither a language a
person speaks nor the level they speak it at is a technical skill, while "Languages: Python, Go" still
lists programming languages."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.extract.taxonomy import load_taxonomy
from rolemap.resume.read import from_text, listed_skills
from rolemap.resume.spoken import language_names

TODAY = dt.date(2026, 11, 23)
LEVELS = {"fluent", "native", "proficient", "conversational", "intermediate", "basic", "advanced"}


@pytest.mark.parametrize(
    "line",
    [
        "Languages: English (Fluent), German (Native)",
        "Spanish – fluent",
        "Languages: English (Fluent), French (Conversational), Spanish (Basic)",
        "Fluent English, native German",
        "fluent in Mandarin; conversational Cantonese",
        "German: fluent | Swahili: intermediate",
    ],
)
def test_a_spoken_language_and_its_level_are_no_skills(line):
    r = from_text(f"Skills\nPython, Go\n{line}\n", "cv.md", TODAY)
    assert set(r.skills) == {"python", "go"}, r.skills
    assert not LEVELS & set(listed_skills(line))


def test_programming_languages_on_the_same_lines_are_kept():
    r = from_text(
        "Skills\nLanguages: Python, Go\nLanguages: English (Fluent), Rust, TypeScript\n", "cv.md", TODAY
    )
    assert set(r.skills) == {"python", "go", "rust", "typescript"}


def test_only_a_proficiency_is_a_level_after_a_language():
    """The review's: a technology after a language and a dash had been read as its level and dropped."""
    assert listed_skills("English - Docker, Kubernetes") == ["docker", "kubernetes"]
    assert listed_skills("German: Kubernetes (advanced)") == ["kubernetes"]
    assert listed_skills("English - fluent, German - B2") == []


def test_a_languages_line_outside_skills_lists_no_level():
    text = "Dana Doe\nLanguages: English (Fluent), Python, Go\n\nExperience\nEngineer, Acme\n"
    assert "fluent" not in from_text(text, "cv.md", TODAY).skills


def test_a_languages_heading_inside_skills_is_its_own_section_when_it_lists_spoken_ones():
    r = from_text("Skills\nPython, Go\nLanguages\nEnglish (Fluent), German (Native)\n", "cv.md", TODAY)
    assert set(r.skills) == {"python", "go"} and "other" in r.sections


def test_no_language_name_is_a_technology_of_the_taxonomy():
    technologies = {n.lower() for e in load_taxonomy().values() for n in (e.name, *e.aliases)}
    names = language_names()
    assert not names & technologies
    assert {"english", "german", "spanish", "mandarin", "cantonese", "swahili", "hindi"} <= names
    assert not {"standard", "central", "north"} & names  # words of a member's name, not a language
