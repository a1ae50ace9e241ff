import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolemap.extract.document import Document
from rolemap.extract.salary import extract_salary, parse_number


def salary_of(text):
    return extract_salary(Document.read("Engineer\n" + text))


def usd(lo, hi, period="year", cur="USD"):
    return {"min": lo, "max": hi, "currency": cur, "period": period}


# The formats of ../shared/research/facts.md §3.1, and real phrasings from the LinkedIn salary postings.
CASES = [
    ("$120K-$150K", usd(120000, 150000)),
    ("$120-150k", usd(120000, 150000)),
    ("120,000 - 150,000 USD per year", usd(120000, 150000)),
    ("$60/hr", usd(60, 60, "hour")),
    ("$60 - $75 an hour", usd(60, 75, "hour")),
    ("$300 - $400 per hour", usd(300, 400, "hour")),
    ("$4,000 - $6,000 per month", usd(4000, 6000, "month")),
    ("€70.000–85.000", usd(70000, 85000, cur="EUR")),
    ("£55k", usd(55000, 55000, cur="GBP")),
    ("up to $200k", usd(None, 200000)),
    ("$150k-$180k + equity", usd(150000, 180000)),
    ("Salary: $140,000- $175,000", usd(140000, 175000)),
    ("between $35,000 and $85,000 per year", usd(35000, 85000)),
    ("$230,000/yr to $280,000/yr", usd(230000, 280000)),
    ("Salary Range: $205,398 - $274,206 Annual", usd(205398, 274206)),
    ("$45.00 - $55.00/hr", usd(45, 55, "hour")),
    ("USD 120,000 to 140,000", usd(120000, 140000)),
    ("Pay: $18.00 - $24.00 per hour", usd(18, 24, "hour")),
    ("Starting at $35/hour depending on experience", usd(35, 35, "hour")),
    ("salary 90k€", usd(90000, 90000, cur="EUR")),
    ("$200 Sign-On Bonus!!! Pay Range: $20 - $25 Per Hour", usd(20, 25, "hour")),
    # a bare "$" is the dollar of the code written beside the amount (Hacker News headers in Canada,
    # Singapore, Australia)
    ("Ottawa | REMOTE or ONSITE | $110k CAD", usd(110000, 110000, cur="CAD")),
    ("Singapore, VISA | $65k - $100k SGD |", usd(65000, 100000, cur="SGD")),
    ("Web Developer | $70k-$90k (CAD) plus benefits", usd(70000, 90000, cur="CAD")),
    ("REMOTE (AU preferred) | $109k (AUD) base salary", usd(109000, 109000, cur="AUD")),
    ("Salary: $105,000/yr CAD", usd(105000, 105000, cur="CAD")),
    ("Salary: C$90,000 USD equivalent", usd(90000, 90000, cur="CAD")),  # a symbol that names one wins
    ("Salary: CAD $110k", usd(110000, 110000, cur="CAD")),  # a code before the sign
    ("Salary: 120,000 - 150,000 USD per year", usd(120000, 150000)),
    # a code that goes on into a word or another amount is not this amount's
    ("Pay: $28/hr CAD drafting and modelling", usd(28, 28, "hour")),
    ("Salary: $120k (EUR 110k for Berlin)", usd(120000, 120000)),
    # a "+" before the code is the range's open top, not more pay (HN, Zurich); before a word it still is
    (
        "Salary is 80k - 120k+ CHF per year. This amounts to 7-9k CHF per month in net-salary",
        usd(80000, 120000, cur="CHF"),
    ),
    ("Salary: 90k+ EUR", usd(90000, 90000, cur="EUR")),
    ("$120k+ bonus", usd(120000, 120000)),
    ("$150k+ $30k bonus", usd(150000, 150000)),  # a sign after the "+" opens the next amount
    # an apostrophe groups thousands in Switzerland (and a Lisbon post on HN): "120'000" was CHF 120 an hour
    ("Salary: CHF 120'000 - 140'000 per year", usd(120000, 140000, cur="CHF")),
    ("Salary CHF 120’000–140’000", usd(120000, 140000, cur="CHF")),
    ("Salary range: Euro 24'000 - 48'000 + options", usd(24000, 48000, cur="EUR")),
    # billions a few words on are the company's, not the figure's
    ("Salary $150,000 at a 2 billion dollar company", usd(150000, 150000)),
    ("Salary: $150k (base), we serve 3 billion requests", usd(150000, 150000)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_salary_formats(text, expected):
    assert salary_of(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "OTE $200k",
        "We raised $20M in funding",
        "$10,000 sign-on bonus",
        "a $5,000 relocation stipend",
        "401(k) match up to $6,000",
        "competitive salary, DOE",
        "Series B, $40M",
        "$2,000 learning budget",
        "a $100B market",
        "Gehalt: 70.000 - 85.000",
        # from the HN sample: funding, insurance and revenue, not pay
        "We bootstrapped the company passed $1M in annual recurring revenue, then raised",
        "Everything's insured up to $1m. We're funded by General Catalyst",
        "closed our seed round of $625k from well known angels",
        # what customers and students spend is a price, not pay (HN)
        "Instead of spending $10,000 to $20,000 on a coding bootcamp, come work with us",
        "Our customers are often spending $200k just on one purchase",
        # billions are market sizes and wagers, never pay; what "you'll pay" is the reader's price (HN)
        "with total wagering across all our games exceeding $6.4 billion in 2012.",
        "SMEs in the UK alone are owed £55bn in unpaid invoices",
        "a fast growing financial data startup in a $100Bn+ global market.",
        'Patients receive texts like, "If you fill your Lipitor rx today, you’ll pay $5."',
    ],
)
def test_not_salary(text):
    assert salary_of(text)[0] is None


def test_evidence_points_at_the_amount():
    text = "Great team. Base salary $120k - $150k per year, plus equity."
    _, spans = salary_of(text)
    full = "Engineer\n" + text
    assert full[spans[0].start : spans[0].end] == spans[0].text
    assert "$120k" in spans[0].text


def test_salary_words_beat_other_amounts():
    text = "We served $3,000,000 in payments. The salary range for this role is $130,000 - $160,000."
    assert salary_of(text)[0] == usd(130000, 160000)


@pytest.mark.parametrize(
    ("raw", "dot_decimal", "value"),
    [
        ("120,000", True, 120000),
        ("70.000", False, 70000),
        ("56.41", True, 56.41),
        ("1.234.567", False, 1234567),
        ("22,90", False, 22.9),
        ("33.774", True, 33.774),
        ("100 000", True, 100000),
        ("1'250'000", True, 1250000),
    ],
)
def test_parse_number_conventions(raw, dot_decimal, value):
    assert parse_number(raw, dot_is_decimal=dot_decimal) == pytest.approx(value)


@given(st.text(max_size=400))
def test_never_raises_and_min_never_above_max(text):
    salary, spans = salary_of(text)
    if salary is not None:
        assert salary["min"] is None or salary["max"] is None or salary["min"] <= salary["max"]
        assert spans


@given(st.integers(1, 400), st.integers(1, 400), st.sampled_from(["k", ",000"]))
def test_generated_ranges_keep_order(a, b, unit):
    salary, _ = salary_of(f"Salary: ${a}{unit} - ${b}{unit} per year")
    if salary is not None:
        assert salary["min"] <= salary["max"]
