"""Ingest: read files of every supported format into `RawDocument`s.

The readers live in `readers`, the .txt header and date parsing in `header`,
language guessing in `language`; this module only re-exports their public names.
"""

# importing the Parquet module registers its reader (pyarrow is loaded only when used)
from allegiance.ingest import parquet as _parquet  # noqa: F401
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
