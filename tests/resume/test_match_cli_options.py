"""`rolemap match`'s options refused as the web refuses them (defect report on match): an expected pay
that is no amount, and lane filters given with one posting, where they would do nothing."""

from __future__ import annotations

import pytest

from tests.cli_runner import cli
from tests.resume.test_resume import FIXTURES


@pytest.mark.parametrize("expect", ["-5", "nan", "inf", "1e12"])
def test_an_expected_pay_that_is_no_amount_is_refused(tmp_path, expect):
    r = cli("match", FIXTURES / "dana.md", "j1", "--expect", expect, "--db", tmp_path / "m.db")
    assert r.exit_code == 1 and "from 0 to 10,000,000,000" in str(r.exception)


@pytest.mark.parametrize(
    ("options", "named"), [(["--language", "go"], "--language"), (["--top", "5"], "--top")]
)
def test_lane_filters_with_one_posting_are_refused(tmp_path, options, named):
    r = cli("match", FIXTURES / "dana.md", "j1", *options, "--db", tmp_path / "m.db")
    assert r.exit_code == 1 and f"{named}: lane filters rank a lane's postings, not one posting" in str(
        r.exception
    )
