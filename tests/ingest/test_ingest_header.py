"""The key: value header of our .txt files, dates, and datelines."""

import json

import pytest

from allegiance.ingest.header import (
    find_date,
    normalise_date,
    parse_header,
    sniff_front_matter,
)
from allegiance.ingest.readers import read_path


def test_header_splits_metadata_body_and_offset():
    text = "url: http://example.org/a\ntitle: A: B\nlang: en\ndate: 2014-12\n\nBody starts.\n"
    meta, body, offset = parse_header(text)
    assert meta == {"url": "http://example.org/a", "title": "A: B", "lang": "en",
                    "date": "2014-12"}
    assert body == "Body starts.\n"
    assert text[offset:] == body


def test_body_keeps_its_own_leading_blank_lines():
    text = "title: T\n\n\n\nFirst line"
    _, body, offset = parse_header(text)
    assert body == "\n\nFirst line"
    assert offset == len("title: T\n\n")


def test_text_without_header_is_all_body():
    text = "Why did ISIS and al-Nusra strike a deal?\n\nThe recent agreement ..."
    assert parse_header(text) == ({}, text, 0)


def test_an_opening_note_is_not_mistaken_for_a_header():
    text = "Note: this report was updated.\n\nThe group withdrew."
    assert parse_header(text) == ({}, text, 0)


def test_a_block_that_stops_matching_before_the_blank_line_is_not_a_header():
    text = "title: T\nThe article starts here without a blank line.\n\nMore."
    assert parse_header(text) == ({}, text, 0)


def test_markdown_front_matter():
    text = "---\ntitle: \"Deal\"\ndate: 2017-04-12\ntags:\n  - a\n---\n# Deal\n"
    meta, body, offset = parse_header(text)
    assert meta["title"] == "Deal"
    assert meta["date"] == "2017-04-12"
    assert body == "# Deal\n"
    assert text[offset:] == body


def test_dev_files_headers_and_gold_evidence_line_up(dev_dir):
    """The body is exactly what the gold's evidence strings and offsets refer to."""
    texts = sorted(dev_dir.glob("*.txt"))
    assert len(texts) >= 2
    for path in texts:
        raw = path.read_text(encoding="utf-8")
        meta, body, offset = parse_header(raw)
        assert {"url", "title", "lang", "date"} <= meta.keys(), path.name
        assert raw[offset:] == body
        assert not body.startswith(("url:", "title:", "lang:", "date:"))
        gold = path.with_name(path.stem + ".gold.json")
        if gold.exists():
            for claim in json.loads(gold.read_text(encoding="utf-8"))["claims"]:
                assert claim["evidence"] in body, (path.name, claim["evidence"])


def test_tel_aviv_note_reads_with_its_header(dev_dir):
    path = dev_dir / "tel-aviv-notes-2014-nusra-is-frontier.txt"
    if not path.exists():
        pytest.skip("dev file renamed")
    [doc] = read_path(path)
    assert doc.name == "tel-aviv-notes-2014-nusra-is-frontier"
    assert doc.title.startswith("An Alliance between Jabhat al-Nusra and the Islamic State")
    assert doc.url == "http://www.dayan.org/tel-aviv-notes"
    assert doc.published == "2014-12"
    assert doc.lang == "en"
    assert doc.text.startswith("\n\nAn Alliance between")
    assert doc.text.find("Despite reports") == 110
    assert doc.meta["body_offset"] == path.read_text(encoding="utf-8").find(doc.text)


def test_center_note_placeholder_url_is_none_and_header_lang_wins(dev_dir):
    path = dev_dir / "center-note-2017-isis-nusra-deal.txt"
    if not path.exists():
        pytest.skip("dev file renamed")
    [doc] = read_path(path)
    assert doc.url is None  # the header says "url: unknown"
    assert doc.published == "2017-04-12"
    assert doc.lang == "en" and doc.meta["lang_source"] == "metadata"
    assert doc.text.startswith("أخبار المركز")  # the page's Arabic menu is part of the text
    assert "The recent agreement between leaders of ISIS" in doc.text


@pytest.mark.parametrize(("value", "expected"), [
    ("2014", "2014"),
    ("2014-12", "2014-12"),
    ("2014-1", "2014-01"),
    ("2014-12-15", "2014-12-15"),
    ("2017-04-12T10:00:00+02:00", "2017-04-12"),
    ("2014-12-15Z", "2014-12-15"),
    ("D:20170412103000+02'00'", "2017-04-12"),
    ("D:2017", "2017"),
    ("20170412", "2017-04-12"),
    ("2017/4/12", "2017-04-12"),
    ("12 April 2017", "2017-04-12"),
    ("April 12, 2017", "2017-04-12"),
    ("Sept. 3rd, 2015", "2015-09-03"),
    ("Apr 2017", "2017-04"),
    ("Wed, 12 Apr 2017 10:00:00 GMT", "2017-04-12"),
    ("12 أبريل، 2017", "2017-04-12"),
    ("١٢ نيسان ٢٠١٧", "2017-04-12"),
    ("كانون الثاني 2015", "2015-01"),
    ("31/12/2017", "2017-12-31"),
    ("03/04/2017", None),  # day or month first? not guessed
    ("2017-02-30", None),
    ("2014-13", None),
    ("soon", None),
    ("", None),
    (None, None),
])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_find_date_takes_the_earliest_date_in_a_line():
    assert find_date("Posted 3 May 2016, updated 2016-06-01") == "2016-05-03"
    assert find_date("No date here, only 2016.") is None


def test_sniff_title_and_dateline_from_a_headerless_text():
    body = "\n# Why did ISIS and al-Nusra Front Strike a Deal?\n\n12 أبريل، 2017\n\nThe deal ..."
    assert sniff_front_matter(body) == {
        "title": "Why did ISIS and al-Nusra Front Strike a Deal?",
        "published": "2017-04-12",
    }


def test_sniff_ignores_dates_in_long_lines_and_beyond_five_lines():
    long_line = "In April 12, 2017 fighters of the group " + "advanced " * 20
    assert "published" not in sniff_front_matter("Title\n" + long_line)
    late = "\n".join(["Title", "a", "b", "c", "d", "12 April 2017"])
    assert "published" not in sniff_front_matter(late)


def test_sniff_skips_an_overlong_first_line_as_title():
    assert "title" not in sniff_front_matter("word " * 60 + "\nsecond")
