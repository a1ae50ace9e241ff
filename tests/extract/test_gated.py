"""A gated pattern finds what its pattern finds: its gates only skip texts where it finds nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.extract import company_role_sentences, company_sentences
from rolemap.extract.company_names import URL
from rolemap.extract.gated import Gated

_GATED = {
    f"{module.__name__.rsplit('.', 1)[1]}.{name}": value
    for module in (company_sentences, company_role_sentences)
    for name, value in vars(module).items()
    if isinstance(value, Gated)
}
# Words of the gated patterns, and the near misses their gates must not let stop a match.
_PIECES = ["At", "Here at", "here at", "As", "as", "Join", "join", "us", "our", "team", "We", "I", "are", "'re",
           "’re", "'m", "’m", "am", "work", "on", "at", "with", "for", "a", "an", "the", "role", "position",
           "Learn", "learn", "More", "more", "About", "about", "Since", "1999", "For", "over", "12", "years",
           "Founded in", "Based", "in", "Austin", "TX", "mission", "is", "'s", "do", "build", "www.", "https://",
           "acme.com", "Acme", "Acme.io", "senior engineer", "CTO", ",", ".", ":", "\n", "\t", " ", "  ", "x"]  # fmt: skip
_TEXTS = st.lists(st.sampled_from(_PIECES) | st.text(max_size=2), max_size=24).map(" ".join)


def test_the_company_readers_gate_their_patterns():
    assert len(_GATED) >= 10


@settings(max_examples=400)
@given(_TEXTS, st.integers(0, 6))
def test_a_gated_pattern_finds_what_its_pattern_finds(text, pos):
    for name, gated in _GATED.items():
        for window in ((0, len(text)), (pos, max(pos, len(text) - pos))):
            found = [m.span() for m in gated.finditer(text, *window)]
            assert found == [m.span() for m in gated.pattern.finditer(text, *window)], name
            first = gated.search(text, *window)
            expected = gated.pattern.search(text, *window)
            assert (first and first.span()) == (expected and expected.span()), name


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("company_sentences._AT", "Here at Acme, we build"),
        ("company_sentences._WE_ARE", "We're Nestoria, a real estate search engine"),
        ("company_sentences._SINCE", "For over 40 years, Associa has"),
        ("company_sentences._WE_DO_A_DOMAIN", "I created http://www.Learneroo.com"),
        ("company_role_sentences._I_AM_A", "I'm the cofounder of Figma"),
        ("company_role_sentences._AS_A_ROLE_AT", "As a Sales Representative at HirelyAI, you"),
    ],
)
def test_a_gate_lets_a_match_through(name, text):
    gated = _GATED[name]
    assert gated.may_match(text)
    assert gated.search(text) is not None


def test_a_text_without_a_gate_s_words_is_skipped():
    assert not _GATED["company_sentences._AT"].may_match("We are at the heart of it: at Acme")


def test_a_pattern_needs_a_gate():
    with pytest.raises(ValueError, match="needs a gate"):
        Gated(r"\bAt\s")


@pytest.mark.parametrize(
    ("sign_off", "found"),
    [("Regards", True), ("REGARDS", True), ("ſincerely", True), ("Best", False)],  # "ſ" is "s" under (?i)
)
def test_a_signature_is_read_after_any_case_of_its_sign_off(sign_off, found):
    text = f"We hire.\n{sign_off}, Deepak KumarInfinite | Exciting times\ndeepak.kumar@infinite.com"
    assert [s.text for s in company_role_sentences.signature_names(text)] == (["Infinite"] if found else [])


def test_a_signature_without_an_address_names_no_firm():
    text = "We hire.\nRegards, Deepak KumarInfinite | Exciting times\ndeepak.kumar at infinite.com"
    assert company_role_sentences.signature_names(text) == []


_ADDRESS_PIECES = ["Acme", "acme.com", "Acme.IO/jobs", "jobs@acme.com", "a@b", "http://x", "HTTPS://WWW.Acme",
                   "www.", "(", ")", ".", "@", "://", "|", "San Francisco", "  ", "\n", "ſ", "x"]  # fmt: skip


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_ADDRESS_PIECES) | st.text(max_size=2), max_size=12).map(" ".join))
def test_the_address_pattern_finds_what_its_whole_pattern_finds(text):
    whole = URL.pattern
    assert URL.sub(" ", text) == whole.sub(" ", text)
    assert URL.split(text) == whole.split(text)
    found, expected = URL.search(text), whole.search(text)
    assert (found and found.span()) == (expected and expected.span())
    assert bool(URL.fullmatch(text)) == bool(whole.fullmatch(text))
