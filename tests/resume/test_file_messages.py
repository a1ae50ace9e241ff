"""Messages for files that are not what their name says (black-box probe): a Word file named .pdf and a PDF
named .docx say what they really are and how to fix it; a file over the limit gives its real size, not one
rounded down to the limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolemap.errors import InputError
from rolemap.resume.read import read_resume, read_resume_bytes
from tests.resume.files import docx, text_pdf


def test_a_word_file_named_pdf_says_so(tmp_path):
    raw = docx(tmp_path / "cv.docx", [("Senior engineer, Go and Kafka", None)]).read_bytes()
    with pytest.raises(
        InputError, match=r"cv.pdf: this is a Word \(.docx\) or other zip file named .pdf; rename"
    ):
        read_resume_bytes(raw, Path("cv.pdf"))


def test_a_pdf_named_docx_says_so(tmp_path):
    raw = text_pdf(tmp_path / "cv.pdf", ["Experience"]).read_bytes()
    with pytest.raises(InputError, match=r"cv.docx: this is a PDF file named .docx; rename it to .pdf"):
        read_resume_bytes(raw, Path("cv.docx"))


def test_a_file_over_the_limit_gives_its_real_size(tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b" " * int(10.5 * 2**20))
    with pytest.raises(InputError, match=r"big.pdf: 10.5 MB is too large for a resume \(limit 10 MB\)"):
        read_resume(big)
    with pytest.raises(InputError, match=r"big.pdf: 10.5 MB is too large"):
        read_resume_bytes(big.read_bytes(), Path("big.pdf"))
