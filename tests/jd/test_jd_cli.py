import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rolemap.jd.files import MAX_JD_BYTES, Linted
from rolemap.jd.findings import Finding
from rolemap.jd.lint import RULES
from rolemap.jd.report import as_github, escape_data, escape_property
from tests.cli_runner import run
from tests.jd.test_generate import EXAMPLE
from tests.jd.test_lint import GOOD


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
    spec.write_text("company: Acme\ntitle: Backend Engineer\nlevel: mid\nlanguage: Go\nwork_model: remote\n")
    from rolemap.store.db import open_store

    open_store(str(tmp_path / "empty.db"))
    r = run("jd", "new", spec, "--db", tmp_path / "empty.db")
    assert r.returncode == 0 and "too few market salaries" in r.stderr
    typo = run("jd", "new", spec, "--db", tmp_path / "typo.db")  # a store that is not there: no band from it
    assert typo.returncode == 1 and "typo.db: no store there" in typo.stderr


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


ROOT = Path(__file__).resolve().parents[2]
PLATFORM = Path(__file__).parent / "specs" / "platform.yaml"
BAD_MD = """# Senior Platform Engineer (Go)

## Role overview

We are looking for a senior backend engineer. Pay: competitive salary. Remote (US).
"""


def run_bytes(*args, stdin=b""):
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *map(str, args)], capture_output=True, input=stdin, timeout=120
    )


def test_jd_new_html_is_a_page_with_its_json_ld_or_a_fragment(tmp_path):
    page = run("jd", "new", PLATFORM, "--format", "html")
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith("<!DOCTYPE html>") and '<script type="application/ld+json">' in page.stdout
    fragment = run("jd", "new", PLATFORM, "--format", "html", "--fragment")
    assert "<html" not in fragment.stdout and '<script type="application/ld+json">' in fragment.stdout
    assert "<article>" in fragment.stdout
    r = run("jd", "new", PLATFORM, "--fragment")
    assert r.returncode == 1 and "--fragment goes with --format html" in r.stderr


def test_lint_reads_standard_input_and_names_it():
    r = run("jd", "lint", "-", "--stdin-name", "jobs/platform.md", "--date", "2026-11-23", stdin=BAD_MD)
    assert r.returncode == 1 and "jobs/platform.md:5:" in r.stdout and "[title-mismatch]" in r.stdout
    assert run("jd", "lint", "-", stdin=GOOD).returncode == 0
    r = run("jd", "lint", "-", "-", stdin=GOOD)
    assert r.returncode == 1 and "may be named once" in r.stderr


def test_github_annotations(tmp_path):
    jd = tmp_path / "a,b:c.md"
    jd.write_text(BAD_MD)
    r = run("jd", "lint", jd, "--format", "github", "--date", "2026-11-23")
    assert r.returncode == 1
    lines = r.stdout.strip().splitlines()
    assert lines and all(
        re.match(r"::(error|warning|notice) file=[^:]*,line=\d+,endLine=\d+,col=\d+,", x) for x in lines
    )
    assert all("a%2Cb%3Ac.md" in x for x in lines)  # ',' and ':' escaped in the file property
    (error,) = [x for x in lines if "[pay-range]" in x and x.startswith("::error")]
    assert error.split("::")[2].startswith("no salary range")
    title = [x for x in lines if "[title-mismatch]" in x]
    assert title and ",line=5," in title[0] and ",col=8," in title[0]


def test_github_escaping():
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    f = Finding("no-eeo", "warning", 0, 0, "line one\nline two: 100%", "fix, it")
    out = as_github([Linted("x.md", "text", [f])])
    assert out == (
        "::warning file=x.md,line=1,endLine=1,col=1,endColumn=1,title=rolemap jd lint [no-eeo]"
        "::line one%0Aline two: 100%25 (fix: fix, it)"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "standard input: empty; nothing to lint"),
        (b"  \n\t\n", "standard input: empty; nothing to lint"),
        (b"\xff\xfe\xfa\x00\x81junk" * 50, "standard input: not UTF-8 text"),
        (b"Senior Engineer\n\x00\x01\x02", "standard input: binary data"),
        (b"a" * (MAX_JD_BYTES + 10), "standard input: larger than"),
    ],
    ids=["empty", "blank", "binary-junk", "nul-bytes", "huge"],
)
def test_hostile_standard_input_is_one_line_and_exit_1(data, message):
    r = run_bytes("jd", "lint", "-", stdin=data)
    err_text = r.stderr.decode()
    assert r.returncode == 1 and message in err_text and len(err_text.strip().splitlines()) == 1, err_text
    assert r.stdout == b""


def test_hostile_files_for_the_hook(tmp_path):
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"x" * (MAX_JD_BYTES + 1))
    folder = tmp_path / "jobs"
    folder.mkdir()
    for path, message in ((huge, "larger than"), (folder, "not a file")):
        r = run("jd", "lint", path)
        assert r.returncode == 1 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1


# pre-commit's manifest keys (pre_commit/clientlib.py, MANIFEST_HOOK_DICT) and identify's tags by suffix
HOOK_KEYS = {
    "id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or", "exclude_types",
    "additional_dependencies", "args", "always_run", "fail_fast", "pass_filenames", "description",
    "language_version", "log_file", "minimum_pre_commit_version", "require_serial", "stages", "verbose",
}  # fmt: skip
TAGS = {
    ".md": {"text", "markdown"},
    ".html": {"text", "html"},
    ".txt": {"text", "plain-text"},
    ".py": {"text", "python"},
}


def hook_run(hook, folder):
    """What pre-commit does for a hook: pick the staged files by `files` and `types_or`, then run
    `entry` + `args` + the file names (in the hook's own environment: here, this virtualenv)."""
    names = sorted(p.name for p in folder.iterdir())
    picked = [
        n for n in names
        if re.search(hook.get("files", ""), n) and (not hook.get("types_or") or TAGS[Path(n).suffix] & set(hook["types_or"]))
    ]  # fmt: skip
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), *picked]
    return picked, subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120, env=env)


def test_the_pre_commit_hook_as_pre_commit_runs_it(tmp_path):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {"id", "name", "entry", "language"} <= set(hook) <= HOOK_KEYS
    assert hook["id"] == "rolemap-jd-lint" and hook["language"] == "python"
    assert shlex.split(hook["entry"])[0] in {
        line.split("=")[0].strip().strip('"') for line in (ROOT / "pyproject.toml").read_text().splitlines() if "rolemap.cli:main" in line
    }  # fmt: skip
    folder = tmp_path / "jobs"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD)
    (folder / "notes.py").write_text("print('not a JD')\n")
    picked, r = hook_run(hook, folder)
    assert picked == ["good.md"] and r.returncode == 0, r.stderr
    (folder / "bad.md").write_text(BAD_MD)
    picked, r = hook_run(hook, folder)
    assert picked == ["bad.md", "good.md"] and r.returncode == 1 and "bad.md:" in r.stdout
    assert (
        "bad.md:1:1: error [pay-range]" in r.stdout and " info [" not in r.stdout
    )  # args: --min-severity warning
    assert not [line for line in r.stdout.splitlines() if line.startswith("good.md") and " error [" in line]


def test_the_documented_actions_workflow():
    path = ROOT / "docs" / "examples" / "jd-lint-workflow.yml"
    workflow = yaml.safe_load(path.read_text())
    assert not (ROOT / ".github" / "workflows" / path.name).exists()  # an example, not this repo's CI
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["jd-lint"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "rolemap jd lint --format sarif" in runs and "rolemap jd lint --format github" in runs
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert upload and upload[0]["with"]["sarif_file"] == "jd-lint.sarif" and upload[0]["if"] == "always()"
    docs = (ROOT / "docs" / "jd.md").read_text()
    assert "jd-lint-workflow.yml" in docs and "rolemap-jd-lint" in docs and "--format github" in docs
    for rule in RULES:
        assert f"`{rule}`" in docs, rule
