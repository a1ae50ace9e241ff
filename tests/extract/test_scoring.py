"""extract/scoring.py is ../shared/eval/score.py inside the package: the same figures on the project's own
labels against a spread of outputs (right, wrong, missing, malformed), and the same folding tables."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import subprocess
import sys

import pytest

from rolemap.errors import InputError
from rolemap.extract.scoring import _tables, company_key, read_labels, read_labels_file, score, skill_key
from tests.conftest import SHARED

SCORE_PY = SHARED / "eval" / "score.py"
LABELS = SHARED / "eval" / "dev_labels.jsonl"
pytestmark = pytest.mark.skipif(not SCORE_PY.exists(), reason="../shared/eval is not here")


def score_py():
    spec = importlib.util.spec_from_file_location("score_py", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_folding_tables_are_score_pys():
    ref, tables = score_py(), _tables()
    assert tables["exact_fields"] == ref.EXACT and tables["set_fields"] == ref.SETS
    assert tables["legal_suffixes"] == ref.LEGAL and tables["language_like"] == ref.LANGUAGE_LIKE
    assert set(tables["language_ids"]) == ref.LANGUAGE_IDS and tables["skill_aliases"] == ref.ALIASES
    for raw in [
        "React.js",
        "Node.js",
        "nodejs",
        "AWS Lambda",
        "azure-devops",
        "Google Cloud Storage",
        "k8s",
        "vue",
    ]:
        assert skill_key(raw) == ref.skill_id(raw)
    for name in ["Acme Labs, Inc.", "ACME GmbH & Co", "", None, "Co", "Foo Ltd."]:
        assert company_key(name) == ref.company_key(name)


def perturbed(labels: list[dict], seed: int) -> list[dict]:
    """Outputs that are sometimes right, sometimes wrong, missing, null or of a surprising shape."""
    rng = random.Random(seed)
    out = []
    for label in labels:
        if rng.random() < 0.08:
            continue  # no output record at all
        record = copy.deepcopy(label)
        for key in list(record):
            roll = rng.random()
            if key == "id" or roll < 0.5:
                continue
            if roll < 0.6:
                del record[key]
            elif roll < 0.7:
                record[key] = None
            elif isinstance(record[key], list) and record[key]:
                extra = {"id": "extra-skill", "required": True} if key == "skills" else "extra"
                record[key] = [*record[key][: rng.randrange(len(record[key]))], extra]
            elif isinstance(record[key], dict):
                record[key] = {**record[key], "min": (record[key].get("min") or 1) * 1.5}
            elif isinstance(record[key], str):
                record[key] = record[key].upper() if roll < 0.85 else "senior"
        out.append(record)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_figures_are_score_pys(tmp_path, seed):
    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    outputs = perturbed(labels, seed)
    output_file = tmp_path / "out.jsonl"
    output_file.write_text("".join(json.dumps(o) + "\n" for o in outputs))
    ran = subprocess.run(
        [sys.executable, str(SCORE_PY), str(LABELS), str(output_file), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    theirs = json.loads(ran.stdout)
    ours = score({label["id"]: label for label in labels}, {o["id"]: o for o in outputs})
    assert ours == theirs
    assert theirs["fields"]["skills"]["f1"] < 1 and theirs["missing"] > 0  # the perturbation did bite


def test_reading_labels_names_the_bad_line(tmp_path):
    assert read_labels(
        ['{"id": "a", "seniority": "mid"}', "", '{"id": "a", "seniority": "senior"}'], "x"
    ) == {"a": {"id": "a", "seniority": "senior"}}
    for lines, says in [
        (["{not json"], "x:1: not JSON"),
        (['{"id": "a"}', "[1, 2]"], 'x:2: a label is a JSON object with an "id"'),
        (['{"seniority": "mid"}'], "x:1: a label is a JSON object"),
        (['{"id": 5}'], "x:1: a label is a JSON object"),
        (["[" * 100_000], "x:1: "),
    ]:
        with pytest.raises(InputError) as e:
            read_labels(lines, "x")
        assert e.value.message.startswith(says) and "\n" not in e.value.message
    junk = tmp_path / "junk.jsonl"
    junk.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(InputError, match="not UTF-8"):
        read_labels_file(junk)
    with pytest.raises(InputError, match="cannot be read"):
        read_labels_file(tmp_path / "missing.jsonl")
    long = tmp_path / "long.jsonl"
    long.write_text('{"id": "a", "title": "' + "x" * 1_100_000 + '"}\n')
    with pytest.raises(InputError, match="longer than"):
        read_labels_file(long)
