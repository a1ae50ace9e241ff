"""Every message template that names jurisdictions, rendered for one and for several: the verb agrees with
its subject ("Colorado requires", "Colorado and California require"), in the templates and in real findings."""

import datetime as dt
import re

import pytest

from rolemap.jd.lint import lint_text
from rolemap.jd.messages import LAW_MESSAGES, VERBS, join_names, law_message, template_verbs
from tests.jd.test_lint import GOOD

TODAY = dt.date(2026, 11, 23)
VALUES = {"spread": "50,000"}


@pytest.mark.parametrize("key", sorted(LAW_MESSAGES))
@pytest.mark.parametrize(
    "names", [["Colorado"], ["New York City"], ["Illinois", "Minnesota"], ["A", "B", "C", "D", "E", "F"]]
)
def test_every_template_agrees_with_one_and_several_jurisdictions(key, names):
    template = LAW_MESSAGES[key]
    match = re.match(r"\{names\} \{(\w+)\}", template)
    assert match and match.group(1) in VERBS, f"{key}: the subject must be followed by a verb in braces"
    assert template_verbs(template), key
    text = law_message(key, names, **VALUES)
    singular, plural = VERBS[match.group(1)]
    subject = join_names(names)
    assert text.startswith(f"{subject} {singular if len(names) == 1 else plural} "), text
    assert "{" not in text and "  " not in text


def test_names_are_joined_for_reading():
    assert join_names(["Colorado"]) == "Colorado"
    assert join_names(["Colorado", "California"]) == "Colorado and California"
    assert join_names(["A", "B", "C"]) == "A, B and C"
    assert join_names(["A", "B", "C", "D", "E", "F"]) == "A, B, C, D and 2 more"


def messages(text):
    return [f.message for f in lint_text(text, TODAY)[1]]


def test_the_findings_say_it_right_for_one_and_several_jurisdictions():
    no_pay = GOOD.replace(" Base salary: €80,000–€95,000 a year.", " Competitive salary.")
    one = messages(no_pay.replace("in Berlin", "in Denver, CO"))
    assert any("(Colorado requires a pay range in the posting)" in m for m in one)
    several = messages(no_pay.replace("in Berlin", "remote (US)"))
    assert any(
        re.search(r"\((\w[\w ]*, )+[\w ]+ and (\d+ more|[\w ]+) require a pay range", m) for m in several
    )
    assert not any("requires" in m for m in several if "pay range in the posting" in m and " and " in m)
    open_ended = GOOD.replace(" Base salary: €80,000–€95,000 a year.", " Base salary: up to $150,000 a year.")
    assert any(
        "Illinois does not accept" in m for m in messages(open_ended.replace("in Berlin", "in Chicago, IL"))
    )
    both = open_ended.replace("in Berlin", "in Chicago, IL and Minneapolis, MN")
    assert any("Illinois and Minnesota do not accept" in m for m in messages(both))
    toronto = GOOD.replace("in Berlin", "in Toronto, Ontario").replace(
        "€80,000–€95,000 a year", "CAD 90,000–160,000 a year"
    )
    assert any(m.startswith("Ontario allows a spread of at most 50,000") for m in messages(toronto))


def test_counts_and_articles_in_messages():
    one_duty = re.sub(r"(- [^\n]+\n)+", "- Ship small changes every day.\n", GOOD, count=1)
    assert any(m.startswith("1 responsibility;") for m in messages(one_duty))
    intern = GOOD.replace("Senior Backend Engineer", "Backend Engineering Intern").replace(
        "5+ years", "7+ years"
    )
    assert any(m.startswith("an intern title asks for 7+ years") for m in messages(intern))
