import datetime as dt
import json
from pathlib import Path

import pytest

from rolemap.analytics.lane import Lane
from rolemap.errors import InputError
from rolemap.resume.coach import review, stories
from rolemap.resume.match import match_lane, match_record
from rolemap.resume.read import Bullet, read_resume
from tests.analytics.frames import make_frame
from tests.resume import files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "resumes"
TODAY = dt.date(2026, 11, 23)
GUIDE_WEAK = "Built APIs in Python and PostgreSQL"
GUIDE_STRONG = (
    "Implemented authenticated billing APIs in Python, improved query efficiency for a reporting endpoint, "
    "and added test coverage for invoice edge cases"
)


def test_markdown_resume():
    r = read_resume(FIXTURES / "dana.md", TODAY)
    assert r.sections == ["summary", "experience", "skills", "education"]
    assert [(x.start, x.end) for x in r.roles] == [("2020-03", None), ("2017-01", "2020-02")]
    assert r.skills["kafka"] == pytest.approx(6.8, abs=0.1) and r.skills["django"] == pytest.approx(
        3.2, abs=0.1
    )
    assert all(b.line > 0 for b in r.bullets) and len(r.bullets) == 7


def test_json_resume():
    r = read_resume(FIXTURES / "lee.json", TODAY)
    assert [x.heading for x in r.roles] == ["Backend Developer · Globex", "Junior Developer · Initech"]
    assert r.skills["go"] == pytest.approx(3.0, abs=0.1) and "php" in r.skills
    assert r.total_years == pytest.approx(4.75, abs=0.1)


def test_pdf_and_docx_resumes(tmp_path):
    lines = [
        "Dana Ortiz",
        "Experience",
        "Senior Backend Engineer, Acme | Mar 2020 - Present",
        f"- {GUIDE_STRONG}",
    ]
    pdf = read_resume(files.text_pdf(tmp_path / "cv.pdf", lines), TODAY)
    assert pdf.roles[0].start == "2020-03" and pdf.bullets[0].text.startswith("Implemented")
    doc = files.docx(
        tmp_path / "cv.docx",
        [
            ("Experience", "Heading 1"),
            ("Backend Engineer, Acme | 2019 - 2022", None),
            (GUIDE_WEAK, "List Bullet"),
        ],
    )
    r = read_resume(doc, TODAY)
    assert r.roles[0].start == "2019-01" and r.roles[0].end == "2022-12" and r.skills["python"] == 4.0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: files.scanned_pdf(p / "scan.pdf"), "no text layer"),
        (
            lambda p: files.encrypted_pdf(p / "locked.pdf", files.text_pdf(p / "x.pdf", ["Experience"])),
            "encrypted",
        ),
        (lambda p: files.damaged_docx(p / "broken.docx"), "damaged DOCX"),
        (lambda p: files.zip_bomb_docx(p / "bomb.docx"), "zip bomb"),
        (lambda p: _write(p / "junk.pdf", b"%PDF-1.4 garbage"), "not a readable PDF"),
        (lambda p: _write(p / "junk.docx", b"not a zip"), "not a DOCX"),
        (lambda p: _write(p / "bin.md", b"\x00\x01\x02binary"), "binary data"),
        # bytes no text encoding reads (Windows-1252 text is read: test_read_real_files.py)
        (lambda p: _write(p / "latin.txt", b"Erfahrung: \x81\x8d\x8f\x90\x9d"), "not UTF-8"),
        (lambda p: _write(p / "empty.md", b""), "empty"),
        (lambda p: _write(p / "bad.json", b"{not json"), "not valid JSON"),
        (lambda p: _write(p / "list.json", b"[1, 2]"), "not a JSON Resume"),
        (lambda p: _sparse(p / "huge.pdf", 50 * 2**20), "too large"),
    ],
)
def test_bad_resumes_are_clear_errors_without_content(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError, match=message) as caught:
        read_resume(path, TODAY)
    assert "Müller" not in str(caught.value)  # never the resume's content


def _write(path, data):
    path.write_bytes(data)
    return path


def _sparse(path, size):
    with path.open("wb") as f:
        f.truncate(size)
    return path


def test_the_guides_bullet_examples():
    weak = review(Bullet(GUIDE_WEAK, [], 1))
    assert (
        weak.verdict == "weak" and {"service", "decision", "result"} <= set(weak.missing) and weak.suggestion
    )
    strong = review(Bullet(GUIDE_STRONG, [], 1))
    assert strong.verdict == "strong" and "billing APIs" in strong.found["service"]
    assert strong.found["contribution"] == "Implemented"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Cut p95 latency of the invoice API from 900 ms to 200 ms by adding a covering index", "strong"),
        ("Maintained Django services and Celery workers on AWS", "ok"),
        ("Responsible for various tasks", "weak"),
    ],
)
def test_more_bullets(text, verdict):
    assert review(Bullet(text, [], 1)).verdict == verdict


def test_stories_cover_themes_and_name_the_missing_ones():
    themes, uncovered = stories(read_resume(FIXTURES / "dana.md", TODAY))
    by_theme = {t.theme: t.bullets for t in themes}
    assert any("post-mortem" in b for b in by_theme["debugging-or-incident"])
    assert any("latency" in b for b in by_theme["performance"])
    assert set(uncovered) == {t for t, b in by_theme.items() if not b}


def test_match_a_posting_with_evidence():
    resume = read_resume(FIXTURES / "dana.md", TODAY)
    record = {
        "languages": ["python"],
        "skills": [
            {"id": "kafka", "required": True},
            {"id": "mysql", "required": True},
            {"id": "rust", "required": True},
            {"id": "redis", "required": False},
        ],
        "years_experience": {"min": 5, "max": None},
        "seniority": "senior",
        "salary": {"min": 120000, "max": 150000, "currency": "USD", "period": "year"},
    }
    fit = match_record(
        resume,
        "p1",
        "Senior Backend Engineer",
        {**record, "work_model": "onsite"},
        expected_pay=140000,
        wanted_work_model="remote",
    )
    status = {r.name: r.status for r in fit.requirements}
    assert (
        status["python"] == "met"
        and status["kafka"] == "met"
        and status["mysql"] == "partly"
        and status["rust"] == "missing"
    )
    assert status["5+ years"] == "met" and status["senior"] == "met"
    kafka = next(r for r in fit.requirements if r.name == "kafka")
    assert "Kafka" in kafka.evidence and kafka.line == 12
    assert status["onsite"] == "missing"  # the posting's work model is not the one wanted
    assert fit.summary.startswith("required: 4 of 6 met, 1 partly; nice-to-have: 1 of 3 met")
    assert "rust" in fit.summary


def test_match_is_deterministic_byte_for_byte():
    resume = read_resume(FIXTURES / "dana.md", TODAY)
    record = {"skills": [{"id": s, "required": True} for s in ("kafka", "mysql", "go")]}
    first = json.dumps(match_record(resume, "p", "t", record).as_dict(), sort_keys=True)
    assert all(
        json.dumps(
            match_record(read_resume(FIXTURES / "dana.md", TODAY), "p", "t", record).as_dict(), sort_keys=True
        )
        == first
        for _ in range(3)
    )


def test_match_a_lane_ranks_and_says_what_to_learn_next():
    frame = make_frame(
        [
            {"id": "a", "language": ["python"], "skill": ["kafka", "postgresql"]},
            {"id": "b", "language": ["go"], "skill": ["kubernetes", "kafka"]},
            {"id": "c", "language": ["go"], "skill": ["kubernetes"]},
        ]
    )
    result = match_lane(read_resume(FIXTURES / "dana.md", TODAY), frame, Lane())
    assert [f.posting_id for f in result.ranked] == ["a", "b", "c"]
    assert result.learn_next[:2] == [("go", 2, 2 / 3), ("kubernetes", 2, 2 / 3)]  # languages and skills alike


def test_a_lane_match_counts_postings_not_their_roles():
    """A post hiring three roles in the lane is one posting to apply to: the lane had said "87 postings"
    and ranked 77, and "learn go: 3 of 4" where one of two postings asks for it."""
    rows = [{"id": "a", "language": ["go"], "skill": ["kubernetes"], "posting": 0} for _ in range(3)]
    rows.append({"id": "b", "language": ["python"], "skill": ["kafka"], "posting": 1, "company": "Initech"})
    result = match_lane(read_resume(FIXTURES / "dana.md", TODAY), make_frame(rows), Lane())
    assert result.postings == 2 and sorted(f.posting_id for f in result.ranked) == ["a", "b"]
    assert ("go", 1, 1 / 2) in result.learn_next
    assert result.covers["postings"] == 2  # what the lane rests on, as list and watch say it
    # a post without a title (a Hacker News comment) is told by its hirer, not left blank
    assert {f.posting_id: f.title for f in result.ranked}["b"] == "at Initech"


@pytest.mark.parametrize(
    "dates, start, end",
    [
        ("03/2019 - 05/2021", "2019-03", "2021-05"),  # a month's number first, as US resumes write it
        ("3/2019 – Present", "2019-03", None),
        ("01/2020 to 12/2022", "2020-01", "2022-12"),
        ("06.2018 - 01.2020", "2018-06", "2020-01"),  # European
        ("Jan '19 – Present", "2019-01", None),
        ("Dec ’98 - Jan ’01", "1998-12", "2001-01"),  # a year still to come is last century's
        ("Mar 2019 – Present", "2019-03", None),
        ("2019 – 2021", "2019-01", "2021-12"),
        ("2019-03 – 2021-05", "2019-03", "2021-05"),
    ],
)
def test_the_ways_resumes_write_a_roles_dates(tmp_path, dates, start, end):
    cv = tmp_path / "cv.md"
    cv.write_text(
        f"Experience\nSenior Engineer, Acme\n{dates}\n- Built a billing API in Python for 2M users\n"
    )
    assert [(r.start, r.end) for r in read_resume(cv, TODAY).roles] == [(start, end)]


def test_headings_the_section_phrases_do_not_list_are_read_by_their_words(tmp_path):
    cv = tmp_path / "cv.md"
    cv.write_text(
        "Jane Doe\nProfessional Summary\nBackend engineer with eight years of Python.\n\n"
        "Relevant Work Experience\nSenior Engineer, Developer Tools\n03/2019 - Present\n"
        "- Built a billing API serving 2M users, cutting latency 40%\nKey Achievements:\n"
        "- Cut cloud spend 30% by moving batch jobs to spot instances\n"
        "- Owned the card payments platform in Go and Kafka for 2M users\n"
        "Key Technologies:\n- Python, Django, AWS\n"
        "Software Engineer, Deliveroo\nMar 2017 - Feb 2019\n- Built the rider dispatch API in Django\n\n"
        "TECHNICAL EXPERTISE\nPython, Go, PostgreSQL, Kubernetes\n\nEducation & Certifications\nBSc, 2014\n"
    )
    r = read_resume(cv, TODAY)
    assert r.sections == ["summary", "experience", "skills", "education"]
    # a role's line is no heading, and inside a role "Key Achievements" and "Key Technologies" head a part
    # of it: their bullets stay the role's, and the next role is read
    assert [(x.heading, x.start, len(x.bullets)) for x in r.roles] == [
        ("Senior Engineer, Developer Tools", "2019-03", 4),
        ("Software Engineer, Deliveroo", "2017-03", 1),
    ]
    assert [b.text for b in r.listed] == ["Python, Go, PostgreSQL, Kubernetes"]


@pytest.mark.parametrize(
    "line",
    [
        "Led the 2/2020 – 6/2020 migration of 40 services to Kubernetes for the payments team.",  # a bullet
        "Tel.: +49 89 1234 - 5678",  # no working life's years
        "Boston, MA 02139 - 2021",
    ],
)
def test_dates_that_open_no_role(tmp_path, line):
    cv = tmp_path / "cv.md"
    cv.write_text(
        f"Experience\nSenior Engineer, Acme\n03/2019 - Present\n{line}\n- Built the billing API in Go\n"
    )
    r = read_resume(cv, TODAY)  # one role, of its own dates (a place line under them joins its heading)
    assert [x.start for x in r.roles] == ["2019-03"] and r.roles[0].heading.startswith(
        "Senior Engineer, Acme"
    )
    assert r.skills["go"] == pytest.approx(7.7, abs=0.1)


def test_a_word_that_starts_like_a_month_is_no_month(tmp_path):
    cv = tmp_path / "cv.md"
    cv.write_text("Experience\nHead of Marketing 2019 – Present\n- Ran the growth team of 12 people\n")
    assert [(x.start, x.end) for x in read_resume(cv, TODAY).roles] == [("2019-01", None)]  # not March


def test_labelled_technology_lines_outside_a_skills_section(tmp_path):
    """ "Skills: …" under the name and "Environment: …" under a role, as many real resumes write them: listed
    (a line to show, not a bullet to coach), and the role's time where a dated role holds the line."""
    cv = tmp_path / "cv.md"
    cv.write_text(
        "Jane Doe\nSkills: Django, Terraform\nLanguages: English, French\nLanguages: Go\n\nExperience\n"
        "Senior Engineer, Acme\nJan 2020 - Dec 2023\n- Built a billing API serving 2M users, cutting latency 40%\n"
        "Environment: Python, PostgreSQL, RHEL\n"
    )
    r = read_resume(cv, TODAY)
    assert [b.line for b in r.listed] == [2, 4, 10]
    assert r.listed[2].skills == ["python", "postgresql", "rhel"] and r.listed[1].skills == ["go"]
    assert r.skills["postgresql"] == pytest.approx(4.0, abs=0.1)  # the role's four years
    assert r.skills["django"] == 0.0 and r.skills["go"] == 0.0  # listed, not dated
    assert [b.line for b in r.bullets] == [9]  # nothing to coach in a list of technologies
    assert r.roles[0].heading == "Senior Engineer, Acme"  # the stack line is no part of the role's heading
    fit = match_record(r, "p1", "Backend Engineer", {"skills": [{"id": "terraform", "required": True}]})
    assert [(x.name, x.status, x.proof, x.line) for x in fit.requirements] == [
        ("terraform", "met", "listed", 2)
    ]


def test_a_technology_line_wrapped_onto_the_next_line(tmp_path):
    """Consulting resumes wrap a long "Environment:" line, or put its values under the label: the next line
    goes on with it, and the next role's heading is its own."""
    cv = tmp_path / "cv.md"
    cv.write_text(
        "Experience\nSenior .NET Developer, Anthem\nJan 2020 - Dec 2022\n- Built claims APIs for 3M members in C#\n"
        "Environment: C#, ASP.NET Core, SQL Server, Azure DevOps,\nAzure Functions, Redis, Docker, Kubernetes\n"
        "Developer, Acme\nJan 2017 - Dec 2019\n- Built billing screens for the sales team\nEnvironment:\n"
        "Java, Spring, Oracle\n"
    )
    r = read_resume(cv, TODAY)
    assert [(x.heading, x.start) for x in r.roles] == [
        ("Senior .NET Developer, Anthem", "2020-01"),
        ("Developer, Acme", "2017-01"),
    ]
    assert [b.line for b in r.listed] == [5, 10]
    assert r.skills["kubernetes"] == r.skills["redis"] == pytest.approx(3.0, abs=0.1)  # the Anthem role's
    assert r.skills["oracle"] == pytest.approx(3.0, abs=0.1)  # the Acme role's


def test_a_current_role_counts_up_to_the_day_given():
    later = read_resume(FIXTURES / "dana.md", dt.date(2030, 3, 1))
    assert later.as_of == "2030-03" and later.skills["kafka"] == pytest.approx(10.1, abs=0.1)
    assert later.total_years > read_resume(FIXTURES / "dana.md", TODAY).total_years


def test_a_skill_only_in_their_stack_is_context_not_a_requirement():
    """ "Our stack is Redis and Rust" (asked: false) is listed apart as their stack, matched to the resume
    all the same, and counted in no total; a record without `asked` asks for every skill."""
    resume = read_resume(FIXTURES / "dana.md", TODAY)
    record = {
        "languages": ["python", "rust"],
        "skills": [
            {"id": "python", "required": True},
            {"id": "kafka", "required": True},
            {"id": "docker", "required": True, "asked": False},
            {"id": "rust", "required": True, "asked": False},
        ],
    }
    fit = match_record(resume, "p", "t", record)
    assert [(r.name, r.status) for r in fit.requirements] == [("python", "met"), ("kafka", "met")]
    assert [(r.kind, r.name, r.status) for r in fit.stack] == [
        ("stack", "docker", "met"),
        ("stack", "rust", "missing"),
    ]
    assert (fit.required_met, fit.required_total, fit.nice_total) == (2, 2, 0)
    assert (
        fit.summary
        == "required: 2 of 2 met, 0 partly; nice-to-have: 0 of 0 met; in their stack, not asked for: docker, rust"
    )
    assert fit.as_dict()["stack"][0]["evidence"]  # the JSON carries the stack and its resume lines
    older = {**record, "skills": [{"id": s["id"], "required": True} for s in record["skills"]]}
    fit = match_record(resume, "p", "t", older)
    assert fit.stack == [] and fit.required_total == 4 and "rust" in fit.summary.split("missing: ")[1]


def test_a_lane_match_counts_only_asked_skills():
    frame = make_frame(
        [
            {"id": "a", "language": ["python"], "skill": [("kafka", True, True), ("terraform", True, False)]},
            {"id": "b", "language": ["python"], "skill": [("terraform", True, False)]},
            {"id": "c", "language": ["python"], "skill": [("terraform", True, True)]},
        ]
    )
    result = match_lane(read_resume(FIXTURES / "dana.md", TODAY), frame, Lane())
    by_id = {f.posting_id: f for f in result.ranked}
    assert by_id["b"].required_total == 1 and [r.name for r in by_id["b"].stack] == ["terraform"]
    assert by_id["c"].required_total == 2 and by_id["c"].stack == []
    assert ("terraform", 1, 1 / 3) in result.learn_next  # one posting asks for it; two only use it
