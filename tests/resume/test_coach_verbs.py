"""The coach's "what you did" (defect report on the resume coach): a bullet opening on a verb in the past
tense is a contribution, whatever the verb, and a rewrite never puts a gap in front of a verb."""

from __future__ import annotations

import pytest

from rolemap.resume.coach import GAPS, past_tense, review
from rolemap.resume.read import Bullet, _words

# The tester's bullets (/tmp/probe_resume/cv/verbs.md): none of their verbs is in the coach's word list.
STRONG = [
    "Raised test coverage of the billing service from 40% to 85%",
    "Decreased p95 latency of the search API from 900 ms to 200 ms by adding a covering index",
    "Spearheaded the migration of the payments service to Kubernetes, cutting deploy time by 80%",
    "Streamlined the invoice pipeline by batching writes, saving 30% compute",
    "Upgraded the orders service from Python 2 to Python 3 with zero downtime",
    "Containerized 30 legacy services with Docker, cutting onboarding time from 2 days to 2 hours",
    "Engineered an idempotent webhook service in Go handling 5,000 events per second",
    "Managed the PostgreSQL cluster for the ledger service, reducing failover time by 90%",
    "Accelerated CI pipelines by 3x by caching Docker layers",
]


@pytest.mark.parametrize("text", STRONG)
def test_a_past_tense_opening_is_what_you_did(text):
    r = review(Bullet(text, [], 1))
    assert r.found["contribution"] == text.split()[0]
    assert r.verdict == "strong" and r.rewrite == ""


def test_a_rewrite_never_puts_a_gap_before_the_bullets_own_verb():
    r = review(
        Bullet("Authored the internal gRPC API for the pricing service in Go, used by 12 teams", [], 1)
    )
    assert r.verdict == "ok" and r.found["contribution"] == "Authored"
    assert r.rewrite.startswith("Authored the internal gRPC API") and GAPS["contribution"] not in r.rewrite
    used = review(Bullet("Used Kafka for the events pipeline", [], 1))  # a verb that says no action
    assert "contribution" in used.missing and used.verdict == "weak"
    assert used.rewrite.startswith("Used Kafka") and GAPS["contribution"] not in used.rewrite


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Worked on the billing API", "the billing API"),
        ("Was responsible for the billing API", "the billing API"),
        ("The billing API in Go", "the billing API in Go"),
    ],
)
def test_a_filler_or_no_verb_still_gets_the_gap_for_what_you_did(text, rest):
    r = review(Bullet(text, [], 1))
    assert "contribution" in r.missing and r.verdict == "weak"
    assert r.rewrite.startswith(f"{GAPS['contribution']} {rest}")


@pytest.mark.parametrize(
    ("word", "past"),
    [
        ("raised", True), ("Led", True), ("cut", True), ("co-led", True), ("containerized", True),
        ("re-architected", True), ("ran", True), ("build", False), ("test", False), ("red", False),
        ("the", False), ("services", False), ("speed", False),
    ],
)  # fmt: skip
def test_past_tense_is_read_from_the_lexicon(word, past):
    assert past_tense(word) is past


def test_the_openings_that_say_no_action_are_single_lowercase_words():
    words = _words()["coach"]["not_contribution"]
    assert words and all(w.isalpha() and w.islower() and past_tense(w) for w in words)
