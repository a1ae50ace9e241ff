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
