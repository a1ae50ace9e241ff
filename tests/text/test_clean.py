import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolemap.text import document_text, html_to_text, looks_like_html, normalise_text, plain_text


def test_blocks_become_lines_and_list_items_bullets():
    assert html_to_text("<p>One</p><ul><li>a</li><li>b<br>c</li></ul>") == "One\n\n- a\n\n- b\nc"


def test_scripts_and_styles_are_dropped():
    text = html_to_text("<p>Hi</p><script>alert('x')</script><style>p{}</style><noscript>n</noscript>")
    assert text == "Hi"


def test_entities_are_decoded_including_escaped_html_from_greenhouse():
    assert plain_text("&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;") == "Fish & chips"
    assert plain_text("<p>C&#x2F;C++ &amp; Go</p>") == "C/C++ & Go"


def test_plain_text_and_markdown_are_kept_as_written():
    assert not looks_like_html("## Requirements\n- Python 3")
    assert plain_text("## Requirements\n- Python   3\r\n\n\n\nEnd") == "## Requirements\n- Python 3\n\nEnd"


def test_document_text_is_title_newline_text():
    assert document_text("Senior\nEngineer", "<p>Go</p>") == "Senior Engineer\nGo"


def test_invisible_characters_and_odd_spaces_are_removed():
    assert normalise_text("a\u200bb\u00a0\u00a0c\ufeff") == "ab c"


def test_styled_letters_are_the_letters_they_style():
    # bold and script letters of a styled heading; other compatibility forms stay ("Acme™")
    assert normalise_text("\U0001d40f\U0001d428\U0001d42b\U0001d42d\U0001d428 Acme™") == "Porto Acme™"
    # italic "h" and script "o" stand in the letterlike symbols block, beside "™" and "℃", which stay
    assert (
        normalise_text("\U0001d443\U0001d466\U0001d461\u210e\U0001d45c\U0001d45b d\u2134t 20℃")
        == "Python dot 20℃"
    )


@given(st.text())
def test_normalise_text_is_idempotent(s):
    once = normalise_text(s)
    assert normalise_text(once) == once


@given(st.text(alphabet=st.characters(), max_size=300))
def test_plain_text_never_raises_and_is_normalised(s):
    out = plain_text(s)
    assert normalise_text(out) == out


@pytest.mark.parametrize(
    ("description", "text"),
    [
        # escaped HTML with only inline tags (a Greenhouse `content` of <b>, <em> and <a>)
        (
            "&lt;b&gt;About us&lt;/b&gt; We build. &lt;a href='x'&gt;Apply&lt;/a&gt;",
            "About us We build. Apply",
        ),
        # a page's description holding only a style and a script: their code is no text
        ("<style>.a{color:red}</style><script>var SECRET=1;</script>Go developer", "Go developer"),
        # HTML a page escaped twice
        ("&amp;lt;p&amp;gt;Go &amp;amp;amp; Rust&amp;lt;/p&amp;gt;", "Go & Rust"),
        # an escaped comparison or a firm's ampersand is text, not markup
        ("a &lt; b at AT&amp;T", "a < b at AT&T"),
        # a tag named in prose, a generic type: the text as written, nothing after them lost
        (
            "Find XSS such as <script> injection.\nSalary: $150,000",
            "Find XSS such as <script> injection.\nSalary: $150,000",
        ),
        ("Java: Optional<String>, List<Integer>", "Java: Optional<String>, List<Integer>"),
    ],
)
def test_html_in_every_form_boards_send_it_is_rendered_as_text(description, text):
    assert plain_text(description) == text
