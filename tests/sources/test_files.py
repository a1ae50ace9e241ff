import gzip
import json
import tracemalloc
from pathlib import Path

import pytest

from rolemap.errors import InputError, PostingError
from rolemap.models import Posting
from rolemap.sources import read_file
from tests.conftest import FIXTURES


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Posting)], [i for i in items if isinstance(i, PostingError)]


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_jsonl_contract_postings_with_one_bad_line(tmp_path):
    path = write(
        tmp_path / "p.jsonl",
        "\n".join(
            [
                json.dumps(
                    {"id": "a", "title": "Go dev", "description": "Go", "company": "Acme", "salary_text": "x"}
                ),
                "{not json",
                json.dumps({"title": "no id"}),
                json.dumps(["a", "list"]),
                "",
                json.dumps({"id": 7, "description": "<script>alert(1)</script>Python"}),
            ]
        ),
    )
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["a", "7"]
    assert good[0].company == "Acme"  # the record's own company field is a fact of the source
    assert good[0].source_fields == {"salary_text": "x", "facts_from": {"company": "jsonl:company"}}
    assert [e.where for e in bad] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in bad[0].message and "no usable 'id'" in bad[1].message


def test_jsonl_non_utf8_line_is_skipped_not_the_file(tmp_path):
    path = write(tmp_path / "p.jsonl", b'{"id": "a", "title": "ok"}\n{"id": "b", "title": "caf\xe9"}\n')
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["a"]
    assert "not utf-8 text" in bad[0].message.lower()


def test_gzip_and_hn_dump_rows(tmp_path):
    row = {
        "month": "2017-03",
        "hn_item_id": 123,
        "text_html": "Acme | Backend Engineer | NYC<p>Go</p>",
        "user": "u",
        "derived_remote": True,
    }
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt") as f:
        f.write(json.dumps(row) + "\n")
    (posting,) = read_file(path)
    # the header is kept for display; company and role are the extractor's reading of it
    assert posting.id == "hn-123" and posting.company is None and posting.title == ""
    assert posting.source_fields["header"] == "Acme | Backend Engineer | NYC"
    assert posting.posted_at == "2017-03-01" and posting.source_fields["remote"] is True


@pytest.mark.parametrize(("content", "message"), [(b"", "is empty"), (b"\n\n", "is empty")])
def test_empty_files(tmp_path, content, message):
    with pytest.raises(InputError, match=message):
        list(read_file(write(tmp_path / "e.jsonl", content)))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_file(tmp_path / "nope.jsonl"))
    with pytest.raises(InputError, match="is a directory"):
        list(read_file(tmp_path))


def test_binary_junk_with_unknown_name(tmp_path):
    with pytest.raises(InputError, match="cannot tell its format"):
        list(read_file(write(tmp_path / "junk.bin", bytes(range(256)) * 10)))


def test_huge_file_is_streamed_in_bounded_memory(tmp_path):
    """200 MB: one 200 MB line (skipped) between two good ones, read without holding the line."""
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as f:
        f.write(b'{"id": "first", "title": "Go"}\n')
        f.write(b'{"id": "huge", "description": "')
        chunk = b"x" * (1 << 20)
        for _ in range(200):
            f.write(chunk)
        f.write(b'"}\n{"id": "last", "title": "Rust"}\n')
    tracemalloc.start()
    good, bad = split(read_file(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.id for p in good] == ["first", "last"]
    assert len(bad) == 1 and "longer than" in bad[0].message
    assert peak < 40 * 2**20


def test_csv_with_column_map_and_bad_rows(tmp_path):
    path = write(
        tmp_path / "d.csv", 'job_id,jobtitle,jobdescription\n1,Java dev,Spring Boot\n,,\n3,"Go, C",ok,extra\n'
    )
    good, bad = split(
        read_file(path, column_map={"id": "job_id", "title": "jobtitle", "description": "jobdescription"})
    )
    assert [p.id for p in good] == ["1"] and good[0].title == "Java dev"
    assert len(bad) == 2


def test_csv_without_usable_columns_names_the_fix(tmp_path):
    path = write(tmp_path / "d.csv", "a,b\n1,2\n")
    with pytest.raises(InputError, match="--map"):
        list(read_file(path))


def test_csv_wrong_encoding(tmp_path):
    path = write(tmp_path / "d.csv", "id,title\n1,Caf\xe9 dev\n".encode("latin-1"))
    with pytest.raises(InputError, match="not utf-8 text; pass --encoding"):
        list(read_file(path))
    good, _ = split(read_file(path, encoding="latin-1"))
    assert good[0].title == "Café dev"


def test_csv_without_id_gets_a_content_id(tmp_path):
    path = write(tmp_path / "d.csv", "title,description\nGo dev,Go\nGo dev,Go\n")
    good, _ = split(read_file(path))
    assert good[0].id == good[1].id and good[0].id.startswith("csv-")


def test_html_jsonld_job_posting():
    (posting,) = read_file(FIXTURES / "pages" / "jobposting.html")
    assert (
        posting.id == "jsonld-umbrella-UMB-42"
        and posting.company == "Umbrella"
        and posting.title == "Backend Engineer"
    )
    assert posting.source_fields["salary"] == {
        "min": 120000.0,
        "max": 150000.0,
        "currency": "USD",
        "period": "year",
    }
    assert posting.source_fields["remote"] is True and posting.source_fields["employment_type"] == "FULL_TIME"
    assert posting.posted_at == "2026-10-20" and posting.source_fields["valid_through"] == "2026-12-31T00:00"
    from rolemap.text import plain_text

    assert "alert" not in plain_text(posting.description) and "Java" in plain_text(posting.description)


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<html><body>no data</body></html>", "no schema.org JSON-LD"),
        ('<script type="application/ld+json">{"@type": "Organization"}</script>', "no JobPosting"),
        ('<script type="application/ld+json">{"@type": "JobPosting", </script>', "not valid JSON"),
    ],
)
def test_html_without_a_job_posting(tmp_path, html, message):
    _, bad = split(read_file(write(tmp_path / "p.html", html)))
    assert message in bad[0].message


def test_markdown_file_is_one_posting(tmp_path):
    (posting,) = read_file(write(tmp_path / "job.md", "# Senior Rust Engineer\n\n## Requirements\n- Rust\n"))
    assert posting.title == "Senior Rust Engineer" and "Rust" in posting.description


def test_json_list_of_postings(tmp_path):
    path = write(tmp_path / "p.json", json.dumps([{"id": "x", "title": "t"}, 5]))
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["x"] and "expected a JSON object" in bad[0].message


def test_malformed_json_file(tmp_path):
    with pytest.raises(InputError, match="not valid JSON"):
        list(read_file(write(tmp_path / "p.json", "{'single': quotes}")))


@pytest.mark.parametrize(
    ("given", "iso"),
    [
        ("1713397508000.0", "2024-04-17"),  # LinkedIn's milliseconds
        ("1713397508", "2024-04-17"),
        ("2024-04-17T10:00:00Z", "2024-04-17T10:00:00Z"),  # ISO as written
        ("2024/02/04", "2024-02-04"),
        ("04.02.2024", "2024-02-04"),  # a day first with dots, as European sheets write it
        ("02/04/2024", "2024-02-04"),  # slashes: month first, as US boards write it
        ("25/12/2023", "2023-12-25"),  # … unless the first number is past 12
        ("Feb 4, 2024", "2024-02-04"),
        ("4 February 2024", "2024-02-04"),
        ("2024-05-01 10:00:00 UTC", "2024-05-01"),  # an ISO date, then a time no parser reads
        ("2024-05-01T10:00:00+00:00[UTC]", "2024-05-01"),
        ("yesterday", None),
        ("2024-13-45", None),
        ("1e400", None),
    ],
)
def test_posting_dates_become_iso_dates(given, iso):
    from rolemap.sources.dates import posted_date

    assert posted_date(given) == iso


def test_a_date_that_is_no_date_is_kept_beside_the_posting(tmp_path):
    src = write(
        tmp_path / "d.csv", "id,title,posted_at\n1,Go Developer,yesterday\n2,Go Developer,04.02.2024\n"
    )
    first, second = read_file(src)
    assert first.posted_at is None and first.source_fields["posted_at_as_given"] == "yesterday"
    assert second.posted_at == "2024-02-04"


def test_epoch_timestamps_become_iso_dates(tmp_path):
    src = tmp_path / "li.csv"
    src.write_text("job_id,title,description,listed_time\n7,Go Developer,Go and Kafka,1713397508000.0\n")
    (posting,) = list(read_file(src, column_map={"id": "job_id", "posted_at": "listed_time"}))
    assert posting.posted_at == "2024-04-17"
