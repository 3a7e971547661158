"""PDF files: text layer, metadata, and the ways a PDF can fail."""

from allegiance.ingest.readers import RawDocument, ReadOptions, ReadProblem, read_path


def read_one(path, **options):
    items = list(read_path(path, ReadOptions(**options)))
    assert len(items) == 1, items
    return items[0]


def code_of(item):
    assert isinstance(item, ReadProblem), item
    return item.error.code


def test_pdf_text_and_metadata(write, make_pdf):
    data = make_pdf(
        ["Jabhat al-Nusra (JN) said\nthe caf\u00e9 was closed.", "Second page text."],
        title="Frontier report",
        creation_date="D:20141215103000+02'00'",
        lang="en-GB",
    )
    doc = read_one(write("report.pdf", data))
    assert isinstance(doc, RawDocument)
    assert doc.fmt == "pdf"
    assert "Jabhat al-Nusra (JN) said" in doc.text
    assert "caf\u00e9 was closed." in doc.text
    assert "Second page text." in doc.text
    assert (doc.title, doc.published, doc.lang) == ("Frontier report", "2014-12-15", "en")
    assert doc.meta["pages"] == 2
    start = doc.meta["page_starts"][1]
    assert doc.text[start:].startswith("Second page text.")
    assert doc.text[start - 2 : start] == "\n\n"


def test_pdf_with_some_blank_pages_keeps_the_text_pages(write, make_pdf):
    doc = read_one(write("mixed.pdf", make_pdf([None, "Only this page has text."])))
    assert doc.text.strip() == "Only this page has text."
    assert doc.meta["pages"] == 2


def test_corrupt_pdf_bytes_are_e104(write):
    item = read_one(write("corrupt.pdf", b"%PDF-1.4\n1 0 obj << /Type /Cat"))
    assert code_of(item) == "E104"
    assert item.error.path.endswith("corrupt.pdf")


def test_truncated_pdf_is_e104(write, make_pdf):
    data = make_pdf(["Some text"])
    assert code_of(read_one(write("cut.pdf", data[: len(data) // 3]))) == "E104"


def test_text_file_named_pdf_is_e104(write):
    assert code_of(read_one(write("notes.pdf", "just some notes, not a PDF"))) == "E104"


def test_encrypted_pdf_is_e105(write, make_pdf, make_encrypted_pdf):
    data = make_encrypted_pdf(make_pdf(["Secret text"]), user_password="s3cret")
    item = read_one(write("locked.pdf", data))
    assert code_of(item) == "E105"
    assert "encrypted" in item.error.reason


def test_pdf_encrypted_with_an_empty_user_password_is_read(write, make_pdf, make_encrypted_pdf):
    data = make_encrypted_pdf(make_pdf(["Readable despite encryption"]), user_password="")
    doc = read_one(write("owner-only.pdf", data))
    assert isinstance(doc, RawDocument)
    assert "Readable despite encryption" in doc.text


def test_pdf_without_text_layer_is_e106(write, make_pdf):
    item = read_one(write("scan.pdf", make_pdf([None, None])))
    assert code_of(item) == "E106"
    assert "needs OCR" in str(item.error)
    assert str(item.error).startswith("[E106] ")


def test_empty_pdf_file_is_e101(write):
    assert code_of(read_one(write("zero.pdf", b""))) == "E101"


def test_big_pdf_is_e103(write, make_pdf):
    assert code_of(read_one(write("big.pdf", make_pdf(["x" * 500])), max_bytes=100)) == "E103"
