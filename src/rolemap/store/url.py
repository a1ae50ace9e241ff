"""Which database: --db, else $ROLEMAP_DB, else the default SQLite file. Plain strings and paths, no
database library: the command line's help names the default without importing one."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ROLEMAP_DB"


def default_db_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "rolemap" / "rolemap.db"


def resolve_url(url: str | None) -> str:
    """--db, else $ROLEMAP_DB, else the default SQLite file. A bare path means a SQLite file."""
    url = url or os.environ.get(ENV_VAR) or ""
    if not url:
        return f"sqlite:///{default_db_path()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    return url


def sqlite_file(url: str) -> str | None:
    """The file of a `sqlite:///PATH` URL (as resolve_url makes them), None for any other URL and for a
    path with a query or a percent sign (SQLAlchemy would read it otherwise)."""
    path = url.removeprefix("sqlite:///")
    if path == url or not path or path == ":memory:" or any(c in path for c in "?%"):
        return None
    return path


def named_but_absent(url: str | None) -> str | None:
    """The SQLite file --db or $ROLEMAP_DB names when there is no file there (a command that only reads would
    create an empty store and answer for it); None when it exists, for the default file (a first run) and
    for any other database."""
    named = url or os.environ.get(ENV_VAR)
    path = sqlite_file(resolve_url(named)) if named else None
    return path if path is not None and not Path(path).exists() else None
