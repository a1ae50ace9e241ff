"""The pay a seeker notes on the tracker, read as the text salary reader reads a posting's: a range with one
"k" is thousands at both ends, "M" is millions, and an amount no pay can be is refused on one line naming
--salary (in the store, the CLI and the API alike); text with no amount is kept as a note and said so."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from rolemap.errors import InputError
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store.tracker import (
    TrackerChange,
    add_entry,
    read_salary,
    set_entry,
    tracker_entries,
)
from tests.cli_runner import cli, ok
from tests.conftest import store_file

T0 = datetime(2026, 11, 1, tzinfo=UTC)
JOBS = [
    Posting(id="a", title="Senior Go Engineer", description="Go and Kafka.", company="Stripe", source="jsonl"),
    Posting(id="b", title="Backend Engineer", description="Python and Django.", company="Acme", source="jsonl"),
]  # fmt: skip


@pytest.fixture
def filled(store):
    ingest(store, JOBS, now=T0)
    return store


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        # a range's low end is the amount sorted by (docs/seeker.md: "its first figure"), its k shared
        ("€70-80k", 70_000.0, "EUR"),
        ("70-80k EUR", 70_000.0, "EUR"),
        ("£55-65k", 55_000.0, "GBP"),
        ("$120-150k", 120_000.0, "USD"),
        ("€70k - €80k", 70_000.0, "EUR"),
        ("70-80k", 70_000.0, None),
        ("1.5M JPY", 1_500_000.0, "JPY"),
        ("2.5 mm INR", 2_500_000.0, "INR"),
        # as before
        ("€70k + equity", 70_000.0, "EUR"),
        ("$120k-140k", 120_000.0, "USD"),
        ("GBP 65.000", 65_000.0, "GBP"),
        ("95.5k", 95_500.0, None),
        ("1000000 IDR", 1_000_000.0, "IDR"),
        ("ask them", None, None),
    ],
)
def test_pay_is_read_as_the_text_reader_reads_it(text, amount, currency):
    assert read_salary(text) == (amount, currency)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("-5 USD", "a negative amount"),
        ("$-100", "a negative amount"),
        ("USD -5", "a negative amount"),
        ("0 USD", "0 is not an amount of pay"),
        ("1e308 USD", "write the amount in figures"),
        ("1,000,000,000,000 USD", "below 10,000,000,000"),
    ],
)
def test_an_amount_no_pay_can_be_is_refused_and_nothing_is_written(filled, text, says):
    add_entry(filled, "a", TrackerChange(salary="€90k"), T0)
    with pytest.raises(InputError) as caught:
        set_entry(filled, "a", TrackerChange(status="applied", salary=text), T0)
    message = str(caught.value)
    assert says in message and f"--salary {text!r}" in message and "\n" not in message
    entry = tracker_entries(filled)[0]
    assert (entry.status, entry.salary, entry.salary_amount) == ("saved", "€90k", 90_000.0)


def test_pay_with_no_amount_is_kept_as_a_note_and_said_so(filled):
    from rolemap.store.tracker import no_amount_read

    add_entry(filled, "a", TrackerChange(salary="lots"), T0)
    entry = tracker_entries(filled)[0]
    assert (entry.salary, entry.salary_amount, entry.salary_currency) == ("lots", None, "")
    assert no_amount_read(TrackerChange(salary="lots")) == (
        "--salary 'lots': no amount read; kept as a note, and last when sorted by salary"
    )
    assert no_amount_read(TrackerChange(salary="€70k")) is None
    assert no_amount_read(TrackerChange(salary="")) is None  # cleared
    assert no_amount_read(TrackerChange(status="applied")) is None


def test_a_range_sorts_by_its_thousands_not_its_first_digits(filled):
    add_entry(filled, "a", TrackerChange(salary="$120-150k"), T0)
    add_entry(filled, "b", TrackerChange(salary="$95,000"), T0)
    assert [e.id for e in tracker_entries(filled, sort="salary")] == ["a", "b"]


# ---- the command line ----------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path):
    return store_file(tmp_path / "t.db", JOBS, T0)


def test_the_cli_reads_a_range_and_refuses_a_negative_amount(db):
    ok("tracker", "add", "a", "--db", db, "--salary", "€70-80k")
    entry = json.loads(ok("tracker", "--db", db, "--json"))["entries"][0]
    assert (entry["salary_amount"], entry["salary_currency"]) == (70_000.0, "EUR")
    result = cli("tracker", "set", "a", "--salary", "-5 USD", "--db", db)
    assert result.exit_code == 1 and isinstance(result.exception, InputError)
    assert "--salary '-5 USD': a negative amount" in str(result.exception)
    assert json.loads(ok("tracker", "--db", db, "--json"))["entries"][0]["salary"] == "€70-80k"


def test_the_cli_says_when_no_amount_was_read(db):
    result = cli("tracker", "add", "a", "--salary", "lots", "--db", db)
    assert result.exit_code == 0
    assert "note: --salary 'lots': no amount read" in result.output
