"""JSONL corpora: one document per line; a bad line is reported and skipped."""

import json

from allegiance.ingest.readers import RawDocument, ReadOptions, ReadProblem, read_path


def lines(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                     for r in records) + "\n"


def test_jsonl_reads_every_good_line_and_reports_the_bad_one_by_number(write):
    path = write("corpus.jsonl", lines(
        {"id": "doc-a", "text": "Jabhat al-Nusra withdrew.", "url": "http://x/a",
         "title": "A", "published": "2014-12-15", "lang": "en", "source": "wire"},
        '{"id": "broken", "text": "missing brace"',
        {"text": "قالت جبهة النصرة إنها انسحبت من عرسال.", "date": "12 أبريل 2017"},
    ))
    items = list(read_path(path))
    assert [type(i) for i in items] == [RawDocument, ReadProblem, RawDocument]
    first, problem, third = items
    assert (first.name, first.url, first.title, first.published, first.lang) == (
        "doc-a", "http://x/a", "A", "2014-12-15", "en")
    assert first.source_path == f"{path}#L1"
    assert first.fmt == "jsonl"
    assert first.meta["fields"] == {"source": "wire"}
    assert problem.error.code == "E109"
    assert problem.error.line == 2
    assert str(problem.error).startswith(f"[E109] {path}:2: is not valid JSON")
    assert third.name == "corpus-3"
    assert third.source_path == f"{path}#L3"
    assert (third.lang, third.published) == ("ar", "2017-04-12")


def test_jsonl_missing_or_empty_text_and_non_objects_are_e109(write):
    path = write("c.ndjson", lines({"id": 1}, {"text": "   "}, [1, 2], {"text": 5},
                                   {"id": 7, "text": "ok"}))
    items = list(read_path(path))
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert [(p.error.code, p.error.line) for p in problems] == [
        ("E109", 1), ("E109", 2), ("E109", 3), ("E109", 4)]
    assert "no \"text\"" in problems[0].error.reason
    [doc] = [i for i in items if isinstance(i, RawDocument)]
    assert (doc.name, doc.text) == ("7", "ok")


def test_jsonl_blank_lines_are_skipped_but_still_counted(write):
    path = write("c.jsonl", "\n" + json.dumps({"text": "second line"}) + "\r\n\n")
    [doc] = read_path(path)
    assert doc.name == "c-2"
    assert doc.text == "second line"


def test_jsonl_with_a_bom_and_crlf_text(write):
    path = write("c.jsonl", "\ufeff" + json.dumps({"text": "a\r\nb"}) + "\n")
    [doc] = read_path(path)
    assert doc.text == "a\nb"


def test_jsonl_invalid_utf8_line_is_e109_and_others_read(write):
    good = json.dumps({"text": "fine"}).encode()
    path = write("c.jsonl", good + b"\n" + b'{"text": "caf\xe9"}\n' + good + b"\n")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadProblem", "RawDocument"]
    assert items[1].error.code == "E109" and items[1].error.line == 2


def test_jsonl_limit_applies_per_line(write):
    path = write("c.jsonl", lines({"text": "short"}, {"text": "x" * 500}, {"text": "also short"}))
    items = list(read_path(path, ReadOptions(max_bytes=100)))
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadProblem", "RawDocument"]
    assert items[1].error.code == "E103" and items[1].error.line == 2
    assert items[2].text == "also short"


def test_unparseable_jsonl_date_becomes_a_warning(write):
    [doc] = read_path(write("c.jsonl", lines({"text": "t", "published": "last spring"})))
    assert doc.published is None
    assert doc.meta["warnings"]


def test_empty_and_blank_only_jsonl_are_e101(write):
    for name, content in (("e.jsonl", b""), ("b.jsonl", b"\n \n")):
        [item] = read_path(write(name, content))
        assert isinstance(item, ReadProblem) and item.error.code == "E101"


def test_binary_jsonl_is_e102(write):
    [item] = read_path(write("bin.jsonl", b"\x00\x01\x02" * 100))
    assert isinstance(item, ReadProblem) and item.error.code == "E102"
