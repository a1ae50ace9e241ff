"""The sentences that name a hirer, each shape with a look-alike that must name no one (or not that
name). Names are made up; the shapes are those postings use."""

import pytest

from rolemap.extract import extract_text

BODY = "Developer\nWe build tools for teams.\n"


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the equal-opportunity line in its other shapes: it closes many postings, with the employer's name
        (BODY + "Northwind Traders provides equal employment opportunities to all employees.", "Northwind Traders"),
        (BODY + "Northwind Traders is committed to providing equal employment opportunities.", "Northwind Traders"),
        (BODY + "Contoso Labs does not discriminate on the basis of race.", "Contoso Labs"),
        (BODY + "We provide equal employment opportunities. We do not discriminate.", None),
        (BODY + "Our team is committed to equal opportunity.", None),
    ],
)  # fmt: skip
def test_the_equal_opportunity_line_in_its_shapes(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a firm named by its partners: the commas before the last two belong to the name
        (BODY + "EEO:Harlan, Moss, Pryce & Webb provides equal employment opportunities (EEO) to all.",
         "Harlan, Moss, Pryce & Webb"),
        (BODY + "Dallas, Austin & Houston provides equal employment opportunities to all.", None),  # places
        # six words besides the small ones that join them
        ("Manager\nThe Historical Society of Western & Central Pennsylvania is a nonprofit museum.",
         "Historical Society of Western & Central Pennsylvania"),
        ("Engineer\nGreat Benefits Package With Medical Dental Vision Coverage is a must.", None),
        # an abbreviation before a legal form ends no sentence; a heading glued to the name is no part of it
        ("Analyst\nCompany DescriptionHarwood Bros. Inc. is a moving company.", "Harwood Bros. Inc"),
        ("Writer\nCompany DescriptionKestrel Writing Services LLC offers editing.", "Kestrel Writing Services"),
    ],
)  # fmt: skip
def test_how_long_a_name_runs(text, company):
    assert extract_text("x", text).company == company
