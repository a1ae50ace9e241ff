"""A remote role scoped to a country, with its office's province or state named in the location field
(defect report: "Toronto, ON (Remote – Canada)" and Ontario's law): the office's law is checked as well as
the laws reaching remote work in that country, whichever order the field writes them in."""

from __future__ import annotations

import pytest

from tests.jd.test_law_places_and_market_band import pay_laws, posting


def with_location(field: str) -> str:
    return posting("our team", "Competitive salary.").replace(
        "# Backend Engineer\n", f"# Backend Engineer\n{field}\n"
    )


@pytest.mark.parametrize(
    ("field", "reached"),
    [
        ("Location: Remote (Canada) – Toronto, ON office", ["Ontario", "British Columbia"]),
        ("Location: Canada (Remote) - Toronto, ON", ["Ontario", "British Columbia"]),
        ("Location: Toronto, ON (Remote – Canada)", ["Ontario", "British Columbia"]),
        ("Location: Toronto, ON - Remote (Canada)", ["Ontario", "British Columbia"]),
        ("Location: Remote (US) – Denver, CO office", ["Colorado", "California"]),
    ],
)
def test_the_office_province_and_the_remote_country_both_count(field, reached):
    message = pay_laws(with_location(field))
    assert all(name in message for name in reached), message


def test_a_glued_field_after_the_place_is_still_no_place():
    message = pay_laws(with_location("Location: Austin, TX - Full time - Toronto office closed"))
    assert "Ontario" not in message and "Texas" not in message


def test_a_long_location_field_is_read_in_linear_time():
    """Each separator had counted the brackets from the field's start again: a 1 MB job description (within
    what jd lint reads) with a long Location line took minutes. Twice the field takes at most 2.5 times as
    long (plus 0.1 s), measured again once, as tests/extract/test_hostile_text.py measures the extractor."""
    import time

    from rolemap.jd.jurisdictions import _field_places

    def seconds(value: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            _field_places(value)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = "Berlin (DE) - " * 10_000, "Berlin (DE) - " * 20_000
    for _ in range(2):
        if seconds(large) <= 2.5 * seconds(small) + 0.1:
            return
    raise AssertionError("twice the location field took more than 2.5 times as long")
