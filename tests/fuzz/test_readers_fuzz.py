"""A bounded fuzz of the readers: whatever bytes a file holds, reading it never raises.

Inputs are valid files of each format with bytes flipped, cut and spliced in,
plus text in several encodings and hostile HTML and JSONL. The promise checked
is the one a long ingest relies on: `read_path` yields documents or numbered
problems naming the file, never an exception, and a document's text is a
non-blank string that a database can store. The number of examples is fixed
(`FUZZ_EXAMPLES`, default 40 per format), which keeps the whole file to a few
seconds; raise it (FUZZ_EXAMPLES=5000) for a long run.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegiance.errors import INPUT_CODES
from allegiance.ingest.readers import RawDocument, ReadOptions, ReadProblem, read_path
from tests.ingest.builders import build_pdf

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
fuzz_settings = settings(max_examples=EXAMPLES, deadline=None, database=None,
                         suppress_health_check=[HealthCheck.too_slow,
                                                HealthCheck.data_too_large])
OPTIONS = ReadOptions(max_bytes=256 * 1024)


def _seed_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Jabhat al-Nusra withdrew from Aarsal in August 2014.")
    document.add_paragraph("قالت جبهة النصرة إنها انسحبت من عرسال.")
    document.core_properties.title = "Aarsal"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SEEDS: dict[str, bytes] = {
    ".txt": b"title: Report\ndate: 2014-08-02\nlang: en\n\nThe Islamic State attacked "
            b"the Lebanese Army in Aarsal.\n",
    ".md": "---\ntitle: T\n---\n# Heading\n\n*Hezbollah* fought \u200fجبهة النصرة\u200f.\n"
           .encode(),
    ".html": b"<!doctype html><html lang=en><head><meta charset=utf-8><title>T</title>"
             b"<meta property='article:published_time' content='2017-04-12'>"
             b"<script>var x='<p>no</p>';</script><style>p{}</style></head><body><nav>menu"
             b"</nav><article><h1>Head</h1><p>Jabhat al-Nusra <b>fought</b> IS.<br>Line"
             b"</p></article></body></html>",
    ".jsonl": b'{"id": "a", "text": "Hezbollah fought the Islamic State.", "published": '
              b'"2017-04-12"}\n{"text": "\\u062c\\u0628\\u0647\\u0629", "lang": "ar"}\n',
    ".pdf": build_pdf(["Jabhat al-Nusra said\nthe town was taken.", "Page two."],
                      title="Report", creation_date="D:20141215103000+02'00'", lang="en"),
}


@pytest.fixture(scope="module")
def docx_seed() -> bytes:
    return _seed_docx()


def mutated(seed: bytes) -> st.SearchStrategy[bytes]:
    """The seed with a few bytes flipped, a run cut out and random bytes spliced in."""

    @st.composite
    def build(draw) -> bytes:
        data = bytearray(seed)
        for _ in range(draw(st.integers(0, 8))):
            if not data:
                break
            where = draw(st.integers(0, len(data) - 1))
            data[where] = draw(st.integers(0, 255))
        if data and draw(st.booleans()):
            start = draw(st.integers(0, len(data) - 1))
            del data[start:start + draw(st.integers(1, 64))]
        if draw(st.booleans()):
            where = draw(st.integers(0, len(data)))
            data[where:where] = draw(st.binary(max_size=64))
        if draw(st.integers(0, 9)) == 0:
            data = data[: draw(st.integers(0, len(data)))]
        return bytes(data)

    return build()


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1256",
             "cp1252", "latin-1", "iso-8859-6", "mac_roman"]
FRAGMENTS = ["جبهة النصرة", "Jabhat al-Nusra", "café", "\u200f", "\u200e", "\x00", "\x01",
             "\r\n", "\r", "\ufeff", "\ud7ff", "\U0001f600", "title: x\n", "date: ?\n\n",
             "<script>", "</p>", "&#0;", "&#xD800;", "]]>", "<!--", "\\u0000"]


@st.composite
def encoded_text(draw) -> bytes:
    """Text of any characters and known fragments, in an encoding that may not fit it."""
    parts = draw(st.lists(st.one_of(st.text(max_size=20), st.sampled_from(FRAGMENTS)),
                          max_size=30))
    text = "".join(parts)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace" if encoding not in ("utf-8", "utf-8-sig")
                       else "surrogatepass")
    if draw(st.booleans()):
        data = draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                                     codecs.BOM_UTF32_LE, b""])) + data
    return data


@st.composite
def html_soup(draw) -> bytes:
    """Markup assembled from tags that open and never close, scripts, entities, metadata."""
    pieces = ["<p>", "</p>", "<div>", "<br>", "<script>", "</script>", "<style>", "</style>",
              "<pre>", "</pre>", "<article>", "<td>", "<table>", "<!--", "-->", "<![CDATA[",
              "<meta charset='cp1256'>", "<meta charset=utf-16>", "<meta charset=nonsense>",
              "<meta name=date content='31/02/2017'>", "<time datetime='yesterday' pubdate>",
              '<script type="application/ld+json">{"datePublished": "20xx"}</script>',
              "<html lang='zz-ZZ'>", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<", ">", "\x00",
              "Hezbollah fought IS.", "جبهة النصرة", "\u200f"]
    parts = draw(st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=10)),
                          max_size=60))
    return "".join(parts).encode("utf-8", errors="surrogatepass")


@st.composite
def jsonl_lines(draw) -> bytes:
    """Good records, records with odd field types, and lines that are not JSON at all."""
    values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                       st.text(max_size=20), st.lists(st.integers(), max_size=3))
    records = st.one_of(
        st.fixed_dictionaries({"text": st.text(max_size=40)},
                              optional={"id": values, "published": values, "date": values,
                                        "lang": values, "title": values, "url": values}),
        st.dictionaries(st.text(max_size=8), values, max_size=4),
        values,
    )
    lines = []
    for item in draw(st.lists(st.one_of(records, st.binary(max_size=30)), max_size=12)):
        if isinstance(item, bytes):
            lines.append(item.replace(b"\n", b" "))
        else:
            lines.append(json.dumps(item).encode())
    if draw(st.booleans()):
        lines.append(b'{"text": "a\\u0000b\\ud800c"}')
    return b"\n".join(lines)


def check_read(path: Path) -> None:
    for item in read_path(path, OPTIONS):
        if isinstance(item, ReadProblem):
            assert item.error.code in INPUT_CODES, item.error
            assert str(path) in str(item.error)
            assert "\n" not in str(item.error)
        else:
            assert isinstance(item, RawDocument)
            assert isinstance(item.text, str) and item.text.strip()
            for value in (item.text, item.title or "", item.url or "", item.name):
                assert "\x00" not in value  # PostgreSQL cannot store NUL
                value.encode("utf-8")  # no lone surrogates: the store writes UTF-8
            assert item.published is None or len(item.published) in (4, 7, 10)


def read_bytes_as(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        check_read(path)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@fuzz_settings
@given(data=st.data())
def test_mutated_files_never_raise(suffix, data):
    read_bytes_as(data.draw(mutated(SEEDS[suffix])), suffix)


@fuzz_settings
@given(data=st.data())
def test_mutated_docx_never_raises(docx_seed, data):
    read_bytes_as(data.draw(mutated(docx_seed)), ".docx")


@fuzz_settings
@given(data=encoded_text(), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_text_in_any_encoding_never_raises(data, suffix):
    read_bytes_as(data, suffix)


@fuzz_settings
@given(data=html_soup())
def test_hostile_html_never_raises(data):
    read_bytes_as(data, ".html")


@fuzz_settings
@given(data=jsonl_lines())
def test_malformed_jsonl_never_raises(data):
    read_bytes_as(data, ".jsonl")


@fuzz_settings
@given(data=st.binary(max_size=2048), suffix=st.sampled_from(
    [".txt", ".md", ".html", ".pdf", ".docx", ".jsonl"]))
def test_random_bytes_never_raise(data, suffix):
    read_bytes_as(data, suffix)
