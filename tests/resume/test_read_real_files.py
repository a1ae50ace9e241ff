"""Resume files as a black-box tester sent them: a PDF whose writer split words into runs that touch
("Kube" + "rnetes") and one with a running header and footer, a Word resume with typed bullets in a table
cell and a sidebar in a text box, JSON Resumes with fields of the wrong type, text in UTF-16 or
Windows-1252, and files of a type rolemap does not read."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from rolemap.errors import InputError
from rolemap.resume.read import read_resume
from tests.resume import layouts

TODAY = dt.date(2026, 11, 23)
# Helvetica's widths at 10 pt (thousandths of the size): "Kube" K 667 + u 556 + b 556 + e 556, "Py" P 667
# + y 500, "Post" P 667 + o 556 + s 500 + t 278 (pypdf's core font metrics)
KUBE, PY, POST = 23.35, 11.67, 20.01


def test_pdf_pieces_that_touch_mid_word_are_one_word(tmp_path):
    runs: list[layouts.Run] = [
        (50, 750, "EXPERIENCE", True, 12),
        (50, 730, "Backend Engineer, Acme", True, 10),
        (300, 730, "Jan 2019 " + layouts.DASH + " Present", False, 10),
        (50, 715, layouts.BULLET, False, 10),
        (62, 715, "Moved services to Kube", False, 10),
        (62 + 106.71, 715, "rnetes", False, 10),  # where "Moved services to Kube" ends
        (50, 700, "SKILLS", True, 12),
        (50, 685, "Py", False, 10),
        (50 + PY, 685, "thon, Go, ", False, 10),
        (100, 685, "Post", False, 10),
        (100 + POST, 685, "greSQL", False, 10),
        (50, 670, "Kube", False, 10),
        (50 + KUBE + 3, 670, "Docker", False, 10),  # a word space apart: two words
    ]
    r = read_resume(layouts.layout_pdf(tmp_path / "split.pdf", runs), TODAY)
    assert r.roles[0].bullets[0].text == "Moved services to Kubernetes"
    assert [line.text for line in r.listed] == ["Python, Go, PostgreSQL", "Kube Docker"]
    assert {"python", "postgresql", "kubernetes"} <= {s for b in r.bullets + r.listed for s in b.skills}


def test_pdf_running_header_and_footer_are_dropped(tmp_path):
    def page(number: int, body: list[layouts.Run]) -> list[layouts.Run]:
        return [
            (80, 770, "Maria Schmidt | maria@example.org | +49 151 2345 6789", False, 8),
            *body,
            (250, 30, f"Maria Schmidt - Page {number} of 2", False, 8),
        ]

    first = [
        (50, 740, "EXPERIENCE", True, 12),
        (50, 720, "Backend Engineer, Acme", True, 10),
        (300, 720, "Jan 2019 " + layouts.DASH + " Present", False, 10),
        (50, 705, layouts.BULLET + " Built billing APIs in Python", False, 10),
        (50, 60, "SKILLS", True, 12),
        (50, 45, "Languages: Python, Go, Java", False, 10),
    ]
    second = [(50, 768, "Datastores: PostgreSQL, Redis", False, 10)]
    path = layouts.pages_pdf(tmp_path / "two.pdf", [page(1, first), page(2, second)])
    r = read_resume(path, TODAY)
    assert [line.text for line in r.listed] == [
        "Languages: Python, Go, Java",
        "Datastores: PostgreSQL, Redis",
    ]
    assert not any("Page" in b.text or "maria@" in b.text for b in r.bullets + r.listed)


def test_docx_table_cell_with_typed_bullets_is_a_role_and_its_bullets(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("WORK EXPERIENCE")
    for dates, title, bullets in (
        ("03/2016 - 12/2018", "Backend Developer — N26 GmbH, Berlin", ["Built payment APIs in Python"] * 3),
        (
            "2013-2015",
            "Software Developer — Acme Logistics AG, Munich",
            ["Maintained a Java 8 tracking API on Tomcat", "Wrote Bash scripts to automate deployments"],
        ),
    ):
        left, right = d.add_table(rows=1, cols=2).rows[0].cells
        left.paragraphs[0].add_run(dates)
        right.paragraphs[0].add_run(title)
        for b in bullets:
            right.add_paragraph("▪ " + b)
    d.add_paragraph("SKILLS")
    d.add_paragraph("Python, Java")
    path = tmp_path / "table.docx"
    d.save(str(path))
    r = read_resume(path, TODAY)
    assert [(x.heading, x.start, len(x.bullets)) for x in r.roles] == [
        ("Backend Developer — N26 GmbH, Berlin", "2016-03", 3),
        ("Software Developer — Acme Logistics AG, Munich", "2013-01", 2),
    ]
    assert r.roles[1].bullets[1].text == "Wrote Bash scripts to automate deployments"


def test_docx_text_box_sidebar_is_read(tmp_path):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("Maria Schmidt", style="Title")
    anchor = d.add_paragraph()
    lines = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in ("SKILLS", "Python, Go", "Kubernetes"))
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        f"<w:txbxContent>{lines}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    anchor._p.append(parse_xml(box))
    d.add_paragraph("Experience", style="Heading 1")
    d.add_paragraph("Senior Backend Engineer, Zalando SE | Jan 2019 – Present", style="Heading 2")
    d.add_paragraph("Designed the order-routing service in Go", style="List Bullet")
    path = tmp_path / "box.docx"
    d.save(str(path))
    r = read_resume(path, TODAY)
    assert r.sections == ["skills", "experience"]
    assert [s for line in r.listed for s in line.skills] == ["python", "go", "kubernetes"]


@pytest.mark.parametrize(
    "body, message",
    [
        ('{"work": [], "skills": 5}', "'skills' must be a list, not a number"),
        (
            '{"work": [], "skills": [{"name": "x", "keywords": {"a": 1}}]}',
            "'skills[].keywords' must be a list",
        ),
        ('{"work": [{"position": "Eng", "highlights": true}]}', "'work[].highlights' must be a list"),
    ],
)
def test_json_resume_field_of_the_wrong_type_is_one_error(tmp_path, body, message):
    path = tmp_path / "cv.json"
    path.write_text(body)
    with pytest.raises(InputError) as e:
        read_resume(path, TODAY)
    assert "cv.json: not a JSON Resume" in str(e.value) and message in str(e.value)


def test_json_resume_strings_where_lists_belong_are_read(tmp_path):
    path = tmp_path / "cv.json"
    path.write_text(
        '{"work": [{"name": "Acme", "position": "Eng", "startDate": "2019-01", "highlights": "Built APIs in Go"}],'
        ' "skills": "Python, Go"}'
    )
    r = read_resume(path, TODAY)
    assert [b.text for b in r.roles[0].bullets] == ["Built APIs in Go"]
    assert r.listed[0].skills == ["python", "go"]


TEXT = "Experience\nBackend Engineer, Café Zürich | Jan 2019 – Present\n- Built billing APIs in Python\n"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.replace("é", "e").replace("ü", "u").encode("utf-16-be"),  # ASCII without a BOM
        lambda t: t.encode("cp1252"),
        lambda t: t.replace("–", "-").encode("latin-1"),
    ],
)
def test_text_in_utf16_or_windows_1252_is_read(tmp_path, encode):
    path = tmp_path / "cv.txt"
    path.write_bytes(encode(TEXT))
    r = read_resume(path, TODAY)
    assert r.roles[0].heading.startswith("Backend Engineer, Caf") and r.roles[0].start == "2019-01"


def test_text_in_no_encoding_says_save_it_as_utf8(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes(TEXT.encode("utf-8") + bytes(range(1, 32)) + b"\xff\xfe\x81")
    with pytest.raises(InputError, match=r"cv\.txt: not UTF-8 text; save it as UTF-8"):
        read_resume(path, TODAY)


@pytest.mark.parametrize(
    "name, raw",
    [
        ("cv.rtf", rb"{\rtf1\ansi Maria Schmidt\par Backend Engineer\par}"),
        ("cv.odt", b"PK\x03\x04 an OpenDocument archive"),
        ("cv.png", b"\x89PNG\r\n\x1a\n"),
        ("cv.zip", b"PK\x03\x04"),
        ("cv.html", b"<html><body><h1>Maria</h1></body></html>"),
        ("cv", rb"{\rtf1\ansi Maria Schmidt\par}"),
    ],
)
def test_a_file_type_rolemap_cannot_read_is_refused_by_name(tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(InputError, match=rf"{name}: rolemap cannot read .*\.pdf, \.docx, \.md, \.txt"):
        read_resume(path, TODAY)


def test_a_file_without_a_suffix_is_read_by_its_first_bytes(tmp_path):
    source = layouts.one_column_pdf(tmp_path / "dana.pdf")
    path = tmp_path / "dana"
    path.write_bytes(source.read_bytes())
    assert read_resume(path, TODAY).roles[0].start == "2020-03"


def test_a_pdf_role_date_in_a_piece_of_its_own_is_no_page_number():
    """ "09/2019" alone in a piece looks like "page 9 of 2019": a page number is small and at most the
    page count, so a role's dates stay."""
    import datetime as dt

    from rolemap.resume.pdf import Piece, layout_text
    from rolemap.resume.read import from_text

    pieces = [
        Piece(1, 72, 720, "EXPERIENCE", 14, True),
        Piece(1, 72, 700, "Senior Engineer, Acme", 10, True),
        Piece(1, 430, 700, "09/2019", 10, False),
        Piece(1, 470, 700, "–", 10, False),
        Piece(1, 480, 700, "03/2023", 10, False),
        Piece(1, 72, 686, "• Built Kafka pipelines in Scala", 10, False),
        Piece(1, 280, 60, "1/2", 9, False),
    ]
    text = layout_text(pieces)
    roles = from_text(text, "cv.pdf", dt.date(2024, 1, 1)).roles
    assert [(r.start, r.end) for r in roles] == [("2019-09", "2023-03")] and "1/2" not in text
