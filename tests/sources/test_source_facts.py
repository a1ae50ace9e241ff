"""The board's facts first (issue 15, point 3): a structured value a source states is the record's value,
the text fills only what the source leaves out. Recorded answers are in the providers' documented shapes
(tests/fixtures/boards/)."""

import csv
import json
from datetime import UTC, datetime

import pytest

from rolemap.cluster.shards import with_source_facts
from rolemap.extract.batch import record_of
from rolemap.extract.source_facts import (
    apply_source_facts,
    country_code,
    employment_type_of,
    period_of,
    salary_of,
    seniority_of,
    work_model_of,
)
from rolemap.models import Extraction, Location, Posting
from rolemap.pipeline import ingest, prepare
from rolemap.sources import read_file
from rolemap.sources.contract import contract_posting
from rolemap.store.repository import get_posting
from rolemap.text import document_text
from tests.conftest import FIXTURES, SHARED

BOARDS = FIXTURES / "boards"
LINKEDIN = SHARED / "data" / "linkedin_2024_sample" / "postings_sample_1000.csv"
LINKEDIN_MAP = {
    "id": "job_id", "salary_min": "min_salary", "salary_max": "max_salary", "salary_period": "pay_period",
    "salary_currency": "currency", "remote": "remote_allowed", "employment_type": "formatted_work_type",
}  # fmt: skip


def records(path, **kw):
    """{posting id: (posting, what the text alone says, the record ingest stores)}"""
    out = {}
    for p in read_file(path, **kw):
        assert isinstance(p, Posting), p
        out[p.id] = (
            p,
            prepare(Posting(id=p.id, title=p.title, description=p.description)).extraction,
            prepare(p).extraction,
        )
    return out


# --- Greenhouse -----------------------------------------------------------------------------------------


def test_greenhouse_remote_us_job_is_remote_whatever_its_hybrid_team():
    _, text, record = records(BOARDS / "greenhouse_github.json")["greenhouse-github-7712001"]
    assert text.work_model is None  # "a hybrid team of engineers" is not a work model
    assert record.work_model == "remote" and record.source_facts["work_model"] == "greenhouse:location.name"
    assert record.employment_type == "full_time"
    assert record.source_facts["employment_type"] == "greenhouse:metadata.Employment Type"
    assert record.salary == {"min": 149700, "max": 315400, "currency": "USD", "period": "year"}
    assert record.source_facts["salary"] == "greenhouse:pay_input_ranges"
    assert record.company == "GitHub" and record.source_facts["company"] == "greenhouse:company_name"
    assert record.locations == (Location(None, "US"),)
    assert record.seniority == "senior" and "seniority" in record.evidence  # agrees with the text: kept


def test_greenhouse_office_location_and_board_slug():
    _, _, record = records(BOARDS / "greenhouse_github.json")["greenhouse-github-7712002"]
    assert record.locations == (Location("Amsterdam", "NL"),) and record.work_model is None
    answer = json.loads((BOARDS / "greenhouse_acme.json").read_text())
    del answer["jobs"][1]["company_name"]
    from rolemap.sources.boards import greenhouse_postings

    posting = list(greenhouse_postings(answer, "acme"))[1]
    assert posting.company == "acme" and prepare(posting).extraction.company is None  # a slug is no name


# --- Lever ----------------------------------------------------------------------------------------------


def test_lever_hybrid_job_with_in_office_perks_is_hybrid():
    _, text, record = records(BOARDS / "lever_ramp.json")["lever-ramp-8d2f6a10-1c3e-4b5a-9e7f-0a1b2c3d4e5f"]
    assert text.work_model is None  # "In-office perks" is not a work model
    assert record.work_model == "hybrid" and record.source_facts["work_model"] == "lever:workplaceType"
    assert record.employment_type == "full_time"  # categories.commitment "Full Time"
    assert record.locations == (Location("New York", "US"), Location("San Francisco", "US"))
    assert record.source_facts["locations"] == "lever:categories.allLocations"
    # Lever's answer has no company field; the board is Ramp's, as the description writes it
    assert record.company == "Ramp" and record.source_facts["company"] == "lever:board"
    assert text.company is None


def test_a_board_owner_is_named_only_as_the_text_writes_it():
    from rolemap.extract.source_facts import board_owner

    def owner(description, board="lever:ramp", named=None):
        """(origin, name, the text its evidence span points at)"""
        found = board_owner(Posting(id="x", title="Engineer", description=description, board=board), named)
        if found is None:
            return None
        origin, span = found
        return origin, span.text, document_text("Engineer", description)[span.start : span.end]

    assert owner("Ramp builds finance software.") == ("lever:board", "Ramp", "Ramp")
    assert owner("Help us ramp up our payments team.") is None  # a verb, no name
    assert owner("No name here.") is None  # a slug is no name
    assert owner("Join Acme Corp today.", "ashby:acme-corp") == ("ashby:board", "Acme Corp", "Acme Corp")
    assert owner("1Password is hiring.", "lever:1password") == ("lever:board", "1Password", "1Password")
    assert owner("A great team.", "lever:a") is None  # one or two letters spell any capital
    # a company the text names otherwise stays: the slug may shorten it
    assert owner("Ramp builds finance software.", named="Ramp Business Corp") is None
    assert owner("Ramp builds finance software.", "hn") is None  # no board


def test_lever_salary_range_wins_over_a_401k_match():
    _, text, record = records(BOARDS / "lever_ramp.json")["lever-ramp-9e3a7b21-2d4f-4c6b-8f80-1b2c3d4e5f60"]
    assert text.salary is not None and text.salary["max"] == 10_000
    assert record.salary == {"min": 150_000, "max": 180_000, "currency": "USD", "period": "year"}
    assert record.source_facts["salary"] == "lever:salaryRange" and "salary" not in record.evidence
    assert record.work_model == "remote" and record.locations == (Location(None, "US"),)
    # the board's salary is its one job's: it counts for the posting's roles (the backend role page holds it)
    assert record.salary_families == record.role_families != ()


def test_a_board_salary_counts_for_the_role_page_of_its_family(tmp_path):
    """A salary a board states beside text that states none belonged to no family, so `pay` on the backend
    role page (the default lane) left every board salary out."""
    src = tmp_path / "jobs.jsonl"
    rows = [{"id": "b1", "title": "Senior Go Engineer", "description": "Go and PostgreSQL.", "min": 150000,
             "max": 170000, "cur": "USD", "per": "year"}]  # fmt: skip
    src.write_text("".join(json.dumps(row) + "\n" for row in rows))
    mapping = {"salary_min": "min", "salary_max": "max", "salary_currency": "cur", "salary_period": "per"}
    (posting,) = read_file(src, column_map=mapping)
    record = prepare(posting).extraction
    assert record.source_facts["salary"] and record.salary_families == ("backend",)
    # a board that states no salary leaves the text's, tied to its role as the text ties it
    text_only = prepare(
        Posting(id="t1", title="Senior Go Engineer", description="Go. Salary $150k-$170k.")
    ).extraction
    assert text_only.salary_families == ("backend",)


def test_lever_hourly_intern_agreeing_with_the_text_keeps_its_evidence():
    _, text, record = records(BOARDS / "lever_ramp.json")["lever-ramp-0f4b8c32-3e50-4d7c-9091-2c3d4e5f6071"]
    assert record.employment_type == "internship" == text.employment_type
    assert record.evidence["employment_type"] == text.evidence["employment_type"]
    assert record.work_model == "onsite" and record.source_facts["work_model"] == "lever:workplaceType"
    assert record.salary == {"min": 45, "max": 55, "currency": "USD", "period": "hour"}


# --- Ashby ----------------------------------------------------------------------------------------------


def test_ashby_contract_hybrid_job_with_addresses_and_compensation_tiers():
    _, text, record = records(BOARDS / "ashby_hooli.json")["ashby-hooli-5b1c9d2e-7777-4888-9999-aaaabbbbcccc"]
    assert text.work_model == "remote"  # "Work from home whenever you like"
    assert record.work_model == "hybrid" and record.source_facts["work_model"] == "ashby:workplaceType"
    assert (
        record.employment_type == "contract"
        and record.source_facts["employment_type"] == "ashby:employmentType"
    )
    assert record.salary == {
        "min": 81_000,
        "max": 87_000,
        "currency": "USD",
        "period": "year",
    }  # not the equity
    assert record.locations == (Location("Houston", "US"), Location("San Francisco", "US"))
    assert record.source_facts["locations"] == "ashby:address"


def test_ashby_remote_intern_paid_by_the_hour():
    _, _, record = records(BOARDS / "ashby_hooli.json")["ashby-hooli-6c2daf3f-8888-4999-aaaa-bbbbccccdddd"]
    assert record.work_model == "remote" and record.source_facts["work_model"] == "ashby:isRemote"
    assert record.employment_type == "internship"
    assert record.salary == {"min": 30, "max": 40, "currency": "CAD", "period": "hour"}
    assert record.locations == (Location(None, "CA"),)


# --- schema.org JobPosting: JSON-LD and microdata -------------------------------------------------------


def test_jsonld_graph_with_aud_salary_and_offices():
    ((_, text, record),) = records(BOARDS / "jsonld_canva.html").values()
    assert text.salary is None  # "a competitive salary"
    assert record.salary == {"min": 130_000, "max": 160_000, "currency": "AUD", "period": "year"}
    assert record.source_facts["salary"] == "jsonld:baseSalary"
    assert record.employment_type == "full_time"  # ["FULL_TIME"]
    assert record.company == "Canva" and record.source_facts["company"] == "jsonld:hiringOrganization.name"
    assert {loc.country for loc in record.locations} == {"AU"}
    assert Location("Melbourne", "AU") in record.locations


def test_jsonld_telecommute_limited_to_a_country():
    ((posting, _, record),) = records(FIXTURES / "pages" / "jobposting.html").values()
    assert record.work_model == "remote" and record.source_facts["work_model"] == "jsonld:jobLocationType"
    assert record.locations == (Location(None, "US"),)
    assert record.source_facts["locations"] == "jsonld:applicantLocationRequirements"
    assert posting.posted_at == "2026-10-20"


def test_microdata_job_posting():
    ((posting, _, record),) = records(BOARDS / "microdata_initech.html").values()
    assert posting.id == "jsonld-initech-gmbh-INI-7" and posting.title == "Backend Developer (Part-time)"
    assert posting.posted_at == "2026-10-05" and "Django" in posting.description
    assert (
        record.company == "Initech GmbH"
        and record.source_facts["company"] == "microdata:hiringOrganization.name"
    )
    assert record.salary == {"min": 50_000, "max": 60_000, "currency": "EUR", "period": "year"}
    assert record.employment_type == "part_time" and record.locations == (Location("Berlin", "DE"),)


@pytest.mark.parametrize(
    ("extra", "field", "value"),
    [
        ({"baseSalary": {"@type": "MonetaryAmount", "currency": "GBP", "value": 55000, "unitText": "YEAR"}},
         "salary", {"min": 55_000, "max": 55_000, "currency": "GBP", "period": "year"}),
        ({"baseSalary": {"currency": "USD", "value": {"value": 42.5, "unitText": "HOUR"}}},
         "salary", {"min": 42.5, "max": 42.5, "currency": "USD", "period": "hour"}),
        ({"baseSalary": {"value": {"minValue": 1, "maxValue": 2}}}, "salary", None),  # no currency: no fact
        ({"employmentType": ["CONTRACTOR", "FULL_TIME"]}, "employment_type", "contract"),
        ({"employmentType": "VOLUNTEER"}, "employment_type", None),
        ({"jobLocationType": "TELECOMMUTE"}, "work_model", "remote"),
        ({"jobLocation": {"@type": "Place", "address": {"addressLocality": "Leeds", "addressCountry": "United Kingdom"}}},
         "locations", (Location("Leeds", "GB"),)),
        ({"jobLocation": {"address": {"addressLocality": "Nowheresville", "addressCountry": "NZ"}}},
         "locations", (Location("Nowheresville", "NZ"),)),
        ({"applicantLocationRequirements": [{"@type": "Country", "name": "Germany"}, {"@type": "Country", "name": "FR"}]},
         "locations", (Location(None, "DE"), Location(None, "FR"))),
        ({"hiringOrganization": "Hooli"}, "company", "Hooli"),
    ],
)  # fmt: skip
def test_jsonld_shapes(tmp_path, extra, field, value):
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Engineer",
        "description": "Go.",
    }
    path = tmp_path / "p.html"
    path.write_text(f'<script type="application/ld+json">{json.dumps([{**posting, **extra}])}</script>')
    ((_, _, record),) = records(path).values()
    assert getattr(record, field) == (value if value is not None else getattr(Extraction("x"), field))


# --- CSV and JSON Lines with --map ----------------------------------------------------------------------


def test_mapped_csv_columns_are_facts(tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text(
        "job_id,title,description,kind,remote_ok,low,high,per,cur,level,where,firm,office\n"
        "1,Go Developer,Go. This is a contract role.,Full-time,1.0,100000,120000,YEARLY,USD,Entry level,"
        'Hybrid,Acme Corp,"Austin, TX"\n'
        "2,Go Developer,Go and Kafka.,Volunteer,,,,,,Mid-Senior level,,Initech,\n"
    )
    column_map = {
        "id": "job_id", "employment_type": "kind", "remote": "remote_ok", "salary_min": "low", "salary_max": "high",
        "salary_period": "per", "salary_currency": "cur", "seniority": "level", "work_model": "where",
        "company": "firm", "location": "office",
    }  # fmt: skip
    got = records(path, column_map=column_map)
    _, text, first = got["1"]
    assert text.employment_type == "contract" and first.employment_type == "full_time"
    assert first.source_facts == {
        "employment_type": "csv:kind", "work_model": "csv:where", "salary": "csv:low", "seniority": "csv:level",
        "company": "csv:firm", "locations": "csv:office",
    }  # fmt: skip
    assert first.work_model == "hybrid"  # the work model column wins over the remote flag
    assert first.salary == {"min": 100_000, "max": 120_000, "currency": "USD", "period": "year"}
    assert (first.seniority, first.company, first.locations) == (
        "junior",
        "Acme Corp",
        (Location("Austin", "US"),),
    )
    _, _, second = got["2"]
    assert second.source_facts == {
        "company": "csv:firm"
    }  # "Volunteer", "Mid-Senior level": no contract value


@pytest.mark.parametrize(
    ("low", "high", "currency", "salary"),
    [
        ("$120,000", "$150,000", "USD", (120_000, 150_000)),
        ("120k", "150K", "USD", (120_000, 150_000)),
        ("£80,000", "£95,000.00", "GBP", (80_000, 95_000)),
        ("100 000", "120\u00a0000", "EUR", (100_000, 120_000)),
        ("70.000", "85.000", "EUR", (70_000, 85_000)),  # a dot groups thousands in euros
        ("120000.0", "", "USD", (120_000, 120_000)),  # a float as a sheet exports it
        ("USD 95000", "", "USD", (95_000, 95_000)),
    ],
)
def test_mapped_salary_columns_read_amounts_as_spreadsheets_write_them(tmp_path, low, high, currency, salary):
    path = tmp_path / "jobs.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [["id", "title", "min_pay", "max_pay", "cur"], ["1", "Go Dev", low, high, currency]]
        )
    mapping = {"salary_min": "min_pay", "salary_max": "max_pay", "salary_currency": "cur"}
    ((_, _, got),) = records(path, column_map=mapping).values()
    assert got.salary == {"min": salary[0], "max": salary[1], "currency": currency, "period": "year"}
    assert got.source_facts["salary"] == "csv:min_pay"


def test_csv_columns_named_as_rolemap_names_its_facts_need_no_map(tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text(
        "id,title,description,salary_min,salary_max,salary_currency,employment_type,work_model\n"
        "1,Go Developer,We write Go.,90000,110000,USD,Contract,Hybrid\n",
        encoding="utf-8",
    )
    ((_, _, got),) = records(path).values()
    assert got.salary == {"min": 90_000, "max": 110_000, "currency": "USD", "period": "year"}
    assert (got.employment_type, got.work_model) == ("contract", "hybrid")
    assert got.source_facts == {
        "salary": "csv:salary_min", "employment_type": "csv:employment_type", "work_model": "csv:work_model"
    }  # fmt: skip


def test_mapped_jsonl_keys_are_facts_and_unmapped_ones_are_not(tmp_path):
    path = tmp_path / "jobs.jsonl"
    line = {"id": "a", "title": "Go Developer", "description": "Go.", "type": "PART_TIME", "remote": True}
    path.write_text(json.dumps(line) + "\n")
    ((_, _, plain),) = records(path).values()
    assert plain.source_facts == {} and plain.employment_type is None
    ((_, _, mapped),) = records(path, column_map={"employment_type": "type", "remote": "remote"}).values()
    assert mapped.employment_type == "part_time" and mapped.work_model == "remote"
    assert mapped.source_facts == {"employment_type": "jsonl:type", "work_model": "jsonl:remote"}


def test_linkedin_sample_with_map_equals_its_columns_wherever_they_are_set():
    if not LINKEDIN.exists():
        pytest.skip(f"{LINKEDIN} is not here")
    work_types = {"Full-time": "full_time", "Part-time": "part_time", "Contract": "contract",
                  "Internship": "internship", "Temporary": "temporary"}  # fmt: skip
    periods = {"YEARLY": "year", "HOURLY": "hour", "MONTHLY": "month"}
    by_id = {p.id: prepare(p).extraction for p in read_file(LINKEDIN, column_map=LINKEDIN_MAP)}
    csv.field_size_limit(1 << 24)
    with LINKEDIN.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    checked = {"employment_type": 0, "remote": 0, "salary": 0}
    for row in rows:
        record = by_id[row["job_id"]]
        if row["formatted_work_type"] in work_types:
            checked["employment_type"] += 1
            assert record.employment_type == work_types[row["formatted_work_type"]], row["job_id"]
        if row["remote_allowed"]:
            checked["remote"] += 1
            assert record.work_model == "remote", row["job_id"]
        if row["min_salary"]:
            checked["salary"] += 1
            assert record.salary == {
                "min": float(row["min_salary"]), "max": float(row["max_salary"]), "currency": row["currency"],
                "period": periods[row["pay_period"]],
            }, row["job_id"]  # fmt: skip
    assert checked == {"employment_type": 985, "remote": 184, "salary": 338}


@pytest.mark.parametrize(
    ("interval", "period"),
    [("per-year-salary", "year"), ("per-month-salary", "month"), ("per-week-salary", "week"),
     ("per-day-wage", "day"), ("per-hour-wage", "hour"), ("YEARLY", "year"), ("1 HOUR", "hour"),
     ("per annum", "year"), ("one-time", None), ("2 WEEK", None), ("", None), (None, None)],
)  # fmt: skip
def test_every_interval_lever_sends_is_a_period_and_a_sum_is_none(interval, period):
    assert period_of(interval) == period


# --- the contract's input, ingest and the Dask path -----------------------------------------------------


def test_plain_contract_input_keeps_its_record_exactly():
    posting = Posting(id="a", title="Senior Go Engineer", description="Remote. $150k-$180k. Go and Kafka.")
    text = document_text(posting.title, posting.description)
    extraction = prepare(posting).extraction
    assert apply_source_facts(extraction, posting) is extraction
    assert with_source_facts(record_of(posting, "line 1", text), posting) == record_of(
        posting, "line 1", text
    )


@pytest.mark.parametrize(
    "text, stated, company",
    [
        # the text's company is the first words of the stated name, and the text writes the whole name
        (
            "Stavis Seafoods, A Profand Company, is hiring. Join Stavis today.",
            "Stavis Seafoods",
            "Stavis Seafoods",
        ),
        (
            "The Morgan Library & Museum invites applications.\nWhy work at The Morgan? The Morgan is hiring a manager.",
            "The Morgan Library & Museum",
            "The Morgan Library & Museum",
        ),
        ("About SKF\nSKF has been making the world spin since 1907.", "SKF Group", "SKF"),  # never whole
        ("Apple is hiring a data engineer in Cupertino.", "Akshaya Inc", "Apple"),  # another firm's field
        ("Acme is hiring. Acme Corporation of Ohio.", "Acme Corp", "Acme"),  # not where a word ends
        # written otherwise than the source writes it, or the start of a longer name: the text's own
        ("Join us: careers at stavis seafoods. Stavis is hiring.", "Stavis Seafoods", "Stavis"),
        ("Google is hiring. Google Cloud Platform is a plus.", "Google Cloud", "Google"),
    ],
)
def test_the_inputs_own_company_says_where_the_texts_name_ends(text, stated, company):
    from rolemap.extract import extract_record

    record = extract_record({"id": "a", "title": "Office Manager", "description": text, "company": stated})
    assert record["company"] == company
    span = record["evidence"]["company"][0]
    assert span["text"].casefold().endswith(company.casefold().removeprefix("the "))


def test_the_inputs_own_company_fills_only_the_company_the_text_leaves_out():
    from rolemap.extract import extract_record

    unnamed = {"id": "a", "title": "Sustaining Engineer", "description": "Review orders for quality."}
    assert extract_record(unnamed)["company"] is None
    record = extract_record({**unnamed, "company": "Infotech Spectrum Inc,"})
    assert (record["company"], record["source_facts"]) == (
        "Infotech Spectrum Inc",
        {"company": "jsonl:company"},
    )
    # a recruiter's line names the client it hires for: the text's reading is the record's
    named = {
        "id": "b",
        "title": "Data Engineer",
        "description": "Apple is hiring a data engineer in Cupertino.",
    }
    record = extract_record({**named, "company": "Akshaya Inc"})
    assert (record["company"], record["source_facts"]) == ("Apple", {})
    # a field holds what a person typed: a place, a title, a URL or "Confidential" names no hirer
    for typed in (
        "San Francisco, CA",
        "Senior Software Engineer",
        "https://acme.com/jobs",
        "Confidential",
        "Remote",
        "Python/Django",
        "React",
        "Data Scientist",
        "Recruiter",
        "Our Client",
        "A Leading Healthcare Company",
        "$120k-$150k",
        "We are hiring!",
        "Not disclosed",
        "ZM Jobs &",
        "Software Engineers",
        "Inc",
        "Fortune 500",
    ):
        assert extract_record({**unnamed, "company": typed})["company"] is None, typed
    # any other name is the hirer's, those a text's reader would doubt too (LinkedIn's own company column)
    for typed in (
        "rh contract",
        "ASA Architects",
        "Ragland & Associates LLC",
        "Orthopaedic Specialists of North Carolina",
        "Our Lady of Lourdes Hospital",
        "Trusted Nurse Staffing",
        "A Place for Mom",
    ):
        assert extract_record({**unnamed, "company": typed})["company"] == typed, typed
    assert extract_record({**unnamed, "company": "Acme ,"})["company"] == "Acme"
    # a possessive and "Hiring" inside a typed name are the name's own, not a header's end; a name written as
    # its site is the site's name (LinkedIn's company column); a call to apply or a tagline is no part of it
    for typed, name in (
        ("Huck's Food and Fuel", "Huck's Food and Fuel"),
        ("Phoenix Children's", "Phoenix Children's"),
        ("ZM Jobs & Hiring Limited", "ZM Jobs & Hiring Limited"),
        ("Acme Now Hiring", "Acme"),
        ("Sprouts Farmers Market. Healthy Living for Less", "Sprouts Farmers Market"),
        ("Warner Bros. Discovery", "Warner Bros. Discovery"),  # an abbreviation's stop, no sentence's
        ("Mr. Cooper", "Mr. Cooper"),
        ("DIGS Vacation Rentals.com", "DIGS Vacation Rentals"),
        ("Reverb.com, Inc.", "Reverb"),
        ("Talentify.io", "Talentify.io"),
        ("Tint (http://www.tintup.com)", "Tint"),
        ("KLA (Kim Lundgren Associates)", "KLA"),
    ):
        assert extract_record({**unnamed, "company": typed})["company"] == name, typed
    for typed in (
        "Apply at acme.com",
        "x" * 5_000,
    ):  # words before a site are no name; nor is a field that long
        assert extract_record({**unnamed, "company": typed})["company"] is None, typed
    # ingestion writes the stated company over the text's, as it does every source's facts
    posting = contract_posting({**named, "company": "Akshaya Inc"}, "line 1")
    assert prepare(posting).extraction.company == "Akshaya Inc"


def test_ingest_and_the_shard_path_give_the_same_record():
    for name in ("lever_ramp.json", "greenhouse_github.json", "ashby_hooli.json", "jsonld_canva.html"):
        for posting in read_file(BOARDS / name):
            text = document_text(posting.title, posting.description)
            on_dask = with_source_facts(record_of(posting, name, text), posting)
            assert on_dask == prepare(posting).extraction.as_dict(), posting.id


def test_the_shard_path_names_a_boards_owner_when_the_answer_states_no_fact():
    posting = Posting(
        id="lever-ramp-1", title="Backend Engineer", description="Ramp builds finance software in Python.",
        board="lever:ramp",
    )  # fmt: skip
    text = document_text(posting.title, posting.description)
    on_dask = with_source_facts(record_of(posting, "line 1", text), posting)
    assert on_dask == prepare(posting).extraction.as_dict()
    assert on_dask["company"] == "Ramp"


def test_ingest_stores_the_boards_facts(store):
    ingest(store, read_file(BOARDS / "lever_ramp.json"), now=datetime(2026, 1, 1, tzinfo=UTC))
    row = get_posting(store, "lever-ramp-9e3a7b21-2d4f-4c6b-8f80-1b2c3d4e5f60")
    assert row["extraction"]["salary"]["min"] == 150_000
    assert row["extraction"]["source_facts"]["salary"] == "lever:salaryRange"


# --- the contract's value sets --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind"),
    [("FULL_TIME", "full_time"), ("Full-time", "full_time"), ("FullTime", "full_time"), ("Full Time", "full_time"),
     ("PartTime", "part_time"), ("Part-time", "part_time"), ("CONTRACTOR", "contract"), ("Contract", "contract"),
     ("Intern", "internship"), ("INTERN", "internship"), ("Temporary", "temporary"), ("TEMPORARY", "temporary"),
     ("Volunteer", None), ("Other", None), ("PER_DIEM", None), (["FULL_TIME", "PART_TIME"], "full_time"),
     ("Full-time Permanent", "full_time"), ("", None), (None, None), (7, None)],
)  # fmt: skip
def test_employment_types(raw, kind):
    assert employment_type_of(raw) == kind


@pytest.mark.parametrize(
    ("raw", "model"),
    [("remote", "remote"), ("hybrid", "hybrid"), ("on-site", "onsite"), ("unspecified", None), ("OnSite", "onsite"),
     ("Remote", "remote"), ("TELECOMMUTE", "remote"), ("Remote - US", "remote"), ("Hybrid - NYC", "hybrid"),
     ("New York, NY", None), ("Remote or On-site", None), (None, None)],
)  # fmt: skip
def test_work_models(raw, model):
    assert work_model_of(raw) == model


@pytest.mark.parametrize(
    ("raw", "level"),
    [("Entry level", "junior"), ("Associate", "junior"), ("Mid-Senior level", None), ("Director", "manager"),
     ("Executive", "manager"), ("Internship", "intern"), ("Senior", "senior"), ("Principal", "staff"), ("mid", "mid")],
)  # fmt: skip
def test_seniority_levels(raw, level):
    assert seniority_of(raw) == level


@pytest.mark.parametrize(
    ("raw", "salary"),
    [({"min": "17.0", "max": "20.0", "currency": "USD", "period": "HOURLY"},
      {"min": 17, "max": 20, "currency": "USD", "period": "hour"}),
     ({"min": 90000, "max": 80000, "currency": "eur", "period": "1 YEAR"},
      {"min": 80000, "max": 90000, "currency": "EUR", "period": "year"}),
     ({"min": 150000, "max": 180000, "currency": "USD", "period": None},
      {"min": 150000, "max": 180000, "currency": "USD", "period": "year"}),
     ({"min": 5000, "max": 6000, "currency": "USD", "period": None}, None),  # a month? a week? unsaid
     ({"min": 5000, "max": 6000, "currency": "USD", "period": "BIWEEKLY"}, None),
     ({"min": 100000, "max": 120000, "currency": "$", "period": "year"}, None),
     ({"min": "n/a", "max": None, "currency": "USD", "period": "year"}, None),
     ({"min": float("nan"), "max": 1e400, "currency": "USD", "period": "year"}, None),
     # a broken board field (Greenhouse min_cents 10**30, max_cents -5) states no pay
     ({"min": 1e28, "max": -0.05, "currency": "USD", "period": "year"}, None),
     # a sheet's text that is no figure of pay: no salary, and no failed posting
     ({"min": "1e30", "max": None, "currency": "USD", "period": "year"}, None),
     ({"min": "nan", "max": "inf", "currency": "USD", "period": "year"}, None),
     ({"min": "-120000", "max": None, "currency": "USD", "period": "year"}, None)],
)  # fmt: skip
def test_salaries(raw, salary):
    assert salary_of(raw) == salary


@pytest.mark.parametrize(
    ("raw", "code"),
    [("US", "US"), ("de", "DE"), ("UK", "GB"), ("USA", "US"), ("United States", "US"), ("Germany", "DE"),
     ("Atlantis", None), ("XX", None)],
)  # fmt: skip
def test_country_codes(raw, code):
    assert country_code(raw) == code


def test_a_fact_that_is_not_stated_leaves_the_text_alone():
    posting = Posting(
        id="a", title="Go Engineer", description="Hybrid: 3 days in Berlin.",
        source_fields={"facts_from": {"salary": "lever:salaryRange", "work_model": "lever:workplaceType"},
                       "work_model": "unspecified"},
    )  # fmt: skip
    extraction = prepare(posting).extraction
    assert extraction.work_model == "hybrid" and extraction.source_facts == {}


def test_ingest_help_lists_every_map_field_and_a_misspelt_one_is_refused(tmp_path):
    import os
    import subprocess
    import sys

    from rolemap.sources.contract import MAP_FIELDS

    run = [sys.executable, "-m", "rolemap", "ingest"]
    shown = subprocess.run(
        [*run, "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=60
    )
    assert all(field in shown.stdout for field in MAP_FIELDS), shown.stdout
    src = tmp_path / "jobs.csv"
    src.write_text("title,low\nGo Developer,1\n")
    refused = subprocess.run(
        [*run, str(src), "--db", str(tmp_path / "x.db"), "--map", "salary_mn=low"],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1 and "'salary_mn' is not a field" in refused.stderr
