"""The company readers look for a weaker kind of sentence only while no stronger kind has named the hirer,
and still let a weaker kind name it when no stronger one does."""

from __future__ import annotations

import pytest

from rolemap.extract import company_sentences, extract_text

BODY = "Developer\nWe build tools for teams.\n"


def test_a_weaker_kind_is_not_read_once_a_stronger_one_names_the_hirer(monkeypatch):
    def never(text: str) -> list:
        raise AssertionError("a weaker kind was read")

    for kind in ("signature", "domain", "learn_more", "mission", "since"):
        monkeypatch.setitem(company_sentences._READERS, kind, never)
    assert (
        extract_text("x", BODY + "Here at Northwind Traders, we ship every day.").company
        == "Northwind Traders"
    )


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (BODY + "Since 1999, Contoso Labs has built tools.", "Contoso Labs"),
        (BODY + "Contoso Labs's mission is to build tools. Contoso Labs is growing.", "Contoso Labs"),
        (
            BODY + "Here at Northwind Traders, we ship. Since 1999, Contoso Labs has built tools.",
            "Northwind Traders",
        ),
    ],
)
def test_each_kind_still_names_the_hirer_when_no_stronger_one_does(text, company):
    assert extract_text("x", text).company == company
