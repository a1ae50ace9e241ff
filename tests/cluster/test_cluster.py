"""Extraction and loading on a real Dask cluster (scheduler and two workers, separate processes) into a
real PostgreSQL: the same bytes and rows as one process, and nothing lost or doubled when a worker or the
driver dies mid-run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from rolemap.cli import app
from rolemap.cluster import engine
from rolemap.errors import RolemapError
from tests.cluster.conftest import Cluster, start_cluster, stop_cluster, store_contents, write_shards
from tests.conftest import made_once

runner = CliRunner()
ROLEMAP = [sys.executable, "-m", "rolemap"]
HOSTILE_LINES = (
    b'{"id": "broken", "title": \n'
    b"\x00\xff\xfe binary junk\n"
    b'{"id": "script", "title": "<script>alert(1)</script>Backend engineer", "description": "Go, Kafka"}\n'
    b'{"id": "sql\'; DROP TABLE postings; --", "title": "Python dev", "description": "Django and SQL"}\n'
)


def cli(*args: str) -> tuple[int, str]:
    """Exit code and output, as `rolemap.cli.main` gives them (a RolemapError: its message, exit 1)."""
    result = runner.invoke(app, list(args))
    if isinstance(result.exception, RolemapError):
        return 1, f"error: {result.exception.message}"
    output = result.output + (result.stderr if result.stderr_bytes else "")
    return result.exit_code, " ".join(output.split())  # Rich wraps long lines


def extracted(tmp_path: Path, shards: int = 4, per_shard: int = 150) -> Path:
    write_shards(tmp_path / "shards", shards, per_shard)
    code, output = cli("extract", str(tmp_path / "shards"), "-o", f"{tmp_path / 'records'}/")
    assert code == 0, output
    return tmp_path / "records"


@pytest.fixture(scope="module")
def records_to_interrupt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough records that a load can be caught half-way (only read by the tests: made once a run)."""
    made = made_once(
        tmp_path_factory, "records-to-interrupt", lambda d: extracted(d, shards=8, per_shard=250)
    )
    return made / "records"


def test_dask_extraction_writes_the_same_bytes_as_one_process(tmp_path: Path, dask_cluster: Cluster) -> None:
    shards = write_shards(tmp_path / "shards", 4, 150)
    (tmp_path / "shards" / "part-hostile.jsonl").write_bytes(HOSTILE_LINES)
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    code, _ = cli("extract", str(tmp_path / "shards"), "-o", f"{local}/")
    assert code == 1  # the hostile shard's two unreadable lines
    code, output = cli(
        "extract",
        "--engine",
        "dask",
        "--scheduler",
        dask_cluster.address,
        str(tmp_path / "shards"),
        "-o",
        f"{on_dask}/",
    )
    assert code == 1, output
    assert "2 line(s) or shard(s) not read" in output
    names = sorted(p.name for p in local.iterdir())
    assert names == sorted(p.name for p in on_dask.iterdir()) and len(names) == 5
    for name in names:
        assert (local / name).read_bytes() == (on_dask / name).read_bytes(), name
    # …and the records are the lines `rolemap extract INPUT -o OUT.jsonl` writes
    code, _ = cli("extract", str(shards[2]), "-o", str(tmp_path / "one.jsonl"))
    assert code == 0
    records = pq.read_table(on_dask / "part-002.parquet", columns=["record"]).column("record").to_pylist()
    assert records == (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()
    hostile = pq.read_table(on_dask / "part-hostile.parquet").to_pylist()
    assert [r["id"] for r in hostile] == [None, None, "script", "sql'; DROP TABLE postings; --"]
    assert (
        hostile[0]["error"].endswith("not valid JSON (Expecting value at column 26)") or hostile[0]["error"]
    )


def test_without_a_scheduler_a_local_cluster_is_started(tmp_path: Path) -> None:
    write_shards(tmp_path / "shards", 2, 50)
    code, output = cli(
        "extract", "--engine", "dask", "--workers", "2", str(tmp_path / "shards"), "-o", str(tmp_path / "out")
    )
    assert code == 0, output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["part-000.parquet", "part-001.parquet"]


def test_dask_load_into_postgresql_equals_the_local_load(
    tmp_path: Path, dask_cluster: Cluster, new_database: Callable[[], str]
) -> None:
    records = extracted(tmp_path)
    reference, parallel = new_database(), new_database()
    assert cli("ingest", "--db", reference, str(records))[0] == 0
    code, output = cli(
        "ingest", "--engine", "dask", "--scheduler", dask_cluster.address, "--db", parallel, str(records)
    )
    assert code == 0, output
    assert "read 600" in output
    assert store_contents(parallel) == store_contents(reference)
    code, output = cli(
        "ingest", "--engine", "dask", "--scheduler", dask_cluster.address, "--db", parallel, str(records)
    )
    assert code == 0 and "stored 0, updated 600" in output  # a second run duplicates nothing
    assert store_contents(parallel) == store_contents(reference)


def _count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM postings")).scalar_one())
    except Exception:  # the tables are not made yet
        return 0
    finally:
        engine.dispose()


def _start_ingest(address: str, url: str, records: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*ROLEMAP, "ingest", "--engine", "dask", "--scheduler", address, "--db", url, str(records)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip


def _when_loading(url: str, total: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = _count(url)
        if 0 < n < total:
            return n
        assert n < total, "the load finished before it could be interrupted; give it more postings"
        time.sleep(0.05)
    pytest.fail("the load did not start")


def test_a_worker_killed_mid_load_loses_and_doubles_nothing(
    tmp_path: Path, new_database: Callable[[], str], records_to_interrupt: Path
) -> None:
    records = records_to_interrupt
    reference, parallel = new_database(), new_database()
    assert cli("ingest", "--db", reference, str(records))[0] == 0
    cluster = start_cluster(tmp_path / "cluster")
    try:
        load = _start_ingest(cluster.address, parallel, records)
        _when_loading(parallel, 2000)
        cluster.workers[0].send_signal(signal.SIGKILL)  # its running and queued shards go to the other worker
        _, err = load.communicate(timeout=300)
        assert load.returncode == 0, err.decode()
        assert b"read 2000" in err
        assert store_contents(parallel) == store_contents(reference)
    finally:
        stop_cluster(cluster)


def test_a_load_killed_mid_run_is_run_again_to_the_same_rows(
    dask_cluster: Cluster, new_database: Callable[[], str], records_to_interrupt: Path
) -> None:
    records = records_to_interrupt
    reference, parallel = new_database(), new_database()
    assert cli("ingest", "--db", reference, str(records))[0] == 0
    load = _start_ingest(dask_cluster.address, parallel, records)
    _when_loading(parallel, 2000)
    load.send_signal(signal.SIGKILL)  # the driver dies; batches in flight on the workers may still land
    load.communicate(timeout=30)
    rerun = _start_ingest(dask_cluster.address, parallel, records)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert store_contents(parallel) == store_contents(reference)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "spark"], "--engine 'spark': use one of local, dask"),
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"], "cannot reach a Dask scheduler there"),
    ],
)
def test_bad_engine_arguments_are_one_line_errors(
    tmp_path: Path, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # nothing listens on port 1, so the client only retries until its timeout: a second says the same
    monkeypatch.setattr(engine, "CONNECT_SECONDS", 1)
    write_shards(tmp_path / "shards", 1, 5)
    code, output = cli("extract", *args, str(tmp_path / "shards"), "-o", f"{tmp_path / 'out'}/")
    assert code == 1
    assert message in output


def test_hostile_shards_and_outputs(tmp_path: Path) -> None:
    (tmp_path / "junk.parquet").write_bytes(b"PAR1 not really\x00\xff")
    (tmp_path / "ok.jsonl").write_text('{"id": "a", "title": "Go developer", "description": "Go"}\n')
    code, output = cli(
        "extract", str(tmp_path / "junk.parquet"), str(tmp_path / "ok.jsonl"), "-o", f"{tmp_path / 'out'}/"
    )
    assert code == 1
    assert "junk.parquet: not a readable Parquet file" in output
    assert (tmp_path / "out" / "ok.parquet").exists() and not (tmp_path / "out" / "junk.parquet").exists()
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]  # no draft left behind
    (tmp_path / "afile").write_text("x")
    code, output = cli("extract", str(tmp_path / "ok.jsonl"), "-o", f"{tmp_path / 'afile'}/")
    assert code == 1 and "afile" in output
    code, output = cli("extract", str(tmp_path / "ok.jsonl"), str(tmp_path / "ok.jsonl"), "-o", "-")
    assert code == 1 and "give one INPUT" in output
    (tmp_path / "ok.csv").write_text("id,title\n1,x\n")
    code, output = cli("extract", str(tmp_path / "ok.csv"), "-o", f"{tmp_path / 'out'}/")
    assert code == 1 and "a shard is .jsonl, .jsonl.gz or .parquet" in output


def test_ingest_refuses_what_it_cannot_load_in_parallel(tmp_path: Path) -> None:
    records = extracted(tmp_path, shards=1, per_shard=5)
    code, output = cli("ingest", "--engine", "dask", "--db", str(tmp_path / "x.db"), str(records))
    assert code == 1 and "--engine dask loads into PostgreSQL" in output
    code, output = cli("ingest", "--engine", "dask", str(tmp_path / "shards" / "part-000.jsonl"))
    assert code == 1 and "make them first with" in output
    (tmp_path / "other.parquet").write_bytes(pq_bytes())
    code, output = cli("ingest", "--db", str(tmp_path / "x.db"), str(tmp_path / "other.parquet"))
    assert code == 1 and "not extraction output" in output


def pq_bytes() -> bytes:
    import io

    import pyarrow as pa

    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": ["1"], "title": ["x"]}), buffer)
    return buffer.getvalue()


def test_ingest_of_local_records_is_idempotent_on_sqlite(tmp_path: Path) -> None:
    records = extracted(tmp_path, shards=2, per_shard=100)
    db = str(tmp_path / "x.db")
    code, output = cli("ingest", "--db", db, str(records))
    assert code == 0 and "read 200" in output
    first = store_contents(f"sqlite:///{db}")
    code, output = cli("ingest", "--db", db, str(records))
    assert code == 0 and "stored 0, updated 200" in output
    assert store_contents(f"sqlite:///{db}") == first
