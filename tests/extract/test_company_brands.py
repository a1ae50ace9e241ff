"""The weakest company reader: the brand a posting keeps naming when no sentence introduces the hirer."""

import pytest

from rolemap.extract import extract_text
from rolemap.extract.company_brands import recurring_brand


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # named twice, once as an organisation ("iWealth's", "Sunsoil is", "the CareOne mission")
        ("Client Associate\nYou will learn iWealth's procedures and the mission and values of iWealth.", "iWealth"),
        ("VP Ecommerce\nWe sell oils. Sunsoil is growing. You lead Sunsoil's digital business.", "Sunsoil"),
        ("Office Manager\nCareOne at Lexington\nAbout Us\nThe CareOne mission is to define care.", "CareOne"),
    ],
)  # fmt: skip
def test_the_brand_a_posting_keeps_naming(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    "text",
    [
        "Administrator\nYou run Slurm clusters. Slurm experience is a must; knowledge of Slurm.",  # a product
        "Engineer\nWe build with Zorblax's kit.",  # once only
        "Coordinator\nThe Decedent team helps. Decedent records are kept. Decedent's files.",  # a rare word
        "Engineer\nThe Frontend team is hiring. Frontend's work ships.",  # a role's word
        "Engineer\nOur IaaS is fast. IaaS's costs are low.",  # an acronym
    ],
)  # fmt: skip
def test_no_brand(text):
    assert recurring_brand(text) is None


def test_a_stronger_reader_wins_over_the_brand():
    text = "Engineer\nAcme Corp is hiring. You will use Zorblax's tools; Zorblax is our partner."
    assert extract_text("x", text).company == "Acme Corp"
    assert recurring_brand(text) == ("Zorblax", recurring_brand(text)[1])  # type: ignore[index]


@pytest.mark.parametrize(
    "text", ["", "\x00\x01", "A" * 100_000, "Zorblax's " * 20_000, "<script>Zorblax</script>"]
)
def test_hostile_text_gives_a_name_or_none(text):
    found = recurring_brand(text)
    assert found is None or len(found[0]) <= 60
