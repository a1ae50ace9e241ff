"""Start-up cost (issue 20): the command tree and every command's --help are built without the heavy
libraries. A command imports what it uses when it runs; a top-level `import numpy` (or of a library
module that imports it) in rolemap.cli brings the cost of every command back, and fails here.
bench/startup_bench.py measures the times."""

import json
import subprocess
import sys

import pytest

# Libraries a command may use, none of which the command tree needs (scipy comes with datasketch).
HEAVY = (
    "alembic",
    "ahocorasick",
    "dask",
    "datasketch",
    "distributed",
    "docx",
    "duckdb",
    "fastapi",
    "httpx",
    "jinja2",
    "nh3",
    "numpy",
    "pandas",
    "psycopg",
    "pyarrow",
    "pypdf",
    "pyphen",
    "scipy",
    "selectolax",
    "sqlalchemy",
    "starlette",
    "statsmodels",
    "uvicorn",
    "uvloop",
    "yaml",
)

# Runs each argv through rolemap.cli.main (help to a buffer), then prints the top-level modules loaded.
PROBE = """
import contextlib, io, json, sys
{preload}
import rolemap.cli
from typer.main import get_command

def help_argvs(command, path):
    yield [*path, "--help"]
    for name, sub in getattr(command, "commands", {{}}).items():
        yield from help_argvs(sub, [*path, name])

argvs = {argvs} or list(help_argvs(get_command(rolemap.cli.app), []))
for argv in argvs:
    sys.argv = ["rolemap", *argv]
    with contextlib.redirect_stdout(io.StringIO()) as shown:
        try:
            rolemap.cli.main()
        except SystemExit as e:
            assert e.code in (0, None), (argv, e.code)
    assert "Usage" in shown.getvalue(), argv
print(json.dumps({{"argvs": len(argvs), "modules": sorted({{m.split(".")[0] for m in sys.modules}})}}))
"""


def loaded_after(argvs: list[list[str]], preload: str = "") -> tuple[int, set[str]]:
    code = PROBE.format(preload=preload, argvs=json.dumps(argvs))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return found["argvs"], set(found["modules"]) & set(HEAVY)


def test_importing_the_cli_loads_no_heavy_library():
    code = (
        f"import sys, rolemap.cli; print(sorted(set({HEAVY!r}) & {{m.split('.')[0] for m in sys.modules}}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "argv", [["--help"], ["info", "--help"], ["market", "--help"], ["jd", "lint", "--help"]]
)
def test_help_loads_no_heavy_library(argv):
    assert loaded_after([argv]) == (1, set())


def test_no_command_help_loads_a_heavy_library():
    shown, heavy = loaded_after([])
    assert shown > 25 and heavy == set()  # every command and group


def test_the_probe_sees_a_heavy_import():
    """The guard itself: a library imported on the way is found."""
    assert loaded_after([["--help"]], preload="import numpy") == (1, {"numpy"})


@pytest.mark.parametrize("argv", [["info"], ["market"], ["jd", "lint"], ["resume"], ["taxonomy", "check"]])
def test_a_command_alone_reads_as_in_the_whole_app(argv):
    """main() builds only the command it runs (app_for): its help and usage are the whole app's."""
    from typer.testing import CliRunner

    from rolemap.cli import app, app_for

    runner = CliRunner()
    alone = runner.invoke(app_for(argv), [*argv, "--help"], prog_name="rolemap")
    whole = runner.invoke(app, [*argv, "--help"], prog_name="rolemap")
    assert alone.exit_code == whole.exit_code == 0
    assert alone.output == whole.output and "Usage: rolemap " + " ".join(argv) in alone.output


def test_anything_but_a_command_meets_the_whole_app():
    from rolemap.cli import app, app_for

    for argv in ([], ["--help"], ["--version"], ["markt"], ["--db", "x", "info"]):
        assert app_for(argv) is app


def test_info_on_a_current_store_reads_it_without_sqlalchemy(tmp_path):
    db = tmp_path / "s.db"
    made = subprocess.run(
        [sys.executable, "-c", f"from rolemap.store.db import open_store; open_store({str(db)!r})"],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr  # the first open creates and migrates it, the full way
    code = (
        "import sys, contextlib, io, rolemap.cli\n"
        f"sys.argv = ['rolemap', 'info', '--json', '--db', {str(db)!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()) as shown:\n"
        "    try:\n        rolemap.cli.main()\n    except SystemExit as e:\n        assert e.code in (0, None)\n"
        "print(shown.getvalue().replace(chr(10), ' '))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'numpy'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    shown, modules = done.stdout.strip().splitlines()
    assert json.loads(shown)["postings"] == 0 and json.loads(shown)["schema"] and modules == "[]"


def test_market_on_a_cached_store_imports_no_pandas(sample_db):
    """pyarrow converts a column with nulls through its pandas layer, which imports pandas (a fifth of a
    second) when it is installed: the frame reads its columns from their buffers instead."""
    db = sample_db
    code = (
        "import sys, contextlib, io, rolemap.cli\n"
        f"sys.argv = ['rolemap', 'market', '--family', 'all', '--db', {str(db)!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        rolemap.cli.main()\n    except SystemExit as e:\n        assert e.code in (0, None)\n"
        "print('pandas' in sys.modules)"
    )
    for _ in range(2):  # the first builds the frame's cache, the second reads it
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"
