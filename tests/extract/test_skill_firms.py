import pytest

from rolemap.extract import extract_text


def skills(body: str) -> set[str]:
    return {s.id for s in extract_text("x", "Software Engineer\n" + body).skills}


@pytest.mark.parametrize(
    ("body", "firm"),
    [
        # a posting's clients, investors, acquirers and alumni's employers are firms, not what the role uses
        ("We've got a rockstar client list - Airbnb, Box, Adobe, Etsy, Pinterest, Disqus. We use Python.", "pinterest"),
        ("- Customers: Box, Jive, Microsoft, Rackspace, Tableau, Zendesk, and many more\n- Stack: Go", "tableau"),
        ("* Funded by First Round Capital and OpenView\n* We write Python.", "openview"),
        ("We were acquired by PayPal for $800 million in 2013. You will write Java.", "paypal"),
        ("Our team comprises people from Apple, Google, Facebook, Yammer, PayPal. We use Ruby.", "paypal"),
        ("Among our most well-known customers are DigitalOcean and Fastly. We use Go and Kafka.", "digitalocean"),
    ],
)  # fmt: skip
def test_a_technology_s_name_in_a_list_of_firms_is_the_firm(body, firm):
    assert firm not in skills(body)


@pytest.mark.parametrize(
    ("body", "skill"),
    [
        # a client is software's too, and customers who use a product say nothing of the role
        ("We write Java/ObjC/Swift/Kotlin on clients, ES5/CoffeeScript/Ember on web frontends.", "ember"),
        ("Experience with blockchain platforms/clients, Elasticsearch, Redis, AWS, Docker.", "docker"),
        ("We accept all major credit cards, Google Wallet, PayPal and Alipay; you build the payments API in Go.",
         "paypal"),
        ("Our stack is Rails backed by Postgres with Solr for search.", "postgresql"),
    ],
)  # fmt: skip
def test_a_technology_beside_clients_of_software_or_a_stack_stays(body, skill):
    assert skill in skills(body)


def test_a_long_run_of_capitalised_words_before_a_name_is_read_in_one_pass():
    """Hostile text: a list's cue, then many capitalised words and one that is not a name. The run is read
    once (a pattern that tried every split of it would not return)."""
    body = "Our customers: " + "Acme " * 60 + "and others use Kafka daily. " + "Widget, " * 200 + "Redis."
    assert {"kafka", "redis"} <= skills(body)
