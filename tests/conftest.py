"""Shared fixtures: a fresh SQLite store per test, and a real PostgreSQL started on loopback once a run."""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from rolemap.store.db import Store, open_store

# Tests assert behaviour, never wall-clock times: hypothesis's default 200 ms deadline failed a fresh clone's run
# when the first example built the phrase automata on a loaded machine (258 ms, 0.02 ms the next time).
settings.register_profile("rolemap", deadline=None)
settings.load_profile("rolemap")

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'rolemap.db'}")


def store_file(path: Path, postings: list[Any], now: datetime) -> str:
    """A SQLite store at `path` holding `postings` ingested at `now`, closed, for a command to open."""
    from rolemap.pipeline import ingest

    store = open_store(str(path))
    ingest(store, postings, now=now)
    store.engine.dispose()
    return str(path)


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder `make` fills once a run, for tests that only read it: under xdist the workers' temporary
    folders share this run's parent, and a lock keeps a second worker waiting for the first one's folder
    rather than making its own (seconds of extraction each)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    root = tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()
    done = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            draft = root / f"{name}-{worker or 'draft'}"
            shutil.rmtree(draft, ignore_errors=True)
            draft.mkdir()
            make(draft)
            draft.rename(done)  # whole or not at all: a failed make leaves no folder to read
    return done


def _ingest_sample(folder: Path) -> None:
    made = subprocess.run(
        [sys.executable, "-m", "rolemap", "ingest", "--sample", "--db", str(folder / "sample.db")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    (folder / "ingest.stderr").write_text(made.stderr)


@pytest.fixture
def sample_db(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A store of the bundled sample (`rolemap ingest --sample`), a copy of its own for each test; the
    ingest's messages are beside it in `ingest.stderr`."""
    made = made_once(tmp_path_factory, "sample-store", _ingest_sample)
    shutil.copyfile(made / "sample.db", tmp_path / "sample.db")
    shutil.copyfile(made / "ingest.stderr", tmp_path / "ingest.stderr")
    return tmp_path / "sample.db"


def _pg_bin() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "pg_ctl").exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on 127.0.0.1 (as the postgres user when run as root)."""
    if os.environ.get("ROLEMAP_TEST_PG"):
        yield os.environ["ROLEMAP_TEST_PG"]
        return
    pg = _pg_bin()
    if pg is None:
        pytest.skip("PostgreSQL is not installed (make test installs Debian's postgresql)")
    data = Path(tempfile.mkdtemp(prefix="rolemap-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    try:
        subprocess.run(
            [*as_user, str(pg / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "rolemap"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *as_user,
                str(pg / "pg_ctl"),
                "-D",
                str(data / "db"),
                "-l",
                str(data / "log"),
                "-w",
                "-o",
                f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
                "start",
            ],
            check=True,
            capture_output=True,
        )
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        shutil.rmtree(data, ignore_errors=True)
        pytest.skip(f"PostgreSQL could not start: {getattr(e, 'stderr', b'')!r}")
    try:
        for _ in range(50):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"postgresql://rolemap@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_user, str(pg / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def pg_store(postgres_url: str) -> Iterator[Store]:
    s = open_store(postgres_url)
    yield s
    with s.engine.begin() as conn:
        conn.exec_driver_sql(
            "DROP TABLE IF EXISTS corrections, tracker, posting_labels, posting_skills, extractions, postings, "
            "alembic_version CASCADE"
        )
    s.engine.dispose()
