"""Roles a Hacker News post names as the labels of its lines ("Data Engineering: We're looking for …",
"Site Reliability: https://…") or several to a list item, shapes from real posts; and what such lines are
when they name no role."""

import time

import pytest

from rolemap.extract import extract_text
from rolemap.extract.role_build import without_sentence_words, without_trailing_flags
from rolemap.extract.role_split import split_roles
from rolemap.extract.roles import kinds_only, seniority_of, title_family


def hn(header: str, body: str) -> str:
    """A Hacker News post as the extractor reads it: no title, the header on the first line."""
    return "\n" + header + "\n" + body


@pytest.mark.parametrize(
    ("body", "titles", "families"),
    [
        # each label a kind of work, each line going on to tell the reader about the role
        (
            "We're looking for software engineers to join our core team.\n\n"
            "Data Engineering: We're looking for a software engineer who's excited about our analytics pipeline.\n\n"
            # a heading's capitalised words that name no kind the role book knows: the run goes on
            "Technical Operations / DevOps / SRE: You might or might not have experience with operations.\n\n"
            "Computer Vision: We're looking for a research engineer with experience in algorithm development.",
            ["Data Engineering", "Computer Vision"],
            {"data", "ml"},
        ),
        # a line of the same shape whose label names no kind ("OS") neither counts nor ends the run
        (
            "We are also hiring a number of engineers.\n\n"
            "Distributed Systems - Help make distributed systems easy. You'll work on our open source projects.\n\n"
            "OS - Writing a hobbyist kernel on the weekend? The OS team might be right up your alley.\n\n"
            "Backend Web - If you have expertise in backend web development, please consider us.",
            ["Distributed Systems", "Backend Web"],
            {"backend"},
        ),
        # each label a kind, each line a link to the opening
        (
            "Open roles:\n\nSite Reliability: https://example.com/apply/1\nFront End: https://example.com/apply/2\n"
            "Back End: https://example.com/apply/3\nProduct Marketing: https://example.com/apply/4",
            ["Site Reliability", "Front End", "Back End", "Product Marketing"],
            {"infra", "frontend", "backend", "non_software"},
        ),
        # a bracket that names a stack or trades is left out of the title; one naming the kind is kept
        (
            "Come work with us.\n- Software Engineer (Backend): https://example.com/jobs/1\n"
            "- Account Executive (Sales, Biz Dev): https://example.com/jobs/2",
            ["Software Engineer (Backend)", "Account Executive"],
            {"backend", "non_software"},
        ),
    ],
)  # fmt: skip
def test_roles_named_as_the_labels_of_lines(body, titles, families):
    record = extract_text("x", hn("Acme | Berlin, Germany | ONSITE", body))
    assert [r.title for r in record.roles] == titles
    assert set(record.role_families) == families


@pytest.mark.parametrize(
    "body",
    [
        # a stack, not roles: no link, no word to the reader
        "Our stack:\nFrontend: React, Redux\nInfrastructure: AWS, Terraform\nData: Postgres, Kafka",
        # one line alone is a sentence of the post, not a list of openings
        "Frontend: you'll work closely with our designers.",
        # links whose labels are no kinds of role
        "Work at Agora Games - http://example.com/work\nAgora Games Blog - http://example.com/blog",
        "Our technical infrastructure: http://example.com/infra\nOur security page: http://example.com/sec",
        # a sentence's words before a colon
        "Here's a Product Manager role: https://example.com/pm\nAnd here's our Frontend role: https://x.com/fe",
        # a sentence between two labelled lines ends the run
        "Frontend: you'll build our web app.\nIf you are interested in the role: email us.\nMobile: you'll build apps.",
    ],
)
def test_lines_that_name_no_role_add_none(body):
    record = extract_text("x", hn("Acme | Backend Engineer | Berlin, Germany", body))
    assert record.role_families == ("backend",)


def test_a_label_naming_the_kind_of_a_role_already_found_describes_that_role():
    record = extract_text(
        "x",
        hn(
            "Acme | Senior iOS Engineer, Senior Android Engineer | Berlin",
            "iOS: you'll build our app in Swift.\nAndroid: you'll build it in Kotlin.",
        ),
    )
    assert [(r.title, r.seniority) for r in record.roles] == [
        ("Senior iOS Engineer", "senior"),
        ("Senior Android Engineer", "senior"),
    ]
    assert record.seniority == "senior"


@pytest.mark.parametrize(
    ("label", "kinds"),
    [
        ("Site Reliability", True),
        ("Python Backend", True),
        ("Full Stack Engineering", True),
        ("Distributed Systems", True),
        ("Agora Games Blog", False),  # a brand's word beside the kind
        ("Our technical infrastructure", False),
        ("Finance / Real Estate", False),
        ("OS", False),
    ],
)
def test_a_label_of_kinds_only(label, kinds):
    assert kinds_only(label) is kinds


@pytest.mark.parametrize(
    "title, roles",
    [
        ("Front and Back End Developers", ["Front End Developers", "Back End Developers"]),
        ("Front- and Back-end Engineers", ["Front-end Engineers", "Back-end Engineers"]),
        ("Back and Frontend Engineers", ["Backend Engineers", "Frontend Engineers"]),
        # a level before the bare side stays with it; a side written whole is left as it is, and so is "front"
        # with a word of its own
        ("Front Desk and Backend Engineers", ["Front Desk Engineers", "Backend Engineers"]),
        (
            "Senior Front and Back End Developers",
            ["Senior Front End Developers", "Senior Back End Developers"],
        ),
        ("Frontend and Backend Engineers", ["Frontend Engineers", "Backend Engineers"]),
    ],
)
def test_a_side_written_without_its_end_shares_the_other_sides(title, roles):
    assert split_roles(title) == roles


@pytest.mark.parametrize(
    "sentence",
    [
        "We are looking for front and back end engineers.",
        "We're hiring both front- and back-end developers to join the team.",
        "Currently hiring back and frontend engineers.",
    ],
)
def test_a_hiring_sentence_naming_both_sides_once_hires_both(sentence):
    record = extract_text(
        "x", hn("Acme | Berlin, Germany | ONSITE", sentence + " Our stack is Python and React.")
    )
    assert set(record.role_families) == {"frontend", "backend"}


def test_a_list_joined_by_a_comma_and_and_splits_cleanly():
    assert split_roles("DevOps, Front-end, and Back-end") == ["DevOps", "Front-end", "Back-end"]
    assert split_roles("Sales, Marketing, or Design") == ["Sales", "Marketing", "Design"]
    # a level before the first kind is every kind's; "&" between single letters joins an abbreviation
    assert split_roles("Senior+ backend or full stack engineers") == [
        "Senior+ backend engineers",
        "Senior+ full stack engineers",
    ]
    assert split_roles("Sr. iOS and Android Developers") == ["Sr. iOS Developers", "Sr. Android Developers"]
    assert split_roles("Senior R&D Engineer") == ["Senior R&D Engineer"]
    assert split_roles("Senior Backend Engineer, Frontend Designer") == [
        "Senior Backend Engineer",
        "Frontend Designer",
    ]


@pytest.mark.parametrize(
    ("title", "family"),
    [
        # a presales engineer demonstrates the product to buyers, with or without the hyphen
        ("Presales Engineer", "non_software"),
        ("Pre-Sales Solutions Engineer", "non_software"),
        # a deployment engineer or specialist ships and installs software, as a release engineer does
        ("Deployment Engineer", "infra"),
        ("Build and Deployment Engineer", "infra"),
    ],
)
def test_presales_and_deployment_roles(title, family):
    assert title_family(title) == family


@pytest.mark.parametrize(
    ("title", "family"),
    [
        # a technician maintains, installs or supports: no software work, whatever the equipment
        ("Electronics Technician", "non_software"),
        ("Desktop Technician", "non_software"),
        ("Hardware/Software Technician", "non_software"),
        ("Electrical Engineering Technician", "non_software"),
        # ... save an operations or network technician (infra), a QA one, and a title that names an engineer
        ("Datacenter Ops Technician", "infra"),
        ("Network Engineer/Technician", "infra"),
        ("Quality Assurance Technician", "qa"),
        ("Electronics Engineer", "embedded"),
        ("DevOps Technician", "infra"),
        ("Test Automation Technician", "qa"),
        # a technician named as the users of what a developer builds is no technician's role
        ("Senior Android Developer, Technician App", "mobile"),
        ("Data Scientist, Technician Routing", "ml"),
    ],
)
def test_a_technician_is_no_developer(title, family):
    assert title_family(title) == family


@pytest.mark.parametrize(
    ("title", "family"),
    [
        # a designer who develops too is the developer's family: the person writes the code
        ("Web Developer/Designer", "frontend"),
        ("Front-end Engineer/Designer", "frontend"),
        ("UX Designer/Front-end Developer", "frontend"),
        ("Ui Designer / Developer", "frontend"),  # the other side's kind: a UI developer
        ("Full Stack Web Developer/Designer", "fullstack"),
        # one side only, or no side that develops, is a designer's
        ("Mobile UX/UI Designer", "non_software"),
        ("Mobile UI / Product Designer", "non_software"),
        ("Designer/Developer", "non_software"),  # a developer of no kind says no more than the designer
        ("Web Designer/Project Manager", "non_software"),
        ("Electrical Designer/Engineer", "non_software"),  # a hardware trade: no software family
        ("Mid-Level Project Electrical Engineer / Lighting Designer", "non_software"),
        ("Web Designer//Developer", "frontend"),
    ],
)  # fmt: skip
def test_a_designer_who_develops(title, family):
    assert title_family(title) == family


def test_data_mining_is_no_mining_engineers_trade():
    assert title_family("Mining Engineer") == "non_software"
    assert title_family("Data Mining Engineer") != "non_software"


@pytest.mark.parametrize(
    ("item", "titles"),
    [
        (
            "3. Experienced technical team leads, operations engineers, product managers, and designers to pull "
            "all this together into a compelling product.",
            ["Experienced technical team leads", "operations engineers", "product managers", "designers"],
        ),
        # one noun shared by the kinds before it: the kinds read as before
        ("- Backend and frontend engineers", ["Backend engineers", "frontend engineers"]),
        # a bracket after the last role says its kind, kept with it as before
        ("- Tech Lead, Software Engineer (Infrastructure/DevOps: Docker)",
         ["Tech Lead", "Software Engineer (Infrastructure/DevOps: Docker)"]),
    ],
)  # fmt: skip
def test_a_list_item_that_opens_with_several_roles_each_with_its_noun(item, titles):
    record = extract_text(
        "x", hn("Acme | Berlin", "We're hiring across many teams, with roles for:\n\n" + item)
    )
    assert [r.title for r in record.roles] == titles


@pytest.mark.parametrize(
    ("body", "families"),
    [
        ("We have openings for front end, back end, big data, and more.", {"frontend", "backend", "data"}),
        ("We're also hiring for Marketing, Recruiting, Finance, and Sales!", {"non_software"}),
        ("We are hiring for mobile, backend & front-end.", {"mobile", "backend", "frontend"}),
        # engineering of no kind beside other trades only is the post's software role, of no kind here
        ("Positions in engineering, design, and sales.", {"other_software", "non_software"}),
        # ... and beside a kind of software work it adds nothing
        ("We have openings for engineering, backend, and sales.", {"backend", "non_software"}),
    ],
)
def test_the_kinds_of_work_a_post_hires_for(body, families):
    record = extract_text("x", hn("Acme | Berlin, Germany", "We build things.\n" + body))
    assert set(record.role_families) == families


@pytest.mark.parametrize(
    "body",
    [
        "We have positions in NYC, SF, and Austin.",  # places, not kinds of work
        "We're hiring in London, Berlin and remote.",
        "There are opportunities for improvements in UX, reliability, performance.",  # one part is no kind
    ],
)
def test_a_list_after_hiring_that_names_no_kinds_of_work(body):
    record = extract_text("x", hn("Acme | Backend Engineer | Berlin, Germany", body))
    assert record.role_families == ("backend",)


@pytest.mark.parametrize(
    ("title", "family"),
    [("Distributed Systems Engineer", "backend"), ("Sr. Distributed Systems Engineer", "backend"),
     ("Systems Engineer", "infra"), ("Cloud Systems Engineer", "infra")],
)  # fmt: skip
def test_a_distributed_systems_engineer_builds_the_backend(title, family):
    """The spec's backend covers "high-scale or distributed systems"; a systems engineer alone runs them."""
    assert title_family(title) == family


@pytest.mark.parametrize(
    ("body", "family"),
    [
        # shapes of real posts: a language of no side, the work described in words
        ("You are passionate about distributed systems. We write Haskell.", "backend"),
        ("You will build our multi-tenant platform in C++.", "backend"),
        ("You will write C++ for our trading engine.", "other_software"),  # no side named
        ("You will tune the CPU cache of our kernel in C++.", "other_software"),  # a cache is anyone's
        ("You will make our React app scale; we care about scalability.", "frontend"),
        ("Our React front end talks to distributed systems.", "frontend"),  # a side named stays
    ],
)
def test_a_generic_engineer_takes_the_side_of_the_work_described(body, family):
    """LABELING.md: engineers of unstated kind whose description is server-side work are backend; the
    topics "distributed systems" and "multi-tenancy" say so though they are no skills of the record."""
    record = extract_text("x", hn("Acme | Senior Software Engineer | Berlin", body))
    assert record.role_families == (family,)


@pytest.mark.parametrize(
    ("body", "family"),
    [
        # Node.js is JavaScript on a server: beside a web UI's framework, both sides
        ("Our stack consists of Node.js on the backend and Backbone on the front-end.", "fullstack"),
        ("You will build React apps and some backend work in nodejs.", "fullstack"),
        ("We work mainly in JavaScript, and particularly node.js.", "backend"),
        # JavaScript alone names no side; a MEAN stack's Node does not outweigh its Angular
        ("You will write JavaScript with Backbone and React.", "frontend"),
        ("We work in a MEAN stack (MongoDB/Express/Angular/Node) with a bit of Golang.", "fullstack"),
        # a bare "Node" is as often a graph's
        ("Our UI is React and JavaScript. Each Node in the graph is a user.", "frontend"),
        ("You will write JavaScript with React. Our backend is Node.", "fullstack"),
    ],
)
def test_node_js_is_a_server_side_to_judge_a_generic_engineer_by(body, family):
    record = extract_text("x", hn("Acme | Software Engineer | Austin, TX", body))
    assert record.role_families == (family,)
    assert "nodejs" not in {s.id for s in record.skills}  # the language covers it in the record


@pytest.mark.parametrize(
    ("title", "body", "family"),
    [
        # a generic engineer's posting that tells its stack side by side: the role works on both
        ("Senior Software Engineer", "Our tech stack includes Typescript/Javascript on the frontend, Golang in the backend, a job queuing system with Kafka, PostgreSQL as our database and cloud hosting with GCP.", "fullstack"),
        ("Software Engineer", "We use Python, Django, PostgreSQL, Redis and Celery on the backend and some JavaScript on the front end.", "fullstack"),
        # a title naming a technology keeps the side it gives; a stack of one side says nothing more
        ("Go Developer", "We use Go, Redis, Kafka and PostgreSQL in the backend and Angular for the frontend.", "backend"),
        ("Software Engineer", "Python, Kafka and PostgreSQL on the backend; you will own our APIs.", "backend"),
        # sides set apart tell no stack; a kind the posting states stays
        ("Software Engineer", "We use Python, Django, PostgreSQL, Redis and Kafka. This role is on the backend team, not on the frontend team.", "backend"),
        ("Software Engineer", "We use Python, Django, PostgreSQL, Redis and Kafka. You will work on the backend, while others work on the front end.", "backend"),
        ("Software Engineer", "We use Python, Django, PostgreSQL, Redis and Kafka. Security in the browser and on the server side is our product.", "backend"),
        ("Software Engineer", "We are looking for a backend engineer. We use Python, Django, PostgreSQL and Redis on the backend and React on the front end.", "backend"),
    ],
)  # fmt: skip
def test_a_generic_role_of_a_stack_told_side_by_side_works_on_both(title, body, family):
    assert extract_text("x", title + "\n" + body).role_families == (family,)


def test_a_platform_engineer_s_node_js_weighs_only_where_no_other_server_skill_is_named():
    record = extract_text(
        "x", hn("Acme | Platform Engineer | Austin, TX", "We use Node.js, PostgreSQL and Kubernetes.")
    )
    assert record.role_families == ("infra",)


def test_a_post_naming_no_role_takes_no_side_from_its_story():
    record = extract_text(
        "x", hn("Acme | Berlin", "We apply a distributed systems approach to organizations.")
    )
    assert record.role_families == ()


def test_a_kind_listed_beside_a_role_of_that_kind_adds_no_role():
    record = extract_text(
        "x", hn("Acme | Senior Backend Engineer | Berlin", "We're hiring for backend, design and sales.")
    )
    assert [r.title for r in record.roles] == ["Senior Backend Engineer", "design", "sales"]


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Database Specialist", "data"),
        ("Senior Database System Engineer", "data"),
        ("Database Application Support Administrator", "data"),
        ("IT Dev | Database | Level 2", "data"),  # a segment that is the kind alone
        ("Database Security Engineer", "security"),  # a stronger kind first
        ("Database Tester", "qa"),
        ("Software Development (must be comfortable in C, prior database experience desirable)", None),
    ],
)
def test_a_database_role_is_data(title, family):
    assert title_family(title) == family


@pytest.mark.parametrize(
    ("body", "titles"),
    [
        # a noun that is its own kind right after the hiring cue is a role
        ("We build apps for farmers. We're also hiring designers.", ["designers"]),
        ("We're looking for Testers as well as senior developers.", ["Testers"]),
        # "seeks" is the cue "seeking" is (the first line of a post without a header)
        (
            "Well capitalized start-up seeks extremely talented Ruby/ JS developers to help pioneer networks.\n"
            "You should hold a BS in Computer science.",
            ["Ruby/ JS developers"],
        ),
        # the kinds listed after the second noun are its own, not the first's
        (
            "We're hiring designers and all types of devs -- mobile, frontend, backend.",
            ["designers", "mobile devs", "frontend devs", "backend devs"],
        ),
    ],
)
def test_roles_of_a_hiring_sentence_by_their_own_noun(body, titles):
    record = extract_text("x", hn("Acme | Toronto", body))
    assert [r.title for r in record.roles] == titles


def test_a_role_read_from_a_sentence_is_titled_without_its_sentence_words():
    record = extract_text(
        "x",
        hn(
            "Acme | Berlin",
            "We're hiring Senior Software Engineers.\n\nAs a Solutions Architect, you will design our APIs.",
        ),
    )
    assert "We're hiring Senior Software Engineers" not in [r.title for r in record.roles]
    assert all(not r.title.lower().startswith(("we're", "as a", "and ")) for r in record.roles)
    assert not record.title.lower().startswith(("we're", "as a"))


def test_a_post_s_title_names_each_role_once():
    record = extract_text(
        "x",
        hn(
            "Acme | Berlin",
            "We build things.\n\nData Scientist\nYou will model risk every day.\n\nFrontend Developer\n"
            "You will build the UI.\n\nData Scientist\nMore about the role.",
        ),
    )
    assert record.title == "Data Scientist, Frontend Developer"


@pytest.mark.parametrize(
    ("header", "titles"),
    [
        (
            "Portland, OR - Full-time. We're a Techstars-backed game company and we're looking for an Android game "
            "developer with experience in Cocos 2d-x.",
            ["game developer"],
        ),
        (
            "Lucy (https://startwithlucy.com) | San Francisco, CA | Full-time | Onsite | Hiring for mobile and web",
            ["mobile", "web"],
        ),
        (
            "Acme | Boston, MA | Full Time | Onsite | Hiring for Android, iOS, and Web",
            ["Android", "iOS", "Web"],
        ),
        (
            "Acme is looking for an experienced software developer with strong math skills",
            ["experienced software developer"],
        ),
    ],
)
def test_a_header_that_names_no_role_may_name_it_in_a_sentence(header, titles):
    record = extract_text("x", hn(header, "We build things for farmers."))
    assert [r.title for r in record.roles] == titles


@pytest.mark.parametrize(
    ("body", "titles"),
    [
        ("Looking for smart senior ruby devs to join us.", ["senior ruby devs"]),
        (
            "We're hiring Python hackers and an experienced Linux admin.",
            ["Python hackers", "experienced Linux admin"],
        ),
        # the kinds a bracket after the noun lists, the sentence going on after it
        (
            "We are hiring developers (iOS, Android, backend) in all our offices.",
            ["iOS developers", "Android developers", "backend developers"],
        ),
        ("Acme is hiring: Security Consultant (Associate or Senior).", ["Security Consultant"]),
        # a role is named back to a list's separator, never across it
        (
            "We're looking for Penetration Testers / Ethical Hackers / Security Consultants.",
            ["Penetration Testers", "Security Consultants"],
        ),
        (
            "We're hiring devs for mobile, web, and big data teams; SDETs/testers; data scientists; and PMs.",
            ["mobile", "web", "big data", "SDETs", "testers", "data scientists"],  # in the text's order
        ),
    ],
)
def test_roles_by_every_noun_a_hiring_sentence_may_end_in(body, titles):
    record = extract_text("x", hn("Acme | Toronto", "We build things.\n" + body))
    assert [r.title for r in record.roles] == titles


@pytest.mark.parametrize(
    ("line", "titles"),
    [
        ("== Systems Engineer at Prismatic, San Francisco ==", ["Systems Engineer"]),
        ("Senior Engineer @ Acme (NYC)", ["Senior Engineer"]),
        (
            "Full-stack Engineer/Data Engineer @ Adchemix (SF, Boston or REMOTE)",
            ["Full-stack Engineer", "Data Engineer"],
        ),
        # the hirer named only in the line, but spelt by the line's own address
        (
            "Junior Python Test Engineer at Leapfrog Online (http://www.leapfrogonline.com)",
            ["Junior Python Test Engineer"],
        ),
        (
            "Embedded Systems Engineer (http://angel.co/acme/jobs/35038-embedded-systems-engineer-with-a-long-slug)",
            ["Embedded Systems Engineer"],
        ),
        # a sentence that goes on after the hirer's name is no title line
        ("Developers at Marvel tackle problems like:", []),
    ],
)
def test_a_role_line_may_name_its_hirer_or_link_to_the_role(line, titles):
    record = extract_text(
        "x",
        hn(
            "We are a small team working on data products",
            line + "\n\nAcme, Adchemix and Prismatic are hiring.",
        ),
    )
    assert [r.title for r in record.roles] == titles


def test_a_role_at_a_firm_the_header_does_not_name_is_a_bio():
    body = "We build things.\n\nOur founders:\nFormer Engineer at Google\nFormer Designer at Apple\n"
    assert extract_text("x", hn("Acme | NYC", body)).roles == ()
    record = extract_text(
        "x", hn("Prismatic | San Francisco", "== Systems Engineer at Prismatic ==\nYou ship.")
    )
    assert [r.title for r in record.roles] == ["Systems Engineer"]


@pytest.mark.parametrize(
    ("body", "titles"),
    [
        ("Our openings:\n\nBig Data Infrastructure System Engineer http://careers.example.com/job/123\n",
         ["Big Data Infrastructure System Engineer"]),
        ("Soliton invites applications for a Senior Software Engineer in Vision.", ["Senior Software Engineer"]),
        ("We are hiring multiple positions including engineering, design, marketing and sales.",
         ["engineering", "design", "marketing", "sales"]),
        # a list of roles is looked for near the nouns such lists end in, past any other role noun
        ("We build software that supports marketers in content planning and publishing, for the brands of the "
         "world's leading publishers, with bespoke content and licensed content, which we help them plan, "
         "write, edit, publish and measure across every channel they use, from the web to print and mobile "
         "apps, in more than forty countries and in every language those countries read and write, for the "
         "newsrooms, agencies and studios that make it all, big and small.\nThere are multiple positions open "
         "for Full Stack Software Engineers and Senior Software Engineers.",
         ["Full Stack Software Engineers", "Senior Software Engineers"]),
    ],
)  # fmt: skip
def test_more_shapes_of_a_role_named_in_the_text(body, titles):
    record = extract_text("x", hn("Acme | New York | Onsite", body))
    assert [without_sentence_words(r.title) for r in record.roles] == titles


def test_a_marketer_is_a_role():
    record = extract_text("x", hn("Stryd | Boulder, CO | Growth Marketer | ONSITE", "We build power meters."))
    assert [(r.title, r.family) for r in record.roles] == [("Growth Marketer", "non_software")]


@pytest.mark.parametrize(
    ("body", "titles"),
    [
        ("The following positions are open:\n(US) PR Manager\n(US) Senior Financial Analyst\n",
         ["PR Manager", "Senior Financial Analyst"]),
        ("Open position: DevOps Engineer\nProduct: we connect online shops.", ["DevOps Engineer"]),
    ],
)  # fmt: skip
def test_a_role_line_after_a_country_s_code_and_a_single_open_position(body, titles):
    assert [r.title for r in extract_text("x", hn("Acme | Utrecht", body)).roles] == titles


@pytest.mark.parametrize(
    ("header", "titles"),
    [
        (
            "Acme | Now Hiring Python Engineers, Site Reliability Engineers | NYC",
            ["Python Engineers", "Site Reliability Engineers"],
        ),
        ("Acme | Looking for backend and devops engineers | NYC", ["backend engineers", "devops engineers"]),
        ("Acme | Hiring Manager | NYC", ["Hiring Manager"]),
    ],
)
def test_a_header_title_is_named_without_its_hiring_words(header, titles):
    assert [r.title for r in extract_text("x", hn(header, "We build things.")).roles] == titles


def test_a_dot_between_capitals_ends_no_hiring_sentence():
    record = extract_text(
        "x", hn("RateIt | Full Time | REMOTE", "We're looking for ASP.NET developers and iOS developers.")
    )
    assert [r.title for r in record.roles] == ["ASP.NET developers", "iOS developers"]


def test_plus_marks_a_list_of_roles():
    body = "We're hiring for a number of positions:\n+ Frontend Engineer\n+ Distributed Systems Engineer\n"
    assert [r.title for r in extract_text("x", hn("Mesosphere | SF", body)).roles] == [
        "Frontend Engineer",
        "Distributed Systems Engineer",
    ]


def test_the_kinds_of_work_in_brackets_after_openings():
    body = "We build apps.\nWe have a few open roles (android, iOS, frontend, infra).\n\n★ Design Lead -- shape our look."
    record = extract_text("x", hn("Acme | SF", body))
    assert {"mobile", "frontend", "infra", "non_software"} == set(record.role_families)


def test_the_scan_finds_every_noun_a_hiring_sentence_may_end_in():
    """The hiring-sentence readers look only at the role nouns the document scan found (wordlists.json
    identity/role_noun): a noun of roles.json's prose_role_nouns the scan lacks is never read ("hiring
    security researchers" named no role while "researcher*" was missing from the scan)."""
    import re

    from rolemap.extract.document import Document
    from rolemap.extract.roles import roles_data

    forms = set()
    for alternative in roles_data()["prose_role_nouns"].split("|"):
        stem = alternative.removesuffix("?")
        forms.add(stem)
        if alternative.endswith("s?"):
            forms.add(stem[:-1])  # "engineers?": both numbers
    for form in sorted(forms):
        assert re.fullmatch(r"[a-z]+", form), form
        spans = Document.read(f"\nWe are hiring {form} now.").hits.spans("identity/role_noun")
        assert [s.text for s in spans] == [form], form


def test_a_researcher_ends_a_hiring_sentence():
    record = extract_text("x", "\nAcme | Boston\nWe're hiring security researchers and backend engineers.")
    assert [(r.title, r.family) for r in record.roles] == [
        ("security researchers", "security"),
        ("backend engineers", "backend"),
    ]


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Senior UX Researcher", "non_software"),  # a designer's trade
        ("Market Researchers", "non_software"),
        ("UX Research Engineer", None),  # an engineer on research tools: the research is no role of its own
        ("Machine Learning Researcher", "ml"),
    ],
)
def test_a_researcher_of_users_or_markets_is_no_software_role(title, family):
    assert title_family(title) == family


def test_every_scanned_role_noun_is_a_role_noun_of_titles():
    """The scan's role nouns (wordlists.json identity/role_noun) open the lines the title readers read; each
    must be a noun of roles.json's role_nouns too, or the line it finds is never read as a role. "sre" is
    read as a kind (family_words), not a noun."""
    import json
    import re
    from importlib import resources

    from rolemap.extract.roles import roles_data

    scanned = json.loads(resources.files("rolemap.extract").joinpath("data/wordlists.json").read_text())
    nouns = re.compile(rf"(?i)(?:{roles_data()['role_nouns']})")
    for form in scanned["identity"]["role_noun"]:
        word = form.rstrip("*")
        if word == "sre":
            continue
        assert nouns.fullmatch(word), word
        if form.endswith("*"):
            assert nouns.fullmatch(word + "s"), word + "s"


@pytest.mark.parametrize(
    ("title", "role", "family"),
    [
        # the words before the bracket name no role: the bracket is inside the role's own words
        (
            "Oracle HCM Cloud (Fusion) Solution Developer - USDC",
            "Oracle HCM Cloud (Fusion) Solution Developer",
            None,
        ),
        ("Junior Quality Assurance (QA) Engineer", "Junior Quality Assurance (QA) Engineer", "qa"),
        ("Java (REST API) Software Engineer", "Java (REST API) Software Engineer", "backend"),
        ("Backend(JAVA) Architect/Lead", "Backend(JAVA) Architect/Lead", "backend"),
        # a role before the bracket ends there, as before
        ("Software Engineer (Python) III", "Software Engineer", "backend"),
        # the role noun must come in the words that go on after the bracket, not in a later sentence
        (
            "Data Engineering(s) -- We have a ton of technologies our data engineers work with",
            "Data Engineering",
            "data",
        ),
    ],
)
def test_a_bracket_inside_a_title_s_own_words_stays_in_its_role(title, role, family):
    record = extract_text("t", title + "\nWe build things. Apply now.")
    assert [r.title for r in record.roles] == [role]
    if family:
        assert record.roles[0].family == family


def test_a_list_item_with_its_stack_in_brackets_is_one_role():
    body = "We're looking for:\n\n* DevOps Engineers\n* Front-End (HTML5, CSS3, jQuery) Developers\n* iOS Engineers\n"
    roles = extract_text("t", hn("Acme | San Francisco", body)).roles
    assert [(r.title, r.family) for r in roles] == [
        ("DevOps Engineers", "infra"),
        ("Front-End (HTML5, CSS3, jQuery) Developers", "frontend"),
        ("iOS Engineers", "mobile"),
    ]
    assert split_roles("Backend (Go) / Frontend / Product Designer")[0] == "Backend"


@pytest.mark.parametrize(
    ("title", "family"),
    [
        # "software" between a kind and its noun leaves the kind's family
        ("Staff UI Software Engineer", "frontend"),
        ("Data Software Engineer", "data"),
        ("Test Software Engineer", "qa"),
        # ... save operations: a role that writes software runs none
        ("Systems Software Engineer", None),
        ("Cloud Software Engineer", None),
        ("Senior Software Engineer", None),
    ],
)
def test_software_between_a_kind_and_its_noun(title, family):
    assert title_family(title) == family


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Engineering Managers", "manager"),
        ("Directors of Engineering", "manager"),
        ("Cloud Solutions Architects", "staff"),
        ("Tech Leads (Backend)", "staff"),
        ("Software Engineers", None),
        ("Interns OK", None),  # in a Hacker News header, a flag
        ("Principals only. No recruiters", None),
    ],
)
def test_a_role_title_naming_many_leaders_has_their_level(title, level):
    assert seniority_of(title) == level


def test_roles_at_a_leaders_level_and_another_give_the_post_none():
    """ "Full-Stack, Senior Engineers, Engineering Managers": the managers' level is not the engineers'."""
    record = extract_text(
        "x", hn("Acme | Full-Stack, Senior Engineers, Engineering Managers | Berlin", "Apply.")
    )
    assert record.seniority is None


@pytest.mark.parametrize(
    ("header", "level"),
    [
        ("Acme | UI designers, PHP developers | INTERN, REMOTE", None),  # interns welcome beside the roles
        ("Acme | Software Engineer, Intern | Berlin", None),
        ("Acme | Software Engineering Intern | Berlin", "intern"),
    ],
)
def test_an_intern_flag_beside_other_roles_gives_the_post_no_level(header, level):
    assert extract_text("x", hn(header, "Apply.")).seniority == level


@pytest.mark.parametrize(
    "title",
    [
        "Developer Evangelist",
        "Developer Advocate (EMEA)",
        "Head of Developer Relations",
        "Technical Evangelist",
    ],
)
def test_developer_relations_is_no_engineering_role(title):
    """The spec's non_software covers marketing and community work: a developer evangelist or advocate speaks
    to developers, "Developer" in the title notwithstanding."""
    assert title_family(title) == "non_software"


@pytest.mark.parametrize(
    "title", ["Software Engineer - Developer Relations team", "Developer Relations Engineer"]
)
def test_an_engineer_of_the_developer_relations_team_is_an_engineer(title):
    assert title_family(title) != "non_software"


@pytest.mark.parametrize(
    ("header", "families"),
    [
        ("Acme | Senior Node.js Developer | Berlin", ("backend",)),  # Node.js is JavaScript on the server
        ("Acme | Node/Angular Developers | Berlin", ("fullstack",)),  # a server's and a web UI's technologies
        ("Acme | Sr. Rails/React Engineer | Berlin", ("fullstack",)),
        # Rails is a full-stack framework, its views the page: beside its language or alone too; a side named wins
        ("Acme | Ruby on Rails Developer | Berlin", ("fullstack",)),
        ("Acme | Ruby/Rails Engineer | Berlin", ("fullstack",)),
        ("Acme | Backend Rails Engineer | Berlin", ("backend",)),
        # JavaScript beside a server's language is the browser's side, unless Node.js runs it on the server
        ("Acme | Python/JavaScript Developer | Berlin", ("fullstack",)),
        ("Acme | Senior JS/Ruby Developer | Berlin", ("fullstack",)),
        ("Acme | Java/JavaScript Software Engineer | Berlin", ("fullstack",)),
        ("Acme | JavaScript Developer | Berlin", ("frontend",)),
        ("Acme | Node.js/JavaScript Engineer | Berlin", ("backend",)),
        ("Acme | Front End (JS/CSS) Developer | Berlin", ("frontend",)),
        # a desktop UI's framework names a desktop application's role, whatever language stands beside it
        ("Acme | .NET WPF Developer | Berlin", ("other_software",)),
        ("Acme | C++/Qt Developer | Berlin", ("other_software",)),
        ("Acme | WPF Front End Developer | Berlin", ("frontend",)),
        ("Acme | WPF/React Developer | Berlin", ("frontend",)),
        # ClojureScript is Clojure compiled for the browser: beside Clojure, both sides; Elm is the browser's
        ("Acme | Clojure/ClojureScript Engineer | Berlin", ("fullstack",)),
        ("Acme | Elm Engineer | Berlin", ("frontend",)),
        # a web developer of a server's technology builds both sides; of the client's, or a web UI's, one
        ("Acme | PHP Web Developer | Berlin", ("fullstack",)),
        ("Acme | Senior .NET Web Developer | Berlin", ("fullstack",)),
        ("Acme | Python/Django web developer | Berlin", ("fullstack",)),
        ("Acme | Web Developer | Berlin", ("frontend",)),
        ("Acme | React Web Developer | Berlin", ("frontend",)),
        ("Acme | Java Web UI Developer | Berlin", ("frontend",)),
        (
            "Acme | Web Developer (Ruby on Rails, Javascript) | Berlin",
            ("fullstack",),
        ),  # its stack in brackets
        ("Acme | Web Developer (React, CSS) | Berlin", ("frontend",)),
        ("Acme | Laravel Web Developer | Berlin", ("fullstack",)),  # a server's framework
    ],
)
def test_a_title_naming_node_or_both_sides(header, families):
    assert extract_text("x", hn(header, "Apply.")).role_families == families


def test_a_second_readers_generic_tail_of_a_role_is_that_role():
    """ "Rails / JS engineer" in the header and "a rails/JS engineer" in the text: one role, fullstack; the
    words "JS engineer" alone are no second, backend one. A tail that names its own kind is a second role."""
    record = extract_text(
        "x",
        hn(
            "Hiring Rails / JS engineer -- mainly using React.js / Rails / MongoDB / Golang",
            "Nota is a web startup in Kyoto. We're looking for a rails/JS engineer to join our office.",
        ),
    )
    assert record.role_families == ("fullstack",)
    record = extract_text(
        "x", "\nCardFlight is hiring in NYC for full stack/mobile developers and an enterprise sales/BD lead."
    )
    assert {"fullstack", "mobile"} <= set(record.role_families)
    # a designer's words give the developer of a "UX Designer/Developer" no kind: the developer stays
    record = extract_text(
        "x",
        "\nFlightCar (www.flightcar.com) -- Cambridge, MA\nWe're looking for a Lead UX Designer/Developer with a "
        "strong sense of design.\n"
        "You'll be developing your designs into HTML/CSS/JS/jQuery frontends.",
    )
    assert set(record.role_families) == {"non_software", "frontend"}


def test_a_role_of_no_kind_listed_under_openings_is_a_role():
    """ "Open positions:" then "- Software Engineer (primarily Python)": a role, its family by its skills."""
    record = extract_text(
        "x",
        hn(
            "Acme | Berlin",
            "Open positions:\n- Software Engineer (primarily Python) (Santa Monica)\n- iOS Developer",
        ),
    )
    assert {r.title for r in record.roles} == {"Software Engineer", "iOS Developer"}


def test_a_generic_requirement_listed_under_what_we_look_for_is_no_role():
    record = extract_text(
        "x",
        hn(
            "Acme | Senior Backend Engineer | Berlin",
            "What we're looking for:\n- 5+ years as a software engineer",
        ),
    )
    assert [r.title for r in record.roles] == ["Senior Backend Engineer"]


@pytest.mark.parametrize(
    ("body", "family"),
    [
        ("We're looking for experienced SRE / devops specialists to run our fleet.", "infra"),
        ("We are hiring a marketing specialist to grow our audience.", "non_software"),
        ("We're hiring a full-stack marketer.", "non_software"),  # a marketer, whatever the stack
    ],
)
def test_specialists_and_marketers_are_roles_of_prose(body, family):
    assert extract_text("x", hn("Acme | Berlin", body)).role_families == (family,)


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Machine Learning Instructor", "non_software"),  # a teacher of it
        ("Sr. Data Pipeline Engineer", "data"),
        ("Growth Hacker", "non_software"),
    ],
)
def test_teachers_marketers_and_pipeline_engineers(title, family):
    assert title_family(title) == family


def test_a_leader_listed_beside_the_teams_roles_leads_software():
    record = extract_text("x", hn("Acme | Berlin", "Open positions:\n- VP of Engineering\n- Data Scientist"))
    assert dict((r.title, r.family) for r in record.roles)["VP of Engineering"] != "non_software"


def test_a_sentence_under_openings_is_no_role():
    record = extract_text(
        "x",
        hn("Acme | Berlin", "Open positions:\n- Believe that many engineers are good at it\n- iOS Developer"),
    )
    assert [r.title for r in record.roles] == ["iOS Developer"]


def test_site_reliability_is_a_kind_in_a_list_of_roles():
    record = extract_text(
        "x",
        hn(
            "Hipmunk | San Francisco",
            "Looking for Site Reliability, Full-Stack, and Machine Learning engineers.",
        ),
    )
    assert record.role_families == ("infra", "fullstack", "ml")


@pytest.mark.parametrize(
    "title",
    [
        "Manager, Site Reliability Engineering",
        "Engineering Manager, Backend Engineering",
        "Head, Data Engineering",
    ],
)
def test_a_kinds_work_after_a_leader_is_the_team_it_leads(title):
    assert split_roles(title) == [title]
    assert seniority_of(title) == "manager"  # the spec's manager: a head or manager of engineering
    assert split_roles("Backend Engineer, Frontend Engineering") == [
        "Backend Engineer",
        "Frontend Engineering",
    ]


def test_a_role_line_may_carry_a_long_note_in_brackets():
    body = "We are hiring:\n* Web Engineer (Build our web product!! Expert level JavaScript, framework agnostic)\n"
    record = extract_text("x", hn("Robinhood | Menlo Park", body + "* iOS Engineer\n"))
    assert [role.title for role in record.roles] == ["Web Engineer", "iOS Engineer"]


def test_a_role_of_no_kind_asking_for_a_devices_buses_and_processors_is_embedded():
    body = "Write firmware in C on ARM with FreeRTOS; I2C and SPI drivers. Prototype in Python. Bonus: Rust."
    assert extract_text("x", "Flight Software Engineer\n" + body).role_families == ("embedded",)
    gpu = "Train models with PyTorch and CUDA on our DSP pipeline. Python, Django and PostgreSQL."
    assert extract_text("x", "Software Engineer\n" + gpu).role_families != ("embedded",)


def test_kinds_of_one_family_in_a_bracket_name_one_role():
    """ "Lead Software Engineer (iOS/Android)" is one mobile engineer's role, named whole; kinds of two families
    are a role each ("Software Engineer (frontend/backend)")."""
    record = extract_text(
        "x", hn("Acme | Berlin", "Open positions:\n- Lead Software Engineer (iOS/Android)\n")
    )
    assert [(r.title, r.family) for r in record.roles] == [("Lead Software Engineer (iOS/Android)", "mobile")]


def test_a_kind_alone_and_the_same_kind_with_its_noun_are_one_opening():
    record = extract_text(
        "x",
        hn(
            "Acme | Backend Engineers, Site Reliability, Frontend | NYC",
            "We are hiring backend engineers, site reliability engineers and frontend engineers.",
        ),
    )
    assert [r.title for r in record.roles] == [
        "Backend Engineers",
        "site reliability engineers",
        "frontend engineers",
    ]


@pytest.mark.parametrize(
    ("title", "software"),
    [
        # a title that names building applications or the web leads software, as "software" does
        ("Application Development Manager", True),
        ("Director, Application Development", True),
        ("VP of Applications Development", True),
        ("Web Development Manager", True),
        # ... not a business's development, nor a manager of no software
        ("Business Development Manager", False),
        ("Operations Manager", False),
    ],
)
def test_a_leader_of_application_development_leads_software(title, software):
    families = extract_text("x", f"{title}\nYou will lead the team.").role_families
    assert (families != ("non_software",)) is software


def test_application_development_in_a_posting_that_never_speaks_of_software_is_another_trades():
    text = (
        "Application Development Chemist\n" + "You will formulate coatings and test resins and pigments. " * 6
    )
    assert extract_text("x", text).role_families == ("non_software",)


@pytest.mark.parametrize(
    ("title", "family"),
    [
        # an information or IT risk role guards a firm's systems, as a security analyst does; a lender's is
        # another trade's risk
        ("Sr. Information Risk Management Analyst", "security"),
        ("IT Risk & Control Professional", "security"),
        ("Credit Risk Analyst", None),
    ],
)
def test_an_information_risk_title_is_security(title, family):
    assert title_family(title) == family


@pytest.mark.parametrize(
    ("title", "bare"),
    [
        ("FULL TIME, ONSITE Frontend Developer", "Frontend Developer"),
        ("Full-time Onsite backend developers", "backend developers"),
        ("Contract-to-hire on-site Java Developer", "Java Developer"),
        ("REMOTE Sr. Software Architect- C++, IBM i", "Sr. Software Architect- C++, IBM i"),
        ("2 Backend Developers", "Backend Developers"),
        ("2X PHP DEVELOPER", "PHP DEVELOPER"),
        ("# Lead Mobile Developer", "Lead Mobile Developer"),
        ("2 UX Designers", "UX Designers"),
        ("2x Front-end Engineers", "Front-end Engineers"),
        # the last flag the role's words go on after, not a list a flag is joined to
        ("REMOTE or ONSITE (London) Android Native Developer", "ONSITE (London) Android Native Developer"),
        # the words are the role's own: a count of no plural, a field, a job about contracts, a level
        ("3D Graphics Engineer", "3D Graphics Engineer"),
        ("2 Way Radio Installer, Los Angeles", "2 Way Radio Installer, Los Angeles"),
        ("18 Wheeler Drivers", "18 Wheeler Drivers"),
        ("7 Eleven Store Associates", "7 Eleven Store Associates"),
        ("Remote Sensing Scientist", "Remote Sensing Scientist"),
        ("Remote-Sensing Analyst", "Remote-Sensing Analyst"),
        ("Remote Pilot", "Remote Pilot"),
        ("Permanent Makeup Artist", "Permanent Makeup Artist"),
        ("On-Site (London) Software Engineers", "On-Site (London) Software Engineers"),
        ("Contract Administrator", "Contract Administrator"),
        ("Full time or intern Rails devs", "Full time or intern Rails devs"),
    ],
)
def test_a_role_is_named_without_the_flags_written_before_it(title, bare):
    assert without_sentence_words(title) == bare


def test_a_role_flagged_in_the_header_and_named_again_in_the_text_is_one_role():
    record = extract_text(
        "x",
        hn(
            "Elsen, Boston, MA: FULL TIME, ONSITE Frontend Developer",
            "We are looking for a frontend developer to help build the user interface.",
        ),
    )
    assert [(r.title, r.family) for r in record.roles] == [("Frontend Developer", "frontend")]


@pytest.mark.parametrize(
    ("role", "bare"),
    [
        ("Lead Server-side Developer, Full Time", "Lead Server-side Developer"),
        ("Frontend Visualization Developer (ONSITE)", "Frontend Visualization Developer"),
        ("Senior .NET Developer, no remote", "Senior .NET Developer"),
        ("Java Application Developer CONTRACT TO HIRE", "Java Application Developer"),
        ("React Front End Engineer wanted", "React Front End Engineer"),
        # what is left must end as a role does
        ("Client Support Specialist, Weekend Full-Time", "Client Support Specialist, Weekend Full-Time"),
        ("Software Engineer, Boston or REMOTE", "Software Engineer, Boston or REMOTE"),
        ("Call Center-REMOTE", "Call Center-REMOTE"),
        ("Software Engineer - Remote Sensing", "Software Engineer - Remote Sensing"),
    ],
)
def test_a_role_is_named_without_the_flags_written_after_it(role, bare):
    assert without_trailing_flags(role) == bare


def test_a_role_asked_for_again_with_praise_of_the_person_is_one_role():
    record = extract_text(
        "x",
        hn(
            "Acme | Backend Engineer | Berlin",
            "We're looking for an experienced backend engineer to own our billing service.",
        ),
    )
    assert [r.title for r in record.roles] == ["Backend Engineer"]


def test_a_level_written_again_is_another_opening():
    record = extract_text(
        "x",
        hn(
            "Acme | Backend Engineer | Berlin",
            "We're also hiring a senior backend engineer to lead the team.",
        ),
    )
    assert [r.title for r in record.roles] == ["Backend Engineer", "senior backend engineer"]


def test_a_flag_after_a_header_s_role_is_no_part_of_it():
    record = extract_text("x", hn("Acme | Software Engineer ONSITE | Berlin", "We build payment APIs."))
    assert [r.title for r in record.roles] == ["Software Engineer"]


def test_words_that_open_a_title_s_name_are_no_praise():
    record = extract_text("x", hn("Acme | Smart Contract Engineer, Contract Engineer | Berlin", "We build."))
    assert [r.title for r in record.roles] == ["Smart Contract Engineer", "Contract Engineer"]


def test_a_long_run_of_list_marks_before_a_role_is_read_at_once():
    """Marks and the separators after them once overlapped: every added "-" doubled the time to fail."""

    def seconds(text: str) -> float:
        start = time.perf_counter()
        without_sentence_words(text)
        return time.perf_counter() - start

    for mark in ("-", "-/"):
        small, large = seconds(mark * 17 + "("), seconds(mark * 18 + "(")
        assert large <= 1.5 * small + 0.05, f"{mark!r}: {small:.3f} s for 17, {large:.3f} s for 18"
    assert without_sentence_words("-" * 5000 + " (Remote)").startswith("(Remote)")


@pytest.mark.parametrize("unit", ["full time, ", "Remote or ", "2 "])
def test_a_long_run_of_flags_before_a_role_grows_linearly(unit):
    """Each flag read once, a few at most: a role's words looked for after every one of thousands of flags
    made a header of them take a minute."""

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            without_sentence_words(text)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = seconds(unit * 5_000 + "Engineer"), seconds(unit * 10_000 + "Engineer")
    assert large <= 2.5 * small + 0.05, f"{unit!r}: {small:.3f} s, {large:.3f} s for twice the flags"
