"""Three role specs (tests/jd/specs: the issue's senior Go platform engineer remote in the US, a staff
data-platform engineer hybrid in two offices, an application-security contractor on site in Toronto):
the generated Markdown, HTML and JSON-LD say what the spec says, field by field, as rolemap's own extractor
and JSON-LD reader read them back; and a JD whose text is changed to disagree does not lint clean."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from rolemap.extract.document import Document
from rolemap.extract.engine import extract_document
from rolemap.jd.duties import meaning
from rolemap.jd.generate import (
    build,
    country_name,
    propose_band,
    role_phrase,
    to_html,
    to_json_ld,
    to_markdown,
)
from rolemap.jd.lint import lint_document, lint_text
from rolemap.jd.roles import role_noun
from rolemap.jd.spec import load_spec
from rolemap.sources.jsonld import jsonld_postings
from rolemap.text import plain_text

SPECS = sorted((Path(__file__).parent / "specs").glob("*.yaml"))
TODAY = dt.date(2026, 11, 23)
_LD_EMPLOYMENT = {"full_time": "FULL_TIME", "contract": "CONTRACTOR"}


@pytest.fixture(params=SPECS, ids=[p.stem for p in SPECS])
def made(request):
    spec = load_spec(request.param)
    jd = build(spec, propose_band(spec, None))
    return spec, jd, to_markdown(jd), to_html(jd), to_json_ld(jd)


def script_json_ld(page):
    blocks = LexborHTMLParser(page).css('script[type="application/ld+json"]')
    assert len(blocks) == 1
    return json.loads(blocks[0].text(deep=True, strip=True))


def test_markdown_html_and_json_ld_agree_with_the_spec_field_by_field(made):
    spec, _jd, md, page, ld = made
    for text in (md, plain_text(page)):
        record = extract_document("jd", Document.read(text))
        assert text.splitlines()[0].lstrip("# ") == spec.title
        assert record.seniority == spec.level
        assert record.work_model == spec.work_model
        assert record.employment_type == spec.employment_type
        assert record.primary_language == spec.language.lower()
        assert record.system_types[0] == spec.system_type
        assert spec.salary is not None and record.salary == {
            "min": spec.salary.min,
            "max": spec.salary.max,
            "currency": spec.salary.currency,
            "period": spec.salary.period,
        }
        assert spec.company in text.splitlines()[2]
        for item in [*spec.stack, *spec.locations, *spec.responsibilities]:
            assert item in text, item
        if spec.work_model == "remote":
            for code in spec.remote_countries:
                assert f"open to people who live in {country_name(code)}" in text
        assert "anywhere" not in text
    assert ld["title"] == spec.title and ld["hiringOrganization"]["name"] == spec.company
    assert ld["employmentType"] == _LD_EMPLOYMENT[spec.employment_type]
    assert ("jobLocationType" in ld) == (spec.work_model == "remote")
    if spec.work_model == "remote":
        assert [c["name"] for c in ld["applicantLocationRequirements"]] == spec.remote_countries
    localities = [place["address"]["addressLocality"] for place in ld.get("jobLocation", [])]
    assert localities == [loc.split(",")[0] for loc in spec.locations]
    value = ld["baseSalary"]["value"]
    assert (ld["baseSalary"]["currency"], value["minValue"], value["maxValue"], value["unitText"]) == (
        spec.salary.currency,
        spec.salary.min,
        spec.salary.max,
        spec.salary.period.upper(),
    )
    assert ld["datePosted"] == spec.date_posted.isoformat()


def test_the_html_page_carries_the_json_ld_and_reads_back(made):
    spec, jd, _md, page, ld = made
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page and f"<title>{spec.title}" in page
    assert script_json_ld(page) == ld
    fragment = to_html(jd, fragment=True)
    assert "<html" not in fragment and script_json_ld(fragment) == ld
    (posting,) = list(jsonld_postings(page, "jd.html"))
    assert posting.title == spec.title and posting.company == spec.company
    assert posting.source_fields.get("remote", False) is (spec.work_model == "remote")
    assert plain_text(posting.description).splitlines()[0] == spec.title


def test_the_json_ld_block_cannot_be_closed_by_the_spec():
    spec = load_spec(SPECS[0])
    hostile = type(spec)(**{**spec.__dict__, "title": "Engineer </script><script>alert(1)</script>"})
    page = to_html(build(hostile, propose_band(hostile, None)))
    assert page.count("</script>") == 1 and script_json_ld(page)["title"] == hostile.title


def test_on_call_once_and_no_duty_twice(made):
    spec, jd, md, _page, _ld = made
    duties = jd.sections[2][2]
    assert 8 <= len(duties) <= 10 and duties[: len(spec.responsibilities)] == spec.responsibilities
    assert sum("on-call" in meaning(d).scopes for d in duties) == (1 if "on-call" in md else 0)
    _, findings = lint_text(md, TODAY)
    assert not [f for f in findings if f.rule == "duplicate-responsibility"]


def test_the_platform_specs_on_call_duty_is_not_repeated_by_the_default():
    spec = load_spec(Path(__file__).parent / "specs" / "platform.yaml")
    md = to_markdown(build(spec, propose_band(spec, None)))
    assert md.count("on-call") == 1 and "Take part in the on-call rotation" not in md
    assert "Build the deployment pipelines, tooling" not in md  # the spec's own pipeline duty says it


def test_the_titles_role_word_is_used_not_backend_everywhere(made):
    spec, _jd, md, _page, _ld = made
    role = role_noun(spec.title, (spec.language, *spec.stack))
    assert f"We are looking for a {role_phrase(spec)} to join" in md or f"an {role_phrase(spec)}" in md
    assert role in md and "backend" not in md.lower()


def test_generated_pages_lint_clean_and_a_changed_one_does_not(made):
    spec, _jd, md, page, _ld = made
    for text, is_html in ((md, False), (page, True)):
        _, findings = lint_document(text, TODAY, html=is_html)
        assert [f for f in findings if f.severity != "info"] == [], (spec.title, findings)
    # the text says another role, another pay and the same duty twice: the spec and the text disagree
    first_duty = spec.responsibilities[0]
    changed = re.sub(r"looking for an? [^.]*? to join", "looking for a junior frontend developer to join", md)
    changed = changed.replace(f"- {first_duty}", f"- {first_duty}\n- {first_duty.rstrip('.')} as well.")
    changed = changed.replace("plus the benefits below", "or $95,000–$99,000 a year, plus the benefits below")
    rules = {f.rule for f in lint_text(changed, TODAY)[1]}
    assert {"title-mismatch", "duplicate-responsibility", "pay-mismatch"} <= rules
