"""Resume bombs (issue 19): a DOCX whose zip directory under-states its parts' sizes (it passed the zip-bomb
check, then took about a gigabyte to open), a PDF content stream that decompresses to 100 MB, and a JSON
resume nested 100,000 deep. Each is one clear error, in bounded memory, never a traceback."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from rolemap.errors import InputError
from rolemap.resume.read import read_resume, read_resume_bytes
from tests.cli_runner import run
from tests.resume.files import docx

MB = 2**20


def _peak_bytes(action) -> int:
    tracemalloc.start()
    try:
        action()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def understated_docx(path: Path, unpacked_mb: int) -> Path:
    """A real DOCX whose document.xml really unpacks to `unpacked_mb` MB (its XML, then spaces), while its
    zip directory and local header state the XML's own size and checksum."""
    source = docx(path.with_suffix(".src.docx"), [("Senior engineer, Go and Kafka", None)])
    with zipfile.ZipFile(source) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    xml = parts["word/document.xml"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != "word/document.xml":
                z.writestr(name, data)
        with z.open("word/document.xml", "w", force_zip64=False) as member:
            member.write(xml)
            spaces = b" " * MB
            for _ in range(unpacked_mb):
                member.write(spaces)
    raw = bytearray(buffer.getvalue())
    name = b"word/document.xml"
    local = raw.find(name) - 30  # its local header (the name follows 30 bytes of it)
    assert raw[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", raw, local + 14, zlib.crc32(xml))
    struct.pack_into("<I", raw, local + 22, len(xml))
    central = raw.rfind(name) - 46  # its central directory entry (46 bytes, then the name)
    assert raw[central : central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", raw, central + 16, zlib.crc32(xml))
    struct.pack_into("<I", raw, central + 24, len(xml))
    path.write_bytes(bytes(raw))
    return path


def pdf_bomb(path: Path, unpacked_mb: int) -> Path:
    """A one-page PDF whose content stream is `unpacked_mb` MB of spaces, FlateDecode-compressed."""
    packer = zlib.compressobj(9)
    block = b" " * MB
    stream = b"".join([*(packer.compress(block) for _ in range(unpacked_mb)), packer.flush()])
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


def test_a_docx_that_understates_its_sizes_is_refused_in_bounded_memory(tmp_path):
    bomb = understated_docx(tmp_path / "cv.docx", unpacked_mb=150)
    assert bomb.stat().st_size < MB  # under the size cap, and its directory says a few kilobytes
    with zipfile.ZipFile(bomb) as z:
        assert sum(i.file_size for i in z.infolist()) < MB  # what the old zip-bomb check summed

    def read() -> None:
        with pytest.raises(InputError, match="more than its zip directory states"):
            read_resume(bomb)

    assert _peak_bytes(read) < 32 * MB  # before: the whole part inflated at once, 150 MB and more


def test_an_honest_docx_still_reads(tmp_path):
    path = docx(tmp_path / "cv.docx", [("Experience", "Heading 1"), ("Acme, Backend Engineer, 2019 - 2023", None),
                                        ("Built the billing service in Go and Kafka for 2M users", "List Bullet")])  # fmt: skip
    resume = read_resume(path)
    assert "go" in resume.skills and resume.roles


def test_a_pdf_decompression_bomb_is_one_clear_error(tmp_path):
    bomb = pdf_bomb(tmp_path / "cv.pdf", unpacked_mb=100)
    with pytest.raises(InputError, match="decompression bomb"):
        read_resume(bomb)


def test_a_json_resume_nested_100k_deep_is_one_clear_error(tmp_path):
    deep = tmp_path / "cv.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match="nested too deeply"):
        read_resume(deep)
    also = tmp_path / "cv2.json"
    also.write_text('{"work": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}")
    with pytest.raises(InputError, match="nested too deeply"):
        read_resume(also)


def test_the_cli_prints_one_line_not_a_traceback(tmp_path):
    deep = tmp_path / "cv.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    bomb = pdf_bomb(tmp_path / "cv.pdf", unpacked_mb=100)
    for path in (deep, bomb):
        r = run("resume", "read", path)
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, r.stderr


def test_a_run_of_odd_spaces_in_a_resume_reads_in_linear_time():
    """A run of control spaces (\\x1f, which text normalising keeps) made the LinkedIn-length pattern rescan
    the run from every place in it: 20,000 of them took 18 s. Twice the run may take at most 2.5 times as
    long, plus 0.1 s (measured again once on a busy machine)."""
    import time

    def seconds(n: int) -> float:
        data = f"## Experience\nSenior Engineer, Acme (2019 - 2023)\nAcme{chr(0x1F) * n}x\n".encode()
        start = time.perf_counter()
        read_resume_bytes(data, Path("cv.md"))
        return time.perf_counter() - start

    seconds(10)  # the taxonomy's automaton built outside the timing
    for _ in range(2):
        small, large = seconds(4_000), seconds(8_000)
        if large <= 2.5 * small + 0.1:
            break
    assert large <= 2.5 * small + 0.1, f"{small:.3f} s for 4,000, {large:.3f} s for 8,000"
