"""The rolemap command line: a thin client of the library. Each command parses its arguments, calls one
library function and formats the result; errors become one line on stderr and exit code 1.

One module a command group: `options` (the shared options), `ingest` (ingest, fetch, extract), `postings`
(list, show, export, info, summary), `taxonomy`, `market` (the market frame's commands), `tracker` (the
saved tracker), `jd`, `resume` (resume …, match, watch), `label` (label, accuracy) and `web` (serve). A command imports the libraries it uses when it runs, so
building the command tree (and `rolemap --help`) imports none of them: tests/test_startup.py keeps it so."""

from __future__ import annotations

import inspect
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from rolemap import __version__
from rolemap.cli.console import err, out
from rolemap.cli.ingest import ingest_app
from rolemap.cli.jd import jd_app
from rolemap.cli.label import label_app
from rolemap.cli.market import market_app
from rolemap.cli.postings import postings_app
from rolemap.cli.resume import resume_app, seeker_app
from rolemap.cli.taxonomy import taxonomy_app
from rolemap.cli.tracker import tracker_app
from rolemap.cli.web import web_app
from rolemap.errors import RolemapError

if TYPE_CHECKING:
    from typer._click.exceptions import UsageError
    from typer.models import CommandInfo

__all__ = ["app", "main"]

# The top-level commands, in the order --help lists them, and the command groups.
COMMANDS = [
    c
    for part in (market_app, seeker_app, web_app, ingest_app, postings_app, label_app)
    for c in part.registered_commands
]
GROUPS = {"tracker": tracker_app, "taxonomy": taxonomy_app, "jd": jd_app, "resume": resume_app}


def _reflowed(help_text: str) -> str:
    """A docstring as help: Typer's rich help keeps its source line breaks (a command list read "top
    skills,\n where"), so each paragraph becomes one line to wrap to the terminal; a paragraph opening
    with \\b keeps its lines, click's convention, and so does an indented one (an example of a file's
    lines: fetch's boards file)."""
    paragraphs = inspect.cleandoc(help_text).split("\n\n")
    return "\n\n".join(p if p.startswith(("\b", " ")) else " ".join(p.splitlines()) for p in paragraphs)


def _reflow_help(commands: list[CommandInfo], groups: list[typer.Typer]) -> None:
    for command in commands:
        command.help = _reflowed(command.help or inspect.getdoc(command.callback) or "")
    for group in groups:
        _reflow_help(group.registered_commands, [])
        if group.registered_callback is not None:
            callback = group.registered_callback
            callback.help = _reflowed(callback.help or inspect.getdoc(callback.callback) or "")
        if isinstance(group.info.help, str):
            group.info.help = _reflowed(group.info.help)


_reflow_help(COMMANDS, list(GROUPS.values()))


def version_callback(value: bool) -> None:
    if value:
        out().print(f"rolemap {__version__}")
        raise typer.Exit()


def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn real job postings into a clear map of the backend job market."""


def make_app(only: str | None = None) -> typer.Typer:
    """The rolemap app; with `only`, the same app holding that one command or group."""
    made = typer.Typer(
        name="rolemap",
        help="Turn real job postings into a clear map of the backend job market.\n\n"
        "Start with: rolemap ingest --sample && rolemap summary",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    made.callback()(main_options)
    made.registered_commands.extend(c for c in COMMANDS if only in (None, c.name))
    for name, group in GROUPS.items():
        if only in (None, name):
            made.add_typer(group, name=name)
    return made


app = make_app()


def app_for(args: list[str]) -> typer.Typer:
    """The app to run `args`: when they start with a command's name, the app of that command alone, whose
    options are all that Typer then builds (building every command's takes 25 ms, a command's 0.3 ms);
    anything else (--help, --version, a misspelt command) meets the whole app."""
    if args and (args[0] in GROUPS or any(c.name == args[0] for c in COMMANDS)):
        return make_app(only=args[0])
    return app


def _is_text(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def main() -> None:
    # numpy's OpenBLAS starts a thread a core when imported, and they spin a while; rolemap multiplies no
    # matrix, so one is enough (for the Dask and web workers started from here too). A set value is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    unreadable = next((a for a in sys.argv[1:] if not _is_text(a)), None)
    if unreadable is not None:  # bytes that are not UTF-8 reach Python as lone surrogates
        shown = unreadable.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        err().print(f"error: argument {shown!r} is not UTF-8 text", markup=False, highlight=False)
        sys.exit(2)
    # typer 0.29 (pinned in pyproject.toml) carries its own copy of click; its usage errors are these
    from typer import Abort
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    try:
        # not standalone: a usage error comes back here to be one line, not Typer's boxed panel of five
        code = app_for(sys.argv[1:])(prog_name="rolemap", standalone_mode=False)
    except NoArgsIsHelpError as e:  # `rolemap`, `rolemap jd`: the help (already printed), exit 2 as before
        if e.format_message().strip():
            out().print(e.format_message(), markup=False, highlight=False, soft_wrap=True)
        sys.exit(2)
    except UsageError as e:
        err().print(f"error: {usage_line(e)}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(e.exit_code)
    except Abort:
        err().print("error: aborted", highlight=False)
        sys.exit(1)
    except RolemapError as e:
        err().print(f"error: {e.message}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err().print("interrupted; every batch stored so far is complete", highlight=False)
        sys.exit(130)
    if isinstance(code, int) and code:  # typer.Exit(code) raised by a command
        sys.exit(code)


def usage_line(e: UsageError) -> str:
    """A usage error as one line that names the argument and where the help is: "Invalid value for
    '--top': Input should be greater than or equal to 1 (rolemap market --help)"."""
    message = " ".join(line.strip() for line in e.format_message().splitlines() if line.strip())
    where = f" ({e.ctx.command_path} --help)" if e.ctx is not None else " (rolemap --help)"
    return message + where
