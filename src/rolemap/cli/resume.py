"""The job seeker commands: `resume read|coach|stories|forget`, `match` and `watch`. A resume is personal
data: it is stored only with --save, removed with `resume forget`, and never printed in an error."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from rolemap.agreement import counted
from rolemap.cli.console import err, out
from rolemap.cli.market import market_frame
from rolemap.cli.options import (
    AsJson,
    City,
    Company,
    Country,
    DbOpt,
    Employment,
    Family,
    Language,
    Location,
    OpenOnly,
    Seniority,
    Since,
    Skill,
    Source,
    SystemType,
    Until,
    WorkModel,
    existing_db,
    lane_filters,
    lane_of,
    role_page_families,
)
from rolemap.errors import InputError

resume_app = typer.Typer(
    help="Read a resume, coach its bullets, find its interview stories.", no_args_is_help=True
)
seeker_app = typer.Typer()
ResumeFile = Annotated[
    Path, typer.Argument(metavar="RESUME", help="PDF, DOCX, Markdown/text or JSON Resume.")
]


def saved_folder() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "rolemap" / "resumes"


def _read(path: Path) -> Any:
    from rolemap.resume.read import read_resume

    return read_resume(path)


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True, default=str))


@resume_app.command("read")
def read_command(
    file: ResumeFile,
    save: Annotated[
        bool, typer.Option("--save", help="Keep the parsed resume (only you can read it).")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """Sections, dated roles, bullets with their skills, and years of use per skill.

    Example: rolemap resume read cv.pdf --json
    """
    from rich.table import Table

    resume = _read(file)
    if save:
        folder = saved_folder()
        target = folder / f"{file.stem}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            # made readable only by you from the start: write_text then chmod left it 0644 for a moment
            with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as saved:
                saved.write(json.dumps(resume.as_dict(), ensure_ascii=False))
            target.chmod(0o600)  # a file saved before keeps its old mode through O_CREAT
        except OSError as e:
            raise InputError(
                f"{folder}: cannot save the resume there ({e.strerror or e}); set $XDG_DATA_HOME to a folder you can write"
            ) from None
        err().print(
            f"saved as '{file.stem}' (remove it with: rolemap resume forget {file.stem})", highlight=False
        )
    if as_json:
        _print_json(resume.as_dict())
        return
    dated = sum(1 for r in resume.roles if r.start)
    years = f"{resume.total_years:.1f} years in dated roles" if dated else "years unknown (no dated role)"
    out().print(
        f"{file.name}: sections {', '.join(resume.sections) or 'none found'}; {len(resume.roles)} roles "
        f"({dated} dated), {len(resume.bullets)} bullets, {years}",
        highlight=False,
    )
    for note in resume.notes:
        out().print(f"note: {note}", markup=False, highlight=False)
    table = Table("skill", "years", show_edge=False)
    for skill, years in sorted(resume.skills.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(skill, f"{years:.1f}")
    out().print(table)


@resume_app.command("forget")
def forget_command(
    name: Annotated[str, typer.Argument(help="The name --save gave (the file's stem).")],
) -> None:
    """Delete a resume saved with --save.

    Example: rolemap resume forget cv
    """
    target = saved_folder() / f"{Path(name).name}.json"
    if not target.exists():
        raise InputError(f"no saved resume named {name!r}")
    target.unlink()
    err().print(f"forgot {name!r}", highlight=False)


@resume_app.command("coach")
def coach_command(file: ResumeFile, as_json: AsJson = False) -> None:
    """Each bullet against the guide's four questions: which service, what you did, which decision, what
    changed. Weak bullets come with what is missing and a shape to rewrite them.

    Example: rolemap resume coach cv.md
    """
    from rolemap.resume.coach import coach

    reviews = coach(_read(file))
    if as_json:
        _print_json({"bullets": [r.as_dict() for r in reviews]})
        return
    for r in reviews:
        colour = {"strong": "green", "ok": "yellow", "weak": "red"}[r.verdict]
        out().print(f"[{colour}]{r.verdict:6}[/] line {r.line}: ", end="", highlight=False)
        out().print(r.text, markup=False, highlight=False)
        if r.missing:
            out().print(f"        missing: {', '.join(r.missing)}", markup=False, highlight=False)
        if r.rewrite:
            out().print(f"        try: {r.rewrite}", markup=False, highlight=False)
        if r.suggestion:
            out().print(f"        {r.suggestion}", markup=False, highlight=False)


@resume_app.command("stories")
def stories_command(file: ResumeFile, as_json: AsJson = False) -> None:
    """The guide's interview themes and the bullets that could carry each story; themes with none.

    Example: rolemap resume stories cv.docx
    """
    from rolemap.resume.coach import stories

    themes, uncovered = stories(_read(file))
    if as_json:
        _print_json({"themes": [t.__dict__ for t in themes], "uncovered": uncovered})
        return
    for t in themes:
        out().print(f"[bold]{t.theme}[/]: {len(t.bullets)} bullet(s)", highlight=False)
        for b in t.bullets[:SHOWN_STORIES]:
            out().print(f"  - {b}", markup=False, highlight=False)
        if len(t.bullets) > SHOWN_STORIES:  # the count above is of them all: say the rest exist
            out().print(f"  … and {len(t.bullets) - SHOWN_STORIES} more (--json for all)", highlight=False)
    if uncovered:
        out().print(f"No story yet for: {', '.join(uncovered)}", highlight=False)


SHOWN_STORIES = 3  # bullets printed under each theme; --json has them all


@seeker_app.command("match")
def match_command(
    resume_file: ResumeFile,
    posting_id: Annotated[str | None, typer.Argument(help="A stored posting's id (leave out with lane filters).")] = None,
    expect: Annotated[float | None, typer.Option(help="Your expected pay, in the posting's currency and period.")] = None,
    want: Annotated[str | None, typer.Option(help="The work model you want: remote, hybrid or onsite.")] = None,
    top: Annotated[int, typer.Option(min=1, max=500, help="Lane: how many postings to rank.")] = 20,
    language: Language = None, seniority: Seniority = None, system_type: SystemType = None,
    work_model: WorkModel = None, employment_type: Employment = None, skill: Skill = None, company: Company = None,
    location: Location = None, source: Source = None, family: Family = None, country: Country = None, city: City = None, since: Since = None, until: Until = None, open_only: OpenOnly = False,
    db: DbOpt = None, as_json: AsJson = False,
) -> None:  # fmt: skip
    """Your resume against a posting (each requirement met, partly or missing, with the line that proves
    it) or against a lane (postings ranked by fit, and the skills to learn next). A lane holds backend
    roles unless --family says otherwise (--family all: every role).

    Example: rolemap match cv.pdf hn-16493838    |    rolemap match cv.pdf --language go --seniority senior
    """
    from rolemap.resume.match import MAX_EXPECTED_PAY, match_lane, match_record, posting_title
    from rolemap.store.db import open_store
    from rolemap.store.repository import get_posting

    if want not in (None, "remote", "hybrid", "onsite"):
        raise InputError(f"--want {want!r}: use remote, hybrid or onsite")
    if expect is not None and not (math.isfinite(expect) and 0 <= expect <= MAX_EXPECTED_PAY):
        raise InputError(
            f"--expect {expect:g}: give your expected pay as a number from 0 to {MAX_EXPECTED_PAY:,.0f}"
        )
    given = [f"--{k.replace('_', '-').removesuffix('-only')}" for k, v in lane_filters(locals()).items() if v]
    if posting_id and (given or top != 20):  # one posting has no lane: a filter would silently do nothing
        named = ", ".join([*given, *(["--top"] if top != 20 else [])])
        raise InputError(
            f"{named}: lane filters rank a lane's postings, not one posting; "
            f"leave out {posting_id!r} to match the lane, or the filters to match the posting"
        )
    family = role_page_families(family)
    resume = _read(resume_file)
    if posting_id:
        row = get_posting(open_store(existing_db(db)), posting_id)
        if row is None:
            raise InputError(f"no posting with id {posting_id!r}")
        fit = match_record(resume, posting_id, posting_title(row), row.get("extraction") or {}, expect, want)
        if as_json:
            _print_json(fit.as_dict())
            return
        for line in fit_lines(fit, out().width):
            out().print(line, markup=False, highlight=False)
        return
    lane = lane_of(**lane_filters(locals()))
    result = match_lane(resume, market_frame(db), lane, top)
    if as_json:
        _print_json(result.as_dict())
        return
    from rolemap.analytics.covers import covers_line

    out().print(
        f"{result.lane}: {covers_line(result.covers) or counted(result.postings, 'posting')}", highlight=False
    )
    for line in lane_lines(result, out().width):
        out().print(line, markup=False, highlight=False)
    if len(result.ranked) < result.postings:
        out().print(
            f"{len(result.ranked)} of {result.postings:,} postings ranked, best first (--top for more)",
            highlight=False,
        )
    out().print(
        "Learn next: " + ", ".join(f"{s} ({share:.0%})" for s, _, share in result.learn_next[:8]),
        highlight=False,
    )


def fit_lines(fit: Any, width: int) -> list[str]:
    """A posting's requirements, then the skills only in their stack, one record each: status, name and
    whether required on one line, the evidence wrapped under it (at most three lines); the summary last.
    Fits any width from 40 columns."""
    import textwrap

    width = max(40, min(width, 120))
    lines = []
    for r in [*fit.requirements, *fit.stack]:
        what = "required" if r.required else "nice-to-have"
        if r.kind == "stack":
            what = "in their stack, not asked for"
        lines.append(f"{r.status:<8} {r.name} ({what})")
        evidence = (f"line {r.line}: " if r.line else "") + r.evidence
        if evidence:
            lines.extend(
                textwrap.wrap(
                    evidence,
                    width,
                    initial_indent=" " * 9,
                    subsequent_indent=" " * 9,
                    max_lines=3,
                    placeholder=" …",
                )
            )
    return [*lines, *textwrap.wrap(fit.summary, width, subsequent_indent="  ")]


def lane_lines(result: Any, width: int) -> list[str]:
    """Ranked postings, one record each: the id whole on its own line, then its counts and its title cut to
    the width."""
    import textwrap

    width = max(40, min(width, 120))
    lines = []
    for f in result.ranked:
        lines.append(f.posting_id)
        counts = f"    {f.required_met}/{f.required_total} required met, {f.required_partly} partly, nice {f.nice_met}/{f.nice_total}"
        room = width - len(counts) - 3
        title = textwrap.shorten(f.title, room, placeholder=" …") if f.title and room >= 10 else ""
        lines.append(counts + (f" · {title}" if title else ""))
    return lines


@seeker_app.command("watch")
def watch_command(
    resume_file: Annotated[Path, typer.Option("--resume", help="Your resume.")],
    since: Annotated[str | None, typer.Option("--since", help="The earlier quarter (2017Q4); default: the complete quarter before --to.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="The later quarter; default: the newest complete quarter.")] = None,
    language: Language = None, seniority: Seniority = None, system_type: SystemType = None,
    work_model: WorkModel = None, employment_type: Employment = None, skill: Skill = None, company: Company = None,
    location: Location = None, source: Source = None, family: Family = None, country: Country = None, city: City = None, open_only: OpenOnly = False,
    db: DbOpt = None, as_json: AsJson = False,
) -> None:  # fmt: skip
    """The guide's reasons to revisit, from the store: skills you lack that rose in your lane, more
    postings at the next level, more remote or contract roles. It names the two quarters compared (default:
    the last two complete ones) and their postings, the alerts (significant rises) and the near-misses
    (rises that did not reach significance, with their figures), and what the lane covers: "412 postings
    from 2013-08 to 2018-04" (--json: "covers").

    Example: rolemap watch --resume cv.md --language go --since 2017Q4 --to 2018Q1
    """
    import datetime as dt

    from rolemap.analytics.covers import covers_line
    from rolemap.resume.watch import watch

    lane = lane_of(**lane_filters(locals()), since=None, until=None)
    found = watch(
        _read(resume_file),
        market_frame(db),
        lane,
        since.upper() if since else None,
        to.upper() if to else None,
        dt.date.today(),
    )
    if as_json:
        _print_json(found.as_dict())
        return
    covered = f"The lane: {covers_line(found.covers)}"
    if found.message:
        out().print(f"{found.message}\n{covered}", highlight=False)
        return
    out().print(
        f"{found.lane}: {found.before} ({counted(found.postings_before, 'posting')}) → {found.after} "
        f"({counted(found.postings_after, 'posting')})\n{covered}",
        highlight=False,
    )
    for note in found.notes:
        out().print(f"note: {note}", highlight=False)
    out().print("Alerts:" if found.alerts else "Alerts: none reached significance", highlight=False)
    for a in found.alerts:
        out().print(f"- {a}", highlight=False)
    out().print(
        "Near-misses (rises that did not reach significance):" if found.near_misses else "Near-misses: none",
        highlight=False,
    )
    for m in found.near_misses:
        out().print(f"- {m}", highlight=False)
