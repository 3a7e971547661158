"""Ingest: read files of every supported format into `RawDocument`s.

The readers live in `readers`, the .txt header and date parsing in `header`,
language guessing in `language`; this module only re-exports their public names.
"""

from allegiance.ingest.header import normalise_date, parse_header, sniff_front_matter
from allegiance.ingest.language import detect_language, normalise_lang
from allegiance.ingest.readers import (
    READERS,
    RawDocument,
    ReadOptions,
    ReadProblem,
    decode_text,
    iter_paths,
    read_all,
    read_path,
    register_reader,
)

__all__ = [
    "READERS",
    "RawDocument",
    "ReadOptions",
    "ReadProblem",
    "decode_text",
    "detect_language",
    "iter_paths",
    "normalise_date",
    "normalise_lang",
    "parse_header",
    "read_all",
    "read_path",
    "register_reader",
    "sniff_front_matter",
]
