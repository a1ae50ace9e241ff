"""Hostile arguments a new user's walk tried (session 10): each is one line of error naming the argument and
what is wrong, with a non-zero exit, and the store is untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import cli, run


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("walk") / "walk.db"
    src = path.with_name("p.jsonl")
    src.write_text(
        json.dumps(
            {
                "id": "j1",
                "title": "Senior Go Engineer",
                "description": "Remote. Go, Kafka.",
                "posted_at": "2018-01-01",
            }
        )
        + "\n"
    )
    assert run("ingest", src, "--db", path).returncode == 0
    return str(path)


@pytest.mark.parametrize("command", ["market", "list", "pay", "profile", "trends"])
@pytest.mark.parametrize(
    ("option", "value"),
    [("--skill", "'; DROP TABLE postings;--"), ("--skill", "kubernetess"), ("--language", "klingon")],
)
def test_a_word_the_taxonomy_does_not_know_is_one_line_of_error(db, command, option, value):
    r = run(command, option, value, "--db", db)
    assert r.returncode == 1
    assert r.stderr.strip().lower().splitlines() == [  # the options fold case before the lane reads them
        f"error: {option} {value.lower()!r}: not a {option.removeprefix('--')} the taxonomy knows; "
        "`rolemap taxonomy search word` finds one"
    ]
    assert "j1" in run("list", "--db", db).stdout  # the table is still there


def test_an_alias_still_reads_as_its_skill(db):
    r = run("list", "--language", "golang", "--db", db, "--json")
    assert r.returncode == 0 and [row["id"] for row in json.loads(r.stdout)["rows"]] == ["j1"]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["market", "--top", "-1"],
            "error: Invalid value for '--top': Input should be greater than or equal to 1",
        ),
        (["list", "--limit", "abc"], "error: Invalid value for '--limit': Input should be a valid integer"),
        (["market", "--nosuch"], "error: No such option: --nosuch"),
        (["resume", "read"], "error: Missing argument 'RESUME'."),
        (["nosuch"], "error: No such command 'nosuch'."),
    ],
)
def test_a_usage_error_is_one_line_naming_the_argument_and_the_help(db, args, line):
    """Typer's boxed panel (usage, a 'Try' line, a box around the message) was five lines or more."""
    r = run(*args, *(["--db", db] if args[0] in ("market", "list") else []))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(line), r.stderr
    assert lines[0].endswith("--help)")


def test_no_arguments_still_print_the_help_with_exit_2():
    r = run()
    assert r.returncode == 2 and "Usage: rolemap" in r.stdout and r.stderr == ""


def test_an_exit_code_a_command_chose_still_reaches_the_shell(db, tmp_path):
    """ingest ends with typer.Exit(1) when a line failed: the code comes back through main()."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    r = run("ingest", bad, "--db", db)
    assert r.returncode == 1 and "failed 1" in r.stderr
    assert run("info", "--db", db).returncode == 0


def _commands():
    from typer.main import get_command

    from rolemap.cli import app

    def walk(command, path):
        subcommands = getattr(command, "commands", {})
        if not subcommands or getattr(command, "callback", None):
            yield path, command
        for name, sub in subcommands.items():
            yield from walk(sub, [*path, name])

    return list(walk(get_command(app), []))


def test_every_option_of_every_command_says_what_it_is():
    """`rolemap summary --help` showed `--top [default: 10]` and nothing else."""
    bare = [
        f"rolemap {' '.join(path)} {param.opts[0]}"
        for path, command in _commands()
        for param in command.params
        if getattr(param, "help", None) in (None, "") and param.param_type_name == "option"
    ]
    assert bare == []


def test_a_paragraph_of_help_is_one_line_to_wrap_not_the_source_lines():
    """Typer's rich help kept a docstring's line breaks: `rolemap --help` listed "market … top skills,"
    and then "where, and the role mix" on a line of its own, and so on down the list."""
    broken = [
        " ".join(path)
        for path, command in _commands()
        for paragraph in (command.help or "").split("\n\n")
        if "\n" in paragraph and not paragraph.startswith(("\b", " "))
    ]
    assert broken == []
    fetch = cli("fetch", "--help", columns=100).output  # an indented example keeps its lines
    assert any(line.strip() == "lever:netflix" for line in fetch.splitlines())
    listed = cli("--help", columns=300).output
    market = next(line for line in listed.splitlines() if line.lstrip("│ ").startswith("market "))
    assert "top skills, where, and the role mix" in market


def test_every_db_option_says_where_the_store_is_without_it():
    """Half the commands said '(default: $ROLEMAP_DB)' and stopped: not where the store is without it."""
    helps = {
        " ".join(path): param.help
        for path, command in _commands()
        for param in command.params
        if param.name == "db"
    }
    assert helps and all("else" in text for text in helps.values()), helps


def test_an_empty_profile_table_says_none(db):
    """`profile` printed an empty Nice-to-have table: its header row and nothing under it."""
    r = run("profile", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "Nice-to-have: none asked by at least 30% of the lane" in r.stdout


def test_a_table_title_is_one_line_not_wrapped_to_the_narrow_table(db):
    r = run("market", "--db", db, "--family", "all")
    assert "Role mix (every family, under the lane's other filters)" in r.stdout


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["--since", "2014Q5"],
            "error: period '2014Q5' is not a quarter: write a quarter as 2017Q1",
        ),
        (
            ["--since", "2014-01"],
            "error: period '2014-01' is not a quarter: write a quarter as 2017Q1",
        ),
        (
            ["--every", "month", "--since", "2014Q1"],
            "error: period '2014Q1' is not a month: write a month as 2017-03",
        ),
        (
            ["--since", "2099Q1"],
            "error: period '2099Q1' is not in the data (2018Q1 to 2018Q1, every quarter)",
        ),
    ],
)
def test_changes_tells_a_malformed_period_from_one_outside_the_data(db, args, line):
    """`changes --since 2014Q5` said the period 'is not in the data', as if a fifth quarter could be."""
    r = run("changes", *args, "--db", db)
    assert r.returncode == 1 and r.stderr.strip().splitlines() == [line]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--since", "2099-13-01"], "error: --since '2099-13-01': not a period; use 2017, 2017Q1 or 2017-03"),
        (["--until", "2017-13"], "error: --until '2017-13': month 13 does not exist"),
        (
            ["--since", "1066"],
            "error: --since '1066': year 1066 is out of range; use a year between 1900 and 2999",
        ),
    ],
)
def test_a_bad_period_names_its_option(db, args, line):
    r = run("market", *args, "--db", db)
    assert r.returncode == 1 and r.stderr.strip().splitlines() == [line]


def test_trends_name_the_periods_a_table_leaves_out(tmp_path):
    """`trends --since 2015` showed 12 of 14 quarters and said "--since … for all" to a user who had given
    --since: it now names the ones left out."""
    db = str(tmp_path / "t.db")
    src = tmp_path / "p.jsonl"
    src.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"q{i}",
                    "title": "Go Engineer",
                    "description": f"Go and Kafka {i}.",
                    "posted_at": f"{2014 + i // 4}-{3 * (i % 4) + 1:02d}-01",
                }
            )
            + "\n"
            for i in range(14)
        )
    )
    assert run("ingest", src, "--db", db).returncode == 0
    r = run("trends", "--db", db, "--family", "all")
    assert "the newest 12 of 14 periods shown (2014Q3 to 2017Q2; 2014Q1 to 2014Q2 left out)" in r.stdout, (
        r.stdout
    )


def test_summary_levels_add_up_to_every_posting(db):
    """The level table's shares are of every posting: without a row for those that state no level, its
    shares summed to 20% on the sample and read as shares of the levelled postings."""
    r = run("summary", "--db", db)
    rows = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in r.stdout.split("└")[0].splitlines()  # the first table: levels
        if line.count("│") == 4
    }
    summary = json.loads(run("summary", "--db", db, "--json").stdout)
    assert (
        "not stated" in rows and sum(int(n.replace(",", "")) for n in rows.values()) == summary["postings"]
    ), rows


@pytest.mark.parametrize("command", ["market", "profile"])
def test_an_empty_store_is_not_a_lane_to_widen(tmp_path, command):
    """Market on an empty store said "no postings match: widen the filters"."""
    from rolemap.store.db import open_store

    open_store(str(tmp_path / "empty.db"))
    r = run(command, "--db", tmp_path / "empty.db")
    assert r.returncode == 0
    assert "the store holds no postings yet: run `rolemap ingest --sample`" in r.stdout, r.stdout


@pytest.mark.parametrize(
    "command",
    [
        "market",
        "profile",
        "pay",
        "trends",
        "summary",
        "info",
        "list",
        "near-dups",
        "show x",
        "tracker",
        "label list",
        "accuracy",
    ],
)
def test_a_command_that_reads_a_store_that_is_not_there_says_so_and_makes_none(tmp_path, command):
    """A mistyped --db had made an empty store (and its market cache) and answered for it, exit 0."""
    typo = tmp_path / "typo.db"
    r = run(*command.split(), "--db", typo)
    assert r.returncode == 1 and r.stderr.strip().splitlines() == [
        f"error: --db {typo}: no store there; `rolemap ingest --db {typo} FILE` makes one"
    ]
    assert list(tmp_path.iterdir()) == []


def test_serve_on_a_port_in_use_is_one_line_before_any_banner(db):
    """It printed "rolemap serving … at http://127.0.0.1:8765/", then uvicorn's bind error, exit 3."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = run("serve", "--db", db, "--port", port)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        f"error: --host 127.0.0.1 --port {port}: cannot listen there (Address already in use); "
        "pass another --port (0: any free one)"
    ]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_to_a_folder_that_is_not_there_is_one_line(db, tmp_path, fmt):
    """It was a traceback ending in FileNotFoundError."""
    target = tmp_path / "no" / f"x.{fmt}"
    r = run("export", "--format", fmt, "-o", target, "--db", db)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {target}: cannot write the export ("), r.stderr


def test_resume_save_where_nothing_can_be_written_is_one_line(tmp_path):
    import os
    import subprocess
    import sys

    blocked = tmp_path / "file"
    blocked.write_text("")  # a file where the data folder should be
    r = subprocess.run(
        [sys.executable, "-m", "rolemap", "resume", "read", "docs/examples/cv.md", "--save"],
        capture_output=True, text=True, env={**os.environ, "XDG_DATA_HOME": str(blocked)}, timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot save the resume there" in lines[0], r.stderr


def test_a_saved_resume_is_never_readable_by_others(tmp_path):
    import os
    import stat
    import subprocess
    import sys

    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    saved = tmp_path / "rolemap" / "resumes" / "cv.json"
    saved.parent.mkdir(parents=True)
    saved.write_text("{}")
    saved.chmod(0o644)  # saved by an older rolemap
    cv = Path(__file__).resolve().parents[1] / "docs/examples/cv.md"
    subprocess.run(
        [sys.executable, "-m", "rolemap", "resume", "read", cv, "--save"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_one_label_is_one_labelled_posting(tmp_path, db):
    """'exported 1 labelled postings', '1 labelled postings scored'."""
    copy = tmp_path / "l.db"
    copy.write_bytes(Path(db).read_bytes())
    assert run("label", "j1", "seniority=staff", "--db", copy).returncode == 0
    assert "exported 1 labelled posting\n" in run("label", "export", "--db", copy).stderr
    assert "1 labelled posting scored" in run("accuracy", "--db", copy).stdout


def test_taxonomy_check_and_stats_give_the_same_alias_count():
    """check said '11862 aliases', stats 'aliases 10,265, guarded aliases 1,597'."""
    check = run("taxonomy", "check").stdout.splitlines()[0]
    stats = dict(
        part.rsplit(" ", 1)
        for part in run("taxonomy", "stats").stdout.splitlines()[0].split(": ", 1)[1].split(", ")
    )
    assert (
        f"{stats['skills']} skills, {stats['aliases']} aliases and {stats['guarded aliases']} guarded aliases"
        in check
    )


def test_every_command_teaches_by_an_example():
    """show, export, info, summary and resume forget had none; profile's gave an empty answer on the sample."""
    from typer.testing import CliRunner

    from rolemap.cli import app

    runner = CliRunner()
    bare = []
    for path, _ in _commands():
        if not path:
            continue
        text = runner.invoke(app, [*path, "--help"], prog_name="rolemap", terminal_width=200).output
        if text.count("rolemap " + " ".join(path)) < 2:  # its usage line, then an example of it
            bare.append(" ".join(path))
    assert bare == []
