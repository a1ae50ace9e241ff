"""One hostile posting never costs the others (issue 19, points 2, 3 and the file caps of 5 and 7).

Each case reproduces a failure found by the red-team pass: a traceback, a lost batch, a silent misreading.
"""

import gzip
import json
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rolemap.errors import InputError, PostingError
from rolemap.extract import extract_posting
from rolemap.models import Posting
from rolemap.pipeline import ingest, prepare
from rolemap.sources import read_file
from rolemap.sources.files import count_lines, read_bytes
from rolemap.store.repository import count_postings, get_posting, save_batch
from tests.conftest import FIXTURES

DEEP = "[" * 1000 + "]" * 1000
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Posting)], [i for i in items if isinstance(i, PostingError)]


def line(i, **extra):
    return json.dumps(
        {"id": f"p{i}", "title": "Backend Engineer", "description": f"Go and Kafka {i}", **extra}
    )


def jsonld_page(postings):
    blocks = "".join(f'<script type="application/ld+json">{json.dumps(p)}</script>' for p in postings)
    return f"<html><head>{blocks}</head><body></body></html>"


def job_posting(i, **extra):
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": f"Backend Engineer {i}",
        "description": f"<p>Build Python services, number {i}.</p>",
        "identifier": {"@type": "PropertyValue", "value": f"J{i}"},
        "url": f"https://jobs.example/{i}",
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        **extra,
    }


# --- JSON nested 1,000 deep: a RecursionError in every JSON reader ------------------------------------


def test_jsonl_line_nested_too_deep_is_one_error(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([line(1), '{"id": "p2", "title": "t", "extra": ' + DEEP + "}", line(3)]))
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["p1", "p3"]
    assert len(bad) == 1 and bad[0].where == f"{path}:2" and "nested too deeply" in bad[0].message


def test_json_file_nested_too_deep_is_a_clear_input_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(DEEP)
    with pytest.raises(InputError, match="nested too deeply"):
        list(read_file(path))


def test_jsonld_block_nested_too_deep_costs_only_that_block(tmp_path):
    path = tmp_path / "page.html"
    html = jsonld_page([job_posting(1)]).replace(
        "</head>", f'<script type="application/ld+json">{DEEP}</script></head>'
    )
    path.write_text(html)
    good, bad = split(read_file(path))
    assert [p.title for p in good] == ["Backend Engineer 1"]
    assert len(bad) == 1 and "JSON-LD block 2" in bad[0].message and "nested too deeply" in bad[0].message


def test_deep_values_inside_a_posting_never_reach_the_store(store, tmp_path):
    """Deep, but not too deep to parse: kept whole it would break the JSON writer of the store."""
    path = tmp_path / "deep.jsonl"
    path.write_text('{"id": "p1", "title": "Go", "extra": ' + "[" * 400 + "]" * 400 + "}")
    report = ingest(store, read_file(path), now=NOW)
    assert (report.stored, report.failed) == (1, 0)
    assert json.dumps(get_posting(store, "p1")["source_fields"]).count("[") <= 12


# --- unreadable gzip: one clear error for the file -------------------------------------------------------


def test_corrupt_gzip_is_one_clear_error(tmp_path):
    path = tmp_path / "postings.jsonl.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate data at all" * 20)
    with pytest.raises(InputError, match="not a readable gzip file"):
        list(read_file(path))
    assert count_lines(path) is None


def test_truncated_gzip_keeps_what_was_read_and_names_the_file(tmp_path, store):
    whole = gzip.compress("\n".join(line(i) for i in range(3000)).encode())
    path = tmp_path / "postings.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    assert count_lines(path) is None  # the progress bar's count: no EOFError ("Aborted.")
    good, bad = split(read_file(path))
    assert len(good) > 100 and good[0].id == "p0"
    assert len(bad) == 1 and bad[0].where == str(path) and "not a readable gzip file" in bad[0].message
    report = ingest(store, read_file(path), now=NOW)
    assert report.stored == len(good) and report.failed == 1


def test_postings_read_before_an_unreadable_file_are_stored(store, tmp_path):
    """An unreadable second file stops the run with its error; the first file's postings are kept."""
    first = tmp_path / "a.jsonl"
    first.write_text("\n".join(line(i) for i in range(3)))
    broken = tmp_path / "b.jsonl.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")

    def items():
        yield from read_file(first)
        yield from read_file(broken)

    with pytest.raises(InputError, match="not a readable gzip file"):
        ingest(store, items(), now=NOW)
    assert count_postings(store) == 3


# --- a field of the wrong type: one PostingError naming the input and the item -----------------------------


def test_jsonld_organization_name_that_is_an_object(store, tmp_path):
    path = tmp_path / "page.html"
    bad_org = {"@type": "Organization", "name": {"@type": "Thing", "x": 1}}
    path.write_text(jsonld_page([job_posting(1), job_posting(2, hiringOrganization=bad_org), job_posting(3)]))
    good, bad = split(read_file(path))
    assert len(good) == 2 and len(bad) == 1
    assert (
        str(path) in bad[0].message
        and "JobPosting 2" in bad[0].message
        and "hiringOrganization" in bad[0].message
    )
    report = ingest(store, read_file(path), now=NOW)
    assert (report.stored, report.failed) == (2, 1)


def test_greenhouse_absolute_url_that_is_a_number(tmp_path):
    answer = json.loads((FIXTURES / "boards" / "greenhouse_acme.json").read_text())
    answer["jobs"][0]["absolute_url"] = 12345
    path = tmp_path / "greenhouse_acme.json"
    path.write_text(json.dumps(answer))
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["greenhouse-acme-4012346"]
    assert len(bad) == 1 and "job 4012345" in bad[0].message and "absolute_url" in bad[0].message


def test_hn_time_that_is_a_string(tmp_path):
    items = [
        {"by": "u", "id": 1, "type": "comment", "time": "yesterday", "text": "Acme | Backend Engineer | NYC"},
        {"by": "u", "id": 2, "type": "comment", "time": "1500000000", "text": "Initech | Go Developer | SF"},
        {"by": "u", "id": 3, "type": "comment", "time": 1500000000, "text": "Hooli | SRE | Remote"},
    ]
    path = tmp_path / "hn.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items))
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["hn-2", "hn-3"] and good[0].posted_at == "2017-07-14"
    assert len(bad) == 1 and bad[0].where == f"{path}:1" and "'time'" in bad[0].message


def test_lone_surrogate_in_a_title_is_removed(store, tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "p1", "title": "Go \\ud800 Developer", "description": "Kafka \\udfff and Go"}\n')
    (posting,) = read_file(path)
    assert posting.title == "Go  Developer" and "\udfff" not in posting.description
    report = ingest(store, read_file(path), now=NOW)
    assert report.stored == 1
    assert get_posting(store, "p1")["title"] == "Go  Developer"


def test_a_posting_made_in_code_is_cleaned_before_it_is_stored(store):
    """The pipeline cleans whatever source a posting came from: NUL bytes, surrogates, numbers as text."""
    dirty = Posting(id="p1", title="Go\x00 Dev\ud800", description="Go", company=42)  # type: ignore[arg-type]
    hostile = Posting(id="p2", title="Go", description="Go", url={"href": "x"})  # type: ignore[arg-type]
    report = ingest(store, [dirty, hostile, Posting(id="p3", title="Rust", description="Rust")], now=NOW)
    assert (report.stored, report.failed) == (2, 1) and "'url' must be a string" in report.errors[0]
    row = get_posting(store, "p1")
    assert (row["title"], row["company"]) == ("Go Dev", "42")


# --- a storage error on one posting retries the batch without it -----------------------------------------


def prepared_batch(n, bad_at, **bad):
    postings = [
        Posting(
            id=f"p{i}",
            **{"title": "Backend Engineer", "description": f"Python {i}", **(bad if i == bad_at else {})},
        )
        for i in range(n)
    ]
    return [prepare(p) for p in postings]


def test_one_posting_the_store_refuses_leaves_the_rest_stored(store):
    batch = prepared_batch(21, 7, url={"not": "a url"})
    result = save_batch(store, batch, NOW)
    assert result.stored == 20 and [i for i, _ in result.failed] == ["p7"]
    assert count_postings(store) == 20


def test_jsonld_page_with_one_url_object_stores_the_twenty_good_ones(store, tmp_path):
    postings = [job_posting(i) for i in range(20)]
    postings.insert(11, job_posting(99, url={"@id": "https://jobs.example/99"}))
    path = tmp_path / "page.html"
    path.write_text(jsonld_page(postings))
    report = ingest(store, read_file(path), now=NOW)
    assert (report.stored, report.failed) == (20, 1) and "'url' must be a string" in report.errors[0]


@pytest.mark.postgres
def test_nul_byte_in_a_title_does_not_lose_the_batch_on_postgresql(pg_store):
    postings = [Posting(id=f"p{i}", title="Backend Engineer", description=f"Go {i}") for i in range(20)]
    postings.append(Posting(id="nul", title="Backend\x00 Engineer", description="Go \x00 and Kafka"))
    report = ingest(pg_store, postings, now=NOW)
    assert (report.stored, report.failed) == (21, 0)
    assert get_posting(pg_store, "nul")["title"] == "Backend Engineer"


@pytest.mark.postgres
def test_postgresql_refusing_one_posting_keeps_the_batch(pg_store):
    """Past the cleaning (a record built by hand): PostgreSQL refuses the NUL, the other 20 are stored."""
    batch = prepared_batch(21, 3, title="Go\x00 Engineer")
    result = save_batch(pg_store, batch, NOW)
    assert result.stored == 20 and [i for i, _ in result.failed] == ["p3"]


# --- caps on what one file may hold ------------------------------------------------------------------------


def gzip_of_repeated(path: Path, chunk: bytes, times: int) -> Path:
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    with path.open("wb") as f:
        for _ in range(times):
            f.write(squeeze.compress(chunk))
        f.write(squeeze.flush())
    return path


@pytest.mark.slow
def test_a_gigabyte_gzip_without_newlines_is_too_large_not_empty(tmp_path):
    path = gzip_of_repeated(tmp_path / "bomb.jsonl.gz", b"x" * (1 << 20), 1024)
    assert path.stat().st_size < 2 * 2**20
    with pytest.raises(InputError, match="too large"):
        list(read_file(path))


def test_a_gzip_bomb_of_identical_lines_is_refused_early(tmp_path):
    path = gzip_of_repeated(tmp_path / "same.jsonl.gz", (line(1) + "\n").encode() * 1000, 2000)
    items = read_bytes("same.jsonl.gz", path.read_bytes())
    good, bad = split(items)
    assert len(bad) == 1 and "too large" in bad[0].message and "decompression bomb" in bad[0].message
    assert len(good) < 20_000  # refused within its first MB or two, not after two million lines


def test_lines_per_file_are_capped(tmp_path):
    from rolemap.sources.files import Limits

    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(line(i) for i in range(5000)))
    good, bad = split(read_file(path, limits=Limits(max_lines=1000)))
    assert 500 <= len(good) <= 1000  # the cap counts lines as they are read, a buffer ahead of the postings
    assert len(bad) == 1 and "too large" in bad[0].message and "1,000 lines" in bad[0].message


def test_csv_with_an_unterminated_quote_names_the_line(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('id,title,description\n1,Go,ok\n2,Rust,"never closed\n3,Java,fine\n4,C,fine\n')
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["1"]
    assert len(bad) == 1 and bad[0].where == f"{path}:3" and "never closed" in bad[0].message


def test_csv_with_a_malformed_row_costs_that_row(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('id,title,description\n1,Go,ok\n2,Rust,"quoted"junk\n3,Java,fine\n')
    good, bad = split(read_file(path))
    assert [p.id for p in good] == ["1", "3"] and bad[0].where == f"{path}:3"


def test_extract_on_a_posting_with_a_surrogate_gives_a_record():
    """`rolemap extract` reads postings through the same cleaning: its JSON output can be written."""
    from rolemap.extract.batch import read_object, record_json

    item = read_object({"id": "p1\ud800", "title": "Go \ud800 Dev", "description": "Go"}, "line 1")
    assert isinstance(item, Posting) and item.id == "p1"
    record_json(extract_posting(item).as_dict()).encode("utf-8")
