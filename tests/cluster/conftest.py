"""A real Dask cluster for the tests: a scheduler and two single-threaded workers, each its own process,
on loopback; and shards of real HN postings to run it on."""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import SHARED

HN_DUMP = SHARED / "data/hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz"
DASK = Path(sys.executable).with_name("dask")


@dataclass
class Cluster:
    address: str
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    scheduler_file: Path = Path()

    def add_worker(self, name: str) -> subprocess.Popen[bytes]:
        # --no-nanny: the worker is this very process, so killing it kills the worker (a nanny would
        # restart it at once, hiding the loss the tests are about)
        worker = subprocess.Popen(
            [str(DASK), "worker", "--scheduler-file", str(self.scheduler_file), "--nthreads", "1",
             "--no-nanny", "--no-dashboard", "--name", name, "--host", "127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.workers.append(worker)
        self.processes.append(worker)
        return worker

    def wait_for_workers(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout="20s") as client:
            client.wait_for_workers(n, timeout=60)


def start_cluster(folder: Path, workers: int = 2) -> Cluster:
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    scheduler = subprocess.Popen(
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address", "127.0.0.1:0",
         "--scheduler-file", str(scheduler_file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(200):
        if scheduler_file.exists() and scheduler_file.stat().st_size:
            break
        time.sleep(0.1)
    else:
        scheduler.kill()
        pytest.fail("the Dask scheduler did not start in 20 s")
    address = json.loads(scheduler_file.read_text())["address"]
    cluster = Cluster(address, processes=[scheduler], scheduler_file=scheduler_file)
    for i in range(workers):
        cluster.add_worker(f"worker-{i}")
    cluster.wait_for_workers(workers)
    return cluster


def stop_cluster(cluster: Cluster) -> None:
    for process in reversed(cluster.processes):
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    cluster = start_cluster(tmp_path_factory.mktemp("dask"))
    yield cluster
    stop_cluster(cluster)


def write_shards(folder: Path, shards: int, per_shard: int, skip: int = 0) -> list[Path]:
    """`shards` JSONL files of real HN postings, `per_shard` lines each."""
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(HN_DUMP, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, skip, skip + shards * per_shard))
    paths = []
    for i in range(shards):
        path = folder / f"part-{i:03d}.jsonl"
        path.write_text("".join(lines[i * per_shard : (i + 1) * per_shard]), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def new_database(postgres_url: str) -> Iterator[Callable[[], str]]:
    """Makes databases of their own in the test PostgreSQL; all dropped afterwards."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        made.append(name)
        return postgres_url.rsplit("/", 1)[0] + f"/{name}"

    yield make
    with admin.connect() as conn:
        for name in made:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def store_contents(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Everything a load writes except the times it was seen, in a fixed order."""
    engine = create_engine(url)
    queries = {
        "postings": "SELECT id, source, board, title, company, location, url, posted_at, description, text, "
        "fingerprint, duplicate_of, CAST(source_fields AS TEXT) FROM postings ORDER BY id",
        "extractions": "SELECT posting_id, CAST(record AS TEXT), seniority, primary_language, work_model, "
        "employment_type, years_min, salary_min, salary_max, salary_currency, salary_period "
        "FROM extractions ORDER BY posting_id",
        "skills": "SELECT posting_id, skill_id, required FROM posting_skills ORDER BY 1, 2",
        "labels": "SELECT posting_id, field, value, rank FROM posting_labels ORDER BY 1, 2, 3",
    }
    with engine.connect() as conn:
        out = {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in queries.items()}
    engine.dispose()
    return out
