"""The market commands: market, pay, profile, trends, changes, report and near-dups. Each takes the
same lane filters (rolemap.cli.options), builds (or reuses) the market frame of the store and prints a
table, JSON or CSV."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rolemap.agreement import agree, counted
from rolemap.analytics.near_dups import DEFAULT_THRESHOLD
from rolemap.cli.console import err, out
from rolemap.cli.options import (
    AsCsv,
    AsJson,
    City,
    Company,
    Country,
    Currency,
    DbOpt,
    Employment,
    Family,
    Language,
    Location,
    OpenOnly,
    RatesFile,
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

if TYPE_CHECKING:
    from rolemap.analytics.frame import MarketFrame

market_app = typer.Typer()

SkillsLevel = Annotated[
    str,
    typer.Option(
        "--skills-level",
        help="Top skills as postings name them (named) or rolled up to their parent (parent: rhel, centos → linux).",
    ),
]


def market_frame(db: str | None) -> MarketFrame:
    from rolemap.analytics.frame import cached_sqlite_frame, load_frame
    from rolemap.store.url import resolve_url, sqlite_file

    database = sqlite_file(resolve_url(existing_db(db)))
    if database is not None and (cached := cached_sqlite_frame(database)) is not None:
        return cached  # an unchanged SQLite store: its cache, checked without opening the store
    from rolemap.store.db import open_store

    store = open_store(db)
    status = err().status("reading the store into the market view…") if err().is_terminal else nullcontext()
    with status:
        return load_frame(store)


def _emit(as_json: bool, as_csv: bool, data: Any, csv_text: Any, table: Any) -> None:
    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    if as_json:
        print(json.dumps(data, default=str, indent=1))
    elif as_csv:
        print(csv_text(), end="")
    else:
        out().print(table())


@market_app.command("market")
def market_command(
    language: Language = None, seniority: Seniority = None, system_type: SystemType = None,
    work_model: WorkModel = None, employment_type: Employment = None, skill: Skill = None, company: Company = None,
    location: Location = None, source: Source = None, family: Family = None, country: Country = None, city: City = None, since: Since = None, until: Until = None, open_only: OpenOnly = False,
    top: Annotated[int, typer.Option(min=1, max=200, help="How many skills, languages and companies to list.")] = 15,
    skills_level: SkillsLevel = "named",
    currency: Currency = "USD", rates: RatesFile = None,
    dataset: Annotated[
        Path | None, typer.Option("--dataset", help="Compute over the Parquet shards of `rolemap extract -o FOLDER/` (DuckDB) instead of the store.", show_default=False)
    ] = None,
    db: DbOpt = None, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:  # fmt: skip
    """The role page of a lane: open positions, companies hiring, levels, work model, salary, top skills,
    where, and the role mix. It opens on backend roles; --family all counts every role.

    Example: rolemap market --language go --seniority senior,staff --since 2017

    With --dataset FOLDER/ the same figures come from a Parquet dataset of any size, scanned where it lies.
    """
    from rolemap.analytics import market as market_lib
    from rolemap.analytics.pay import load_rates, pay_scale
    from rolemap.analytics.skill_levels import check_skill_level
    from rolemap.present import market_view as view

    family = role_page_families(family)
    lane = lane_of(**lane_filters(locals()))
    check_skill_level(skills_level)
    if dataset is not None:
        from rolemap.analytics.dataset import dataset_market

        if skills_level != "named":
            raise InputError("--skills-level parent: not with --dataset yet; drop one of them")
        if not dataset.is_dir():
            raise InputError(f"--dataset {dataset}: not a folder; name the -o FOLDER/ of rolemap extract")
        m = dataset_market(dataset, lane, top, currency, load_rates(rates))
        _emit(as_json, as_csv, m.as_dict(), lambda: view.market_csv(m), lambda: view.market_view(m))
        return
    frame = market_frame(db)
    m = market_lib.market(frame, lane, top, pay_scale(frame, currency, load_rates(rates)), skills_level)
    _emit(as_json, as_csv, m.as_dict(), lambda: view.market_csv(m), lambda: view.market_view(m))


@market_app.command("pay")
def pay_command(
    by: Annotated[str, typer.Option(help="level (or seniority), system_type, work_model, language, scope, employment_type, family, country or city.")] = "seniority",
    language: Language = None, seniority: Seniority = None, system_type: SystemType = None,
    work_model: WorkModel = None, employment_type: Employment = None, skill: Skill = None, company: Company = None,
    location: Location = None, source: Source = None, family: Family = None, country: Country = None, city: City = None, since: Since = None, until: Until = None, open_only: OpenOnly = False,
    min_cell: Annotated[int, typer.Option(min=1, help="Cells with fewer salaries are marked too few.")] = 5,
    currency: Currency = "USD", rates: RatesFile = None,
    db: DbOpt = None, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:  # fmt: skip
    """Pay compared by level, system type, work model, language or scope (on-call, migration, people
    management…), every salary yearly in one currency, each cell with its count, how many salaries a
    board states in its own fields and how many the text gives, and its premium over the lane's baseline
    at the same level and in the same country (a regression on log pay, with its 95% interval and n). A
    lane holds backend roles unless --family says otherwise (all: every role), as on the web's /pay;
    --by family compares every family.

    Example: rolemap pay --language python --by scope
    """
    from rolemap.analytics import market as market_lib
    from rolemap.analytics.pay import load_rates, pay_scale
    from rolemap.present import market_view as view

    by = market_lib.pay_dimension(by)  # level and seniority are one grouping, as on the web page
    family = (family or ["all"]) if by == "family" else role_page_families(family)  # by family: every one
    lane = lane_of(**lane_filters(locals()))
    frame = market_frame(db)
    p = market_lib.pay_by(frame, lane, by, pay_scale(frame, currency, load_rates(rates)), min_cell)
    _emit(as_json, as_csv, p.as_dict(), lambda: view.pay_by_csv(p), lambda: view.pay_by_view(p))


@market_app.command("profile")
def profile_command(
    min_share: Annotated[float, typer.Option(min=0.0, max=1.0, help="Least share of the lane's postings.")] = 0.3,
    language: Language = None, seniority: Seniority = None, system_type: SystemType = None,
    work_model: WorkModel = None, employment_type: Employment = None, skill: Skill = None, company: Company = None,
    location: Location = None, source: Source = None, family: Family = None, country: Country = None, city: City = None, since: Since = None, until: Until = None, open_only: OpenOnly = False,
    db: DbOpt = None, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:  # fmt: skip
    """The target profile of a lane: the skills most of its postings ask for, must-have and nice-to-have,
    and the three repeated skills to build evidence for. A lane holds backend roles unless --family says
    otherwise (all: every role), as on the web's /profile.

    Example: rolemap profile --language python --system-type data --min-share 0.25
    """
    from rolemap.analytics import market as market_lib
    from rolemap.present import market_view as view

    family = role_page_families(family)
    lane = lane_of(**lane_filters(locals()))
    p = market_lib.profile(market_frame(db), lane, min_share)
    _emit(as_json, as_csv, p.as_dict(), lambda: view.profile_csv(p), lambda: view.profile_view(p))


@market_app.command("trends")
def trends_command(
    every: Annotated[str, typer.Option(help="quarter or month.")] = "quarter",
    top: Annotated[int, typer.Option(min=1, max=50, help="Values shown per dimension.")] = 8,
    language: Language = None, seniority: Seniority = None, system_type: SystemType = None,
    work_model: WorkModel = None, employment_type: Employment = None, skill: Skill = None, company: Company = None,
    location: Location = None, source: Source = None, family: Family = None, country: Country = None, city: City = None, since: Since = None, until: Until = None, open_only: OpenOnly = False,
    db: DbOpt = None, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:  # fmt: skip
    """Each language, skill, level, system type and work model: its share of postings per period, exactly
    the periods inside --since/--until; a period without postings is a gap, a partial period is marked.

    Example: rolemap trends --every quarter --since 2015
    """
    from rolemap.analytics import trends as trends_lib
    from rolemap.present import market_view as view

    lane = lane_of(**lane_filters(locals()))
    t = trends_lib.trends(market_frame(db), lane, every, top)
    _emit(as_json, as_csv, t.as_dict(), lambda: view.trends_csv(t), lambda: view.trends_view(t))


@market_app.command("changes")
def changes_command(
    since: Annotated[str | None, typer.Option("--since", help="The earlier period: 2017Q1 (or 2017-03 with --every month); default: the complete period before --to.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="The later period (default: the newest complete period).")] = None,
    every: Annotated[str, typer.Option(help="quarter or month.")] = "quarter",
    alpha: Annotated[float, typer.Option(min=0.0001, max=0.5, help="False-discovery rate.")] = 0.05,
    language: Language = None, seniority: Seniority = None, system_type: SystemType = None,
    work_model: WorkModel = None, employment_type: Employment = None, skill: Skill = None, company: Company = None,
    location: Location = None, source: Source = None, family: Family = None, country: Country = None, city: City = None, open_only: OpenOnly = False,
    db: DbOpt = None, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:  # fmt: skip
    """What rose or fell between two periods (default: the last two complete quarters), each with its
    counts, tested where a test means something (z-test, Fisher's exact test on small counts) with a
    Benjamini-Hochberg false-discovery rate; partial periods and known source artefacts are said.

    Example: rolemap changes --since 2014Q1 --to 2018Q1
    """
    from rolemap.analytics import trends as trends_lib
    from rolemap.present import market_view as view

    filters = lane_filters(locals())
    lane = lane_of(**filters, since=None, until=None)
    c = trends_lib.changes(
        market_frame(db), lane, since.upper() if since else None, to.upper() if to else None, every, alpha
    )
    _emit(as_json, as_csv, c.as_dict(), lambda: view.changes_csv(c), lambda: view.changes_view(c))


@market_app.command("report")
def report_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write (report.html, report.md).")],
    format: Annotated[str | None, typer.Option("--format", help="html or md (default: from the file name).")] = None,
    every: Annotated[str, typer.Option(help="Trend periods: quarter or month.")] = "quarter",
    skills_level: SkillsLevel = "named",
    language: Language = None, seniority: Seniority = None, system_type: SystemType = None,
    work_model: WorkModel = None, employment_type: Employment = None, skill: Skill = None, company: Company = None,
    location: Location = None, source: Source = None, family: Family = None, country: Country = None, city: City = None, since: Since = None, until: Until = None, open_only: OpenOnly = False,
    currency: Currency = "USD", rates: RatesFile = None, db: DbOpt = None,
) -> None:  # fmt: skip
    """One self-contained page for a lane: headline figures and charts (levels, pay by level, top skills,
    trends, work model), each chart beside its numbers, where, and the role mix. Opens without a network.
    Like `rolemap market` it is the backend role page unless --family says otherwise (all: every role).

    Example: rolemap report --language go -o go.html
    """
    from rolemap.analytics.pay import load_rates, pay_scale
    from rolemap.analytics.skill_levels import check_skill_level
    from rolemap.present.report import gather, render_html, render_markdown

    kind = (format or output.suffix.lstrip(".") or "html").lower()
    if kind not in ("html", "md"):
        raise InputError(f"--format {kind!r}: use html or md")
    check_skill_level(skills_level)
    family = role_page_families(family)
    lane = lane_of(**lane_filters(locals()))
    frame = market_frame(db)
    data = gather(frame, lane, pay_scale(frame, currency, load_rates(rates)), every, skills_level)
    page = render_html(data) if kind == "html" else render_markdown(data)
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as e:
        raise InputError(f"{output}: cannot write the report ({e.strerror})") from None
    err().print(f"wrote {output} ({kind}, {len(page) / 1024:,.0f} KB)", highlight=False)


@market_app.command("near-dups")
def near_dups_command(
    db: DbOpt = None,
    threshold: Annotated[
        float, typer.Option(min=0.05, max=1.0, help="Estimated Jaccard similarity of word 5-shingles at which two postings are one job.")
    ] = DEFAULT_THRESHOLD,
    apply: Annotated[bool, typer.Option("--apply", help="Store the groups: the market then counts each group once.")] = False,
    dataset: Annotated[
        Path | None, typer.Option("--dataset", help="Group the Parquet shards of `rolemap extract -o FOLDER/` instead of the store; writes FOLDER/_near_dups.parquet.", show_default=False)
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Groups shown (largest first); --json gives all.")] = 20,
    as_json: AsJson = False,
) -> None:  # fmt: skip
    """Group near-duplicate postings: the same job posted again with small edits, or copied by an agency
    (MinHash + LSH over word 5-shingles). The earliest posted of a group counts. Exact copies are marked
    at ingest already; --apply (or --dataset) makes the market figures count each group once. Below the
    groups, what was compared: "2,908 postings from 2013-08 to 2018-04" (--json: "covers").

    Example: rolemap near-dups --threshold 0.8 --limit 5 --apply
    """
    if dataset is not None:
        _dataset_near_dups(dataset, threshold, limit, as_json)
        return
    from rolemap.analytics.covers import covers_line, posting_covers
    from rolemap.analytics.near_dups import near_groups
    from rolemap.present import market_view as view
    from rolemap.store.db import open_store
    from rolemap.store.repository import mark_near_duplicates, unique_texts

    store = open_store(existing_db(db))
    rows = unique_texts(store)
    with err().status(f"comparing {counted(len(rows), 'posting')}…"):
        groups = near_groups([r[0] for r in rows], [r[2] for r in rows], threshold)
    if apply:
        moved = mark_near_duplicates(store, [g.ids for g in groups])
        said = f"{counted(moved, 'posting')} now {agree(moved, 'counts', 'count')}"
        err().print(f"stored: {said} with their group's first", highlight=False)
    titles = {
        pid: title or " ".join(text.split())[:60] for pid, title, text in rows
    }  # HN posts have no title
    extra = sum(len(g.ids) - 1 for g in groups)
    covers = posting_covers(store)  # the postings compared: every one but exact copies
    if as_json:
        payload = {
            "threshold": threshold, "postings": len(rows), "counted_once": len(rows) - extra, "covers": covers,
            "groups": [{"ids": g.ids, "lowest_similarity": g.lowest, "title": titles[g.ids[0]]} for g in groups],
        }  # fmt: skip
        print(json.dumps(payload, indent=1))
        return
    out().print(view.near_dups_view(groups[:limit], titles, len(rows), extra, threshold))
    out().print(f"Compared: {covers_line(covers)}", highlight=False)


def _dataset_near_dups(folder: Path, threshold: float, limit: int, as_json: bool) -> None:
    from rolemap.analytics.covers import covers_line
    from rolemap.analytics.dataset import dataset_covers
    from rolemap.cluster.dedup import dataset_near_groups, write_near_dups
    from rolemap.present import market_view as view

    if not folder.is_dir():
        raise InputError(f"--dataset {folder}: not a folder; name the -o FOLDER/ of rolemap extract")
    with err().status(f"grouping the postings of {folder}…"):
        groups, postings = dataset_near_groups(folder, threshold)
    written = write_near_dups(folder, groups)
    extra = sum(len(g.ids) - 1 for g in groups)
    said = f"{counted(extra, 'posting')} {agree(extra, 'counts', 'count')}"
    err().print(f"wrote {written} ({said} with their group's first)", highlight=False)
    covers = dataset_covers(folder)
    if as_json:
        payload = {
            "threshold": threshold, "postings": postings, "counted_once": postings - extra, "covers": covers,
            "groups": [{"ids": g.ids, "lowest_similarity": g.lowest} for g in groups],
        }  # fmt: skip
        print(json.dumps(payload, indent=1))
        return
    out().print(view.near_dups_view(groups[:limit], {}, postings, extra, threshold))
    out().print(f"Compared: {covers_line(covers)}", highlight=False)
