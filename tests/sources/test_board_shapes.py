"""Recorded answers in the providers' documented shapes, with what real answers carry and tidy fixtures do
not: Greenhouse pay in cents over several zones and pay custom fields, Lever day rates and one-time sums,
Ashby unlisted jobs and jobs without an id, and careers pages whose JSON-LD has comments, CDATA, trailing
commas, references and two postings. Read through the entry points the CLI uses (`fetch` against a local
server, `read_file`, `ingest`); the records are checked after `prepare`, where the board's facts win.

Shapes: developers.greenhouse.io/job-board.html (List jobs, Retrieve a job: `pay_input_ranges` with
?pay_transparency=true), github.com/lever/postings-api (JSON mode fields), developers.ashbyhq.com/docs/
public-job-posting-api, developers.google.com/search/docs/appearance/structured-data/job-posting."""

import json
from datetime import UTC, datetime

import httpx
import pytest

from rolemap.cluster.shards import with_source_facts
from rolemap.errors import InputError, PostingError
from rolemap.extract.batch import record_of
from rolemap.models import Location, Posting
from rolemap.pipeline import ingest, prepare
from rolemap.sources import Fetcher, fetch, read_file
from rolemap.sources.boards import ashby_postings, greenhouse_postings, lever_postings
from rolemap.sources.loose_json import parse_embedded_json
from rolemap.store.repository import get_posting
from rolemap.text import document_text
from tests.conftest import FIXTURES

BOARDS = FIXTURES / "boards"
NEW_FIXTURES = (
    "greenhouse_wayfarer.json", "greenhouse_wayfarer_job.json", "lever_quillon.json", "ashby_lumen.json", "jsonld_harbor_messy.html",
    "jsonld_tidewater_two.html", "jsonld_ferro_mainentity.html", "microdata_kestrel.html",
    "jsonld_and_microdata_same_job.html",
)  # fmt: skip


def load(name):
    return json.loads((BOARDS / name).read_text())


def fetched(httpserver, target, path, query, answer):
    """What `rolemap fetch TARGET` reads when the board answers `answer` to exactly that request."""
    httpserver.expect_request(path, query_string=query).respond_with_json(answer)
    root = httpserver.url_for("").rstrip("/")
    bases = {k: f"{root}/{k}" for k in ("greenhouse", "lever", "ashby")}
    fetcher = Fetcher(client=httpx.Client(timeout=5.0), min_interval=0.0, sleep=lambda _s: None)
    return list(fetch(target, fetcher, bases))


def split(items):
    postings = {p.id: p for p in items if isinstance(p, Posting)}
    errors = [e for e in items if isinstance(e, PostingError)]
    return postings, errors


def record(posting):
    return prepare(posting).extraction


# --- Greenhouse -----------------------------------------------------------------------------------------


@pytest.fixture
def wayfarer(httpserver):
    items = fetched(
        httpserver, "greenhouse:wayfarer", "/greenhouse/wayfarer/jobs", "content=true&pay_transparency=true",
        load("greenhouse_wayfarer.json"),
    )  # fmt: skip
    return split(items)


def test_greenhouse_pay_in_cents_over_several_zones_is_the_first_zone(wayfarer):
    postings, _ = wayfarer
    job = postings["greenhouse-wayfarer-5501001"]
    got = record(job)
    assert got.salary == {"min": 210_000, "max": 265_000, "currency": "USD", "period": "year"}
    assert got.source_facts["salary"] == "greenhouse:pay_input_ranges"
    assert (got.work_model, got.seniority, got.employment_type) == ("hybrid", "staff", "full_time")
    assert got.source_facts["work_model"] == "greenhouse:metadata.Workplace Type"
    assert got.locations == (Location("New York", "US"), Location("San Francisco", "US"))
    assert (
        job.posted_at == "2026-10-02T09:15:00-04:00"
        and job.source_fields["department"] == "Engineering, Platform"
    )
    text = document_text(job.title, job.description)  # content arrives HTML-escaped, &nbsp; and all
    assert "PostgreSQL & Kafka" in text and "&amp;" not in text and "&nbsp;" not in text


def test_greenhouse_pay_custom_field_with_its_frequency_is_the_salary(wayfarer):
    postings, _ = wayfarer
    got = record(postings["greenhouse-wayfarer-5501002"])
    assert got.salary == {"min": 62, "max": 78, "currency": "USD", "period": "hour"}
    assert got.source_facts["salary"] == "greenhouse:metadata.US: Pay Transparency Range"
    assert got.employment_type == "contract"  # the board's field, not "Full-time hours" in the text
    assert got.work_model == "remote" and got.locations == (Location(None, "US"),)


def test_greenhouse_prospect_post_and_a_bad_job(wayfarer):
    postings, errors = wayfarer
    prospect = postings["greenhouse-wayfarer-5501003"]
    assert prospect.posted_at == "2026-09-01T10:00:00+01:00"  # no first_published: the last update
    assert record(prospect).locations == (Location("Lisbon", "PT"),)
    assert len(postings) == 3 and len(errors) == 1
    assert "job 5501004" in errors[0].where and "'absolute_url' must be a string" in errors[0].message


def test_saved_single_job_answers_are_read_as_their_board(tmp_path):
    (job,) = read_file(BOARDS / "greenhouse_wayfarer_job.json")  # GET …/jobs/{id}?pay_transparency=true
    assert job.id == "greenhouse-wayfarer-5501010" and "Jetpack Compose" in job.description
    got = record(job)
    assert got.salary == {"min": 155_000, "max": 185_000, "currency": "CAD", "period": "year"}
    assert got.locations == (Location("Toronto", "CA"),) and got.employment_type == "full_time"
    one = tmp_path / "posting.json"  # GET /v0/postings/{site}/{id}
    one.write_text(json.dumps(load("lever_quillon.json")[1]))
    (job,) = read_file(one)
    assert job.id == "lever-quillon-2b7c1d40-aaaa-4b1c-8d2e-100000000002" and job.board is None  # no listing
    assert record(job).salary == {"min": 500, "max": 650, "currency": "EUR", "period": "day"}


def test_greenhouse_pay_range_field_wins_over_its_bounds_sent_as_amounts():
    job = {
        "id": 1, "title": "Business Systems Engineer", "content": "Run NetSuite.", "location": {"name": "Denver, CO"},
        "metadata": [
            {"name": "US4 - Base Salary Band Minimum", "value": {"unit": "USD", "amount": "114600.0"}, "value_type": "currency"},
            {"name": "USA: Pay Transparency Range", "value": {"unit": "USD", "min_value": "114600.0", "max_value": "168500.0"},
             "value_type": "currency_range"},
            {"name": "Hiring Range", "value": None, "value_type": "currency_range"},
        ],
    }  # fmt: skip
    (posting,) = greenhouse_postings({"jobs": [job]}, "acme")
    got = record(posting)
    assert got.salary == {"min": 114_600, "max": 168_500, "currency": "USD", "period": "year"}
    assert got.source_facts["salary"] == "greenhouse:metadata.USA: Pay Transparency Range"


# --- Lever ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def quillon():
    return split(list(read_file(BOARDS / "lever_quillon.json")))


def test_lever_hourly_wage_unspecified_workplace_and_level(quillon):
    postings, _ = quillon
    job = postings["lever-quillon-2b7c1d40-aaaa-4b1c-8d2e-100000000001"]
    got = record(job)
    assert got.salary == {"min": 38, "max": 52, "currency": "USD", "period": "hour"}
    assert got.employment_type == "part_time" and got.seniority == "mid"
    assert got.source_facts["seniority"] == "lever:categories.level"
    # workplaceType "unspecified" states nothing; the location "Remote - US" does
    assert got.work_model == "remote" and got.source_facts["work_model"] == "lever:categories.location"
    assert got.locations == (Location(None, "US"),) and job.posted_at == "2025-10-24"


def test_lever_day_rate_is_a_salary_a_day(quillon):
    postings, _ = quillon
    got = record(postings["lever-quillon-2b7c1d40-aaaa-4b1c-8d2e-100000000002"])
    assert got.salary == {"min": 500, "max": 650, "currency": "EUR", "period": "day"}
    assert got.source_facts["salary"] == "lever:salaryRange"
    assert (got.employment_type, got.work_model, got.seniority) == ("contract", "onsite", "senior")
    assert got.locations == (Location("Berlin", "DE"), Location("Munich", "DE"))


def test_lever_one_time_sum_is_kept_but_no_salary(quillon):
    postings, _ = quillon
    job = postings["lever-quillon-2b7c1d40-aaaa-4b1c-8d2e-100000000003"]
    got = record(job)
    assert "salary" not in got.source_facts and "salary" not in job.source_fields["facts_from"]
    assert job.source_fields["salary"]["interval"] == "one-time"
    assert got.employment_type == "internship" and got.work_model == "remote"


def test_lever_bad_job_is_reported_and_the_rest_kept(quillon):
    postings, errors = quillon
    assert len(postings) == 3 and len(errors) == 1
    assert "100000000004" in errors[0].where and "'hostedUrl' must be a string" in errors[0].message


def test_lever_error_answer_is_one_clear_line(httpserver):
    with pytest.raises(InputError) as refused:
        fetched(
            httpserver,
            "lever:nobody",
            "/lever/nobody",
            "mode=json",
            {"ok": False, "error": "Document not found"},
        )
    assert refused.value.message == "lever:nobody: the API answered with an error: Document not found"


# --- Ashby ----------------------------------------------------------------------------------------------


@pytest.fixture
def lumen(httpserver):
    items = fetched(
        httpserver, "ashby:lumen-robotics", "/ashby/lumen-robotics", "includeCompensation=true",
        load("ashby_lumen.json"),
    )  # fmt: skip
    return split(items)


def test_ashby_salary_among_equity_commission_and_bonus(lumen):
    postings, _ = lumen
    job = postings["ashby-lumen-robotics-9a0e2c11-1111-4abc-8def-000000000001"]
    got = record(job)
    assert got.salary == {"min": 95_000, "max": 125_000, "currency": "EUR", "period": "year"}
    assert got.work_model == "remote" and got.employment_type == "full_time"
    # a secondary location's address, whether or not it is wrapped in postalAddress, is an address
    assert {"city": "Amsterdam", "region": "North Holland", "country": "Netherlands"} in job.source_fields[
        "addresses"
    ]
    assert Location("Amsterdam", "NL") in got.locations and Location("Warsaw", "PL") in got.locations


def test_ashby_unlisted_job_is_read_and_marked(lumen):
    postings, _ = lumen
    job = postings["ashby-lumen-robotics-9a0e2c11-1111-4abc-8def-000000000002"]
    assert job.source_fields["listed"] is False
    got = record(job)
    assert (got.employment_type, got.work_model) == ("part_time", "onsite")
    assert got.salary == {"min": 18, "max": 22, "currency": "GBP", "period": "hour"}
    listed = postings["ashby-lumen-robotics-9a0e2c11-1111-4abc-8def-000000000001"]
    assert "listed" not in listed.source_fields


def test_ashby_job_without_id_takes_its_url_and_a_fortnights_pay_is_no_salary(lumen):
    postings, errors = lumen
    job = postings["ashby-lumen-robotics-9a0e2c11-1111-4abc-8def-000000000003"]
    got = record(job)
    assert got.employment_type == "temporary" and got.locations == (Location("Lyon", "FR"),)
    assert "salary" not in got.source_facts and job.source_fields["salary"]["interval"] == "2 WEEK"
    assert len(postings) == 3 and [e.message for e in errors] == [
        "ashby:lumen-robotics: a job is a str, not an object"
    ]


@pytest.mark.parametrize(
    ("metadata", "employment_type", "work_model"),
    [
        # a field of the fact's name whose value means nothing there does not take the fact from a later one
        ([("Job Type", "Remote"), ("Employment Type", "Part-time")], "part_time", "remote"),
        ([("Employment Type", "Volunteer"), ("Type of Position", "Full-time")], "full_time", None),
        ([("Workplace Type", "Flexible"), ("Work Arrangement", "Hybrid")], None, "hybrid"),
    ],
)
def test_greenhouse_metadata_states_a_fact_only_with_a_value_that_means_one(
    metadata, employment_type, work_model
):
    job = {
        "id": 7, "title": "Backend Engineer", "content": "We write Go.",
        "absolute_url": "https://boards.greenhouse.io/acme/jobs/7",
        "metadata": [{"id": n, "name": name, "value": value, "value_type": "single_select"}
                     for n, (name, value) in enumerate(metadata)],
    }  # fmt: skip
    (posting,) = greenhouse_postings({"jobs": [job]}, "acme")
    got = record(posting)
    assert (got.employment_type, got.work_model) == (employment_type, work_model)


@pytest.mark.parametrize(
    ("read", "answer", "message"),
    [
        (
            greenhouse_postings,
            {"jobs": [{"id": 8, "title": ["a"], "content": None}]},
            "'title' must be a string",
        ),
        (
            greenhouse_postings,
            {"jobs": [{"id": 9, "title": "", "content": {"html": "x"}}]},
            "'content' must be",
        ),
        (
            lever_postings,
            [{"id": "l1", "text": "Go Dev", "descriptionPlain": ["x"]}],
            "'descriptionPlain' must be",
        ),
        (
            ashby_postings,
            {"jobs": [{"id": "a1", "title": None, "descriptionHtml": ""}]},
            "neither a title nor",
        ),
    ],
)
def test_a_board_job_with_a_broken_title_or_text_is_reported_not_stored_empty(read, answer, message):
    (item,) = read(answer, "acme")
    assert isinstance(item, PostingError) and message in item.message


def test_greenhouse_pay_in_a_short_text_field_and_places_in_its_offices():
    job = {
        "id": 7003, "title": "Backend Engineer", "content": "We write Go.", "location": {"name": ""},
        "absolute_url": "https://boards.greenhouse.io/acme/jobs/7003",
        "offices": [{"id": 1, "name": "Berlin", "location": "Berlin, Germany"}],
        "metadata": [{"id": 1, "name": "Salary Range", "value": "$120,000 - $150,000 CAD", "value_type": "short_text"}],
    }  # fmt: skip
    (posting,) = greenhouse_postings({"jobs": [job]}, "acme")
    got = record(posting)
    assert got.salary == {"min": 120_000, "max": 150_000, "currency": "CAD", "period": "year"}
    assert got.source_facts["salary"] == "greenhouse:metadata.Salary Range"
    assert (
        got.locations == (Location("Berlin", "DE"),) and got.source_facts["locations"] == "greenhouse:offices"
    )


def test_a_single_job_answer_is_no_listing_and_closes_nothing(store, tmp_path):
    """Greenhouse's /jobs/{id} and Lever's /postings/{site}/{id} answer one job: ingesting it beside the
    board's list must not close the board's other postings."""
    listing = read_file(BOARDS / "greenhouse_wayfarer.json")
    ingest(store, listing, now=datetime(2026, 11, 1, tzinfo=UTC))
    (one,) = read_file(BOARDS / "greenhouse_wayfarer_job.json")
    assert one.board is None
    report = ingest(store, [one], now=datetime(2026, 11, 2, tzinfo=UTC))
    assert report.closed == 0


def test_a_board_named_only_by_its_file_name_closes_nothing(store, tmp_path):
    """`curl -O …/v1/boards/acme/jobs` saves a file named "jobs" whose jobs' URLs are on the company's own
    site: two such files are two companies, and the second must not close the first one's postings."""
    answers = []
    for company, job_id in (("acme", 11), ("beta", 22)):
        folder = tmp_path / company
        folder.mkdir()
        url = f"https://www.{company}.example/careers?gh_jid={job_id}"
        job = {"id": job_id, "title": "Backend Engineer", "absolute_url": url, "content": "Go and SQL."}
        (folder / "jobs").write_text(json.dumps({"jobs": [job], "meta": {"total": 1}}))
        answers.append(folder / "jobs")
    postings = [p for path in answers for p in read_file(path)]
    assert [p.board for p in postings] == [None, None]
    ingest(store, postings[:1], now=datetime(2026, 11, 1, tzinfo=UTC))
    assert ingest(store, postings[1:], now=datetime(2026, 11, 2, tzinfo=UTC)).closed == 0


# --- schema.org JobPosting pages ------------------------------------------------------------------------


def page(name):
    return split(list(read_file(BOARDS / name)))


def test_jsonld_with_cdata_comments_trailing_comma_and_entities():
    postings, errors = page("jsonld_harbor_messy.html")
    assert errors == []
    (job,) = postings.values()
    assert job.id == "jsonld-harbor-pine-HP-2026-014" and job.title == "Backend Developer \u2013 PHP/Laravel"
    assert job.company == "Harbor & Pine" and "Laravel and MySQL" in job.description
    got = record(job)
    assert (
        got.company == "Harbor & Pine" and got.employment_type == "full_time"
    )  # ["FULL_TIME", "CONTRACTOR"]
    assert got.salary == {"min": 85_000, "max": 85_000, "currency": "CAD", "period": "year"}
    assert got.locations == (Location("Halifax", "CA"),)


def test_two_postings_of_one_page_with_an_organization_reference(store):
    postings, errors = page("jsonld_tidewater_two.html")
    assert len(postings) == 2 and errors == []  # same page URL, ids of their own; mainEntity only refers
    by_title = {p.title: p for p in postings.values()}
    frontend = record(by_title["Frontend Engineer"])
    assert frontend.company == "Tidewater Health"  # hiringOrganization: {"@id": "…#org"}
    assert frontend.salary == {"min": 120_000, "max": 150_000, "currency": "USD", "period": "year"}
    assert frontend.locations == (Location("Portland", "US"), Location("Seattle", "US"))
    qa = record(by_title["QA Engineer (Part-time, Remote)"])
    assert qa.work_model == "remote" and qa.locations == (Location(None, "US"), Location(None, "CA"))
    assert qa.salary == {"min": 45, "max": 45, "currency": "USD", "period": "hour"}
    ingest(store, read_file(BOARDS / "jsonld_tidewater_two.html"), now=datetime(2026, 11, 1, tzinfo=UTC))
    assert all(get_posting(store, posting_id) for posting_id in postings)


def _jsonld_page(organisation, identifier, title):
    job = {
        "@context": "https://schema.org", "@type": "JobPosting", "title": title,
        "description": f"<p>{title} at {organisation}.</p>", "hiringOrganization": {"name": organisation},
        "identifier": identifier,
    }  # fmt: skip
    return f'<html><script type="application/ld+json">{json.dumps(job)}</script></html>'


def test_two_sites_with_the_same_job_identifier_keep_both_postings(store, tmp_path):
    """schema.org's identifier is the hiring organisation's own: "1001" at a bank and at a hospital are two
    jobs, and the second page ingested must not overwrite the first."""
    bank = tmp_path / "bank.html"
    bank.write_text(_jsonld_page("Alpha Bank", {"@type": "PropertyValue", "value": "1001"}, "Teller"))
    hospital = tmp_path / "hospital.html"
    hospital.write_text(_jsonld_page("Beta Hospital", "1001", "Nurse"))
    ids = [p.id for path in (bank, hospital) for p in read_file(path)]
    assert ids == ["jsonld-alpha-bank-1001", "jsonld-beta-hospital-1001"]
    # the PropertyValue's name is often a label ("Job ID"), and a hirer's name may have no Latin letters
    labelled = tmp_path / "labelled.html"
    labelled.write_text(_jsonld_page("City Hospital", {"name": "Job ID", "value": "1001"}, "Nurse"))
    japanese = tmp_path / "mercari.html"
    japanese.write_text(_jsonld_page("株式会社メルカリ", "1001", "Engineer"))
    (by_label,) = read_file(labelled)
    (by_kanji,) = read_file(japanese)
    assert by_label.id == "jsonld-city-hospital-1001"
    assert (
        by_kanji.id.startswith("jsonld-") and by_kanji.id.endswith("-1001") and by_kanji.id != "jsonld-1001"
    )
    ingest(
        store,
        (p for path in (bank, hospital) for p in read_file(path)),
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    assert all(get_posting(store, posting_id) for posting_id in ids)


def test_jsonld_main_entity_typed_by_url_with_old_salary_and_a_parameterised_script_type():
    postings, errors = page("jsonld_ferro_mainentity.html")
    assert errors == []
    (job,) = postings.values()
    got = record(job)
    assert got.company == "Ferro Analytics GmbH" and got.employment_type == "full_time"
    assert got.salary == {"min": 72_000, "max": 72_000, "currency": "EUR", "period": "year"}
    assert got.source_facts["salary"] == "jsonld:baseSalary"


def test_microdata_nested_items_keep_the_company_address_apart_from_the_job_place():
    (job,) = page("microdata_kestrel.html")[0].values()
    assert job.id == "jsonld-kestrel-aero-KA-311" and job.posted_at == "2026-10-08"
    got = record(job)
    assert got.company == "Kestrel Aero" and got.locations == (Location("Toulouse", "FR"),)  # not Denver
    assert got.salary == {"min": 55_000, "max": 68_000, "currency": "EUR", "period": "year"}


def test_a_job_marked_up_twice_is_read_once_from_its_jsonld():
    (job,) = page("jsonld_and_microdata_same_job.html")[0].values()
    assert job.url == "https://brightwell.example/jobs/go-developer"
    assert job.source_fields["facts_from"]["company"] == "jsonld:hiringOrganization.name"


@pytest.mark.parametrize(
    ("job_location", "locations", "work_model"),
    [
        ("Berlin, Germany", (Location("Berlin", "DE"),), None),
        ({"@type": "Place", "name": "Austin, TX"}, (Location("Austin", "US"),), None),
        ({"@type": "Place", "address": {"addressLocality": "Remote", "addressRegion": "CA", "addressCountry": "US"}},
         (Location(None, "US"),), "remote"),
        ("Anywhere", (), "remote"),
    ],
)  # fmt: skip
def test_job_location_as_text_by_name_or_remote(tmp_path, job_location, locations, work_model):
    posting = {
        "@type": "JobPosting",
        "title": "Go Developer",
        "description": "Go.",
        "jobLocation": job_location,
    }
    path = tmp_path / "job.html"
    path.write_text(f'<script type="application/ld+json">{json.dumps(posting)}</script>')
    (job,) = read_file(path)
    got = record(job)
    assert (got.locations, got.work_model) == (locations, work_model)
    if work_model:
        assert got.source_facts["work_model"] == "jsonld:jobLocation"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"a": 1,}', {"a": 1}),
        ('[1, 2, ]', [1, 2]),
        ('// made by a plugin\n{"a": /* inline */ 1}', {"a": 1}),
        ('//<![CDATA[\n{"a": 1}\n//]]>', {"a": 1}),
        ('<!--\n{"a": 1}\n-->', {"a": 1}),
        ('/*<![CDATA[*/{"a": 1}/*]]>*/', {"a": 1}),
        ('{"a": "line one\nline two\tend"}', {"a": "line one\nline two\tend"}),
        ('{&quot;a&quot;: &quot;R&amp;D&quot;}', {"a": "R&D"}),
        ('{"a": 1}\n{"b": 2}', [{"a": 1}, {"b": 2}]),
        ('{"url": "https://x.example//jobs", "t": "a, ]", }', {"url": "https://x.example//jobs", "t": "a, ]"}),
        ('{"t": "say \\"hi\\", // not a comment",}', {"t": 'say "hi", // not a comment'}),
    ],
)  # fmt: skip
def test_embedded_json_as_sites_write_it(text, value):
    assert parse_embedded_json(text) == value


@pytest.mark.parametrize(
    "text",
    ['{"a": }', "<p>not json</p>", "", '{"a": "unterminated}', '""""', '{"a": "' + "x" * 2_000_000 + '",}'],
)
def test_embedded_json_that_cannot_be_read_is_one_clear_error(text):
    with pytest.raises(ValueError, match=r"^not valid JSON \("):
        parse_embedded_json(text)


def test_new_fixtures_give_the_same_record_on_the_shard_path():
    for name in NEW_FIXTURES:
        for posting in read_file(BOARDS / name):
            if isinstance(posting, PostingError):
                continue
            text = document_text(posting.title, posting.description)
            on_dask = with_source_facts(record_of(posting, name, text), posting)
            assert on_dask == prepare(posting).extraction.as_dict(), posting.id
