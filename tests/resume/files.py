"""Resume files made at test time: a text PDF, a scanned (image-only) PDF, an encrypted PDF, a DOCX,
a damaged DOCX and a zip bomb, so no binary fixture needs to live in git."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def text_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with a real text layer (Helvetica), offsets in the xref table computed."""
    escaped = [ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for ln in lines]
    content = "BT /F1 10 Tf 40 760 Td 13 TL " + " ".join(f"({ln}) Tj T*" for ln in escaped) + " ET"
    return _pdf(path, content, "/Font << /F1 5 0 R >>")


def scanned_pdf(path: Path) -> Path:
    """A page that only paints a gray image: what a scanner produces, no text to extract."""
    return _pdf(path, "q 500 0 0 700 50 50 cm /Im1 Do Q", "/XObject << /Im1 6 0 R >>")


def _pdf(path: Path, content: str, resources: str) -> Path:
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << {resources} >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x80\x80\x80\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.write_bytes(out.getvalue())
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    with path.open("wb") as f:
        writer.write(f)
    return path


def docx(path: Path, paragraphs: list[tuple[str, str | None]]) -> Path:
    import docx as python_docx

    document = python_docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def damaged_docx(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<not really")
    path.write_bytes(buffer.getvalue())
    return path


def zip_bomb_docx(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (60 * 2**20))
    path.write_bytes(buffer.getvalue())
    return path
