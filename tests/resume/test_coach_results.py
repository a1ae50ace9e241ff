"""The coach on good bullets it had marked weak (black-box probe): a figure with a unit ("3k requests/s",
"2M transactions") and a change word ("halving", "from weekly to daily") are results; a count before a
system word ("200 microservices") says which system; an indexer, a warehouse and DAGs are systems."""

from __future__ import annotations

import pytest

from rolemap.resume.coach import review
from rolemap.resume.read import Bullet


def found(text: str) -> dict[str, str]:
    return review(Bullet(text, [], 1)).found


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("Built the order routing service in Go handling 3k requests/s", "3k requests"),
        ("Wrote Celery workers that reconciled 2M transactions nightly", "2M transactions"),
        ("Rebuilt the search indexer in Rust, halving memory use", "halving"),
        (
            "Set up CI/CD pipelines for 12 repositories, so releases went from weekly to daily",
            "from weekly to",
        ),
        ("Tuned the ingest workers to 40k rps", "40k rps"),
        ("Moved the billing service to Kubernetes, cutting deploy time from 40 to 5 minutes", "from 40"),
    ],
)
def test_results_with_units_and_change_words(text, result):
    assert found(text).get("result") == result


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Led migration of 200 microservices to Kubernetes, reducing deploy time from 1 hour to 5 minutes",
         "200 microservices"),
        ("Rebuilt the search indexer in Rust, halving memory use", "search indexer"),
        ("Configured Airflow DAGs for the finance data warehouse", "Airflow DAGs"),
    ],
)  # fmt: skip
def test_a_count_or_a_name_says_which_system(text, service):
    assert found(text).get("service") == service
    assert review(Bullet(text, [], 1)).verdict in ("ok", "strong")


@pytest.mark.parametrize(
    "text",
    [
        "Migrated the ledger from MySQL to PostgreSQL",  # a move between products is no result
        "Built APIs in Python and PostgreSQL",
        "Worked with 3 teams on the roadmap",
    ],
)
def test_no_result_without_a_figure_or_a_change(text):
    assert "result" not in found(text)
