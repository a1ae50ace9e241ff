"""The sentences that name a hirer, each shape with a look-alike that must name no one (or not that
name). Names are made up; the shapes are those postings use."""

import pytest

from rolemap.extract import extract_text

BODY = "Developer\nWe build tools for teams.\n"


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the equal-opportunity line in its other shapes: it closes many postings, with the employer's name
        (BODY + "Northwind Traders provides equal employment opportunities to all employees.", "Northwind Traders"),
        (BODY + "Northwind Traders is committed to providing equal employment opportunities.", "Northwind Traders"),
        (BODY + "Contoso Labs does not discriminate on the basis of race.", "Contoso Labs"),
        (BODY + "We provide equal employment opportunities. We do not discriminate.", None),
        (BODY + "Our team is committed to equal opportunity.", None),
    ],
)  # fmt: skip
def test_the_equal_opportunity_line_in_its_shapes(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a firm named by its partners: the commas before the last two belong to the name
        (BODY + "EEO:Harlan, Moss, Pryce & Webb provides equal employment opportunities (EEO) to all.",
         "Harlan, Moss, Pryce & Webb"),
        (BODY + "Dallas, Austin & Houston provides equal employment opportunities to all.", None),  # places
        # six words besides the small ones that join them
        ("Manager\nThe Historical Society of Western & Central Pennsylvania is a nonprofit museum.",
         "Historical Society of Western & Central Pennsylvania"),
        ("Engineer\nGreat Benefits Package With Medical Dental Vision Coverage is a must.", None),
        # an abbreviation before a legal form ends no sentence; a heading glued to the name is no part of it
        ("Analyst\nCompany DescriptionHarwood Bros. Inc. is a moving company.", "Harwood Bros. Inc"),
        ("Writer\nCompany DescriptionKestrel Writing Services LLC offers editing.", "Kestrel Writing Services"),
    ],
)  # fmt: skip
def test_how_long_a_name_runs(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a name that opens a sentence, described between commas, then its verb
        ("Engineer\nBrightwave, a payments startup in Lisbon, is hiring engineers.", "Brightwave"),
        ("Paralegal\nHarlan, Moss & Webb, a Professional Law Corporation, has represented clients since 1974.",
         "Harlan, Moss & Webb"),
        ("Engineer\nNimbus Health, one of the fastest growing clinics in Ohio, provides care.", "Nimbus Health"),
        # the hiring sentence's subject is the name, not what describes it
        ("Engineer\nRentez-Vous, the Airbnb of Fashion, is looking for a CTO.", "Rentez-Vous"),
        ("Engineer\nYou will work with Orbital, a payments startup, and its team.", None),  # no verb after
        ("Engineer\nThe team works with Orbital, a payments startup, which builds cards.", None),  # no subject
        ("Analyst\nAdditionally, the analyst reviews policies and regulations.", None),  # an adverb
        ("Engineer\nOur client, a leading bank in Ohio, is seeking a developer.", None),
        # described by whose it is, between a dash or a comma and a comma
        ("Engineer\nBivium Partners - Boston's leading engineering recruiting firm, is actively recruiting.",
         "Bivium Partners"),
        ("Engineer\nHollis Fenwick, America's oldest seed bank, has openings for engineers.", "Hollis Fenwick"),
        ("Engineer\nWe met Hollis Fenwick, America's oldest seed bank, at a fair.", None),  # no subject
        # whose role it is describes a person; a dash opens no "the …" appositive
        ("Engineer\nJane Doe, Acme's VP of Engineering, has built three teams.", None),
        ("Engineer\nPython - the world's most popular language, is what we use.", None),
    ],
)  # fmt: skip
def test_a_name_described_between_commas(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the hirer's name before a role it hires for, or before its team
        ("Engineer\nAs Lumen Labs’ first Site Reliability Engineer, you will own our uptime.", "Lumen Labs"),
        ("Specialist\nAs Harbor Press’s (HP) Marketing Specialist, you will drive subscriptions.", "Harbor Press"),
        ("Intern\nThis internship is a chance to join Corvid Robotics’ data team and learn.", "Corvid Robotics"),
        ("Engineer\nAs Europe’s leading payments platform, we process billions.", None),  # no role after
        ("Engineer\nJoin Toronto’s fastest growing team today.", None),  # a place
        ("Engineer\nAs Acme’s customers grow, you will scale our systems.", None),
    ],
)  # fmt: skip
def test_the_hirer_named_before_its_role_or_team(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a one-word name at the opening counts where the post's own address spells it, hidden or not
        ("\nBackend Engineers -- San Francisco\nQuillo is an automated data pipeline.\nMail helen [at] quillo [dot] com",
         "Quillo"),
        ("\nBackend Engineers -- San Francisco\nQuillo is an automated data pipeline.\nhttps://jobs.quillo.io/apply",
         "Quillo"),
        # an English word needs the address; a word English seldom writes is a brand's alone
        ("\nBackend Engineers -- San Francisco\nHarbor is an automated data pipeline.\nMail helen@gmail.com", None),
        ("\nBackend Engineers -- San Francisco\nQuillo is an automated data pipeline.\nMail helen@gmail.com",
         "Quillo"),
        ("Engineer\nKubernetes is a must.\nMail helen@gmail.com", None),  # a technology
        ("Engineer\nSpanish is a plus.\nApply at https://spanishdict.com/jobs", None),  # no label is "spanish"
        # the hirer named by its site: .com, .net and .org dropped as in a header, a brand's own kept
        ("\nEngineer wanted\nYes, we edited this post. We do Folksreviews.com, it checks reputations.", "Folksreviews"),
        ("\nEngineer wanted\nWe started Underdog.io because hiring is hard.", "Underdog.io"),
        ("\nEngineer wanted\nWe are hiring. We use github.com daily.", None),
        ("\nEngineer wanted\nWe built Acme.com.au for you.", None),  # a country domain is not cut
    ],
)  # fmt: skip
def test_the_hirer_named_by_its_address(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a phone extension or a postcode glued before the name belongs to the block before it
        ("Developer\nThanks & Regards\nPhone: 302-000-0000 - Ext 521 Northwind Consulting Services Pvt Ltd",
         "Northwind Consulting Services"),
        ("Engineer\nLocation: Ridgewood NJ - 07450Quantix is looking for an engineer.", "Quantix"),
        ("Engineer\n7Park Data is hiring analysts.", "7Park Data"),  # a brand's own digits stay
        # a year's full stop ends a sentence; a number is no name; "a plus" glued to the next line
        ("Representative\nHarbor Limo is a family owned business established in 1987. We are seeking a driver.",
         "Harbor Limo"),
        ("DBA\nExperience with 11g and 12c is a plus5+ years of OEM. 12c matters.", None),
        ("Security firmware engineer - IoT company - 6 months\n", None),
    ],
)  # fmt: skip
def test_numbers_around_a_name(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the hirer introduced after the question that opens the description, or a glued heading
        ("Coordinator\nAre you ready to build from the ground up? Kovalent Systems seeks an engineer to join us.",
         "Kovalent Systems"),
        ("Engineer\nSENIOR UI ENGINEER – CLOUDAre you looking for a challenge? ZENTRO Software builds the best tools.",
         "ZENTRO Software"),
        ("Engineer\nWe build tools. Kovalent Systems builds dashboards.", None),  # after a plain sentence
        # a verb that is a noun too, before an article; words in capitals beside others are a brand's
        ("Engineer\nZentrix Data makes the fastest dashboards.", "Zentrix Data"),
        ("Engineer\nData Engineering offers the chance to grow.", None),  # English words only
        ("Engineer\nGENERAL SUPPORT is a team of five.", None),  # a heading in capitals
        ("Engineer\nIT Support is a team of five.", None),
        # a heading on its own line before the first sentence; a line that is no heading is the opening
        ("Analyst\nJob Description\n\nKelvora Enterprises is a staffing firm.", "Kelvora Enterprises"),
        ("Analyst\nWe hire well.\nKelvora Enterprises provides staffing.", None),
        # a heading glued to a name that opens with a digit
        ("Sales\nCompany Description9Yards Tech is an IT services firm.", "9Yards Tech"),
        # a name does not end with the word that joins it to the next
        ("\nPure Storage (http://purestorage.com and http://purestorage.com/jobs)\nEngineers, Mountain View, CA"
         "\nPure Storage is a fast growing company.", "Pure Storage"),
    ],
)  # fmt: skip
def test_the_opening_sentences(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a signature writes the firm whose e-mail host spells it, glued on or not
        ("Developer\nSend your resume.\n\nRegards, Deepak KumarNorthwind | Exciting times…Tel: +1 301-000-0000"
         "Email: deepak.kumar@northwind.com", "Northwind"),
        ("Developer\nSend your resume.\nThanks, Anish RajanSr. Technical RecruiterBayview Solutions, Pleasanton, CA "
         "94588arajan@bayviewsolutions.com", "Bayview Solutions"),
        ("Developer\nSend your resume.\nRegards, Deepak Kumar\nRecruiter\ndeepak.kumar@gmail.com", None),
        ("Developer\nQuestions? Ask the Northwind team: jobs@northwind.com", None),  # no sign-off
    ],
)  # fmt: skip
def test_a_signature_spelt_by_its_address(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # "We're X, a …", "We are X and we …", "We are X!": the hirer introducing itself
        ("\nLondon (Clerkenwell)\nWe're Quorria, a real estate search engine in 8 markets.", "Quorria"),
        ("\nProgrammer\nHey there! We are Zentrify and we do expense reports. Zentrify is fun.", "Zentrify"),
        ("Accountant\nWe are Harbor and Rehab Solutions ! We are looking for an accountant.", "Harbor and Rehab Solutions"),
        ("\nProgrammer\nWe're Close, a seed-funded startup.", None),  # one English word must stand again
        ("Recruiter\nA drama-free office. We are HR after all!", None),
        ("Engineer\nWe are Hiring! Join us.", None),
        # a name never ends with the word that would join it to the next: "X and we do"
        ("Engineer\nAt Spirit of the Game, we coach teams.", "Spirit of the Game"),
    ],
)  # fmt: skip
def test_we_are_the_hirer(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a name may carry its address or a footnote in brackets before its verb
        ("\nSenior Engineer - NYC or Remote\nBrickline Software (http://brickline.io/) is a one-year-old startup.",
         "Brickline Software"),
        ("\nAmsterdam, the Netherlands. No remote work.\nSilko [1] is looking for Javascript engineers.", "Silko"),
        ("\nSenior Engineer - NYC\nThe Team (our five engineers) is a tight group.", None),
    ],
)  # fmt: skip
def test_a_name_with_brackets_before_its_verb(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a hirer named by its site in a sentence, as in a header: .com, .net, .org dropped
        ("\nAmsterdam | ONSITE | VISA SUPPORT\nBookly.com is looking for Front End developers.", "Bookly"),
        ("\n(Aspen, CO): LOLSpots.com is looking for a programmer.", "LOLSpots"),
        ("\nToronto\nRangly.io is hiring engineers.", "Rangly.io"),
        # a word written lower-case then capital is a brand's ("Lazada eLogistics"), "iOS/Android" is not
        ("\nLazada eLogistics | Regional Head of Data | Singapore | Onsite", "Lazada eLogistics"),
        ("\nhttp://plumlife.io, Austin Texas, iOS/Android Fulltime.\nWe build switches.", None),
        # the subject of a hiring sentence may share a small town's name; a town described is no hirer
        ("\nAustin Texas\nPlum is replacing light switches. Plum is looking for engineers.", "Plum"),
        ("Veterinarian\nGreat pay. Farmington is a suburb of Minneapolis. Farmington is lovely.", None),
    ],
)  # fmt: skip
def test_sites_brands_and_towns(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a possessive inside a name read before its verb is part of it, unless the owner is named alone
        ("Caseworker\nWith a century of service, Harrow's Bureau is hiring a caseworker.", "Harrow's Bureau"),
        ("Manager\nStewart’s Shops is seeking a project manager.", "Stewart’s Shops"),
        ("Analyst\nGenesis12's G12 Associates Program is seeking analysts. Genesis12 is an equal opportunity employer.",
         "Genesis12"),
    ],
)  # fmt: skip
def test_a_possessive_inside_a_name(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the hirer after the role it hires for
        ("Manager\nSummary:As an Associate Brand Manager at AVORA, you will launch our first product.", "AVORA"),
        ("Manager\nAs a manager at heart, you will love this.", None),
        # where a posting sends the reader to learn more about the hirer
        ("Associate\nGreat team.\nTo learn more about Hollis Partners, please visit our site.", "Hollis Partners"),
        ("Associate\nGreat team.\nLearn more about Title IX compliance online.", None),
        # a heading's name on the next line, a name with where it is before its verb
        ("Accountant\nCompany Description\nSynergy Consultants & CPAs is a dental CPA firm.", "Synergy Consultants & CPAs"),
        ("Assistant\nCompany DescriptionBurnett Plastic Surgery, located in Westfield, NJ, is a practice.",
         "Burnett Plastic Surgery"),
        # a brand's capitals open one word; a heading in capitals before a name is no part of it
        ("Specialist\nCompany Description\nSEOGidi is a search marketing company.", "SEOGidi"),
        ("Developer\nWHO WE AREStasis Drilling Solutions LLC is a privately held company.", "Stasis Drilling Solutions LLC"),
    ],
)  # fmt: skip
def test_more_shapes_that_name_the_hirer(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the poster's own role at the hirer; the name ends with its sentence
        ("\nSan Francisco; Full Time; Onsite\nI'm the cofounder of Figmo, a startup building design tools.", "Figmo"),
        ("\nHi, I'm a tech recruiter for Rapid9. Below is a listing of our openings.", "Rapid9"),
        ("\nI work on the dispatch team at Ubor. Whenever you ride, we connect you.", "Ubor"),
        ("\nI work at Bookly.com as a backend developer.", "Bookly"),
        ("\nI'm a graduate of Stanford and love data.", None),  # no role of the hirer
        ("Accountant\nCompany DescriptionSt. James Parish Hospital has provided care since 1954.", "St. James Parish Hospital"),
    ],
)  # fmt: skip
def test_the_poster_names_the_hirer(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # more ways to say "is hiring", a heading "The firm:"
        ("Designer\nPlanet Interactivo is in search of a Digital Designer.", "Planet Interactivo"),
        ("Administrator\nLedgen Technology is on the lookout for a skilled DBA.", "Ledgen Technology"),
        ("Associate\nThe firm:Dynamo SRG is a boutique political consulting firm.", "Dynamo SRG"),
        # a sentence ends at "!" and after a state's code before "We"; a client is no name
        ("Engineer\nWe are based in NYC, SF, and CHI. We are hiring in those 3 locations.", None),
        ("Engineer\nWe love AWS and Cassandra! They are looking for more of it.", None),
        ("Specialist\nOur Boston, MA Client is searching for a specialist.", None),
    ],
)  # fmt: skip
def test_hiring_in_other_words(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # no subject follows a preposition; no name ends with a pronoun
        ("Manager\nThinkly, the top rated Bootcamp on Course Rapport (https://cr.com/best) is hiring a manager.", None),
        ("Engineer\nAbout the Role We are looking for an experienced engineer.", None),
    ],
)  # fmt: skip
def test_what_no_hirer_is(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a role "for a <Title> at <Name>", then the sentence ends or says where the hirer is
        (BODY + "This is a part-time remote role for a CFO/Controller at Pellham Ledger Services. As a CFO, you",
         "Pellham Ledger Services"),
        (BODY + "This is a full-time, on-site role for an Outside Services Staff at Brookmere Golf Club located in "
         "Rye, NY.", "Brookmere Golf Club"),
        (BODY + "This is a remote internship role for a Marketing Intern with Quillfeather Creative. The intern",
         "Quillfeather Creative"),
        # the role in lower case is no title; a name the sentence goes on after is no hirer's
        (BODY + "This is a remote role for a person at Pellham Ledger Services.", None),
        (BODY + "This role for a Data Analyst at Amazon Web Services scale needs care.", None),
    ],
)  # fmt: skip
def test_a_role_for_a_title_at_the_hirer(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a sentence that opens with when or where the hirer began, then its name and its verb
        # "The" with its capital inside a sentence is the name's own, as the text gives it
        (BODY + "About Us\nSince 1969, The Varnick Agency has been protecting what matters.", "The Varnick Agency"),
        (BODY + "For more than 43 years, Tessaro Group has brought value to communities.", "Tessaro Group"),
        (BODY + "Headquartered in Allentown, PA, Varnick Agency is a leading insurer.", "Varnick Agency"),
        # after the opening words a capital inside a word is the brand's, not a heading glued on
        ("Technician\nCompany DescriptionFounded in 2005, DevVara Solutions is an IT provider.", "DevVara Solutions"),
        # the name needs its verb; a common word alone is no name unless it recurs
        (BODY + "Since 1969, Varnick Agency clients have trusted us.", None),
        (BODY + "Since 2015, Healthcare has changed a lot.", None),
    ],
)  # fmt: skip
def test_a_sentence_that_opens_with_when_the_hirer_began(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the posting's own title is the role it hires for, not the hirer, though it opens "The … is a"
        ("Account Coordinator\nThe Account Coordinator (AC) is a central player in the Strategies team. "
         "The Account Coordinator reports to the director.", None),
        ("Account Coordinator\nThe Harbor Lane Group (HLG) is a central player in logistics. "
         "The Harbor Lane Group hires.", "Harbor Lane Group"),
        # a phrase that says where the hirer is opens with a participle, no name
        ("Intern\nAbout our Company:Based out of Cudahy WI, Fennick Technologies is a small team.",
         "Fennick Technologies"),
    ],
)  # fmt: skip
def test_the_title_and_a_participle_are_no_hirer(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # more ways to say it hires: an opening it has, a client a staffing firm works for
        ("Project Manager\nKellick Engineering has an immediate opening for a project manager.", "Kellick Engineering"),
        ("Generalist\nTalvo has a direct hire opportunity for a Senior HR Generalist.", "Talvo"),
        ("Engineer\nBrisa Worldwide is partnering with a great manufacturer to hire an engineer.", "Brisa Worldwide"),
        # a firm that grows is hiring: "AnswerRocket is expanding to meet demand", "Questrade is growing our team"
        ("Sandy Springs (Atlanta) FULLTIME Software Developers\nSmall team, Greenfield project... Great place to "
         "work\n\nAre you ready to add skills? AnswerRocket is expanding to meet the demand for our products.\n\n"
         "We are seeking a few software developers.", "AnswerRocket"),
        ("SENIOR FRONT-END ENGINEER\nHave experience with AngularJS?\nQuestrade is growing our front end mobile team.",
         "Questrade"),
        # what else grows is no firm: a team, demand, a field, a technology
        ("Engineer\nOur team is growing fast. The market is expanding too.", None),
        ("Engineer\nWe are hiring. Demand for Kubernetes is growing fast.", None),
        ("Engineer\nWe are hiring. Machine Learning is expanding into every industry.", None),
        ("Engineer\nWe are hiring. Python is now growing.", None),
        ("Engineer\nWe are hiring. The Platform Team is growing.", None),
        ("Engineer\nWe are hiring. Amazon Web Services is growing rapidly, and we help clients adopt it.", None),
        # ... save a firm named like a technology that grows its own team
        ("Engineer\nWe are hiring. Twilio is growing our team.", "Twilio"),
        ("Engineer\nWe are hiring. Docker is expanding its engineering team.", "Docker"),
        # an opening in a schedule, a partner in a sentence about something else
        ("Engineer\nThe lab has an opening in its schedule on Fridays.", None),
        ("Engineer\nOur team works with a partner. Customers say Kellick Engineering partnering was easy.", None),
    ],
)  # fmt: skip
def test_an_opening_it_has_and_a_client_it_works_for(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # "seeks a", "invites applications for a": the hirer's own sentence; a capital "The" starts its name
        ("Analyst\nSummary:Quarry-Lindell seeks a Senior Analyst to research markets.", "Quarry-Lindell"),
        ("Intern\nSpring 2024 Tacoma, WA – In Person  The Tacoma Harbor Association (THA) seeks an intern.",
         "The Tacoma Harbor Association"),
        ("Curator\nThe Hollis Library & Museum invites applications for a curator.", "Hollis Library & Museum"),
        # the successful candidate seeks nothing a firm does; "of The" joins a name
        ("Analyst\nThe ideal candidate seeks a challenge.", None),
        ("Teller\nBank of The Pines seeks a teller.", "Bank of The Pines"),
    ],
)  # fmt: skip
def test_it_seeks_a_role(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the team one joins, and "Here at X, we", are the hirer's
        (BODY + "Join our dynamic team at Kestrel Pediatric Therapy, a small clinic.", "Kestrel Pediatric Therapy"),
        (BODY + "Join us at Marlow-Petch and play a pivotal role.", "Marlow-Petch"),
        (BODY + "Here at Brindle, we value teamwork. Brindle grows.", "Brindle"),
        # a team met at an event, a place one works at, are no hirer
        (BODY + "Join our team at Denver Startup Week booths to chat.", None),
        (BODY + "Here at home we value teamwork.", None),
    ],
)  # fmt: skip
def test_the_team_one_joins_at_the_hirer(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a sentence that opens with the organisation's own mission names it
        ("Specialist\nPosition Overview: Careerloom’s mission is to provide rewarding careers.", "Careerloom"),
        ("Intern\nAbout Us:Hope Harbor Alliance’s mission: end homelessness.", "Hope Harbor Alliance"),
        # a mission inside a sentence, or a possessive's other noun, names no one
        ("Intern\nYou will support Hope Harbor Alliance’s mission is what we say.", None),
        ("Specialist\nCareerloom’s vision is to provide rewarding careers.", None),
    ],
)  # fmt: skip
def test_its_own_mission(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the next field's heading glued after a field's name is no part of it
        ("Manager\nJob Type: Contract Company: Ridley Consulting Services Overview:We are seeking a manager.",
         "Ridley Consulting Services"),
        ("Manager\nPosition: Manager Company: Medi-Trimline Location: Randolph, NJ\nWe are hiring.", "Medi-Trimline"),
        # a heading word inside a name, before no colon, stays
        ("Manager\nCompany: Northwind Location Services\nWe are hiring.", "Northwind Location Services"),
    ],
)  # fmt: skip
def test_the_next_heading_is_no_part_of_a_name(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a heading's colon before the name it introduces, glued or not
        ("Intern\nCompany Overview:Brannick Biotech is located in Grand Rapids.", "Brannick Biotech"),
        ("Coordinator\nABOUT US: Kestrel Training Center is the premier training facility.", "Kestrel Training Center"),
        # the heading's name still needs its verb
        ("Intern\nCompany Overview: Grand Rapids, MI. We make braces.", None),
    ],
)  # fmt: skip
def test_a_heading_with_its_colon(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # an intro heading's name may be the subject of any verb, in the present or the past
        ("Assistant\nCompany Description\nKeller Office Admin provides business consultation.", "Keller Office Admin"),
        ("Manager\nAbout Us\nHolt Insurance began serving local communities in 1945.", "Holt Insurance"),
        ("Manager\nAbout Us\nHolt Insurance grew from one office to ten.", "Holt Insurance"),
        # a noun after the name is no verb
        ("Manager\nAbout Us\nHolt Insurance agents serve local communities.", None),
    ],
)  # fmt: skip
def test_an_intro_name_and_its_verb(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a sentence a board glued to the heading before it
        ("Manager\nJob DescriptionAt Bellwire Tech, we’re focused on energy.", "Bellwire Tech"),
        ("Guide\nLead Guide for 2024-2025 School YearFounded in 2006, Athena Oaks Academy is a preschool.",
         "Athena Oaks Academy"),
        # "at" inside a word, a year not a founding
        ("Manager\nWe use ThreatAt Scale, we think, often.", None),
        ("Guide\nIn 2006, Athena Oaks Academy is a preschool.", None),
    ],
)  # fmt: skip
def test_a_sentence_glued_to_its_heading(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a sentence that says what kind of organisation its subject is names the hirer, English words or not,
        # after a question, a bare address or a glued heading too
        ("Technician\nBrass Lantern is a Denver based trumpet shop. We repair horns.", "Brass Lantern"),
        ("Assistant\nLooking for a change? Harlow Pike & Dunn, P.A. is an established full-service law firm.",
         "Harlow Pike & Dunn"),
        ("Engineer\nAbout Us:Quorvel Optics http://www.quorvel.com is a leading-edge technology company.",
         "Quorvel Optics"),
        ("Analyst\nCompany DescriptioneVolt Partners is an energy consulting firm in Ohio.", "eVolt Partners"),
        ("Engineer\nKestrava is a global leader in fluorine-based products.", "Kestrava"),
        ("Pharmacist\nIV Vantage is one of Southern California's most recognized home infusion companies.",
         "IV Vantage"),
        ("Pharmacist\nWe serve patients. IV Vantage is one of our partners in home infusion.", None),
        # a heading or a title line glued before the name
        ("Counselor\nAbout us4020 Garden Center is a non-profit center in Denver.", "4020 Garden Center"),
        ("Manager\nMarketing Manager - Los Angeles/ New YorkVelto Pixels is a rising player in gaming.",
         "Velto Pixels"),
        # not a role, a technology, a pronoun, a question, nor what the subject is beside a preposition or a
        # second article, nor a plural that describes a programme
        ("Assistant\nThe Medical Assistant is the first point of contact at the clinic.", None),
        ("Engineer\nKafka is a platform used by many companies.", None),
        ("Engineer\nOurs is a developer-led company.", None),
        ("Engineer\nThe Team Lead is a leader who mentors others.", None),
        ("Analyst\n* Treasury Accounting What is the ideal background or company?", None),
        ("Director\nThe Regional Fund is a program partner and the primary funding agency.", None),
        ("Director\nSmall Business Centers are a part of a national network.", None),
    ],
)  # fmt: skip
def test_a_sentence_that_says_what_kind_of_organisation_the_hirer_is(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # "At X," then a clause of any subject; a name of English words only must stand again in the text
        ("Manager\nAt Quillon Works, service comes first.", "Quillon Works"),
        ("Manager\nAt Zentrova, You Will lead sales.", "Zentrova"),
        ("Manager\nAt Blue Ridge Hardware, the team grows. Blue Ridge Hardware is local.", "Blue Ridge Hardware"),
        # a phrase's words, not a name: one English word, or English words said once
        ("Manager\nAt Minimum, candidates need a degree.", None),
        ("Manager\nAt Times, the role needs travel.", None),
        ("Manager\nAt Blue Ridge Hardware, the team grows.", None),
    ],
)  # fmt: skip
def test_at_the_hirer_then_any_clause(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a sentence that opens with the name and tells its mission or its founding
        ("Manager\nBrindlecrest is on a mission to make payroll simple.", "Brindlecrest"),
        ("Shipping\nDescription\n\nOakvane was founded as an office furniture maker.", "Oakvane"),
        # a unit or a programme in English words, said once, is no hirer
        ("Manager\nThe Program was established in 2010 to help families.", None),
        ("Manager\nThe Family Fund was founded in 1990.", None),
    ],
)  # fmt: skip
def test_the_hirer_tells_its_mission_or_founding(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the team or family one joins or is part of, or that opens a sentence, named again in the text
        ("Agent\nAs a member of the Zorvane family, you will help. Zorvane offers training.", "Zorvane"),
        ("Sales\nThe Tarro Vello Golf team is growing! Sell Tarro Vello Golf clubs.", "Tarro Vello Golf"),
        # a unit: English words, a few capitals, a team one works beside, or a name said once
        ("Analyst\nAs a member of the Data Science team, you will help. Data Science matters.", None),
        ("Analyst\nAs a member of the HR team, you will help. HR matters.", None),
        ("Analyst\nSupport the Zorvane team in the project. Zorvane tools are used.", None),
        ("Agent\nAs a member of the Zorvane family, you will help.", None),
    ],
)  # fmt: skip
def test_the_team_or_family_of_the_hirer(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # what working at the hirer is or gives
        ("Associate\nA job at VOLKA is so much more than furniture.", "VOLKA"),
        ("Therapist\nWorking for The Velmora Thread has so many benefits!", "The Velmora Thread"),
        # English words said once, or no verb that tells of it
        ("Analyst\nWe value variety. Working for Fortune Companies is a plus.", None),
        ("Coordinator\nGreat role. Benefits of Working at Belmora Group: flexible hours.", "Belmora Group"),
        ("Associate\nYou have experience working at VOLKA and similar stores.", None),
        ("Analyst\nGreat role. Experience working at Zentrova: 3 years.", None),
    ],
)  # fmt: skip
def test_what_working_at_the_hirer_is(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # more words for hiring: "immediately seeking", "searching to hire", "an amazing opportunity for"
        ("Attorney\nVarrow Talent's Legal Division is immediately seeking a Senior Attorney.", "Varrow Talent"),
        ("Coordinator\nStreetwear brand, Velvet Harbor, is searching to hire a Social Media Coordinator.",
         "Velvet Harbor"),
        ("Agent\nIntro line. Quarrell has an amazing opportunity for you.", "Quarrell"),
        # a possessive that names no unit stays part of the name
        ("Cook\nMira's Kitchen is immediately seeking a line cook.", "Mira's Kitchen"),
        ("Agent\nIntro line. Our team has an amazing opportunity for you.", None),
    ],
)  # fmt: skip
def test_hiring_in_more_words(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the hirer one joins in a role
        ("Psychologist\nSeeking a psychologist to join ZENITH Trevala Wellness as a part-time contractor!",
         "ZENITH Trevala Wellness"),
        ("Psychologist\nWe would love you to join us as a part-time contractor!", None),
        ("Analyst\nJoin Forces as a team to grow.", None),
        # a name that opens a sentence, what it is doing between commas, then its verb
        ("Designer\nOptivra, collaborating with a packaging firm, is in search of a UX Designer.", "Optivra"),
        ("Researcher\nThe University of Qarvand, established seven centuries ago, is a renowned institution.",
         "University of Qarvand"),
        ("Engineer\nVelorys, recognized as one of the fastest growing firms, has an immediate need for a tester.",
         "Velorys"),
        ("Designer\nAdditionally, working with a packaging firm, is part of the role.", None),
        ("Rep\nIntro line. Opticyte Ocular Matrix, used for dry eye disease, has a support program.", None),
        ("Designer\nWe partner with Optivra, collaborating with a packaging firm, is our aim.", None),
    ],
)  # fmt: skip
def test_join_the_hirer_as_a_role_and_what_it_is_doing(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # the employer's clause "X reserves the right", read in the whole text
        ("Designer\nYou will design ads.\nDuties may change; Kinderhall Academy reserves the right to modify them.",
         "Kinderhall Academy"),
        ("Designer\nYou will design ads.\nManagement reserves the right to modify duties.", None),
        ("Designer\nYou will design ads.\nThe Company reserves the right to modify duties.", None),
    ],
)  # fmt: skip
def test_the_employer_reserves_the_right(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a brand written lower-case first may end before a hiring, equal-opportunity or legal anchor
        (BODY + "zVendo is an equal opportunity employer.", "zVendo"),
        (BODY + "Regards, Ana Ruiz | kPivra LLC | ana@kpivra.io", "kPivra"),
        # a lower-case word or a technology's capitals are no brand
        (BODY + "Above all, it is an equal opportunity employer.", None),
        (BODY + "Our app on iOS is an equal opportunity employer.", None),
    ],
)  # fmt: skip
def test_a_brand_written_lower_case_first(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # no subject of the equal-opportunity line follows a preposition: a glued sentence's words are not
        # the employer's name
        (BODY + "Applicants need an M.A. in THEATRE Harlow Technical College is an Equal Opportunity Employer.",
         None),
        (BODY + "Employment at Harlow Technical College is an equal opportunity employer.", "Harlow Technical College"),
    ],
)  # fmt: skip
def test_no_equal_opportunity_subject_after_a_preposition(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a possessive that is the subject of a verb is the brand's own name; before a role it is an owner's
        ("Server\nCompany Description\nDelmar's is a renowned restaurant in Austin.", "Delmar's"),
        ("Specialist\nAs Delmar Health's Marketing Specialist, you will lead campaigns.", "Delmar Health"),
    ],
)  # fmt: skip
def test_a_brand_that_is_a_possessive(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a legal form after "a <place> based" describes the firm; it does not name one
        (BODY + "A Vermont based Public Benefit Corporation founded in 2015, we farm organically.", None),
        (BODY + "Apply to Greenfield Benefit Corporation today.", "Greenfield Benefit"),
    ],
)  # fmt: skip
def test_a_legal_form_that_describes_a_firm(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a year after a heading names no firm
        (BODY + "ABOUT THE ORGANIZATION: In 1978, a young technician founded a laboratory.", None),
        # a field's value glued to the next field's label; a brand written in two capitals is one name
        (BODY + "Organization: Beat the Drums-BaltimoreTitle: Swahili TeacherDates: July 1\n"
         "Beat the Drums-Baltimore is a nonprofit.", "Beat the Drums-Baltimore"),
        (BODY + "About PulseLoop:\nWe are a profitable company. PulseLoop is an ad platform.\nPulseLoop | NYC",
         "PulseLoop"),
        # a section's heading glued before the name
        (BODY + "We foster engagement.Who & What We Are Looking For Project Voyce seeks a manager.", "Project Voyce"),
        (BODY + "Our Company Informatica is the company dedicated to data. Informatica sells software.", "Informatica"),
        # a signature's glued blocks give way to the firm whose address the first word opens
        (BODY + "Hope to hear from you! Thanks and RegardsJane DoeSunBeam Enterprise,Inc.Cell: 555 0100\n"
         "Email: jane@sunbeamcorp.com", "SunBeam Enterprise"),
    ],
)  # fmt: skip
def test_numbers_labels_and_sign_offs_around_a_name(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a capital inside a brand before a colon is no label glued on; only a field's label is
        ("Software Engineer\nCompany: GitHub: Software Engineer", "GitHub"),
        ("Engineer\nEmployer: PayPal: Backend role", "PayPal"),
        # the next field's label glued on is cut off, and the name keeps all its words
        ("Engineer\nCompany: Kenai Capital AdvisorsLocation: Denver, CO\nWe invest.", "Kenai Capital Advisors"),
        ("Engineer\nCompany: MKM & Associates Structural EngineeringLocation: Denver", "MKM & Associates Structural Engineering"),
        # a department field names a unit only where the name is its whole value
        ("Engineer\nPfizer is looking for a Software Engineer.\nDivision: Pfizer Digital", "Pfizer"),
        # headings that open with "the" are names' words too
        ("Engineer\nThe Team Companies is seeking a developer. Team Companies is a staffing firm.", "Team Companies"),
        # a number with its legal form is a name; a legal form alone is none
        ("Dev\n21 Inc is looking for engineers.", "21 Inc"),
    ],
)  # fmt: skip
def test_look_alikes_of_labels_units_and_headings(text, company):
    assert extract_text("x", text).company == company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        # a public employer's department field: its unit, not the hirer
        ("Procurement Specialist\nDepartment\n\nFacilities Management\n\nAbout The Position\n\n"
         "Facilities Management is looking for a motivated individual to join our team.", None),
        ("Supervisor\nDivision/Unit: Operations Training\nOperations Training is seeking an instructor.", None),
        # "our" before it: the hirer's own team; "our client" names the client, who is the hirer
        ("Specialist\nOur in-house Global Brand & Creative Team is looking for a strategic thinker.", None),
        ("Engineer\nOur client Northwind Traders is looking for an engineer. Northwind Traders is a retailer.",
         "Northwind Traders"),
        # a heading in capitals before the name is no "our"
        ("Engineer\nOUR MISSION\nKeenly is a content platform. Keenly is looking for engineers.", "Keenly"),
    ],
)  # fmt: skip
def test_a_unit_of_the_hirer_is_not_the_hirer(text, company):
    assert extract_text("x", text).company == company
