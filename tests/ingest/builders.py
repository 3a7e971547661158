"""Test inputs built at test time: minimal PDFs, encrypted PDFs and DOCX files.

No binary fixture is committed: PDFs are written object by object (so we know
exactly what their text layer holds), DOCX files with python-docx. Shared by the
ingest tests, the reader fuzz and the crash tests.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path


def _pdf_literal(text: str) -> bytes:
    """A PDF string literal in WinAnsiEncoding, escaping what the syntax reserves."""
    out = bytearray(b"(")
    for byte in text.encode("cp1252"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


def _pdf_date_literal(value: str) -> bytes:
    return b"(" + value.encode("ascii") + b")"


def build_pdf(
    pages: list[str | None],
    *,
    title: str | None = None,
    creation_date: str | None = None,
    lang: str | None = None,
) -> bytes:
    """A minimal valid PDF: one Helvetica text page per string; None draws a box, no text."""
    objects: list[bytes] = []
    n_pages = len(pages)
    page_ids = [4 + 2 * i for i in range(n_pages)]
    catalog = b"<< /Type /Catalog /Pages 2 0 R"
    if lang:
        catalog += b" /Lang " + _pdf_literal(lang)
    objects.append(catalog + b" >>")
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages))
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    for index, text in enumerate(pages):
        content_id = page_ids[index] + 1
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
        if text is None:
            stream = b"0.5 g 72 600 200 100 re f 0 G 72 500 m 300 500 l S"
        else:
            lines = [b"BT /F1 12 Tf 14 TL 72 720 Td"]
            for line in text.split("\n"):
                lines.append(_pdf_literal(line) + b" Tj T*")
            lines.append(b"ET")
            stream = b"\n".join(lines)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    info_id = None
    if title or creation_date:
        info = b"<<"
        if title:
            info += b" /Title " + _pdf_literal(title)
        if creation_date:
            info += b" /CreationDate " + _pdf_date_literal(creation_date)
        objects.append(info + b" >>")
        info_id = len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """Encrypt with pypdf (RC4, which pypdf can do without the cryptography package)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def build_docx(
    path: Path,
    paragraphs: list[str],
    *,
    title: str | None = None,
    created: datetime | None = None,
    table: list[list[str]] | None = None,
) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if title is not None:
        document.core_properties.title = title
    if created is not None:
        document.core_properties.created = created
    document.save(path)
    return path
