"""Scoring extraction records against labels, the way ../shared/eval/score.py does (the same fields, folds
and figures, so a figure here is comparable with the project's own evaluation): accuracy for single values
(level, work model, employment type, main language, minimum years, salary, company), precision / recall /
F1 for sets (languages, system types, skills, role families, countries and cities of the places).

Labels are score.py's: one JSON object a line, the posting's `id` and the fields a reader is sure of; a
field left out is not scored, `null` means "the posting states none". Both inputs are trusted to be JSON
objects, nothing more: a value of the wrong shape counts as a miss, never as a crash.
The folding tables are data (`data/scoring.json`, kept equal to score.py's by a test).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rolemap.errors import InputError

MAX_LABEL_BYTES = 1_000_000  # one line
MAX_LABELS = 100_000
Record = Mapping[str, Any]


@cache
def _tables() -> dict[str, Any]:
    raw = resources.files("rolemap.extract").joinpath("data/scoring.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    data["legal_suffixes"] = frozenset(data["legal_suffixes"])
    data["language_like"] = frozenset(data["language_ids"]) | frozenset(data["language_like"])
    return data


def read_labels(lines: Iterable[str], where: str) -> dict[str, dict[str, Any]]:
    """Labels by posting id (a later line of the same id wins, as in score.py). Every problem names its
    line: not JSON, not an object, no string id, too long, too many."""
    out: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if n > MAX_LABELS:
            raise InputError(f"{where}: more than {MAX_LABELS:,} lines")
        if len(line) > MAX_LABEL_BYTES:
            raise InputError(f"{where}:{n}: a line longer than {MAX_LABEL_BYTES:,} characters")
        try:
            label = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            raise InputError(f"{where}:{n}: not JSON ({e})") from None
        if not isinstance(label, dict) or not isinstance(label.get("id"), str) or not label["id"]:
            raise InputError(
                f'{where}:{n}: a label is a JSON object with an "id" (score.py\'s labels format)'
            )
        out[label["id"]] = label
    return out


def read_labels_file(path: Path) -> dict[str, dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as f:
            return read_labels(_lines(f, path), str(path))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; labels are JSON Lines") from None
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror})") from None


def _lines(f: Any, path: Path) -> Iterator[str]:
    while True:
        line = f.readline(MAX_LABEL_BYTES + 1)
        if not line:
            return
        yield line


def company_key(name: Any) -> str | None:
    """Case, punctuation and a trailing legal suffix folded: 'Acme Labs, Inc.' == 'acme labs'."""
    if not name:
        return None
    words = "".join(ch if ch.isalnum() else " " for ch in str(name).lower()).split()
    while words and words[-1] in _tables()["legal_suffixes"]:
        words.pop()
    return " ".join(words) or None


def skill_key(raw: Any) -> str:
    """A skill id with naming variants folded, so the score measures what was found, not its spelling."""
    key = "".join(ch if ch.isalnum() else "-" for ch in str(raw).lower()).strip("-")
    while "--" in key:
        key = key.replace("--", "-")
    for suffix in ("-js", "js"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 2 and key != "nodejs":
            key = key[: -len(suffix)].rstrip("-")
            break
    key = _tables()["skill_aliases"].get(key, key)
    if key.startswith(("aws-", "amazon-")) and key != "amazon-mechanical-turk":
        key = "aws"
    elif key.startswith("azure-") and key != "azure-devops":
        key = "azure"
    elif key.startswith("google-cloud-"):
        key = "gcp"
    return key


def _set_of(field: str, value: Any) -> set[str]:
    if not value or not isinstance(value, list):
        return set()
    if field == "skills":
        ids = {skill_key(s.get("id") if isinstance(s, dict) else s) for s in value}
        return {i for i in ids if i not in _tables()["language_like"]}
    return {v for v in value if isinstance(v, str)}


def _places(value: Any) -> tuple[set[str], set[str]]:
    countries, cities = set(), set()
    for place in value if isinstance(value, list) else []:
        if isinstance(place, dict):
            if place.get("country"):
                countries.add(str(place["country"]).upper())
            if place.get("city"):
                cities.add(" ".join(str(place["city"]).lower().split()))
    return countries, cities


def salary_matches(gold: Any, got: Any) -> bool:
    """The same currency and period, and each bound within 1% (both absent counts as equal)."""
    if not isinstance(gold, dict) or not isinstance(got, dict):
        return gold is None and got is None
    if gold.get("currency") != got.get("currency") or gold.get("period") != got.get("period"):
        return False
    for key in ("min", "max"):
        a, b = gold.get(key), got.get(key)
        if a is None or b is None:
            if a is not b:
                return False
        elif not isinstance(a, int | float) or not isinstance(b, int | float) or abs(a - b) > 0.01 * abs(a):
            return False
    return True


def _min_years(value: Any) -> Any:
    return value.get("min") if isinstance(value, dict) else None


def score(labels: Mapping[str, Record], outputs: Mapping[str, Record]) -> dict[str, Any]:
    """score.py's figures: {"missing": labels without an output record, "fields": {field: {"n", …}}}."""
    tables = _tables()
    fields: dict[str, dict[str, Any]] = {}
    for field in [*tables["exact_fields"], "years_experience", "salary"]:
        n = right = 0
        for posting_id, gold in labels.items():
            if field not in gold:
                continue
            got = outputs.get(posting_id, {})
            n += 1
            if field == "salary":
                right += salary_matches(gold[field], got.get("salary"))
            elif field == "years_experience":
                right += _min_years(gold[field]) == _min_years(got.get(field))
            else:
                right += gold[field] == got.get(field)
        if n:
            fields[field] = {"n": n, "accuracy": round(right / n, 3)}
    stated = [(g["salary"], outputs.get(i, {}).get("salary")) for i, g in labels.items() if g.get("salary")]
    if stated:
        swaps = sum(
            1
            for _, o in stated
            if isinstance(o, dict)
            and isinstance(o.get("min"), int | float)
            and isinstance(o.get("max"), int | float)
            and o["min"] > o["max"]
        )
        right = sum(salary_matches(g, o) for g, o in stated)
        fields["salary_stated"] = {
            "n": len(stated),
            "accuracy": round(right / len(stated), 3),
            "swaps": swaps,
        }
    company = [
        (company_key(g["company"]), company_key(outputs.get(i, {}).get("company")))
        for i, g in labels.items()
        if "company" in g
    ]
    if company:
        fields["company"] = {
            "n": len(company),
            "accuracy": round(sum(a == b for a, b in company) / len(company), 3),
        }
    fields.update(_set_scores(labels, outputs, tables["set_fields"]))
    return {"missing": sum(1 for i in labels if i not in outputs), "fields": fields}


def _set_scores(
    labels: Mapping[str, Record], outputs: Mapping[str, Record], names: list[str]
) -> dict[str, Any]:
    pairs: dict[str, list[tuple[set[str], set[str]]]] = {
        name: [] for name in [*names, "location_countries", "location_cities"]
    }
    for posting_id, gold in labels.items():
        got = outputs.get(posting_id, {})
        for name in names:
            if name in gold:
                pairs[name].append((_set_of(name, gold[name]), _set_of(name, got.get(name))))
        if "locations" in gold:
            (gold_countries, gold_cities), (got_countries, got_cities) = (
                _places(gold["locations"]),
                _places(got.get("locations")),
            )
            pairs["location_countries"].append((gold_countries, got_countries))
            pairs["location_cities"].append((gold_cities, got_cities))
    out = {}
    for name, sets in pairs.items():
        if sets:
            tp = sum(len(a & b) for a, b in sets)
            fp = sum(len(b - a) for a, b in sets)
            fn = sum(len(a - b) for a, b in sets)
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[name] = {
                "n": len(sets), "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)
            }  # fmt: skip
    return out
