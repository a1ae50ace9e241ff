"""The rules that check a JD against itself and its page's JSON-LD, on real postings of the eval pool
(../shared/data/eval_pool): the ones that fire on each, the ones that must not, and the pool as a whole."""

import datetime as dt
import json

import pytest

from rolemap.jd.duties import same_duty
from rolemap.jd.lint import lint_document, lint_text
from rolemap.text import document_text
from tests.conftest import SHARED

TODAY = dt.date(2026, 11, 23)
POOL = SHARED / "data" / "eval_pool"
NEW_RULES = ("duplicate-responsibility", "title-mismatch", "work-model-conflict", "pay-mismatch")


@pytest.fixture(scope="module")
def pool():
    if not POOL.exists():
        pytest.skip("../shared is not here")
    rows = {}
    for name in ("postings.jsonl", "salary_postings.jsonl"):
        with (POOL / name).open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def text_of(row, title=None):
    return document_text(row.get("title") or "" if title is None else title, row.get("description") or "")


def found(text, rule, page=None):
    if page is not None:
        _, findings = lint_document(page, TODAY, html=True)
    else:
        _, findings = lint_text(text, TODAY)
    return [f for f in findings if f.rule == rule]


def test_across_the_pool_the_new_rules_fire_only_where_a_reader_would_agree(pool):
    """The pool as a table: every finding of the new rules, by posting. A new finding here is a new false
    positive (or a real catch): look at it before changing the table."""
    seen = {}
    for pid, row in pool.items():
        for f in lint_text(text_of(row), TODAY)[1]:
            if f.rule in NEW_RULES:
                seen.setdefault(f.rule, set()).add(pid)
    assert seen == {
        "duplicate-responsibility": {"li-3884429788"},  # "Monitor (customers') order book…" twice
        "pay-mismatch": {"li-1183148438"},  # $45,000–$77,000 a year vs $26.70–$36.36 an hour
    }


def test_duplicate_responsibility(pool):
    (hit,) = found(text_of(pool["li-3884429788"]), "duplicate-responsibility")
    assert "Monitor" in hit.message and "monitor … book" in hit.message and hit.severity == "warning"
    # negatives: duties that share a verb but not its object, or words but not a duty
    assert same_duty("Participate in code reviews", "Participate in design reviews") is None
    assert same_duty("Write design notes for larger changes.", "Write clear, tested code.") is None
    assert (
        same_duty("At least 2 years experience using Symfony", "At least 4 years experience in PHP") is None
    )
    # positives by meaning: the same verb and object, the same scope signal, a reworded copy
    assert same_duty("Troubleshoot production issues.", "Troubleshoot and resolve production issues.")
    assert "on call" in same_duty(
        "Take part in a one-week-in-six on-call rotation.", "Be part of the pager duty rotation as on-call"
    )
    assert same_duty("Mentor junior engineers.", "Coach and grow the engineers around you.")


def test_title_mismatch_positive_and_negative(pool):
    # real postings whose body introduces the title's role: nothing to say
    for pid in ("dice-343", "dice-384", "dice-28", "dice-220", "dice-466", "li-3833295504"):
        assert not found(text_of(pool[pid]), "title-mismatch"), pid
    # a multi-role HN post that names the title's role among others, and one whose "(ML …)" is no role
    assert not found(text_of(pool["hn-13083317"]), "title-mismatch")
    assert not found(text_of(pool["hn-15602816"]), "title-mismatch")
    # the same real bodies under a title they contradict
    (hit,) = found(text_of(pool["dice-466"], title="Senior Backend Engineer"), "title-mismatch")
    assert "backend role" in hit.message and "iOS Developer" in hit.message
    entry = text_of(pool["hn-13085594"]).replace(
        "Entry-level Back-end Developer", "Senior Back-end Developer"
    )
    (hit,) = found(entry, "title-mismatch")
    assert "the title says senior" in hit.message and "entry-level" in hit.message
    junior_duties = (
        text_of(pool["dice-384"]) + "\nYou will learn from senior engineers under close supervision."
    )
    assert {"'learn from senior'", "'under close supervision'"} <= {
        f.message.split(": ", 1)[1] for f in found(junior_duties, "title-mismatch")
    }


def test_work_model_conflict_positive_and_negative(pool):
    # a real hybrid posting with remote words and "do not require 100% on-site": no contradiction
    assert not found(text_of(pool["li-3832947295"]), "work-model-conflict")
    anywhere = text_of(pool["li-3835671506"])  # "we offer a work from anywhere policy"
    assert not found(anywhere, "work-model-conflict")
    # …then limited to a country in the text, or by the page's JSON-LD
    (hit,) = found(anywhere + "\nCandidates must be based in the US.", "work-model-conflict")
    assert "work from anywhere" in hit.message
    ld = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": pool["li-3835671506"]["title"],
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": [{"@type": "Country", "name": "US"}],
    }
    page = (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
        f"<h1>{ld['title']}</h1><p>{pool['li-3835671506']['description']}</p></body></html>"
    )
    messages = [f.message for f in found("", "work-model-conflict", page=page)]
    assert any("JSON-LD limits applicants to US" in m for m in messages)
    # remote offered and refused in one text
    refused = text_of(pool["li-3835671506"]) + "\nThis is not a remote position."
    assert found(refused, "work-model-conflict")
    # the text remote, the JSON-LD silent about it
    silent = page.replace('"jobLocationType": "TELECOMMUTE", ', "").replace(
        ', "applicantLocationRequirements"', ', "x"'
    )
    assert any(
        "no jobLocationType TELECOMMUTE" in f.message for f in found("", "work-model-conflict", page=silent)
    )


def test_pay_mismatch_positive_and_negative(pool):
    (hit,) = found(text_of(pool["li-1183148438"]), "pay-mismatch")
    assert "$26.70 to $36.36 an hour" in hit.message and "55,536–75,629 a year" in hit.message
    for pid in (
        "li-3862673730",  # "$33.774 - $38.000 hourly or $70,250 - $79,040": the same pay twice
        "li-3884429703",  # "Hiring Pay Range: $18.50 - $22.75 … Full Range: $18.50 - $27.00"
        "li-3843103150",  # "$42,000 - $44,000 per year for Center, $25-27 for hourly assignments"
        "li-3866803225",  # "$250 - $275/hr (earn $150,000+ annually)": a single figure, not a range
        "li-3828515870",  # "will pay: $80,000 - $93,000" inside the "compensation range" $80,000 - $120,000
    ):
        assert pid in pool and not found(text_of(pool[pid]), "pay-mismatch"), pid


def test_json_ld_pay_and_title_against_the_text(pool):
    row = pool["li-3862673730"]
    ld = {
        "@type": "JobPosting",
        "title": "Something else entirely",
        "baseSalary": {
            "currency": "USD",
            "value": {"minValue": 90000, "maxValue": 99000, "unitText": "YEAR"},
        },
    }
    page = (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
        f"<h1>{row['title']}</h1><p>{row['description']}</p></body></html>"
    )
    assert any("baseSalary" in f.message for f in found("", "pay-mismatch", page=page))
    assert any("JSON-LD title" in f.message for f in found("", "title-mismatch", page=page))
