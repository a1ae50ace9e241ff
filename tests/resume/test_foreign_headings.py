"""German and French resumes (black-box probe): their commonest section headings are read, and a resume
whose headings rolemap does not know says so instead of an empty profile with no note."""

from __future__ import annotations

import datetime as dt

from rolemap.resume.read import from_text

TODAY = dt.date(2026, 11, 23)

GERMAN = """# Anna Schmidt
## Berufserfahrung
### Softwareentwicklerin Backend, Siemens AG
seit 04/2019
- Built the order service in Java and Spring Boot
## Kenntnisse
Programmiersprachen: Java, Python, Kotlin
Datenbanken: PostgreSQL, MongoDB
## Ausbildung
M.Sc. Informatik, TU München, 2019
"""

FRENCH = """# Julien Martin
## Expérience professionnelle
### Développeur Backend Senior, Doctolib
09/2016 – aujourd'hui
- Built the booking API in Ruby on Rails and PostgreSQL
## Compétences
Ruby, Rails, Go, Docker
## Formation
Master Informatique, 2016
"""


def test_german_headings_are_read():
    r = from_text(GERMAN, "cv.md", TODAY)
    assert r.sections == ["experience", "skills", "education"]
    assert [(x.start, x.end) for x in r.roles] == [("2019-04", None)]
    assert {"kotlin", "mongodb"} <= {s for b in r.listed for s in b.skills}
    assert r.notes == []


def test_french_headings_are_read():
    r = from_text(FRENCH, "cv.md", TODAY)
    assert r.sections == ["experience", "skills", "education"]
    assert [(x.start, x.end) for x in r.roles] == [("2016-09", None)]
    assert {"docker", "ruby"} <= {s for b in r.listed for s in b.skills}


def test_a_resume_with_no_heading_known_says_so():
    text = "# Jan Nowak\n## Doświadczenie\n### Backend Engineer, Allegro\n2019 - 2023\n- Built the search API in Go\n"
    r = from_text(text, "cv.md", TODAY)
    assert r.sections == [] and r.notes[0].startswith("no section headings recognised: rolemap reads English")
