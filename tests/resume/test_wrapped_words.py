"""A word hyphenated across a line break is one word again ("Kuber-" / "netes" → "Kubernetes"), in text and
PDF resumes; a bullet whose first line holds one or two words keeps its wrapped line, which had been glued
onto the bullet before it (its skills credited to, and quoted from, a bullet the person never wrote)."""

from __future__ import annotations

import datetime as dt

from rolemap.resume.read import from_text, read_resume
from tests.resume.layouts import BULLET, DASH, layout_pdf

TODAY = dt.date(2026, 11, 23)


def test_a_short_first_line_keeps_its_bullet_and_its_hyphenated_word():
    text = (
        "EXPERIENCE\n\nPlatform Engineer, Otto Group\nJan 2019 - Present\n"
        "- Configured Airflow pipelines for the finance data warehouse, reducing\n"
        "failed nightly loads from 12 to 1 per month\n"
        "- Automated Kuber-\nnetes cluster upgrades with Terraform and Helm across 40 services\n"
        "- Defined the on-call rota for the platform team\n"
    )
    r = from_text(text, "cv.txt", TODAY)
    assert [b.text for b in r.bullets] == [
        "Configured Airflow pipelines for the finance data warehouse, reducing failed nightly loads from 12 "
        "to 1 per month",
        "Automated Kubernetes cluster upgrades with Terraform and Helm across 40 services",
        "Defined the on-call rota for the platform team",
    ]
    assert "terraform" not in r.bullets[0].skills
    assert {"kubernetes", "terraform", "helm"} <= set(r.bullets[1].skills)
    assert r.bullets[1].line == 7


def test_hyphenated_words_in_wrapped_text_lines():
    text = (
        "EXPERIENCE\nPlatform Engineer, Otto Group\nJan 2019 - Present\n"
        "- Migrated the billing ledger to Post-\ngreSQL from MySQL with dual writes and cross-\n"
        "functional reviews\n"
    )
    [bullet] = from_text(text, "cv.txt", TODAY).bullets
    assert (
        bullet.text
        == "Migrated the billing ledger to PostgreSQL from MySQL with dual writes and cross-functional reviews"
    )
    assert "postgresql" in bullet.skills and "sql" not in bullet.skills


def test_a_short_marked_line_alone_is_still_no_bullet():
    text = "EXPERIENCE\nEngineer, Acme\nJan 2019 - Present\n- Built the billing API in Go\n- Go\n- Rust\n"
    assert [b.text for b in from_text(text, "cv.txt", TODAY).bullets] == ["Built the billing API in Go"]


def test_a_hyphenated_word_in_a_wrapped_pdf_bullet(tmp_path):
    runs = [
        (40, 750, "Experience", True, 12),
        (40, 730, f"Platform Engineer, Acme  Jan 2019 {DASH} Present", False, 10),
        (40, 715, BULLET, False, 10),
        (52, 715, "Automated all our Kuber-", False, 10),
        (52, 702, "netes cluster upgrades with Terraform", False, 10),
    ]
    [bullet] = read_resume(layout_pdf(tmp_path / "cv.pdf", runs), TODAY).bullets
    assert bullet.text == "Automated all our Kubernetes cluster upgrades with Terraform"
    assert "kubernetes" in bullet.skills


def test_join_wrapped_keeps_a_compound_and_spaces_other_lines():
    from rolemap.resume.marks import join_wrapped

    assert join_wrapped("Led a cross-", "functional team") == "Led a cross-functional team"
    assert join_wrapped("Built the", "billing API") == "Built the billing API"
    assert join_wrapped("Reduced costs by 10 -", "then more") == "Reduced costs by 10 - then more"
    assert join_wrapped("Adopted Kuber-", "Netes") == "Adopted Kuber- Netes"  # a capital: not one word
