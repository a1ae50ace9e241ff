"""Opening the store: SQLite by default (one file, WAL), PostgreSQL when the URL names one; migrated on open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolemap.errors import StoreError
from rolemap.store.url import ENV_VAR as ENV_VAR
from rolemap.store.url import default_db_path as default_db_path
from rolemap.store.url import resolve_url

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.exc import SQLAlchemyError

# SQLAlchemy is imported by the functions that use it: this module's names (Store, HEAD_REVISION) come
# without it, so a command that finds its market frame cached never imports it (analytics.frame).
# The newest migration in migrations/versions/ (a test keeps the two equal). Knowing it here lets every
# command check the schema with one query, and import Alembic only when there is something to upgrade.
HEAD_REVISION = "0010"
_MIGRATIONS = Path(__file__).parent / "migrations"
_READ_ONLY = "rolemap_read_only"


def sqlite_summary(url: str | None) -> dict[str, object] | None:
    """A SQLite store's URL, schema and posting count read with Python's own sqlite3 module (no SQLAlchemy
    to import: `rolemap info` answers at once); None when the store is not a SQLite file at the newest
    schema, so the caller opens it the full way (creating or upgrading it)."""
    import sqlite3

    from rolemap.analytics.totals import read_totals
    from rolemap.store.url import resolve_url, sqlite_file

    full = resolve_url(url)
    path = sqlite_file(full)
    if path is None or not Path(path).is_file():
        return None
    try:
        con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if not revision or revision[0] != HEAD_REVISION:
            return None
        totals = read_totals(con)
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return {"db": full, "schema": revision[0], **info_counts(totals)}


def info_counts(totals: dict[str, int]) -> dict[str, int]:
    """`rolemap info`'s counts, in the vocabulary of analytics/totals.py ("postings" is the stored count)."""
    return {
        "postings": totals["stored"], "unique": totals["unique"], "near_duplicates": totals["near_duplicates"],
        "reposts": totals.get("reposts", 0), "counted": totals["counted"],
    }  # fmt: skip


@dataclass(frozen=True)
class Store:
    engine: Engine
    url: str

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def describe(self) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    def read(self) -> Connection:
        """A connection for reading. On SQLite its transaction begins deferred: a snapshot that never takes
        or waits for the write lock, so readers (the web server's many) neither queue behind each other nor
        block an ingest. Writes use `engine.begin()`, which takes the lock first."""
        return self.engine.connect().execution_options(**{_READ_ONLY: True})


def open_store(url: str | None = None, migrate: bool = True) -> Store:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError:
        raise StoreError(
            f"{url!r}: not a database URL; use a file path, sqlite:///PATH or postgresql://..."
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"{url}: rolemap stores postings in SQLite or PostgreSQL, not {parsed.get_backend_name()}"
        )
    engine = _engine(resolved, parsed.get_backend_name())
    store = Store(engine, resolved)
    if migrate:
        migrate_store(store)
    return store


def _engine(url: str, backend: str) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    if backend == "sqlite":
        path = make_url(url).database
        if path and path != ":memory:":
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"{path}: cannot create its folder ({e.strerror})") from None
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError:
        raise StoreError("PostgreSQL needs the psycopg driver: pip install 'rolemap[postgres]'") from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE itself: a write transaction then waits for the
    # lock (busy_timeout) instead of failing with SQLITE_BUSY half-way through.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "busy_timeout=5000", "foreign_keys=ON", "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(_READ_ONLY) else "BEGIN IMMEDIATE")


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def migrate_store(store: Store) -> None:
    """Bring the schema to the newest migration; a no-op when it already is."""
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    try:
        if schema_revision(store) == HEAD_REVISION:
            return
        from alembic import command

        with store.engine.begin() as conn:
            config = _alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except OperationalError as e:
        raise StoreError(f"{store.describe()}: cannot open the database ({_reason(e)})") from None
    except SQLAlchemyError as e:
        raise StoreError(f"{store.describe()}: migration failed ({_reason(e)})") from None


def schema_revision(store: Store) -> str | None:
    """The store's migration, from Alembic's own version table (None for an empty database)."""
    from sqlalchemy import inspect, text

    with store.read() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _reason(e: SQLAlchemyError) -> str:
    return str(getattr(e, "orig", e)).strip().splitlines()[0]
