"""The defects a black-box tester found in `jd new` and `jd lint` (inputs like /tmp/probe_market/jd/):
a market band that mixed countries and currencies, fixed pay called an error where the law accepts it,
laws matched by words anywhere in the text, the benefits rule never checked, one bad file stopping a run,
specs that should be refused, and messages that misquoted the posting."""

import json

import pytest

from rolemap.errors import InputError
from rolemap.jd.generate import propose_band
from rolemap.jd.lint import lint_text
from rolemap.jd.spec import load_spec, parse_spec
from tests.analytics.frames import make_frame
from tests.cli_runner import run
from tests.jd.test_lint import GOOD, TODAY


def posting(place: str, pay: str = "", extra: str = "", title: str = "Backend Engineer") -> str:
    """A template JD done in `place`, with `pay` in its benefits section."""
    return (
        f"# {title}\n\n## About the company\nAcme builds billing software for small shops.\n\n"
        f"## Role overview\nWe are looking for a backend engineer to join our team in {place}.{extra}\n\n"
        "## Key responsibilities\n"
        + "".join(
            f"- {d}\n"
            for d in (
                "Design and build APIs in Python.",
                "Write tests for the billing engine.",
                "Review code from teammates.",
                "Deploy services to AWS.",
                "Monitor production systems.",
                "Fix defects reported by customers.",
                "Improve query performance in PostgreSQL.",
                "Document service interfaces.",
            )
        )
        + "\n## Requirements\n- 3+ years of Python experience.\n- Experience with PostgreSQL.\n\n"
        f"## Benefits\nHealth insurance, 401(k), and 20 days of paid time off. {pay}\n\n"
        "## How to apply\nSend your CV to jobs@acme.example. Acme is an equal opportunity employer.\n"
    )


def findings(text: str) -> list:
    return lint_text(text, TODAY)[1]


def pay_laws(text: str) -> str:
    """The message of the pay-range finding (which names the laws), or ''."""
    return next((f.message for f in findings(text) if f.rule == "pay-range"), "")


# 1. the market band: the spec's country, in its currency, n and window stated, never mixed


def market_rows(country: str, currency: str, n: int, city: str, base: int) -> list[dict]:
    return [
        {
            "language": ["go"],
            "seniority": "senior",
            "salary_min": base + 1000 * i,
            "salary_max": base + 1000 * i,
            "salary_currency": currency,
            "salary_period": "year",
            "family": ["backend"],
            "salary_family": ["backend"],
            "country": [country],
            "city": [city],
            "posted": f"2024-0{1 + i % 6}-10",
        }
        for i in range(n)
    ]


MARKET = market_rows("de", "EUR", 12, "Berlin, DE", 70000) + market_rows("us", "USD", 2, "Denver, US", 150000)


def go_spec(place: str):
    return parse_spec(
        {"company": "Acme", "title": "Senior Backend Engineer (Go)", "level": "senior", "language": "Go",
         "locations": [place]}
    )  # fmt: skip


def test_a_lane_with_too_few_salaries_gets_no_band_and_never_another_countrys():
    band = propose_band(go_spec("Denver, CO, US"), make_frame(MARKET))
    assert band.salary is None
    assert "Denver (2 salaries)" in band.note and "United States (2 salaries)" in band.note
    assert "never mixed" in band.note and "set salary" in band.note


def test_the_band_is_in_the_countrys_currency_with_its_n_window_and_place():
    band = propose_band(go_spec("Berlin, Germany"), make_frame(MARKET))
    assert band.salary is not None and band.salary.currency == "EUR"
    assert 70000 <= band.salary.min < band.salary.max <= 81000  # euros, not dollars converted
    assert "12 market salaries" in band.note and "Berlin (DE)" in band.note and "yearly EUR" in band.note
    assert "postings from 2024-01-10 to 2024-06-10" in band.note


def test_a_city_with_too_few_widens_to_its_country_and_says_so():
    band = propose_band(go_spec("Munich, Germany"), make_frame(MARKET))
    assert band.salary is not None and band.salary.currency == "EUR"
    assert "widened from Munich (0 salaries" in band.note and "in Germany (DE)" in band.note


def test_places_in_two_countries_get_no_band():
    spec = parse_spec(
        {"company": "Acme", "title": "Backend Engineer", "level": "senior", "language": "Go",
         "locations": ["Berlin, Germany", "Denver, CO, US"]}
    )  # fmt: skip
    band = propose_band(spec, make_frame(MARKET))
    assert band.salary is None and "DE, US" in band.note


# 2. a fixed figure where the law accepts one


@pytest.mark.parametrize(
    ("place", "pay", "error"),
    [
        ("Denver, CO", "The salary for this role is $130,000 per year.", False),  # "pay rate/range"
        ("Denver, CO", "The pay for this role is $65 per hour.", False),
        ("Minneapolis, MN", "The salary for this role is $130,000 per year.", False),  # "or a fixed rate"
        (
            "Newark, NJ",
            "The salary for this role is $130,000 per year.",
            False,
        ),  # "wage or salary, or a range"
        (
            "Seattle, WA",
            "The salary for this role is $130,000 per year.",
            True,
        ),  # "wage scale or salary range"
    ],
)
def test_a_fixed_figure_satisfies_the_laws_that_accept_one(place, pay, error):
    found = [f for f in findings(posting(place, pay)) if f.rule == "pay-range"]
    assert bool(found) == error
    if error:
        assert found[0].severity == "error" and "$130,000" in found[0].message


# 3. the law follows where the work is, read by the place reader


@pytest.mark.parametrize(
    ("place", "extra", "reached", "not_reached"),
    [
        ("Toronto, ON, CA", "", ["Ontario"], ["California"]),
        ("Vancouver, WA", "", ["Washington"], ["British Columbia"]),
        ("Vancouver, BC", "", ["British Columbia"], ["Washington"]),
        ("Toronto (remote within Canada only)", "", ["British Columbia"], ["California", "Colorado"]),
        (
            "Austin, TX",
            " Our investors are based in New York and San Francisco.",
            [],
            ["California", "New York"],
        ),
        ("New York, NY", "", ["New York State", "New York City"], []),
        ("Chicago, IL and Minneapolis, MN", "", ["Illinois", "Minnesota"], []),
    ],
)
def test_the_place_of_work_decides_which_laws_reach_the_posting(place, extra, reached, not_reached):
    message = pay_laws(posting(place, "Competitive salary.", extra))
    assert all(name in message for name in reached), message
    assert not any(name in message for name in not_reached), message


def test_a_location_field_beats_a_recruiters_signature_and_names_a_metros_two_laws():
    signed = (
        "Senior Salesforce Developer\n\nLocation: New York, NY\n\nGood exp. in Apex. Thanks & Regards Neetam "
        "Talent Acquisition Address: 99 Wood Ave South Suite # 308, Iselin, NJ 08830\n"
    )
    assert "New York City" in pay_laws(signed) and "New Jersey" not in pay_laws(signed)
    metro = "Web Developer\n\nLocation: Washington DC-Baltimore Area\n\nWe are looking to fill positions.\n"
    assert "Maryland" in pay_laws(metro) and "District of Columbia" in pay_laws(metro)


# 4. benefits


def test_benefits_are_required_where_the_law_says_so():
    no_benefits = posting("Denver, CO", "The salary range is $120,000 - $150,000 per year.").replace(
        "Health insurance, 401(k), and 20 days of paid time off. ", ""
    )
    found = [f for f in findings(no_benefits) if f.rule == "no-benefits"]
    assert found and found[0].severity == "error" and "Colorado" in found[0].message
    assert not [
        f for f in findings(no_benefits.replace("Denver, CO", "Austin, TX")) if f.rule == "no-benefits"
    ]
    described = posting("Denver, CO", "The salary range is $120,000 - $150,000 per year.")
    assert not [f for f in findings(described) if f.rule == "no-benefits"]


# 8. messages that say what the posting says


def test_pay_messages_quote_the_posting():
    wide = findings(posting("Denver, CO", "The salary range is $50,000 - $250,000 per year."))
    assert not [f for f in wide if f.rule == "pay-range"]  # a range is there: it is too wide
    assert [f for f in wide if f.rule == "misleading-range" and f.severity == "error"]
    doe = findings(posting("Denver, CO", "Salary is $120,000 - $150,000 DOE."))
    assert not [f for f in doe if f.rule == "vague-pay"]
    capped = findings(posting("Chicago, IL", "Pay up to $150,000 per year."))
    assert any("'up to $150,000 per year' is open-ended" in f.message for f in capped)
    fixes = " ".join(f.fix for f in findings(GOOD.replace(" Base salary: €80,000–€95,000 a year.", "")))
    assert "$140,000" not in fixes  # no US figure suggested for a Berlin posting


@pytest.mark.parametrize(
    ("title", "years", "flagged", "said"),
    [
        ("Backend Engineering Intern", "3+ years", True, "3+"),
        ("Senior Backend Engineer", "2+ years", True, "2+"),
        ("Staff Backend Engineer", "3 years", True, "3+"),
        ("Senior Backend Engineer", "0-1 years", True, "0–1"),
        ("Senior Backend Engineer", "3-6 years", False, ""),  # overlaps senior's 5+
        ("Senior Backend Engineer", "5+ years", False, ""),
    ],
)
def test_level_and_years_follow_the_rules_own_bands(title, years, flagged, said):
    text = posting("Austin, TX", title=title).replace("3+ years", years)
    found = [f for f in findings(text) if f.rule == "level-years"]
    assert bool(found) == flagged
    if flagged:
        assert f"asks for {said} years" in found[0].message


# 5–7. the CLI and the spec


def test_one_unreadable_file_is_reported_and_the_rest_are_linted(tmp_path):
    good, empty = tmp_path / "co.md", tmp_path / "empty.md"
    good.write_text(posting("Denver, CO", "Competitive salary."))
    empty.write_text("")
    r = run("jd", "lint", good, empty, "--format", "sarif")
    assert r.returncode == 1 and "empty.md: empty" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    results = json.loads(r.stdout)["runs"][0]["results"]
    assert any(x["ruleId"] == "pay-range" for x in results)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("date_posted: 2027-13-45\nlocations: [Denver]\n", "'date_posted' must be a date like 2026-11-23 (got '2027-13-45')"),
        ("work_model: onsite\n", "an on-site job needs a place of work"),
        ("date_posted: 2026-12-01\nvalid_through: 2026-01-01\nlocations: [Denver]\n", "'valid_through' (2026-01-01) is before"),
        ("salary: {min: 1, max: 10000000}\nlocations: [Denver]\n", "`jd lint` would flag it"),
    ],
)  # fmt: skip
def test_specs_the_linter_would_reject_are_refused_naming_the_field(tmp_path, yaml_text, message):
    path = tmp_path / "role.yaml"
    path.write_text("company: Acme\ntitle: Backend Engineer\nlevel: mid\nlanguage: Python\n" + yaml_text)
    with pytest.raises(InputError, match=r"role\.yaml") as caught:
        load_spec(path)
    assert message in caught.value.message
