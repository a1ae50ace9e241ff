"""Real-looking resumes in the common templates, written at test time so no binary fixture lives in git:
a one-column PDF (bold role titles, dates set at the right margin, bullets that wrap, a letter-spaced
heading, a Publications section after the roles), a two-column PDF (a sidebar with skills and education
beside the experience), and a Word resume whose role headers sit in a table (the usual template).

Each PDF is written by hand like text_pdf in files.py (Helvetica and Helvetica-Bold in WinAnsi encoding,
one BT…ET a run of text, as word processors write them), so no PDF-writing library is needed.
EXPECTED says what a reader lists in each: roles with their dates and bullets."""

from __future__ import annotations

from pathlib import Path

BULLET = "\x95"  # WinAnsi •
DASH = "\x96"  # WinAnsi –

Run = tuple[float, float, str, bool, float]  # x, y, text, bold, size


def layout_pdf(path: Path, runs: list[Run]) -> Path:
    return pages_pdf(path, [runs])


def pages_pdf(path: Path, pages: list[list[Run]], encoding: str = "/WinAnsiEncoding") -> Path:
    """A PDF of one page a list of runs (the two fonts shared by every page, in `encoding`)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    fonts = "/Font << /F1 3 0 R /F2 4 0 R >>"
    count = len(pages)
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(count))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>",
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding {encoding} >>",
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding {encoding} >>",
    ]
    for i, runs in enumerate(pages):
        content = "\n".join(
            f"BT /F{2 if bold else 1} {size:g} Tf {x:g} {y:g} Td ({escape(text)}) Tj ET"
            for x, y, text, bold, size in runs
        )
        objects += [
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {6 + 2 * i} 0 R "
            f"/Resources << {fonts} >> >>",
            f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
        ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


class _Page:
    """Runs written top to bottom in one column: x where the column starts, a cursor y."""

    def __init__(self, x: float, y: float = 750, size: float = 10) -> None:
        self.x, self.y, self.size = x, y, size
        self.runs: list[Run] = []

    def text(self, text: str, bold: bool = False, size: float | None = None, dx: float = 0) -> None:
        size = size or self.size
        self.runs.append((self.x + dx, self.y, text, bold, size))
        self.y -= size * 1.3

    def heading(self, text: str) -> None:
        self.y -= 6
        self.text(text, bold=True, size=12)

    def spaced_heading(self, text: str) -> None:
        """Letter-spaced capitals, each letter drawn on its own: "O P E N  S O U R C E"."""
        self.y -= 6
        x = self.x
        for word in text.split():
            for letter in word:
                self.runs.append((x, self.y, letter, True, 11))
                x += 11
            x += 14
        self.y -= 11 * 1.3

    def role(self, title: str, employer: str, dates: str, right: float) -> None:
        self.text(title, bold=True)
        self.runs.append((right, self.y, dates, False, self.size))
        self.text(employer)

    def bullet(self, *lines: str) -> None:
        """A bullet glyph, its text indented, wrapped lines under the text."""
        self.runs.append((self.x, self.y, BULLET, False, self.size))
        for line in lines:
            self.text(line, dx=12)


def one_column_pdf(path: Path) -> Path:
    p = _Page(50)
    p.text("Dana Ortiz", bold=True, size=20)
    p.text("Backend engineer " + DASH + " Berlin " + DASH + " dana@example.org")
    p.heading("EXPERIENCE")
    p.role("Senior Backend Engineer", "Acme Payments, Berlin", "Mar 2020 " + DASH + " Present", 470)
    p.bullet(
        "Implemented authenticated billing APIs in Python, improved query efficiency for a",
        "reporting endpoint, and added test coverage for invoice edge cases",
    )
    p.bullet("Led the migration of the orders service to Kafka, collaborating with the platform team")
    p.role("Backend Developer", "Shoply, Hamburg", "Jan 2017 " + DASH + " Feb 2020", 470)
    p.bullet(
        "Built Flask services for the catalogue and moved their data from MySQL",
        "to PostgreSQL without downtime",
    )
    p.bullet("Maintained Celery workers on AWS")
    p.spaced_heading("OPEN SOURCE")
    p.bullet("Maintainer of a small Redis client library for asyncio")
    p.heading("PUBLICATIONS")
    p.text("Boring payments: idempotency keys in practice, PyCon DE 2019")
    p.heading("SKILLS")
    p.text("Python, Flask, PostgreSQL, Redis, Linux, REST, Docker")
    return layout_pdf(path, p.runs)


def two_column_pdf(path: Path) -> Path:
    side = _Page(36, size=9)
    side.text("Lee Park", bold=True, size=18)
    side.text("lee@example.org")
    side.heading("SKILLS")
    for s in ("Go, Python", "PostgreSQL, Redis", "Kubernetes, Linux", "gRPC, REST"):
        side.text(s)
    side.heading("EDUCATION")
    side.text("BSc Informatics")
    side.text("TU Munich, 2012 " + DASH + " 2016")
    main = _Page(220)
    main.heading("EXPERIENCE")
    main.role("Platform Engineer", "Globex, Munich", "2019 " + DASH + " Present", 500)
    main.bullet("Wrote the Go service that routes 40k requests a second to the billing", "cluster")
    main.bullet("Cut p99 latency from 300 ms to 90 ms by adding a Redis cache layer")
    main.role("Backend Developer", "Initech, Munich", "Jul 2016 " + DASH + " Dec 2018", 500)
    main.bullet("Built Django APIs for the claims team and added test coverage for payouts")
    main.heading("PROJECTS")
    main.bullet("A Kubernetes operator for nightly database backups")
    # the producer writes the page row by row, sidebar and main interleaved, as many do
    runs = sorted(side.runs + main.runs, key=lambda r: (-r[1], r[0]))
    return layout_pdf(path, runs)


def table_docx(path: Path) -> Path:
    """The usual Word template: the name as Title, Heading 1 sections, each role's title, employer and dates
    in a two-cell table row, bullets in List Bullet; education in a table too; one role written as plain
    paragraphs (title, then employer and dates) instead."""
    import docx

    d = docx.Document()
    d.add_paragraph("Sam Rivera", style="Title")
    d.add_paragraph("Backend engineer, Lisbon")
    d.add_paragraph("Experience", style="Heading 1")
    for title, employer, dates, bullets in (
        (
            "Senior Software Engineer",
            "Initrode, Lisbon",
            "Apr 2021 – Present",
            [
                "Designed the event pipeline on Kafka that feeds fraud scoring, replacing nightly batch jobs",
                "Added test coverage for the settlement service and cut its incidents by half",
            ],
        ),
        (
            "Software Engineer",
            "Vandelay Industries, Porto",
            "Sep 2018 – Mar 2021",
            ["Built Flask APIs for the logistics team on PostgreSQL"],
        ),
    ):
        table = d.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.paragraphs[0].add_run(title).bold = True
        left.add_paragraph(employer)
        right.paragraphs[0].add_run(dates)
        for b in bullets:
            d.add_paragraph(b, style="List Bullet")
    d.add_paragraph("Junior Developer").runs[0].bold = True
    d.add_paragraph("Hooli, Porto | 2016 – 2018")
    d.add_paragraph("Wrote PHP scripts that reconciled supplier invoices every night", style="List Bullet")
    d.add_paragraph("Education", style="Heading 1")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].paragraphs[0].add_run("MSc Software Engineering, University of Porto")
    table.rows[0].cells[1].paragraphs[0].add_run("2014 – 2016")
    d.add_paragraph("Skills", style="Heading 1")
    d.add_paragraph("Python, Go, Redis, Linux, REST, Docker")
    d.add_paragraph("Publications", style="Heading 1")
    d.add_paragraph("Rivera, S. Streaming joins at small scale. Lisbon Tech Talks, 2022.")
    d.save(str(path))
    return path
