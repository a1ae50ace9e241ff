import json
from pathlib import Path

import pytest
from lemminflect import getAllLemmas

from rolemap.analytics.lane import SYSTEM_TYPES
from rolemap.errors import InputError
from rolemap.extract.wordlists import load_wordlist
from rolemap.jd.generate import build, propose_band, to_html, to_json_ld, to_markdown
from rolemap.jd.lint import lint_text
from rolemap.jd.spec import load_spec, parse_spec, template
from rolemap.jd.words import action_verb, is_verb
from rolemap.sources.jsonld import jsonld_postings
from tests.analytics.frames import make_frame

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "role.yaml"
HEADINGS = [
    "About the company",
    "Role overview",
    "Key responsibilities",
    "Requirements",
    "Nice-to-have skills",
    "Benefits and how to apply",
]


def spec(**changes):
    base = {
        "company": "Acme",
        "title": "Backend Engineer",
        "level": "mid",
        "language": "Python",
        "locations": ["Berlin, Germany"],
        "salary": {"min": 70000, "max": 85000, "currency": "EUR"},
        "how_to_apply": "To apply, email jobs@acme.example.",
    }
    return parse_spec({**base, **changes})


def jd(**changes):
    s = spec(**changes)
    return build(s, propose_band(s, None))


def test_sections_in_template_order():
    md = to_markdown(jd())
    positions = [md.index(f"## {h}") for h in HEADINGS]
    assert positions == sorted(positions)


@pytest.mark.parametrize("system_type", ["product", "data", "distributed", "platform", "security"])
def test_eight_to_ten_responsibilities_each_with_an_action_verb(system_type):
    responsibilities = jd(system_type=system_type).sections[2][2]
    assert 8 <= len(responsibilities) <= 10
    assert all(action_verb(r.split()[0].strip(","))[0] for r in responsibilities)
    assert not any("backend" in r for r in responsibilities) or system_type == "product"


@pytest.mark.parametrize(
    ("level", "years", "extra"),
    [
        ("junior", "1+ years", None),
        ("senior", "5+ years", None),
        ("staff", "8+ years", "technical direction"),
        ("manager", "7+ years", "managing engineers"),
    ],
)
def test_requirements_fit_the_level(level, years, extra):
    requirements = " ".join(jd(level=level).sections[3][2])
    assert years in requirements
    if extra:
        assert extra in requirements


def test_generated_jds_lint_clean():
    for level in ("junior", "mid", "senior", "staff", "manager"):
        for model in ("remote", "hybrid", "onsite"):
            _, findings = lint_text(
                to_markdown(
                    jd(level=level, work_model=model, benefits=["Health insurance and 30 days of holiday"])
                )
            )
            assert [f for f in findings if f.severity in ("error", "warning")] == [], (level, model)
    example = load_spec(EXAMPLE)
    _, findings = lint_text(to_markdown(build(example, propose_band(example, None))))
    assert findings == []


def test_json_ld_has_what_search_engines_require_and_recommend():
    doc = to_json_ld(
        jd(
            work_model="remote",
            remote_countries=["US", "CA"],
            salary={"min": 120000, "max": 150000, "currency": "USD"},
        )
    )
    for key in (
        "title",
        "description",
        "datePosted",
        "validThrough",
        "hiringOrganization",
        "employmentType",
        "baseSalary",
    ):
        assert doc[key], key
    assert doc["@type"] == "JobPosting" and doc["jobLocationType"] == "TELECOMMUTE"
    assert [c["name"] for c in doc["applicantLocationRequirements"]] == ["US", "CA"]
    value = doc["baseSalary"]["value"]
    assert doc["baseSalary"]["@type"] == "MonetaryAmount" and value["@type"] == "QuantitativeValue"
    assert (value["minValue"], value["maxValue"], value["unitText"]) == (120000, 150000, "YEAR")
    onsite = to_json_ld(jd())
    assert (
        onsite["jobLocation"][0]["address"]["addressCountry"] == "Germany" and "jobLocationType" not in onsite
    )


def test_json_ld_reads_back_through_rolemaps_own_jsonld_source():
    page = f'<script type="application/ld+json">{json.dumps(to_json_ld(jd()))}</script>'
    (posting,) = list(jsonld_postings(page, "jd.html"))
    assert posting.title == "Backend Engineer" and posting.company == "Acme"
    assert posting.source_fields["salary"]["min"] == 70000


def test_html_escapes_the_spec():
    page = to_html(jd(company="<script>alert(1)</script>"))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_band_from_the_market_or_a_note():
    rows = [
        {
            "language": ["python"],
            "seniority": "mid",
            "salary_min": 90000 + 1000 * i,
            "salary_max": 90000 + 1000 * i,
            "salary_currency": "EUR",
            "salary_period": "year",
            "family": ["backend"],
            "salary_family": ["backend"],
            "country": ["de"],
        }
        for i in range(12)
    ]
    # a product manager's role rows (analytics/role_rows.py) are not in a backend engineer's band
    manager = {**rows[0], "family": ["non_software"], "salary_family": ["non_software"], "salary_min": 400000}
    band = propose_band(spec(salary=None), make_frame(rows + [manager] * 5))
    assert (
        band.salary
        and band.salary.min == 93000
        and band.salary.max == 98000
        and band.salary.currency == "EUR"
        and "12 market salaries" in band.note
    )
    small = propose_band(spec(salary=None), make_frame(rows[:3]))
    assert small.salary is None and "too few" in small.note
    assert "no salary band" in build(spec(salary=None), small).notes[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "X", "level": "mid", "language": "Go"}, "'company' is required"),
        ({"company": "A", "title": "X", "level": "wizard", "language": "Go"}, "'level' must be one of"),
        (
            {
                "company": "A",
                "title": "X",
                "level": "mid",
                "language": "Go",
                "salary": {"min": 200, "max": 100},
            },
            "not above max",
        ),
        (
            {
                "company": "A",
                "title": "X",
                "level": "mid",
                "language": "Go",
                "salary": {"min": 1, "max": 2, "period": "decade"},
            },
            "salary.period",
        ),
        (
            {"company": "A", "title": "X", "level": "mid", "language": "Go", "must_have": {"a": 1}},
            "list of text",
        ),
        (
            {"company": "A", "title": "X", "level": "mid", "language": "Go", "date_posted": "soon"},
            "date like",
        ),
        (["not", "a", "mapping"], "expected a mapping"),
    ],
)
def test_bad_specs_name_the_field(data, message):
    with pytest.raises(InputError, match=message):
        parse_spec(data)


def test_bad_spec_files(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("company: [unclosed")
    with pytest.raises(InputError, match="not valid YAML"):
        load_spec(bad)
    with pytest.raises(InputError, match="no such file"):
        load_spec(tmp_path / "missing.yaml")
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(InputError, match="not UTF-8"):
        load_spec(binary)
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"title: " + b"x" * 300_000)
    with pytest.raises(InputError, match="larger than"):
        load_spec(huge)
    with pytest.raises(InputError, match="cannot read"):
        load_spec(tmp_path)  # a folder


def test_template_data_is_well_formed():
    t = template()
    for group, lines in t["responsibilities"].items():
        for line in lines:
            assert isinstance(line, str) and action_verb(line.split()[0].strip(","))[0], (group, line)
    assert [s["heading"] for s in t["sections"]] == HEADINGS
    assert set(t["system_words"]) == set(SYSTEM_TYPES)
    for words in t["system_words"].values():
        assert set(words) == {"work", "services", "partners", "deliverables"}
        for line in t["responsibilities"]["common"]:
            line.format(language="Go", datastore="PostgreSQL", **words)  # every placeholder is filled
    scopes = load_wordlist("scope")
    assert set(t["one_duty_scopes"]) <= set(scopes)
    for verb in t["verbs"]["not_action"]:
        assert is_verb(verb), verb
    for verb in t["verbs"]["missing_from_lexicon"]:
        assert not getAllLemmas(verb, upos="VERB"), f"{verb} is in the lexicon now: drop it from the list"
