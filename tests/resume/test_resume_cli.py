import json
from pathlib import Path

from tests.cli_runner import run
from tests.resume.test_resume import FIXTURES, GUIDE_STRONG, GUIDE_WEAK


def test_read_coach_stories_json(tmp_path):
    cv = FIXTURES / "dana.md"
    data = json.loads(run("resume", "read", cv, "--json").stdout)
    assert data["sections"][:2] == ["summary", "experience"] and "kafka" in data["skills"]
    bullets = json.loads(run("resume", "coach", cv, "--json").stdout)["bullets"]
    verdicts = {b["text"]: b["verdict"] for b in bullets}
    assert verdicts[GUIDE_WEAK] == "weak" and verdicts[GUIDE_STRONG] == "strong"
    assert set(bullets[0]) >= {"text", "verdict", "missing"}
    stories = json.loads(run("resume", "stories", cv, "--json").stdout)
    assert {t["theme"] for t in stories["themes"]} >= {"performance", "debugging-or-incident"}


def test_a_resume_with_no_dated_role_says_its_years_are_unknown(tmp_path):
    cv = tmp_path / "cv.md"
    cv.write_text("## Experience\n### Backend Engineer, Acme\n- Built the billing API in Python\n")
    said = " ".join(run("resume", "read", cv).stdout.split())  # as one line, however the terminal wraps it
    assert "years unknown (no dated role)" in said and "0.0 years" not in said


def test_same_input_same_output_byte_for_byte():
    outputs = {run("resume", "coach", FIXTURES / "dana.md", "--json").stdout for _ in range(2)}
    assert len(outputs) == 1


def test_save_and_forget(tmp_path):
    env_home = {"XDG_DATA_HOME": str(tmp_path)}
    import os
    import subprocess
    import sys

    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "rolemap", *map(str, args)],
            capture_output=True,
            text=True,
            env={**os.environ, **env_home},
        )

    assert cli("resume", "read", FIXTURES / "dana.md", "--save").returncode == 0
    saved = tmp_path / "rolemap" / "resumes" / "dana.json"
    assert saved.exists() and oct(saved.stat().st_mode & 0o777) == "0o600"
    assert cli("resume", "forget", "dana").returncode == 0 and not saved.exists()
    r = cli("resume", "forget", "dana")
    assert r.returncode == 1 and "no saved resume" in r.stderr


def test_match_against_a_stored_posting_and_a_lane(tmp_path):
    db = str(tmp_path / "m.db")
    src = tmp_path / "p.jsonl"
    src.write_text(
        json.dumps(
            {
                "id": "j1",
                "title": "Senior Python Engineer",
                "description": "Requirements: 5+ years. Python, Kafka and Rust.",
                "posted_at": "2018-01-01",
            }
        )
        + "\n"
    )
    assert run("ingest", src, "--db", db).returncode == 0
    fit = json.loads(run("match", FIXTURES / "dana.md", "j1", "--db", db, "--json").stdout)
    assert {r["name"]: r["status"] for r in fit["requirements"]}["rust"] == "missing"
    lane = json.loads(run("match", FIXTURES / "dana.md", "--language", "python", "--db", db, "--json").stdout)
    assert lane["ranked"][0]["posting_id"] == "j1" and lane["learn_next"][0][0] == "rust"
    r = run("match", FIXTURES / "dana.md", "nope", "--db", db)
    assert r.returncode == 1 and "no posting with id 'nope'" in r.stderr
    r = run("watch", "--resume", FIXTURES / "dana.md", "--db", db)
    assert r.returncode == 0 and "fewer than two quarters" in r.stdout


def test_errors_never_show_resume_content(tmp_path):
    secret = tmp_path / "cv.txt"
    secret.write_bytes(b"Jane Secret, 555-0100 \x81\x8d\x8f\x90\x9d")  # bytes no text encoding reads
    r = run("resume", "coach", secret)
    assert r.returncode == 1 and "Jane" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run("resume", "read", Path("/no/such/cv.pdf"))
    assert r.returncode == 1 and "no such file" in r.stderr


def test_match_lists_their_stack_apart_in_text_and_json(tmp_path):
    db = str(tmp_path / "m.db")
    src = tmp_path / "p.jsonl"
    posting = {
        "id": "j2",
        "title": "Backend Engineer",
        "description": "Our stack is Redis and Terraform.\n\nRequirements: Python and Kafka.",
        "posted_at": "2018-01-01",
    }
    src.write_text(json.dumps(posting) + "\n")
    assert run("ingest", src, "--db", db).returncode == 0
    fit = json.loads(run("match", FIXTURES / "dana.md", "j2", "--db", db, "--json").stdout)
    assert {r["name"] for r in fit["requirements"]} == {"python", "kafka"}
    # PostgreSQL does not partly meet Redis: a shared category is no relation (resume/data/related.json)
    assert {r["name"]: r["status"] for r in fit["stack"]} == {"redis": "missing", "terraform": "missing"}
    assert fit["required_total"] == 2
    text = run("match", FIXTURES / "dana.md", "j2", "--db", db).stdout
    assert "missing  terraform (in their stack, not asked for)" in text
    summary = " ".join(text.split("required: ", 1)[1].split())  # the summary, wrapped to the terminal
    assert summary.startswith("2 of 2 met") and summary.endswith(
        "in their stack, not asked for: redis, terraform"
    )


def test_a_file_that_is_not_a_pdf_gives_one_line_not_pypdfs_warnings(tmp_path):
    """pypdf logs 'invalid pdf header' and 'EOF marker not found' on its own logger: the user saw three
    lines, two of them pypdf's, before rolemap's error."""
    junk = tmp_path / "cv.pdf"
    junk.write_bytes(bytes(range(256)) * 8)
    r = run("resume", "read", junk)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == ["error: cv.pdf: not a readable PDF"]


def test_a_lane_match_says_how_many_of_the_lane_it_ranked(tmp_path):
    """The header counted the lane's 3 postings and --top 2 listed two with nothing saying so."""
    db = str(tmp_path / "m.db")
    src = tmp_path / "p.jsonl"
    postings = [
        {
            "id": f"j{i}",
            "title": "Backend Engineer",
            "description": f"Requirements: Python and Kafka. Team {i}.",
            "posted_at": "2018-01-01",
        }
        for i in range(3)
    ]
    src.write_text("".join(json.dumps(p) + "\n" for p in postings))
    assert run("ingest", src, "--db", db).returncode == 0
    text = run("match", FIXTURES / "dana.md", "--language", "python", "--top", "2", "--db", db).stdout
    assert "2 of 3 postings ranked, best first (--top for more)" in text
    text = run("match", FIXTURES / "dana.md", "--language", "python", "--db", db).stdout
    assert "postings ranked" not in text  # all of them shown: nothing to say


def test_stories_say_when_a_theme_has_more_bullets_than_shown():
    """'database-reasoning: 4 bullet(s)' was followed by three bullets and no word of the fourth."""
    text = run("resume", "stories", FIXTURES / "dana.md").stdout
    themes = json.loads(run("resume", "stories", FIXTURES / "dana.md", "--json").stdout)["themes"]
    big = next(t for t in themes if len(t["bullets"]) > 3)
    assert f"{big['theme']}: {len(big['bullets'])} bullet(s)" in text
    assert f"… and {len(big['bullets']) - 3} more (--json for all)" in text
