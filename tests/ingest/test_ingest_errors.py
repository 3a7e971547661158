"""The numbered error hierarchy that every stage raises."""

import pickle

import pytest

from allegiance.errors import (
    INPUT_CODES,
    AllegianceError,
    InputError,
    KnowledgeBaseError,
    StoreError,
)


def test_input_error_is_one_line_naming_code_file_and_reason():
    error = InputError("reports/a.pdf", "has no text layer;\n it needs OCR first", code="E106")
    assert str(error) == "[E106] reports/a.pdf: has no text layer; it needs OCR first"
    assert error.code == "E106"
    assert error.path == "reports/a.pdf"
    assert error.reason == "has no text layer; it needs OCR first"
    assert isinstance(error, AllegianceError)


def test_input_error_with_a_line_reads_like_a_compiler_message():
    error = InputError("corpus.jsonl", "is not valid JSON", code="E109", line=12)
    assert str(error) == "[E109] corpus.jsonl:12: is not valid JSON"
    assert error.line == 12


def test_each_class_has_its_own_default_code():
    assert InputError("x", "y").code == "E100"
    assert KnowledgeBaseError("bad").code == "E200"
    assert StoreError("cannot open").code == "E300"
    assert str(StoreError("cannot open")) == "[E300] cannot open"


def test_knowledge_base_error_names_file_and_line():
    error = KnowledgeBaseError("unknown actor type 'militia'", path="actors.yaml", line=7,
                               code="E201")
    assert str(error) == "[E201] actors.yaml:7: unknown actor type 'militia'"
    assert (error.path, error.line) == ("actors.yaml", 7)


@pytest.mark.parametrize("error", [
    InputError("a.txt", "is empty", code="E101"),
    InputError("b.jsonl", "bad", code="E109", line=3),
    KnowledgeBaseError("dup id", path="k.yaml", line=2, code="E202"),
    StoreError("locked", code="E301"),
])
def test_errors_survive_pickling_with_their_code(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.code == error.code


def test_every_reader_code_is_documented():
    assert {f"E{n}" for n in range(100, 112)} <= INPUT_CODES.keys()
