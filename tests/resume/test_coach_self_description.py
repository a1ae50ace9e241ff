"""The coach's "what you did" against a description of the person (defect report: "Dedicated engineer
with…" counted as a contribution): an opening participle that describes the person, told by what follows
it, answers no "what you did"; the same word taking an object is an action."""

from __future__ import annotations

import pytest

from rolemap.resume.coach import GAPS, review
from rolemap.resume.read import Bullet

DESCRIPTIONS = [
    "Dedicated engineer with 8 years building billing APIs",
    "Motivated developer who built the billing API",
    "Seasoned backend engineer focused on ledger services",
    "Accomplished engineer with a track record on search APIs",
    "Detail-oriented engineer maintaining billing APIs",
    "Results-driven, shipping reliable payment APIs",
    "Committed to clean code in the billing API",
    "Dedicated to improving the reliability of the billing API",
    "Experienced in building payment APIs with Go",
    "Skilled at designing reporting pipelines",
]
ACTIONS = [
    "Dedicated 20% of sprint time to reducing flaky tests in the billing API",
    "Motivated the team to adopt contract tests for the billing API",
    "Trained 12 engineers on the deploy pipeline",
    "Built developer tooling for the billing service",
    "Load-tested the billing API at 5,000 requests per second",
    "Automated the deploy pipeline for the billing service",
    "Focused the search API on the three queries customers ran most",
    # the review's: an adjective's preposition before an object, a role noun that is the verb's object
    "Connected with the Salesforce API to sync the billing service, cutting manual entry by 40%",
    "Paired with a designer to rebuild the checkout flow",
    "Mentored junior developer through promotion to mid level",
    "Hired engineer, designer and product manager for the payments team",
]


@pytest.mark.parametrize("text", DESCRIPTIONS)
def test_a_description_of_the_person_is_no_contribution(text):
    r = review(Bullet(text, [], 1))
    assert "contribution" not in r.found, r.found
    assert r.rewrite.startswith(GAPS["contribution"])


@pytest.mark.parametrize("text", ACTIONS)
def test_the_same_openings_with_an_object_are_actions(text):
    r = review(Bullet(text, [], 1))
    assert r.found.get("contribution") == text.split()[0]
