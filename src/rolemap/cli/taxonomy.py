"""`rolemap taxonomy check`: the skills taxonomy, validated."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rolemap.cli.console import out

taxonomy_app = typer.Typer(help="Inspect and validate the skills taxonomy.", no_args_is_help=True)


@taxonomy_app.command("check")
def taxonomy_check(
    path: Annotated[
        Path | None, typer.Argument(help="A skills.tsv to check (default: the bundled one).")
    ] = None,
) -> None:
    """Validate the skills taxonomy: columns, ids, categories, parents and alias clashes."""
    from importlib import resources

    from rolemap.extract.taxonomy import parse_taxonomy

    if path is None:
        text = resources.files("rolemap.extract").joinpath("data/skills.tsv").read_text(encoding="utf-8")
        where = "skills.tsv"
    else:
        from rolemap.sources.files import check_readable

        check_readable(path)
        text, where = path.read_text(encoding="utf-8"), str(path)
    entries = parse_taxonomy(text, where)
    by_category: dict[str, int] = {}
    for e in entries.values():
        by_category[e.category] = by_category.get(e.category, 0) + 1
    out().print(
        f"{where}: {len(entries)} skills, {sum(len(e.aliases) for e in entries.values())} aliases, all valid",
        highlight=False,
    )
    out().print(", ".join(f"{k} {v}" for k, v in sorted(by_category.items())), highlight=False)
