"""How tests run the command line: `run` starts the installed `rolemap` in a process of its own (exit codes,
standard streams, start-up cost as a user meets them); `cli` and `ok` run it in this process through Typer's
runner, which is faster for tests that only read the output."""

from __future__ import annotations

import subprocess
import sys

from click.testing import Result
from typer.testing import CliRunner

from rolemap.cli import app_for
from rolemap.cli.console import out

ROLEMAP = [sys.executable, "-m", "rolemap"]


def run(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ROLEMAP, *map(str, args)], capture_output=True, text=True, input=stdin, timeout=120
    )


def cli(*args: object, columns: int = 80) -> Result:
    """One command through Typer's runner at a terminal `columns` wide (the console reads COLUMNS when
    made, so it is made again)."""
    out.cache_clear()
    argv = [str(a) for a in args]
    result = CliRunner().invoke(app_for(argv), argv, env={"COLUMNS": str(columns)}, prog_name="rolemap")
    out.cache_clear()
    return result


def ok(*args: object, columns: int = 80) -> str:
    result = cli(*args, columns=columns)
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output
