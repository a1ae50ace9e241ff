"""PDF resumes from the black-box probe: an AES-encrypted PDF (what Acrobat, Word and Preview write) is
refused as the RC4 ones are, not a traceback; ligature glyphs ("ﬁ", "ﬂ") are their letters; pages past
the 20th are not dropped in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolemap.errors import InputError
from rolemap.resume.read import read_resume
from tests.cli_runner import run
from tests.resume.files import text_pdf
from tests.resume.layouts import BULLET, DASH, pages_pdf

# the encryption dictionary of AES-256 (V 5, R 6): pypdf needs the cryptography package even to try the
# empty password, which rolemap does not install
_AES = (
    b"/Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /O <" + b"00" * 48 + b"> /U <" + b"11" * 48
    + b"> /OE <" + b"22" * 32 + b"> /UE <" + b"33" * 32 + b"> /Perms <" + b"44" * 16 + b"> /CF << /StdCF << "
    b"/CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF >> /ID [<00112233445566778899"
    b"aabbccddeeff> <00112233445566778899aabbccddeeff>]"
)  # fmt: skip


def aes_pdf(path: Path) -> Path:
    plain = text_pdf(path, ["Experience", "Backend Engineer, Acme  2019 - 2023", "- Built the billing API"])
    path.write_bytes(plain.read_bytes().replace(b"/Root 1 0 R", b"/Root 1 0 R " + _AES))
    return path


def test_an_aes_encrypted_pdf_is_refused_as_encrypted(tmp_path):
    path = aes_pdf(tmp_path / "cv.pdf")
    with pytest.raises(InputError, match=r"cv.pdf: the PDF is encrypted; save an unprotected copy$"):
        read_resume(path)
    r = run("resume", "read", path)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr == "error: cv.pdf: the PDF is encrypted; save an unprotected copy\n"


def test_ligature_code_points_are_their_letters(tmp_path):
    encoding = "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [174 /fi 175 /fl 176 /ff] >>"
    runs = [
        (40, 750, "Experience", True, 12),
        (40, 730, f"Platform Engineer, Acme  Jan 2019 {DASH} Present", False, 10),
        (40, 715, BULLET, False, 10),
        (
            52,
            715,
            "Con\xaegured Air\xafow DAGs for the \xaenance data warehouse, cutting sta\xb0 hours",
            False,
            10,
        ),
    ]
    r = read_resume(pages_pdf(tmp_path / "cv.pdf", [runs], encoding))
    [bullet] = r.bullets
    assert bullet.text == "Configured Airflow DAGs for the finance data warehouse, cutting staff hours"
    assert "airflow" in bullet.skills


def test_pages_past_the_twentieth_are_named_in_a_note(tmp_path):
    topics = "consensus caching sharding queues logs clocks gossip leases quorums replicas hashing " * 2
    filler = [[(40, 750, f"Publication: a paper on {topic}", False, 10)] for topic in topics.split()[:21]]
    last = [
        (40, 750, "Experience", True, 12),
        (40, 730, f"Platform Engineer, Acme  Jan 2019 {DASH} Present", False, 10),
        (40, 715, BULLET, False, 10),
        (52, 715, "Built the billing API in Go", False, 10),
    ]
    r = read_resume(pages_pdf(tmp_path / "cv.pdf", [*filler, last]))
    assert "only the first 20 pages of 22 were read" in r.notes[0]
    short = read_resume(pages_pdf(tmp_path / "short.pdf", [last]))
    assert not any("pages" in note for note in short.notes)
