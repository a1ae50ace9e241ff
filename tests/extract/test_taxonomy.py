import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

from rolemap.errors import DataError
from rolemap.extract import extract_text
from rolemap.extract.skill_matching import SkillMatcher
from rolemap.extract.taxonomy import (
    CONTRACT_LANGUAGES,
    ancestors_of,
    children_of,
    descendants_of,
    load_taxonomy,
    parse_taxonomy,
    resolve_skill,
    search_taxonomy,
    taxonomy_sizes,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT.parent / "shared" / "data" / "skill_sources"
BASE = "\n".join(f"{lang}\tlanguage\t{lang}\t\t\t" for lang in CONTRACT_LANGUAGES)


def test_bundled_taxonomy_is_valid_and_large():
    taxonomy = load_taxonomy()
    assert len(taxonomy) >= 5000
    assert set(CONTRACT_LANGUAGES) <= set(taxonomy)
    sizes = taxonomy_sizes(taxonomy)
    assert {"hand", "onet", "esco", "devicon", "linguist", "simple-icons"} <= set(sizes["by source"])


def test_the_role_books_skills_are_the_taxonomys():
    """roles.json names skills by their taxonomy ids: an id the taxonomy lacks never matches ("aspnet" for
    asp-net kept ASP.NET out of the server side); a title's own name ("nodejs") is one of `title_names`."""
    from rolemap.extract.roles import role_book

    book, taxonomy = role_book(), load_taxonomy()
    named = (
        set(book.client_side) | book.mobile | book.server_side | book.browser_languages | book.not_a_device
    )
    assert sorted(s for s in named if s not in taxonomy) == []
    titles = set(book.title_names.values())
    assert sorted(s for s in book.title_skills if s not in taxonomy and s not in titles) == []


def test_the_taxonomy_file_is_built_by_its_script_not_by_hand(tmp_path, monkeypatch):
    if not SOURCES.exists():
        pytest.skip(f"{SOURCES} is not here: the open sources sit in ../shared beside the clone")
    build = _builder(monkeypatch)
    out = tmp_path / "skills.tsv.gz"
    build.write(out, SOURCES)
    shipped = ROOT / "src/rolemap/extract/data/skills.tsv.gz"
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(shipped.read_bytes())


def _builder(monkeypatch):
    pytest.importorskip("wordfreq", reason="the builder needs the dev dependency wordfreq")
    spec = importlib.util.spec_from_file_location("build_taxonomy", ROOT / "scripts" / "build_taxonomy.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_taxonomy", build)  # its dataclasses look themselves up there
    spec.loader.exec_module(build)
    return build


@pytest.mark.parametrize(
    ("acronym", "phrase", "spelled"),
    [
        ("EC2", "Amazon Elastic Compute Cloud", True),  # initials
        ("MPLS", "Multiprotocol Label Switching", True),  # a word gives more than its initial
        ("HTML", "Hypertext markup language", True),
        ("SSO", "Single sign-on", True),
        ("CRM", "Microsoft Dynamics", False),  # letters inside words, but not the words' initials
        ("XML", "Extensible markup language", False),  # eXtensible: not spelled from initials
        ("SaaS", "Software as a service", False),  # mixed case: a kind of software, not an acronym to match
        ("MPLS", "Multiprotocol Label", False),  # letters left over
    ],
)
def test_the_builder_reads_an_acronym_spelled_from_the_words_before_it(monkeypatch, acronym, phrase, spelled):
    build = _builder(monkeypatch)
    assert build._is_acronym_of(acronym, phrase.split()) is spelled


@pytest.mark.parametrize(
    ("name", "common", "as_a_product"),
    [
        ("Slack", True, True),  # an English word
        ("PowerPoint", True, False),  # written often, but no English word: a product's name
        ("NetBackup", False, False),
        ("TeX", True, True),  # three letters: too short to call a name by the lexicon
        ("InterConnect", True, True),  # an English word in a brand's capitals, however seldom written
        ("HyperSpace", True, True),
    ],
)
def test_the_builder_tells_everyday_words_from_product_names(monkeypatch, name, common, as_a_product):
    build = _builder(monkeypatch)
    assert build.is_common(name) is common
    assert build.is_common(name, brands=True) is as_a_product


def test_a_makers_product_is_named_as_postings_write_it():
    """ "Microsoft PowerPoint" is PowerPoint (id and alias); "Microsoft Word" keeps its maker's word, and
    the bare "Word" the hand layer adds matches only as written and in a technical context."""
    from rolemap.extract.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    assert "PowerPoint" in taxonomy["powerpoint"].aliases
    word = taxonomy["microsoft-word"]
    assert "Word" in word.aliases and word.case_sensitive and word.needs_context
    assert "hand" in word.sources and "onet" in word.sources


EDITIONS = frozenset({"pro", "database", "designer", "management", "server", "suite"})


@pytest.mark.parametrize(
    ("name", "own"),
    [
        ("Sparta Systems TrackWise", "TrackWise"),  # a maker's words before it
        ("Hewlett Packard LoadRunner", "LoadRunner"),
        ("Trimble SketchUp Pro", "SketchUp"),  # an edition after it
        ("Greenplum Database", "Greenplum"),  # a word no English text uses
        ("OpenRoads Designer", "OpenRoads"),
        ("Apache Hadoop YARN", None),  # the product is named by more words than one
        ("Cloudera Impala", None),
        ("JFrog Artifactory", None),  # two coined words: which is the maker's is not plain
        ("Enterprise JavaBeans", None),  # one word of English before it is the name's, not a maker's
        ("Equifax Advanced Decisioning", None),  # "decisioning": English with an ending
        ("Modeler Pro", None),  # rare words of English are no coined name
        ("Mesoscale modeling software", None),  # a kind of software written as a phrase
        ("NextGen Practice Management", None),  # camel-cased, but written as often as a word
    ],
)
def test_the_builder_names_a_product_by_its_own_coined_word(monkeypatch, name, own):
    build = _builder(monkeypatch)
    assert build.own_name(name.split(), frozenset({"Apache"}), EDITIONS) == own


def test_a_product_is_found_and_named_as_postings_write_it():
    """O*NET's "Sparta Systems TrackWise" and "Greenplum Database": postings write "TrackWise" and
    "Greenplum", and the ids are the products' own names, not their makers'."""
    record = extract_text("x", "Data Engineer\nYou know Greenplum, TrackWise and LoadRunner.")
    assert {"greenplum", "trackwise", "loadrunner"} <= {s.id for s in record.skills}


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("Workspace", True),  # below the guard's frequency, still a word of English
        ("SMARTS", True),  # an acronym whose lower case is a word
        ("Captivate", True),
        ("PowerPoint", False),  # camel-cased: a name
        ("RFID", False),  # capitals that spell no word
        ("Veracode", False),
        ("workspace", False),  # written in lower case by its source: no case to keep
    ],
)
def test_the_builder_knows_a_rarer_word_of_english(monkeypatch, name, english):
    assert _builder(monkeypatch)._a_word_of_english(name) is english


def test_a_trade_name_that_is_a_word_of_english_matches_in_its_capitals():
    """O*NET's "Google Workspace" keeps its maker in its id (as microsoft-word does) and is found as
    "Workspace", not in "a shared workspace"; the developers' lists' tools stay any case ("handlebars")."""
    from rolemap.extract import extract_text
    from rolemap.extract.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    assert "google-workspace" in taxonomy and taxonomy["google-workspace"].case_sensitive
    assert not taxonomy["handlebars"].case_sensitive

    def found(text: str) -> list[str]:
        return [s.id for s in extract_text("x", "Analyst\n" + text).skills]

    assert found("Tools: Google Workspace, Jira and Zoom.") == ["google-workspace", "jira", "zoom"]
    assert found("Admin of our Workspace and Okta accounts.") == ["google-workspace", "okta"]
    assert found("We work from a shared workspace in Austin; we hire for smarts.") == []
    assert found("Build eLearning with Adobe Captivate. Our stories captivate viewers.") == [
        "adobe-captivate"
    ]
    assert found("Our client code uses backbone.js and handlebars.") == ["backbone", "handlebars"]


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Our favourite editor is Visual Studio Code.", ["vs-code"]),  # the longer name, not Visual Studio
        ("Experience with Visual Studio and C#.", ["visual-studio"]),
        ("Network Operations will build interconnect and scale these networks.", []),  # no Equifax InterConnect
        ("Python 3, PostgreSQL, Flask, Redis, Pandas/Numpy, SpaCy.", ["postgresql", "flask", "redis", "pandas", "numpy", "spacy"]),
        # a language named by an everyday word needs a technical context
        ("We help manufacturers improve their assembly lines.", []),
        ("We aren't fans of the assembly line model of development.", []),
        ("Squeeze out performance by hand-tuning x86 assembly and C++.", ["assembly"]),
    ],
)  # fmt: skip
def test_names_that_english_or_a_longer_name_shares(text, skills):
    from rolemap.extract import extract_text

    assert [s.id for s in extract_text("x", "Engineer\n" + text).skills] == skills


def test_a_kinds_acronym_after_a_makers_product_names_the_kind_not_the_product():
    """ "LMS" is the kind's ("Learning management system LMS"), not Beeline's product; "EC2" is Amazon's own,
    and a product that would take a kind's id keeps its maker's words in its own."""
    from rolemap.extract.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    assert (
        taxonomy["lms"].name == "LMS" and "LMS" not in taxonomy["beeline-learning-management-system"].aliases
    )
    assert taxonomy["hris"].name == "HRIS" and "oracle-hris" in taxonomy
    assert not [sid for sid in taxonomy if sid.endswith("-onet")]
    # "Amazon Elastic Compute Cloud EC2" merged into its own entry
    assert "onet" in taxonomy["amazon-ec2"].sources


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Bad Id\tlanguage-other\tX\t\t\t", "must be lowercase"),
        ("foo\tnot-a-category\tFoo\t\t\t", "unknown category"),
        ("foo\ttool\tFoo\t\tmissing-parent\t", "unknown parent"),
        ("foo\ttool\tFoo\t\t\tweird", "unknown flags"),
        ("foo\ttool\tFoo\t\t\tcs,verb", "only qualifies a ctx name"),
        ("foo\ttool\tFoo\t\t\tcode", "only qualifies a ctx name"),
        ("foo\ttool\tFoo", "expected 6"),
        ("python\ttool\tPython again\t\t\t", "listed twice"),
        ("foo\ttool\tFoo\t\t\t\tonet\tlowercase\t", "must have a capital"),
    ],
)
def test_validation_names_the_problem(line, message):
    with pytest.raises(DataError, match=message):
        parse_taxonomy(BASE + "\n" + line)


def test_alias_clash_is_an_error():
    with pytest.raises(DataError, match="belongs to both"):
        parse_taxonomy(BASE + "\nfoo\ttool\tFoo\tshared\t\t\nbar\ttool\tBar\tshared\t\t")


def test_a_guarded_alias_may_not_hide_a_clash_either():
    with pytest.raises(DataError, match="belongs to both"):
        parse_taxonomy(BASE + "\nfoo\ttool\tFoo\t\t\t\tonet\tHive\t\nbar\ttool\tBar\t\t\t\tonet\tHive\t")
    with pytest.raises(DataError, match="belongs to both"):  # nor a context alias
        parse_taxonomy(BASE + "\nfoo\ttool\tFoo\thive\t\t\nbar\ttool\tBar\t\t\t\thand\t\tHive")


def test_parents_may_not_loop():
    with pytest.raises(DataError, match="parents loop: a -> b -> a"):
        parse_taxonomy(BASE + "\na\ttool\tA\t\tb\t\nb\ttool\tB\t\ta\t")


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Postgres, K8s and Amazon Web Services", ["postgresql", "kubernetes", "aws"]),
        ("C++ and C# on .NET Core", ["cpp", "csharp", "csharp"]),
        # a stack joined by "+" names each; a "+" that ends a name stays its own ("C++", "Notepad++")
        ("Python+Django+PostgreSQL", ["python", "django", "postgresql"]),
        ("plain JavaScript+jQuery", ["javascript", "jquery"]),
        ("Let's go to the park", []),
        ("Google Cloud", ["gcp"]),
        ("R and Python for statistics", ["r", "python", "statistics"]),
        ("ruby on rails", ["rails"]),
        # products at the level the text names them
        ("RHEL and CentOS servers", ["rhel", "centos"]),
        ("vSphere, HDFS, PostGIS", ["vsphere", "hdfs", "postgis"]),
        ("Spring Boot and ASP.NET MVC", ["spring-boot", "asp-net-mvc"]),
        ("Windows Server 2016", ["windows-server"]),
        ("Spring MVC, Spring Batch and Spring Data JPA", ["spring-mvc", "spring-batch", "spring-data"]),
        # a longer product's name holds the short alias of another ("Elastic" is Elasticsearch's)
        (
            "Elastic Beanstalk, Elastic MapReduce and the Elastic stack",
            ["aws-elastic-beanstalk", "aws-emr", "elasticsearch"],
        ),
        # from the open sources
        (
            "NetBackup, LoadRunner and BigQuery",
            ["netbackup", "loadrunner", "bigquery"],
        ),
        ("Microsoft Visio and Visio", ["visio", "visio"]),  # the product's id, without its maker
        # web services of a named protocol are that protocol's; web services as an item of their own count
        ("REST web services and SOAP web services", ["rest", "soap"]),
        ("Java, Microservices, Web services", ["java", "microservices", "web-services"]),
        # the hedge after a named database is its kind, no skill of its own
        ("MySQL or other relational database", ["mysql"]),
        ("Experience with PostgreSQL, or another RDBMS", ["postgresql"]),
        ("Design relational databases in PostgreSQL", ["relational-databases", "postgresql"]),
        # a name is its owner's though another entry gives it as an alias ("Open Graphics Library OpenGL")
        ("Rendering in OpenGL; we edit in emacs.", ["opengl", "emacs"]),
        (
            "We edit in vim.",
            [],
        ),  # devicon's "vim" is also another entry's alias, and three letters: ambiguous
    ],
)
def test_matching(text, ids):
    matcher = SkillMatcher(load_taxonomy())
    assert [m.skill.id for m in matcher.find(text)] == ids


@pytest.mark.parametrize(
    ("text", "languages", "skills"),
    [
        # a word English shares, glued to another word, is part of a name: the firm's, not the technology
        ("DuckDuckGo | Paoli, PA\nWe write Perl and JavaScript.", ["perl", "javascript"], []),
        ("GetSwift | Melbourne\nOur API is in Node.js and Python.", ["javascript", "python"], []),
        ("We speak at BlackHat and DEFCON; we write Python.", ["python"], []),
        ("Clients include BlackRock. Stack: Java, Spring.", ["java"], ["spring"]),
        ("Strong ObjectiveC and iOS SDK skills, some Python.", ["python"], ["ios"]),  # no C in it
        # standing alone it counts as before, and a product's name still stands on a glued seam
        ("Services in Go and Python, some Swift on iOS.", ["go", "python", "swift"], ["ios"]),
        ("Experience preferredTFS and Jenkins.", [], ["tfs", "jenkins"]),
        # a board's glued lines: the word glued after the name makes no word with it, so the name stands
        ("Strong experience with SpringStrong experience with Hibernate.", ["java"], ["spring", "hibernate"]),
        ("Linux and WindowsKnowledge of Cisco routers.", [], ["linux", "windows", "cisco"]),
    ],
)  # fmt: skip
def test_a_shared_word_glued_to_another_is_part_of_a_name(text, languages, skills):
    from rolemap.extract import extract_text

    record = extract_text("x", "Engineer\n" + text)
    assert sorted(record.languages) == sorted(languages)
    assert [s.id for s in record.skills if s.id not in record.languages] == skills


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # an everyday word from the sources counts in a list or after a context word
        ("Tools: Zoom, Trello", True),
        ("experience with Zoom", True),
        # and not where any word could stand
        ("Zoom in on the details", False),
        ("Our app PacketZoom Engineering", False),
        ("zoom, trello", False),  # in the case written only
        ("Fluent in Javascript and CSS", False),
    ],
)
def test_a_guarded_everyday_word_needs_a_technical_context(text, found):
    entry = load_taxonomy()["zoom" if "oom" in text else "fluent"]
    assert entry.guarded, "the builder marks an everyday word"
    matcher = SkillMatcher(load_taxonomy())
    assert any(m.skill.id == entry.id for m in matcher.find(text)) is found


@pytest.mark.parametrize(
    ("text", "skill", "found"),
    [
        # a hand-layer nickname that is an everyday word counts beside a technology or a context word
        ("Continuous Delivery with travis, github, docker", "travis-ci", True),
        ("node, angular, mongo, dynamo, drupal", "dynamodb", True),
        ("pure REST APIs, based on Swagger 2.0, on top of a microservice architecture", "openapi", True),
        ("Experience using TensorFlow, Torch, or equivalent neural network platform", "pytorch", True),
        # and not as the everyday word or a person's name
        ("Email Travis at jobs@example.com if interested", "travis-ci", False),
        ("We have parents, dog owners, marathon runners, RC plane pilots", "mesos", False),
        ("Drill press, welding torch, surface grinder", "pytorch", False),
        ("Walk with a swagger - relish the new challenge", "openapi", False),
        ("clicking the My Job Search ribbon", "netflix-oss", False),
    ],
)
def test_a_products_everyday_nickname_needs_a_technical_context(text, skill, found):
    nickname = {"travis-ci": "travis", "dynamodb": "dynamo", "openapi": "swagger", "pytorch": "torch"}
    entry = load_taxonomy()[skill]
    assert entry.contextual, "the builder binds the hand layer's everyday nickname to a context"
    assert nickname.get(skill, "-") in (*entry.contextual, "-")
    posting = f"Acme | Software Engineer | Berlin\n{text}"  # the head line is a list of its own
    assert any(m.skill.id == skill for m in SkillMatcher(load_taxonomy()).find(posting)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a context-bound entry matched in any case needs a technical context for every name
        ("Experience with Docker images and containers", True),
        ("Tools: Kubernetes, containers", True),
        ("Weft tracks shipping containers using low-cost hardware", False),
        ("labeling of all cassettes, slides, and other containers as necessary", False),
    ],
)
def test_a_context_bound_name_in_any_case(text, found):
    assert load_taxonomy()["containers"].needs_context and not load_taxonomy()["containers"].case_sensitive
    assert any(m.skill.id == "containers" for m in SkillMatcher(load_taxonomy()).find(text)) is found


@pytest.mark.parametrize(
    ("text", "skill", "found"),
    [
        # a name that is also an English verb, opening a sentence, a line or a bullet, then a function
        # word: the imperative, however many technologies are near
        ("Make sure to update Jira and Confluence.", "make", False),
        ("Skills: Python, Docker.\nGo to our careers page", "go", False),
        ("Responsibilities:Make a real difference with Python", "make", False),
        ("Go the extra mile with Kubernetes", "go", False),
        ("Express your ideas in Jira.", "express", False),
        # and a name where a noun or a name-like word follows
        ("- Hive tables and Spark jobs", "hive", True),
        ("- Express middleware in Node.js", "express", True),
        ("- Make targets with Jenkins", "make", True),
        ("- Go routines and channels, Docker", "go", True),
        ("- Storm topologies on Kafka", "storm", True),
        ("Build/Release: Jenkins, Maven, GCC, Make", "make", True),
        ("Our stack: Python and Kafka.\nGo is our main language", "go", True),
    ],
)
def test_a_verb_opening_a_sentence_is_no_technology(text, skill, found):
    assert load_taxonomy()[skill].verb, "the builder flags a context-bound name that is an English verb"
    assert any(m.skill.id == skill for m in SkillMatcher(load_taxonomy()).find(text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a site named as the applicant's page on it, or the firm's: a link to send or see
        ("Send your resume/github account to jobs@acme.com", set()),
        ("Have a GitHub or StackOverflow profile.", set()),
        ("please send github & linkedin links to: me", set()),
        ("Check our GitHub page: http://github.com/acme", set()),
        # named beside what an applicant sends, or followed by its own address
        ("Send resume, github, open source projects, etc, to jobs@acme.com", set()),
        ("Email a CV and GitHub or portfolio to jobs@acme.com.", set()),
        ("Include any relevant links (resume/LinkedIn, Github/Gitlab, etc.).", set()),
        ("GITHUB: https://github.com/acme", set()),
        ("We have twenty open-source repos on github (https://github.com/acme/).", set()),
        # a repository or a project on it, a link to it, a page named first, or a likeness
        ("You must have a github repo that you are proud of.", set()),
        ("See our public GitHub repositories.", set()),
        ("Any relevant links to Github, conference talks, blog posts.", set()),
        ("Email us a link to your profiles (github etc).", set()),
        ("We are changing construction (think GitHub for construction).", set()),
        ("TileDB GitHub repo: https://github.com/TileDB-Inc/TileDB", set()),
        # the tool itself
        ("Experience with Git and GitHub required.", {"git", "github"}),
        ("We use Github for bug tracking and Bitbucket for old code.", {"github", "bitbucket"}),
        ("Tools like GitHub for code review and CircleCI.", {"github", "code-review", "circleci"}),
        ("Experience managing GitHub or GitLab repositories.", {"github", "gitlab"}),
        ("Our source control is GitHub for all projects.", {"github"}),
        ("Build integrations that link to GitHub.", {"github"}),
        ("Cloud accounts: GitHub, AWS", {"github", "aws"}),
        ("We review code in GitHub pull requests. Send your resume to jobs@acme.com.", {"github"}),
    ],
)
def test_a_site_named_as_a_profile_is_no_skill(text, found):
    assert load_taxonomy()["github"].site and load_taxonomy()["stackoverflow"].site
    assert {s.id for s in extract_text("x", "Engineer\n" + text).skills} == found


def test_the_builder_flags_verbs_from_a_verb_table_not_a_list(monkeypatch):
    build = _builder(monkeypatch)
    entries = [
        build.Entry(sid, "tool", name, [], [], "", "cs,ctx", {"hand"}, hand=True)
        for sid, name in (
            ("make", "Make"),
            ("express", "Express"),
            ("chef", "Chef"),
            ("elm", "Elm"),
            ("fix", "FIX"),
        )
    ]
    entries.append(build.Entry("go", "language", "Go", [], [], "", "cs", {"hand"}, hand=True))  # no ctx
    build.mark_verbs(entries)
    assert [e.flags for e in entries] == ["cs,ctx,verb", "cs,ctx,verb", "cs,ctx", "cs,ctx", "cs,ctx", "cs"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Salary: DOE", False),  # "depending on experience": terms of the offer
        ("$80 - $130K + 0.1-1% equity (DOE)", False),
        ("Compensation: Starting $18.50/hr, DOE", False),
        ("Tools: Minitab, DOE, SPC", True),  # design of experiments, listed with tools
    ],
)
def test_a_guarded_name_in_pay_talk_is_no_technology(text, found):
    assert load_taxonomy()["doe"].guarded
    assert any(m.skill.id == "doe" for m in SkillMatcher(load_taxonomy()).find(text)) is found


@pytest.mark.parametrize(
    "text",
    [
        "test, cutover and Go Live support",
        "Product strategy and Go To Market strategy",
        "Company Description: Go Beyond. It is",
    ],
)
def test_a_name_inside_a_set_phrase_of_english_is_no_technology(text):
    assert "go" not in {m.skill.id for m in SkillMatcher(load_taxonomy()).find(text)}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Develop organization change management strategies and plans", False),
        ("Organizational Change Management Consultant", False),
        ("Follow the change management process for production releases", True),  # the IT practice
        # a project's or a plant's governance of changes is no practice a person lists as a skill
        ("Responsible for project scope definition and change control management", False),
        ("Ensure qualification and change control documentation is current", False),
    ],
)
def test_organisational_change_management_is_no_it_practice(text, found):
    assert ("change-management" in {m.skill.id for m in SkillMatcher(load_taxonomy()).find(text)}) is found


@pytest.mark.parametrize(
    ("text", "skill", "found"),
    [
        # words English writes every day that name a product in a list of technologies
        ("We use React, ES6, Less, Webpack and Babel", "less", True),
        ("Experience with SASS or LESS", "less", True),
        ("Principles: Small is Beautiful, Less is more", "less", False),
        ("Less than 10% travel", "less", False),
        ("Proficient in Microsoft Office (Word, Excel, PowerPoint, Outlook)", "microsoft-word", True),
        ("Proficient in Microsoft Office (Word, Excel, PowerPoint, Outlook)", "outlook", True),
        ("Please send your resume in Word format", "microsoft-word", False),
        ("Word of mouth brought us here. The outlook is good.", "outlook", False),
    ],
)
def test_everyday_words_that_name_products_in_a_technical_context(text, skill, found):
    assert (skill in {m.skill.id for m in SkillMatcher(load_taxonomy()).find(text)}) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Assembly is a plant's word first: the language only beside a language or a processor
        ("Embedded SW (C, Assembly, scripts) and FPGA work", True),
        ("Strong skill in C. Good in assembly is a big bonus.", True),
        ("We need people comfortable with x86 and ARM assembly, reverse engineering", True),
        ("Documentation including bills of material (BOMs), assembly drawings, and CNC programs", False),
        ("CoreOS, 500px, Lexmark, General Assembly and many others use Semaphore", False),
        ("Avigilon | Somerville, MA (Assembly Row) | Full-time", False),
        ("Mastery of PCB layout and assembly techniques", False),
    ],
)
def test_assembly_is_the_language_beside_code_only(text, found):
    assert ("assembly" in {m.skill.id for m in SkillMatcher(load_taxonomy()).find(text)}) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the product is written with its capital; "excel" in small letters is the verb
        ("Proficiency in Excel, Word and PowerPoint", True),
        ("Skills: SQL; EXCEL; Google Analytics", True),
        ("Maintain the budget in excel spreadsheets", True),
        ("Adapt and excel in our fast-paced culture", False),
        ("A culture where our people excel and lead healthy, happy lives", False),
    ],
)
def test_excel_is_the_product_with_its_capital(text, found):
    assert ("excel" in {m.skill.id for m in SkillMatcher(load_taxonomy()).find(text)}) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We are backed by Spark Capital and Mithril Capital.", set()),
        ("Investors include Salesforce Ventures.", set()),
        ("Backed by OpenView Venture Partners.", set()),
        ("We process data with Spark and Salesforce.", {"spark", "salesforce"}),
    ],
)
def test_an_investors_name_is_no_skill(text, found):
    assert {m.skill.id for m in SkillMatcher(load_taxonomy()).find(text)} == found


def test_a_set_phrase_inside_a_link_leaves_the_link_whole():
    found = SkillMatcher(load_taxonomy()).find("see https://example.com/go-live/kafka-docker/ and Go Live")
    assert found == []  # neither the link's names nor the phrase's


def test_jasmine_is_the_test_framework():
    matcher = SkillMatcher(load_taxonomy())
    assert [m.skill.id for m in matcher.find("Testing frameworks (Jasmine, Mocha)")] == [
        "jasmine",
        "mocha",
    ]
    assert ancestors_of("jasmine") == ("javascript",)
    assert matcher.find("Jasmine is our office manager.") == []


def test_a_typescript_posting_names_no_javascript_by_its_frameworks():
    record = extract_text("x", "Frontend Engineer\nWe build with TypeScript and Angular.")
    assert "typescript" in record.languages and "javascript" not in record.languages
    record = extract_text("x", "Frontend Engineer\nWe build with Angular.")
    assert "javascript" in record.languages
    record = extract_text("x", "Frontend Engineer\nJavaScript and TypeScript with Angular.")
    assert {"javascript", "typescript"} <= set(record.languages)


def test_hierarchy():
    assert ancestors_of("asp-net-mvc") == ("asp-net", "csharp")
    assert {"rhel", "centos", "ubuntu", "debian"} <= set(children_of("linux"))
    assert "windows-server" in children_of("windows") and "vsphere" in children_of("vmware")
    assert ancestors_of("spring-boot") == ("spring", "java")
    assert ancestors_of("hdfs") == ("hadoop",) and ancestors_of("postgis") == ("postgresql",)
    assert "aws-lambda" in descendants_of("aws")
    assert children_of("no-such-skill") == () and ancestors_of("no-such-skill") == ()
    # products at the level postings name them: each Unix, each SQL dialect, Sass
    assert {"aix", "solaris", "hp-ux"} <= set(children_of("unix"))
    assert {"t-sql", "pl-sql"} <= set(children_of("sql")) and ancestors_of("sass") == ("css",)


def test_a_product_is_named_at_its_own_level():
    matcher = SkillMatcher(load_taxonomy())
    found = [m.skill.id for m in matcher.find("Solaris and AIX admins; T-SQL, PL/SQL and SQL; SCSS; SVN")]
    assert found == ["solaris", "aix", "t-sql", "pl-sql", "sql", "sass", "subversion"]


def test_a_framework_two_levels_down_still_implies_its_language():
    record = extract_text("x", "Backend Engineer\nWe build our services with ASP.NET MVC and SQL Server.")
    assert "asp-net-mvc" in {s.id for s in record.skills} and "csharp" in record.languages


def test_a_dialect_the_hand_layer_puts_under_a_language_implies_it():
    """ClojureScript is its own skill (postings name it apart) and writes Clojure; Linguist's groups are no
    such claim: OpenCL names no C."""
    record = extract_text(
        "x", "Software Engineer\nOur SaaS platform is built using ClojureScript and Datomic."
    )
    assert "clojurescript" in {s.id for s in record.skills} and record.languages == ("clojure",)
    record = extract_text("x", "GPU Engineer\nYou will write OpenCL kernels and Python tooling.")
    assert "c" not in record.languages


def test_topics_are_found_but_not_listed_as_skills():
    record = extract_text(
        "x", "Engineer\nYou know data structures, scalability and distributed systems; we use CI/CD and TDD."
    )
    ids = {s.id for s in record.skills}
    assert {"ci-cd", "tdd"} <= ids
    assert not ids & {"data-structures", "scalability", "distributed-systems"}
    assert load_taxonomy()["scalability"].category == "topic"


def test_data_pipelines_are_a_topic_and_etl_the_practice_named():
    """ "Build data pipelines" names the work, not ETL: the labels list ETL where a posting writes it."""
    record = extract_text("x", "Data Engineer\nYou will build data pipelines in Python.")
    assert "etl" not in {s.id for s in record.skills} and "data-pipelines" in record.topics
    record = extract_text("x", "Data Engineer\nYou will build ETL pipelines in Python.")
    assert "etl" in {s.id for s in record.skills}


def test_a_field_a_quality_or_a_law_is_a_topic_and_a_product_is_no_practice():
    record = extract_text(
        "x",
        "Engineer\nYou know statistics, multi-tenant systems and HIPAA rules; we use Kafka and SPSS Statistics.",
    )
    assert {"statistics", "multi-tenancy", "hipaa"} <= set(record.topics)
    assert not {s.id for s in record.skills} & {"statistics", "multi-tenancy", "hipaa"}
    # a product named after a field stays its own entry, not an alias of the field
    assert "SPSS Statistics" not in load_taxonomy()["statistics"].aliases


def test_a_class_of_technology_is_a_topic_and_its_products_are_skills():
    """Virtualization, containers, message queues, replication, sharding and CDNs are kinds of technology, as
    cloud computing is: the labels list the products (VMware, Docker, RabbitMQ), not the kind."""
    record = extract_text(
        "x",
        "Engineer\nYou know virtualization (VMware), containers (Docker), message queues (RabbitMQ), database "
        "replication and sharding, and a CDN.",
    )
    kinds = {"virtualization", "containers", "message-queues", "replication", "sharding", "cdn"}
    assert kinds <= set(record.topics)
    assert {"vmware", "docker", "rabbitmq"} <= {s.id for s in record.skills}
    assert not {s.id for s in record.skills} & kinds


def test_a_compliance_regime_is_a_condition_of_the_work_not_a_skill():
    """SOC 2, PCI DSS and ISO 27001 are audits and standards a firm keeps, as HIPAA and GDPR are laws: topics."""
    record = extract_text(
        "x", "Security Engineer\nKeep us PCI DSS, SOC 2 and ISO 27001 compliant with Terraform and Vault."
    )
    assert {"pci-dss", "soc2", "iso-27001"} <= set(record.topics)
    assert not {s.id for s in record.skills} & {"pci-dss", "soc2", "iso-27001"}
    assert "terraform" in {s.id for s in record.skills}


def test_a_field_a_company_works_in_is_a_topic():
    record = extract_text("x", "Engineer\nWe build 3D printing software for the Internet of Things, in C++.")
    assert {"3d-printing", "internet-of-things"} <= set(record.topics)
    assert not {s.id for s in record.skills} & {"3d-printing", "internet-of-things"}


def test_a_kind_of_technology_is_no_one_vendor_s_product():
    """ "LiDAR" and "Middleware" end O*NET's "Leica AEROPLAN LiDAR" and "IBM Middleware": written alone they are
    the kind (topics), which the hand layer names so that the products keep only their full names."""
    record = extract_text("x", "Engineer\nWe fuse LiDAR point clouds; our middleware runs on Kafka.")
    assert {"lidar", "middleware"} <= set(record.topics)
    assert not {s.id for s in record.skills} & {"leica-aeroplan-lidar", "ibm-middleware"}


def test_a_topic_inside_the_hirer_s_name_is_the_hirer_s():
    record = extract_text(
        "x", "\nMaxCDN | Backend Engineer | Los Angeles\nMaxCDN builds fast websites in Go."
    )
    assert "cdn" not in record.topics


def test_a_condition_of_the_job_is_no_skill():
    record = extract_text("x", "Engineer\nBasic Qualifications: Active DoD Secret Clearance. Java, Kafka.")
    assert {s.id for s in record.skills} == {"kafka"} and "security-clearance" in record.topics


def test_topics_can_be_listed_on_their_own():
    from rolemap.extract.document import Document
    from rolemap.extract.skills import pick_topics, tally_matches

    doc = Document.read("Engineer\nYou know data structures, scalability and Kafka.")
    categories = {sid: e.category for sid, e in load_taxonomy().items()}
    topics, spans = pick_topics(tally_matches(doc.skills, doc), categories)
    assert topics == ("data-structures", "scalability")
    assert [s.text for s in spans] == ["data structures", "scalability"]
    assert load_taxonomy()["ci-cd"].category == "practice"


@pytest.mark.parametrize(
    ("typed", "skill"),
    [("k8s", "kubernetes"), ("Postgres", "postgresql"), ("C#", "csharp"), ("c++", "cpp"), ("rhel", "rhel")],
)
def test_resolve_and_search(typed, skill):
    entry = resolve_skill(typed)
    assert entry is not None and entry.id == skill
    assert search_taxonomy(typed)[0].id == skill


def test_nothing_resolves_from_nothing():
    assert resolve_skill("no such technology at all") is None
    assert search_taxonomy("   ") == [] and search_taxonomy("zzzzqqq") == []


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Java Developer\nLocation: Phoenix, AZ. We build APIs in Java.", {"java"}),
        ("Backend Engineer\nOffices in Alexandria & Cairo, Egypt. We use Python.", {"python"}),
        # two capitals after the name are no country's code: "IT" is no Italy
        (
            "Cloud Engineer\nExperience with AWS RDS, Aurora, IT security and Terraform.",
            {"amazon-rds", "aurora", "terraform"},
        ),
        # the framework, named without a region after it
        (
            "Elixir Developer\nWe build on Elixir and Phoenix, with Postgres.",
            {"elixir", "phoenix", "postgresql"},
        ),
    ],
)
def test_a_technology_named_like_a_town_before_its_region_is_the_town(text, skills):
    record = extract_text("x", text)
    assert {s.id for s in record.skills} | set(record.languages) == skills


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        # an adverb or adjective after a name opening a line is no object of a verb: the name stays
        (
            "Backend Engineer\nRequirements:\n- Python and Docker\n- Go strongly preferred\n- Rust highly desirable",
            {"go", "rust"},
        ),
        ("Engineer\nWe build with Make and Bazel.", {"make", "bazel"}),
    ],
)
def test_a_verb_named_technology_before_an_adverb_stays_a_name(text, skill):
    record = extract_text("x", text)
    assert skill <= {s.id for s in record.skills} | set(record.languages)


def test_a_name_with_a_note_in_brackets_is_no_verb():
    record = extract_text(
        "x", "SRE\nThe languages we use for infrastructure: Go (strongly preferred), Ruby, Python."
    )
    assert "go" in record.languages


@pytest.mark.parametrize("text", ["Go\n", "Go", "Engineer\nWe use Go", "Engineer\n- Make"])
def test_a_verb_named_technology_ending_the_text_is_read_without_error(text):
    extract_text("x", text)


@pytest.mark.parametrize(
    "sentence",
    ["Less than 10% travel required.", "Less meetings, more code.", "Word of mouth brings us clients.",
     "Outlook: strong growth."],
)  # fmt: skip
def test_a_word_first_name_opening_a_sentence_is_the_word(sentence):
    """The sentence before it ("… with Python and Django.") is no technical context for it."""
    found = {
        m.skill.id
        for m in SkillMatcher(load_taxonomy()).find("We build APIs with Python and Django. " + sentence)
    }
    assert not found & {"less", "microsoft-word", "outlook"}
    assert "less" in {
        m.skill.id for m in SkillMatcher(load_taxonomy()).find("Less, Sass and Webpack are used.")
    }


def test_the_hand_layer_names_a_skill_once(monkeypatch, tmp_path):
    """Two lines of one name would let the layer's flags guard one of them only ("Echo" the Go framework,
    context-bound, beside an unflagged "Echo" that read Amazon's Echo and the shell's echo)."""
    build = _builder(monkeypatch)
    layer = tmp_path / "layer.tsv"
    layer.write_text("echo-go\tframework\tEcho\tEcho\tgo\tcs,ctx\necho-framework\tframework\tEcho\t\tgo\t\n")
    with pytest.raises(ValueError, match="echo-go and echo-framework are both named 'Echo'"):
        build.read_layer(layer)
    assert [e.id for e in build.read_layer(build.LAYER)]  # the shipped layer passes


@pytest.mark.parametrize(
    ("text", "skill", "found"),
    [
        # "and"/"or" join a name that needs a context to another name of the taxonomy ...
        ("Configuration management with tools like Puppet and Chef.", "chef", True),
        ("Our artists build in Unreal and Unity engines.", "unity", True),
        # ... not to any word
        ("Our studio helps members tone up, and torch calories!", "pytorch", False),
        ("This is a marathon and not a sprint.", "mesos", False),
        ("Cultures we look to emulate are Stripe and Airbnb.", "stripe", False),
    ],
)
def test_and_or_join_a_name_to_another_technology_only(text, skill, found):
    assert (skill in _found(text)) is found


@pytest.mark.parametrize(
    ("text", "skill", "found"),
    [
        # a name guarded as an everyday word is read after "and"/"or" only beside another name, guarded too
        ("Are ROS, Valgrind and GDB your bread and butter?", "gdb", True),
        ("We use virtual meeting tools including Microsoft Teams and Zoom.", "zoom", True),
        ("Our team came from Apple, Google, Amazon, Microsoft, and PayPal.", "paypal", False),
        ("Send an email with your achievements, aspirations, and Skype ID.", "skype", False),
        ("We are located in Seattle on Broadway and Pike.", "pike", False),
    ],
)
def test_and_or_join_a_guarded_name_to_another_technology_only(text, skill, found):
    assert (skill in _found(text)) is found


def test_e_verify_is_a_condition_of_hiring_not_a_skill():
    from rolemap.extract import extract_text

    record = extract_text(
        "x", "Payroll Clerk\nSkills: Python, E-Verify, Excel.\nWe use Form I-9 and E-Verify."
    )
    assert "e-verify" not in {s.id for s in record.skills} and "e-verify" in record.topics


@pytest.mark.parametrize(
    ("text", "skill", "found"),
    [
        # devicon writes "slack", "ionic", "bower"; O*NET and simple-icons write the products' capitals,
        # so the names match as written, in a technical context
        ("Tools: Slack, Jira and GitHub.", "slack", True),
        ("Front end: Angular, Ionic, Cordova.", "ionic", True),
        ("- Grunt, Bower, NPM", "bower", True),
        ("Cut us some slack: we are a small team.", "slack", False),
        ("Please send your resume and LinkedIn profile.", "linkedin", False),  # a site of profiles
    ],
)
def test_a_product_devicon_names_in_lower_case_matches_in_its_own_capitals(text, skill, found):
    assert (skill in _found(text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Experience administering Windows systems is preferred.", True),
        ("Proficient in the use of a PC in a Windows environment.", True),
        ("- IT Windows admin", True),
        ("Open the Windows of opportunity.", False),
    ],
)
def test_a_system_administered_is_named_in_a_technical_context(text, found):
    assert ("windows" in _found(text)) is found


def _found(text: str) -> set[str]:
    """The skill ids the matcher finds in text."""
    return {m.skill.id for m in SkillMatcher(load_taxonomy()).find(text)}


@pytest.mark.parametrize(
    ("text", "skill", "found"),
    [
        # an acronym the posting spells out as something else is not the skill of that acronym
        ("Experience with Oracle Application Development Framework (ADF) and SQL.", "azure-data-factory", False),
        ("Remote control of devices using MDM (Mobile Device Management).", "master-data-management", False),
        # spelled as the taxonomy spells it, plural or not, or not spelled out at all: the skill
        ("Experience with Azure Data Factory (ADF) and SQL.", "azure-data-factory", True),
        ("Experience with Real-time operating systems (RTOS) and C.", "rtos", True),
        ("Tools: ADF, Databricks, Synapse.", "azure-data-factory", True),
        ("Structured Query Language (SQL) and Python.", "sql", True),  # the taxonomy spells SQL out nowhere
        ("Google Compute Platform (GCP) and AWS.", "gcp", True),  # spelled a little differently
    ],
)  # fmt: skip
def test_an_acronym_the_posting_defines_as_another_names_no_skill(text, skill, found):
    assert (skill in _found(text)) is found


@pytest.mark.parametrize(
    "text", ["Skills: Microsoft SQL, Python.", "Microsoft SQL Database Security", "MS SQL"]
)
def test_microsoft_sql_is_sql_server(text):
    assert "sql-server" in _found(text) and "sql" not in _found(text)


@pytest.mark.parametrize(
    ("text", "skill", "found"),
    [
        ("Experience with Swing and JavaFX desktop clients.", "swing", True),
        ("Experience with Swing and JavaFX desktop clients.", "javafx", True),
        ("Day shift and swing shift available.", "swing", False),
        ("Build apps on the Universal Windows Platform.", "uwp", True),
    ],
)
def test_desktop_ui_frameworks_are_named(text, skill, found):
    assert (skill in _found(text)) is found


@pytest.mark.parametrize(
    ("text", "skill", "found"),
    [
        # a case-sensitive name written in small letters counts in a list of technologies
        ("Our stack is node/postgres/react", "react", True),
        ("JavaScript (for UX, using react/flux), Python (web server)", "react", True),
        ("Hadoop, spark, cassandra", "spark", True),
        ("We build tools with rails, postgres, redis, rspec, etc.", "rails", True),
        # ... not in prose, in a list of other things, as another noun's word, beside a practice only, as an
        # alias the open sources gave, nor as a wildcard's part
        ("You must react quickly to what customers ask", "react", False),
        ("music, visual art, poetry, film and comics", "poetry", False),
        ("Comfortable on *nix, Linux and macOS", "nix", False),
        ("Seated at the helm of operations", "helm", False),
        ("Dimensional modelling (star/snowflake schemas), SQL and dbt", "snowflake", False),
        ("Build the test oracle, Selenium and Java", "oracle", False),
        ("You will spark, nurture and close deals in Salesforce.", "spark", False),
        ("Civil engineer for rails, roads and bridges; AutoCAD required", "rails", False),
        ("Our values: listen, react, adapt; we work in an agile way", "react", False),
        ("Regularised regression (lasso, ridge, elastic net) with scikit-learn", "elasticsearch", False),
        ("Monitor node, pod and container metrics with Prometheus", "javascript", False),
        # names that are English words first even as written stay in their case ("go", "spring")
        ("Python, go, Rust and C", "go", False),
        # and a generic name from the open sources was decided by no person: it keeps its case
        ("debuggers, compilers, Python", "compilers", False),
    ],
)
def test_a_case_sensitive_name_in_small_letters_counts_in_a_list(text, skill, found):
    assert (skill in {m.skill.id for m in SkillMatcher(load_taxonomy()).find(text)}) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # CAD, the design software a drafter or a mechanical engineer lists (the labels do, 7 of 8 times)
        ("Proficiency in CAD tools such as Creo", True),
        ("structures using computer-aided design (CAD) software", True),
        # ... and not the Canadian dollar beside an amount
        ("Montreal, QC | ONSITE | SALARY: 80-110k CAD + stock options", False),
        ("Web Developer | $70k-$90k (CAD) plus benefits", False),
        ("Salary CAD 120,000 for a designer with CAD experience", True),  # the second is the software
        ("Salary CAD 120,000", False),
        # a version, a count or a section is no amount
        ("Siemens NX 12 CAD, SolidWorks", True),
        ("Hiring 2 CAD designers: SolidWorks, Creo", True),
        ("Salary 80,000. CAD experience with SolidWorks required", True),
        ("Proficient in CAD 10+ years with SolidWorks", True),
    ],
)
def test_cad_is_the_design_software_not_the_currency(text, found):
    assert ("cad" in {m.skill.id for m in SkillMatcher(load_taxonomy()).find(text)}) is found
