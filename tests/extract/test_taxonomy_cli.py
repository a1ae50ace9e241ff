"""`rolemap taxonomy check | search | show | stats`, and their one-line errors."""

import gzip

import pytest
from typer.testing import CliRunner

from rolemap.cli import app
from rolemap.extract.taxonomy import CONTRACT_LANGUAGES

runner = CliRunner()
BASE = "\n".join(f"{lang}\tlanguage\t{lang}\t\t\t" for lang in CONTRACT_LANGUAGES)


def invoke(*args):
    return runner.invoke(app, ["taxonomy", *map(str, args)], prog_name="rolemap")


def test_check_the_bundled_taxonomy_and_a_layer(tmp_path):
    r = invoke("check")
    assert r.exit_code == 0 and "skills.tsv.gz:" in r.output and "all valid" in r.output
    layer = tmp_path / "layer.tsv"
    layer.write_text(BASE + "\nrhel\tplatform\tRHEL\t\tlinux-x\t\nlinux-x\tplatform\tLinux\t\t\t\n")
    assert invoke("check", layer).exit_code == 0
    built = tmp_path / "built.tsv.gz"
    built.write_bytes(gzip.compress(layer.read_bytes()))
    assert "all valid" in invoke("check", built).output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BASE + "\na\ttool\tA\t\tb\t\nb\ttool\tB\t\ta\t\n", "parents loop"),
        (BASE + "\nfoo\ttool\tFoo\tshared\t\t\nbar\ttool\tBar\tshared\t\t\n", "belongs to both"),
        (BASE + "\nfoo\ttool\tFoo\t\tnowhere\t\n", "unknown parent 'nowhere'"),
        (BASE + "\npython\ttool\tPython\t\t\t\n", "listed twice"),
        (b"\xff\xfe\x00binary", "not a UTF-8 taxonomy"),
    ],
)
def test_check_rejects_a_bad_file_in_one_line(tmp_path, content, message):
    bad = tmp_path / "bad.tsv"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content)
    r = invoke("check", bad)
    assert r.exit_code == 1
    assert message in str(r.exception) or message in r.output


def test_check_a_missing_file(tmp_path):
    r = invoke("check", tmp_path / "nope.tsv")
    assert r.exit_code == 1 and "no such file" in str(r.exception)


def test_search_finds_by_alias_and_says_when_nothing_matches():
    r = invoke("search", "k8s")
    assert r.exit_code == 0 and r.output.split()[0] == "kubernetes"
    assert "rhel" in invoke("search", "red hat enterprise", "--limit", "3").output
    assert "no skill matches" in invoke("search", "zzzqqqxx").output
    r = invoke("search", "  ")
    assert r.exit_code == 1 and "TEXT is empty" in str(r.exception)


def test_show_a_skill_with_its_place_in_the_hierarchy():
    r = invoke("show", "RHEL", "--no-sample")
    assert r.exit_code == 0
    assert "rhel: RHEL [platform]" in r.output and "parent: linux" in r.output
    assert "red hat enterprise linux" in r.output and "sources: hand, onet" in r.output
    r = invoke("show", "linux", "--no-sample")
    assert "children:" in r.output and "rhel" in r.output and "centos" in r.output


def test_show_counts_the_bundled_sample(monkeypatch):
    import itertools

    from rolemap import sources

    every = sources.sample_postings
    # its first 600 postings (counting all 3,197 is seconds of extraction) hold RHEL, CentOS and Ubuntu ones
    monkeypatch.setattr(sources, "sample_postings", lambda: itertools.islice(every(), 600))
    r = invoke("show", "linux")
    assert r.exit_code == 0
    line = next(ln for ln in r.output.splitlines() if ln.startswith("bundled sample:"))
    own, total = int(line.split()[2]), int(line.split()[4])
    rolled = int(line.split(",")[1].split()[0])
    assert 0 < own <= rolled < total  # RHEL, CentOS and Ubuntu postings roll up into Linux


def test_show_an_unknown_skill_says_how_to_find_one():
    r = invoke("show", "not-a-skill")
    assert r.exit_code == 1 and "rolemap taxonomy search" in str(r.exception)


def test_stats():
    r = invoke("stats")
    assert r.exit_code == 0
    assert "by source:" in r.output and "onet" in r.output and "by category:" in r.output


def test_the_installed_command_prints_one_line_and_exits_1():
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "rolemap", "taxonomy", "show", "not-a-skill"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip().count("\n") == 0 and "no skill is named 'not-a-skill'" in r.stderr
