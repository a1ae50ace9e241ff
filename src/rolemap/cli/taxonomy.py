"""`rolemap taxonomy check | search | show | stats`: the skills taxonomy, validated and looked into."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rolemap.cli.console import out

taxonomy_app = typer.Typer(help="Inspect and validate the skills taxonomy.", no_args_is_help=True)


@taxonomy_app.command("check")
def taxonomy_check(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A taxonomy to check: a built skills.tsv.gz or a hand layer .tsv (default: the bundled one)."
        ),
    ] = None,
) -> None:
    """Validate the skills taxonomy: columns, unique ids, categories, parents that exist and never loop, and
    no alias claimed by two skills.

    Example: rolemap taxonomy check src/rolemap/extract/data/skills_layer.tsv
    """
    import gzip

    from rolemap.extract.taxonomy import TAXONOMY_FILE, bundled_taxonomy_text, parse_taxonomy

    if path is None:
        text, where = bundled_taxonomy_text(TAXONOMY_FILE), TAXONOMY_FILE.removeprefix("data/")
    else:
        from rolemap.errors import InputError
        from rolemap.sources.files import check_readable

        check_readable(path)
        raw = path.read_bytes()
        try:
            text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: not a UTF-8 taxonomy file (or its .gz): {exc}") from None
        where = str(path)
    entries = parse_taxonomy(text, where)
    by_category: dict[str, int] = {}
    for e in entries.values():
        by_category[e.category] = by_category.get(e.category, 0) + 1
    # the counts `taxonomy stats` gives: plain aliases and guarded ones apart (their sum read as a
    # different "aliases" figure from the one stats prints)
    aliases = sum(len(e.aliases) for e in entries.values())
    guarded = sum(len(e.guarded) for e in entries.values())
    out().print(
        f"{where}: {len(entries):,} skills, {aliases:,} aliases and {guarded:,} guarded aliases, all valid",
        highlight=False,
        markup=False,
    )
    out().print(", ".join(f"{k} {v}" for k, v in sorted(by_category.items())), highlight=False, markup=False)


@taxonomy_app.command("search")
def taxonomy_search(
    text: Annotated[str, typer.Argument(help="Part of an id, a name or an alias.")],
    limit: Annotated[int, typer.Option(min=1, help="At most this many skills.")] = 20,
) -> None:
    """Skills whose id, name or an alias contains TEXT, exact names first.

    Example: rolemap taxonomy search postgres
    """
    from rolemap.errors import InputError
    from rolemap.extract.taxonomy import search_taxonomy

    if not text.strip():
        raise InputError("taxonomy search: TEXT is empty; give part of a skill's name, e.g. 'postgres'")
    found = search_taxonomy(text, limit)
    if not found:
        out().print(f"no skill matches {text!r}", highlight=False, markup=False)
        return
    for e in found:
        parent = f"  (in {e.parent})" if e.parent else ""
        out().print(f"{e.id:<32} {e.name}  [{e.category}]{parent}", highlight=False, markup=False)


@taxonomy_app.command("show")
def taxonomy_show(
    skill: Annotated[str, typer.Argument(help="A skill id or any of its aliases (k8s, Postgres, C#).")],
    sample: Annotated[
        bool,
        typer.Option("--sample/--no-sample", help="Count the bundled sample's postings that ask for it."),
    ] = True,
) -> None:
    """One skill: its name, category, aliases, parent, children, sources, and how many postings of the
    bundled sample ask for it (or for one of its children).

    Example: rolemap taxonomy show linux
    """
    from rolemap.errors import InputError
    from rolemap.extract.taxonomy import ancestors_of, children_of, descendants_of, resolve_skill

    entry = resolve_skill(skill)
    if entry is None:
        raise InputError(f"taxonomy show: no skill is named {skill!r}; try `rolemap taxonomy search {skill}`")
    lines = [
        f"{entry.id}: {entry.name} [{entry.category}]",
        f"aliases: {'; '.join(a for a in entry.aliases if a != entry.name) or '-'}",
    ]
    if entry.guarded:
        lines.append(f"aliases only in this case, in a technical context: {'; '.join(entry.guarded)}")
    if entry.contextual:
        lines.append(f"aliases only in a technical context: {'; '.join(entry.contextual)}")
    lines += [
        f"parent: {' > '.join(ancestors_of(entry.id)) or '-'}",
        f"children: {', '.join(children_of(entry.id)) or '-'}",
        f"sources: {', '.join(entry.sources) or '-'}",
    ]
    if sample:
        own, rolled, total = _sample_asks(entry.id, frozenset(descendants_of(entry.id)))
        lines.append(f"bundled sample: {own} of {total} postings ask for it, {rolled} with its children")
    out().print("\n".join(lines), highlight=False, markup=False)


def _sample_asks(skill_id: str, below: frozenset[str]) -> tuple[int, int, int]:
    """Postings of the bundled sample whose skills (or languages) name the skill; and it or a descendant."""
    from rolemap.cli.console import err
    from rolemap.errors import PostingError
    from rolemap.extract import extract_posting
    from rolemap.present.progress import progress_bar
    from rolemap.sources import sample_postings

    own = rolled = total = 0
    # every posting is read again (seconds): the counts are today's extractor's, whatever the store holds
    with progress_bar(err(), "reading the bundled sample", None) as bar:
        for posting in sample_postings():
            bar.advance(bar.task_ids[0])
            if isinstance(posting, PostingError):
                continue
            record = extract_posting(posting)
            named = {s.id for s in record.skills} | set(record.languages)
            total += 1
            own += skill_id in named
            rolled += skill_id in named or bool(named & below)
    return own, rolled, total


@taxonomy_app.command("stats")
def taxonomy_stats() -> None:
    """The taxonomy's size: skills and aliases, by source and by category.

    Example: rolemap taxonomy stats
    """
    from rolemap.extract.taxonomy import load_taxonomy, taxonomy_sizes

    for title, counts in taxonomy_sizes(load_taxonomy()).items():
        out().print(
            f"{title}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()), highlight=False, markup=False
        )
