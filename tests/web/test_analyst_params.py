"""The pages and the API take one set of parameter names, refuse the ones they do not know, and withhold
figures on too small an n as the command line does."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rolemap.store.db import Store
from tests.web.conftest import make_client


@pytest.fixture
def client(web_store: Store) -> TestClient:
    return make_client(web_store)


@pytest.mark.parametrize("by", ["level", "seniority", "family"])
def test_pay_groupings_have_one_set_of_names_on_the_page_and_in_the_api(client, by):
    page = client.get("/pay", params={"by": by})
    assert page.status_code == 200, page.text
    api = client.get("/api/pay", params={"by": by})
    assert api.status_code == 200, api.text
    assert api.json()["by"] == ("seniority" if by in ("level", "seniority") else by)
    if by == "family":  # compared across every family, on the page as in the API
        assert {c["value"] for c in api.json()["cells"]} - {"backend"}


def test_an_unknown_api_parameter_is_refused_and_named_with_the_nearest(client):
    r = client.get("/api/market", params={"langauge": "go"})
    assert r.status_code == 422
    assert r.json()["error"] == "langauge: not a parameter here; did you mean language?"
    r = client.get("/api/trends", params={"every": "month", "zzz": "1"})
    assert r.status_code == 422 and r.json()["error"].startswith(
        "zzz: not a parameter here; this route takes"
    )
    assert client.get("/api/market", params={"language": "go"}).status_code == 200


def test_pay_in_another_currency_as_the_command_line_gives_it(client):
    usd = client.get("/api/pay", params={"family": "all"}).json()
    eur = client.get("/api/pay", params={"family": "all", "currency": "eur"})
    assert eur.status_code == 200 and eur.json()["currency"] == "EUR" and usd["currency"] == "USD"
    assert eur.json()["overall"]["count"] == usd["overall"]["count"]
    assert client.get("/pay", params={"family": "all", "currency": "EUR"}).status_code == 200
    bad = client.get("/api/pay", params={"currency": "XYZ"})
    assert bad.status_code == 400 and bad.json()["error"].startswith("currency=XYZ")


def test_a_middle_half_on_too_few_salaries_is_not_shown(client):
    p = client.get("/api/pay", params={"family": "all"}).json()["overall"]
    assert 3 <= p["count"] < 10 and p["p25"] is None and p["low"] is None
    page = client.get("/pay", params={"family": "all"}).text
    assert "<b>too few</b>middle half" in page
    market = client.get("/", params={"family": "all"}).text
    assert "<b>too few</b>salary range" in market


def test_an_empty_window_echoes_the_periods_given(client):
    r = client.get("/api/market", params={"since": "2017Q1", "until": "2016Q4"})
    assert r.status_code == 400
    assert r.json()["error"].startswith("since '2017Q1' begins after until '2016Q4' ends")
