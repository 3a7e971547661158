"""Plain-text and Markdown files: decoding, binary and size checks, metadata."""

import codecs
import random

import pytest

from allegiance.ingest.readers import (
    RawDocument,
    ReadOptions,
    ReadProblem,
    decode_text,
    read_path,
)

ARABIC = "قالت جبهة النصرة إنها انسحبت من عرسال، وأكدت هيئة تحرير الشام الاتفاق."
FRENCH = "Le Front al-Nosra a annoncé sa séparation d'al-Qaïda à l'été 2016."


def read_one(path, **options) -> RawDocument | ReadProblem:
    items = list(read_path(path, ReadOptions(**options)))
    assert len(items) == 1, items
    return items[0]


def problem_code(item) -> str:
    assert isinstance(item, ReadProblem), item
    return item.error.code


def test_utf8_text_without_header(write):
    doc = read_one(write("notes.txt", "Short title\n\nThe group withdrew from the town.\n"))
    assert doc.text == "Short title\n\nThe group withdrew from the town.\n"
    assert (doc.name, doc.fmt, doc.title, doc.lang) == ("notes", "txt", "Short title", "en")
    assert doc.meta["encoding"] == "utf-8"
    assert doc.meta["body_offset"] == 0


def test_utf8_bom_is_dropped_and_header_read(write):
    doc = read_one(write("a.txt", "\ufefftitle: T\nlang: ar\ndate: 2017-04-12\n\n" + ARABIC))
    assert doc.text == ARABIC
    assert (doc.title, doc.lang, doc.published) == ("T", "ar", "2017-04-12")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_decodes_arabic(write, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    doc = read_one(write("ar.txt", bom + ARABIC.encode(codec)))
    assert doc.text == ARABIC
    assert doc.lang == "ar"


def test_windows_1256_arabic_is_decoded(write):
    doc = read_one(write("ar.txt", ARABIC, encoding="cp1256"))
    assert doc.text == ARABIC
    assert doc.meta["encoding"] == "cp1256"
    assert doc.lang == "ar"


def test_short_windows_1256_arabic_is_decoded(write):
    doc = read_one(write("ar.txt", "جبهة النصرة", encoding="cp1256"))
    assert doc.text == "جبهة النصرة"


def test_latin1_french_is_decoded(write):
    doc = read_one(write("fr.txt", FRENCH, encoding="latin-1"))
    assert doc.text == FRENCH
    assert doc.lang == "fr"


def test_short_latin1_is_not_read_as_central_european(write):
    doc = read_one(write("fr.txt", "Café crème à l'été.", encoding="latin-1"))
    assert doc.text == "Café crème à l'été."


def test_long_windows_1256_with_header(write):
    text = "title: تقرير\nlang: ar\n\n" + (ARABIC + "\n") * 40
    doc = read_one(write("ar.txt", text, encoding="cp1256"))
    assert doc.title == "تقرير"
    assert doc.text == (ARABIC + "\n") * 40


def test_crlf_and_cr_newlines_become_lf(write):
    doc = read_one(write("a.txt", "title: T\r\n\r\nline one\r\nline two\rline three"))
    assert doc.text == "line one\nline two\nline three"
    assert doc.title == "T"


def test_empty_file_is_e101(write):
    item = read_one(write("empty.txt", b""))
    assert problem_code(item) == "E101"
    assert "is empty" in str(item.error)
    assert str(item.error).startswith("[E101] ")


def test_whitespace_only_file_is_e101(write):
    assert problem_code(read_one(write("blank.txt", " \n\t\r\n  "))) == "E101"


def test_header_without_body_is_e101(write):
    item = read_one(write("h.txt", "title: T\nlang: en\n\n   \n"))
    assert problem_code(item) == "E101"
    assert "no text after" in item.error.reason


def test_random_bytes_with_nuls_are_binary_e102(write):
    data = bytes(random.Random(7).randrange(256) for _ in range(4096)) + b"\x00"
    item = read_one(write("random.txt", data))
    assert problem_code(item) == "E102"
    assert item.error.path.endswith("random.txt")


def test_control_characters_without_nuls_are_binary_e102(write):
    item = read_one(write("ctl.txt", bytes(range(1, 32)) * 40 + b"some words"))
    assert problem_code(item) == "E102"
    assert "control characters" in item.error.reason


def test_file_over_the_limit_is_e103_naming_size_and_limit(write):
    path = write("big.txt", "word " * 300)  # 1500 bytes
    item = read_one(path, max_bytes=1000)
    assert problem_code(item) == "E103"
    assert "1500 bytes" in item.error.reason
    assert "1000 bytes" in item.error.reason


def test_size_is_checked_before_reading(write, monkeypatch):
    path = write("big.txt", "word " * 300)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("file was read"))
    assert problem_code(read_one(path, max_bytes=10)) == "E103"


def test_broken_utf16_is_undecodable_e108(write):
    item = read_one(write("odd.txt", codecs.BOM_UTF16_LE + b"a\x00b"))
    assert problem_code(item) == "E108"


def test_broken_utf8_after_a_bom_is_e108(write):
    item = read_one(write("bad.txt", codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe"))
    assert problem_code(item) == "E108"


def test_decode_text_reports_the_encoding():
    assert decode_text("é".encode(), "x") == ("é", "utf-8")
    assert decode_text(codecs.BOM_UTF16_LE + "é".encode("utf-16-le"), "x") == ("é", "utf-16")


def test_markdown_is_kept_verbatim_with_front_matter_read(write):
    md = "---\ntitle: The deal\ndate: 2017-04-12\n---\n# The deal\n\n*Jabhat al-Nusra* and IS.\n"
    doc = read_one(write("deal.md", md))
    assert doc.fmt == "md"
    assert doc.text == "# The deal\n\n*Jabhat al-Nusra* and IS.\n"
    assert (doc.title, doc.published) == ("The deal", "2017-04-12")


def test_markdown_title_sniffed_from_heading(write):
    doc = read_one(write("x.markdown", "# Rivals on the frontier\n\nApril 12, 2017\n\nText."))
    assert doc.title == "Rivals on the frontier"
    assert doc.published == "2017-04-12"
    assert doc.meta["published_source"] == "text"


def test_unparseable_header_date_is_a_warning_not_a_failure(write):
    doc = read_one(write("a.txt", "title: T\ndate: sometime in spring\n\nThe group withdrew."))
    assert doc.published is None
    assert any("sometime in spring" in w for w in doc.meta["warnings"])


def test_unknown_header_lang_falls_back_to_detection_with_a_warning(write):
    doc = read_one(write("a.txt", "lang: klingon\n\n" + ARABIC))
    assert doc.lang == "ar"
    assert doc.meta["lang_source"] == "detected"
    assert doc.meta["warnings"]


def test_extra_header_keys_are_kept_in_meta(write):
    doc = read_one(write("a.txt", "title: T\nauthor: Joel D. Parker\n\nBody."))
    assert doc.meta["header"] == {"author": "Joel D. Parker"}
