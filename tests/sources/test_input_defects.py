"""How job-board answers and files are read (black-box probe, session 36): each case failed before its fix.
The board answers are in the providers' documented shapes (tests/fixtures/boards/)."""

from __future__ import annotations

import io
import json
import logging

import pytest

from rolemap.errors import InputError, PostingError
from rolemap.extract.batch import extract_lines
from rolemap.models import Posting
from rolemap.pipeline import prepare
from rolemap.sources import read_file
from rolemap.sources.boards import greenhouse_postings, lever_postings, sniff_board
from rolemap.sources.files import MAX_LINE_BYTES
from tests.cli_runner import run
from tests.conftest import FIXTURES

BOARDS = FIXTURES / "boards"


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Posting)], [i for i in items if isinstance(i, PostingError)]


def record(posting: Posting):
    return prepare(posting).extraction


def contract_line(**extra) -> str:
    row = {"id": "1", "title": "Développeur", "description": "Python à Paris.", **extra}
    return json.dumps(row, ensure_ascii=False)


# --- 2. --encoding reads JSON Lines too, in `ingest` and `extract` ---------------------------------------


def test_encoding_applies_to_json_lines(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes((contract_line() + "\n").encode("latin-1"))
    _, bad = split(read_file(path))
    assert bad and "pass --encoding latin-1" in bad[0].message
    good, bad = split(read_file(path, encoding="latin-1"))
    assert not bad and good[0].title == "Développeur"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_json_lines_in_utf16_or_utf32_named_by_encoding(tmp_path, encoding):
    path = tmp_path / "wide.jsonl"
    path.write_bytes((contract_line() + "\n" + contract_line(id="2") + "\n").encode(encoding))
    good, bad = split(read_file(path, encoding=encoding))
    assert not bad and [p.id for p in good] == ["1", "2"] and good[0].title == "Développeur"


def test_extract_reads_its_input_in_the_encoding_named(tmp_path):
    data = (contract_line() + "\n").encode("latin-1")
    out = io.StringIO()
    assert extract_lines(io.BufferedReader(io.BytesIO(data)), out, encoding="latin-1") == 0
    assert json.loads(out.getvalue())["id"] == "1"


def test_extract_has_the_encoding_option_its_message_advises(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes((contract_line() + "\n").encode("latin-1"))
    advised = run("extract", path)
    assert advised.returncode == 1 and "pass --encoding latin-1" in advised.stdout
    taken = run("extract", path, "--encoding", "latin-1")
    assert taken.returncode == 0, taken.stderr
    assert json.loads(taken.stdout)["title"] == "Développeur"


# --- 3. a CSV salary with no currency column: the amount's own symbol, or one word on stderr --------------

SHEET = (
    "id,title,description,salary_min,salary_max,salary_period\n"
    's1,Backend Engineer,Go services.,"$120,000","$150,000",year\n'
    "s3,Platform Engineer,Kubernetes. Pay 50-60 EUR per hour.,€70.000,€80.000,yearly\n"
)


def test_csv_salary_currency_from_the_amounts_symbol(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    dollars, euros = read_file(path)
    assert record(dollars).salary == {"min": 120000, "max": 150000, "currency": "USD", "period": "year"}
    assert record(euros).salary == {"min": 70000, "max": 80000, "currency": "EUR", "period": "year"}
    assert record(euros).source_facts["salary"] == "csv:salary_min"


def test_csv_salary_with_no_currency_anywhere_is_said_once_per_file(tmp_path, caplog):
    path = tmp_path / "plain.csv"
    path.write_text(
        "id,title,description,salary_min,salary_max\na,Backend Engineer,Go.,120k,150k\n"
        "b,Data Engineer,Spark.,100 000,\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="rolemap.sources"):
        first, _ = read_file(path)
    said = [r.getMessage() for r in caplog.records]
    assert said == [
        f"{path}: salary columns ignored: no currency (map salary_currency to a column that names it, "
        "or write the amounts with it: $120,000)"
    ]
    assert "salary" not in first.source_fields.get("facts_from", {})  # no fact is claimed that is not read
    assert first.source_fields["salary"]["min"] == "120k"  # kept as the sheet wrote it


def test_the_salary_notice_reaches_the_terminal(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("id,title,description,salary_min\na,Backend Engineer,Go.,120k\n", encoding="utf-8")
    result = run("ingest", path, "--db", tmp_path / "s.db")
    assert result.returncode == 0 and "salary columns ignored: no currency" in result.stderr


# --- 4. JSON-LD / microdata amounts written with European thousands --------------------------------------


def test_microdata_amounts_with_european_thousands():
    (posting,) = read_file(BOARDS / "microdata_beispiel_european_thousands.html")
    salary = record(posting).salary
    assert salary == {"min": 65000, "max": 80000, "currency": "EUR", "period": "year"}


def test_jsonld_amounts_written_as_strings_read_in_their_currency():
    _, frontend = read_file(BOARDS / "jsonld_initrode_string_amounts.html")
    assert record(frontend).salary == {"min": 4000, "max": 5500, "currency": "EUR", "period": "month"}


def test_jsonld_dollar_amounts_with_a_dot_stay_decimals(tmp_path):
    page = tmp_path / "usd.html"
    ld = {
        "@context": "https://schema.org", "@type": "JobPosting", "title": "Support Engineer",
        "description": "<p>Help customers.</p>", "hiringOrganization": "Acme",
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                       "value": {"@type": "QuantitativeValue", "minValue": "25.50", "maxValue": "30.00", "unitText": "HOUR"}},
    }  # fmt: skip
    page.write_text(f'<script type="application/ld+json">{json.dumps(ld)}</script>', encoding="utf-8")
    (posting,) = read_file(page)
    assert record(posting).salary == {"min": 25.5, "max": 30, "currency": "USD", "period": "hour"}


# --- 5. a CSV field over the csv module's limit costs its row, not the rest of the file --------------------


def test_a_csv_field_over_the_limit_is_that_rows_error_and_the_next_rows_are_read(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("id,title,description\n1,Big,")
        f.write("x" * (MAX_LINE_BYTES + 1024))
        f.write("\n2,Small,Python dev\n")
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["2"]
    assert [e.message for e in bad] == [f"{path}:2: a field larger than 8 MB; row skipped"]


def test_a_quoted_field_over_the_limit_over_many_lines_is_skipped_to_its_closing_quote(tmp_path):
    path = tmp_path / "huge_quoted.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write('id,title,description\n1,Big,"')
        for _ in range(9):
            f.write("y" * (1 << 20) + ' with ""quotes"" inside\n')
        f.write('end"\n3,Small,Python dev\n')
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["3"] and len(bad) == 1
    assert bad[0].message.endswith(":2: a field larger than 8 MB; row skipped")


def test_a_quote_never_closed_is_still_named_as_such(tmp_path):
    path = tmp_path / "open.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write('id,title,description\n1,Good,Go\n2,Open,"never closed\n')
        f.write(("z" * 1000 + "\n") * 9000)
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["1"]
    assert "its quote is never closed; the rest of the file was not read" in bad[0].message


# --- 6. Greenhouse: a location name that names no place falls back to the offices -------------------------


def test_greenhouse_offices_where_the_location_name_names_no_place():
    multiple, hybrid = read_file(BOARDS / "greenhouse_multico_location_names_no_place.json")
    first = record(multiple)
    assert [(loc.city, loc.country) for loc in first.locations] == [("Berlin", "DE"), ("Toronto", "CA")]
    assert first.source_facts["locations"] == "greenhouse:offices"
    second = record(hybrid)  # the text says "remote across the US": the board's office wins
    assert [(loc.city, loc.country) for loc in second.locations] == [("Amsterdam", "NL")]
    assert second.work_model == "hybrid"


def test_greenhouse_location_name_that_is_a_place_keeps_it_over_the_offices():
    job = json.loads((BOARDS / "greenhouse_multico_location_names_no_place.json").read_text())
    job["jobs"][0]["location"]["name"] = "Munich, Germany"
    posting = next(greenhouse_postings(job, "multico"))
    assert [(loc.city, loc.country) for loc in record(posting).locations] == [("Munich", "DE")]


# --- 7. Lever: the salary description is part of the posting's text --------------------------------------


def test_lever_salary_description_is_read_with_the_text():
    (posting,) = read_file(BOARDS / "lever_sdco_salary_description.json")
    assert "$160,000 - $190,000 per year" in posting.description
    assert record(posting).salary == {"min": 160000, "max": 190000, "currency": "USD", "period": "year"}


def test_lever_plain_salary_description_is_escaped_into_the_html():
    job = json.loads((BOARDS / "lever_sdco_salary_description.json").read_text())[0]
    del job["salaryDescription"]
    job["salaryDescriptionPlain"] = "Pay: <b>$160,000</b> & more"
    (posting,) = lever_postings([job], "sdco")
    assert "<p>Pay: &lt;b&gt;$160,000&lt;/b&gt; &amp; more</p>" in posting.description


# --- 9. Lever answers fetched with group= -------------------------------------------------------------------


def test_lever_answer_grouped_by_team_is_read_posting_by_posting():
    data = json.loads((BOARDS / "lever_acmeco_grouped_by_team.json").read_text())
    assert sniff_board(data) == "lever"
    good, bad = split(read_file(BOARDS / "lever_acmeco_grouped_by_team.json"))
    assert not bad
    assert [p.id for p in good] == ["lever-acmeco-l-hourly", "lever-acmeco-l-month", "lever-acmeco-l-plain"]
    assert {p.board for p in good} == {"lever:acmeco"}  # still the board's complete listing
    assert [p.id for p in lever_postings(data, "acmeco")] == [p.id for p in good]


# --- 10. UTF-16 / UTF-32 byte-order marks; binary data is not told to try latin-1 ------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("suffix", ["csv", "jsonl", "json", "html"])
def test_a_byte_order_mark_says_the_encoding(tmp_path, encoding, suffix):
    content = {
        "csv": "id,title,description\n1,Développeur,Python à Paris.\n",
        "jsonl": contract_line() + "\n",
        "json": f"[{contract_line()}]",
        "html": '<script type="application/ld+json">{"@type": "JobPosting", "title": "Développeur", '
        '"description": "Python à Paris.", "hiringOrganization": "Acme", "identifier": "1"}</script>',
    }[suffix]
    mark = "\ufeff".encode(encoding)
    path = tmp_path / f"marked.{suffix}"
    path.write_bytes(mark + content.encode(encoding))
    good, bad = split(read_file(path))
    assert not bad and [p.title for p in good] == ["Développeur"]


def test_binary_data_is_not_told_to_try_latin1(tmp_path):
    path = tmp_path / "junk.html"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as e:
        list(read_file(path))
    assert "binary data" in e.value.message and "latin-1" not in e.value.message


def test_utf16_without_its_mark_is_named(tmp_path):
    path = tmp_path / "bare.json"
    path.write_bytes(f"[{contract_line()}]".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16 without its byte-order mark"):
        list(read_file(path))


def test_latin1_text_is_still_told_to_try_latin1(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,title,description\n1,Développeur,Python\n".encode("latin-1"))
    with pytest.raises(InputError, match="not utf-8 text; pass --encoding latin-1"):
        list(read_file(path))


def test_an_unknown_encoding_is_one_error(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(contract_line() + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        list(read_file(path, encoding="klingon"))


# --- 11. a header-only CSV and an empty JSON list are "no postings", as an empty file is -----------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("header_only.csv", "id,title,description\n"), ("empty_list.json", "[]"), ("spaced.json", " [ ]\n")],
)
def test_no_postings_in_a_file_is_an_error(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"no postings in it"):
        list(read_file(path))


def test_no_postings_exits_1_in_the_cli(tmp_path):
    path = tmp_path / "header_only.csv"
    path.write_text("id,title,description\n", encoding="utf-8")
    result = run("ingest", path, "--db", tmp_path / "s.db")
    assert result.returncode == 1 and "no postings in it" in result.stderr
