"""Word documents: paragraphs, tables, core properties, corruption."""

from datetime import datetime

from allegiance.ingest.readers import RawDocument, ReadProblem, read_path


def read_one(path):
    items = list(read_path(path))
    assert len(items) == 1, items
    return items[0]


def test_docx_paragraphs_tables_and_properties(tmp_path, make_docx):
    path = make_docx(
        tmp_path / "brief.docx",
        ["Rivals on the frontier", "", "Jabhat al-Nusra and IS clashed near Arsal."],
        title="Frontier brief",
        created=datetime(2014, 12, 15, 8, 0),
        table=[["Group", "Area"], ["Jabhat al-Nusra", "Qalamoun"]],
    )
    doc = read_one(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == (
        "Rivals on the frontier\n\nJabhat al-Nusra and IS clashed near Arsal."
        "\n\nGroup | Area\n\nJabhat al-Nusra | Qalamoun"
    )
    assert (doc.name, doc.fmt, doc.title, doc.published) == (
        "brief", "docx", "Frontier brief", "2014-12-15")
    assert doc.lang == "en"


def test_docx_arabic_text(tmp_path, make_docx):
    doc = read_one(make_docx(tmp_path / "ar.docx", ["قالت جبهة النصرة إنها انسحبت من عرسال."]))
    assert doc.text == "قالت جبهة النصرة إنها انسحبت من عرسال."
    assert doc.lang == "ar"


def test_python_docx_template_date_is_not_a_publication_date(tmp_path, make_docx):
    doc = read_one(make_docx(tmp_path / "plain.docx", ["Text."]))
    assert doc.published is None


def test_truncated_docx_is_e107(tmp_path, make_docx, write):
    data = make_docx(tmp_path / "full.docx", ["Some text"] * 20).read_bytes()
    item = read_one(write("cut.docx", data[: len(data) // 2]))
    assert isinstance(item, ReadProblem)
    assert item.error.code == "E107"


def test_zip_that_is_not_a_docx_is_e107(tmp_path):
    import zipfile

    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    item = read_one(path)
    assert isinstance(item, ReadProblem)
    assert item.error.code == "E107"


def test_docx_without_text_is_e101(tmp_path, make_docx):
    item = read_one(make_docx(tmp_path / "blank.docx", ["", "   "]))
    assert isinstance(item, ReadProblem)
    assert item.error.code == "E101"
