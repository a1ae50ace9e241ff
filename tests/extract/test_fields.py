import pytest

from rolemap.extract import extract_text
from rolemap.extract.document import Document
from rolemap.extract.sections import classify_heading
from rolemap.extract.work_model import detect_work_model
from rolemap.extract.years import extract_years


def doc(title, body):
    return title + "\n" + body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Backend engineer. No remote.", "onsite"),
        ("Hybrid, 3 days in office a week, London", "hybrid"),
        ("Remote within the US", "remote"),
        ("ONSITE or REMOTE", "remote"),
        ("We build remote sensing software for satellites. Our office is in Berlin.", None),
        ("Work with remote teams across time zones from our NYC office, onsite.", "onsite"),
        ("Remote is not available for this position.", "onsite"),
        ("Fully remote, work from anywhere in the EU", "remote"),
        ("2 days a week in the office, the rest from home", "hybrid"),
        ("Telecommute opportunity", "remote"),
        ("Full-time. Remote not OK. Will support visa transfers.", "onsite"),
        # part of the time in the office is hybrid; all of it is onsite
        ("All positions are required to work on-site 75% of the time.", "hybrid"),
        ("You will work in the office 3 days a week.", "hybrid"),
        ("You will be on-site 100% of the time.", "onsite"),
        # part-time is the job's hours, not its place: "a part-time remote role" is remote
        ("This is a part-time remote role for a Licensed Financial Professional.", "remote"),
        ("ONSITE OR PART-TIME REMOTE", "hybrid"),
        ("Full-Time | ONSITE, PART TIME REMOTE | VISA", "hybrid"),
        ("We allow part-time remote work and arrange visas.", "hybrid"),
        # LinkedIn's recruiters' tags; a virtual role; remote refused
        ("Apply online. #LI-Remote", "remote"),
        ("We are growing. #LI-Hybrid", "hybrid"),
        ("This role is fully virtual so you can be located anywhere.", "remote"),
        ("For technical issues with the Virtual Job Tryout assessment, call us.", None),
        ("This position is based in our Denver office and is unavailable for remote work.", "onsite"),
        # a working week's days in the office are all of it; a hybrid cloud is no work model
        ("The team works 5 days in the office.", "onsite"),
        (
            "Experience with Hybrid/Private/Public cloud platforms. Location: Austin, TX (5 days per week onsite)",
            "onsite",
        ),
        ("Interview process: a phone screen, then a 0.5 day onsite interview.", None),
        ("5 days in the office per month, the rest from home", "hybrid"),
        ("Must be in the office 5 days a week", "onsite"),
        ("5 Days in the office", "onsite"),
        ("In office 2-5 days a week", "hybrid"),
        ("5 days in the office every other week", "hybrid"),
        # a flag in capitals glued to the next field; a remote company's culture
        ("Role: Security ManagerLocation: REMOTEStart Date: Immediate.", "remote"),
        ("You can thrive in a fully remote work culture.", "remote"),
        ("Experience working in fully remote teams across time zones", None),
        ("Experience working in a fully remote team. Onsite in our Boston office.", "onsite"),
        ("We're not a fully remote company: we work together in our Berlin office.", "onsite"),
    ],
)
def test_work_model(text, expected):
    assert detect_work_model(Document.read(doc("Engineer", text)))[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Requirements:\n- 8–10+ years of experience, including 2+ years of Go", 8),
        (
            "Requirements:\n- 5+ years of professional software development experience\n- 3 years with Kafka",
            5,
        ),
        ("Requirements:\n- 3-5 years of experience with Java", 3),
        ("We were founded 10 years ago.\nRequirements:\n- 2+ years of backend experience", 2),
        ("You have a minimum of seven years of experience in software engineering", 7),
        ("Requirements:\n- 3+ years of Python\n- 5+ years of SQL", 5),
        ("Nice to have:\n- 10 years of experience in fintech", None),
        ("Qualifications: Three or more years' experience in software development", 3),
        # a bound in brackets beside the role is its experience; a length or an age is not
        ("They are looking for a senior (10+ years) full-stack Java developer.", 10),
        ("Adventure Fellowship (1 year): a year building apps.", None),
        ("We're an established (20+ years) company in the Madison area.", None),
        ("Duration: Long Term (2+ years)\nMust have 5+ years of Java experience.", 5),  # a contract's length
        ("Requirements:2-5 or more years of developing automated tests", 2),
        ("Java developer with team lead experience (at least two years).\n6+ years of experience", 6),
        # the company's own years: "its" or "our" right before the number
        ("Tapping into its 30+ years of industry experience, we insure drivers.", None),
        ("We are leveraging our 30 years in the textbook business.\nYou bring 4+ years of experience.", 4),
        # a number word with its digits in brackets
        ("Requirements: Five (5) or more years of experience.", 5),
        ("At least one (1) to two (2) years of experience in working with families", 1),
        # an activity opening a requirement's item; in a sentence an -ing clause is no requirement
        ("Qualifications:\n- 2+ years shipping web applications to production", 2),
        ('Requirements:\n" Three or more years architecting and designing complex applications', 3),
        ("We've been profitable for over four years, enabling long-term decisions.", None),
        ("Students spend two years learning CS theory.", None),
        # a board's lost line break glues the next item to a full stop: "preferred" softens only its own
        ("Bachelor's Degree preferred.3-4 years of experience in Computer Science.", 3),
        ("Bachelor's Degree preferred. 3-4 years of experience is a plus.", None),
        ("High school diploma preferred or equivalent3+ years of experience in maintenance.", 3),
        # a nice-to-have word softens no further than its brackets or a turn of its sentence; a label alone
        # in brackets opening an item softens the item
        ("Bachelor's degree preferred, but HS Diploma/GED and 1+ years of experience accepted.", 1),
        (
            "Degree in Logistics (preferred) or related field, or equivalent experience 3-5 years related experience.",
            3,
        ),
        ("Requirements:\n- Experience (ideally, at least 2 years) building single-page applications", None),
        ("Requirements:\n-(Desired) At least 2 years experience in ads.", None),
        # a trailing word in brackets with what it softens softens that, not the years before the brackets
        ("Requirements: BS in Engineering, 6-8 years of experience, (MS preferred) and more.", 6),
        ("Have at least 3 years (5+ years is preferred) experience in Property Management.", 3),
        ("Requirements: 1-2 years in the HOA management field (strongly preferred).", None),
        # a nice-to-have heading glued on after an item heads what follows it
        ("Requirements:3+ years R development experiencePreferred Qualifications: a PhD", 3),
        (
            "Requirements: Minimum of 1 year customer service experience is preferred Experience proctoring",
            None,
        ),
        # ... and on a run-on line, no further than the next item's capital
        (
            "Requirements: Experience with eBTax preferred Accounting experience required Advanced Oracle "
            "expertise (Over 10+ years with Oracle eBusiness Suite)",
            10,
        ),
        (
            "QUALIFICATIONS: Degree or Certification preferred Minimum of two years’ industry experience required",
            2,
        ),
        (
            "Requirements: * Data mapping and query skills a plus * Marketing industry a plus * 3+ years BSA "
            "experience required",
            3,
        ),
        (
            "Desired Tech Skills:\n* Go.\n\nOther Prerequisites:\n* At least 3 years of experience shipping software.",
            3,
        ),
        # a trailing word softens its own clause of an inline bulleted item, not the years before it
        (
            "Requirements: * 5+ years of professional software development experience building distributed "
            "systems, experience in fintech preferred * Docker",
            5,
        ),
        ("Requirements: Degree preferred Experience: 5+ years of Java", 5),
        ("Requirements: * Communication skills a plus * 3+ years of Java required", 3),
        # "preferably" and "ideally" soften what follows them, not the years before
        ("Requirements:\n- 5+ years of HR experience, preferably within a manufacturing plant", 5),
        ("Requirements:\n- Ideally 5+ years of HR experience", None),
        # a kind of software work is overall experience with its field's noun, a skill's years with a tool's
        (
            "Requirements:\n* Web developer with 3+ years of industry experience\n"
            "* 2+ years of experience with a backend MVC framework",
            3,
        ),
        # a word that is no general qualifier before "experience" names what the years are of
        ("Requirements:\n- Minimum 5 years of Haskell experience\n- 8+ Years of engineering experience", 8),
        ("Requirements:\n- 3 years Django experience\n- 5 years of relevant professional experience", 5),
        # "Years" glued to the next field's label
        ("No H1-Transfer Experience Level : 12-15 YearsInterview Mode : L1 Interview", 12),
        # "yrs." abbreviated, glued on to the sentence before; a sentence's full stop after "years" is no part
        (
            "Oracle RDBMS skills, preferably 11g and 12c.10+ yrs. experience with Oracle Database Administration.",
            10,
        ),
        ("Requirements: Java experience of 7 years. 3 years of professional experience.", 3),
        # a mention soon after another is read too, with its kind written before it
        (
            "Required Skills (Technical expertise of 4+ years the below areas, overall IT experience of 6+ years):",
            6,
        ),
        ("Requirements:\n- 4+ years of Java, 6+ years of professional experience", 6),
        # what the experience is of, after it or in many words before it
        ("Requirements: 1) 10+ years of Total IT Experience 2) 5+ years experience utilizing QlikView", 10),
        (
            "Requirements:\n* 7+ years of experience\n* 5+ years of relevant Linux Apache Web administration experience",
            7,
        ),
        (
            "Requirements:\n- At least 4 years experience in PHP\n- At least 2 years experience using Symfony",
            4,
        ),
        # a range written with its unit twice is one range
        ("Experience: 3 Years to 6 Years", 3),
        ("Requirements: 5 years to 10 years in software development", 5),
        ("Requirements: Minimum 3 years, maximum 6 years of experience", 3),
        # "including" is no activity the years are spent on
        ("Requirements:\n- 5+ years of experience including team leadership\n- 8+ years with Java", 5),
        # overall experience named before the number, on its own line, after a bullet or a lead-in
        ("Requirements:\nOverall IT experience of 6+ years\n8 years of Java", 6),
        ("Requirements:\n- Overall IT experience of 6+ years\n- 8 years of Java", 6),
        ("Requirements: You must have overall experience of 6+ years. 8 years of Java.", 6),
        # "-plus" as "+", expertise as experience; a company's age ("one year in, and"), years of school
        ("Minimum qualifications: 10-plus years' as a business analyst", 10),
        ("Requirements:- BS in engineering- 3+ years expertise in process automation", 3),
        ("We are a startup, one year in, and growing fast.", None),
        ("We took our first round 10 years in and have big plans.", None),
        ("Requirements: 5+ years in and around payments.", 5),
        ("With over 30 years expertise, Acme leads the market.", None),
        (
            "Education: 4 years of education above the high school level, or 1 year of specialized experience.",
            1,
        ),
        # a benefit's waiting period is no experience asked
        ("Medical after 60 days of employment. 401K match after 1 year of employment.", None),
        ("Requirements: 5+ years of employment in software development.", 5),
        # a company's years of service, operations or success are its own; a product named like them is not
        ("Required Qualifications:Minimum 3+ years of ServiceNow development experience", 3),
        ("We have over 25 years of successful collaboration in affordable technologies.", None),
        ("Valued at $180 million after just 3 years of operations.", None),
        ("Qualifications: A minimum of 7 years of successful IT Project Management experience", 7),
        (
            "Acme brings 25 years of success delivering a great customer experience. Requirements: 3+ years of Java.",
            3,
        ),
        ("Acme has provided 20 years of services to the government. Requirements: 3+ years of Java.", 3),
        # a degree alternative: the smallest; an alternative after "or" refines nothing
        ("Requirements: BS with 5 years of experience or MS with 3 years of experience.", 3),
        (
            "5+ years of relevant experience with Bachelor's Degree or 3+ years of relevant experience with a "
            "Master's degree",
            3,
        ),
        # a name that starts like a degree is a field's: "Master Data Management", "MS SQL Server"
        (
            "Requirements: 5+ years of development experience. 3+ years' experience with Master Data Management.",
            5,
        ),
        ("Requirements: 4+ years of .NET development. 2+ years using MS SQL Server.", 4),
        # IT as a whole field is overall experience; a part of it is a skill's
        ("Requirements: 3+ years of experience in IT. 2 years of experience with IT Project Management.", 3),
        ("Requirements: 5 years of experience in the IT industry. 7 years of Java.", 5),
        ("Requirements: 5+ years of experience in IT or a related field. 7 years of Java.", 5),
        ("Requirements: 4+ years of software development. 2+ years managing associates in a store.", 4),
        # an "or" inside the first mention is no alternative: the second still refines it
        ("Requirements: 8+ years of experience in Java or Python, including 2+ years of team leadership", 8),
        ("Requirements: 3 years or more of experience, with 1 year of experience in a similar role", 3),
    ],
)
def test_years_of_experience(text, expected):
    years, _ = extract_years(Document.read(doc("Engineer", text)))
    assert (years or {}).get("min") == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Backend Engineer", "senior"),
        ("Sr. Software Engineer", "senior"),
        ("Staff Engineer", "staff"),
        ("Principal Engineer", "staff"),
        ("Engineering Manager, Payments", "manager"),
        ("Head of Platform", "manager"),
        ("Junior Python Developer", "junior"),
        ("Software Engineering Intern", "intern"),
        ("Backend Engineer II", "mid"),
        ("Rails Engineer - Risk I/O", None),  # I/O is no level I
        ("Lead Developer", "staff"),
        ("Team Lead, Backend", "manager"),
        # senior written before a staff word: the first title word, as the labels read it
        ("Senior Systems Architect", "senior"),
        ("Sr. Developer / Tech Lead", "senior"),
        ("Lead Senior Developer", "staff"),
        ("Software Development Manager", "manager"),
        ("Business Development Manager", None),  # sells: the level from years, if any
        # the abbreviations titles write: Dir., Mgr, SVP
        ("Dir / Sr Dir SaaS Development", "manager"),
        ("Mgr Software Development", "manager"),
        ("SVP Technology", "manager"),
        ("Directory Services Engineer", None),
        ("Project Mgr", None),  # a bare manager says nothing, abbreviated or not
    ],
)
def test_seniority_from_title(title, expected):
    assert extract_text("x", doc(title, "We build APIs.")).seniority == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the title again as a field of the description, naming one role
        ("\nDavid | San Francisco, CA | Full-time\nWe ship.\nPosition: Senior Engineer | Salary: $80-$125k", "senior"),
        ("Engineer\nRoles: Senior Engineer, Junior Designer\nWe build.", None),  # no single level
        ("Manager\nPosition: Social Media Manager/SpecialistLocation: HybridType: Full-time/Internship", None),
        # the next field glued on where the board lost the line break ends the title
        ("Dotnet Developer\nJob Title: Sr .Net DeveloperHybridExp Required: 10+Location: Richmond, VA", "senior"),
        ("Developer\nJob Title: Senior JavaScript Developer", "senior"),  # a brand's capital is no glued field
        ("Manager\nPosition: BDM (Business Development Manager). 5+ years of sales.", "senior"),  # sells
        ("Therapist\nTitle: Therapist FLSA: Exempt. Supervisor: Clinical Program Manager/DirectorDate: 4/19/2024", None),
        ("SRE Engineer\nKeep the site up.", None),  # "Sr." is senior; "SRE" is no level
        # the level a hiring sentence gives the role it asks for, over the years
        ("Full Stack Engineer\nWe're looking for a senior full stack developer. 3+ years of experience.", "senior"),
        ("Java Developer\nLooking for two-to-three Senior Java Developers with eCommerce experience.", "senior"),
        ("Consultant\nAs a Senior Consultant, you will lead projects.", "senior"),
        ("OpenStack Engineer\nAs a senior member of the team, you will lead. 3+ years of experience.", "senior"),
        ("Full Stack Engineer\nWe are looking for a a senior full stack developer. 3+ years of Node.", "senior"),
        ("Developer\nHe is a senior member of the board. 3+ years of experience.", "mid"),  # no hiring cue
        ("Developer\nWe are hiring senior and junior developers.", None),  # no one level
        ("Developer\nLooking for senior and associate software engineers.", None),
        ("Developer\nYou will work with senior engineers. 3+ years of experience.", "mid"),  # no hiring cue
        ("Technical Recruiter\nYou will own hiring senior engineers across teams.", None),  # a duty
        ("Developer\n3+ years of experience, including time as a junior developer.", "mid"),  # a past role
        # words that praise the role before its level
        ("Developer\nWe are looking for a talented senior developer. 3+ years of experience.", "senior"),
        ("Developer\nWe are seeking a highly motivated junior engineer. 3+ years of experience.", "junior"),
        ("Developer\nWe are looking for a junior to senior developer. 3+ years of experience.", "mid"),  # a range
        ("Developer\nWe are looking for a full-time staff member. 3+ years of experience.", "mid"),  # the staff
        ("Recruiter\nWe are looking for a recruiter for senior engineering roles.", None),  # another's level
        ("Developer\nWe are looking for a strong mid-level dev or a senior dev.", None),  # no one level
    ],
)  # fmt: skip
def test_seniority_from_a_title_field_in_the_description(text, expected):
    assert extract_text("x", text).seniority == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a post without a title whose roles all name one level is at that level, before the years asked
        ("\nAcme | Berlin\nOpen positions:\n- Senior Backend Engineer\n- Senior Frontend Developer\n"
         "3+ years of experience.", "senior"),
        # roles that name different levels, or one that names none, do not: the years decide, or nothing
        ("\nAcme | Berlin\nOpen positions:\n- Senior Backend Engineer\n- Frontend Developer\n"
         "3+ years of experience.", "mid"),
        ("\nAcme | Berlin\nOpen positions:\n- Senior Backend Engineer\n- Junior Frontend Developer\n", None),
        # "I'm one of the engineers" is a sentence, no role at level I
        ("\nAcme | Berlin\nI'm one of the engineers here. We build maps.", None),
    ],
)  # fmt: skip
def test_seniority_of_a_post_whose_roles_agree(text, expected):
    assert extract_text("x", text).seniority == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # an architect of a technology or of a software family is at staff level, whatever the years
        ("Azure Architect", "Requirements: 3+ years of Azure experience designing cloud solutions.", "staff"),
        ("SAP FICO Architect", "Lead the design of our finance modules.", "staff"),
        # an architect of buildings or gardens, or a role of two titles, is read by its years
        ("Landscape Architect", "Design parks and gardens. 3+ years of landscape design experience.", "mid"),
        ("Java Developer/Architect", "Requirements: 3+ years of Java experience.", "mid"),
        ("Java Developer and Architect", "Requirements: 3+ years of Java experience.", "mid"),
        # an architect named by a design tool is a building's; a level the text gives stands
        ("Revit Architect", "Design buildings. 3+ years of experience. Python and SQL for our tools.", "mid"),
        ("SAP FICO Architect", "We are looking for a Senior SAP FICO Architect to lead the design.", "senior"),
    ],
)  # fmt: skip
def test_an_architect_of_software_is_at_staff_level(title, body, expected):
    assert extract_text("x", doc(title, body)).seniority == expected


def test_seniority_from_years_when_title_is_silent():
    assert (
        extract_text("x", doc("Backend Engineer", "Requirements:\n- 3+ years of experience")).seniority
        == "mid"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Full-time, permanent", "full_time"),
        ("This is a 6 month contract (C2C ok)", "contract"),
        ("Part-time role, 20 hours", "part_time"),
        ("Summer internship", "internship"),
        ("Temporary assignment", "temporary"),
        # a staffing agency's fields, the line break after the location lost by the board
        ("Location: Quincy, MADuration: 6 months The analyst will support the PMO.", "contract"),
        ("Location: Miami, FLPosition Type: ContractDiane Douglas, Recruiter", "contract"),
        ("Position-Software DeveloperLocation- Duluth, GA.Duration-6 Months", "contract"),
        ("Hartford, CT6 Months – Right to Hire ** NO THIRD PARTY", "contract"),
        ("Location: Foster City, CAType: Contract on W2 onlyRole and Responsibilities", "contract"),
        # a direct hire is a permanent placement; an agency's direct-hire services are no term of this job
        ("THIS IS A DIRECT HIRE ROLE. ONLY LOCAL CANDIDATES WILL BE CONSIDERED.", "full_time"),
        ("Position Type: Direct HirePosition Location: Middle East", "full_time"),
        ("Since 1995 we have provided IT Consulting and Direct Hire Services to insurers.", None),
        ("Acme Staffing specializes in contract and direct hire opportunities in IT.", None),
        ("Contract to direct hire position.", "contract"),
        ("Temp to direct hire role after 90 days.", "temporary"),
        # a contract and its length, and a contract opening
        ("Our client, a global leader. Contract – 12 months - Location: Dover, NH (Onsite)", "contract"),
        ("Nice and friendly attitude ...contract 3-6 months or could go perm later.", "contract"),
        ("Our client has a contract opening for a VistA Test Engineer to work remotely.", "contract"),
        ("Location: Boston, MA. Contract 6-12 months.", "contract"),
        ("Location: Boston, MA. Contract 6 - 12 months.", "contract"),
        # a duration field: a span of months, a range, at least some months, or a long or short term
        ("Title: SharePoint DeveloperDuration 6-12 monthsLocation: Boston, MA", "contract"),
        ("Location: Mountain view, CA Duration: 12+ Months We are a team", "contract"),
        ("Location: RemoteDuration: Long-TermW2 candidates Only", "contract"),
        ("The duration of the onboarding is two weeks. Full-time role.", "full_time"),
        ("RJMetrics builds dashboards. Come work with us.", None),  # no glue in a name
        ("Acme reserves the right to hire candidates at any level.", None),  # a disclaimer, no contract
    ],
)
def test_employment_type(text, expected):
    assert extract_text("x", doc("Engineer", text)).employment_type == expected


def test_languages_handle_ambiguous_words():
    e = extract_text(
        "x",
        doc(
            "Backend Engineer (Go)",
            "Go to our site to apply. We write services in Go, "
            "C/C++ and C#, with Node.js. Rust developers welcome.",
        ),
    )
    assert e.primary_language == "go"
    assert set(e.languages) == {"go", "c", "cpp", "csharp", "javascript", "rust"}


def test_spring_season_is_not_the_framework():
    assert "spring" not in {s.id for s in extract_text("x", doc("Intern", "Spring 2027 internship")).skills}


def test_skills_required_flag_follows_sections_and_sentences():
    e = extract_text(
        "x",
        doc(
            "Engineer",
            "Requirements:\n- Python, PostgreSQL\n- Kafka experience is a plus\n"
            "Nice to have:\n- Terraform\n\nBenefits:\n- Free Docker stickers",
        ),
    )
    skills = {s.id: s.required for s in e.skills}
    assert skills["postgresql"] is True
    assert skills["kafka"] is False
    assert skills["terraform"] is False
    assert "docker" not in skills


def test_urls_and_emails_name_no_skill():
    e = extract_text("x", doc("Engineer", "Apply at https://golang.jobs/python or jobs@ruby.example"))
    assert e.languages == ()


def test_evidence_offsets_point_into_the_document_text():
    text = doc(
        "Senior Python Engineer", "Remote. $150k-$180k. Requirements: 5+ years of experience with Django."
    )
    record = extract_text("x", text).as_dict()
    for spans in record["evidence"].values():
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]
    assert record["salary"] == {"min": 150000, "max": 180000, "currency": "USD", "period": "year"}


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Requirements:", "requirements"),
        ("## What you will do", "responsibilities"),
        ("Nice to have", "nice"),
        ("PREFERRED QUALIFICATIONS", "nice"),
        ("About us:", "about"),
        ("Benefits", "benefits"),
        ("Experience with Python is required.", None),
        ("We build great software for people who need it.", None),
    ],
)
def test_heading_classification(line, kind):
    assert classify_heading(line) == kind


def test_foreign_language_postings_give_nulls_not_guesses():
    german = doc(
        "Softwareentwickler (m/w/d)",
        "Wir suchen dich für unser Team in München. "
        "Du hast Erfahrung mit Datenbanken. Gehalt nach Vereinbarung.",
    )
    e = extract_text("de", german)
    assert e.salary is None and e.work_model is None and e.years_experience is None


def test_empty_and_huge_descriptions():
    assert extract_text("e", "\n").as_dict()["skills"] == []
    big = doc("Engineer", ("We use Python and Kafka. " * 50_000))
    e = extract_text("big", big)
    assert "python" in e.languages


@pytest.mark.parametrize(
    ("text", "has_devops"),
    [
        ("DevOps Engineer\nYou will run our Kubernetes clusters.", False),  # a job title
        ("Platform Engineer\nJoin our DevOps team and the SRE group.", False),  # a team
        ("Platform Engineer\nHiring Systems/DevOps engineers.", False),
        ("Backend Engineer\nExperience with DevOps practices and CI/CD.", True),  # the practice asked for
        ("Backend Engineer\nDevOps experience is required.", True),
        ("Engineer\nWe're looking for DevOps folks who know how to run distributed systems.", False),
        ("Engineer\nBe our first DevOps hire!", False),
        ("Engineer\nThe willingness to wear a sysadmin or devops hat when necessary.", False),
        ("Engineer\nWe value DevOps people, process and tooling.", True),
        ("Acme | DevOps Eng. | Reston, VA\nYou run our pipeline.", False),
    ],
)
def test_devops_counts_as_a_practice_not_as_a_title_or_a_team(text, has_devops):
    skills = {s.id for s in extract_text("x", text).skills}
    assert ("devops" in skills) == has_devops


def test_other_practices_keep_their_mention_beside_a_role_noun():
    skills = {s.id for s in extract_text("x", "Developer\nYou will work in a scrum team.").skills}
    assert "scrum" in skills


@pytest.mark.parametrize(
    ("title", "level"),
    [("SRE Engineer", None), ("Sr. Java Engineer", "senior"), ("Sr Java Engineer", "senior"),
     ("Jr. Developer", "junior"), ("Entry-Level Developer", "junior"), (".NET Architect", "staff"),
     ("Software Engineer I", "junior"), ("I'm an engineer", None), ("developers I can hire", None)],
)  # fmt: skip
def test_a_roles_level_reads_the_title_words_as_written(title, level):
    """The role's level reads the same literal words as the posting's ("sr.?" is "sr" or "sr.", not "SRE")."""
    from rolemap.extract.roles import seniority_of

    assert seniority_of(title) == level


@pytest.mark.parametrize(
    ("title", "level"),
    [("iOS Engineer", None), ("iPhone Developer", None), ("iOS/Android Developer", None),
     ("Senior iOS Engineer", "senior"), ("IT Engineers", None), ("iROKO Partners - NYC", None),
     ("Software Engineer I", "junior"), ("Analyst I or II", "junior"), ("Jr. iOS Developer", "junior"),
     ("software engineer i", "junior")],
)  # fmt: skip
def test_the_i_of_ios_is_no_level_i(title, level):
    """The scan matches level I case-blind and reads a seam of case ("iOS") as a word's end: only a capital
    standing alone is the level."""
    assert extract_text("x", f"{title}\nBuild our app.").seniority == level


def test_a_column_head_naming_required_and_desired_softens_nothing():
    """ "Skill Required/Desired" heads a table whose rows say which (a state's postings): no nice-to-have part."""
    from rolemap.extract.engine import extract_text

    text = "Dotnet Developer\nSkill Required/Desired\nExperience with React, CSS3 and HTML5 Required 10\n"
    assert {s.id: s.required for s in extract_text("x", text).skills} == {
        "react": True,
        "css": True,
        "html": True,
    }
