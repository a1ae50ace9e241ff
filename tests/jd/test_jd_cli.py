import json

import pytest

from tests.jd.test_generate import EXAMPLE
from tests.jd.test_lint import GOOD
from tests.test_cli import run


@pytest.mark.parametrize("fmt", ["md", "html", "json-ld"])
def test_jd_new_formats(tmp_path, fmt):
    out = tmp_path / f"jd.{fmt}"
    r = run("jd", "new", EXAMPLE, "-o", out, "--format", fmt)
    assert r.returncode == 0, r.stderr
    text = out.read_text()
    if fmt == "json-ld":
        assert json.loads(text)["@type"] == "JobPosting"
    else:
        assert "Key responsibilities" in text


def test_jd_new_then_lint_is_clean(tmp_path):
    out = tmp_path / "jd.md"
    assert run("jd", "new", EXAMPLE, "-o", out).returncode == 0
    r = run("jd", "lint", out)
    assert r.returncode == 0 and "0 errors, 0 warnings" in r.stderr


def test_jd_new_without_salary_and_without_market_says_so(tmp_path):
    spec = tmp_path / "role.yaml"
    spec.write_text("company: Acme\ntitle: Backend Engineer\nlevel: mid\nlanguage: Go\n")
    r = run("jd", "new", spec, "--db", tmp_path / "empty.db")
    assert r.returncode == 0 and "too few market salaries" in r.stderr


def test_lint_exit_codes_and_formats(tmp_path):
    good, bad = tmp_path / "good.md", tmp_path / "bad.html"
    good.write_text(GOOD)
    bad.write_text(
        "<h1>Junior Rockstar Developer</h1><p>Remote (US). 7+ years of experience. Competitive salary.</p>"
    )
    assert run("jd", "lint", good).returncode == 0
    r = run("jd", "lint", good, bad)
    assert r.returncode == 1 and "bad.html:" in r.stdout and "[pay-range]" in r.stdout
    data = json.loads(run("jd", "lint", bad, "--format", "json").stdout)
    assert {f["rule"] for f in data["files"][0]["findings"]} >= {"pay-range", "exclusionary", "level-years"}
    sarif = json.loads(run("jd", "lint", bad, "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    rule_ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    for result in run0["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"] and result["level"] in (
            "error",
            "warning",
            "note",
        )
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["jd", "lint", "/no/such.md"], "no such file"),
        (["jd", "lint", "x.md", "--format", "xml"], "--format 'xml'"),
        (["jd", "new", "/no/role.yaml"], "no such file"),
        (["jd", "new", "x.yaml", "--format", "pdf"], "--format 'pdf'"),
        (["jd", "lint", "x.md", "--date", "tomorrow"], "--date"),
    ],
)
def test_bad_arguments(args, message):
    r = run(*args)
    assert r.returncode == 1 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_binary_junk_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.md"
    junk.write_bytes(b"\xff\xfe\xfa\x00\x81")
    r = run("jd", "lint", junk)
    assert r.returncode == 1 and "junk.md" in r.stderr
