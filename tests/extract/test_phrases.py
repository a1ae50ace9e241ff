import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolemap.errors import DataError
from rolemap.extract.phrases import PhraseBook, expand, flatten, phrase_book, search_copy

ANY = "\x00"  # what '#' expands to


@pytest.mark.parametrize(
    ("phrase", "literals"),
    [
        ("remote", ["remote"]),
        ("on[- ]site", ["on-site", "on site"]),
        ("(a|b) c", ["a c", "b c"]),
        ("days?", ["days", "day"]),
        ("(the |our )?office", ["the office", "our office", "office"]),
        ("telecommut*", ["telecommut*"]),
        ("# days", [f"{ANY} days"]),
        ("sr.?", ["sr.", "sr"]),
        ("interested\\?", ["interested?"]),
        ("Hybrid", ["hybrid"]),
    ],
)
def test_expand(phrase, literals):
    assert expand(phrase) == literals


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("(a|b", "never closed"),
        ("[ab", "never closed"),
        ("a)", "unexpected"),
        ("?", "unexpected"),
        ("wor*k", "'*' may only end it"),
        ("(a|b|c|d|e|f|g|h|i|j)" * 4, "expands to more than"),
    ],
)
def test_bad_phrases_are_named(phrase, message):
    with pytest.raises(DataError, match=message):
        expand(phrase)


def find(phrases, text, tag="t"):
    return [s.text for s in PhraseBook({tag: phrases}).find(text).spans(tag)]


def test_word_boundaries_and_glued_lines():
    assert find(["remote"], "Remote OK; remotely; non-remote") == ["Remote"]
    assert find(["remote"], "Location: 100% RemoteDuration: 3 months") == ["Remote"]
    assert find(["five years"], "licensure as an architectFive years of experience") == ["Five years"]
    assert find(["data"], "metadata and database") == []


def test_open_end_and_digits():
    assert find(["telecommut*"], "Telecommuting is fine") == ["Telecommuting"]
    assert find(["# days (in|at) the office"], "3 days in the office") == ["3 days in the office"]
    # digits are read as 0 by the scan, so a literal number is checked against the text
    assert find(["1099"], "Founded in 1968. W2 or 1099.") == ["1099"]


def test_one_key_may_be_a_whole_word_for_one_list_and_open_for_another():
    book = PhraseBook({"identity/remote": ["remote*"], "work_model/remote": ["remote"]})
    hits = book.find("You can connect remotely; a remote role.")
    assert [s.text for s in hits.spans("identity/remote")] == ["remotely", "remote"]
    assert [s.text for s in hits.spans("work_model/remote")] == ["remote"]


def test_extra_literals_are_reported_for_their_owner_unless_inside_a_word():
    book = PhraseBook({}, {"gin": ["the Gin framework"]})
    hits = book.find("engineer using Gin, preferredGin, gin_x")
    # "engineer" holds "gin" inside a word: dropped by the scan; a camelCase seam and an end boundary
    # ("gin_x") are the owner's call
    assert [(s, e) for s, e, _ in hits.extra] == [(15, 18), (29, 32), (34, 37)]


def test_flatten_nested_lists():
    lists = flatten(
        "system_types", {"_about": "x", "min_score": 2, "data": {"strong": ["etl"], "weak": ["sql"]}}
    )
    assert lists == {"system_types/data/strong": ["etl"], "system_types/data/weak": ["sql"]}


def test_the_bundled_word_lists_compile():
    assert "work_model/remote" in phrase_book().find("Remote-first team")


@given(st.text(max_size=300))
def test_search_copy_keeps_offsets(text):
    assert len(search_copy(text)) == len(text)


@given(st.text(max_size=300))
def test_the_bundled_book_never_raises_and_spans_point_into_the_text(text):
    hits = phrase_book().find(text)
    for tag in ("work_model/remote", "anchors/years", "anchors/currency"):
        for span in hits.spans(tag):
            assert text[span.start : span.end] == span.text
