"""Skills a posting asks for against skills it only says the company uses (its stack, about-us text,
"we use …"); topics as a field of their own."""

from __future__ import annotations

import pytest

from rolemap.extract.engine import extract_text
from rolemap.extract.sections import classify_heading
from rolemap.models import Extraction, Skill


def skills_of(text: str) -> dict[str, tuple[bool, bool]]:
    """skill id → (asked, required)."""
    return {s.id: (s.asked, s.required) for s in extract_text("t", text).skills}


# a skill only used keeps the contract's `required` (false only when softened, as LABELING.md has it)
ASKED, NICE, USED = (True, True), (True, False), (False, True)

CASES = [
    # from Hacker News postings (2013-2018), shortened
    ("Backend Engineer\nOur stack is Python/Django/MySQL on the backend.", {"django": USED, "mysql": USED}),
    ("Engineer\nTech Stack: Golang, Docker, AWS, Terraform & Packer for Ops.", {"docker": USED, "aws": USED}),
    ("Engineer\nWe use Ruby on Rails, RSpec, Postgres and React on AWS.", {"rails": USED, "aws": USED}),
    ("Engineer\nOur apps are hosted on Microsoft Azure.", {"azure": USED}),
    ("Engineer\nThe frontend is built on React, Redux and Webpack.", {"redux": USED, "webpack": USED}),
    # an ask word after the cue ends the used stretch; one before it makes the whole sentence an ask
    ("Engineer\nWe use Terraform, and you know Kafka well.", {"terraform": USED, "kafka": ASKED}),
    ("Engineer\nExperience with services built on GCP.", {"gcp": ASKED}),
    # asked anywhere else: asked
    ("Engineer\nOur stack: Redis, Kafka.\nRequirements:\n- 3 years with Kafka", {"redis": USED, "kafka": ASKED}),
    # asked softly elsewhere: asked, not required
    ("Engineer\nWe use Redis.\nRedis cluster experience is a plus.", {"redis": NICE}),
    # about-us and stack sections
    ("Engineer\nAbout us:\nAcme runs payroll on Rails and PostgreSQL.\n\nRequirements:\n- Docker",
     {"rails": USED, "postgresql": USED, "docker": ASKED}),
    ("Engineer\nOur Tech Stack:\n- Elasticsearch\n- Redis\n\nYou have:\n- Kafka",
     {"elasticsearch": USED, "redis": USED, "kafka": ASKED}),
    # "Skills:" inside an about section still asks
    ("Engineer\nAbout us:\nWe are a small team.\nSkills: Cassandra, Kafka", {"cassandra": ASKED, "kafka": ASKED}),
    # plain requirements stay as they were
    ("Engineer\nRequirements:\n- PostgreSQL and Redis\n- Kafka is a plus", {"postgresql": ASKED, "kafka": NICE}),
    # a board's run-on line: a word after its item softens that item, not the capital's new item after it
    ("DBA\nRequirements: Galera a plus Familiarity with Percona toolkit", {"galera": NICE, "percona-toolkit": ASKED}),
    ("Tech\nRequirements: 1+ years experience desired Requires knowledge of Outlook",
     {"outlook": ASKED}),
    ("DBA\nRequirements: Galera is a plus Familiarity with Percona toolkit", {"percona-toolkit": ASKED}),
    ("Dev\nRequirements: Kafka a plus • Docker experience required", {"kafka": NICE, "docker": ASKED}),
    # ... unless it follows a list's label ("the following", "Tools") or a label follows it
    ("Dev\nRequirements: Experience with the following preferred Kafka, Spark", {"kafka": NICE, "spark": NICE}),
    ("Dev\nRequirements: Tools preferred Jira Confluence", {"jira": NICE}),
    ("Dev\nRequirements: Additional desired Skills: Kafka, Redis", {"kafka": NICE}),
    # ... up to the next bullet of its run-on line
    ("Dev\nRequirements: • Java • Tools preferred Jira, Confluence • Docker", {"jira": NICE, "docker": ASKED}),
    ("Dev\nRequirements: Jira preferred Required Skills: Java, Docker", {"jira": NICE, "docker": ASKED}),
    ("Dev\nQualifications Preferred Microsoft Azure or other cloud technologies", {"azure": NICE}),
    # an inline bulleted item is softened whole by a word after it, up to its bullet
    ("Physicist\nRequirements: • Familiarity with Cadence, mask layout, physics-based simulation, circuit "
     "design, verification and fabrication desired • Familiarity with quantum mechanics", {"cadence": NICE}),
    ("PM\nRequirements: · Requires a minimum of ten years with Kubernetes and a background in Information Security "
     "and Risk Management with prior experience in a security leadership position is a huge plus", {"kubernetes": ASKED}),
    # "preferably" and "bonus" soften what follows them, capital or not
    ("Engineer\nRequirements:\n- Mobile apps, preferably Android", {"android": NICE}),
    ("Engineer\nSkills should include R, bonus ArcGIS", {"arcgis": NICE}),
    # a seam inside a technology's name ends no sentence: "TypeScript", "GitHub" had cut the softened and
    # the used stretches at their capital (Session 36: 1,072 skills of 8,711 corpus postings change, nearly
    # all HN stacks, "We use Ruby, … and JavaScript (JQuery, Underscore.js)", that had read as asked)
    ("Engineer\nRequirements: Python.\nNice to have: TypeScript, Rust, Kafka.", {"kafka": NICE}),
    ("Engineer\nWe use JavaScript (jQuery, Underscore.js), GitHub and CircleCI.", {"jquery": USED, "circleci": USED}),
    # ... while a board's glued lines still end one ("...a plusDocker experience required")
    ("Dev\nRequirements: Kafka is a plusDocker experience required", {"kafka": NICE, "docker": ASKED}),
    # a capitalised label with its colon softens what follows, not the glued items before it (Dice)
    ("Dev\nRequirements:- 4- 5+ years in JavaScript- Comfortable with Linux- Git - UX DesignPluses:- Python",
     {"linux": ASKED, "git": ASKED}),
    # a full stop glued to a bullet ends its sentence ("Outlook.· Associates degree preferred")
    ("Clerk\nMinimum Requirement· Computer proficiency with MS Word, Excel, PowerPoint, and Outlook.· "
     "Associates degree preferred· Familiarity with SAP", {"excel": ASKED, "outlook": ASKED}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_asked_or_only_used(text, expected):
    found = skills_of(text)
    for skill, value in expected.items():
        assert found.get(skill) == value, (skill, found)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Our Tech Stack:", "stack"),
        ("Technologies we use", "stack"),
        ("We're hiring:", "hiring"),
        ("About us:", "about"),
        ("Other Prerequisites:", "requirements"),
        ("Pre-requisites:", "requirements"),
        ("Full Stack Developer", None),  # a role, not a stack heading
        ("passionate about solid code", None),  # "about" in a line is no about-us heading
        ("https://acme.com/about/jobs", None),  # a link heads nothing
        # a board's heading in title case, longer than four words
        ("Job Education, Experience, And Qualifications", "requirements"),
        ("Minimum Education And Experience Requirements", "requirements"),
        # a role's title or a list item in title case heads nothing
        ("Senior Software Engineer, Employee Benefits Platform", None),
        ("Experience With Kubernetes And Terraform", None),
        ("You will need five years of experience and a degree", None),  # a sentence
    ],
)
def test_headings_of_stack_and_about_parts(line, kind):
    assert classify_heading(line) == kind


def test_a_used_only_skill_comes_last():
    record = extract_text(
        "t", "Engineer\nOur stack: Redis.\nRequirements: Kafka; Docker is a plus."
    ).as_dict()
    assert record["skills"] == [
        {"id": "kafka", "required": True, "asked": True},
        {"id": "docker", "required": False, "asked": True},
        {"id": "redis", "required": True, "asked": False},
    ]


def test_topics_are_a_field_with_evidence():
    text = "Engineer\nYou know data structures and Kafka; we care about scalability."
    record = extract_text("t", text).as_dict()
    assert record["topics"] == ["data-structures", "scalability"]
    assert "scalability" not in {s["id"] for s in record["skills"]}
    spans = record["evidence"]["topics"]
    assert [text[s["start"] : s["end"]] for s in spans] == ["data structures", "scalability"]
    assert extract_text("t", "Engineer\nKafka.").as_dict()["topics"] == []


def test_records_read_back_keep_asked_and_topics_and_old_records_read_as_asked():
    record = extract_text("t", "Engineer\nWe use Redis. You know Kafka and scalability.")
    assert Extraction.from_dict(record.as_dict()) == record
    old = {"id": "o", "skills": [{"id": "kafka", "required": True}]}
    assert Extraction.from_dict(old).skills == (Skill("kafka", True, True),)


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("BS/MS/PhD in Computer Science, Statistics, Math or related field. Kafka, Docker.", "statistics", "kafka"),
        ("Bachelor's degree in Computer Science, MIS or other related field. 5 years of SQL.", "mis", "sql"),
        ("Bachelor’s Degree (Computer Science, Mathematics or Statistics). PostgreSQL and SQL.", "statistics", "sql"),
    ],
)  # fmt: skip
def test_a_field_of_study_named_with_a_degree_is_no_skill(text, absent, present):
    """LABELING: skills are not degrees. What follows 'degree in' is what was studied."""
    ids = {s.id for s in extract_text("x", "Data Engineer\n" + text).skills}
    assert absent not in ids and present in ids


@pytest.mark.parametrize(
    "text",
    [
        "A degree and experience with Tableau and R.",  # asked, after the degree's list ended
        "Scrum Master (SAP environment). Run the sprints.",  # a role, not a master's degree
        "Degree in Computer Science or a related fieldAgile experience",  # glued: a line break lost
        "Requirements:\n- Bachelor's degree in Computer Science\n- Django\n- AWS",  # a new line, a new item
        "MS in Statistics, Docker and SQL required.",  # no field list: asks for them
        "a high degree of Kubernetes expertise",
        "MS (Microsoft) SQL Server",
    ],
)
def test_a_skill_after_a_degree_that_is_not_its_field_stays(text):
    assert extract_text("x", "Data Engineer\n" + text).skills


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a suite's parts listed in its brackets are the suite asked for
        (
            "Clerk\nRequirements: Proficient in MS Office (Word, Excel, PowerPoint, and Outlook).",
            ["microsoft-office"],
        ),
        ("Clerk\nRequirements: Microsoft Office Suite (Word, Excel, Outlook)", ["microsoft-office"]),
        ("Clerk\nRequirements: MS Office (Word, Excel, Project, Teams, etc.)", ["microsoft-office"]),
        ("Clerk\nRequirements: MS Office (Word, Excel, PowerPoint, Visio)", ["microsoft-office", "visio"]),
        # a part singled out, qualified, or named again on its own is asked; an unclosed bracket lists nothing
        (
            "Clerk\nMicrosoft Office (including advanced Excel, PowerPoint)",
            ["microsoft-office", "excel", "powerpoint"],
        ),
        ("Clerk\nMS Office (Advanced Excel, Word)", ["microsoft-office", "excel", "microsoft-word"]),
        ("Clerk\nMS Office (Word 2016, Excel 2016)", ["microsoft-office"]),
        (
            "Clerk\nMS Office (Word, Excel. Advanced Outlook skills.",
            ["microsoft-office", "microsoft-word", "excel", "outlook"],
        ),
        ("Clerk\nRequirements: Microsoft Office (primarily Excel).", ["microsoft-office", "excel"]),
        ("Clerk\nMicrosoft Office (Word, Excel). Advanced Excel skills.", ["microsoft-office", "excel"]),
        # a family of products is no suite: each distribution is named
        ("Admin\nRequirements: Linux (RHEL, CentOS), Excel", ["linux", "rhel", "centos", "excel"]),
    ],
)
def test_a_suites_parts_in_its_brackets_are_the_suite(text, expected):
    assert [s.id for s in extract_text("t", text).skills] == expected
