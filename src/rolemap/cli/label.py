"""`rolemap label` (your own corrections of a posting's fields, listed and exported) and `rolemap accuracy`
(today's extractor scored against them)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rolemap.agreement import agree, counted
from rolemap.cli.console import err, out
from rolemap.cli.options import DbOpt, JsonOption, existing_db
from rolemap.errors import InputError

if TYPE_CHECKING:
    from rolemap.store.db import Store

label_app = typer.Typer()

_FIELDS = (
    "seniority, work_model, employment_type, primary_language, languages, years_min, system_types, "
    "role_families, skills, company, title, salary, locations"
)
_WINS = (
    "A correction wins over the extractor everywhere: in the posting's record (its evidence says \"set by "
    'you"), in every market figure, and after the posting is ingested or extracted again.'
)
LABEL_HELP = f"""Correct a field the extractor got wrong; list and export your corrections.

{_WINS}

\b
  rolemap label ID seniority=senior work_model=remote
  rolemap label ID skills=python,django,docker?     (a trailing ? marks nice to have)
  rolemap label ID salary=120000-150000,USD,year locations=Berlin:DE,US
  rolemap label ID years_min=5 company="Acme Labs"  (none: the posting states none)
  rolemap label ID --clear seniority                (the extractor's value again)
  rolemap label ID                                  (the posting's fields, yours marked)
  rolemap label list
  rolemap label export --out my_labels.jsonl        (score.py's labels format)

Fields: {_FIELDS}."""


@label_app.command("label", help=LABEL_HELP, no_args_is_help=True)
def label_command(
    target: Annotated[str, typer.Argument(metavar="ID|list|export", help="A posting id, list or export.")],
    assignments: Annotated[
        list[str] | None,
        typer.Argument(metavar="[FIELD=VALUE]...", help="Fields to correct.", show_default=False),
    ] = None,
    clear: Annotated[
        list[str] | None, typer.Option("--clear", help="A field to give back to the extractor (repeat).")
    ] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="With export: the file to write (default: stdout).")
    ] = None,
    db: DbOpt = None,
    as_json: JsonOption = False,
) -> None:
    from rolemap.store.db import open_store

    assignments, clear = assignments or [], clear or []
    if target in ("list", "export") and not (assignments or clear):
        store = open_store(existing_db(db))
        if target == "list":
            _list(store, as_json)
        else:
            _export(store, out_file)
        return
    if out_file is not None:
        raise InputError("--out goes with `rolemap label export`")
    store = open_store(db)
    if assignments or clear:
        _change(store, target, assignments, clear, as_json)
    else:
        _show(store, target, as_json)


def _change(store: Store, posting_id: str, assignments: list[str], clear: list[str], as_json: bool) -> None:
    from datetime import UTC, datetime

    from rolemap.extract.corrections import check_field, parse_text, value_text
    from rolemap.store.corrections import clear_corrections, set_corrections

    values: dict[str, Any] = {}
    for text in assignments:
        field, sep, raw = text.partition("=")
        if not sep:
            raise InputError(f"{text[:60]!r}: write FIELD=VALUE, e.g. seniority=senior; fields: {_FIELDS}")
        field = check_field(field.strip())
        if field in values or field in clear:
            raise InputError(f"{field}: given twice; give each field once")
        values[field] = parse_text(field, raw)
    cleared = [check_field(f) for f in clear]
    changed = set_corrections(store, posting_id, values, datetime.now(UTC)) if values else []
    gone = clear_corrections(store, posting_id, cleared) if cleared else 0
    if as_json:
        result = {"set": [c.as_dict() for c in changed], "cleared": gone}
        out().print_json(json.dumps(result))
        return
    for c in changed:
        out().print(f"{posting_id}: {c.field} = {value_text(c.field, c.value)} (set by you)", markup=False)
    if cleared:
        out().print(f"{posting_id}: {gone} of {', '.join(cleared)} given back to the extractor", markup=False)


def _show(store: Store, posting_id: str, as_json: bool) -> None:
    from rolemap.errors import NotFound
    from rolemap.extract.corrections import FIELDS, RECORD_KEY, value_text
    from rolemap.store.corrections import check_posting_id, list_corrections
    from rolemap.store.repository import get_posting

    row = get_posting(store, check_posting_id(posting_id))
    if row is None:
        raise NotFound(f"posting {posting_id[:200]!r}: not in the store; `rolemap list` shows the ids")
    record = row.get("extraction") or {}
    mine = {c.field: c for c in list_corrections(store, posting_id)}
    if as_json:
        out().print_json(json.dumps({"id": posting_id, "corrections": [c.as_dict() for c in mine.values()]}))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table("field", "value", "", title=Text(f"{posting_id}: {row.get('title') or ''}"[:120]))
    for field in FIELDS:
        value = record.get(RECORD_KEY[field])
        mark = f"set by you {mine[field].set_at[:10]}" if field in mine else ""
        table.add_row(field, Text(_cut(value_text(field, value), 80)), mark)
    out().print(table)


def _list(store: Store, as_json: bool) -> None:
    from rolemap.extract.corrections import value_text
    from rolemap.store.corrections import list_corrections

    found = list_corrections(store)
    if as_json:
        out().print_json(json.dumps([c.as_dict() for c in found]))
        return
    if not found:
        out().print("No corrections yet: `rolemap label ID field=value` sets one.")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table("posting", "field", "value", "set at")
    for c in found:
        table.add_row(
            Text(c.posting_id), c.field, Text(_cut(value_text(c.field, c.value), 60)), c.set_at[:16]
        )
    out().print(table)


def _export(store: Store, out_file: Path | None) -> None:
    from rolemap.store.corrections import corrected_labels

    labels = corrected_labels(store)
    lines = "".join(json.dumps(label, ensure_ascii=False) + "\n" for label in labels)
    if out_file is None:
        sys.stdout.write(lines)
    else:
        _write_whole(out_file, lines)
    err().print(f"exported {counted(len(labels), 'labelled posting')}", highlight=False)


def _write_whole(path: Path, text: str) -> None:
    """Written beside the target and renamed over it: never half a file."""
    try:
        handle, draft = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=".labels-")
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(draft, path)
    except OSError as e:
        raise InputError(f"{path}: cannot be written ({e.strerror})") from None


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


ACCURACY_HELP = (
    "Score today's extractor against your own labels, field by field: how far to trust the figures.\n\n"
    "\b\n"
    "  rolemap label ID seniority=senior ...   (label some postings first)\n"
    "  rolemap accuracy\n"
    "  rolemap accuracy --labels my_labels.jsonl --json\n\n"
    "Accuracy for single values, precision / recall / F1 for sets, each with n (the labels that score the "
    "field), as ../shared/eval/score.py computes them. A few labels give a rough figure: look at n."
)


@label_app.command("accuracy", help=ACCURACY_HELP)
def accuracy_command(
    labels: Annotated[
        Path | None,
        typer.Option(
            "--labels", help="Labels in score.py's format (default: your corrections in the store)."
        ),
    ] = None,
    db: DbOpt = None,
    as_json: JsonOption = False,
) -> None:
    from rolemap.analytics.accuracy import extractor_accuracy
    from rolemap.extract.scoring import read_labels_file
    from rolemap.store.db import open_store

    store = open_store(existing_db(db))
    given = read_labels_file(labels) if labels is not None else None
    result = extractor_accuracy(store, given, str(labels) if labels is not None else "your corrections")
    if as_json:
        out().print_json(json.dumps(result.as_dict()))
        return
    if not result.labels:
        out().print(
            "No labels to score: `rolemap label ID field=value` corrects a posting, or give --labels FILE.",
            highlight=False,
        )
        return
    _print_accuracy(result)


def _print_accuracy(result: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    from rolemap.analytics.accuracy import FIELD_NAMES

    table = Table("field", "n", "accuracy", "precision", "recall", "F1", title=Text(result.source))
    for field, figures in result.fields.items():
        cells = [figures.get(k) for k in ("accuracy", "precision", "recall", "f1")]
        table.add_row(
            FIELD_NAMES.get(field, field),
            str(figures["n"]),
            *("" if v is None else f"{v:.0%}" for v in cells),
        )
    out().print(f"{counted(result.labels, 'labelled posting')} scored", highlight=False)
    out().print(table)
    if result.missing:
        out().print(
            f"{counted(result.missing, 'labelled posting')} {agree(result.missing, 'is', 'are')} not in the store: "
            "ingest them to score them",
            highlight=False,
        )
