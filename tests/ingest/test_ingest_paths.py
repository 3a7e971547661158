"""Finding files in folders and dispatching them to readers."""

from pathlib import Path

from allegiance.ingest.readers import (
    READERS,
    RawDocument,
    ReadOptions,
    ReadProblem,
    iter_paths,
    read_all,
    read_path,
    register_reader,
)


def test_every_listed_extension_has_a_reader():
    assert {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".jsonl",
            ".ndjson"} <= READERS.keys()


def test_folders_are_walked_recursively_sorted_skipping_hidden_and_unknown(write, tmp_path):
    for name in ("b.txt", "a.md", "sub/c.html", "sub/deeper/d.jsonl", "sub/notes.csv",
                 ".hidden.txt", ".git/e.txt", "sub/.cache/f.txt", "UPPER.TXT"):
        write(name, "text")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["UPPER.TXT", "a.md", "b.txt", "sub/c.html", "sub/deeper/d.jsonl"]


def test_a_file_named_twice_is_read_once(write, tmp_path):
    path = write("a.txt", "text")
    assert list(iter_paths([path, tmp_path, str(path)])) == [path]


def test_explicit_file_with_unknown_extension_is_e110(write, tmp_path):
    path = write("table.csv", "a,b\n1,2\n")
    assert list(iter_paths([tmp_path])) == []  # silently skipped inside a folder
    [item] = read_all([path])
    assert isinstance(item, ReadProblem)
    assert item.error.code == "E110"
    assert "'.csv'" in item.error.reason and ".txt" in item.error.reason


def test_missing_path_is_e100(tmp_path):
    [item] = read_all([tmp_path / "nope.txt"])
    assert isinstance(item, ReadProblem)
    assert item.error.code == "E100"
    assert "does not exist" in str(item.error)


def test_read_all_mixes_documents_and_problems_without_raising(write, tmp_path, make_pdf):
    write("corpus/1-good.txt", "title: Good\n\nThe group withdrew.")
    write("corpus/2-empty.txt", b"")
    write("corpus/3-binary.txt", b"\x00\xff" * 50)
    write("corpus/4-scan.pdf", make_pdf([None]))
    write("corpus/5-big.md", "word " * 400)
    write("corpus/nested/6-page.html", "<p>Inside a folder.</p>")
    items = list(read_all([tmp_path / "corpus"], ReadOptions(max_bytes=1000)))
    summary = [(Path(i.source_path).name, "ok") if isinstance(i, RawDocument)
               else (Path(i.path).name, i.error.code) for i in items]
    assert summary == [("1-good.txt", "ok"), ("2-empty.txt", "E101"),
                       ("3-binary.txt", "E102"), ("4-scan.pdf", "E106"), ("5-big.md", "E103"),
                       ("6-page.html", "ok")]


def test_read_path_on_a_folder_reads_the_folder(write, tmp_path):
    write("x/a.txt", "one")
    write("x/b.txt", "two")
    assert [d.text for d in read_path(tmp_path / "x")] == ["one", "two"]


def test_registering_a_reader_for_a_new_extension(write, monkeypatch):
    monkeypatch.setitem(READERS, ".rev", READERS[".txt"])  # cleaned up after the test

    @register_reader("REV")
    def read_reversed(path, options):
        for doc in READERS[".txt"](path, options):  # noqa: B023
            doc.text = doc.text[::-1]
            yield doc

    monkeypatch.setitem(READERS, ".rev", read_reversed)
    [doc] = read_path(write("a.rev", "abc"))
    assert doc.text == "cba"
