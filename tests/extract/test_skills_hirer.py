"""A skill written as the hiring company's name is the hirer, not a technology asked for."""

from rolemap.extract import extract_text


def test_the_hirers_own_name_is_not_a_skill():
    record = extract_text(
        "x", "\nVimeo | Backend Engineer | New York\nVimeo is hiring. We use Python, Go and PostgreSQL."
    )
    assert record.company == "Vimeo"
    assert "vimeo" not in {s.id for s in record.skills} and "postgresql" in {s.id for s in record.skills}


def test_another_companys_product_is_still_a_skill():
    record = extract_text(
        "x", "\nAcme Corp | Backend Engineer | Berlin\nWe build on Docker, Vimeo's API and PostgreSQL."
    )
    assert {"docker", "vimeo", "postgresql"} <= {s.id for s in record.skills}


def test_a_skill_read_only_inside_the_hirers_name_is_the_hirer():
    record = extract_text(
        "x", "\nLayerVault | Backend Engineer | New York\nWe write Ruby and keep our data in Vault."
    )
    assert record.company == "LayerVault"
    assert "vault" in {s.id for s in record.skills}  # named on its own too: a skill
    record = extract_text("x", "\nLayerVault | Backend Engineer | New York\nWe write Ruby on Rails.")
    assert "vault" not in {s.id for s in record.skills}


def test_a_list_of_customers_names_companies_not_skills():
    text = "\nAcme | Backend Engineer | Berlin\nOur customers include Shopify, GitHub and Heroku. We use Python and Redis."
    skills = {s.id for s in extract_text("x", text).skills}
    assert "redis" in skills and not {"shopify", "github", "heroku"} & skills


def test_the_firms_a_team_comes_from_are_no_skills():
    for about_the_team in (
        "Our team has turned down offers from Airbnb, Pinterest, Shopify and Palantir.",
        "Our founders are veterans from Imperva and Sumo Logic.",
        "We are backed by early investors of WhatsApp.",
    ):
        text = f"\nAcme | Backend Engineer | Berlin\n{about_the_team} We use Python and Redis."
        skills = {s.id for s in extract_text("x", text).skills}
        assert "redis" in skills and not {"pinterest", "shopify", "sumo-logic", "whatsapp"} & skills


def test_customers_moved_from_a_product_keep_it_a_skill():
    for work in (
        "You will help migrate customers from Oracle to PostgreSQL.",
        "Build integrations for customers of Shopify and Magento.",
    ):
        skills = {s.id for s in extract_text("x", f"\nAcme | Backend Engineer | Berlin\n{work}").skills}
        assert {"oracle", "postgresql"} <= skills or {"shopify", "magento"} <= skills


def test_devops_named_only_as_a_kind_of_role_is_not_asked_for():
    roles = (
        "We're looking for SW engineers up and down the stack, back end, infrastructure, data, dev ops, test."
    )
    assert "devops" not in {s.id for s in extract_text("x", "\nAcme | Berlin\n" + roles).skills}
    title = "\nAcme | DevOps/Backend/ML/Engineer | Tokyo\nWe ship Go."
    assert "devops" not in {s.id for s in extract_text("x", title).skills}
    asked = "\nAcme | Backend Engineer | Berlin\nYou bring DevOps practices: CI/CD and on-call."
    assert "devops" in {s.id for s in extract_text("x", asked).skills}
