"""A hirer read by its initials is named in full where the text spells them out. Names are made up; the
shapes are those postings use."""

import pytest

from rolemap.extract import extract_text
from rolemap.extract.company_acronyms import spelled_out


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # defined in brackets after the full name (its legal form between), then used alone
        ("Developer\nSoftware Guidance & Assistance, Inc., (SGX), is searching for a Java Developer. SGX is a"
         " certified business.", "Software Guidance & Assistance"),
        # spelt out without brackets; a hyphenated word gives a letter a part, and the name goes on past them
        ("Engineer\nJoin our team! Pape-Muller Engineering Consultants, P.C., located in Warren, is a civil firm."
         " PMQ is seeking a motivated Design Engineer.", "PMQ"),
        ("Engineer\nJoin our team! Pape-Muller Engineering Consultants, P.C., located in Warren, is a civil firm."
         " PME is seeking a motivated Design Engineer.", "Pape-Muller Engineering Consultants"),
        # small joining words give no letter
        ("Clerk\nThe Department of Behavioral Health and Developmental Services (DBHDS) serves the state. DBHDS is"
         " seeking a clerk.", "Department of Behavioral Health and Developmental Services"),
        # a role spelt out names no hirer
        ("Chief Operating Officer\nThe Chief Operations Officer (COO) position is an opportunity. The COO is a key"
         " member of the team.", None),
        # initials the text never spells out stay as they are
        ("Developer\nKQV is seeking a Java Developer. KQV is a certified business.", "KQV"),
    ],
)  # fmt: skip
def test_initials_spelt_out_name_the_hirer_in_full(text, company):
    assert extract_text("x", text).company == company


def test_a_header_name_stays_as_the_poster_wrote_it():
    text = "\nNPQ | Boston | Senior Engineers | ONSITE\nNPQ (National Public Quartet) is hiring senior engineers."
    assert extract_text("x", text).company == "NPQ"


@pytest.mark.parametrize(
    ("acronym", "expected"),
    [
        ("AB", None),  # two letters spell too many runs unless the text defines them in brackets
        ("Acme", None),  # no acronym
        ("ABG", "Alpha Beta Gamma"),
        ("ABC", None),
    ],
)
def test_what_counts_as_initials(acronym, expected):
    found = spelled_out("We are Alpha Beta Gamma here, and ABG hires. Alpha Beta works too.", acronym)
    assert (found[0] if found else None) == expected
